#!/usr/bin/env python3
"""Build the compact spin-reversal tables shipped in ``src/newsfix/data/``.

Development time only. Needs Debian's ``wordnet-base`` and ``mythes-en-us``
packages and the ``wordsegment`` PyPI package (none of them at run time)::

    apt-get install -y wordnet-base mythes-en-us
    .venv/bin/pip install wordsegment
    .venv/bin/python scripts/build_spin_tables.py

Writes:

* ``spin_synonyms.tsv.gz`` — surface form → the surface forms it may have
  replaced (WordNet 3.0 synsets and the LibreOffice/mythes en_US thesaurus,
  regardless of part of speech, re-inflected like the form), limited to
  frequent English words;
* ``spin_bigrams.tsv.gz`` — English bigram counts from wordsegment (Google
  Web 1T derived), limited to the words of the synonym table's vocabulary
  plus frequent function words;
* ``spin_names.tsv.gz`` — WordNet's multi-word capitalised names (organisations,
  places, institutions) that contain at least one spinnable word.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

import wordfreq

WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
OUT = Path(__file__).resolve().parent.parent / "src" / "newsfix" / "data"
VOCAB_SIZE = 40000  # most frequent English words considered as spun or original words
MIN_ZIPF = 3.0
WORD_RE = re.compile(r"^[a-z]+$")

HEADER_WN = ("# Derived from WordNet 3.0 (Princeton University, WordNet 3.0 licence) and the\n"
             "# LibreOffice en_US thesaurus th_en_US_v2 (Debian mythes-en-us; WordNet-derived).\n"
             "# Licence notices: LICENSES-spin.md. Built by scripts/build_spin_tables.py.\n")
HEADER_BI = ("# Derived from the bigram counts of the wordsegment package (Apache-2.0,\n"
             "# Grant Jenks; counts from Google Web Trillion Word Corpus via Peter Norvig).\n"
             "# Licence notices: LICENSES-spin.md. Built by scripts/build_spin_tables.py.\n")


def read_wordnet() -> tuple[list[tuple[str, list[str]]], dict[str, dict[str, str]]]:
    """Synsets as (pos, lemmas) and the exception lists (pos → inflected → base)."""
    synsets = []
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (WORDNET / f"data.{pos}").open(encoding="latin-1"):
            if line.startswith("  "):
                continue
            parts = line.split()
            n = int(parts[3], 16)
            words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).replace("_", " ") for i in range(n)]
            synsets.append((pos, words))
    exc: dict[str, dict[str, str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        table: dict[str, str] = {}
        for line in (WORDNET / f"{pos}.exc").open():
            a, b, *_ = line.split()
            table.setdefault(a, b)
        exc[pos] = table
    return synsets, exc


def read_mythes() -> list[tuple[str, list[str]]]:
    """Mythes meanings as (pos, [headword, synonyms…]); hypernyms and related terms dropped."""
    out = []
    lines = MYTHES.open(encoding="utf-8").read().splitlines()[1:]
    i = 0
    while i < len(lines):
        head, n = lines[i].rsplit("|", 1)
        for line in lines[i + 1:i + 1 + int(n)]:
            pos, *syns = line.split("|")
            out.append((pos.strip("()"), [head, *syns]))
        i += 1 + int(n)
    return out


def inflections(base: str, exc_rev: dict[str, list[str]]) -> dict[str, str]:
    """Candidate inflected forms of ``base``: form → tag."""
    out = {base: "base"}
    if base.endswith(("s", "x", "z", "ch", "sh")):
        out[base + "es"] = "s"
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        out[base[:-1] + "ies"] = "s"
    else:
        out[base + "s"] = "s"
    stem = base[:-1] if base.endswith("e") else base
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        out[base[:-1] + "ied"] = "ed"
    else:
        out[stem + "ed"] = "ed"
    out[stem + "ing"] = "ing"
    if (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou"
            and base[-3] not in "aeiou"):
        out[base + base[-1] + "ed"] = "ed"
        out[base + base[-1] + "ing"] = "ing"
    out[stem + "er"] = "er"
    out[stem + "est"] = "est"
    for form in exc_rev.get(base, []):
        if form.endswith("ing"):
            out[form] = "ing"
        elif form.endswith("est"):
            out[form] = "est"
        elif form.endswith("er"):
            out[form] = "er"
        elif form.endswith("s") and not form.endswith("ss"):
            out.setdefault(form, "s")
        else:
            out[form] = "ed"
    return out


def main() -> int:
    vocab_list = [w for w in wordfreq.top_n_list("en", VOCAB_SIZE * 2)
                  if WORD_RE.match(w) and wordfreq.zipf_frequency(w, "en") >= MIN_ZIPF]
    vocab = set(vocab_list[:VOCAB_SIZE])
    synsets, exc = read_wordnet()
    mythes = read_mythes()

    exc_rev: dict[str, list[str]] = defaultdict(list)
    for table in exc.values():
        for form, base in table.items():
            if WORD_RE.match(form):
                exc_rev[base].append(form)

    # lemma → synonym lemmas (single words only), any part of speech. Tier 1:
    # WordNet synsets and mythes' plain synonyms; tier 2: mythes' generic,
    # similar and related terms (spinners use them; they are noisier).
    syn1: dict[str, set[str]] = defaultdict(set)
    syn2: dict[str, set[str]] = defaultdict(set)

    def single(w: str) -> bool:
        return bool(WORD_RE.match(w.lower())) and w[:1].islower()

    for _, words in synsets:
        singles = {w.lower() for w in words if single(w)}
        for a in singles:
            syn1[a] |= singles - {a}
    for _, words in mythes:
        head, rest = words[0].lower(), words[1:]
        plain = {w.lower() for w in rest if "(" not in w and single(w)}
        # antonyms are annotated too: never a synonym (``black`` is not ``white``)
        annotated = {re.sub(r" \((generic|similar|related) term\)$", "", w).lower()
                     for w in rest if re.search(r" \((generic|similar|related) term\)$", w)}
        annotated = {w for w in annotated if single(w)}
        if single(head):
            for w in plain:
                syn1[head].add(w)
                syn1[w].add(head)
            for w in annotated:
                syn2[head].add(w)
                syn2[w].add(head)
    lemmas = set(syn1) | set(syn2)

    # surface form → (lemma, tag) analyses
    analyses: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for lemma in lemmas:
        for form, tag in inflections(lemma, exc_rev).items():
            if form in vocab:
                analyses[form].add((lemma, tag))

    def expand(form: str, syn: dict[str, set[str]]) -> set[str]:
        cands: set[str] = set()
        for lemma, tag in analyses.get(form, ()):
            for other in syn.get(lemma, ()):
                for f2, t2 in inflections(other, exc_rev).items():
                    if t2 == tag and f2 in vocab and f2 != form:
                        cands.add(f2)
        return cands

    table: dict[str, set[str]] = {}
    for form in sorted(vocab):
        c1 = expand(form, syn1)
        c2 = expand(form, syn2) - c1
        if c1 or c2:
            table[form] = c1 | {"~" + c for c in c2}

    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT / "spin_synonyms.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(HEADER_WN)
        f.write("# form\tcandidate original forms, space-separated; ~ marks tier 2 "
                "(mythes generic/similar/related terms)\n")
        for form in sorted(table):
            f.write(f"{form}\t{' '.join(sorted(table[form]))}\n")

    # Bigrams: keep those whose words are in the vocabulary (or frequent function words).
    import wordsegment

    wordsegment.load()
    keep_vocab = vocab | set(wordfreq.top_n_list("en", 2000))
    bigrams: dict[tuple[str, str], int] = defaultdict(int)
    for key, count in wordsegment.BIGRAMS.items():
        a, _, b = key.partition(" ")
        if a in keep_vocab and b in keep_vocab:
            bigrams[a, b] += int(count)
    with gzip.open(OUT / "spin_bigrams.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(HEADER_BI)
        f.write("# left\tright\tcount\n")
        for (a, b), c in sorted(bigrams.items()):
            f.write(f"{a}\t{b}\t{c}\n")

    # Names: capitalised multi-word WordNet entries with a spinnable word.
    names: set[str] = set()
    for pos, words in synsets:
        if pos != "noun":
            continue
        for w in words:
            toks = w.split()
            if len(toks) < 2 or not all(re.match(r"^[A-Za-z][a-z]*$", t) for t in toks):
                continue
            if not toks[0][0].isupper() or not toks[-1][0].isupper():
                continue
            if any(t.lower() in table for t in toks if t[0].isupper()):
                names.add(w)
    with gzip.open(OUT / "spin_names.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(HEADER_WN)
        f.write("# multi-word capitalised WordNet noun entries (organisations, places…)\n")
        for n in sorted(names):
            f.write(n + "\n")

    for name in ("spin_synonyms.tsv.gz", "spin_bigrams.tsv.gz", "spin_names.tsv.gz"):
        print(name, (OUT / name).stat().st_size, file=sys.stderr)
    print(f"{len(table)} forms, {len(bigrams)} bigrams, {len(names)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
