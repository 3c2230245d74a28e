"""HTML view of a :class:`~newsfix.result.Result` for Jupyter and other notebooks.

A notebook shows a ``Result`` through its ``_repr_html_``, an HTML fragment
that needs nothing else (its CSS is inline, it has no script and loads
nothing):

* a header: the languages, counts of edits and suggestions per category
  and rule, damage scores where a damage profile was computed, metadata
  taken out of the text, and a colour legend;
* the warnings, numbered, each linked to a ⚑ flag in the text where it has
  a place (review flags, untranslated paragraphs, invalid bytes);
* the text, where every edit shows its removed text struck through and
  its inserted text beside it (``before → after``), every suggestion shows
  the text it concerns and its proposal in a distinct, dashed style, and a
  translated paragraph stands in a table beside its source, sentence by
  sentence.

Invisible characters are made visible (``␣`` for a space that changed,
``⏎`` for a line break, ``⟨U+FEFF⟩`` for a format character). Every mark is
focusable (Tab) and shows its details on focus; its description is also in
the ``title`` and, for screen readers, in visually hidden text. Colours are
set with their backgrounds, follow ``prefers-color-scheme`` and the dark
themes of JupyterLab (``data-jp-theme-light``) and VS Code, and can be forced
with ``render_html(result, theme="dark")``. Everything taken from the
article, the rules or the warnings is escaped.

>>> from newsfix import fix_and_trace
>>> r = fix_and_trace("Kyiv  is <b>quiet</b>.", translate=False, language="en")
>>> page = render_html(r)
>>> page.count('data-kind="edit"') == len(r.edits), "&lt;b&gt;" in page, "<script" in page
(True, True, False)
"""

from __future__ import annotations

import bisect
import hashlib
import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from newsfix.aligned import Edit, Span
from newsfix.report import visible

if TYPE_CHECKING:
    from newsfix.result import Result

__all__ = ["STYLE", "proposal_text", "render_html"]

_LIGHT = (
    "--nf-fg:#1b1b1b;--nf-bg:#ffffff;--nf-muted:#555a60;--nf-border:#c9ccd1;"
    "--nf-panel:#f4f5f7;--nf-del-fg:#8c1c13;--nf-del-bg:#fde3e0;--nf-ins-fg:#0b5323;"
    "--nf-ins-bg:#d7f5de;--nf-sugg-fg:#4b2590;--nf-sugg-bg:#efe7fd;--nf-sugg-line:#7a4fd0;"
    "--nf-flag-fg:#6e4100;--nf-flag-bg:#ffefc4;--nf-flag-line:#c77c00;--nf-tr-fg:#083f63;"
    "--nf-tr-bg:#e0f0fb;--nf-focus:#1a56db;color-scheme:light;"
)
_DARK = (
    "--nf-fg:#e4e6e9;--nf-bg:#1d1f23;--nf-muted:#a9afb7;--nf-border:#454a52;"
    "--nf-panel:#272a30;--nf-del-fg:#ffb4ab;--nf-del-bg:#4d1f1b;--nf-ins-fg:#9be8ad;"
    "--nf-ins-bg:#173d23;--nf-sugg-fg:#d6c2ff;--nf-sugg-bg:#37275a;--nf-sugg-line:#a887f0;"
    "--nf-flag-fg:#ffd27a;--nf-flag-bg:#4a3608;--nf-flag-line:#e0a030;--nf-tr-fg:#a8d8fb;"
    "--nf-tr-bg:#15324a;--nf-focus:#7fb0ff;color-scheme:dark;"
)
_DARK_HOSTS = ('[data-jp-theme-light="false"] .nf-view', ".vscode-dark .nf-view",
               ".vscode-high-contrast:not(.vscode-high-contrast-light) .nf-view",
               ".nf-view.nf-theme-dark")
_LIGHT_HOSTS = ('[data-jp-theme-light="true"] .nf-view', ".vscode-light .nf-view",
                ".nf-view.nf-theme-light")

