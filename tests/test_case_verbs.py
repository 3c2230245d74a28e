"""Verb forms capitalised after a comma or a name, in a case-damaged document (issue 10).

A capital after a comma (`oil producer, Reached a record`) used to be read as part of a
name (`Wembley Stadium`) and kept. A verb form before a lower-case word is no part of a
name; straight after a capitalised word it may be a surname (`Peel Hunt`) and stays.
"""

from __future__ import annotations

from newsfix import fix_and_trace
from newsfix.profile import profile_text

DAMAGED = ("The court will rule. The court Will rule on the case and He said the judge Could "
           "speak, and She left. The United States, the world's Largest oil producer, Reached "
           "a record of 13 million barrels a day, said Sir Stephen Powis, Urged people to "
           "wait. Analysts at Peel Hunt said the fund Could rise. Officials In the city "
           "agreed, and They Were pleased. The next meeting is Scheduled for January 28, the "
           "Department for Education said.")


def test_the_text_is_profiled_as_case_damaged() -> None:
    assert profile_text(DAMAGED).damaged("case")


def test_a_verb_after_a_comma_is_lowered() -> None:
    out = fix_and_trace(DAMAGED, language="en").text
    assert "oil producer, reached a record" in out
    assert "Sir Stephen Powis, urged people" in out


def test_a_surname_that_is_a_verb_stays_after_a_capital() -> None:
    out = fix_and_trace(DAMAGED, language="en").text
    assert "Analysts at Peel Hunt said" in out


def test_a_clean_text_with_the_same_words_is_unchanged() -> None:
    clean = ("The United States, the world's largest oil producer, reached a record. "
             "Analysts at Peel Hunt said rates, Reached by phone, were stable. The band "
             "Brought Down the house.")
    assert fix_and_trace(clean, language="en").text == clean


def test_a_month_after_for_is_no_second_name() -> None:
    # `Scheduled for January` is a date, not `Ministry for Education`
    out = fix_and_trace(DAMAGED, language="en").text
    assert "meeting is scheduled for January 28" in out
    assert "the Department for Education said" in out


#: A case-damaged prefix: the document is profiled as case-damaged.
PREFIX = ("The court will rule. The court Will rule on the case and He said the judge Could "
          "speak, and She left. Officials In the city agreed, and They Were pleased. ")


def test_titles_names_and_holidays_keep_their_capitals() -> None:
    # From an outside review (2026-12-04) of the first version of these changes.
    kept = ("Drew Brees retired in 2021. Asked about his plans, Drew said he was happy.",
            "The song, Born to Run, was played. Springsteen's Born in the USA tour sold out.",
            "The series, Made in Chelsea, returned. In 2016, Leave won the referendum.",
            "According to Smith, Hunt said the deal was off.",
            "Crowds gathered for the Fourth of July celebrations on the Fifth of November.")
    for text in kept:
        out = fix_and_trace(PREFIX + text, language="en").text
        assert out.endswith(text), (text, out[len(PREFIX) - 10:])


def test_a_capital_after_a_pronoun_or_a_possessive_is_damage_in_a_damaged_document() -> None:
    text = DAMAGED + (" \"We Kept coming back to it,\" the chair said. His Supporters said the "
                      "vote was rushed, and she taught Herself to read the budget.")
    out = fix_and_trace(text, language="en").text
    assert "We kept coming back" in out and "His supporters said" in out
    # A title after a pronoun keeps its capitals (a capital a few words on).
    titled = DAMAGED + " She read I Know Why the Caged Bird Sings at school."
    assert "I Know Why the Caged Bird Sings" in fix_and_trace(titled, language="en").text


def test_names_and_titles_after_a_pronoun_keep_their_capitals() -> None:
    # An outside review's wrong edits of an earlier version (2026-12-06).
    text = DAMAGED + (" His Labour colleagues Were furious, and His Majesty said he Was moved. "
                      "Sinatra sang My Way at the concert, and Biden urged Congress to act. "
                      "Their Majesties arrived.")
    out = fix_and_trace(text, language="en").text
    for kept in ("His Labour colleagues", "His Majesty said", "sang My Way",
                 "urged Congress to", "Their Majesties arrived"):
        assert kept in out, kept


def test_a_bare_singular_noun_after_a_verb_reads_as_a_name() -> None:
    # An outside review (2026-12-06): a club, a legislature or God after a verb, where the
    # document writes the word in lower case elsewhere too.
    text = DAMAGED + (" Grealish joined City for a record fee, and the city Was happy. Biden "
                      "urged Congress to act, and congress Did. Smith thanked God for it.")
    out = fix_and_trace(text, language="en").text
    for kept in ("joined City for", "urged Congress to", "thanked God for"):
        assert kept in out, kept
