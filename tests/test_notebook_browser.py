"""The notebook view in a real browser: headless Chromium renders every seed.

Checks the rendered DOM, not the HTML string: one visible mark per edit and
per suggestion, removed text on the page as visible struck-through text,
warnings listed and flagged, contrast readable in light and dark (system
scheme and JupyterLab's dark theme), marks reachable with the keyboard, and
no script from the article runs. Screenshots of every seed, light and dark,
go to ``$NEWSFIX_SCREENSHOTS`` (``make screenshots`` sets it to
``docs/images``) or to a temporary folder.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make browser``): without
them these tests fail, saying so, rather than pass.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfix import Result, fix_and_trace
from newsfix.notebook import proposal_text
from newsfix.report import visible
from tests.support import argos_env
from tests.support.browser import Browser, missing
from tests.support.seed_results import seed_result

from .conftest import ROOT, SEEDS
from .test_notebook import PAYLOADS, hostile_result

pytestmark = pytest.mark.browser

SEED_002 = ROOT / "fixtures" / "seeds" / "002_d8e3467ada999945.txt"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="color-scheme" content="light dark"><title>{title}</title>
<style>body{{margin:16px;background:Canvas;color:CanvasText;font-family:sans-serif}}</style>
</head><body>{body}</body></html>
"""

