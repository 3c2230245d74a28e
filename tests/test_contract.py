"""The provenance contract on every fixture, checked by the project and by the shared checker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsfix import fix, fix_and_trace

from .conftest import CLEAN, FIXTURES, ROOT, SEEDS, SHARED_CHECKER, contract_violations

ALL = sorted(p for p in FIXTURES.rglob("*.txt") if "golden" not in p.parts)


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_keeps_the_contract_and_is_idempotent(path: Path) -> None:
    r = fix_and_trace(path.read_bytes(), translate=False)
    assert contract_violations(r) == []
    assert fix(r.text, translate=False) == r.text


def test_shared_checker_accepts_cli_output_on_the_seeds() -> None:
    assert SHARED_CHECKER.exists(), f"{SHARED_CHECKER} is part of the workplace"
    cli = subprocess.run([sys.executable, "-m", "newsfix.cli", "--json", "--no-translate",
                          *map(str, SEEDS)], capture_output=True, check=True, cwd=ROOT)
    check = subprocess.run([sys.executable, str(SHARED_CHECKER)], input=cli.stdout,
                           capture_output=True, check=False)
    out = check.stdout.decode()
    assert check.returncode == 0, out
    assert f"{len(SEEDS)} results checked, 0 contract violations" in out


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_english_comes_back_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    r = fix_and_trace(text)
    assert r.text == text
    assert r.edits == (), [(e.rule, e.before, e.after) for e in r.edits]
    assert r.suggestions == (), [(e.rule, e.before, e.after) for e in r.suggestions]
    assert r.language["source"] == "en"
    assert r.warnings == ()
    assert {s.language for s in r.segments} == {"en"}


def test_there_are_enough_clean_fixtures() -> None:
    assert len(CLEAN) >= 6
    for p in CLEAN:
        assert len(p.read_text(encoding="utf-8").split()) >= 300, p.name
