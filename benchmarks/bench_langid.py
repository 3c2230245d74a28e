"""Language identification on public sentence data: 26 European languages and Faroese.

One sentence per document, taken from Universal Dependencies treebanks (the
``# text =`` lines of their CoNLL-U files), for every installed backend:
accuracy per language, the mean over the 26 target languages, the confusion
among the Nordic languages, sentences per second, and how well the reported
confidence is calibrated. ``--raw`` adds the backend alone (its own label,
through :func:`newsfix.langid.normalize_code` only) for comparison.

Data (not in the repository). Clone the treebanks below into one folder,
each at the commit named (any later UD release should give similar numbers)::

    mkdir ~/ud && cd ~/ud
    for tb in UD_Norwegian-Bokmaal UD_Norwegian-Nynorsk ...; do
        git clone https://github.com/UniversalDependencies/$tb
    done

or print the exact commands with ``--print-clone-commands``. Licences: every
treebank is CC BY-SA 4.0 except Estonian-EDT, Greek-GDT, Hungarian-Szeged,
Polish-PDB and Ukrainian-IU (CC BY-NC-SA); see each treebank's LICENSE.txt.

Splits. *dev* is what newsfix was tuned and calibrated on; *test* is only
measured. The Norwegian and Icelandic train files are too large for the
copies available when this was built, so ``scripts/build_langid_tables.py``
learnt the Nynorsk and Faroese tables from the first half of their dev
files (Faroese: the train file) and, for Nynorsk and Bokmål, from the
Norwegian Dependency Treebank documents that have no sentence in a dev or
test file (UD's train part); *dev* here is then the second half. Latvian
LVTB's test file was not available either: its dev file's first half is
*dev*, its second half *test*. Faroese has a second test set, the modern
Wikipedia sentences of UD_Faroese-OFT (``fo-oft``), which nothing was tuned on.

Sentences need at least ``--min-letters`` letters (default 20, about four
words) outside e-mail addresses and URLs (which are in no language; newsfix
says ``und`` for a bare URL): shorter ones ("Ja.", "Thanks!") are
undecidable without context,
which is what the per-paragraph inheritance of ``detect_document`` is for;
the "all" column counts every sentence.

Usage::

    python benchmarks/bench_langid.py --ud ~/ud                 # dev and test, both backends
    python benchmarks/bench_langid.py --ud ~/ud --split test --raw
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfix import langid
from newsfix.langid import DETECTORS, DetectorUnavailable, count_letters, normalize_code

#: language -> (treebank, file prefix, commit measured on)
TREEBANKS: dict[str, tuple[str, str, str]] = {
    "nb": ("UD_Norwegian-Bokmaal", "no_bokmaal", "e83586ff8b324f147e767dccd7ed801b3666ca08"),
    "nn": ("UD_Norwegian-Nynorsk", "no_nynorsk", "d332ca7108148ceb6d38859affdc17462bcd9860"),
    "da": ("UD_Danish-DDT", "da_ddt", "85faf86dc39f735722925fb1e822070d83649068"),
    "sv": ("UD_Swedish-Talbanken", "sv_talbanken", "30067217d275233ed460d0c0abafeaf22d63a3d2"),
    "is": ("UD_Icelandic-Modern", "is_modern", "1544211214896c757bde3d09beeb06cfc4c5a965"),
    "de": ("UD_German-GSD", "de_gsd", "297fcf350481058d0737a27f0f8fd03b2eadd67a"),
    "nl": ("UD_Dutch-Alpino", "nl_alpino", "95e374a608d114ec6c6b32f0fbd5f324d29ef286"),
    "fr": ("UD_French-GSD", "fr_gsd", "830e2782304af08b3cc1c9250475343e04274d81"),
    "es": ("UD_Spanish-GSD", "es_gsd", "57c045644664e5c1e169263cc4e3b95e40c078ba"),
    "it": ("UD_Italian-ISDT", "it_isdt", "689c1bf3c7d132903d2196ac69b76a0933c90997"),
    "pt": ("UD_Portuguese-Bosque", "pt_bosque", "5de7ac34028ff6d1718031a4b0ae895717ed8dbe"),
    "pl": ("UD_Polish-PDB", "pl_pdb", "27235e131faed50feb291faed1ff2fa5389a06be"),
    "cs": ("UD_Czech-CAC", "cs_cac", "a89ca01ff717f05692bbf5e70e8e781b5990cc53"),
    "sk": ("UD_Slovak-SNK", "sk_snk", "d1ab58f827508e7c18610b931786f3b4a3a6e1be"),
    "hr": ("UD_Croatian-SET", "hr_set", "54322513ea2a96eae0b974d1702d327d5785078f"),
    "sl": ("UD_Slovenian-SSJ", "sl_ssj", "17011b12eae4e522da4d1eeeffd439085466623c"),
    "fi": ("UD_Finnish-TDT", "fi_tdt", "5e3a88a671ea673fa330e10cc59f54da587a95a7"),
    "et": ("UD_Estonian-EDT", "et_edt", "be5459fbb6edc1523a6f2e4a56df134b4fbbc3a6"),
    "lt": ("UD_Lithuanian-ALKSNIS", "lt_alksnis", "46ffdba3396a793c3f0f47435ff9b7066c9aefa0"),
    "lv": ("UD_Latvian-LVTB", "lv_lvtb", "aaedfc18ee5ff98d93fce737a97f9f9ca272b074"),
    "hu": ("UD_Hungarian-Szeged", "hu_szeged", "8f08ba648e6f6345212a721b7cb1ad78c5924f0e"),
    "ro": ("UD_Romanian-RRT", "ro_rrt", "cc00bf852bc3c19ac345457eef8b3e5665392a72"),
    "ru": ("UD_Russian-GSD", "ru_gsd", "5400f2fd7264b7699727bb61b09f53841899df26"),
    "uk": ("UD_Ukrainian-IU", "uk_iu", "21f641ba6109044ce9aafd4b2cbfa20a4ac6e479"),
    "el": ("UD_Greek-GDT", "el_gdt", "1485f849d5ac7fcafa092a75804b41dbb1a3f194"),
    "en": ("UD_English-EWT", "en_ewt", "15d613d8447b3478787d4c278730a1e48a945efb"),
    "fo": ("UD_Faroese-FarPaHC", "fo_farpahc", "65e3d0ad051167ff508e7b13175deab5ba5d7c09"),
}
#: extra test sets: name -> (language, treebank, file, commit)
EXTRA_TEST: dict[str, tuple[str, str, str, str]] = {
    "fo-oft": ("fo", "UD_Faroese-OFT", "fo_oft-ud-test.conllu",
               "70786cfa4e1755cabc17017e2d90c8d1f238f0a0"),
}  # fmt: skip
#: treebanks whose tables were learnt from the first half of dev: dev = second half
DERIVED_FROM_DEV = {"nb", "nn", "is"}
#: treebanks without a usable test file: dev = first half of dev, test = second half
TEST_FROM_DEV = {"lv"}
TARGETS = tuple(code for code in TREEBANKS if code != "fo")  # the 26 of issue 12
NORDIC = ("nb", "nn", "da", "sv", "is", "fo")


def read_sentences(path: Path) -> list[str]:
    """Return the ``# text =`` lines of a CoNLL-U file."""
    if not path.is_file():
        raise SystemExit(f"missing {path}: clone the treebanks (see --print-clone-commands)")
    with path.open(encoding="utf-8") as handle:
        return [line[9:].strip() for line in handle if line.startswith("# text = ")]


