"""Golden outputs of the seeds (read line by line; regenerate with scripts/update_goldens.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsfix import fix_and_trace

from .conftest import FIXTURES, ROOT, SEEDS

_spec = importlib.util.spec_from_file_location("update_goldens",
                                               ROOT / "scripts" / "update_goldens.py")
assert _spec and _spec.loader
goldens = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(goldens)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_matches_its_golden_output(seed: Path) -> None:
    result = fix_and_trace(seed.read_bytes(), translate=False)
    golden = FIXTURES / "golden"
    assert result.text == (golden / f"{seed.stem}.fixed.txt").read_text(encoding="utf-8")
    assert goldens.edits_table(result) == \
        (golden / f"{seed.stem}.edits.tsv").read_text(encoding="utf-8")
