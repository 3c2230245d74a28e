"""Lexicons as data: TSV files under ``newsfix/data`` that users can extend.

A lexicon file starts with a block of ``#`` comment lines saying where the
knowledge came from, then a header row naming the columns, then one row per
entry (tab-separated; blank lines and further ``#`` lines are skipped)::

    # Page residue lines seen on news sites (collected by hand).
    pattern	kind	where
    Leave a Comment	exact	any

Users extend a lexicon with their own files (``FixConfig.lexicons``). A user
file applies to the lexicon ``name`` when its comment block declares
``# lexicon: NAME`` (a glob such as ``boilerplate/*.tsv`` is allowed) or, with
no declaration, when its file name equals the lexicon's file name. Each row
carries ``_file`` and ``_line`` so that a decision can name the row behind it.

>>> rows = load_tsv("boilerplate/en.tsv")
>>> {"pattern", "kind", "where", "_file", "_line"} <= set(rows[0])
True
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

__all__ = ["LexiconError", "data_files", "load_tsv", "parse_tsv"]


class LexiconError(ValueError):
    """A lexicon file that cannot be read as a header row plus rows."""


def parse_tsv(text: str, *, origin: str = "<tsv>") -> tuple[list[dict[str, str]], list[str]]:
    """Rows of a lexicon's text and the ``# key: value`` declarations of its comment block.

    Rows shorter than the header get empty strings; longer rows are an error.

    >>> rows, decl = parse_tsv("# lexicon: x.tsv\\na\\tb\\n1\\t2\\n3\\n")
    >>> [(r["a"], r["b"]) for r in rows], decl
    ([('1', '2'), ('3', '')], ['x.tsv'])
    """
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    declared: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if header is None and key.strip().lower() == "lexicon" and value.strip():
                declared.append(value.strip())
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{origin}:{number}: {len(cells)} cells, header has {len(header)}")
        row = dict(zip(header, [*cells, *[""] * (len(header) - len(cells))]))
        row["_file"], row["_line"] = origin, str(number)
        rows.append(row)
    if header is None:
        raise LexiconError(f"{origin}: no header row")
    return rows, declared


@cache
def _package_rows(name: str) -> tuple[dict[str, str], ...]:
    path = resources.files("newsfix").joinpath("data", *PurePosixPath(name).parts)
    rows, _ = parse_tsv(path.read_text(encoding="utf-8"), origin=f"newsfix/data/{name}")
    return tuple(rows)


@cache
def _user_rows(path: Path, mtime: float) -> tuple[tuple[dict[str, str], ...], tuple[str, ...]]:
    rows, declared = parse_tsv(path.read_text(encoding="utf-8"), origin=str(path))
    return tuple(rows), tuple(declared)


def _applies(path: Path, declared: Iterable[str], name: str) -> bool:
    declared = list(declared)
    if declared:
        return any(fnmatch.fnmatchcase(name, d) for d in declared)
    return path.name == PurePosixPath(name).name


def load_tsv(name: str, extra: Iterable[str | Path] = ()) -> list[dict[str, str]]:
    """The rows of package lexicon ``name`` (a path under ``newsfix/data``), then users' rows.

    ``extra`` is a list of user files (usually ``FixConfig.lexicons``); only
    those that apply to ``name`` contribute (see the module docstring).
    """
    rows = [dict(r) for r in _package_rows(name)]
    for p in extra:
        path = Path(p)
        user, declared = _user_rows(path, path.stat().st_mtime)
        if _applies(path, declared, name):
            rows.extend(dict(r) for r in user)
    return rows


def data_files(folder: str) -> list[str]:
    """Names (for :func:`load_tsv`) of the package's TSV files in a data folder, sorted.

    >>> "boilerplate/en.tsv" in data_files("boilerplate")
    True
    """
    base = resources.files("newsfix").joinpath("data", *PurePosixPath(folder).parts)
    return sorted(f"{folder}/{p.name}" for p in base.iterdir() if p.name.endswith(".tsv"))
