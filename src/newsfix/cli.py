"""The ``newsfix`` command: a thin layer over :class:`newsfix.pipeline.Pipeline`.

``newsfix [fix] [options] FILE...`` fixes texts (``fix`` is the default
command, so ``newsfix a.txt`` is ``newsfix fix a.txt``); the other commands are
``batch``, ``detect``, ``translate``, ``models``, ``rules`` and ``check``. A
file whose name is a command is reached with ``newsfix fix NAME``, ``newsfix
./NAME`` or ``newsfix -- NAME``.

Exit codes: 0 all inputs processed; 1 at least one input could not be read or
failed (the others were still processed, and a failed one has an error record
in JSON output); 2 usage error; 3 with ``--strict``, all inputs processed but
some text could not be translated (no model installed); 130 interrupted; 141
the reader of standard output went away (``| head``), quietly.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TextIO

from newsfix._version import __version__
from newsfix.config import DEFAULT_THRESHOLD, FixConfig
from newsfix.inputs import Input, InputError, expand, read_bytes, write_atomic
from newsfix.lexicon import UserLexicon
from newsfix.result import Result

__all__ = ["COMMANDS", "UsageError", "add_fix_options", "add_lexicon_option", "config_from_args",
           "main", "rule_lexicon_names", "user_lexicons"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_UNTRANSLATED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141

#: The commands, in the order ``newsfix --help`` lists them.
COMMANDS: dict[str, str] = {
    "fix": "clean, repair and translate texts (the default command)",
    "batch": "fix an archive in parallel into JSON Lines, resumable",
    "detect": "the language of files and of their paragraphs",
    "translate": "translate a text or a file offline",
    "models": "translation models: list, install, remove",
    "rules": "the rule catalog",
    "check": "check results against the provenance contract",
}

#: Words of context on each side of an edit in ``--diff`` (``--context``).
DIFF_CONTEXT_WORDS = 3


class UsageError(Exception):
    """A bad command line; the message is printed on one line and the exit code is 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a broken pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader went away (`newsfix ... | head`): stop quietly, like cat.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("newsfix: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _dispatch(args: list[str]) -> int:
    if not args:
        fix_parser().print_usage(sys.stderr)
        print("newsfix: error: give at least one FILE, DIR or - (or a command; "
              "see newsfix --help)", file=sys.stderr)
        return EXIT_USAGE
    if args[0] in ("-h", "--help"):
        print(_top_help())
        return EXIT_OK
    if args[0] == "--version":
        print(f"newsfix {__version__}")
        return EXIT_OK
    command = args[0]
    if command not in COMMANDS:
        typo = difflib.get_close_matches(command, COMMANDS, n=1, cutoff=0.75)
        if typo and not command.startswith("-") and not Path(command).exists():
            print(f"newsfix: error: no command or file {command!r}; did you mean "
                  f"'newsfix {typo[0]}'?", file=sys.stderr)
            return EXIT_USAGE
        return fix_main(args)  # the default command; `--` and `./rules` land here
    if Path(command).exists():
        print(f"newsfix: note: {command!r} is read as the command; to fix the file "
              f"{command!r}, run: newsfix fix {command} (or newsfix ./{command})",
              file=sys.stderr)
    rest = args[1:]
    if command == "fix":
        return fix_main(rest)
    if command == "batch":
        from newsfix.batch import main as batch_main

        return batch_main(rest)
    if command == "detect":
        from newsfix.cli_detect import main as detect_main

        return detect_main(rest)
    if command in ("models", "translate"):
        return _translate_command(command, rest)
    if command == "check":
        from newsfix.contract import main as check_main

        return check_main(rest)
    from newsfix.catalog import main as rules_main

    return rules_main(rest)


def _translate_command(command: str, argv: list[str]) -> int:
    """``newsfix models ...`` and ``newsfix translate ...``, from :mod:`newsfix.translate.cli`."""
    try:
        from newsfix.translate import cli as translate_cli
    except ImportError as exc:  # pragma: no cover - depends on the install
        print(f"newsfix {command}: not available: {exc}; "
              "install it with: pip install 'newsfix[translate]'", file=sys.stderr)
        return EXIT_USAGE
    name = "main" if command == "models" else "translate_main"
    entry: Callable[[list[str]], int] | None = getattr(translate_cli, name, None)
    if entry is None:
        print(f"newsfix {command}: not available in this version of newsfix "
              f"(newsfix.translate.cli has no {name})", file=sys.stderr)
        return EXIT_USAGE
    return int(entry(argv))


def _top_help() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: newsfix [fix] [options] FILE|DIR|- ...\n"
             "       newsfix COMMAND [options] ...\n\n"
             "Clean, repair and translate damaged news text, with provenance.\n\n"
             "commands:"]
    lines += [f"  {name:<{width}}  {text}" for name, text in COMMANDS.items()]
    lines += ["",
              "'newsfix FILE...' is 'newsfix fix FILE...'. A file named like a command:",
              "'newsfix fix rules', 'newsfix ./rules' or 'newsfix -- rules'.",
              "Options of a command: newsfix COMMAND --help (the fix options: newsfix fix "
              "--help).",
              "Documentation: docs/cli.md"]
    return "\n".join(lines)


