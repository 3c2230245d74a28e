"""POSSESSIVE_APOSTROPHE on `the Xs <noun>`: when a name's `Xs` cannot be its plural (issue 10).

Texts written for the test.
"""

from __future__ import annotations

from newsfix import FixConfig, fix_and_trace

EN = FixConfig(translate=False, language="en")


def test_a_sibilant_name_makes_its_plural_with_es() -> None:
    text = "Voters backed the Sanchezs government at the election, the commission said."
    assert fix_and_trace(text, EN).text == text.replace("Sanchezs", "Sanchez's")


def test_a_document_without_apostrophes_reads_the_xs_noun_as_a_possessive() -> None:
    text = ("The Kremlins response came on Monday, officials said. Its not clear whether the "
            "Senate will agree, and the bills supporters dont expect a vote before March.\n")
    out = fix_and_trace(text, EN).text
    assert "The Kremlin's response" in out
    # The same words in a document that keeps its apostrophes: not evidence enough.
    kept = "The Kremlins response came on Monday. It's not clear, the bill's supporters said.\n"
    assert "Kremlins" in fix_and_trace(kept, EN).text


def test_families_stay_plural() -> None:
    for text in ("The Trumps arrived in Palm Beach on Friday, their spokesman said.",
                 "The Clintons foundation said on Monday it would close.",
                 "The Joneses house was sold, the agent said."):
        assert fix_and_trace(text, EN).text == text, text


def test_a_noun_the_document_writes_only_as_a_plural_owns_as_a_plural() -> None:
    text = ("The 212 plaintiffs sued the city in March, officials said. Its not clear when the "
            "judge will rule, and the plaintiffs lawyers dont expect a hearing before June. "
            "The councils decision came after the mayors statement, and the plaintiffs "
            "were not told.\n")
    out = fix_and_trace(text, EN).text
    assert "the plaintiffs' lawyers" in out
    assert "The council's decision" in out  # `council` is not written as a plain plural


def test_agreement_and_the_bigram_model_choose_the_owner_in_a_stripped_document() -> None:
    text = ("Its not clear whether the council will agree, and officials dont expect a vote. "
            "A member of the board said its members budgets were under pressure. The "
            "administrations plans for tariffs came later, the states largest city said, "
            "and the banks plan to cut rates. The banks closed early.\n")
    out = fix_and_trace(text, EN).text
    assert "its members' budgets" in out  # `its members` is English; `its member` is rarer
    assert "The administration's plans for" in out  # a plural's verb is no -s form
    assert "the state's largest city" in out  # no superlative after a plural head
    # A plural subject before a verb in its base form or in -ed stays a plural.
    assert "the banks plan to cut" in out and "The banks closed" in out


def test_a_rarer_owner_before_a_clear_noun_in_a_stripped_document() -> None:
    text = ("Its not clear whether the survey will be repeated, and scientists dont expect "
            "one soon. The surveys authors said the eurozones economy mattered less.\n")
    out = fix_and_trace(text, EN).text
    assert "The survey's authors" in out and "the eurozone's economy" in out
    kept = "It's not clear. The surveys authors said the eurozones economy mattered less.\n"
    assert "The surveys authors" in fix_and_trace(kept, EN).text


STRIPPED = ("Its not clear why, the mayor said. The Fed cut rates, and the Feds chair spoke "
            "after the vote. Voters backed a levy for the towns public library; the banks "
            "closed early. The World Health Organizations European office didnt comment, and "
            "the Dallas Mavericks coach wasnt there.\n")


def test_an_institution_named_with_the_article_owns_its_xs() -> None:
    # `the Fed` in the document: `the Feds chair` is the Fed's, not a plural
    assert "the Fed's chair spoke" in fix_and_trace(STRIPPED, EN).text


def test_a_word_with_no_verb_reading_after_the_xs_is_owned() -> None:
    out = fix_and_trace(STRIPPED, EN).text
    assert "the town's public library" in out
    assert "the banks closed early" in out  # a verb after a plural subject


def test_the_last_word_of_a_known_organisation_takes_the_possessive() -> None:
    out = fix_and_trace(STRIPPED, EN).text
    assert "The World Health Organization's European office" in out
    assert "the Dallas Mavericks coach" in out  # a team's plural name, no gazetteer entry


def test_the_same_words_with_apostrophes_kept_are_unchanged() -> None:
    kept = ("It's not clear why, the mayor said. The Fed cut rates, and the Feds chair spoke. "
            "A levy for the towns public library didn't pass.\n")
    out = fix_and_trace(kept, EN).text
    assert "the Feds chair" in out and "the towns public library" in out