#: The view's stylesheet; every selector is scoped to ``.nf-view``.
STYLE = (
    "<style>"
    f".nf-view{{{_LIGHT}color:var(--nf-fg);background:var(--nf-bg);"
    "border:1px solid var(--nf-border);border-radius:6px;padding:.8em 1em;"
    "max-width:72em;position:relative;font-size:15px}"
    f"@media (prefers-color-scheme: dark){{.nf-view{{{_DARK}}}}}"
    f"{','.join(_DARK_HOSTS)}{{{_DARK}}}"
    f"{','.join(_LIGHT_HOSTS)}{{{_LIGHT}}}"
    ".nf-view *{box-sizing:border-box}"
    ".nf-view .nf-head,.nf-view .nf-warnings{font-family:system-ui,-apple-system,'Segoe UI',"
    "sans-serif;font-size:.9em;line-height:1.45}"
    ".nf-view .nf-line{margin:0 0 .4em}"
    ".nf-view .nf-muted{color:var(--nf-muted)}"
    ".nf-view table{border-collapse:collapse;margin:.3em 1.5em .5em 0;display:inline-table;"
    "vertical-align:top;color:inherit;background:transparent}"
    ".nf-view caption{text-align:left;font-weight:600;padding-bottom:.2em}"
    ".nf-view th,.nf-view td{border-bottom:1px solid var(--nf-border);padding:.15em .6em;"
    "text-align:left;vertical-align:top;color:inherit;background:transparent}"
    ".nf-view td.nf-num{text-align:right;font-variant-numeric:tabular-nums}"
    ".nf-view .nf-bar{display:inline-block;height:.7em;background:var(--nf-flag-line);"
    "border-radius:2px;vertical-align:middle}"
    ".nf-view .nf-key-review{color:var(--nf-flag-line);font-weight:700}"
    ".nf-view .nf-legend{list-style:none;padding:0;margin:.3em 0 .2em;display:flex;"
    "flex-wrap:wrap;gap:.3em 1.2em}"
    ".nf-view .nf-warnings{background:var(--nf-panel);border-left:4px solid "
    "var(--nf-flag-line);padding:.4em .8em;margin:.6em 0}"
    ".nf-view .nf-warnings h4{margin:0 0 .2em;font-size:1em}"
    ".nf-view .nf-warnings ol{margin:0;padding-left:2em}"
    ".nf-view .nf-warnings ol.nf-many{columns:2 26em;column-gap:2.5em}"
    ".nf-view .nf-warnings li{break-inside:avoid}"
    ".nf-view .nf-code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}"
    ".nf-view .nf-doc{font-family:Georgia,'Times New Roman',serif;line-height:1.65;"
    "font-size:1.02em;margin-top:.6em}"
    ".nf-view .nf-block{white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 .9em;"
    "padding-left:.6em;border-left:3px solid transparent}"
    ".nf-view .nf-block.nf-review{border-left-color:var(--nf-flag-line)}"
    ".nf-view .nf-gap{font-size:.85em;margin:-.5em 0 .4em}"
    ".nf-view .nf-mark,.nf-view .nf-key{border-radius:3px;position:relative;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}"
    ".nf-view .nf-mark:focus{outline:2px solid var(--nf-focus);outline-offset:1px}"
    ".nf-view del,.nf-view .nf-del{color:var(--nf-del-fg);background:var(--nf-del-bg);"
    "text-decoration:line-through;text-decoration-thickness:1.5px;padding:0 .1em}"
    ".nf-view ins,.nf-view .nf-ins{color:var(--nf-ins-fg);background:var(--nf-ins-bg);"
    "text-decoration:none;padding:0 .1em;border-bottom:2px solid var(--nf-ins-fg)}"
    ".nf-view .nf-ws{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700;"
    "font-size:.85em;padding:0 .2em}"
    ".nf-view .nf-arrow{color:var(--nf-muted);font-family:system-ui,sans-serif;"
    "font-size:.8em;padding:0 .15em}"
    ".nf-view .nf-sugg .nf-current,.nf-view .nf-key-sugg{border-bottom:2px dashed "
    "var(--nf-sugg-line);background:var(--nf-sugg-bg);color:var(--nf-fg)}"
    ".nf-view .nf-proposal,.nf-view .nf-key-prop{color:var(--nf-sugg-fg);"
    "background:var(--nf-sugg-bg);border:1px dashed var(--nf-sugg-line);font-style:italic;"
    "font-family:system-ui,sans-serif;font-size:.85em;padding:0 .3em;margin-left:.15em;"
    "border-radius:8px;display:inline-block;max-width:100%;line-height:1.35}"
    ".nf-view .nf-chip .nf-current{font-size:.85em}"
    ".nf-view .nf-flag,.nf-view .nf-key-flag{color:var(--nf-flag-fg);background:var(--nf-flag-bg);"
    "border:1px solid var(--nf-flag-line);border-radius:3px;font-family:system-ui,sans-serif;"
    "font-size:.78em;font-weight:600;padding:0 .3em;margin:0 .2em;text-decoration:none;"
    "white-space:nowrap}"
    ".nf-view .nf-flag:focus{outline:2px solid var(--nf-focus)}"
    ".nf-view .nf-tr .nf-ins,.nf-view .nf-key-tr{color:var(--nf-tr-fg);background:var(--nf-tr-bg);"
    "border-bottom:1px solid var(--nf-tr-fg)}"
    ".nf-view .nf-steps{font-family:system-ui,sans-serif;font-size:.72em;color:var(--nf-muted);"
    "margin-left:.3em}"
    ".nf-view .nf-translated{white-space:normal;border-left-color:var(--nf-tr-fg)}"
    ".nf-view .nf-tr-head,.nf-view .nf-tr-row{display:grid;grid-template-columns:1fr 1fr;"
    "gap:.3em 1.2em}"
    ".nf-view .nf-tr-head{font-family:system-ui,sans-serif;font-size:.8em;font-weight:600;"
    "color:var(--nf-muted);border-bottom:1px solid var(--nf-border)}"
    ".nf-view .nf-tr-row{border-bottom:1px dotted var(--nf-border);padding:.25em 0}"
    ".nf-view .nf-tr-src,.nf-view .nf-tr-out{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".nf-view .nf-tr-src{color:var(--nf-muted)}"
    ".nf-view .nf-sr{position:absolute!important;width:1px;height:1px;padding:0;"
    "margin:-1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;"
    "border:0}"
    ".nf-view .nf-mark:focus::after{content:attr(data-label);position:absolute;left:0;"
    "top:100%;z-index:10;margin-top:.3em;width:max-content;max-width:min(34em,80vw);"
    "white-space:normal;"
    "font:12px/1.35 system-ui,sans-serif;color:var(--nf-fg);background:var(--nf-panel);"
    "border:1px solid var(--nf-border);border-radius:4px;padding:.3em .5em;"
    "box-shadow:0 2px 6px rgba(0,0,0,.25)}"
    "</style>"
)

