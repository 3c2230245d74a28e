"""Rule API v2: scopes in document coordinates, findings, notes, tiers, failures, config."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import pytest
import regex

from newsfix import FixConfig, fix_and_trace
from newsfix.aligned import AlignedText
from newsfix.document import Document
from newsfix.lexicon import LexiconError, UserLexicon, load, parse_tsv
from newsfix.pipeline import Pipeline
from newsfix.rules import check, registry
from newsfix.rules.base import Example, Finding, Rule, Scope, run_rule

from .conftest import contract_violations

EN = {"translate": False, "language": "en"}


class _Caps(Rule):
    """Test rule: lower-case words in capitals, one sentence at a time."""

    id = "TEST_CAPS"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "sentence"
    tiers = {"caps": 0.95}
    examples = (Example("The ⟦TALKS⟧ ended.", "The talks ended."), Example("Fine.", kind="clean"))

    def find(self, scope: Scope) -> Iterable[Finding]:
        for w in scope.words():
            if w.text.isupper() and len(w.text) > 3:
                yield scope.change(w.start, w.end, w.lower, tier="caps")


def test_scopes_are_in_document_coordinates() -> None:
    text = "Intro line.\n\nThe TALKS ended. Then VOTES came."
    doc = Document(AlignedText(text), language="en")
    found = run_rule(_Caps(), doc)
    assert [text[c.start:c.end] for c in found] == ["TALKS", "VOTES"]  # type: ignore[union-attr]
    r = Pipeline.default([_Caps()]).run(text, FixConfig(**EN))
    assert r.text == "Intro line.\n\nThe talks ended. Then votes came."
    assert not contract_violations(r)


def test_scopes_are_only_those_in_the_rules_languages() -> None:
    text = "The TALKS ended.\n\nDer STREIK endete heute nach langen Verhandlungen im Land."
    r = Pipeline.default([_Caps()]).run(text, FixConfig(translate=False))
    assert "talks" in r.text and "STREIK" in r.text


class _Skipper(Rule):
    """Test rule: marks every word, but skips quotations."""

    id = "TEST_SKIP"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    quotations = "skip"
    tiers = {"x": 1.0}

    def find(self, scope: Scope) -> Iterable[Finding]:
        for m in scope.finditer(regex.compile(r"\bbad\b")):
            yield scope.change(m.start(), m.end(), "good", tier="x")


def test_a_rule_that_skips_quotations_never_sees_them() -> None:
    r = Pipeline.default([_Skipper()]).run('A bad day, he said: “a bad one”.', FixConfig(**EN))
    assert r.text == 'A good day, he said: “a bad one”.' and not r.suggestions


class _Provider(Rule):
    """Test rule: notes each capitalised word, changes nothing."""

    id = "TEST_PROVIDER"
    category = "name"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"x": 1.0}
    provides = frozenset({"test.names"})

    def find(self, scope: Scope) -> Iterable[Finding]:
        for w in scope.words():
            if w.text[:1].isupper():
                yield scope.note("test.names", w.text)


class _Reader(Rule):
    """Test rule: upper-cases a word the provider noted."""

    id = "TEST_READER"
    category = "name"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"x": 1.0}
    requires = frozenset({"test.names"})

    def find(self, scope: Scope) -> Iterable[Finding]:
        names = {n.lower() for n in scope.notes("test.names")}
        for w in scope.words():
            if w.text.islower() and w.text in names:
                yield scope.change(w.start, w.end, w.text.capitalize(), tier="x")


def test_notes_pass_knowledge_to_later_rules() -> None:
    r = Pipeline.default([_Provider(), _Reader()]).run("Kyiv is far; kyiv is cold.",
                                                       FixConfig(**EN))
    assert r.text == "Kyiv is far; Kyiv is cold."


def test_the_registry_checks_that_requirements_come_first() -> None:
    check([_Provider(), _Reader()])
    with pytest.raises(RuntimeError, match=r"requires test\.names"):
        check([_Reader(), _Provider()])


def test_undeclared_notes_are_refused() -> None:
    class Sneaky(_Provider):
        """Test rule: notes a key it does not declare."""

        id = "TEST_SNEAKY"
        provides = frozenset()

    r = Pipeline.default([Sneaky()]).run("Kyiv.", FixConfig(**EN))
    assert [w["rule"] for w in r.warnings if w["code"] == "rule-failed"] == ["TEST_SNEAKY"]


class _Broken(Rule):
    """Test rule: raises on every document."""

    id = "TEST_BROKEN"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    tiers = {"x": 1.0}

    def find(self, scope: Scope) -> Iterable[Finding]:
        raise ZeroDivisionError("boom")


class _Overlapping(Rule):
    """Test rule: proposes two overlapping changes (a rule bug)."""

    id = "TEST_OVERLAP"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"x": 1.0}

    def find(self, scope: Scope) -> Iterable[Finding]:
        yield scope.change(0, 4, "AAAA", tier="x")
        yield scope.change(2, 6, "BBBB", tier="x")


@pytest.mark.parametrize("bad", [_Broken(), _Overlapping()], ids=lambda r: r.id)
def test_a_failing_rule_is_a_warning_and_the_document_goes_on(bad: Rule) -> None:
    pipe = Pipeline.default([bad, *registry()])
    r = pipe.run("The  talks ended.", FixConfig(**EN))
    assert r.text == "The talks ended."  # the other rules still ran
    (warning,) = [w for w in r.warnings if w["code"] == "rule-failed"]
    assert warning["rule"] == bad.id and bad.id in warning["message"]
    with pytest.raises(Exception, match=r"boom|conflicting"):
        pipe.run("The  talks ended.", FixConfig(**EN, strict=True))


def test_metadata_is_recorded_only_for_applied_changes() -> None:
    text = " date 2025-04-25 \n\nTrump appealed to Putin on Thursday."
    assert fix_and_trace(text, **EN).metadata == {"date": "2025-04-25"}
    assert fix_and_trace(text, **EN, keep_boilerplate=True).metadata == {}


def test_a_change_takes_its_confidence_from_its_tier() -> None:
    r = fix_and_trace("He said -and I quote- that it was over.", **EN,
                      enable_only={"HYPHEN_SPACE"})
    (s,) = r.suggestions
    assert s.confidence == get_confidence("HYPHEN_SPACE", "dash_pair")
    with pytest.raises(ValueError, match="unknown evidence tier"):
        registry()[0].confidence("no-such-tier")


def get_confidence(rule_id: str, tier: str) -> float:
    return next(r for r in registry() if r.id == rule_id).confidence(tier)


@pytest.mark.parametrize(("options", "message"), [
    ({"disable": frozenset({"HYPHEN_SPAC"})}, "did you mean HYPHEN_SPACE"),
    ({"enable_only": frozenset({"spaceing"})}, "unknown rule or category 'spaceing'"),
    ({"language": "xx-nonsense"}, "unknown language code"),
    ({"target_language": "qq"}, "unknown language code"),
    ({"threshold": 1.5}, "threshold"),
    ({"detector": "lingua"}, "unknown detector"),
    ({"rule_options": {"SPACE_RUN": {"nope": 1}}}, "SPACE_RUN has no option nope"),
    ({"rule_options": {"NO_RULE": {}}}, "unknown rule 'NO_RULE'"),
    ({"lexicons": (UserLexicon(Path("x.tsv"), "NO_RULE"),)}, "unknown rule 'NO_RULE'"),
])
def test_config_is_validated_in_the_library(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FixConfig(**options)


def test_config_normalises_language_codes_and_names() -> None:
    assert FixConfig(language="Norwegian").language == "nb"
    assert FixConfig(language="no").language == "nb"
    assert FixConfig(language="en-GB").language == "en"
    assert FixConfig(language="nn").language == "nn"


def test_lexicons_read_gzip_and_name_their_rows(tmp_path: Path) -> None:
    rows = load("spin_names.tsv.gz")
    assert rows and rows[0].where.startswith("spin_names.tsv.gz:")
    path = tmp_path / "extra.tsv.gz"
    path.write_bytes(gzip.compress(b"# lexicon: boilerplate/en.tsv\npattern\tkind\twhere\n"
                                   b"Weiter lesen\texact\tany\n"))
    rows = load("boilerplate/en.tsv", [path])
    assert rows[-1]["pattern"] == "Weiter lesen" and rows[-1].where == f"{path}:3"


def test_rule_bound_user_lexicons(tmp_path: Path) -> None:
    agencies = tmp_path / "agencies.tsv"
    agencies.write_text("agency\nNewsfix Foto\n", encoding="utf-8")
    text = "Talks began.\nFoto: Ola Nordmann / Newsfix Foto\nThey ended."
    assert fix_and_trace(text, **EN).text == text
    cfg = FixConfig(**EN, lexicons=(f"PHOTO_CREDIT={agencies}",))
    assert cfg.lexicons[0].lexicon == "layout_photo_agencies.tsv"
    assert fix_and_trace(text, cfg).text == "Talks began.\nThey ended."
    with pytest.raises(LexiconError, match=r"reads .*name the file"):
        FixConfig(lexicons=(f"PAGE_RESIDUE={agencies}",))


def test_a_bad_lexicon_names_its_line() -> None:
    with pytest.raises(LexiconError, match=r"x\.tsv:3: 3 cells, header has 2"):
        parse_tsv("a\tb\n1\t2\n1\t2\t3\n", origin="x.tsv")
