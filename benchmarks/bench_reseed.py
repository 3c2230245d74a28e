#!/usr/bin/env python3
"""Untranslated residue on the tune articles damaged afresh: more spots to tune on (issue 10).

    .venv/bin/python benchmarks/bench_reseed.py [--languages 5] [--seed untr7-ext/1]
                                               [--verbose] [--tiers]

The tune split has 178 untranslated spots in 32 documents, one language each. This script
damages every tune clean article again with ``benchmarks.simulate`` (family
``untranslated``) in several languages (``--languages`` of the ten, rotating per article)
under another seed, runs ``newsfix.fix_and_trace(text, language="en", translate=False)``
and scores the edits as ``bench_damage.py`` does: recall, precision, every wrong edit with
its context (``--verbose``: every miss too). ``--tiers`` adds the applied
``STRAY_FOREIGN_WORD`` edits by evidence (whether the document writes the English word
elsewhere; the margin over the next sense; ``alone``: no rival sense). Only tune articles
are read: the held-out split stays unseen.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.simulate import LANGUAGES, devset, simulate  # noqa: E402
from benchmarks.simulate.core import seed_for  # noqa: E402
from benchmarks.simulate.score import Change, judge  # noqa: E402

import newsfix  # noqa: E402

MESSAGE_RE = re.compile(r"([+-][\d.]+) log10 over the next sense(, written (\d+)×)?")


def evidence(message: str) -> tuple[str, str] | None:
    """(seen or unseen, margin bucket) of a ``STRAY_FOREIGN_WORD`` message."""
    m = MESSAGE_RE.search(message)
    if not m:
        return None
    margin = float(m.group(1))
    bucket = "alone" if margin == 3.0 else ">=3" if margin >= 3 else ">=2.5" if margin >= 2.5 \
        else "<2.5"
    return ("seen" if m.group(3) else "unseen", bucket)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--languages", type=int, default=5, help="languages per article (1-10)")
    ap.add_argument("--seed", default="untr7-ext/1", help="seed prefix (not the dev sets')")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--tiers", action="store_true")
    args = ap.parse_args(argv)
    step = max(1, len(LANGUAGES) // max(1, min(args.languages, len(LANGUAGES))))
    total: Counter[str] = Counter()
    tiers: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for k, path in enumerate(devset.clean_articles("tune")):
        if devset.split_of(path.stem) != "tune":
            raise SystemExit(f"{path}: not a tune article")
        ref = path.read_text(encoding="utf-8")
        for lang in [LANGUAGES[(k + i) % len(LANGUAGES)] for i in range(0, len(LANGUAGES), step)]:
            doc = simulate(ref, ["untranslated"], seed_for(args.seed, path.stem, lang), lang)
            if len(doc.spots) < 3:
                continue
            result = newsfix.fix_and_trace(doc.text, language="en", translate=False)
            changes = [Change(e.source.start, e.source.end, e.after, e.rule) for e in result.edits]
            judged = judge(doc.text, doc.spots, changes)
            messages = {(e.source.start, e.source.end): e.message for e in result.edits}
            total["documents"] += 1
            total["spots"] += len(doc.spots)
            total["repaired"] += len(judged.repaired)
            for c in judged.changes:
                total[c.verdict] += 1
                key = evidence(messages.get((c.start, c.end), ""))
                if key is not None:
                    tiers[key][c.verdict] += 1
                if c.verdict != "right":
                    around = doc.text[max(0, c.start - 40):c.end + 30].replace("\n", " ")
                    print(f"{c.verdict.upper()} {path.stem}.{lang} {c.rule}: "
                          f"{doc.text[c.start:c.end]!r} -> {c.after!r} (…{around}…)")
            if args.verbose:
                for s in doc.spots:
                    if s.id not in judged.repaired:
                        a, b = s.span
                        around = doc.text[max(0, a - 30):b + 30].replace("\n", " ")
                        print(f"MISS {path.stem}.{lang} {s.text!r} -> {s.original!r} (…{around}…)")
    edits = total["right"] + total["wrong"] + total["false_positive"]
    if args.tiers:
        for key in sorted(tiers):
            print("STRAY_FOREIGN_WORD", *key, dict(tiers[key]))
    print(f"{total['documents']} documents, {total['spots']} spots: recall "
          f"{total['repaired'] / max(1, total['spots']):.1%}, precision "
          f"{total['right'] / max(1, edits):.1%} ({total['right']} right, {total['wrong']} wrong, "
          f"{total['false_positive']} false positives)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
