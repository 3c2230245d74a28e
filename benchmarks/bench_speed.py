#!/usr/bin/env python3
"""Speed of the default pipeline (no translation) against ftfy, same articles, one process.

    .venv/bin/python benchmarks/bench_speed.py [--articles 800] [--repeat 2] [--scaling] [--big]
                                              [--cpu] [--only-throughput] [--floor]

Measures, on a corpus of short English news articles (the clean and seed
fixtures and the development articles, repeated to ``--articles``):

* throughput: ``ftfy.fix_text`` on each article, then ``newsfix.fix_and_trace``
  with each detector (``langdetect``, the default, and ``fast``); the ratio
  is newsfix's throughput over ftfy's (the targets are ≥ 0.5 and ≥ 1.0);
* with ``--floor``: the same articles with every rule but ``REMOVE_BOM`` off
  and the language given (what is left is the pipeline and the result's damage
  report);
* where the time goes: seconds per stage and per rule (the built-in detect
  and translate stages, and everything else: analysis, applying edits,
  building results);
* first call: import time and the first ``fix_and_trace`` in a fresh process
  (the target is under 1 s after import);
* with ``--scaling``: one document of 10 KB, 100 KB, 1 MB and 10 MB and the
  exponent fitted to time ~ size^k (the target is k ≤ 1.1);
* with ``--big``: peak resident memory of a fresh process fixing a 50 MB
  document.

Prints Markdown tables (they go to docs/benchmarks.md with the commit).
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import ftfy

import newsfix
from newsfix.config import FixConfig
from newsfix.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int) -> list[str]:
    """``n`` short English articles from the fixtures, repeated as needed."""
    paths = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    paths += sorted((ROOT / "fixtures" / "dev" / "news" / "clean").rglob("*.txt"))
    paths += sorted((ROOT / "fixtures" / "dev" / "english" / "clean").glob("*.txt"))
    paths += [p for p in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
              if not p.name.startswith("002")]  # English seeds only
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return [texts[k % len(texts)] for k in range(n)]


#: The throughput clock: wall time, or this process's CPU time with ``--cpu`` (on a shared
#: machine the CPU time moves less with the load).
CLOCK = time.perf_counter


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = math.inf
    for _ in range(repeat):
        t = CLOCK()
        fn()
        best = min(best, CLOCK() - t)
    return best


#: The floor (``--floor``): every rule but one off and the language given, so what is left
#: is the pipeline itself and the result's damage report (all seven families per document).
FLOOR = FixConfig(translate=False, language="en", enable_only=frozenset({"REMOVE_BOM"}))


def throughput(docs: list[str], repeat: int, floor: bool = False) -> list[tuple[str, float]]:
    mb = sum(len(d.encode()) for d in docs) / 1e6
    rows = [("ftfy.fix_text", mb / timed(lambda: [ftfy.fix_text(d) for d in docs], repeat))]
    configs = [(f"newsfix ({detector})", FixConfig(translate=False, detector=detector))
               for detector in ("langdetect", "fast")]
    if floor:
        configs.append(("newsfix floor (REMOVE_BOM only, language=en)", FLOOR))
    for name, cfg in configs:
        rate = mb / timed(lambda c=cfg: [newsfix.fix_and_trace(d, c) for d in docs], repeat)
        rows.append((name, rate))
    return rows


def profile_rules(docs: list[str], detector: str) -> dict[str, float]:
    """Seconds per rule and per built-in stage over ``docs``."""
    pipe = Pipeline.default()
    out: dict[str, float] = defaultdict(float)
    originals = []
    for stage in pipe.stages:
        for rule in stage.rules:
            orig = rule.find
            originals.append(rule)

            def find(scope, _orig=orig, _id=rule.id):  # type: ignore[no-untyped-def]
                t = CLOCK()
                found = list(_orig(scope))
                out[_id] += CLOCK() - t
                return found

            rule.find = find  # type: ignore[method-assign]
        if stage.run is not None:
            run = stage.run

            def builtin(doc, _run=run, _name=stage.name):  # type: ignore[no-untyped-def]
                t = CLOCK()
                _run(doc)
                out[f"[{_name}]"] += CLOCK() - t

            object.__setattr__(stage, "run", builtin)
    cfg = FixConfig(translate=False, detector=detector)
    t0 = CLOCK()
    for d in docs:
        pipe.run(d, cfg)
    total = CLOCK() - t0
    for rule in originals:
        del rule.find
    out["[analysis, applying, results]"] = total - sum(out.values())
    return dict(out)


FIRST_CALL = """
import time
t0 = time.perf_counter()
import newsfix
t1 = time.perf_counter()
newsfix.fix_and_trace(open({path!r}, encoding="utf-8").read(), translate=False)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def first_call() -> tuple[float, float]:
    path = sorted((ROOT / "fixtures" / "seeds").glob("004_*.txt"))[0]
    out = subprocess.run([sys.executable, "-c", FIRST_CALL.format(path=str(path))],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    a, b = out.stdout.split()
    return float(a), float(b)


def clean_articles() -> list[str]:
    """The clean English articles only: one document of them is homogeneous at any size.

    (A document made of the whole corpus would mix the damaged seeds in: its damage
    profile, which is per document, then turns the spin and word-choice lattices on
    for every paragraph, and a larger prefix holds more of the seeds.)
    """
    paths = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    paths += sorted((ROOT / "fixtures" / "dev" / "news" / "clean").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def scaling(sizes: tuple[int, ...] = SIZES) -> list[tuple[int, float]]:
    rows = []
    cfg = FixConfig(translate=False, detector="fast")
    blob = "\n\n".join(clean_articles())
    for size in sizes:
        text = (blob * (size // len(blob) + 1))[:size]
        cut = text.rfind("\n\n")
        text = text[:cut] if cut > 0 else text
        t = timed(lambda x=text: newsfix.fix_and_trace(x, cfg), 1)
        rows.append((len(text), t))
        print(f"  ({len(text) / 1e6:.2f} MB: {t:.1f} s)", file=sys.stderr, flush=True)
    return rows


def fit(rows: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in rows]
    ys = [math.log(t) for _, t in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


BIG = """
import resource, time, newsfix
text = open({path!r}, encoding="utf-8").read()
t = time.perf_counter()
r = newsfix.fix_and_trace(text, translate=False, detector="fast")
t = time.perf_counter() - t
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(text), len(r.edits), t)
"""


def big(tmp: Path, size: int = 50_000_000) -> tuple[int, int, int, float]:
    """Peak RSS (KB), characters, edits and seconds of a fresh process fixing one document.

    The document is the clean articles repeated to ``size`` characters (as for
    the scaling table: homogeneous at any size).
    """
    blob = "\n\n".join(clean_articles())
    path = tmp / "big.txt"
    path.write_text((blob * (size // len(blob) + 1))[:size], encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", BIG.format(path=str(path))],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    kb, chars, edits, seconds = out.stdout.split()
    return int(kb), int(chars), int(edits), float(seconds)


def print_scaling(rows: list[tuple[int, float]]) -> None:
    print("\nscaling: one document of the clean articles repeated, `fast` detector\n")
    print("| document size | seconds | MB/s |\n|---|---|---|")
    for n, t in rows:
        print(f"| {n / 1e6:.2f} MB | {t:.2f} | {n / 1e6 / t:.3f} |")
    print(f"\nfitted exponent (time ~ size^k): k = {fit(rows):.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=800)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--big", action="store_true",
                    help="peak memory of a fresh process fixing one large document")
    ap.add_argument("--big-size", type=int, default=50_000_000,
                    help="characters of the --big document (default 50 MB)")
    ap.add_argument("--sizes", type=lambda v: tuple(int(x) for x in v.split(",")), default=SIZES,
                    help="document sizes for --scaling, in characters, comma-separated")
    ap.add_argument("--only-scaling", action="store_true",
                    help="skip the throughput, profile and first-call measurements")
    ap.add_argument("--only-throughput", action="store_true",
                    help="skip the profile and first-call measurements")
    ap.add_argument("--cpu", action="store_true",
                    help="time throughput and the per-rule table by this process's CPU time, "
                         "not wall time")
    ap.add_argument("--floor", action="store_true",
                    help="also time the floor: every rule but REMOVE_BOM off, language=en")
    args = ap.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if args.only_scaling:
        newsfix.fix_and_trace(clean_articles()[0], translate=False, detector="fast")
        print_scaling(scaling(args.sizes))
        if args.big:
            print_big(args.big_size)
        return 0
    docs = articles(args.articles)
    mb = sum(len(d.encode()) for d in docs) / 1e6
    newsfix.fix_and_trace(docs[0], translate=False)  # tables loaded once, outside the timings
    newsfix.fix_and_trace(docs[0], translate=False, detector="fast")
    rows = throughput(docs, args.repeat, args.floor)
    base = rows[0][1]
    print(f"corpus: {len(docs)} articles, {mb:.2f} MB\n")
    print("| engine | MB/s | throughput / ftfy |\n|---|---|---|")
    for name, rate in rows:
        print(f"| {name} | {rate:.3f} | {rate / base:.2f} |")
    if args.only_throughput:
        return 0
    for detector in ("langdetect", "fast"):
        prof = profile_rules(docs[: max(50, len(docs) // 4)], detector)
        total = sum(prof.values())
        print(f"\ntime per rule and stage ({detector}, share of {total:.1f} s):\n")
        print("| rule or stage | seconds | share |\n|---|---|---|")
        for name, sec in sorted(prof.items(), key=lambda kv: -kv[1])[:16]:
            print(f"| {name} | {sec:.2f} | {sec / total:.0%} |")
    imp, first = first_call()
    print(f"\nfirst call in a fresh process: import {imp:.2f} s, first fix_and_trace "
          f"{first:.2f} s (seed 004)")
    if args.scaling:
        print_scaling(scaling(args.sizes))
    if args.big:
        print_big(args.big_size)
    return 0


def print_big(size: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        kb, chars, edits, seconds = big(Path(tmp), size)
    print(f"\n{chars / 1e6:.0f} MB document (fresh process, `fast`): {seconds:.0f} s, peak "
          f"resident memory {kb / 1024:.0f} MB ({kb * 1024 / chars:.0f} bytes per character), "
          f"{edits} edits")


if __name__ == "__main__":
    raise SystemExit(main())
