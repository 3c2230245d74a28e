"""``models install`` on archives and indexes nobody here wrote (issue 14).

Each test builds a hostile variant of the tiny real package or a lying index
served on 127.0.0.1, and checks that the install refuses it with a clear
error and leaves every installed package as it was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsfix.translate import InvalidPackage, ModelError, PackageNotFound, Translator, models
from tests.support import argos_env

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from tests.support.index_server import serve_index
from tests.support.tiny_argos import TinyPackage, write_package, zip_package

pytestmark = pytest.mark.translate

Edit = Callable[[str, bytes], "tuple[str, bytes] | None"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny-install"), "1.0")


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory, tiny: TinyPackage) -> Path:
    """A de→en package (the tiny model under another pair), top folder translate-de_en-1_0."""
    work = tmp_path_factory.mktemp("german")
    folder = write_package(
        work / "translate-de_en-1_0",
        from_code="de",
        model_dir=tiny.folder / "model",
        sp_model=tiny.sp_model,
    )
    return zip_package(folder, work / "translate-de_en-1_0.argosmodel")


@pytest.fixture(autouse=True)
def empty_package_dir() -> Iterator[None]:
    argos_env.reset()
    yield


def _rewrite(
    src: Path,
    dst: Path,
    *,
    edit: Edit | None = None,
    extra: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
    extra_first: bool = False,
) -> Path:
    """Copy the archive ``src`` to ``dst``, editing members (None drops one) and adding some."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        if extra_first:
            for name, body in extra:
                zout.writestr(name, body)
        for item in zin.infolist():
            member: tuple[str, bytes] | None = (item.filename, zin.read(item))
            if edit is not None:
                member = edit(*member)
            if member is not None:
                zout.writestr(*member)
        if not extra_first:
            for name, body in extra:
                zout.writestr(name, body)
    return dst


def _tree() -> list[str]:
    return sorted(str(p.relative_to(argos_env.PACKAGES)) for p in argos_env.PACKAGES.rglob("*"))


def test_archive_whose_top_folder_names_another_pair_keeps_that_package(
    tiny: TinyPackage, german: Path, tmp_path: Path
) -> None:
    models.install_file(german)
    models.install_file(tiny.path)
    german_files = [p for p in _tree() if p.startswith("translate-de_en-1_0")]
    # an nb→en package whose top folder is called like the installed de→en one
    disguised = _rewrite(
        tiny.path,
        tmp_path / "disguised.argosmodel",
        edit=lambda name, body: (name.replace("translate-nb_en-1_0", "translate-de_en-1_0"), body),
    )
    info = models.install_file(disguised)
    assert [p.pair for p in models.list_installed()] == ["de→en", "nb→en"]
    assert [p for p in _tree() if p.startswith("translate-de_en-1_0")] == german_files
    assert (info.from_code, info.to_code) == ("nb", "en")
    assert info.path.name == "translate-nb_en-1_0"  # named from its metadata, not its folder
    assert models.find_installed("de").path.name == "translate-de_en-1_0"  # type: ignore[union-attr]


def test_a_folder_holding_another_pair_under_the_target_name_is_never_replaced(
    tiny: TinyPackage, german: Path
) -> None:
    models.install_file(german)
    [de] = models.list_installed()
    de.path.rename(argos_env.PACKAGES / "translate-nb_en-1_0")  # a misnamed de→en package
    before = _tree()
    with pytest.raises(ModelError, match="already holds the de→en package") as err:
        models.install_file(tiny.path)
    assert not isinstance(err.value, InvalidPackage)  # the file is fine; the folder is taken
    assert _tree() == before


@pytest.mark.parametrize("extra_first", [False, True], ids=["file-then-member", "member-then-file"])
def test_member_under_a_file_member_is_refused_before_extraction(
    tiny: TinyPackage, tmp_path: Path, extra_first: bool
) -> None:
    models.install_file(tiny.path)
    before = _tree()
    top = "translate-nb_en-1_0"
    bad = _rewrite(
        tiny.path,
        tmp_path / "clash.argosmodel",
        extra=[(f"{top}/notes", b"a file"), (f"{top}/notes/inside.txt", b"under a file")],
        extra_first=extra_first,
    )
    with pytest.raises(InvalidPackage, match="'translate-nb_en-1_0/notes' is a file, yet"):
        models.install_file(bad)
    assert _tree() == before


def test_member_twice_is_refused(tiny: TinyPackage, tmp_path: Path) -> None:
    bad = tmp_path / "twice.argosmodel"
    with pytest.warns(UserWarning, match="Duplicate name"):  # zipfile's own warning on writing
        _rewrite(tiny.path, bad, extra=[("translate-nb_en-1_0/README.md", b"again")])
    with pytest.raises(InvalidPackage, match=r"README\.md' twice"):
        models.install_file(bad)
    assert models.list_installed() == []


