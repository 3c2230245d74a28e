"""argostranslate's layout as newsfix computes it, and the shape of ``newsfix.translate``.

Nothing here needs the translate extra: the layout and the module graph are
plain Python.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfix.translate import layout

TRANSLATE = Path(__file__).resolve().parents[1] / "src" / "newsfix" / "translate"


def _imports(module: Path) -> set[str]:
    """Sibling modules of ``newsfix.translate`` that ``module`` imports, lazily or not."""
    siblings = {p.stem for p in TRANSLATE.glob("*.py")} - {"__init__"}
    found = set()
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "newsfix.translate":
                found |= {a.name for a in node.names if a.name in siblings}
            elif node.module.startswith("newsfix.translate."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[2] for a in node.names
                      if a.name.startswith("newsfix.translate.")}
    return found - {module.stem}


def test_translate_modules_import_in_one_direction_only() -> None:
    graph = {p.stem: _imports(p) for p in TRANSLATE.glob("*.py") if p.stem != "__init__"}
    assert {"models", "cache"} <= graph["engine"]  # the engine finds packages through models
    # models must never reach the engine (issue 9), directly or through another module
    reach, todo = set(), ["models"]
    while todo:
        for dep in graph[todo.pop()]:
            if dep not in reach:
                reach.add(dep)
                todo.append(dep)
    assert "engine" not in reach, reach
    assert {"cache", "layout", "archive", "codes", "errors"} <= reach
    # and no cycle anywhere (depth-first search over the whole graph)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in graph.get(node, ()):
            assert state.get(dep) != 1, f"import cycle: {' → '.join([*path, node, dep])}"
            if dep not in state:
                visit(dep, [*path, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_importing_the_package_loads_no_optional_dependency() -> None:
    code = (
        "import sys, newsfix.translate.models, newsfix.translate.cli; "
        "print(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('ctranslate2', 'sentencepiece', 'argostranslate', 'torch', 'numpy')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_environment_beats_settings_json_and_bad_settings_json_warns(tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = home / ".config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": "/from/json",
                                    "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/json"}))
    where = layout.current({"HOME": str(home)})
    assert where.package_data_dir == Path("/from/json")
    assert where.remote_index == "http://127.0.0.1:9/json/index.json"  # the missing / added
    env = {"HOME": str(home), "ARGOS_PACKAGES_DIR": "/from/env"}
    assert layout.current(env).package_data_dir == Path("/from/env")
    settings.write_text("{not json")
    with pytest.warns(UserWarning, match="settings.json is not valid JSON"):
        where = layout.current({"HOME": str(home)})
    assert where.package_data_dir == home / ".local/share/argos-translate/packages"
    assert where.remote_index == layout.DEFAULT_INDEX + "index.json"


def test_snap_packages_are_searched_too(tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    (snap / "snap_custom" / "packages").mkdir(parents=True)
    (snap / "snap_custom" / "content_snap_packages" / "extra").mkdir(parents=True)
    env = {"HOME": str(tmp_path / "home"), "SNAP": str(snap),
           "SNAP_USER_DATA": str(tmp_path / "snapdata")}
    where = layout.current(env)
    assert where.data_dir == tmp_path / "snapdata" / ".local/share/argos-translate"
    assert where.package_dirs[1:] == (snap / "snap_custom" / "packages",
                                      snap / "snap_custom" / "content_snap_packages" / "extra")


def test_reading_the_layout_creates_nothing(tmp_path: Path) -> None:
    layout.current({"HOME": str(tmp_path / "home")})
    assert not (tmp_path / "home").exists()
