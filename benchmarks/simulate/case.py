"""Case damage (issue 10): capitals mid-sentence and place names in lower case.

Hyperlink residue and careless copying leave a sentence like ``the court Will
rule On Monday`` (kind ``capitalised``) and place names such as ``gdansk`` or
``the rhine`` (kind ``lower_name``, names from ``tables/places.txt``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from benchmarks.simulate.core import TABLES, Proposal, Rng, TextInfo

FAMILY = "case"


@cache
def places() -> tuple[str, ...]:
    lines = (TABLES / "places.txt").read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _next_word_capitalised(text: str, end: int) -> bool:
    m = re.match(r" ([^\W\d_])", text[end:end + 2])
    return bool(m and m.group(1).isupper())


def _prev_word_capitalised(text: str, start: int, info: TextInfo) -> bool:
    m = re.search(r"([^\W\d_]+)[ -]$", text[max(0, start - 40):start])
    if not m or not m.group(1)[0].isupper():
        return False
    return not info.sentence_start(start - len(m.group(0)))


def name_occurrences(ref: str, info: TextInfo, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Title-case occurrences of ``names`` that are not part of a longer name."""
    out = []
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    for m in re.finditer(r"(?<![\w’'-])(?:" + pattern + r")(?![\w-])", ref):
        s, e = m.span()
        if ref[s:e].isupper() or info.is_byline(s):
            continue
        if _next_word_capitalised(ref, e) or _prev_word_capitalised(ref, s, info):
            continue
        out.append((s, e))
    return out


def lower_names(ref: str, info: TextInfo, rng: Rng, rate: float, family: str) -> list[Proposal]:
    """Each place name, with probability ``rate``, written in lower case."""
    return [Proposal(s, e, ref[s:e].lower(), family, "lower_name")
            for s, e in name_occurrences(ref, info, places()) if rng.chance(rate)]


def capitalised_candidates(ref: str, info: TextInfo) -> list[tuple[int, int]]:
    out = []
    for s, e, w in info.words:
        if not w.isalpha() or not w.islower() or len(w) < 2:
            continue
        if ref[s - 1:s] in "-‘“\"" or ref[e:e + 1] in "-’'" or info.is_heading(s):
            continue
        if info.sentence_start(s):
            continue
        out.append((s, e))
    return out


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    n_caps = params.get("capitalised", 4 + rng.index(7))
    lower_rate = params.get("lower_rate", rng.uniform(0.3, 0.8))
    caps = rng.sample(capitalised_candidates(ref, info), n_caps)
    props = [Proposal(s, e, ref[s].upper() + ref[s + 1:e], FAMILY, "capitalised") for s, e in caps]
    props += lower_names(ref, info, rng, lower_rate, FAMILY)
    return props, {"capitalised": n_caps, "lower_rate": round(lower_rate, 3)}
