"""Precision on clean text of other kinds (issue 14): layout, code and names the author meant.

Each test is a small text written for it (not corpus text) that a rule changed
before: the author's layout is left alone, and the same rule still repairs the
scraping damage it is for.
"""

from __future__ import annotations

import newsfix
from newsfix.result import Result


def run(text: str) -> Result:
    return newsfix.fix_and_trace(text, translate=False, language="en")


def rules_of(r: Result) -> set[str]:
    return {s.rule for e in r.edits for s in (e.steps or [e])}


# --------------------------------------------------------------------------- whitespace layout


def test_an_indented_code_block_keeps_its_indentation() -> None:
    text = ("To install it, run:\n\n    pip install tool\n    tool  --check  all\n\n"
            "Then open the report.\n")
    assert run(text).edits == ()


def test_a_fenced_code_block_keeps_its_spacing() -> None:
    text = ("Example:\n\n```python\ndef f(x):\n    return  x   + 1\n\n\nprint(f(2))  \n```\n\n"
            "That prints 3.\n")
    assert run(text).edits == ()


def test_a_hanging_indent_under_numbered_clauses_stays() -> None:
    text = ("1. This agreement is made between the owner and\n"
            "   the person who accepts it.\n\n"
            "2. The owner grants the person a licence to use\n"
            "   the work.\n")
    assert run(text).edits == ()


def test_a_plain_text_table_keeps_its_columns() -> None:
    text = ("The results were as follows.\n\n"
            "City     Votes   Share\nOslo     1200    40%\nBergen   900     30%\n\n"
            "Turnout was high.\n")
    assert run(text).edits == ()


def test_a_markdown_table_keeps_its_padding() -> None:
    text = "Scores:\n\n| Team   | Points |\n|--------|--------|\n| Oslo   |   12   |\n"
    assert run(text).edits == ()


def test_two_blank_lines_before_each_section_are_a_convention() -> None:
    text = ("# Intro\n\nFirst paragraph.\n\nSecond paragraph.\n\n\n"
            "# Details\n\nThird paragraph.\n\n\n# End\n\nLast paragraph.\n")
    assert run(text).edits == ()


def test_scraping_damage_in_flush_news_is_still_repaired() -> None:
    text = ("Talks resume\n\n  The talks resumed on  Monday in Geneva.   \n\n\n\n"
            "Officials said little.\n")
    r = run(text)
    assert r.text == ("Talks resume\n\nThe talks resumed on Monday in Geneva.\n\n"
                      "Officials said little.\n")
    assert {"LEADING_SPACE", "SPACE_RUN", "TRAILING_SPACE", "BLANK_LINES"} <= rules_of(r)


def test_a_fence_does_not_protect_the_prose_after_it() -> None:
    text = "Code:\n\n```\nx  =  1\n```\n\nThe talks  resumed.\n"
    r = run(text)
    assert r.text == "Code:\n\n```\nx  =  1\n```\n\nThe talks resumed.\n"


# --------------------------------------------------------------------------- broken paragraphs


def test_a_heading_and_a_command_are_not_joined_to_the_next_paragraph() -> None:
    text = ("## Getting started\n\nfirst install the package.\n\n$ tool build\n\n"
            "and wait for it to finish.\n")
    assert run(text).edits == ()


def test_a_lower_case_name_starting_paragraphs_is_no_broken_sentence() -> None:
    text = ("Overview\n\nwget downloads files over HTTP. It is small.\n\n"
            "Retry policy\n\nwget retries a failed download twice.\n")
    assert "BROKEN_PARAGRAPH" not in rules_of(run(text))


def test_a_sentence_broken_across_paragraphs_is_still_joined() -> None:
    text = "The talks, which had stalled for\n\nweeks, resumed on Monday.\n"
    assert run(text).text == "The talks, which had stalled for weeks, resumed on Monday.\n"


# --------------------------------------------------------------------------- names in lower case


def test_code_names_and_the_documents_own_lower_case_words_stay() -> None:
    text = ("The Vextrane Guide and the Vextrane FAQ say vextrane files hold vextrane data; a "
            "vextrane reader and a vextrane writer share vextrane code with the vextrane shell. "
            "The rfc822 module moved, see 10.5281/zenodo.123 and the "
            "xml.dom.minidom module, which the xml tools use with XML files.")
    assert "NAME_CASE" not in rules_of(run(text))


def test_a_lower_cased_name_in_prose_is_still_capitalised() -> None:
    assert run("The attack on kyiv came as nato met.").text == \
        "The attack on Kyiv came as NATO met."


# --------------------------------------------------------------------------- capitals mid-sentence

#: Lower-cased names: the document is profiled as case-damaged, so capitals mid-sentence
#: are read as hyperlink residue unless something says otherwise.
CASE_DAMAGED = ("Officials in kyiv met nato envoys and the london team on Monday, and washington "
                "said paris and berlin agreed. ")


def test_a_capital_after_a_list_marker_or_footnote_mark_stays() -> None:
    text = CASE_DAMAGED + ("How to use it: 1) Open the file. 2) When it loads, read it. See the "
                           "note. [1] Since then it has changed. The next step follows.")
    assert "MIDSENTENCE_CAPITAL" not in rules_of(run(text))


def test_a_code_name_capitalised_mid_sentence_stays() -> None:
    text = CASE_DAMAGED + ("The difflib module has a new Differ class. Use `difflib.Differ` to "
                           "compare lines.")
    assert "MIDSENTENCE_CAPITAL" not in rules_of(run(text))


# --------------------------------------------------------------------------- code, idioms, tables


def test_an_idiom_and_table_cells_are_no_repetition_loops() -> None:
    text = ("The wheel went round and round and round, they said.\n\n"
            "Tool     Fast   Safe   Free\nalpha    Yes    Yes    Yes\nbeta     No     Yes    Yes\n")
    assert run(text).edits == ()


def test_mojibake_quoted_in_a_code_block_stays() -> None:
    text = ("The tool repairs broken text:\n\n    >>> repair('cafÃ©')\n    'café'\n\n"
            "It runs offline.\n")
    assert "FIX_MOJIBAKE" not in rules_of(run(text))


def test_mojibake_in_prose_is_still_repaired() -> None:
    assert run("The cafÃ© opened on Monday.").text == "The café opened on Monday."


def test_command_line_options_are_not_joined_to_the_word_before() -> None:
    text = ("Install the packages with install -r: it reads the list.\n\n"
            "PS C:> Set-Policy -Scope CurrentUser\n\nThe two -hour call ended.\n")
    r = run(text)
    assert "install -r:" in r.text and "Set-Policy -Scope" in r.text
    assert "two-hour" in r.text


def test_a_dotted_name_on_a_code_line_is_not_split() -> None:
    text = ("Use it like this:\n\n```python\nunit = convert(length, units.Meter)\n```\n\n"
            "That gives a unit.\n")
    assert "GLUED_SENTENCE" not in rules_of(run(text))


def test_an_indented_licence_is_verbatim_text() -> None:
    text = ("The bundled library carries this notice:\n\n"
            "   * If you include any code from the apps directory you must\n"
            "   * include an acknowledgement in the documentation.\n\nEnd of notices.\n")
    assert run(text).edits == ()


def test_a_clause_of_the_idiom_stays_and_a_loop_is_still_collapsed() -> None:
    assert run("He tried again, and round and round it went.").edits == ()
    assert run("The first and fifth and fifth rounds were close.").text == \
        "The first and fifth rounds were close."
