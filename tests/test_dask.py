"""newsfix.dask on a real distributed.LocalCluster: two worker processes on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest

import newsfix.dask as nd
from newsfix import fix_and_trace
from newsfix.contract import violations

from .conftest import SEEDS
from .support.faulty import RAISE_MARKER, FaultyPipeline


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        assert len(c.scheduler_info()["workers"]) == 2
        assert all(addr.startswith("tcp://127.0.0.1:") for addr in c.scheduler_info()["workers"])
        yield c


def test_fix_bag_gives_fix_and_trace_for_each_text(client: Any) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    rows = nd.fix_bag(db.from_sequence(texts, npartitions=2), translate=False).compute()
    assert len(rows) == len(texts)
    for text, row in zip(texts, rows, strict=True):
        expected = fix_and_trace(text, translate=False)
        assert row["text"] == expected.text
        assert row["language"] == expected.language["source"]
        assert row["edits"] == len(expected.edits) > 0
        assert row["review"] == nd.needs_review(expected)
        assert json.loads(row["result"]) == expected.to_dict()
        assert violations(json.loads(row["result"])) == [] and row["error"] is None
    # Both workers took part, and each built its pipeline once and kept it.
    first = client.run(lambda: id(__import__("newsfix.dask").dask._pipeline))
    nd.fix_bag(db.from_sequence(texts, npartitions=4), translate=False).compute()
    assert client.run(lambda: id(__import__("newsfix.dask").dask._pipeline)) == first
    assert len(set(first.values())) == 2


def test_fix_column_adds_columns_and_isolates_a_failing_document(client: Any) -> None:
    frame = pd.DataFrame({"id": [1, 2, 3, 4],
                          "text": ["Kyiv  was quiet.", f"Broken {RAISE_MARKER} document.",
                                   "The talks  ended.", "Clean text."]})
    df = dd.from_pandas(frame, npartitions=2)
    out = nd.fix_column(df, "text", pipeline=FaultyPipeline(), translate=False, language="en")
    assert list(out.columns) == ["id", "text", "fixed_text", "fixed_language", "fixed_edits",
                                 "fixed_review", "fixed_result", "fixed_error"]
    got = out.compute().set_index("id")
    assert got.loc[1, "fixed_text"] == "Kyiv was quiet." and got.loc[1, "fixed_edits"] == 1
    assert got.loc[3, "fixed_text"] == "The talks ended."
    assert got.loc[4, "fixed_text"] == "Clean text." and got.loc[4, "fixed_edits"] == 0
    assert not got.loc[4, "fixed_review"]
    assert got.loc[2, "fixed_text"] is pd.NA
    assert "FAULTY_TEST_RULE cannot handle this document" in got.loc[2, "fixed_error"]
    error = json.loads(got.loc[2, "fixed_result"])
    assert error["schema"] == "newsfix.error/1" and error["rule"] == "FAULTY_TEST_RULE"
    assert got.loc[1, "fixed_language"] == "en"
