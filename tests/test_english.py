"""English repair: unit tables, seed spot checks and clean text (language forced to English)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfix import fix_and_trace
from newsfix.profile import profile_text
from newsfix.rules.english import RULES

from .conftest import CLEAN, FIXTURES, contract_violations

IDS = frozenset(r.id for r in RULES)
DEV_CLEAN = sorted((FIXTURES / "dev" / "english" / "clean").glob("*.txt"))


def run(text: str, **options: object):
    return fix_and_trace(text, language="en", translate=False, **options)


FIXES = [
    ("The comments of Mr. Trumps were striking.", "The comments of Mr. Trump's were striking."),
    ("Israel would destroy Irans nuclear installations, Iran said.",
     "Israel would destroy Iran's nuclear installations, Iran said."),
    ("Biden spoke. It is Bidens war.", "Biden spoke. It is Biden's war."),
    ("The companys shares fell.", "The company's shares fell."),
    ("We dont know and it isnt clear.", "We don't know and it isn't clear."),
    ("Its not my war.", "It's not my war."),
    ("They wont sign.", "They won't sign."),
    ("The attack on kyiv hit nato.", "The attack on Kyiv hit NATO."),
    ("Zelenskyy spoke. Zalelenskyy said no.", "Zelenskyy spoke. Zelenskyy said no."),
    ("Selenskyj said no.", "Zelenskyy said no."),
    ("The army of Mr. Poutins failed, Putin said.", "The army of Mr. Putin's failed, Putin said."),
    ("since Moscow and He sent soldiers", "since Moscow and he sent soldiers"),
    ("that he Generally agreed with the US proposal.",
     "that he generally agreed with the US proposal."),
    # Residue twice after words that cannot end a sentence: the capital after a verb too.
    ("that he Generally agreed With the US proposal; it has It also required it.",
     "that he generally agreed with the US proposal; it has it also required it."),
    # A preposition that cannot open a sentence there, an auxiliary that is no question.
    ("The president spoke about the deal In his evening address.",
     "The president spoke about the deal in his evening address."),
    ("He warned that the army Would run out of shells.",
     "He warned that the army would run out of shells."),
    ("They met in the Hague Hague to talk with the industry industry industry.",
     "They met in the Hague to talk with the industry."),
    ("Washington-Biała House says so.", "Washington-White House says so."),
    ("They met in Istanbul in Istanbul last week.", "They met in Istanbul last week."),
    ("that his administration that his administration undertakes",
     "that his administration undertakes"),
]

UNCHANGED = [
    "As is his wont, he kept its promise; we'll see if it's well.",
    "She had had enough, and that that was very, very bad. Bye-bye, so-so, again and again.",
    "In May, Bill bought fine china and a turkey at nato.int.",
    "Rubio met Rubin; Bowman met Bowen.",
    "The Trumps and the Clintons met the Americans in The Hague.",
    "The talks went well, he said.",
    "Sirhan Sirhan was held in Walla Walla. It is what it is.",
    "Ships sailed from Baton Rouge; rote learning failed.",
    # Held-out review: foreign phrases, unusual names, a band, [sic], counted plurals.
    "The principle of audi alteram partem applied, the scholar danah boyd said.",
    'A speaker quoted the German phrase "Wir sind mehr" ("We are more").',
    "The indie group the the band sold out. Mo from the the band had the last word.",
    '"Its not what you think, its what you do." [sic] The sign (sic) said: dont stop.',
    "The two Trumps who had tried to buy it, Donald Jr. and Eric, were outbid.",
]

#: A capital after a word that can end a sentence may be a lost full stop: suggested only.
SUGGESTED = [
    ("since Moscow He sent soldiers", "He", "he"),
    ("with the head of the Commission Ursula von der Leyen In the morning she sent it.",
     "In", "in"),
    ("following Russia's full-scale invasion At the same time, Norway sent 800 soldiers.",
     "At", "at"),
]


@pytest.mark.parametrize(("text_in", "text_out"), FIXES)
def test_fixes(text_in: str, text_out: str) -> None:
    result = run(text_in, enable_only=IDS)
    assert result.text == text_out
    assert not contract_violations(result)


@pytest.mark.parametrize("text", UNCHANGED)
def test_unchanged(text: str) -> None:
    result = run(text, enable_only=IDS)
    assert result.text == text and not result.edits and not result.suggestions


@pytest.mark.parametrize(("text", "before", "after"), SUGGESTED)
def test_suggested_only(text: str, before: str, after: str) -> None:
    result = run(text, enable_only=IDS)
    assert result.text == text and not result.edits
    assert [(s.before, s.after) for s in result.suggestions] == [(before, after)]


def test_house_style_lower_case_name_is_kept_but_damage_is_not() -> None:
    style = "Poems by e.e. cummings sold well. A reading of cummings's poems drew crowds."
    assert run(style, enable_only=IDS).text == style
    damage = "Talks in brussels ended. In brussels, leaders backed kyiv and warsaw."
    assert run(damage, enable_only=IDS).text == (
        "Talks in Brussels ended. In Brussels, leaders backed Kyiv and Warsaw.")


@pytest.mark.parametrize("path", CLEAN + DEV_CLEAN, ids=lambda p: p.name)
def test_clean_text_gets_no_english_edit_nor_suggestion(path) -> None:
    result = run(path.read_text(encoding="utf-8"), enable_only=IDS)
    assert result.edits == () and result.suggestions == ()
    assert not any(s.review for s in result.segments)


def seed(prefix: str) -> str:
    return next((FIXTURES / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_004_apostrophes_case_and_quotes() -> None:
    result = run(seed("004"), enable_only=IDS)
    text = result.text
    assert "Mr. Trump's were striking" in text
    assert "His Biden's war" in text and "Iran's nuclear" in text
    assert "kyiv" not in text and "attack on Kyiv" in text
    assert "army of Mr. Putin's failed" in text
    assert "that his administration undertakes" in text
    # The document lost its quotation marks (damage profile): one-sentence quotes before
    # their reporting clause are restored; a quote of several sentences is suggested.
    assert profile_text(seed("004")).damaged("quote")
    # (straight quotation marks, like the document's straight apostrophes)
    assert '"It\'s not my war," Trump said' in text
    assert '"There is something on the table now, I think,' in text
    quotes = {(s.source.start, s.after) for s in result.suggestions if s.rule == "UNQUOTED_SPEECH"}
    start = result.source.index("Not necessary and a very bad timing.")
    end = result.source.index(" Mr. Trump wrote on social networks.")
    assert {(start, '"'), (end, '"')} <= quotes
    assert not contract_violations(result)


def test_seed_001_names_case_and_stray_word() -> None:
    result = run(seed("001"), enable_only=IDS)
    text = result.text
    assert "Zalelenskyy" not in text and "said Zelenskyy." in text
    assert "Zaporizhzhia nuclear power plant" in text
    assert "Washington-White House" in text
    assert "since Moscow he sent" in text and "and he blamed Ukraine" in text
    assert "Rubin hardships" in text and "Bradley Bowman" in text  # real names stay


def test_seed_000_loop_collapsed_and_flagged() -> None:
    result = run(seed("000"), enable_only=IDS)
    assert "in Istanbul in Istanbul" not in result.text
    assert "personally in Istanbul last week in Istanbul." in result.text
    loop = [e for e in result.edits if e.rule == "REPEATED_PHRASE"]
    assert loop and loop[0].before == " in Istanbul"
    flagged = [s for s in result.segments if s.review]
    assert any("Istanbul" in result.text[s.output.start:s.output.end] for s in flagged)


def test_profile_counts_guarded_contractions_and_ies_possessives() -> None:
    # A partly stripped document: `cant` after a subject pronoun and `companys` (no
    # English plural of `company`) are the only fingerprints; three apostrophes survived.
    text = ("The judge rejected the companys motion to dismiss the case. You cant build a "
            "business on stolen work, the authors’ lawyer said. It’s early, and one companys "
            "storage of pirated copies was not fair use, the judge’s order said.")
    found = profile_text(text)["apostrophe"]
    assert found.evidence["stripped_contractions"] == 1
    assert found.evidence["stripped_possessives"] == 2
    assert profile_text(text).damaged("apostrophe")
    # The noun `cant` and a plural in vowel + y (`the days ahead`) are no fingerprints.
    clean = profile_text("The cant of the trade and the days ahead were long, the keys lost.")
    assert clean["apostrophe"].fingerprints == 0


REPEAT_PIECES = ["in", "In", "IN", "Istanbul", "istanbul", "the", "The", "ſtate", "state",
                 "K", "k", "\u212a", "straße", "don't", "-x", "9a", "é", "É", "a-b", " ", "  ",
                 "\n", ", ", "\t"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(REPEAT_PIECES), max_size=40).map(" ".join),
       st.integers(0, 200))
def test_profile_loops_are_finditers(text: str, start: int) -> None:
    """The damage profile's repeat search finds what ``REPEAT_RE.finditer`` finds."""
    from newsfix.profile import _finditer_repeats
    from newsfix.rules.english.repetition import REPEAT_RE
    from newsfix.text import TextAnalysis

    a = TextAnalysis(text)
    start = min(start, len(text))
    for s, e in ((0, len(text)), (start, len(text)), (0, start)):
        assert [m.span() + m.span(3) for m in _finditer_repeats(a, s, e)] == \
            [m.span() + m.span(3) for m in REPEAT_RE.finditer(text, s, e)]
