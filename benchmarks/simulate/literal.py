"""Literal translation (issue 11): MT word choice by false friends of the source word.

A machine translation renders a source word by its look-alike: German *Ruf*
(call) as ``reputation``, *Führer* (leaders) as ``guides``, *aktuell*
(current) as ``actual``, *eventuell* (possibly) as ``eventually``, *Chef*
(head) as ``chef``; French *assister à* (attend) as ``assist``, Norwegian
*kommune* (council) as ``commune``… One source language per document, 60–100%
of the matches. Table: ``tables/false_friends.tsv`` (hand-written; each spot
records the source-language word as ``source``). Kind: ``false_friend``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from benchmarks.simulate.core import Proposal, Rng, TextInfo, case_like, read_table

FAMILY = "literal"
LANGUAGES = ("de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt")
BRACKET_RE = re.compile(r"^(.*)\[(.+)\](.*)$")


@cache
def table(lang: str) -> tuple[tuple[str, str, str, str, str], ...]:
    """(prefix, target, suffix, literal, source) rows of ``lang``, longest context first."""
    rows = []
    for row in read_table("false_friends.tsv"):
        if row[0] != lang:
            continue
        m = BRACKET_RE.match(row[1])
        if not m:
            raise ValueError(f"false_friends.tsv: no [brackets] in {row[1]!r}")
        rows.append((m.group(1), m.group(2), m.group(3), row[2], row[3]))
    return tuple(sorted(rows, key=lambda r: -len(r[0] + r[1] + r[2])))


def candidates(ref: str, info: TextInfo, lang: str) -> list[tuple[int, int, str, str]]:
    taken: list[tuple[int, int]] = []
    out = []
    for prefix, target, suffix, literal, source in table(lang):
        pattern = re.escape(prefix) + "(" + re.escape(target) + ")" + re.escape(suffix)
        for m in re.finditer(r"(?<![\w’'-])" + pattern + r"(?![\w-]|[’'][^\W\d_])", ref,
                             re.IGNORECASE):
            s, e = m.span(1)
            whole = m.group()
            if any(s < b and a < e for a, b in taken) or info.is_byline(s):
                continue
            if whole != whole.lower():
                capital = whole[0].isupper() and whole[1:] == whole[1:].lower()
                if not capital or not info.sentence_start(m.start()) or info.is_heading(s):
                    continue
            taken.append((s, e))
            out.append((s, e, case_like(literal, ref[s:e]), source))
    return sorted(out)


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    if lang not in LANGUAGES:
        raise ValueError(f"literal: language must be one of {', '.join(LANGUAGES)}")
    cands = candidates(ref, info, lang)
    rate = params.get("rate", rng.uniform(0.6, 1.0))
    props = [Proposal(s, e, lit, FAMILY, "false_friend", {"lang": lang, "source": src})
             for s, e, lit, src in cands if rng.chance(rate)]
    return props, {"rate": round(rate, 3), "matches": len(cands)}
