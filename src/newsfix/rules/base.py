"""The rule protocol: rules *find* changes; the pipeline applies them.

A rule is a class with a stable ``id`` (``SCREAMING_SNAKE``, never renamed), a
``category`` (one damage kind of DESIGN §4), the ``stage`` it runs in, the
``languages`` it applies to (``*`` for any) and ``examples``. Its
:meth:`Rule.find` reads a :class:`~newsfix.document.Document` and yields
:class:`~newsfix.aligned.Change` objects in current-text coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

import regex

from newsfix.aligned import Change
from newsfix.document import Document

__all__ = ["CATEGORIES", "STAGES", "Example", "PatternRule", "Rule"]

#: Pipeline stages, in order. ``detect`` and ``translate`` are built in.
STAGES = ("decode", "layout", "characters", "detect", "translate", "repair")

#: Damage kinds (DESIGN §4).
CATEGORIES = frozenset({
    "boilerplate", "spacing", "glue", "hyphen", "quote", "apostrophe", "case", "name", "spin",
    "untranslated", "repetition", "paragraph", "duplicate", "mistranslation", "translation",
    "unicode", "metadata",
})


@dataclass(frozen=True)
class Example:
    """A rule's example: ``text`` in, ``expected`` out, run with that rule alone.

    ``kind`` is ``fix`` (the rule must turn ``text`` into ``expected``),
    ``clean`` (``text`` must come back unchanged, with no suggestion from the
    rule) or ``suggest`` (unchanged, but the rule must suggest ``expected``'s
    change).
    """

    text: str
    expected: str | None = None
    kind: Literal["fix", "clean", "suggest"] = "fix"
    language: str = "en"
    note: str = ""


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``find``."""

    id: ClassVar[str]
    category: ClassVar[str]
    stage: ClassVar[str]
    languages: ClassVar[frozenset[str]] = frozenset({"*"})
    description: ClassVar[str] = ""
    examples: ClassVar[tuple[Example, ...]] = ()

    def find(self, doc: Document) -> Iterable[Change]:
        """Yield the changes this rule proposes for ``doc``'s current text."""
        raise NotImplementedError

    def change(self, start: int, end: int, replacement: str, *, confidence: float = 1.0,
               message: str = "", force: bool = False, suggest_only: bool = False) -> Change:
        """A :class:`Change` attributed to this rule."""
        return Change(start, end, replacement, rule=self.id, category=self.category,
                      confidence=confidence, message=message or self.description,
                      force=force, suggest_only=suggest_only)

    def __repr__(self) -> str:
        return f"<rule {self.id}>"


class PatternRule(Rule):
    """A rule that replaces every match of one regular expression with a fixed string.

    Subclasses set ``pattern`` (a compiled ``regex`` pattern), ``replacement``
    and optionally ``confidence``; matches never overlap, so the changes of
    one run never conflict.
    """

    pattern: ClassVar[regex.Pattern[str]]
    replacement: ClassVar[str] = ""
    confidence: ClassVar[float] = 1.0

    def find(self, doc: Document) -> Iterable[Change]:
        for m in self.pattern.finditer(doc.text):
            yield self.change(m.start(), m.end(), self.replacement, confidence=self.confidence)
