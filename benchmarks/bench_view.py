"""Benchmark reading a result back: JSON (with LanguageTool's fields), the notebook view, diff.

Concatenates the seed articles ``k`` times (``translate=False``), fixes each
document once (not timed), then times, in one process, ``Result.to_dict``
(schema /2: context, sentence and rule object per edit), the same without the
LanguageTool fields (the /1 shape, ``Edit.to_dict`` per edit), ``render_html``
and ``Result.diff``; prints milliseconds per run and per MB of source, so the
ratio between sizes shows whether each is linear in the input.

Usage: python benchmarks/bench_view.py [--sizes 1,4,16] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from newsfix import Result, fix_and_trace
from newsfix.notebook import render_html

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


def best(fn: Callable[[Result], object], r: Result, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(r)
        times.append(time.perf_counter() - t)
    return min(times)


def v1_dict(r: Result) -> dict[str, object]:
    return {"edits": [e.to_dict() for e in r.edits],
            "suggestions": [e.to_dict() for e in r.suggestions]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,4,16", help="copies of the seeds per document")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    print(f"{'copies':>6} {'chars':>9} {'edits':>6} | {'to_dict/2':>10} {'edits/1':>9} "
          f"{'html':>9} {'diff':>9}   ms; ms per MB below")
    for k in (int(s) for s in args.sizes.split(",")):
        doc = "\n\n".join([text] * k)
        r = fix_and_trace(doc, translate=False)
        mb = len(doc.encode()) / 1e6
        row = [best(fn, r, args.repeat)
               for fn in (Result.to_dict, v1_dict, render_html, Result.diff)]
        n = len(r.edits) + len(r.suggestions)
        print(f"{k:>6} {len(doc):>9} {n:>6} | " + " ".join(f"{t * 1e3:>9.1f}" for t in row))
        print(f"{'':>24}| " + " ".join(f"{t * 1e3 / mb:>9.1f}" for t in row))


if __name__ == "__main__":
    main()
