"""Apostrophes stripped by a round trip through another language: possessives, contractions."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.rules.base import Example, Rule
from newsfix.rules.english._lexicon import (
    WORD_RE,
    at_sentence_start,
    en_zipf,
    in_url,
    match_case,
    name_variants,
    proper_nouns,
    sic_marked,
)

__all__ = ["ContractionApostrophe", "PossessiveApostrophe", "apostrophe_style"]

#: Contractions whose apostrophe-less form is not an English word of its own.
CONTRACTIONS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
    "wasnt": "wasn't", "arent": "aren't", "werent": "weren't", "hasnt": "hasn't",
    "havent": "haven't", "hadnt": "hadn't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "mustnt": "mustn't", "neednt": "needn't", "youre": "you're",
    "theyre": "they're", "theyve": "they've", "youve": "you've", "youll": "you'll",
    "theyll": "they'll", "itll": "it'll", "thats": "that's", "whats": "what's",
    "theres": "there's", "wouldve": "would've", "couldve": "could've",
    "shouldve": "should've", "aint": "ain't",
}
#: Real words that are also stripped contractions: fixed only after a subject pronoun.
GUARDED = {"wont": "won't", "cant": "can't"}
SUBJECTS = frozenset(["i", "you", "we", "they", "he", "she", "it", "who", "that", "there"])
#: Words after which ``its`` cannot be the possessive determiner (``its not``, ``its been``).
AFTER_ITS = frozenset(
    ["not", "been", "a", "an", "the", "also", "never", "clear", "unclear", "likely", "unlikely",
     "true", "important", "difficult", "too", "impossible", "possible"])
#: Words that follow a name but cannot be possessed by it (verbs, function words).
NOT_POSSESSED = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
     "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "said",
     "says", "say", "told", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
     "from", "with", "by", "as", "than", "that", "which", "who", "whom", "whose", "when",
     "where", "while", "if", "because", "after", "before", "since", "until", "about", "over",
     "under", "into", "onto", "also", "not", "only", "just", "still", "even", "then", "there",
     "here", "it", "he", "she", "they", "we", "you", "i", "a", "an", "the", "this", "these",
     "those", "its", "his", "her", "their", "our", "my", "your", "so", "too", "very", "more",
     "most", "no", "yes", "all", "both", "each", "either", "neither", "per", "via", "against",
     "among", "between", "during", "without", "within", "according", "including", "amid",
     "despite", "toward", "towards"])
TITLES_RE = regex.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov)\.?|President|Minister|"
                          r"Chancellor|Secretary|Premier|Senator)\s+$")
#: Nouns that, after ``the <plural>``, read as the thing owned (``the banks decision``).
OWNED_NOUNS = frozenset(
    ["decision", "decisions", "plan", "plans", "chief", "head", "president", "leader", "leaders",
     "spokesman", "spokeswoman", "spokesperson", "statement", "comments", "position", "response",
     "economy", "board", "chairman", "future", "role", "offer", "proposal", "share", "ceo",
     "director", "budget", "strategy"])
#: Numbers and quantifiers that make the next ``Xs`` a plural (``the two Trumps``).
PLURAL_MARKERS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "dozen", "dozens", "hundreds", "thousands", "both", "all", "several", "many", "few",
     "other", "some", "these", "those", "various", "rival"])
NEXT_WORD_RE = regex.compile(r"[^\S\n]+(\p{L}[\p{L}'’-]*)")


def apostrophe_style(text: str) -> str:
    """The apostrophe the document uses most between letters: ``’`` or ``'``.

    >>> apostrophe_style("It’s Kyiv’s turn, isn't it?")
    '’'
    """
    curly = len(regex.findall(r"\p{L}’\p{L}", text))
    straight = len(regex.findall(r"\p{L}'\p{L}", text))
    return "’" if curly > straight else "'"


def _next_word(text: str, end: int) -> str | None:
    m = NEXT_WORD_RE.match(text, end)
    return m.group(1) if m else None


def _prev_word(text: str, start: int) -> str | None:
    m = regex.search(r"(\p{L}+)[^\S\n]+$", text[max(0, start - 40):start])
    return m.group(1) if m else None


def _counted(text: str, start: int) -> bool:
    """Whether a number or quantifier precedes the word at ``start`` (``two``, ``both``, ``3``).

    >>> _counted("the two Trumps", 8), _counted("Mr. Trumps", 4)
    (True, False)
    """
    m = regex.search(r"([\p{L}\p{N}]+)[^\S\n]+$", text[max(0, start - 40):start])
    return bool(m) and (m.group(1).isdigit() or m.group(1).lower() in PLURAL_MARKERS)


class PossessiveApostrophe(Rule):
    """Restore the apostrophe of a possessive stripped by machine translation (``Irans nuclear``).

    A capitalised ``Xs`` becomes ``X's`` only when ``X`` is a name (known from
    the document, where it appears without the ``s``, or from the gazetteers),
    English writes ``X's`` far more often than ``Xs`` (wordfreq), and a title
    precedes it (``Mr. Trumps``) or a word that can be owned follows it
    (``Irans nuclear``); ``the Clintons`` (a family) and ``Xs said`` are
    left alone. Lower-case ``xs`` is fixed only when it is not an English word
    at all (``the countrys economy``); ``the banks decision`` is a suggestion.
    """

    id = "POSSESSIVE_APOSTROPHE"
    category = "apostrophe"
    stage = "repair"
    languages = frozenset({"en"})
    description = "possessive apostrophe stripped"
    examples = (
        Example("Iran said no. Israel wants to destroy Irans nuclear installations.",
                "Iran said no. Israel wants to destroy Iran's nuclear installations."),
        Example("The comments of Mr. Trumps were striking, Mr. Trump said.",
                "The comments of Mr. Trump's were striking, Mr. Trump said."),
        Example("The Clintons and the Obamas met the Americans; Germans said no.", kind="clean"),
        Example("Both Trumps who had tried to buy it, the two Trumps who bid, were outbid.",
                kind="clean"),
        Example("Iran's nuclear plans worry Israel's leaders.", kind="clean"),
        Example("The bank said the banks decision was final.",
                "The bank said the bank's decision was final.", kind="suggest"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        mark = apostrophe_style(text)
        known = {m.group().lower(): m.group() for m in WORD_RE.finditer(text)
                 if m.group()[:1].isupper()}
        for para in doc.paragraphs_in(self.languages):
            for m in WORD_RE.finditer(para.text):
                tok = m.group()
                if len(tok) < 4 or not tok.endswith("s") or not tok.isalpha():
                    continue
                if tok.endswith("ss") and tok[:-1].lower() not in known \
                        and tok[:-1].lower() not in proper_nouns():
                    continue  # `boss`, `Congress`; but `Hamass` is `Hamas` + s
                start, end = para.start + m.start(), para.start + m.end()
                if in_url(text, start, end) or sic_marked(text, start):
                    continue
                found = self._judge(text, tok, start, end, known)
                if found is not None:
                    stem, confidence = found
                    yield self.change(start, end, stem + mark + "s", confidence=confidence,
                                      message=f"possessive apostrophe stripped: {tok}")

    def _judge(self, text: str, tok: str, start: int, end: int,
               known: dict[str, str]) -> tuple[str, float] | None:
        stem = tok[:-1]
        low = stem.lower()
        poss, plural = en_zipf(low + "'s"), en_zipf(tok)
        nxt = _next_word(text, end)
        prev = _prev_word(text, start)
        owned = (nxt is not None and nxt[:1].islower() and nxt.lower() not in NOT_POSSESSED
                 and not nxt.endswith(("ed", "ing")))
        if tok[:1].isupper():
            # The stem as a name: seen in the document, or in a gazetteer.
            name = known.get(low) or proper_nouns().get(low)
            if name is None and low in name_variants():
                name = stem
            if name is None or (prev or "").lower() == "the" or _counted(text, start):
                return None  # unknown, or a family/plural (`the Trumps`, `the two Trumps`)
            if name.isupper() and len(name) > 1:
                stem = name  # Natos -> NATO's
            titled = bool(TITLES_RE.search(text[max(0, start - 20):start]))
            # Neither form known to wordfreq: only a title makes the plural impossible.
            rare_plural = plural < poss - 0.3 or (plural < 1.0 and (
                low in name_variants() or titled))
            if not rare_plural:
                return None
            if titled or owned:
                return stem, 0.95
            if at_sentence_start(text, start) and not titled:
                return None
            return stem, 0.6
        # `the countrys economy`: `countrys` is no English plural (that is `countries`).
        no_plural = plural < 1.0 or regex.search(r"[^aeiou]y$", stem) is not None
        if no_plural and poss >= 2.0 and owned:
            return stem, 0.95
        if (prev or "").lower() == "the" and nxt is not None and nxt.lower() in OWNED_NOUNS \
                and poss >= 3.0:
            return stem, 0.6
        return None


class ContractionApostrophe(Rule):
    """Restore the apostrophe of a stripped contraction (``dont``, ``didnt``, ``Its not``).

    Only forms that are no English word of their own are fixed outright;
    ``wont`` and ``cant`` (real words) only right after a subject pronoun, and
    ``its`` only before a word that cannot follow the possessive (``not``,
    ``been``, an article). ``well``, ``were``, ``ill``, ``shell``, ``hell``,
    ``lets`` and ``shed`` are never touched: they are words far more often.
    """

    id = "CONTRACTION_APOSTROPHE"
    category = "apostrophe"
    stage = "repair"
    languages = frozenset({"en"})
    description = "contraction apostrophe stripped"
    examples = (
        Example("We dont know, and they wont say. Its not my war.",
                "We don't know, and they won't say. It's not my war."),
        Example("As is his wont, the party kept its word; we'll see if it's well.", kind="clean"),
        Example('The sign read: "Its not what you think, its what you do." [sic] Dont ask.',
                "The sign read: \"Its not what you think, its what you do.\" [sic] Don't ask."),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        mark = apostrophe_style(text)
        for para in doc.paragraphs_in(self.languages):
            for m in WORD_RE.finditer(para.text):
                tok = m.group()
                low = tok.lower()
                start, end = para.start + m.start(), para.start + m.end()
                if low not in CONTRACTIONS and low not in GUARDED and low != "its":
                    continue
                if (tok.isupper() and len(tok) > 1) or in_url(text, start, end) \
                        or sic_marked(text, start):
                    continue  # a quotation marked `[sic]` keeps its errors
                if low in CONTRACTIONS:
                    fixed = CONTRACTIONS[low]
                elif low in GUARDED:
                    prev = _prev_word(text, start)
                    if prev is None or prev.lower() not in SUBJECTS:
                        continue
                    fixed = GUARDED[low]
                else:
                    nxt = _next_word(text, end)
                    if nxt is None or nxt.lower() not in AFTER_ITS:
                        continue
                    fixed = "it's"
                yield self.change(start, end, match_case(tok, fixed.replace("'", mark)),
                                  confidence=0.97, message=f"contraction stripped: {tok}")
