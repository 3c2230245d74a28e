"""Character rules: hyphens, glue and quotes, on damaged and clean sentences."""

from __future__ import annotations

import pytest

from newsfix import fix_and_trace
from newsfix.text import TextAnalysis


def run(text: str, rule: str, language: str = "en"):  # type: ignore[no-untyped-def]
    return fix_and_trace(text, translate=False, language=language, enable_only={rule})


@pytest.mark.parametrize(("text", "expected"), [
    ("my two -hour call", "my two-hour call"),
    ("a non -provoked war", "a non-provoked war"),
    ("Ukrainian neo -Nazis", "Ukrainian neo-Nazis"),
    ("Trump -møter", "Trump-møter"),
    ("Kremlin -sjefen", "Kremlin-sjefen"),
    ("the three -year war", "the three-year war"),
])
def test_hyphen_space_is_joined(text: str, expected: str) -> None:
    assert run(text, "HYPHEN_SPACE").text == expected


@pytest.mark.parametrize("text", [
    "Trump - Putin", "talks – for now – ended", "fell to -5 degrees", "pre- and post-war",
    "- a bullet item", "the 2022–2023 season",
])
def test_dashes_are_left_alone(text: str) -> None:
    r = run(text, "HYPHEN_SPACE")
    assert r.text == text and not r.suggestions


def test_lost_dash_is_only_suggested() -> None:
    r = run("the highest priority-at the expense of allies", "LOST_DASH")
    assert r.edits == () and [s.after for s in r.suggestions] == [" – "]


@pytest.mark.parametrize(("text", "expected"), [
    ("outside Kyiv.Valentyn said", "outside Kyiv. Valentyn said"),
    ("The talks ended.They resume today.", "The talks ended. They resume today."),
])
def test_glued_sentences_are_split(text: str, expected: str) -> None:
    assert run(text, "GLUED_SENTENCE").text == expected


def test_glue_uses_the_forced_language_and_any_language_before_detection() -> None:
    text = "Hun sa nei.Han sa ja."
    assert run(text, "GLUED_SENTENCE", "nb").text == "Hun sa nei. Han sa ja."
    assert run(text, "GLUED_SENTENCE", "en").text == text  # "nei" is no English word
    r = fix_and_trace(text, translate=False, enable_only={"GLUED_SENTENCE"})
    assert r.text == "Hun sa nei. Han sa ja."


@pytest.mark.parametrize("text", [
    "the U.S. economy", "e.g. gibberellic acid", "a Ph.D. candidate", "3.5% growth",
    "an iPhone", "McDonald's", "YouTube", "PayPal", "eBay", "JPMorgan", "LinkedIn",
    "https://example.org/Report.Final", "write to cafe-memories@example.org",
    "John.Smith@example.org", "Gov.Newsom", "St.Petersburg", "bbc.Com", "@realDonaldTrump",
    "#StopTheWar", "the macOS update", "a smartPhone",
])
def test_glue_guards(text: str) -> None:
    r = run(text, "GLUED_SENTENCE")
    assert r.text == text and not r.suggestions


def test_closing_quote_at_paragraph_end() -> None:
    text = "Trump said: “It went very well, as nobody else would know. “\n\nNext."
    assert run(text, "CLOSING_QUOTE").text == (
        "Trump said: “It went very well, as nobody else would know.”\n\nNext.")


def test_low9_documents_keep_their_closing_marks() -> None:
    text = "„Wir lassen die Betriebe nicht allein“, sagte sie. „Das reicht. “"
    r = run(text, "CLOSING_QUOTE", "de")
    assert r.text == text


def test_quote_spanning_paragraphs_is_clean() -> None:
    text = ("“There were nights when I wasn’t sure.\n\n“But we agreed,” she said.\n\n"
            '"It was not a speech.\n\n"I went back," he wrote.')
    r = run(text, "UNBALANCED_QUOTES")
    assert r.text == text and not r.suggestions


def test_unbalanced_quote_gets_a_suggestion_not_a_fix() -> None:
    text = "“What is happening in Ukraine is not good, but we will see.\nHe left."
    r = run(text, "UNBALANCED_QUOTES")
    assert r.edits == ()
    assert [(s.source.start, s.after) for s in r.suggestions] == [(59, "”")]


@pytest.mark.parametrize("text", [
    "He said, 'Here we go again.' Then I saw it.",
    '"We\'d given up," he said. "Every time it was wrong."',
    "‘The players’ union is sure,’ she said of the rock ’n’ roll of the ’90s.",
])
def test_quotations_pair_around_apostrophes_and_nested_single_quotes(text: str) -> None:
    quotations = TextAnalysis(text).quotations
    assert quotations and all(q.closed for q in quotations)


def test_paragraphs_split_line_per_paragraph_text_but_not_wrapped_text() -> None:
    text = "One.\nTwo.\n\nA wrapped\nline."
    assert [text[p.slice] for p in TextAnalysis(text).paragraphs] == [
        "One.", "Two.", "A wrapped\nline."]
