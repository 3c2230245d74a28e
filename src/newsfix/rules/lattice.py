"""Phrase lattices: score whole readings of a stretch of words against English evidence.

A wrong-word repair (a spinner's synonym, a literal translation's false
friend) is a choice among *readings* of a stretch of text: the words as
written, or some of them replaced by candidates. Generating the candidates is
the caller's business (:mod:`newsfix.rules.spin` reads thesaurus tables,
:mod:`newsfix.rules.wordchoice` bilingual ones); this module only *scores*
them, the same way for every caller, and decides nothing.

The text is cut into **segments**: runs of words joined by single spaces (a
punctuation mark, a line break or a quotation mark ends a segment, since a
bigram does not span them). Each word is a **slot**; an :class:`Edge` covers
one or more adjacent slots of a segment with a reading (its model tokens) and
a *prior*: log10 of how likely a writer (or the damage) produced the written
words from that reading. The written words themselves are an edge too. The
score of a path through a segment is its prior plus the English bigram model
(:func:`newsfix.evidence.logp`) along its tokens, so neighbouring candidates
are judged together (``boosters stated`` → ``supporters said``); the
forward–backward algorithm gives every edge its **posterior**: the share of
all paths' probability that goes through it.

>>> from newsfix.text import TextAnalysis
>>> a = TextAnalysis("They met at a press convention on Monday.")
>>> seg = segments(a)[0]
>>> k = [s.lower for s in seg.slots].index("convention")
>>> edges = [Edge(k, k + 1, ("conference",), "conference", -1.0, "test")]
>>> post = posteriors(seg, edges)
>>> round(post[edges[0]], 2) > 0.9
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from newsfix.evidence import logp as _logp
from newsfix.evidence import tokens
from newsfix.text import TextAnalysis, Word

__all__ = ["Edge", "Segment", "posteriors", "segments"]


class Edge(NamedTuple):
    """A reading of slots ``[i, j)`` of a segment: its model tokens, its text and its prior.

    ``prior`` is log10 P(written | reading) P(reading): for the written words
    the probability they were left alone, for a candidate the probability the
    damage produced the written words from it. ``source`` names where the
    candidate came from (for messages and evidence tiers).

    A named tuple, not a frozen dataclass: a spun document's lattices make
    tens of thousands of edges per round and key dictionaries by them, and a
    tuple is built and hashed in C (the same hash as the dataclass's, which
    hashed the tuple of its fields).
    """

    i: int
    j: int
    tokens: tuple[str, ...]
    text: str
    prior: float
    source: str


@dataclass(frozen=True)
class Segment:
    """A run of words joined by single spaces (a bigram context never leaves it)."""

    slots: tuple[Word, ...]

    @property
    def start(self) -> int:
        return self.slots[0].start

    @property
    def end(self) -> int:
        return self.slots[-1].end


def segments(analysis: TextAnalysis, start: int = 0, end: int | None = None) -> list[Segment]:
    """The segments of ``[start, end)``: words joined by one plain space each."""
    text = analysis.text
    words = analysis.words_in(start, len(text) if end is None else end)
    out: list[Segment] = []
    run: list[Word] = []
    for w in words:
        if run and text[run[-1].end:w.start] != " ":
            out.append(Segment(tuple(run)))
            run = []
        run.append(w)
    if run:
        out.append(Segment(tuple(run)))
    return out


#: Bigram scores are asked for again and again (every candidate pair of two slots).
logp = lru_cache(maxsize=1 << 18)(_logp)


def _lse(values: Iterable[float]) -> float:
    vals = list(values)
    if not vals:
        return -math.inf
    top = max(vals)
    if top == -math.inf:
        return top
    return top + math.log10(sum(10.0 ** (v - top) for v in vals))


def _internal(toks: Sequence[str]) -> float:
    return sum(logp(b, a) for a, b in pairwise(toks))


@lru_cache(maxsize=1 << 16)
def _written_tokens(text: str) -> tuple[str, ...]:
    """A written word's model tokens (the word in lower case if it has none)."""
    return tuple(tokens(text)) or (text.lower(),)


def identity_edges(segment: Segment, priors: Sequence[float] | None = None) -> list[Edge]:
    """One edge per slot for the word as written (prior 0, or ``priors[k]``)."""
    out = []
    for k, w in enumerate(segment.slots):
        toks = _written_tokens(w.text)
        out.append(Edge(k, k + 1, toks, w.text, priors[k] if priors else 0.0, "written"))
    return out


