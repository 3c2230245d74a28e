"""Benchmark newsfix's language identification on clean samples and the seed articles.

Runs every installed backend in one process over ``fixtures/languages/<code>/*.txt``
(clean, one language per file) and ``fixtures/seeds/`` (000, 001, 003, 004
English; 002 Bokmål with German page residue, which is left out of the
accuracy and listed separately), and prints accuracy per backend and
condition, Norwegian-reported-as-Danish counts, and speed.

Conditions:
  document       detect_document(paragraphs)[0] against the file's language
  para raw       detect_language(paragraph) on its own
  para raw 40+   the same, paragraphs of at least 40 characters only
  para in doc    detect_document's per-paragraph answer (with inheritance)
  para no-vocab  para raw with the vocabulary second opinion turned off
  prefix N       detect_language(paragraph[:N]) for paragraphs of at least N chars
  prefix N ctx   the same prefix judged inside its document (the inheritance rule)

Usage: python benchmarks/bench_detect.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from newsfix import langid as detect
from newsfix.langid import (
    DETECTORS,
    DetectorUnavailable,
    LanguageGuess,
    count_letters,
    detect_document,
    detect_language,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_LANGUAGES = {"000": "en", "001": "en", "002": "nb", "003": "en", "004": "en"}
# German page residue at the end of seed 002: not Norwegian, not scored.
RESIDUE = {"Details\nOrtKursk, Russland\nQuellen", "Kommentare (0)"}
PREFIXES = (20, 40, 80)
T = TypeVar("T")
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def split_paragraphs(text: str) -> list[str]:
    """Blank-line blocks; a file that is one block of many lines is split into lines."""
    blocks = [b.strip() for b in BLANK_LINE_RE.split(text) if b.strip()]
    if len(blocks) == 1 and blocks[0].count("\n") >= 3:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    return blocks


def load_corpus() -> list[tuple[str, str, list[str]]]:
    """Return (name, language, paragraphs) for every sample and seed."""
    corpus = []
    for path in sorted((ROOT / "fixtures" / "languages").glob("*/*.txt")):
        corpus.append(
            (
                f"{path.parent.name}/{path.name}",
                path.parent.name,
                split_paragraphs(path.read_text(encoding="utf-8")),
            )
        )
    for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        lang = SEED_LANGUAGES[path.name[:3]]
        corpus.append(
            (f"seeds/{path.name[:3]}", lang, split_paragraphs(path.read_text(encoding="utf-8")))
        )
    return corpus


class Tally:
    """Right/total and nb->da counts for one condition."""

    def __init__(self) -> None:
        self.right = 0
        self.total = 0
        self.nb_as_da = 0
        self.errors: Counter[tuple[str, str]] = Counter()

    def add(self, truth: str, guess: str) -> None:
        self.total += 1
        if guess == truth:
            self.right += 1
        else:
            self.errors[(truth, guess)] += 1
            if truth == "nb" and guess == "da":
                self.nb_as_da += 1

    def row(self, name: str) -> str:
        acc = 100.0 * self.right / self.total if self.total else float("nan")
        worst = ", ".join(f"{t}→{g}×{n}" for (t, g), n in self.errors.most_common(4))
        return (
            f"| {name} | {self.right}/{self.total} | {acc:.1f}% | {self.nb_as_da} | "
            f"{worst or '—'} |"
        )


def run_backend(name: str, corpus: list[tuple[str, str, list[str]]], repeat: int) -> list[str]:
    lines = []
    tallies: dict[str, Tally] = {}

    def tally(cond: str) -> Tally:
        return tallies.setdefault(cond, Tally())

    residue: list[str] = []
    for _, lang, paragraphs in corpus:
        doc, per_para = detect_document(paragraphs, detector=name)
        tally("document").add(lang, doc.code)
        for para, in_doc in zip(paragraphs, per_para, strict=True):
            if para in RESIDUE:
                alone = detect_language(para, detector=name)
                residue.append(f"{para!r}: {fmt(in_doc)}; on its own {fmt(alone)}")
                continue
            own = detect_language(para, detector=name)
            tally("para raw").add(lang, own.code)
            if len(para) >= 40:
                tally("para raw 40+").add(lang, own.code)
            tally("para in doc").add(lang, in_doc.code)
            for n in PREFIXES:
                if len(para) >= n:
                    prefix = para[:n]
                    guess = detect_language(prefix, detector=name)
                    tally(f"prefix {n}").add(lang, guess.code)
                    ctx = detect._inherit(guess, doc, count_letters(prefix), prefix)
                    tally(f"prefix {n} ctx").add(lang, ctx.code)

    saved = detect.vocabulary_log_likelihoods
    detect.vocabulary_log_likelihoods = lambda text, langs: dict.fromkeys(langs, 0.0)
    try:
        for _, lang, paragraphs in corpus:
            for para in paragraphs:
                if para not in RESIDUE:
                    tally("para no-vocab").add(lang, detect_language(para, detector=name).code)
    finally:
        detect.vocabulary_log_likelihoods = saved

    order = ["document", "para raw", "para raw 40+", "para in doc", "para no-vocab"]
    order += [f"prefix {n}{s}" for n in PREFIXES for s in ("", " ctx")]
    lines.append(f"### {name}\n")
    lines.append("| condition | right | accuracy | nb→da | errors (truth→guess) |")
    lines.append("|---|---|---|---|---|")
    lines += [tallies[c].row(c) for c in order]
    lines.append("")
    lines.append("Seed 002 residue (per paragraph, in document; and on its own):")
    lines.append("")
    lines += [f"- {r}" for r in residue]
    lines.append("")

    paragraphs = [p for _, _, ps in corpus for p in ps]
    size = sum(len(p.encode("utf-8")) for p in paragraphs)
    elapsed = timed(lambda p: detect_language(p, detector=name), paragraphs, repeat)
    lines.append(
        f"Speed, detect_language per paragraph ({len(paragraphs)} paragraphs, {size / 1e3:.0f} kB,"
        f" best of {repeat}): {1e3 * elapsed / len(paragraphs):.3f} ms/paragraph, "
        f"{size / elapsed / 1e6:.3f} MB/s"
    )
    documents = [ps for _, _, ps in corpus]
    elapsed = timed(lambda ps: detect_document(ps, detector=name), documents, repeat)
    lines.append(
        f"Speed, detect_document ({len(documents)} documents): "
        f"{1e3 * elapsed / len(paragraphs):.3f} ms/paragraph, {size / elapsed / 1e6:.3f} MB/s"
    )
    lines.append("")
    return lines


def fmt(guess: LanguageGuess) -> str:
    alts = ", ".join(f"{c} {p:.2f}" for c, p in guess.alternatives[:3])
    tag = " inherited" if guess.inherited else ""
    return f"{guess.code} {guess.confidence:.2f}{tag} [{alts}]"


def timed(func: Callable[[T], object], items: list[T], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            func(item)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    counts = Counter(lang for _, lang, _ in corpus)
    print(
        f"Corpus: {len(corpus)} documents ({dict(sorted(counts.items()))}), "
        f"{sum(len(ps) for _, _, ps in corpus)} paragraphs\n"
    )
    for name in DETECTORS:
        try:
            start = time.perf_counter()
            detect_language("warm up the model", detector=name)
            load = time.perf_counter() - start
        except DetectorUnavailable as exc:
            print(f"### {name}\n\nskipped: {exc}\n")
            continue
        print(f"(load {name}: {load:.2f} s)\n")
        print("\n".join(run_backend(name, corpus, args.repeat)))
    print(f"python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