def split_sentences(ud: Path, code: str, split: str) -> list[str]:
    """Return the sentences of ``code``'s treebank in ``split`` ("dev" or "test")."""
    treebank, prefix, _ = TREEBANKS[code]
    folder = ud / treebank
    if code in TEST_FROM_DEV:
        dev = read_sentences(folder / f"{prefix}-ud-dev.conllu")
        half = len(dev) // 2
        return dev[:half] if split == "dev" else dev[half:]
    if split == "dev":
        dev = read_sentences(folder / f"{prefix}-ud-dev.conllu")
        return dev[len(dev) // 2 :] if code in DERIVED_FROM_DEV else dev
    return read_sentences(folder / f"{prefix}-ud-test.conllu")


def datasets(ud: Path, split: str, limit: int,
             languages: Sequence[str] = ()) -> Iterator[tuple[str, str, list[str]]]:
    """Yield (name, language, sentences) for every set of ``split`` (of ``languages``, if any)."""
    for code in TREEBANKS:
        if not languages or code in languages:
            yield code, code, split_sentences(ud, code, split)[:limit]
    if split == "test":
        for name, (code, treebank, filename, _) in EXTRA_TEST.items():
            if not languages or code in languages:
                yield name, code, read_sentences(ud / treebank / filename)[:limit]


@dataclass
class Outcome:
    truth: str
    guess: str
    confidence: float
    letters: int
    text: str = ""


def language_letters(text: str) -> int:
    """Letters outside e-mail addresses, URLs and @handles (which are in no language)."""
    return count_letters(langid._ADDRESS_RE.sub(" ", text))


def run(detect: Callable[[str], tuple[str, float]], sentences: Sequence[str],
        truth: str) -> tuple[list[Outcome], float]:
    """Detect every sentence; return the outcomes and the seconds taken."""
    outcomes = []
    start = time.perf_counter()
    for text in sentences:
        code, confidence = detect(text)
        outcomes.append(Outcome(truth, code, confidence, language_letters(text), text))
    return outcomes, time.perf_counter() - start


def newsfix_detector(name: str) -> Callable[[str], tuple[str, float]]:
    def detect(text: str) -> tuple[str, float]:
        guess = langid.detect_language(text, detector=name)
        return guess.code, guess.confidence

    return detect


def raw_detector(name: str) -> Callable[[str], tuple[str, float]]:
    backend = langid._BACKENDS[name]

    def detect(text: str) -> tuple[str, float]:
        scores = backend(text)
        if not scores:
            return "und", 0.0
        code, prob = max(scores, key=lambda item: item[1])
        return normalize_code(code), prob

    return detect


def accuracy(outcomes: Sequence[Outcome], min_letters: int) -> tuple[float, int]:
    kept = [o for o in outcomes if o.letters >= min_letters]
    if not kept:
        return float("nan"), 0
    return 100.0 * sum(o.guess == o.truth for o in kept) / len(kept), len(kept)


def reliability(outcomes: Sequence[Outcome]) -> list[str]:
    """Rows: confidence bin, sentences, mean confidence, share right."""
    bins = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99),
            (0.99, 1.01))
    rows = []
    for low, high in bins:
        inside = [o for o in outcomes if low <= o.confidence < high]
        if not inside:
            continue
        mean = sum(o.confidence for o in inside) / len(inside)
        right = sum(o.guess == o.truth for o in inside) / len(inside)
        span = f"{low:.2f}–{min(high, 1.0):.2f}"
        rows.append(f"| {span} | {len(inside)} | {mean:.3f} | {right:.3f} |")
    return rows


