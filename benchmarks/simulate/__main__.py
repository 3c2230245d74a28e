"""Command line of the damage simulators.

    python -m benchmarks.simulate damage --family french [--family glue] [--lang de]
                                         [--seed N] [--json] FILE
    python -m benchmarks.simulate build          # regenerate fixtures/dev/news/damaged/
    python -m benchmarks.simulate check          # verify every annotation file
    python -m benchmarks.simulate split --banned # thesaurus rows the mechanism must not use
    python -m benchmarks.simulate split --stats
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.simulate import FAMILIES, LANGUAGES, devset, simulate, split


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.simulate",
                                 description="damage simulators and dev sets for newsfix")
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("damage", help="damage one file; print the damaged text or JSON")
    d.add_argument("file", type=Path)
    d.add_argument("--family", action="append", choices=list(FAMILIES), required=True)
    d.add_argument("--lang", choices=LANGUAGES)
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--json", action="store_true",
                   help="print {text, reference, spots, ...} instead of the damaged text")
    sub.add_parser("build", help="regenerate fixtures/dev/news/damaged from the clean articles")
    sub.add_parser("check", help="verify the annotations of every dev document")
    s = sub.add_parser("split", help="the sim/mech split of the spin thesaurus")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--banned", action="store_true",
                   help="print the headwords of the rows the mechanism must not use")
    g.add_argument("--mech", action="store_true", help="print the headwords it may use")
    g.add_argument("--stats", action="store_true")
    args = ap.parse_args(argv)

    if args.command == "damage":
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{args.file}: cannot read: {exc}", file=sys.stderr)
            return 2
        try:
            doc = simulate(text, args.family, args.seed, args.lang)
        except ValueError as exc:
            print(f"{args.file}: {exc}", file=sys.stderr)
            return 2
        if args.json:
            out = doc.to_dict()
            out["text"], out["reference"] = doc.text, doc.reference
            print(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            sys.stdout.write(doc.text)
        return 0
    if args.command == "build":
        counts = devset.write()
        print(", ".join(f"{k}: {v} documents" for k, v in counts.items()))
        return 0
    if args.command == "check":
        bad = 0
        total = 0
        for sp in devset.SPLITS:
            for doc in devset.load(sp):
                total += 1
                for problem in devset.check(doc):
                    bad += 1
                    print(f"{doc.id}: {problem}", file=sys.stderr)
        print(f"{total} documents, {bad} problems")
        return 1 if bad else 0
    table = split.load_thesaurus()
    if args.banned or args.mech:
        want = "sim" if args.banned else "mech"
        for h in sorted(table):
            if split.side(h) == want:
                print(h)
        return 0
    sim = sum(1 for h in table if split.side(h) == "sim")
    print(f"{len(table)} rows: {sim} sim (spinner; banned for the mechanism), "
          f"{len(table) - sim} mech; rule: crc32({split.SALT!r} + headword) % 100 "
          f"< {split.SIM_PERCENT} -> sim")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
