"""Bokmål and Nynorsk by cross-validation on UD's train part of NDT: a second tuning set.

The UD *dev* split that ``bench_langid.py`` tunes on holds 841 Nynorsk and 889
Bokmål sentences from five sources, none from Dag og Tid; the *test* split is
for measuring only. This script measures on text that neither is: the
Norwegian Dependency Treebank file parts that are UD's train part (what
``scripts/build_langid_tables.py`` learns from), split into ``--folds``
groups of whole documents. For each fold it builds the variant table without
that fold's documents (everything else as the builder does it, the first half
of UD dev included), and detects every ``--every``-th sentence of the fold
(tokens joined, spaces before punctuation removed) with the default backend.
Reported: % right per standard, sentences with at least 20 letters.

Data: the same folders as the builder (``--ud``, ``--ordbank``, ``--ndt``).
Backend answers are kept in ``--cache`` (a pickle, one entry per sentence),
so that trying a setting costs seconds after the first run.

Usage::

    python benchmarks/cv_langid_standards.py --ud ~/ud --ordbank ~/norwegian-wordlist \\
        --ndt ~/norne/ndt
    python benchmarks/cv_langid_standards.py ... --set _NYNORSK_PRIOR=0.5 --build WORD_CLIP=5
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import pickle
import re
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsfix import langid, lexicon

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import build_langid_tables as build  # noqa: E402

MIN_LETTERS = 20


def fold_of(document: str, folds: int) -> int:
    """The fold of an NDT document: a stable hash of its name."""
    return zlib.crc32(document.encode()) % folds


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,:;!?)»])", r"\1", text)
    return re.sub(r"([(«]) ", r"\1", text)


def load_table(path: Path) -> dict[str, Any]:
    """Read a variant table the way :func:`newsfix.langid._variants` does."""
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines]
    saved = lexicon.cells
    lexicon.cells = lambda name: rows  # type: ignore[assignment]
    try:
        tables = langid._read_variants()
    finally:
        lexicon.cells = saved  # type: ignore[assignment]
    return {variant: langid._Variant(**entry) for variant, entry in tables.items()}


def cross_validate(ud: Path, ordbank: Path, ndt: Path, *, folds: int, every: int,
                   detect: Callable[[str], str]) -> dict[str, tuple[int, int]]:
    """(right, sentences) per standard over all folds."""
    parts = build.ndt_train_parts
    score = {"nn": [0, 0], "nb": [0, 0]}
    saved_variants = langid._variants
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(folds):
                def without_fold(n: Path, u: Path, standard: str,
                                 k: int = k) -> list[tuple[str, Any]]:
                    return [(d, p) for d, p in parts(n, u, standard) if fold_of(d, folds) != k]

                build.ndt_train_parts = without_fold
                out = Path(tmp) / f"fold{k}.tsv.gz"
                with contextlib.redirect_stdout(io.StringIO()):
                    build.main(["--ud", str(ud), "--ordbank", str(ordbank), "--ndt", str(ndt),
                                "--out", str(out)])
                build.ndt_train_parts = parts
                table = load_table(out)
                langid._variants = lambda table=table: table  # type: ignore[assignment]
                for standard in ("nn", "nb"):
                    held = [p for d, p in parts(ndt, ud, standard) if fold_of(d, folds) == k]
                    texts = [detokenize([f for f, _ in s]) for p in held for s in p][::every]
                    for text in texts:
                        if langid.count_letters(langid._ADDRESS_RE.sub(" ", text)) < MIN_LETTERS:
                            continue
                        score[standard][1] += 1
                        score[standard][0] += detect(text) == standard
    finally:
        build.ndt_train_parts = parts
        langid._variants = saved_variants  # type: ignore[assignment]
    return {standard: (r, n) for standard, (r, n) in score.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, required=True)
    parser.add_argument("--ordbank", type=Path, required=True)
    parser.add_argument("--ndt", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--every", type=int, default=3, help="measure every n-th sentence")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "newsfix-cv-langdetect.pkl")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a newsfix.langid constant for this run (repeatable)")
    parser.add_argument("--build", action="append", default=[], metavar="NAME=VALUE",
                        help="a constant of the table builder for this run (repeatable)")
    args = parser.parse_args(argv)
    for module, settings in ((langid, args.set), (build, args.build)):
        for setting in settings:
            name, value = setting.split("=", 1)
            setattr(module, name, type(getattr(module, name))(float(value)))
    memo: dict[str, list[tuple[str, float]]] = {}
    if args.cache.is_file():
        memo = pickle.loads(args.cache.read_bytes())
    known = len(memo)
    backend = langid._BACKENDS["langdetect"]

    def cached(text: str) -> list[tuple[str, float]]:
        if text not in memo:
            memo[text] = backend(text)
        return memo[text]

    langid._BACKENDS["langdetect"] = cached
    try:
        score = cross_validate(args.ud, args.ordbank, args.ndt, folds=args.folds,
                               every=args.every,
                               detect=lambda text: langid.detect_language(text).code)
    finally:
        langid._BACKENDS["langdetect"] = backend
    if len(memo) > known:
        args.cache.write_bytes(pickle.dumps(memo))
    settings = " ".join(args.set + args.build) or "as shipped"
    print(f"{settings}: " + ", ".join(f"{s} {100 * r / n:.2f}% of {n}"
                                      for s, (r, n) in score.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
