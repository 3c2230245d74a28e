#!/usr/bin/env python3
"""End-to-end throughput and memory of newsfix against ftfy, on the same text, in one process.

ftfy.fix_text is the peer: the cleanup most users run today, with no
provenance and no language work. newsfix runs its whole pipeline (no
translation) with each detector. Prints MB/s, the ratio to ftfy, time per
stage and the peak memory of the traced result.

    .venv/bin/python benchmarks/bench_pipeline.py [--copies 8]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import ftfy

import newsfix
from newsfix.config import FixConfig
from newsfix.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def corpus(copies: int) -> str:
    files = sorted((ROOT / "fixtures" / "clean").glob("*.txt")) + \
        sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files * copies)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def stage_times(text: str, detector: str) -> dict[str, float]:
    """Wall time of each stage, by running the pipeline with stage hooks timed."""
    pipe = Pipeline.default()
    out: dict[str, float] = {}
    for stage in pipe.stages:
        for rule in stage.rules:
            orig = rule.find

            def timed(doc, _orig=orig, _name=stage.name):
                t = time.perf_counter()
                changes = list(_orig(doc))
                out[_name] = out.get(_name, 0.0) + time.perf_counter() - t
                return changes

            rule.find = timed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    pipe.run(text, FixConfig(translate=False, detector=detector))
    total = time.perf_counter() - t0
    for stage in pipe.stages:  # restore the shared rule instances
        for rule in stage.rules:
            del rule.find
    out["detect+apply+other"] = total - sum(out.values())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    text = corpus(args.copies)
    mb = len(text.encode()) / 1e6
    newsfix.fix(text[:5000], translate=False)  # load tables once, outside the timings
    newsfix.fix(text[:5000], translate=False, detector="fast")
    t_ftfy = best(lambda: ftfy.fix_text(text), args.repeat)
    print(f"input: {mb:.2f} MB, {text.count(chr(10) * 2) + 1} paragraphs\n")
    print("| engine | seconds | MB/s | time / ftfy |")
    print("|---|---|---|---|")
    print(f"| ftfy.fix_text | {t_ftfy:.2f} | {mb / t_ftfy:.2f} | 1.0 |")
    for detector in ("langdetect", "fast"):
        t = best(lambda d=detector: newsfix.fix_and_trace(text, translate=False, detector=d),
                 args.repeat)
        print(f"| newsfix ({detector}) | {t:.2f} | {mb / t:.3f} | {t / t_ftfy:.1f} |")
    print("\nseconds per stage (fast detector):")
    for name, sec in stage_times(text, "fast").items():
        print(f"  {name:<20} {sec:.2f}")
    tracemalloc.start()
    result = newsfix.fix_and_trace(text, translate=False, detector="fast")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak Python memory of one run: {peak / 1e6:.1f} MB "
          f"({peak / len(text):.1f} bytes per input character); "
          f"{len(result.edits)} edits kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
