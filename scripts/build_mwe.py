#!/usr/bin/env python3
"""Build ``src/newsfix/data/en_mwe.tsv.gz``, English multi-word expressions with a score.

Development time only. Inputs::

    apt-get install wordnet-base
    .venv/bin/pip install wordsegment
    .venv/bin/python scripts/build_mwe.py

Rows: ``phrase  score  count  pmi  wordnet``.

* Candidates: WordNet 3.0's multi-word lemmas (any part of speech, lower case,
  two to four words, every word frequent in English: wordfreq Zipf >= 3.0;
  capitalised names of institutions and places lower-cased, names of people
  left out), and the bigrams of wordsegment's counts (Google Web Trillion Word Corpus via
  Peter Norvig) whose two words are not function words (English's 120 most
  frequent words that WordNet does not list: the, of, which…), with count >=
  20,000 and PMI >= 3 (``prime minister``, ``last year``,
  ``interest rate``).
* ``count``: the bigram count (for three or four words, the smallest count of
  their adjacent bigrams; 0 when one is missing); ``pmi``: pointwise mutual
  information of the bigram in bits (mean over adjacent bigrams);
  ``wordnet`` = ``y`` when WordNet lists the phrase; ``score`` =
  ``pmi * log10(count + 1)`` + 5 for WordNet phrases (a phrase seen in both
  sources ranks above one seen in either).
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexsources as ls

HEADER = """\
# English multi-word expressions (collocations and terms of news) with a score.
# Columns: phrase (lower case), score (pmi * log10(count+1), +5 when WordNet lists it), count
# (bigram count; for 3-4 words the smallest adjacent bigram count), pmi (bits), wordnet (y/empty).
# Source: WordNet 3.0 multi-word lemmas (Princeton WordNet 3.0 licence) and the bigram counts of
# the wordsegment package (Apache-2.0; Google Web Trillion Word Corpus via Peter Norvig).
# Licence notices: LICENSES-spin.md (same sources). Built by scripts/build_mwe.py.
"""
MIN_BIGRAM = 20_000
MIN_PMI = 3.0


def main() -> int:
    import wordfreq
    import wordsegment

    wordsegment.load()
    uni = wordsegment.UNIGRAMS
    bi = wordsegment.BIGRAMS
    total = sum(uni.values())
    ranks = ls.wordnet_lemma_ranks()
    # function words: frequent words WordNet does not list (the, of, which…); "year" stays
    function = {w for w in wordfreq.top_n_list("en", 120) if w not in ranks}

    def pmi(a: str, b: str) -> float | None:
        c = bi.get(f"{a} {b}")
        if not c or a not in uni or b not in uni:
            return None
        return math.log2(c * total / (uni[a] * uni[b]))

    def stats(words: list[str]) -> tuple[int, float]:
        counts, pmis = [], []
        for a, b in itertools.pairwise(words):
            counts.append(int(bi.get(f"{a} {b}", 0)))
            p = pmi(a, b)
            pmis.append(p if p is not None else 0.0)
        return min(counts), sum(pmis) / len(pmis)

    phrases: dict[str, bool] = {}
    syn = ls.wordnet_synsets()
    for s in syn.values():
        for lemma in s.lemmas:
            words = lemma.split()
            if not 2 <= len(words) <= 4:
                continue
            if lemma != lemma.lower():
                # capitalised names of institutions and places (White House, Security
                # Council), not of people
                if s.lexfile == 18 or s.offset[-1] != "n":
                    continue
                lemma = lemma.lower()
                words = lemma.split()
            if not all(re.fullmatch(r"[a-z]+", w) and ls.zipf(w, "en") >= 3.0 for w in words):
                continue
            phrases[lemma] = True
    for key, c in bi.items():
        if c < MIN_BIGRAM:
            continue
        a, _, b = key.partition(" ")
        if a in function or b in function or not (a.isalpha() and b.isalpha()):
            continue
        if len(a) < 2 or len(b) < 2:
            continue
        p = pmi(a, b)
        if p is not None and p >= MIN_PMI and key not in phrases:
            phrases[key] = False
    rows = []
    for phrase, in_wn in phrases.items():
        count, p = stats(phrase.split())
        score = p * math.log10(count + 1) + (5 if in_wn else 0)
        rows.append((phrase, f"{score:.1f}", str(count), f"{p:.1f}", "y" if in_wn else ""))
    rows.sort()
    ls.write_table(
        ls.DATA / "en_mwe.tsv.gz", HEADER, ["phrase", "score", "count", "pmi", "wordnet"], rows
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
