"""The rule protocol: rules *find*, the pipeline *applies*.

A rule is a class with a stable ``id`` (``SCREAMING_SNAKE``, never renamed), a
``category`` (one damage kind of DESIGN §4), the ``stage`` it runs in, the
``languages`` it applies to (``*`` for any) and ``examples``. The pipeline
hands its :meth:`Rule.find` one :class:`Scope` at a time — the document, a
paragraph or a sentence, as the rule's ``scope`` says, and only those in the
rule's languages. A scope's offsets, matches and changes are in document
coordinates already, the way a slice of a tokenizer's normalised string keeps
reporting original offsets: a rule never adds a paragraph's start to anything.

``find`` returns *findings* and never modifies the document:

* :class:`~newsfix.aligned.Change` — a replacement, made with
  :meth:`Scope.change`, whose confidence comes from the rule's evidence
  ``tier`` through the calibration table (:mod:`newsfix.calibration`);
  metadata ``facts`` ride on the change and are recorded only if it is applied;
* :class:`Review` — a span a person should look at (:meth:`Scope.review`);
* :class:`Note` — knowledge shared with later rules under a key the rule
  declares in ``provides`` (:meth:`Scope.note`); a rule that reads a note
  declares the key in ``requires`` and the registry checks that an earlier
  rule provides it.

>>> from newsfix.aligned import AlignedText
>>> from newsfix.document import Document
>>> class Shout(Rule):
...     '''Lower-case a word written in capitals (a toy rule).'''
...     id, category, stage, languages = "SHOUT", "case", "repair", frozenset({"en"})
...     tiers = {"caps": 0.95}
...     def find(self, scope):
...         for w in scope.words():
...             if w.text.isupper() and len(w.text) > 3:
...                 yield scope.change(w.start, w.end, w.lower, tier="caps")
>>> doc = Document(AlignedText("Intro.\\n\\nThe TALKS ended."), language="en")
>>> [(c.start, c.replacement, c.confidence) for c in run_rule(Shout(), doc)]
[(12, 'talks', 0.95)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import regex

from newsfix.aligned import Change, Span
from newsfix.document import Document
from newsfix.lexicon import Record, load
from newsfix.text import TextAnalysis, Word

if TYPE_CHECKING:
    from newsfix.profile import DamageProfile

__all__ = [
    "CATEGORIES", "MARK_CLOSE", "MARK_OPEN", "STAGES", "Example", "Finding", "Note",
    "PatternRule", "Review", "Rule", "Scope", "run_rule",
]

#: Pipeline stages, in order. ``detect`` and ``translate`` are built in.
STAGES = ("decode", "layout", "characters", "detect", "translate", "repair")

#: Damage kinds (DESIGN §4).
CATEGORIES = frozenset({
    "boilerplate", "spacing", "glue", "hyphen", "quote", "apostrophe", "case", "name", "spin",
    "untranslated", "repetition", "paragraph", "duplicate", "mistranslation", "translation",
    "unicode", "metadata",
})

#: Notes the built-in stages provide (a rule may require them without a providing rule).
BUILTIN_NOTES = frozenset({"languages"})

#: The marks of an example's changed span (LanguageTool's ``<marker>``): ``two⟦ ⟧-hour``.
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


@dataclass(frozen=True)
class Review:
    """A span of the current text a person should review, and why."""

    start: int
    end: int
    reason: str
    rule: str


@dataclass(frozen=True)
class Note:
    """Knowledge a rule shares with later rules: ``value`` under a declared ``key``."""

    key: str
    value: Any
    rule: str


Finding = Change | Review | Note


@dataclass(frozen=True)
class Example:
    """A rule's example: ``text`` in, ``expected`` out, run with that rule alone.

    ``kind`` is ``fix`` (the rule must turn ``text`` into ``expected``),
    ``clean`` (``text`` must come back unchanged, with no suggestion from the
    rule) or ``suggest`` (unchanged, but the rule must suggest ``expected``'s
    change; ``review``: unchanged, but the rule flags the marked span for
    review). In ``fix`` and ``suggest`` examples the span that must change is
    marked ``⟦…⟧`` in ``text`` (``two⟦ ⟧-hour``; ``invasion⟦⟧At`` for an
    insertion); the test checks the edits' source spans against the marks, not
    only the final text. ``known_failure`` names why a case does not work
    yet: it runs as a strict xfail, so the day it passes somebody notices.

    >>> e = Example("The two⟦ ⟧-hour call.", "The two-hour call.")
    >>> e.input, e.marks
    ('The two -hour call.', (Span(start=7, end=8),))
    """

    text: str
    expected: str | None = None
    kind: Literal["fix", "clean", "suggest", "review"] = "fix"
    language: str = "en"
    note: str = ""
    known_failure: str = ""

    @property
    def input(self) -> str:
        """The example's text without its marks."""
        return self.text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")

    @property
    def marks(self) -> tuple[Span, ...]:
        """The marked spans, in coordinates of :attr:`input`."""
        out: list[Span] = []
        pos = removed = 0
        while (a := self.text.find(MARK_OPEN, pos)) >= 0:
            b = self.text.index(MARK_CLOSE, a)
            start = a - removed
            out.append(Span(start, start + b - a - 1))
            removed += 2
            pos = b + 1
        return tuple(out)


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``find``.

    ``scope`` is what :meth:`find` receives: ``document`` (the whole text
    once), ``paragraph`` (each paragraph in the rule's languages, the default)
    or ``sentence``. ``quotations`` says what happens inside quotations:
    ``allow`` (treated like any text), ``guard`` (changes there are only
    suggested unless the rule repaired the same damage outside quotations in
    this document; the default for the ``repair`` stage) or ``skip`` (the
    scope's words and matches leave quotations out). ``tiers`` names the
    rule's evidence tiers with the confidence its author expects of each; the
    calibration table replaces that prior by the measured precision.
    ``lexicons`` names the package lexicons the rule reads (so that users can
    extend them with ``--lexicon RULE=FILE``); ``options`` are the rule's own
    settings with their defaults (``FixConfig.rule_options`` overrides them).
    """

    id: ClassVar[str]
    category: ClassVar[str]
    stage: ClassVar[str]
    languages: ClassVar[frozenset[str]] = frozenset({"*"})
    description: ClassVar[str] = ""
    examples: ClassVar[tuple[Example, ...]] = ()
    scope: ClassVar[Literal["document", "paragraph", "sentence"]] = "paragraph"
    quotations: ClassVar[Literal["allow", "guard", "skip"] | None] = None
    tiers: ClassVar[Mapping[str, float]] = {"certain": 1.0}
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    lexicons: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[Mapping[str, Any]] = {}

    @property
    def quotation_policy(self) -> str:
        """``allow``, ``guard`` or ``skip`` (``guard`` by default in the repair stage)."""
        if self.quotations is not None:
            return self.quotations
        return "guard" if self.stage == "repair" else "allow"

    def find(self, scope: Scope) -> Iterable[Finding]:
        """Yield the findings of this rule in ``scope``."""
        raise NotImplementedError

    def confidence(self, tier: str) -> float:
        """The calibrated confidence of a change of this rule made on ``tier`` evidence."""
        from newsfix.calibration import confidence

        if tier not in self.tiers:
            raise ValueError(f"{self.id}: unknown evidence tier {tier!r}; "
                             f"declared: {', '.join(self.tiers)}")
        return confidence(self.id, tier, self.tiers[tier])

    def __repr__(self) -> str:
        return f"<rule {self.id}>"


class PatternRule(Rule):
    """A rule that replaces every match of one regular expression with a fixed string.

    Subclasses set ``pattern`` (a compiled ``regex`` pattern), ``replacement``
    and ``tiers`` (one tier, used for every match); matches never overlap, so
    the changes of one run never conflict.
    """

    pattern: ClassVar[regex.Pattern[str]]
    replacement: ClassVar[str] = ""

    def find(self, scope: Scope) -> Iterable[Finding]:
        tier = next(iter(self.tiers))
        for m in scope.finditer(self.pattern):
            yield scope.change(m.start(), m.end(), self.replacement, tier=tier)


# --------------------------------------------------------------------------- scopes


@dataclass
class RuleContext:
    """What one run of one rule over one document may read (shared by its scopes)."""

    doc: Document
    rule: Rule
    analysis: TextAnalysis = field(init=False)

    def __post_init__(self) -> None:
        self.analysis = self.doc.analysis

    @property
    def text(self) -> str:
        return self.doc.text

    def scopes(self) -> Iterator[Scope]:
        """The scopes of the rule's kind whose language is one of the rule's languages."""
        rule, doc = self.rule, self.doc
        langs = rule.languages
        if rule.scope == "document":
            yield Scope(self, "document", 0, len(doc.text), doc.language)
            return
        for p in doc.paragraphs_in(langs):
            if rule.scope == "paragraph":
                yield Scope(self, "paragraph", p.start, p.end, p.language)
            else:
                for s in self.analysis.sentences_in(p.start, p.end):
                    yield Scope(self, "sentence", s.start, s.end, p.language)


class Scope:
    """A view of the document's current text from ``start`` to ``end``, in document coordinates.

    What a rule reads and makes goes through its scope: the words and matches
    in it (:meth:`words`, :meth:`finditer`), the shared analysis of the whole
    text (:attr:`analysis`), lexicons (:meth:`lexicon`), earlier rules'
    notes (:meth:`notes`), and the findings it returns (:meth:`change`,
    :meth:`review`, :meth:`note`).
    """

    __slots__ = ("_ctx", "end", "kind", "language", "start")

    def __init__(self, ctx: RuleContext, kind: str, start: int, end: int, language: str) -> None:
        self._ctx = ctx
        self.kind = kind
        self.start = start
        self.end = end
        self.language = language

    def __repr__(self) -> str:
        return f"<{self.kind} scope [{self.start}, {self.end}) {self.language}>"

    # -- reading ------------------------------------------------------------

    @property
    def text(self) -> str:
        """The scope's own text (``full_text[start:end]``)."""
        return self._ctx.text[self.start:self.end]

    @property
    def full_text(self) -> str:
        """The document's whole current text (offsets of this scope index into it)."""
        return self._ctx.text

    @property
    def span(self) -> Span:
        """The scope's span of the document."""
        return Span(self.start, self.end)

    @property
    def analysis(self) -> TextAnalysis:
        """The shared analysis of the document's current text."""
        return self._ctx.analysis

    @property
    def config(self) -> Any:
        """The run's :class:`~newsfix.config.FixConfig`."""
        return self._ctx.doc.config

    @property
    def damage(self) -> DamageProfile:
        """The document's damage profile, read when the stage began (:mod:`newsfix.profile`)."""
        return self._ctx.doc.damage

    @property
    def document_language(self) -> str:
        """The language detected (or forced) for the whole document."""
        return self._ctx.doc.language

    def option(self, name: str) -> Any:
        """The value of one of the rule's ``options`` for this run."""
        rule = self._ctx.rule
        if name not in rule.options:
            raise KeyError(f"{rule.id} has no option {name!r}")
        return self.config.rule_options.get(rule.id, {}).get(name, rule.options[name])

    def _skips_quotes(self) -> bool:
        return self._ctx.rule.quotation_policy == "skip"

    def finditer(self, pattern: regex.Pattern[str], start: int | None = None,
                 end: int | None = None) -> Iterator[regex.Match[str]]:
        """Matches of ``pattern`` within the scope (or ``[start, end)`` of it), in document offsets.

        The pattern sees the text around the scope in its look-behinds and
        look-aheads; ``^`` needs ``(?m)`` to match at the scope's start, and
        ``$``/``\\Z`` match at its end. In a rule that skips quotations, matches
        inside one are left out.
        """
        a = self.start if start is None else max(start, self.start)
        b = self.end if end is None else min(end, self.end)
        skip = self._skips_quotes()
        for m in pattern.finditer(self._ctx.text, a, b):
            if skip and self.analysis.in_quotation(m.start(), m.end()):
                continue
            yield m

    def words(self) -> tuple[Word, ...]:
        """The words of the scope (outside quotations, in a rule that skips them)."""
        words = self.analysis.words_in(self.start, self.end)
        if self._skips_quotes():
            return tuple(w for w in words if not self.analysis.in_quotation(w.start, w.end))
        return words

    def sentences(self) -> list[Scope]:
        """The sentences of the scope, as scopes."""
        return [Scope(self._ctx, "sentence", s.start, s.end, self.language)
                for s in self.analysis.sentences_in(self.start, self.end)]

    def document(self) -> Scope:
        """A scope over the whole document (for document-wide evidence)."""
        return Scope(self._ctx, "document", 0, len(self._ctx.text), self.document_language)

    def paragraphs(self) -> list[Scope]:
        """The paragraphs within the scope that are in the rule's languages."""
        return [Scope(self._ctx, "paragraph", p.start, p.end, p.language)
                for p in self._ctx.doc.paragraphs_in(self._ctx.rule.languages)
                if self.start <= p.start and p.end <= self.end]

    def translated_from(self) -> str | None:
        """The source language of most of the document's translated paragraphs (None if none)."""
        from collections import Counter

        found = Counter(p.source_language for p in self._ctx.doc.paragraphs() if p.translated)
        return found.most_common(1)[0][0] if found else None

    def quoted(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` lies inside a quotation."""
        return self.analysis.in_quotation(start, end)

    def protected(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` touches a URL, address, handle, path or code token."""
        return self.analysis.protected(start, end)

    def capital_expected(self, pos: int) -> bool:
        """Whether a capital is expected at ``pos`` (see :meth:`TextAnalysis.capital_expected`)."""
        return self.analysis.capital_expected(pos)

    def neighbour(self, word: Word, step: int, *, same_line: bool = True) -> Word | None:
        """The word next to ``word`` (``step`` -1 or 1) if only spaces separate them."""
        return self.analysis.neighbour(word, step, same_line=same_line)

    def source_span(self, start: int, end: int) -> Span:
        """The span of the source that ``[start, end)`` of the current text came from."""
        return self._ctx.doc.aligned.to_source(Span(start, end))

    def hits(self) -> list[tuple[Span, str]]:
        """Where repair rules proposed changes so far (source spans, rule ids), sorted."""
        return sorted(self._ctx.doc.hits, key=lambda h: (h[0].start, h[0].end))

    def lexicon(self, name: str) -> list[Record]:
        """Rows of a lexicon the rule declares, with the user's files that extend it."""
        rule = self._ctx.rule
        if name not in rule.lexicons:
            raise KeyError(f"{rule.id} reads lexicon {name!r} but does not declare it "
                           "in `lexicons`")
        return load(name, self.config.lexicons)

    def notes(self, key: str) -> tuple[Any, ...]:
        """Every value noted under ``key`` so far in this document (a declared requirement)."""
        rule = self._ctx.rule
        if key not in rule.requires and key not in rule.provides:
            raise KeyError(f"{rule.id} reads note {key!r} but does not declare it in `requires`")
        return tuple(self._ctx.doc.notes.get(key, ()))

    # -- findings -----------------------------------------------------------

    def change(self, start: int, end: int, replacement: str, *, tier: str,
               message: str = "", force: bool = False, suggest_only: bool = False,
               facts: Mapping[str, Any] | None = None,
               replacements: Sequence[str] = ()) -> Change:
        """A change of ``[start, end)`` to ``replacement``, with the confidence of ``tier``.

        ``facts`` (metadata such as ``{"date": "2025-04-25"}``) are recorded
        only if the change is applied; ``replacements`` lists alternatives
        after ``replacement`` (for a person choosing among suggestions).
        """
        rule = self._ctx.rule
        return Change(start, end, replacement, rule=rule.id, category=rule.category,
                      confidence=rule.confidence(tier), message=message or rule.description,
                      force=force, suggest_only=suggest_only, tier=tier,
                      facts=tuple((facts or {}).items()),
                      alternatives=tuple(r for r in replacements if r != replacement))

    def review(self, start: int, end: int, reason: str) -> Review:
        """A review flag on ``[start, end)`` of the current text."""
        return Review(start, end, reason, self._ctx.rule.id)

    def note(self, key: str, value: Any) -> Note:
        """A note for later rules, under a key the rule declares in ``provides``."""
        rule = self._ctx.rule
        if key not in rule.provides:
            raise KeyError(f"{rule.id} notes {key!r} but does not declare it in `provides`")
        return Note(key, value, rule.id)


def run_rule(rule: Rule, doc: Document) -> list[Finding]:
    """Every finding of ``rule`` on ``doc``, scope by scope (no change is applied).

    The pipeline calls this; tests and notebooks can too.
    """
    ctx = RuleContext(doc, rule)
    return [f for scope in ctx.scopes() for f in rule.find(scope)]
