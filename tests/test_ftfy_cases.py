"""ftfy's own test cases: newsfix fixes each the way ftfy does, or differs by a setting (issue 14).

The cases are ftfy's JSON files, copied verbatim with their licence into
``tests/data/ftfy_cases/`` (Apache-2.0, commit 74dd045). Every case ftfy
fixes (``"expect": "pass"``, 151) is run three ways:

* ``FIX_MOJIBAKE`` alone must give ftfy's ``fixed`` text, up to the ftfy steps
  newsfix leaves out on purpose (``FTFY_LEFT_OUT``: curly quotes, ligatures,
  width, line breaks, NFC);
* the whole pipeline (no translation, language detected) with newsfix's own
  spacing and sentence rules turned off (``BEYOND_FTFY``: ftfy keeps runs of
  spaces, trailing spaces, blank space at the document's edges and ``word.Word``) must do the same;
* the whole pipeline with its defaults must do the same on every case but those
  in ``DIFFERS_BY_SETTING``, each of which names the rule that makes the
  difference; a case listed there that stops differing fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy
import pytest

import newsfix
from tests.support.parity import same_up_to_settings

DATA = Path(__file__).parent / "data" / "ftfy_cases"
FILES = ("in-the-wild.json", "language-names.json", "negative.json", "synthetic.json")
CASES: list[dict[str, Any]] = [
    {**case, "file": name}
    for name in FILES
    for case in json.loads((DATA / name).read_text(encoding="utf-8"))
    if case["expect"] == "pass"
]

#: newsfix's cleaning beyond ftfy's (documented in docs/rules.md; each can be disabled).
BEYOND_FTFY = frozenset({"SPACE_RUN", "TRAILING_SPACE", "DOCUMENT_EDGES", "GLUED_SENTENCE"})

#: label -> the rule of BEYOND_FTFY that makes the default pipeline differ from ftfy.
DIFFERS_BY_SETTING: dict[str, str] = {
    "UTF-8 / Windows-1252 mixup in mixed French and Arabic": "GLUED_SENTENCE",  # `vous.Pardonnez`
    "Negative: angry face": "SPACE_RUN",
    "Negative: Indonesian leetspeak": "SPACE_RUN",
    "Synthetic, negative: don't leak our internal use of byte 0x1A": "SPACE_RUN",
    "Synthetic, negative: U+1A on its own": "TRAILING_SPACE",
    "Synthetic, negative: Romanian word before a non-breaking space": "TRAILING_SPACE",
}



def _id(case: dict[str, Any]) -> str:
    return f"{case['file']}:{case['label']}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fix_mojibake_alone_fixes_like_ftfy(case: dict[str, Any]) -> None:
    text = newsfix.fix(case["original"], translate=False,
                       enable_only=frozenset({"FIX_MOJIBAKE"}))
    assert same_up_to_settings(text, case["fixed"]), (text, case["fixed"])


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_the_pipeline_fixes_like_ftfy_but_for_its_own_spacing(case: dict[str, Any]) -> None:
    text = newsfix.fix(case["original"], translate=False, disable=BEYOND_FTFY)
    assert same_up_to_settings(text, case["fixed"]), (text, case["fixed"])


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_the_default_pipeline_differs_only_where_listed(case: dict[str, Any]) -> None:
    result = newsfix.fix_and_trace(case["original"], translate=False)
    same = same_up_to_settings(result.text, case["fixed"])
    rule = DIFFERS_BY_SETTING.get(case["label"])
    if rule is None:
        assert same, (result.text, case["fixed"])
    else:
        rules = {e.rule for e in result.edits} | {s.rule for e in result.edits for s in e.steps}
        assert not same and rule in rules, (result.text, rules)


def test_the_cases_are_ftfys() -> None:
    """The copied data is what it claims: 151 cases that ftfy itself fixes as written."""
    assert len(CASES) == 151
    assert set(DIFFERS_BY_SETTING) <= {c["label"] for c in CASES}
    assert (DATA / "LICENSE.txt").read_text(encoding="utf-8").count("Apache License") >= 1
    for case in CASES:
        assert ftfy.fix_text(case["original"]) == case["fixed"], _id(case)


def test_settings_comparison_is_not_vacuous() -> None:
    assert not same_up_to_settings("Ã\nlesund", "Ålesund")
    assert not same_up_to_settings("OK??:( )", "OK??:(   )")
