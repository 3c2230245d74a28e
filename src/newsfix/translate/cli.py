"""``newsfix models`` (find, install, list, remove packages) and ``newsfix translate``.

Both follow argostranslate's commands where they overlap: ``models search``,
``update``, ``list``, ``install`` and ``remove`` are ``argospm``'s verbs, and
``newsfix translate -f nb -t en "TEXT"`` is ``argos-translate``'s call.

Exit codes of ``models``: 0 success; 2 bad usage; 3 the ``translate`` extra
is missing; 4 no such package (not installed, or not in the index); 5 the
index or a download could not be read (offline, timeout, bad JSON); 6 the
package file is invalid or corrupt (nothing was installed); 1 any other
error.  ``translate``: 0 success; 1 the input cannot be read or the output
written; 2 bad usage; 3 no package for the pair (or the extra is missing).

Runnable as ``python -m newsfix.translate.cli models-args…`` and
``python -m newsfix.translate.cli translate …``.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsfix.translate.errors import ModelError, TranslationUnavailable

PROG = "newsfix models"
TRANSLATE_PROG = "newsfix translate"


def _size(n: int) -> str:
    """Format a byte count for people.

    >>> _size(512), _size(31_000), _size(250_000_000)
    ('512 B', '30 KiB', '238 MiB')
    """
    value = float(n)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            return f"{value:.0f} {unit}"
        value /= 1024
    raise AssertionError  # pragma: no cover


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Manage the argostranslate packages newsfix translates with "
        "(in argostranslate's own folders, shared with it).",
        epilog="exit codes: 0 ok, 2 usage, 3 extra missing, 4 no such package, "
        "5 index/download unreachable, 6 invalid package file, 1 other",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="list installed packages")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    for name, what in (
        ("search", "list the packages the index offers (the saved copy, if any)"),
        ("available", "the same as search"),
    ):
        search = sub.add_parser(name, help=what)
        search.add_argument("query", nargs="?", help="part of a language code or name")
        search.add_argument("-f", "--from-lang", help="only packages from this language")
        search.add_argument("-t", "--to-lang", help="only packages to this language")
        search.add_argument("--index", help="read this index (base or .json URL, or a path)")
        search.add_argument("--timeout", type=float, default=20.0, help="seconds per network step")
        search.add_argument("--json", action="store_true", help="print a JSON array")
    update = sub.add_parser("update", help="download the package index and save a copy")
    update.add_argument("--timeout", type=float, default=20.0, help="seconds per network step")
    install = sub.add_parser("install", help="install a package (from the index or a file)")
    install.add_argument("code", help="source language code, e.g. nb")
    install.add_argument("--to", default="en", help="target language code (default en)")
    install.add_argument("--from-file", metavar="PATH", help="install this .argosmodel file")
    install.add_argument("--index", help="index URL (base or .json; http, https, file)")
    install.add_argument("--timeout", type=float, default=60.0, help="seconds per network step")
    install.add_argument(
        "--max-size",
        type=float,
        metavar="MIB",
        help="refuse packages that unpack to more than this (default 4096 MiB)",
    )
    remove = sub.add_parser("remove", help="remove an installed package")
    remove.add_argument("code", help="source language code, e.g. nb")
    remove.add_argument("--to", default="en", help="target language code (default en)")
    return parser


@contextmanager
def _warnings_to_stderr(prog: str) -> Iterator[None]:
    """Print Python warnings raised inside as ``prog: warning: …`` lines on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for w in caught:
                print(f"{prog}: warning: {w.message}", file=sys.stderr)


def _matches(offer: Any, args: argparse.Namespace) -> bool:
    from newsfix.translate.codes import same_language

    if args.from_lang and not same_language(offer.from_code, args.from_lang):
        return False
    if args.to_lang and not same_language(offer.to_code, args.to_lang):
        return False
    if args.query:
        q = args.query.casefold()
        fields = (offer.from_code, offer.to_code, offer.from_name, offer.to_name)
        return same_language(offer.from_code, q) or any(q in f.casefold() for f in fields)
    return True


