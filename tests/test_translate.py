"""Translation engine and model management, run on a tiny but real argos package.

Everything here runs offline: packages are built at test time
(``support.tiny_argos``) and served from a loopback HTTP server.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfix.translate import (
    IndexUnavailable,
    InvalidPackage,
    TranslationUnavailable,
    Translator,
    available_pairs,
    models,
    split_sentences,
)
from tests.support import argos_env  # sets ARGOS_*/XDG_* before argostranslate is imported

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")
pytest.importorskip("argostranslate")

from tests.support.index_server import serve_index
from tests.support.tiny_argos import TinyPackage

pytestmark = pytest.mark.translate

ROOT = Path(__file__).resolve().parents[1]
SEED_002 = (ROOT / "fixtures" / "seeds" / "002_d8e3467ada999945.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny"), "1.0")


@pytest.fixture(scope="module")
def tiny_v2(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    """Version 1.1 of the pair, built as an identity model: it echoes its input."""
    return TinyPackage(tmp_path_factory.mktemp("tiny2"), "1.1", flip=True)


@pytest.fixture(scope="module")
def index_server(tmp_path_factory: pytest.TempPathFactory, tiny: TinyPackage) -> Iterator[str]:
    """Serve ``index.json`` and the tiny package on 127.0.0.1; yield the base URL."""
    with serve_index(tmp_path_factory.mktemp("index"), tiny.path) as base:
        yield base


@pytest.fixture(autouse=True)
def empty_package_dir() -> Iterator[None]:
    assert argos_env.settings_are_ours(), "argostranslate was imported before tests set its env"
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)
    yield


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_translates_seed_002_word_by_word(tiny: TinyPackage) -> None:
    models.install_file(tiny.path)
    translator = Translator.load("nb")
    paragraphs = _paragraphs(SEED_002)
    result = translator.translate_paragraphs(paragraphs)
    assert len(result) == len(paragraphs)
    for paragraph, sentences in zip(paragraphs, result, strict=True):
        assert [(s.start, s.end) for s in sentences] == split_sentences(paragraph, "nb")
        for s in sentences:
            assert s.text == tiny.expected(paragraph[s.start : s.end])
            assert 0.99 <= s.score <= 1.0
    # "-møter" is the pieces "-", "møter" (no word start), so it stays Norwegian.
    assert result[0][0].text == "Putin offers Trump -møter - hope about peace in Ukraine!"
    # Deterministic, and "no" names the same package.
    assert Translator.load("no").translate_paragraphs(paragraphs) == result


def test_mixed_english_and_norwegian(tiny: TinyPackage) -> None:
    models.install_file(tiny.path)
    text = (
        "Putin tilbyr Trump møter om fred i Ukraina. The talks were in Istanbul. "
        '"Jeg er åpen for møter," sa Putin.\nSituasjonen forblir kritisk!'
    )
    [sentences] = Translator.load("nb", beam_size=1, batch_size=2).translate_paragraphs([text])
    assert [text[s.start : s.end] for s in sentences] == [
        "Putin tilbyr Trump møter om fred i Ukraina.",
        "The talks were in Istanbul.",
        '"Jeg er åpen for møter," sa Putin.',
        "Situasjonen forblir kritisk!",
    ]
    assert sentences[0].text == "Putin offers Trump meetings about peace in Ukraine."
    assert sentences[1].text == "The talks were in Istanbul."  # English passes through
    assert [s.text for s in sentences] == [tiny.expected(text[s.start : s.end]) for s in sentences]
    assert Translator.load("nb").translate_paragraphs(["", "  \n"]) == [[], []]


def test_missing_pair_names_the_install_command(tiny: TinyPackage) -> None:
    models.install_file(tiny.path)
    assert available_pairs() == [("nb", "en")]
    with pytest.raises(TranslationUnavailable) as err:
        Translator.load("de")
    message = str(err.value)
    assert "de→en" in message
    assert "newsfix models install de --to en" in message


def test_auto_install_from_loopback_index(
    index_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", index_server + "index.json")
    with pytest.raises(TranslationUnavailable, match="NEWSFIX_AUTO_INSTALL"):
        Translator.load("nb")
    monkeypatch.setenv("NEWSFIX_AUTO_INSTALL", "1")
    translator = Translator.load("nb")
    assert translator.version == "1.0"
    assert translator.translate_sentences(["fred i Ukraina."]) == [("peace in Ukraine.", 1.0)]


@pytest.mark.parametrize("damage", ["truncated", "not_zip", "two_tops", "no_model", "bad_json"])
def test_corrupt_package_installs_nothing(tiny: TinyPackage, tmp_path: Path, damage: str) -> None:
    models.install_file(tiny.path)
    before = sorted(p.relative_to(argos_env.PACKAGES) for p in argos_env.PACKAGES.rglob("*"))
    bad = tmp_path / "bad.argosmodel"
    data = tiny.path.read_bytes()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "not_zip":
        bad.write_bytes(b"<html>404 Not Found</html>")
    else:
        with zipfile.ZipFile(tiny.path) as src, zipfile.ZipFile(bad, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                name = item.filename
                if damage == "no_model" and "/model/" in name:
                    continue
                if damage == "bad_json" and name.endswith("metadata.json"):
                    body = b"{not json"
                if damage == "two_tops" and name.endswith("README.md"):
                    name = "other/README.md"
                dst.writestr(name.replace("1_0", "9_9"), body)
    with pytest.raises(InvalidPackage) as err:
        models.install_file(bad)
    assert str(bad) in str(err.value)
    after = sorted(p.relative_to(argos_env.PACKAGES) for p in argos_env.PACKAGES.rglob("*"))
    assert after == before
    assert Translator.load("nb").translate_sentences(["fred."]) == [("peace.", 1.0)]


def test_wrong_pair_file_is_refused(tiny: TinyPackage) -> None:
    with pytest.raises(InvalidPackage, match="nb→en, not de→en"):
        models.install("de", "en", from_file=tiny.path)
    assert models.list_installed() == []


def test_unreachable_index_fails_fast_without_recursion() -> None:
    from argostranslate import settings

    Path(settings.local_package_index).unlink(missing_ok=True)
    # a clear error, not argostranslate's RecursionError (no timing asserted in tests)
    with pytest.raises(IndexUnavailable, match=r"127\.0\.0\.1"):
        models.list_available()  # default index: a closed loopback port, no saved copy
    with pytest.raises(IndexUnavailable):
        models.install("nb", index=f"http://127.0.0.1:{argos_env.closed_port()}/")


def test_unreachable_default_index_falls_back_to_saved_copy() -> None:
    from argostranslate import settings

    saved = [{"from_code": "nb", "to_code": "en", "package_version": "1.9", "links": []}]
    Path(settings.local_package_index).write_text(json.dumps(saved), "utf-8")
    try:
        with pytest.warns(UserWarning, match="unreachable; using the copy saved"):
            [offer] = models.list_available()
        assert (offer.from_code, offer.version) == ("nb", "1.9")
    finally:
        Path(settings.local_package_index).unlink()


def test_silent_index_times_out() -> None:
    with socket.socket() as listener:  # accepts connections (backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        # the timeout path is taken (its message), instead of waiting forever
        with pytest.raises(IndexUnavailable, match="timed out"):
            models.list_available(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5)


def test_updated_package_is_picked_up_in_process(tiny: TinyPackage, tiny_v2: TinyPackage) -> None:
    models.install_file(tiny.path)
    first = Translator.load("nb")
    assert first.translate_sentences(["fred i Ukraina."])[0][0] == "peace in Ukraine."
    info = models.install_file(tiny_v2.path)  # a newer version replaces the old one
    assert [p.version for p in models.list_installed()] == ["1.1"]
    second = Translator.load("nb")
    assert (second.version, info.version) == ("1.1", "1.1")
    assert second.translate_sentences(["fred i Ukraina."])[0][0] == "fred i Ukraina."
    # Files replaced behind newsfix's back (e.g. by argostranslate) are noticed too.
    shutil.rmtree(info.path)
    with zipfile.ZipFile(tiny.path) as zf:
        zf.extractall(argos_env.PACKAGES)
    third = Translator.load("nb")
    assert third.translate_sentences(["fred i Ukraina."])[0][0] == "peace in Ukraine."


def _cli(*args: str, index: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, **argos_env.ENV)
    if index:
        env["ARGOS_PACKAGE_INDEX"] = index
    return subprocess.run(
        [sys.executable, "-m", "newsfix.translate.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_cli_through_subprocess(index_server: str, tiny: TinyPackage, tmp_path: Path) -> None:
    listed = _cli("list")
    assert listed.returncode == 0 and "no translation packages installed" in listed.stdout
    available = _cli("available", "--index", index_server)
    assert available.returncode == 0, available.stderr
    assert "nb→en\t1.0" in available.stdout
    installed = _cli("install", "nb", index=index_server)  # default index from ARGOS_PACKAGE_INDEX
    assert installed.returncode == 0, installed.stderr
    assert "installed nb→en 1.0" in installed.stdout
    listed = _cli("list")
    assert listed.returncode == 0 and listed.stdout.startswith("nb→en\t1.0\t")
    missing = _cli("install", "de", "--index", index_server)
    assert missing.returncode == 4 and "de→en" in missing.stderr
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"garbage")
    corrupt = _cli("install", "nb", "--from-file", str(bad))
    assert corrupt.returncode == 6 and str(bad) in corrupt.stderr
    offline = _cli("available", "--index", f"http://127.0.0.1:{argos_env.closed_port()}/")
    assert offline.returncode == 5 and "cannot read" in offline.stderr
    assert _cli("remove", "no").returncode == 0
    again = _cli("remove", "nb")
    assert again.returncode == 4 and "no nb→en package is installed" in again.stderr
    assert _cli("frobnicate").returncode == 2
    assert _cli("install", "nb", "--from-file", str(tiny.path)).returncode == 0


ARGOS_OWN_PATH = """
import json, sys
from argostranslate import package, settings
package.update_package_index()
[pkg] = [p for p in package.get_available_packages() if p.from_code == "nb"]
package.install_from_path(pkg.download())
[installed] = package.get_installed_packages()
print(json.dumps([installed.from_code, installed.package_version, str(installed.package_path)]))
from newsfix.translate import Translator
print(Translator.load("nb").translate_sentences(["Putin tilbyr Trump møter."])[0][0])
"""


def test_argostranslate_installs_the_tiny_package_from_loopback_index(index_server: str) -> None:
    """argostranslate's own index and installer accept a package without a splitter."""
    env = {**os.environ, **argos_env.ENV, "ARGOS_PACKAGE_INDEX": index_server}
    done = subprocess.run(
        [sys.executable, "-c", ARGOS_OWN_PATH], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    meta, translated = done.stdout.strip().splitlines()[-2:]
    code, version, path = json.loads(meta)
    assert (code, version) == ("nb", "1.0")
    assert Path(path).parent == argos_env.PACKAGES
    assert translated == "Putin offers Trump meetings."
