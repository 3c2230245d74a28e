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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.preformatted import CODE_LINE_RE, preformatted
from newsfix.text import TextAnalysis, _flag, abbreviations

__all__ = [
    "RULES",
    "ClosingQuote",
    "GlueSpot",
    "GluedSentence",
    "HyphenSpace",
    "LostDash",
    "UnbalancedQuotes",
    "glue_spots",
    "word_zipf",
]

#: Languages asked when the document's language is not known yet.
WORD_LANGUAGES = ("en", "nb", "de", "pl", "fr", "da", "sv", "nl", "es", "it", "pt")


@cache
def _zipf(word: str, language: str) -> float:
    from newsfix.wordfreq_cache import zipf_frequency  # wordfreq's values, no list loaded

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


# --------------------------------------------------------------------------- code lines


#: A hyphenated token as a command-line option: ``-r``, ``-Scope``, ``--verbose``.
FLAG_TOKEN_RE = regex.compile(r"-{1,2}[A-Za-z][\w-]*")


def _code_line(analysis: TextAnalysis, pos: int) -> bool:
    """Whether ``pos`` lies in preformatted text or on a shell or REPL command line.

    >>> a = TextAnalysis("Run it:\\n\\nPS C:> Set-Policy -Scope User\\n\\nThe two -hour call.")
    >>> _code_line(a, 27), _code_line(a, 48)
    (True, False)
    """
    if preformatted(analysis, pos):
        return True
    line = analysis.line_at(pos)
    return CODE_LINE_RE.match(analysis.text, line.start, line.end) is not None


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
        Example("Install them with install -r: the tool reads the file.\n\n"
                "PS C:> Set-Policy -Scope CurrentUser\n", kind="clean",
                note="an option before a colon; a shell command line"),
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
            option = FLAG_TOKEN_RE.match(text, hyphen)
            before = text[max(0, m.start() - 32):m.start()].split()
            if _code_line(scope.analysis, hyphen) or (
                    option is not None and _flag(option.group(), before[-1] if before else "")):
                continue  # `install -r:`, a command line or code: options, not compounds
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

#: A word glued to the next sentence, clause or name: ``invasionAt``, ``Kyiv.Valentyn``,
#: ``pensionsThe``, ``firedA``. The right part is a whole word (``getElementById`` is code).
GLUE_RE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}@#/.:_'’-])(\p{L}[\p{Ll}\p{M}]+)([.!?]?)"
    r"(\p{Lu}[\p{Ll}\p{M}]+|[AI](?=[^\S\n]|['’]\p{Ll}))(?![\p{L}\p{M}\p{N}])")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: English words that join a clause to what precedes it: glued, they lost a space and got a
#: capital (``strikeBut the union``); any other capitalised word opens a sentence.
CLAUSE_WORDS = _words(
    "about after against along although amid among and around as at because before behind "
    "below beneath beside besides between beyond but by despite down during except for "
    "from if in inside into like near nor of off on onto or out outside over past per "
    "since so than though through throughout till to toward towards under unless unlike "
    "until up upon via when whenever where whereas wherever whether which while who whom "
    "whose with within without yet")
#: Conjunctions that open a sentence before a subject (``planetBut we have``): a clause
#: joined by them would have taken a comma.
SENTENCE_CONJUNCTIONS = frozenset({"but", "yet", "so"})
#: Subject pronouns that start a main clause.
SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you", "there"})
#: Short words (two letters or fewer) that open a sentence after a lost space (``time.It``).
SHORT_OPENERS = frozenset({"a", "i", "an", "as", "at", "by", "he", "if", "in", "it", "my", "no",
                           "of", "on", "or", "so", "to", "we", "us", "mr", "ms", "dr"})
#: Words a capitalised glued word must be to open a sentence after a capitalised word
#: (``GermanyThe``, ``LyonShe``): brands glue content words (``NatWest``, ``FedWatch``) and
#: prepositions (``LinkedIn``), never these.
OPENERS = _words(
    "a all an both each every he her his i it its many most my no none our several she "
    "some that the their there these they this those we")
