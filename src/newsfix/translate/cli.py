"""``newsfix models``: list, find, install and remove translation packages.

Exit codes: 0 success; 2 bad usage; 3 the ``translate`` extra is missing;
4 no such package (not installed, or not in the index); 5 the index or a
download could not be read (offline, timeout, bad JSON); 6 the package file
is invalid or corrupt (nothing was installed); 1 any other error.
Also runnable as ``python -m newsfix.translate.cli``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from newsfix.translate.errors import ModelError, TranslationUnavailable

PROG = "newsfix models"


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
        "(shared with argostranslate).",
        epilog="exit codes: 0 ok, 2 usage, 3 extra missing, 4 no such package, "
        "5 index/download unreachable, 6 invalid package file, 1 other",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list installed packages")
    available = sub.add_parser("available", help="list packages offered by the index")
    available.add_argument("--index", help="index URL (base or .json; http, https, file)")
    available.add_argument("--timeout", type=float, default=20.0, help="seconds per network step")
    install = sub.add_parser("install", help="install a package (from the index or a file)")
    install.add_argument("code", help="source language code, e.g. nb")
    install.add_argument("--to", default="en", help="target language code (default en)")
    install.add_argument("--from-file", metavar="PATH", help="install this .argosmodel file")
    install.add_argument("--index", help="index URL (base or .json; http, https, file)")
    install.add_argument("--timeout", type=float, default=60.0, help="seconds per network step")
    remove = sub.add_parser("remove", help="remove an installed package")
    remove.add_argument("code", help="source language code, e.g. nb")
    remove.add_argument("--to", default="en", help="target language code (default en)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsfix models`` with ``argv`` and return the exit code."""
    from newsfix.translate import models

    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    try:
        if args.command == "list":
            installed = models.list_installed()
            if not installed:
                dirs = ", ".join(str(d) for d in models.package_dirs())
                print(f"no translation packages installed (in {dirs})")
            for p in installed:
                print(f"{p.pair}\t{p.version}\t{_size(p.size_bytes)}\t{p.path}")
        elif args.command == "available":
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                offers = models.list_available(args.index, timeout=args.timeout)
            for w in caught:
                print(f"{PROG}: warning: {w.message}", file=sys.stderr)
            for a in sorted(offers, key=lambda a: (a.from_code, a.to_code)):
                print(f"{a.from_code}→{a.to_code}\t{a.version}\t{a.from_name} → {a.to_name}")
        elif args.command == "install":
            info = models.install(
                args.code, args.to, args.from_file, index=args.index, timeout=args.timeout
            )
            print(f"installed {info.pair} {info.version} in {info.path}")
        elif args.command == "remove":
            for info in models.remove(args.code, args.to):
                print(f"removed {info.pair} {info.version} from {info.path}")
    except (ModelError, TranslationUnavailable) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return int(getattr(err, "exit_code", 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
