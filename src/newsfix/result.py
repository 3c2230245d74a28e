"""The result of a newsfix run, and its JSON form (schema ``newsfix.result/1``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from newsfix.aligned import AlignedText, Edit, Span

__all__ = ["SCHEMA", "Result", "Segment"]

SCHEMA = "newsfix.result/1"


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
    ``output`` span is where they would apply in ``text``).

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

    def _repr_html_(self) -> str:
        """Notebook view (see :mod:`newsfix.notebook`)."""
        from newsfix.notebook import render_html

        return render_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object that ``newsfix --json`` prints."""
        return {
            "schema": self.schema,
            "source": self.source,
            "text": self.text,
            "language": dict(self.language),
            "segments": [s.to_dict() for s in self.segments],
            "edits": [e.to_dict() for e in self.edits],
            "suggestions": [e.to_dict() for e in self.suggestions],
            "metadata": dict(self.metadata),
            "warnings": [dict(w) for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict`'s output; checks the schema."""
        schema = data.get("schema", SCHEMA)
        if not str(schema).startswith("newsfix.result/"):
            raise ValueError(f"not a newsfix result: schema {schema!r}")
        return cls(
            source=data["source"],
            text=data["text"],
            language=dict(data.get("language", {})),
            segments=tuple(Segment.from_dict(s) for s in data.get("segments", [])),
            edits=tuple(Edit.from_dict(e) for e in data.get("edits", [])),
            suggestions=tuple(Edit.from_dict(e) for e in data.get("suggestions", [])),
            metadata=dict(data.get("metadata", {})),
            warnings=tuple(dict(w) for w in data.get("warnings", [])),
            schema=str(schema),
        )

    @classmethod
    def from_json(cls, text: str) -> Result:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))
