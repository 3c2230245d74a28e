"""wordfreq's Zipf frequencies for the residue languages, without loading whole lists.

The English rules ask how common a rare word is in ten other languages
(``STRAY_FOREIGN_WORD``, the untranslated profile, the exonym and case
rules). ``wordfreq.zipf_frequency`` answers by loading each language's whole
list into a dict (0.05–0.5 s per language, about 2 s for the ten), which is
most of a first call's time in a fresh process. This module answers the same
question from an on-disk index built once per machine from the very same
lists (``sqlite3``, one table per language, in the user's cache directory):
a lookup reads one row, and a process that asks about a few hundred words
never loads a list.

The answer is wordfreq's to the last digit: the same tokenizer
(``lossy_tokenize``), the same digit smashing and the same combination of
several tokens' frequencies as ``wordfreq._word_frequency``, applied to the
bucket index of each token stored in the index; :func:`zipf_frequency` falls
back to wordfreq itself for English (whose list loads in 0.1 s and is read
for every word), for languages outside :data:`INDEXED` and when no cache
directory can be written.

The index lives in :func:`newsfix.lexicon.cache_dir` (``$NEWSFIX_CACHE_DIR``,
``off`` to turn it off), one file per wordfreq version and language.

>>> import wordfreq
>>> [zipf_frequency(w, "de") == wordfreq.zipf_frequency(w, "de")
...  for w in ("haus", "Straße", "l'état", "2019", "qqqzzz")]
[True, True, True, True, True]
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from newsfix.lexicon import cache_dir

__all__ = ["INDEXED", "clear", "frequency", "word_frequency", "zipf_frequency"]

#: Languages answered from the on-disk index (wordfreq's code is the list's code).
INDEXED = frozenset({"cs", "da", "de", "es", "fi", "fr", "it", "nb", "nl", "pl", "pt", "ru",
                     "sv", "tr"})

_LOCK = threading.Lock()


def write_index(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write a sqlite index to ``path`` atomically: ``fill`` creates and fills its tables.

    The file is built under a scratch name (no journal, no syncing) and renamed
    once complete, so a reader never sees half an index; a failed build leaves
    nothing behind. Shared with :mod:`newsfix.langdetect_profiles`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode = OFF")  # a scratch file, renamed once complete
        con.execute("PRAGMA synchronous = OFF")
        fill(con)
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _build(path: Path, lang: str) -> None:
    """Write the index of ``lang``'s wordfreq list to ``path`` (atomically)."""
    from wordfreq import get_frequency_list

    pack = get_frequency_list(lang, "best")

    def fill(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE f (word TEXT PRIMARY KEY, cb INTEGER NOT NULL) WITHOUT ROWID")
        # Later buckets win for a word listed twice, as in get_frequency_dict.
        con.executemany("INSERT OR REPLACE INTO f VALUES (?, ?)",
                        ((word, index) for index, bucket in enumerate(pack) for word in bucket))

    write_index(path, fill)


_CONNECTIONS: dict[tuple[int, str], sqlite3.Connection | None] = {}


def _connection(lang: str) -> sqlite3.Connection | None:
    """A read-only connection to ``lang``'s index (built on first use), or None.

    One per process: a connection is not carried across ``fork`` (batch workers).
    """
    key = (os.getpid(), lang)
    try:
        return _CONNECTIONS[key]
    except KeyError:
        pass
    folder = cache_dir()
    con = None
    if folder is not None:
        path = folder / f"wordfreq-{version('wordfreq')}-{lang}.sqlite3"
        try:
            with _LOCK:
                if not path.exists():
                    _build(path, lang)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error):
            con = None
    _CONNECTIONS[key] = con
    return con


def clear() -> None:
    """Forget this process's connections (after changing ``NEWSFIX_CACHE_DIR``; tests)."""
    _CONNECTIONS.clear()
    frequency.cache_clear()
    word_frequency.cache_clear()


def _bucket(con: sqlite3.Connection, token: str) -> int | None:
    row = con.execute("SELECT cb FROM f WHERE word = ?", (token,)).fetchone()
    return None if row is None else int(row[0])


def _word_frequency(con: sqlite3.Connection, word: str, lang: str, minimum: float) -> float:
    """``wordfreq._word_frequency`` with the list's dict replaced by the index."""
    from wordfreq import cB_to_freq
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return minimum
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        index = _bucket(con, smashed)
        if index is None:
            return minimum
        freq = cB_to_freq(-index)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, minimum)
    if unrounded == 0.0:
        return 0.0
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


@lru_cache(maxsize=1 << 18)
def frequency(word: str, lang: str) -> float:
    """``wordfreq.get_frequency_dict(lang).get(word, 0.0)``, without loading the dict.

    The raw list entry (no tokenizing, no rounding), for callers that have
    already normalised ``word`` as wordfreq's lists spell it (``newsfix.langid``).
    Any wordfreq language is indexed on first use (once per machine); without
    a cache directory the dict itself is read. Memoised per process.

    >>> from wordfreq import get_frequency_dict
    >>> [frequency(w, "fr") == get_frequency_dict("fr").get(w, 0.0)
    ...  for w in ("maison", "l'état", "qqqzzz")]
    [True, True, True]
    """
    from wordfreq import cB_to_freq

    con = _connection(lang)
    if con is None:
        from wordfreq import get_frequency_dict

        return float(get_frequency_dict(lang).get(word, 0.0))
    index = _bucket(con, word)
    return 0.0 if index is None else float(cB_to_freq(-index))


@lru_cache(maxsize=1 << 16)
def word_frequency(word: str, lang: str) -> float:
    """``wordfreq.word_frequency(word, lang)`` (best list, minimum 0), list-free where indexed.

    wordfreq's own tokenizing and special casing (Turkish dotted i, words with
    an apostrophe), read from the index for the languages of :data:`INDEXED`.

    >>> import wordfreq
    >>> [word_frequency(w, "tr") == wordfreq.word_frequency(w, "tr")
    ...  for w in ("İstanbul", "ışık", "qqqzzz")]
    [True, True, True]
    """
    import wordfreq

    con = _connection(lang) if lang in INDEXED else None
    if con is None:
        return float(wordfreq.word_frequency(word, lang))
    return float(_word_frequency(con, word, lang, 0.0))


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` (best list, minimum 0), list-free where indexed."""
    import wordfreq

    con = _connection(lang) if lang in INDEXED else None
    if con is None:
        return float(wordfreq.zipf_frequency(word, lang))
    freq = _word_frequency(con, word, lang, wordfreq.zipf_to_freq(0.0))
    return float(round(wordfreq.freq_to_zipf(freq), 2))
