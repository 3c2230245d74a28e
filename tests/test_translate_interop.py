"""newsfix and a real argostranslate share one package folder and one saved index.

newsfix does not depend on argostranslate (the ``translate`` extra is
CTranslate2 and SentencePiece); it reads and writes argostranslate's on-disk
layout itself.  These tests run the real argostranslate (installed without
its stanza/spaCy/torch dependencies by ``make``: its ``settings`` and
``package`` modules need none of them) in subprocesses and check that each
side sees what the other did, and that newsfix translates with argostranslate,
stanza and torch unimportable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfix.translate import Translator, layout, models
from tests.support import argos_env

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")
if not os.environ.get("CI"):  # in CI (make test) argostranslate must be there: no skip
    pytest.importorskip("argostranslate")

from tests.support.index_server import serve_index
from tests.support.tiny_argos import TinyPackage

pytestmark = pytest.mark.translate


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny-interop"), "1.0")


@pytest.fixture(scope="module")
def index_server(tmp_path_factory: pytest.TempPathFactory, tiny: TinyPackage) -> Iterator[str]:
    with serve_index(tmp_path_factory.mktemp("index-interop"), tiny.path) as base:
        yield base


@pytest.fixture(autouse=True)
def empty_package_dir() -> Iterator[None]:
    argos_env.reset()
    yield


def _python(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


ARGOS_SETTINGS = """
import json
from argostranslate import settings
print(json.dumps({
    "data_dir": str(settings.data_dir),
    "cache_dir": str(settings.cache_dir),
    "package_data_dir": str(settings.package_data_dir),
    "package_dirs": [str(p) for p in settings.package_dirs],
    "local_index": str(settings.local_package_index),
    "remote_index": settings.remote_package_index,
}))
"""


@pytest.mark.parametrize(
    "case", ["defaults", "xdg", "argos-env", "settings-json", "env-beats-settings-json"]
)
def test_layout_is_argostranslates(tmp_path: Path, case: str) -> None:
    home = tmp_path / "home"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home)}
    if case == "xdg":
        env |= {k: str(tmp_path / k.lower()) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                                      "XDG_CACHE_HOME")}
    if case in ("argos-env", "env-beats-settings-json"):
        env |= {"ARGOS_PACKAGES_DIR": str(tmp_path / "env-packages"),
                "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/env/"}
    if case in ("settings-json", "env-beats-settings-json"):
        config = home / ".config" / "argos-translate"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(json.dumps({
            "ARGOS_PACKAGES_DIR": str(tmp_path / "json-packages"),
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/json/",
        }), "utf-8")
    ours = layout.current(env)
    theirs = json.loads(_python(ARGOS_SETTINGS, env))
    assert {
        "data_dir": str(ours.data_dir),
        "cache_dir": str(ours.cache_dir),
        "package_data_dir": str(ours.package_data_dir),
        "package_dirs": [str(p) for p in ours.package_dirs],
        "local_index": str(ours.local_index),
        "remote_index": ours.remote_index,
    } == theirs
    expected_dir = {"argos-env": "env-packages", "env-beats-settings-json": "env-packages",
                    "settings-json": "json-packages"}.get(case)
    if expected_dir:
        assert ours.package_data_dir == tmp_path / expected_dir


ARGOS_LISTS = """
import json
from argostranslate import package
print(json.dumps([[p.from_code, p.to_code, p.package_version, str(p.package_path),
                   type(p.tokenizer).__name__] for p in package.get_installed_packages()]))
"""


def test_argostranslate_sees_what_newsfix_installed(tiny: TinyPackage) -> None:
    info = models.install_file(tiny.path)
    env = {**os.environ, **argos_env.ENV}
    seen = json.loads(_python(ARGOS_LISTS, env))
    assert seen == [["nb", "en", "1.0", str(info.path), "SentencePieceTokenizer"]]
    models.remove("nb")
    assert json.loads(_python(ARGOS_LISTS, env)) == []


ARGOS_INSTALLS = """
import json
from argostranslate import package
package.update_package_index()
[pkg] = [p for p in package.get_available_packages() if p.from_code == "nb"]
try:
    package.install_from_path(pkg.download())
except ModuleNotFoundError as err:
    # After extracting, install_from_path imports argostranslate.translate to clear
    # its cache, which needs stanza (and torch); make installs argostranslate
    # without them. The package is in place by then.
    assert err.name in ("stanza", "torch", "spacy", "minisbd"), err
[installed] = package.get_installed_packages()
print(json.dumps([installed.from_code, installed.package_version, str(installed.package_path)]))
"""


def test_newsfix_translates_with_what_argostranslate_installed(index_server: str) -> None:
    """argostranslate's own index and installer accept a package without a splitter."""
    env = {**os.environ, **argos_env.ENV, "ARGOS_PACKAGE_INDEX": index_server}
    code, version, path = json.loads(_python(ARGOS_INSTALLS, env).strip().splitlines()[-1])
    assert (code, version) == ("nb", "1.0")
    assert Path(path).parent == argos_env.PACKAGES
    [info] = models.list_installed()
    assert info.path == Path(path)
    translator = Translator.load("nb")
    assert translator.translate_sentences(["Putin tilbyr Trump møter."])[0][0] == (
        "Putin offers Trump meetings."
    )


ARGOS_READS_INDEX = """
import json
from argostranslate import package, settings
settings.remote_package_index = "http://127.0.0.1:9/unreachable/index.json"  # must not be used
print(json.dumps([[p.from_code, p.package_version, p.links] for p in
                  package.get_available_packages()]))
"""


def test_models_update_saves_the_index_argostranslate_reads(
    index_server: str, tiny: TinyPackage
) -> None:
    env = {**os.environ, **argos_env.ENV, "ARGOS_PACKAGE_INDEX": index_server}
    done = subprocess.run(
        [sys.executable, "-m", "newsfix.translate.cli", "update"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "saved the package index of 1 packages" in done.stdout
    [[code, version, links]] = json.loads(_python(ARGOS_READS_INDEX, env))
    assert (code, version) == ("nb", "1.0") and links[0].startswith(index_server)


WITHOUT_ARGOS = """
import sys

BLOCKED = {"argostranslate", "stanza", "torch", "spacy", "minisbd"}


class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is hidden in this test")
        return None


sys.meta_path.insert(0, Hide())
from newsfix import fix_and_trace
from newsfix.translate.cli import main, translate_main

assert main(["install", "nb"]) == 0
assert translate_main(["-f", "nb", "fred i Ukraina."]) == 0
result = fix_and_trace(sys.argv[1])
print(result.language["output"], result.text[:27])
print(sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED))
"""


def test_translation_needs_neither_argostranslate_nor_torch(index_server: str) -> None:
    env = {**os.environ, **argos_env.ENV, "ARGOS_PACKAGE_INDEX": index_server}
    norwegian = "Putin tilbyr Trump møter om fred i Ukraina. Situasjonen forblir kritisk.\n"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_ARGOS, norwegian],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("installed nb→en 1.0 in ")
    assert lines[1] == "peace in Ukraine."
    assert lines[2] == "en Putin offers Trump meetings"
    assert lines[3] == "[]"
