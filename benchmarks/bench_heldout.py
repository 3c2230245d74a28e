#!/usr/bin/env python3
"""Held-out articles: how much closer newsfix brings unseen damaged text to its reference.

For each `fixtures/damaged/heldout/NAME.txt` with `NAME.reference.txt`, the
word-level distance (edit operations over words, difflib) from the input to
the reference and from newsfix's output to the reference, without
translation. "closed" is the share of the distance that newsfix removed;
"worse" counts articles it moved away from the reference. The references
also fix wording no rule targets (calques, spun common words), so 100% is
not reachable. Then the clean articles: edits and suggestions (target 0).

    .venv/bin/python benchmarks/bench_heldout.py
"""

from __future__ import annotations

import difflib
from pathlib import Path

import regex

import newsfix

ROOT = Path(__file__).resolve().parents[1]
WORD_RE = regex.compile(r"\w+|[^\w\s]")


def distance(a: str, b: str) -> int:
    """Words inserted, deleted or replaced to turn ``a`` into ``b``."""
    wa, wb = WORD_RE.findall(a), WORD_RE.findall(b)
    ops = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def main() -> int:
    folder = ROOT / "fixtures" / "damaged" / "heldout"
    print("| article | distance before | after | closed | edits | suggestions |")
    print("|---|---|---|---|---|---|")
    total_before = total_after = worse = 0
    for damaged in sorted(folder.glob("*.txt")):
        if damaged.name.endswith(".reference.txt"):
            continue
        reference = damaged.with_name(damaged.stem + ".reference.txt").read_text("utf-8")
        text = damaged.read_text("utf-8")
        result = newsfix.fix_and_trace(text, translate=False)
        before, after = distance(text, reference), distance(result.text, reference)
        total_before += before
        total_after += after
        worse += after > before
        closed = (before - after) / before if before else 0.0
        print(f"| {damaged.stem} | {before} | {after} | {closed:.0%} | {len(result.edits)} | "
              f"{len(result.suggestions)} |")
    print(f"| **all** | {total_before} | {total_after} | "
          f"{(total_before - total_after) / total_before:.0%} | | |")
    print(f"\narticles moved away from their reference: {worse}")
    edits = suggestions = 0
    clean = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    for path in clean:
        r = newsfix.fix_and_trace(path.read_text("utf-8"), translate=False)
        edits += len(r.edits)
        suggestions += len(r.suggestions)
    print(f"clean articles: {len(clean)}, edits {edits}, suggestions {suggestions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
