#!/usr/bin/env python3
"""Rule API v2's shared text analysis against the per-rule regexes before it (issue 9).

    git worktree add --detach /tmp/nf-before dd8be2a   # last commit before Rule API v2
    git worktree add --detach /tmp/nf-after 3fe4857    # Rule API v2, same rules
    .venv/bin/python benchmarks/bench_analysis.py /tmp/nf-before /tmp/nf-after

Each checkout runs in its own fresh process (two versions of one package cannot
share one), alternately, on the same corpus (the clean fixtures and the seeds,
twice), with the ``fast`` detector so that language detection does not drown
the difference; the best of three CPU times is kept and the ratio printed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys, time, glob
sys.path.insert(0, {src!r})
import newsfix
files = sorted(glob.glob({clean!r})) + sorted(glob.glob({seeds!r}))
texts = [open(f, encoding="utf-8").read() for f in files] * 2
for x in texts[:5]:
    newsfix.fix_and_trace(x, translate=False, detector="fast")
best = 1e9
for _ in range(3):
    t = time.process_time()
    for x in texts:
        newsfix.fix_and_trace(x, translate=False, detector="fast")
    best = min(best, time.process_time() - t)
print(sum(len(x.encode()) for x in texts) / 1e6 / best)
"""


def rate(checkout: Path) -> float:
    code = CHILD.format(src=str(checkout / "src"), clean=str(ROOT / "fixtures/clean/*.txt"),
                        seeds=str(ROOT / "fixtures/seeds/*.txt"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


def main() -> None:
    before, after = (Path(a) for a in sys.argv[1:3])
    rows = [(rate(before), rate(after)) for _ in range(2)]
    b = max(r[0] for r in rows)
    a = max(r[1] for r in rows)
    print(f"before (per-rule regexes): {b:.3f} MB/s")
    print(f"after (shared analysis):   {a:.3f} MB/s")
    print(f"ratio after / before:      {a / b:.2f}")


if __name__ == "__main__":
    main()
