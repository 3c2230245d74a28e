"""The provenance contract on every fixture, checked by the project's own checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfix import fix, fix_and_trace

from .conftest import CLEAN, FIXTURES, ROOT, SEEDS, contract_violations

ALL = sorted(p for p in FIXTURES.rglob("*.txt") if "golden" not in p.parts)


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_keeps_the_contract_and_is_idempotent(path: Path) -> None:
    r = fix_and_trace(path.read_bytes(), translate=False)
    assert contract_violations(r) == []
    assert fix(r.text, translate=False) == r.text


def test_the_contract_checker_accepts_cli_output_on_the_seeds() -> None:
    cli = subprocess.run([sys.executable, "-m", "newsfix.cli", "--json", "--no-translate",
                          *map(str, SEEDS)], capture_output=True, check=True, cwd=ROOT)
    check = subprocess.run([sys.executable, "-m", "newsfix.cli", "check"], input=cli.stdout,
                           capture_output=True, check=False, cwd=ROOT)
    out = check.stdout.decode()
    assert check.returncode == 0, out
    assert f"{len(SEEDS)} results checked, 0 contract violations" in out


def test_the_contract_checker_finds_what_is_broken() -> None:
    r = fix_and_trace("Two  spaces and a trailing one. ", translate=False, language="en")
    good = r.to_dict()
    assert contract_violations(good) == []
    cases = {
        "before": ("edits", 0, "before", "x"),
        "after": ("edits", 0, "after", "xx"),
        "source": ("edits", 0, "source", [2, 4]),
        "suggestion": None,
    }
    for name, change in cases.items():
        broken = json.loads(json.dumps(good))
        if change is None:
            broken["suggestions"] = [{**good["edits"][0], "before": "nope"}]
        else:
            key, index, field, value = change
            broken[key][index][field] = value
        assert contract_violations(broken), name
    broken = json.loads(json.dumps(good))
    broken["text"] = broken["text"] + "!"
    assert "replaying the edits on the source does not give the text" in \
        contract_violations(broken)
    broken = json.loads(json.dumps(good))
    broken["edits"] = list(reversed(broken["edits"]))
    assert any("not sorted" in p for p in contract_violations(broken))


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
