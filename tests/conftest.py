"""Shared test helpers: paths and the provenance contract check."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from newsfix.contract import violations
from newsfix.result import Result

# Every test runs with argostranslate pointed at a private temporary home and a
# closed loopback index: no test sees the user's models or reaches the network.
from tests.support import argos_env  # noqa: F401

# newsfix's per-machine table cache (newsfix.lexicon.cache_dir) goes to a folder of this
# test session, not the user's ~/.cache; subprocesses inherit it. A run that sets
# NEWSFIX_CACHE_DIR itself keeps its own.
os.environ.setdefault("NEWSFIX_CACHE_DIR", tempfile.mkdtemp(prefix="newsfix-cache-"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))


def contract_violations(result: Result | dict) -> list[str]:
    """Every way ``result`` breaks the provenance contract of DESIGN §3 (empty if none).

    The project's own checker (:mod:`newsfix.contract`, also ``newsfix check``).
    """
    return violations(result)


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    assert len(SEEDS) == 5, "fixtures/seeds must hold the five seed articles"
    return SEEDS
