"""Lexicons as data: the one loader for every table under ``newsfix/data``.

A lexicon file starts with a block of ``#`` comment lines saying where the
knowledge came from, then a header row naming the columns, then one row per
entry (tab-separated; blank lines and further ``#`` lines are skipped). Files
whose name ends in ``.gz`` are read through gzip::

    # Page residue lines seen on news sites (collected by hand).
    pattern	kind	where
    Leave a Comment	exact	any

Every row is a :class:`Record`: a mapping from column name to cell that also
knows where it came from (``record.where`` is ``"boilerplate/en.tsv:12"``), so
that a rule's message can name the row that fired.

Users extend any lexicon with their own files (``FixConfig.lexicons``, the
CLI's ``--lexicon [RULE=]FILE``). A user file applies to the lexicon ``name``
when its comment block declares ``# lexicon: NAME`` (a glob such as
``boilerplate/*.tsv`` is allowed); with no declaration, when its file name
equals the lexicon's file name; a file given for a rule (``RULE=FILE``)
extends that rule's only lexicon, or the one of its lexicons with the file's
name (see :meth:`UserLexicon.bind`).

>>> rows = load("boilerplate/en.tsv")
>>> {"pattern", "kind", "where"} <= set(rows[0]), rows[0].where.startswith("boilerplate/en.tsv:")
(True, True)
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, wraps
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

__all__ = [
    "LexiconError", "Record", "UserLexicon", "active", "cache_dir", "cached_table", "cells",
    "clear_tables", "column", "data_files", "extensible", "load", "load_tsv", "numbered_cells",
    "parse_tsv", "using", "words",
]

T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon file that cannot be read as a header row plus rows."""


class Record(dict[str, str]):
    """One row of a lexicon: column name → cell, plus the file and line it came from.

    >>> r = Record({"word": "kyiv"}, file="names.tsv", line=7)
    >>> r["word"], r.where
    ('kyiv', 'names.tsv:7')
    """

    __slots__ = ("file", "line")

    def __init__(self, cells: dict[str, str], *, file: str, line: int) -> None:
        super().__init__(cells)
        self.file = file
        self.line = line

    @property
    def where(self) -> str:
        """``file:line`` of the row, for messages."""
        return f"{self.file}:{self.line}"

    def __reduce__(self) -> tuple[object, ...]:  # picklable despite __slots__ and __init__
        return (_record, (dict(self), self.file, self.line))


def _record(cells: dict[str, str], file: str, line: int) -> Record:
    return Record(cells, file=file, line=line)


@dataclass(frozen=True)
class UserLexicon:
    """A user's lexicon file, optionally given for one rule (``RULE=FILE``).

    ``lexicon`` is the package lexicon the file extends when that is settled
    (a ``RULE=FILE`` binding resolves it from the rule's ``lexicons``).

    >>> UserLexicon.parse("NAME_CASE=my_names.tsv")
    UserLexicon(path=PosixPath('my_names.tsv'), rule='NAME_CASE', lexicon=None)
    >>> UserLexicon.parse("extra.tsv").rule is None
    True
    """

    path: Path
    rule: str | None = None
    lexicon: str | None = None

    @classmethod
    def parse(cls, value: str | Path | UserLexicon | tuple[str, str | Path]) -> UserLexicon:
        """From ``FILE``, ``RULE=FILE``, a ``(rule, file)`` pair or a :class:`UserLexicon`."""
        if isinstance(value, UserLexicon):
            return value
        if isinstance(value, tuple):
            rule, path = value
            return cls(Path(path), rule)
        if isinstance(value, str):
            head, sep, tail = value.partition("=")
            if sep and head and head.replace("_", "").isalnum() and head.isupper():
                return cls(Path(tail), head)
        return cls(Path(value))

    def declared(self) -> tuple[str, ...]:
        """The ``# lexicon: NAME`` declarations of the file (reads it)."""
        return _user_file(self.path)[1]

    def bind(self, rule_lexicons: Sequence[str]) -> UserLexicon:
        """This file bound to the one lexicon of its rule it extends; ``LexiconError`` if unclear.

        A file that declares its lexicon keeps the declaration; otherwise the
        rule's only lexicon, or the one with the file's name.
        """
        if self.rule is None or self.lexicon is not None or self.declared():
            return self
        names = [n for n in rule_lexicons
                 if PurePosixPath(n).name in (self.path.name, self.path.name + ".gz")]
        if len(rule_lexicons) == 1:
            names = list(rule_lexicons)
        if len(names) != 1:
            raise LexiconError(
                f"{self.path}: rule {self.rule} reads {', '.join(rule_lexicons)}; name the "
                "file after one of them or declare '# lexicon: NAME' in its header")
        return UserLexicon(self.path, self.rule, names[0])


