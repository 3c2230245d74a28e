"""Install, list, find and remove argostranslate translation packages, without argostranslate.

Packages live where argostranslate keeps them (see :mod:`newsfix.translate.layout`:
``ARGOS_PACKAGES_DIR``, ``XDG_DATA_HOME``, its settings.json), one folder per
package with ``metadata.json``, ``model/`` and ``sentencepiece.model``, so
newsfix and an argostranslate installed beside it share them and share the
saved copy of the package index.  newsfix does the work itself, which needs
only the standard library, and does it more carefully than
argostranslate's helpers:

* the index is fetched with a timeout and a failure is reported (argostranslate's
  ``update_package_index`` swallows errors, after which ``get_available_packages``
  recurses until ``RecursionError``); index entries whose codes, version or links
  are malformed are skipped with a warning, and no index field is ever used in a path;
* each install downloads afresh into a temporary file (argostranslate's download
  cache is keyed by pair only, so it would reinstall an old version);
* the archive is checked before anything is written (:mod:`~newsfix.translate.archive`),
  unpacked beside the package folder, and renamed into place under a name taken from
  its metadata (``translate-nb_en-1_9``); only packages of the same pair are replaced,
  and they are put back if anything fails, so a failed install leaves the previous state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import sys
import tempfile
import threading
import unicodedata
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfix.translate import cache, layout
from newsfix.translate.archive import (
    CheckedPackage,
    Limits,
    extract_package,
    validate_package_file,
)
from newsfix.translate.codes import code_problem, normalize_code, same_language, version_problem
from newsfix.translate.errors import (
    IndexUnavailable,
    InvalidPackage,
    ModelError,
    PackageNotFound,
)

__all__ = [
    "AvailableInfo",
    "CheckedPackage",
    "Limits",
    "ModelError",
    "PackageInfo",
    "find_installed",
    "install",
    "install_file",
    "list_available",
    "list_installed",
    "normalize_code",
    "outdated",
    "package_dirs",
    "remove",
    "same_language",
    "update_index",
    "validate_package_file",
]

DEFAULT_TIMEOUT = 20.0
_CHUNK = 2**20


class _Pair:
    """What installed and offered packages share: a pair, and JSON-ready data."""

    from_code: str
    to_code: str

    @property
    def pair(self) -> str:
        """Return the pair as ``from→to``."""
        return f"{self.from_code}→{self.to_code}"

    def to_dict(self) -> dict[str, Any]:
        """Return the package as JSON-ready data (``models list/search --json``)."""
        data = dataclasses.asdict(self)  # type: ignore[call-overload]
        return {k: str(v) if isinstance(v, Path) else list(v) if isinstance(v, tuple) else v
                for k, v in data.items()}


@dataclass(frozen=True)
class PackageInfo(_Pair):
    """One installed package: its pair, version, size and where it lives."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    argos_version: str = ""


@dataclass(frozen=True)
class AvailableInfo(_Pair):
    """One package offered by an index."""

    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""


def package_dirs() -> list[Path]:
    """Return the directories argostranslate searches for installed packages."""
    return list(layout.current().package_dirs)


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def read_package_dir(path: Path) -> PackageInfo | None:
    """Return the package in directory ``path``, or None if it is not a translation package."""
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
            if child.is_dir() and not child.name.startswith("."):
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
    """Order versions numerically where they are numeric (``1.10`` after ``1.9``).

    >>> sorted(["1.10", "1.9", "1.9.1"], key=_version_key)
    ['1.9', '1.9.1', '1.10']
    """
    parts = version.split(".")
    if all(p.isdigit() for p in parts):
        return (1, tuple(int(p) for p in parts))
    return (0, version)


# --- the index ---------------------------------------------------------------------------


def index_url(index: str | None = None) -> str:
    """Return the index JSON URL: ``index`` (a base or a ``.json`` URL, or a path) or the default.

    The default is argostranslate's: ``ARGOS_PACKAGE_INDEX`` (environment or
    settings.json) + ``index.json``.

    >>> index_url("http://127.0.0.1:8000/")
    'http://127.0.0.1:8000/index.json'
    >>> index_url("file:///srv/argos/my-index.json")
    'file:///srv/argos/my-index.json'
    """
    if index is None:
        return layout.current().remote_index
    if "://" not in index and Path(index).exists():
        path = Path(index).resolve()
        return (path / "index.json" if path.is_dir() else path).as_uri()
    return layout.index_json_url(index)


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].lower() if ":" in url else ""


