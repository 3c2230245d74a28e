"""Translation engine and model management, run on a tiny but real argos package.

Everything here runs offline: packages are built at test time
(``support.tiny_argos``) and served from a loopback HTTP server.  None of it
needs argostranslate; the tests of sharing packages with a real
argostranslate are in ``test_translate_interop.py``.
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
    layout,
    models,
    split_sentences,
)
from tests.support import argos_env  # sets ARGOS_*/XDG_* before argostranslate is imported

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

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
    argos_env.reset()
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
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
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
    layout.current().local_index.unlink(missing_ok=True)
    # a clear error, not argostranslate's RecursionError (no timing asserted in tests)
    with pytest.raises(IndexUnavailable, match=r"127\.0\.0\.1"):
        models.list_available()  # default index: a closed loopback port, no saved copy
    with pytest.raises(IndexUnavailable):
        models.install("nb", index=f"http://127.0.0.1:{argos_env.closed_port()}/")


def test_unreachable_default_index_falls_back_to_saved_copy() -> None:
    saved = [{"from_code": "nb", "to_code": "en", "package_version": "1.9", "links": []}]
    local = layout.current().local_index
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text(json.dumps(saved), "utf-8")
    try:
        with pytest.warns(UserWarning, match="unreachable; using the copy saved"):
            [offer] = models.list_available()
        assert (offer.from_code, offer.version) == ("nb", "1.9")
        assert models.list_available(cached=True) == [offer]  # no network, no warning
    finally:
        local.unlink()


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


def test_models_search_update_and_list_json_follow_argospm(
    tiny: TinyPackage, tiny_v2: TinyPackage, tmp_path: Path
) -> None:
    with serve_index(tmp_path, tiny_v2.path, version="1.1") as base:
        # no saved index yet: search reads the configured index and saves a copy
        first = _cli("search", index=base)
        assert first.returncode == 0, first.stderr
        assert first.stdout == "nb→en\t1.1\tNorwegian → English\n"
        saved = layout.current().local_index
        assert json.loads(saved.read_text("utf-8"))[0]["package_version"] == "1.1"
        # from now on it reads the saved copy, offline, and says so
        offline = _cli("search", "norw", index=f"http://127.0.0.1:{argos_env.closed_port()}/")
        assert offline.returncode == 0 and offline.stdout.startswith("nb→en\t1.1")
        assert "from the index saved at" in offline.stderr
        as_json = _cli("search", "-f", "no", "-t", "en", "--json", index=base)
        assert [(o["from_code"], o["version"]) for o in json.loads(as_json.stdout)] == [
            ("nb", "1.1")
        ]
        nothing = _cli("search", "-f", "de", index=base)
        assert nothing.returncode == 4 and "no package in the index matches" in nothing.stderr
        # update: refreshes the copy, and names the install command for what is outdated
        models.install_file(tiny.path)
        saved.unlink()
        updated = _cli("update", index=base)
        assert updated.returncode == 0, updated.stderr
        assert f"saved the package index of 1 packages from {base}index.json" in updated.stdout
        assert (
            "nb→en 1.0 is installed, 1.1 is available: run `newsfix models install nb --to en`"
            in updated.stdout
        )
        assert saved.exists()
        unreachable = _cli("update", index=f"http://127.0.0.1:{argos_env.closed_port()}/")
        assert unreachable.returncode == 5 and "cannot read" in unreachable.stderr
    listed = _cli("list", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert {k: row[k] for k in ("from_code", "to_code", "version")} == {
        "from_code": "nb", "to_code": "en", "version": "1.0"
    }
    assert Path(row["path"]).parent == argos_env.PACKAGES and row["size_bytes"] > 0


def test_translate_command_like_argos_translate(tiny: TinyPackage, tmp_path: Path) -> None:
    text = "Putin tilbyr Trump møter.  Dette forblir kritisk!\n\nfred i Ukraina.\n"
    missing = _cli("translate", "-f", "nb", "fred.")
    assert missing.returncode == 3
    assert "`newsfix models install nb --to en`" in missing.stderr
    models.install_file(tiny.path)
    plain = _cli("translate", "-f", "nb", "-t", "en", "fred i Ukraina.")
    assert (plain.returncode, plain.stdout) == (0, "peace in Ukraine.\n"), plain.stderr
    source = tmp_path / "article.txt"
    source.write_text(text, "utf-8")
    out = tmp_path / "article.en.txt"
    written = _cli("translate", "-f", "no", str(source), "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    # sentence by sentence, the whitespace between them kept as it was
    assert out.read_text("utf-8") == (
        "Putin offers Trump meetings.  This remains critical!\n\npeace in Ukraine.\n"
    )
    as_json = _cli("translate", "-f", "nb", "--json", str(source))
    data = json.loads(as_json.stdout)
    assert data["text"] == out.read_text("utf-8") and data["source"] == str(source)
    for s in data["sentences"]:
        assert text[slice(*s["source"])] == s["before"]
        assert data["text"][slice(*s["output"])] == s["after"]
        assert s["after"] == tiny.expected(s["before"]) and 0.99 <= s["score"] <= 1.0
    piped = subprocess.run(
        [sys.executable, "-m", "newsfix.translate.cli", "translate", "-f", "nb"],
        input="fred.\n", capture_output=True, text=True, env={**os.environ, **argos_env.ENV},
        timeout=60,
    )
    assert (piped.returncode, piped.stdout) == (0, "peace.\n")
    same = _cli("translate", "-f", "nb", str(source), "-o", str(source))
    assert same.returncode == 2 and "would overwrite the input" in same.stderr
    folder = _cli("translate", "-f", "nb", str(tmp_path))
    assert folder.returncode == 1 and "is a directory" in folder.stderr
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Tromsø".encode("latin-1"))
    undecodable = _cli("translate", "-f", "nb", str(latin1))
    assert undecodable.returncode == 1 and "latin1.txt is not UTF-8" in undecodable.stderr
    assert _cli("translate", "fred.").returncode == 2  # -f is required, as in argos-translate
    english = _cli("translate", "-f", "en", "-t", "en", "Peace.")
    assert (english.returncode, english.stdout) == (0, "Peace.\n")


def test_translate_main_is_callable(tiny: TinyPackage, capsys: pytest.CaptureFixture[str]) -> None:
    """The function the ``newsfix translate`` subcommand calls."""
    from newsfix.translate.cli import translate_main

    models.install_file(tiny.path)
    assert translate_main(["-f", "nb", "-t", "en", "Putin tilbyr Trump møter."]) == 0
    assert capsys.readouterr().out == "Putin offers Trump meetings.\n"
    assert translate_main(["-f", "de", "Hallo."]) == 3
    assert "no de→en translation package" in capsys.readouterr().err


def test_device_auto_is_the_cpu_here_and_falls_back_from_an_unusable_gpu(
    tiny: TinyPackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    models.install_file(tiny.path)
    expected = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    assert Translator.load("nb").device == expected  # device="auto" is the default
    if expected == "cuda":
        return  # a machine with a usable GPU has nothing to fall back from
    # Fake (named so): CTranslate2 reports a GPU that this machine does not have;
    # loading on it then fails for real, and "auto" must fall back to the CPU.
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    with pytest.warns(UserWarning, match="sees a CUDA device but cannot use it"):
        translator = Translator.load("nb")
    assert translator.device == "cpu"
    assert translator.translate_sentences(["fred."]) == [("peace.", 1.0)]
    with pytest.raises(TranslationUnavailable, match="cannot be loaded"):
        Translator.load("nb", device="cuda")  # asked for explicitly: no silent fallback
