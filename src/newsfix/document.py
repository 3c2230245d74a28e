"""The working state of one document while the pipeline runs.

The pipeline keeps a :class:`Document` per input: the aligned text, the
configuration, the languages detected, metadata, warnings, review flags and
the notes rules share. Rules do not see it directly: they read it through the
scopes of :mod:`newsfix.rules.base` and return findings, which the pipeline
applies through :class:`newsfix.aligned.AlignedText`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsfix.aligned import AlignedText, Span
from newsfix.config import FixConfig
from newsfix.text import TextAnalysis

if TYPE_CHECKING:
    from newsfix.profile import DamageProfile

__all__ = ["Document", "LanguageRecord", "Paragraph"]


@dataclass(frozen=True)
class LanguageRecord:
    """The detected language of a stretch of the source."""

    source: Span
    language: str
    confidence: float
    translated: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the current text: its span and the language it is in now.

    ``language`` is the language of the text as it stands (``en`` once a
    paragraph is translated); ``source_language`` the language detected in the
    source.
    """

    start: int
    end: int
    text: str
    language: str
    source_language: str
    confidence: float
    translated: bool = False

    @property
    def span(self) -> Span:
        """The paragraph's span in the current text."""
        return Span(self.start, self.end)


@dataclass
class Document:
    """One document in the pipeline: aligned text, configuration and findings."""

    aligned: AlignedText
    config: FixConfig = field(default_factory=FixConfig)
    language: str = "und"
    language_confidence: float = 0.0
    languages: list[LanguageRecord] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    review: list[tuple[Span, str]] = field(default_factory=list)
    #: What rules told later rules, by declared key: every value noted, in order.
    notes: dict[str, list[Any]] = field(default_factory=dict)
    #: The pipeline's pending suggestions (moved along when a stage applies changes).
    pending: Any = field(default=None, repr=False, compare=False)
    #: Where repair rules proposed changes (applied or suggested), in source coordinates.
    hits: list[tuple[Span, str]] = field(default_factory=list)
    #: Rules that applied a repair outside quotations (the quotation guard's evidence).
    repaired_outside_quotes: set[str] = field(default_factory=set)
    #: The text (its analysis) and paragraphs the current stage's damage profile reads.
    _profile_source: tuple[TextAnalysis, tuple[Span, ...] | None] | None = field(
        default=None, repr=False, compare=False)
    _profile_stages: dict[str, tuple[TextAnalysis, tuple[Span, ...] | None]] = field(
        default_factory=dict, repr=False, compare=False)
    # Caches keyed by object identity: the text (immutable str) and the
    # languages list (stages replace it, never mutate it in place).
    _analysis: TextAnalysis | None = field(default=None, repr=False, compare=False)
    _review_seen: set[tuple[Span, str]] = field(default_factory=set, repr=False, compare=False)
    _paragraph_cache: tuple[str, list[LanguageRecord], list[Paragraph]] | None = field(
        default=None, repr=False, compare=False)
    _starts_cache: tuple[list[LanguageRecord], list[int]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The current text."""
        return self.aligned.text

    @property
    def source(self) -> str:
        """The decoded input, exactly."""
        return self.aligned.source

    @property
    def analysis(self) -> TextAnalysis:
        """The analysis of the current text, computed once per text (see :mod:`newsfix.text`)."""
        text = self.aligned.text
        if self._analysis is None or self._analysis.text is not text:
            self._analysis = TextAnalysis(text)
        return self._analysis

    def pin_profile(self, analysis: TextAnalysis, spans: tuple[Span, ...] | None,
                    stage: str = "") -> None:
        """Make :attr:`damage` read ``analysis`` (the text a stage began with), on demand."""
        self._profile_source = (analysis, spans)
        if stage:
            self._profile_stages[stage] = (analysis, spans)

    def damage_report(self) -> dict[str, dict[str, Any]]:
        """Each damage family as read before the stage that repairs it (for the result).

        Glue is repaired by the characters stage, the other families by the repair
        stage: each is reported from the text that stage received, so the report
        says what happened to the document, not what was left after repair.
        """
        from newsfix.profile import FAMILIES, profile

        out = {}
        fallback = self._profile_source or (self.analysis, None)
        for family in FAMILIES:
            stage = "characters" if family == "glue" else "repair"
            analysis, spans = self._profile_stages.get(stage, fallback)
            out[family] = profile(analysis, spans)[family].to_dict()
        return out

    @property
    def damage(self) -> DamageProfile:
        """The damage profile of the text the current stage began with (see :mod:`newsfix.profile`).

        Before any stage pinned one, the profile of the current text.
        """
        from newsfix.profile import profile

        analysis, spans = self._profile_source or (self.analysis, None)
        return profile(analysis, spans)

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs of the current text (:attr:`TextAnalysis.paragraphs`), with languages.

        Before language detection every paragraph is ``und`` unless the
        document language was forced.

        >>> doc = Document(AlignedText("One.\\n\\nTwo.\\nThree."), language="en")
        >>> [(p.text, p.language) for p in doc.paragraphs()]
        [('One.', 'en'), ('Two.', 'en'), ('Three.', 'en')]
        """
        text = self.text
        cached = self._paragraph_cache
        if cached is not None and cached[0] is text and cached[1] is self.languages:
            return list(cached[2])
        out = [self._paragraph(p.start, p.end) for p in self.analysis.paragraphs]
        self._paragraph_cache = (text, self.languages, out)
        return list(out)

    def quotations(self) -> list[Span]:
        """Spans of the current text's quotations, marks included (:attr:`TextAnalysis.quotations`).

        >>> doc = Document(AlignedText('He said: “Its fine.” Then "no" and «oui».'))
        >>> [doc.text[s.slice] for s in doc.quotations()]
        ['“Its fine.”', '"no"', '«oui»']
        """
        return [q.span for q in self.analysis.quotations]

    def in_quotation(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a quotation (see :meth:`quotations`)."""
        return self.analysis.in_quotation(start, end)

    def paragraphs_in(self, languages: frozenset[str]) -> Iterator[Paragraph]:
        """The paragraphs whose current language is one of ``languages`` (``*``: all)."""
        for p in self.paragraphs():
            if "*" in languages or p.language in languages:
                yield p

    def _paragraph(self, start: int, end: int) -> Paragraph:
        lang, src_lang, conf, translated = self.language_at(Span(start, end))
        return Paragraph(start, end, self.text[start:end], lang, src_lang, conf, translated)

    def language_at(self, span: Span) -> tuple[str, str, float, bool]:
        """(current language, source language, confidence, translated) of a span of the text.

        The record overlapping the span's source most wins; with no records the
        document language applies.
        """
        if not self.languages:
            return self.language, self.language, self.language_confidence, False
        src = self.aligned.to_source(span)
        if self._starts_cache is None or self._starts_cache[0] is not self.languages:
            self._starts_cache = (self.languages, [r.source.start for r in self.languages])
        starts = self._starts_cache[1]
        k = max(bisect.bisect_right(starts, src.start) - 1, 0)
        best, best_overlap = None, -1
        for r in self.languages[k:]:
            if r.source.start > src.end:
                break
            overlap = min(r.source.end, src.end) - max(r.source.start, src.start)
            if overlap > best_overlap:
                best, best_overlap = r, overlap
        if best is None or best_overlap < 0:
            return self.language, self.language, self.language_confidence, False
        current = self.config.target_language if best.translated else best.language
        return current, best.language, best.confidence, best.translated

    def flag_review(self, span: Span, reason: str) -> None:
        """Mark a span of the current text for human review (kept in source coordinates).

        A flag already raised for the same source span and reason is not repeated.
        """
        flag = (self.aligned.to_source(span), reason)
        if flag not in self._review_seen:
            self._review_seen.add(flag)
            self.review.append(flag)

    def warn(self, code: str, message: str, **details: Any) -> None:
        """Record a warning; ``code`` is a stable kebab-case identifier."""
        self.warnings.append({"code": code, "message": message, **details})
