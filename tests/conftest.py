"""Shared test helpers: paths and the provenance contract check."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfix.result import Result

# Every test runs with argostranslate pointed at a private temporary home and a
# closed loopback index: no test sees the user's models or reaches the network.
from tests.support import argos_env  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))
SHARED_CHECKER = ROOT.parent / "shared" / "tools" / "check_provenance.py"


def contract_violations(result: Result | dict) -> list[str]:
    """Every way ``result`` breaks the provenance contract of DESIGN §3 (empty if none)."""
    d = result.to_dict() if isinstance(result, Result) else result
    src, text = d["source"], d["text"]
    problems, pieces, last_s, last_o = [], [], 0, 0
    for k, e in enumerate(d["edits"]):
        (s, t), (os_, ot) = e["source"], e["output"]
        if not (last_s <= s <= t <= len(src) and last_o <= os_ <= ot <= len(text)):
            problems.append(f"edit {k} out of order or bounds")
            continue
        if src[s:t] != e["before"] or text[os_:ot] != e["after"]:
            problems.append(f"edit {k} ({e['rule']}) before/after do not match its spans")
        if s - last_s != os_ - last_o:
            problems.append(f"edit {k}: unchanged stretch differs in length")
        pieces += [src[last_s:s], e["after"]]
        last_s, last_o = t, ot
    pieces.append(src[last_s:])
    if "".join(pieces) != text:
        problems.append("replaying the edits does not give the text")
    for k, sg in enumerate(d["suggestions"]):
        s, t = sg["source"]
        if src[s:t] != sg["before"]:
            problems.append(f"suggestion {k} before does not match the source")
    return problems


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    assert len(SEEDS) == 5, "fixtures/seeds must hold the five seed articles"
    return SEEDS
