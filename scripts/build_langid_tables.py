"""Derive the written-standard tables of ``newsfix.langid`` from public treebanks.

Two languages have no word list in wordfreq: Nynorsk (``nn``) and Faroese
(``fo``). newsfix scores each as a *variant* of a sibling that has one
(Bokmål ``nb``, Icelandic ``is``): the sibling's word frequency times a
per-word ratio learnt from comparable text in both. This script learns those
ratios and writes ``src/newsfix/data/langid_variants.tsv.gz``, one row per
evidence item::

    variant  base  kind     key      log_ratio
    nn       nb    word     ikkje    4.0        # log P(word | nn) / P(word | nb)
    nn       nb    suffix3  ane      1.3        # back-off for unseen words: their ending
    nn       nb    lemma    mjuk     2.0        # headword of only one standard's dictionary
    nn       nb    char3    <kv      0.4        # letter 3-grams of those headwords

Sources (see ``src/newsfix/data/LICENSES-langid.md``):

* Universal Dependencies treebanks, cloned from GitHub into ``--ud DIR``:
  UD_Norwegian-Nynorsk, UD_Norwegian-Bokmaal, UD_Faroese-FarPaHC,
  UD_Icelandic-Modern, UD_Icelandic-GC (all CC BY-SA 4.0). The train
  splits of the Norwegian and Icelandic treebanks are larger than the copies
  available here, so those contribute the **first half of their dev split**
  (``benchmarks/bench_langid.py`` tunes on the second half and measures on
  the test split, which nothing here reads). FarPaHC contributes its train
  split.
* The Norwegian Dependency Treebank (NDT) files as published with NorNE
  (GitHub ltgoslo/norne, folder ``ndt/``), cloned into ``--ndt DIR``: the
  source of the UD Norwegian treebanks, one file per document part (at
  most 100 sentences). UD cut its dev and test splits from the ends of
  documents, part by part: a part with half of its sentences or more in a
  UD Norwegian dev or test file is held out whole, and in the other parts
  the sentences that are themselves in a dev or test file (page furniture
  such as ``Les også :``) are left out. What is read is UD's train part
  (14,101 Nynorsk and 15,613 Bokmål sentences; UD's train files have
  14,174 and 15,696), so neither the tuning half of dev nor the test split
  leaks in. (Until 2026-12-04 a document with any held-out sentence was
  left out whole: 4,858 and 5,786 sentences.) Proper nouns count only
  where ``NAME_DOCUMENTS`` (8) documents of one standard use them: a
  spelling (``Noreg``/``Norge``), not a topic. Annotations CC0; the
  texts are used by permission of their publishers and are not
  redistributed (only word and word-ending counts turned into ratios).
* Norsk ordbank headword lists (bokmål 2005, nynorsk 2012; CC BY 4.0,
  Språkbanken / University of Bergen), as published in the GitHub repository
  Ondkloss/norwegian-wordlist, cloned into ``--ordbank DIR``.

Usage::

    python scripts/build_langid_tables.py --ud ~/ud --ordbank ~/norwegian-wordlist \
        --ndt ~/norne/ndt

Deterministic: the same inputs give the same file byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsfix" / "data" / "langid_variants.tsv.gz"
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: (variant, base, variant sources, base sources); a source is (treebank, split, part)
#: where part "first" is the first half of the split's sentences and "all" all of them.
PAIRS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...], tuple[tuple[str, str, str], ...]],
             ...] = (
    ("nn", "nb",
     (("UD_Norwegian-Nynorsk", "no_nynorsk-ud-dev.conllu", "first"),),
     (("UD_Norwegian-Bokmaal", "no_bokmaal-ud-dev.conllu", "first"),)),
    ("fo", "is",
     (("UD_Faroese-FarPaHC", "fo_farpahc-ud-train.conllu", "all"),),
     (("UD_Icelandic-Modern", "is_modern-ud-dev.conllu", "first"),
      ("UD_Icelandic-GC", "is_gc-ud-dev.conllu", "first"))),
)  # fmt: skip
#: NDT folders (NorNE ``ndt/``) per variant/base, and the UD treebank whose dev and test
#: sentences must stay out.
NDT = {
    "nn": ("nno", "UD_Norwegian-Nynorsk", "no_nynorsk"),
    "nb": ("nob", "UD_Norwegian-Bokmaal", "no_bokmaal"),
}
ORDBANK = {
    "nn": "wordlist_20220201_norsk_ordbank_nno_2012.txt",
    "nb": "wordlist_20220201_norsk_ordbank_nob_2005.txt",
}

ALPHA = 0.5  # add-alpha smoothing of counts
WORD_MIN = 2  # a word needs this many occurrences (both sides together)
WORD_CLIP = 5.0
SUFFIX_LENGTHS = (5, 4, 3, 2)
SUFFIX_MIN = 5
SUFFIX_CLIP = 2.5
MIN_RATIO = 0.5  # rows closer to 0 than this carry no evidence and are left out...
#: ...except words seen this often: their ratio near 0 is evidence that they are shared
#: (without a row, "mange" would be judged by its letters and the headword "mang").
WORD_KEEP = 3
WORD_ALPHA = 0.5  # add-alpha smoothing of word counts
LEMMA_RATIO = 2.0
LEMMA_MIN_FREQUENCY = 1e-8
CHAR_MIN = 10
CHAR_CLIP = 2.0
#: An NDT file part with this share of its sentences in UD's dev or test files is held out.
HELD_PART_SHARE = 0.5
#: A proper noun counts as a word when this many NDT documents of one standard name it.
NAME_DOCUMENTS = 8


def sentences(path: Path, part: str) -> list[str]:
    """Return the sentences of a CoNLL-U file, names left out (its first half for part "first").

    Proper nouns (UPOS ``PROPN``) are topic, not written standard: a place
    named in a few Nynorsk documents must not make the place name Nynorsk.
    """
    texts = [" ".join(form for form, name in tokens if not name)
             for tokens in conllu_sentences(path)]
    if not texts:
        raise SystemExit(f"{path}: no sentences; is this a CoNLL-U file?")
    return texts[: len(texts) // 2] if part == "first" else texts


def _sentence_key(tokens: Iterable[str]) -> str:
    """Letters and digits of a sentence, lower-cased: the same whatever the tokenization."""
    return re.sub(r"\W+", "", "".join(tokens).lower())


def conllu_sentences(path: Path) -> list[list[tuple[str, bool]]]:
    """Return (form, is a proper noun) for the words of each sentence of a CoNLL(-U) file.

    Multiword ranges are left out. Proper nouns: UPOS ``PROPN`` (CoNLL-U) or
    NDT's part of speech ``subst`` with the feature ``prop``.
    """
    out: list[list[tuple[str, bool]]] = []
    tokens: list[tuple[str, bool]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    out.append(tokens)
                tokens = []
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                name = cols[3] == "PROPN" or (cols[3] == "subst" and "prop" in cols[5].split("|"))
                tokens.append((cols[1], name))
    if tokens:
        out.append(tokens)
    return out


def ndt_train_parts(ndt: Path, ud: Path,
                    standard: str) -> list[tuple[str, list[list[tuple[str, bool]]]]]:
    """(document, sentences) of the NDT file parts that are UD's train split.

    NDT files are named ``<document>_<part>.conll`` (at most 100 sentences
    each). UD cut its dev and test splits from the end of some documents, part
    by part, so a part with at least ``HELD_PART_SHARE`` of its sentences in
    UD's dev or test files is held out whole. In the other parts only the
    sentences that are themselves in a dev or test file are left out: page
    furniture such as ``Les også :`` or ``Ja .`` recurs in every document.
    """
    folder, treebank, prefix = NDT[standard]
    held = {_sentence_key(f for f, _ in s) for split in ("dev", "test")
            for s in conllu_sentences(ud / treebank / f"{prefix}-ud-{split}.conllu")}
    paths = sorted((ndt / folder).glob("*.conll"))
    if not paths:
        raise SystemExit(f"{ndt / folder}: no .conll files; is this NorNE's ndt/ folder?")
    out = []
    for path in paths:
        part = conllu_sentences(path)
        free = [s for s in part if _sentence_key(f for f, _ in s) not in held]
        if len(part) - len(free) < HELD_PART_SHARE * len(part):
            out.append((path.stem.rsplit("_", 1)[0], free))
    return out


def ndt_train(ndt: Path, ud: Path, standard: str) -> list[str]:
    """The sentences of :func:`ndt_train_parts`, proper nouns left out."""
    return [" ".join(form for form, name in s if not name)
            for _, part in ndt_train_parts(ndt, ud, standard) for s in part]


def ndt_names(ndt: Path, ud: Path, standard: str) -> tuple[Counter[str], Counter[str]]:
    """Proper nouns of UD's train part of NDT: (occurrences, documents naming each), lower case."""
    counts: Counter[str] = Counter()
    documents: dict[str, set[str]] = {}
    for document, part in ndt_train_parts(ndt, ud, standard):
        for s in part:
            for form, name in s:
                if name:
                    for word in WORD_RE.findall(form.lower()):
                        word = word.replace("’", "'")
                        counts[word] += 1
                        documents.setdefault(word, set()).add(document)
    return counts, Counter({word: len(docs) for word, docs in documents.items()})


