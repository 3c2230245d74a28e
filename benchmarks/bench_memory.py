#!/usr/bin/env python3
"""Peak memory and time of one very long document, each size in a fresh process (issue 15).

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1,10,50] [--block-chars N]
                                                [--detector fast]

The document is the clean articles of ``fixtures/clean/`` joined by blank
lines and repeated to each size in MB (UTF-8 bytes). Each size runs in a
child process that reads nothing else: it builds the text, calls
``newsfix.fix_and_trace(text, translate=False, detector=...)`` once and
reports its wall and CPU seconds, the number of edits, the blocks it was cut
into (``FixConfig.block_chars``, :mod:`newsfix.blocks`) and its peak resident
memory (``ru_maxrss``), which includes the interpreter, the tables and the
text itself (its source and fixed copies). ``--block-chars 0`` fixes the
document whole, as before blocks existed. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def document(mb: float) -> str:
    """The clean articles joined by blank lines, repeated to ``mb`` MB of UTF-8."""
    articles = [p.read_text(encoding="utf-8").strip()
                for p in sorted((ROOT / "fixtures" / "clean").glob("clean_*.txt"))]
    unit = "\n\n".join(articles)
    target = int(mb * 1_000_000)
    copies = max(1, -(-target // len(unit.encode("utf-8"))))
    return "\n\n".join([unit] * copies)


def child(mb: float, block_chars: int | None, detector: str) -> None:
    import newsfix

    text = document(mb)
    options = {} if block_chars is None else {"block_chars": block_chars}
    wall, cpu = time.perf_counter(), time.process_time()
    result = newsfix.fix_and_trace(text, translate=False, detector=detector, **options)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    blocks = next((w["message"] for w in result.warnings if w.get("code") == "blocks"), "")
    print(json.dumps({
        "mb": len(text.encode("utf-8")) / 1e6, "chars": len(text), "wall": wall, "cpu": cpu,
        "edits": len(result.edits), "blocks": int(blocks.split(" blocks")[0].split()[-1])
        if blocks else 1,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1,10", help="comma-separated sizes in MB")
    p.add_argument("--block-chars", type=int, default=None,
                   help="FixConfig.block_chars (default: the library's)")
    p.add_argument("--detector", default="fast")
    p.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        child(args.child, args.block_chars, args.detector)
        return 0
    load = os.getloadavg()[0]
    rows = []
    for mb in (float(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(mb), "--detector", args.detector]
        if args.block_chars is not None:
            cmd += ["--block-chars", str(args.block_chars)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"bench_memory: {mb} MB done", file=sys.stderr, flush=True)
    print(f"one document of the clean articles repeated, `{args.detector}` detector, "
          f"translation off, each size in a fresh process; block_chars "
          f"{'default' if args.block_chars is None else args.block_chars}; load average "
          f"{load:.1f} (start) / {os.getloadavg()[0]:.1f} (end)")
    print()
    print("| document | blocks | edits | wall s | CPU s | MB/s (CPU) | peak resident MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['mb']:.1f} MB | {r['blocks']} | {r['edits']} | {r['wall']:.0f} | "
              f"{r['cpu']:.0f} | {r['mb'] / r['cpu']:.3f} | {r['peak_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
