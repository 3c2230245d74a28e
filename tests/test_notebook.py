"""The notebook view's HTML, parsed: escaped, every edit and suggestion marked once.

What it looks like and that nothing in it runs is checked in a real browser
by tests/test_notebook_browser.py; these tests read the HTML itself.
"""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsfix import Edit, Result, Segment, Span, fix_and_trace
from newsfix.notebook import render_html
from newsfix.report import visible
from tests.support.seed_results import seed_result

from .conftest import SEEDS

PAYLOADS = ('<script>window.__nfPwned = 1</script>', '<img src=x onerror="window.__nfPwned=2">',
            '"><svg onload="window.__nfPwned=3">', "' onfocus='window.__nfPwned=4' x='",
            "</style><style>body{display:none}</style>")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each element kind."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style_text = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style_text += data

    def kind(self, kind: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if a.get("data-kind") == kind]


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    p.close()
    return p


def hostile_result() -> Result:
    """A result whose every field a view shows carries markup."""
    p0, p1, p2, p3, p4 = PAYLOADS
    source = f"{p0} said  {p1}.\n\n{p2} and {p3}."
    r = fix_and_trace(source, translate=False, language="en")
    assert r.edits, "the double space must be an edit"
    e = r.edits[0]
    k = source.index(p1)
    odd = Edit(rule=p4, category=p0, source=Span(k, k + len(p1)), output=Span(0, 0),
               before=p1, after=p2, confidence=0.5, message=p3)
    return replace(
        r, suggestions=(odd,),
        edits=(replace(e, message=p1),),
        warnings=({"code": p0, "message": p1, "source": [0, 5], "output": [0, 5]},
                  {"code": "review", "message": p2, "source": [k, k + 4],
                   "output": [k - 1, k + 3]}),
        metadata={p0: p1},
        language={"source": p2, "output": p3, "confidence": 1.0},
        damage={p4: {"score": 0.7, "evidence": {p0: p1}}})


def test_nothing_from_the_article_or_the_result_becomes_markup() -> None:
    r = hostile_result()
    page = render_html(r)
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert names.isdisjoint({"script", "img", "svg", "iframe", "object", "embed", "link"})
    assert [t for t, _ in tags.tags].count("style") == 1
    assert "</style><style>" not in tags.style_text
    for _, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], attrs
        assert all(not (v or "").lower().startswith("javascript:") for v in attrs.values())
    assert "&lt;script&gt;window.__nfPwned = 1&lt;/script&gt;" in page
    assert len(tags.kind("edit")) == len(r.edits) and len(tags.kind("suggestion")) == 1


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_edit_and_suggestion_of_a_seed_is_marked_once(path: Path) -> None:
    r = seed_result(path)
    tags = parse(r._repr_html_())
    edits, suggestions = tags.kind("edit"), tags.kind("suggestion")
    assert [a["data-n"] for a in edits] == [str(k + 1) for k in range(len(r.edits))]
    assert sorted(int(a["data-n"] or 0) for a in suggestions) == list(
        range(1, len(r.suggestions) + 1))
    for attrs, e in zip(edits, r.edits):
        assert attrs["data-rule"] == e.rule and attrs["tabindex"] == "0"
        shown = repr(e.before) if e.before else repr(e.after)
        assert attrs["title"] == attrs["data-label"] and shown in (attrs["title"] or "")
    reviews = [w for w in r.warnings if w["code"] == "review"]
    assert len(tags.kind("flag")) == len(reviews)


def test_removed_and_inserted_text_is_on_the_page_not_only_in_a_title() -> None:
    r = fix_and_trace("close\nclose\n\nKyiv is  quiet.\n", translate=False, language="en")
    page = render_html(r)
    removed = [e for e in r.edits if not e.after]
    assert removed
    for e in removed:
        assert f">{visible(e.before)}</del>" in page
    replaced = next(e for e in r.edits if e.before and e.after)
    assert (f"{visible(replaced.before)}</del><span class=\"nf-arrow\" aria-hidden=\"true\">→"
            f"</span><ins class=\"nf-after nf-ins nf-ws\" aria-hidden=\"true\">"
            f"{visible(replaced.after)}</ins>") in page


def test_a_suggestion_overlapping_an_edit_is_still_shown_once_as_a_chip() -> None:
    r = fix_and_trace("Kyiv is  quiet.", translate=False, language="en")
    assert len(r.edits) == 1
    over = Edit("NAME_CASE", "case", Span(5, 10), Span(5, 9), r.source[5:10], "IS Q", 0.3, "")
    page = render_html(replace(r, suggestions=(over,)))
    (chip,) = parse(page).kind("suggestion")
    assert "nf-chip" in (chip["class"] or "")
    assert "? → IS␣Q" in page or "? → IS Q" in page


def test_header_counts_categories_and_shows_damage_only_when_there_is_some() -> None:
    r = replace(seed_result(SEEDS[0]), damage={})
    page = render_html(r)
    assert f"{len(r.edits)} edits" in page and f"{len(r.suggestions)} suggestions" in page
    for cat in {e.category for e in r.edits}:
        assert f"<tr><td>{cat}</td>" in page
    assert "nf-damage" not in page
    damaged = replace(r, damage={"mt": {"score": 0.82, "evidence": {"loops": 3}},
                                 "spin": {"score": 0.05, "evidence": {}}})
    page = render_html(damaged)
    assert 'class="nf-damage"' in page
    assert page.index("<td>mt</td>") < page.index("<td>spin</td>")  # highest first
    assert '0.82</td>' in page and "loops 3" in page


def test_warnings_are_listed_and_linked_to_their_flags() -> None:
    seg = Segment("paragraph", Span(0, 20), Span(0, 20), "nb", 0.99)
    r = Result(source="Hei på deg, verden.\n", text="Hei på deg, verden.\n",
               language={"source": "nb", "output": "nb", "confidence": 0.99},
               segments=(seg,),
               warnings=({"code": "no-translation-model", "message": "no model nb->en: "
                          "newsfix models install nb", "language": "nb", "paragraphs": 1},))
    tags = parse(render_html(r))
    (flag,) = tags.kind("flag")
    assert flag["href"] == "#" + (tags.tags[0][1]["id"] or "") + "-w0"
    assert [a for t, a in tags.tags if t == "li" and a.get("data-code")] == [
        {"id": (tags.tags[0][1]["id"] or "") + "-w0", "data-code": "no-translation-model"}]


def test_theme_can_be_forced_and_is_checked() -> None:
    r = fix_and_trace("Kyiv  is quiet.", translate=False, language="en")
    assert 'class="nf-view nf-theme-dark"' in render_html(r, theme="dark")
    with pytest.raises(ValueError, match="theme"):
        render_html(r, theme="sepia")