#: Words that cannot end a sentence (``ofThe Times`` is a name after a lost space).
NON_FINAL = _words(
    "a about after against amid among an and are as at be because been before being "
    "between but by can could did do does for from had has have he her his i if in into "
    "is its may might must my nor not of on onto or our shall she should than that the "
    "their these they this those to toward towards upon very via was we were when where "
    "whether which while who whose will with without would your")
#: Words a fronted phrase may hold before its comma (``At the same time, he said``).
FRONTED_WORDS = 5


def _english_word(word: str) -> bool:
    """Whether ``word`` is an English word at least as much as a word of another language.

    >>> _english_word("pensions"), _english_word("nei")
    (True, False)
    """
    en = _zipf(word.casefold(), "en")
    return en >= 3.0 and en >= word_zipf(word) - 1.0


def _fronted(text: str, pos: int) -> bool:
    """Whether a phrase of a few words from ``pos`` ends in a comma before a subject pronoun.

    ``At the same time, he said``: a sentence opens with a fronted phrase;
    ``according to AAA, the lowest`` and ``at the same time, accusing`` do not.

    >>> _fronted(" the same time, he said", 0), _fronted(" the same time, accusing", 0)
    (True, False)
    """
    # bounded: the regex module would first look for the comma in all the rest of the text
    m = _FRONTED_RE.match(text, pos, pos + _FRONTED_SPAN)
    return bool(m) and m.group(1).lower() in SUBJECTS


#: The most characters a fronted phrase, its comma and the next word take.
_FRONTED_SPAN = 40 * (FRONTED_WORDS + 1)
_FRONTED_RE = regex.compile(r"(?:[^\S\n]+[\p{L}\p{N}’'-]+){1,"
                            + str(FRONTED_WORDS) + r"},[^\S\n]+(\p{L}+)\b")


def _sentence_not_domain(analysis: TextAnalysis, m: regex.Match[str]) -> bool:
    """Whether a glue match read as a domain name is a sentence (``last year.It said``).

    A capitalised top-level domain that is a short English word (``It``,
    ``At``, ``No``, ``Me``) with nothing after it is a sentence that lost its
    space, not a link; ``bbc.Com`` and ``nato.int`` stay links.
    """
    if not m.group(2) or m.group(3) not in ("It", "At", "No", "Be", "Us", "Me"):
        return False
    urls = [u for u in analysis.urls if u.start < m.end() and m.start() < u.end]
    return len(urls) == 1 and (urls[0].start, urls[0].end) == (m.start(), m.end()) \
        and not any(c.start < m.end() and m.start() < c.end for c in analysis.code)


@dataclass(frozen=True)
class GlueSpot:
    """A word glued to the next: ``left`` + ``right`` meet at ``pos`` (where a space goes).

    ``kind`` is ``space`` (a full stop kept, the space lost), ``boundary`` (no
    full stop, in a text that is not English: a space is all that is known) or
    ``english`` (no full stop, English: a full stop, a clause joint or a space).
    """

    left: str
    right: str
    pos: int
    kind: str


