"""Untranslated residue (issue 10, seed 001's ``Biała``): words left in the source language.

Machine translation leaves some words and short phrases of the source
language in the English text, in the inflected form the source sentence had
(``the Haushalt``, ``during the Wahlkampfes``, ``the rządu said``,
``the gouvernement``), and names of organisations too (``Bank Światowy``,
``Europäische Zentralbank``). One language per document (de, pl, fr, es, it,
nl, nb, sv, da, pt), 30–60% of the matching English words, at most 12.

Tables: ``tables/untranslated/<lang>.tsv``, written by hand (see
``tables/SOURCES.md``). Kinds: ``word``, ``phrase``, ``entity``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from benchmarks.simulate.core import TABLES, Proposal, Rng, TextInfo, read_table

FAMILY = "untranslated"
LANGUAGES = ("de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt")


@cache
def table(lang: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(English alternatives, foreign forms) rows, longest English first."""
    rows = []
    for e, f in read_table(f"untranslated/{lang}.tsv"):
        alts = tuple(e.split("|"))
        forms = tuple(x for x in f.split("|") if x.lower() not in {a.lower() for a in alts})
        if forms:
            rows.append((alts, forms))
    return tuple(sorted(rows, key=lambda r: -max(len(x) for x in r[0])))


def candidates(ref: str, info: TextInfo, lang: str) -> list[tuple[int, int, tuple[str, ...], bool]]:
    taken: list[tuple[int, int]] = []
    out = []
    for alts, forms in table(lang):
        entity = alts[0][:1].isupper()
        pattern = "|".join(re.escape(a).replace(r"\ ", " ") for a in alts)
        flags = 0 if entity else re.IGNORECASE
        for m in re.finditer(r"(?<![\w’'-])(?:" + pattern + r")(?![\w’'-])", ref, flags):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken) or info.is_byline(s):
                continue
            found = m.group()
            if not entity and found != found.lower():
                sentence_capital = found[0].isupper() and found[1:] == found[1:].lower()
                if not sentence_capital or not info.sentence_start(s) or info.is_heading(s):
                    continue
            taken.append((s, e))
            out.append((s, e, forms, entity))
    return sorted(out)


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    if lang not in LANGUAGES:
        raise ValueError(f"untranslated: language must be one of {', '.join(LANGUAGES)}")
    cands = candidates(ref, info, lang)
    rate = params.get("rate", rng.uniform(0.3, 0.6))
    k = min(params.get("cap", 12), max(1, round(rate * len(cands)))) if cands else 0
    props = []
    for s, e, forms, entity in rng.sample(cands, k):
        form = rng.choice(forms)
        found = ref[s:e]
        if not entity and found[0].isupper():
            form = form[0].upper() + form[1:]
        kind = "entity" if entity else ("phrase" if " " in found else "word")
        props.append(Proposal(s, e, form, FAMILY, kind, {"lang": lang}))
    return props, {"rate": round(rate, 3), "matches": len(cands)}


__all__ = ["FAMILY", "LANGUAGES", "TABLES", "propose", "table"]