def report(ud: Path, splits: Sequence[str], detectors: Sequence[str], *, limit: int,
           min_letters: int, raw: bool, languages: Sequence[str] = (),
           show_wrong: bool = False) -> list[str]:
    lines: list[str] = []
    systems: list[tuple[str, Callable[[str], tuple[str, float]]]] = []
    for name in detectors:
        systems.append((name, newsfix_detector(name)))
        if raw:
            systems.append((f"{name} alone", raw_detector(name)))
    for split in splits:
        data = list(datasets(ud, split, limit, languages))
        results: dict[str, dict[str, list[Outcome]]] = {}
        speed: dict[str, float] = {}
        for system, detect in systems:
            detect("warm up the model and the word lists")
            elapsed = 0.0
            count = 0
            for set_name, code, sentences in data:
                outcomes, seconds = run(detect, sentences, code)
                results.setdefault(system, {})[set_name] = outcomes
                elapsed += seconds
                count += len(sentences)
            speed[system] = count / elapsed if elapsed else float("nan")
        lines += [f"### {split} split (at least {min_letters} letters; all: every sentence)", ""]
        lines.append("| language | sentences | " + " | ".join(
            f"{s} | {s} all" for s, _ in systems) + " |")
        lines.append("|---|---|" + "---|---|" * len(systems))
        means: dict[str, list[float]] = {s: [] for s, _ in systems}
        for set_name, _, _ in data:
            cells = []
            kept = 0
            for system, _ in systems:
                outcomes = results[system][set_name]
                acc, kept = accuracy(outcomes, min_letters)
                acc_all, _ = accuracy(outcomes, 0)
                cells.append(f"{acc:.1f} | {acc_all:.1f}")
                if set_name in TARGETS:
                    means[system].append(acc)
            lines.append(f"| {set_name} | {kept} | " + " | ".join(cells) + " |")
        lines.append(f"| **mean of the {len(means[systems[0][0]])}** | | " + " | ".join(
            f"**{sum(m) / max(1, len(m)):.2f}** | " for m in means.values()) + "")
        lines.append("")
        rates = ", ".join(f"{system} {speed[system]:.0f}" for system, _ in systems)
        lines.append(f"Sentences per second (every sentence of the split, one process): {rates}")
        lines.append("")
        for system, _ in systems:
            confusion: Counter[tuple[str, str]] = Counter()
            totals: Counter[str] = Counter()
            for set_name, code, _ in data:
                if code not in NORDIC or set_name != code:
                    continue
                for o in results[system][set_name]:
                    if o.letters >= min_letters:
                        confusion[(code, o.guess)] += 1
                        totals[code] += 1
            others = sorted({g for (_, g) in confusion} - set(NORDIC) - {"no"})
            columns = [*NORDIC, "no"]
            lines.append(f"Nordic confusion, {system} ({split}; rows: truth, %):")
            lines.append("")
            lines.append("| truth | " + " | ".join(columns) + " | other |")
            lines.append("|---|" + "---|" * (len(columns) + 1))
            for truth in NORDIC:
                if not totals[truth]:
                    continue
                cells = [f"{100.0 * confusion[(truth, g)] / totals[truth]:.1f}" for g in columns]
                other = sum(confusion[(truth, g)] for g in others)
                worst = ", ".join(f"{g} {confusion[(truth, g)]}" for g in others
                                  if confusion[(truth, g)])
                cells.append(f"{100.0 * other / totals[truth]:.1f}" + (f" ({worst})" if worst
                                                                       else ""))
                lines.append(f"| {truth} | " + " | ".join(cells) + " |")
            lines.append("")
        for system, _ in systems:
            if system.endswith(" alone"):
                continue
            every = [o for outs in results[system].values() for o in outs if o.letters > 0]
            lines.append(f"Calibration, {system} ({split}; every sentence with a letter):")
            lines.append("")
            lines.append("| confidence | sentences | mean confidence | right |")
            lines.append("|---|---|---|---|")
            lines += reliability(every)
            lines.append("")
        if show_wrong:
            for system, _ in systems:
                lines.append(f"Wrong, {system} ({split}; truth → guess, confidence):")
                lines.append("")
                for set_name, _, _ in data:
                    for o in results[system][set_name]:
                        if o.letters >= min_letters and o.guess != o.truth:
                            lines.append(f"    {set_name}→{o.guess} {o.confidence:.2f}  {o.text}")
                lines.append("")
    return lines


