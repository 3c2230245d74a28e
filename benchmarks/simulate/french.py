"""English → French → English round trip (issue 10, seed 004).

Machine translation through French drops the apostrophes of possessives and
contractions (``Mr. Trumps``, ``Natos``, ``Its not my war``) and the
quotation marks around direct speech, and sometimes writes place names in
lower case (``kyiv``). Damage is rarely total: each document draws its own
rates (60–95% of apostrophes, 60–95% of quotations, place names in half the
documents), so the profile a detector must read is partial.

Kinds: ``possessive``, ``contraction``, ``quote_open``, ``quote_close`` (the
two marks of one quotation share ``pair``), ``lower_name``.
"""

from __future__ import annotations

import re
from typing import Any

from benchmarks.simulate import case
from benchmarks.simulate.core import Proposal, Rng, TextInfo

FAMILY = "french"

_PRONOUNS = """i you we they he she it who that there what here where how let everyone
everybody nobody somebody someone this"""
PRONOUNS = frozenset(_PRONOUNS.split())
APOS_RE = re.compile(r"(?<![\w’'])([^\W\d_]+)([’'])([^\W\d_]+)?")


def apostrophes(ref: str, info: TextInfo) -> list[tuple[int, int, str, str]]:
    """(start, end, damaged word, kind) for every possessive and contraction apostrophe.

    >>> t = "It’s Mr. Trump’s war, the workers’ union said; O’Brien didn’t."
    >>> [(w, k) for _, _, w, k in apostrophes(t, TextInfo(t))]
    [('Its', 'contraction'), ('Trumps', 'possessive'), ('workers', 'possessive'), \
('didnt', 'contraction')]
    """
    marks = info.quote_marks()
    out = []
    for m in APOS_RE.finditer(ref):
        word, suffix = m.group(1), m.group(3)
        if m.start(2) in marks:
            continue
        wl = word.lower()
        if suffix is None:
            nxt = ref[m.end():m.end() + 1]
            if wl.endswith("s") and len(wl) > 2 and (not nxt or nxt in " ,.;:!?)—–\n"):
                out.append((m.start(), m.end(), word, "possessive"))
            continue
        sl = suffix.lower()
        if sl == "s":
            kind = "contraction" if wl in PRONOUNS else "possessive"
        elif (sl == "t" and wl.endswith("n")) or (sl in ("re", "ve", "ll", "d", "m")
                                                  and wl in PRONOUNS):
            kind = "contraction"
        else:
            continue
        out.append((m.start(), m.end(), word + suffix, kind))
    return out


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    apostrophe_rate = params.get("apostrophe_rate", rng.uniform(0.6, 0.95))
    quote_rate = params.get("quote_rate", rng.uniform(0.6, 0.95))
    lower_rate = params.get("lower_rate", 0.0 if rng.chance(0.5) else rng.uniform(0.3, 0.8))
    props = [Proposal(s, e, w, FAMILY, kind) for s, e, w, kind in apostrophes(ref, info)
             if rng.chance(apostrophe_rate)]
    for k, q in enumerate(info.quotations):
        if rng.chance(quote_rate):
            props.append(Proposal(q.open, q.open + 1, "", FAMILY, "quote_open", {"pair": k}))
            props.append(Proposal(q.close, q.close + 1, "", FAMILY, "quote_close", {"pair": k}))
    if lower_rate:
        props += case.lower_names(ref, info, rng, lower_rate, FAMILY)
    profile = {"apostrophe_rate": round(apostrophe_rate, 3), "quote_rate": round(quote_rate, 3),
               "lower_rate": round(lower_rate, 3)}
    return props, profile
