"""newsfix on Dask: fix a ``dask.bag`` of texts or a ``dask.dataframe`` text column.

Needs the extra: ``pip install 'newsfix[dask]'``. Both functions are thin,
lazy wrappers over :meth:`Pipeline.run <newsfix.pipeline.Pipeline.run>`: one
document in, one row out, nothing shared between documents. Each worker
process builds the pipeline once (on its first partition) and keeps its
lexicons and models loaded for every later one; the configuration travels
with the task graph (:class:`~newsfix.config.FixConfig` is picklable).

Each document gives: the fixed ``text``, its ``language`` (the source
language code), the number of ``edits``, a ``review`` flag (a person should
read it: a suggestion, a review warning or a paragraph marked for review),
the ``result`` as JSON (schema ``newsfix.result/1``) and ``error``: None, or
the message of a document that failed -- then ``text`` is None and ``result``
holds the error record (schema ``newsfix.error/1``). One document's failure
never fails the computation.

See docs/dask.md for a runnable example on a ``distributed.LocalCluster``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsfix.config import FixConfig
from newsfix.result import Result

__all__ = ["COLUMNS", "fix_bag", "fix_column", "fix_record", "needs_review"]

#: The fields of a fixed document, in order (the columns :func:`fix_column` adds).
COLUMNS = ("text", "language", "edits", "review", "result", "error")

_pipeline: Any = None


def _get_pipeline() -> Any:
    """This process's pipeline, built on first use and kept (lexicons stay loaded)."""
    global _pipeline
    if _pipeline is None:
        from newsfix.pipeline import Pipeline

        _pipeline = Pipeline.default()
    return _pipeline


def _config(config: FixConfig | None, options: dict[str, Any]) -> FixConfig:
    base = config or FixConfig()
    return base.with_options(**options) if options else base


def needs_review(result: Result) -> bool:
    """Whether a person should read ``result``: suggestions, review flags or warnings of review.

    >>> from newsfix import fix_and_trace
    >>> needs_review(fix_and_trace("Kyiv  was quiet.", translate=False, language="en"))
    False
    """
    return (bool(result.suggestions) or any(s.review for s in result.segments)
            or any(w.get("code") == "review" for w in result.warnings))


def fix_record(text: str | bytes, config: FixConfig | None = None,
               doc_id: str | None = None, pipeline: Any = None) -> dict[str, Any]:
    """Fix one document into the row of :data:`COLUMNS` (never raises for a bad document).

    ``pipeline`` defaults to this process's ``Pipeline.default()``, built once.

    >>> row = fix_record("Kyiv  was quiet.", FixConfig(translate=False, language="en"))
    >>> row["text"], row["language"], row["edits"], row["review"], row["error"]
    ('Kyiv was quiet.', 'en', 1, False, None)
    """
    from newsfix.cli import error_record

    name = doc_id or "<text>"
    try:
        result = (pipeline or _get_pipeline()).run(text, config or FixConfig(), name=name)
    except Exception as exc:  # one document's failure never fails the computation
        record = error_record(name, exc)
        return {"text": None, "language": None, "edits": 0, "review": True,
                "result": json.dumps(record, ensure_ascii=False),
                "error": f"{type(exc).__name__}: {exc}"}
    return {"text": result.text, "language": result.language.get("source"),
            "edits": len(result.edits), "review": needs_review(result),
            "result": result.to_json(), "error": None}


def _fix_partition(texts: Iterable[str | bytes], config: FixConfig,
                   pipeline: Any) -> list[dict[str, Any]]:
    return [fix_record(t, config, pipeline=pipeline) for t in texts]


def fix_bag(bag: Any, config: FixConfig | None = None, *, pipeline: Any = None,
            **options: Any) -> Any:
    """A lazy ``dask.bag`` of rows (dicts of :data:`COLUMNS`), one per text of ``bag``.

    ``options`` are :class:`FixConfig` fields (``translate=False``,
    ``language="en"``, ...), applied over ``config``. ``pipeline`` (a
    picklable :class:`~newsfix.pipeline.Pipeline`, e.g. with rules of your own)
    travels with the graph; by default each worker builds the standard one.
    """
    cfg = _config(config, options)
    return bag.map_partitions(_fix_partition, cfg, pipeline)


def _fix_frame(frame: Any, column: str, prefix: str, config: FixConfig, pipeline: Any) -> Any:
    import pandas as pd

    rows = [fix_record(t, config, pipeline=pipeline) for t in frame[column]]
    text_dtype = pd.StringDtype()
    new = {
        f"{prefix}text": pd.Series([r["text"] for r in rows], index=frame.index,
                                   dtype=text_dtype),
        f"{prefix}language": pd.Series([r["language"] for r in rows], index=frame.index,
                                       dtype=text_dtype),
        f"{prefix}edits": pd.Series([r["edits"] for r in rows], index=frame.index,
                                    dtype="int64"),
        f"{prefix}review": pd.Series([r["review"] for r in rows], index=frame.index,
                                     dtype="bool"),
        f"{prefix}result": pd.Series([r["result"] for r in rows], index=frame.index,
                                     dtype=text_dtype),
        f"{prefix}error": pd.Series([r["error"] for r in rows], index=frame.index,
                                    dtype=text_dtype),
    }
    return frame.assign(**new)


def fix_column(df: Any, column: str = "text", config: FixConfig | None = None, *,
               prefix: str = "fixed_", pipeline: Any = None, **options: Any) -> Any:
    """``df`` (a ``dask.dataframe``) with the fixed document of ``column`` in new columns.

    The new columns are :data:`COLUMNS` with ``prefix`` (``fixed_text``,
    ``fixed_language``, ``fixed_edits``, ``fixed_review``, ``fixed_result``,
    ``fixed_error``); the others are kept. Lazy, partition by partition.
    ``options`` and ``pipeline`` as for :func:`fix_bag`.
    """
    cfg = _config(config, options)
    meta = _fix_frame(df._meta, column, prefix, cfg, pipeline)
    return df.map_partitions(_fix_frame, column, prefix, cfg, pipeline, meta=meta)
