"""Foreign exonyms (issue 10): English place and organisation names in a source language's form.

``talks in Genf``, ``the embassy in Varsovie``, ``Moskau``, ``Lisbonne``,
``Den Haag``, ``Kopenhagen``, ``OTAN``. One language per document; a machine
translation is consistent, so each name gets one form per document; 60–100%
of the occurrences. Names inside longer names (``Inter Milan``, ``Manchester
United``) are left alone; upper-case datelines get the upper-case form.

Table: ``tables/exonyms.tsv``, written by hand. Kinds: ``city``,
``region``, ``river``, ``country``, ``organisation``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from benchmarks.simulate import case
from benchmarks.simulate.core import Proposal, Rng, TextInfo, read_table

FAMILY = "exonym"
LANGUAGES = ("de", "fr", "es", "it", "nl", "pl", "pt", "sv", "da", "nb")


@cache
def table() -> dict[str, dict[str, tuple[str, ...]]]:
    """English name → language → exonym forms."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in read_table("exonyms.tsv"):
        row = row + [""] * (len(LANGUAGES) + 2 - len(row))
        forms = {lang: tuple(f for f in cell.split("|") if f and f != row[0])
                 for lang, cell in zip(LANGUAGES, row[2:])}
        out[row[0]] = {lang: f for lang, f in forms.items() if f}
    return out


@cache
def kinds() -> dict[str, str]:
    """English name → ``city``, ``region``, ``river``, ``country`` or ``organisation``."""
    return {row[0]: row[1] for row in read_table("exonyms.tsv")}


def occurrences(ref: str, info: TextInfo, lang: str) -> list[tuple[int, int, str]]:
    out = []
    for name, forms in table().items():
        if lang not in forms:
            continue
        variants = {name, name.upper()}
        if name.startswith("The "):
            variants.add("the " + name[4:])
        pattern = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
        for m in re.finditer(r"(?<![\w’'-])(?:" + pattern + r")(?![\w-])", ref):
            s, e = m.span()
            if info.is_byline(s):
                continue
            in_name = (case._next_word_capitalised(ref, e)
                       or case._prev_word_capitalised(ref, s, info))
            if in_name and (not m.group().isupper() or name.isupper()):
                continue
            out.append((s, e, name))
    return sorted(out)


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    if lang not in LANGUAGES:
        raise ValueError(f"exonym: language must be one of {', '.join(LANGUAGES)}")
    occ = occurrences(ref, info, lang)
    rate = params.get("rate", rng.uniform(0.6, 1.0))
    chosen_form = {name: rng.choice(table()[name][lang]) for name in sorted({n for *_, n in occ})}
    props = []
    for s, e, name in occ:
        if not rng.chance(rate):
            continue
        form = chosen_form[name]
        found = ref[s:e]
        if found.isupper() and not name.isupper():
            form = form.upper()
        kind = kinds()[name]
        props.append(Proposal(s, e, form, FAMILY, kind, {"lang": lang}))
    return props, {"rate": round(rate, 3), "occurrences": len(occ)}
