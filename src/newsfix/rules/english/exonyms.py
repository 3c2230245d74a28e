"""Foreign names of places and organisations left in English text (``talks in Genf``).

Machine translation leaves a source language's name for a place where English
has its own (``Genf`` for Geneva, ``Varsovie`` for Warsaw, ``Den Haag`` for
The Hague, ``Europäische Zentralbank`` for the European Central Bank). The
names come from ``gazetteer_exonyms.tsv.gz`` (CLDR and the bilingual
dictionaries, see ``docs/data.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from newsfix.lexicon import extensible
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._foreign import Exonym, exonyms_starting, orgs, place
from newsfix.rules.english._lexicon import en_zipf, names, not_english, proper_nouns, zipf
from newsfix.text import TextAnalysis, Word

__all__ = ["ExonymMatch", "ForeignExonym", "exonym_matches"]

#: Words before a place that make a capitalised word read as a place (``talks in Roma``).
PLACE_PREPOSITIONS = frozenset({"in", "to", "from", "near", "at", "of", "outside", "across",
                                "into", "via", "towards", "toward", "around", "through"})
#: A foreign name that is no English word at all (wordfreq Zipf below this in English).
ENGLISH_WORD = 2.5
#: How alike a dictionary-derived name must be to its English name (``Genf``/``Geneva``).
SIMILAR = 0.5
#: How much more common (Zipf) in English the English name must be than the foreign one.
PREFERRED = 0.5


@dataclass(frozen=True)
class ExonymMatch:
    """A foreign name found in the text: its span, its row and how far it can be trusted.

    ``homograph``: the name is also an English word or name (``Roma``,
    ``Bern``, ``Nice``) and needs context; ``reliable``: the row is from
    CLDR, or its English name resembles it (dictionary rows can be loose:
    ``Abydos`` → Egypt).
    """

    start: int
    end: int
    row: Exonym
    homograph: bool
    reliable: bool
    #: Every language that writes the name so (``Europa``: da, de, es, it, nb, nl, pl…).
    langs: frozenset[str] = frozenset()

    @property
    def english(self) -> str:
        """The English name, in its modern form (``Marseilles`` → Marseille)."""
        return modern(self.row.english)


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))


#: The lexicons FOREIGN_EXONYM reads (users' files may extend each).
LEXICONS = ("gazetteer_exonyms.tsv.gz", "gazetteer_en_places.tsv.gz", "gazetteer_orgs.tsv.gz",
            "gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")


@extensible(*LEXICONS)
def _reliable(row: Exonym) -> bool:
    """Whether a gazetteer row can be trusted: from CLDR, or an English name like the foreign one.

    A name that English writes the same way (``Rhône``), or uses about as
    often as the gazetteer's English name (``Lyon``: the older ``Lyons`` is
    no reason to change it; ``Bern``), is no exonym.
    """
    if _fold(row.name).replace("-", " ") == _fold(row.english).replace("-", " ") \
            or en_zipf(row.english) < en_zipf(row.name) + PREFERRED:
        return False  # English writes it so too (`Rhône`, `Lyon`, `Bern`): no exonym
    if row.kind == "org":
        known = row.english in orgs()
    else:
        found = place(row.english.lower())
        known = (found is not None and found.canonical == row.english) \
            or proper_nouns().get(row.english.lower()) == row.english
    if not known:
        return False
    if "c" in row.sources:
        return True
    if row.kind in ("country", "city", "region") and not row.form_of \
            and zipf(row.name.lower(), row.lang) >= 3.0 and en_zipf(row.name) < 2.0:
        return True  # a name its language uses often and English does not (`Inglaterra`)
    if row.kind == "org":
        # Organisation names translate word for word (`Casa Bianca`), acronyms do not look
        # alike (`OTAN`): a multi-word name or a foreign acronym the English list knows.
        return len(row.words) > 1 or (row.name.isupper() and en_zipf(row.name) < ENGLISH_WORD)
    return SequenceMatcher(None, _fold(row.name), _fold(row.english)).ratio() >= SIMILAR


@extensible("gazetteer_en_places.tsv.gz")
def modern(english: str) -> str:
    """The English name in the form English uses most (``Lyons``, ``Marseilles`` → ``-s`` off).

    >>> modern("Marseilles"), modern("Brussels")
    ('Marseille', 'Brussels')
    """
    if english.endswith("s") and " " not in english:
        short = english[:-1]
        if place(short.lower()) is not None and en_zipf(short) > en_zipf(english):
            return short
    return english


@extensible("gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
def _homograph(name: str) -> bool:
    """Whether a foreign name is also an English word or name (``Roma``, ``Bern``, ``Nice``)."""
    words = name.split()
    if len(words) > 1:
        from newsfix.evidence import bigram

        return all(en_zipf(w) >= ENGLISH_WORD for w in words) \
            and bigram(words[0].lower(), words[1].lower()) > 0
    low = name.lower()
    return en_zipf(low) >= ENGLISH_WORD or low in proper_nouns() or low in names()


_NAME_END_RE = regex.compile(r"(?![\p{L}\p{M}\p{N}])")
#: A possessive ending the word reader keeps on its word (``Ucraina's allies``).
_POSSESSIVE_RE = regex.compile(r"['\u2019]s?$")


@extensible("gazetteer_orgs.tsv.gz")
def _acronyms() -> dict[str, str]:
    """The capitals alias of each English organisation name (``United Nations`` → ``UN``)."""
    from newsfix.rules.english._foreign import table_rows

    out: dict[str, str] = {}
    for cells in table_rows("gazetteer_orgs.tsv.gz"):
        cells = [*cells, *[""] * (3 - len(cells))]
        caps = [a.strip() for a in cells[2].split("|") if a.strip().isupper()]
        if cells[0] and caps:
            out.setdefault(cells[0], min(caps, key=len))
    return out


def in_capitals(english: str, found: str, org: bool) -> str:
    """``english`` as a name in capitals writes it (``GENF`` → ``GENEVA``, ``ONU`` → ``UN``).

    A foreign acronym stands for an English one, not for the name spelt out
    in capitals: the gazetteer's capitals alias, else the initials of the
    name's capitalised words.

    >>> in_capitals("Geneva", "GENF", False), in_capitals("United Nations", "ONU", True)
    ('GENEVA', 'UN')
    >>> in_capitals("European Central Bank", "BCE", True)
    'ECB'
    """
    if not org or " " not in english:
        return english.upper()
    alias = _acronyms().get(english)
    if alias is not None:
        return alias
    return "".join(w[0] for w in english.split() if w[:1].isupper())


def exonym_matches(analysis: TextAnalysis, start: int, end: int) -> list[ExonymMatch]:
    """The foreign names of places and organisations in ``[start, end)``, longest first.

    A name matches as written or in capitals (a dateline's ``GENF``); a name
    that is part of a longer capitalised or foreign name (``Alternative für
    Deutschland``, ``Genfer Konventionen``) does not.

    >>> a = TextAnalysis("Talks in Genf and Den Haag; the Europäische Zentralbank met.")
    >>> [m.english for m in exonym_matches(a, 0, len(a.text))]
    ['Geneva', 'The Hague', 'European Central Bank']
    """
    text = analysis.text
    out: list[ExonymMatch] = []
    taken = start
    for w in analysis.words_in(start, end):
        if w.start < taken or not w.text[:1].isupper():
            continue
        rows = exonyms_starting(_POSSESSIVE_RE.sub("", w.text))
        if not rows:
            continue
        for row in rows:
            stop = w.start + len(row.name)
            found = text[w.start:stop]
            if stop > end or not (found == row.name or (found.isupper() and found ==
                                                         row.name.upper())):
                continue
            if not _NAME_END_RE.match(text, stop):
                continue
            if _in_longer_name(analysis, w, stop):
                break
            same = [r for r in rows if r.name == row.name and r.english == row.english]
            out.append(ExonymMatch(w.start, stop, row, _homograph(row.name),
                                   any(_reliable(r) for r in same),
                                   frozenset(r.lang for r in same)))
            taken = stop
            break
    return out


def _in_longer_name(analysis: TextAnalysis, first: Word, stop: int) -> bool:
    """Whether the name from ``first`` to ``stop`` sits inside a longer name or foreign phrase."""
    before = analysis.neighbour(first, -1)
    last = analysis.word_at(stop - 1)
    after = analysis.neighbour(last, 1) if last is not None else None
    for w in (before, after):
        if w is None:
            continue
        if not_english(w.text) and not analysis.capital_expected(first.start):
            return True  # `Alternative für Deutschland`
        if w is after and w.text[:1].isupper() and w.text.lower() not in ("and", "or"):
            return True  # `Genf Airport`, `Moskau Kreml`
    return False


class ForeignExonym(Rule):
    """Write the English name of a place or organisation left in a foreign form (``Genf``).

    The name must be in ``gazetteer_exonyms.tsv.gz`` with an English name the
    English gazetteers know, from CLDR or resembling it (dictionary rows are
    loose). The damage profile is the prior: in a document profiled as
    untranslated residue of the name's language (:mod:`newsfix.profile`;
    foreign names count as residue) the name is replaced; a lone one
    elsewhere is only suggested. A name that is also an English word or name
    (``Roma``, ``Bern``, ``Nice``) is replaced only in such a document and
    after a place preposition (``in Roma``). Names inside longer names
    (``Alternative für Deutschland``) stay.
    """

    id = "FOREIGN_EXONYM"
    category = "untranslated"
    stage = "repair"
    languages = frozenset({"en"})
    description = "foreign name of a place or organisation"
    tiers = {"profiled": 0.97, "homograph": 0.9, "lone": 0.8}
    lexicons = LEXICONS
    examples = (
        Example("Talks in ⟦Genf⟧ resumed as envoys flew from ⟦Genf⟧ to ⟦Kopenhagen⟧.",
                "Talks in Geneva resumed as envoys flew from Geneva to Copenhagen."),
        Example("The embassy in ⟦Varsovie⟧ closed.", "The embassy in Warsaw closed.",
                note="one foreign name in a document not profiled (tier `lone`): applied "
                     "since its calibration measured it right 14 times of 14"),
        Example("The Alternative für Deutschland won seats in Bern and Nice.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        matches = analysis.memo(("exonyms", scope.start, scope.end),
                                lambda: exonym_matches(analysis, scope.start, scope.end))
        if not matches:
            return
        residue = scope.damage["untranslated"]
        profiled = scope.damage.damaged("untranslated")
        kin = _kin(residue.language) if profiled else set()
        text = scope.full_text
        for m in matches:
            if not m.reliable:
                continue
            same_language = bool(kin & m.langs)
            if m.homograph:
                # `Europa`, `Italia` are English words or names too: only in residue of their
                # language, and only where English says its own name far more, or after a
                # place preposition (`talks in Roma`).
                first = analysis.word_at(m.start)
                prev = analysis.neighbour(first, -1) if first is not None else None
                placed = prev is not None and prev.lower in PLACE_PREPOSITIONS
                if not same_language or not (placed or en_zipf(m.english) >= en_zipf(
                        text[m.start:m.end]) + 1.0):
                    continue
                tier = "homograph"
            elif same_language or (profiled and zipf(m.row.name.lower(), m.row.lang) >= 2.0):
                tier = "profiled"
            else:
                tier = "lone"
            found = text[m.start:m.end]
            english = in_capitals(m.english, found, m.row.kind == "org") \
                if found.isupper() and len(found) > 1 else m.english
            if english.startswith("The ") and not analysis.capital_expected(m.start):
                before = text[max(0, m.start - 4):m.start].lower()
                if before.endswith("the "):
                    english = english[4:]  # `the Den Haag court` → `the Hague court`
                elif m.row.kind != "city":
                    # `The Hague` keeps its capital article, a city's name; `the Gambia` not.
                    english = "the" + english[3:]
            langs = "/".join(sorted(m.langs))
            yield scope.change(m.start, m.end, english, tier=tier,
                               message=f"foreign name of {m.english} ({langs}): {found} "
                                       f"({m.row.where})")


def _kin(language: str | None) -> set[str]:
    from newsfix.profile import _kin as kin

    return kin(language)


RULES: tuple[type[Rule], ...] = (ForeignExonym,)
