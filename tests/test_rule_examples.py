"""Every rule carries examples, and every example holds (LanguageTool's discipline).

A ``fix`` or ``suggest`` example marks the span that must change (``⟦…⟧``);
the test checks the source spans of the rule's edits (or suggestions) against
the marks, not only the final text. A ``known_failure`` example runs as a
strict xfail: the day the rule handles it, the suite says so.
"""

from __future__ import annotations

import pytest

from newsfix import fix_and_trace
from newsfix.aligned import Span
from newsfix.rules import CATEGORIES, STAGES, registry
from newsfix.rules.base import Example, Rule

from .conftest import contract_violations

CASES = [pytest.param(r, k, e, id=f"{r.id}-{k}",
                      marks=[pytest.mark.xfail(strict=True, reason=e.known_failure)]
                      if e.known_failure else [])
         for r in registry() for k, e in enumerate(r.examples)]


@pytest.mark.parametrize("rule", registry(), ids=lambda r: r.id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert rule.id.isupper() and " " not in rule.id
    assert rule.category in CATEGORIES
    assert rule.stage in STAGES
    assert rule.__doc__, f"{rule.id} needs a docstring"
    assert rule.tiers, f"{rule.id} declares no evidence tier"
    kinds = {e.kind for e in rule.examples}
    assert kinds & {"fix", "suggest", "review"}, f"{rule.id} has no damaged example"
    assert "clean" in kinds, f"{rule.id} has no clean example that must not change"
    for e in rule.examples:
        if e.kind == "clean":
            assert not e.marks, f"{rule.id}: a clean example marks nothing"
        else:
            assert e.marks, f"{rule.id}: mark the span that changes with ⟦…⟧: {e.text!r}"


def _merged(spans: list[Span]) -> list[Span]:
    """Touching spans as one (adjacent removals of one rule are one marked stretch)."""
    out: list[Span] = []
    for s in sorted(spans):
        if out and s.start == out[-1].end and s.start != s.end and out[-1].start != out[-1].end:
            out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


@pytest.mark.parametrize(("rule", "k", "example"), CASES)
def test_rule_example(rule: Rule, k: int, example: Example) -> None:
    text = example.input
    result = fix_and_trace(text, enable_only={rule.id}, language=example.language,
                           translate=False)
    assert not contract_violations(result)
    mine = [s for s in result.suggestions if s.rule == rule.id]
    if example.kind == "fix":
        assert result.text == example.expected
        assert result.edits and all(
            rule.id in {e.rule, *(s.rule for s in e.steps)} for e in result.edits)
        assert _merged([e.source for e in result.edits]) == _merged(list(example.marks)), \
            f"edited {[text[e.source.slice] for e in result.edits]}"
    elif example.kind == "clean":
        assert result.text == text
        assert result.edits == () and mine == [], (result.edits, mine)
    elif example.kind == "review":
        assert result.text == text and result.edits == ()
        flagged = [Span(*w["source"]) for w in result.warnings if w.get("code") == "review"]
        assert flagged == list(example.marks), f"flagged {[text[s.slice] for s in flagged]}"
    else:  # suggest
        assert result.text == text and result.edits == ()
        assert mine, f"{rule.id} should suggest a change"
        applied = text
        for s in sorted(mine, key=lambda s: -s.source.start):
            applied = applied[:s.source.start] + s.after + applied[s.source.end:]
        assert applied == example.expected
        assert _merged([s.source for s in mine]) == _merged(list(example.marks)), \
            f"suggested at {[text[s.source.slice] for s in mine]}"
