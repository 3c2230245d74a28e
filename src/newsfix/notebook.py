"""HTML view of a :class:`~newsfix.result.Result` for Jupyter and other notebooks.

A notebook shows a ``Result`` through its ``_repr_html_``: the final text
with each edit marked (hover for the rule, confidence and the source text),
suggestions underlined, and a header with the languages and counts.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfix.result import Result

__all__ = ["render_html"]

STYLE = (
    "<style>.nf-doc{font-family:Georgia,serif;line-height:1.5;white-space:pre-wrap}"
    ".nf-edit{background:#d9f2d9}.nf-del{color:#a33;text-decoration:line-through;"
    "background:#fbe3e3;font-size:85%}.nf-sugg{border-bottom:2px dotted #c80}"
    ".nf-head{font-family:sans-serif;font-size:90%;color:#555}</style>"
)


def render_html(result: Result) -> str:
    """The result as an HTML fragment: edits highlighted, deletions struck through.

    >>> from newsfix import fix_and_trace
    >>> r = fix_and_trace("Kyiv  is quiet.", translate=False, language="en")
    >>> "nf-edit" in render_html(r) and "SPACE_RUN" in render_html(r)
    True
    """
    text = result.text
    marks: list[tuple[int, int, str, str]] = []  # (start, end, kind, title)
    for e in result.edits:
        rules = " > ".join(s.rule for s in e.steps) if e.steps else e.rule
        title = f"{rules} ({e.confidence:.2f}): {e.before!r} -> {e.after!r}. {e.message}"
        marks.append((e.output.start, e.output.end, "edit", title))
    for s in result.suggestions:
        title = f"suggestion {s.rule} ({s.confidence:.2f}): {s.after!r}. {s.message}"
        marks.append((s.output.start, s.output.end, "sugg", title))
    marks.sort(key=lambda m: (m[0], m[2] != "edit"))
    out: list[str] = []
    pos = 0
    for start, end, kind, title in marks:
        if start < pos:
            continue  # a suggestion inside an edit: the edit's mark is enough
        out.append(html.escape(text[pos:start]))
        t = html.escape(title, quote=True)
        if kind == "edit" and start == end:
            before = next(e.before for e in result.edits if e.output.start == start
                          and e.output.end == end)
            out.append(f'<span class="nf-del" title="{t}">{html.escape(before)}</span>')
        else:
            out.append(f'<span class="nf-{kind}" title="{t}">{html.escape(text[start:end])}'
                       "</span>")
        pos = end
    out.append(html.escape(text[pos:]))
    lang = result.language
    head = (f"language {html.escape(str(lang.get('source', '?')))} → "
            f"{html.escape(str(lang.get('output', '?')))} · {len(result.edits)} edits · "
            f"{len(result.suggestions)} suggestions · {len(result.warnings)} warnings")
    return f'{STYLE}<div class="nf-head">{head}</div><div class="nf-doc">{"".join(out)}</div>'