def parse_tsv(text: str, *, origin: str = "<tsv>") -> tuple[list[Record], list[str]]:
    """Rows of a lexicon's text and the ``# lexicon: NAME`` declarations of its comment block.

    Rows shorter than the header get empty strings; longer rows are an error.

    >>> rows, decl = parse_tsv("# lexicon: x.tsv\\na\\tb\\n1\\t2\\n3\\n")
    >>> [(r["a"], r["b"], r.line) for r in rows], decl
    ([('1', '2', 3), ('3', '', 4)], ['x.tsv'])
    """
    header: list[str] | None = None
    rows: list[Record] = []
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
        rows.append(Record(dict(zip(header, [*cells, *[""] * (len(header) - len(cells))])),
                           file=origin, line=number))
    if header is None:
        raise LexiconError(f"{origin}: no header row")
    return rows, declared


def _read_text(data: bytes, name: str) -> str:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


@cache
def _package_rows(name: str) -> tuple[Record, ...]:
    path = resources.files("newsfix").joinpath("data", *PurePosixPath(name).parts)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"no package lexicon {name!r} under newsfix/data") from None
    rows, _ = parse_tsv(_read_text(data, name), origin=name)
    return tuple(rows)


def _user_file(path: Path) -> tuple[tuple[Record, ...], tuple[str, ...]]:
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc.strerror or exc}") from None
    return _user_rows(path, mtime)


@cache
def _user_rows(path: Path, mtime: float) -> tuple[tuple[Record, ...], tuple[str, ...]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc.strerror or exc}") from None
    rows, declared = parse_tsv(_read_text(data, path.name), origin=str(path))
    return tuple(rows), tuple(declared)


def _applies(user: UserLexicon, declared: Sequence[str], name: str) -> bool:
    if user.lexicon is not None:
        return fnmatch.fnmatchcase(name, user.lexicon)
    if declared:
        return any(fnmatch.fnmatchcase(name, d) for d in declared)
    return PurePosixPath(name).name in (user.path.name, user.path.name.removesuffix(".gz"))


def load(name: str, extra: Iterable[str | Path | UserLexicon] = ()) -> list[Record]:
    """The rows of package lexicon ``name`` (a path under ``newsfix/data``), then users' rows.

    ``extra`` lists user files (usually ``FixConfig.lexicons``); only those that
    apply to ``name`` contribute (see the module docstring).
    """
    rows = list(_package_rows(name))
    for item in extra:
        user = UserLexicon.parse(item)
        user_rows, declared = _user_file(user.path)
        if _applies(user, declared, name):
            rows.extend(user_rows)
    return rows


#: Backwards-compatible name of :func:`load`.
load_tsv = load


def cells(name: str, extra: Iterable[str | Path | UserLexicon] = (), *,
          header: bool = True) -> Iterator[list[str]]:
    """The rows of lexicon ``name`` as lists of cells (header and comments left out).

    The fast path for large tables (bilingual dictionaries, gazetteers, the
    bigram table): no :class:`Record` per row. A package table that is not
    installed yields only the users' rows. Users' rows follow the package's,
    in their column order. ``header=False`` reads a table without a header row
    (the large tables built by scripts: ``spin_bigrams.tsv.gz``,
    ``spin_names.tsv.gz``, ``spin_synonyms.tsv.gz``).

    >>> next(cells("layout_photo_agencies.tsv"))
    ['Reuters']
    """
    for _, row in _rows(name, extra, header, numbered=False):
        yield row


