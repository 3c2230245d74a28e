"""One analysis of a text: paragraphs, sentences, words, quotations, URLs and code.

Every rule reads the text through a :class:`TextAnalysis`, computed once per
text (the pipeline caches it until a stage changes the text) and lazily, piece
by piece: a rule that never asks for quotations does not pay for them. This
module holds the project's only definitions of a word (:data:`WORD_RE`), a
sentence (:func:`split_sentences`), a paragraph and a quotation, so that a
rule, the language detector and the translator agree on them.

Every offset is a ``str`` index into the analysed text, and every computation
here is linear in the length of the text (no search is anchored at the start
of the text, no look-back is unbounded).

>>> a = TextAnalysis('Talks ended.\\nThey said: “It’s over.”\\n\\nSee www.example.org now.')
>>> [a.text[p.slice] for p in a.paragraphs]
['Talks ended.', 'They said: “It’s over.”', 'See www.example.org now.']
>>> [w.text for w in a.words][:5]
['Talks', 'ended', 'They', 'said', 'It’s']
>>> q = a.quotations[0]; a.text[q.start:q.end], q.closed
('“It’s over.”', True)
>>> a.protected(48, 51)
True
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, TypeVar

import regex

from newsfix.aligned import Span

__all__ = [
    "WORD_RE",
    "Quotation",
    "QuoteMark",
    "TextAnalysis",
    "Word",
    "abbreviations",
    "months",
    "split_sentences",
]

T = TypeVar("T")

#: A word: letters (with combining marks), optionally joined by internal apostrophes.
#: Hyphens separate words (``Trump-møter`` is two words joined by ``-``).
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*")


# --------------------------------------------------------------------------- lexicons


@cache
def abbreviations(language: str = "*") -> frozenset[str]:
    """Abbreviations that take a full stop without ending a sentence (``abbreviations.tsv``).

    ``*`` gives those of every language.

    >>> "mr" in abbreviations("en"), "bzw" in abbreviations("de"), "bzw" in abbreviations("en")
    (True, True, False)
    """
    from newsfix.lexicon import load

    return frozenset(r["abbreviation"].strip() for r in load("abbreviations.tsv")
                     if language == "*" or r["language"].strip() in ("*", language))


@cache
def months() -> dict[str, int]:
    """Month names of the languages of ``months.tsv`` (lower case) and their numbers.

    >>> months()["märz"], months()["kwietnia"]
    (3, 4)
    """
    from newsfix.lexicon import load

    return {r["name"].strip(): int(r["month"]) for r in load("months.tsv")}


# --------------------------------------------------------------------------- sentences

# A candidate end: terminal punctuation, closing quotes/brackets, whitespace.
_END_RE = re.compile(r"""(?<![.!?…])([.!?…]+)(["'»”’)\]]*)(\s+)""")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE_RE = re.compile(r"\n[ \t]*(.?)")
_TOKEN_BEFORE_RE = re.compile(r"(\w+(?:\.\w+)*)$")
_WORD_AFTER_RE = re.compile(r"\w+")
#: How far back a sentence end looks for the word it follows (longer words are no
#: abbreviation anyway); bounding it keeps the splitter linear.
_LOOK_BACK = 48

DEFAULT_MAX_CHARS = 400


def _is_boundary(text: str, match: re.Match[str], abbrevs: frozenset[str]) -> bool:
    """Whether a terminal-punctuation match ends a sentence."""
    nxt = text[match.end():match.end() + 1]
    if not nxt:
        return True
    if nxt.islower():
        # "ca. fem", "25. april", "kl. 12.30 i dag" continue the sentence.
        return False
    punct = match.group(1)
    if punct != "." or match.group(2):
        # "!", "?", "...", or a period followed by a closing quote.
        return True
    token = _TOKEN_BEFORE_RE.search(text, max(0, match.start() - _LOOK_BACK), match.start())
    if token is None:
        return True
    word = token.group(1)
    if word.lower() in abbrevs:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "Donald J. Trump"
    if word.isdigit() and len(word) <= 2:
        following = _WORD_AFTER_RE.match(text, match.end())
        if following and following.group(0).lower() in months():
            return False  # "am 25. April"
    return True


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut an over-long span at whitespace so no piece exceeds ``max_chars``."""
    out = []
    while end - start > max_chars:
        window = text[start:start + max_chars]
        cut = max(window.rfind(", "), window.rfind("; "), window.rfind(": "))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = max_chars - 1  # no whitespace at all: hard cut
        piece_end = start + cut + 1
        stripped_end = piece_end
        while stripped_end > start and text[stripped_end - 1].isspace():
            stripped_end -= 1
        out.append((start, stripped_end))
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def split_sentences(text: str, lang: str = "en", *,
                    max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` code-point offsets.

    The project's one sentence splitter (the translator uses it too). Spans are
    sorted, do not overlap, have no leading or trailing whitespace, and
    together cover every non-space character of ``text``. A boundary is
    terminal punctuation (with any closing quotes) followed by whitespace and
    not by a lower-case letter, except after known abbreviations
    (``abbreviations.tsv``; ``lang="*"`` takes those of every language),
    initials and day numbers before a month; a blank line always ends a
    sentence, and a single line break does unless the next line starts in
    lower case. Sentences longer than ``max_chars`` are cut at a comma or
    space, because translation models truncate long inputs and would lose text.

    The splitter is cautious: a missed boundary costs a longer sentence, a
    false one cuts a sentence (and its translation) in two.

    >>> text = 'Mr. Smith kom kl. 12. Han sa: «Ja!» Prisen steg 3.5 % den 25. mai.'
    >>> [text[s:e] for s, e in split_sentences(text, "nb")]
    ['Mr. Smith kom kl. 12.', 'Han sa: «Ja!»', 'Prisen steg 3.5 % den 25. mai.']
    >>> split_sentences("  \\n ")
    []
    """
    abbrevs = abbreviations(lang.lower() if lang else "*")
    cuts: set[int] = set()
    for match in _END_RE.finditer(text):
        if _is_boundary(text, match, abbrevs):
            cuts.add(match.start(3))
    for match in _BLANK_LINE_RE.finditer(text):
        cuts.add(match.start())
    for match in _NEWLINE_RE.finditer(text):
        if not match.group(1).islower():
            cuts.add(match.start())
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.extend(_split_long(text, s, e, max_chars))
        start = cut
    return spans


# --------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text (:data:`WORD_RE`) and its index in :attr:`TextAnalysis.words`."""

    start: int
    end: int
    text: str
    index: int
    #: The word in lower case (rules read it for nearly every word, often several times).
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())

    @property
    def span(self) -> Span:
        """The word's span."""
        return Span(self.start, self.end)


