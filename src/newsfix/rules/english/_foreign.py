"""Foreign-language knowledge of the English repair rules: dictionaries and gazetteers.

The tables are described in ``docs/data.md``: bilingual dictionaries
(``bilingual/LANG_en.tsv.gz`` with their inflected forms
``bilingual/LANG_forms.tsv.gz``), foreign names of places and organisations
(``gazetteer_exonyms.tsv.gz``), English places (``gazetteer_en_places.tsv.gz``)
and English organisation names (``gazetteer_orgs.tsv.gz``).

They are large (the German dictionary alone has 142,722 lemmas), so each is
read once per process, on first use, straight into compact dictionaries (not
into :class:`newsfix.lexicon.Record` rows), and only for the languages a
document needs. Several are derived from copyleft data (see
``LICENSES-bilingual.md``): a packager may leave them out, so a missing table
reads as empty and the rules that use it make fewer repairs instead of
failing.

>>> translations("Haushalt", "de")[0].english[0]
'budget'
>>> [t.lemma for t in translations("rządu", "pl")]
['rząd']
>>> place("kyiv").canonical, place("china").common_word
('Kyiv', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from newsfix.lexicon import active, cached_table, clear_tables, extensible, numbered_cells
from newsfix.lexicon import cells as lexicon_cells

T = TypeVar("T")

__all__ = [
    "LANGUAGES", "Exonym", "Place", "Translation", "clear_caches", "dictionary_agreement",
    "dictionary_row", "dictionary_sources", "exonyms", "exonyms_starting", "is_lemma",
    "org_by_words", "orgs", "place", "places", "table_rows", "translations", "verb_only",
]

#: Languages with a bilingual dictionary (``bilingual/LANG_en.tsv.gz``).
LANGUAGES = ("de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt")
#: Translations read per lemma (the first are the source's primary senses).
MAX_SENSES = 10
#: Inflectional endings tried when neither the dictionary nor its forms table knows a word
#: (``enfants`` → enfant, ``bedrifter`` → bedrift), longest first.
ENDINGS = {
    "de": ("ern", "en", "er", "es", "e", "n", "s"), "nl": ("en", "s"),
    "fr": ("es", "s", "x"), "es": ("es", "s"), "pt": ("es", "s"), "it": (),
    "nb": ("ene", "er", "en", "et", "e", "a"), "da": ("erne", "ene", "er", "en", "et", "e"),
    "sv": ("arna", "orna", "erna", "ar", "or", "er", "en", "et", "na", "n"), "pl": (),
}


def _package_cached(key: str, name: str, build: Callable[[], T]) -> T:
    """``build()`` kept on disk for the package's table alone; with users' files, in memory.

    A user's lexicon file never goes into the machine's cache
    (:func:`newsfix.lexicon.cached_table`).
    """
    if active(name):
        return build()
    return cached_table(key, [name], build)


def table_rows(name: str) -> Iterator[list[str]]:
    """The rows of a table under ``newsfix/data`` as cells, with the users' files in use.

    A package table that is not installed yields only users' rows
    (:func:`newsfix.lexicon.cells`).
    """
    return lexicon_cells(name, active(name))


# --------------------------------------------------------------------------- dictionaries


@extensible("bilingual/*_en.tsv.gz")
def _dictionary(lang: str) -> dict[str, str]:
    """Lemma (as the source writes it) → its English cell (``a|b|c``), rows merged."""
    name = f"bilingual/{lang}_en.tsv.gz"
    return _package_cached(f"dictionary-{lang}", name, lambda: _read_dictionary(lang))


def _read_dictionary(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for cells in table_rows(f"bilingual/{lang}_en.tsv.gz"):
        if len(cells) < 3 or not cells[2]:
            continue
        lemma, english = cells[0], cells[2]
        out[lemma] = out[lemma] + "|" + english if lemma in out else english
    return out


def is_lemma(word: str, lang: str) -> bool:
    """Whether the dictionary of ``lang`` has ``word`` as a lemma (as written, lower case or
    capitalised).

    >>> is_lemma("Haushalt", "de"), is_lemma("haushalt", "de"), is_lemma("house", "xx")
    (True, True, False)
    """
    if lang not in LANGUAGES:
        return False
    dictionary = _dictionary(lang)
    low = word.lower()
    return any(k in dictionary for k in (word, low, low[:1].upper() + low[1:]))


@extensible("bilingual/*_en.tsv.gz")
def _dictionary_sources(lang: str) -> dict[str, str]:
    """Lemma → the sources that give its rows (``f``, ``r``, ``w``, ``a``), rows merged."""
    name = f"bilingual/{lang}_en.tsv.gz"

    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        for cells in table_rows(name):
            if len(cells) >= 3 and cells[2]:
                found = out.get(cells[0], "")
                out[cells[0]] = "".join(sorted(set(found + (cells[3] if len(cells) > 3
                                                            else ""))))
        return out

    return _package_cached(f"dictionary-sources-{lang}", name, build)


@extensible("bilingual/*_en.tsv.gz")
def _verb_lemmas(lang: str) -> frozenset[str]:
    """The lemmas every row of which the dictionary marks as a verb (``treffen``: v trans)."""
    name = f"bilingual/{lang}_en.tsv.gz"

    def build() -> frozenset[str]:
        kinds: dict[str, set[str]] = {}
        for cells in table_rows(name):
            if len(cells) >= 3 and cells[2]:
                tags = set(cells[1].split()) if len(cells) > 1 else set()
                kinds.setdefault(cells[0], set()).add(
                    "v" if "v" in tags and not tags & {"n", "pl", "adj"} else "other")
        return frozenset(k for k, v in kinds.items() if v == {"v"})

    return _package_cached(f"dictionary-verbs-{lang}", name, build)


def verb_only(lemma: str, lang: str) -> bool:
    """Whether the dictionary of ``lang`` gives ``lemma`` as a verb and nothing else.

    >>> verb_only("treffen", "de"), verb_only("Treffen", "de")
    (True, False)
    """
    return lang in LANGUAGES and lemma in _verb_lemmas(lang)


def dictionary_sources(lemma: str, lang: str) -> str:
    """The sources that give a lemma's translations in the dictionary of ``lang``, one letter
    each (``f`` FreeDict, ``r`` FreeDict read backwards, ``w`` Open Multilingual Wordnet,
    ``a`` Apertium; ``docs/data.md``); empty for a user's row without the column.

    >>> dictionary_sources("Haushalt", "de")
    'f'
    """
    return _dictionary_sources(lang).get(lemma, "") if lang in LANGUAGES else ""


def dictionary_agreement(lang: str) -> float:
    """The share of the lemmas of ``lang`` that two or more sources translate.

    Where it is small (German: one source, Ding; Norwegian: almost only Wordnet), a lemma
    from one source says nothing of its translations' quality; elsewhere it does.

    >>> dictionary_agreement("de") < 0.01 < dictionary_agreement("sv")
    True
    """
    found = _dictionary_sources(lang) if lang in LANGUAGES else {}
    return sum(len(v) > 1 for v in found.values()) / len(found) if found else 0.0


@extensible("bilingual/*_en.tsv.gz")
def _dictionary_rows(lang: str) -> dict[str, str]:
    """Lemma → the row (``file:line``) of its first sense, for messages."""
    name = f"bilingual/{lang}_en.tsv.gz"

    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        for where, cells in numbered_cells(name, active(name)):
            if len(cells) >= 3 and cells[2]:
                out.setdefault(cells[0], where)
        return out

    return _package_cached(f"dictionary-rows-{lang}", name, build)


def dictionary_row(lemma: str, lang: str) -> str:
    """The row (``file:line``) of a lemma's first sense in the bilingual dictionary of ``lang``.

    >>> dictionary_row("Haushalt", "de").startswith("bilingual/de_en.tsv.gz:")
    True
    """
    return _dictionary_rows(lang).get(lemma, f"bilingual/{lang}_en.tsv.gz")


@extensible("bilingual/*_forms.tsv.gz")
def _forms(lang: str) -> dict[str, str]:
    """Inflected form (lower case) → its lemmas (``a|b``)."""
    name = f"bilingual/{lang}_forms.tsv.gz"
    return _package_cached(f"forms-{lang}", name, lambda: {
        cells[0]: cells[1] for cells in table_rows(name) if len(cells) >= 2 and cells[1]})


@dataclass(frozen=True)
class Translation:
    """A dictionary reading of a foreign word: its lemma, English senses (primary first).

    ``inflected`` says the word is an inflected form of the lemma (``rządu``
    of ``rząd``), not the lemma itself.
    """

    lemma: str
    english: tuple[str, ...]
    inflected: bool


def _senses(cell: str) -> tuple[str, ...]:
    out: list[str] = []
    for sense in cell.split("|"):
        sense = sense.strip()
        if sense and sense not in out:
            out.append(sense)
        if len(out) >= MAX_SENSES:
            break
    return tuple(out)


def translations(word: str, lang: str) -> list[Translation]:
    """The dictionary readings of ``word`` in ``lang``: as a lemma, then as an inflected form.

    The word is looked up as written, in lower case and capitalised (German
    nouns are capitalised in the dictionary), then in the forms table; a word
    found neither way, or only as a lemma of its own (``enfants``), is tried
    without an inflectional ending of its language (``enfant``).

    >>> [(t.lemma, t.english[0], t.inflected) for t in translations("Wahlkampfes", "de")]
    [('Wahlkampf', 'election campaign', True)]
    >>> translations("semaine", "fr")[0].english[0]
    'week'
    >>> translations("house", "xx")
    []
    """
    if lang not in LANGUAGES:
        return []
    dictionary = _dictionary(lang)
    out: list[Translation] = []
    seen: set[str] = set()
    low = word.lower()
    for key in dict.fromkeys((word, low, low[:1].upper() + low[1:])):
        cell = dictionary.get(key)
        if cell is not None and key not in seen:
            seen.add(key)
            out.append(Translation(key, _senses(cell), False))
    for lemma in _forms(lang).get(low, "").split("|"):
        cell = dictionary.get(lemma) if lemma else None
        if cell is not None and lemma not in seen:
            seen.add(lemma)
            out.append(Translation(lemma, _senses(cell), True))
    if len(out) <= 1:
        for ending in ENDINGS.get(lang, ()):
            if not low.endswith(ending) or len(low) - len(ending) < 3:
                continue
            stem = word[:len(word) - len(ending)]
            for key in dict.fromkeys((stem, stem.lower(), stem[:1].upper() + stem[1:].lower())):
                cell = dictionary.get(key)
                if cell is not None and key not in seen:
                    seen.add(key)
                    out.append(Translation(key, _senses(cell), True))
            if len(out) > 1:
                break
    return out


# --------------------------------------------------------------------------- gazetteers


@dataclass(frozen=True)
class Exonym:
    """A foreign name of a place or organisation (``gazetteer_exonyms.tsv.gz``)."""

    name: str
    lang: str
    english: str
    kind: str
    form_of: str
    en_word: bool
    sources: str
    #: ``file:line`` of the row, for messages.
    where: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words, split at spaces."""
        return tuple(self.name.split())


