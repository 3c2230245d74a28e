"""Install, list and remove argostranslate translation packages.

Packages live where argostranslate keeps them (its ``settings.package_dirs``,
set by ``ARGOS_PACKAGES_DIR`` / ``XDG_DATA_HOME`` or its settings.json), so
newsfix and argostranslate share them.  argostranslate's own helpers are used
where they are sound (settings, the index URL, ``AvailablePackage`` metadata,
its package lock and caches) and replaced where they are not:

* ``update_package_index`` has no timeout and swallows errors, after which
  ``get_available_packages`` recurses until ``RecursionError``; newsfix
  fetches the index itself with a timeout and reports the failure;
* ``AvailablePackage.download`` caches by pair name, ignoring the version, and
  has no timeout; newsfix downloads each install afresh into a temp file;
* ``install_from_path`` extracts whatever zip it is given into the package
  directory; newsfix validates the archive first (one top folder,
  ``metadata.json``, ``model/``, a tokenizer model, sane member names, CRCs)
  and restores the previous version if extraction fails half-way.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsfix.translate.errors import (
    IndexUnavailable,
    InvalidPackage,
    ModelError,
    PackageNotFound,
    extra_missing,
)

__all__ = [
    "AvailableInfo",
    "ModelError",
    "PackageInfo",
    "find_installed",
    "install",
    "install_file",
    "list_available",
    "list_installed",
    "remove",
    "validate_package_file",
]

DEFAULT_TIMEOUT = 20.0
_CODE_ALIASES = {"no": "nb", "nob": "nb"}


def normalize_code(code: str) -> str:
    """Return the canonical language code newsfix uses (Norwegian is ``nb``).

    >>> normalize_code("NO"), normalize_code("nb"), normalize_code("de")
    ('nb', 'nb', 'de')
    """
    code = code.strip().lower()
    return _CODE_ALIASES.get(code, code)


def same_language(a: str | None, b: str | None) -> bool:
    """Return whether two codes name the same language (``no`` and ``nb`` do).

    >>> same_language("no", "nb"), same_language("en", "nb")
    (True, False)
    """
    return a is not None and b is not None and normalize_code(a) == normalize_code(b)


@dataclass(frozen=True)
class PackageInfo:
    """One installed package: its pair, version, size and where it lives."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    argos_version: str = ""

    @property
    def pair(self) -> str:
        """Return the pair as ``from→to``."""
        return f"{self.from_code}→{self.to_code}"


@dataclass(frozen=True)
class AvailableInfo:
    """One package offered by an index."""

    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""


def _argos() -> tuple[Any, Any]:
    """Import argostranslate's settings and package modules (cheap: no stanza/torch)."""
    try:
        from argostranslate import package, settings
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise extra_missing("argostranslate") from err
    return settings, package


def package_dirs() -> list[Path]:
    """Return the directories argostranslate searches for installed packages."""
    settings, _ = _argos()
    return [Path(p) for p in settings.package_dirs]


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def read_package_dir(path: Path) -> PackageInfo | None:
    """Return the package in directory ``path``, or None if it is not a package."""
    try:
        meta = json.loads((path / "metadata.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
        return None
    if not meta.get("from_code") or not meta.get("to_code"):
        return None
    return PackageInfo(
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        path=path,
        size_bytes=_dir_size(path),
        argos_version=str(meta.get("argos_version", "")),
    )


def list_installed() -> list[PackageInfo]:
    """Return the installed translation packages, sorted by pair then version.

    Unlike argostranslate's ``get_installed_packages``, a stray directory
    without ``metadata.json`` is skipped instead of failing the whole listing.
    """
    found = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if child.is_dir():
                info = read_package_dir(child)
                if info is not None:
                    found.append(info)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))


def find_installed(from_code: str, to_code: str = "en") -> PackageInfo | None:
    """Return the newest installed package for the pair, or None."""
    matches = [
        p
        for p in list_installed()
        if same_language(p.from_code, from_code) and same_language(p.to_code, to_code)
    ]
    return max(matches, key=lambda p: _version_key(p.version)) if matches else None


def _version_key(version: str) -> tuple[Any, ...]:
    try:
        from packaging.version import Version

        return (1, Version(version))
    except Exception:
        return (0, version)


def index_url(index: str | None = None) -> str:
    """Return the index JSON URL: ``index`` (a base or a ``.json`` URL) or argostranslate's.

    >>> index_url("http://127.0.0.1:8000/")
    'http://127.0.0.1:8000/index.json'
    >>> index_url("file:///srv/argos/my-index.json")
    'file:///srv/argos/my-index.json'
    """
    if index is None:
        settings, _ = _argos()
        return str(settings.remote_package_index)
    if index.endswith(".json"):
        return index
    if "://" not in index and Path(index).exists():
        path = Path(index).resolve()
        return (path / "index.json" if path.is_dir() else path).as_uri()
    return index.rstrip("/") + "/index.json"


