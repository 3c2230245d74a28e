"""Stray words that machine translation left in the source language (``Biała House``)."""

from __future__ import annotations

from collections.abc import Iterable

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import (
    collocations,
    en_zipf,
    foreign_neighbour,
    stray_glossary,
    zipf,
)

__all__ = ["StrayForeignWord", "foreign_language"]

#: Languages whose words machine translation leaves behind in the seed material and beyond.
OTHER_LANGUAGES = ("pl", "de", "fr", "nb", "es", "it", "nl", "pt", "sv", "cs")
NAMES = {"pl": "Polish", "de": "German", "fr": "French", "nb": "Norwegian", "es": "Spanish",
         "it": "Italian", "nl": "Dutch", "pt": "Portuguese", "sv": "Swedish", "cs": "Czech"}


def foreign_language(word: str) -> str | None:
    """The language a word belongs to when it is frequent there and no English word.

    >>> foreign_language("biała"), foreign_language("house")
    ('pl', None)
    """
    low = word.lower()
    if en_zipf(low) >= 1.0:
        return None
    best = max(OTHER_LANGUAGES, key=lambda lang: zipf(low, lang))
    return best if zipf(low, best) >= 3.0 else None


class StrayForeignWord(Rule):
    """Translate or flag a word left untranslated in English text (``Biała House``).

    A word is foreign when wordfreq does not know it in English but finds it
    frequent in another language. It is replaced only when the package's small
    glossary translates it and the translation with its English neighbour is a
    known English name (``White House``); a glossary word elsewhere is a
    suggestion, and any other lower-case foreign word is flagged for review
    with its language, unless a word within two of it is foreign too: that is
    a quoted phrase (``"Nei til olje"``), not a word the translator missed.
    Capitalised words not in the glossary are taken for names and left alone.
    """

    id = "STRAY_FOREIGN_WORD"
    category = "untranslated"
    stage = "repair"
    languages = frozenset({"en"})
    description = "untranslated word"
    tiers = {"collocation": 0.95, "glossary": 0.6}
    lexicons = ("glossary_en_stray.tsv", "en_collocations.tsv")
    examples = (
        Example("Washington-⟦Biała⟧ House says the call began.",
                "Washington-White House says the call began."),
        Example("The Storting met in Oslo; the café served crème brûlée.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        for w in scope.words():
            tok = w.text
            if len(tok) < 3 or not tok.isalpha() or scope.protected(w.start, w.end):
                continue
            entry = stray_glossary().get(tok.lower())
            if entry is not None:
                lang, english, where = entry
                nxt = analysis.neighbour(w, 1)
                phrase = f"{english} {nxt.text}".lower() if nxt else ""
                fixed = english
                if tok[:1].isupper() or phrase in collocations():
                    fixed = english[:1].upper() + english[1:]
                sure = phrase in collocations()
                if not sure and (tok[:1].isupper() or en_zipf(tok) >= 1.5):
                    continue  # `Baton Rouge` is a name, `rote` an English word
                yield scope.change(w.start, w.end, fixed,
                                   tier="collocation" if sure else "glossary",
                                   message=f"untranslated {NAMES.get(lang, lang)} word: {tok} "
                                           f"({where})")
                continue
            if not tok.islower():
                continue
            other = foreign_language(tok)
            # Next to other foreign words it is a quoted phrase (`"Vi står sammen!"`).
            if other is not None and zipf(tok.lower(), other) >= 3.5 \
                    and not analysis.capital_expected(w.start) \
                    and not foreign_neighbour(analysis, w, reach=2):
                yield scope.review(w.start, w.end,
                                   f"untranslated {NAMES.get(other, other)} word? {tok}")
