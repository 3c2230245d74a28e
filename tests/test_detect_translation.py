"""Translation picks its package by the detected code: Nynorsk uses nn→en, else nb→en.

End to end with the tiny real argostranslate package the translation tests
build (nb→en); the same package relabelled ``nn`` (metadata ``from_code``)
stands in for an installed Nynorsk package.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfix import fix_and_trace
from newsfix.langid import detect_document, translation_sources
from tests.support import argos_env

from .conftest import contract_violations

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")
pytestmark = pytest.mark.translate

from newsfix.translate import models  # noqa: E402
from tests.support.tiny_argos import TinyPackage, zip_package  # noqa: E402

# Nynorsk (ikkje, ein, frå, dei, kva): the detector must say nn for both paragraphs.
NYNORSK = (
    "Putin tilbyr Trump møte om fred i Ukraina, men dei veit ikkje kva som skjer no.\n\n"
    "Situasjonen er framleis kritisk, og samtalane skal halde fram etter ein fangeutveksling "
    "frå begge sider.\n"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny-langid"), "1.0")


@pytest.fixture(scope="module")
def nynorsk_package(tiny: TinyPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny package relabelled as nn→en: a real package whose metadata says Nynorsk."""
    work = tmp_path_factory.mktemp("tiny-nn")
    folder = work / "translate-nn_en-1_0"
    shutil.copytree(tiny.folder, folder)
    meta = json.loads((folder / "metadata.json").read_text("utf-8"))
    meta.update(from_code="nn", from_name="Norwegian Nynorsk")
    (folder / "metadata.json").write_text(json.dumps(meta), "utf-8")
    return zip_package(folder, work / "translate-nn_en-1.0.argosmodel")


@pytest.fixture
def packages() -> Iterator[Path]:
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)
    yield argos_env.PACKAGES
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)


def test_the_sample_is_nynorsk() -> None:
    doc, paras = detect_document([p for p in NYNORSK.split("\n\n") if p.strip()])
    assert doc.code == "nn" and [p.code for p in paras] == ["nn", "nn"]


def test_sources_in_order() -> None:
    assert translation_sources("nn") == ("nn", "nb")
    assert translation_sources("nb") == ("nb",)
    assert translation_sources("no") == ("nb", "nn")
    assert translation_sources("de") == ("de",)


def _translations(result: object) -> list[str]:
    """The TRANSLATE step's message of every edit it contributed to (a later repair merged
    into the same edit, such as STRAY_FOREIGN_WORD on a word the model left, names the edit)."""
    return [s.message for e in result.edits  # type: ignore[attr-defined]
            for s in (e.steps or (e,)) if s.rule == "TRANSLATE"]


def test_nynorsk_falls_back_to_the_bokmal_package_with_a_warning(
        packages: Path, tiny: TinyPackage) -> None:
    models.install_file(tiny.path)  # nb→en only
    r = fix_and_trace(NYNORSK)
    assert not contract_violations(r)
    assert r.language["source"] == "nn" and r.language["output"] == "en"
    assert "Putin offers Trump" in r.text  # the nb→en package translated it
    (w,) = [w for w in r.warnings if w["code"] == "translation-fallback"]
    assert w["language"] == "nn" and w["package"] == "nb→en"
    assert "no nn→en translation package is installed" in w["message"]
    assert not [w for w in r.warnings if w["code"] == "no-translation-model"]
    assert all(s.translated and s.language == "nn" for s in r.segments)


def test_nynorsk_uses_an_installed_nynorsk_package(
        packages: Path, tiny: TinyPackage, nynorsk_package: Path) -> None:
    models.install_file(tiny.path)
    models.install_file(nynorsk_package)
    assert {(p.from_code, p.to_code) for p in models.list_installed()} == {("nb", "en"),
                                                                           ("nn", "en")}
    r = fix_and_trace(NYNORSK)
    assert not contract_violations(r)
    assert "Putin offers Trump" in r.text
    assert not [w for w in r.warnings if w["code"] in ("translation-fallback",
                                                       "no-translation-model")]
    assert _translations(r) and all("from nn to en" in m for m in _translations(r))


def test_bokmal_never_uses_a_nynorsk_package(packages: Path, nynorsk_package: Path) -> None:
    models.install_file(nynorsk_package)  # nn→en only: no fallback from nb to nn
    r = fix_and_trace("Putin tilbyr Trump møter om fred i Ukraina, sa han ikke noe om hva som "
                      "skjer nå.\n")
    assert r.language["source"] == "nb" and r.language["output"] == "nb"
    (w,) = [w for w in r.warnings if w["code"] == "no-translation-model"]
    assert w["language"] == "nb" and "newsfix models install nb" in w["message"]


def test_without_any_package_the_warning_names_nynorsk(packages: Path) -> None:
    r = fix_and_trace(NYNORSK)
    (w,) = [w for w in r.warnings if w["code"] == "no-translation-model"]
    assert w["language"] == "nn" and "no nn→en translation package" in w["message"]
    assert not any(s.translated for s in r.segments)