def posteriors(segment: Segment, candidates: Sequence[Edge],
               written_priors: Sequence[float] | None = None) -> dict[Edge, float]:
    """The posterior probability of every edge (the written words' and the candidates').

    Paths run from the segment's first slot to its last; the first token of
    a path is scored by its unigram frequency, every later one by the bigram
    model given the token before it.
    """
    n = len(segment.slots)
    edges = identity_edges(segment, written_priors) + list(candidates)
    # Edges by index: an Edge hashes all its fields, and the two passes below look
    # edges up many times per slot. The sums run over the same edges in the same order.
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for x, e in enumerate(edges):
        starts[e.i].append(x)
        ends[e.j].append(x)
    own = [e.prior + _internal(e.tokens) for e in edges]
    first = [e.tokens[0] for e in edges]
    last = [e.tokens[-1] for e in edges]
    fwd: list[float | None] = [None] * len(edges)
    for k in range(n):
        for x in starts[k]:
            if k == 0:
                fwd[x] = own[x] + logp(first[x], None)
            else:
                fwd[x] = own[x] + _lse(f + logp(first[x], last[p])
                                       for p in ends[k] if (f := fwd[p]) is not None)
    bwd: list[float | None] = [None] * len(edges)
    for k in range(n, 0, -1):
        for x in ends[k]:
            if k == n:
                bwd[x] = 0.0
            else:
                bwd[x] = _lse(logp(first[s], last[x]) + own[s] + b
                              for s in starts[k] if (b := bwd[s]) is not None)
    total = _lse(f for x in ends[n] if (f := fwd[x]) is not None)
    out: dict[Edge, float] = {}
    if total > -math.inf:
        for x, e in enumerate(edges):
            f, b = fwd[x], bwd[x]
            if f is not None and b is not None:
                out[e] = 10.0 ** (f + b - total)
    return out


#: Posteriors of a segment's lattice, kept by its tokens, edges and priors (the same
#: segment is scored again in every round of :func:`converge` and by the damage profile).
_POSTERIORS: dict[tuple[object, ...], dict[Edge, float]] = {}
_POSTERIORS_MAX = 1 << 14


def cached_posteriors(segment: Segment, candidates: Sequence[Edge],
                      written_priors: Sequence[float] | None = None) -> dict[Edge, float]:
    """:func:`posteriors`, computed once per (tokens, candidates, priors)."""
    key = (tuple(w.text for w in segment.slots), tuple(candidates),
           tuple(written_priors) if written_priors else None)
    found = _POSTERIORS.get(key)
    if found is None:
        if len(_POSTERIORS) >= _POSTERIORS_MAX:
            _POSTERIORS.clear()
        found = _POSTERIORS[key] = posteriors(segment, candidates, written_priors)
    return found


def unigram_logp(toks: Sequence[str]) -> float:
    """log10 P of a reading's tokens on their own (no context): the model's a-priori weight."""
    return logp(toks[0], None) + _internal(toks) if toks else 0.0


# --------------------------------------------------------------------------- fixed point
#
# A decision changes the context of its neighbours, so deciding once and applying is not
# a fixed point: the next run would see the new contexts and decide again. ``converge``
# decides on the text, applies its decisions to a copy, and decides again on the copy,
# until nothing more is decided; the result is the set of changes that turn the text
# into that fixed point, in the text's own offsets. A fresh run on the output decides
# nothing, so ``fix(fix(x)) == fix(x)`` holds by construction.


@dataclass(frozen=True)
class Decision:
    """A change decided on the current text of a round: ``[start, end)`` → ``replacement``."""

    start: int
    end: int
    replacement: str
    tier: str
    message: str


@dataclass(frozen=True)
class Region:
    """A changed region of the original text: ``[start, end)`` → ``after``, and why."""

    start: int
    end: int
    after: str
    decisions: tuple[Decision, ...]

    @property
    def last(self) -> Decision:
        """The decision that gave the region its final text."""
        return self.decisions[-1]