def glue_spots(analysis: TextAnalysis, start: int, end: int, lang: str) -> Iterator[GlueSpot]:
    """The glued words of ``[start, end)``: both sides words, the whole no word.

    The one definition of a glue spot, shared by :class:`GluedSentence` and the
    damage profile (:mod:`newsfix.profile`).

    >>> a = TextAnalysis("It cut pensionsThe reform. It ended.They left. See YouTube.")
    >>> [(s.left, s.right, s.kind) for s in glue_spots(a, 0, len(a.text), "en")]
    [('pensions', 'The', 'english'), ('ended', 'They', 'space')]
    """
    unknown = lang in ("und", "", "*")
    abbrevs = abbreviations("*")
    for m in GLUE_RE.finditer(analysis.text, start, end):
        left, punct, right = m.group(1), m.group(2), m.group(3)
        if analysis.protected(m.start(), m.end()) and not _sentence_not_domain(analysis, m):
            continue  # URLs, addresses, handles, paths, identifiers
        if left.casefold() in abbrevs:
            continue
        pos = m.end(2)
        if punct:
            # With the full stop kept, any word may end the sentence (`overstretched.Dr`);
            # a two-letter one only if it is a common word (`it.By`, not `co.Uk`).
            if word_zipf(left, lang) < (4.5 if len(left) < 3 else 1.0) \
                    and not (left[0].isupper() and len(left) > 2):
                continue
            if lang == "en" and word_zipf(left) >= _zipf(left.casefold(), "en") + 2.0:
                continue  # `nei.Han`: a word of another language in an English text
            if len(right) <= 2 and right.lower() not in SHORT_OPENERS:
                continue  # `Ph.D`, `a.m`
            yield GlueSpot(left, right, pos, "space")
            continue
        if len(left) < 3:
            continue  # `iPhone`, `eBay`, `McDonald`
        # `alli`, `mei` are words somewhere, but `allI'm` is English glue.
        whole = _zipf((left + right).casefold(), "en") if len(right) == 1 \
            else word_zipf(left + right, lang)
        if whole >= 2.0 or word_zipf(right, lang) < 3.0 \
                or word_zipf(left, lang) < (2.0 if left.islower() else 3.0):
            continue  # a word (`smartphone`, `easyJet`), or not two words
        if lang == "en" or (unknown and _english_word(left) and _english_word(right)):
            if left[0].isupper() and right.lower() not in OPENERS:
                continue  # camel case: `NatWest`, `LinkedIn`, `FedWatch`
            yield GlueSpot(left, right, pos, "english")
        elif not left[0].isupper():
            yield GlueSpot(left, right, pos, "boundary")