#: Legend entries: (key, sample HTML, explanation); only the kinds present are shown.
_LEGEND = (
    ("removed", '<span class="nf-key nf-del">removed</span>', "text removed"),
    ("inserted", '<span class="nf-key nf-ins">inserted</span>', "text inserted"),
    ("replaced", '<span class="nf-key nf-del">before</span><span class="nf-arrow">→</span>'
                 '<span class="nf-key nf-ins">after</span>', "replaced"),
    ("suggestion", '<span class="nf-key nf-key-sugg">text</span><span class="nf-key '
                   'nf-key-prop">? → proposal</span>', "suggestion, not applied"),
    ("translated", '<span class="nf-key nf-key-tr">translation</span>', "translated sentence"),
    ("flag", '<span class="nf-key nf-key-flag">⚑ 1</span>', "warning or review flag"),
    ("review", '<span class="nf-key nf-key-review">▌</span>', "paragraph to review"),
)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _is_translation(e: Edit) -> bool:
    return e.rule == "TRANSLATE" or any(s.rule == "TRANSLATE" for s in e.steps)


@dataclass(frozen=True)
class _Item:
    """Something placed in the text: it consumes ``text[start:end]`` or sits at ``start``."""

    start: int
    end: int
    kind: Literal["edit", "sugg", "chip", "flag"]
    index: int  # into edits, suggestions or warnings

    @property
    def consumes(self) -> bool:
        return self.kind in ("edit", "sugg")


