#!/usr/bin/env python3
"""newsfix against ftfy's own test cases: same fix, a documented setting apart, or different.

ftfy's test cases are JSON files in its repository (``tests/test-cases/*.json``
of https://github.com/rspeer/python-ftfy, Apache-2.0); commit 74dd045 (ftfy
6.3.1) is copied verbatim, with its licence, into ``tests/data/ftfy_cases/``,
which is the default folder (``tests/test_ftfy_cases.py`` asserts the same
parity case by case):

    .venv/bin/python benchmarks/bench_ftfy_parity.py
    .venv/bin/python benchmarks/bench_ftfy_parity.py /tmp/python-ftfy/tests/test-cases  # newer

Each case with ``"expect": "pass"`` is one ftfy fixes (``ftfy.fix_text(original)
== fixed``; its ``negative`` cases are texts it must leave alone). newsfix runs
its whole pipeline on ``original`` (no translation, language detected) and the
case is counted

* **same** — newsfix's text is ftfy's ``fixed``;
* **setting** — equal once the normalisations newsfix leaves out on purpose
  are applied (``src/newsfix/rules/unicode.py`` ``FTFY_CONFIG``: curly quotes
  kept, ligatures and full-width forms kept, line breaks left to
  NORMALIZE_NEWLINES, no NFC): the difference is a documented setting;
* **different** — anything else; each is listed with the rules that edited it.

``--only-mojibake`` runs FIX_MOJIBAKE alone (``enable_only``) instead of the
pipeline, which separates ftfy parity from what the other rules do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import ftfy

import newsfix
from newsfix.rules.unicode import FTFY_LEFT_OUT

#: ftfy's steps that newsfix leaves out on purpose.
SETTINGS_ONLY = FTFY_LEFT_OUT


def with_settings(text: str) -> str:
    """``text`` with the normalisations newsfix leaves out applied."""
    return ftfy.fix_text(text, SETTINGS_ONLY)


def load_cases(folder: Path) -> list[dict[str, Any]]:
    """Every case of every ``*.json`` file in ``folder``, with its file name."""
    cases = []
    for path in sorted(folder.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    if not cases:
        raise SystemExit(f"{folder}: no ftfy test cases (*.json) here; see --help")
    return cases


def classify(case: dict[str, Any], *, only_mojibake: bool = False) -> tuple[str, str, list[str]]:
    """('same' | 'setting' | 'different', newsfix's text, rules that edited)."""
    options: dict[str, Any] = {"translate": False}
    if only_mojibake:
        options["enable_only"] = {"FIX_MOJIBAKE"}
    r = newsfix.fix_and_trace(case["original"], **options)
    rules = sorted({e.rule for e in r.edits})
    if r.text == case["fixed"]:
        return "same", r.text, rules
    if with_settings(r.text) == with_settings(case["fixed"]):
        return "setting", r.text, rules
    return "different", r.text, rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", type=Path, nargs="?",
                    default=Path(__file__).resolve().parents[1] / "tests" / "data" / "ftfy_cases",
                    help="folder of ftfy's test-cases/*.json (default: tests/data/ftfy_cases)")
    ap.add_argument("--only-mojibake", action="store_true",
                    help="run FIX_MOJIBAKE alone instead of the whole pipeline")
    args = ap.parse_args(argv)
    cases = [c for c in load_cases(args.cases) if c["expect"] == "pass"]
    assert all(ftfy.fix_text(c["original"]) == c["fixed"] for c in cases), "ftfy version?"
    counts = {"same": 0, "setting": 0, "different": 0}
    by_file: dict[str, dict[str, int]] = {}
    rest = []
    for case in cases:
        kind, text, rules = classify(case, only_mojibake=args.only_mojibake)
        counts[kind] += 1
        by_file.setdefault(case["file"], {"same": 0, "setting": 0, "different": 0})[kind] += 1
        if kind == "different":
            rest.append((case, text, rules))
    what = "FIX_MOJIBAKE alone" if args.only_mojibake else "whole pipeline, no translation"
    print(f"ftfy {ftfy.__version__}, newsfix {newsfix.__version__} ({what}); "
          f"{len(cases)} cases ftfy fixes (expect: pass)\n")
    print("| file | cases | same | documented setting | different |")
    print("|---|---|---|---|---|")
    for name, c in sorted(by_file.items()):
        print(f"| {name} | {sum(c.values())} | {c['same']} | {c['setting']} | {c['different']} |")
    print(f"| **all** | {len(cases)} | {counts['same']} | {counts['setting']} | "
          f"{counts['different']} |\n")
    print(f"parity (same or documented setting): {counts['same'] + counts['setting']}"
          f"/{len(cases)}\n")
    for case, text, rules in rest:
        print(f"- {case['file']}: {case['label']}\n    original {case['original']!r}\n"
              f"    ftfy     {case['fixed']!r}\n    newsfix  {text!r}  (rules: "
              f"{', '.join(rules) or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
