"""Private helpers of the English rules: word tokens, sentence starts, lexicons, frequencies.

The lexicons are TSV files under ``newsfix/data`` with ``#`` header comments
naming their source and licence; they load lazily, once per process. This is a
small private loader, kept here until a shared one exists.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex
from wordfreq import zipf_frequency

__all__ = [
    "WORD_RE", "NameEntry", "at_sentence_start", "collocations", "doc_words", "en_zipf",
    "in_url", "match_case", "names", "proper_nouns", "stray_glossary", "zipf",
]

#: A word: letters (with marks), optionally joined by internal apostrophes.
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")

# What may stand between a sentence end and the next word: spaces, opening quotes, brackets.
_OPENERS = " \t\u00a0\"'“‘«»„(["
_ENDERS = ".!?…:;\"“”«»|•*#>—–-"


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` starts a sentence, a line or follows a quote or colon.

    >>> at_sentence_start("He left. She stayed.", 9)
    True
    >>> at_sentence_start("since Moscow He sent", 13)
    False
    """
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        if text[i] in "\"“‘«»„'([":
            return True  # a quote or bracket opens here: capitals are legitimate
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _ENDERS


URLISH_RE = regex.compile(r"[@/#_\\=]|\.\p{L}|www|\p{L}\.\p{L}")


def in_url(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits inside a URL, e-mail address, handle or path.

    >>> in_url("see nato.int now", 4, 8), in_url("see nato now", 4, 8)
    (True, False)
    """
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    chunk = text[a:b]
    return bool(URLISH_RE.search(chunk))


def match_case(model: str, word: str) -> str:
    """``word`` with the initial capital of ``model`` (ALL-CAPS words keep their case).

    >>> match_case("Dont", "don't"), match_case("dont", "don't")
    ("Don't", "don't")
    """
    if model[:1].isupper() and not word[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@cache
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq's Zipf frequency of ``word`` (case-folded) in ``lang``."""
    return float(zipf_frequency(word, lang))


def en_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English.

    >>> en_zipf("trump's") > en_zipf("trumps")
    True
    """
    return zipf(word.lower().replace("’", "'"))


def _rows(name: str) -> list[list[str]]:
    text = resources.files("newsfix").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class NameEntry:
    """A curated name: its canonical spelling, kind and known other spellings."""

    canonical: str
    kind: str
    foreign: tuple[str, ...]
    english: tuple[str, ...]


def _split(cell: str, canon: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(",") if v.strip() and v.strip() != canon)


@cache
def names() -> dict[str, NameEntry]:
    """Curated names by lower-cased canonical form (``gazetteer_en_names.tsv``)."""
    out = {}
    for row in _rows("gazetteer_en_names.tsv"):
        row += [""] * (4 - len(row))
        canon = row[0].strip()
        out[canon.lower()] = NameEntry(canon, row[1].strip(), _split(row[2], canon),
                                       _split(row[3], canon))
    return out


@cache
def name_variants() -> dict[str, tuple[NameEntry, bool]]:
    """Lower-cased variant spelling -> (its entry, whether the variant is foreign)."""
    out: dict[str, tuple[NameEntry, bool]] = {}
    for entry in names().values():
        for v in entry.foreign:
            out[v.lower()] = (entry, True)
        for v in entry.english:
            out[v.lower()] = (entry, False)
    return out


@cache
def proper_nouns() -> dict[str, str]:
    """Lower-cased word -> canonical capitalisation, for words English writes only capitalised.

    Union of the Hunspell-derived table and the curated names.

    >>> proper_nouns()["nato"], proper_nouns()["kyiv"]
    ('NATO', 'Kyiv')
    """
    out = {row[0]: row[1] for row in _rows("gazetteer_en_propernouns.tsv")}
    for key, entry in names().items():
        out[key] = entry.canonical
    return out


@cache
def stray_glossary() -> dict[str, tuple[str, str]]:
    """Foreign word -> (language, English translation) (``glossary_en_stray.tsv``)."""
    return {r[0].strip().lower(): (r[1].strip(), r[2].strip()) for r in _rows(
        "glossary_en_stray.tsv") if len(r) >= 3}


@cache
def collocations() -> frozenset[str]:
    """Known English multi-word names (``en_collocations.tsv``), lower-cased."""
    return frozenset(r[0].strip().lower() for r in _rows("en_collocations.tsv"))


def doc_words(text: str) -> Counter[str]:
    """Counts of the words of ``text`` exactly as written (case kept)."""
    return Counter(m.group() for m in WORD_RE.finditer(text))
