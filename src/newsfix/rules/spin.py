"""Spin reversal: undo the word-by-word synonym substitution of article spinners.

A spinner replaces words by thesaurus synonyms (``war`` → ``battle``,
``White House`` → ``White Home``). Two rules reverse it with general
knowledge, not a list of spun phrases:

* :class:`SpunName` matches capitalised runs against WordNet's multi-word
  names (organisations, institutions), allowing words that differ by synonym;
* :class:`SpunWord` ranks a word's thesaurus synonyms by English bigram counts
  of the left and right contexts, and acts only in documents that show spin
  (many spots where the written word has no attested context and a synonym
  has both).

Tables (``data/spin_*.tsv.gz``) are derived from WordNet 3.0, the LibreOffice
en_US thesaurus and wordsegment's bigram counts by
``scripts/build_spin_tables.py``; see ``data/LICENSES-spin.md``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Any

import regex
import wordfreq

from newsfix.aligned import Span
from newsfix.evidence import tokens as model_tokens
from newsfix.lexicon import cached_table, extensible, numbered_cells
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.lattice import (
    Decision,
    Edge,
    Overlay,
    Region,
    Segment,
    cached_posteriors,
    segments,
    unigram_logp,
)
from newsfix.text import WORD_RE, TextAnalysis, Word

__all__ = ["RULES", "Reading", "SpunName", "SpunWord", "channel_counts", "decisive_readings",
           "spin_candidates", "spin_readings", "spin_spots", "spun_names", "variants"]


#: Corpus size behind the bigram counts (Google Web 1T: about 1e12 tokens).
CORPUS_TOKENS = 1.0e12
#: Counts below this are not in the bigram table; an absent bigram scores this.
ABSENT = 3.0e4
#: Stupid-backoff weight for an absent bigram.
BACKOFF = 0.4
#: Written words this frequent (Zipf) are function words spinners do not produce.
MAX_WORD_ZIPF = 6.0
#: Candidates rarer than this (Zipf) are not what news writers wrote.
MIN_CAND_ZIPF = 3.3
#: Candidates this frequent are function words (``cost`` and ``be`` share a synset).
MAX_CAND_ZIPF = 6.6
#: Log10 gain a synonym needs over the written word for a spot.
STRONG_GAIN = 2.0
#: Log10 gain a strong spot needs (a thousandfold more probable context).
APPLY_GAIN = 3.0
#: Minimum bigram count for a candidate's context to count as attested.
ATTESTED = 1.0e5
#: A document shows spin when it has at least this many strong spots ...
MIN_SPOTS = 3
#: ... and at least this many per 100 words.
MIN_DENSITY = 0.3


def _open(name: str) -> Iterator[str]:
    """The lines of a headerless package table (``newsfix.lexicon``, comments left out)."""
    for _, cells in numbered_cells(name, header=False):
        yield "\t".join(cells)


@cache
def synonym_tiers() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Surface form → the forms it may have replaced: (close synonyms, looser terms)."""
    return cached_table("spin-synonym-tiers", ["spin_synonyms.tsv.gz"], _read_synonym_tiers)


