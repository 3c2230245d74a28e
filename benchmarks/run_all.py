#!/usr/bin/env python3
"""Regenerate the benchmark tables of docs/benchmarks.md from the scripts (``make bench``).

    .venv/bin/python benchmarks/run_all.py [--only NAME[,NAME...]] [--list] [--doc PATH]

Each table lives between two markers in the document::

    <!-- bench:NAME -->
    ... replaced wholesale ...
    <!-- /bench:NAME -->

and is replaced by the output of its command (see :data:`BENCHES`), stamped
with the command, the commit measured on (``+dirty`` when the work tree had
uncommitted changes), the date and the machine's load average, so that a stale
figure is visible. Without ``--only``, the affordable set (:data:`DEFAULT`,
a few minutes on two cores) runs; the slow ones (``scaling``; ``batch``, whose
ratios mean something only on an otherwise idle machine) only when named. A
name whose markers are missing from the document is an error that names it
(the others still run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ".venv/bin/python"

#: Name → command (run in the repository root with this interpreter).
BENCHES: dict[str, list[str]] = {
    "first-call": ["benchmarks/bench_first_call.py", "--runs", "3"],
    "speed": ["benchmarks/bench_speed.py", "--articles", "200", "--repeat", "2"],
    "scaling": ["benchmarks/bench_speed.py", "--only-scaling", "--sizes",
                "10000,100000,1000000"],
    "batch": ["benchmarks/bench_batch.py", "--docs", "240", "--workers", "2"],
}
#: What ``make bench`` runs by default.
DEFAULT = ("first-call", "speed")


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT,
                              check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # The document being regenerated does not count: it changes as the tables land.
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".",
                ":!docs/benchmarks.md")
    return head + ("+dirty" if dirty else "")


def block(name: str, output: str, stamp: str) -> str:
    command = " ".join([PY, *BENCHES[name]])
    return (f"<!-- bench:{name} -->\n\n    {command}\n\n{stamp}\n\n{output.strip()}\n\n"
            f"<!-- /bench:{name} -->")


def replace(doc: str, name: str, new: str) -> str:
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->",
                         re.S)
    if not pattern.search(doc):
        raise KeyError(name)
    return pattern.sub(lambda _m: new, doc, count=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated names (default: " + ",".join(DEFAULT) + ")")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = ap.parse_args()
    if args.list:
        for name, cmd in BENCHES.items():
            print(f"{name:12} {' '.join([PY, *cmd])}{'  (default)' if name in DEFAULT else ''}")
        return 0
    names = args.only.split(",") if args.only else list(DEFAULT)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"run_all.py: unknown benchmark(s): {', '.join(unknown)} "
              f"(known: {', '.join(BENCHES)})", file=sys.stderr)
        return 2
    doc = args.doc.read_text(encoding="utf-8")
    missing = [n for n in names if f"<!-- bench:{n} -->" not in doc]
    failed = []
    for name in names:
        if name in missing:
            continue
        load = os.getloadavg()[0]
        print(f"run_all.py: {name} ...", file=sys.stderr, flush=True)
        out = subprocess.run([sys.executable, *BENCHES[name]], capture_output=True, text=True,
                             cwd=ROOT, check=False)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            failed.append(name)
            continue
        stamp = (f"Measured at commit `{commit()}` on "
                 f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, load average "
                 f"{load:.1f} (start) / {os.getloadavg()[0]:.1f} (end) on {os.cpu_count()} CPUs.")
        doc = replace(doc, name, block(name, out.stdout, stamp))
        args.doc.write_text(doc, encoding="utf-8")  # each table as soon as it is measured
    for name in missing:
        print(f"run_all.py: {args.doc} has no '<!-- bench:{name} -->' … "
              f"'<!-- /bench:{name} -->' block; add the two markers where the table goes",
              file=sys.stderr)
    for name in failed:
        print(f"run_all.py: {name} failed (its table is unchanged)", file=sys.stderr)
    return 1 if missing or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
