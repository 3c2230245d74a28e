#!/usr/bin/env python3
"""Build ``src/newsfix/data/en_pos.tsv.gz``: how likely each English word form is a noun, verb…

    apt-get install wordnet-base      # Princeton WordNet 3.0 under /usr/share/wordnet
    .venv/bin/python scripts/build_en_pos.py

For the most frequent English word forms (wordfreq), WordNet's morphology
(its exception lists and detachment rules, as ``morphy`` does) gives the
lemmas the form can belong to in each part of speech, and WordNet's index
gives each lemma's *tagged sense count* in that part of speech (how often its
senses were seen tagged in the SemCor corpus). The table holds, per form, the
share of that evidence each part of speech gets (with half a count per
listed lemma, so that untagged lemmas count a little). The evidence model
uses it to tell whether a word after ``Xs`` is one that can be owned
(``the parliaments decision``) or a verb (``the banks closed``).

Deterministic; run again to rebuild. Licence of the source: WordNet 3.0
licence (permissive, see LICENSES-pos.md).
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")
OUT = ROOT / "src" / "newsfix" / "data" / "en_pos.tsv.gz"
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
RULES = {
    "noun": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
             ("ing", "e"), ("ing", "")],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}
WORDS = 60000
MIN_ZIPF = 2.5


def index(pos: str) -> dict[str, int]:
    """Lemma → tagged sense count in one part of speech."""
    out = {}
    for line in (WORDNET / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        cells = line.split()
        p_cnt = int(cells[3])
        tagsense = int(cells[5 + p_cnt])
        out[cells[0]] = tagsense
    return out


def exceptions(pos: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line in (WORDNET / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
        form, *lemmas = line.split()
        out[form] += lemmas
    return out


def lemmas(form: str, pos: str, idx: dict[str, int], exc: dict[str, list[str]]) -> set[str]:
    found = {lem for lem in exc.get(form, []) if lem in idx}
    if form in idx:
        found.add(form)
    for suffix, repl in RULES[pos]:
        if form.endswith(suffix) and len(form) > len(suffix) + 1:
            base = form[: -len(suffix)] + repl
            if base in idx:
                found.add(base)
    return found


def main() -> None:
    if not (WORDNET / "index.noun").exists():
        raise SystemExit("WordNet not found: apt-get install wordnet-base")
    idx = {pos: index(pos) for pos in POS}
    exc = {pos: exceptions(pos) for pos in POS}
    rows = []
    for form in top_n_list("en", WORDS):
        if not form.isalpha() or zipf_frequency(form, "en") < MIN_ZIPF:
            continue
        weights = {}
        for pos in POS:
            found = lemmas(form, pos, idx[pos], exc[pos])
            weights[pos] = sum(idx[pos][lem] + 0.5 for lem in found)
        total = sum(weights.values())
        if not total:
            continue
        rows.append((form, *(f"{weights[p] / total:.2f}" for p in POS)))
    rows.sort()
    header = (
        "# Part-of-speech shares of English word forms: per form, the share of WordNet 3.0's\n"
        "# tagged sense counts (SemCor) of its lemmas in each part of speech (plus half a count\n"
        "# per lemma). Forms: wordfreq's most frequent English words (Zipf >= 2.5).\n"
        "# Source: Princeton WordNet 3.0 (Debian wordnet-base), WordNet 3.0 licence, see\n"
        "# LICENSES-pos.md. Built by scripts/build_en_pos.py; do not edit by hand.\n"
        "word\tnoun\tverb\tadj\tadv\n")
    body = "".join("\t".join(r) + "\n" for r in rows)
    OUT.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} forms, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