def _read_synonym_tiers() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    tier1: dict[str, tuple[str, ...]] = {}
    tier2: dict[str, tuple[str, ...]] = {}
    for line in _open("spin_synonyms.tsv.gz"):
        form, _, cands = line.partition("\t")
        words = cands.split()
        tier1[form] = tuple(w for w in words if not w.startswith("~"))
        tier2[form] = tuple(w[1:] for w in words if w.startswith("~"))
    return tier1, tier2


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Surface form → every form it may have replaced (thesaurus, any part of speech)."""
    tier1, tier2 = synonym_tiers()
    return {w: tier1[w] + tier2[w] for w in tier1}


@cache
def bigrams() -> dict[tuple[str, str], int]:
    """English bigram counts (lower case): the table of :mod:`newsfix.evidence`."""
    from newsfix.evidence import _bigrams

    return _bigrams()


@extensible("gazetteer_orgs.tsv.gz")
def names() -> dict[tuple[int, int, str], list[tuple[str, ...]]]:
    """Index of WordNet multi-word names: (length, position, lower word) → names."""
    index: dict[tuple[int, int, str], list[tuple[str, ...]]] = defaultdict(list)
    for toks in sorted(known_names()):
        for i, t in enumerate(toks):
            index[len(toks), i, t.lower()].append(toks)
    return dict(index)


@extensible("gazetteer_orgs.tsv.gz")
def known_names() -> frozenset[tuple[str, ...]]:
    """Multi-word names: WordNet's (``spin_names.tsv.gz``) and the organisation gazetteer's.

    The gazetteer (``gazetteer_orgs.tsv.gz``) adds organisations, agencies,
    courts and councils with their other names (``Security Council``,
    ``World Trade Organization``).
    """
    return frozenset(name_rows())


@extensible("gazetteer_orgs.tsv.gz")
def name_rows() -> dict[tuple[str, ...], str]:
    """:func:`known_names` → the row (``file:line``) each came from, for messages.

    >>> name_rows()[("International", "Atomic", "Energy", "Agency")].split(":")[0]
    'spin_names.tsv.gz'
    """
    from newsfix.lexicon import active, load

    out = {tuple(cells[0].split()): where
           for where, cells in numbered_cells("spin_names.tsv.gz", header=False)}
    for row in load("gazetteer_orgs.tsv.gz", active("gazetteer_orgs.tsv.gz")):
        for name in (row["name"], *row["aliases"].split("|")):
            toks = tuple(name.split())
            if len(toks) > 1 and all(t[:1].isalpha() for t in toks):
                out.setdefault(toks, row.where)
    return out


@cache
def _unigram(word: str) -> float:
    return max(wordfreq.word_frequency(word, "en") * CORPUS_TOKENS, ABSENT)


@cache
def _zipf(word: str) -> float:
    return float(wordfreq.zipf_frequency(word, "en"))


@dataclass(frozen=True)
class Token:
    """A word with what spin reversal needs to know about its place."""

    start: int
    end: int
    text: str
    quoted: bool
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(analysis: TextAnalysis, start: int, end: int) -> list[Token]:
    """The words of ``[start, end)`` with whether each is quoted or starts a sentence."""
    return [Token(w.start, w.end, w.text, analysis.in_quotation(w.start, w.end),
                  analysis.capital_expected(w.start))
            for w in analysis.words_in(start, end)]


def _joined(text: str, a: Token, b: Token) -> bool:
    # Only a plain space joins two words into a bigram context: punctuation breaks it.
    return text[a.end:b.start] == " "


@dataclass(frozen=True)
class Spot:
    """A word whose synonym fits its context far better than it does."""

    token: Token
    candidate: str
    gain: float  # log10 of the context-probability ratio, candidate over word
    strong: bool  # both contexts attested for the candidate, neither for the word


def _score(left: str | None, x: str, right: str | None) -> tuple[float, int, int]:
    """log10 P(x | left) + log10 P(right | x) under a bigram model with stupid backoff.

    An absent bigram is below the table's cut-off (``ATTESTED``), so its
    backed-off estimate is capped there.
    """
    big = bigrams()
    lc = big.get((left, x), 0) if left else 0
    rc = big.get((x, right), 0) if right else 0
    ux = _unigram(x)
    s = 0.0
    if left:
        ul = _unigram(left)
        p = lc / ul if lc else min(BACKOFF * ux / CORPUS_TOKENS, ATTESTED / ul)
        s += math.log10(p)
    if right:
        ur = _unigram(right)
        p = rc / ux if rc else min(BACKOFF * ur / CORPUS_TOKENS, ATTESTED / ux)
        s += math.log10(p)
    return s, lc, rc


def _case_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def spin_spots(analysis: TextAnalysis, start: int = 0, end: int | None = None, *,
               strong_only: bool = False) -> list[Spot]:
    """Spots of ``[start, end)`` where a thesaurus synonym fits both contexts and the word neither.

    With ``strong_only`` only strong spots are looked for: a word whose own
    left or right bigram is attested can be none, so its synonyms are not
    scored (most words of clean text).

    >>> spots = spin_spots(TextAnalysis("The talks ended final week."))
    >>> [(s.token.text, s.candidate) for s in spots]
    [('final', 'last')]
    >>> spin_spots(TextAnalysis("The talks ended last week."))
    []
    """
    end = len(analysis.text) if end is None else end
    text = analysis.text
    syn = synonym_tiers()[0]  # close synonyms only: looser terms misfire on clean text
    big = bigrams()
    words = analysis.words_in(start, end)
    out = []
    for i, x in enumerate(words):
        w = x.lower
        # The cheap tests first: most words of any text have no synonyms to try.
        if w not in syn or (x.text.isupper() and len(x.text) > 1) or _zipf(w) >= MAX_WORD_ZIPF:
            continue
        sentence_start = analysis.capital_expected(x.start)
        if x.text[:1].isupper() and not sentence_start:
            continue
        left = words[i - 1].lower if i and text[words[i - 1].end:x.start] == " " \
            and not sentence_start else None
        right = words[i + 1].lower if i + 1 < len(words) and \
            text[x.end:words[i + 1].start] == " " else None
        if left is None and right is None:
            continue
        if strong_only and (left is None or right is None or big.get((left, w), 0)
                            or big.get((w, right), 0)):
            continue  # a strong spot's word has neither context attested (_score's counts)
        base, lw, rw = _score(left, w, right)
        if strong_only and (lw or rw):
            continue
        t = Token(x.start, x.end, x.text, analysis.in_quotation(x.start, x.end), sentence_start)
        best: tuple[float, str, bool] | None = None
        for c in syn[w]:
            # Spinners swap a common word for a rarer synonym: the original is
            # the more frequent word (``said`` for ``stated``, ``last`` for ``final``).
            if not max(MIN_CAND_ZIPF, _zipf(w)) <= _zipf(c) < MAX_CAND_ZIPF:
                continue
            s, lc, rc = _score(left, c, right)
            gain = s - base
            if gain < STRONG_GAIN:
                continue
            strong = (gain >= APPLY_GAIN and left is not None and right is not None
                      and lc >= ATTESTED and rc >= ATTESTED and lw == 0 and rw == 0)
            if best is None or (strong, gain) > (best[2], best[0]):
                best = (gain, c, strong)
        if best is not None and (best[2] or not strong_only):
            out.append(Spot(t, _case_like(best[1], t.text), best[0], best[2]))
    return out


ARTICLE_RE = regex.compile(r"\b([Aa]) ([aeiou]\p{Ll}+)\b")


def article_mismatches(text: str) -> int:
    """Count ``a`` before a vowel-sound word: a spinner swapped the word and kept the article.

    Only words where ``an word`` is an attested bigram and ``a word`` is not
    count, so ``a one-off`` or ``a university`` never do.

    >>> article_mismatches("It returned to a extra regular footing and lost a invaluable chip.")
    2
    >>> article_mismatches("It was a unique event at a university.")
    0
    """
    big = bigrams()
    n = 0
    for m in ARTICLE_RE.finditer(text):
        word = m.group(2)
        if big.get(("an", word), 0) >= ATTESTED and big.get(("a", word), 0) == 0:
            n += 1
    return n


# --------------------------------------------------------------------------- phrase readings
#
# Generation (what a spinner may have replaced: ``spin_candidates``) and decision (what
# SPUN_WORD applies: ``SpunWord.find``) are separate; the scoring in between is the
# shared lattice of :mod:`newsfix.rules.lattice`.

#: Share of the candidate-bearing words of a spun document a spinner replaced (seed 003
#: and the spinners described in the literature replace a fifth to a third).
SPIN_RATE = 0.25
#: Weight of a looser thesaurus term (mythes' generic/similar/related) against a close synonym.
LOOSE_WEIGHT = 0.2
#: Probability that a curated variant (``whilst``, ``yr``, ``Walk`` before a day) in a spun
#: document is the spinner's.
VARIANT_RATE = 0.5
#: log10 bonus per doubling of a candidate's occurrences elsewhere in the document.
DOCUMENT_BONUS = 0.5
#: Posterior from which a reading is applied in a spun document ...
APPLY_POSTERIOR = 0.95
#: ... and from which it is offered as a suggestion.
SUGGEST_POSTERIOR = 0.5
#: Posterior from which a reading that does not rest on its bigram context (a thesaurus
#: reading, :data:`PROMOTE_CONTEXT`) or a curated function-word variant is applied too.
PROMOTE_POSTERIOR = 0.8
#: log10 by which the neighbouring words may prefer a thesaurus reading or the written word
#: for that reading to count as decided by the channel and the document, not the context.
PROMOTE_CONTEXT = 0.65
#: Thesaurus candidates kept per word (the a-priori most probable).
MAX_CANDIDATES = 12
#: Longest curated variant, in words (``because of the fact that``).
MAX_VARIANT_WORDS = 5

_CHANNEL: list[tuple[object, Counter[str]]] = []


def channel_counts() -> Counter[str]:
    """Original form → how many written forms list it: a spinner picks one of them.

    Derived from :func:`synonyms` and recomputed whenever that table is
    reloaded, so benchmark hooks that replace the thesaurus (the devsets'
    ``mech_split``, which clears ``synonyms``) cover it too.
    """
    syn = synonyms()
    if _CHANNEL and _CHANNEL[0][0] is syn:
        return _CHANNEL[0][1]
    counts: Counter[str] = Counter(c for cands in syn.values() for c in set(cands))
    _CHANNEL[:] = [(syn, counts)]
    return counts


@extensible("spin_variants.tsv")
def variants() -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Curated spinner variants (``spin_variants.tsv``): written tokens → ((original, kind), …)."""
    from newsfix.lexicon import active, load

    out: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for row in load("spin_variants.tsv", active("spin_variants.tsv")):
        out[tuple(row["written"].split())].append((row["original"], row["kind"]))
    return {k: tuple(v) for k, v in out.items()}


@extensible("spin_variants.tsv")
def _variant_counts() -> Counter[str]:
    return Counter(o for vs in variants().values() for o, _ in vs)


@dataclass(frozen=True)
class Reading:
    """A candidate reading of written words, with its posterior in the document's lattice.

    Edges that give the same text for the same words (``yr`` → year as an
    abbreviation and as a thesaurus synonym) are one reading: their posteriors add up.
    """

    start: int
    end: int
    written: str
    replacement: str
    posterior: float
    kind: str  # thesaurus, loose, function, month, abbreviation
    quoted: bool


