"""Damage simulators for newsfix's development sets (issues 10 and 11).

Each simulator reads a clean English news article (the *reference*) and
writes damaged text as a known process would, with an annotation of every
damage spot::

    >>> from benchmarks.simulate import simulate
    >>> ref = "The minister’s plan, she said, “won’t work” in Geneva."
    >>> doc = simulate(ref, ["french"], seed=1, params={"french": {
    ...     "apostrophe_rate": 1.0, "quote_rate": 1.0, "lower_rate": 1.0}})
    >>> doc.text
    'The ministers plan, she said, wont work in geneva.'
    >>> [(s.kind, s.text, s.original) for s in doc.spots]      # doctest: +NORMALIZE_WHITESPACE
    [('possessive', 'ministers', 'minister’s'), ('quote_open', '', '“'),
     ('contraction', 'wont', 'won’t'), ('quote_close', '', '”'),
     ('lower_name', 'geneva', 'Geneva')]
    >>> doc.restore() == ref
    True

Families (one module each): ``french`` (round trip through French),
``untranslated`` (source-language residue), ``glue``, ``case``, ``exonym``,
``spin`` (synonym spinner) and ``literal`` (false friends of MT). Several
families can damage one document (:data:`RECIPES`). Everything is
deterministic for a given seed. See ``benchmarks/simulate/README.md``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from benchmarks.simulate import case, exonym, french, glue, literal, spin, untranslated
from benchmarks.simulate.core import Damaged, Rng, Spot, TextInfo, build, merge, seed_for

__all__ = ["FAMILIES", "LANGUAGES", "LANGUAGE_FAMILIES", "RECIPES", "Damaged", "Spot",
           "simulate"]

FAMILIES: dict[str, ModuleType] = {
    "french": french, "untranslated": untranslated, "glue": glue, "case": case,
    "exonym": exonym, "spin": spin, "literal": literal,
}
#: Families that need a source language.
LANGUAGE_FAMILIES = frozenset({"untranslated", "exonym", "literal"})
LANGUAGES = ("de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt")

#: Mixed documents: several families at once, as real pages have them. ``None``
#: as a language means "the document's language, chosen per article".
RECIPES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "mt_fr": (("french", "exonym", "untranslated", "literal"), "fr"),
    "mt_de": (("untranslated", "exonym", "literal", "glue", "case"), "de"),
    "mt_pl": (("untranslated", "exonym", "literal", "glue", "case"), "pl"),
    "mt_other": (("untranslated", "exonym", "literal", "glue"), None),
    "spun": (("spin", "glue"), None),
}


def simulate(reference: str, families: list[str] | tuple[str, ...], seed: int,
             lang: str | None = None, params: dict[str, dict[str, Any]] | None = None) -> Damaged:
    """Damage ``reference`` by ``families`` (in that order of precedence) with ``seed``.

    ``lang`` is the source language of the language families (untranslated,
    exonym, literal); ``params`` fixes a family's profile instead of drawing it
    (``{"french": {"quote_rate": 1.0}}``). Where two families would damage the
    same text, the earlier one wins.
    """
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown family {unknown[0]!r}; known: {', '.join(FAMILIES)}")
    if lang is None and "french" in families:
        lang = "fr"
    if lang is None and LANGUAGE_FAMILIES & set(families):
        raise ValueError("the families " + ", ".join(sorted(LANGUAGE_FAMILIES & set(families)))
                         + " need a source language (lang=...)")
    info = TextInfo(reference)
    groups = []
    profile: dict[str, Any] = {}
    for k, fam in enumerate(families):
        rng = Rng(seed_for(seed, fam, k))
        fixed = (params or {}).get(fam, {})
        props, prof = FAMILIES[fam].propose(reference, info, rng, lang, **fixed)
        groups.append(merge(props))
        profile[fam] = prof
    return build(reference, merge(*groups), families=list(families), seed=seed, language=lang,
                 profile=profile, info=info)


__all__ += ["Rng", "TextInfo", "seed_for"]
