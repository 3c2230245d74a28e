"""newsfix.pandas with real pandas: a column fixed, edits as rows, damage as columns."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from newsfix import fix_and_trace
from tests.support.seed_results import seed_result

pd = pytest.importorskip("pandas")
import newsfix.pandas as nfpd  # noqa: E402

from .conftest import SEEDS  # noqa: E402


def test_fix_column_adds_a_row_of_findings_per_text_and_keeps_the_frame() -> None:
    seeds = SEEDS[:2]
    texts = [p.read_bytes() for p in seeds] + [None, "Oslo is calm."]
    df = pd.DataFrame({"text": texts, "source": [f"s{k}" for k in range(len(texts))]},
                      index=[f"doc{k}" for k in range(len(texts))])
    out = nfpd.fix_column(df, "text", translate=False)
    assert list(out.index) == list(df.index) and list(out["source"]) == list(df["source"])
    assert "newsfix_text" not in df.columns  # a copy, not changed in place
    for k, path in enumerate(seeds):
        r = seed_result(path)
        row = out.iloc[k]
        assert row["newsfix_text"] == r.text
        assert row["newsfix_language"] == r.language["source"]
        assert row["newsfix_edits"] == len(r.edits)
        assert row["newsfix_suggestions"] == len(r.suggestions)
        assert row["newsfix_review"] == (bool(r.suggestions) or any(
            w["code"] == "review" for w in r.warnings))
    missing = out.loc[f"doc{len(seeds)}"]
    assert pd.isna(missing["newsfix_text"]) and missing["newsfix_edits"] == 0
    assert out.loc[f"doc{len(seeds) + 1}", "newsfix_text"] == "Oslo is calm."
    assert out["newsfix_edits"].dtype == "int64" and out["newsfix_review"].dtype == bool


def test_accessor_is_the_same_and_accepts_options() -> None:
    df = pd.DataFrame({"body": ["Kyiv  is quiet. ", "Oslo  is calm."]})
    by_accessor = df.newsfix.fix("body", translate=False, language="en", prefix="nf_")
    by_function = nfpd.fix_column(df, "body", translate=False, language="en", prefix="nf_")
    pd.testing.assert_frame_equal(by_accessor, by_function)
    assert list(by_accessor["nf_text"]) == ["Kyiv is quiet.", "Oslo is calm."]
    kept = df.newsfix.fix("body", translate=False, keep_results=True)
    assert kept["newsfix_result"][0].text == "Kyiv is quiet."


def test_bad_cells_and_columns_are_named() -> None:
    df = pd.DataFrame({"text": ["fine", 42]}, index=["a", "b"])
    with pytest.raises(TypeError, match="row 'b' of column 'text' is int"):
        nfpd.fix_column(df, "text", translate=False)
    with pytest.raises(KeyError, match="no column 'body'"):
        nfpd.fix_column(df, "body")


def test_damage_scores_become_one_column_per_family() -> None:
    r = fix_and_trace("Kyiv  is quiet.", translate=False, language="en", damage_report=False)
    a = replace(r, damage={"mt": {"score": 0.8, "evidence": {"loops": 2}}})
    b = replace(r, damage={"spin": {"score": 0.1, "evidence": {}}})
    frame = nfpd.results_frame([a, b, r])
    assert frame["newsfix_damage_mt"].tolist()[0] == 0.8
    assert math.isnan(frame["newsfix_damage_mt"].tolist()[1])
    assert frame["newsfix_damage_spin"].tolist()[1] == 0.1
    assert math.isnan(frame["newsfix_damage_spin"].tolist()[2])


def test_edits_frame_lists_edits_and_suggestions_in_source_order() -> None:
    r = seed_result(SEEDS[0])
    frame = r.edits_frame()
    assert list(frame.columns) == list(nfpd.EDIT_COLUMNS)
    assert len(frame) == len(r.edits) + len(r.suggestions)
    assert frame["source_start"].is_monotonic_increasing
    edits = frame[frame["kind"] == "edit"]
    assert list(edits["before"]) == [e.before for e in r.edits]
    assert list(edits["after"]) == [e.after for e in r.edits]
    merged = next(e for e in r.edits if e.steps)
    assert " > ".join(s.rule for s in merged.steps) in set(edits["steps"])
    only = r.edits_frame(suggestions=False)
    assert set(only["kind"]) == {"edit"} and len(only) == len(r.edits)
    empty = fix_and_trace("Oslo is calm.", translate=False, language="en").edits_frame()
    assert empty.empty and list(empty.columns) == list(nfpd.EDIT_COLUMNS)