def spin_candidates(analysis: TextAnalysis, segment: Segment
                    ) -> tuple[list[Edge], list[float]]:
    """Candidate edges of a segment and the written words' priors (generation only).

    Every word a spinner could have written gets its thesaurus neighbours
    (part-of-speech blind, close synonyms and looser terms), and every run of
    one to five words that is a curated variant (``as a result of``, ``yr``,
    ``Walk`` as a month name) gets its plain form. A candidate's prior is the
    spinner's channel: it replaced the word with probability
    :data:`SPIN_RATE` and chose the written form among the
    :func:`channel_counts` forms the original may be spun into.

    Thesaurus candidates as frequent as ``is``, ``by`` or ``be``
    (:data:`MAX_CAND_ZIPF`) are left out: WordNet lists them for senses
    (``cost`` and ``be``, ``past`` and ``by``) that no spinner reverses, and
    the bigram model favours them everywhere; the function words spinners
    do rewrite are in the curated variants. A candidate the document writes
    more often than its frequency in English predicts gains
    :data:`DOCUMENT_BONUS` per doubling of the excess (``said`` in a story
    quoting people; not ``by``, which every story writes).
    """
    from newsfix.evidence import document_stats

    tier1, tier2 = synonym_tiers()
    counts = channel_counts()
    var = variants()
    vcounts = _variant_counts()
    stats = document_stats(analysis)
    n_words = len(analysis.words)
    slots = segment.slots
    edges: list[Edge] = []
    rates = [0.0] * len(slots)

    phrases = _phrase_counts(analysis)
    stats_lower = stats.lower
    lowers = [w.lower for w in slots]
    var_firsts: frozenset[str] = analysis.memo(("spin.variant_firsts",), lambda: frozenset(
        key[0] for key in var if key))
    # A word's candidates depend on the word and the document only: chosen once per text.
    chosen: dict[str, list[tuple[float, float, str, str]]] = analysis.memo(
        ("spin.word_candidates",), dict)
    cased: dict[str, list[tuple[tuple[str, ...], str, float, str]]] = analysis.memo(
        ("spin.cased_candidates",), dict)

    def bonus(c: str) -> float:
        toks = c.lower().split()
        seen = stats.seen(c) if len(toks) == 1 else min(
            phrases[a, b] for a, b in pairwise(toks))
        if not seen:
            return 0.0
        expected = 10.0 ** unigram_logp(toks) * n_words
        return DOCUMENT_BONUS * max(0.0, math.log2((1 + seen) / max(1.0, expected)))

    for k, w in enumerate(slots):
        text = w.text
        lower = w.lower
        capital = text[:1].isupper()
        sentence_start = capital and analysis.capital_expected(w.start)
        caps = text.isupper() and len(text) > 1
        plain = not caps and (not capital or sentence_start)
        if plain and _zipf(lower) < MAX_WORD_ZIPF:
            best = chosen.get(lower)
            if best is None:
                items, unseen = _word_priors(lower, tier1, tier2, counts)
                seen = [stats_lower[clow] if pairs is None else min(phrases[p] for p in pairs)
                        for _, _, _, _, clow, pairs, _ in items]
                if any(seen):
                    found = []
                    for (base, logu, c, kind, _, _, apriori), k_seen in zip(items, seen):
                        # bonus(c), its document's part: 0.0 for a candidate not written
                        prior = base + (DOCUMENT_BONUS * max(0.0, math.log2(
                            (1 + k_seen) / max(1.0, apriori * n_words))) if k_seen else 0.0)
                        found.append((prior + logu, prior, c, kind))
                    # The most probable candidates a priori (channel x frequency) carry
                    # nearly all the posterior; the rest only cost time.
                    best = sorted(found, reverse=True)[:MAX_CANDIDATES]
                else:
                    best = unseen  # no candidate the document writes: no bonus anywhere
                chosen[lower] = best
            forms = cased.get(text)
            if forms is None:  # the candidates in the written word's case, once per form
                forms = cased[text] = [((c,), _case_like(c, text), prior, kind)
                                       for _, prior, c, kind in best]
            for cand_toks, cand_out, prior, kind in forms:
                edges.append(Edge(k, k + 1, cand_toks, cand_out, prior, kind))
            if forms:
                rates[k] = SPIN_RATE
        if lowers[k] not in var_firsts:
            continue  # no curated variant starts with this word
        for n in range(1, min(MAX_VARIANT_WORDS, len(slots) - k) + 1):
            run = slots[k:k + n]
            known = var.get(tuple(lowers[k:k + n]))
            if not known or any(x.text.isupper() and len(x.text) > 1 for x in run):
                continue
            for original, kind in known:
                if kind == "month":
                    if n != 1 or not capital or sentence_start:
                        continue  # `Walk` for March is a name-like capital mid-sentence
                elif not plain:
                    continue
                toks = tuple(model_tokens(original))
                prior = math.log10(VARIANT_RATE / vcounts[original]) + bonus(original.lower())
                out = original if kind == "month" else _case_like(original, text)
                edges.append(Edge(k, k + n, toks, out, prior, kind))
                rates[k] = max(rates[k], VARIANT_RATE)
    priors = [math.log10(1 - r) for r in rates]
    return edges, priors


#: A word's thesaurus candidates with what of their prior the document does not change,
#: for the tables they were computed from (see :func:`_word_priors`).
_PRIORS: list[Any] = []

_WordPriors = tuple[
    tuple[tuple[float, float, str, str, str, list[tuple[str, str]] | None, float], ...],
    list[tuple[float, float, str, str]]]


def _word_priors(lower: str, tier1: dict[str, tuple[str, ...]],
                 tier2: dict[str, tuple[str, ...]], counts: Counter[str]) -> _WordPriors:
    """A word's candidates as :func:`spin_candidates` weighs them, less the document's part.

    Returns ``(items, unseen)``: per candidate (in thesaurus order, too frequent ones
    left out) its channel prior, its log10 frequency, itself, its kind, its lower-case
    form, its word pairs (None for one word) and its probability on its own (for the
    expected count of ``bonus``); and the candidates ranked as in a
    document that writes none of them (no :data:`DOCUMENT_BONUS`). The same floats as
    computed per document, once per process: kept for the table objects they were read
    from, so a reloaded thesaurus (``channel_counts`` is recomputed then) starts afresh.
    """
    if not _PRIORS or _PRIORS[0] is not tier1 or _PRIORS[1] is not tier2 \
            or _PRIORS[2] is not counts:
        _PRIORS[:] = [tier1, tier2, counts, {}]
    table: dict[str, _WordPriors] = _PRIORS[3]
    found = table.get(lower)
    if found is None:
        items = []
        for tier, weight, kind in ((tier1, 1.0, "thesaurus"), (tier2, LOOSE_WEIGHT, "loose")):
            for c in tier.get(lower, ()):
                if _zipf(c) >= MAX_CAND_ZIPF:
                    continue
                toks = c.lower().split()
                # bonus() reads one word's count, else the least count of its pairs
                pairs = None if len(toks) == 1 else list(pairwise(toks))
                items.append((math.log10(SPIN_RATE * weight / max(counts[c], 1)),
                              math.log10(_unigram(c)), c, kind, c.lower(), pairs,
                              10.0 ** unigram_logp(toks)))
        unseen = []
        for base, logu, c, kind, _, _, _ in items:
            prior = base + 0.0  # bonus() is 0.0 for a candidate the document does not write
            unseen.append((prior + logu, prior, c, kind))
        found = table[lower] = (tuple(items), sorted(unseen, reverse=True)[:MAX_CANDIDATES])
    return found


def _phrase_counts(analysis: TextAnalysis) -> Counter[tuple[str, str]]:
    """Pairs of words the document writes next to each other (lower case), for phrase bonuses."""
    def compute() -> Counter[tuple[str, str]]:
        words = analysis.words
        text = analysis.text
        return Counter((a.lower, b.lower) for a, b in pairwise(words)
                       if text[a.end:b.start] == " ")
    return analysis.memo("spin.phrases", compute)


@dataclass
class _Lattice:
    """One segment's candidates and priors, and its posteriors once scored."""

    segment: Segment
    edges: list[Edge]
    priors: list[float]
    post: dict[Edge, float] = field(default_factory=dict)

    def score(self) -> None:
        self.post = cached_posteriors(self.segment, self.edges, self.priors)


def _lattices(analysis: TextAnalysis, spans: Sequence[tuple[int, int]], pool: bool = False
              ) -> list[_Lattice]:
    out = []
    for a, b in spans:
        for seg in segments(analysis, a, b):
            edges, priors = spin_candidates(analysis, seg)
            if edges:
                out.append(_Lattice(seg, edges, priors))
    for lat in out:
        lat.score()
    if pool and POOL_WEIGHT:
        _pool(out)
    return out


#: log10 bonus per doubling of the posterior mass a candidate original has at the document's
#: *other* positions (0 turns pooling off).
POOL_WEIGHT = 0.5
#: Readings this weak elsewhere are not counted as evidence that their original was spun.
POOL_FLOOR = 0.2


