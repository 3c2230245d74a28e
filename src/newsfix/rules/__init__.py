"""The ordered rule registry: order, toggles and docs all derive from it.

Rules run stage by stage (:data:`~newsfix.rules.base.STAGES`); within a stage,
in the order of :data:`MODULES` and of each module's ``RULES`` tuple.

>>> [r.id for r in registry()][:3]
['REMOVE_BOM', 'FIX_MOJIBAKE', 'NORMALIZE_NEWLINES']
>>> get_rule("SPACE_RUN").category
'spacing'
"""

from __future__ import annotations

from functools import cache

from newsfix.rules import characters, english, layout, spin, unicode, whitespace, wordchoice
from newsfix.rules.base import BUILTIN_NOTES, CATEGORIES, STAGES, Example, Rule
from newsfix.rules.english import garble

__all__ = ["CATEGORIES", "MODULES", "STAGES", "Example", "Rule", "check", "get_rule", "registry"]

MODULES = (unicode, layout, characters, whitespace, english, spin, wordchoice, garble)


@cache
def registry() -> tuple[Rule, ...]:
    """Every rule, instantiated once, in the order the pipeline runs them."""
    rules = [cls() for module in MODULES for cls in module.RULES]
    rules.sort(key=lambda r: STAGES.index(r.stage))  # stable: module order within a stage
    check(rules)
    return tuple(rules)


def check(rules: list[Rule]) -> None:
    """Raise ``RuntimeError`` unless the rules make a sound registry, in this order.

    Ids are unique, categories and stages known, every rule declares at least
    one evidence tier, and every note a rule ``requires`` is ``provided`` by a
    rule that runs before it (or by a built-in stage).
    """
    seen: set[str] = set()
    provided: set[str] = set(BUILTIN_NOTES)
    for r in rules:
        if r.id in seen:
            raise RuntimeError(f"duplicate rule id {r.id}")
        if r.category not in CATEGORIES:
            raise RuntimeError(f"{r.id}: unknown category {r.category!r}")
        if r.stage not in STAGES:
            raise RuntimeError(f"{r.id}: unknown stage {r.stage!r}")
        if not r.tiers:
            raise RuntimeError(f"{r.id}: declares no evidence tier")
        missing = r.requires - provided
        if missing:
            raise RuntimeError(f"{r.id} requires {', '.join(sorted(missing))}, which no "
                               "earlier rule provides")
        provided |= r.provides
        seen.add(r.id)


def get_rule(rule_id: str) -> Rule:
    """The registered rule with this id; ``KeyError`` names the known ids if absent."""
    for r in registry():
        if r.id == rule_id:
            return r
    raise KeyError(f"no rule {rule_id!r}; known: {', '.join(r.id for r in registry())}")


registry()  # checked at import: a registry in the wrong order fails here, not mid-run
