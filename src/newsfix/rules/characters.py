"""Character rules: hyphen spacing, lost dashes, glued sentences, misused and unbalanced quotes.

They run before language detection and hold for any language written in the
Latin alphabet; word knowledge comes from wordfreq, asked about the languages
newsfix meets most (the document's language first when it is known).

>>> from newsfix import fix
>>> fix("The two -hour call ended.", translate=False, language="en")
'The two-hour call ended.'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cache

import regex

from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.rules.base import Example, Rule

__all__ = [
    "RULES",
    "ClosingQuote",
    "GluedSentence",
    "HyphenSpace",
    "LostDash",
    "UnbalancedQuotes",
    "blocks",
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
    description = "space inside a hyphenated compound"
    examples = (
        Example("The two -hour call ended.", "The two-hour call ended."),
        Example("Putin tilbyr Trump -møter - håp om fred.",
                "Putin tilbyr Trump-møter - håp om fred.", language="nb"),
        Example("Kremlin -sjefen dempet spekulasjonene.", "Kremlin-sjefen dempet spekulasjonene.",
                language="nb"),
        Example("a non -provoked war and neo -Nazis", "a non-provoked war and neo-Nazis"),
        Example("He said -and I quote- that it was over.",
                "He said-and I quote- that it was over.", kind="suggest"),
        Example("Trump - Putin talks ended - for now – in Istanbul.", kind="clean"),
        Example("Temperatures fell to -5 degrees.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        for m in HYPHEN_SPACE_RE.finditer(text):
            line_end = text.find("\n", m.end())
            rest = text[m.end():line_end if line_end >= 0 else len(text)]
            sentence = regex.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
            pair = DASH_PAIR_CLOSE_RE.search(sentence) is not None
            yield self.change(m.start(1), m.end(1), "", confidence=0.6 if pair else 0.97,
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
    languages = frozenset({"*"})
    description = "dash lost between words"
    examples = (
        Example("Trump made ending the conflict the highest priority-at the expense of allies.",
                "Trump made ending the conflict the highest priority – at the expense of allies.",
                kind="suggest"),
        Example("A state-of-the-art check-in desk and a well-meant add-on.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        for m in LOST_DASH_RE.finditer(doc.text):
            hyphen = m.end(1)
            yield self.change(hyphen, hyphen + 1, " – ", confidence=0.5, suggest_only=True,
                              message=f"{m.group(0)!r} joins a word and a function word: "
                                      "a dash was probably lost")


# --------------------------------------------------------------------------- glue

#: A lower-case word glued to the next sentence or name: "invasionAt", "Kyiv.Valentyn".
GLUE_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#/.:_'’-])(\p{L}\p{Ll}{2,})([.!?]?)(\p{Lu}\p{Ll}+)")
#: Tokens that must never be split: URLs, e-mail addresses, handles, paths.
PROTECTED_TOKEN_RE = regex.compile(r"(?:https?://|www\.|@|#|/|\\|\.(?:com|org|net|gov|edu|io|"
                                   r"no|de|pl|fr|uk|ru|ua|eu|info)\b)", regex.IGNORECASE)
#: Abbreviations that take a period and are then followed by a name.
ABBREVIATIONS = frozenset({
    "gov", "sen", "rep", "gen", "col", "capt", "sgt", "lt", "prof", "mrs", "mme", "mlle", "dr",
    "st", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "corp", "ltd", "jr", "sr", "dept", "univ", "ave", "blvd", "etc",
    "approx", "vs", "bzw", "usw", "nr", "tel", "ul", "godz", "ks", "hr", "fr", "pres", "adm",
    "cmdr", "rev", "hon",
})


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
    description = "missing space at a sentence boundary"
    examples = (
        Example("He blamed Ukraine for the invasionAt the same time, he said.",
                "He blamed Ukraine for the invasion At the same time, he said."),
        Example("The talks ended.They resume on Monday.",
                "The talks ended. They resume on Monday."),
        Example("A house damaged before Kyiv.Valentyn said so.",
                "A house damaged before Kyiv. Valentyn said so."),
        Example("The U.S. and e.g. Ph.D. holders at example.org, John.Smith@example.org, 3.5%, "
                "an iPhone, McDonald's, YouTube, PayPal, eBay and JPMorgan.", kind="clean"),
        Example("See https://example.org/Report.Final and Gov.Newsom.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        lang = doc.language
        for m in GLUE_RE.finditer(text):
            left, punct, right = m.group(1), m.group(2), m.group(3)
            token = _token_at(text, m.start())
            if PROTECTED_TOKEN_RE.search(token):
                continue
            if left.casefold() in ABBREVIATIONS:
                continue
            if word_zipf(left, lang) < 3.0 and not (punct and left[0].isupper()):
                continue
            if not punct and (left[0].isupper() or word_zipf(left + right, lang) > 0
                              or word_zipf(right, lang) < 3.0):
                continue  # camel case ("YouTube"), or a real word: leave it
            if punct == "." and len(right) <= 2:
                continue
            conf = 0.95
            pos = m.end(2)
            yield self.change(pos, pos, " ", confidence=conf,
                              message=f"{left}{punct}{right}: missing space before a new "
                                      "sentence or name")


def _token_at(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


# --------------------------------------------------------------------------- quotes


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the text's paragraphs as quotes see them.

    Paragraphs are separated by blank lines; a block whose lines each end a
    sentence (one paragraph per line, as many scrapers write) is split into
    its lines, while a hard-wrapped block stays whole.

    >>> text = "One “a.”\\nTwo.\\n\\nwrapped “quote\\ngoes on.”"
    >>> [text[s:e] for s, e in blocks(text)]
    ['One “a.”', 'Two.', 'wrapped “quote\\ngoes on.”']
    """
    for m in regex.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        chunk = m.group(0).rstrip("\n")
        lines = chunk.split("\n")
        if len(lines) > 1 and all(regex.search(r"[.!?:…\"”»’)]\s*$", ln) for ln in lines[:-1]):
            pos = m.start()
            for ln in lines:
                yield pos, pos + len(ln)
                pos += len(ln) + 1
        else:
            yield m.start(), m.start() + len(chunk)


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
    examples = (
        Example("Trump said: “It went very well, as they know details nobody else would know. “",
                "Trump said: “It went very well, as they know details nobody else would know.”"),
        Example("He would stop “the” bloodbath “, which kills 5,000 soldiers.",
                "He would stop “the” bloodbath”, which kills 5,000 soldiers."),
        Example("„Es geht um Frieden“, sagte er.", kind="clean", language="de"),
        Example("“It’s over,” she said. “We go home.”", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        if _low9_convention(text):
            return
        for s, e in blocks(text):
            para = text[s:e]
            if para.count("“") <= para.count("”"):
                continue
            for m in MISUSED_OPEN_RE.finditer(para):
                yield self.change(s + m.start(1), s + m.end(), "”", confidence=0.95,
                                  message="“ at the end of a quotation should be ”")


def _straight_roles(para: str) -> list[tuple[int, str]]:
    """Positions of straight double quotes with their role, open or close."""
    out = []
    for m in regex.finditer('"', para):
        i = m.start()
        before = para[i - 1] if i else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        if before.isspace() or before in "([{—–-":
            out.append((i, "open"))
        elif after.isspace() or after in ".,;:!?)]—–-":
            out.append((i, "close"))
        else:
            out.append((i, "?"))
    return out


def unclosed_quote(para: str) -> tuple[int, str] | None:
    """(offset, closing mark) of a quotation opened and never closed in ``para``, else None.

    >>> unclosed_quote("He said “help us, be in fact.")
    (8, '”')
    >>> unclosed_quote("“It’s over,” she said.") is None
    True
    """
    depth: list[tuple[int, str]] = []
    events = [(m.start(), m.group(0)) for m in regex.finditer("[“”«»]", para)]
    events += [(i, '"o' if role == "open" else '"c' if role == "close" else '"?')
               for i, role in _straight_roles(para)]
    for i, mark in sorted(events):
        if mark in ("“", "«"):
            depth.append((i, "”" if mark == "“" else "»"))
        elif mark in ("”", "»"):
            want = "”" if mark == "”" else "»"
            if depth and depth[-1][1] == want:
                depth.pop()
            else:
                return None  # a stray closing mark: no sound guess
        elif mark == '"o':
            depth.append((i, '"'))
        elif mark == '"c':
            if depth and depth[-1][1] == '"':
                depth.pop()
            else:
                return None
        else:
            return None  # a quote glued on both sides: ambiguous
    return depth[0] if len(depth) == 1 else None


class UnbalancedQuotes(Rule):
    """Suggest closing a quotation that a paragraph opens and never closes.

    The typographic convention of a quotation running over several paragraphs
    (no closing mark at the end of a paragraph, an opening mark at the start of
    the next) is clean and not reported. Where the quotation should end is a
    guess, so the closing mark at the paragraph's end is only a suggestion.
    """

    id = "UNBALANCED_QUOTES"
    category = "quote"
    stage = "characters"
    description = "quotation not closed"
    examples = (
        Example("Peskov said the US could “help to achieve our goals with peaceful means.",
                "Peskov said the US could “help to achieve our goals with peaceful means.”",
                kind="suggest"),
        Example("“There were nights when I wasn’t sure.\n\n“But in the end we agreed.”\n\nDone.",
                kind="clean"),
        Example('"It was not a speech.\n\n"I went back to the embassy."', kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        if _low9_convention(text):
            return
        spans = list(blocks(text))
        for (s, e), nxt in itertools.zip_longest(spans, spans[1:]):
            para = text[s:e]
            found = unclosed_quote(para)
            if found is None:
                continue
            _, mark = found
            if nxt is not None and text[nxt[0]:nxt[1]].lstrip()[:1] in ("“", '"', "«"):
                continue  # a quotation running on into the next paragraph
            yield self.change(e, e, mark, confidence=0.4, suggest_only=True,
                              message="quotation opened here is never closed; "
                                      "closing it at the paragraph's end is a guess")


RULES: tuple[type[Rule], ...] = (HyphenSpace, LostDash, GluedSentence, ClosingQuote,
                                 UnbalancedQuotes)