def numbered_cells(name: str, extra: Iterable[str | Path | UserLexicon] = (), *,
                   header: bool = True) -> Iterator[tuple[str, list[str]]]:
    """:func:`cells` with each row's ``file:line`` (for messages naming the row that fired).

    >>> next(numbered_cells("layout_photo_agencies.tsv"))
    ('layout_photo_agencies.tsv:6', ['Reuters'])
    >>> next(numbered_cells("spin_names.tsv.gz", header=False))[0].startswith("spin_names")
    True
    """
    return _rows(name, extra, header, numbered=True)


def _rows(name: str, extra: Iterable[str | Path | UserLexicon], header: bool, *,
          numbered: bool) -> Iterator[tuple[str, list[str]]]:
    path = resources.files("newsfix").joinpath("data", *PurePosixPath(name).parts)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, OSError):
        data = b""
    for number, line in enumerate(_read_text(data, name).splitlines() if data else (), 1):
        if not line or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield (f"{name}:{number}" if numbered else ""), line.split("\t")
    for item in extra:
        user = UserLexicon.parse(item)
        user_rows, declared = _user_file(user.path)
        if _applies(user, declared, name):
            for row in user_rows:
                yield row.where, list(row.values())


# --------------------------------------------------------------------------- users' files in use

#: The users' lexicon files of the document being fixed (set by the pipeline).
_ACTIVE: ContextVar[tuple[UserLexicon, ...]] = ContextVar("newsfix_user_lexicons", default=())


@contextmanager
def using(files: Iterable[str | Path | UserLexicon]) -> Iterator[None]:
    """Make ``files`` the users' lexicons that :func:`extensible` tables read, for a block.

    The pipeline runs each document inside ``using(config.lexicons)``, so a
    rule's tables include the user's rows for that document only.
    """
    token = _ACTIVE.set(tuple(UserLexicon.parse(f) for f in files))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active(*names: str) -> tuple[UserLexicon, ...]:
    """The users' files in use (:func:`using`) that extend any of the lexicons ``names``.

    >>> active("gazetteer_en_names.tsv")
    ()
    """
    users = _ACTIVE.get()
    if not users:
        return ()
    return tuple(u for u in users if any(_overlaps(u, n) for n in names))


def _overlaps(user: UserLexicon, name: str) -> bool:
    """Whether ``user`` extends lexicon ``name`` or, for a glob ``name``, one it matches."""
    declared = _user_file(user.path)[1]
    if _applies(user, declared, name):
        return True
    targets = [user.lexicon] if user.lexicon else list(declared) or [user.path.name]
    return any(fnmatch.fnmatchcase(t, name) or fnmatch.fnmatchcase(PurePosixPath(t).name,
                                                                  PurePosixPath(name).name)
               for t in targets)


F = TypeVar("F", bound=Callable[..., Any])

#: Every :func:`extensible` table's cache (for :func:`clear_tables`).
_TABLES: list[Callable[[], None]] = []


def clear_tables() -> None:
    """Forget every table built by an :func:`extensible` builder (after a data file changed)."""
    for clear in _TABLES:
        clear()


def extensible(*names: str) -> Callable[[F], F]:
    """Cache a table built from lexicons ``names`` once per set of users' files extending them.

    The decorated builder reads its lexicons with ``load(name, active(name))``
    (or :func:`cells`); with no user file in use it is built once per process,
    as with :func:`functools.cache`, and a document fixed with users' files gets
    its own copy without changing anyone else's. ``cache_clear`` clears every copy.
    """
    def decorate(fn: F) -> F:
        @cache
        def built(users: tuple[UserLexicon, ...], *args: Any) -> Any:
            return fn(*args)

        # The tables without users' files, by arguments: rules read them in their inner
        # loops (a word class per word), so that case skips active() and the cache's key.
        plain: dict[tuple[Any, ...], Any] = {}

        @wraps(fn)
        def wrapper(*args: Any) -> Any:
            if _ACTIVE.get():
                return built(active(*names), *args)
            found = plain.get(args, plain)  # (the dict itself: not built yet)
            if found is plain:
                found = plain[args] = built((), *args)
            return found

        def cache_clear() -> None:
            plain.clear()
            built.cache_clear()

        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        _TABLES.append(cache_clear)
        wrapper.lexicons = names  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]
    return decorate


