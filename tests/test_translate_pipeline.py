"""Translation inside the pipeline: sentence edits composed with cleanup, with provenance."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfix import fix_and_trace
from tests.support import argos_env

from .conftest import ROOT, contract_violations

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")
pytestmark = pytest.mark.translate

from newsfix.translate import MissingModelWarning, models  # noqa: E402
from tests.support.tiny_argos import TinyPackage  # noqa: E402

SEED_002 = ROOT / "fixtures" / "seeds" / "002_d8e3467ada999945.txt"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny-pipeline"), "1.0")


@pytest.fixture
def installed(tiny: TinyPackage) -> Iterator[TinyPackage]:
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    models.install_file(tiny.path)
    yield tiny
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)


@pytest.fixture
def none_installed() -> None:
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)


def test_seed_002_is_cleaned_then_translated_sentence_by_sentence(installed: TinyPackage) -> None:
    r = fix_and_trace(SEED_002.read_bytes())
    assert not contract_violations(r)
    assert r.language["source"] == "nb" and r.language["output"] == "en"
    translations = [e for e in r.edits if e.category == "translation"
                    or any(s.category == "translation" for s in e.steps)]
    assert len(translations) >= 15
    repaired_after = []
    for e in translations:
        # the model's word-by-word output for the cleaned source sentence
        steps = e.steps or (e,)
        k = next(i for i, s in enumerate(steps) if s.rule == "TRANSLATE")
        assert steps[k].after == installed.expected(steps[k].before)
        assert 0.0 < e.confidence <= 1.0
        repaired_after += [s.rule for s in steps[k + 1:]]
    # English repair runs on the translation's output ("USAs president" -> "USA's")
    assert "POSSESSIVE_APOSTROPHE" in repaired_after
    # the title's hyphen repair happened before translation and is listed as a step
    title = translations[0]
    rules = [s.rule for s in title.steps]
    assert rules.index("HYPHEN_SPACE") < rules.index("TRANSLATE")
    # (the removed duplicate title touches the sentence, so it merged in too)
    assert title.before.startswith("Putin tilbyr Trump -møter - håp om fred i Ukraina!")
    assert r.text.startswith("Putin offers Trump")
    # residue removed before translation stays removed; metadata still extracted
    assert "Kommentare" not in r.text and r.metadata.get("place") == "Kursk, Russland"
    assert all(s.translated and s.language == "nb" for s in r.segments)


def test_mixed_document_translates_only_the_norwegian_paragraph(installed: TinyPackage) -> None:
    english = ("The talks in Istanbul ended without a deal on Friday, officials in Kyiv "
               "and Moscow said in separate statements.")
    norwegian = ("Putin tilbyr Trump møter om fred i Ukraina. Situasjonen forblir kritisk, "
                 "og samtalene skulle gjenopptas etter en fangeutveksling.")
    text = f"{english}\n\n{norwegian}\n"
    r = fix_and_trace(text)
    assert not contract_violations(r)
    assert r.text.startswith(english + "\n\n")  # the English paragraph is untouched
    assert all(e.source.start >= len(english) for e in r.edits)
    assert [(s.language, s.translated) for s in r.segments] == [("en", False), ("nb", True)]
    assert "Putin offers Trump" in r.text
    assert r.language["output"] == "en"


def test_without_a_model_the_text_is_cleaned_and_a_warning_names_the_command(
        none_installed: None) -> None:
    with pytest.warns(MissingModelWarning, match="`newsfix models install nb --to en`"):
        r = fix_and_trace(SEED_002.read_bytes())
    assert not contract_violations(r)
    assert "Putin tilbyr Trump-møter" in r.text  # cleaned, not translated
    (w,) = [w for w in r.warnings if w["code"] == "no-translation-model"]
    assert w["language"] == "nb" and "newsfix models install nb" in w["message"]
    assert not any(s.translated for s in r.segments)
    assert r.language["output"] == "nb"


def test_auto_install_option_installs_from_the_index_on_first_need(
        none_installed: None, tiny: TinyPackage, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.index_server import serve_index

    with serve_index(tmp_path, tiny.path) as base:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        monkeypatch.delenv("NEWSFIX_AUTO_INSTALL", raising=False)
        with pytest.warns(MissingModelWarning):  # not opted in: untranslated
            r = fix_and_trace(SEED_002.read_bytes())
        assert r.language["output"] == "nb"
        r = fix_and_trace(SEED_002.read_bytes(), auto_install=True)
    assert r.language["output"] == "en" and "Putin offers Trump" in r.text
    assert not contract_violations(r)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsfix.cli", *args], capture_output=True,
                          text=True, check=False, env={**os.environ, **argos_env.ENV}, cwd=ROOT)


def test_cli_warns_and_strict_exits_3_without_a_model(none_installed: None) -> None:
    p = _cli(str(SEED_002))
    assert p.returncode == 0 and "newsfix models install nb" in p.stderr
    assert _cli("--strict", str(SEED_002)).returncode == 3


def test_cli_translates_with_an_installed_model_and_lists_it(installed: TinyPackage) -> None:
    p = _cli("--json", str(SEED_002))
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["language"]["output"] == "en" and not contract_violations(data)
    p = _cli("models", "list")
    assert p.returncode == 0 and "nb" in p.stdout and "en" in p.stdout


def test_models_subcommand_is_wired_into_the_main_command(none_installed: None,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"not a zip")
    p = _cli("models", "install", "nb", "--from-file", str(bad))
    assert p.returncode != 0 and "broken.argosmodel" in p.stderr
