#!/usr/bin/env python3
"""CPU time per MB of the whole pipeline on each adversarial input, against normal news (issue 14).

The inputs are those of the linear-time test (``tests/support/adversarial.py``:
runs of spaces, hyphens, dots, quotes, capitals and NUL, one long line,
one-character lines, right-to-left text with combining marks, invalid bytes,
mojibake, repetition loops, URLs…), each built at about the same size as
ordinary news paragraphs (``news``, the baseline) and fixed once by the whole
pipeline (English forced, so that every English rule runs; no translation),
after a warm-up that loads every table. Prints CPU seconds per MB and the
ratio to news for each input. Target: no input more than 3× slower per MB than
normal news. The test suite proves each case linear by counting operations;
this benchmark says what the constant is, at a size where quadratic work with
a tiny constant would show.

    .venv/bin/python benchmarks/bench_adversarial.py                  # 200 KB each
    .venv/bin/python benchmarks/bench_adversarial.py --chars 1000000  # 1 MB each (slow)
    .venv/bin/python benchmarks/bench_adversarial.py --only news,long_line
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import adversarial  # noqa: E402

from newsfix import fix_and_trace  # noqa: E402

TARGET = 3.0


def seconds_per_mb(name: str, chars: int) -> tuple[int, float]:
    """(size in bytes, CPU seconds per MB) of one pipeline run on input ``name``."""
    data = adversarial.build(name, adversarial.scale_for(name, chars))
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    t0 = time.process_time()
    fix_and_trace(data, adversarial.config_for(None))
    return size, (time.process_time() - t0) / (size / 1e6)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=200_000,
                    help="characters per input (default 200,000)")
    ap.add_argument("--only", default="", help="comma-separated input names (news is always run)")
    args = ap.parse_args(argv)
    names = [n for n in adversarial.INPUTS if n != "news"]
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - set(adversarial.INPUTS)
        if unknown:
            ap.error(f"unknown inputs: {', '.join(sorted(unknown))}")
        names = [n for n in names if n in wanted]
    adversarial.warm_up()
    size, news = seconds_per_mb("news", args.chars)
    print(f"{args.chars:,} characters per input; whole pipeline, English forced, no translation")
    print()
    print("| input | description | KB | CPU s/MB | × news |")
    print("|---|---|---|---|---|")
    print(f"| news | {adversarial.INPUTS['news'].description} | {size / 1e3:.0f} "
          f"| {news:.2f} | 1.00 |")
    worst, over = 0.0, []
    for name in names:
        size, spm = seconds_per_mb(name, args.chars)
        ratio = spm / news
        worst = max(worst, ratio)
        if ratio > TARGET:
            over.append(name)
        print(f"| {name} | {adversarial.INPUTS[name].description} | {size / 1e3:.0f} "
              f"| {spm:.2f} | {ratio:.2f} |", flush=True)
    print()
    print(f"slowest input: {worst:.2f}× news per MB (target: at most {TARGET:.0f}×); "
          f"over target: {', '.join(over) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