class Overlay:
    """A text with changed regions laid over it, in the original text's offsets.

    >>> o = Overlay("a quick brown fox")
    >>> o.apply([Decision(2, 7, "slow", "t", "")])
    >>> o.apply([Decision(2, 12, "sly red", "t", "")])
    >>> o.text, [(r.start, r.end, r.after) for r in o.regions]
    ('a sly red fox', [(2, 13, 'sly red')])
    >>> o.to_current(14), o.to_original(6, 9)
    (10, (2, 13, 'sly red'))
    >>> o.apply([Decision(2, 9, "quick brown", "t", "")]); o.regions
    []
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self.regions: list[Region] = []
        self.text = base

    def to_current(self, pos: int) -> int:
        """The current offset of an original offset that no region covers inside."""
        delta = 0
        for r in self.regions:
            if r.end > pos:
                break
            delta += len(r.after) - (r.end - r.start)
        return pos + delta

    def _clusters(self, decisions: Sequence[Decision]
                  ) -> list[tuple[int, int, int, list[Decision], list[Region]]]:
        """Decisions with the regions they overlap: (current start, end, original start, …).

        One sweep over decisions and regions in current offsets (linear after sorting).
        """
        items: list[tuple[int, int, Decision | Region]] = []
        delta = 0
        deltas: dict[int, int] = {}  # current start of a region -> length change before it
        for r in self.regions:
            a = r.start + delta
            deltas[a] = delta
            items.append((a, a + len(r.after), r))
            delta += len(r.after) - (r.end - r.start)
        items += [(d.start, d.end, d) for d in decisions]
        items.sort(key=lambda t: (t[0], t[1]))
        out: list[tuple[int, int, int, list[Decision], list[Region]]] = []
        before = 0  # length change of the regions wholly before the current cluster
        cur: list[tuple[int, int, Decision | Region]] = []

        def close() -> None:
            nonlocal before
            if not cur:
                return
            cs, ce = cur[0][0], max(b for _, b, _ in cur)
            regions = [x for _, _, x in cur if isinstance(x, Region)]
            ds = [x for _, _, x in cur if isinstance(x, Decision)]
            if ds:
                out.append((cs, ce, cs - before, ds, regions))
            before += sum(len(r.after) - (r.end - r.start) for r in regions)

        for a, b, x in items:
            if cur and a < max(e for _, e, _ in cur):
                cur.append((a, b, x))
                continue
            close()
            cur = [(a, b, x)]
        close()
        return out

    def _composed(self, cs: int, ce: int, decisions: list[Decision]) -> str:
        out, last = [], cs
        for d in sorted(decisions, key=lambda d: d.start):
            out += [self.text[last:d.start], d.replacement]
            last = d.end
        out.append(self.text[last:ce])
        return "".join(out)

    def to_original(self, start: int, end: int, replacement: str | None = None
                    ) -> tuple[int, int, str]:
        """The original span and its new text if ``[start, end)`` of the current text changed.

        A span that overlaps a changed region takes the whole region in.
        """
        d = Decision(start, end, self.text[start:end] if replacement is None else replacement,
                     "", "")
        (cs, ce, os_, ds, regions), = self._clusters([d])
        grown = sum(len(r.after) - (r.end - r.start) for r in regions)
        return os_, os_ + (ce - cs) - grown, self._composed(cs, ce, ds)

    def apply(self, decisions: Sequence[Decision]) -> None:
        """Apply non-overlapping decisions on the current text."""
        merged = self._clusters(decisions)
        gone = {id(r) for *_, regions in merged for r in regions}
        kept = [r for r in self.regions if id(r) not in gone]
        for cs, ce, os_, ds, regions in merged:
            grown = sum(len(r.after) - (r.end - r.start) for r in regions)
            oe = os_ + (ce - cs) - grown
            after = self._composed(cs, ce, ds)
            if after != self.base[os_:oe]:
                history = tuple(x for r in regions for x in r.decisions) + tuple(ds)
                kept.append(Region(os_, oe, after, history))
        self.regions = sorted(kept, key=lambda r: r.start)
        out, last = [], 0
        for r in self.regions:
            out += [self.base[last:r.start], r.after]
            last = r.end
        out.append(self.base[last:])
        self.text = "".join(out)


def informative(left: str | None, word: str, right: str | None) -> bool:
    """Whether the bigram table can speak against ``word`` between its neighbours at all.

    The table holds only bigrams counted at least :data:`newsfix.evidence.ABSENT`
    times, so a missing bigram says "rare" only where the pair would reach that
    count if its words were merely independent (``investment strategist`` is
    missing because ``strategist`` is rare, not because the pair is wrong). A
    side counts when its bigram is in the table or its absence is informative.

    >>> informative("investment", "strategist", "at"), informative("the", "strategist", None)
    (False, True)
    """
    from newsfix.evidence import ABSENT, CORPUS_TOKENS, bigram, unigram

    def side(a: str, b: str) -> bool:
        return bool(bigram(a, b)) or unigram(a) * unigram(b) / CORPUS_TOKENS >= ABSENT

    return (left is not None and side(left, word)) or (right is not None and side(word, right))