def _search(args: argparse.Namespace) -> int:
    from newsfix.translate import layout, models

    saved = layout.current().local_index
    cached = args.index is None and saved.exists()
    offers = models.list_available(args.index, timeout=args.timeout, cached=True)
    if cached:
        print(
            f"{PROG}: from the index saved at {saved}; `newsfix models update` refreshes it",
            file=sys.stderr,
        )
    found = sorted((a for a in offers if _matches(a, args)), key=lambda a: (a.pair, a.version))
    if args.json:
        print(json.dumps([a.to_dict() for a in found], ensure_ascii=False, indent=2))
    for a in [] if args.json else found:
        print(f"{a.pair}\t{a.version}\t{a.from_name} → {a.to_name}")
    if not found and (args.query or args.from_lang or args.to_lang):
        print(f"{PROG}: no package in the index matches", file=sys.stderr)
        return 4
    return 0


def _update(args: argparse.Namespace) -> int:
    from newsfix.translate import models

    url, saved, offers = models.update_index(timeout=args.timeout)
    print(f"saved the package index of {len(offers)} packages from {url} to {saved}")
    stale = models.outdated(offers)
    for p, newer in stale:
        print(
            f"{p.pair} {p.version} is installed, {newer.version} is available: "
            f"run `newsfix models install {p.from_code} --to {p.to_code}`"
        )
    if not stale and models.list_installed():
        print("the installed packages are up to date")
    return 0


def _commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    from newsfix.translate import archive, models

    def listing(args: argparse.Namespace) -> int:
        installed = models.list_installed()
        if args.json:
            print(json.dumps([p.to_dict() for p in installed], ensure_ascii=False, indent=2))
        elif not installed:
            dirs = ", ".join(str(d) for d in models.package_dirs())
            print(f"no translation packages installed (in {dirs})")
        for p in [] if args.json else installed:
            print(f"{p.pair}\t{p.version}\t{_size(p.size_bytes)}\t{p.path}")
        return 0

    def install(args: argparse.Namespace) -> int:
        limits = None
        if args.max_size is not None:
            limits = archive.Limits(max_bytes=int(args.max_size * 2**20))
        info = models.install(
            args.code,
            args.to,
            args.from_file,
            index=args.index,
            timeout=args.timeout,
            limits=limits,
        )
        print(f"installed {info.pair} {info.version} in {info.path}")
        return 0

    def remove(args: argparse.Namespace) -> int:
        for info in models.remove(args.code, args.to):
            print(f"removed {info.pair} {info.version} from {info.path}")
        return 0

    return {
        "list": listing,
        "search": _search,
        "available": _search,
        "update": _update,
        "install": install,
        "remove": remove,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsfix models`` with ``argv`` and return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    try:
        with _warnings_to_stderr(PROG):
            return _commands()[args.command](args)
    except (ModelError, TranslationUnavailable) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return int(getattr(err, "exit_code", 1))


# --- newsfix translate -------------------------------------------------------------------


def _translate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=TRANSLATE_PROG,
        description="Translate text or a UTF-8 file with an installed argostranslate package, "
        "sentence by sentence, keeping the layout (no cleanup: `newsfix FILE` cleans and "
        "translates).",
        epilog="exit codes: 0 ok, 1 input/output error, 2 usage, 3 no package for the pair",
    )
    parser.add_argument(
        "input",
        nargs="?",
        metavar="TEXT|FILE",
        help="text to translate, or a file (an existing file name wins); "
        "missing or '-' reads standard input",
    )
    parser.add_argument("-f", "--from-lang", required=True, help="source language code, e.g. nb")
    parser.add_argument("-t", "--to-lang", default="en", help="target language code (default en)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the translation here")
    parser.add_argument(
        "--json", action="store_true", help="print the text and each sentence with its offsets"
    )
    parser.add_argument("--beam-size", type=int, default=2, help="beam size (default 2)")
    parser.add_argument("--device", default="auto", help="auto (default), cpu or cuda")
    return parser


