"""The seed articles fixed once per test session (``translate=False``), for the view's tests.

``Result`` is frozen, so one computed result can be shared by every test that
only reads it; the pipeline itself is tested elsewhere on fresh runs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsfix import Result, fix_and_trace


@cache
def seed_result(path: Path) -> Result:
    """``fix_and_trace(path.read_bytes(), translate=False)``, computed once."""
    return fix_and_trace(path.read_bytes(), translate=False)
