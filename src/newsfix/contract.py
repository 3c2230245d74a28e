"""The provenance contract, checked: ``newsfix check`` and :func:`violations`.

A result keeps the contract (docs/concepts.md, DESIGN §3) when its edits are
sorted and do not overlap in the source nor in the output; each edit's
``before`` is the source under its source span and its ``after`` the text under
its output span; the stretches between edits have the same length on both
sides; replaying the edits on ``source`` gives ``text`` exactly; each
suggestion's ``before`` is the source under its span; and every segment lies
inside both texts. The test suite, the command line and anyone holding
newsfix output (``--json``, ``--jsonl``, ``newsfix batch``) check it the same
way:

    newsfix --json fixtures/seeds | newsfix check
    newsfix check results.jsonl

>>> from newsfix import fix_and_trace
>>> violations(fix_and_trace("Two  spaces.", translate=False, language="en"))
[]
>>> violations({"source": "ab", "text": "b", "edits": [
...     {"rule": "X", "source": [0, 1], "output": [0, 0], "before": "b", "after": ""}]})
["edit 0 (X): source[0:1] is 'a', the edit says 'b'"]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from newsfix.result import Result

__all__ = ["ERROR_SCHEMA", "is_error_record", "main", "records", "violations"]

#: The ``schema`` of the error record that stands for a document that failed.
ERROR_SCHEMA = "newsfix.error/1"


def is_error_record(record: Mapping[str, Any]) -> bool:
    """Whether ``record`` is the error record of a failed document, not a result."""
    return str(record.get("schema", "")).startswith("newsfix.error/")


def _span(value: Any) -> tuple[int, int]:
    if isinstance(value, Mapping):
        return int(value["start"]), int(value["end"])
    start, end = value
    return int(start), int(end)


def violations(result: Result | Mapping[str, Any]) -> list[str]:
    """Every way ``result`` (a :class:`Result` or its JSON object) breaks the contract."""
    d: Mapping[str, Any] = result.to_dict() if isinstance(result, Result) else result
    src, text = d.get("source"), d.get("text")
    if not isinstance(src, str) or not isinstance(text, str):
        return ["'source' and 'text' must be strings"]
    problems: list[str] = []
    pieces: list[str] = []
    last_s = last_o = 0
    for k, e in enumerate(d.get("edits", [])):
        where = f"edit {k} ({e.get('rule', '?')})"
        try:
            (s, t), (os_, ot) = _span(e["source"]), _span(e["output"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where}: lacks a 'source' or 'output' span [start, end]")
            continue
        if not (0 <= s <= t <= len(src) and 0 <= os_ <= ot <= len(text)):
            problems.append(f"{where}: span out of bounds")
            continue
        if s < last_s or os_ < last_o:
            problems.append(f"{where}: edits overlap or are not sorted")
            continue
        before, after = e.get("before", ""), e.get("after", "")
        if src[s:t] != before:
            problems.append(f"{where}: source[{s}:{t}] is {src[s:t]!r}, the edit says {before!r}")
        if text[os_:ot] != after:
            problems.append(f"{where}: text[{os_}:{ot}] is {text[os_:ot]!r}, "
                            f"the edit says {after!r}")
        if s - last_s != os_ - last_o:
            problems.append(f"{where}: the unchanged stretch before it differs in length")
        pieces += [src[last_s:s], after]
        last_s, last_o = t, ot
    pieces.append(src[last_s:])
    if "".join(pieces) != text:
        problems.append("replaying the edits on the source does not give the text")
    for k, sg in enumerate(d.get("suggestions", [])):
        try:
            s, t = _span(sg["source"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"suggestion {k}: lacks a 'source' span")
            continue
        if not 0 <= s <= t <= len(src) or src[s:t] != sg.get("before"):
            problems.append(f"suggestion {k} ({sg.get('rule', '?')}): its 'before' is not "
                            f"the source under its span")
    for k, seg in enumerate(d.get("segments", [])):
        try:
            (s, t), (os_, ot) = _span(seg["source"]), _span(seg["output"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"segment {k}: lacks a 'source' or 'output' span")
            continue
        if not (0 <= s <= t <= len(src) and 0 <= os_ <= ot <= len(text)):
            problems.append(f"segment {k}: span out of bounds")
    return problems


def records(text: str) -> Iterator[Any]:
    """The JSON values in ``text``: one document (an object or an array) or JSON Lines."""
    stripped = text.strip()
    if not stripped:
        return
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        for n, line in enumerate(stripped.splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"line {n}: not JSON ({exc.msg})") from None
        return
    yield from data if isinstance(data, list) else [data]


def main(argv: Sequence[str] | None = None) -> int:
    """``newsfix check [FILE...]``: check results against the contract; 1 if any breaks it."""
    p = argparse.ArgumentParser(
        prog="newsfix check",
        description="Check newsfix results (--json, --jsonl or batch output; stdin by default) "
                    "against the provenance contract. Error records of failed documents are "
                    "counted, not checked.")
    p.add_argument("files", nargs="*", metavar="FILE", help="JSON or JSON Lines files; - stdin")
    args = p.parse_args(argv)
    checked = broken = errors = 0
    for name in args.files or ["-"]:
        label = "<stdin>" if name == "-" else name
        try:
            if name == "-":
                content = sys.stdin.read()
            else:
                with open(name, encoding="utf-8") as handle:
                    content = handle.read()
            values = list(records(content))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"newsfix check: {label}: {reason}", file=sys.stderr)
            return 2
        for k, value in enumerate(values):
            where = f"{label}: result {k}"
            if isinstance(value, Mapping) and "id" in value:
                where += f" ({value['id']})"
            if isinstance(value, Mapping) and is_error_record(value):
                errors += 1
                continue
            checked += 1
            problems = (violations(value) if isinstance(value, Mapping)
                        else ["not a JSON object"])
            broken += bool(problems)
            for problem in problems:
                print(f"{where}: {problem}")
    tail = f", {errors} error records" if errors else ""
    print(f"{checked} results checked, {broken} contract violations{tail}")
    return 1 if broken else 0