#: (letters, confidence) thresholds compared with the rule in use
RULES = ((20, 0.90), (40, 0.80), (40, 0.90), (40, 0.95), (60, 0.90))
BUCKETS = ((1, 20), (20, 40), (40, 80), (80, 10**9))


def inheritance(ud: Path, split: str, detector: str, limit: int) -> list[str]:
    """Measure the short-text rule: each sentence alone, and inside a document.

    Every sentence is judged (a) alone, (b) inside a document of its own
    language (the paragraph should keep it) and (c) inside a document of
    another language (English; German for English sentences), where it should
    keep its own language too: a foreign quotation, a residue line. Rows:
    length bucket x rule (letters, confidence); the rule in use is
    STRONG_LETTERS/STRONG_CONFIDENCE.
    """
    outcomes: list[tuple[int, str, langid.LanguageGuess, str]] = []
    for _, code, sentences in datasets(ud, split, limit):
        for text in sentences:
            letters = count_letters(text)
            if letters:
                outcomes.append((letters, code, langid.detect_language(text, detector=detector),
                                 text))
    lines = [f"Short-text rule, {detector} ({split}; {len(outcomes)} sentences; "
             "doc = the document's language; 'own' = the sentence's):", "",
             "| letters | alone right | conf ≥ 0.90 when wrong | rule | same-language doc: "
             "right | foreign doc: own kept | foreign doc: right |",
             "|---|---|---|---|---|---|---|"]
    saved = langid.STRONG_LETTERS, langid.STRONG_CONFIDENCE
    try:
        for low, high in BUCKETS:
            inside = [o for o in outcomes if low <= o[0] < high]
            if not inside:
                continue
            wrong = [g for _, c, g, _ in inside if g.code != c]
            alone = 1 - len(wrong) / len(inside)
            confident = sum(g.confidence >= 0.90 for g in wrong) / max(1, len(wrong))
            for letters, confidence in RULES:
                langid.STRONG_LETTERS, langid.STRONG_CONFIDENCE = letters, confidence
                same = foreign_kept = foreign_right = 0
                for n, code, guess, text in inside:
                    doc = langid.LanguageGuess(code, 0.97)
                    same += langid._inherit(guess, doc, n, text).code == code
                    other = langid.LanguageGuess("de" if code == "en" else "en", 0.97)
                    kept = langid._inherit(guess, other, n, text)
                    foreign_kept += kept.code == guess.code
                    foreign_right += kept.code == code
                mark = " (in use)" if (letters, confidence) == saved else ""
                label = f"{low}–{high - 1}" if high < 10**9 else f"{low}+"
                lines.append(f"| {label} | {100 * alone:.1f} | {100 * confident:.0f}% | "
                             f"{letters}/{confidence:.2f}{mark} | {100 * same / len(inside):.1f} | "
                             f"{100 * foreign_kept / len(inside):.1f} | "
                             f"{100 * foreign_right / len(inside):.1f} |")
    finally:
        langid.STRONG_LETTERS, langid.STRONG_CONFIDENCE = saved
    lines.append("")
    return lines