# --- options shared by `newsfix fix` and `newsfix batch` -------------------


def add_fix_options(p: argparse.ArgumentParser) -> None:
    """The options that configure fixing (a :class:`FixConfig`), for fix and batch."""
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
    p.add_argument("--encoding", metavar="CODEC",
                   help="read inputs in this encoding (default: UTF-8, a byte-order mark, "
                        "or a legacy encoding guessed with a warning)")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="report page residue as suggestions instead of removing it")
    p.add_argument("--auto-install", action="store_true",
                   help="install missing translation models on first need")
    p.add_argument("--glob", default="*.txt",
                   help="files taken from a directory (default *.txt)")
    add_lexicon_option(p)


def add_lexicon_option(p: argparse.ArgumentParser) -> None:
    """``--lexicon [RULE=]FILE``, repeatable (fix, batch, detect --damage)."""
    p.add_argument("--lexicon", action="append", default=[], metavar="[RULE=]FILE",
                   help="a lexicon file of your own extending the package's (repeatable): "
                        "FILE extends the lexicon it declares ('# lexicon: NAME') or is "
                        "named after; RULE=FILE the lexicon that rule reads")


def config_from_args(args: argparse.Namespace) -> FixConfig:
    """The :class:`FixConfig` of parsed options; ``UsageError`` for a bad value."""
    from newsfix.rules import registry

    known = {r.id for r in registry()} | {r.category for r in registry()}
    disable = {x.strip() for d in args.disable for x in d.split(",") if x.strip()}
    only = None if args.only is None else {
        x.strip() for d in args.only for x in d.split(",") if x.strip()}
    for name in sorted(disable | (only or set())):
        if name not in known:
            raise UsageError(f"unknown rule or category {name!r} (see 'newsfix rules')")
    _check_detector(args.detector)
    lexicons = user_lexicons(args.lexicon)
    try:
        return FixConfig().with_options(
            threshold=args.threshold, disable=disable, enable_only=only,
            translate=not args.no_translate, language=args.language, detector=args.detector,
            keep_boilerplate=args.keep_boilerplate, auto_install=args.auto_install,
            encoding=args.encoding, lexicons=lexicons)
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None


def user_lexicons(values: Sequence[str]) -> tuple[UserLexicon, ...]:
    """The ``--lexicon`` files, checked now: ``UsageError`` naming the file and the problem.

    Each file must exist and read as a lexicon (a header row, then rows); a
    ``RULE=FILE`` must name a rule that reads a lexicon (and which one must be
    clear); a plain ``FILE`` must extend some lexicon a rule reads, by its
    ``# lexicon: NAME`` declaration or by its file name. A file that would be
    silently ignored is an error.
    """
    from newsfix.lexicon import LexiconError
    from newsfix.rules import registry

    rules = {r.id: r for r in registry()}
    out = []
    for value in values:
        user = UserLexicon.parse(value)
        if user.rule is not None and user.rule not in rules:
            close = difflib.get_close_matches(user.rule, rules, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"--lexicon {value}: unknown rule {user.rule!r}{hint}")
        if user.rule is not None and not rules[user.rule].lexicons:
            raise UsageError(f"--lexicon {value}: rule {user.rule} reads no lexicon")
        if not user.path.is_file():
            problem = "is a directory" if user.path.is_dir() else "no such file"
            raise UsageError(f"--lexicon {value}: {problem}")
        try:
            declared = user.declared()  # reads and parses the file
            bound = user if user.rule is None else user.bind(rules[user.rule].lexicons)
        except UnicodeDecodeError as exc:
            raise UsageError(f"--lexicon {value}: not UTF-8 text (byte {exc.start})") from None
        except LexiconError as exc:
            message = str(exc).removeprefix(f"{user.path}: ")
            raise UsageError(f"--lexicon {value}: {message}") from None
        extended = [name for name in rule_lexicon_names() if _extends(bound, declared, name)]
        if not extended:
            raise UsageError(
                f"--lexicon {value}: extends no lexicon a rule reads; name the file after "
                "one, declare '# lexicon: NAME' in its header, or give RULE=FILE "
                "(the rules' lexicons: newsfix rules --json)")
        out.append(bound)
    return tuple(out)


