"""Reading a result back: replay, context, sentences, rule details, diff and explanation.

These are the conventions of newsfix's peers, on top of the provenance core:

* ftfy — :func:`replay` (apply a list of edits to a source, like
  ``ftfy.fixes.apply_plan``) and :func:`explain` (the steps taken, like
  ``ftfy.fix_and_explain``);
* LanguageTool — every edit and suggestion in the JSON carries
  ``replacements``, ``context`` (``text``, ``offset``, ``length``), its
  ``sentence``, a ``short_message`` and a ``rule_info`` object
  (:func:`annotation`);
* ``git diff --word-diff`` — :func:`diff` shows each edit with a few words of
  context.

>>> from newsfix import fix_and_trace
>>> r = fix_and_trace("Kyiv  was quiet. ", translate=False, language="en")
>>> replay(r.source, r.edits) == r.text
True
>>> print(diff(r, context_words=2))
1:5: SPACE_RUN Kyiv[-␣␣-]{+␣+}was quiet. (1.00) run of spaces inside a line
1:17: TRAILING_SPACE …was quiet.[-␣-] (1.00) space at the end of a line
<text>: 2 edits, 0 suggestions
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from newsfix.aligned import Edit, Span, Step

if TYPE_CHECKING:
    from newsfix.result import Result

__all__ = [
    "SHORT_MESSAGES",
    "TRANSLATE_DESCRIPTION",
    "ExplanationStep",
    "SentenceIndex",
    "annotation",
    "context",
    "diff",
    "explain",
    "replay",
    "rule_info",
    "visible",
]

#: The description of the built-in translation step (it is not a registered rule).
TRANSLATE_DESCRIPTION = "sentence translated offline with an argostranslate model"

#: A short label per damage category: LanguageTool's ``shortMessage``.
SHORT_MESSAGES: dict[str, str] = {
    "boilerplate": "Page residue",
    "spacing": "Spacing",
    "glue": "Glued words",
    "hyphen": "Hyphen",
    "quote": "Quotation mark",
    "apostrophe": "Apostrophe",
    "case": "Capitalisation",
    "name": "Name",
    "spin": "Spun word",
    "untranslated": "Untranslated word",
    "repetition": "Repetition",
    "paragraph": "Paragraph break",
    "duplicate": "Duplicate",
    "mistranslation": "Mistranslation",
    "translation": "Translation",
    "unicode": "Encoding",
    "metadata": "Metadata",
}

#: Characters of ``visible`` output standing for whitespace.
_WHITESPACE_GLYPHS = {" ": "␣", "\t": "⇥", "\n": "⏎", "\u00a0": "⍽"}


def visible(text: str) -> str:
    """``text`` with the characters one cannot see made visible, for showing an edit.

    Line breaks become ``⏎``; a string of whitespace only shows each space as
    ``␣`` (tab ``⇥``, no-break space ``⍽``), as do spaces at either end of a
    string; format and control characters (byte-order mark, zero-width space,
    soft hyphen …) become ``⟨U+FEFF⟩``. Inner spaces of ordinary text stay.

    >>> visible("  "), visible(" -"), visible("two hours"), visible("a\\nb"), visible("\\ufeff")
    ('␣␣', '␣-', 'two hours', 'a⏎b', '⟨U+FEFF⟩')
    """
    if not text:
        return ""
    blank = text.isspace()
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    out: list[str] = []
    for k, ch in enumerate(text):
        if ch == "\n" or ((blank or k < lead or k >= len(text) - trail)
                          and ch in _WHITESPACE_GLYPHS):
            out.append(_WHITESPACE_GLYPHS[ch])
        elif ch != "\n" and (unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp")
                             or (blank and ch.isspace())):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


# -- replay ---------------------------------------------------------------


def replay(source: str, edits: Iterable[Edit | Mapping[str, Any]]) -> str:
    """Apply ``edits`` (objects or their JSON form) to ``source`` and return the text.

    This is the provenance contract as a function: for any result ``r``,
    ``replay(r.source, r.edits) == r.text``, and the same holds for the JSON
    of ``newsfix --json``. Raises ``ValueError`` naming the edit when edits
    overlap, lie outside the source or do not match it (``before`` must be
    ``source[start:end]``).

    >>> replay("two -hour call", [{"source": [3, 5], "before": " -", "after": "-"}])
    'two-hour call'
    >>> replay("abc", [{"source": [0, 1], "before": "x", "after": "y"}])
    Traceback (most recent call last):
    ...
    ValueError: edit 0 (?): source[0:1] is 'a', the edit says 'x'
    """
    pieces: list[str] = []
    last = 0
    items = [(_edit_fields(e), k) for k, e in enumerate(edits)]
    items.sort(key=lambda item: (item[0][0].start, item[0][0].end))
    for (span, before, after, rule), k in items:
        where = f"edit {k} ({rule})"
        if span.end > len(source):
            raise ValueError(f"{where}: span {span.to_list()} lies outside the source "
                             f"({len(source)} characters)")
        if span.start < last:
            raise ValueError(f"{where}: overlaps the edit before it")
        if source[span.slice] != before:
            raise ValueError(f"{where}: source[{span.start}:{span.end}] is "
                             f"{source[span.slice]!r}, the edit says {before!r}")
        pieces += [source[last:span.start], after]
        last = span.end
    pieces.append(source[last:])
    return "".join(pieces)


def _edit_fields(e: Edit | Mapping[str, Any]) -> tuple[Span, str, str, str]:
    if isinstance(e, Edit):
        return e.source, e.before, e.after, e.rule
    return Span.of(e["source"]), str(e["before"]), str(e["after"]), str(e.get("rule", "?"))


# -- LanguageTool's fields ------------------------------------------------


_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n")
_SPACE = regex.compile(r"\s")


def context(source: str, span: Span, *, chars: int = 40) -> dict[str, Any]:
    """LanguageTool's ``context``: about ``chars`` characters either side of ``span``.

    The window stops at a paragraph break and at whole words, and
    ``text[offset:offset + length] == source[span]`` always.

    >>> c = context("The call lasted  two hours on Monday.", Span(15, 17), chars=11)
    >>> c
    {'text': 'call lasted  two hours', 'offset': 11, 'length': 2}
    >>> c["text"][c["offset"]:c["offset"] + c["length"]]
    '  '
    """
    lo = max(0, span.start - chars)
    hi = min(len(source), span.end + chars)
    left = source[lo:span.start]
    breaks = list(_PARAGRAPH_BREAK.finditer(left))
    if breaks:
        lo += breaks[-1].end()
    elif lo > 0 and not source[lo - 1].isspace():
        m = _SPACE.search(source, lo, span.start)
        lo = m.end() if m else span.start  # skip the cut word
    right = source[span.end:hi]
    m = _PARAGRAPH_BREAK.search(right)
    if m:
        hi = span.end + m.start()
    elif hi < len(source) and not source[hi].isspace():
        cut = [w.start() for w in _SPACE.finditer(right)]
        hi = span.end + cut[-1] if cut else span.end
    while lo < span.start and source[lo].isspace():
        lo += 1
    while hi > span.end and source[hi - 1].isspace():
        hi -= 1
    return {"text": source[lo:hi], "offset": span.start - lo, "length": span.length}


class SentenceIndex:
    """The sentences of a text (:func:`~newsfix.translate.sentences.split_sentences`),
    searchable by span.

    The text is cut where the splitter always cuts (a line break not followed
    by a lower-case letter, which includes blank lines) and each piece is
    split only when a span is looked up in it, so looking up the edits of a
    long document costs time linear in the pieces that hold them.

    >>> idx = SentenceIndex("Kyiv was quiet. Oslo  was not.\\n\\nBergen too.", "en")
    >>> idx.sentence(Span(20, 22)), idx.sentence(Span(34, 40))
    ('Oslo  was not.', 'Bergen too.')
    """

    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.language = language
        self._cuts = [0, *(m.start() for m in _LINE_CUT.finditer(text)), len(text)]
        self._pieces: dict[int, list[tuple[int, int]]] = {}

    def _piece(self, k: int) -> list[tuple[int, int]]:
        if k not in self._pieces:
            from newsfix.translate.sentences import split_sentences

            lo, hi = self._cuts[k], self._cuts[k + 1]
            self._pieces[k] = [(lo + a, lo + b)
                               for a, b in split_sentences(self.text[lo:hi], self.language)]
        return self._pieces[k]

    def sentence(self, span: Span) -> str:
        """The sentence(s) that ``span`` overlaps or touches; ``""`` in blank space."""
        first_piece = max(0, bisect.bisect_right(self._cuts, span.start) - 1)
        last_piece = min(len(self._cuts) - 2, bisect.bisect_left(self._cuts, span.end))
        first = last = None
        for k in range(first_piece, last_piece + 1):
            for a, b in self._piece(k):
                if a <= span.end and span.start <= b:
                    first = a if first is None else first
                    last = b
        if first is None or last is None:
            return ""
        return self.text[first:last]


#: Where :func:`split_sentences` always cuts: a line break whose next line (after
#: spaces and tabs) does not start with a lower-case letter.
_LINE_CUT = regex.compile(r"\n(?![ \t]*\p{Ll})")


@cache
def rule_info(rule_id: str, category: str = "") -> dict[str, str]:
    """LanguageTool's ``rule`` object: ``id``, ``category`` and the registry's description.

    >>> rule_info("SPACE_RUN")
    {'id': 'SPACE_RUN', 'category': 'spacing', 'description': 'run of spaces inside a line'}
    >>> rule_info("TRANSLATE")["description"]
    'sentence translated offline with an argostranslate model'
    """
    if rule_id == "TRANSLATE":
        return {"id": rule_id, "category": "translation", "description": TRANSLATE_DESCRIPTION}
    from newsfix.rules import get_rule

    try:
        rule = get_rule(rule_id)
    except KeyError:  # a rule of another version, or a user's own
        return {"id": rule_id, "category": category, "description": ""}
    return {"id": rule_id, "category": rule.category, "description": rule.description}


def annotation(edit: Edit, source: str, sentences: SentenceIndex) -> dict[str, Any]:
    """The LanguageTool fields of one edit or suggestion (schema ``newsfix.result/2``).

    ``replacements`` lists the replacement applied (edits) or proposed
    (suggestions) first; ``context`` and ``sentence`` are taken from the source.
    """
    out: dict[str, Any] = {
        "replacements": [edit.after, *edit.alternatives],
        "context": context(source, edit.source),
        "sentence": sentences.sentence(edit.source),
        "short_message": SHORT_MESSAGES.get(edit.category, edit.category),
        "rule_info": rule_info(edit.rule, edit.category),
    }
    if edit.tier:
        out["tier"] = edit.tier
    return out


# -- diff -----------------------------------------------------------------

_RED, _GREEN, _YELLOW, _DIM, _STRIKE, _RESET = (
    "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[2m", "\x1b[9m", "\x1b[0m")
_WORD = regex.compile(r"\S+")


class _Lines:
    """Line and column (1-based) of offsets in a text, by binary search."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]

    def __call__(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k + 1, pos - self.starts[k] + 1


def _context_words(source: str, span: Span, words: int) -> tuple[str, str]:
    """Up to ``words`` words of the same line either side of ``span``, with ``…`` if cut."""
    line_start = source.rfind("\n", 0, span.start) + 1
    line_end = source.find("\n", span.end)
    line_end = len(source) if line_end < 0 else line_end
    left, right = source[line_start:span.start], source[span.end:line_end]
    if words <= 0:
        return ("…" if left else ""), ("…" if right else "")
    lw = [m.start() for m in _WORD.finditer(left)]
    if len(lw) > words:
        left = "…" + left[lw[-words]:]
    rw = [m.end() for m in _WORD.finditer(right)]
    if len(rw) > words:
        right = right[:rw[words - 1]] + "…"
    return left.lstrip(), right.rstrip()


def diff(result: Result, *, context_words: int = 3, color: bool = False,
         name: str | None = None) -> str:
    """Each edit and suggestion with a few words of context, one line each, in reading order.

    A line reads ``LINE:COL: RULE …context [-removed-]{+inserted+} context… (CONFIDENCE)
    MESSAGE`` (``LINE:COL`` in the source, prefixed with ``name:`` when given);
    a suggestion's rule is preceded by ``?`` (nothing was applied), a
    warning with a span is a ``!`` line. Invisible characters are shown as
    :func:`visible` does. With ``color`` the removed text is red and struck
    through, inserted text green, proposals yellow, and the brackets are left
    out. The last line counts the edits and suggestions.
    """
    prefix = f"{name}:" if name else ""
    line_col = _Lines(result.source)
    rows: list[tuple[int, int, str]] = []
    kinds = [(e, False) for e in result.edits] + [(s, True) for s in result.suggestions]
    for order, (e, suggested) in enumerate(kinds):
        left, right = _context_words(result.source, e.source, context_words)
        before, after = visible(e.before), visible(e.after)
        if color:
            ins = _YELLOW if suggested else _GREEN
            change = ((f"{_RED}{_STRIKE}{before}{_RESET}" if before else "")
                      + (f"{ins}{after}{_RESET}" if after else ""))
            left, right = f"{_DIM}{left}{_RESET}", f"{_DIM}{right}{_RESET}"
            tail = f"{_DIM}({e.confidence:.2f}) {e.message}{_RESET}"
        else:
            change = (f"[-{before}-]" if before else "") + (f"{{+{after}+}}" if after else "")
            tail = f"({e.confidence:.2f}) {e.message}"
        line, col = line_col(e.source.start)
        rules = " > ".join(s.rule for s in e.steps) if e.steps else e.rule
        mark = "? " if suggested else ""
        rows.append((e.source.start, order,
                     f"{prefix}{line}:{col}: {mark}{rules} {left}{change}{right} {tail}"))
    for order, w in enumerate(result.warnings, start=len(kinds)):
        if "source" not in w:
            continue
        span = Span.of(w["source"])
        line, col = line_col(span.start)
        excerpt = result.source[span.slice]
        if len(excerpt) > 60:
            excerpt = excerpt[:60] + "…"
        rows.append((span.start, order, f"{prefix}{line}:{col}: ! {w.get('code', 'warning')} "
                                        f"{w.get('message', '')}: {visible(excerpt)}"))
    rows.sort(key=lambda r: (r[0], r[1]))
    lines = [text for _, _, text in rows]
    lines.append(f"{name or '<text>'}: {len(result.edits)} edits, "
                 f"{len(result.suggestions)} suggestions")
    return "\n".join(lines)


# -- explain --------------------------------------------------------------


class ExplanationStep(NamedTuple):
    """One step of :func:`explain`: ftfy's ``(action, parameter)``, with a count.

    ``action`` is ``apply`` (a rule changed the text), ``suggest`` (a rule
    proposed changes that were not applied) or ``warn`` (a warning code);
    ``parameter`` the rule id or warning code; ``times`` how many times.
    """

    action: str
    parameter: str
    times: int
    description: str


@dataclass(frozen=True)
class ExplainedText:
    """What :func:`newsfix.fix_and_explain` returns, as ftfy's does: the text and its steps."""

    text: str
    explanation: tuple[ExplanationStep, ...]


def _rank(rule_id: str) -> tuple[int, int]:
    """Where a rule runs: (stage, position in the registry)."""
    from newsfix.rules import STAGES, registry

    if rule_id == "TRANSLATE":
        return STAGES.index("translate"), 0
    for k, rule in enumerate(registry()):
        if rule.id == rule_id:
            return STAGES.index(rule.stage), k
    return len(STAGES), 0


def explain(result: Result) -> list[ExplanationStep]:
    """The steps that made ``result``, in the order the pipeline runs them.

    Every rule that contributed to an edit (a merged edit counts each of its
    steps) is an ``apply`` step, every rule that only proposed is a
    ``suggest`` step, then each warning code is a ``warn`` step.

    >>> from newsfix import fix_and_trace
    >>> r = fix_and_trace("Kyiv  was  quiet. ", translate=False, language="en")
    >>> for step in explain(r):
    ...     print(step)
    ExplanationStep(action='apply', parameter='TRAILING_SPACE', times=1, \
description='space at the end of a line')
    ExplanationStep(action='apply', parameter='SPACE_RUN', times=2, \
description='run of spaces inside a line')
    """
    counts: dict[tuple[str, str], int] = {}
    categories: dict[str, str] = {}
    for action, edits in (("apply", result.edits), ("suggest", result.suggestions)):
        for e in edits:
            steps: Sequence[Step | Edit] = e.steps or (e,)
            for s in steps:
                counts[(action, s.rule)] = counts.get((action, s.rule), 0) + 1
                categories[s.rule] = s.category
    steps_out = [ExplanationStep(action, rule, n,
                                 rule_info(rule, categories[rule])["description"])
                 for (action, rule), n in counts.items()]
    steps_out.sort(key=lambda s: (s.action != "apply", _rank(s.parameter)))
    warned: dict[str, tuple[int, str]] = {}
    for w in result.warnings:
        code = str(w.get("code", "warning"))
        n, message = warned.get(code, (0, str(w.get("message", ""))))
        warned[code] = (n + 1, message)
    steps_out += [ExplanationStep("warn", code, n, message)
                  for code, (n, message) in warned.items()]
    return steps_out
