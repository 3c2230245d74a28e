"""newsfix for pandas (``pip install 'newsfix[pandas]'``): fix a column, list edits as rows.

``fix_column(df, "text")`` returns a copy of ``df`` with the fixed text and
what newsfix found beside each row; importing this module also registers the
same as a DataFrame accessor, ``df.newsfix.fix("text")``.

>>> import pandas as pd
>>> import newsfix.pandas
>>> df = pd.DataFrame({"id": [1, 2], "text": ["Kyiv  is quiet. ", "Oslo is calm."]})
>>> out = df.newsfix.fix("text", translate=False, language="en")
>>> out[["id", "newsfix_text", "newsfix_edits", "newsfix_suggestions", "newsfix_review"]]
   id    newsfix_text  newsfix_edits  newsfix_suggestions  newsfix_review
0   1  Kyiv is quiet.              2                    0           False
1   2   Oslo is calm.              0                    0           False
>>> newsfix.fix_and_trace("Kyiv  is quiet.", translate=False).edits_frame()[
...     ["kind", "rule", "source_start", "source_end", "output_start", "output_end"]]
   kind       rule  source_start  source_end  output_start  output_end
0  edit  SPACE_RUN             4           6             4           5
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsfix.pandas needs pandas: pip install 'newsfix[pandas]'") from exc

if TYPE_CHECKING:
    from newsfix.result import Result

__all__ = ["EDIT_COLUMNS", "NewsfixAccessor", "edits_frame", "fix_column", "results_frame"]

#: The columns of :func:`edits_frame`, in order.
EDIT_COLUMNS = ("kind", "rule", "category", "confidence", "source_start", "source_end",
                "output_start", "output_end", "before", "after", "message", "steps")


def edits_frame(result: Result, *, suggestions: bool = True) -> pd.DataFrame:
    """One row per edit (``kind == "edit"``) and per suggestion, in source order.

    ``steps`` names the rules of a merged edit (``"PAGE_RESIDUE > DOCUMENT_EDGES"``),
    else the edit's rule.
    """
    rows: list[dict[str, Any]] = []
    kinds = [("edit", result.edits)] + ([("suggestion", result.suggestions)]
                                        if suggestions else [])
    for kind, edits in kinds:
        for e in edits:
            rows.append({
                "kind": kind, "rule": e.rule, "category": e.category,
                "confidence": e.confidence, "source_start": e.source.start,
                "source_end": e.source.end, "output_start": e.output.start,
                "output_end": e.output.end, "before": e.before, "after": e.after,
                "message": e.message,
                "steps": " > ".join(s.rule for s in e.steps) if e.steps else e.rule,
            })
    rows.sort(key=lambda row: (row["source_start"], row["source_end"], row["kind"]))
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(EDIT_COLUMNS))
    return frame


def _row(result: Result | None, prefix: str) -> dict[str, Any]:
    if result is None:
        return {f"{prefix}text": None, f"{prefix}language": None,
                f"{prefix}output_language": None, f"{prefix}edits": 0,
                f"{prefix}suggestions": 0, f"{prefix}warnings": 0, f"{prefix}review": False}
    row: dict[str, Any] = {
        f"{prefix}text": result.text,
        f"{prefix}language": result.language.get("source"),
        f"{prefix}output_language": result.language.get("output"),
        f"{prefix}edits": len(result.edits),
        f"{prefix}suggestions": len(result.suggestions),
        f"{prefix}warnings": len(result.warnings),
        f"{prefix}review": result.review,
    }
    for family, d in result.damage.items():
        row[f"{prefix}damage_{family}"] = float(d.get("score", math.nan))
    return row


def results_frame(results: Iterable[Result | None], *, index: Iterable[Any] | None = None,
                  prefix: str = "newsfix_", keep_results: bool = False) -> pd.DataFrame:
    """One row per result: fixed text, languages, counts, review flag, damage scores.

    A missing result (``None``, for a missing input) gives a row of missing
    values with zero counts. Damage columns (``{prefix}damage_<family>``)
    appear for every family any result has, ``NaN`` where a result lacks it.
    With ``keep_results`` the ``Result`` objects are in ``{prefix}result``.

    >>> from dataclasses import replace
    >>> from newsfix import fix_and_trace
    >>> r = fix_and_trace("Kyiv  is quiet.", translate=False, language="en",
    ...                   damage_report=False)
    >>> scored = replace(r, damage={"mt": {"score": 0.25, "evidence": {}}})
    >>> results_frame([r, scored])[["newsfix_edits", "newsfix_damage_mt"]]
       newsfix_edits  newsfix_damage_mt
    0              1                NaN
    1              1               0.25
    """
    results = list(results)
    rows = [_row(r, prefix) for r in results]
    frame: pd.DataFrame = pd.DataFrame(rows, index=None if index is None else list(index))
    for col in (f"{prefix}edits", f"{prefix}suggestions", f"{prefix}warnings"):
        frame[col] = frame[col].astype("int64")
    frame[f"{prefix}review"] = frame[f"{prefix}review"].astype(bool)
    if keep_results:
        frame[f"{prefix}result"] = pd.Series(results, index=frame.index, dtype=object)
    return frame


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def fix_column(df: pd.DataFrame, column: str, *, prefix: str = "newsfix_",
               keep_results: bool = False, **options: Any) -> pd.DataFrame:
    """A copy of ``df`` with newsfix's columns added for the texts in ``column``.

    Each cell (``str`` or ``bytes``) goes through :func:`newsfix.fix_and_trace`
    with ``options`` (e.g. ``translate=False``). Added columns:
    ``{prefix}text``, ``{prefix}language`` (of the source),
    ``{prefix}output_language``, ``{prefix}edits``, ``{prefix}suggestions``,
    ``{prefix}warnings``, ``{prefix}review`` and ``{prefix}damage_<family>``
    for each damage family found. Missing cells (``None``, ``NaN``) stay
    missing. Raises ``KeyError`` for an unknown column and ``TypeError``
    naming the row of a cell that is not text.
    """
    from newsfix import fix_and_trace

    if column not in df.columns:
        raise KeyError(f"no column {column!r}; columns: {', '.join(map(str, df.columns))}")
    results: list[Result | None] = []
    for label, value in df[column].items():
        if _missing(value):
            results.append(None)
        elif isinstance(value, (str, bytes)):
            results.append(fix_and_trace(value, **options))
        else:
            raise TypeError(f"row {label!r} of column {column!r} is "
                            f"{type(value).__name__}, not text")
    added = results_frame(results, index=df.index, prefix=prefix, keep_results=keep_results)
    clash = [c for c in added.columns if c in df.columns]
    out = df.drop(columns=clash) if clash else df.copy()
    combined: pd.DataFrame = pd.concat([out, added], axis=1)
    return combined


@pd.api.extensions.register_dataframe_accessor("newsfix")
class NewsfixAccessor:
    """``df.newsfix``: newsfix on a DataFrame (registered when ``newsfix.pandas`` is imported)."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def fix(self, column: str, **options: Any) -> pd.DataFrame:
        """:func:`fix_column` on this DataFrame."""
        return fix_column(self._df, column, **options)
