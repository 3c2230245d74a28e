#!/usr/bin/env python3
"""Precision and recall of spin reversal (rules SPUN_NAME, SPUN_WORD) on the dev set.

    .venv/bin/python benchmarks/bench_spin.py

Reads ``fixtures/dev/spin/spun.jsonl`` (``{"spun", "reference"}`` pairs) and
scores applied edits and suggestions word by word against the reference, in
two settings: each sentence alone (the document gate rarely opens on one
sentence) and all sentences as one article. Clean text
(``fixtures/clean/*.txt`` and ``fixtures/dev/spin/clean/*.txt``) must get no
edit and no suggestion from the spin rules.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import regex

from newsfix import fix_and_trace

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "dev" / "spin"
RULES = {"SPUN_NAME", "SPUN_WORD"}
WORD_RE = regex.compile(r"\p{L}+(?:['’]\p{L}+)*|\d+")


def run(text: str):  # type: ignore[no-untyped-def]
    return fix_and_trace(text, enable_only=RULES, language="en", translate=False)


def needed(spun: str, reference: str) -> dict[int, str]:
    """Spun word index → the reference word(s) it should become (only where they differ)."""
    a = [m.group() for m in WORD_RE.finditer(spun)]
    b = [m.group() for m in WORD_RE.finditer(reference)]
    out: dict[int, str] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                out[i1 + k] = b[j1 + k]
        else:
            for k in range(i1, i2):
                out[k] = " ".join(b[j1:j2]) if k == i1 else ""
    return out


def score(spun: str, reference: str, changes: list[tuple[int, int, str]]) -> tuple[int, int, int]:
    """(correct changes, wrong changes, spun words) for changes in spun coordinates."""
    words = list(WORD_RE.finditer(spun))
    need = needed(spun, reference)
    ok = bad = 0
    for start, end, after in changes:
        idx = [k for k, m in enumerate(words) if m.start() >= start and m.end() <= end]
        want = " ".join(x for x in (need.get(k, words[k].group()) for k in idx) if x)
        got = " ".join(m.group() for m in WORD_RE.finditer(after))
        if idx and any(k in need for k in idx) and want == got:
            ok += sum(k in need for k in idx)
        else:
            bad += 1
    return ok, bad, len(need)


def evaluate(pairs: list[tuple[str, str]]) -> dict[str, float]:
    tot = {"edit_ok": 0, "edit_bad": 0, "sugg_ok": 0, "sugg_bad": 0, "spun_words": 0}
    for spun, ref in pairs:
        r = run(spun)
        e = score(spun, ref, [(x.source.start, x.source.end, x.after) for x in r.edits])
        s = score(spun, ref, [(x.source.start, x.source.end, x.after) for x in r.suggestions])
        tot["edit_ok"] += e[0]
        tot["edit_bad"] += e[1]
        tot["sugg_ok"] += s[0]
        tot["sugg_bad"] += s[1]
        tot["spun_words"] += e[2]
    return tot


def report(name: str, t: dict[str, float]) -> None:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "n/a"

    print(f"{name}: spun words {t['spun_words']}; "
          f"edits {t['edit_ok']} right / {t['edit_bad']} wrong "
          f"(precision {ratio(t['edit_ok'], t['edit_ok'] + t['edit_bad'])}, "
          f"recall {ratio(t['edit_ok'], t['spun_words'])}); "
          f"suggestions {t['sugg_ok']} right / {t['sugg_bad']} wrong "
          f"(precision {ratio(t['sugg_ok'], t['sugg_ok'] + t['sugg_bad'])}, "
          f"recall {ratio(t['sugg_ok'], t['spun_words'])})")


def main() -> int:
    rows = [json.loads(line) for line in (DEV / "spun.jsonl").open() if line.strip()]
    pairs = [(r["spun"], r["reference"]) for r in rows]
    report("sentences alone", evaluate(pairs))
    article = ("\n\n".join(p[0] for p in pairs), "\n\n".join(p[1] for p in pairs))
    report("one article", evaluate([article]))
    clean = sorted([*ROOT.glob("fixtures/clean/*.txt"), *DEV.glob("clean/*.txt")])
    fp_edits = fp_sugg = words = 0
    for path in clean:
        text = path.read_text(encoding="utf-8")
        r = run(text)
        words += len(WORD_RE.findall(text))
        fp_edits += len(r.edits)
        fp_sugg += len([s for s in r.suggestions if s.rule in RULES])
        for e in [*r.edits, *r.suggestions]:
            print(f"  false positive in {path.name}: {e.before!r} -> {e.after!r}", file=sys.stderr)
    print(f"clean text: {len(clean)} files, {words} words; "
          f"{fp_edits} edits, {fp_sugg} suggestions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
