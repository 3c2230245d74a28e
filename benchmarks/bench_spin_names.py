#!/usr/bin/env python3
"""Where spun organisation names are lost: names table, candidate, guards, document.

    .venv/bin/python benchmarks/bench_spin_names.py [--split tune|heldout]

For every spun name spot (kind ``name``) of the split's dev documents, under
the devsets' thesaurus split (``mech_split``), counts the first stage at which
the name is lost:

* ``not in tables``: the original is in neither names table
  (``known_names()``: WordNet's and the organisation gazetteer's), so no
  candidate can exist;
* ``no candidate``: :func:`newsfix.rules.spin.match_name` finds nothing (or
  another name) for the written words;
* ``guards``: a candidate, but :func:`newsfix.rules.spin.name_matches`
  rejects it (in the spun-document mode when the document is profiled as spun);
* ``no corroboration``: matched, but ``SPUN_NAME`` did not apply it (a
  two-word name without other evidence of spin);
* ``restored``: ``SPUN_NAME`` restored it.

Prints counts only, no text of the documents.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_damage import mech_split  # noqa: E402
from benchmarks.simulate import devset  # noqa: E402

import newsfix  # noqa: E402
from newsfix.rules import spin  # noqa: E402
from newsfix.text import TextAnalysis  # noqa: E402

STAGES = ("not in tables", "no candidate", "guards", "no corroboration", "restored")


def stage_of(doc: devset.DevDoc, spot: devset.Spot, result: newsfix.Result) -> str:
    """The first stage at which ``spot`` (a spun name) is lost, or ``restored``."""
    original = tuple(spot.original.split())
    if tuple(w.lower() for w in original) not in spin._lower_names():
        return "not in tables"
    if spin.match_name(spot.text.split()) != original:
        return "no candidate"
    a, b = spot.span
    spun = result.damage.get("spin", {}).get("score", 0.0) >= 0.5
    analysis = TextAnalysis(doc.damaged)
    found = [m for m in spin.name_matches(analysis, 0, len(doc.damaged), spun=spun)
             if m[0] <= a and b <= m[1] and m[3] == spot.original]
    if not found:
        return "guards"
    if not any(e.rule == "SPUN_NAME" and e.source.start <= a and b <= e.source.end
               and e.after == spot.original for e in result.edits):
        return "no corroboration"
    return "restored"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    args = ap.parse_args(argv)
    stages: Counter[str] = Counter()
    for doc in devset.load(args.split):
        names = [s for s in doc.spots if s.family == "spin" and s.kind == "name"]
        if not names:
            continue
        with mech_split(True):
            result = newsfix.fix_and_trace(doc.damaged, language="en", translate=False)
            for s in names:
                stages[stage_of(doc, s, result)] += 1
    total = sum(stages.values())
    print(f"split {args.split}: {total} spun names")
    for stage in STAGES:
        print(f"  {stage:17} {stages[stage]:3}  {stages[stage] / max(total, 1):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
