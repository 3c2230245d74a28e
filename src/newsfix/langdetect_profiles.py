"""langdetect's language profiles, read n-gram by n-gram instead of all at once.

``DetectorFactory.load_profile`` parses 55 JSON profiles and builds one
probability vector per n-gram (about 0.3-0.6 s, most of what language
identification adds to a fresh process's first call), although a paragraph
uses a few hundred of them, and newsfix asks langdetect only about paragraphs
that :func:`newsfix.langid.clearly_english` cannot settle. This module keeps
the vectors langdetect built once per machine in an on-disk index (``sqlite3``
in :func:`newsfix.lexicon.cache_dir`, one file per langdetect version) and
hands langdetect a mapping that reads a vector the first time an n-gram is
asked for. The vectors are the ones ``load_profile`` computed, stored as
doubles, so every probability, and every answer, is langdetect's own.

>>> factory = load_factory()
>>> detector = factory.create()
>>> detector.seed = 0
>>> detector.append("Det var en gang en konge som hadde tre døtre.")
>>> detector.detect()
'no'
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Any

from newsfix.lexicon import cache_dir

__all__ = ["LazyProbabilities", "load_factory"]

_LOCK = threading.Lock()


class LazyProbabilities(dict[str, list[float]]):
    """langdetect's ``word_lang_prob_map``, filled from the index on first use of each n-gram.

    langdetect's ``Detector`` asks ``ngram in mapping`` and then reads
    ``mapping[ngram]``; both work as on the eager dict. A connection is
    opened per process (not carried across ``fork``).
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._absent: set[str] = set()
        self._con: tuple[int, sqlite3.Connection] | None = None

    def _row(self, word: str) -> bytes | None:
        pid = os.getpid()
        if self._con is None or self._con[0] != pid:
            con = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True,
                                  check_same_thread=False)
            self._con = (pid, con)
        row = self._con[1].execute("SELECT probs FROM p WHERE word = ?", (word,)).fetchone()
        return None if row is None else bytes(row[0])

    def __contains__(self, word: object) -> bool:
        if dict.__contains__(self, word):
            return True
        if not isinstance(word, str) or word in self._absent:
            return False
        blob = self._row(word)
        if blob is None:
            self._absent.add(word)
            return False
        dict.__setitem__(self, word, array("d", blob).tolist())
        return True

    def __getitem__(self, word: str) -> list[float]:
        if word not in self:
            raise KeyError(word)
        return dict.__getitem__(self, word)

    def __reduce__(self) -> Any:  # pickled as the path: the copy reads the same index
        return (LazyProbabilities, (self._path,))


def _build(path: Path, factory: Any) -> None:
    """Write ``factory``'s loaded profiles to ``path`` (atomically)."""
    from newsfix.wordfreq_cache import write_index

    def fill(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("CREATE TABLE p (word TEXT PRIMARY KEY, probs BLOB NOT NULL) WITHOUT ROWID")
        con.execute("INSERT INTO meta VALUES ('langlist', ?)", (json.dumps(factory.langlist),))
        con.executemany("INSERT INTO p VALUES (?, ?)",
                        ((word, array("d", probs).tobytes())
                         for word, probs in factory.word_lang_prob_map.items()))

    write_index(path, fill)


def _langlist(path: Path) -> list[str] | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'langlist'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return None if row is None else list(json.loads(row[0]))


def load_factory() -> Any:
    """A langdetect ``DetectorFactory`` whose profiles are read lazily from the index.

    The first run on a machine loads the profiles as langdetect does and
    writes the index; without a writable cache directory the factory is
    langdetect's own, eagerly loaded. ``ImportError`` if langdetect is missing.
    """
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    folder = cache_dir()
    if folder is None:
        factory.load_profile(PROFILES_DIRECTORY)
        return factory
    path = folder / f"langdetect-{version('langdetect')}-profiles.sqlite3"
    try:
        with _LOCK:
            if not path.exists():
                factory.load_profile(PROFILES_DIRECTORY)
                _build(path, factory)
                return factory  # loaded already: no need to read it back
        langlist = _langlist(path)
    except (OSError, sqlite3.Error):
        langlist = None
    if not langlist:
        factory.load_profile(PROFILES_DIRECTORY)
        return factory
    factory.langlist = langlist
    factory.word_lang_prob_map = LazyProbabilities(path)
    return factory
