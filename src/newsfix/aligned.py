"""Aligned text: the one place in newsfix that does offset arithmetic.

An :class:`AlignedText` holds the immutable ``source``, the current ``text`` and
the sorted list of composed :class:`Edit` objects that turn one into the other.
That list *is* the alignment: the stretches between edits are copied verbatim,
so memory grows with the number of edits, not with the length of the text, and
mapping an offset is a binary search.

Stages never touch offsets. They return :class:`Change` objects in coordinates
of the current text and :meth:`AlignedText.apply` composes them with the edits
so far in one merge pass. A change that overlaps (or touches, for insertions
and deletions) an earlier edit absorbs it; the merged edit re-reads its
``before`` from the source and lists the contributing rules in ``steps``.

>>> t = AlignedText("two -hour call")
>>> _ = t.apply([Change(3, 5, "-", rule="HYPHEN_SPACE", category="hyphen")])
>>> t.text
'two-hour call'
>>> e = t.edits[0]
>>> (e.source, e.output, e.before, e.after)
(Span(start=3, end=5), Span(start=3, end=4), ' -', '-')
>>> t.replay() == t.text
True
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["AlignedText", "Change", "ChangeConflict", "Edit", "Span", "Step"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of ``str`` indices (code points).

    >>> Span(2, 5).length
    3
    >>> "abcdef"[Span(2, 5).slice]
    'cde'
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        """Number of code points covered."""
        return self.end - self.start

    @property
    def slice(self) -> slice:
        """The span as a ``slice`` for indexing a ``str``."""
        return slice(self.start, self.end)

    def to_list(self) -> list[int]:
        """The JSON form, ``[start, end]``."""
        return [self.start, self.end]

    @classmethod
    def of(cls, value: Span | Sequence[int] | dict[str, int]) -> Span:
        """Build a span from a ``Span``, a ``[start, end]`` pair or a mapping.

        >>> Span.of([1, 4]), Span.of({"start": 0, "end": 2})
        (Span(start=1, end=4), Span(start=0, end=2))
        """
        if isinstance(value, Span):
            return value
        if isinstance(value, dict):
            return cls(int(value["start"]), int(value["end"]))
        start, end = value
        return cls(int(start), int(end))


@dataclass(frozen=True)
class Change:
    """A replacement proposed by a rule, in coordinates of the current text.

    ``confidence`` is the rule's calibrated probability that the change is
    right; the pipeline applies changes at or above its threshold and turns
    the rest into suggestions. ``force`` marks changes that are not repairs
    and must be applied whatever the threshold (translations, removals the
    user asked for). ``suggest_only`` marks changes that must only be
    suggested whatever their confidence (detections, or removals the user
    asked to keep).

    Rules make changes through :meth:`newsfix.rules.base.Scope.change`, which
    fills in the rule, its category and the calibrated confidence of a tier.
    """

    start: int
    end: int
    replacement: str
    rule: str
    category: str
    confidence: float = 1.0
    message: str = ""
    force: bool = False
    suggest_only: bool = False
    #: The evidence tier the rule's confidence came from (see :mod:`newsfix.calibration`).
    tier: str = ""
    #: Metadata the change establishes (``(("date", "2025-04-25"),)``), recorded if applied.
    facts: tuple[tuple[str, Any], ...] = ()
    #: Other replacements a person may prefer, after ``replacement``.
    alternatives: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"{self.rule}: invalid change span [{self.start}, {self.end})")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"{self.rule}: confidence {self.confidence} not in [0, 1]")

    @property
    def span(self) -> Span:
        """The replaced range of the current text."""
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Step:
    """One rule's contribution to a merged edit, in the order applied.

    ``before`` and ``after`` are the text that rule replaced and produced, at
    the time it ran (so they may not be substrings of the final source/text).
    """

    rule: str
    category: str
    before: str
    after: str
    confidence: float
    message: str
    tier: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "rule": self.rule,
            "category": self.category,
            "before": self.before,
            "after": self.after,
            "confidence": self.confidence,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Step:
        """Inverse of :meth:`to_dict`."""
        return cls(
            rule=str(data["rule"]),
            category=str(data["category"]),
            before=str(data["before"]),
            after=str(data["after"]),
            confidence=float(data["confidence"]),  # type: ignore[arg-type]
            message=str(data.get("message", "")),
        )


@dataclass(frozen=True)
class Edit:
    """A composed edit: ``source[source] == before`` became ``text[output] == after``.

    ``steps`` is empty for an edit made by one rule; when several rules touched
    overlapping text it lists each contribution in order, and ``rule``,
    ``category`` and ``message`` are those of the last step that is not
    whitespace housekeeping (else of the last step), while ``confidence`` is
    the lowest of them.
    """

    rule: str
    category: str
    source: Span
    output: Span
    before: str
    after: str
    confidence: float = 1.0
    message: str = ""
    steps: tuple[Step, ...] = field(default=())
    #: The evidence tier of the change (of the primary step, for a merged edit).
    tier: str = field(default="", compare=False)
    #: Other replacements a person may prefer (suggestions of several candidates).
    alternatives: tuple[str, ...] = field(default=(), compare=False)

    def as_step(self) -> tuple[Step, ...]:
        """The steps this edit contributes when merged into a later one."""
        if self.steps:
            return self.steps
        return (Step(self.rule, self.category, self.before, self.after, self.confidence,
                     self.message, self.tier),)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of DESIGN §3."""
        return {
            "rule": self.rule,
            "category": self.category,
            "source": self.source.to_list(),
            "output": self.output.to_list(),
            "before": self.before,
            "after": self.after,
            "confidence": self.confidence,
            "message": self.message,
            "steps": [s.to_dict() for s in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Edit:
        """Inverse of :meth:`to_dict`."""
        steps = data.get("steps") or []
        assert isinstance(steps, list)
        return cls(
            rule=str(data["rule"]),
            category=str(data["category"]),
            source=Span.of(data["source"]),  # type: ignore[arg-type]
            output=Span.of(data["output"]),  # type: ignore[arg-type]
            before=str(data["before"]),
            after=str(data["after"]),
            confidence=float(data.get("confidence", 1.0)),  # type: ignore[arg-type]
            message=str(data.get("message", "")),
            steps=tuple(Step.from_dict(s) for s in steps),
            tier=str(data.get("tier", "")),
            alternatives=tuple(str(r) for r in (data.get("replacements") or [])[1:]),  # type: ignore[index]
        )


class ChangeConflict(ValueError):
    """Two changes of one batch overlap, or a change lies outside the text."""


def _touches(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two ranges overlap, counting contact when either one is empty.

    Empty ranges (insertions, or the output side of a deletion) have no
    interior, so contact is the only way to relate them; merging on contact
    is coarser but never wrong.
    """
    if a_start == a_end or b_start == b_end:
        return max(a_start, b_start) <= min(a_end, b_end)
    return max(a_start, b_start) < min(a_end, b_end)


class AlignedText:
    """Source text, current text and the composed edits between them."""

    __slots__ = ("_edits", "_out_starts", "_src_starts", "source", "text")

    def __init__(self, source: str) -> None:
        self.source: str = source
        self.text: str = source
        self._edits: list[Edit] = []
        self._src_starts: list[int] = []
        self._out_starts: list[int] = []

    @classmethod
    def from_edits(cls, source: str, edits: Iterable[Edit]) -> AlignedText:
        """Rebuild an aligned text from a source and its composed edits.

        The edits must satisfy the contract (sorted, non-overlapping,
        ``source[e.source] == e.before``); the text is their replay.
        """
        self = cls(source)
        self._edits = sorted(edits, key=lambda e: (e.source.start, e.source.end))
        for e in self._edits:
            if source[e.source.slice] != e.before:
                raise ValueError(f"edit {e.rule} does not match the source at {e.source}")
        self._src_starts = [e.source.start for e in self._edits]
        self._out_starts = [e.output.start for e in self._edits]
        self.text = self.replay()
        return self

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The composed edits, sorted, non-overlapping in source and output."""
        return tuple(self._edits)

    # -- the one primitive -------------------------------------------------

    def apply(self, changes: Iterable[Change]) -> list[Edit]:
        """Apply a batch of non-overlapping changes made in current-text coordinates.

        Returns the new edits as they stand after the batch (one per change,
        merged with whatever earlier edits it overlapped). Changes that leave
        the text as it was are ignored. Raises :class:`ChangeConflict` if two
        changes overlap or a change lies outside the text.

        >>> t = AlignedText("a  b")
        >>> _ = t.apply([Change(1, 3, " ", rule="SPACE_RUN", category="spacing")])
        >>> _ = t.apply([Change(0, 3, "A B", rule="UPPER", category="case")])
        >>> t.text, t.edits[0].before, [s.rule for s in t.edits[0].steps]
        ('A B', 'a  b', ['SPACE_RUN', 'UPPER'])
        """
        batch = sorted(
            (c for c in changes if self.text[c.start:c.end] != c.replacement),
            key=lambda c: (c.start, c.end),
        )
        if not batch:
            return []
        n = len(self.text)
        for prev, cur in itertools.pairwise(batch):
            # Two insertions at one point have no defined order; anything else
            # that merely touches is fine.
            if cur.start < prev.end or prev.start == prev.end == cur.start == cur.end:
                raise ChangeConflict(
                    f"changes overlap: {prev.rule} [{prev.start}, {prev.end}) and "
                    f"{cur.rule} [{cur.start}, {cur.end})")
        if batch[-1].end > n:
            raise ChangeConflict(f"{batch[-1].rule}: change ends at {batch[-1].end} > {n}")

        old = self._edits
        text = self.text
        merged: list[Edit] = []
        created: list[Edit] = []
        pieces: list[str] = []
        cursor = 0  # position in the current text copied so far
        shift = 0   # new output offset minus current output offset, so far
        i = 0       # next old edit
        # A cluster is a run of changes linked through the earlier edits they
        # touch; it becomes one merged edit.
        cluster: list[Change] = []
        absorbed: list[Edit] = []
        cluster_shift = 0

        def flush() -> None:
            nonlocal shift
            if not cluster:
                return
            lo = min(cluster[0].start, absorbed[0].output.start) if absorbed else cluster[0].start
            hi = max(cluster[-1].end, absorbed[-1].output.end) if absorbed else cluster[-1].end
            if absorbed and absorbed[0].output.start == lo:
                src_lo = absorbed[0].source.start
            else:
                src_lo = self._unchanged_to_source(lo, merged, cluster_shift)
            if absorbed and absorbed[-1].output.end == hi:
                src_hi = absorbed[-1].source.end
            elif absorbed:
                src_hi = absorbed[-1].source.end + (hi - absorbed[-1].output.end)
            else:
                src_hi = src_lo + (hi - lo)
            parts, pos = [], lo
            for c in cluster:
                parts += [text[pos:c.start], c.replacement]
                pos = c.end
            parts.append(text[pos:hi])
            after = "".join(parts)
            before = self.source[src_lo:src_hi]
            out_lo = lo + cluster_shift
            cluster.clear()
            absorbed.clear()
            if before == after:
                return  # the changes undid earlier edits: nothing left to record
            primary = _primary(steps) if steps else Step(
                last.rule, last.category, "", "", last.confidence, last.message, last.tier)
            edit = Edit(
                rule=primary.rule,
                category=primary.category,
                source=Span(src_lo, src_hi),
                output=Span(out_lo, out_lo + len(after)),
                before=before,
                after=after,
                confidence=min([*(c.confidence for c in contributing),
                                *(e.confidence for e in absorbed_all)]),
                message=primary.message,
                steps=steps,
                tier=primary.tier,
            )
            merged.append(edit)
            created.append(edit)

        contributing: list[Change] = []
        absorbed_all: list[Edit] = []
        steps: tuple[Step, ...] = ()
        last = batch[0]
        for ch in batch:
            joins = bool(absorbed) and _touches(absorbed[-1].output.start,
                                                absorbed[-1].output.end, ch.start, ch.end)
            if not joins:
                flush()
                while i < len(old) and old[i].output.start <= ch.start and not _touches(
                        old[i].output.start, old[i].output.end, ch.start, ch.end):
                    merged.append(_shifted(old[i], shift))
                    i += 1
                cluster_shift = shift
                contributing, absorbed_all, steps = [], [], ()
            while i < len(old) and _touches(old[i].output.start, old[i].output.end,
                                            ch.start, ch.end):
                absorbed.append(old[i])
                absorbed_all.append(old[i])
                steps += old[i].as_step()
                i += 1
            cluster.append(ch)
            contributing.append(ch)
            step = Step(ch.rule, ch.category, text[ch.start:ch.end], ch.replacement,
                        ch.confidence, ch.message, ch.tier)
            # An edit made by one change alone has no steps; a merged one lists all.
            steps = (*steps, step) if (absorbed_all or len(contributing) > 1) else ()
            last = ch
            pieces.append(text[cursor:ch.start])
            pieces.append(ch.replacement)
            cursor = ch.end
            shift += len(ch.replacement) - (ch.end - ch.start)
        flush()
        pieces.append(text[cursor:])
        merged.extend(_shifted(e, shift) for e in old[i:])
        self.text = "".join(pieces)
        self._edits = merged
        self._src_starts = [e.source.start for e in merged]
        self._out_starts = [e.output.start for e in merged]
        return created

    def _unchanged_to_source(self, pos: int, merged: list[Edit], shift: int) -> int:
        """Source offset of current position ``pos`` lying in an unchanged stretch.

        ``merged`` holds the edits before ``pos`` with outputs already in new
        coordinates; their net delta converts ``pos`` to a source offset.
        """
        if not merged:
            return pos + shift
        last = merged[-1]
        # last.output is in new coordinates; shift converts current -> new.
        return last.source.end + (pos + shift - last.output.end)

    def _unchanged_to_source_end(self, pos: int, absorbed: list[Edit], merged: list[Edit],
                                 shift: int) -> int:
        """Like :meth:`_unchanged_to_source`, for the end of a merged range."""
        if absorbed:
            last = absorbed[-1]
            return last.source.end + (pos - last.output.end)
        return self._unchanged_to_source(pos, merged, shift)

    # -- mapping ----------------------------------------------------------

    def to_source(self, span: Span) -> Span:
        """Map a span of the current text to the source span it came from.

        A boundary inside an edit's output widens to that edit's whole source
        span: every character of a replacement maps to the whole replaced
        source, which is coarse but never wrong.

        >>> t = AlignedText("Natos chief")
        >>> _ = t.apply([Change(0, 5, "NATO's", rule="R", category="apostrophe")])
        >>> t.to_source(Span(7, 12)), t.to_source(Span(2, 4))
        (Span(start=6, end=11), Span(start=0, end=5))
        """
        return self._map(span, self._out_starts, output_side=True)

    def to_output(self, span: Span) -> Span:
        """Map a span of the source to the span of the current text it became.

        >>> t = AlignedText("close\\n\\nHello")
        >>> _ = t.apply([Change(0, 7, "", rule="R", category="boilerplate")])
        >>> t.to_output(Span(7, 12)), t.to_output(Span(0, 5))
        (Span(start=0, end=5), Span(start=0, end=0))
        """
        return self._map(span, self._src_starts, output_side=False)

    def _map(self, span: Span, starts: list[int], *, output_side: bool) -> Span:
        def sides(e: Edit) -> tuple[Span, Span]:
            return (e.output, e.source) if output_side else (e.source, e.output)

        # Start: the last edit starting at or before it. Inside a non-empty
        # edit the start widens to the edit's start; after it, it moves by
        # the edit's length difference (an empty edit at the position counts
        # as before it, which keeps spans tight after deletions).
        start = span.start
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0:
            frm, to = sides(self._edits[k])
            start = to.start if start < frm.end else to.end + (start - frm.end)
        # End: the last edit starting strictly before it; inside it widens to
        # the edit's end.
        end = span.end
        k = bisect.bisect_left(starts, end) - 1
        if k >= 0:
            frm, to = sides(self._edits[k])
            end = to.end if end <= frm.end else to.end + (end - frm.end)
        return Span(start, max(start, end))

    # -- checks -----------------------------------------------------------

    def replay(self) -> str:
        """Rebuild the text from the source and the edits (the contract's test)."""
        out: list[str] = []
        last = 0
        for e in self._edits:
            out.append(self.source[last:e.source.start])
            out.append(e.after)
            last = e.source.end
        out.append(self.source[last:])
        return "".join(out)


#: Categories of housekeeping steps that do not name a merged edit when a
#: more telling step took part (boilerplate removal followed by blank-line
#: collapse is a boilerplate edit).
HOUSEKEEPING = frozenset({"spacing"})


def _primary(steps: tuple[Step, ...]) -> Step:
    """The step that names a merged edit: the last one that is not housekeeping."""
    for step in reversed(steps):
        if step.category not in HOUSEKEEPING:
            return step
    return steps[-1]


def _shifted(edit: Edit, shift: int) -> Edit:
    if shift == 0:
        return edit
    return Edit(edit.rule, edit.category, edit.source,
                Span(edit.output.start + shift, edit.output.end + shift),
                edit.before, edit.after, edit.confidence, edit.message, edit.steps, edit.tier)
