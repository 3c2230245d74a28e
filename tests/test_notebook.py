"""The notebook view: escaped, every edit marked, deletions shown."""

from __future__ import annotations

from newsfix import fix_and_trace


def test_html_marks_edits_and_deletions_and_escapes_text() -> None:
    r = fix_and_trace("<b>Kyiv</b>  &  Oslo.\n\n\n\nEnd. ", translate=False, language="en")
    page = r._repr_html_()
    assert "&lt;b&gt;Kyiv&lt;/b&gt;" in page
    assert page.count('class="nf-edit"') + page.count('class="nf-del"') == len(r.edits)
    assert 'class="nf-del"' in page  # the trailing space removal is shown struck through
    assert f"{len(r.edits)} edits" in page