class _View:
    def __init__(self, result: Result, theme: str) -> None:
        self.r = result
        self.theme = theme
        digest = hashlib.sha1(f"{result.source}\0{result.text}".encode()).hexdigest()
        self.uid = f"nf{digest[:8]}"
        self.items = self._place()
        self._headed = False
        flags = [i for i in self.items if i.kind == "flag"]
        self._flag_no = {id(i): n for n, i in enumerate(flags)}
        self.flags_of: dict[int, list[int]] = {}  # warning index -> its flags' numbers
        for n, i in enumerate(flags):
            self.flags_of.setdefault(i.index, []).append(n)

    # -- placing marks -----------------------------------------------------

    def _place(self) -> list[_Item]:
        r = self.r
        items = [_Item(e.output.start, e.output.end, "edit", k) for k, e in enumerate(r.edits)]
        # Marks already placed, sorted and non-overlapping: the edits, then the
        # suggestions that fit beside them.
        taken = sorted((e.output.start, e.output.end) for e in r.edits)
        for k, s in enumerate(r.suggestions):
            a, b = s.output.start, s.output.end
            clashes = _clashes(taken, a, b)
            if clashes:
                # It overlaps an edit or another suggestion: shown as a chip
                # after whatever covers its start.
                at = max([y for x, y in clashes if x <= a < y or (x < a <= y)], default=a)
                items.append(_Item(at, at, "chip", k))
            else:
                items.append(_Item(a, b, "sugg", k))
                bisect.insort(taken, (a, b))
        for k, at in self._warning_places():
            items.append(_Item(at, at, "flag", k))
        order = {"flag": 0, "chip": 2, "edit": 1, "sugg": 1}
        items.sort(key=lambda i: (i.start, i.end, order[i.kind], i.index))
        return items

    def _warning_places(self) -> Iterable[tuple[int, int]]:
        """(warning index, output offset) for each warning that has a place in the text."""
        r = self.r
        bad = _runs(r.text, "\ufffd")
        invalid = [k for k, w in enumerate(r.warnings) if w.get("code") == "invalid-utf8"]
        for k, w in enumerate(r.warnings):
            if "output" in w:
                yield k, Span.of(w["output"]).start
            elif w.get("code") == "no-translation-model" and "language" in w:
                for seg in r.segments:
                    if seg.language == w["language"] and not seg.translated:
                        yield k, seg.output.start
        if invalid:
            for n, at in enumerate(bad):
                yield invalid[n] if len(bad) == len(invalid) else invalid[0], at

    def _blocks(self) -> list[tuple[int, int, list[int]]]:
        """Paragraph blocks ``(start, end, segment indexes)``; marks never straddle two."""
        r = self.r
        spans = sorted((s.output.start, s.output.end, [k]) for k, s in enumerate(r.segments))
        spans += [(i.start, i.end, []) for i in self.items if i.consumes and i.start < i.end]
        spans.sort(key=lambda t: (t[0], t[1]))
        blocks: list[tuple[int, int, list[int]]] = []
        for a, b, segs in spans:
            if blocks and a < blocks[-1][1]:
                pa, pb, ps = blocks[-1]
                blocks[-1] = (pa, max(pb, b), ps + segs)
            else:
                blocks.append((a, b, list(segs)))
        starts = [a for a, _, _ in blocks]
        for i in self.items:  # marks in blank space between paragraphs
            k = bisect.bisect_right(starts, i.start) - 1
            if i.start == i.end and not (k >= 0 and blocks[k][1] >= i.start):
                blocks.append((i.start, i.start, []))
        blocks.sort(key=lambda t: (t[0], t[1]))
        return blocks

    # -- rendering ---------------------------------------------------------

    def render(self) -> str:
        theme = f" nf-theme-{self.theme}" if self.theme in ("light", "dark") else ""
        lang = _esc(self.r.language.get("output", "")) or "und"
        return (f'<div class="nf-view{theme}" id="{self.uid}" lang="{lang}">{STYLE}'
                f"{self._head()}{self._warnings()}{self._doc()}</div>")

    def _head(self) -> str:
        r = self.r
        lang = r.language
        conf = lang.get("confidence")
        conf_text = f" ({float(conf):.2f})" if isinstance(conf, (int, float)) else ""
        paras = Counter(s.language for s in r.segments)
        translated = sum(1 for s in r.segments if s.translated)
        bits = [f"language <b>{_esc(lang.get('source', '?'))}</b> → "
                f"<b>{_esc(lang.get('output', '?'))}</b>{conf_text}",
                _plural(len(r.edits), "edit"), _plural(len(r.suggestions), "suggestion"),
                _plural(len(r.warnings), "warning")]
        if paras:
            bits.append("paragraphs " + ", ".join(f"{_esc(k)} {n}" for k, n in
                                                  paras.most_common()))
        if translated:
            bits.append(f"{translated} translated")
        line = f'<p class="nf-line"><b>newsfix</b> · {" · ".join(bits)}</p>'
        if r.metadata:
            line += ('<p class="nf-line nf-muted">metadata: ' + " · ".join(
                f"{_esc(k)} <b>{_esc(v)}</b>" for k, v in r.metadata.items()) + "</p>")
        return (f'<div class="nf-head" role="region" aria-label="newsfix summary">{line}'
                f"{self._categories()}{self._damage()}{self._legend()}</div>")

    def _legend(self) -> str:
        r = self.r
        present = set()
        for e in r.edits:
            present.add("translated" if _is_translation(e) else "removed" if not e.after
                        else "inserted" if not e.before else "replaced")
        if r.suggestions:
            present.add("suggestion")
        if any(i.kind == "flag" for i in self.items):
            present.add("flag")
        if any(s.review for s in r.segments):
            present.add("review")
        entries = [f'<li data-key="{key}">{sample} {text}</li>'
                   for key, sample, text in _LEGEND if key in present]
        if not entries:
            return ""
        entries.append('<li class="nf-muted">␣ space, ⏎ line break, ⟨U+…⟩ invisible '
                       "character; Tab moves between marks</li>")
        return f'<ul class="nf-legend" aria-label="legend">{"".join(entries)}</ul>'

    def _categories(self) -> str:
        r = self.r
        cats: dict[str, list[Counter[str]]] = {}
        for n, edits in enumerate((r.edits, r.suggestions)):
            for e in edits:
                cats.setdefault(e.category, [Counter(), Counter()])[n][e.rule] += 1
        if not cats:
            return ""
        rows = []
        for cat in sorted(cats, key=lambda c: (-sum(cats[c][0].values()), c)):
            done, proposed = cats[cat]
            rules = Counter(done) + Counter(proposed)
            rule_text = ", ".join(f"{_esc(rule)} {n}" if n > 1 else _esc(rule)
                                  for rule, n in rules.most_common())
            rows.append(f"<tr><td>{_esc(cat)}</td><td class=\"nf-num\">{sum(done.values())}"
                        f"</td><td class=\"nf-num\">{sum(proposed.values())}</td>"
                        f'<td class="nf-code nf-muted">{rule_text}</td></tr>')
        return ('<table class="nf-cats"><caption>By category</caption><thead><tr>'
                '<th scope="col">category</th><th scope="col">edits</th>'
                '<th scope="col">suggestions</th><th scope="col">rules</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")

    def _damage(self) -> str:
        if not self.r.damage:
            return ""
        rows = []
        for family, d in sorted(self.r.damage.items(),
                                key=lambda kv: -float(kv[1].get("score", 0.0))):
            score = float(d.get("score", 0.0))
            width = max(0.0, min(1.0, score)) * 6
            evidence = d.get("evidence") or {}
            ev = ", ".join(f"{_esc(k)} {_esc(_short(v))}" for k, v in list(evidence.items())[:6])
            rows.append(f'<tr><td>{_esc(family)}</td><td class="nf-num">{score:.2f}</td>'
                        f'<td><span class="nf-bar" style="width:{width:.2f}em" '
                        f'aria-hidden="true"></span></td><td class="nf-muted">{ev}</td></tr>')
        return ('<table class="nf-damage"><caption>Damage</caption><thead><tr>'
                '<th scope="col">family</th><th scope="col">score</th><th scope="col">'
                '<span class="nf-sr">bar</span></th><th scope="col">evidence</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")

    def _warnings(self) -> str:
        r = self.r
        if not r.warnings:
            return ""
        lis = []
        for k, w in enumerate(r.warnings):
            extra = ""
            if "source" in w:
                excerpt = r.source[Span.of(w["source"]).slice]
                if len(excerpt) > 60:
                    excerpt = excerpt[:60] + "…"
                extra = f' <q class="nf-muted">{_esc(visible(excerpt))}</q>'
            elif w.get("code") == "invalid-utf8" and "byte_offset" in w:
                extra = f' <span class="nf-muted">(byte {_esc(w["byte_offset"])})</span>'
            links = "".join(f' <a class="nf-flag" href="#{self.uid}-f{n}" '
                            f'aria-label="go to flag {k + 1} in the text">⚑ {k + 1}</a>'
                            for n in self.flags_of.get(k, [])[:3])
            lis.append(f'<li id="{self.uid}-w{k}" data-code="{_esc(w.get("code", ""))}">'
                       f'<span class="nf-code">{_esc(w.get("code", "warning"))}</span> '
                       f"{_esc(w.get('message', ''))}{extra}{links}</li>")
        many = ' class="nf-many"' if len(lis) > 6 else ""
        return (f'<div class="nf-warnings" role="region" aria-label="warnings">'
                f"<h4>{_plural(len(r.warnings), 'warning')}</h4>"
                f"<ol{many}>{''.join(lis)}</ol></div>")

    def _doc(self) -> str:
        r = self.r
        out: list[str] = []
        pos = 0
        blocks = self._blocks()
        # Each mark goes to the first block that holds it (items and blocks are sorted).
        by_block: list[list[_Item]] = [[] for _ in blocks]
        j = 0
        for i in self.items:
            while j < len(blocks) - 1 and (blocks[j][1] < i.start or blocks[j][1] < i.end):
                j += 1
            by_block[j].append(i)
        for (a, b, segs), inside in zip(blocks, by_block):
            if r.text[pos:a].strip():  # text outside every paragraph (never lost)
                out.append(f'<div class="nf-block">{_esc(r.text[pos:a])}</div>')
            seg_objs = [r.segments[k] for k in segs]
            review = any(s.review for s in seg_objs)
            if any(s.translated for s in seg_objs):
                out.append(self._translated(a, b, inside, seg_objs, review))
            else:
                cls = "nf-block" + (" nf-review" if review else "") + ("" if segs else " nf-gap")
                lang = _esc(seg_objs[0].language) if seg_objs else ""
                lang_attr = f' lang="{lang}"' if lang and lang != "und" else ""
                out.append(f'<div class="{cls}"{lang_attr}>{self._inline(a, b, inside)}</div>')
            pos = b
        if r.text[pos:].strip():
            out.append(f'<div class="nf-block">{_esc(r.text[pos:])}</div>')
        return f'<div class="nf-doc" role="document">{"".join(out)}</div>'

    def _inline(self, a: int, b: int, items: list[_Item]) -> str:
        text = self.r.text
        out: list[str] = []
        pos = a
        for i in items:
            start = max(i.start, pos)
            out.append(_esc(text[pos:start]))
            out.append(self._item(i))
            pos = max(pos, i.end if i.consumes else start)
        out.append(_esc(text[pos:b]))
        return "".join(out)

    def _translated(self, a: int, b: int, items: list[_Item], segs: list[Any],
                    review: bool) -> str:
        r = self.r
        rows: list[str] = []
        languages = sorted({s.language for s in segs if s.translated})
        src_lang = _esc(languages[0]) if len(languages) == 1 else ""
        out_lang = _esc(r.language.get("output", ""))
        # One row per translated sentence; anything between two of them is a row too.
        cuts = [i for i in items if i.kind == "edit" and _is_translation(r.edits[i.index])]
        ranges: list[tuple[int, int, _Item | None]] = []
        pos = a
        for c in cuts:
            if c.start > pos:
                ranges.append((pos, c.start, None))
            ranges.append((c.start, c.end, c))
            pos = c.end
        if pos < b or not ranges:
            ranges.append((pos, b, None))
        owner: dict[int, int] = {}  # id(item) -> index into ranges
        for n, (lo, hi, cut) in enumerate(ranges):  # a translated sentence's marks first
            if cut is not None:
                owner[id(cut)] = n
                for i in items:
                    if i.start == i.end and lo <= i.start <= hi and id(i) not in owner:
                        owner[id(i)] = n
        for i in items:
            if id(i) not in owner:
                owner[id(i)] = next(n for n, (lo, hi, _) in enumerate(ranges)
                                    if lo <= i.start and i.end <= hi)
        for n, (lo, hi, cut) in enumerate(ranges):
            mine = [i for i in items if owner[id(i)] == n]
            right = self._inline(lo, hi, mine)
            if cut is not None:
                e = r.edits[cut.index]
                left = (f'<div class="nf-tr-src" data-n="{cut.index + 1}" lang="{src_lang}">'
                        f"{_esc(e.before)}</div>")
            else:
                if not r.text[lo:hi].strip() and not mine:
                    continue
                src = r.source_span(Span(lo, hi))
                left = (f'<div class="nf-tr-src" lang="{src_lang}">'
                        f"{_esc(r.source[src.slice])}</div>")
            rows.append(f'<div class="nf-tr-row">{left}<div class="nf-tr-out" '
                        f'lang="{out_lang}">{right}</div></div>')
        cls = "nf-block nf-translated" + (" nf-review" if review else "")
        label = f"paragraph translated from {src_lang or 'several languages'}"
        head = ""
        if not self._headed:  # the column titles once, above the first translated paragraph
            self._headed = True
            head = (f'<div class="nf-tr-head" aria-hidden="true"><span>source ({src_lang})'
                    f"</span><span>translation ({out_lang})</span></div>")
        return (f'<div class="{cls}" role="group" aria-label="{_esc(label)}">{head}'
                f"{''.join(rows)}</div>")

    def _item(self, i: _Item) -> str:
        r = self.r
        if i.kind == "edit":
            return self._edit(r.edits[i.index], i.index)
        if i.kind in ("sugg", "chip"):
            return self._suggestion(r.suggestions[i.index], i.index, chip=i.kind == "chip")
        n = self._flag_no[id(i)]
        w = r.warnings[i.index]
        label = f"warning {i.index + 1}, {w.get('code', '')}: {w.get('message', '')}"
        return (f'<a class="nf-flag" id="{self.uid}-f{n}" href="#{self.uid}-w{i.index}" '
                f'title="{_esc(label)}" data-kind="flag" data-warning="{i.index + 1}">'
                f'⚑ {i.index + 1}<span class="nf-sr"> {_esc(label)}</span></a>')

    def _edit(self, e: Edit, k: int) -> str:
        rules = " > ".join(s.rule for s in e.steps) if e.steps else e.rule
        translation = _is_translation(e)
        if translation:
            what = f"translated {e.before!r} as {e.after!r}"
        elif not e.after:
            what = f"removed {e.before!r}"
        elif not e.before:
            what = f"inserted {e.after!r}"
        else:
            what = f"replaced {e.before!r} with {e.after!r}"
        label = (f"edit {k + 1}: {rules} ({e.category}, confidence {e.confidence:.2f}): {what}"
                 + (f" — {e.message}" if e.message else ""))
        parts = []
        if e.before and not translation:
            parts.append(f'<del class="nf-before{_ws(e.before)}" aria-hidden="true">'
                         f"{_esc(visible(e.before))}</del>")
            if e.after:
                parts.append('<span class="nf-arrow" aria-hidden="true">→</span>')
        if e.after:
            shown = _esc(e.after if translation else visible(e.after))
            if not translation:
                shown = shown.replace("⏎", "⏎\n")
            parts.append(f'<ins class="nf-after nf-ins{"" if translation else _ws(e.after)}" '
                         f'aria-hidden="true">{shown}</ins>')
        if translation and len(e.steps) > 1:
            others = [s.rule for s in e.steps if s.rule != "TRANSLATE"]
            parts.append(f'<span class="nf-steps" aria-hidden="true">+ {_esc(", ".join(others))}'
                         "</span>")
        op = ("nf-tr" if translation else "nf-removed" if not e.after
              else "nf-inserted" if not e.before else "nf-replaced")
        return (f'<span class="nf-mark nf-edit {op}" data-kind="edit" data-n="{k + 1}" '
                f'data-rule="{_esc(e.rule)}" data-category="{_esc(e.category)}" tabindex="0" '
                f'title="{_esc(label)}" data-label="{_esc(label)}">'
                f'<span class="nf-sr">{_esc(label)}</span>{"".join(parts)}</span>')

    def _suggestion(self, s: Edit, k: int, *, chip: bool) -> str:
        proposal = proposal_text(s)
        label = (f"suggestion {k + 1}: {s.rule} ({s.category}, confidence {s.confidence:.2f}): "
                 f"would replace {s.before!r} with {s.after!r}, not applied"
                 + (f" — {s.message}" if s.message else ""))
        current = visible(s.before) if chip or not s.before.strip() else s.before
        cls = "nf-mark nf-sugg" + (" nf-chip" if chip else "")
        cur = (f'<span class="nf-current" aria-hidden="true">{_esc(current)}</span>'
               if current else "")
        return (f'<span class="{cls}" data-kind="suggestion" data-n="{k + 1}" '
                f'data-rule="{_esc(s.rule)}" tabindex="0" title="{_esc(label)}" '
                f'data-label="{_esc(label)}"><span class="nf-sr">{_esc(label)}</span>{cur}'
                f'<span class="nf-proposal" aria-hidden="true">{_esc(proposal)}</span></span>')


def proposal_text(s: Edit) -> str:
    """What a suggestion's mark shows of its proposal; long ones keep only what changes.

    >>> from newsfix import Edit, Span
    >>> def sugg(before, after):
    ...     return Edit("R", "quote", Span(0, len(before)), Span(0, len(before)), before, after)
    >>> proposal_text(sugg("Natos", "NATO's")), proposal_text(sugg("", "”"))
    ("? → NATO's", '? + ”')
    >>> proposal_text(sugg("It is not my war, he said", "“It is not my war, he said”"))
    '? → “…”'
    >>> proposal_text(sugg(" personally", ""))
    '? remove'
    """
    if not s.after:
        return "? remove"
    if not s.before:
        return f"? + {visible(s.after)}"
    if len(s.after) > 24 and s.before in s.after:
        k = s.after.index(s.before)
        return f"? → {visible(s.after[:k])}…{visible(s.after[k + len(s.before):])}"
    return f"? → {visible(s.after)}"


def _ws(text: str) -> str:
    """The extra class of a mark whose text is all invisible (shown by glyphs only)."""
    return " nf-ws" if text.isspace() or visible(text).startswith("⟨") else ""


def _clashes(taken: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The marks of sorted, non-overlapping ``taken`` that ``[a, b)`` cannot stand beside."""
    k = bisect.bisect_right(taken, (b, b))
    out = []
    while k > 0 and taken[k - 1][1] >= a:
        k -= 1
        if _clash(a, b, *taken[k]):
            out.append(taken[k])
    return out


def _clash(a: int, b: int, x: int, y: int) -> bool:
    """Whether mark ``[a, b)`` cannot stand beside mark ``[x, y)`` in flat HTML."""
    if a < y and x < b:
        return True  # they overlap
    # an empty mark strictly inside the other one
    return (a == b and x < a < y) or (x == y and a < x < b)


def _runs(text: str, ch: str) -> list[int]:
    out, k = [], text.find(ch)
    while k >= 0:
        out.append(k)
        while k < len(text) and text[k] == ch:
            k += 1
        k = text.find(ch, k)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _short(value: object) -> str:
    text = f"{value:.2f}" if isinstance(value, float) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def render_html(result: Result, *, theme: str = "auto") -> str:
    """The result as a self-contained HTML fragment (see the module's description).

    ``theme`` is ``auto`` (follow the notebook and the system), ``light`` or
    ``dark``.

    >>> from newsfix import fix_and_trace
    >>> r = fix_and_trace("Kyiv  is quiet. ", translate=False, language="en")
    >>> page = render_html(r)
    >>> page.count('data-kind="edit"'), "SPACE_RUN" in page, '<del class="nf-before nf-ws"' in page
    (2, True, True)
    """
    if theme not in ("auto", "light", "dark"):
        raise ValueError(f"theme must be auto, light or dark, not {theme!r}")
    return _View(result, theme).render()
