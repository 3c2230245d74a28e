"""The commands the README and docs/cli.md show, run as written (real subprocesses)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SEEDS

BIN = Path(sys.executable).parent
SH_BLOCK_RE = re.compile(r"```sh\n(.*?)```", re.S)
EXIT_RE = re.compile(r"#\s*exit (\d+)")


def sh_commands(path: Path, section: str | None = None) -> list[tuple[str, int]]:
    """Each command line of the ``sh`` blocks of ``path`` (of one ``##`` section), with the
    exit code its comment announces (``# exit 1``; 0 when it says none)."""
    text = path.read_text(encoding="utf-8")
    if section is not None:
        start = text.index(f"## {section}\n")
        end = text.find("\n## ", start + 1)
        text = text[start:end if end >= 0 else None]
    commands = []
    for block in SH_BLOCK_RE.findall(text):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                match = EXIT_RE.search(line)
                commands.append((line, int(match.group(1)) if match else 0))
    return commands


def _short(path: Path, limit: int = 1500) -> str:
    """The first paragraphs of a real article, up to about ``limit`` characters."""
    text = path.read_text(encoding="utf-8")
    cut = text.find("\n\n", limit)
    return text if cut < 0 else text[:cut] + "\n"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every file the documented commands name."""
    d = tmp_path_factory.mktemp("docs-sandbox")
    shutil.copy(SEEDS[0], d / "article.txt")
    (d / "a.txt").write_text("The talks  began on Monday , officials said.\n", encoding="utf-8")
    (d / "b.txt").write_text("Kyiv  was quiet.\n\n\n\nThe delegations left.\n",
                             encoding="utf-8")
    (d / "page.txt").write_text(_short(SEEDS[3]), encoding="utf-8")
    (d / "rules").write_text("A file  named rules.\n", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Le café de la gare a fermé, déjà.\n".encode("cp1252"))
    (d / "articles").mkdir()
    for seed in SEEDS[:2]:
        (d / "articles" / seed.name).write_text(_short(seed), encoding="utf-8")
    (d / "archive" / "2024").mkdir(parents=True)
    (d / "archive" / "one.txt").write_text("First  archived story.\n", encoding="utf-8")
    (d / "archive" / "2024" / "two.txt").write_text(_short(SEEDS[4], 800), encoding="utf-8")
    with (d / "records.jsonl").open("w", encoding="utf-8") as f:
        for k, seed in enumerate(SEEDS[1:4]):
            f.write(json.dumps({"id": f"story-{k}", "text": _short(seed, 600)}) + "\n")
    (d / "files.lst").write_text("a.txt\nb.txt\n", encoding="utf-8")
    # docs/cli.md, "Your own lexicons": the two files it shows, and a page that needs them.
    (d / "my_residue.tsv").write_text("# Residue of a Norwegian news site.\n"
                                      "# lexicon: boilerplate/*.tsv\npattern\tkind\twhere\n"
                                      "Les mer her\texact\tany\n", encoding="utf-8")
    (d / "agencies.tsv").write_text("agency\nNewsfix Foto\n", encoding="utf-8")
    (d / "scraped.txt").write_text("Talks began on Monday.\nLes mer her\n"
                                   "Foto: Ola Nordmann / Newsfix Foto\nThey ended late.\n",
                                   encoding="utf-8")
    shutil.copytree(FIXTURES / "seeds", d / "fixtures" / "seeds")  # docs/quickstart.md
    return d


def run_documented(command: str, expected: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1"}
    p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == expected, f"{command}\n{p.stderr}"
    assert "Traceback" not in p.stderr, f"{command}\n{p.stderr}"
    if expected == 0:
        assert p.stdout.strip() or " -o " in command, f"{command} printed nothing"
    else:
        assert p.stderr.strip(), f"{command} failed without saying why"
    return p


def test_every_command_of_docs_cli_md_runs_as_written(sandbox: Path) -> None:
    commands = sh_commands(ROOT / "docs" / "cli.md")
    assert len(commands) >= 20
    for new in ("newsfix batch", "newsfix --lexicon", "newsfix detect --damage",
                "newsfix detect --spin", "newsfix translate", "newsfix models list --json"):
        assert any(c.startswith(new) for c, _ in commands), new
    out = {command: run_documented(command, expected, sandbox).stdout
           for command, expected in commands}
    # What the commands printed is what the page says they print.
    lexicon = next(c for c in out if c.startswith("newsfix --lexicon"))
    assert out[lexicon] == "Talks began on Monday.\nThey ended late.\n"
    assert "my_residue.tsv:4" in next(v for c, v in out.items() if "--diff --lexicon" in c)
    damage = next(v for c, v in out.items() if c.startswith("newsfix detect --damage"))
    assert [line.split("\t")[2] for line in damage.splitlines()[1:]] == [
        "apostrophe", "quote", "untranslated", "glue", "case", "spin", "mt"]
    spin = json.loads(next(v for c, v in out.items() if c.startswith("newsfix detect --spin")))
    assert [list(r["damage"]) for r in spin] == [["spin"], ["spin"]]
    # What the commands left is what the page says they leave.
    assert (sandbox / "fixed.txt").read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in (sandbox / "fixed").iterdir()) == sorted(
        s.name for s in SEEDS[:2])
    assert len((sandbox / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    ids = [json.loads(line)["id"] for line in
           (sandbox / "archive.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["2024/two.txt", "one.txt"]
    assert (sandbox / "texts" / "a.txt").read_text(encoding="utf-8") == \
        "The talks began on Monday, officials said.\n"


def test_the_readme_and_quickstart_commands_and_python_examples_run(sandbox: Path) -> None:
    readme = ROOT / "README.md"
    commands = sh_commands(readme, "Command line")
    assert len(commands) >= 6
    shell = sh_commands(ROOT / "docs" / "quickstart.md", "From the shell")
    assert len(shell) >= 3
    for command, expected in commands + shell:
        run_documented(command, expected, sandbox)
    python = re.search(r"## Python\n.*?```python\n(.*?)```", readme.read_text(encoding="utf-8"),
                       re.S)
    assert python is not None
    p = subprocess.run([sys.executable, "-c", python.group(1)], cwd=sandbox,
                       capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == 0, p.stderr


def test_make_demo_works_outside_this_workspace(tmp_path: Path) -> None:
    """`make demo` in a copy of the repository's files made in a fresh temporary folder."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    clone = tmp_path / "clone"
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, clone / name)
    venv = BIN.parent
    stamp = venv / ".installed"
    # The set-up step is the one that made this very virtualenv: -o treats it as done.
    p = subprocess.run(["make", "-s", f"VENV={venv}", "-o", str(stamp), "demo"], cwd=clone,
                       capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout + p.stderr
    assert out.count(f"newsfix batch: {len(SEEDS)} documents") == 1  # said once
    assert "output: build/demo/" in out
    demo = clone / "build" / "demo"
    for seed in SEEDS:
        assert (demo / seed.name).read_text(encoding="utf-8").strip()
        assert json.loads((demo / f"{seed.name}.json").read_text(encoding="utf-8"))["id"] == \
            seed.name