# --------------------------------------------------------------------------- quotations

#: Every quotation mark the parser knows; ``’`` and ``'`` are quotes only away from letters.
QUOTE_CHARS = "\"“”„‟«»‹›‘’‚'"
_QUOTE_MARK_RE = regex.compile(r"[\"“”„‟«»‹›‘’‚']")
_ELISION_RE = regex.compile(r"['’]\p{L}{1,2}['’](?=\s)")
#: What may stand before an opening mark / after a closing one.
_OPEN_BEFORE = set("([{—–-/\u00a0") | set("“„«»‹›‘‚\"'")
_CLOSE_AFTER = set(".,;:!?)]}—–-…/") | set("”“»«›‹’‘\"'")
_PAIRS = {"“": "”", "„": "“", "‟": "”", "«": "»", "»": "«", "‹": "›", "›": "‹", "‘": "’",
          "‚": "‘", '"': '"', "'": "'", "”": "”"}


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quotation mark and the role the parser gave it: ``open``, ``close`` or ``stray``."""

    pos: int
    char: str
    role: str


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: from its opening mark to its closing mark, both included.

    ``closed`` is False for a quotation its paragraph never closes (it then
    ends at the paragraph's end); ``runs_on`` marks such a quotation when the
    next paragraph opens with a quotation mark, the typographic convention of
    a quotation running over several paragraphs (not damage). ``parent`` is
    the index of the enclosing quotation, or -1.
    """

    start: int
    end: int
    opener: str
    closer: str
    closed: bool
    depth: int
    parent: int
    runs_on: bool = False

    @property
    def span(self) -> Span:
        """The quotation's span, marks included."""
        return Span(self.start, self.end)

    @property
    def slice(self) -> slice:
        """The quotation as a ``slice`` of the text."""
        return slice(self.start, self.end)

    @property
    def inner(self) -> Span:
        """The quoted words, marks excluded."""
        return Span(self.start + 1, self.end - 1 if self.closed else self.end)