def _open(url: str, timeout: float) -> Any:
    if _scheme(url) not in ("http", "https", "file"):
        raise IndexUnavailable(f"unsupported URL {url!r} (use http, https or file)")
    request = urllib.request.Request(url, headers={"User-Agent": "newsfix"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise IndexUnavailable(f"cannot read {url}: {reason}") from err


def _fetch(url: str, timeout: float) -> bytes:
    """Read ``url`` (http, https or file) within ``timeout`` seconds per blocking step."""
    with _open(url, timeout) as response:
        try:
            return bytes(response.read())
        except (OSError, ValueError) as err:
            raise IndexUnavailable(f"cannot read {url}: {err}") from err


def _download(url: str, dest: Path, timeout: float, max_bytes: int) -> None:
    """Stream ``url`` into ``dest``, refusing more than ``max_bytes``."""
    written = 0
    with _open(url, timeout) as response, open(dest, "wb") as out:
        try:
            while chunk := response.read(_CHUNK):
                written += len(chunk)
                if written > max_bytes:
                    raise IndexUnavailable(
                        f"{url} is larger than the package size limit ({max_bytes} bytes)"
                    )
                out.write(chunk)
        except (OSError, ValueError) as err:
            raise IndexUnavailable(f"cannot read {url}: {err}") from err


def _printable(value: object) -> str:
    """Return ``value`` as text safe to print (control characters dropped).

    >>> _printable("Norsk\\x1b[31m bokmål")
    'Norsk[31m bokmål'
    """
    text = value if isinstance(value, str) else ""
    return "".join(c for c in text if unicodedata.category(c)[0] != "C")[:80]


def _offer(entry: Any, allowed_schemes: tuple[str, ...]) -> AvailableInfo | str | None:
    """Return the offer in an index entry, a problem (str) if it is malformed, None if skipped."""
    if not isinstance(entry, dict):
        return "it is not a JSON object"
    if entry.get("type", "translate") != "translate":
        return None  # sentence-boundary and other packages: not for newsfix
    version = entry.get("package_version", "")
    for field, problem in (
        ("from_code", code_problem(entry.get("from_code"))),
        ("to_code", code_problem(entry.get("to_code"))),
        ("package_version", version_problem(version)),
    ):
        if problem:
            return f"{field}: {problem}"
    links = entry.get("links", [])
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        return "links: not a list of URLs"
    bad = [link for link in links if _scheme(link) not in allowed_schemes]
    if bad:
        return f"links: {bad[0]!r} is not an {'/'.join(allowed_schemes)} URL"
    return AvailableInfo(
        from_code=str(entry["from_code"]),
        to_code=str(entry["to_code"]),
        version=str(version),
        links=tuple(links),
        from_name=_printable(entry.get("from_name", "")),
        to_name=_printable(entry.get("to_name", "")),
    )


def _parse_index(data: bytes | str, url: str) -> list[AvailableInfo]:
    try:
        entries = json.loads(data)
    except ValueError as err:
        raise IndexUnavailable(f"package index {url} is not valid JSON: {err}") from err
    if not isinstance(entries, list):
        raise IndexUnavailable(f"package index {url} is not a JSON list of packages")
    # A remote index may not point at local files; a local one may.
    allowed = ("http", "https", "file") if _scheme(url) == "file" else ("http", "https")
    out = []
    for i, entry in enumerate(entries):
        offer = _offer(entry, allowed)
        if isinstance(offer, str):
            warnings.warn(f"package index {url}: entry {i} skipped: {offer}", stacklevel=3)
        elif offer is not None:
            out.append(offer)
    return out


def _save_index(where: layout.ArgosLayout, data: bytes) -> Path:
    """Write the saved copy of the index atomically (argostranslate reads the same file)."""
    where.data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".json", dir=where.data_dir)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, where.local_index)
    return where.local_index


