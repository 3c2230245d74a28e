"""``newsfix batch``: fix an archive in parallel, streaming, resumable.

``newsfix batch INPUT... -o OUTPUT.jsonl`` reads documents from directory
trees (their files matching ``--glob``, in sorted order; the id is the path
below the tree), ``@LIST`` files (one path per line; the id is the path as
listed), JSON Lines files (``*.jsonl``: one ``{"id", "text"}`` object per
line), ``-`` (JSON Lines on standard input) or single files (the id is the
path as given). It writes one JSON line per document: the result of
:meth:`Pipeline.run <newsfix.pipeline.Pipeline.run>` with the document's id
first (``{"id": ..., "schema": "newsfix.result/1", ...}``), or, for a document
that failed, an error record ``{"schema": "newsfix.error/1", "id", "error",
"rule", "message"}`` -- the other documents go through and the exit code is 1.

The work is a thin wrapper over ``Pipeline.run``: one document in, one result
out, nothing shared between documents. Worker processes (``--workers``,
default the CPU count) each build the pipeline once and keep their lexicons
loaded; at most a few documents per worker are in flight, so memory stays
bounded whatever the input size. A worker that dies (a crash, the OOM killer)
costs only the document it was fixing: the others are retried in a fresh
pool, and the one that kills a worker again gets an error record.

Rerunning the same command resumes: ids already in OUTPUT are skipped and a
half-written last line (a run killed mid-write) is cut off first. With
``--order input`` lines come in input order, so an interrupted and resumed run
leaves the same file as an uninterrupted one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from queue import Empty, Queue
from types import FrameType
from typing import IO, Any

from newsfix.config import FixConfig
from newsfix.inputs import InputError, read_bytes, walk, write_atomic

__all__ = ["BatchError", "DirSink", "Doc", "Job", "JsonlSink", "Outcome", "Sink", "Summary",
           "iter_docs", "main", "process", "run"]

#: Documents in flight per worker: enough to keep every worker busy, few
#: enough that memory does not grow with the input.
IN_FLIGHT_PER_WORKER = 4
#: ``-o DIR``: the file holding a document's traced result, beside its text.
JSON_SUFFIX = ".json"
#: ``-o DIR``: the file holding the error record of a failed document.
ERROR_SUFFIX = ".error.json"


class BatchError(Exception):
    """A batch that cannot start (bad output file, bad options); exit code 2."""


@dataclass(frozen=True)
class Doc:
    """One document to fix: its id, and either a path to read or its text."""

    id: str
    path: str | None = None
    text: str | None = None
    problem: str | None = None  # found while listing (a bad JSON line): an error record


@dataclass
class Outcome:
    """What a worker sends back for one document."""

    index: int
    id: str
    line: str  # the JSON record, one line
    text: str | None = None  # the fixed text (for -o DIR)
    error: str | None = None  # the message, for a failed document
    edits: dict[str, int] = field(default_factory=dict)  # by category
    suggestions: int = 0
    warnings: dict[str, int] = field(default_factory=dict)  # by code
    size: int = 0  # input bytes (UTF-8 for text given as text)
    path: str | None = None  # the input file, if the document was one


# --- reading the inputs -------------------------------------------------------


def iter_docs(inputs: Sequence[str], glob: str = "*.txt") -> Iterator[Doc]:
    """The documents of ``inputs``, lazily, in order (see the module docstring)."""
    for name in inputs:
        if name == "-":
            with _stdin() as stream:
                yield from _jsonl_docs(stream, "<stdin>")
        elif name.startswith("@"):
            yield from _list_docs(name[1:])
        elif Path(name).is_dir():
            root = Path(name)
            for path in walk(root, glob):
                yield Doc(path.relative_to(root).as_posix(), path=str(path))
        elif name.endswith(".jsonl"):
            try:
                handle = open(name, "rb")  # noqa: SIM115 - closed below, read lazily
            except OSError as exc:
                yield Doc(name, problem=f"{name}: cannot read: {exc.strerror or exc}")
                continue
            with handle:
                yield from _jsonl_docs(handle, name)
        else:
            yield Doc(name, path=name)


@contextlib.contextmanager
def _stdin() -> Iterator[IO[bytes]]:
    """Standard input as a reader of its own.

    The inputs are read in a thread; if a run is interrupted while that thread
    waits on ``sys.stdin``, the interpreter cannot flush ``sys.stdin`` at exit
    and aborts. A duplicate of the descriptor has no such duty.
    """
    try:
        stream = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    except (OSError, ValueError, AttributeError):  # stdin replaced (tests, notebooks)
        yield sys.stdin.buffer
        return
    with stream:
        yield stream


def _list_docs(list_name: str) -> Iterator[Doc]:
    try:
        handle = open(list_name, "rb")  # noqa: SIM115 - closed below, read lazily
    except OSError as exc:
        yield Doc(f"@{list_name}", problem=f"@{list_name}: cannot read the file list: "
                                         f"{exc.strerror or exc}")
        return
    with handle:
        for raw in handle:
            path = raw.rstrip(b"\r\n").decode("utf-8", errors="surrogateescape")
            if path.strip():
                yield Doc(path, path=path)


def _jsonl_docs(stream: IO[bytes], label: str) -> Iterator[Doc]:
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{label}:{n}"
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Doc(where, problem=f"{where}: not a JSON object ({exc})")
            continue
        if not isinstance(record, dict):
            yield Doc(where, problem=f"{where}: not a JSON object")
            continue
        doc_id = record.get("id")
        if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or doc_id == "":
            yield Doc(where, problem=f"{where}: the record has no \"id\" (a string or number)")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield Doc(str(doc_id), problem=f"{where}: the record has no \"text\" string")
            continue
        yield Doc(str(doc_id), text=text)


def count_docs(inputs: Sequence[str], glob: str = "*.txt") -> int | None:
    """How many documents ``inputs`` hold (for the progress bar); None if unknown (stdin)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        if name.startswith("@") or name.endswith(".jsonl"):
            try:
                with open(name.lstrip("@") if name.startswith("@") else name, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        elif Path(name).is_dir():
            total += sum(1 for _ in walk(Path(name), glob))
        else:
            total += 1
    return total


# --- fixing one document (in a worker) ---------------------------------------------


@dataclass(frozen=True)
class Job:
    """What every worker needs, pickled once per worker."""

    config: FixConfig
    pipeline: Any = None  # a Pipeline, or None for Pipeline.default() built in the worker
    text_only: bool = False
    pretty: bool = False  # indented JSON (one file per document)


_job: Job | None = None
_pipeline: Any = None


def _init_worker(job: Job) -> None:
    """Per worker process: ignore Ctrl-C (the parent handles it), build the pipeline once."""
    global _job, _pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _job = job
    _pipeline = _build_pipeline(job)


def _build_pipeline(job: Job) -> Any:
    if job.pipeline is not None:
        return job.pipeline
    from newsfix.pipeline import Pipeline

    return Pipeline.default()


def _work(index: int, doc: Doc) -> Outcome:
    assert _job is not None
    return process(index, doc, _job, _pipeline)


def process(index: int, doc: Doc, job: Job, pipeline: Any) -> Outcome:
    """Fix one document; every exception becomes an error record, never a lost batch."""
    from newsfix.cli import error_record
    from newsfix.decode import binary_reason

    size = 0
    try:
        if doc.problem is not None:
            raise InputError(doc.problem)
        data: str | bytes
        if doc.text is not None:
            data = doc.text
            size = len(doc.text.encode("utf-8", errors="surrogatepass"))
        else:
            assert doc.path is not None
            data = read_bytes(Path(doc.path), doc.id)
            size = len(data)
            reason = None if job.config.encoding else binary_reason(data)
            if reason:
                raise InputError(f"{doc.id}: {reason}")
        result = pipeline.run(data, job.config, name=doc.id)
    except Exception as exc:  # one document's failure never loses the others
        record = error_record(doc.id, exc)
        rule = f" in rule {record['rule']}" if record["rule"] else ""
        message = str(exc) if isinstance(exc, InputError) else \
            f"{doc.id}: failed{rule}: {type(exc).__name__}: {exc}"
        return Outcome(index, doc.id, _dumps(record, job.pretty), error=message, size=size)
    if job.text_only:
        line = _dumps({"id": doc.id, "text": result.text}, job.pretty)
    else:
        line = _dumps({"id": doc.id, **result.to_dict()}, job.pretty)
    return Outcome(
        index, doc.id, line, text=result.text, path=doc.path,
        edits=dict(Counter(e.category for e in result.edits)),
        suggestions=len(result.suggestions),
        warnings=dict(Counter(str(w.get("code", "warning")) for w in result.warnings)),
        size=size)


def _dumps(record: dict[str, Any], pretty: bool) -> str:
    return json.dumps(record, ensure_ascii=False, indent=1 if pretty else None)


# --- where the output goes --------------------------------------------------------


class Sink:
    """Writes outcomes; knows which ids are already done (resume)."""

    done: set[str]
    label: str
    note: str = ""

    def is_done(self, doc: Doc) -> bool:
        """Whether ``doc`` is already in the output (a resumed run skips it)."""
        return doc.id in self.done

    def write(self, outcome: Outcome) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release the output."""


class JsonlSink(Sink):
    """One JSON line per document, appended and flushed, to a file or stdout."""

    def __init__(self, path: Path | None) -> None:
        self.repaired = False
        if path is None:
            self.done, self.label = set(), "<stdout>"
            self.handle: IO[str] = sys.stdout
            return
        self.label = str(path)
        self.done = self._scan(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("a", encoding="utf-8")

    def _scan(self, path: Path) -> set[str]:
        """The ids already in ``path``; cut off a half-written last line."""
        done: set[str] = set()
        if not path.exists():
            return done
        good_end = 0
        with path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                if not raw.endswith(b"\n"):
                    break  # a last line without its newline: cut off below
                try:
                    record = json.loads(raw)
                    doc_id = record["id"]
                except (ValueError, KeyError, TypeError):
                    raise BatchError(f"{path}: line {n} is not a newsfix record; not resuming "
                                     "into it (choose another -o)") from None
                done.add(str(doc_id))
                good_end += len(raw)
            size = f.seek(0, os.SEEK_END)
        if size != good_end:
            with path.open("r+b") as f:
                f.truncate(good_end)
            self.repaired = True
        return done

    def write(self, outcome: Outcome) -> None:
        self.handle.write(outcome.line + "\n")
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not sys.stdout:
            self.handle.close()


def _file_name(doc_id: str) -> str:
    """A relative file name for ``doc_id`` under -o DIR (quoted if the id is not one).

    >>> _file_name("2024/a.txt"), _file_name("doc-7"), _file_name("../etc/passwd")
    ('2024/a.txt', 'doc-7.txt', '..%2Fetc%2Fpasswd.txt')
    """
    path = PurePosixPath(doc_id)
    safe = (doc_id and not path.is_absolute() and ".." not in path.parts
            and "\\" not in doc_id and "\x00" not in doc_id and path.as_posix() == doc_id)
    name = doc_id if safe else urllib.parse.quote(doc_id, safe="")
    last = PurePosixPath(name).name
    return name if PurePosixPath(name).suffix and not last.startswith(".") else name + ".txt"


class DirSink(Sink):
    """-o DIR: the fixed text at DIR/ID and its traced result at DIR/ID.json."""

    def __init__(self, root: Path, text_only: bool) -> None:
        self.root, self.text_only, self.label = root, text_only, f"{root}/"
        self.note = ("(the fixed text of each input)" if text_only else
                     "(the fixed text of each input and its .json trace)")
        if root.exists() and not root.is_dir():
            raise BatchError(f"-o {root}: is a file; one file per input needs a directory")
        root.mkdir(parents=True, exist_ok=True)
        self.done = set()

    def is_done(self, doc: Doc) -> bool:
        """The document's last file is there (and is not the input itself)."""
        text_path, json_path, error_path = self.paths(doc.id)
        last = text_path if self.text_only else json_path
        if not (last.exists() or error_path.exists()):
            return False
        return not (doc.path is not None and text_path.exists()
                    and os.path.samefile(text_path, doc.path))

    def paths(self, doc_id: str) -> tuple[Path, Path, Path]:
        text = self.root / _file_name(doc_id)
        return (text, text.with_name(text.name + JSON_SUFFIX),
                text.with_name(text.name + ERROR_SUFFIX))

    def write(self, outcome: Outcome) -> None:
        text_path, json_path, error_path = self.paths(outcome.id)
        if outcome.path is not None and text_path.exists() \
                and os.path.samefile(text_path, outcome.path):
            # -o never overwrites an input: this document's output would be its input.
            message = f"{outcome.id}: its output {text_path} is the input; not overwritten"
            outcome.error, outcome.text, outcome.edits, outcome.suggestions = \
                message, None, {}, 0
            outcome.line = json.dumps({"schema": "newsfix.error/1", "id": outcome.id,
                                       "error": "OutputIsInput", "rule": None,
                                       "message": message}, ensure_ascii=False)
        if outcome.error is not None:
            write_atomic(error_path, outcome.line + "\n")
            return
        error_path.unlink(missing_ok=True)
        assert outcome.text is not None
        write_atomic(text_path, outcome.text)
        if not self.text_only:  # written last: its presence means "done"
            write_atomic(json_path, outcome.line + "\n")


# --- the run ------------------------------------------------------------------------


@dataclass
class Summary:
    """What a batch did: counts for the closing report."""

    documents: int = 0
    skipped: int = 0
    errors: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    suggestions: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    size: int = 0
    seconds: float = 0.0
    workers: int = 1
    interrupted: bool = False
    output: str = ""
    note: str = ""
    repaired: bool = False

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.errors += outcome.error is not None
        self.edits.update(outcome.edits)
        self.suggestions += outcome.suggestions
        self.warnings.update(outcome.warnings)
        self.size += outcome.size

    def report(self) -> str:
        """The closing lines, for people."""
        secs = max(self.seconds, 1e-9)
        edits = sum(self.edits.values())
        by_category = ", ".join(f"{c} {n}" for c, n in self.edits.most_common())
        rate = self.size / secs
        volume = f"{rate / 1e6:.2f} MB/s" if rate >= 1e5 else f"{rate / 1e3:.1f} kB/s"
        lines = [f"newsfix batch: {self.documents} documents in {self.seconds:.1f} s "
                 f"({self.documents / secs:.1f} documents/s, {volume}) "
                 f"with {self.workers} worker{'s' if self.workers != 1 else ''}"
                 + (f"; {self.skipped} skipped, already in {self.output}" if self.skipped
                    else "")]
        lines.append(f"  edits: {edits}" + (f" ({by_category})" if by_category else "")
                     + f"; suggestions: {self.suggestions}")
        if self.warnings:
            lines.append("  warnings: " + ", ".join(f"{c} {n}"
                                                    for c, n in self.warnings.most_common()))
        lines.append(f"  errors: {self.errors}" + (" (their error records are in the output)"
                                                   if self.errors else ""))
        if self.repaired:
            lines.append(f"  repaired: cut off a half-written last line of {self.output}")
        if self.interrupted:
            lines.append(f"  interrupted: run the same command again to resume into "
                         f"{self.output}")
        else:
            lines.append(f"  output: {self.output} {self.note}".rstrip())
        return "\n".join(lines)


class _Interrupted(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted(signum)


def run(inputs: Iterable[Doc], sink: Sink, job: Job, *, workers: int = 1,
        order: str = "completion", summary: Summary | None = None,
        say: Any = None, progress: Any = None) -> Summary:
    """Fix every document of ``inputs`` into ``sink``; return the counts.

    ``order`` is ``"input"`` (lines in input order) or ``"completion"``.
    Documents whose id is already done in the sink are skipped; a duplicate
    id is an error (reported, counted, not written twice).
    """
    summary = summary or Summary()
    summary.workers = workers
    say = say or (lambda message: print(message, file=sys.stderr))
    seen: set[str] = set()
    start = time.perf_counter()

    def fresh(docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            if sink.is_done(doc):
                summary.skipped += 1
                continue
            if doc.id in seen:
                summary.errors += 1
                say(f"newsfix batch: error: {doc.id}: duplicate id; only the first is kept")
                continue
            seen.add(doc.id)
            yield doc

    def emit(outcome: Outcome) -> None:
        sink.write(outcome)
        summary.add(outcome)
        if outcome.error is not None:
            say(f"newsfix batch: error: {outcome.error}")
        if progress is not None:
            progress.update(1)

    try:
        if workers <= 1:
            pipeline = _build_pipeline(job)
            for index, doc in enumerate(fresh(inputs)):
                emit(process(index, doc, job, pipeline))
        else:
            _run_pool(fresh(inputs), job, workers, order, emit)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.seconds = time.perf_counter() - start
        raise
    summary.seconds = time.perf_counter() - start
    return summary


def _pool(job: Job, workers: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process (no threads, no locks
    # held), which fork from a multi-threaded parent would not guarantee.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsfix.pipeline", "newsfix.batch"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_init_worker, initargs=(job,))


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop every worker now (Ctrl-C must not wait for a long document)."""
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = getattr(executor, "_processes", None) or {}
    for proc in list(processes.values()):
        proc.kill()
    executor.shutdown(wait=True, cancel_futures=True)


_END = object()


def _feed(docs: Iterator[Doc], queue: Queue[Any]) -> None:
    """Read the inputs in a thread of their own: a slow stdin never stalls the results."""
    try:
        for doc in docs:
            queue.put(doc)
    except BaseException as exc:  # handed to the main thread, which raises it
        queue.put(exc)
    queue.put(_END)


def _run_pool(docs: Iterator[Doc], job: Job, workers: int, order: str,
              emit: Any) -> None:
    window = workers * IN_FLIGHT_PER_WORKER
    incoming: Queue[Any] = Queue(maxsize=window)
    threading.Thread(target=_feed, args=(docs, incoming), daemon=True,
                     name="newsfix-batch-input").start()
    executor = _pool(job, workers)
    pending: dict[Future[Outcome], tuple[int, Doc]] = {}
    ready: dict[int, Outcome] = {}  # --order input: done, waiting for earlier ones
    next_index = 0  # the next index to write (--order input)
    submitted = 0
    exhausted = False

    def deliver(outcome: Outcome) -> None:
        nonlocal next_index
        if order != "input":
            emit(outcome)
            return
        ready[outcome.index] = outcome
        while next_index in ready:
            emit(ready.pop(next_index))
            next_index += 1

    try:
        while True:
            while not exhausted and len(pending) + len(ready) < window:
                try:  # wait for input only when nothing is in flight
                    item = incoming.get(timeout=0.5) if not pending else incoming.get_nowait()
                except Empty:
                    break
                if item is _END:
                    exhausted = True
                elif isinstance(item, BaseException):
                    raise item
                else:
                    pending[executor.submit(_work, submitted, item)] = (submitted, item)
                    submitted += 1
            if not pending:
                if exhausted:
                    break
                continue
            done, _ = wait(pending, timeout=None if exhausted else 0.1,
                           return_when=FIRST_COMPLETED)
            suspects: list[tuple[int, Doc]] = []
            for future in done:
                index, doc = pending.pop(future)
                try:
                    deliver(future.result())
                except BrokenProcessPool:
                    suspects.append((index, doc))
                except Exception as exc:  # e.g. a result that cannot be pickled back
                    deliver(_failed(index, doc, job, exc))
            if suspects:
                # A worker died. Every document in flight is lost with the pool;
                # fix them one at a time in fresh pools to find the one that kills.
                suspects += list(pending.values())
                pending.clear()
                executor.shutdown(wait=True, cancel_futures=True)
                for index, doc in sorted(suspects, key=lambda s: s[0]):
                    deliver(_alone(index, doc, job))
                executor = _pool(job, workers)
    except BaseException:
        _kill(executor)
        raise
    executor.shutdown(wait=True)


def _alone(index: int, doc: Doc, job: Job) -> Outcome:
    """Fix one document in a pool of its own; an error record if it kills the worker."""
    executor = _pool(job, 1)
    try:
        return executor.submit(_work, index, doc).result()
    except BrokenProcessPool as exc:
        return _failed(index, doc, job, RuntimeError(
            "the worker process died while fixing this document (a crash or the "
            f"out-of-memory killer): {exc}"))
    except Exception as exc:
        return _failed(index, doc, job, exc)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _failed(index: int, doc: Doc, job: Job, exc: BaseException) -> Outcome:
    from newsfix.cli import error_record

    record = error_record(doc.id, exc)
    return Outcome(index, doc.id, _dumps(record, job.pretty),
                   error=f"{doc.id}: {type(exc).__name__}: {exc}")


# --- the command ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsfix batch``."""
    from newsfix.cli import add_fix_options

    p = argparse.ArgumentParser(
        prog="newsfix batch",
        description="Fix many documents in parallel into JSON Lines (one result per line), "
                    "streaming and resumable.",
        epilog="INPUT: a directory tree (its --glob files), @LIST (a file of paths, one a "
               "line), a .jsonl file of {\"id\", \"text\"} records, - (JSON Lines on stdin) or "
               "a file. Rerun the same command to resume: ids already in OUTPUT are skipped.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", metavar="OUTPUT",
                   help="a .jsonl file (appended to; resumable), or DIR/ (ends with / or "
                        "exists) for one file per input; default standard output")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: the CPU count; 1 runs in this process)")
    p.add_argument("--order", choices=("completion", "input"), default="completion",
                   help="write results as they complete (default) or in input order")
    p.add_argument("--text-only", action="store_true",
                   help="write {\"id\", \"text\"} records (with -o DIR: only the fixed texts)")
    add_fix_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """``newsfix batch``; returns the exit code (0, 1 if documents failed, 2 usage, 130)."""
    from newsfix.cli import (
        EXIT_INPUT,
        EXIT_INTERRUPTED,
        EXIT_OK,
        EXIT_USAGE,
        UsageError,
        config_from_args,
        progress_bar,
        say,
    )

    args = build_parser().parse_args(argv)
    if args.workers < 1:
        print("newsfix batch: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = config_from_args(args)
        to_dir = args.output is not None and (args.output.endswith(("/", os.sep))
                                              or Path(args.output).is_dir())
        sink: Sink
        if to_dir:
            if any(Path(n).is_dir() and os.path.realpath(n) == os.path.realpath(args.output)
                   for n in args.inputs):
                raise BatchError(f"-o {args.output} is an input directory: its files would "
                                 "be overwritten; choose another output")
            sink = DirSink(Path(args.output), args.text_only)
        else:
            path = None if args.output in (None, "-") else Path(args.output)
            if path is not None and any(os.path.realpath(path) == os.path.realpath(n)
                                        for n in args.inputs if n != "-"):
                raise BatchError(f"-o {path} is an input; choose another output")
            sink = JsonlSink(path)
    except (UsageError, BatchError) as exc:
        print(f"newsfix batch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    job = Job(config, text_only=args.text_only, pretty=to_dir)

    show = not args.no_progress and sys.stderr.isatty()
    total = count_docs(args.inputs, args.glob) if show else None
    if total is not None and not to_dir:
        total = max(total - len(sink.done), 0)
    bar = progress_bar(total, enabled=show)

    summary = Summary(output=sink.label, note=sink.note,
                      repaired=getattr(sink, "repaired", False))
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    code = EXIT_OK
    try:
        run(iter_docs(args.inputs, args.glob), sink, job, workers=args.workers,
            order=args.order, summary=summary, say=lambda message: say(bar, message),
            progress=bar)
    except KeyboardInterrupt as exc:
        code = 128 + exc.signum if isinstance(exc, _Interrupted) else EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
        sink.close()
    print(summary.report(), file=sys.stderr)
    if code == EXIT_OK and summary.errors:
        code = EXIT_INPUT
    return code
