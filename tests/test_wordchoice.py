"""MT word choice: the source language from the translation stage or the user, end to end."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from newsfix import fix_and_trace
from tests.support import argos_env

from .conftest import contract_violations


def test_source_language_given_by_the_user() -> None:
    text = "The chef of the party resigned on Monday, and the government said nothing."
    plain = fix_and_trace(text, language="en", translate=False)
    assert not [s for s in plain.suggestions if s.rule == "MT_WORD_CHOICE"]
    given = fix_and_trace(text, language="en", translate=False,
                          rule_options={"MT_WORD_CHOICE": {"source": "de"}})
    assert ("chef", "chief") in {(s.before, s.after) for s in given.suggestions
                                 if s.rule == "MT_WORD_CHOICE"}


def test_rare_lookalike_of_a_source_word_is_repaired() -> None:
    # `milliard` (German Milliarde, French milliard) is a word English hardly writes: the
    # bigram table cannot attest it, and that rarity beside `billion` is the evidence
    text = "The senate approved a 40 milliard dollar budget for roads on Monday."
    plain = fix_and_trace(text, language="en", translate=False)
    assert plain.text == text
    for lang in ("de", "fr"):
        r = fix_and_trace(text, language="en", translate=False,
                          rule_options={"MT_WORD_CHOICE": {"source": lang}})
        assert r.text == text.replace("milliard", "billion"), lang
        assert [e.rule for e in r.edits] == ["MT_WORD_CHOICE"]
        assert not contract_violations(r)


@pytest.mark.parametrize("text", [
    "Officials said the actual cost of the project was never published.",
    # `strategist` is too rare for the bigram table to hold any pair with it: its
    # missing bigrams are no evidence against it (`investment strategy` is no repair)
    "\"Rates are high,\" said Priya Raman, chief investment strategist at a bank.",
])
def test_clean_text_with_a_source_language_gets_no_edit(text: str) -> None:
    for lang in ("de", "fr", "it", "nb", "pl"):
        r = fix_and_trace(text, language="en", translate=False,
                          rule_options={"MT_WORD_CHOICE": {"source": lang}})
        assert r.text == text and not [e for e in r.edits if e.rule == "MT_WORD_CHOICE"]


pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from newsfix.translate import models  # noqa: E402
from tests.support.tiny_argos import TinyPackage  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyPackage:
    return TinyPackage(tmp_path_factory.mktemp("tiny-wordchoice"), "1.0")


@pytest.fixture
def installed(tiny: TinyPackage) -> Iterator[TinyPackage]:
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    models.install_file(tiny.path)
    yield tiny
    for child in argos_env.PACKAGES.iterdir():
        shutil.rmtree(child)


NORWEGIAN = ("Putin sa i en press møte på mandag at krigen kunne ende innen timer, "
             "og Russland har ikke sagt noe om situasjonen.")


@pytest.mark.translate
def test_translated_paragraph_names_the_source_language(installed: TinyPackage) -> None:
    # The tiny nb→en package translates word by word (`møte` → meeting) and copies what
    # it does not know (`press`): a literal `press meeting`. The translation stage
    # records the paragraph's source language, so MT_WORD_CHOICE reads the Norwegian
    # tables and offers the other translation of `møte` that English wants here.
    from newsfix import FixConfig
    from newsfix.pipeline import Pipeline
    from newsfix.rules import registry
    from newsfix.rules.base import Change, Scope
    from newsfix.rules.wordchoice import WordChoice

    found: list[Change] = []

    class Recording(WordChoice):
        def find(self, scope: Scope):  # type: ignore[no-untyped-def]
            for f in super().find(scope):
                if isinstance(f, Change):
                    found.append(f)
                yield f

    rules = [Recording() if r.id == "MT_WORD_CHOICE" else r for r in registry()]
    r = Pipeline.default(rules).run(NORWEGIAN, FixConfig())
    assert r.language["source"] == "nb" and "press meeting" in r.text
    assert [(r.text[f.start:f.end], f.replacement, f.suggest_only) for f in found] == [
        ("meeting", "conference", True)]
    # without the translation stage the same English names no source language
    english = fix_and_trace(r.text, language="en", translate=False)
    assert not [s for s in english.suggestions if s.rule == "MT_WORD_CHOICE"]


@pytest.mark.translate
def test_suggestion_in_a_translated_sentence_reaches_the_result(installed: TinyPackage) -> None:
    r = fix_and_trace(NORWEGIAN)
    # Its output span is the word; its source span the whole Norwegian sentence it came
    # from (coarse, never wrong), so `before` is that sentence.
    found = {(r.text[s.output.slice], s.after) for s in r.suggestions}
    assert ("meeting", "conference") in found
    assert not contract_violations(r)
