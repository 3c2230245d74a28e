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

import gzip
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex
import wordfreq

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.text import WORD_RE, TextAnalysis

__all__ = ["RULES", "SpunName", "SpunWord", "spin_spots", "spun_names"]


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
    ref = resources.files("newsfix.data").joinpath(name)
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield line.rstrip("\n")


@cache
def synonym_tiers() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Surface form → the forms it may have replaced: (close synonyms, looser terms)."""
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
    """English bigram counts (lower case)."""
    out: dict[tuple[str, str], int] = {}
    for line in _open("spin_bigrams.tsv.gz"):
        a, b, c = line.split("\t")
        out[a, b] = int(c)
    return out


@cache
def names() -> dict[tuple[int, int, str], list[tuple[str, ...]]]:
    """Index of WordNet multi-word names: (length, position, lower word) → names."""
    index: dict[tuple[int, int, str], list[tuple[str, ...]]] = defaultdict(list)
    for line in _open("spin_names.tsv.gz"):
        toks = tuple(line.split())
        for i, t in enumerate(toks):
            index[len(toks), i, t.lower()].append(toks)
    return dict(index)


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
    toks = tokens(analysis, start, end)
    out = []
    for i, t in enumerate(toks):
        w = t.lower
        if w not in syn or (t.text[:1].isupper() and not t.sentence_start):
            continue
        if (t.text.isupper() and len(t.text) > 1) or _zipf(w) >= MAX_WORD_ZIPF:
            continue
        left = toks[i - 1].lower if i and _joined(text, toks[i - 1], t) \
            and not t.sentence_start else None
        right = toks[i + 1].lower if i + 1 < len(toks) and _joined(text, t, toks[i + 1]) \
            else None
        if left is None and right is None:
            continue
        base, lw, rw = _score(left, w, right)
        if strong_only and (left is None or right is None or lw or rw):
            continue
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


def document_spin(scope: Scope) -> tuple[bool, list[Spot]]:
    """Whether the document shows spin, and its spots (``scope``: the whole document).

    Spin shows as several independent signals that clean text lacks: names
    that are synonym-variants of known names (also those repaired in an
    earlier pass, noted as ``spin.names``), ``a`` before a vowel-sound word,
    and strong spots. Strong spots alone do not count: careful clean prose has
    a few.
    """
    analysis = scope.analysis
    paragraphs = scope.paragraphs()

    def compute() -> tuple[list[Spot], int]:
        spots = [s for p in paragraphs for s in spin_spots(analysis, p.start, p.end)]
        return spots, sum(len(analysis.words_in(p.start, p.end)) for p in paragraphs)

    spots, words = analysis.memo(("spin.spots", tuple(p.span for p in paragraphs)), compute)
    _, articles = _document_names(scope)
    names_now = spun_names(scope)
    seen = set(scope.notes("spin.names"))
    seen |= {tuple(scope.source_span(a, b).to_list()) for a, b, _, _ in names_now}
    signals = articles + len(seen)
    strong = sum(1 for s in spots if s.strong and not s.token.quoted)
    spun = bool(words) and signals >= 1 and signals + strong >= MIN_SPOTS and \
        100.0 * (signals + strong) / words >= MIN_DENSITY
    return spun, spots


class SpunWord(Rule):
    """Restore a word a spinner replaced by a thesaurus synonym, judged by its bigram context.

    Safe because it acts only in documents that show spin (spun names, ``a``
    before a vowel-sound word, and spots where the written word has no attested
    left or right bigram while a close synonym has both and is a thousandfold
    more probable); it applies a change only where such a spot recurs in the
    document, never inside a quotation; other spots in a spun document become
    suggestions, and clean text gets nothing.
    """

    id = "SPUN_WORD"
    category = "spin"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"recurring": 0.92, "single": 0.5}
    requires = frozenset({"spin.names"})
    description = "word replaced by a synonym (spun text)"
    examples = (
        Example("Output fell within the ⟦yr⟧ earlier than the war. Ties returned to a extra "
                "regular footing in August final yr. Kyiv has all but lost a invaluable chip.",
                "Output fell within the year earlier than the war. Ties returned to a extra "
                "regular footing in August final yr. Kyiv has all but lost a invaluable chip.",
                note="the second `yr` ends a sentence: one context only, so a suggestion"),
        Example("Output fell in the year before the war. Ties returned to a more normal "
                "footing in August last year. Kyiv has all but lost a valuable chip.",
                kind="clean"),
        Example("He stated that the final week of the season was a battle.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        spun, spots = document_spin(scope)
        if not spun:
            return
        # Spinners are consistent: a pair seen once may be a rare but right word
        # (``a regular footing``), one seen twice or more is the spinner's habit.
        pairs = Counter((s.token.lower, s.candidate.lower()) for s in spots)
        for s in spots:
            if s.token.quoted:
                continue
            if s.strong and pairs[s.token.lower, s.candidate.lower()] >= 2:
                yield scope.change(s.token.start, s.token.end, s.candidate, tier="recurring",
                                   message=f"spun word: {s.token.text!r} for {s.candidate!r}")
            else:
                yield scope.change(s.token.start, s.token.end, s.candidate, tier="single",
                                   suggest_only=True,
                                   message=f"possibly spun: {s.token.text!r} for {s.candidate!r}")


NAME_RE = regex.compile(r"\p{Lu}[\p{Ll}]+(?:\s+(?:(?:of|for|on|and|the|de)\s+)*\p{Lu}[\p{Ll}]+)+")


def match_name(words: list[str]) -> tuple[str, ...] | None:
    """The WordNet name ``words`` is a spun form of (synonym or one free word differ), or None.

    >>> match_name("Worldwide Atomic Vitality Company".split())
    ('International', 'Atomic', 'Energy', 'Agency')
    >>> match_name("White House".split()) is None
    True
    """
    n = len(words)
    syn = synonyms()
    index = names()
    lower = [w.lower() for w in words]
    found: set[tuple[str, ...]] = set()
    for i, w in enumerate(lower):
        for key in (w, *syn.get(w, ())):
            found.update(index.get((n, i, key), ()))
    best: list[tuple[int, tuple[str, ...]]] = []
    for name in found:
        nl = [t.lower() for t in name]
        if nl == lower:
            return None  # the name itself
        same = sum(a == b for a, b in zip(nl, lower))
        by_syn = sum(a != b and b in syn and a in syn[b] for a, b in zip(nl, lower))
        free = n - same - by_syn
        content = [b for b in lower if b not in {"of", "for", "on", "and", "the", "de"}]
        if free > (1 if n >= 3 else 0) or not by_syn or not same:
            continue  # ``White Horse`` is not ``Pearl Buck``: one word must stay
        if free and (same < 1 or len(content) < 3):
            continue
        best.append((free * 2 + by_syn, name))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None  # ambiguous
    return best[0][1]


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
    tiers = {"synonyms": 0.95}
    provides = frozenset({"spin.names"})
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
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        for a, b, spun, name in spun_names(scope):
            yield scope.note("spin.names", tuple(scope.source_span(a, b).to_list()))
            yield scope.change(a, b, name, tier="synonyms",
                               message=f"spun name: {spun!r} for {name!r}")


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
    matches, articles = _document_names(scope)
    short = {m[2].lower() for m in matches if len(m[2].split()) == 2}
    evidence = articles
    evidence += sum(1 for m in matches if len(m[2].split()) > 2) + max(len(short) - 1, 0)
    # Names accepted in an earlier pass (gone from the text since) still count.
    evidence += len(scope.notes("spin.names"))
    if evidence:
        return matches
    return [m for m in matches if len(m[2].split()) > 2]


def _document_names(scope: Scope) -> tuple[list[tuple[int, int, str, str]], int]:
    """Every spun-name match of the document's paragraphs and the count of ``a`` + vowel."""
    analysis = scope.analysis
    paragraphs = scope.paragraphs()

    def compute() -> tuple[list[tuple[int, int, str, str]], int]:
        matches = [m for p in paragraphs for m in name_matches(analysis, p.start, p.end)]
        return matches, sum(article_mismatches(p.text) for p in paragraphs)

    return analysis.memo(("spin.names", tuple(p.span for p in paragraphs)), compute)


