"""Measure the layout and character rules on their dev set and on the clean fixtures.

Usage::

    python benchmarks/bench_layout.py [--verbose]

For every damaged file of ``fixtures/damaged/layout`` (language forced from
the file name's prefix, no translation) it runs newsfix with the layout,
character and whitespace rules only and checks each damaged spot annotated
in ``manifest.tsv``; it also compares the whole output with
``NAME.expected.txt``. On ``fixtures/clean`` it runs the same rules and counts
edits and suggestions (false edits: target 0).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from newsfix import fix_and_trace
from newsfix.rules import characters, layout, whitespace

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "damaged" / "layout"
CLEAN = ROOT / "fixtures" / "clean"
RULE_IDS = frozenset(r.id for m in (layout, characters, whitespace) for r in m.RULES)


def run(text: str, language: str):  # type: ignore[no-untyped-def]
    return fix_and_trace(text, translate=False, language=language, enable_only=RULE_IDS)


def repaired(output: str, kind: str, gone: str, expect: str) -> bool:
    gone = gone.replace("\\n", "\n")
    expect = expect.replace("\\n", "\n")
    if kind in ("residue", "title"):
        lines = [ln.strip() for ln in output.split("\n")]
        ok = lines.count(gone.strip()) <= (1 if kind == "title" else 0)
        if kind == "residue" and gone in output and gone.strip() not in lines:
            ok = False  # still glued to a caption
    else:
        ok = gone not in output
    return ok and (not expect or expect in output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every missed spot")
    args = parser.parse_args()

    outputs: dict[str, str] = {}
    exact = 0
    t0 = time.perf_counter()
    files = sorted(p for p in DEV.glob("*.txt") if not p.name.endswith(".expected.txt"))
    for p in files:
        r = run(p.read_text(encoding="utf-8"), p.name.split("_")[0])
        outputs[p.name] = r.text
        expected = p.with_name(p.stem + ".expected.txt").read_text(encoding="utf-8")
        if r.text == expected:
            exact += 1
        elif args.verbose:
            print(f"differs from expected: {p.name}")
    elapsed = time.perf_counter() - t0

    total: Counter[str] = Counter()
    good: Counter[str] = Counter()
    with (DEV / "manifest.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            kind = row["kind"]
            total[kind] += 1
            if repaired(outputs[row["file"]], kind, row["gone"], row.get("expect") or ""):
                good[kind] += 1
            elif args.verbose:
                print(f"missed {kind}: {row['file']}: {row['gone']!r}")

    clean_edits = clean_suggestions = clean_chars = 0
    for p in sorted(CLEAN.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        r = run(text, "en")
        clean_edits += len(r.edits)
        clean_suggestions += len(r.suggestions)
        clean_chars += len(text)
        if args.verbose:
            for e in [*r.edits, *r.suggestions]:
                print(f"false change in {p.name}: {e.rule} {e.before!r} -> {e.after!r}")

    print(f"dev set: {len(files)} damaged files ({DEV.relative_to(ROOT)}), "
          f"{sum(total.values())} annotated spots, {elapsed:.2f} s")
    print(f"{'kind':<10} {'repaired':>9} {'share':>7}")
    for kind in sorted(total):
        print(f"{kind:<10} {good[kind]:>4}/{total[kind]:<4} {good[kind] / total[kind]:>7.0%}")
    all_good, all_total = sum(good.values()), sum(total.values())
    print(f"{'all':<10} {all_good:>4}/{all_total:<4} {all_good / all_total:>7.0%}")
    print(f"outputs equal to NAME.expected.txt: {exact}/{len(files)}")
    print(f"clean fixtures: {len(list(CLEAN.glob('*.txt')))} files, {clean_chars} chars, "
          f"{clean_edits} false edits, {clean_suggestions} false suggestions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