def _pool(lattices: list[_Lattice]) -> None:
    """Rescore the lattices with each thesaurus candidate's mass at other positions as prior.

    A spinner that rewrites ``said`` rewrites it many times, in one form
    (seed 003's ``stated``) or several (``alleged``, ``articulated``,
    ``aforementioned``): the readings that restore the same original at other
    positions of the document are evidence that this original is one the
    spinner replaced. Each candidate's prior gains :data:`POOL_WEIGHT` per
    doubling of the posterior that readings of the same original (at least
    :data:`POOL_FLOOR` each) hold at the *other* positions of the document
    (leave one out: a reading does not vouch for itself). One round: pooling
    the pooled posteriors again would let readings vouch for each other.
    """
    mass: dict[str, float] = defaultdict(float)
    own: list[dict[tuple[int, str], float]] = []
    for lat in lattices:
        here: dict[tuple[int, str], float] = defaultdict(float)
        for e in lat.edges:
            p = lat.post.get(e, 0.0)
            if e.source in ("thesaurus", "loose") and p >= POOL_FLOOR:
                here[e.i, e.tokens[0]] += p
        for (_, c), p in here.items():
            mass[c] += p
        own.append(here)
    for lat, here in zip(lattices, own):
        changed = False
        edges = []
        for e in lat.edges:
            if e.source in ("thesaurus", "loose"):
                elsewhere = mass.get(e.tokens[0], 0.0) - here.get((e.i, e.tokens[0]), 0.0)
                if elsewhere > 1e-9:
                    e = e._replace(prior=e.prior + POOL_WEIGHT * math.log2(1 + elsewhere))
                    changed = True
            edges.append(e)
        if changed:
            lat.edges = edges
            lat.score()


def _readings(analysis: TextAnalysis, lattices: list[_Lattice]) -> list[Reading]:
    grouped: dict[tuple[int, int, str], tuple[float, float, Edge]] = {}
    for lat in lattices:
        slots = lat.segment.slots
        for e in lat.edges:
            p = lat.post.get(e, 0.0)
            a, b = slots[e.i].start, slots[e.j - 1].end
            key = (a, b, e.text)
            total, top, best = grouped.get(key, (0.0, -1.0, e))
            grouped[key] = (total + p, p, e) if p > top else (total + p, top, best)
    out = [Reading(a, b, analysis.text[a:b], text, total, e.source, analysis.in_quotation(a, b))
           for (a, b, text), (total, _, e) in grouped.items()]
    out.sort(key=lambda r: (r.start, -r.posterior))
    return out


def decisive_readings(analysis: TextAnalysis, start: int, end: int, threshold: float) -> int:
    """How many readings of ``[start, end)`` outside quotations reach posterior ``threshold``.

    What ``spin_readings(analysis, start, end)`` gives with ``posterior >=
    threshold`` and not ``quoted`` (the spin profile's count), without making
    a :class:`Reading` of every candidate: the posteriors are summed per
    span and replacement as :func:`_readings` sums them.

    >>> decisive_readings(TextAnalysis("The talks ended whilst the bombing went on."), 0, 43, 0.5)
    1
    """
    totals: dict[tuple[int, int, str], float] = {}
    for lat in _lattices(analysis, [(start, end)]):
        slots = lat.segment.slots
        for e in lat.edges:
            key = (slots[e.i].start, slots[e.j - 1].end, e.text)
            totals[key] = totals.get(key, 0.0) + lat.post.get(e, 0.0)
    return sum(1 for (a, b, _), total in totals.items()
               if total >= threshold and not analysis.in_quotation(a, b))


def spin_readings(analysis: TextAnalysis, start: int = 0, end: int | None = None
                  ) -> list[Reading]:
    """Every candidate reading of ``[start, end)`` with its posterior (best first per span).

    >>> rs = spin_readings(TextAnalysis("The talks ended whilst the bombing went on."))
    >>> [(r.written, r.replacement) for r in rs if r.posterior > 0.5]
    [('whilst', 'while')]
    """
    return document_readings(analysis, [(start, len(analysis.text) if end is None else end)])


def document_readings(analysis: TextAnalysis, spans: Sequence[tuple[int, int]], *,
                      pool: bool = False) -> list[Reading]:
    """The readings of a document's paragraphs ``spans`` (computed once per text and spans).

    With ``pool``, candidates are rescored with their original's mass at the
    document's other positions (:func:`_pool`): what ``SPUN_WORD`` decides on,
    in a document already profiled as spun. The damage profile reads the
    readings without it, so that a clean document's weak readings cannot
    vouch for each other into a spin profile.
    """
    return analysis.memo(("spin.readings", tuple(spans), pool),
                         lambda: _readings(analysis, _lattices(analysis, spans, pool)))


#: Rounds of deciding and applying before SPUN_WORD gives up on a fixed point.
MAX_ROUNDS = 8


def _decide(analysis: TextAnalysis, spans: Sequence[tuple[int, int]],
            licensed: set[tuple[str, str]]) -> tuple[list[Decision], list[Decision]]:
    """What SPUN_WORD applies and suggests on one text: (decisions, suggestions).

    A decision inside a quotation is applied only when the same substitution
    (written → replacement, in lower case) is applied outside quotations in
    the document (``licensed``, or in this round); otherwise it is suggested.
    """
    text = analysis.text
    found: list[tuple[bool, Decision, tuple[str, str]]] = []  # (quoted, decision, key)
    taken: list[tuple[int, int]] = []
    for a, b in spans:
        for m in NUMERAL_RE.finditer(text, a, b):
            words = spelled_numeral(m)
            if words is not None:
                taken.append(m.span())
                spelled = _case_like(words, m.group())
                if analysis.capital_expected(m.start()):
                    spelled = spelled[:1].upper() + spelled[1:]  # `3 / 4 of them` opens
                found.append((analysis.in_quotation(m.start(), m.end()),
                              Decision(m.start(), m.end(), spelled,
                                       "numeral", f"spun numeral: {m.group()!r}"),
                              (m.group().lower(), words)))
        for m in MONTH_RE.finditer(text, a, b):
            month = spun_month(m)
            if month is not None:
                taken.append(m.span(1))
                found.append((analysis.in_quotation(m.start(1), m.end(1)),
                              Decision(m.start(1), m.end(1), month, "month",
                                       f"spun month name: {m.group(1)!r} for {month!r}"),
                              (m.group(1).lower(), month.lower())))
    suggestions: list[Decision] = []
    for r in _best(document_readings(analysis, spans, pool=True)):
        if any(r.start < b and a < r.end for a, b in taken):
            continue
        if r.kind == "abbreviation" and ABBREV_DOT_RE.match(text, r.end):
            r = replace(r, end=r.end + 1, written=r.written + ".")  # `govt. said`
        key = (r.written.lower(), r.replacement.lower())
        promoted = _promoted(analysis, r)
        if (r.posterior >= APPLY_POSTERIOR or promoted) and r.kind in ("thesaurus", "loose") \
                and not _anchored(analysis, r):
            suggestions.append(Decision(
                r.start, r.end, r.replacement, "possible",
                f"possibly spun: {r.written!r} for {r.replacement!r} (posterior "
                f"{r.posterior:.2f}, but only a neighbour that may be spun itself supports it)"))
            continue
        if r.posterior >= APPLY_POSTERIOR:
            tier = "thesaurus" if r.kind in ("thesaurus", "loose") else "variant"
            found.append((r.quoted, Decision(
                r.start, r.end, r.replacement, tier,
                f"spun: {r.written!r} for {r.replacement!r} "
                f"(posterior {r.posterior:.2f}, {r.kind})"), key))
        elif promoted:
            why = ("the neighbouring words barely prefer it: the spinner's channel and the "
                   "document decide")
            found.append((r.quoted, Decision(
                r.start, r.end, r.replacement, promoted,
                f"spun: {r.written!r} for {r.replacement!r} "
                f"(posterior {r.posterior:.2f}, {r.kind}; {why})"), key))
        else:
            suggestions.append(Decision(
                r.start, r.end, r.replacement, "possible",
                f"possibly spun: {r.written!r} for {r.replacement!r} "
                f"(posterior {r.posterior:.2f})"))
    found = [f for f in found if text[f[1].start:f[1].end] != f[1].replacement]  # `March`
    outside = licensed | {key for quoted, _, key in found if not quoted}
    decisions = []
    for quoted, d, key in found:
        if quoted and key not in outside:
            suggestions.append(replace(d, message=f"{d.message} (inside a quotation)"))
        else:
            decisions.append(d)
    return decisions, suggestions


