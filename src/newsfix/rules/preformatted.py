"""Preformatted text: the lines whose spacing is the author's layout, not scraping damage.

Whitespace and joining rules must leave verbatim text alone: Markdown code
fences, indented code blocks and licence sections, nested lists, hanging
indents and plain-text tables with aligned columns. The evidence is the
document's own structure, never a phrase list:

* a fence (```` ``` ```` or ``~~~`` at a line start) opens verbatim text up to
  its closing fence;
* in a document that also has lines at the margin, an indented line is
  structural when it is one of a run of two or more indented lines, or
  continues a less indented line of its block (a hanging indent, a nested
  list item); once the document shows such structure, a lone line indented
  by four or more, or a list item, is structural too. A single indented line
  in flush prose (``Headline\\n\\n  The talks began.``) is damage;
* a table row: a Markdown row (``| a | b |``), a row with box-drawing
  separators, or a line whose run of spaces ends at the same column as one
  on the next or previous line (aligned columns).

Everything is computed once per text (:meth:`TextAnalysis.memo`) in one pass
over the lines.

>>> from newsfix.text import TextAnalysis
>>> a = TextAnalysis("Intro:\\n\\n    x = 1\\n    y = 2\\n\\nHeadline\\n\\n  Stray indent.")
>>> [a.text[a.lines[k].start:a.lines[k].end] for k in sorted(layout(a).verbatim)]
['    x = 1', '    y = 2']
>>> b = TextAnalysis("Name    Age\\nAda     36\\n\\nThe talks  resumed.")
>>> [b.text[b.lines[k].start:b.lines[k].end] for k in sorted(layout(b).table)]
['Name    Age', 'Ada     36']
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from newsfix.text import TextAnalysis

__all__ = ["Layout", "layout", "preformatted"]

FENCE_RE = regex.compile(r"[ \t]{0,3}(?:`{3,}|~{3,})")
LIST_ITEM_RE = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)]|\(?[a-z]\))[ \t]+\S")
MD_ROW_RE = regex.compile(r"[ \t]*\|.*\|[ \t]*")
SPACE_RUN_END_RE = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def _indent(line: str) -> int:
    n = 0
    for ch in line:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4
        else:
            break
    return n


@dataclass(frozen=True)
class Layout:
    """Line indices (into :attr:`TextAnalysis.lines`) of preformatted text, by kind."""

    fenced: frozenset[int] = field(default_factory=frozenset)
    verbatim: frozenset[int] = field(default_factory=frozenset)  # fenced or indented structure
    table: frozenset[int] = field(default_factory=frozenset)

    def any(self) -> frozenset[int]:
        return self.verbatim | self.table


def _layout(a: TextAnalysis) -> Layout:
    text = a.text
    lines = [text[s.start:s.end] for s in a.lines]
    n = len(lines)
    blank = [not ln.strip() for ln in lines]
    fenced: set[int] = set()
    open_at: int | None = None
    for k, ln in enumerate(lines):
        if FENCE_RE.match(ln):
            if open_at is None:
                open_at = k
            else:
                fenced.update(range(open_at, k + 1))
                open_at = None
    if open_at is not None:
        fenced.update(range(open_at, n))
    indent = [_indent(ln) for ln in lines]
    margin = any(not blank[k] and indent[k] == 0 and k not in fenced for k in range(n))
    verbatim = set(fenced)
    if margin:
        strong: set[int] = set()
        for k in range(n):
            if blank[k] or indent[k] == 0 or k in fenced:
                continue
            prev_ok = k > 0 and not blank[k - 1]
            next_ok = k + 1 < n and not blank[k + 1]
            run = (prev_ok and indent[k - 1] > 0) or (next_ok and indent[k + 1] > 0)
            hanging = prev_ok and indent[k - 1] < indent[k]
            if run or hanging:
                strong.add(k)
        verbatim |= strong
        if strong or fenced:
            verbatim.update(k for k in range(n) if not blank[k] and indent[k] > 0
                            and (indent[k] >= 4 or LIST_ITEM_RE.match(lines[k])))
    # A line of spaces only, next to verbatim text, belongs to it (an indented blank line).
    verbatim.update([k for k in range(n) if blank[k] and lines[k]
                     and (k - 1 in verbatim or k + 1 in verbatim)])
    table: set[int] = set()
    ends = [{m.end() for m in SPACE_RUN_END_RE.finditer(ln)} for ln in lines]
    for k, ln in enumerate(lines):
        if blank[k]:
            continue
        if MD_ROW_RE.fullmatch(ln) or "│" in ln or "┃" in ln:
            table.add(k)
            continue
        if ends[k] and any(0 <= j < n and ends[k] & ends[j] for j in (k - 1, k + 1)):
            table.add(k)
    return Layout(frozenset(fenced), frozenset(verbatim), frozenset(table))


def layout(analysis: TextAnalysis) -> Layout:
    """The preformatted lines of the analysed text (computed once per text)."""
    return analysis.memo(("preformatted", "layout"), lambda: _layout(analysis))


def _line_index(analysis: TextAnalysis, pos: int) -> int:
    starts = analysis.memo(("preformatted", "starts"), lambda: [s.start for s in analysis.lines])
    return bisect.bisect_right(starts, pos) - 1


def preformatted(analysis: TextAnalysis, start: int, end: int | None = None, *,
                 kinds: str = "verbatim table") -> bool:
    """Whether a line touched by ``[start, end)`` is preformatted (of one of ``kinds``).

    ``kinds`` names :class:`Layout` fields: ``fenced``, ``verbatim``, ``table``.

    >>> a = TextAnalysis("Flush.\\n```\\ncode  here\\n```\\nFlush  again.")
    >>> preformatted(a, 12), preformatted(a, 30)
    (True, False)
    """
    lay = layout(analysis)
    sets = [s for s in (getattr(lay, k) for k in kinds.split()) if s]
    if not sets:
        return False  # most texts have no preformatted line at all
    end = start if end is None else end
    a, b = _line_index(analysis, start), _line_index(analysis, max(start, end - 1))
    return any(k in s for k in range(max(a, 0), b + 1) for s in sets)


#: A line that is a command or code, not prose: a shell or REPL prompt, a Markdown heading.
CODE_LINE_RE = regex.compile(r"[ \t]*(?:\$|>>>|\.\.\.|%|PS [A-Z]:\\?>|#{1,6})[ \t]")


def has_code(analysis: TextAnalysis, start: int, end: int) -> bool:
    """Whether ``[start, end)`` contains a code token (a flag or an identifier).

    >>> a = TextAnalysis("Call PyObject_GC_New() to allocate")
    >>> has_code(a, 0, len(a.text)), has_code(a, 23, len(a.text))
    (True, False)
    """
    starts = analysis.memo(("preformatted", "code"), lambda: [s.start for s in analysis.code])
    k = bisect.bisect_left(starts, end) - 1
    return k >= 0 and analysis.code[k].end > start


def lower_starters(analysis: TextAnalysis) -> dict[str, int]:
    """How often each word starts a paragraph or sentence in lower case in this text.

    A name the document writes in lower case everywhere (``pip``, ``ftfy``) starts
    its sentences in lower case too: there a lower-case start is no sign of a
    sentence broken across a paragraph.

    >>> a = TextAnalysis("Tools\\n\\npip is fast.\\n\\nUse it. pip is small.")
    >>> lower_starters(a)
    {'pip': 2}
    """
    text = analysis.text

    def compute() -> dict[str, int]:
        out: dict[str, int] = {}
        for w in analysis.words:
            if not w.text[:1].islower():
                continue
            i = w.start - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if i >= 0 and text[i] == "\n":  # a paragraph start: a blank line before
                i -= 1
                while i >= 0 and text[i] in " \t":
                    i -= 1
                if i >= 0 and text[i] != "\n":
                    continue
            if i < 0 or text[i] == "\n" or (text[i] in ".!?" and i + 1 < w.start):
                out[w.text] = out.get(w.text, 0) + 1
        return out
    return analysis.memo(("preformatted", "lower_starters"), compute)