def _fetch(url: str, timeout: float) -> bytes:
    """Read ``url`` (http, https or file) within ``timeout`` seconds per blocking step."""
    if url.split(":", 1)[0] not in ("http", "https", "file"):
        raise IndexUnavailable(f"unsupported URL {url!r} (use http, https or file)")
    request = urllib.request.Request(url, headers={"User-Agent": "newsfix"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise IndexUnavailable(f"cannot read {url}: {reason}") from err


def list_available(
    index: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> list[AvailableInfo]:
    """Return the packages an index offers, fetched within a bounded time.

    With the default index, a successful fetch also refreshes argostranslate's
    local copy of the index, and a failed one falls back to that copy with a
    warning, so ``available`` works offline after one online run.
    """
    settings, package = _argos()
    url = index_url(index)
    default = index is None or url == str(settings.remote_package_index)
    try:
        data = _fetch(url, timeout)
        entries = json.loads(data)
    except IndexUnavailable:
        local = Path(settings.local_package_index)
        if not (default and local.exists()):
            raise
        import warnings

        warnings.warn(
            f"package index {url} is unreachable; using the copy saved at {local}",
            stacklevel=2,
        )
        entries = json.loads(local.read_text("utf-8"))
    except ValueError as err:
        raise IndexUnavailable(f"package index {url} is not valid JSON: {err}") from err
    else:
        if default:
            Path(settings.local_package_index).write_bytes(data)
    if not isinstance(entries, list):
        raise IndexUnavailable(f"package index {url} is not a JSON list of packages")
    out = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        pkg = package.AvailablePackage(entry)
        if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        out.append(
            AvailableInfo(
                from_code=str(pkg.from_code),
                to_code=str(pkg.to_code),
                version=str(pkg.package_version),
                links=tuple(str(link) for link in pkg.links),
                from_name=str(pkg.from_name),
                to_name=str(pkg.to_name),
            )
        )
    return out


@dataclass(frozen=True)
class _Checked:
    top: str
    from_code: str
    to_code: str
    version: str


def validate_package_file(path: Path) -> _Checked:
    """Check that ``path`` is a well-formed ``.argosmodel``; raise InvalidPackage if not.

    Checks that it is a zip whose members all sit in one top folder with safe
    names, that every member's CRC is right, that ``metadata.json`` parses and
    names both languages, and that ``model/model.bin`` and a tokenizer model
    (``sentencepiece.model`` or ``bpe.model``) are present.
    """
    where = f"package file {path}"
    if not path.is_file():
        raise InvalidPackage(f"{where} does not exist")
    if not zipfile.is_zipfile(path):
        raise InvalidPackage(f"{where} is not a zip archive (.argosmodel files are zips)")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            tops = set()
            for name in names:
                parts = PurePosixPath(name).parts
                if not parts or name.startswith("/") or ".." in parts or "\\" in name:
                    raise InvalidPackage(f"{where} has an unsafe member name {name!r}")
                tops.add(parts[0])
            if len(tops) != 1 or any("/" not in name for name in names):
                raise InvalidPackage(
                    f"{where} must contain exactly one top folder, found {sorted(tops)}"
                )
            top = next(iter(tops))
            bad = zf.testzip()
            if bad is not None:
                raise InvalidPackage(f"{where} is corrupt (bad CRC in {bad})")
            present = set(names)
            for required in ("metadata.json", "model/model.bin"):
                if f"{top}/{required}" not in present:
                    raise InvalidPackage(f"{where} lacks {top}/{required}")
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & present:
                raise InvalidPackage(f"{where} lacks {top}/sentencepiece.model")
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json"))
            except ValueError as err:
                raise InvalidPackage(f"{where}: metadata.json is not valid JSON: {err}") from err
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise InvalidPackage(f"{where} is corrupt: {err}") from err
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise InvalidPackage(f"{where}: metadata.json must name from_code and to_code")
    return _Checked(
        top, str(meta["from_code"]), str(meta["to_code"]), str(meta.get("package_version", ""))
    )


def _clear_argos_caches(from_code: str, to_code: str) -> None:
    """Drop argostranslate's in-process translators for the pair, if it has loaded any.

    ``install_from_path`` clears only the language list; the translator for
    ``from-to`` stays in ``translate.installed_translates`` and keeps serving
    the old model, so a reinstalled package would not be picked up.
    """
    translate = sys.modules.get("argostranslate.translate")
    if translate is None:
        return
    translate.get_installed_languages.cache_clear()
    translate.installed_translates[:] = [
        t for t in translate.installed_translates if t.package_key != f"{from_code}-{to_code}"
    ]


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    _, package = _argos()
    with package.package_lock:
        yield


def install_file(path: Path, *, expect: tuple[str, str] | None = None) -> PackageInfo:
    """Install the ``.argosmodel`` at ``path``; replace an installed package of the same pair.

    The file is validated first, so a corrupt or wrong file installs nothing.
    A package already installed for the pair is moved aside and restored if
    extraction fails, and deleted once the new one is in place.
    """
    from newsfix.translate import engine

    settings, _ = _argos()
    checked = validate_package_file(path)
    if expect is not None and not (
        same_language(checked.from_code, expect[0]) and same_language(checked.to_code, expect[1])
    ):
        raise InvalidPackage(
            f"package file {path} translates {checked.from_code}→{checked.to_code}, "
            f"not {expect[0]}→{expect[1]}"
        )
    target_root = Path(settings.package_data_dir)
    target = target_root / checked.top
    old = [
        p.path
        for p in list_installed()
        if same_language(p.from_code, checked.from_code)
        and same_language(p.to_code, checked.to_code)
    ]
    if target.exists() and target not in old:
        old.append(target)
    backup = Path(tempfile.mkdtemp(prefix="newsfix-backup-", dir=settings.cache_dir))
    moved: list[tuple[Path, Path]] = []
    try:
        with _locked():
            for i, directory in enumerate(old):
                dest = backup / f"{i}-{directory.name}"
                shutil.move(str(directory), dest)
                moved.append((directory, dest))
            try:
                with zipfile.ZipFile(path) as zf:
                    zf.extractall(target_root)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                for original, dest in moved:
                    shutil.move(str(dest), original)
                raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)
    _clear_argos_caches(checked.from_code, checked.to_code)
    engine.clear_cache()
    info = read_package_dir(target)
    if info is None:  # pragma: no cover - validated above
        raise InvalidPackage(f"package file {path} did not install a readable package")
    return info


def install(
    from_code: str,
    to_code: str = "en",
    from_file: str | os.PathLike[str] | None = None,
    *,
    index: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> PackageInfo:
    """Install the package for ``from_code→to_code`` from a file or from the index.

    From the index, the newest version for the pair is downloaded afresh (no
    version-blind cache) within ``timeout`` seconds per network step.
    """
    if from_file is not None:
        return install_file(Path(from_file), expect=(from_code, to_code))
    offers = [
        a
        for a in list_available(index, timeout=timeout)
        if same_language(a.from_code, from_code) and same_language(a.to_code, to_code)
    ]
    if not offers:
        raise PackageNotFound(
            f"the package index {index_url(index)} offers no {normalize_code(from_code)}→"
            f"{normalize_code(to_code)} package; see `newsfix models available`"
        )
    best = max(offers, key=lambda a: _version_key(a.version))
    if not best.links:
        raise IndexUnavailable(f"the index lists {best.from_code}→{best.to_code} without a link")
    settings, _ = _argos()
    errors = []
    with tempfile.TemporaryDirectory(prefix="newsfix-download-", dir=settings.cache_dir) as tmp:
        for link in best.links:
            try:
                data = _fetch(link, timeout)
            except IndexUnavailable as err:
                errors.append(str(err))
                continue
            file = (
                Path(tmp) / f"translate-{best.from_code}_{best.to_code}-{best.version}.argosmodel"
            )
            file.write_bytes(data)
            return install_file(file, expect=(from_code, to_code))
    raise IndexUnavailable(
        f"cannot download the {best.from_code}→{best.to_code} package: " + "; ".join(errors)
    )


def remove(from_code: str, to_code: str = "en") -> list[PackageInfo]:
    """Remove every installed package for the pair; raise PackageNotFound if there is none."""
    from newsfix.translate import engine

    victims = [
        p
        for p in list_installed()
        if same_language(p.from_code, from_code) and same_language(p.to_code, to_code)
    ]
    if not victims:
        raise PackageNotFound(
            f"no {normalize_code(from_code)}→{normalize_code(to_code)} package is installed "
            f"(looked in {', '.join(str(d) for d in package_dirs())})"
        )
    with _locked():
        for p in victims:
            shutil.rmtree(p.path)
    for p in victims:
        _clear_argos_caches(p.from_code, p.to_code)
    engine.clear_cache()
    return victims
