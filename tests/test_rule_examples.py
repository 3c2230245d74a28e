"""Every rule carries examples, and every example holds (LanguageTool's discipline)."""

from __future__ import annotations

import pytest

from newsfix import fix_and_trace
from newsfix.rules import CATEGORIES, STAGES, registry
from newsfix.rules.base import Rule

from .conftest import contract_violations

CASES = [(r, k, e) for r in registry() for k, e in enumerate(r.examples)]


@pytest.mark.parametrize("rule", registry(), ids=lambda r: r.id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert rule.id.isupper() and " " not in rule.id
    assert rule.category in CATEGORIES
    assert rule.stage in STAGES
    assert rule.__doc__, f"{rule.id} needs a docstring"
    kinds = {e.kind for e in rule.examples}
    assert kinds & {"fix", "suggest"}, f"{rule.id} has no damaged example"
    assert "clean" in kinds, f"{rule.id} has no clean example that must not change"


@pytest.mark.parametrize(("rule", "k", "example"), CASES,
                         ids=[f"{r.id}-{k}" for r, k, _ in CASES])
def test_rule_example(rule: Rule, k: int, example) -> None:
    result = fix_and_trace(example.text, enable_only={rule.id}, language=example.language,
                           translate=False)
    assert not contract_violations(result)
    mine = [s for s in result.suggestions if s.rule == rule.id]
    if example.kind == "fix":
        assert result.text == example.expected
        assert result.edits and all(
            rule.id in {e.rule, *(s.rule for s in e.steps)} for e in result.edits)
    elif example.kind == "clean":
        assert result.text == example.text
        assert result.edits == () and mine == [], (result.edits, mine)
    else:  # suggest
        assert result.text == example.text and result.edits == ()
        assert mine, f"{rule.id} should suggest a change"
        applied = example.text
        for s in sorted(mine, key=lambda s: -s.source.start):
            applied = applied[:s.source.start] + s.after + applied[s.source.end:]
        assert applied == example.expected
