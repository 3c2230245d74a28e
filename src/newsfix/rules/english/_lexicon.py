"""Knowledge the English rules share: lexicons, word classes and frequencies.

Every table is a TSV under ``newsfix/data`` read through :mod:`newsfix.lexicon`
(once per process); closed classes of English words (pronouns, auxiliaries,
titles…) live in ``en_word_classes.tsv``. Words, sentences and quotations come
from :mod:`newsfix.text`, not from here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsfix.lexicon import Record, active, extensible, load
from newsfix.text import TextAnalysis, Word

__all__ = [
    "NameEntry", "collocations", "contractions", "en_zipf", "foreign_neighbour", "match_case",
    "name_variants", "names", "not_english", "proper_noun_rows", "proper_nouns",
    "stray_glossary", "word_class", "word_counts", "zipf",
]


@extensible("en_word_classes.tsv")
def word_class(name: str) -> frozenset[str]:
    """The words of one closed class of ``en_word_classes.tsv`` (lower case).

    >>> "would" in word_class("auxiliary"), "house" in word_class("auxiliary")
    (True, False)
    """
    found: set[str] = set()
    for r in load("en_word_classes.tsv", active("en_word_classes.tsv")):
        if r["class"].strip() == name:
            found.update(r["words"].split())
    if found:
        return frozenset(found)
    raise KeyError(f"no word class {name!r} in en_word_classes.tsv")


@extensible("en_contractions.tsv")
def contractions() -> dict[str, tuple[str, str, Record]]:
    """Stripped contraction → (contraction, kind, row) (``en_contractions.tsv``).

    >>> contractions()["didnt"][:2], contractions()["wont"][:2]
    (("didn't", 'plain'), ("won't", 'guarded'))
    """
    return {r["stripped"]: (r["contraction"], r["kind"], r)
            for r in load("en_contractions.tsv", active("en_contractions.tsv"))}


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
    """wordfreq's Zipf frequency of ``word`` (case-folded) in ``lang``.

    Other languages than English are read from the on-disk index of
    :mod:`newsfix.wordfreq_cache` (same values, no whole list loaded).
    """
    from newsfix.wordfreq_cache import zipf_frequency

    return zipf_frequency(word, lang)


@cache  # asked for nearly every word by several rules and the damage profile
def en_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English.

    >>> en_zipf("trump's") > en_zipf("trumps")
    True
    """
    return zipf(word.lower().replace("’", "'"))


@dataclass(frozen=True)
class NameEntry:
    """A curated name: its canonical spelling, kind, known other spellings and its row."""

    canonical: str
    kind: str
    foreign: tuple[str, ...]
    english: tuple[str, ...]
    where: str = ""


def _split(cell: str, canon: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(",") if v.strip() and v.strip() != canon)


@extensible("gazetteer_en_names.tsv")
def names() -> dict[str, NameEntry]:
    """Curated names by lower-cased canonical form (``gazetteer_en_names.tsv``)."""
    out = {}
    for row in load("gazetteer_en_names.tsv", active("gazetteer_en_names.tsv")):
        cells = list(row.values()) + [""] * 4
        canon = cells[0].strip()
        out[canon.lower()] = NameEntry(canon, cells[1].strip(), _split(cells[2], canon),
                                       _split(cells[3], canon), row.where)
    return out


@extensible("gazetteer_en_names.tsv")
def name_variants() -> dict[str, tuple[NameEntry, bool]]:
    """Lower-cased variant spelling -> (its entry, whether the variant is foreign)."""
    out: dict[str, tuple[NameEntry, bool]] = {}
    for entry in names().values():
        for v in entry.foreign:
            out[v.lower()] = (entry, True)
        for v in entry.english:
            out[v.lower()] = (entry, False)
    return out


@extensible("gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
def proper_nouns() -> dict[str, str]:
    """Lower-cased word -> canonical capitalisation, for words English writes only capitalised.

    Union of the Hunspell-derived table and the curated names.

    >>> proper_nouns()["nato"], proper_nouns()["kyiv"]
    ('NATO', 'Kyiv')
    """
    return {k: canon for k, (canon, _) in _proper_noun_entries().items()}


@extensible("gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
def proper_noun_rows() -> dict[str, str]:
    """Lower-cased word -> the row (``file:line``) :func:`proper_nouns` took it from.

    >>> proper_noun_rows()["kyiv"].startswith("gazetteer_en_names.tsv:")
    True
    """
    return {k: where for k, (_, where) in _proper_noun_entries().items()}


@extensible("gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
def _proper_noun_entries() -> dict[str, tuple[str, str]]:
    """Lower-cased word -> (canonical capitalisation, its row): both tables read once."""
    out = {}
    for row in load("gazetteer_en_propernouns.tsv", active("gazetteer_en_propernouns.tsv")):
        cells = list(row.values())
        out[cells[0]] = (cells[1], row.where)
    for key, entry in names().items():
        out[key] = (entry.canonical, entry.where)
    return out


@extensible("glossary_en_stray.tsv")
def stray_glossary() -> dict[str, tuple[str, str, str]]:
    """Foreign word -> (language, English translation, row) (``glossary_en_stray.tsv``)."""
    return {r["word"].strip().lower(): (r["language"].strip(), r["english"].strip(), r.where)
            for r in load("glossary_en_stray.tsv", active("glossary_en_stray.tsv"))
            if r["english"].strip()}


@extensible("en_collocations.tsv")
def collocations() -> frozenset[str]:
    """Known English multi-word names (``en_collocations.tsv``), lower-cased."""
    return frozenset(r["name"].strip().lower()
                     for r in load("en_collocations.tsv", active("en_collocations.tsv")))


def word_counts(words: Iterable[Word]) -> Counter[str]:
    """Counts of words exactly as written (case kept)."""
    return Counter(w.text for w in words)


#: Languages whose wordfreq frequencies tell a foreign word in English text (``Wir sind mehr``).
FOREIGN_LANGS = ("de", "fr", "es", "it", "pt", "nl", "pl", "nb", "sv", "da")


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


def foreign_neighbour(analysis: TextAnalysis, word: Word, reach: int = 1) -> bool:
    """Whether one of the ``reach`` words either side of ``word`` is not English.

    Only words on the same line, separated by spaces alone, count: ``audi
    alteram partem``, ``Wir sind mehr`` and ``danah boyd`` are foreign phrases
    or unusual names, not English prose that lost a capital or kept a stray word.

    >>> a = TextAnalysis("the principle of audi alteram partem")
    >>> foreign_neighbour(a, a.words[3])
    True
    >>> a = TextAnalysis("the attack on kyiv came")
    >>> foreign_neighbour(a, a.words[3])
    False
    """
    for step in (-1, 1):
        w: Word | None = word
        for _ in range(reach):
            w = analysis.neighbour(w, step) if w is not None else None
            if w is not None and not_english(w.text):
                return True
    return False
