"""Docs that derive from code stay in step with it."""

from __future__ import annotations

from newsfix.catalog import markdown
from newsfix.rules import registry

from .conftest import ROOT


def test_rules_catalog_is_generated_from_the_registry() -> None:
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert doc == markdown(), "docs/rules.md is stale: run `make docs`"


def test_every_rule_is_in_the_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    missing = [r.id for r in registry() if r.id not in changelog]
    assert not missing, f"rules not mentioned in CHANGELOG.md: {missing}"