def spread_names(v_names: tuple[Counter[str], Counter[str]],
                 b_names: tuple[Counter[str], Counter[str]]) -> tuple[Counter[str], Counter[str]]:
    """The name counts of both standards for names in ``NAME_DOCUMENTS`` documents of one.

    A name in one or two documents is their topic (a village, a club); one
    that many documents of a standard use is its spelling (``Noreg``/``Norge``).
    """
    keep = {w for counts in (v_names[1], b_names[1]) for w, n in counts.items()
            if n >= NAME_DOCUMENTS}
    return (Counter({w: n for w, n in v_names[0].items() if w in keep}),
            Counter({w: n for w, n in b_names[0].items() if w in keep}))


def word_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.replace("’", "'") for w in WORD_RE.findall(text.lower()))
    return counts


def log_ratios(variant: Counter[str], base: Counter[str], *, minimum: int,
               clip: float, alpha: float = ALPHA, keep: int | None = None) -> dict[str, float]:
    """Smoothed log P(key | variant) / P(key | base) for keys seen ``minimum`` times.

    Ratios closer to 0 than MIN_RATIO are left out, unless the key was seen
    ``keep`` times.
    """
    keys = set(variant) | set(base)
    n_v, n_b, size = sum(variant.values()), sum(base.values()), len(keys)
    out = {}
    for key in keys:
        if variant[key] + base[key] < minimum:
            continue
        ratio = math.log((variant[key] + alpha) / (n_v + alpha * size)) - math.log(
            (base[key] + alpha) / (n_b + alpha * size)
        )
        if abs(ratio) >= MIN_RATIO:
            out[key] = max(-clip, min(clip, ratio))
        elif keep is not None and variant[key] + base[key] >= keep:
            out[key] = 0.0  # shared: no evidence either way, and none from its letters
    return out


