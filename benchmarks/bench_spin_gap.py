#!/usr/bin/env python3
"""Why reachable spun words are not restored: where each is lost (issue 11).

    .venv/bin/python benchmarks/bench_spin_gap.py [--split tune|heldout] [--examples N]

For every spun thesaurus word of the split's dev documents (the ``parts`` of
the spin spots, names excluded) whose original is among the written word's
mech-row candidates (bench_damage's *ceiling*), under the devsets' thesaurus
split (``mech_split``), counts the first stage at which it is lost, read on
the lattice of ``SPUN_WORD``'s first round (the text the rule saw):

* ``restored``: the final output has the original there;
* ``not profiled spun``: the damage profile did not call the document spun,
  so ``SPUN_WORD`` never ran;
* ``text moved``: an earlier stage changed the text, so the word could not be
  found in the rule's text (not examined further);
* ``not a candidate``: the lattice has no edge from the written word to the
  original (capitalised mid-sentence, a written word too frequent, the
  candidate as frequent as a function word, or cut by ``MAX_CANDIDATES``);
* ``written wins`` / ``other wins``: the original's posterior is below the
  suggestion level and the written word (or another candidate) holds most of it;
* ``suggested``: posterior between the suggestion and the apply level (the
  gap is not decisive);
* ``guard``: decisive, but a guard kept it a suggestion (one spinnable
  neighbour, a quotation without the same substitution outside);
* ``decided, lost``: decided in the first round but not in the output (a
  later round or a neighbouring decision changed it).

``--examples N`` prints N examples per bucket (tune only: heldout is never read).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_damage import ceiling_tables, changes_of, mech_split, reachable  # noqa: E402
from benchmarks.simulate import devset  # noqa: E402
from benchmarks.simulate.score import judge  # noqa: E402

import newsfix  # noqa: E402
from newsfix.rules import spin  # noqa: E402

BUCKETS = ("restored", "not profiled spun", "text moved", "not a candidate", "written wins",
           "other wins", "suggested", "guard", "decided, lost")


def _first_round(text: str) -> tuple[Any, tuple[tuple[int, int], ...] | None]:
    """Run newsfix on ``text``; the result and the spans of SPUN_WORD's first call (or None)."""
    seen: list[tuple[Any, tuple[tuple[int, int], ...]]] = []
    real = spin.converge

    def spy(analysis: Any, spans: Any) -> Any:
        if not seen:
            seen.append((analysis, tuple(spans)))
        return real(analysis, spans)

    spin.converge = spy  # type: ignore[assignment]
    try:
        result = newsfix.fix_and_trace(text, language="en", translate=False)
    finally:
        spin.converge = real  # type: ignore[assignment]
    if not seen:
        return result, None
    _first_round.analysis = seen[0][0]  # type: ignore[attr-defined]
    return result, seen[0][1]


def bucket(analysis: Any, spans: tuple[tuple[int, int], ...], part: dict[str, Any],
           offset: int) -> tuple[str, str]:
    """The bucket of one missed part and a short note (the best reading there)."""
    a, b = part["span"][0] + offset, part["span"][1] + offset
    if analysis.text[a:b] != part["text"]:
        return "text moved", ""
    original = part["original"].lower()
    readings = spin.document_readings(analysis, list(spans), pool=True)
    here = [r for r in readings if r.start <= a and b <= r.end]
    mine = [r for r in here if r.start == a and r.end == b and r.replacement.lower() == original]
    best = max(here, key=lambda r: r.posterior, default=None)
    note = f"best {best.replacement!r} {best.posterior:.2f}" if best else "no readings"
    if not mine:
        return "not a candidate", note
    p = mine[0].posterior
    note = f"orig {p:.2f}; " + note
    if p < spin.SUGGEST_POSTERIOR:
        total = sum(r.posterior for r in here)
        return ("written wins" if 1 - total >= max((r.posterior for r in here), default=0)
                else "other wins"), note
    if p < spin.APPLY_POSTERIOR:
        return "suggested", note
    decisions, _ = spin._decide(analysis, list(spans), set())
    if any(d.start <= a and b <= d.end and original in d.replacement.lower() for d in decisions):
        return "decided, lost", note
    return "guard", note


def shift(edits: Any, pos: int) -> int:
    """How far earlier stages moved source offset ``pos`` (edits of other rules before it)."""
    return sum(len(e.after) - len(e.before) for e in edits
               if e.source.end <= pos and e.rule != "SPUN_WORD")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args(argv)
    if args.examples and args.split != "tune":
        ap.error("--examples reads the documents: tune only")
    mech, _ = ceiling_tables()
    counts: Counter[str] = Counter()
    by_tier: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    total = 0
    for doc in devset.load(args.split, ["spin", "mixed"]):
        parts = [(s, k, p) for s in doc.spots if s.family == "spin" and s.kind != "name"
                 for k, p in enumerate(s.parts)
                 if p.get("source") == "thesaurus"]
        if not parts:
            continue
        with mech_split(True):
            result, spans = _first_round(doc.damaged)
            judged = judge(doc.damaged, doc.spots, changes_of(result.edits))
            analysis = getattr(_first_round, "analysis", None)
            for s, k, p in parts:
                if not reachable(p["text"], p["original"], mech):
                    continue
                total += 1
                if (s.id, k) in judged.units_repaired:
                    name, note = "restored", ""
                elif spans is None or analysis is None:
                    name, note = "not profiled spun", ""
                else:
                    name, note = bucket(analysis, spans, p, shift(result.edits, p["span"][0]))
                counts[name] += 1
                by_tier[str(p.get("tier", "?"))][name] += 1
                if args.examples and len(examples[name]) < args.examples:
                    a, b = p["span"]
                    ctx = doc.damaged[max(0, a - 40):b + 40].replace("\n", " ")
                    examples[name].append(f"{p['text']!r}->{p['original']!r} [{note}] …{ctx}…")
        _first_round.analysis = None  # type: ignore[attr-defined]
    print(f"split {args.split}: {total} reachable spun thesaurus words (names excluded)")
    for name in BUCKETS:
        tiers = ", ".join(f"tier {t}: {c[name]}" for t, c in sorted(by_tier.items()))
        print(f"  {name:<20}{counts[name]:>6}  ({tiers})")
    for name in BUCKETS:
        for line in examples.get(name, []):
            print(f"[{name}] {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