# Everything the DOM checks read, in one script run in the page.
INSPECT = (Path(__file__).parent / "support" / "inspect_view.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = missing()
    if reason:
        pytest.fail(f"the notebook view's browser tests cannot run: {reason}", pytrace=False)
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("NEWSFIX_SCREENSHOTS")
    return Path(target) if target else tmp_path_factory.mktemp("screenshots")


def write_page(folder: Path, name: str, body: str) -> Path:
    page = folder / f"{name}.html"
    page.write_text(PAGE.format(title=html.escape(name), body=body), encoding="utf-8")
    return page


def inspect(browser: Browser, page: Path, scheme: str = "light") -> dict[str, Any]:
    browser.open(page)
    browser.color_scheme(scheme)
    data: dict[str, Any] = browser.js(INSPECT)
    return data


def check_view(r: Result, data: dict[str, Any]) -> None:
    """The DOM promises of the view, for one result in one colour scheme."""
    assert len(data["edits"]) == len(r.edits)
    assert len(data["suggestions"]) == len(r.suggestions)
    assert data["scripts"] == 0 and data["onAttributes"] == []
    kinds = {"suggestion"} if r.suggestions else set()
    for e in r.edits:
        kinds.add("translated" if "TRANSLATE" in {e.rule, *(s.rule for s in e.steps)} else
                  "removed" if not e.after else "inserted" if not e.before else "replaced")
    assert kinds <= set(data["legend"])
    for mark, e in zip(data["edits"], r.edits):
        where = f"edit {mark['n']} {e.rule} {e.before!r}->{e.after!r}"
        assert mark["shown"] and mark["tabindex"] == "0", where
        assert mark["title"] and mark["sr"] == mark["title"], where
        translated = "TRANSLATE" in {e.rule, *(s.rule for s in e.steps)}
        if translated:  # the source sentence stands beside its translation
            src = mark["source"]
            assert src and src["shown"] and src["leftOfMark"], where
            assert src["text"] == e.before and src["contrast"] >= 4.5, where
        elif e.before:  # removed text: visible, struck through, readable
            before = mark["before"]
            assert before and before["shown"], where
            assert before["text"] == visible(e.before), where
            assert "line-through" in before["decoration"], where
            assert before["contrast"] >= 4.5, (where, before["contrast"])
        if e.after:
            after = mark["after"]
            assert after and after["shown"], where
            shown_text = e.after if translated else visible(e.after).replace("⏎", "⏎\n")
            assert after["text"] == shown_text, where
            assert after["contrast"] >= 4.5, (where, after["contrast"])
    for mark in data["suggestions"]:
        s = r.suggestions[int(mark["n"]) - 1]
        where = f"suggestion {mark['n']} {s.rule}"
        assert mark["shown"] and mark["tabindex"] == "0" and mark["sr"] == mark["title"], where
        proposal = mark["proposal"]
        assert proposal["shown"] and proposal["text"] == proposal_text(s), where
        assert "dashed" in proposal["border"] and proposal["contrast"] >= 4.5, where
        if mark["current"]:
            assert "dashed" in mark["current"]["border"], where
    assert len(data["warnings"]) == len(r.warnings)
    for li, w in zip(data["warnings"], r.warnings):
        assert li["shown"] and w["message"] in li["text"] and w["code"] in li["text"]
    placed = [w for w in r.warnings if "output" in w]
    assert len(data["flags"]) >= len(placed)
    assert all(data["flagTargets"])
    assert min(data["blocks"], default=21) >= 7  # body text: WCAG AAA


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_renders_with_every_edit_visible(browser: Browser, path: Path,
                                                     tmp_path: Path, shots: Path) -> None:
    r = seed_result(path)
    page = write_page(tmp_path, path.stem, r._repr_html_())
    for scheme in ("light", "dark"):
        data = inspect(browser, page, scheme)
        check_view(r, data)
        assert (data["viewBackground"] > 0.8) == (scheme == "light")
        browser.screenshot(shots / f"seed-{path.name[:3]}-{scheme}.png")


def test_jupyterlab_theme_wins_over_the_system_scheme(browser: Browser, tmp_path: Path) -> None:
    r = seed_result(SEEDS[0])
    for jp, scheme, dark in (("false", "light", True), ("true", "dark", False)):
        page = write_page(tmp_path, f"jp-{jp}", f'<div data-jp-theme-light="{jp}">'
                                                f"{r._repr_html_()}</div>")
        data = inspect(browser, page, scheme)
        assert (data["viewBackground"] < 0.1) == dark
        check_view(r, data)


def test_marks_take_keyboard_focus_in_order_and_show_their_details(
        browser: Browser, tmp_path: Path, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    r = seed_result(SEEDS[0])
    browser.open(write_page(tmp_path, "keys", r._repr_html_()))
    marks = browser.driver.find_elements(By.CSS_SELECTOR, ".nf-doc [tabindex='0'], .nf-doc a")
    assert len(marks) >= len(r.edits) + len(r.suggestions)
    marks[0].click()
    order = []
    for _ in range(6):
        active = browser.driver.switch_to.active_element
        order.append(active.get_attribute("data-n") + active.get_attribute("data-kind"))
        label = browser.js("return getComputedStyle(document.activeElement, '::after').content")
        expected_label = active.get_attribute("data-label").replace("\\", "\\\\")
        assert label == '"' + expected_label.replace('"', '\\"') + '"'  # CSS serialises
        active.send_keys(Keys.TAB)
    expected = [m.get_attribute("data-n") + m.get_attribute("data-kind") for m in marks[:6]]
    assert order == expected
    browser.js("document.querySelector('.nf-doc [data-kind=\"edit\"][data-n=\"2\"]').focus()")
    browser.screenshot_around(shots / "focus-light.png")


def test_no_script_from_the_article_runs(browser: Browser, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    control = '<img id="control" src="no-such-image.png" onerror="window.__nfControl = 1">'
    # The payloads are live: unescaped, they run.
    browser.open(write_page(tmp_path, "raw", "".join(PAYLOADS[:3]) + control))
    WebDriverWait(browser.driver, 10).until(lambda d: d.execute_script(
        "return window.__nfControl === 1"))
    assert browser.js("return window.__nfPwned") is not None
    # Through the pipeline and in every field of a result, they are text.
    article = "\n\n".join(f"The minister said  {p} on Monday." for p in PAYLOADS) + "\n"
    for name, r in (("article", fix_and_trace(article, translate=False, language="en")),
                    ("fields", hostile_result())):
        browser.open(write_page(tmp_path, name, r._repr_html_() + control))
        WebDriverWait(browser.driver, 10).until(lambda d: d.execute_script(
            "return window.__nfControl === 1"))
        for k in range(len(browser.driver.find_elements("css selector", "[tabindex='0']"))):
            browser.js("document.querySelectorAll(\"[tabindex='0']\")[arguments[0]].focus()", k)
        assert browser.js("return window.__nfPwned") is None, name
        data = browser.js(INSPECT)
        assert data["scripts"] == 0 and data["onAttributes"] == []
        assert browser.js("return getComputedStyle(document.body).display") == "block"
        assert PAYLOADS[0] in browser.js("return document.querySelector('.nf-view').textContent")


@pytest.fixture
def translated() -> Iterator[Result]:
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    import tempfile

    from newsfix.translate import models
    from tests.support.tiny_argos import TinyPackage

    work = Path(tempfile.mkdtemp(prefix="newsfix-view-tiny-"))
    argos_env.PACKAGES.mkdir(parents=True, exist_ok=True)
    models.install_file(TinyPackage(work, "1.0").path)
    try:
        yield fix_and_trace(SEED_002.read_bytes())
    finally:
        for child in argos_env.PACKAGES.iterdir():
            shutil.rmtree(child)
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.translate
def test_translated_paragraphs_stand_beside_their_source(browser: Browser, translated: Result,
                                                         tmp_path: Path, shots: Path) -> None:
    r = translated
    assert r.language["output"] == "en" and any(s.translated for s in r.segments)
    page = write_page(tmp_path, "translated", r._repr_html_())
    for scheme in ("light", "dark"):
        data = inspect(browser, page, scheme)
        check_view(r, data)
        assert data["translated"] >= 1
        sources = [m["source"] for m in data["edits"] if m["source"]]
        assert len(sources) == sum(1 for e in r.edits if "TRANSLATE" in
                                   {e.rule, *(s.rule for s in e.steps)}) >= 10
        browser.screenshot(shots / f"seed-002-translated-{scheme}.png")