def list_available(
    index: str | None = None, *, timeout: float = DEFAULT_TIMEOUT, cached: bool = False
) -> list[AvailableInfo]:
    """Return the packages an index offers, fetched within a bounded time.

    With the default index (argostranslate's), a successful fetch refreshes
    the saved copy of the index, and a failed one falls back to that copy
    with a warning.  ``cached=True`` reads the saved copy without going
    online when there is one (what ``argospm search`` does).
    """
    where = layout.current()
    url = index_url(index)
    default = index is None or url == where.remote_index
    if cached and default and where.local_index.exists():
        return _parse_index(where.local_index.read_bytes(), str(where.local_index))
    try:
        data = _fetch(url, timeout)
    except IndexUnavailable:
        if not (default and where.local_index.exists()):
            raise
        warnings.warn(
            f"package index {url} is unreachable; using the copy saved at {where.local_index}",
            stacklevel=2,
        )
        return _parse_index(where.local_index.read_bytes(), str(where.local_index))
    offers = _parse_index(data, url)
    if default:
        _save_index(where, data)
    return offers


def update_index(*, timeout: float = DEFAULT_TIMEOUT) -> tuple[str, Path, list[AvailableInfo]]:
    """Fetch the default index and save it (``argospm update``); return URL, copy, offers."""
    where = layout.current()
    url = where.remote_index
    data = _fetch(url, timeout)
    offers = _parse_index(data, url)
    return url, _save_index(where, data), offers


def outdated(offers: list[AvailableInfo]) -> list[tuple[PackageInfo, AvailableInfo]]:
    """Return installed packages for which ``offers`` has a newer version, with that offer."""
    out = []
    for p in list_installed():
        newer = [
            a
            for a in offers
            if same_language(a.from_code, p.from_code)
            and same_language(a.to_code, p.to_code)
            and _version_key(a.version) > _version_key(p.version)
        ]
        if newer:
            out.append((p, max(newer, key=lambda a: _version_key(a.version))))
    return out


# --- installing and removing ------------------------------------------------------------

_THREAD_LOCK = threading.RLock()


@contextlib.contextmanager
def _locked(where: layout.ArgosLayout) -> Iterator[None]:
    """Serialise changes to the package folder: threads, processes, and argostranslate.

    An advisory ``flock`` on a file in argostranslate's cache directory keeps
    two newsfix processes (say, Dask workers installing on first need) from
    interleaving; argostranslate's own in-process lock is taken too when it
    is loaded.
    """
    argos_package = sys.modules.get("argostranslate.package")
    argos_lock = getattr(argos_package, "package_lock", None)
    with _THREAD_LOCK, argos_lock or contextlib.nullcontext(), contextlib.ExitStack() as stack:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: threads only
            yield
            return
        where.cache_dir.mkdir(parents=True, exist_ok=True)
        handle = stack.enter_context(open(where.cache_dir / "newsfix-packages.lock", "a"))
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


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


def _staging_dir(where: layout.ArgosLayout, root: Path) -> Path:
    """Return a fresh directory beside ``root`` (same file system: renames are atomic).

    It is hidden and outside the package folder, where argostranslate, which
    fails on any folder without ``metadata.json``, would see it.
    """
    try:
        return Path(tempfile.mkdtemp(prefix=".newsfix-install-", dir=root.parent))
    except OSError:
        where.cache_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="newsfix-install-", dir=where.cache_dir))


