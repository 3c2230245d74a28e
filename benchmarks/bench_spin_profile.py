#!/usr/bin/env python3
"""Spin-score separation: the spin profile of clean, spun and otherwise damaged documents.

    .venv/bin/python benchmarks/bench_spin_profile.py [--split tune|heldout]

Scores ``newsfix.profile``'s ``spin`` family (``Result.damage["spin"]``) on
clean text (``fixtures/clean``, ``fixtures/dev/news/clean/<split>``,
``fixtures/dev/spin/clean``, ``fixtures/dev/english/clean``) and on the
split's damaged dev documents: those with spin spots (spin folder and spun
mixed documents) and the rest. A family is damaged from 0.5 with two
fingerprints; clean documents must stay below.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_damage import mech_split  # noqa: E402
from benchmarks.simulate import devset  # noqa: E402

from newsfix.profile import profile_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    args = ap.parse_args(argv)
    clean_paths = [*ROOT.glob("fixtures/clean/*.txt"),
                   *devset.clean_articles(args.split),
                   *ROOT.glob("fixtures/dev/spin/clean/*.txt"),
                   *ROOT.glob("fixtures/dev/english/clean/*.txt")]
    clean = sorted(profile_text(p.read_text(encoding="utf-8")).score("spin")
                   for p in clean_paths)
    spun, other = [], []
    for doc in devset.load(args.split):
        is_spun = any(s.family == "spin" for s in doc.spots)
        with mech_split(is_spun):
            p = profile_text(doc.damaged)
            (spun if is_spun else other).append((p.score("spin"), p.damaged("spin")))
    spun.sort()
    print(f"split {args.split}")
    print(f"clean: {len(clean)} documents, max score {clean[-1]:.2f}")
    print(f"spun: {len(spun)} documents, lowest scores "
          f"{' / '.join(f'{s:.2f}' for s, _ in spun[:3])}; "
          f"{sum(1 for _, d in spun if d)} of {len(spun)} profiled as spun")
    print(f"other damaged: {len(other)} documents, max score {max(s for s, _ in other):.2f}, "
          f"{sum(1 for _, d in other if d)} profiled as spun")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