def _extends(user: UserLexicon, declared: Sequence[str], name: str) -> bool:
    if user.lexicon is not None:
        return fnmatchcase(name, user.lexicon)
    if declared:
        return any(fnmatchcase(name, d) for d in declared)
    return Path(name).name in (user.path.name, user.path.name.removesuffix(".gz"))


def rule_lexicon_names() -> list[str]:
    """Every package lexicon some rule declares it reads (globs expanded), sorted.

    >>> "layout_photo_agencies.tsv" in rule_lexicon_names()
    True
    >>> "boilerplate/en.tsv" in rule_lexicon_names()
    True
    """
    from newsfix.lexicon import data_files
    from newsfix.rules import registry

    names: set[str] = set()
    for rule in registry():
        for name in rule.lexicons:
            if any(ch in name for ch in "*?["):
                folder = str(Path(name).parent)
                names.update(n for n in data_files(folder) if Path(n).match(name))
            else:
                names.add(name)
    return sorted(names)


def _check_detector(name: str) -> None:
    """An unknown or uninstalled detector is a usage error, before any input is read."""
    from newsfix.config import DETECTORS
    from newsfix.langid import DetectorUnavailable, detect_language

    if name not in DETECTORS:
        raise UsageError(f"unknown detector {name!r}; choose one of {', '.join(DETECTORS)}")
    try:
        # Not English: an English paragraph is decided without loading any backend.
        detect_language("Denne setningen laster bare detektoren.", detector=name)
    except DetectorUnavailable as exc:
        raise UsageError(str(exc)) from None


def error_record(name: str, exc: BaseException) -> dict[str, Any]:
    """The JSON record that stands for a document that failed (schema ``newsfix.error/1``).

    ``rule`` names the rule that was running when the exception was raised,
    when one was (found on the exception or in its traceback).

    >>> error_record("a.txt", InputError("a.txt: no such file"))["message"]
    'a.txt: no such file'
    """
    from newsfix.contract import ERROR_SCHEMA

    return {"schema": ERROR_SCHEMA, "id": name, "error": type(exc).__name__,
            "rule": _failing_rule(exc), "message": str(exc)}


def _failing_rule(exc: BaseException) -> str | None:
    rule = getattr(exc, "rule", None)
    if isinstance(rule, str):
        return rule
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = []
        tb = current.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        for frame in reversed(frames):  # innermost first
            candidate = frame.f_locals.get("rule")
            rule_id = getattr(candidate, "id", None)
            if isinstance(rule_id, str):
                return rule_id
        current = current.__cause__ or current.__context__
    return None


# --- `newsfix fix` ---------------------------------------------------------