def _promoted(analysis: TextAnalysis, r: Reading) -> str | None:
    """The tier on which a reading below :data:`APPLY_POSTERIOR` is applied anyway, or None.

    From :data:`PROMOTE_POSTERIOR` up (measured on the tune split's spun
    documents, where the 0.8–0.95 band as a whole is 74% right): a
    close-synonym reading whose posterior does not rest on its neighbours
    (:func:`context_gain` within :data:`PROMOTE_CONTEXT` of 0; 31 of 33). It
    may not lose a bigram of the table that the written words have with a
    neighbour (:func:`_breaks_bigram`), and a reporting verb only after a
    quotation (``…again," told Dmytro``: no object; not ``Streeting told
    Parliament``). Curated function-word variants stay suggestions below
    :data:`APPLY_POSTERIOR`: ``whilst``, ``nevertheless``, ``prior to`` and
    ``shall`` are edited British English too (an outside review found them
    wrong 81 times in 25 spun articles of its own).

    Why the context gain: the bigram table's evidence is one-sided. It lists
    the common candidate's bigrams and lacks most of a rarer written word's
    (``winter snowfall`` and ``bond yields`` are absent, ``bond issues`` is
    not), so a large gain is partly the table's coverage; a reading the
    context barely prefers that still reaches 0.8 owes it to the spinner's
    channel, the candidate's frequency and the document (the same original
    restored elsewhere, the candidate written elsewhere), which do not share
    that bias (``told`` → said before a name, ``Respective`` → Several).
    Looser terms stay suggestions: a third of their suggestions are right.
    """
    if r.posterior >= APPLY_POSTERIOR or r.posterior < PROMOTE_POSTERIOR:
        return None
    if _breaks_bigram(analysis, r):
        return None
    # Not a curated function-word variant (`whilst`, `nevertheless`, `prior to`, `shall`:
    # forms edited British news writes too; an outside review found them wrong 81 times
    # in 25 spun articles of its own).
    from newsfix.rules.english._lexicon import word_class

    gain = context_gain(analysis, r) if r.kind == "thesaurus" else math.inf
    if not -PROMOTE_CONTEXT < gain < PROMOTE_CONTEXT:
        return None
    if r.written.lower() in word_class("reporting_verb") \
            and not QUOTE_BEFORE_RE.search(analysis.text, max(0, r.start - 8), r.start):
        return None  # `Streeting told Parliament`; but `…again," told Dmytro` has no object
    return "channel"


#: A quotation that closes on a comma or full stop right before a word: `…again," told`.
QUOTE_BEFORE_RE = regex.compile(r"[,.!?]['\"’”]\s+$")


def _breaks_bigram(analysis: TextAnalysis, r: Reading) -> bool:
    """Whether the reading loses a bigram of the table that the written words have with a neighbour.

    ``take a extra step`` → ``a more step``: ``extra step`` is in the table,
    ``more step`` is not.
    """
    from newsfix.evidence import bigram

    found = _neighbours(analysis, r)
    if found is None:
        return False
    _, _, left, right = found
    cand = model_tokens(r.replacement) or [r.replacement.lower()]
    written = model_tokens(r.written) or [r.written.lower()]
    if left is not None and (lt := model_tokens(left.text)) \
            and bigram(lt[-1], written[0]) and not bigram(lt[-1], cand[0]):
        return True
    return right is not None and bool(rt := model_tokens(right.text)) \
        and bool(bigram(written[-1], rt[0])) and not bigram(cand[-1], rt[0])


def _neighbours(analysis: TextAnalysis, r: Reading
                ) -> tuple[Word, Word, Word | None, Word | None] | None:
    """A reading's first and last words and the words joined to them by a plain space."""
    text = analysis.text
    first, last = analysis.word_at(r.start), analysis.word_at(r.end - 1)
    if first is None or last is None:
        return None
    left = analysis.neighbour(first, -1)
    right = analysis.neighbour(last, 1)
    left = left if left is not None and text[left.end:first.start] == " " else None
    right = right if right is not None and text[last.end:right.start] == " " else None
    return first, last, left, right


def context_gain(analysis: TextAnalysis, r: Reading) -> float:
    """log10 by which a reading's neighbouring words prefer it to the written words.

    The bigram model's P(first token | left word) and P(right word | last
    token), reading against written; a side with no word joined by a plain
    space (punctuation, a sentence start) adds nothing.

    >>> a = TextAnalysis("The talks ended final week.")
    >>> r = Reading(16, 21, "final", "last", 0.9, "thesaurus", False)
    >>> context_gain(a, r) > 1
    True
    """
    from newsfix.rules.lattice import logp

    found = _neighbours(analysis, r)
    if found is None:
        return 0.0
    first, _, left, right = found
    cand = model_tokens(r.replacement) or [r.replacement.lower()]
    written = model_tokens(r.written) or [r.written.lower()]
    gain = 0.0
    if left is not None and not analysis.capital_expected(first.start) \
            and (lt := model_tokens(left.text)):
        gain += logp(cand[0], lt[-1]) - logp(written[0], lt[-1])
    if right is not None and (rt := model_tokens(right.text)):
        gain += logp(rt[0], cand[-1]) - logp(rt[0], written[-1])
    return gain


#: Alternatives of a neighbour that may be spun that a one-sided candidate is tried against.
ROBUST_ALTERNATIVES = 6


def _spinnable(analysis: TextAnalysis, w: Word) -> bool:
    """Whether a spinner could have written ``w`` for a synonym (a plain thesaurus word)."""
    tier1, tier2 = synonym_tiers()
    capital = w.text[:1].isupper() and not analysis.capital_expected(w.start)
    return not capital and _zipf(w.lower) < MAX_WORD_ZIPF and (
        w.lower in tier1 or w.lower in tier2)


def _anchored(analysis: TextAnalysis, r: Reading) -> bool:
    """Whether a thesaurus reading's context does not rest on one word that may be spun too.

    A candidate scored against a single neighbour (the other side ends the
    segment) fits whatever that neighbour is; if the neighbour is a word a
    spinner could have replaced as well, the fit may be to the spinner's word
    (``a extra regular footing``: ``regular basis`` fits ``regular``, which
    was ``normal``), so that evidence alone decides nothing.
    """
    found = _neighbours(analysis, r)
    if found is None:
        return True
    _, _, left, right = found
    sides = [w for w in (left, right) if w is not None]
    if len(sides) != 1 or not _spinnable(analysis, sides[0]):
        return True
    # The neighbour may be spun: the candidate must fit what it may stand for as well.
    n = sides[0]
    tier1, tier2 = synonym_tiers()
    alternatives = [c for c in (*tier1.get(n.lower, ()), *tier2.get(n.lower, ()))
                    if " " not in c and _zipf(c) < MAX_CAND_ZIPF]
    alternatives.sort(key=lambda c: -_zipf(c))
    alternatives = alternatives[:ROBUST_ALTERNATIVES]
    if not alternatives:
        return True
    cand = model_tokens(r.replacement)
    written = model_tokens(r.written)
    if not cand or not written:
        return True
    from newsfix.rules.lattice import logp

    def gain(a: str) -> float:
        if n is left:  # how much more ``a`` calls for the candidate than English at large
            return (logp(cand[0], a) - logp(written[0], a)
                    - logp(cand[0], None) + logp(written[0], None))
        return logp(a, cand[-1]) - logp(a, written[-1])

    wins = sum(1 for a in alternatives if gain(a) >= 1.0)
    return wins * 2 >= len(alternatives)


def converge(analysis: TextAnalysis, spans: Sequence[tuple[int, int]]
             ) -> tuple[list[Region], list[tuple[int, int, str, Decision]], int]:
    """SPUN_WORD's decisions carried to their fixed point: (regions, suggestions, rounds).

    Each round decides on the current text (the lattice over the whole
    document), applies the decisions to a copy and decides again,
    until a round decides nothing (at most :data:`MAX_ROUNDS`). The regions
    are in the offsets of ``analysis.text``; suggestions are the last round's,
    mapped back to them.
    """
    overlay = Overlay(analysis.text)
    current = analysis
    licensed: set[tuple[str, str]] = set()
    rounds = 0
    suggestions: list[Decision] = []
    while rounds < MAX_ROUNDS:
        rounds += 1
        cur_spans = [(overlay.to_current(a), overlay.to_current(b)) for a, b in spans]
        decisions, suggestions = _decide(current, cur_spans, licensed)
        if not decisions:
            break
        licensed |= {(current.text[d.start:d.end].lower(), d.replacement.lower())
                     for d in decisions if not current.in_quotation(d.start, d.end)}
        overlay.apply(decisions)
        current = TextAnalysis(overlay.text)
    regions = overlay.regions
    mapped = []
    for s in suggestions:
        a, b, after = overlay.to_original(s.start, s.end, s.replacement)
        if not any(r.start < b and a < r.end for r in regions):
            mapped.append((a, b, after, s))
    return regions, mapped, rounds


