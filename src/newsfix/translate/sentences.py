"""Sentence splitting for translation: :func:`newsfix.text.split_sentences`, the only splitter.

Translation models are trained on single sentences, and newsfix must know
which source characters each translated sentence came from, so it splits
paragraphs itself instead of letting argostranslate's splitter (which returns
strings only) do it. The splitter lives in :mod:`newsfix.text` so that the
repair rules and the translator agree on what a sentence is.
"""

from __future__ import annotations

from newsfix.text import DEFAULT_MAX_CHARS, split_sentences

__all__ = ["DEFAULT_MAX_CHARS", "split_sentences"]
