"""Glued sentences and clauses (issue 10, seed 001's ``invasionAt``).

Kinds: ``sentence`` (full stop and space lost: ``pensionsThe reform``),
``space`` (only the space lost: ``pensions.The reform``, like
``Kyiv.Valentyn``) and ``clause`` (the space before a conjunction or
preposition lost and its first letter capitalised: ``strikeBut the union``).
"""

from __future__ import annotations

import re
from typing import Any

from benchmarks.simulate.core import ABBREVIATIONS, Proposal, Rng, TextInfo

FAMILY = "glue"

SENTENCE_RE = re.compile(r"(?<![\w.’'-])([^\W\d_]{2,})([.!?]) ([A-Z][^\W\d_]*)")
CLAUSE_RE = re.compile(
    r"(?<![\w’'.-])([^\W\d_]{3,}) (but|and|at|in|while|as|after|when|because|so|or|with|for|"
    r"on|to|from|before)(?= [^\W\d_])")


def sentence_boundaries(ref: str, info: TextInfo) -> list[re.Match[str]]:
    out = []
    for m in SENTENCE_RE.finditer(ref):
        w = m.group(1)
        if w.lower() in ABBREVIATIONS or not any(c.islower() for c in w):
            continue
        if info.is_heading(m.start()):
            continue
        out.append(m)
    return out


def clause_joints(ref: str, info: TextInfo) -> list[re.Match[str]]:
    return [m for m in CLAUSE_RE.finditer(ref)
            if m.group(1).islower() and not info.is_heading(m.start())]


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    bounds = sentence_boundaries(ref, info)
    sentence_rate = params.get("sentence_rate", rng.uniform(0.1, 0.25))
    n_sent = min(10, max(1, round(sentence_rate * len(bounds)))) if bounds else 0
    n_space = params.get("space", 1 + rng.index(3))
    n_clause = params.get("clause", 2 + rng.index(4))
    chosen = rng.sample(bounds, n_sent + n_space)
    space_idx = set(rng.sample(range(len(chosen)), n_space))
    props = []
    for i, m in enumerate(chosen):
        s, e = m.start(1), m.end(3)
        if i in space_idx:
            props.append(Proposal(s, e, m.group(1) + m.group(2) + m.group(3), FAMILY, "space"))
        else:
            props.append(Proposal(s, e, m.group(1) + m.group(3), FAMILY, "sentence"))
    for m in rng.sample(clause_joints(ref, info), n_clause):
        props.append(Proposal(m.start(1), m.end(2), m.group(1) + m.group(2).capitalize(),
                              FAMILY, "clause"))
    profile = {"sentence_rate": round(sentence_rate, 3), "space": n_space, "clause": n_clause}
    return props, profile
