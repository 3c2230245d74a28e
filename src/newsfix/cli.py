"""The ``newsfix`` command: a thin layer over :func:`newsfix.fix_and_trace`.

Exit codes: 0 all inputs processed; 1 at least one input could not be read
(the others were still processed); 2 usage error; 3 with ``--strict``, all
inputs processed but some text could not be translated (no model installed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsfix._version import __version__
from newsfix.config import DEFAULT_THRESHOLD, FixConfig
from newsfix.result import Result

__all__ = ["main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_UNTRANSLATED = 0, 1, 2, 3
SUBCOMMANDS = ("detect", "models", "rules")
#: A file is refused as binary if its first block has a NUL byte or if more
#: than this share of its bytes is not valid UTF-8.
MAX_INVALID_SHARE = 0.1


class InputError(Exception):
    """An input that cannot be processed; the message names the file and the problem."""


@dataclass(frozen=True)
class Input:
    name: str
    path: Path | None  # None for stdin
    relative: Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsfix",
        description="Clean, repair and translate damaged news text, with provenance. "
                    "Other commands: 'newsfix detect FILE...' (languages), "
                    "'newsfix models ...' (translation models), 'newsfix rules' (rule catalog).",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE",
                   help="text files, directories (their *.txt files) or - for stdin")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help="print the result object (a JSON array for several inputs)")
    out.add_argument("--jsonl", action="store_true", help="print one result object per line")
    out.add_argument("--diff", action="store_true", help="print a readable list of the edits")
    p.add_argument("-o", "--output-dir", type=Path, metavar="DIR",
                   help="write one output per input into DIR instead of printing")
    p.add_argument("--no-translate", action="store_true", help="do not translate")
    p.add_argument("--disable", action="append", default=[], metavar="RULE",
                   help="disable a rule id or category (repeatable, or comma-separated)")
    p.add_argument("--only", action="append", default=None, metavar="RULE",
                   help="run only these rule ids or categories (repeatable)")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help="apply changes at or above this confidence; suggest the rest "
                        f"(default {DEFAULT_THRESHOLD})")
    p.add_argument("--language", metavar="CODE", help="force the document language")
    p.add_argument("--detector", default="langdetect",
                   help="language detector: langdetect (default) or fast")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="report page residue as suggestions instead of removing it")
    p.add_argument("--auto-install", action="store_true",
                   help="install missing translation models on first need")
    p.add_argument("--strict", action="store_true",
                   help="exit 3 if some text could not be translated")
    p.add_argument("--glob", default="*.txt", help="files taken from a directory (default *.txt)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--version", action="version", version=f"newsfix {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        return _subcommand(args_list[0], args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not args.inputs:
        parser.print_usage(sys.stderr)
        print("newsfix: error: give at least one FILE, DIR or -", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = _config(args)
    except (ValueError, TypeError, KeyError) as exc:
        print(f"newsfix: error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    untranslated = False
    inputs, failed = _expand(args.inputs, args.glob)
    results: list[dict[str, object]] = []
    progress = _Progress(len(inputs), enabled=not args.no_progress)
    for k, item in enumerate(inputs):
        progress.update(k, item.name)
        try:
            data = _read(item)
            result = _run(data, config, item.name)
        except InputError as exc:
            _error(str(exc))
            failed = True
            continue
        for w in result.warnings:
            where = item.name
            if isinstance(w.get("source"), list):  # review flags point at the source
                line, col = _line_col(result.source, int(w["source"][0]))
                where = f"{item.name}:{line}:{col}"
            print(f"newsfix: warning: {where}: {w['message']}", file=sys.stderr)
            untranslated |= w.get("code") == "no-translation-model"
        if args.output_dir:
            _write_output(args, item, result)
        elif args.json:
            results.append(result.to_dict())
        elif args.jsonl:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        elif args.diff:
            _print_diff(item.name, result, sys.stdout, _use_color(args.color))
        else:
            sys.stdout.write(result.text)
            if len(inputs) > 1 and not result.text.endswith("\n"):
                sys.stdout.write("\n")
    progress.done()
    if args.json and not args.output_dir:
        payload: object = results[0] if len(results) == 1 and len(inputs) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    if failed:
        return EXIT_INPUT
    if untranslated and args.strict:
        return EXIT_UNTRANSLATED
    return EXIT_OK


def _subcommand(name: str, argv: list[str]) -> int:
    if name == "detect":
        from newsfix.cli_detect import main as detect_main

        return detect_main(argv)
    if name == "models":
        try:
            from newsfix.translate.cli import main as models_main
        except ImportError as exc:  # pragma: no cover - depends on the install
            print(f"newsfix models: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return models_main(argv)
    from newsfix.catalog import main as rules_main

    return rules_main(argv)


def _config(args: argparse.Namespace) -> FixConfig:
    from newsfix.rules import registry

    known = {r.id for r in registry()} | {r.category for r in registry()}
    disable = {x.strip() for d in args.disable for x in d.split(",") if x.strip()}
    only = None if args.only is None else {
        x.strip() for d in args.only for x in d.split(",") if x.strip()}
    for name in disable | (only or set()):
        if name not in known:
            raise KeyError(f"unknown rule or category {name!r} (see 'newsfix rules')")
    return FixConfig().with_options(
        threshold=args.threshold, disable=disable, enable_only=only,
        translate=not args.no_translate, language=args.language, detector=args.detector,
        keep_boilerplate=args.keep_boilerplate, auto_install=args.auto_install)


def _expand(names: list[str], glob: str) -> tuple[list[Input], bool]:
    """The inputs named on the command line, directories expanded; and whether one failed."""
    inputs: list[Input] = []
    failed = False
    for name in names:
        if name == "-":
            inputs.append(Input("<stdin>", None, Path("stdin.txt")))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob(glob) if p.is_file())
            if not files:
                _error(f"{name}: directory has no files matching {glob!r}")
                failed = True
            inputs += [Input(str(f), f, f.relative_to(path)) for f in files]
        else:
            inputs.append(Input(name, path, Path(path.name)))
    return inputs, failed


def _read(item: Input) -> bytes:
    if item.path is None:
        return sys.stdin.buffer.read()
    try:
        data = item.path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{item.name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{item.name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{item.name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{item.name}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{item.name}: binary file (contains NUL bytes), not text")
    return data


def _run(data: bytes, config: FixConfig, name: str) -> Result:
    from newsfix.pipeline import Pipeline, decode

    _, warnings = decode(data, name=name)
    invalid = sum(int(w["byte_length"]) for w in warnings)
    if data and invalid / len(data) > MAX_INVALID_SHARE:
        raise InputError(f"{name}: not UTF-8 text ({invalid} of {len(data)} bytes invalid)")
    return Pipeline.default().run(data, config, name=name)


def _write_output(args: argparse.Namespace, item: Input, result: Result) -> None:
    target = args.output_dir / item.relative
    if args.json or args.jsonl:
        target = target.with_name(target.name + ".json")
        content = result.to_json(indent=1) + "\n"
    elif args.diff:
        target = target.with_name(target.name + ".diff")
        from io import StringIO

        buf = StringIO()
        _print_diff(item.name, result, buf, color=False)
        content = buf.getvalue()
    else:
        content = result.text
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


def _use_color(mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _print_diff(name: str, result: Result, out: TextIO, color: bool) -> None:
    red, green, dim, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m") if color else \
        ("", "", "", "")
    for kind, edits in (("", result.edits), ("? ", result.suggestions)):
        for e in edits:
            line, col = _line_col(result.source, e.source.start)
            rules = " > ".join(s.rule for s in e.steps) if e.steps else e.rule
            out.write(f"{name}:{line}:{col}: {kind}{rules} {red}{e.before!r}{reset} -> "
                      f"{green}{e.after!r}{reset} {dim}({e.confidence:.2f}) {e.message}{reset}\n")
    out.write(f"{name}: {len(result.edits)} edits, {len(result.suggestions)} suggestions\n")


def _error(message: str) -> None:
    print(f"newsfix: error: {message}", file=sys.stderr)


class _Progress:
    """A one-line progress bar on stderr, only for many inputs on a terminal."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total >= 5 and sys.stderr.isatty()

    def update(self, k: int, name: str) -> None:
        if self.enabled:
            width = 30
            filled = width * k // max(self.total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {k}/{self.total} "
                             f"{name[-40:]:<40}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 80 + "\r")


if __name__ == "__main__":
    raise SystemExit(main())
