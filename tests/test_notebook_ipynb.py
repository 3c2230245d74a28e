"""docs/notebook.ipynb runs end to end on a real local kernel (nbclient, ipykernel).

The kernel is a subprocess of this test on loopback sockets; it inherits the
test's private argostranslate home (tests/support/argos_env.py), so it sees no
model and reaches no network.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsfix import fix_and_trace

from .conftest import ROOT, SEEDS

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def run_notebook(path: Path) -> Any:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def test_the_committed_notebook_has_no_stale_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_the_notebook_runs_and_shows_every_seed() -> None:
    nb = run_notebook(NOTEBOOK)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors[0]["evalue"] if errors else ""
    views = [o["data"]["text/html"] for o in outputs
             if o.output_type in ("display_data", "execute_result")
             and 'class="nf-view' in o.get("data", {}).get("text/html", "")]
    assert len(views) == len(SEEDS) + 1  # every seed, then the translation attempt
    # Each view marks as many edits and suggestions as the heading above it counts.
    headings = [o["data"]["text/markdown"] for o in outputs if o.output_type == "display_data"
                and re.match(r"### \d{3}_", o["data"].get("text/markdown", ""))]
    assert len(headings) == len(SEEDS)
    for page, heading, path in zip(views, headings, SEEDS):
        m = re.fullmatch(rf"### {path.name}: (\d+) edits, (\d+) suggestions", heading)
        assert m, heading
        assert page.count('data-kind="edit"') == int(m.group(1)) > 0, path.name
        assert page.count('data-kind="suggestion"') == int(m.group(2)), path.name
    first = fix_and_trace(SEEDS[0].read_bytes(), translate=False)
    assert headings[0].endswith(f": {len(first.edits)} edits, {len(first.suggestions)} "
                                "suggestions")
    # Without a model, the Norwegian seed is cleaned and its warning is listed and flagged.
    assert 'data-code="no-translation-model"' in views[-1]
    assert 'data-kind="flag"' in views[-1]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert re.search(r": \d+ edits, \d+ suggestions", text)  # the diff cell
    assert "apply    PAGE_RESIDUE" in text  # the explain cell
    frames = [o["data"]["text/html"] for o in outputs if o.output_type == "execute_result"
              and "newsfix_edits" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1 and all(p.name in frames[0] for p in SEEDS)