@extensible("gazetteer_exonyms.tsv.gz")
def exonyms() -> dict[str, tuple[Exonym, ...]]:
    """Foreign names by their first word in lower case (for matching running text)."""
    rows = _package_cached("exonyms-rows", "gazetteer_exonyms.tsv.gz", _exonym_rows)
    return {k: tuple(Exonym(*r) for r in v) for k, v in rows.items()}


def _exonym_rows() -> dict[str, tuple[tuple[str, str, str, str, str, bool, str, str], ...]]:
    """:func:`exonyms` as plain tuples (what the cache keeps)."""
    return {k: tuple((r.name, r.lang, r.english, r.kind, r.form_of, r.en_word, r.sources,
                      r.where) for r in v) for k, v in _read_exonyms().items()}


def _read_exonyms() -> dict[str, tuple[Exonym, ...]]:
    out: dict[str, list[Exonym]] = {}
    name_ = "gazetteer_exonyms.tsv.gz"
    for where, cells in numbered_cells(name_, active(name_)):
        cells = [*cells, *[""] * (7 - len(cells))]
        name, lang, english = cells[0].strip(), cells[1].strip(), cells[2].strip()
        if not name or not english or lang not in LANGUAGES or name == english:
            continue
        row = Exonym(name, lang, english, cells[3].strip(), cells[4].strip(),
                     cells[5].strip() == "y", cells[6].strip(), where)
        out.setdefault(_first_word(name), []).append(row)
    # Longest names first: `Genfer See` before `Genfer`.
    return {k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in out.items()}