def clone_commands() -> list[str]:
    repos = {tb: commit for tb, _, commit in TREEBANKS.values()}
    repos.update({tb: commit for _, tb, _, commit in EXTRA_TEST.values()})
    return [f"git clone -q https://github.com/UniversalDependencies/{tb} && "
            f"git -C {tb} checkout -q {commit}" for tb, commit in repos.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=os.environ.get("NEWSFIX_UD"),
                        help="folder with the UD_* clones (or $NEWSFIX_UD)")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--detector", action="append", choices=DETECTORS,
                        help="backend (repeatable; default every installed one)")
    parser.add_argument("--limit", type=int, default=1000, help="sentences per language")
    parser.add_argument("--min-letters", type=int, default=20)
    parser.add_argument("--raw", action="store_true", help="also the backends alone")
    parser.add_argument("--inheritance", action="store_true",
                        help="also measure the short-text rule (dev split only)")
    parser.add_argument("--language", action="append", default=[], choices=sorted(TREEBANKS),
                        help="only this language's sets (repeatable; default all)")
    parser.add_argument("--show-wrong", action="store_true",
                        help="list the misread sentences (read tune errors, never heldout ones)")
    parser.add_argument("--print-clone-commands", action="store_true")
    args = parser.parse_args(argv)
    if args.print_clone_commands:
        print("\n".join(clone_commands()))
        return 0
    if args.ud is None:
        parser.error("--ud is required (see --print-clone-commands)")
    detectors = []
    for name in args.detector or DETECTORS:
        try:
            langid.detect_language("warm up", detector=name)
        except DetectorUnavailable as exc:
            print(f"skipped {name}: {exc}")
            continue
        detectors.append(name)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    lines = report(args.ud, splits, detectors, limit=args.limit,
                   min_letters=args.min_letters, raw=args.raw, languages=args.language,
                   show_wrong=args.show_wrong)
    if args.inheritance:
        for name in detectors:
            lines += inheritance(args.ud, "dev", name, min(args.limit, 300))
    print("\n".join(lines))
    print(f"python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
