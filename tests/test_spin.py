"""Spin reversal: names and words a synonym spinner replaced, and clean text left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfix import fix_and_trace
from newsfix.rules import spin

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "003_bb15d51ce95bf2ab.txt"
RULES = {"SPUN_NAME", "SPUN_WORD"}


def run(text: str):  # type: ignore[no-untyped-def]
    return fix_and_trace(text, enable_only=RULES, language="en", translate=False)


@pytest.mark.parametrize(("text_in", "text_out"), [
    # Two-word names need corroboration in the document: here ``a extra``.
    ("The White Home said on Monday it would take a extra step.",
     "The White House said on Monday it would take a extra step."),
    ("The U.N.'s Worldwide Atomic Vitality Company expressed alarm.",
     "The U.N.'s International Atomic Energy Agency expressed alarm."),
    ("Combating within the Center East has pushed oil costs greater. The White Home spoke.",
     "Combating within the Middle East has pushed oil costs greater. The White House spoke."),
    # Two words of three changed: a real name could look like that (`United Nations
    # Organization`), so it too needs corroboration (`a extra`).
    ("Officers on the Worldwide Financial Fund spoke of a extra loan.",
     "Officers on the International Monetary Fund spoke of a more loan."),
])
def test_spun_names(text_in: str, text_out: str) -> None:
    assert run(text_in).text == text_out


@pytest.mark.parametrize("text", [
    "The White Home said on Monday it would act.",
    "Combating within the Center East has pushed oil costs greater.",
    "The White Home said so. The White Home said it again.",
])
def test_two_word_name_alone_is_no_evidence(text: str) -> None:
    # One two-word match, however often repeated, may be a real name one
    # synonym away from another: neither an edit nor a suggestion.
    r = run(text)
    assert r.edits == () and r.suggestions == ()


@pytest.mark.parametrize("text", [
    "Scotland's First Minister said the roads were closed.",
    "Wales's First Minister, Eluned Morgan, said the White Home and the "
    "Worldwide Atomic Vitality Company had been told.",
    "First Minister John Swinney said the government had been in close contact.",
])
def test_titles_are_not_spun_names(text: str) -> None:
    # `first` is too frequent a word for a spinner to have produced it
    # (`Prime Minister` → `First Minister`), even in a spun document.
    r = run(text)
    assert "First Minister" in r.text
    assert not [s for s in r.suggestions if "First" in s.before]


def test_two_word_name_needs_attested_bigram() -> None:
    # `wall street` is missing from the bigram table: a two-word variant is left
    # alone rather than guessed (`Main Road` must never become `Main Street`).
    assert run("Shares on Wall Avenue fell.").edits == ()
    assert run("They live on Main Road.").edits == ()


@pytest.mark.parametrize("text", [
    "The White House said on Monday it would act.",
    "The International Atomic Energy Agency expressed alarm.",
    "He moved to the Middle East and later to Wall Street.",
    "The Justice Department and the Labor Department disagreed.",
    "“The White Home is a nice name for a cafe,” she said.",  # quotations are never edited
    "She works at the Atomic Energy Commission's old building.",
    # issue 14: real names one or two synonyms away from other names
    "The United Nations Organization met in New York on Monday.",
    "The Ontario Energy Board approved the new rates.",
    "The British Brands Group said it would appeal the ruling.",
    "Officers on the Worldwide Financial Fund spoke.",
])
def test_clean_sentences_unchanged(text: str) -> None:
    r = run(text)
    assert r.text == text and not r.edits and not r.suggestions


def test_no_lexicon_of_seed_phrases() -> None:
    data = ROOT / "src" / "newsfix" / "data"
    for path in data.glob("spin_*"):
        assert b"White Home" not in path.read_bytes()


def test_match_name_needs_synonyms() -> None:
    assert spin.match_name(["White", "Home"]) == ("White", "House")
    assert spin.match_name(["White", "Horse"]) is None  # not Pearl Buck
    # A near-name made of an attested bigram is not spun: SPUN_NAME leaves it.
    assert run("They met at the Black House on Friday.").edits == ()


def test_seed_003_spot_checks() -> None:
    text = SEED.read_text(encoding="utf-8")
    r = run(text)
    assert "White Home" not in r.text and r.text.count("White House") == 4
    assert "International Atomic Energy Agency" in r.text
    assert "a quarter" in r.text and "1 / 4" not in r.text
    assert all(e.after not in ("", " ") for e in r.edits)
    # quotations are left as they are (`giant variety of questions` stays)
    assert "“giant variety of questions”" in r.text
    befores = {(s.before, s.after) for s in r.suggestions}
    assert ("final", "last") in befores


@pytest.mark.parametrize("path", sorted([*ROOT.glob("fixtures/clean/*.txt"),
                                         *ROOT.glob("fixtures/dev/spin/clean/*.txt")]),
                         ids=lambda p: p.name)
def test_clean_files_get_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    r = run(text)
    assert r.text == text and not r.edits
    assert not [s for s in r.suggestions if s.rule in RULES]


def test_article_mismatch_signal() -> None:
    assert spin.article_mismatches("a extra regular footing, a invaluable chip") == 2
    assert spin.article_mismatches("an extra day, a university, a one-off") == 0


def test_single_sentence_words_are_not_touched() -> None:
    # one spun-looking word in an otherwise clean text: the document gate stays shut
    text = "The talks ended final week."
    r = run(text)
    assert r.text == text and not r.suggestions
