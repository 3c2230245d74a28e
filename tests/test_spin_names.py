"""Spun organisation names: the spun-document prior, its guards, and linear matching."""

from __future__ import annotations

from itertools import pairwise

import pytest

from newsfix import fix_and_trace
from newsfix.rules import spin
from newsfix.text import TextAnalysis

#: Our own spun paragraph: `a extra`, `final yr`, `3 / 4`, `stated` for said throughout.
SPUN = ("Ministers stated on Tuesday that a extra review of the harbour scheme would follow "
        "final yr's delays. About 3 / 4 of the members stated they backed it, and the mayor "
        "stated the costs had risen in the final week. ")


def names_of(text: str) -> list[tuple[str, str]]:
    r = fix_and_trace(text, language="en", translate=False)
    return [(e.before, e.after) for e in r.edits if e.rule == "SPUN_NAME"]


def test_the_paragraph_is_profiled_as_spun() -> None:
    r = fix_and_trace(SPUN, language="en", translate=False)
    assert r.damage["spin"]["score"] >= 0.7


def test_a_spun_document_stands_in_for_missing_bigrams() -> None:
    # `international health` is an English phrase, so the bigram guard alone keeps the
    # name; in a document that shows spin elsewhere the name is restored.
    text = "The International Health Machine warned of a outbreak."
    assert names_of(text) == []
    assert names_of(SPUN + text) == [("International Health Machine",
                                      "World Health Organization")]


def test_the_prior_does_not_reach_clean_documents() -> None:
    clean = ("The council said on Tuesday that a second review of the harbour scheme would "
             "follow last year's delays. The International Health Machine warned of it.")
    assert names_of(clean) == []


@pytest.mark.parametrize("name", [
    "United Nations Organization",  # holds `United Nations`
    "World Wildlife Fund",  # `World` is commoner than `International` (Monetary Fund)
    "Armed Services Committee",
    "British Brands Group",
    "Civil Aviation Authority",
    "Royal Institution",  # two words: the bigram guards still hold
    "Ontario Energy Board",
    "National Academy of Sciences",
])
def test_real_names_in_a_spun_document_stay(name: str) -> None:
    assert names_of(SPUN + f"The {name} stated on Monday that it had acted.") == []


def test_a_match_joined_to_more_of_its_run_is_part_of_a_longer_name() -> None:
    # `Nation Academy` would be a spun `French Academy`, but `of Sciences` follows.
    assert names_of(SPUN + "The Nation Academy of Sciences published it.") == []


def test_known_name_inside_the_run() -> None:
    assert spin._holds_known_name(["United", "Nations", "Organization"],
                                  ("United", "States", "Constitution"))
    assert not spin._holds_known_name(["Family", "of", "Illustrations"],
                                      ("House", "of", "Representatives"))


def test_name_matching_tries_bounded_sub_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A run of capitalised words (`Istanbul in Istanbul in …` is one) is matched in time
    # linear in its length: sub-runs are no longer than the longest known name.
    calls: list[int] = []
    real = spin.match_name

    def counting(words: list[str]) -> tuple[str, ...] | None:
        calls.append(len(words))
        return real(words)

    monkeypatch.setattr(spin, "match_name", counting)
    longest = spin.max_name_words()
    for n in (50, 100):
        calls.clear()
        text = "Istanbul in " * n + "Istanbul.\n"
        assert list(spin.name_matches(TextAnalysis(text), 0, len(text))) == []
        assert max(calls) <= longest
        assert len(calls) <= (2 * n + 1) * longest


def test_a_two_word_name_the_bigram_table_does_not_know_is_offered() -> None:
    # `security council` is not in the bigram table: in a spun document the name is a
    # suggestion (never an edit: `Royal Institution` would read as a spun Royal Academy),
    # and in a clean one nothing at all.
    text = "The Safety Council met on Monday."
    r = fix_and_trace(SPUN + text, language="en", translate=False)
    assert "The Safety Council met" in r.text
    assert [(s.before, s.after) for s in r.suggestions if s.rule == "SPUN_NAME"] == [
        ("Safety Council", "Security Council")]
    clean = fix_and_trace(text, language="en", translate=False)
    assert not [s for s in clean.suggestions if s.rule == "SPUN_NAME"]


def test_a_suggested_name_never_overlaps_an_applied_one() -> None:
    r = fix_and_trace(SPUN + "The Safety Council and the International Health Machine met.",
                      language="en", translate=False)
    assert not [w for w in r.warnings if "rule-failed" in str(w)]
    spans = sorted((e.source.start, e.source.end)
                   for e in (*r.edits, *r.suggestions) if e.rule == "SPUN_NAME")
    assert all(b <= c for (_, b), (c, _) in pairwise(spans))
    assert "World Health Organization" in r.text


def test_name_case_only_suggests_a_dictionary_name_in_a_spun_document() -> None:
    # A spinner's thesaurus has names among a word's synonyms (`wife` -> `rachel`).
    spun = ("Officials at the White Home stated on Monday that the talks would go ahead. The "
            "Fed altered its benchmark rank final yr, and 3 / 4 of the members stated they "
            "backed the move. The Worldwide Atomic Vitality Company stated the plant was safe. "
            "He was the son of a miner and his rachel.\n")
    r = fix_and_trace(spun, language="en", translate=False)
    assert r.damage["spin"]["score"] >= 0.5
    assert "his rachel" in r.text
    assert [(s.rule, s.tier, s.after) for s in r.suggestions if s.rule == "NAME_CASE"] == [
        ("NAME_CASE", "spun_document", "Rachel")]
    clean = "He was the son of a miner and his wife, and he met rachel in Leeds.\n"
    assert "met Rachel" in fix_and_trace(clean, language="en", translate=False).text
