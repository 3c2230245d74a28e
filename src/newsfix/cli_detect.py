"""The ``newsfix detect`` command: language of each file, and optionally of each paragraph.

``newsfix detect FILE... [--paragraphs] [--json] [--detector NAME]``; ``-`` reads
standard input. Plain output is tab-separated, one line per file
(``path<TAB>code<TAB>confidence``) or, with ``--paragraphs``, one more line per
paragraph (``path<TAB>index<TAB>code<TAB>confidence<TAB>preview``). A file that
cannot be read is reported on standard error and the others are still
processed; the exit status is then 1. ``--json`` prints one array of objects
(``path``, ``language`` and, with ``--paragraphs``, ``paragraphs``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from newsfix.langid import DETECTORS, DetectorUnavailable, LanguageGuess, detect_document

__all__ = ["main", "split_paragraphs"]

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SPACE_RE = re.compile(r"\s+")
PREVIEW_CHARS = 40


def split_paragraphs(text: str) -> list[str]:
    """Return the blocks of ``text`` separated by blank lines, stripped, empty ones dropped.

    >>> split_paragraphs("Title\\n\\nFirst line\\nsecond line\\n \\n\\nLast")
    ['Title', 'First line\\nsecond line', 'Last']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _BLANK_LINE_RE.split(text) if block.strip()]


def preview(text: str, width: int = PREVIEW_CHARS) -> str:
    """Return ``text`` on one line, cut to ``width`` characters with an ellipsis.

    >>> preview("Details\\nOrtKursk, Russland", 12)
    'Details Ort…'
    """
    flat = _SPACE_RE.sub(" ", text).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _read(path: str) -> str:
    """Return the text of ``path`` (``-`` is standard input); raise ValueError if binary."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _expand(files: Sequence[str]) -> tuple[list[str], bool]:
    """The files named, directories replaced by their ``*.txt`` files (as ``newsfix`` does).

    Also whether a directory had none (reported on stderr).
    """
    from newsfix.inputs import expand

    inputs, errors = expand(files)
    for message in errors:
        print(f"newsfix detect: {message}", file=sys.stderr)
    return ["-" if item.path is None else str(item.path) for item in inputs], bool(errors)


def _report(
    path: str,
    doc: LanguageGuess,
    paragraphs: Sequence[str],
    guesses: Sequence[LanguageGuess],
    *,
    with_paragraphs: bool,
    out: TextIO,
) -> None:
    out.write(f"{path}\t{doc.code}\t{doc.confidence:.2f}\n")
    if with_paragraphs:
        for index, (para, guess) in enumerate(zip(paragraphs, guesses, strict=True)):
            mark = "*" if guess.inherited else ""
            out.write(
                f"{path}\t{index}\t{guess.code}{mark}\t{guess.confidence:.2f}\t{preview(para)}\n"
            )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``newsfix detect``."""
    parser = argparse.ArgumentParser(
        prog="newsfix detect",
        description="Print the language of each file (and of each paragraph).",
        epilog="Paragraphs are blocks separated by blank lines. With --paragraphs, a '*' after "
        "the code marks a paragraph too short or doubtful to decide alone, which took the "
        "document's language.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="text files, directories (their *.txt files); - for stdin")
    parser.add_argument("--paragraphs", action="store_true", help="also one line per paragraph")
    parser.add_argument("--json", action="store_true", help="print a JSON array of objects")
    parser.add_argument(
        "--detector", default="langdetect", choices=DETECTORS, help="backend (default langdetect)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``newsfix detect`` with ``argv`` (the arguments after ``detect``); return the status.

    Exit status: 0 when every file was read, 1 when any could not be (the
    others are still reported), 2 when the chosen backend is not installed.

    >>> main(["/nonexistent/story.txt"])  # the reason goes to stderr
    1
    """
    args = build_parser().parse_args(argv)
    out = sys.stdout
    files, failed = _expand(args.files)
    records: list[dict[str, Any]] = []
    for path in files:
        name = "<stdin>" if path == "-" else path
        try:
            text = _read(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"newsfix detect: {name}: {reason}", file=sys.stderr)
            failed = True
            continue
        paragraphs = split_paragraphs(text)
        try:
            doc, guesses = detect_document(paragraphs, detector=args.detector)
        except DetectorUnavailable as exc:
            print(f"newsfix detect: {exc}", file=sys.stderr)
            return 2
        if args.json:
            record: dict[str, Any] = {"path": name, "language": doc.to_dict()}
            if args.paragraphs:
                record["paragraphs"] = [
                    {"index": i, "preview": preview(p), "language": g.to_dict()}
                    for i, (p, g) in enumerate(zip(paragraphs, guesses, strict=True))
                ]
            records.append(record)
        else:
            _report(name, doc, paragraphs, guesses, with_paragraphs=args.paragraphs, out=out)
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
