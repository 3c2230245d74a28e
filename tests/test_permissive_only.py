"""A permissive-only distribution: newsfix without its copyleft data tables.

README's Licence section says a redistributor may delete ``bilingual/``,
``mt_siblings.tsv.gz`` and ``mt_false_friends.tsv.gz``; this runs a copy of
the package without them in a real subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import newsfix

COPYLEFT = ("bilingual", "mt_siblings.tsv.gz", "mt_false_friends.tsv.gz")

SCRIPT = """
import json, sys, newsfix
text = sys.stdin.read()
r = newsfix.fix_and_trace(text, language="en")
print(json.dumps({"file": newsfix.__file__, "text": r.text, "edits": len(r.edits)}))
"""


def test_newsfix_runs_without_the_copyleft_tables(tmp_path: Path) -> None:
    pkg = Path(newsfix.__file__).parent
    shutil.copytree(pkg, tmp_path / "newsfix", ignore=shutil.ignore_patterns("__pycache__"))
    for name in COPYLEFT:
        target = tmp_path / "newsfix" / "data" / name
        assert target.exists(), f"{name} is not shipped any more: update README's Licence section"
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    text = "The minister’s statement came on Monday.Talks resume today in Genf.\n"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], input=text, capture_output=True,
                         text=True, env=env, check=True, timeout=300)
    got = json.loads(out.stdout)
    assert got["file"].startswith(str(tmp_path))
    # The layout and glue repairs do not need the dictionaries.
    assert "Monday. Talks" in got["text"]
    assert "Traceback" not in out.stderr


def test_the_declared_licence_names_the_copyleft_sources() -> None:
    root = Path(__file__).resolve().parents[1]
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    line = next(s for s in pyproject.splitlines() if s.startswith("license = "))
    for spdx in ("MIT", "GPL-2.0-or-later", "GPL-3.0-or-later", "AGPL-3.0-only",
                 "CC-BY-SA-3.0", "CC-BY-SA-4.0"):
        assert spdx in line
    assert (root / "LICENSE").is_file()
