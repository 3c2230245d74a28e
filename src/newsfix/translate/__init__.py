"""Offline translation to English with sentence offsets, on argostranslate packages.

Importing this package needs none of the optional ``translate`` extra
(ctranslate2, sentencepiece); they are imported on first use, and their
absence raises TranslationUnavailable naming the install command.  Packages
are argostranslate's, managed by :mod:`newsfix.translate.models` in
argostranslate's own folders, without argostranslate installed.

>>> from newsfix.translate import split_sentences
>>> split_sentences("Hei. Hvordan går det?", "nb")
[(0, 4), (5, 21)]
"""

from __future__ import annotations

from newsfix.translate.engine import (
    SentenceTranslation,
    Translator,
    available_pairs,
    clear_cache,
    score_to_confidence,
)
from newsfix.translate.errors import (
    ExtraMissing,
    IndexUnavailable,
    InvalidPackage,
    MissingModelWarning,
    ModelError,
    PackageNotFound,
    TranslationUnavailable,
    warn_missing_model,
)
from newsfix.translate.sentences import split_sentences

__all__ = [
    "ExtraMissing",
    "IndexUnavailable",
    "InvalidPackage",
    "MissingModelWarning",
    "ModelError",
    "PackageNotFound",
    "SentenceTranslation",
    "TranslationUnavailable",
    "Translator",
    "available_pairs",
    "clear_cache",
    "score_to_confidence",
    "split_sentences",
    "warn_missing_model",
]