class SpunWord(Rule):
    """Restore words and short phrases a spinner replaced, judged as whole readings.

    Candidates are the thesaurus neighbours of every word (part-of-speech
    blind, as spinners work) and curated variants (``whilst``, ``as a result
    of``, ``yr``, ``Walk`` for March); whole readings of each run of words are
    scored by the English bigram model under a spinner's channel
    (:mod:`newsfix.rules.lattice`). Safe because it acts only in documents the damage
    profile shows as spun, and applies a reading only when its posterior is
    decisive (:data:`APPLY_POSTERIOR`), or from :data:`PROMOTE_POSTERIOR` for a
    curated function-word variant or a reading its bigram context barely
    prefers (:func:`_promoted`); weaker readings are suggestions, and clean
    documents get nothing. Its decisions change their neighbours'
    contexts, so it decides again on the repaired text until nothing more is
    decided (:func:`converge`): the text it leaves is a fixed point.
    """

    id = "SPUN_WORD"
    category = "spin"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"thesaurus": 0.95, "variant": 0.95, "numeral": 0.95, "month": 0.95,
             "channel": 0.9, "possible": 0.5}
    lexicons = ("spin_variants.tsv",)
    description = "word replaced by a synonym (spun text)"
    examples = (
        Example("The Worldwide Atomic Vitality Company stated that the White Home had been "
                "told. The talks ended whilst the bombing went on, ⟦3 / 4⟧ of the members said "
                "in ⟦Walk⟧ 2025.",
                "The Worldwide Atomic Vitality Company stated that the White Home had been "
                "told. The talks ended whilst the bombing went on, three quarters of the members "
                "said in March 2025.",
                note="spun names make the profile; `whilst` → while is only suggested here "
                     "(edited British English writes it too)"),
        Example("Output fell in the year before the war. Ties returned to a more normal "
                "footing in August last year. Kyiv has all but lost a valuable chip.",
                kind="clean"),
        Example("He stated that the final week of the season was a battle.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        if not scope.damage.damaged("spin"):
            return
        spans = [(p.start, p.end) for p in scope.paragraphs()]
        regions, suggestions, _ = converge(scope.analysis, spans)
        text = scope.full_text
        for r in regions:
            d = r.last
            message = d.message if len(r.decisions) == 1 else \
                f"{d.message}; {text[r.start:r.end]!r} → {r.after!r} over {len(r.decisions)} steps"
            yield scope.change(r.start, r.end, r.after, tier=d.tier, message=message)
        for a, b, after, s in suggestions:
            yield scope.change(a, b, after, tier=s.tier, suggest_only=True, message=s.message)


#: Numerals a spinner writes: a spaced fraction (``3 / 4``), ``100's of``.
NUMERAL_RE = regex.compile(
    r"(?<![\d/.,])([1-9]) / ([1-9]\d?)(?![\d/.,]\d)|(?<![\d.,])(1(?:,?000)*|100)['’]s of\b")
_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PARTS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
          5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 8: ("eighth", "eighths"),
          10: ("tenth", "tenths")}
_SCALES = {"100": "hundreds", "1000": "thousands", "1000000": "millions",
           "1000000000": "billions"}


def spelled_numeral(m: regex.Match[str]) -> str | None:
    """News English for a spinner's numeral match of :data:`NUMERAL_RE`, or None.

    >>> [spelled_numeral(NUMERAL_RE.search(t)) for t in ("3 / 4 of", "1 / 2", "100's of", "7 / 9")]
    ['three quarters', 'half', 'hundreds of', None]
    """
    if m.group(3):
        scale = _SCALES.get(m.group(3).replace(",", ""))
        return f"{scale} of" if scale else None
    num, den = int(m.group(1)), int(m.group(2))
    if den not in _PARTS or num >= den:
        return None
    if num == 1:
        return "half" if den == 2 else f"a {_PARTS[den][0]}"
    return f"{_UNITS[num]} {_PARTS[den][1]}"


#: A capitalised word mid-sentence where a month name goes: before a day or a year, or
#: after a preposition of time.
MONTH_RE = regex.compile(
    r"(?<=\p{L}[,;]? |\p{L} (?:in|of|since|until|till|by|from|through|early|late|mid-?) )"
    r"(\p{Lu}\p{Ll}+)(?= (?:[1-9]\d?|[12]\d{3})\b| ?[,.;:)]| (?:and|or|when|to)\b)")
_MONTH_AFTER_RE = regex.compile(r"\b(?:in|of|since|until|till|by|from|through|early|late|mid-?) $")


def spun_month(m: regex.Match[str]) -> str | None:
    """The month a capitalised variant (``Walk``) stands for, where a month name goes.

    A variant before a day or a year is a month (``till Walk 14``); one that
    ends a phrase must follow a preposition of time (``the middle of Walk,``).
    """
    word = m.group(1)
    found = [o for o, kind in variants().get((word.lower(),), ()) if kind == "month"]
    if len(found) != 1:
        return None
    text = m.string
    after = text[m.end(1):m.end(1) + 6]
    if not regex.match(r" \d", after) and not _MONTH_AFTER_RE.search(
            text, max(0, m.start(1) - 12), m.start(1)):
        return None
    return found[0]


#: The full stop of an abbreviation inside a sentence (``govt. said``, ``sq. kilometres``).
ABBREV_DOT_RE = regex.compile(r"\.(?= +[\p{Ll}\d]|[,;:)])")


def _best(readings: list[Reading]) -> Iterator[Reading]:
    """The readings above the suggestion level that do not overlap (best posterior first)."""
    taken: list[tuple[int, int]] = []
    for r in sorted(readings, key=lambda r: -r.posterior):
        if r.posterior < SUGGEST_POSTERIOR:
            break
        if any(r.start < b and a < r.end for a, b in taken):
            continue
        taken.append((r.start, r.end))
        yield r


NAME_RE = regex.compile(
    r"\p{Lu}[\p{Ll}]+(?:\s+(?:(?:of|for|on|and|the|de|a|an|in|to|at)\s+)*\p{Lu}[\p{Ll}]+)+")
_CONNECTORS = frozenset({"of", "for", "on", "and", "the", "de", "a", "an", "in", "to", "at"})


def match_name(words: list[str]) -> tuple[str, ...] | None:
    """The WordNet name ``words`` is a spun form of (synonym or one free word differ), or None.

    >>> match_name("Worldwide Atomic Vitality Company".split())
    ('International', 'Atomic', 'Energy', 'Agency')
    >>> match_name("White House".split()) is None
    True
    """
    n = len(words)
    index = names()
    lower = [w.lower() for w in words]
    if tuple(lower) in _lower_names():
        return None  # the name itself
    if not any((n, i, w) in index for i, w in enumerate(lower)):
        return None  # a match keeps one word of its name in place (``same`` below)
    syn = synonyms()  # the thesaurus is loaded only for a run that may match
    # A match differs by at least one synonym, so its candidates are found through the
    # synonyms alone (looking names up by every written word, `the` and `of` included,
    # finds thousands).
    found: set[tuple[str, ...]] = set()
    for i, w in enumerate(lower):
        found.update(_names_by_synonym(syn, index, n, i, w))
    # One word must stay (``White Horse`` is not ``Pearl Buck``): only names that share a
    # written word in its place are scored (set operations, not a loop over every name
    # some synonym reaches: ``Word`` reaches hundreds).
    same_place: set[tuple[str, ...]] = set()
    for i, w in enumerate(lower):
        same_place.update(index.get((n, i, w), ()))
    found &= same_place
    content = [b for b in lower if b not in _CONNECTORS]
    best: list[tuple[int, tuple[str, ...]]] = []
    for name in found:
        nl = [t.lower() for t in name]
        same = sum(a == b for a, b in zip(nl, lower))
        by_syn = sum(a != b and b in syn and a in syn[b] for a, b in zip(nl, lower))
        free = n - same - by_syn
        if free > (1 if n >= 3 else 0) or not by_syn or not same:
            continue
        if free and (same < 1 or len(content) < 3):
            continue
        if any(a != b and b in _capitalised_only() for a, b in zip(nl, lower)):
            continue  # ``European`` is a name, not a spinner's word for ``German``
        best.append((free * 2 + by_syn, name))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None  # ambiguous
    return best[0][1]


_SYN_NAMES: list[tuple[object, object,
                       dict[tuple[int, int, str], frozenset[tuple[str, ...]]]]] = []


def _names_by_synonym(syn: dict[str, tuple[str, ...]],
                      index: dict[tuple[int, int, str], list[tuple[str, ...]]],
                      n: int, i: int, word: str) -> frozenset[tuple[str, ...]]:
    """Names of ``n`` words with a synonym of ``word`` at position ``i`` (kept per word).

    Kept with the thesaurus and name index it was computed from, so a hook that
    replaces the thesaurus (``mech_split``) and users' organisation files are seen.
    """
    if not _SYN_NAMES or _SYN_NAMES[0][0] is not syn or _SYN_NAMES[0][1] is not index:
        _SYN_NAMES[:] = [(syn, index, {})]
    memo = _SYN_NAMES[0][2]
    found = memo.get((n, i, word))
    if found is None:
        found = memo[n, i, word] = frozenset(
            name for key in syn.get(word, ()) for name in index.get((n, i, key), ()))
    return found


@extensible("gazetteer_orgs.tsv.gz")
def _lower_names() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(t.lower() for t in name) for name in known_names())


