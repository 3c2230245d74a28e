"""The English evidence model: how much more probable English makes a repaired text.

Every repair rule that chooses between readings asks this one model instead of
heuristics of its own. It knows three things:

* **word frequencies** (wordfreq): how common a word is in English;
* **bigram counts** (``spin_bigrams.tsv.gz``, derived from the wordsegment
  package's Google Web 1T counts by ``scripts/build_spin_tables.py``): how
  common a word is after another, for context;
* **parts of speech** (``en_pos.tsv.gz``, from WordNet's tagged sense counts
  by ``scripts/build_en_pos.py``): whether a word is mostly a noun or a verb;
* **document statistics** (:class:`DocumentStats`): the forms and spellings
  the same document uses elsewhere (``Iran's`` written correctly once is
  evidence for ``Irans nuclear`` meaning the same).

Its one question is :func:`compare`: given a stretch of the text and a
candidate replacement, how many orders of magnitude (log10) more probable the
text is with the candidate, in its context. Tokens follow the bigram data's
convention: lower case, an apostrophe splits a word (``iran's`` is ``iran s``).

>>> from newsfix.text import TextAnalysis
>>> e = compare(TextAnalysis("They met at a press convention on Monday."), 20, 30, "conference")
>>> e.gain > 3, e.left, e.right
(True, 'press', 'on')
>>> compare(TextAnalysis("The talks ended last week."), 16, 20, "final").gain < 0
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from newsfix.text import TextAnalysis, Word

__all__ = [
    "ABSENT", "CORPUS_TOKENS", "DocumentStats", "Evidence", "PartOfSpeech", "bigram", "compare",
    "context", "document_stats", "logp", "pos", "sequence_logp", "tokens", "unigram", "zipf",
]

#: Corpus size behind the bigram counts (Google Web 1T: about 1e12 tokens).
CORPUS_TOKENS = 1.0e12
#: Counts below this are not in the bigram table; an absent bigram is estimated below it.
ABSENT = 3.0e4
#: Stupid-backoff weight for an absent bigram.
BACKOFF = 0.4
#: Log10 bonus per doubling of a candidate's other occurrences in the same document.
DOCUMENT_WEIGHT = 1.0

_TOKEN_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*|\p{N}+")


def tokens(text: str) -> list[str]:
    """The model's tokens of ``text``: lower case, apostrophes split, punctuation dropped.

    >>> tokens("Iran’s NUCLEAR plans, don't they?")
    ['iran', 's', 'nuclear', 'plans', 'don', 't', 'they']
    """
    return [t.lower() for t in _TOKEN_RE.findall(text)]


@cache
def _bigrams() -> dict[tuple[str, str], int]:
    from newsfix.lexicon import cached_table

    return cached_table("bigrams", ["spin_bigrams.tsv.gz"], _read_bigrams)


def _read_bigrams() -> dict[tuple[str, str], int]:
    """The bigram table read from its TSV (the spin rules share it: one table per process)."""
    from newsfix.lexicon import cells

    return {(a, b): int(c) for a, b, c in cells("spin_bigrams.tsv.gz", header=False)}


@cache
def _pos() -> dict[str, tuple[float, float, float, float]]:
    from newsfix.lexicon import cached_table

    return cached_table("evidence-pos", ["en_pos.tsv.gz"], _read_pos)


def _read_pos() -> dict[str, tuple[float, float, float, float]]:
    from newsfix.lexicon import load

    return {r["word"]: (float(r["noun"]), float(r["verb"]), float(r["adj"]), float(r["adv"]))
            for r in load("en_pos.tsv.gz")}


@dataclass(frozen=True)
class PartOfSpeech:
    """Shares of WordNet's tagged senses of a word form: noun, verb, adjective, adverb."""

    noun: float = 0.0
    verb: float = 0.0
    adj: float = 0.0
    adv: float = 0.0

    @property
    def known(self) -> bool:
        """Whether WordNet knows the form (function words and names it does not)."""
        return bool(self.noun or self.verb or self.adj or self.adv)


def pos(word: str) -> PartOfSpeech:
    """How likely ``word`` is a noun, verb, adjective or adverb (``en_pos.tsv.gz``).

    >>> pos("decision").noun, pos("closed").verb > 0.5, pos("the").known
    (1.0, True, False)
    """
    found = _pos().get(word.lower())
    return PartOfSpeech(*found) if found else PartOfSpeech()


def bigram(a: str, b: str) -> int:
    """How often ``b`` follows ``a`` in the corpus (0 when below the table's cut-off)."""
    return _bigrams().get((a, b), 0)


