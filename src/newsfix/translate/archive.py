"""Check and unpack ``.argosmodel`` files: zip archives of one package folder.

An archive comes from a download or from a user, so nothing in it is
trusted before it is checked: member names (no absolute paths, ``..``,
backslashes, drive letters or NUL), one top folder, no member under a file
member and no name twice (either makes extraction fail half-way), the
number of members and the total unpacked size (a 200 KB archive of zeros
would otherwise fill the disk), every CRC, and the package's own files
(``metadata.json`` naming the pair with well-formed codes and version,
``model/model.bin``, a tokenizer model).  Unpacking then writes only
regular files below the folder it is given, and counts the bytes it writes.

>>> Limits().max_members, Limits().max_bytes // 2**30
(10000, 4)
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsfix.translate.codes import code_problem, package_dir_name, version_problem
from newsfix.translate.errors import InvalidPackage, ModelError

#: Published packages hold a few dozen files and unpack to 100–400 MB.
MAX_MEMBERS = 10_000
MAX_BYTES = 4 * 2**30
#: Published packages barely compress (int8 weights); an archive that unpacks
#: to more than this many times its size, past RATIO_FLOOR bytes, is refused.
MAX_RATIO = 20.0
RATIO_FLOOR = 64 * 2**20
_CHUNK = 2**20


@dataclass(frozen=True)
class Limits:
    """How many members and unpacked bytes an archive may have."""

    max_members: int = MAX_MEMBERS
    max_bytes: int = MAX_BYTES
    max_ratio: float = MAX_RATIO


@dataclass(frozen=True)
class CheckedPackage:
    """An archive that passed every check, with what its metadata says."""

    path: Path
    top: str
    from_code: str
    to_code: str
    version: str
    members: int
    unpacked_bytes: int

    @property
    def dir_name(self) -> str:
        """Return the folder name the package is installed under (from its metadata)."""
        return package_dir_name(self.from_code, self.to_code, self.version)


def _size(n: float) -> str:
    """Format a byte count.

    >>> _size(204_800), _size(209_715_200)
    ('200 KiB', '200 MiB')
    """
    for unit in ("B", "KiB", "MiB"):
        if n < 1024 or unit == "MiB":
            return f"{n:.0f} {unit}"
        n /= 1024
    raise AssertionError  # pragma: no cover


def _name_problem(name: str) -> str | None:
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return "an unsafe member name"
    parts = PurePosixPath(name).parts
    if not parts or ".." in parts or ":" in parts[0]:
        return "an unsafe member name"
    return None


def _check_tree(where: str, infos: list[zipfile.ZipInfo]) -> str:
    """Check names and tree shape; return the one top folder."""
    files: set[tuple[str, ...]] = set()
    dirs: set[tuple[str, ...]] = set()
    tops = set()
    for info in infos:
        problem = _name_problem(info.filename)
        if problem:
            raise InvalidPackage(f"{where} has {problem} {info.filename!r}")
        if info.flag_bits & 0x1:
            raise InvalidPackage(f"{where}: member {info.filename!r} is encrypted")
        parts = PurePosixPath(info.filename).parts
        tops.add(parts[0])
        if info.is_dir():
            dirs.add(parts)
        else:
            if len(parts) == 1:
                raise InvalidPackage(
                    f"{where} must contain exactly one top folder; {info.filename!r} is a file"
                )
            if parts in files:
                raise InvalidPackage(f"{where} holds {info.filename!r} twice")
            files.add(parts)
        dirs.update(parts[:k] for k in range(1, len(parts)))
    if len(tops) != 1:
        raise InvalidPackage(f"{where} must contain exactly one top folder, found {sorted(tops)}")
    clash = sorted(files & dirs)
    if clash:
        name = "/".join(clash[0])
        raise InvalidPackage(f"{where}: {name!r} is a file, yet other members lie under it")
    return next(iter(tops))


def _check_size(where: str, path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> int:
    if len(infos) > limits.max_members:
        raise InvalidPackage(
            f"{where} has {len(infos)} members, more than the limit of {limits.max_members}"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_bytes:
        raise InvalidPackage(
            f"{where} would unpack to {_size(total)}, more than the limit of "
            f"{_size(limits.max_bytes)}"
        )
    packed = max(path.stat().st_size, 1)
    if total > RATIO_FLOOR and total > limits.max_ratio * packed:
        raise InvalidPackage(
            f"{where} would unpack to {_size(total)} from {_size(packed)} "
            f"({total / packed:.0f} times its size; packages barely compress): refused"
        )
    return total


def _check_metadata(where: str, meta: Any) -> tuple[str, str, str]:
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise InvalidPackage(f"{where}: metadata.json must name from_code and to_code")
    if meta.get("type", "translate") != "translate":
        raise InvalidPackage(f"{where} is a {meta.get('type')!r} package, not a translation one")
    version = meta.get("package_version", "")
    for field, problem in (
        ("from_code", code_problem(meta["from_code"])),
        ("to_code", code_problem(meta["to_code"])),
        ("package_version", version_problem(version)),
    ):
        if problem:
            raise InvalidPackage(f"{where}: metadata.json {field}: {problem}")
    return str(meta["from_code"]), str(meta["to_code"]), str(version)


def validate_package_file(path: Path, limits: Limits | None = None) -> CheckedPackage:
    """Check that ``path`` is a well-formed, reasonably sized ``.argosmodel``.

    Raises InvalidPackage naming the file and the problem; nothing is
    written.  The size limits are checked from the archive's directory
    before any member is decompressed.
    """
    limits = limits or Limits()
    where = f"package file {path}"
    if not path.is_file():
        raise InvalidPackage(f"{where} does not exist")
    if not zipfile.is_zipfile(path):
        raise InvalidPackage(f"{where} is not a zip archive (.argosmodel files are zips)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = _check_size(where, path, infos, limits)
            top = _check_tree(where, infos)
            bad = zf.testzip()
            if bad is not None:
                raise InvalidPackage(f"{where} is corrupt (bad CRC in {bad})")
            present = {info.filename for info in infos}
            for required in ("metadata.json", "model/model.bin"):
                if f"{top}/{required}" not in present:
                    raise InvalidPackage(f"{where} lacks {top}/{required}")
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & present:
                raise InvalidPackage(f"{where} lacks {top}/sentencepiece.model")
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json"))
            except ValueError as err:
                raise InvalidPackage(f"{where}: metadata.json is not valid JSON: {err}") from err
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as err:
        raise InvalidPackage(f"{where} is corrupt: {err}") from err
    except OSError as err:
        raise InvalidPackage(f"{where} cannot be read: {err}") from err
    from_code, to_code, version = _check_metadata(where, meta)
    return CheckedPackage(path, top, from_code, to_code, version, len(infos), total)


def extract_package(checked: CheckedPackage, dest: Path, limits: Limits | None = None) -> None:
    """Unpack the checked archive's top folder as the new directory ``dest``.

    Only directories and regular files are written, each below ``dest``;
    the bytes written are counted against ``limits.max_bytes`` whatever the
    archive's directory claimed.  On any failure ``dest`` is removed.
    """
    budget = (limits or Limits()).max_bytes
    dest.mkdir()
    try:
        with zipfile.ZipFile(checked.path) as zf:
            for info in zf.infolist():
                rel = PurePosixPath(info.filename).parts[1:]
                if not rel:
                    continue
                target = dest.joinpath(*rel)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise InvalidPackage(
                                f"package file {checked.path} unpacks to more than its "
                                "directory says; refused"
                            )
                        out.write(chunk)
    except InvalidPackage:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, EOFError) as err:
        shutil.rmtree(dest, ignore_errors=True)
        raise InvalidPackage(f"package file {checked.path} is corrupt: {err}") from err
    except OSError as err:
        shutil.rmtree(dest, ignore_errors=True)
        raise ModelError(f"cannot unpack {checked.path} into {dest}: {err}") from err


__all__ = [
    "MAX_BYTES",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "CheckedPackage",
    "Limits",
    "extract_package",
    "validate_package_file",
]
