#!/usr/bin/env python3
"""Build the word-choice tables for machine-translated English from the bilingual dictionaries.

Development time only; reads ``src/newsfix/data/bilingual/*_en.tsv.gz`` (build
them first with ``scripts/build_bilingual.py``) and wordfreq::

    .venv/bin/python scripts/build_mt_senses.py

Writes under ``src/newsfix/data/``:

* ``mt_siblings.tsv.gz`` — ``lang  english  source  candidates``: for a source
  word (German ``Ruf``) that translates to ``english`` (``reputation``), the
  other English translations of the same source word (``call|cry|shout…``, in
  the dictionary's order): what a literal translator may have meant instead.
  Only frequent source lemmas (wordfreq Zipf >= 3.5 in their language), their
  translations that are frequent English (Zipf >= 3.0, at most two words) and
  the first five candidates of at most two words are kept. (lang, english,
  source) is unique.
* ``mt_false_friends.tsv.gz`` — ``lang  source  english  translations``: English
  words that look like a source word (``actual`` ~ German ``aktuell``,
  ``eventually`` ~ ``eventuell``, ``chef`` ~ ``Chef``) but are not among its
  translations, with the translations it has. Looks like: after folding case
  and diacritics, collapsing doubled letters and a few spelling
  correspondences (German/Dutch/Scandinavian k→c, z→c, Polish w→v…), the same
  first letter and an edit distance of 0 for words of up to five letters, 1 up
  to seven, 2 beyond; or the English word starts with the source word less its
  last two letters (at least five left) and is at most four letters longer.
  English lookalikes down to Zipf 1.5 (a literal translator writes rare words:
  ``concurrence``). ``distance`` says how close the look is (0: the same
  shape, 1–2: edit distance or the stem rule). A lookalike that the
  dictionary lists as a minor translation (``milliard`` of Milliarde,
  ``politics`` of politique, ``delay`` of délai) is a row too, with the
  translations ranked before it and distance 1, when its shape is the same.
  Source lemmas with Zipf >= 3.0. (lang, source, english) is unique.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexsources as ls

HEAD_SIB = """\
# Sense siblings for machine-translation word choice: an English word that translates a source
# word, and the other English translations of that source word (what a literal translator may
# have meant instead; German Ruf: reputation -> call|cry|...). Columns: lang, english, source
# (lemma), candidates (| separated, dictionary order).
# Source: bilingual/*_en.tsv.gz (FreeDict, OMW, Apertium; licences in LICENSES-bilingual.md) and
# wordfreq (Apache-2.0, data CC BY-SA 4.0). Built by scripts/build_mt_senses.py.
"""
HEAD_FF = """\
# Lookalike false friends: English words that look like a source word but are not among its
# translations (German aktuell ~ actual, eventuell ~ eventually, Chef ~ chef), or only a minor
# one (French milliard ~ milliard: the senses ranked before it). Columns: lang, source (lemma),
# english (the lookalike), translations (what the source word does mean), distance (0: the
# same shape; 1-2: edit distance or a stem match).
# Source: bilingual/*_en.tsv.gz (licences in LICENSES-bilingual.md) and wordfreq word lists
# (Apache-2.0, data CC BY-SA 4.0). Built by scripts/build_mt_senses.py.
"""
MIN_ZIPF = 3.0  # source lemmas considered for false friends
MIN_SIB_ZIPF = 3.5  # source lemmas considered for siblings
#: English lookalikes as rare as this still count: a literal translator writes rare words
#: (`concurrence`, `milliard`) that an English writer would not.
MIN_LOOKALIKE_ZIPF = 1.5
MAX_SIB_ENGLISH = 10  # every translation of a lemma gets a sibling row
MAX_SIB_CANDIDATES = 5
SPELLING = {
    "de": [("sch", "sh"), ("k", "c"), ("z", "c"), ("ph", "f")],
    "nl": [("k", "c"), ("z", "s"), ("ij", "y")],
    "nb": [("k", "c"), ("sj", "sh")],
    "sv": [("k", "c"), ("sj", "sh")],
    "da": [("k", "c")],
    "pl": [("w", "v"), ("k", "c"), ("sz", "sh"), ("cz", "ch"), ("j", "y")],
    "fr": [("ph", "f")],
    "es": [("f", "ph")],
    "it": [("zion", "tion"), ("f", "ph")],
    "pt": [("ção", "tion"), ("f", "ph")],
}


def read(path: Path) -> list[list[str]]:
    rows, header = [], None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
            else:
                rows.append(cells)
    return rows


def collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


def shapes(word: str, lang: str) -> set[str]:
    base = ls.fold(word)
    out = {collapse(base)}
    mapped = base
    for a, b in SPELLING.get(lang, []):
        mapped = mapped.replace(a, b)
    out.add(collapse(mapped))
    return out


def distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            best = min(best, cur[j])
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def looks_like(src_shapes: set[str], en: str) -> int | None:
    """How far ``en`` is from the closest source shape (None: it does not look alike).

    0 for the same shape (``aktuell`` ~ ``actual`` after the spelling
    correspondences), the edit distance up to the length's limit, and 2 for
    the stem rule (``Konkurrenz`` ~ ``concurrence``).
    """
    e = collapse(en)
    best: int | None = None
    for s in src_shapes:
        if len(s) < 4 or e[:1] != s[:1]:
            continue
        limit = 0 if len(s) <= 5 else 1 if len(s) <= 7 else 2
        if abs(len(s) - len(e)) <= 2:
            d = distance(s, e, limit)
            if d <= limit and (best is None or d < best):
                best = d
        stem = s[:-2]
        if len(stem) >= 5 and e.startswith(stem) and len(e) - len(stem) <= 4 \
                and (best is None or best > 2):
            best = 2
    return best


def related(en: str, translations: list[str]) -> bool:
    """``en`` is a translation or an inflection/derivation of one (``actually`` of ``actual``)."""
    words = {w for t in translations for w in t.lower().split()}
    for w in words:
        if en == w or (
            len(w) >= 4 and (en.startswith(w) or w.startswith(en)) and abs(len(en) - len(w)) <= 3
        ):
            return True
    return False


def main() -> int:
    import wordfreq

    en_vocab = [
        w
        for w in wordfreq.top_n_list("en", 200000)
        if w.isalpha() and w.isascii() and ls.zipf(w, "en") >= MIN_LOOKALIKE_ZIPF and len(w) >= 3
    ]
    blocks: dict[str, list[str]] = defaultdict(list)
    for w in en_vocab:
        blocks[collapse(w)[:3]].append(w)
    sib_rows: list[list[str]] = []
    ff_rows: list[list[str]] = []
    for lang in ls.LANGS:
        rows = read(ls.DATA / "bilingual" / f"{lang}_en.tsv.gz")
        for lemma, _pos, english, _src in rows:
            if " " in lemma or ls.zipf(lemma.lower(), lang) < MIN_ZIPF:
                continue
            frequent = ls.zipf(lemma.lower(), lang) >= MIN_SIB_ZIPF
            trans = english.split("|")
            usable = [
                t for t in trans if len(t.split()) <= 2 and ls.zipf(t.lower(), "en") >= MIN_ZIPF
            ]
            seen: set[str] = set()
            for e in [] if not frequent else usable[:MAX_SIB_ENGLISH]:
                key = e.lower()
                if key in seen:
                    continue
                seen.add(key)
                others = [
                    t
                    for t in trans
                    if t.lower() != key and len(t.split()) <= 2 and not related(key, [t])
                ][:MAX_SIB_CANDIDATES]
                if others:
                    sib_rows.append([lang, key, lemma, "|".join(others)])
            sh = shapes(lemma, lang)
            cands: set[str] = set()
            for s in sh:
                if len(s) >= 4:
                    cands.update(e for e in blocks.get(s[:3], []) if -3 <= len(e) - len(s) <= 6)
            for e in sorted(cands):
                d = looks_like(sh, e)
                if d is None:
                    continue
                if not related(e, trans):
                    ff_rows.append([lang, lemma, e, "|".join(trans[:6]), str(d)])
                    continue
                # The lookalike is a minor translation (`milliard` of Milliarde, `politics` of
                # politique, `delay` of délai): the senses the dictionary ranks before it are
                # what a literal translator who took the lookalike most often meant.
                before = []
                for t in trans:
                    if related(e, [t]):
                        break
                    before.append(t)
                if before and d == 0:
                    ff_rows.append([lang, lemma, e, "|".join(before[:6]), "1"])
    sib_rows = sorted({(r[0], r[1], r[2]): r for r in sib_rows}.values())
    ff_rows = sorted({(r[0], r[1], r[2]): r for r in ff_rows}.values())
    ls.write_table(
        ls.DATA / "mt_siblings.tsv.gz",
        HEAD_SIB,
        ["lang", "english", "source", "candidates"],
        sib_rows,
    )
    ls.write_table(
        ls.DATA / "mt_false_friends.tsv.gz",
        HEAD_FF,
        ["lang", "source", "english", "translations", "distance"],
        ff_rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
