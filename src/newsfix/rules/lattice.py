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

from newsfix.evidence import logp as _logp
from newsfix.evidence import tokens
from newsfix.text import TextAnalysis, Word

__all__ = ["Edge", "Segment", "posteriors", "segments"]


@dataclass(frozen=True, slots=True)
class Edge:
    """A reading of slots ``[i, j)`` of a segment: its model tokens, its text and its prior.

    ``prior`` is log10 P(written | reading) P(reading): for the written words
    the probability they were left alone, for a candidate the probability the
    damage produced the written words from it. ``source`` names where the
    candidate came from (for messages and evidence tiers).
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


def identity_edges(segment: Segment, priors: Sequence[float] | None = None) -> list[Edge]:
    """One edge per slot for the word as written (prior 0, or ``priors[k]``)."""
    out = []
    for k, w in enumerate(segment.slots):
        toks = tuple(tokens(w.text)) or (w.lower,)
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
    starts: dict[int, list[Edge]] = defaultdict(list)
    ends: dict[int, list[Edge]] = defaultdict(list)
    for e in edges:
        starts[e.i].append(e)
        ends[e.j].append(e)
    own = {e: e.prior + _internal(e.tokens) for e in edges}
    fwd: dict[Edge, float] = {}
    for k in range(n):
        for e in starts[k]:
            if k == 0:
                fwd[e] = own[e] + logp(e.tokens[0], None)
            else:
                fwd[e] = own[e] + _lse(fwd[p] + logp(e.tokens[0], p.tokens[-1])
                                       for p in ends[k] if p in fwd)
    bwd: dict[Edge, float] = {}
    for k in range(n, 0, -1):
        for e in ends[k]:
            if k == n:
                bwd[e] = 0.0
            else:
                bwd[e] = _lse(logp(s.tokens[0], e.tokens[-1]) + own[s] + bwd[s]
                              for s in starts[k] if s in bwd)
    total = _lse(fwd[e] for e in ends[n] if e in fwd)
    return {e: 10.0 ** (fwd[e] + bwd[e] - total) for e in edges
            if e in fwd and e in bwd and total > -math.inf}