@extensible("gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
def _capitalised_only() -> frozenset[str]:
    from newsfix.rules.english._lexicon import proper_nouns

    return frozenset(proper_nouns())


class SpunName(Rule):
    """Restore a multi-word name whose words a spinner replaced by synonyms.

    Safe because the spun run must differ from a WordNet name only by
    thesaurus synonyms (at most one other word, in names of three or more
    words), the spun words must not form an attested English bigram where the
    name's words do, a run that is itself a known name is left alone, and a
    two-word name needs other evidence of spin in the document
    (:func:`spun_names`).
    """

    id = "SPUN_NAME"
    category = "spin"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"synonyms": 0.95, "possible": 0.5}
    provides = frozenset({"spin.names"})
    lexicons = ("gazetteer_orgs.tsv.gz",)
    description = "name with words replaced by synonyms (spun text)"
    examples = (
        Example("Officials at the ⟦White Home⟧ said on Monday a extra round would go ahead.",
                "Officials at the White House said on Monday a extra round would go ahead.",
                note="a two-word name needs other evidence of spin: here `a extra`"),
        Example("The U.N.'s ⟦Worldwide Atomic Vitality Company⟧ expressed alarm.",
                "The U.N.'s International Atomic Energy Agency expressed alarm."),
        Example("Officials at the White House said on Monday the talks would go ahead.",
                kind="clean"),
        Example("He works for the World Health Organization in Geneva.", kind="clean"),
        Example("Officials at the White Home said on Monday the talks would go ahead.",
                kind="clean", note="a lone two-word match is no evidence of spin"),
        Example("Scotland's First Minister said the talks would go ahead.", kind="clean"),
        Example("The United Nations Organization met. The Ontario Energy Board approved the "
                "rates, and the British Brands Group said it would appeal.", kind="clean",
                note="issue 14: real names one or two synonyms away from other names"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        taken: list[tuple[int, int]] = []
        for a, b, spun, name in spun_names(scope):
            taken.append((a, b))
            yield scope.note("spin.names", tuple(scope.source_span(a, b).to_list()))
            yield scope.change(a, b, name, tier="synonyms",
                               message=f"spun name: {spun!r} for {name!r} "
                                       f"({name_rows().get(tuple(name.split()), '')})")
        if scope.damage.damaged("spin"):
            for a, b, spun, name in _document_names_possible(scope, True)[2]:
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                yield scope.change(a, b, name, tier="possible", suggest_only=True,
                                   message=f"possibly a spun name: {spun!r} for {name!r} "
                                           f"({name_rows().get(tuple(name.split()), '')}; "
                                           "the bigram table does not know the name)")


def spun_names(scope: Scope) -> list[tuple[int, int, str, str]]:
    """(start, end, spun, name) of the spun names of a document that have corroboration.

    A spun name of three words or more stands on its own (``Worldwide Atomic
    Vitality Company`` has no innocent reading). A two-word match does not:
    ``First Minister`` is a real title one synonym away from ``Prime
    Minister``. So a two-word name counts only in a document that shows spin
    apart from it: ``a`` before a vowel-sound word, a longer spun name, a
    second, different two-word spun name, or a name repaired in an earlier
    pass (noted as ``spin.names``); otherwise it is neither an edit nor a
    suggestion.

    >>> from newsfix import fix
    >>> fix("Officials at the White Home said the talks would go ahead.", language="en",
    ...     translate=False)
    'Officials at the White Home said the talks would go ahead.'
    >>> fix("The White Home said so. Kansas Metropolis won.", language="en", translate=False)
    'The White House said so. Kansas City won.'
    """
    if scope.damage.damaged("spin"):
        return _document_names(scope, spun=True)[0]
    matches, articles = _document_names(scope)
    short = {m[2].lower() for m in matches if len(m[2].split()) == 2}
    evidence = articles
    evidence += sum(1 for m in matches if standalone(m)) + max(len(short) - 1, 0)
    # Names accepted in an earlier pass (gone from the text since) still count.
    evidence += len(scope.notes("spin.names"))
    if evidence:
        return matches
    return [m for m in matches if standalone(m)]


def standalone(match: tuple[int, int, str, str]) -> bool:
    """Whether a spun-name match needs no other evidence of spin in its document.

    Only a name with three words changed, two of them or more by synonyms,
    has no innocent reading (``Worldwide Atomic Vitality Company``);
    ``United Nations Organization`` (two synonyms of ``United States
    Constitution``) or ``Ontario Energy Board`` are real names.
    """
    written = [w.lower() for w in match[2].split()]
    name = [w.lower() for w in match[3].split()]
    syn = synonyms()
    if len(written) != len(name):
        return False
    by_syn = sum(a != b and b in syn.get(a, ()) for a, b in zip(written, name))
    free = sum(a != b and b not in syn.get(a, ()) for a, b in zip(written, name))
    return by_syn >= 2 and by_syn + free >= 3


def _document_names(scope: Scope, spun: bool = False
                    ) -> tuple[list[tuple[int, int, str, str]], int]:
    """Every spun-name match of the document's paragraphs and the count of ``a`` + vowel.

    ``spun``: the document is profiled as spun (:func:`name_matches`).
    """

    return _document_names_possible(scope, spun)[:2]


def _document_names_possible(scope: Scope, spun: bool) -> tuple[
        list[tuple[int, int, str, str]], int, list[tuple[int, int, str, str]]]:
    """:func:`_document_names` and the possible names (``possible`` of :func:`name_matches`)."""
    return _names_possible(scope.analysis, tuple(p.span for p in scope.paragraphs()), spun)


def document_names(analysis: TextAnalysis, spans: Sequence[Span], spun: bool = False
                   ) -> tuple[list[tuple[int, int, str, str]], int]:
    """The spun-name matches of ``spans`` and their count of ``a`` + vowel, once per analysis.

    Shared by :class:`SpunName` and the spin profile (the same paragraphs: one computation).
    """
    return _names_possible(analysis, tuple(spans), spun)[:2]


def _names_possible(analysis: TextAnalysis, spans: tuple[Span, ...], spun: bool) -> tuple[
        list[tuple[int, int, str, str]], int, list[tuple[int, int, str, str]]]:
    def compute() -> tuple[list[tuple[int, int, str, str]], int,
                           list[tuple[int, int, str, str]]]:
        possible: list[tuple[int, int, str, str]] = []
        matches = [m for s in spans
                   for m in name_matches(analysis, s.start, s.end, spun=spun,
                                         possible=possible)]
        return matches, sum(article_mismatches(analysis.text[s.start:s.end])
                            for s in spans), possible

    return analysis.memo(("spin.names", spun, spans), compute)


@extensible("gazetteer_orgs.tsv.gz")
def max_name_words() -> int:
    """Words in the longest known name: no sub-run of a capitalised run longer is a name."""
    return max((len(n) for n in known_names()), default=2)


def name_matches(analysis: TextAnalysis, para_start: int, para_end: int, *,
                 spun: bool = False, possible: list[tuple[int, int, str, str]] | None = None
                 ) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, spun, name) of each spun name in a paragraph, outside quotations.

    ``possible`` (spun documents only) collects the two-word matches that lack
    only the bigram table's word that the name is a phrase (``European Sum``:
    the table has no ``european union``), for suggestions.

    Only sub-runs of at most :func:`max_name_words` words are tried, so a run
    of capitalised words costs time linear in its length (``Istanbul in
    Istanbul in …`` is one run).

    The guards against real names that are a synonym away from another name
    rest on the bigram table: a two-word name must be an attested phrase its
    written form is not, and every changed word must break an attested bigram
    of the name; and no changed word may be part of a known name written
    inside the run (``United Nations Organization`` holds ``United Nations``).
    The table lacks many names' bigrams (``world health``), so in a document
    the damage profile already shows as spun (``spun``) that prior stands in
    for the bigram guards of a name of three words or more, provided every
    changed word is a synonym no more frequent than the name's word
    (:func:`_spinner_like`) and no connector joins the match to more of its
    run (``Nation Academy`` in ``Nation Academy of Sciences`` is part of a
    longer name). ``International Health Machine``: ``international health``
    is a phrase, but ``health machine`` is not.

    >>> an = TextAnalysis("The International Health Machine warned.")
    >>> [m[3] for m in name_matches(an, 0, len(an.text))]
    []
    >>> [m[3] for m in name_matches(an, 0, len(an.text), spun=True)]
    ['World Health Organization']
    """
    text = analysis.text
    longest = max_name_words()
    # A document's capitalised runs repeat: each sub-run is matched once per document.
    seen: dict[tuple[str, ...], tuple[str, ...] | None] = analysis.memo(
        ("spin.match_name",), dict)
    for m in NAME_RE.finditer(text, para_start, para_end):
        words = list(WORD_RE.finditer(m.group()))
        start = m.start()
        if analysis.in_quotation(start + words[0].start(), start + words[0].end()):
            continue
        written = [w.group() for w in words]
        i = 0
        while i < len(words):
            j = min(len(words), i + longest)
            while j > i + 1:  # longest run first
                key = tuple(written[i:j])
                try:
                    name = seen[key]
                except KeyError:
                    name = seen[key] = match_name(list(key))
                if name is None:
                    j -= 1
                    continue
                continues = j < len(words) and written[j] in ("of", "for", "de")
                # The bigram table is read only once a name matches.
                fits = _name_fits(list(key), name, bigrams(), spun=spun, continues=continues)
                if fits is not None:
                    a, b = start + words[i].start(), start + words[j - 1].end()
                    if fits == "apply":
                        yield a, b, text[a:b], " ".join(name)
                        break
                    if possible is not None:
                        possible.append((a, b, text[a:b], " ".join(name)))
                j -= 1
            i = j if j > i + 1 else i + 1


def _name_fits(sub: list[str], name: tuple[str, ...], big: dict[tuple[str, str], int], *,
               spun: bool, continues: bool) -> str | None:
    """How a :func:`match_name` match of ``sub`` fares with the guards of :func:`name_matches`.

    ``"apply"``, ``"possible"`` (a suggestion: see ``possible`` there) or None.
    """
    if _holds_known_name(sub, name):
        return None
    if len(sub) == 2:
        if (sub[0].lower(), sub[1].lower()) in big:
            return None  # the written words are a phrase of their own
        if big.get((name[0].lower(), name[1].lower()), 0) < ATTESTED:
            # A two-word name must be a common phrase; in a spun document one the table
            # does not know is offered.
            fits = spun and not continues and _spinner_like(sub, name) and all(
                _spun_pair(a, b, big, k, sub, name) for k, (a, b) in enumerate(zip(sub, name)))
            return "possible" if fits else None
    if len(sub) > 2 and not _spinner_like(sub, name, free=True):
        return None  # (seed 003's real spinner wrote ``White Home``: two-word names may)
    if all(_spun_pair(a, b, big, k, sub, name) for k, (a, b) in enumerate(zip(sub, name))):
        return "apply"
    # The document's spin stands in for the bigram guards (names of three words or more).
    if spun and len(sub) > 2 and not continues and _spinner_like(sub, name) and all(
            _spun_pair(a, b, big, k, sub, name, bigrams_guard=False)
            for k, (a, b) in enumerate(zip(sub, name))):
        return "apply"
    return None


def _spinner_like(sub: list[str], name: tuple[str, ...], *, free: bool = False) -> bool:
    """Whether every changed word is a thesaurus synonym no more frequent than the name's word.

    A spinner swaps a word for a synonym, and the word it swaps in is seldom
    the commoner one (``Machine`` for Organization, ``Swear`` for Bank); a
    real name a synonym away from another often has the commoner word
    (``World`` Wildlife Fund is no spun ``International`` Monetary Fund,
    ``Armed Services`` no spun ``Armed Forces``). With ``free``, a word that is
    no synonym at all (what :func:`match_name` allows once) is let through.

    >>> _spinner_like("International Health Machine".split(), ("World", "Health", "Organization"))
    True
    >>> _spinner_like("World Wildlife Fund".split(), ("International", "Monetary", "Fund"),
    ...               free=True)
    False
    """
    syn = synonyms()
    for a, b in zip(sub, name):
        a, b = a.lower(), b.lower()
        if a == b:
            continue
        if b not in syn.get(a, ()):
            if not free:
                return False
        elif _zipf(a) > _zipf(b):
            return False
    return True


def _holds_known_name(sub: list[str], name: tuple[str, ...]) -> bool:
    """Whether a changed word of ``sub`` is part of a known name written inside it.

    Spinners' words do not form real names by accident: ``United Nations
    Organization`` holds ``United Nations``, so it is no spun ``United States
    Constitution``.

    >>> _holds_known_name("United Nations Organization".split(),
    ...                   ("United", "States", "Constitution"))
    True
    >>> _holds_known_name("International Health Machine".split(),
    ...                   ("World", "Health", "Organization"))
    False
    """
    lower = tuple(w.lower() for w in sub)
    changed = [a != b.lower() for a, b in zip(lower, name)]
    known = _lower_names()
    return any(lower[i:j] in known and any(changed[i:j])
               for i in range(len(lower)) for j in range(i + 2, len(lower) + 1)
               if (i, j) != (0, len(lower)))


def _spun_pair(a: str, b: str, big: dict[tuple[str, str], int], k: int,
               sub: list[str], name: tuple[str, ...], *, bigrams_guard: bool = True) -> bool:
    """A differing word must break the name's attested bigrams (no clean variant).

    It must also be a word spinners produce: as in :func:`spin_spots`, words
    as frequent as ``first`` are left alone (``First Minister`` is a title).
    Without ``bigrams_guard`` only the second test is made.
    """
    if a.lower() == b.lower():
        return True
    if _zipf(a.lower()) >= MAX_WORD_ZIPF:
        return False
    if not bigrams_guard:
        return True
    for j in (k - 1, k + 1):
        if 0 <= j < len(sub):
            spun = (sub[j].lower(), a.lower()) if j < k else (a.lower(), sub[j].lower())
            orig = (name[j].lower(), b.lower()) if j < k else (b.lower(), name[j].lower())
            if big.get(spun, 0) >= ATTESTED and big.get(spun, 0) * 10 >= big.get(orig, 0):
                return False
    return True


RULES: tuple[type[Rule], ...] = (SpunName, SpunWord)
