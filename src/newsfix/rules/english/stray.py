"""Stray words that machine translation left in the source language (``Biała House``)."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsfix.aligned import Change, Span
from newsfix.document import Document
from newsfix.rules.base import Example, Rule
from newsfix.rules.english._lexicon import (
    WORD_RE,
    at_sentence_start,
    collocations,
    en_zipf,
    foreign_neighbour,
    in_url,
    stray_glossary,
    zipf,
)

__all__ = ["StrayForeignWord", "foreign_language"]

#: Languages whose words machine translation leaves behind in the seed material and beyond.
OTHER_LANGUAGES = ("pl", "de", "fr", "nb", "es", "it", "nl", "pt", "sv", "cs")
NAMES = {"pl": "Polish", "de": "German", "fr": "French", "nb": "Norwegian", "es": "Spanish",
         "it": "Italian", "nl": "Dutch", "pt": "Portuguese", "sv": "Swedish", "cs": "Czech"}
NEXT_RE = regex.compile(r"[^\S\n]+(\p{L}+)")


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
    examples = (
        Example("Washington-Biała House says the call began.",
                "Washington-White House says the call began."),
        Example("The Storting met in Oslo; the café served crème brûlée.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        for para in doc.paragraphs_in(self.languages):
            for m in WORD_RE.finditer(para.text):
                tok = m.group()
                if len(tok) < 3 or not tok.isalpha():
                    continue
                start, end = para.start + m.start(), para.start + m.end()
                if in_url(text, start, end):
                    continue
                entry = stray_glossary().get(tok.lower())
                if entry is not None:
                    lang, english = entry
                    nxt = NEXT_RE.match(text, end)
                    phrase = f"{english} {nxt.group(1)}".lower() if nxt else ""
                    fixed = english
                    if tok[:1].isupper() or phrase in collocations():
                        fixed = english[:1].upper() + english[1:]
                    sure = phrase in collocations()
                    if not sure and (tok[:1].isupper() or en_zipf(tok) >= 1.5):
                        continue  # `Baton Rouge` is a name, `rote` an English word
                    yield self.change(start, end, fixed, confidence=0.95 if sure else 0.6,
                                      message=f"untranslated {NAMES.get(lang, lang)} word: {tok}")
                    continue
                if not tok.islower():
                    continue
                other = foreign_language(tok)
                # Next to other foreign words it is a quoted phrase (`"Vi står sammen!"`).
                if other is not None and zipf(tok.lower(), other) >= 3.5 \
                        and not at_sentence_start(text, start) \
                        and not foreign_neighbour(text, start, end, reach=2):
                    doc.flag_review(Span(start, end),
                                    f"untranslated {NAMES.get(other, other)} word? {tok}")
