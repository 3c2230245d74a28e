#!/usr/bin/env python3
"""How well the damage profile tells damaged documents from clean ones, per family (issue 10).

    .venv/bin/python benchmarks/bench_profile.py [--split tune|heldout] [--family F ...]
                                                [--json] [--dev fixtures/dev/news]

For each family, the profile (:mod:`newsfix.profile`) is read on every clean
article of the split, on every clean fixture of ``fixtures/clean`` (tune
split only: they are the project's red-team set) and on every damaged
document of the split that has spots of that family (its own folder and the
mixed documents). The report gives, per family: the mean and maximum score on
clean texts, the median and minimum on damaged ones, how many of each are
profiled *damaged* (``DamageProfile.damaged``: what the repair rules read as
their prior), and the AUC (the probability that a damaged document scores
above a clean one; 1.0 is perfect separation). For the untranslated family
the share of damaged documents whose residue language is the simulated one is
given too.

The profile is read the way the pipeline reads it for the repair stage: on
the text the stage that repairs the family receives (glue: the characters
stage; the others: the repair stage), over the English paragraphs, except
that ``--raw`` reads it on the damaged text as it is.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.simulate import devset  # noqa: E402

from newsfix.profile import FAMILIES, DamageProfile, profile_text  # noqa: E402

#: The families a simulated dev folder stands for (``french`` damages two families).
FOLDER_FAMILIES = {"french": ("apostrophe", "quote"), "untranslated": ("untranslated",),
                   "glue": ("glue",), "case": ("case",), "spin": ("spin",),
                   "literal": ("mt",), "exonym": ("untranslated",)}
#: Spot families of mixed documents → profile families.
SPOT_FAMILIES = {"french": ("apostrophe", "quote"), "untranslated": ("untranslated",),
                 "glue": ("glue",), "case": ("case",), "spin": ("spin",), "literal": ("mt",),
                 "exonym": ("untranslated",)}


#: The stage whose rules read each family (glue is repaired in the characters stage).
READ_AT = {"glue": "characters"}


def stage_profiles(text: str) -> dict[str, DamageProfile]:
    """The profiles the characters and repair stages read (English paragraphs, as pinned)."""
    from newsfix.aligned import AlignedText
    from newsfix.config import FixConfig
    from newsfix.document import Document
    from newsfix.pipeline import Pipeline, read_profile

    config = FixConfig(translate=False, language="en")
    doc = Document(AlignedText(text), config=config)
    doc.language, doc.language_confidence = "en", 1.0
    from newsfix.pipeline import _run_rule, _Suggestions

    out = {}
    for stage in Pipeline.default().stages:
        if stage.run is not None:
            stage.run(doc)
        if stage.name in ("characters", "repair"):
            read_profile(doc)
            out[stage.name] = doc.damage
        if stage.name == "repair":
            break
        sugg = _Suggestions()
        for _ in range(config.max_passes):
            if not any([_run_rule(doc, r, sugg) for r in stage.rules]):
                break
    return out


def _raw(text: str) -> dict[str, DamageProfile]:
    p = profile_text(text)
    return {"characters": p, "repair": p}


def auc(clean: list[float], damaged: list[float]) -> float | None:
    """P(damaged score > clean score), ties counting half."""
    if not clean or not damaged:
        return None
    wins = sum((d > c) + 0.5 * (d == c) for d in damaged for c in clean)
    return wins / (len(clean) * len(damaged))


def summary(clean_all: list[tuple[str, dict[str, DamageProfile]]],
            damaged_all: list[tuple[Any, dict[str, DamageProfile]]], family: str) -> dict[str, Any]:
    stage = READ_AT.get(family, "repair")
    clean = [(n, ps[stage]) for n, ps in clean_all]
    damaged = [(d, ps[stage]) for d, ps in damaged_all]
    cs = [p.score(family) for _, p in clean]
    ds = [p.score(family) for _, p in damaged]
    out: dict[str, Any] = {
        "clean": len(cs), "damaged": len(ds),
        "clean_mean": statistics.fmean(cs) if cs else None, "clean_max": max(cs, default=None),
        "clean_flagged": sum(p.damaged(family) for _, p in clean),
        "damaged_median": statistics.median(ds) if ds else None,
        "damaged_min": min(ds, default=None),
        "damaged_flagged": sum(p.damaged(family) for _, p in damaged),
        "auc": auc(cs, ds),
        "clean_flagged_names": [n for n, p in clean if p.damaged(family)],
    }
    if family == "untranslated":
        out["language_right"] = sum(p[family].language == doc.language for doc, p in damaged)
    return out


def evaluate(split: str, families: Iterable[str], raw: bool, dev: Path) -> dict[str, Any]:
    read = _raw if raw else stage_profiles
    clean_paths = list(devset.clean_articles(split, dev))
    if split == "tune":
        clean_paths += sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    clean = [(p.name, read(p.read_text(encoding="utf-8"))) for p in clean_paths]
    docs = devset.load(split, None, dev)
    profiles = [(d, read(d.damaged)) for d in docs]
    out = {}
    for family in families:
        damaged = []
        for d, p in profiles:
            fams = {f for s in d.spots for f in SPOT_FAMILIES.get(s.family, ())}
            if d.family != "mixed":
                fams = set(FOLDER_FAMILIES.get(d.family, ()))
            if family in fams:
                damaged.append((d, p))
        out[family] = summary(clean, damaged, family)
    return out


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    ap.add_argument("--family", action="append", choices=FAMILIES)
    ap.add_argument("--raw", action="store_true", help="profile the damaged text as it is")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dev", type=Path, default=devset.DEV)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    res = evaluate(args.split, args.family or FAMILIES, args.raw, args.dev)
    if args.json:
        print(json.dumps({"split": args.split, "raw": args.raw, "families": res}, indent=1))
        return 0
    print(f"split {args.split} ({'raw text' if args.raw else 'as the repair stage reads it'})\n")
    print(f"{'family':<14}{'clean':>6}{'mean':>7}{'max':>7}{'flag':>6}{'damaged':>9}"
          f"{'median':>8}{'min':>7}{'flag':>6}{'AUC':>7}")
    for fam, r in res.items():
        print(f"{fam:<14}{r['clean']:>6}{fmt(r['clean_mean']):>7}{fmt(r['clean_max']):>7}"
              f"{r['clean_flagged']:>6}{r['damaged']:>9}{fmt(r['damaged_median']):>8}"
              f"{fmt(r['damaged_min']):>7}{r['damaged_flagged']:>6}{fmt(r['auc']):>7}")
        if r["clean_flagged_names"]:
            print(f"{'':<14}clean flagged: {', '.join(r['clean_flagged_names'])}")
        if "language_right" in r:
            print(f"{'':<14}residue language right in {r['language_right']}/{r['damaged']}")
    print(f"\n{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
