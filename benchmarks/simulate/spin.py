"""A synonym spinner (issue 11) in the manner of seed 003.

It replaces 20–30% of the content words by thesaurus synonyms, part of speech
blind (``battle`` for war, ``stated`` for said, ``final`` for last), and,
from its own table ``tables/spin_extra.tsv``, function words (``whilst``,
``however``, ``by way of``), numerals (``1 / 4`` for a quarter, ``100's of``),
months (``Walk`` for March, ``Might`` for May) and abbreviations (``yr``,
``sq.``). Organisation names from ``tables/org_names.txt`` are spun word for
word (``Worldwide Atomic Vitality Company``). Articles before a new vowel
sound are left as they were (``a extra``), as spinners do. In most documents
quotations are left alone (seed 003); in about a third they are spun too.

Thesaurus words come from ``src/newsfix/data/spin_synonyms.tsv.gz`` under the
split of :mod:`benchmarks.simulate.split`: the replaced word's row is on the
``sim`` side and the written synonym's own row on the ``mech`` side.

Spots: one per name (kind ``name``) and one per run of adjacent spun words
(kind ``phrase`` when several, else the unit's kind: ``word``, ``function``,
``numeral``, ``month``, ``abbreviation``); ``parts`` lists every replaced unit
with its ``kind``, ``source`` (``thesaurus`` or ``extra``) and, for thesaurus
words, ``tier`` (1 close synonym, 2 looser term).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from benchmarks.simulate import split
from benchmarks.simulate.core import TABLES, Proposal, Rng, TextInfo, case_like, read_table

FAMILY = "spin"
TOKEN_RE = re.compile(r"(?<![\w’'\-./])[A-Za-z]+(?![\w’'\-]|\.\w)")


@cache
def function_words() -> frozenset[str]:
    text = (TABLES / "function_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


@cache
def extras() -> tuple[tuple[str, str, str], ...]:
    """(kind, original, spun), longest original first."""
    rows = [(k, o, s) for k, o, s in read_table("spin_extra.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


@cache
def org_names() -> tuple[str, ...]:
    lines = (TABLES / "org_names.txt").read_text(encoding="utf-8").splitlines()
    names = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
    return tuple(sorted(names, key=len, reverse=True))


@cache
def spins(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the spinner may write for ``word`` (lower case): (close, looser) synonyms.

    Empty unless ``word``'s row is on the sim side; only synonyms whose own row
    is on the mech side.
    """
    table = split.load_thesaurus()
    if word not in table or split.side(word) != "sim":
        return (), ()
    tier1, tier2 = table[word]
    keep = [tuple(c for c in tier if c != word and c in table and split.side(c) == "mech")
            for tier in (tier1, tier2)]
    return keep[0], keep[1]


def _pick(rng: Rng, word: str) -> tuple[str, int] | None:
    tier1, tier2 = spins(word)
    if tier1 and (not tier2 or rng.chance(0.85)):
        return rng.choice(tier1), 1
    if tier2:
        return rng.choice(tier2), 2
    return None


