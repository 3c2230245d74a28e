"""Private helpers of the English rules: word tokens, sentence starts, lexicons, frequencies.

The lexicons are TSV files under ``newsfix/data`` with ``#`` header comments
naming their source and licence; they load lazily, once per process. This is a
small private loader, kept here until a shared one exists.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex
from wordfreq import zipf_frequency

from newsfix.lexicon import load_tsv

__all__ = [
    "WORD_RE", "NameEntry", "at_sentence_start", "collocations", "doc_words", "en_zipf",
    "foreign_neighbour", "in_url", "match_case", "names", "not_english", "proper_nouns",
    "sic_marked", "stray_glossary", "zipf",
]

#: A word: letters (with marks), optionally joined by internal apostrophes.
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")

SIC_BEFORE_RE = regex.compile(r"[\[(]\s*sic\s*[\])]$", regex.IGNORECASE)
# What may stand between a sentence end and the next word: spaces, opening quotes, brackets.
_OPENERS = " \t\u00a0\"'“‘«»„(["
_ENDERS = ".!?…:;\"“”«»|•*#>—–-"


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` starts a sentence, a line or follows a quote or colon.

    >>> at_sentence_start("He left. She stayed.", 9)
    True
    >>> at_sentence_start("since Moscow He sent", 13)
    False
    >>> at_sentence_start('"Its done." [sic] The sign', 18)
    True
    """
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    sic = SIC_BEFORE_RE.search(text, 0, i + 1)
    if sic is not None:
        i = sic.start() - 1  # `"…" [sic] The`: the marker belongs to the sentence before
    while i >= 0 and text[i] in _OPENERS:
        if text[i] in "\"“‘«»„'([":
            return True  # a quote or bracket opens here: capitals are legitimate
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _ENDERS


SIC_RE = regex.compile(r"[\[(]\s*sic\s*[\])]", regex.IGNORECASE)
#: A sentence end with its closing quotes and brackets.
SENTENCE_END_RE = regex.compile(r"[.!?…]+[\"'”’»)\]]*|\n")


def sic_marked(text: str, pos: int) -> bool:
    """Whether the sentence or quotation around ``pos`` contains or is followed by ``[sic]``.

    A writer who marks a quotation ``[sic]`` keeps its errors on purpose.

    >>> sic_marked('"Its not what you think." [sic] Its fine.', 1)
    True
    >>> sic_marked('"Its not what you think." [sic] Its fine.', 33)
    False
    """
    a = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    while a < pos and text[a] in " \t\u00a0\"'”’»)]":
        a += 1
    lead = SIC_RE.match(text, a)
    if lead:
        a = lead.end()  # the previous sentence's marker
    end = SENTENCE_END_RE.search(text, pos)
    b = end.end() if end else len(text)
    while b < len(text) and text[b] in " \t\u00a0":
        b += 1  # the marker may follow the closing quote: `"…" [sic]`
    return bool(SIC_RE.search(text, a, b) or SIC_RE.match(text, b))


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
    """The cells of a package lexicon's rows, in header order (see :mod:`newsfix.lexicon`)."""
    rows = load_tsv(name)
    if not rows:
        return []
    columns = [k for k in rows[0] if not k.startswith("_")]
    return [[row[c] for c in columns] for row in rows]


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


#: Languages whose wordfreq frequencies tell a foreign word in English text (``Wir sind mehr``).
FOREIGN_LANGS = ("de", "fr", "es", "it", "pt", "nl", "pl", "nb", "sv", "da")
_BEFORE_RE = regex.compile(r"(\p{L}[\p{L}\p{M}]*)[^\S\n]+$")
_AFTER_RE = regex.compile(r"[^\S\n]+(\p{L}[\p{L}\p{M}]*)")


def not_english(word: str) -> bool:
    """Whether ``word`` is no English word: rare in English, or far commoner in another language.

    Proper nouns and single letters are never evidence either way.

    >>> not_english("alteram"), not_english("mehr"), not_english("of"), not_english("annexation")
    (True, True, False, False)
    """
    low = word.lower()
    if len(low) < 2 or low in proper_nouns():
        return False
    en = en_zipf(low)
    if en < 2.0:
        return True
    return en < 3.0 and any(zipf(low, lang) >= en + 1.0 for lang in FOREIGN_LANGS)


def foreign_neighbour(text: str, start: int, end: int, reach: int = 1) -> bool:
    """Whether one of the ``reach`` words either side of ``text[start:end]`` is not English.

    Only words on the same line, separated by spaces alone, count: ``audi
    alteram partem``, ``Wir sind mehr`` and ``danah boyd`` are foreign phrases
    or unusual names, not English prose that lost a capital or kept a stray word.

    >>> foreign_neighbour("the principle of audi alteram partem", 17, 21)
    True
    >>> foreign_neighbour("the attack on kyiv came", 14, 18)
    False
    """
    a, b = start, end
    for _ in range(reach):
        before = _BEFORE_RE.search(text, max(0, a - 40), a)
        after = _AFTER_RE.match(text, b)
        if any(m is not None and not_english(m.group(1)) for m in (before, after)):
            return True
        a = before.start() if before else a
        b = after.end() if after else b
    return False