def fix_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsfix fix`` (the default command)."""
    p = argparse.ArgumentParser(
        prog="newsfix",
        usage="newsfix [fix] [options] FILE|DIR|- ...",
        description="Clean, repair and translate damaged news text, with provenance.",
        epilog="Other commands: " + ", ".join(c for c in COMMANDS if c != "fix")
               + " (newsfix --help). A file named like a command: newsfix fix NAME, "
                 "newsfix ./NAME or newsfix -- NAME.",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE",
                   help="text files, directories (their *.txt files) or - for stdin")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help="print the result object (a JSON array for several inputs)")
    out.add_argument("--jsonl", action="store_true", help="print one result object per line")
    out.add_argument("--diff", action="store_true",
                     help="print each edit and suggestion on one line, in context "
                          "(Result.diff); the last line counts them")
    p.add_argument("--context", type=int, default=DIFF_CONTEXT_WORDS, metavar="N",
                   help=f"words of context either side of an edit in --diff "
                        f"(default {DIFF_CONTEXT_WORDS})")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="write to PATH instead of standard output: a file for one input "
                        "(always one file with --jsonl); a directory, one output per input, "
                        "for a directory input, several inputs or an existing directory")
    p.add_argument("--output-dir", type=Path, metavar="DIR",
                   help="write one output per input into DIR, whatever the inputs")
    add_fix_options(p)
    p.add_argument("--strict", action="store_true",
                   help="exit 3 if some text could not be translated")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--version", action="version", version=f"newsfix {__version__}")
    return p


@dataclass
class _Plan:
    """Where the output of each input goes."""

    mode: str  # "stdout", "file" (one input), "dir" (one per input), "jsonl" (one file)
    path: Path | None = None

    def target(self, args: argparse.Namespace, item: Input) -> Path | None:
        if self.path is None or self.mode == "stdout":
            return None
        if self.mode in ("file", "jsonl"):
            return self.path
        target = self.path / item.relative
        if args.json:
            return target.with_name(target.name + ".json")
        if args.diff:
            return target.with_name(target.name + ".diff")
        return target


def _plan(args: argparse.Namespace, inputs: list[Input]) -> _Plan:
    if args.output_dir is not None:
        if args.output is not None:
            raise UsageError("give -o or --output-dir, not both")
        plan = _Plan("dir", args.output_dir)
    elif args.output is None or args.output == "-":
        return _Plan("stdout")
    else:
        path = Path(args.output)
        names_dir = args.output.endswith(("/", os.sep)) or path.is_dir()
        if args.jsonl:
            if names_dir:
                raise UsageError(f"-o {args.output}: --jsonl writes one file of JSON Lines, "
                                 "not a directory (--json -o DIR writes one file per input)")
            plan = _Plan("jsonl", path)
        elif (names_dir or len(inputs) > 1
              or any(Path(n).is_dir() for n in args.inputs if n != "-")):
            plan = _Plan("dir", path)
        else:
            plan = _Plan("file", path)
    if plan.mode == "dir" and plan.path is not None and plan.path.exists() \
            and not plan.path.is_dir():
        raise UsageError(f"-o {plan.path}: is a file; one output per input needs a directory")
    _refuse_overwriting_inputs(args, plan, inputs)
    return plan


def _refuse_overwriting_inputs(args: argparse.Namespace, plan: _Plan,
                               inputs: list[Input]) -> None:
    """-o never overwrites an input: a target that is an input is a usage error."""
    sources = {os.path.realpath(i.path) for i in inputs if i.path is not None}
    for item in inputs:
        target = plan.target(args, item)
        if target is None:
            continue
        same = os.path.realpath(target) in sources
        if not same and target.exists():
            same = any(i.path is not None and i.path.exists() and os.path.samefile(target, i.path)
                       for i in inputs)
        if same:
            raise UsageError(f"-o would overwrite the input {target}; choose another output")


def progress_bar(total: int | None, *, enabled: bool) -> Any:
    """A tqdm bar on stderr (rate, ETA), drawn only when stderr is a terminal."""
    from tqdm import tqdm

    enabled = enabled and sys.stderr.isatty()
    size: dict[str, Any] = {"dynamic_ncols": True}
    if enabled:
        try:
            unknown = os.get_terminal_size(sys.stderr.fileno()).columns == 0
        except OSError:
            unknown = True
        if unknown:  # a terminal that reports no size (some ptys): tqdm would draw nothing
            size = {"ncols": 80, "nrows": 24}
    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False, disable=not enabled,
                smoothing=0.1, **size)


def say(bar: Any, message: str) -> None:
    """Print ``message`` on stderr on a line of its own, above the bar if one is drawn."""
    from tqdm import tqdm

    if bar.disable:
        print(message, file=sys.stderr, flush=True)
    else:
        tqdm.write(message, file=sys.stderr)


class _Reporter:
    """Messages on stderr that never share a line with the progress bar."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.bar = progress_bar(total, enabled=enabled and total >= 5)

    def say(self, message: str) -> None:
        say(self.bar, message)

    def step(self, name: str) -> None:
        self.bar.set_postfix_str(name[-40:], refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


@contextmanager
def _python_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Collect Python warnings raised while fixing one input (to print them cleanly)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def fix_main(argv: Sequence[str]) -> int:
    """``newsfix fix``: the default command."""
    parser = fix_parser()
    args = parser.parse_args(list(argv))
    if not args.inputs:
        parser.print_usage(sys.stderr)
        print("newsfix: error: give at least one FILE, DIR or -", file=sys.stderr)
        return EXIT_USAGE
    inputs, errors = expand(args.inputs, args.glob)
    try:
        if args.context < 0:
            raise UsageError("--context must be 0 or more words")
        config = config_from_args(args)
        plan = _plan(args, inputs)
    except UsageError as exc:
        print(f"newsfix: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for message in errors:
        print(f"newsfix: error: {message}", file=sys.stderr)

    from newsfix.decode import binary_reason
    from newsfix.pipeline import Pipeline

    pipeline = Pipeline.default()
    failed = bool(errors)
    untranslated = False
    color = _use_color(args.color) and plan.mode == "stdout"
    collected: list[dict[str, Any]] = []  # --json to stdout or to one file
    jsonl = _open_jsonl(plan)
    reporter = _Reporter(len(inputs), enabled=not args.no_progress)
    try:
        for item in inputs:
            reporter.step(item.name)
            record: dict[str, Any] | None = None
            result: Result | None = None
            with _python_warnings() as caught:
                try:
                    data = read_bytes(item.path, item.name)
                    reason = None if config.encoding else binary_reason(data)
                    if reason:
                        raise InputError(f"{item.name}: {reason}")
                    result = pipeline.run(data, config, name=item.name)
                except InputError as exc:
                    record = error_record(item.name, exc)
                    reporter.say(f"newsfix: error: {exc}")
                except Exception as exc:  # one document's failure never loses the others
                    record = error_record(item.name, exc)
                    rule = f" in rule {record['rule']}" if record["rule"] else ""
                    reporter.say(f"newsfix: error: {item.name}: failed{rule}: "
                                 f"{type(exc).__name__}: {exc}")
            known = {str(w.get("message")) for w in result.warnings} if result else set()
            for w in caught:
                if str(w.message) not in known:
                    reporter.say(f"newsfix: warning: {item.name}: {w.message}")
            if result is None:
                failed = True
                assert record is not None
                _emit_error(args, plan, item, record, collected, jsonl)
                continue
            untranslated |= _report_warnings(reporter, item, result)
            _emit(args, plan, item, result, collected, jsonl, color,
                  several=len(inputs) > 1)
    finally:
        reporter.close()
        if jsonl is not None:
            jsonl.close()
    if args.json and plan.mode in ("stdout", "file"):
        payload: object = collected[0] if len(collected) == 1 and len(inputs) == 1 \
            else collected
        content = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
        if plan.mode == "stdout":
            sys.stdout.write(content)
        elif plan.path is not None and collected:
            write_atomic(plan.path, content)
    if failed:
        return EXIT_INPUT
    if untranslated and args.strict:
        return EXIT_UNTRANSLATED
    return EXIT_OK


def _open_jsonl(plan: _Plan) -> TextIO | None:
    if plan.mode != "jsonl" or plan.path is None:
        return None
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    return plan.path.open("w", encoding="utf-8")


def _report_warnings(reporter: _Reporter, item: Input, result: Result) -> bool:
    """Print a result's warnings; True if some text stayed untranslated."""
    untranslated = False
    for w in result.warnings:
        where = item.name
        if isinstance(w.get("source"), list):  # review flags point at the source
            line, col = _line_col(result.source, int(w["source"][0]))
            where = f"{item.name}:{line}:{col}"
        message = str(w["message"])
        if message.startswith(f"{item.name}: "):
            message = message[len(item.name) + 2:]
        reporter.say(f"newsfix: warning: {where}: {message}")
        untranslated |= w.get("code") == "no-translation-model"
    return untranslated


def _emit(args: argparse.Namespace, plan: _Plan, item: Input, result: Result,
          collected: list[dict[str, Any]], jsonl: TextIO | None, color: bool, *,
          several: bool) -> None:
    if args.json and plan.mode in ("stdout", "file"):
        collected.append(result.to_dict())
        return
    if jsonl is not None or (args.jsonl and plan.mode == "stdout"):
        out = jsonl or sys.stdout
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
        return
    if args.json:
        content = result.to_json(indent=1) + "\n"
    elif args.diff:
        content = result.diff(context_words=args.context, color=color, name=item.name) + "\n"
    else:
        content = result.text
    target = plan.target(args, item)
    if target is None:
        sys.stdout.write(content)
        if several and not args.diff and not content.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        write_atomic(target, content)


def _emit_error(args: argparse.Namespace, plan: _Plan, item: Input, record: dict[str, Any],
                collected: list[dict[str, Any]], jsonl: TextIO | None) -> None:
    """Error records go where JSON results go; text and diff output have none (stderr has it)."""
    if args.json and plan.mode in ("stdout", "file"):
        collected.append(record)
    elif jsonl is not None or (args.jsonl and plan.mode == "stdout"):
        out = jsonl or sys.stdout
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    elif args.json:
        target = plan.target(args, item)
        if target is not None:
            write_atomic(target, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def _use_color(mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


if __name__ == "__main__":
    raise SystemExit(main())