def _context(text: str, i: int) -> tuple[bool, bool]:
    """(may open, may close) for the quotation mark at ``i``, from its neighbours."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    may_open = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace()
    may_close = (after.isspace() or after in _CLOSE_AFTER) and not before.isspace()
    return may_open, may_close


def _apostrophe(ch: str, before: str, after: str, open_marks: Sequence[str]) -> bool:
    """Whether a single ``’`` or ``'`` is an apostrophe rather than a quotation mark.

    Between letters (``it’s``, ``O'Brien``) and before a digit (``’90s``) it
    is; after a letter (``the players’ union``, ``goin’``) it is unless a
    single quotation is open for it to close, and even then a possessive
    plural (``s’`` before a lower-case word) stays an apostrophe.
    """
    if ch not in "’'‘":
        return False
    if ch == "‘":
        return after.isdigit()  # smart-quote software writes ‘90s
    if before.isalnum() and after.isalnum():
        return True
    if after.isdigit() and not before.isalnum():
        return True
    if before.isalnum():
        opener = "'" if ch == "'" else "‘"
        if opener not in open_marks and not (ch == "’" and "’" in open_marks):
            return True
    return False


def _parse_quotations(text: str, paragraphs: Sequence[Span], low9: bool
                      ) -> tuple[list[Quotation], list[QuoteMark]]:
    """Pair the quotation marks of each paragraph (a stack per paragraph).

    Directional marks say what they are (``“ « ‘ „ ‚`` open, ``”`` closes; in
    a document using the low-9 convention ``„…“`` the ``“`` closes). Straight
    marks and ``” » ’`` used Swedish- or Danish-style take their role from
    their neighbours and from what is open. A double quotation left open ends
    at its paragraph's end, unclosed; a single one left open is dropped (an
    apostrophe the software curled the wrong way is likelier than a quote).
    """
    quotations: list[Quotation] = []
    marks: list[QuoteMark] = []
    n = len(text)
    for k, para in enumerate(paragraphs):
        # Each quotation as its fields [start, end, opener, closer, closed, depth, parent,
        # runs_on], made a Quotation once at the end (frozen dataclasses are slow to copy).
        local: list[list[Any]] = []
        local_marks: list[QuoteMark] = []
        stack: list[tuple[str, int]] = []  # (opener, index in local)
        # How many of each opening mark are open: the marks' roles ask only which kinds
        # are open (a list of the stack per mark was quadratic on a run of open marks).
        open_count: Counter[str] = Counter()
        open_marks: list[str] = []  # the kinds with a count above 0
        for m in _QUOTE_MARK_RE.finditer(text, para.start, para.end):
            i, ch = m.start(), m.group()
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if _apostrophe(ch, before, after, open_marks):
                continue
            if ch in "'’" and not before.isalnum() and _ELISION_RE.match(text, i):
                continue  # rock 'n' roll: an elision between apostrophes
            if ch in "’'" and before in "sS" and after == " " and text[i + 2:i + 3].islower():
                continue  # `‘the players’ union…’`: a possessive plural inside a quote
            may_open, may_close = _context(text, i)
            role = _role(ch, may_open, may_close, open_marks, low9)
            if role == "open":
                parent = stack[-1][1] if stack else -1
                stack.append((ch, len(local)))
                open_count[ch] += 1
                if open_count[ch] == 1:
                    open_marks.append(ch)
                local.append([i, i + 1, ch, _PAIRS.get(ch, ch), False, len(stack) - 1, parent,
                              False])
            elif role == "close":
                # Close the innermost quotation this mark closes; any opened inside it
                # and left open end here, unclosed.
                for depth in range(len(stack) - 1, -1, -1):
                    if _closes(ch, stack[depth][0], low9):
                        for _, idx in stack[depth + 1:]:
                            local[idx][1], local[idx][4] = i, False
                        top = local[stack[depth][1]]
                        top[1], top[4] = i + 1, True
                        for opener, _ in stack[depth:]:
                            open_count[opener] -= 1
                        del stack[depth:]
                        open_marks = [o for o in open_marks if open_count[o]]
                        break
            local_marks.append(QuoteMark(i, ch, role))
        dropped: set[int] = set()
        if stack:
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            runs_on = nxt is not None and text[nxt.start:nxt.start + 1] in "“„«»‹›‘‚\"'"
            for opener, idx in stack:
                if opener in "‘'‚‹":
                    dropped.add(idx)
                    continue
                q = local[idx]
                q[1], q[4], q[7] = para.end, False, runs_on
        # Renumber parents into the document-wide list, leaving dropped quotations out.
        new_index: dict[int, int] = {}
        kept_above: dict[int, int] = {}  # index -> itself, or its nearest kept ancestor
        for j, q in enumerate(local):
            parent = q[6] if q[6] == -1 or q[6] not in dropped else kept_above[q[6]]
            kept_above[j] = parent if j in dropped else j
            if j in dropped:
                continue
            new_index[j] = len(quotations)
            quotations.append(Quotation(q[0], q[1], q[2], q[3], q[4], q[5],
                                        new_index.get(parent, -1), q[7]))
        starts_dropped = {local[j][0] for j in dropped}
        marks.extend(QuoteMark(x.pos, x.char, "stray") if x.pos in starts_dropped else x
                     for x in local_marks)
    return quotations, marks


def _closes(ch: str, opener: str, low9: bool) -> bool:
    if ch == opener and ch in "\"'»›”’":
        return True  # straight marks, Swedish ”…”, Danish »…« reversed
    want = _PAIRS.get(opener)
    if low9 and opener == "„":
        return ch in "“”"
    if low9 and opener == "‚":
        return ch in "‘’"
    return ch == want or (opener in "“‟" and ch == "”")


def _role(ch: str, may_open: bool, may_close: bool, open_marks: Sequence[str],
          low9: bool) -> str:
    if ch in "«‹" and any(_closes(ch, o, low9) for o in open_marks) and may_close:
        return "close"  # Danish and German »…«
    if ch in "„‚«‹‟" or (ch in "“‘" and not low9):
        return "open"
    if low9 and ch in "“‘":
        if any(_closes(ch, o, low9) for o in open_marks):
            return "close"
        return "open" if may_open else "stray"
    # ” » › ’ " ': close what they can close, else open where the context allows
    # (Swedish ”…”, Danish »…«, straight quotes).
    if any(_closes(ch, o, low9) for o in open_marks) and (may_close or not may_open):
        return "close"
    if may_open and ch != "’":  # ’ is an apostrophe or a closer (`’90s`, `rock ’n’ roll`)
        return "open"
    return "stray"  # glued on both sides, or closing nothing: no sound reading


# --------------------------------------------------------------------------- URLs and code

_TRAIL = ".,;:!?)]}'\"’”»"
URL_RE = regex.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"“”«»]+", regex.IGNORECASE)
EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE_RE = regex.compile(r"(?<![\w@])[@#]\w+")
DOMAIN_RE = regex.compile(
    r"(?<![\w@/.-])(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|io|co|uk|de|no|pl|fr|eu|ru|ua|info|"
    r"dk|se|fi|nl|it|es|pt|ch|at|be|cz|us|ca|au|tv|me|ly|app|dev|ai)\b(?:/[^\s]*)?",
    regex.IGNORECASE)
PATH_RE = regex.compile(r"(?<![\w/.])(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]*)+|\b[A-Za-z]:\\[\w\\.-]+")
#: Identifiers: dotted names with a camel-case, digit or underscore part, or three or more
#: parts (``types.MappingProxyType``, ``os.path.join``); snake_case; calls ``foo()``;
#: back-quoted code.
IDENT_RE = regex.compile(
    r"(?<![\w.])[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+(?:\(\))?"
    r"|(?<![\w])[A-Za-z]\w*_\w+"
    r"|(?<![\w.])[A-Za-z_]\w*\([^()\s]*\)"
    r"|`[^`\n]+`")
#: Command-line flags: ``--verbose``, ``-m``, ``-la``, ``-O2``, ``-Wall``.
FLAG_RE = regex.compile(r"(?<!\S)(?:--[A-Za-z][\w-]*|-[A-Za-z][A-Za-z0-9]*)(?=[\s,;)]|$)")
_TOKEN_BEFORE_FLAG_RE = regex.compile(r"(\S+)[ \t]+$")
#: Short English words that follow a hyphen in compounds (``check-in``, ``add-on``): not flags.
_COMPOUND_TAILS = frozenset(["in", "up", "on", "off", "by", "to", "out", "so", "all", "go",
                             "it", "me", "us", "be", "do", "my", "or", "at", "an", "as", "of",
                             "day", "man", "old", "way", "one", "two", "six", "ten", "now"])


@cache
def _commands() -> frozenset[str]:
    from newsfix.lexicon import column

    return column("code_commands.tsv")


def _flag(token: str, before: str = "") -> bool:
    """Whether a hyphenated token is a command-line flag rather than a compound's tail.

    ``before`` is the token before it: after a command name (``code_commands.tsv``)
    or another flag, any short token is a flag.

    >>> [_flag(t) for t in ("-m", "-xzf", "-O2", "--verbose", "-hour", "-in", "-and", "-Nazis")]
    [True, True, True, True, False, False, False, False]
    >>> _flag("-la", "ls"), _flag("-la", "said")
    (True, False)
    """
    if token.startswith("--"):
        return True
    body = token[1:]
    if any(c.isdigit() for c in body):
        return True  # -O2
    if len(body) == 1:
        return True  # -m, -l: no English compound ends in a lone letter
    short = len(body) <= 4 and body.lower() not in _COMPOUND_TAILS
    if short and not any(c in "aeiouy" for c in body.lower()):
        return True  # -xzf, -rf
    return short and (before.lower() in _commands() or before.startswith("-"))


def _ident(token: str) -> bool:
    if token.startswith("`") or "_" in token or token.endswith(")"):
        return True
    parts = token.split(".")
    if len(parts) >= 3:
        return True
    return any(c.isdigit() for c in token) or any(
        p[1:] != p[1:].lower() and p[1:] != p[1:].upper() for p in parts)


# --------------------------------------------------------------------------- the analysis

_BLOCK_RE = regex.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE_END_RE = regex.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
_SIC_RE = regex.compile(r"[\[(]\s*sic\s*[\])]$", regex.IGNORECASE)
_SIC_ANY_RE = regex.compile(r"[\[(]\s*sic\s*[\])]", regex.IGNORECASE)
#: The longest ``[sic]`` marker read (spaces inside included).
_SIC_SPAN = 32
#: What may stand between a sentence end and the next word: spaces, opening quotes, brackets.
_OPENERS = " \t\u00a0\"'“‘«»„(["
_ENDERS = ".!?…:;\"“”«»|•*#>—–-"


class TextAnalysis:
    """The analysis of one text, each part computed on first use and kept.

    Parts: :attr:`lines`, :attr:`blocks` (blank-line blocks),
    :attr:`paragraphs`, :attr:`sentences`, :attr:`words`, :attr:`quotations`
    (with :attr:`quote_marks`), :attr:`urls` and :attr:`code`. Look-ups
    (:meth:`words_in`, :meth:`quotation_at`, :meth:`protected`…) are binary
    searches. :meth:`memo` keeps any other per-text computation.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[object, Any] = {}
        self._capital: dict[int, bool] = {}  # capital_expected, by position (asked again and again)

    # -- layout -------------------------------------------------------------

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """Every line, without its newline (an empty last line after a final newline is left out).

        >>> TextAnalysis("a\\n\\nbc\\n").lines
        (Span(start=0, end=1), Span(start=2, end=2), Span(start=3, end=5))
        """
        out, pos, text = [], 0, self.text
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl
            out.append(Span(pos, end))
            pos = end + 1
        return tuple(out)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_at(self, pos: int) -> Span:
        """The line that contains ``pos``.

        >>> a = TextAnalysis("ab\\ncd"); a.line_at(4), a.line_at(2)
        (Span(start=3, end=5), Span(start=0, end=2))
        """
        k = bisect.bisect_right(self._line_starts, pos) - 1
        return self.lines[k] if k >= 0 else Span(0, 0)

    @cached_property
    def blocks(self) -> tuple[Span, ...]:
        """Blank-line blocks, from their first to their last visible character.

        >>> a = TextAnalysis("  One.\\nTwo.\\n \\nThree.")
        >>> [a.text[b.slice] for b in a.blocks]
        ['One.\\nTwo.', 'Three.']
        """
        out = []
        text = self.text
        for m in _BLOCK_RE.finditer(text):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            out.append(Span(s, e))
        return tuple(out)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Paragraphs: blank-line blocks, split into lines where lines are paragraphs.

        Many scraped pages separate paragraphs by single newlines. A block is
        kept whole only when it is hard-wrapped prose: at least half of its
        line breaks fall inside a sentence (the next line starts in lower
        case, or the line ends in a comma or hyphen). Otherwise each line is
        a paragraph of its own (headings, captions and one-paragraph lines).

        >>> a = TextAnalysis("Talks resume\\nThe talks resumed.\\nThey end.\\n\\n"
        ...                  "wrapped for\\nweeks, then\\nnot.")
        >>> [a.text[p.slice] for p in a.paragraphs]
        ['Talks resume', 'The talks resumed.', 'They end.', 'wrapped for\\nweeks, then\\nnot.']
        """
        out: list[Span] = []
        text = self.text
        for block in self.blocks:
            if "\n" not in text[block.start:block.end]:
                out.append(block)
                continue
            lines = [ln for ln in self._block_lines(block) if ln.start < ln.end]
            breaks = len(lines) - 1
            inside = 0
            for a, b in itertools.pairwise(lines):
                last = text[a.end - 1]
                first = text[b.start]
                if first.islower() or (last in ",-‐" and not _LINE_END_RE.search(
                        text, max(a.start, a.end - 4), a.end)):
                    inside += 1
            if breaks and inside * 2 >= breaks:
                out.append(block)
            else:
                out.extend(lines)
        return tuple(out)

    def _block_lines(self, block: Span) -> Iterator[Span]:
        """The lines of a block, each trimmed of surrounding spaces."""
        text = self.text
        pos = block.start
        while pos <= block.end:
            nl = text.find("\n", pos, block.end)
            end = block.end if nl < 0 else nl
            s, e = pos, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            yield Span(s, e)
            if nl < 0:
                return
            pos = nl + 1

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, pos: int) -> Span | None:
        """The paragraph that contains ``pos`` (or ends at it), if any."""
        k = bisect.bisect_right(self._paragraph_starts, pos) - 1
        if k >= 0 and pos <= self.paragraphs[k].end:
            return self.paragraphs[k]
        return None

    # -- sentences ----------------------------------------------------------

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentences of every paragraph (:func:`split_sentences`, abbreviations of all languages).

        >>> a = TextAnalysis("Mr. Smith left. He said so.\\n\\nNext.")
        >>> [a.text[s.slice] for s in a.sentences]
        ['Mr. Smith left.', 'He said so.', 'Next.']
        """
        out: list[Span] = []
        text = self.text
        for p in self.paragraphs:
            chunk = text[p.start:p.end]
            out.extend(Span(p.start + s, p.start + e) for s, e in split_sentences(chunk, "*"))
        return tuple(out)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentences_in(self, start: int, end: int) -> tuple[Span, ...]:
        """The sentences that lie within ``[start, end)``."""
        starts = self._sentence_starts
        a = bisect.bisect_left(starts, start)
        b = bisect.bisect_left(starts, end)
        while b > a and self.sentences[b - 1].end > end:
            b -= 1
        return self.sentences[a:b]

    def sentence_at(self, pos: int) -> Span:
        """The sentence around ``pos``; between sentences, the empty span at ``pos``."""
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return self.sentences[k]
        return Span(pos, pos)

    def capital_expected(self, pos: int) -> bool:
        """Whether a capital is expected at ``pos``: a sentence or line start, or after a quote.

        True after a sentence end (``.!?…:;``), a dash or a bullet, at the start
        of a line or of the text, and after an opening quote or bracket (a
        quotation opens with a capital). A ``[sic]`` marker belongs to the
        sentence before it.

        >>> a = TextAnalysis('He left. She stayed since Moscow He sent "Its done." [sic] The sign')
        >>> a.capital_expected(9), a.capital_expected(33), a.capital_expected(58)
        (True, False, True)
        """
        found = self._capital.get(pos)
        if found is None:
            found = self._capital[pos] = self._capital_expected(pos)
        return found

    def _capital_expected(self, pos: int) -> bool:
        text = self.text
        i = pos - 1
        while i >= 0 and text[i] in " \t\u00a0":
            i -= 1
        sic = _SIC_RE.search(text, max(0, i - 12), i + 1)
        if sic is not None:
            i = sic.start() - 1
        while i >= 0 and text[i] in _OPENERS:
            if text[i] in "\"“‘«»„'([":
                return True
            i -= 1
        return i < 0 or text[i] == "\n" or text[i] in _ENDERS

    def sic_marked(self, pos: int) -> bool:
        """Whether the sentence around ``pos`` contains or is followed by ``[sic]``.

        A writer who marks a quotation ``[sic]`` keeps its errors on purpose.
        The marker may follow the sentence's closing quote (``"…" [sic]``) or,
        written after a quotation, open the next sentence.

        >>> a = TextAnalysis('"Its not what you think." [sic] Its fine.')
        >>> a.sic_marked(1), a.sic_marked(33)
        (True, False)
        """
        sentence = self.sentence_at(pos)
        if sentence.start == sentence.end:
            return False
        text = self.text
        a = sentence.start
        # an endpos bounds each anchored match: without it the regex module
        # first looks for the literal `sic` in the whole rest of the text
        lead = _SIC_ANY_RE.match(text, a, a + _SIC_SPAN)
        if lead:  # `[sic] Its fine.`: the marker belongs to the sentence before
            a = lead.end()
        b = sentence.end
        while b < len(text) and text[b] in " \t\u00a0":
            b += 1
        if _SIC_ANY_RE.search(text, a, sentence.end) is not None and pos >= a:
            return True
        return pos >= a and _SIC_ANY_RE.match(text, b, b + _SIC_SPAN) is not None

    # -- words --------------------------------------------------------------

    @cached_property
    def words(self) -> tuple[Word, ...]:
        """Every word of the text (:data:`WORD_RE`), in order."""
        return tuple(Word(m.start(), m.end(), m.group(), k)
                     for k, m in enumerate(WORD_RE.finditer(self.text)))

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        """The words that lie within ``[start, end)``."""
        a = bisect.bisect_left(self._word_starts, start)
        b = bisect.bisect_left(self._word_starts, end)
        while b > a and self.words[b - 1].end > end:
            b -= 1
        return self.words[a:b]

    def word_at(self, pos: int) -> Word | None:
        """The word that contains ``pos`` (or starts there), if any."""
        k = bisect.bisect_right(self._word_starts, pos) - 1
        if k >= 0 and pos < self.words[k].end:
            return self.words[k]
        return None

    def neighbour(self, word: Word, step: int, *, same_line: bool = True) -> Word | None:
        """The word ``step`` places away (``-1`` before, ``1`` after) if only spaces separate them.

        With ``same_line=False`` any punctuation or line break may separate them.

        >>> a = TextAnalysis("the bank, decision\\nnext")
        >>> a.neighbour(a.words[0], 1).text, a.neighbour(a.words[1], 1)
        ('bank', None)
        """
        k = word.index + step
        if not 0 <= k < len(self.words):
            return None
        other = self.words[k]
        if not same_line:
            return other
        a, b = (other.end, word.start) if step < 0 else (word.end, other.start)
        gap = self.text[a:b]
        if gap and gap.strip(" \t\u00a0") == "":
            return other
        return None

    # -- quotations ---------------------------------------------------------

    @cached_property
    def _quotes(self) -> tuple[tuple[Quotation, ...], tuple[QuoteMark, ...]]:
        low9 = "„" in self.text or "‚" in self.text
        quotations, marks = _parse_quotations(self.text, self.paragraphs, low9)
        return tuple(quotations), tuple(marks)

    @property
    def quotations(self) -> tuple[Quotation, ...]:
        """Quotations, in order of their opening marks (nested ones after their parent).

        >>> a = TextAnalysis('She said: “A ‘nested’ one” and «oui», "straight".')
        >>> [(a.text[q.start:q.end], q.depth) for q in a.quotations]
        [('“A ‘nested’ one”', 0), ('‘nested’', 1), ('«oui»', 0), ('"straight"', 0)]
        >>> b = TextAnalysis('Er sagte: „Es geht“, dann „nein“.')
        >>> [b.text[q.slice] for q in b.quotations]
        ['„Es geht“', '„nein“']
        """
        return self._quotes[0]

    @property
    def quote_marks(self) -> tuple[QuoteMark, ...]:
        """Every quotation mark with its role (apostrophes are not quotation marks)."""
        return self._quotes[1]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    @cached_property
    def _mark_positions(self) -> list[int]:
        return [m.pos for m in self.quote_marks]

    def quotations_opened_in(self, start: int, end: int) -> tuple[Quotation, ...]:
        """The quotations whose opening mark lies in ``[start, end)``, in order.

        >>> a = TextAnalysis('“One.”\\n\\nHe said “two” and «three».')
        >>> [a.text[q.slice] for q in a.quotations_opened_in(8, len(a.text))]
        ['“two”', '«three»']
        """
        starts = self._quote_starts
        return self.quotations[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def quote_marks_in(self, start: int, end: int) -> tuple[QuoteMark, ...]:
        """The quotation marks at positions in ``[start, end)``, in order."""
        pos = self._mark_positions
        return self.quote_marks[bisect.bisect_left(pos, start):bisect.bisect_left(pos, end)]

    def quotation_at(self, start: int, end: int | None = None) -> Quotation | None:
        """The innermost quotation strictly containing ``[start, end)`` (marks excluded), if any.

        >>> a = TextAnalysis('He said “it is fine” today.')
        >>> a.quotation_at(10, 12) is not None, a.quotation_at(0, 2)
        (True, None)
        """
        end = start if end is None else end
        quotations = self.quotations
        # The innermost quotation containing `start` lies on the parent chain of the
        # last quotation opened before it (quotations nest or are disjoint).
        k = bisect.bisect_left(self._quote_starts, start) - 1
        while k >= 0:
            q = quotations[k]
            if end <= (q.end - 1 if q.closed else q.end):
                return q
            k = q.parent
        return None

    def in_quotation(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` lies inside a quotation (see :meth:`quotation_at`)."""
        return self.quotation_at(start, end) is not None

    # -- URLs and code ------------------------------------------------------

    @cached_property
    def urls(self) -> tuple[Span, ...]:
        """URLs, domain names, e-mail addresses, handles, hashtags and file paths.

        >>> a = TextAnalysis("See https://x.org/a. Or @nato, #kyiv, nato.int and /usr/bin/ls.")
        >>> [a.text[s.slice] for s in a.urls]
        ['https://x.org/a', '@nato', '#kyiv', 'nato.int', '/usr/bin/ls']
        """
        spans: list[tuple[int, int]] = []
        for rx in (URL_RE, EMAIL_RE, HANDLE_RE, DOMAIN_RE, PATH_RE):
            for m in rx.finditer(self.text):
                s, e = m.start(), m.end()
                while e > s and self.text[e - 1] in _TRAIL:
                    e -= 1
                spans.append((s, e))
        return _union(spans)

    @cached_property
    def code(self) -> tuple[Span, ...]:
        """Code-like tokens: command-line flags and identifiers.

        >>> a = TextAnalysis("Run python -m pip or ls -la; see types.MappingProxyType "
        ...                  "and a two -hour call.")
        >>> [a.text[s.slice] for s in a.code]
        ['-m', '-la', 'types.MappingProxyType']
        """
        text = self.text
        spans = []
        for m in FLAG_RE.finditer(text):
            before = _TOKEN_BEFORE_FLAG_RE.search(text, max(0, m.start() - 32), m.start())
            if _flag(m.group(), before.group(1) if before else ""):
                spans.append((m.start(), m.end()))
        spans += [(m.start(), m.end()) for m in IDENT_RE.finditer(self.text)
                  if _ident(m.group())]
        return _union(spans)

    @cached_property
    def _protected(self) -> tuple[list[int], list[int]]:
        spans = _union([(s.start, s.end) for s in (*self.urls, *self.code)])
        return [s.start for s in spans], [s.end for s in spans]

    def protected(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` overlaps a URL, address, handle, path or code token."""
        end = start + 1 if end is None or end == start else end
        starts, ends = self._protected
        k = bisect.bisect_left(starts, end) - 1
        return k >= 0 and ends[k] > start

    # -- other computations -------------------------------------------------

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, once per text and key (for analyses a rule derives from the text)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value


def _union(spans: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Sorted union of possibly overlapping spans."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple(Span(s, e) for s, e in out)