def name_matches(analysis: TextAnalysis, para_start: int,
                  para_end: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, spun, name) of each spun name in a paragraph, outside quotations."""
    big = bigrams()
    text = analysis.text
    for m in NAME_RE.finditer(text, para_start, para_end):
        words = list(WORD_RE.finditer(m.group()))
        start = m.start()
        if analysis.in_quotation(start + words[0].start(), start + words[0].end()):
            continue
        i = 0
        while i < len(words):
            j = len(words)
            while j > i + 1:  # longest run first
                sub = [w.group() for w in words[i:j]]
                name = match_name(sub)
                if name is not None and len(sub) == 2 and not (
                        big.get((name[0].lower(), name[1].lower()), 0) >= ATTESTED
                        and (sub[0].lower(), sub[1].lower()) not in big):
                    name = None  # a two-word name must be a common phrase, its variant not
                if name is not None and all(_spun_pair(a, b, big, k, sub, name)
                                            for k, (a, b) in enumerate(zip(sub, name))):
                    a, b = start + words[i].start(), start + words[j - 1].end()
                    yield a, b, text[a:b], " ".join(name)
                    break
                j -= 1
            i = j if j > i + 1 else i + 1


def _spun_pair(a: str, b: str, big: dict[tuple[str, str], int], k: int,
               sub: list[str], name: tuple[str, ...]) -> bool:
    """A differing word must break the name's attested bigrams (no clean variant).

    It must also be a word spinners produce: as in :func:`spin_spots`, words
    as frequent as ``first`` are left alone (``First Minister`` is a title).
    """
    if a.lower() == b.lower():
        return True
    if _zipf(a.lower()) >= MAX_WORD_ZIPF:
        return False
    for j in (k - 1, k + 1):
        if 0 <= j < len(sub):
            spun = (sub[j].lower(), a.lower()) if j < k else (a.lower(), sub[j].lower())
            orig = (name[j].lower(), b.lower()) if j < k else (b.lower(), name[j].lower())
            if big.get(spun, 0) >= ATTESTED and big.get(spun, 0) * 10 >= big.get(orig, 0):
                return False
    return True


RULES: tuple[type[Rule], ...] = (SpunName, SpunWord)
