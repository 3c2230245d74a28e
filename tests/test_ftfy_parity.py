"""newsfix fixes mojibake the way ftfy does, up to the settings it keeps on purpose (issue 14).

The cases (``tests/data/mojibake/cases.json``) are our own sentences in 24
languages put through real wrong-codec round trips by
``scripts/build_mojibake_cases.py`` (only those ftfy undoes), plus issue 14's
regressions. Each runs through the whole pipeline (no translation); its text
must equal ``ftfy.fix_text`` of the same input, or differ only by what
``FTFY_CONFIG`` leaves out on purpose (curly quotes, ligatures, width, line
breaks, NFC). ftfy's own test files are copied into ``tests/data/ftfy_cases/`` and
run by ``tests/test_ftfy_cases.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy
import pytest

import newsfix
from tests.support.parity import same_up_to_settings

DATA = Path(__file__).parent / "data" / "mojibake" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))


#: Cases newsfix gets wrong today, by label (strict xfails). Issue 14's were all fixed:
#: NORMALIZE_NEWLINES leaves U+0085 to ftfy, PAGE_RESIDUE keeps a one-line document,
#: NAME_CASE does not split a word at U+FFFD.
KNOWN: dict[str, str] = {}



def _param(case: dict[str, Any]) -> object:
    reason = KNOWN.get(case["label"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case["label"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_newsfix_fixes_mojibake_like_ftfy(case: dict[str, Any]) -> None:
    options: dict[str, Any] = {"translate": False}
    if case.get("language"):
        options["language"] = case["language"]
    text = newsfix.fix(case["original"], **options)
    expected = ftfy.fix_text(case["original"])
    assert same_up_to_settings(text, expected), (text, expected)


def test_the_cases_are_mojibake_ftfy_undoes() -> None:
    """The data is what it claims: garbled (but for the U+FFFD regression, which ftfy must
    leave alone), and ftfy recovers the clean sentence."""
    assert len(CASES) >= 150
    assert len({c["label"] for c in CASES}) == len(CASES)
    for c in CASES:
        assert (c["original"] != c["clean"]) != ("\ufffd" in c["original"]), c["label"]
        assert same_up_to_settings(ftfy.fix_text(c["original"]), c["clean"]), c["label"]


def test_known_failures_name_existing_cases() -> None:
    assert set(KNOWN) <= {c["label"] for c in CASES}


def test_settings_comparison_is_not_vacuous() -> None:
    assert same_up_to_settings("“It’s ﬁne”", '"It\'s fine"')
    assert not same_up_to_settings("Ã\nlesund", "Ålesund")
