"""newsfix fixes mojibake the way ftfy does, up to the settings it keeps on purpose (issue 14).

The cases (``tests/data/mojibake/cases.json``) are our own sentences in 24
languages put through real wrong-codec round trips by
``scripts/build_mojibake_cases.py`` (only those ftfy undoes), plus issue 14's
regressions. Each runs through the whole pipeline (no translation); its text
must equal ``ftfy.fix_text`` of the same input, or differ only by what
``FTFY_CONFIG`` leaves out on purpose (curly quotes, ligatures, width, line
breaks, NFC). ftfy's own test files are measured by
``benchmarks/bench_ftfy_parity.py`` (not copied here).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy
import pytest

import newsfix

DATA = Path(__file__).parent / "data" / "mojibake" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))

#: ftfy's steps that newsfix leaves out on purpose (src/newsfix/rules/unicode.py FTFY_CONFIG).
SETTINGS_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=False,
    restore_byte_a0=False, replace_lossy_sequences=False, decode_inconsistent_utf8=False,
    fix_c1_controls=False, remove_control_chars=False, fix_surrogates=False,
    uncurl_quotes=True, fix_latin_ligatures=True, fix_character_width=True,
    fix_line_breaks=True, normalization="NFC", explain=False,
)

#: Cases newsfix gets wrong today, by label (strict xfails). Issue 14's (U+0085 turned into
#: a line break before FIX_MOJIBAKE, PAGE_RESIDUE deleting a one-line document, NAME_CASE
#: taking U+FFFD for a word boundary: 30 cases) are fixed on main and pass as plain cases.
KNOWN: dict[str, str] = {}


def same_up_to_settings(a: str, b: str) -> bool:
    return a == b or ftfy.fix_text(a, SETTINGS_ONLY) == ftfy.fix_text(b, SETTINGS_ONLY)


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
