"""The result of a newsfix run, and its JSON form (schema ``newsfix.result/2``).

``Result.from_dict`` reads both ``newsfix.result/1`` and ``/2``; ``to_dict``
writes ``/2``, which adds LanguageTool's fields to every edit and suggestion
(``replacements``, ``context``, ``sentence``, ``short_message``,
``rule_info``) and the ``damage`` object (see docs/json-schema.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsfix.aligned import AlignedText, Edit, Span

if TYPE_CHECKING:
    import pandas

    from newsfix.report import ExplanationStep

__all__ = ["READABLE_SCHEMAS", "SCHEMA", "Result", "Segment"]

SCHEMA = "newsfix.result/2"

#: Every schema version :meth:`Result.from_dict` reads.
READABLE_SCHEMAS = ("newsfix.result/1", "newsfix.result/2")


@dataclass(frozen=True)
class Segment:
    """A paragraph of the output with the source span it came from and its language."""

    kind: str
    source: Span
    output: Span
    language: str
    confidence: float
    translated: bool = False
    review: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"kind": self.kind, "source": self.source.to_list(),
                "output": self.output.to_list(), "language": self.language,
                "confidence": self.confidence, "translated": self.translated,
                "review": self.review}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["kind"]), Span.of(data["source"]), Span.of(data["output"]),
                   str(data["language"]), float(data["confidence"]),
                   bool(data.get("translated", False)), bool(data.get("review", False)))


@dataclass(frozen=True)
class Result:
    """What :func:`newsfix.fix_and_trace` returns: the text and how it came to be.

    ``edits`` are applied and replaying them on ``source`` gives ``text``
    exactly; ``suggestions`` have the same shape but were not applied (their
    ``output`` span is where they would apply in ``text``). ``damage`` maps a
    damage family (``mt``, ``spin``, ``scrape`` …) to ``{"score": float,
    "evidence": {...}}`` where a damage profile was computed; it is empty
    otherwise.

    >>> from newsfix import fix_and_trace
    >>> r = fix_and_trace("Kyiv  was quiet. ", translate=False, language="en")
    >>> r.text, [e.rule for e in r.edits]
    ('Kyiv was quiet.', ['SPACE_RUN', 'TRAILING_SPACE'])
    >>> r.source_span(Span(5, 8))
    Span(start=6, end=9)
    >>> Result.from_dict(r.to_dict()) == r
    True
    """

    source: str
    text: str
    language: dict[str, Any] = field(default_factory=dict)
    segments: tuple[Segment, ...] = ()
    edits: tuple[Edit, ...] = ()
    suggestions: tuple[Edit, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[dict[str, Any], ...] = ()
    schema: str = SCHEMA
    damage: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether any edit was applied."""
        return bool(self.edits)

    def _aligned(self) -> AlignedText:
        return AlignedText.from_edits(self.source, self.edits)

    def source_span(self, output: Span | tuple[int, int]) -> Span:
        """The span of ``source`` that a span of ``text`` came from (coarse at edits)."""
        return self._aligned().to_source(Span.of(output))

    def output_span(self, source: Span | tuple[int, int]) -> Span:
        """The span of ``text`` that a span of ``source`` became."""
        return self._aligned().to_output(Span.of(source))

    def edits_in(self, output: Span | tuple[int, int]) -> list[Edit]:
        """The edits whose output lies in (or touches) a span of ``text``."""
        span = Span.of(output)
        return [e for e in self.edits
                if e.output.start <= span.end and span.start <= e.output.end]

    @property
    def review(self) -> bool:
        """Whether a person should read part of it (a review flag or a suggestion)."""
        return bool(self.suggestions) or any(w.get("code") == "review" for w in self.warnings)

    def _repr_html_(self) -> str:
        """Notebook view (see :mod:`newsfix.notebook`)."""
        from newsfix.notebook import render_html

        return render_html(self)

    def diff(self, *, context_words: int = 3, color: bool = False,
             name: str | None = None) -> str:
        """Each edit and suggestion with ``context_words`` words around it, one per line.

        See :func:`newsfix.report.diff` for the format; ``color`` adds ANSI colours.

        >>> from newsfix import fix_and_trace
        >>> print(fix_and_trace("Kyiv  was quiet.", translate=False, language="en").diff())
        1:5: SPACE_RUN Kyiv[-␣␣-]{+␣+}was quiet. (1.00) run of spaces inside a line
        <text>: 1 edits, 0 suggestions
        """
        from newsfix.report import diff

        return diff(self, context_words=context_words, color=color, name=name)

    def explain(self) -> list[ExplanationStep]:
        """The steps taken, in pipeline order, like ftfy's ``fix_and_explain``.

        >>> from newsfix import fix_and_trace
        >>> [tuple(s[:3]) for s in fix_and_trace("Kyiv  was quiet.", translate=False).explain()]
        [('apply', 'SPACE_RUN', 1)]
        """
        from newsfix.report import explain

        return explain(self)

    def edits_frame(self, *, suggestions: bool = True) -> pandas.DataFrame:
        """The edits (and suggestions) as a pandas DataFrame, one row each.

        Needs the ``pandas`` extra; see :func:`newsfix.pandas.edits_frame`.
        """
        from newsfix.pandas import edits_frame

        return edits_frame(self, suggestions=suggestions)

    def context(self, edit: Edit, *, chars: int = 40) -> dict[str, Any]:
        """LanguageTool's ``context`` of an edit or suggestion: ``{text, offset, length}``.

        >>> from newsfix import fix_and_trace
        >>> r = fix_and_trace("Kyiv  was quiet.", translate=False, language="en")
        >>> r.context(r.edits[0])
        {'text': 'Kyiv  was quiet.', 'offset': 4, 'length': 2}
        """
        from newsfix.report import context

        return context(self.source, edit.source, chars=chars)

    def sentence(self, edit: Edit) -> str:
        """The source sentence(s) an edit or suggestion lies in."""
        from newsfix.report import SentenceIndex

        return SentenceIndex(self.source, self._split_language()).sentence(edit.source)

    def _split_language(self) -> str:
        return str(self.language.get("source") or "en")

    def to_dict(self) -> dict[str, Any]:
        """The JSON object that ``newsfix --json`` prints (schema ``newsfix.result/2``)."""
        from newsfix.report import SentenceIndex, annotation

        sentences = SentenceIndex(self.source, self._split_language())

        def annotated(e: Edit) -> dict[str, Any]:
            return {**e.to_dict(), **annotation(e, self.source, sentences)}

        return {
            "schema": SCHEMA,
            "source": self.source,
            "text": self.text,
            "language": dict(self.language),
            "segments": [s.to_dict() for s in self.segments],
            "edits": [annotated(e) for e in self.edits],
            "suggestions": [annotated(e) for e in self.suggestions],
            "metadata": dict(self.metadata),
            "warnings": [dict(w) for w in self.warnings],
            "damage": {family: dict(d) for family, d in self.damage.items()},
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict`'s output; checks the schema.

        Reads ``newsfix.result/1`` (no ``damage``, no LanguageTool fields) and
        ``/2``; the fields derived from the others (``replacements``,
        ``context`` …) are recomputed, so the result is always the current
        version.
        """
        schema = data.get("schema", SCHEMA)
        if not str(schema).startswith("newsfix.result/"):
            raise ValueError(f"not a newsfix result: schema {schema!r}")
        if schema not in READABLE_SCHEMAS:
            raise ValueError(f"schema {schema!r} is newer than this newsfix reads "
                             f"({', '.join(READABLE_SCHEMAS)}): upgrade newsfix")
        return cls(
            source=data["source"],
            text=data["text"],
            language=dict(data.get("language", {})),
            segments=tuple(Segment.from_dict(s) for s in data.get("segments", [])),
            edits=tuple(Edit.from_dict(e) for e in data.get("edits", [])),
            suggestions=tuple(Edit.from_dict(e) for e in data.get("suggestions", [])),
            metadata=dict(data.get("metadata", {})),
            warnings=tuple(dict(w) for w in data.get("warnings", [])),
            damage={str(k): dict(v) for k, v in data.get("damage", {}).items()},
        )

    @classmethod
    def from_json(cls, text: str) -> Result:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))