class GluedSentence(Rule):
    """Split a word glued to the next sentence or clause (``pensionsThe``, ``strikeBut``).

    Three kinds of glue, told apart by the English model:

    * only the space lost after a full stop (``ended.They``, ``Kyiv.Valentyn``):
      a space, in any language;
    * a full stop and its space lost (``pensionsThe reform``): in English text,
      ``. `` when the right part opens a sentence and the left can end one;
    * a space lost before a joining word that took a capital
      (``strikeBut the union``, ``strategistAt Halvorsen``): the joining word
      in lower case after a space, unless the words after it say a sentence
      opens there (``invasionAt the same time, he said``, ``planetBut we
      have``). Which reading English prefers decides: a preposition or
      conjunction that the left word attracts (``according to``, bigram
      association) is always the clause.

    Both sides must be words (wordfreq) and the glued whole no word. Camel-case
    brands (``YouTube``, ``PayPal``, ``McDonald``, ``JPMorgan``, ``LinkedIn``,
    ``NatWest``) start with a capital or a one- or two-letter part
    (``iPhone``, ``eBay``) or glue content words, and are never split; nor are
    abbreviations (``U.S.``, ``e.g.``, ``Ph.D.``), URLs, e-mail addresses,
    identifiers (``types.MappingProxyType``, ``getElementById``) and
    decimals. In a text that is not English, only the space is inserted.

    The damage profile is the prior: in a document profiled as glued or as
    case-damaged (:mod:`newsfix.profile`; lost markup does both: ``invasionAt``
    beside ``Moscow He sent``), a lost full stop or clause joint is repaired;
    a lone one elsewhere is only suggested.
    """

    id = "GLUED_SENTENCE"
    category = "glue"
    stage = "characters"
    scope = "document"
    description = "missing space at a sentence boundary"
    tiers = {"space": 0.97, "boundary": 0.95, "sentence": 0.95, "clause": 0.95,
             "fronted": 0.9, "name": 0.9, "lone": 0.7}
    examples = (
        Example("The talks ended.⟦⟧They resume on Monday.",
                "The talks ended. They resume on Monday."),
        Example("A house damaged before Kyiv.⟦⟧Valentyn said so.",
                "A house damaged before Kyiv. Valentyn said so."),
        Example("The strike cut pensions⟦⟧The reform stalled. The union called a strike⟦B⟧ut "
                "the talks went on. The deal was announced⟦⟧Some officials, he said, had begun "
                "work.",
                "The strike cut pensions. The reform stalled. The union called a strike but the "
                "talks went on. The deal was announced. Some officials, he said, had begun work."),
        Example("He blamed Ukraine for the invasion⟦A⟧t the same time, accusing Kyiv.",
                "He blamed Ukraine for the invasion at the same time, accusing Kyiv.",
                kind="suggest", note="one glued spot: the document is not profiled as glued"),
        Example("The U.S. and e.g. Ph.D. holders at example.org, John.Smith@example.org, 3.5%, "
                "an iPhone, McDonald's, YouTube, PayPal, eBay and JPMorgan.", kind="clean"),
        Example("See https://example.org/Report.Final and Gov.Newsom.", kind="clean"),
        Example("Use types.MappingProxyType or collections.OrderedDict here.", kind="clean",
                note="identifiers are code (newsfix.text), not glued sentences"),
        Example("Call getElementById on LinkedIn, NatWest and FedWatch pages.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        lang = scope.document_language
        text = scope.full_text
        glued: bool | None = None
        for spot in glue_spots(scope.analysis, scope.start, scope.end, lang):
            left, right, pos = spot.left, spot.right, spot.pos
            if _code_line(scope.analysis, pos):
                continue  # `cast_unit(Meters, pint.Unit)`: code, not glued sentences
            if spot.kind == "space":
                yield scope.change(pos, pos, " ", tier="space",
                                   message=f"{left}.{right}: missing space after a full stop")
                continue
            if spot.kind == "boundary":
                yield scope.change(pos, pos, " ", tier="boundary",
                                   message=f"{left}{right}: missing space before a new "
                                           "sentence or name")
                continue
            found = self._english(text, left, right, pos)
            if found is None:
                continue
            after, tier, message = found
            if glued is None:
                # Lost markup glues words and leaves capitals mid-sentence (`Moscow He
                # sent`): a document damaged either way is the prior for a glued clause.
                glued = scope.damage.damaged("glue") or scope.damage.damaged("case")
            if not glued:
                message += " (the only glued spot of its kind: suggested)"
            end = pos + (1 if tier == "clause" else 0)  # the capital goes too
            yield scope.change(pos, end, after, tier=tier if glued else "lone",
                               message=f"{left}{right}: {message}")

    @staticmethod
    def _english(text: str, left: str, right: str, pos: int) -> tuple[str, str, str] | None:
        """How English repairs ``left`` glued to ``right`` at ``pos``: (insertion, tier, why).

        A clause joint replaces the capital too (``B`` → `` b``).
        """
        from newsfix.evidence import association

        low = right.lower()
        if left[0].isupper():
            return ". ", "sentence", "a full stop and space lost before a new sentence"
        if low in CLAUSE_WORDS:
            rest = pos + len(right)
            attracted = association(left.lower(), low) > 0.0
            nxt = regex.match(r"[^\S\n]+(\p{L}+)", text[rest:rest + 40])
            subject = nxt is not None and nxt.group(1).lower() in SUBJECTS
            if not attracted and ((low in SENTENCE_CONJUNCTIONS and subject)
                                  or _fronted(text, rest)):
                return ". ", "fronted", "a full stop and space lost before a new sentence"
            return " " + low[0], "clause", f"space lost before {low!r}, capitalised"
        if left.lower() in NON_FINAL:
            return " ", "name", "space lost before a name"
        return ". ", "sentence", "a full stop and space lost before a new sentence"


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
        if scope.analysis.memo("low9_convention", lambda: _low9_convention(scope.full_text)):
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
        if scope.analysis.memo("low9_convention", lambda: _low9_convention(scope.full_text)):
            return
        analysis = scope.analysis
        marks = analysis.quote_marks_in(scope.start, scope.end)
        if any(m.role == "stray" and m.char in "\"”»" for m in marks):
            return  # a stray closing mark: no sound guess
        open_ = [q for q in analysis.quotations_opened_in(scope.start, scope.end)
                 if not q.closed and q.depth == 0 and q.opener in "“«\""]
        if len(open_) != 1 or open_[0].runs_on:
            return  # none, several (no sound guess), or a quotation running on
        mark = "»" if open_[0].opener == "«" else "”" if open_[0].opener == "“" else '"'
        yield scope.change(scope.end, scope.end, mark, tier="guess", suggest_only=True,
                           message="quotation opened here is never closed; "
                                   "closing it at the paragraph's end is a guess")


RULES: tuple[type[Rule], ...] = (HyphenSpace, LostDash, GluedSentence, ClosingQuote,
                                 UnbalancedQuotes)
