"""Titles in title case and the pronoun `ones` are not damage (an outside review, 2026-12-03).

Each case was a wrong edit on main 7355f5c: two titles after a preposition made a clean
text look case-damaged (`Among Us`, `Between The World And Me`), and in a document that
lost its apostrophes `the ones closest to` became `the ones' closest to`.
"""

from __future__ import annotations

from newsfix import fix_and_trace
from newsfix.profile import profile_text
from newsfix.rules.english.case import _day_part
from newsfix.text import Word

TITLES = ("Children played Among Us at home, among other games, the survey found. He read "
          "Between The World And Me on the train between meetings. She watched Before Sunrise "
          "before dinner.")

STRIPPED = ("The governments plan failed, and its not clear why. The ministers budget was cut, "
            "the presidents spokesman said. Mr. Smiths office said it wasnt true and that they "
            "didnt know. The armys commander resigned. She met the ones closest to the case, "
            "and only the ones nearest the door escaped.")


def test_titles_after_prepositions_leave_a_clean_text_unchanged() -> None:
    assert fix_and_trace(TITLES, language="en").text == TITLES


def test_titles_after_prepositions_do_not_profile_a_text_as_case_damaged() -> None:
    # `Before Sunrise` still reads as a preposition before a name: one spot, not two
    p = profile_text(TITLES)
    assert p["case"].evidence.get("capitalised_before_names", 0) <= 1
    assert not p.damaged("case")


def test_the_pronoun_ones_before_a_superlative_gets_no_apostrophe() -> None:
    out = fix_and_trace(STRIPPED, language="en").text
    assert "the ones closest to the case" in out
    assert "the ones nearest the door" in out
    assert "The army's commander" in out  # the document is repaired all the same


def test_a_day_part_after_a_named_programme_is_not_lowered() -> None:
    t = "on CBS Sunday Morning"
    assert _day_part(t, Word(14, 21, "Morning", 3), "morning") is False
    t = "on Sunday Morning"
    assert _day_part(t, Word(10, 17, "Morning", 2), "morning") is True
