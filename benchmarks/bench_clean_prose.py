#!/usr/bin/env python3
"""Edits per 1,000 words on clean English prose the project did not write (target: under 0.2).

The corpus is ``tests/data/clean_prose/`` (release news, Python
reference documentation, the Python licence page, package READMEs;
sources and licences in its SOURCES.md). Every edit on it is a false
positive. Prints edits per 1,000 words by rule and by kind of prose, then
every edit with its context.

    .venv/bin/python benchmarks/bench_clean_prose.py            # language detected
    .venv/bin/python benchmarks/bench_clean_prose.py --language en   # English rules everywhere
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import newsfix

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "clean_prose"
KINDS = {"news": "news", "docs": "reference documentation", "legal": "legal", "readme": "README"}


def kind_of(path: Path) -> str:
    return KINDS[path.name.split("_", 1)[0]]


def context(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return " ".join(f"…{text[a:start]}[[{text[start:end]}]]{text[end:b]}…".split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--language", default=None, help="force a language (default: detect)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    words = Counter[str]()
    by_rule = Counter[str]()
    by_kind = Counter[str]()
    suggestions = Counter[str]()
    listing = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        kind = kind_of(path)
        words[kind] += len(text.split())
        r = newsfix.fix_and_trace(text, translate=False, language=args.language)
        for e in r.edits:
            rules = [s.rule for s in e.steps] or [e.rule]
            for rule in dict.fromkeys(rules):
                by_rule[rule] += 1
            by_kind[kind] += 1
            listing.append((rules[0], path.name, e.before, e.after,
                            context(text, e.source.start, e.source.end)))
        for s in r.suggestions:
            suggestions[s.rule] += 1
    total = sum(words.values())
    mode = f"language forced to {args.language}" if args.language else "language detected"
    print(f"{len(files)} files, {total} words ({mode}, no translation)\n")
    print("| kind | words | edits | per 1,000 words |")
    print("|---|---|---|---|")
    for kind in sorted(words):
        print(f"| {kind} | {words[kind]} | {by_kind[kind]} | "
              f"{1000 * by_kind[kind] / words[kind]:.2f} |")
    n = sum(by_kind.values())
    print(f"| **all** | {total} | {n} | {1000 * n / total:.2f} |\n")
    print("| rule | edits | per 1,000 words |")
    print("|---|---|---|")
    for rule, k in by_rule.most_common():
        print(f"| {rule} | {k} | {1000 * k / total:.2f} |")
    if suggestions:
        print("\nsuggestions (not applied): "
              + ", ".join(f"{r} {k}" for r, k in suggestions.most_common()))
    print("\nevery edit (rule, file, before → after, context):\n")
    for rule, name, before, after, ctx in sorted(listing):
        print(f"- {rule} {name}: {before!r} → {after!r}  {ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