def _first_word(name: str) -> str:
    """The first word of a name as :data:`newsfix.text.WORD_RE` reads it, in lower case."""
    from newsfix.text import WORD_RE

    m = WORD_RE.match(name)
    return (m.group() if m else name.split()[0]).lower()


def exonyms_starting(word: str) -> tuple[Exonym, ...]:
    """The foreign names whose first word is ``word`` (case-insensitive), longest first.

    >>> [r.english for r in exonyms_starting("États") if r.name == "États-Unis"][:1]
    ['United States']
    """
    return exonyms().get(word.lower(), ())


@dataclass(frozen=True)
class Place:
    """An English place name (``gazetteer_en_places.tsv.gz``)."""

    canonical: str
    kind: str
    #: The lower-case form is also a common English word (``china``, ``turkey``, ``nice``).
    common_word: bool


@extensible("gazetteer_en_places.tsv.gz")
def places() -> dict[str, Place]:
    """English place names by lower case."""
    out = {}
    for cells in table_rows("gazetteer_en_places.tsv.gz"):
        cells = [*cells, *[""] * (4 - len(cells))]
        if cells[0] and cells[1]:
            out[cells[0]] = Place(cells[1], cells[2], cells[3].strip() == "y")
    return out


def place(lower: str) -> Place | None:
    """The English place written ``lower`` in lower case, if the gazetteer knows it."""
    return places().get(lower)


