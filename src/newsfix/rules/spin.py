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

from newsfix.aligned import Change, Span
from newsfix.document import Document
from newsfix.rules.base import Example, Rule

__all__ = ["RULES", "SpunName", "SpunWord", "spin_spots", "spun_names"]

WORD_RE = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
# Only a plain space (or a hyphen inside a compound is *not* allowed) joins two
# words into a bigram context: punctuation breaks the context.
JOIN_RE = regex.compile(r"^ $")
QUOTE_OPEN = "“\"«„"
QUOTE_CLOSE = "”\"»“"
SENTENCE_END_RE = regex.compile(r"[.!?:;]['\"”’)]*\s*[“\"‘']?$")

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
    start: int
    end: int
    text: str
    quoted: bool
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of a paragraph with whether each sits inside a quotation."""
    out: list[Token] = []
    quoted = False
    pos = 0
    prev_end = 0
    for m in WORD_RE.finditer(text):
        between = text[pos:m.start()]
        for ch in between:
            if ch in "“«„":
                quoted = True
            elif ch in "”»":
                quoted = False
            elif ch == '"':
                quoted = not quoted
        sentence_start = bool(SENTENCE_END_RE.search(text[prev_end:m.start()])) or not out
        out.append(Token(offset + m.start(), offset + m.end(), m.group(), quoted, sentence_start))
        pos = prev_end = m.end()
    return out


def _joined(text: str, a: Token, b: Token, offset: int) -> bool:
    return text[a.end - offset:b.start - offset] == " "


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


def spin_spots(text: str, offset: int = 0) -> list[Spot]:
    """Spots of a paragraph where a thesaurus synonym fits both contexts and the word neither.

    >>> [(s.token.text, s.candidate) for s in spin_spots("The talks ended final week.")]
    [('final', 'last')]
    >>> spin_spots("The talks ended last week.")
    []
    """
    syn = synonym_tiers()[0]  # close synonyms only: looser terms misfire on clean text
    toks = tokens(text, offset)
    out = []
    for i, t in enumerate(toks):
        w = t.lower
        if w not in syn or (t.text[:1].isupper() and not t.sentence_start):
            continue
        if (t.text.isupper() and len(t.text) > 1) or _zipf(w) >= MAX_WORD_ZIPF:
            continue
        left = toks[i - 1].lower if i and _joined(text, toks[i - 1], t, offset) \
            and not t.sentence_start else None
        right = toks[i + 1].lower if i + 1 < len(toks) and _joined(text, t, toks[i + 1], offset) \
            else None
        if left is None and right is None:
            continue
        base, lw, rw = _score(left, w, right)
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
        if best is not None:
            out.append(Spot(t, _case_like(best[1], t.text), best[0], best[2]))
    return out


def _word_count(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


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


def document_spin(doc: Document, languages: frozenset[str]) -> tuple[bool, list[Spot]]:
    """Whether the document shows spin, and its spots.

    Spin shows as several independent signals that clean text lacks: names
    that are synonym-variants of known names, ``a`` before a vowel-sound
    word, and strong spots. Strong spots alone do not count: careful clean
    prose has a few.
    """
    key = ("spin", doc.text)
    cached = doc.notes.get("spin")
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    spots: list[Spot] = []
    words = signals = 0
    # Names SPUN_NAME already repaired are evidence too: keep them by source span.
    names_seen: set[tuple[int, int]] = doc.notes.setdefault("spin_names", set())
    for p in doc.paragraphs_in(languages):
        spots.extend(spin_spots(p.text, p.start))
        words += _word_count(p.text)
        signals += article_mismatches(p.text)
    for a, b, _, _ in spun_names(doc, languages):
        src = doc.aligned.to_source(Span(a, b))
        names_seen.add((src.start, src.end))
    signals += len(names_seen)
    strong = sum(1 for s in spots if s.strong and not s.token.quoted)
    spun = bool(words) and signals >= 1 and signals + strong >= MIN_SPOTS and \
        100.0 * (signals + strong) / words >= MIN_DENSITY
    doc.notes["spin"] = (key, spun, spots)
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
    description = "word replaced by a synonym (spun text)"
    examples = (
        Example("Output fell within the yr earlier than the war. Ties returned to a extra "
                "regular footing in August final yr. Kyiv has all but lost a invaluable chip.",
                "Output fell within the year earlier than the war. Ties returned to a extra "
                "regular footing in August final yr. Kyiv has all but lost a invaluable chip.",
                note="the second `yr` ends a sentence: one context only, so a suggestion"),
        Example("Output fell in the year before the war. Ties returned to a more normal "
                "footing in August last year. Kyiv has all but lost a valuable chip.",
                kind="clean"),
        Example("He stated that the final week of the season was a battle.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        spun, spots = document_spin(doc, self.languages)
        if not spun:
            return
        # Spinners are consistent: a pair seen once may be a rare but right word
        # (``a regular footing``), one seen twice or more is the spinner's habit.
        pairs = Counter((s.token.lower, s.candidate.lower()) for s in spots)
        for s in spots:
            if s.token.quoted:
                continue
            if s.strong and pairs[s.token.lower, s.candidate.lower()] >= 2:
                yield self.change(s.token.start, s.token.end, s.candidate, confidence=0.92,
                                  message=f"spun word: {s.token.text!r} for {s.candidate!r}")
            else:
                yield self.change(s.token.start, s.token.end, s.candidate, confidence=0.5,
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
    description = "name with words replaced by synonyms (spun text)"
    examples = (
        Example("Officials at the White Home said on Monday a extra round would go ahead.",
                "Officials at the White House said on Monday a extra round would go ahead.",
                note="a two-word name needs other evidence of spin: here `a extra`"),
        Example("The U.N.'s Worldwide Atomic Vitality Company expressed alarm.",
                "The U.N.'s International Atomic Energy Agency expressed alarm."),
        Example("Officials at the White House said on Monday the talks would go ahead.",
                kind="clean"),
        Example("He works for the World Health Organization in Geneva.", kind="clean"),
        Example("Officials at the White Home said on Monday the talks would go ahead.",
                kind="clean", note="a lone two-word match is no evidence of spin"),
        Example("Scotland's First Minister said the talks would go ahead.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        for a, b, spun, name in spun_names(doc, self.languages):
            src = doc.aligned.to_source(Span(a, b))
            doc.notes.setdefault("spin_names", set()).add((src.start, src.end))
            yield self.change(a, b, name, confidence=0.95,
                              message=f"spun name: {spun!r} for {name!r}")


def spun_names(doc: Document, languages: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, spun, name) of the spun names of a document that have corroboration.

    A spun name of three words or more stands on its own (``Worldwide Atomic
    Vitality Company`` has no innocent reading). A two-word match does not:
    ``First Minister`` is a real title one synonym away from ``Prime
    Minister``. So a two-word name counts only in a document that shows spin
    apart from it: ``a`` before a vowel-sound word, a longer spun name, or a
    second, different two-word spun name; otherwise it is neither an edit nor
    a suggestion.

    >>> from newsfix.aligned import AlignedText
    >>> def names_in(text):
    ...     doc = Document(AlignedText(text), language="en")
    ...     return [n for _, _, _, n in spun_names(doc, frozenset({"en"}))]
    >>> names_in("Officials at the White Home said the talks would go ahead.")
    []
    >>> names_in("The White Home said so. Kansas Metropolis won.")
    ['White House', 'Kansas City']
    """
    matches = [m for p in doc.paragraphs_in(languages) for m in _name_matches(p.text, p.start)]
    short = {m[2].lower() for m in matches if len(m[2].split()) == 2}
    evidence = sum(article_mismatches(p.text) for p in doc.paragraphs_in(languages))
    evidence += sum(1 for m in matches if len(m[2].split()) > 2) + max(len(short) - 1, 0)
    # Names accepted in an earlier pass (gone from the text since) still count.
    evidence += len(doc.notes.get("spin_names", ()))
    if evidence:
        return matches
    return [m for m in matches if len(m[2].split()) > 2]


def _name_matches(text: str, offset: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, spun, name) of each spun name in a paragraph, outside quotations."""
    big = bigrams()
    quoted = {t.start for t in tokens(text, offset) if t.quoted}
    for m in NAME_RE.finditer(text):
        words = list(WORD_RE.finditer(m.group()))
        start = offset + m.start()
        if start + words[0].start() in quoted:
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
                    yield a, b, text[a - offset:b - offset], " ".join(name)
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