def test_archive_that_unpacks_to_far_more_than_its_size_is_refused(
    tiny: TinyPackage, tmp_path: Path
) -> None:
    """80 MiB of zeros deflate to about 80 KB: a small download that would fill a disk."""
    bomb = _rewrite(tiny.path, tmp_path / "bomb.argosmodel")
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, zf.open(
        "translate-nb_en-1_0/padding.bin", "w"
    ) as out:
        for _ in range(80):
            out.write(bytes(2**20))
    assert bomb.stat().st_size < 400_000
    with pytest.raises(InvalidPackage, match=r"would unpack to 8\d MiB from \d+ KiB") as err:
        models.install_file(bomb)
    assert str(bomb) in str(err.value)
    assert models.list_installed() == []
    assert not list(argos_env.PACKAGES.parent.glob(".newsfix-install-*"))  # nothing left behind


def test_archive_with_too_many_members_is_refused(tiny: TinyPackage, tmp_path: Path) -> None:
    many = [(f"translate-nb_en-1_0/many/{i}", b"") for i in range(10_000)]
    bad = _rewrite(tiny.path, tmp_path / "many.argosmodel", extra=many)
    with pytest.raises(InvalidPackage, match=r"has 100\d\d members, more than the limit of 10000"):
        models.install_file(bad)
    assert models.list_installed() == []


def test_size_limit_is_a_parameter_and_an_option(tiny: TinyPackage) -> None:
    unpacked = models.validate_package_file(tiny.path).unpacked_bytes
    with pytest.raises(InvalidPackage, match="more than the limit of"):
        models.install_file(tiny.path, limits=models.Limits(max_bytes=unpacked - 1))
    assert models.install_file(tiny.path, limits=models.Limits(max_bytes=unpacked)).version == "1.0"
    env = {**os.environ, **argos_env.ENV}
    cli = [sys.executable, "-m", "newsfix.translate.cli", "install", "nb", "--from-file"]
    small = subprocess.run([*cli, str(tiny.path), "--max-size", "0.01"], capture_output=True,
                           text=True, env=env, timeout=60)
    assert small.returncode == 6 and "more than the limit of 10 KiB" in small.stderr


@pytest.mark.parametrize(
    "field, value",
    [
        ("package_version", "../../../escape"),
        ("package_version", "1.0/../../x"),
        ("from_code", "nb/../../x"),
        ("to_code", "../en"),
    ],
)
def test_metadata_fields_that_would_name_a_path_are_refused(
    tiny: TinyPackage, tmp_path: Path, field: str, value: str
) -> None:
    def lie(name: str, body: bytes) -> tuple[str, bytes]:
        if name.endswith("metadata.json"):
            meta = json.loads(body)
            meta[field] = value
            body = json.dumps(meta).encode()
        return name, body

    bad = _rewrite(tiny.path, tmp_path / "lying.argosmodel", edit=lie)
    with pytest.raises(InvalidPackage, match=f"metadata.json {field}: '{value}' is not"):
        models.install_file(bad)
    assert models.list_installed() == []


@pytest.mark.parametrize(
    "overrides, problem",
    [
        ({"package_version": "../../../escape"}, "package_version: '../../../escape' is not"),
        ({"package_version": "1.0/../../../../x"}, "package_version"),
        ({"from_code": "nb/../../x"}, "from_code: 'nb/../../x' is not a language code"),
        ({"to_code": "en/.."}, "to_code"),
        ({"links": ["file:///etc/passwd"]}, "links: 'file:///etc/passwd' is not an http/https URL"),
    ],
)
def test_index_fields_that_would_name_a_path_are_refused(
    tiny: TinyPackage, tmp_path: Path, overrides: dict[str, object], problem: str
) -> None:
    outside = sorted(argos_env.ROOT.rglob("*"))
    with serve_index(tmp_path, tiny.path, overrides=overrides) as base:
        with pytest.warns(UserWarning, match="entry 0 skipped: " + re.escape(problem)):
            assert models.list_available(base) == []
        with pytest.warns(UserWarning, match="entry 0 skipped"), pytest.raises(PackageNotFound):
            models.install("nb", index=base)
    assert sorted(argos_env.ROOT.rglob("*")) == outside  # nothing written anywhere
    assert not (tmp_path.parent / "escape.argosmodel").exists()


def test_download_name_owes_nothing_to_the_index(tiny: TinyPackage, tmp_path: Path) -> None:
    """A well-formed but odd version still installs, under the archive's metadata name."""
    with serve_index(tmp_path, tiny.path, overrides={"package_version": "7.0+local"}) as base:
        [offer] = models.list_available(base)
        assert offer.version == "7.0+local"
        info = models.install("nb", index=base)
    assert (info.version, info.path.name) == ("1.0", "translate-nb_en-1_0")
    assert Translator.load("nb").translate_sentences(["fred."]) == [("peace.", 1.0)]


def test_failed_install_through_the_cli_is_an_error_not_a_traceback(
    tiny: TinyPackage, tmp_path: Path
) -> None:
    top = "translate-nb_en-1_0"
    bad = _rewrite(tiny.path, tmp_path / "clash.argosmodel",
                   extra=[(f"{top}/notes", b"x"), (f"{top}/notes/x", b"y")])
    env = {**os.environ, **argos_env.ENV}
    done = subprocess.run(
        [sys.executable, "-m", "newsfix.translate.cli", "install", "nb", "--from-file", str(bad)],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 6, done.stderr
    assert "Traceback" not in done.stderr and str(bad) in done.stderr