@cache
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 for unknown words)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@cache
def unigram(word: str) -> float:
    """Estimated corpus count of ``word`` (at least :data:`ABSENT`)."""
    from wordfreq import word_frequency

    return max(word_frequency(word, "en") * CORPUS_TOKENS, ABSENT)


def logp(word: str, prev: str | None) -> float:
    """log10 P(``word`` | ``prev``) under a bigram model with stupid backoff.

    An absent bigram is below the table's cut-off, so its backed-off estimate
    is capped there.
    """
    if prev is None:
        return math.log10(unigram(word) / CORPUS_TOKENS)
    count = bigram(prev, word)
    up = unigram(prev)
    if count:
        return math.log10(count / up)
    return math.log10(min(BACKOFF * unigram(word) / CORPUS_TOKENS, ABSENT / up))


def sequence_logp(words: Sequence[str], left: str | None, right: str | None) -> float:
    """log10 P of ``words`` between a ``left`` and a ``right`` neighbour (either may be None)."""
    total = 0.0
    prev = left
    for w in words:
        total += logp(w, prev) if prev is not None or not words else logp(w, None)
        prev = w
    if right is not None:
        total += logp(right, prev) if prev is not None else logp(right, None)
    return total


def context(analysis: TextAnalysis, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after ``[start, end)`` joined to it by a plain space.

    Punctuation, a line break or the edge of the text breaks the context (None).
    """
    text = analysis.text
    left = right = None
    k = analysis.word_at(start - 2) if start >= 2 else None
    if k is not None and k.end == start - 1 and text[start - 1] == " ":
        left = tokens(k.text)[-1]
    m = analysis.word_at(end + 1) if end + 1 < len(text) else None
    if m is not None and m.start == end + 1 and text[end] == " ":
        right = tokens(m.text)[0]
    return left, right


@dataclass(frozen=True)
class DocumentStats:
    """What a document shows of its own usage: word forms as written and in lower case."""

    forms: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)
    #: Lower-case forms seen capitalised where no capital is expected (names).
    capitalised: Counter[str] = field(default_factory=Counter)

    def seen(self, form: str) -> int:
        """Occurrences of ``form`` (case-insensitive) in the document."""
        return self.lower[form.lower()]


def document_stats(analysis: TextAnalysis) -> DocumentStats:
    """The document statistics of a text (computed once per text)."""
    def compute() -> DocumentStats:
        stats = DocumentStats()
        for w in analysis.words:
            stats.forms[w.text] += 1
            stats.lower[w.lower.replace("’", "'")] += 1
            if w.text[:1].isupper() and not analysis.capital_expected(w.start):
                stats.capitalised[w.lower] += 1
        return stats
    return analysis.memo("evidence.stats", compute)


@dataclass(frozen=True)
class Evidence:
    """What the model says of a candidate: ``gain`` is log10(P(candidate) / P(original))."""

    gain: float
    original: float
    candidate: float
    left: str | None
    right: str | None
    document: int  # other occurrences of the candidate in the document

    def __str__(self) -> str:
        ctx = f"{self.left or '…'} _ {self.right or '…'}"
        doc = f", {self.document}× elsewhere in the document" if self.document else ""
        return f"{self.gain:+.1f} log10 in context '{ctx}'{doc}"


def compare(analysis: TextAnalysis, start: int, end: int, candidate: str, *,
            use_document: bool = True) -> Evidence:
    """How much more probable the text is with ``candidate`` in place of ``[start, end)``.

    Scores both readings with their left and right context words under the
    bigram model; a candidate the document itself writes elsewhere gains
    ``DOCUMENT_WEIGHT`` per doubling of its count.
    """
    left, right = context(analysis, start, end)
    orig_tokens = tokens(analysis.text[start:end])
    cand_tokens = tokens(candidate)
    original = sequence_logp(orig_tokens, left, right)
    cand = sequence_logp(cand_tokens, left, right)
    seen = 0
    if use_document:
        stats = document_stats(analysis)
        seen = stats.seen(candidate.replace("’", "'")) if " " not in candidate else 0
        cand += DOCUMENT_WEIGHT * math.log2(1 + seen)
    return Evidence(cand - original, original, cand, left, right, seen)


def neighbours(analysis: TextAnalysis, word: Word) -> tuple[str | None, str | None]:
    """The context words of ``word`` (see :func:`context`)."""
    return context(analysis, word.start, word.end)


def association(a: str, b: str) -> float:
    """How much more often ``b`` follows ``a`` than chance: log10 P(b | a) / P(b).

    Positive for a collocation (``according to``), negative for words that
    rarely meet (``planet but``); 0 is independence.

    >>> association("according", "to") > 0.5, association("planet", "but") < 0
    (True, True)
    """
    return logp(b, a) - logp(b, None)
