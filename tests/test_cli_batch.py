"""``newsfix batch``: real subprocesses, real worker processes, real signals."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsfix import FixConfig, fix_and_trace
from newsfix.batch import Doc, Job, JsonlSink, run
from newsfix.pipeline import Pipeline

from .conftest import CLEAN, FIXTURES, ROOT, SEEDS, contract_violations
from .support.faulty import EXIT_MARKER, RAISE_MARKER, FaultyPipeline
from .support.terminal import run_on_terminal

EN = ("--no-translate", "--language", "en")


def batch(*args: str, stdin: bytes | None = None,
          cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([sys.executable, "-m", "newsfix.cli", "batch", "--no-progress", *args],
                       input=stdin, capture_output=True, check=False, cwd=cwd)
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode(),
                                       p.stderr.decode())


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def corpus(tmp_path: Path, n: int = 24) -> Path:
    """A JSON Lines corpus of ``n`` real documents from the fixtures (seeds and clean)."""
    sources = (SEEDS + CLEAN) * (n // len(SEEDS + CLEAN) + 1)
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k, src in enumerate(sources[:n]):
            f.write(json.dumps({"id": f"doc-{k:03}-{src.stem}",
                                "text": src.read_text(encoding="utf-8")}) + "\n")
    return path


def test_batch_output_equals_fix_and_trace_document_for_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    p = batch(str(FIXTURES), "-o", str(out), "--no-translate", "--workers", "2")
    assert p.returncode == 0, p.stderr
    records = lines_of(out)
    expected_ids = sorted(path.relative_to(FIXTURES).as_posix()
                          for path in FIXTURES.rglob("*.txt"))
    assert sorted(r["id"] for r in records) == expected_ids
    for record in records:
        doc_id = record.pop("id")
        expected = fix_and_trace((FIXTURES / doc_id).read_bytes(), translate=False).to_dict()
        assert record == expected, doc_id
    assert f"newsfix batch: {len(records)} documents in" in p.stderr
    assert "edits: " in p.stderr and "errors: 0" in p.stderr and "B/s" in p.stderr


def test_inputs_of_every_kind_and_error_records(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "r1", "text": "First  record."}),
        "{not json",
        json.dumps({"text": "No id."}),
        json.dumps({"id": "r2"}),
        json.dumps({"id": 7, "text": "Numeric  id."}),
        json.dumps({"id": "r1", "text": "Duplicate id."}),
    ]) + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Listed  file.\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    listing = tmp_path / "files.lst"
    listing.write_text(f"{good}\n{tmp_path / 'missing.txt'}\n{binary}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = batch(str(records), f"@{listing}", "-", "-o", str(out), *EN, "--order", "input",
              "--workers", "2", stdin=json.dumps({"id": "s1", "text": "From  stdin."}).encode())
    assert p.returncode == 1, p.stderr
    got = {r["id"]: r for r in lines_of(out)}
    assert list(got) == ["r1", f"{records}:2", f"{records}:3", "r2", "7", str(good),
                         str(tmp_path / "missing.txt"), str(binary), "s1"]
    assert got["r1"]["text"] == "First record."
    assert got["7"]["text"] == "Numeric id."
    assert got[str(good)]["text"] == "Listed file.\n"
    assert got["s1"]["text"] == "From stdin."
    for bad, reason in ((f"{records}:2", "not a JSON object"),
                        (f"{records}:3", 'the record has no "id"'),
                        ("r2", 'the record has no "text"'),
                        (str(tmp_path / "missing.txt"), "no such file"),
                        (str(binary), "binary file")):
        assert got[bad]["schema"] == "newsfix.error/1", bad
        assert reason in got[bad]["message"], bad
    assert "r1: duplicate id; only the first is kept" in p.stderr
    assert "errors: 6" in p.stderr
    c = subprocess.run([sys.executable, "-m", "newsfix.cli", "check", str(out)],
                       capture_output=True, text=True, check=False)
    assert c.returncode == 0 and "4 results checked, 0 contract violations, 5 error records" \
        in c.stdout


def test_text_only_and_one_file_per_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "2024").mkdir(parents=True)
    (src / "a.txt").write_text("A  b.\n", encoding="utf-8")
    (src / "2024" / "c.txt").write_text("C  d.\n", encoding="utf-8")
    out = tmp_path / "text.jsonl"
    p = batch(str(src), "-o", str(out), "--text-only", *EN, "--workers", "1")
    assert p.returncode == 0, p.stderr
    assert sorted(map(json.dumps, lines_of(out))) == sorted(map(json.dumps, [
        {"id": "2024/c.txt", "text": "C d.\n"}, {"id": "a.txt", "text": "A b.\n"}]))
    tree = tmp_path / "tree"
    p = batch(str(src), "-o", f"{tree}/", *EN, "--workers", "1")
    assert p.returncode == 0, p.stderr
    assert (tree / "2024" / "c.txt").read_text(encoding="utf-8") == "C d.\n"
    result = json.loads((tree / "2024" / "c.txt.json").read_text(encoding="utf-8"))
    assert result["id"] == "2024/c.txt" and contract_violations(result) == []
    p = batch(str(src), "-o", f"{tree}/", *EN, "--workers", "1")  # everything is done
    assert "0 documents" in p.stderr and "2 skipped" in p.stderr
    only = tmp_path / "only"
    p = batch(str(src), "-o", f"{only}/", "--text-only", *EN, "--workers", "1")
    assert sorted(q.relative_to(only).as_posix() for q in only.rglob("*") if q.is_file()) \
        == ["2024/c.txt", "a.txt"]
    p = batch(str(src), "-o", f"{src}/", "--text-only", *EN, "--workers", "1")
    assert p.returncode == 2 and "is an input directory" in p.stderr  # never overwritten
    p = batch("a.txt", "-o", "./", "--text-only", *EN, "--workers", "1", cwd=src)
    assert p.returncode == 1  # the output of a.txt would be a.txt itself
    assert (src / "a.txt").read_text(encoding="utf-8") == "A  b.\n"
    error = json.loads((src / "a.txt.error.json").read_text(encoding="utf-8"))
    assert error["error"] == "OutputIsInput" and "not overwritten" in error["message"]


def test_a_half_written_last_line_is_repaired_and_done_ids_skipped(tmp_path: Path) -> None:
    src = corpus(tmp_path, 4)
    out = tmp_path / "out.jsonl"
    first = batch(str(src), "-o", str(out), "--no-translate", "--order", "input",
                  "--workers", "1")
    assert first.returncode == 0, first.stderr
    complete = out.read_bytes()
    lines = complete.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][: len(lines[2]) // 2])  # killed mid-write
    again = batch(str(src), "-o", str(out), "--no-translate", "--order", "input",
                  "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == complete
    assert "2 documents" in again.stderr and "2 skipped" in again.stderr
    assert "cut off a half-written last line" in again.stderr


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes]) -> int:
    """Poll until ``path`` holds ``n`` complete lines (or the process ends)."""
    deadline = time.monotonic() + 600  # a bound against a hang, not a timing assertion
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return path.read_bytes().count(b"\n")
        assert proc.poll() is None, "the batch ended before it was interrupted"
        time.sleep(0.05)
    raise AssertionError(f"{path} never reached {n} lines")


def _session_processes(sid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


def test_killed_midway_and_rerun_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    src = corpus(tmp_path, 16)
    data = src.read_bytes()
    reference = tmp_path / "reference.jsonl"
    args = ["--no-translate", "--order", "input", "--workers", "2"]
    p = batch("-", "-o", str(reference), *args, stdin=data)
    assert p.returncode == 0, p.stderr
    assert len(lines_of(reference)) == 16

    out = tmp_path / "out.jsonl"
    # The input comes through a pipe that the test feeds: the batch cannot finish
    # before it is killed, whatever the speed of the machine.
    proc = subprocess.Popen([sys.executable, "-m", "newsfix.cli", "batch", "--no-progress", "-",
                             "-o", str(out), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    assert proc.stdin is not None
    records = data.splitlines(keepends=True)
    proc.stdin.write(b"".join(records[:9]))
    proc.stdin.flush()
    done = _wait_for_lines(out, 3, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent, its forkserver and every worker
    proc.wait(timeout=60)
    proc.stdin.close()
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= done < 16
    with out.open("ab") as f:  # what a kill in the middle of a write leaves
        f.write(records[0][:40])
    p = batch("-", "-o", str(out), *args, stdin=data)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert "skipped" in p.stderr and "cut off a half-written last line" in p.stderr


def test_sigterm_stops_cleanly_leaving_whole_lines_and_no_workers(tmp_path: Path) -> None:
    src = corpus(tmp_path, 8)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "newsfix.cli", "batch", "--no-progress", "-",
                             "-o", str(out), "--no-translate", "--workers", "2"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(b"".join(src.read_bytes().splitlines(keepends=True)[:4]))
    proc.stdin.flush()
    _wait_for_lines(out, 2, proc)
    proc.send_signal(signal.SIGTERM)
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    proc.stdin.close()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "interrupted: run the same command again to resume" in err
    assert "Traceback" not in err
    content = out.read_bytes()
    assert content.endswith(b"\n") and all(json.loads(line) for line in content.splitlines())
    deadline = time.monotonic() + 60
    while _session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session_processes(proc.pid) == []  # the workers went with it


def test_a_dying_worker_or_a_raising_document_costs_only_that_document(tmp_path: Path) -> None:
    docs = [Doc("a", text="First  document."),
            Doc("dies", text=f"This one {EXIT_MARKER} ends its worker."),
            Doc("raises", text=f"This one {RAISE_MARKER} raises."),
            Doc("b", text="Last  document.")]
    out = tmp_path / "out.jsonl"
    sink = JsonlSink(out)
    job = Job(FixConfig(translate=False, language="en"), pipeline=FaultyPipeline())
    summary = run(docs, sink, job, workers=2, order="input")
    sink.close()
    got = {r["id"]: r for r in lines_of(out)}
    assert list(got) == ["a", "dies", "raises", "b"]
    assert got["a"]["text"] == "First document." and got["b"]["text"] == "Last document."
    assert got["dies"]["schema"] == "newsfix.error/1"
    assert "worker process died" in got["dies"]["message"]
    assert got["raises"]["rule"] == "FAULTY_TEST_RULE"
    assert got["raises"]["error"] == "ValueError"
    assert summary.errors == 2 and summary.documents == 4


def test_pipelines_and_configs_are_picklable() -> None:
    config = FixConfig(translate=False, threshold=0.95, disable=frozenset({"spacing"}),
                       encoding="cp1252")
    pipeline = Pipeline.default()
    again, config_again = pickle.loads(pickle.dumps((pipeline, config)))
    assert config_again == config
    text = "Kyiv  was quiet on Monday , officials said."
    assert again.run(text, config).to_dict() == pipeline.run(text, config).to_dict()


def test_progress_bar_shows_rate_and_eta_on_a_terminal(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(6):
        (src / f"{k}.txt").write_text(f"Doc  {k}.\n", encoding="utf-8")
    p, shown = run_on_terminal([sys.executable, "-m", "newsfix.cli", "batch", str(src), "-o",
                                str(tmp_path / "out.jsonl"), *EN, "--workers", "1"], cwd=ROOT)
    assert p.returncode == 0
    assert "/6 [" in shown and "doc/s]" in shown  # count, elapsed<remaining, rate
    assert "newsfix batch: 6 documents" in shown


def test_lexicon_files_reach_every_worker(tmp_path: Path) -> None:
    residue = tmp_path / "residue.tsv"
    residue.write_text("# lexicon: boilerplate/*.tsv\npattern\tkind\twhere\n"
                       "Les mer her\texact\tany\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    texts = {f"r{k}": f"Story {k} began.\nLes mer her\nIt ended.\n" for k in range(4)}
    records.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                               for i, t in texts.items()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = batch(str(records), "-o", str(out), *EN, "--workers", "2", "--text-only",
              "--lexicon", str(residue))
    assert p.returncode == 0, p.stderr
    assert {r["id"]: r["text"] for r in lines_of(out)} == {
        i: t.replace("Les mer her\n", "") for i, t in texts.items()}
    p = batch(str(records), "-o", str(tmp_path / "x.jsonl"), *EN, "--lexicon", "missing.tsv")
    assert p.returncode == 2
    assert p.stderr == "newsfix batch: error: --lexicon missing.tsv: no such file\n"


def test_a_reader_that_goes_away_stops_the_batch_quietly(tmp_path: Path) -> None:
    src = corpus(tmp_path, 24)
    proc = subprocess.Popen([sys.executable, "-m", "newsfix.cli", "batch", "--no-progress",
                             str(src), "--no-translate", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            start_new_session=True)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=300)
    assert json.loads(first)["schema"] == "newsfix.result/2"
    assert (proc.returncode, err) == (141, "")
    deadline = time.monotonic() + 60
    while _session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session_processes(proc.pid) == []  # no worker left behind
