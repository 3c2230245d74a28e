"""``newsfix batch`` with 1 and 2 workers, and Dask on a LocalCluster, on the same corpus.

    .venv/bin/python benchmarks/bench_batch.py [--docs N] [--workers 2]

The corpus is every ``*.txt`` file under ``fixtures/`` (news of every kind the
project has: seeds, clean articles, damaged held-out articles, layout cases,
their references), repeated to ``--docs`` documents, written as one JSON Lines
file of ``{"id", "text"}`` records. Translation is off (``--no-translate``):
this measures the cleaning and repair pipeline, not a model.

Each run is a real command (``newsfix batch ... --workers N``), timed from the
outside with the wall clock: what a user waits for, process start and every
worker's first call included. Dask runs ``newsfix.dask.fix_bag`` on a
``distributed.LocalCluster`` of as many worker processes on 127.0.0.1; the
cluster's start is reported apart from the computation. The machine's load
average is printed before and after: the figures mean something only on an
otherwise idle machine. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(path: Path, n: int) -> tuple[int, int]:
    """Write ``n`` documents from the fixtures to ``path``; return (documents, bytes)."""
    sources = sorted(p for p in (ROOT / "fixtures").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    size = 0
    with path.open("w", encoding="utf-8") as f:
        for k in range(n):
            text = texts[k % len(texts)]
            size += len(text.encode("utf-8"))
            f.write(json.dumps({"id": f"{k:06}-{sources[k % len(sources)].stem}",
                                "text": text}, ensure_ascii=False) + "\n")
    return n, size


def run_batch(corpus: Path, out: Path, workers: int) -> float:
    """Wall-clock seconds of one ``newsfix batch`` run."""
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsfix.cli", "batch", str(corpus), "-o", str(out),
                    "--no-translate", "--no-progress", "--workers", str(workers)],
                   check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_dask(corpus: Path, workers: int) -> tuple[float, float, list[str]]:
    """(cluster start seconds, computation seconds, fixed texts) on a LocalCluster."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    import newsfix.dask

    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster):
        started = time.perf_counter()
        bag = db.from_sequence(texts, npartitions=workers * 8)
        rows = newsfix.dask.fix_bag(bag, translate=False).compute()
        done = time.perf_counter()
    return started - start, done - started, [r["text"] for r in rows]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=240, help="documents in the corpus")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--no-dask", action="store_true")
    args = p.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, size = build_corpus(corpus, args.docs)
        one = run_batch(corpus, Path(tmp) / "one.jsonl", 1)
        many = run_batch(corpus, Path(tmp) / "many.jsonl", args.workers)
        same = sorted((Path(tmp) / "one.jsonl").read_text(encoding="utf-8").splitlines()) == \
            sorted((Path(tmp) / "many.jsonl").read_text(encoding="utf-8").splitlines())
        rows = [("newsfix batch --workers 1", one), (f"newsfix batch --workers {args.workers}",
                                                      many)]
        dask_note = ""
        if not args.no_dask:
            cluster_s, dask_s, texts = run_dask(corpus, args.workers)
            batch_texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in
                           (Path(tmp) / "many.jsonl").read_text(encoding="utf-8").splitlines()}
            ids = [json.loads(line)["id"] for line in
                   corpus.read_text(encoding="utf-8").splitlines()]
            dask_same = texts == [batch_texts[i] for i in ids]
            rows.append((f"Dask LocalCluster, {args.workers} workers (compute)", dask_s))
            dask_note = (f"Dask cluster start (not in its time): {cluster_s:.1f} s; "
                         f"Dask texts equal batch's: {dask_same}")
    load_after = os.getloadavg()
    print(f"corpus: {n} documents, {size / 1e6:.2f} MB (fixtures/**/*.txt repeated), "
          f"translation off; commit {commit}; {os.cpu_count()} CPUs")
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f}; after: {load_after[0]:.2f} {load_after[1]:.2f} "
          f"{load_after[2]:.2f}")
    print()
    print("| run | wall s | documents/s | MB/s | vs 1 worker |")
    print("|---|---:|---:|---:|---:|")
    for name, secs in rows:
        print(f"| {name} | {secs:.1f} | {n / secs:.2f} | {size / secs / 1e6:.3f} | "
              f"{one / secs:.2f}× |")
    print()
    print(f"speed-up with {args.workers} workers: {one / many:.2f}× "
          f"(outputs identical: {same})")
    if dask_note:
        print(dask_note)
        print(f"Dask compute vs newsfix batch --workers {args.workers} (wall): "
              f"{many / rows[-1][1]:.2f}× the throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
