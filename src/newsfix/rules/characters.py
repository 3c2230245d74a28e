"""Character rules: hyphen spacing, lost dashes, glued sentences, misused and unbalanced quotes.

They run before language detection and hold for any language written in the
Latin alphabet; word knowledge comes from wordfreq, asked about the languages
newsfix meets most (the document's language first when it is known).

>>> from newsfix import fix
>>> fix("The two -hour call ended.", translate=False, language="en")
'The two-hour call ended.'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.text import abbreviations

__all__ = [
    "RULES",
    "ClosingQuote",
    "GluedSentence",
    "HyphenSpace",
    "LostDash",
    "UnbalancedQuotes",
    "word_zipf",
]

#: Languages asked when the document's language is not known yet.
WORD_LANGUAGES = ("en", "nb", "de", "pl", "fr", "da", "sv", "nl", "es", "it", "pt")


@cache
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, language))
    except LookupError:  # pragma: no cover - a language wordfreq lacks
        return 0.0


def word_zipf(word: str, language: str = "und") -> float:
    """Zipf frequency of ``word`` in ``language``, or the best over common languages.

    >>> word_zipf("invasion") > 3 > word_zipf("invasionat")
    True
    """
    w = word.casefold()
    if language not in ("und", "", "*"):
        return _zipf(w, language)
    return max(_zipf(w, lang) for lang in WORD_LANGUAGES)


# --------------------------------------------------------------------------- hyphens

#: "two -hour": a space before a hyphen, none after, letters both sides.
HYPHEN_SPACE_RE = regex.compile(r"(?<=[\p{L}\p{N}])([ \t]+)-(?=\p{L})")
#: The closing half of a dash pair written with hyphens: "word- word".
DASH_PAIR_CLOSE_RE = regex.compile(r"\p{L}-[ \t]")


class HyphenSpace(Rule):
    """Join a compound split by a space before its hyphen (``two -hour``, ``Trump -møter``).

    A dash used as a dash has spaces on both sides (``word - word``) and is
    left alone; so is a minus before a number (``-5 degrees``). When the same
    sentence later has ``word- `` the hyphens may be a dash pair
    (``he said -and I quote- that``), so the join is only suggested.
    """

    id = "HYPHEN_SPACE"
    category = "hyphen"
    stage = "characters"
    scope = "document"
    description = "space inside a hyphenated compound"
    tiers = {"compound": 0.97, "dash_pair": 0.6}
    examples = (
        Example("The two⟦ ⟧-hour call ended.", "The two-hour call ended."),
        Example("Putin tilbyr Trump⟦ ⟧-møter - håp om fred.",
                "Putin tilbyr Trump-møter - håp om fred.", language="nb"),
        Example("Kremlin⟦ ⟧-sjefen dempet spekulasjonene.", "Kremlin-sjefen dempet spekulasjonene.",
                language="nb"),
        Example("a non⟦ ⟧-provoked war and neo⟦ ⟧-Nazis", "a non-provoked war and neo-Nazis"),
        Example("He said⟦ ⟧-and I quote- that it was over.",
                "He said-and I quote- that it was over.", kind="suggest"),
        Example("Trump - Putin talks ended - for now – in Istanbul.", kind="clean"),
        Example("Temperatures fell to -5 degrees.", kind="clean"),
        Example("Run python -m pip install, then ls -l and tar -xzf the file.", kind="clean",
                note="command-line flags are code (newsfix.text), not compounds"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.full_text
        # Closing halves of dash pairs, found once: a match asks whether one follows it
        # in its sentence by binary search, not by rescanning the sentence.
        closes = [m.start() for m in DASH_PAIR_CLOSE_RE.finditer(text)]
        for m in scope.finditer(HYPHEN_SPACE_RE):
            hyphen = m.end(1)
            if scope.protected(hyphen, hyphen + 1):
                continue  # `python -m pip`: a command-line flag
            sentence_end = scope.analysis.sentence_at(hyphen).end
            line_end = text.find("\n", hyphen, max(sentence_end, hyphen))
            limit = line_end if line_end >= 0 else max(sentence_end, hyphen)
            k = bisect.bisect_left(closes, m.end())
            pair = k < len(closes) and closes[k] < limit
            yield scope.change(m.start(1), m.end(1), "", tier="dash_pair" if pair else "compound",
                               message="space before the hyphen of a compound")


#: "priority-at the expense": a hyphen glued between a word and a function word.
LOST_DASH_RE = regex.compile(
    r"(?<![\p{L}-])(\p{L}{4,})-(at|the|of|and|which|that|but|from|with|"
    r"is|was|are|were)(?=[ \t]+\p{L})(?![ \t]*\p{L}*-)"
)


class LostDash(Rule):
    """Suggest restoring a dash lost between words (``priority-at the`` → ``priority – at the``).

    English compounds do not end in a function word unless they are chains
    (``state-of-the-art``, ``mother-in-law``), which the pattern skips; words
    such as ``in``, ``on``, ``up`` and ``to`` are left out because they make
    compounds (``check-in``, ``add-on``, ``lean-to``). Which dash was meant is
    a guess, so this is a suggestion only.
    """

    id = "LOST_DASH"
    category = "hyphen"
    stage = "characters"
    scope = "document"
    description = "dash lost between words"
    tiers = {"guess": 0.5}
    examples = (
        Example("Trump made ending the conflict the highest priority⟦-⟧at the expense of allies.",
                "Trump made ending the conflict the highest priority – at the expense of allies.",
                kind="suggest"),
        Example("A state-of-the-art check-in desk and a well-meant add-on.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        for m in scope.finditer(LOST_DASH_RE):
            hyphen = m.end(1)
            if scope.protected(m.start(), m.end()):
                continue
            yield scope.change(hyphen, hyphen + 1, " – ", tier="guess", suggest_only=True,
                               message=f"{m.group(0)!r} joins a word and a function word: "
                                       "a dash was probably lost")


# --------------------------------------------------------------------------- glue

#: A lower-case word glued to the next sentence or name: "invasionAt", "Kyiv.Valentyn".
GLUE_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#/.:_'’-])(\p{L}\p{Ll}{2,})([.!?]?)(\p{Lu}\p{Ll}+)")
class GluedSentence(Rule):
    """Insert the space missing at a sentence boundary (``invasionAt``, ``Kyiv.Valentyn``).

    Both sides must be words (wordfreq), the left part a lower-case word that
    is not itself part of a known word, the glued whole not a word, and the
    right side capitalised: the start of a sentence or a name. Camel-case
    brands (``YouTube``, ``PayPal``, ``McDonald``, ``JPMorgan``) start with a
    capital or have a one-letter left part (``iPhone``, ``eBay``) and are never
    split; nor are abbreviations (``U.S.``, ``e.g.``, ``Ph.D.``), URLs, e-mail
    addresses and decimals.
    """

    id = "GLUED_SENTENCE"
    category = "glue"
    stage = "characters"
    scope = "document"
    description = "missing space at a sentence boundary"
    tiers = {"boundary": 0.95}
    examples = (
        Example("He blamed Ukraine for the invasion⟦⟧At the same time, he said.",
                "He blamed Ukraine for the invasion At the same time, he said."),
        Example("The talks ended.⟦⟧They resume on Monday.",
                "The talks ended. They resume on Monday."),
        Example("A house damaged before Kyiv.⟦⟧Valentyn said so.",
                "A house damaged before Kyiv. Valentyn said so."),
        Example("The U.S. and e.g. Ph.D. holders at example.org, John.Smith@example.org, 3.5%, "
                "an iPhone, McDonald's, YouTube, PayPal, eBay and JPMorgan.", kind="clean"),
        Example("See https://example.org/Report.Final and Gov.Newsom.", kind="clean"),
        Example("Use types.MappingProxyType or collections.OrderedDict here.", kind="clean",
                note="identifiers are code (newsfix.text), not glued sentences"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        lang = scope.document_language
        abbrevs = abbreviations("*")
        for m in scope.finditer(GLUE_RE):
            left, punct, right = m.group(1), m.group(2), m.group(3)
            if scope.protected(m.start(), m.end()):
                continue  # URLs, addresses, handles, paths, identifiers
            if left.casefold() in abbrevs:
                continue
            if word_zipf(left, lang) < 3.0 and not (punct and left[0].isupper()):
                continue
            if not punct and (left[0].isupper() or word_zipf(left + right, lang) > 0
                              or word_zipf(right, lang) < 3.0):
                continue  # camel case ("YouTube"), or a real word: leave it
            if punct == "." and len(right) <= 2:
                continue
            pos = m.end(2)
            yield scope.change(pos, pos, " ", tier="boundary",
                               message=f"{left}{punct}{right}: missing space before a new "
                                       "sentence or name")


# --------------------------------------------------------------------------- quotes

#: An opening curly quote that closes: at a paragraph's end or before punctuation.
MISUSED_OPEN_RE = regex.compile(
    r"(?<=[\p{L}\p{N}.,!?…])([ \t]?)“(?!\.\.|…)(?=[ \t]*$|[,.;:!?])")


def _low9_convention(text: str) -> bool:
    # German, Polish, Czech… open with „ and close with “: there “ closes rightly.
    return "„" in text


class ClosingQuote(Rule):
    """Turn an opening quote mark used as a closing one into ``”`` (``… would know. “``).

    In a paragraph with more ``“`` than ``”``, a ``“`` at the paragraph's end
    or followed by punctuation cannot open anything. Documents that use the
    low-9 convention („…“, German, Polish) are left alone: there ``“`` closes.
    """

    id = "CLOSING_QUOTE"
    category = "quote"
    stage = "characters"
    description = "opening quote mark used to close a quotation"
    tiers = {"misplaced": 0.95}
    examples = (
        Example("Trump said: “It went very well, as they know details nobody else would know.⟦ “⟧",
                "Trump said: “It went very well, as they know details nobody else would know.”"),
        Example("He would stop “the” bloodbath⟦ “⟧, which kills 5,000 soldiers.",
                "He would stop “the” bloodbath”, which kills 5,000 soldiers."),
        Example("„Es geht um Frieden“, sagte er.", kind="clean", language="de"),
        Example("“It’s over,” she said. “We go home.”", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        if _low9_convention(scope.full_text):
            return
        para = scope.text
        if para.count("“") <= para.count("”"):
            return
        for m in scope.finditer(MISUSED_OPEN_RE):
            yield scope.change(m.start(1), m.end(), "”", tier="misplaced",
                               message="“ at the end of a quotation should be ”")


class UnbalancedQuotes(Rule):
    """Suggest closing a quotation that a paragraph opens and never closes.

    The typographic convention of a quotation running over several paragraphs
    (no closing mark at the end of a paragraph, an opening mark at the start of
    the next) is clean and not reported; nor is a paragraph whose marks the
    parser cannot pair soundly (a stray closing mark, a straight quote glued
    on both sides). Where the quotation should end is a guess, so the closing
    mark at the paragraph's end is only a suggestion.
    """

    id = "UNBALANCED_QUOTES"
    category = "quote"
    stage = "characters"
    description = "quotation not closed"
    tiers = {"guess": 0.4}
    examples = (
        Example("Peskov said the US could “help to achieve our goals with peaceful means.⟦⟧",
                "Peskov said the US could “help to achieve our goals with peaceful means.”",
                kind="suggest"),
        Example("“There were nights when I wasn’t sure.\n\n“But in the end we agreed.”\n\nDone.",
                kind="clean"),
        Example('"It was not a speech.\n\n"I went back to the embassy."', kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        if _low9_convention(scope.full_text):
            return
        analysis = scope.analysis
        marks = [m for m in analysis.quote_marks if scope.start <= m.pos < scope.end]
        if any(m.role == "stray" and m.char in "\"”»" for m in marks):
            return  # a stray closing mark: no sound guess
        open_ = [q for q in analysis.quotations
                 if scope.start <= q.start < scope.end and not q.closed and q.depth == 0
                 and q.opener in "“«\""]
        if len(open_) != 1 or open_[0].runs_on:
            return  # none, several (no sound guess), or a quotation running on
        mark = "»" if open_[0].opener == "«" else "”" if open_[0].opener == "“" else '"'
        yield scope.change(scope.end, scope.end, mark, tier="guess", suggest_only=True,
                           message="quotation opened here is never closed; "
                                   "closing it at the paragraph's end is a guess")


RULES: tuple[type[Rule], ...] = (HyphenSpace, LostDash, GluedSentence, ClosingQuote,
                                 UnbalancedQuotes)