class _InputError(Exception):
    pass


def _read_input(given: str | None) -> tuple[str, Path | None]:
    if given is None or given == "-":
        return sys.stdin.read(), None
    path = Path(given)
    try:
        is_file, is_dir = path.is_file(), path.is_dir()
    except (OSError, ValueError):  # a long text or one with NUL is no valid path
        is_file = is_dir = False
    if is_dir:
        raise _InputError(f"{given} is a directory; give a file or some text")
    if not is_file:
        return given, None
    try:
        return path.read_text("utf-8"), path
    except UnicodeDecodeError as err:
        raise _InputError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start})") from err
    except OSError as err:
        raise _InputError(f"cannot read {path}: {err.strerror or err}") from err


def translate_text(
    text: str, from_code: str, to_code: str = "en", **load: Any
) -> tuple[str, list[dict[str, Any]]]:
    """Translate ``text`` sentence by sentence; return the text and one record per sentence.

    Whitespace between sentences and paragraphs is kept as it was; each
    record gives the sentence's ``source`` and ``output`` spans, ``before``,
    ``after`` and ``score``.  ``load`` goes to :meth:`Translator.load`.
    """
    from newsfix.translate.codes import same_language
    from newsfix.translate.engine import Translator

    if same_language(from_code, to_code):
        return text, []
    translator = Translator.load(from_code, to_code, **load)
    [sentences] = translator.translate_paragraphs([text])
    pieces, records, last, out_len = [], [], 0, 0
    for s in sentences:
        pieces.append(text[last : s.start])
        out_len += s.start - last
        records.append(
            {
                "source": [s.start, s.end],
                "output": [out_len, out_len + len(s.text)],
                "before": text[s.start : s.end],
                "after": s.text,
                "score": round(s.score, 4),
            }
        )
        pieces.append(s.text)
        out_len += len(s.text)
        last = s.end
    pieces.append(text[last:])
    return "".join(pieces), records


def translate_main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsfix translate`` with ``argv`` and return the exit code."""
    parser = _translate_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        text, source = _read_input(args.input)
    except _InputError as err:
        print(f"{TRANSLATE_PROG}: error: {err}", file=sys.stderr)
        return 1
    output = Path(args.output) if args.output else None
    if output is not None and source is not None and output.resolve() == source.resolve():
        print(f"{TRANSLATE_PROG}: error: -o {output} would overwrite the input", file=sys.stderr)
        return 2
    try:
        with _warnings_to_stderr(TRANSLATE_PROG):
            translated, records = translate_text(
                text, args.from_lang, args.to_lang, device=args.device, beam_size=args.beam_size
            )
    except TranslationUnavailable as err:
        print(f"{TRANSLATE_PROG}: error: {err}", file=sys.stderr)
        return 3
    if args.json:
        body = json.dumps(
            {
                "from": args.from_lang,
                "to": args.to_lang,
                "source": str(source) if source else None,
                "text": translated,
                "sentences": records,
            },
            ensure_ascii=False,
            indent=2,
        )
        body += "\n"
    else:
        body = translated if translated.endswith("\n") or output else translated + "\n"
    if output is None:
        sys.stdout.write(body)
        return 0
    try:
        output.write_text(body, "utf-8")
    except OSError as err:
        print(f"{TRANSLATE_PROG}: error: cannot write {output}: {err}", file=sys.stderr)
        return 1
    return 0


def _main_module(argv: Sequence[str]) -> int:
    if argv[:1] == ["translate"]:
        return translate_main(argv[1:])
    return main(argv)


if __name__ == "__main__":
    sys.exit(_main_module(sys.argv[1:]))
