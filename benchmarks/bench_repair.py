"""Precision and recall of the English repair rules on the development set.

    python benchmarks/bench_repair.py [--dev fixtures/dev/english/damaged.jsonl] [--verbose]

Each line of the development set is ``{"damaged", "reference", "mechanism"}``.
The damaged text is run through newsfix with only the English repair rules
enabled (``language="en"``, no translation). An applied edit is *right* when
applying it alone to the damaged text brings the text closer to the reference
(character edit distance falls); precision is right / applied, per mechanism
(the rule's category). Recall counts damage units (word-level differences
between damaged and reference) that the output no longer has. Suggestions are
scored the same way but separately. Clean texts (``fixtures/clean`` and
``fixtures/dev/english/clean``) must get zero edits and zero suggestions.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import regex

import newsfix
from newsfix.rules.english import RULES

ROOT = Path(__file__).resolve().parents[1]
IDS = frozenset(r.id for r in RULES)
TOKEN_RE = regex.compile(r"\w+|[^\w\s]")


def distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def damage_units(text: str, reference: str) -> int:
    """Word-level differences between ``text`` and ``reference``."""
    sm = difflib.SequenceMatcher(a=TOKEN_RE.findall(text), b=TOKEN_RE.findall(reference),
                                 autojunk=False)
    return sum(1 for op in sm.get_opcodes() if op[0] != "equal")


def run(text: str) -> Any:
    return newsfix.fix_and_trace(text, language="en", translate=False, enable_only=IDS)


def judge(damaged: str, reference: str, edit: Any) -> bool:
    s, e = edit.source.start, edit.source.end
    alone = damaged[:s] + edit.after + damaged[e:]
    return distance(alone, reference) < distance(damaged, reference)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT / "fixtures/dev/english/damaged.jsonl")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lines = [json.loads(x) for x in args.dev.read_text(encoding="utf-8").splitlines() if x]
    for row in lines:
        d, ref, mech = row["damaged"], row["reference"], row["mechanism"]
        result = run(d)
        st = stats[mech]
        st["lines"] += 1
        units = damage_units(d, ref)
        st["units"] += units
        st["fixed"] += max(0, units - damage_units(result.text, ref))
        st["exact"] += result.text == ref
        for e in result.edits:
            rules = {e.rule, *(s.rule for s in e.steps)}
            ok = judge(d, ref, e)
            for r in rules & IDS:
                st[f"edit:{r}"] += 1
                st[f"right:{r}"] += ok
            st["edits"] += 1
            st["right"] += ok
            if args.verbose and not ok:
                print(f"WRONG {e.rule}: {e.before!r} -> {e.after!r} in {d!r}")
        for sg in result.suggestions:
            ok = judge(d, ref, sg)
            st["sugg"] += 1
            st["sugg_right"] += ok
            if args.verbose and not ok:
                print(f"wrong suggestion {sg.rule}: {sg.before!r} -> {sg.after!r} in {d!r}")
        if args.verbose and result.text != ref:
            print(f"MISS [{mech}] {result.text!r}\n          want {ref!r}")
    print(f"{'mechanism':<14}{'lines':>6}{'edits':>7}{'prec':>8}{'recall':>8}{'exact':>7}"
          f"{'sugg':>6}{'s.prec':>8}")
    for mech, st in sorted(stats.items()):
        prec = st["right"] / st["edits"] if st["edits"] else float("nan")
        rec = st["fixed"] / st["units"] if st["units"] else float("nan")
        sp = st["sugg_right"] / st["sugg"] if st["sugg"] else float("nan")
        print(f"{mech:<14}{st['lines']:>6}{st['edits']:>7}{prec:>8.1%}{rec:>8.1%}"
              f"{st['exact']:>7}{st['sugg']:>6}{sp:>8.1%}")
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for st in stats.values():
        for k, v in st.items():
            if k.startswith("edit:"):
                per_rule[k[5:]][0] += v
            elif k.startswith("right:"):
                per_rule[k[6:]][1] += v
    print("\nper rule (edits, precision):")
    for r, (n, ok) in sorted(per_rule.items()):
        print(f"  {r:<24}{n:>4}{ok / n:>8.1%}")
    clean = sorted((ROOT / "fixtures/clean").glob("*.txt")) + sorted(
        (ROOT / "fixtures/dev/english/clean").glob("*.txt"))
    edits = suggestions = 0
    for path in clean:
        r = run(path.read_text(encoding="utf-8"))
        edits += len(r.edits)
        suggestions += len(r.suggestions)
        for e in [*r.edits, *r.suggestions]:
            print(f"CLEAN {path.name}: {e.rule} {e.before!r} -> {e.after!r}")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in clean)
    print(f"\nclean text: {len(clean)} files, {words} words: {edits} edits, "
          f"{suggestions} suggestions")


if __name__ == "__main__":
    main()
