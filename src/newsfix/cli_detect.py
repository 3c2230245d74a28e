"""The ``newsfix detect`` command: language of each file, and optionally of each paragraph.

``newsfix detect FILE... [--paragraphs] [--damage | --spin] [--json] [--detector NAME]``;
``-`` reads standard input. Plain output is tab-separated, one line per file
(``path<TAB>code<TAB>confidence``) or, with ``--paragraphs``, one more line per
paragraph (``path<TAB>index<TAB>code<TAB>confidence<TAB>preview``). With
``--damage``, one more line per damage family
(``path<TAB>damage<TAB>family<TAB>score<TAB>evidence``; see
:mod:`newsfix.profile`), ``--spin`` only the spin family's. A file that
cannot be read is reported on standard error and the others are still
processed; the exit status is then 1. Files are read as ``newsfix`` reads
them (:mod:`newsfix.decode`: byte-order marks, legacy encodings with a
warning; a named pipe without a writer is an error, not a hang). ``--json``
prints one array of objects (``path``, ``language`` and, with
``--paragraphs``, ``paragraphs``; with ``--damage``, ``damage``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
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


def _read(path: str, name: str) -> tuple[bytes, str, list[str]]:
    """The bytes of ``path`` (``-``: standard input), their text and the decoding warnings.

    Read as ``newsfix`` reads its inputs; ``InputError`` names the file and the problem.
    """
    from newsfix.decode import binary_reason, decode_bytes
    from newsfix.inputs import InputError, read_bytes

    data = read_bytes(None if path == "-" else Path(path), name)
    reason = binary_reason(data)
    if reason:
        raise InputError(f"{name}: {reason}")
    decoded = decode_bytes(data, name=name)
    return data, decoded.text.removeprefix("\ufeff"), [str(w["message"])
                                                         for w in decoded.warnings]


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
    parser.add_argument("--damage", action="store_true",
                        help="also the damage profile: each family's score and evidence "
                             "(runs the cleanup and repair pipeline, without translation)")
    parser.add_argument("--spin", action="store_true",
                        help="like --damage, the spin family only")
    from newsfix.cli import add_lexicon_option

    add_lexicon_option(parser)
    return parser


def _damage_lines(path: str, damage: dict[str, dict[str, Any]]) -> list[str]:
    """``path<TAB>damage<TAB>family<TAB>score<TAB>evidence`` lines, one per family.

    >>> _damage_lines("a.txt", {"glue": {"score": 0.6, "evidence": {"glued": 3}}})[0].split("\\t")
    ['a.txt', 'damage', 'glue', '0.60', 'glued=3']
    """
    lines = []
    for family, d in damage.items():
        evidence = " ".join(f"{k}={v}" for k, v in d["evidence"].items())
        if d.get("language"):
            evidence += f" language={d['language']}"
        lines.append(f"{path}\tdamage\t{family}\t{d['score']:.2f}\t{evidence}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run ``newsfix detect`` with ``argv`` (the arguments after ``detect``); return the status.

    Exit status: 0 when every file was read, 1 when any could not be (the
    others are still reported), 2 when the chosen backend is not installed.

    >>> main(["/nonexistent/story.txt"])  # the reason goes to stderr
    1
    """
    from newsfix.cli import UsageError, user_lexicons
    from newsfix.inputs import InputError

    args = build_parser().parse_args(argv)
    out = sys.stdout
    families: tuple[str, ...] = ()
    if args.damage or args.spin:
        from newsfix.profile import FAMILIES

        families = FAMILIES if args.damage else ("spin",)
    try:
        if args.lexicon and not families:
            raise UsageError("--lexicon is read by the repairs: give it with --damage or --spin")
        lexicons = user_lexicons(args.lexicon)
    except UsageError as exc:
        print(f"newsfix detect: error: {exc}", file=sys.stderr)
        return 2
    files, failed = _expand(args.files)
    records: list[dict[str, Any]] = []
    for path in files:
        name = "<stdin>" if path == "-" else path
        try:
            data, text, warnings = _read(path, name)
        except InputError as exc:
            print(f"newsfix detect: {exc}", file=sys.stderr)
            failed = True
            continue
        for message in warnings:
            print(f"newsfix detect: warning: {message}", file=sys.stderr)
        paragraphs = split_paragraphs(text)
        try:
            doc, guesses = detect_document(paragraphs, detector=args.detector)
        except DetectorUnavailable as exc:
            print(f"newsfix detect: {exc}", file=sys.stderr)
            return 2
        damage: dict[str, dict[str, Any]] = {}
        if families:
            try:
                damage = _damage(data, name, args.detector, lexicons, families)
            except Exception as exc:  # one document's failure never loses the others
                print(f"newsfix detect: {name}: damage profile failed: "
                      f"{type(exc).__name__}: {exc}", file=sys.stderr)
                failed = True
                continue
        if args.json:
            record: dict[str, Any] = {"path": name, "language": doc.to_dict()}
            if args.paragraphs:
                record["paragraphs"] = [
                    {"index": i, "preview": preview(p), "language": g.to_dict()}
                    for i, (p, g) in enumerate(zip(paragraphs, guesses, strict=True))
                ]
            if families:
                record["damage"] = damage
            records.append(record)
        else:
            _report(name, doc, paragraphs, guesses, with_paragraphs=args.paragraphs, out=out)
            for line in _damage_lines(name, damage):
                out.write(line + "\n")
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return 1 if failed else 0


_pipeline: Any = None


def _damage(data: bytes, name: str, detector: str, lexicons: tuple[Any, ...],
            families: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The damage profile of a document as its repairs read it (``Result.damage``)."""
    global _pipeline
    from newsfix.config import FixConfig
    from newsfix.pipeline import Pipeline

    if _pipeline is None:
        _pipeline = Pipeline.default()
    config = FixConfig(translate=False, detector=detector, lexicons=lexicons)
    result = _pipeline.run(data, config, name=name)
    return {family: result.damage[family] for family in families if family in result.damage}


if __name__ == "__main__":
    raise SystemExit(main())
