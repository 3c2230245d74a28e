#!/usr/bin/env python3
"""Import time and first ``fix_and_trace`` in a fresh process (the target: under 1 s).

    .venv/bin/python benchmarks/bench_first_call.py [--runs 3] [--markdown]

Each measurement is a new Python process (``subprocess``) that imports
newsfix, reads one article and runs ``fix_and_trace`` on it once (default
detector, no translation), for two articles: a clean English one
(``fixtures/clean/clean_01_politics.txt``) and a damaged seed
(``fixtures/seeds/004_*.txt``). Three cache states:

* ``warm``: newsfix's cache directory (:func:`newsfix.lexicon.cache_dir`)
  already holds the derived tables, as on any machine after its first run;
* ``cold``: an empty cache directory (the first run on a machine builds it);
* ``off``: ``NEWSFIX_CACHE_DIR=off`` (every table read from its TSV, as
  before the cache existed);
* ``warm, language=en``: warm, with the language given (``language="en"``), so
  that language identification (``newsfix.langid``: langdetect's profiles and
  wordfreq's whole lists of the languages it weighs) is left out.

Wall seconds (median of ``--runs``) and the process's CPU seconds for the
first call (less sensitive to the load of a shared machine; the load average
is printed with the table). The heaviest loads of the call are listed from a
``cProfile`` run in one more process (``--loads``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import newsfix
t1, c1 = time.perf_counter(), time.process_time()
text = open(sys.argv[1], encoding="utf-8").read()
newsfix.fix_and_trace(text, translate=False, language=sys.argv[2] or None)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "first_cpu": c2 - c1}))
"""

LOADS = """
import cProfile, pstats, sys, io
import newsfix
text = open(sys.argv[1], encoding="utf-8").read()
pr = cProfile.Profile()
pr.enable()
newsfix.fix_and_trace(text, translate=False)
pr.disable()
out = io.StringIO()
pstats.Stats(pr, stream=out).sort_stats("cumulative").print_stats(
    "get_frequency_dict|load_profile|cached_table|_read_|_package_rows|_connection")
print(out.getvalue())
"""


def articles() -> list[tuple[str, Path]]:
    return [("clean article (clean_01_politics)", ROOT / "fixtures/clean/clean_01_politics.txt"),
            ("damaged seed (004)", sorted((ROOT / "fixtures/seeds").glob("004_*.txt"))[0])]


def measure(path: Path, cache: str, language: str = "") -> dict[str, float]:
    env = dict(os.environ, NEWSFIX_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), language], capture_output=True,
                         text=True, check=True, cwd=ROOT, env=env)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(runs: int, loads: bool) -> list[tuple[str, str, dict[str, float]]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsfix-cache-") as tmp:
        warm = str(Path(tmp) / "warm")
        for _, path in articles():
            measure(path, warm)  # fills the warm cache
        if loads:
            for name, path in articles():
                out = subprocess.run([sys.executable, "-c", LOADS, str(path)],
                                     capture_output=True, text=True, check=True, cwd=ROOT,
                                     env=dict(os.environ, NEWSFIX_CACHE_DIR=warm))
                print(f"loads of the first call ({name}, warm cache):\n\n{out.stdout}")
        for name, path in articles():
            for state in ("warm", "warm, language=en", "cold", "off"):
                samples = []
                for k in range(runs if state != "cold" else 1):
                    cache = "off" if state == "off" else warm
                    if state == "cold":
                        cache = str(Path(tmp) / f"cold-{name[:5]}-{k}")
                    samples.append(measure(path, cache, "en" if "language" in state else ""))
                rows.append((name, state, {key: statistics.median(s[key] for s in samples)
                                           for key in samples[0]}))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per measurement")
    ap.add_argument("--loads", action="store_true", help="also list the loads of one first call")
    args = ap.parse_args()
    rows = run(args.runs, args.loads)
    load = os.getloadavg()[0]
    print(f"first call in a fresh process (median of {args.runs} runs; cold: 1 run; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs)\n")
    print("| article | cache | import s | first call s | first call CPU s |")
    print("|---|---|---|---|---|")
    for name, state, r in rows:
        print(f"| {name} | {state} | {r['import']:.2f} | {r['first']:.2f} | "
              f"{r['first_cpu']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
