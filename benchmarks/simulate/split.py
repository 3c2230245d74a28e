"""The thesaurus split that keeps the spinner and the mechanism apart (issue 11).

The spinner and newsfix's spin reversal draw on the same thesaurus,
``src/newsfix/data/spin_synonyms.tsv.gz``: one row per surface form, listing
the forms it may stand for (close synonyms, and ``~``-marked looser terms).
If the spinner wrote ``stated`` for ``said`` by reading the very row the
mechanism consults, the benchmark would measure memorisation. So every row is
assigned, by a stable rule on its headword, to one side:

* ``sim`` rows are the spinner's thesaurus. The spinner replaces a word only
  if that word's row is ``sim``, reading the row forwards (``said`` → one of
  its synonyms);
* ``mech`` rows are the mechanism's. The spinner only writes a synonym whose
  own row is ``mech``, so the written word can in principle be traced back —
  but only through a row the spinner never read.

A spun pair (original → spun) therefore always has ``original`` on the sim
side and ``spun`` on the mech side: the dev set and the mechanism never
share a row. When benchmarking, the mechanism must not use the sim rows
(:func:`banned_rows`, or ``python -m benchmarks.simulate split --banned``);
``benchmarks/bench_damage.py`` removes them from newsfix's loaded table.

The rule: CRC-32 of ``SALT + headword`` modulo 100, below ``SIM_PERCENT`` is
``sim``. It depends on nothing but the headword, so it survives rebuilding
or extending the table.

>>> side("said") in ("sim", "mech")
True
>>> side("said") == side("said")
True
"""

from __future__ import annotations

import gzip
import zlib
from functools import cache
from pathlib import Path

__all__ = ["SALT", "SIM_PERCENT", "THESAURUS", "banned_rows", "load_thesaurus", "mech_rows",
           "side"]

ROOT = Path(__file__).resolve().parents[2]
THESAURUS = ROOT / "src" / "newsfix" / "data" / "spin_synonyms.tsv.gz"
SALT = "newsfix-devsets-spin-split/1:"
SIM_PERCENT = 50

Row = tuple[tuple[str, ...], tuple[str, ...]]


def side(headword: str) -> str:
    """``"sim"`` or ``"mech"``: the side of the thesaurus row of ``headword``."""
    h = zlib.crc32((SALT + headword.lower()).encode("utf-8")) % 100
    return "sim" if h < SIM_PERCENT else "mech"


@cache
def load_thesaurus(path: Path = THESAURUS) -> dict[str, Row]:
    """Headword → (close synonyms, looser terms), as ``newsfix.rules.spin`` reads it."""
    out: dict[str, Row] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            form, _, cands = line.rstrip("\n").partition("\t")
            words = cands.split()
            out[form] = (tuple(w for w in words if not w.startswith("~")),
                         tuple(w[1:] for w in words if w.startswith("~")))
    return out


def banned_rows(path: Path = THESAURUS) -> frozenset[str]:
    """Headwords of the rows the mechanism must not use when benchmarked (the sim side)."""
    return frozenset(h for h in load_thesaurus(path) if side(h) == "sim")


def mech_rows(path: Path = THESAURUS) -> dict[str, Row]:
    """The rows the mechanism may use when benchmarked."""
    return {h: r for h, r in load_thesaurus(path).items() if side(h) == "mech"}