def install_file(
    path: str | os.PathLike[str],
    *,
    expect: tuple[str, str] | None = None,
    limits: Limits | None = None,
) -> PackageInfo:
    """Install the ``.argosmodel`` at ``path``; replace installed packages of the same pair.

    The file is checked first (:func:`validate_package_file`), so a corrupt,
    malformed, oversized or wrong file installs nothing.  The package goes to
    ``<packages>/translate-FROM_TO-VERSION`` (the name comes from its
    metadata, never from the archive's folder).  A folder of that name that
    holds anything but a package of the same pair is never replaced.
    """
    path = Path(path)
    checked = validate_package_file(path, limits)
    if expect is not None and not (
        same_language(checked.from_code, expect[0]) and same_language(checked.to_code, expect[1])
    ):
        raise InvalidPackage(
            f"package file {path} translates {checked.from_code}→{checked.to_code}, "
            f"not {normalize_code(expect[0])}→{normalize_code(expect[1])}"
        )
    where = layout.current()
    root = where.package_data_dir
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ModelError(f"cannot create the package folder {root}: {err}") from err
    target = root / checked.dir_name
    with _locked(where):
        old = [
            p.path
            for p in list_installed()
            if p.path.parent == root
            and same_language(p.from_code, checked.from_code)
            and same_language(p.to_code, checked.to_code)
        ]
        if (target.exists() or target.is_symlink()) and target not in old:
            other = read_package_dir(target)
            held = f"the {other.pair} package" if other else "something that is not a package"
            raise ModelError(
                f"{target} already holds {held}; not replacing it with {path} "
                f"({checked.from_code}→{checked.to_code}). Move it away and install again."
            )
        staging = _staging_dir(where, root)
        try:
            new = staging / "new"
            extract_package(checked, new, limits)
            moved: list[tuple[Path, Path]] = []
            placing = False
            try:
                for i, directory in enumerate(old):
                    aside = staging / f"old-{i}"
                    shutil.move(str(directory), aside)
                    moved.append((directory, aside))
                placing = True
                shutil.move(str(new), target)
            except BaseException as err:
                if placing:  # a move across file systems may have copied part of it
                    shutil.rmtree(target, ignore_errors=True)
                for original, aside in reversed(moved):
                    if aside.exists() and not original.exists():
                        shutil.move(str(aside), original)
                if isinstance(err, OSError):
                    raise ModelError(f"cannot install {path} into {target}: {err}") from err
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    _clear_argos_caches(checked.from_code, checked.to_code)
    cache.clear_cache()
    info = read_package_dir(target)
    if info is None:  # pragma: no cover - checked above
        raise InvalidPackage(f"package file {path} did not install a readable package")
    return info


def install(
    from_code: str,
    to_code: str = "en",
    from_file: str | os.PathLike[str] | None = None,
    *,
    index: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    limits: Limits | None = None,
) -> PackageInfo:
    """Install the package for ``from_code→to_code`` from a file or from the index.

    From the index, the newest version for the pair is downloaded afresh (no
    version-blind cache) within ``timeout`` seconds per network step, into a
    temporary file whose name owes nothing to the index.
    """
    if from_file is not None:
        return install_file(Path(from_file), expect=(from_code, to_code), limits=limits)
    offers = [
        a
        for a in list_available(index, timeout=timeout)
        if same_language(a.from_code, from_code) and same_language(a.to_code, to_code)
    ]
    if not offers:
        raise PackageNotFound(
            f"the package index {index_url(index)} offers no {normalize_code(from_code)}→"
            f"{normalize_code(to_code)} package; see `newsfix models search`"
        )
    best = max(offers, key=lambda a: _version_key(a.version))
    if not best.links:
        raise IndexUnavailable(f"the index lists {best.pair} without a link")
    where = layout.current()
    where.cache_dir.mkdir(parents=True, exist_ok=True)
    max_bytes = (limits or Limits()).max_bytes
    errors = []
    with tempfile.TemporaryDirectory(prefix="newsfix-download-", dir=where.cache_dir) as tmp:
        file = Path(tmp) / "package.argosmodel"
        for link in best.links:
            try:
                _download(link, file, timeout, max_bytes)
            except IndexUnavailable as err:
                errors.append(str(err))
                continue
            return install_file(file, expect=(from_code, to_code), limits=limits)
    raise IndexUnavailable(f"cannot download the {best.pair} package: " + "; ".join(errors))


def remove(from_code: str, to_code: str = "en") -> list[PackageInfo]:
    """Remove every installed package for the pair; raise PackageNotFound if there is none."""
    where = layout.current()
    with _locked(where):
        victims = [
            p
            for p in list_installed()
            if same_language(p.from_code, from_code) and same_language(p.to_code, to_code)
        ]
        if not victims:
            raise PackageNotFound(
                f"no {normalize_code(from_code)}→{normalize_code(to_code)} package is installed "
                f"(looked in {', '.join(str(d) for d in where.package_dirs)})"
            )
        for p in victims:
            try:
                shutil.rmtree(p.path)
            except OSError as err:
                raise ModelError(f"cannot remove {p.path}: {err}") from err
    for p in victims:
        _clear_argos_caches(p.from_code, p.to_code)
    cache.clear_cache()
    return victims
