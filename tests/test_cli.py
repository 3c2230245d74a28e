"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS, contract_violations


def newsfix(*args: str, stdin: bytes | None = None, cwd: Path | None = None
            ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "newsfix.cli", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, check=False,
                          **({} if stdin is not None else {"text": True}))


def test_prints_fixed_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("  The talks  began. \n\n\n\nThen they ended.\n", encoding="utf-8")
    p = newsfix("--no-translate", "--language", "en", str(f))
    assert p.returncode == 0, p.stderr
    assert p.stdout == "The talks began.\n\nThen they ended.\n"


def test_stdin_and_json(tmp_path: Path) -> None:
    p = newsfix("--json", "--no-translate", "--language", "en", "-",
                stdin=b"Kyiv  is quiet.")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["text"] == "Kyiv is quiet." and data["schema"] == "newsfix.result/2"
    assert not contract_violations(data)


def test_json_array_for_several_inputs_and_jsonl(tmp_path: Path) -> None:
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(f"Doc  {k}.\n", encoding="utf-8")
    p = newsfix("--json", "--no-translate", "--language", "en", str(tmp_path))
    assert p.returncode == 0, p.stderr
    arr = json.loads(p.stdout)
    assert [d["text"] for d in arr] == ["Doc 0.\n", "Doc 1.\n", "Doc 2.\n"]
    p = newsfix("--jsonl", "--no-translate", "--language", "en", str(tmp_path))
    lines = p.stdout.splitlines()
    assert len(lines) == 3 and json.loads(lines[1])["text"] == "Doc 1.\n"


def test_bad_inputs_are_named_and_others_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Fine  text.\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Fin \xe9t\xe9 \xe0 Oslo, \xe6\xf8\xe5 \xe6\xf8\xe5.".encode("latin-1"))
    p = newsfix("--no-translate", "--language", "en", str(tmp_path / "missing.txt"),
                str(binary), str(latin1), str(good))
    assert p.returncode == 1
    assert "missing.txt: no such file" in p.stderr
    assert "image.txt: binary file" in p.stderr
    assert "latin1.txt: not UTF-8 text" in p.stderr
    assert p.stdout == "Fine text.\n"


def test_invalid_bytes_are_a_warning_not_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "mostly.txt"
    f.write_bytes(b"A long enough English sentence about Kyiv and Oslo \xff here.\n")
    p = newsfix("--no-translate", "--language", "en", str(f))
    assert p.returncode == 0
    assert "invalid UTF-8 at byte 51" in p.stderr and "mostly.txt" in p.stderr
    assert "\ufffd" in p.stdout


def test_output_dir_writes_one_file_per_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("A  b.\n", encoding="utf-8")
    (src / "sub" / "b.txt").write_text("C  d.\n", encoding="utf-8")
    out = tmp_path / "out"
    p = newsfix("--no-translate", "--language", "en", "-o", str(out), str(src))
    assert p.returncode == 0, p.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == "A b.\n"
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "C d.\n"
    p = newsfix("--json", "--no-translate", "--language", "en", "-o", str(out), str(src))
    assert json.loads((out / "a.txt.json").read_text(encoding="utf-8"))["text"] == "A b.\n"


def test_diff_lists_edits_with_positions(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("One.\n\nTwo  words.\n", encoding="utf-8")
    p = newsfix("--diff", "--no-translate", "--language", "en", str(f))
    assert p.returncode == 0
    assert f"{f}:3:4: SPACE_RUN '  ' -> ' '" in p.stdout
    assert "1 edits, 0 suggestions" in p.stdout
    assert "\x1b[" not in p.stdout  # no colour when not a terminal


def test_disable_threshold_version_and_usage_errors(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("Two  spaces.\n", encoding="utf-8")
    p = newsfix("--disable", "SPACE_RUN", "--no-translate", "--language", "en", str(f))
    assert p.stdout == "Two  spaces.\n"
    p = newsfix("--disable", "NO_SUCH_RULE", str(f))
    assert p.returncode == 2 and "NO_SUCH_RULE" in p.stderr
    p = newsfix("--threshold", "1.5", str(f))
    assert p.returncode == 2 and "threshold" in p.stderr
    p = newsfix("--version")
    assert p.returncode == 0 and p.stdout.startswith("newsfix ")
    p = newsfix()
    assert p.returncode == 2


def test_rules_subcommand_lists_the_registry() -> None:
    p = newsfix("rules", "--json")
    assert p.returncode == 0
    ids = [r["id"] for r in json.loads(p.stdout)]
    assert "SPACE_RUN" in ids and "FIX_MOJIBAKE" in ids


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("newsfix")
    p = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert p.returncode == 0 and "newsfix" in p.stdout


def test_seeds_through_the_cli_keep_the_contract() -> None:
    p = newsfix("--json", "--no-translate", *map(str, SEEDS))
    assert p.returncode == 0, p.stderr
    results = json.loads(p.stdout)
    assert len(results) == len(SEEDS)
    for r in results:
        assert contract_violations(r) == []


def test_json_output_matches_the_published_schema() -> None:
    import jsonschema

    from .conftest import ROOT

    schema = json.loads((ROOT / "docs" / "result.schema.json").read_text(encoding="utf-8"))
    p = newsfix("--json", "--no-translate", "--language", "en", "-",
                stdin=b"\xef\xbb\xbf Two  spaces\r\n and caf\xc3\x83\xc2\xa9 \xff.")
    assert p.returncode == 0
    jsonschema.validate(json.loads(p.stdout), schema)
    broken = json.loads(p.stdout)
    broken["edits"][0]["source"] = [1]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_review_flags_are_warnings_with_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "loop.txt"
    f.write_text("The talks went on.\n\nThe delegations met in Istanbul in Istanbul last week.\n",
                 encoding="utf-8")
    p = newsfix("--no-translate", "--language", "en", str(f))
    assert p.returncode == 0
    assert p.stdout == "The talks went on.\n\nThe delegations met in Istanbul last week.\n"
    assert f"{f}:3:1: machine-translation loop" in p.stderr


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    for k in range(6):
        (tmp_path / f"{k}.txt").write_text(f"Doc  {k}.\n", encoding="utf-8")
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "newsfix.cli", "--no-translate", "--language",
                            "en", str(tmp_path)], stdout=subprocess.PIPE, stderr=slave,
                           check=False, env={**os.environ, "NO_COLOR": "1"})
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode()
    assert p.returncode == 0
    assert "5/6" in shown and "[" in shown  # drawn on the terminal
    assert p.stdout.decode().count("Doc ") == 6
    piped = newsfix("--no-translate", "--language", "en", str(tmp_path))
    assert "/6" not in piped.stderr  # never when stderr is not a terminal