def _free(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return not any(s < b and a < e for a, b in spans)


def _repeats(ref: str, s: int, e: int, spun: str) -> bool:
    """Whether writing ``spun`` at [s, e) would double a neighbouring word (``of of``)."""
    words = spun.lower().split()
    before = re.search(r"([^\W\d_]+) $", ref[max(0, s - 30):s])
    after = re.match(r" ([^\W\d_]+)", ref[e:e + 30])
    return bool((before and before.group(1).lower() == words[0])
                or (after and after.group(1).lower() == words[-1]))


def _names(ref: str, info: TextInfo, rng: Rng, rate: float, quotes: bool,
           taken: list[tuple[int, int]]) -> list[Proposal]:
    out = []
    fw = function_words()
    for name in org_names():
        for m in re.finditer(r"(?<![\w’'-])" + re.escape(name) + r"(?![\w-])", ref):
            s, e = m.span()
            if not _free(taken, s, e) or info.is_byline(s) or (info.quoted(s, e) and not quotes):
                continue
            taken.append((s, e))
            if not rng.chance(rate):
                continue
            parts = []
            for w in re.finditer(r"[A-Za-z]+", m.group()):
                low = w.group().lower()
                if low in fw or not rng.chance(0.9):
                    continue
                pick = _pick(rng, low)
                if pick is None:
                    continue
                ws, we = s + w.start(), s + w.end()
                parts.append((ws, we, case_like(pick[0], w.group()),
                              {"kind": "word", "source": "thesaurus", "tier": pick[1]}))
            if not parts:
                continue
            text, last = [], s
            for ps, pe, pt, _ in parts:
                text += [ref[last:ps], pt]
                last = pe
            text.append(ref[last:e])
            out.append(Proposal(s, e, "".join(text), FAMILY, "name", parts=tuple(parts)))
    return out


def _extras(ref: str, info: TextInfo, rng: Rng, rates: dict[str, float], quotes: bool,
            taken: list[tuple[int, int]]) -> list[tuple[int, int, str, dict[str, Any]]]:
    out = []
    for kind, original, spun in extras():
        flags = 0 if kind == "month" else re.IGNORECASE
        pattern = r"(?<![\w’'-])" + re.escape(original) + r"(?![\w-]|[’'][^\W\d_])"
        for m in re.finditer(pattern, ref, flags):
            s, e = m.span()
            found = m.group()
            if not _free(taken, s, e) or info.is_byline(s) or info.is_heading(s):
                continue
            if info.quoted(s, e) and not quotes:
                continue
            start = info.sentence_start(s)
            if kind == "month":
                if start:
                    continue  # ``May I…``
            elif found != found.lower() and not (start and found[1:] == found[1:].lower()):
                continue
            taken.append((s, e))
            if rng.chance(rates[kind]) and not _repeats(ref, s, e, spun):
                text = spun if kind == "month" else case_like(spun, found)
                out.append((s, e, text, {"kind": kind, "source": "extra"}))
    return out


def content_tokens(ref: str, info: TextInfo, quotes: bool) -> list[tuple[int, int, str]]:
    """Content words the spinner may count and replace: (start, end, lower-case word)."""
    fw = function_words()
    out = []
    for m in TOKEN_RE.finditer(ref):
        s, e = m.span()
        w = m.group()
        low = w.lower()
        if low in fw or len(w) < 2 or info.is_heading(s):
            continue
        if w != low and not (info.sentence_start(s) and w[1:] == low[1:]):
            continue  # a name, or an acronym
        if info.quoted(s, e) and not quotes:
            continue
        out.append((s, e, low))
    return out


def _phrases(units: list[tuple[int, int, str, dict[str, Any]]], ref: str) -> list[Proposal]:
    """Runs of adjacent replaced units (one space apart) become one spot each."""
    out: list[Proposal] = []
    run: list[tuple[int, int, str, dict[str, Any]]] = []

    def flush() -> None:
        if not run:
            return
        s, e = run[0][0], run[-1][1]
        text = " ".join(u[2] for u in run)
        kind = "phrase" if len(run) > 1 else run[0][3]["kind"]
        out.append(Proposal(s, e, text, FAMILY, kind, parts=tuple(run)))
        run.clear()

    for u in sorted(units):
        if run and ref[run[-1][1]:u[0]] != " ":
            flush()
        run.append(u)
    flush()
    return out


def propose(ref: str, info: TextInfo, rng: Rng, lang: str | None = None,
            **params: Any) -> tuple[list[Proposal], dict[str, Any]]:
    rate = params.get("rate", rng.uniform(0.20, 0.30))
    quotes = params.get("spin_quotes", rng.chance(1 / 3))
    rates = {"function": rng.uniform(0.3, 0.6), "numeral": 0.8, "month": 0.9,
             "abbreviation": rng.uniform(0.3, 0.7)}
    name_rate = rng.uniform(0.7, 1.0)
    taken: list[tuple[int, int]] = []
    names = _names(ref, info, rng, name_rate, quotes, taken)
    units = _extras(ref, info, rng, rates, quotes, taken)
    content = content_tokens(ref, info, quotes)
    free = [t for t in content if _free(taken, t[0], t[1])]
    # Looser terms (tier 2: ``battle`` for war, ``officers`` for officials) are
    # used less: a word with none but them is eligible three times in ten.
    eligible = [t for t in free if spins(t[2])[0] or (spins(t[2])[1] and rng.chance(0.3))]
    target = round(rate * len(content))
    for s, e, low in rng.sample(eligible, target):
        pick = _pick(rng, low)
        if pick is not None and not _repeats(ref, s, e, pick[0]):
            units.append((s, e, case_like(pick[0], ref[s:e]),
                          {"kind": "word", "source": "thesaurus", "tier": pick[1]}))
    spun_words = sum(1 for u in units if u[3]["source"] == "thesaurus")
    profile = {"rate": round(rate, 3), "content_words": len(content), "eligible": len(eligible),
               "spun_words": spun_words,
               "achieved": round(spun_words / len(content), 3) if content else 0.0,
               "spin_quotes": quotes, "names": len(names)}
    return names + _phrases(units, ref), profile