@extensible("gazetteer_orgs.tsv.gz")
def orgs() -> frozenset[str]:
    """English names of organisations and their aliases (``gazetteer_orgs.tsv.gz``)."""
    out: set[str] = set()
    for cells in table_rows("gazetteer_orgs.tsv.gz"):
        cells = [*cells, *[""] * (3 - len(cells))]
        out.update(n.strip() for n in [cells[0], *cells[2].split("|")] if n.strip())
    return frozenset(out)


@extensible("gazetteer_orgs.tsv.gz")
def _orgs_by_words() -> dict[frozenset[str], str]:
    out: dict[frozenset[str], str] = {}
    for name in sorted(orgs()):
        words = name.split()
        if len(words) >= 2 and all(w[:1].isupper() or w in ("of", "for", "and") for w in words):
            out.setdefault(frozenset(w.lower() for w in words if w[:1].isupper()), name)
    return out


def org_by_words(words: frozenset[str]) -> str | None:
    """The English organisation whose capitalised words are exactly ``words`` (lower case).

    >>> org_by_words(frozenset({"world", "bank"}))
    'World Bank'
    """
    return _orgs_by_words().get(words)


def clear_caches() -> None:
    """Forget the tables read so far (after installing or removing one, and in tests)."""
    clear_tables()