def suffix_counts(words: Counter[str], length: int) -> Counter[str]:
    out: Counter[str] = Counter()
    for word, n in words.items():
        if len(word) > length + 1:
            out[word[-length:]] += n
    return out


def char_grams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def headwords(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {line.strip().lower() for line in handle if line.strip()}


def _frequency_dict(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


def pair_rows(variant: str, base: str, v_texts: Sequence[str], b_texts: Sequence[str],
              ordbank: Path | None,
              names: tuple[Counter[str], Counter[str]] | None = None
              ) -> list[tuple[str, str, float]]:
    v_words, b_words = word_counts(v_texts), word_counts(b_texts)
    v_all, b_all = v_words, b_words
    if names is not None:  # proper nouns that are spelling, not topic (word rows only)
        v_all, b_all = v_words + names[0], b_words + names[1]
    rows = [("word", k, r) for k, r in log_ratios(v_all, b_all, minimum=WORD_MIN,
                                                  clip=WORD_CLIP, alpha=WORD_ALPHA,
                                                  keep=WORD_KEEP).items()]
    for length in SUFFIX_LENGTHS:
        ratios = log_ratios(suffix_counts(v_words, length), suffix_counts(b_words, length),
                            minimum=SUFFIX_MIN, clip=SUFFIX_CLIP)
        rows += [(f"suffix{length}", k, r) for k, r in ratios.items()]
    if ordbank is not None and variant in ORDBANK and base in ORDBANK:
        v_heads = headwords(ordbank / ORDBANK[variant])
        b_heads = headwords(ordbank / ORDBANK[base])
        only_v, only_b = v_heads - b_heads, b_heads - v_heads
        rows += [("lemma", w, LEMMA_RATIO) for w in only_v if WORD_RE.fullmatch(w)]
        # Bokmål headwords that Norwegian text actually uses (wordfreq's nb list,
        # which mixes in some Nynorsk); the rest are too rare to matter.
        used = _frequency_dict(base)
        rows += [("lemma", w, -LEMMA_RATIO) for w in only_b
                 if WORD_RE.fullmatch(w) and used.get(w, 0.0) >= LEMMA_MIN_FREQUENCY]
        v_grams = Counter(g for w in only_v for g in char_grams(w))
        b_grams = Counter(g for w in only_b for g in char_grams(w))
        ratios = log_ratios(v_grams, b_grams, minimum=CHAR_MIN, clip=CHAR_CLIP, alpha=1.0)
        rows += [("char3", k, r) for k, r in ratios.items()]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, required=True, help="folder of UD_* clones")
    parser.add_argument("--ordbank", type=Path, help="clone of Ondkloss/norwegian-wordlist")
    parser.add_argument("--ndt", type=Path, help="NorNE's ndt/ folder (github ltgoslo/norne)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    buffer = io.StringIO()
    buffer.write("variant\tbase\tkind\tkey\tlog_ratio\n")
    for variant, base, v_sources, b_sources in PAIRS:
        v_texts = [t for tb, f, part in v_sources for t in sentences(args.ud / tb / f, part)]
        b_texts = [t for tb, f, part in b_sources for t in sentences(args.ud / tb / f, part)]
        if args.ndt is not None and variant in NDT and base in NDT:
            v_texts += ndt_train(args.ndt, args.ud, variant)
            b_texts += ndt_train(args.ndt, args.ud, base)
            names = spread_names(ndt_names(args.ndt, args.ud, variant),
                                 ndt_names(args.ndt, args.ud, base))
        else:
            names = None
        rows = pair_rows(variant, base, v_texts, b_texts, args.ordbank, names)
        for kind, key, ratio in sorted(rows):
            buffer.write(f"{variant}\t{base}\t{kind}\t{key}\t{ratio:.2f}\n")
        print(f"{variant}/{base}: {len(v_texts)}/{len(b_texts)} sentences, {len(rows)} rows")
    data = buffer.getvalue().encode("utf-8")
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                  filename="") as handle:
        handle.write(data)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