def column(name: str, col: str | None = None) -> frozenset[str]:
    """The set of one column's cells (default: the first column) of a package lexicon.

    >>> "reuters" in {a.casefold() for a in column("layout_photo_agencies.tsv")}
    True
    """
    rows = _package_rows(name)
    if not rows:
        return frozenset()
    key = col or next(iter(rows[0]))
    return frozenset(r[key].strip() for r in rows if r[key].strip())


def words(name: str, col: str = "words") -> Iterator[tuple[str, Record]]:
    """Each whitespace-separated word of a column, with its record (word-list lexicons).

    >>> any(w == "the" for w, _ in words("layout_continuation_words.tsv"))
    True
    """
    for r in _package_rows(name):
        for w in r[col].split():
            yield w, r


def data_files(folder: str) -> list[str]:
    """Names (for :func:`load`) of the package's TSV files in a data folder, sorted.

    >>> "boilerplate/en.tsv" in data_files("boilerplate")
    True
    """
    base = resources.files("newsfix").joinpath("data", *PurePosixPath(folder).parts)
    return sorted(f"{folder}/{p.name}" for p in base.iterdir()
                  if p.name.endswith((".tsv", ".tsv.gz")))


def cache_dir() -> Path | None:
    """Where newsfix keeps tables it derived once per machine; None when turned off.

    ``$NEWSFIX_CACHE_DIR`` (``off`` turns the cache off), else
    ``$XDG_CACHE_HOME/newsfix``, else ``~/.cache/newsfix``. Everything there is
    derived from the package's data and installed packages, and rebuilt when
    they change; deleting it is always safe.
    """
    env = os.environ.get("NEWSFIX_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsfix"


def _package_bytes(name: str) -> bytes:
    return resources.files("newsfix").joinpath("data", *PurePosixPath(name).parts).read_bytes()


def _module_source(path: str | None) -> bytes:
    """The bytes of a module's source file (empty if it has none that can be read)."""
    try:
        return Path(path).read_bytes() if path else b""
    except OSError:
        return b""


def cached_table(key: str, sources: Sequence[str], build: Callable[[], T], *,
                 read: Callable[[str], bytes] = _package_bytes) -> T:
    """``build()``, kept on disk (``marshal``) across processes until a source file changes.

    ``sources`` names the package data files the table is derived from (paths
    under ``newsfix/data``); their bytes, ``key``, the Python version and the
    source of the calling module (where the reader is) name the cache file, so
    an edited table, an edited reader or another interpreter builds afresh
    (``read`` reads a source's bytes: the module's own reader, if it has one).
    ``build`` must return builtin types only (dicts, tuples, strings,
    numbers). Without a writable cache directory this is just ``build()``.
    The loaded table equals the built one (a test checks each cached table).

    >>> cached_table("doctest-squares", [], lambda: {n: n * n for n in range(3)})
    {0: 0, 1: 1, 2: 4}
    """
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.blake2b(f"{key}|{sys.version}".encode(), digest_size=16)
    # The table is what the calling module's code makes of its sources: an edited reader
    # under the same key must not be served the table its old code built.
    digest.update(_module_source(sys._getframe(1).f_globals.get("__file__")))
    for name in sources:
        try:
            digest.update(read(name))
        except OSError:
            return build()  # a table not installed: nothing to keep
    path = folder / f"{key}-{digest.hexdigest()}.marshal"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        try:
            loaded: Any = marshal.loads(data)
            return loaded  # type: ignore[no-any-return]
        except (EOFError, ValueError, TypeError):
            pass  # a damaged cache file: rebuilt below
    table = build()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            marshal.dump(table, f)  # type: ignore[arg-type]
        os.replace(tmp, path)
        for stale in folder.glob(f"{key}-*.marshal"):  # built from an earlier source
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):  # no cache this time: the table is still right
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return table
