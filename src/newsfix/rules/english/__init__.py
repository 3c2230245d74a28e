"""Repair rules for English text: apostrophes, quotes, names, case, stray words, repetition.

They run in the ``repair`` stage, on paragraphs whose current language is
English, after detection and translation. Order matters a little: the
repetition loop is collapsed first, possessives are restored before names are
unified (``Mr. Poutins`` → ``Mr. Poutin's`` → ``Mr. Putin's``).

>>> [r.id for r in RULES][:3]
['REPEATED_PHRASE', 'FOREIGN_EXONYM', 'STRAY_FOREIGN_WORD']
"""

from __future__ import annotations

from newsfix.rules.base import Rule
from newsfix.rules.english.apostrophe import ContractionApostrophe, PossessiveApostrophe
from newsfix.rules.english.case import MidSentenceCapital, NameCase
from newsfix.rules.english.exonyms import ForeignExonym
from newsfix.rules.english.names import NameVariant
from newsfix.rules.english.quotes import UnquotedSpeech
from newsfix.rules.english.repetition import RepeatedPhrase
from newsfix.rules.english.stray import StrayForeignWord

__all__ = [
    "RULES", "ContractionApostrophe", "ForeignExonym", "MidSentenceCapital", "NameCase",
    "NameVariant", "PossessiveApostrophe", "RepeatedPhrase", "StrayForeignWord", "UnquotedSpeech",
]

RULES: tuple[type[Rule], ...] = (
    RepeatedPhrase, ForeignExonym, StrayForeignWord, ContractionApostrophe,
    PossessiveApostrophe, NameCase, NameVariant, MidSentenceCapital, UnquotedSpeech,
)
