#!/usr/bin/env python3
"""Build tests/data/clean_prose/: real English prose the project did not write, offline.

Sources (all permissively licensed; each file's source and licence go to SOURCES.md):

* news: "What's New in Python" release articles of the Python 3.11
  documentation (package ``python3.11-doc``, PSF License);
* reference documentation: pages of the same documentation;
* legal text: its "History and License" page (the PSF License Agreement, the
  earlier Python licences and the licence terms of incorporated software,
  those kept verbatim as the page prints them);
* READMEs: the long descriptions (``METADATA`` bodies, verbatim) of
  permissively licensed (MIT, Apache-2.0) packages installed in the virtualenv.

Copyleft text (GPL licence texts, Debian's GPL-2+ documentation) is not used:
the test data must be redistributable under permissive terms.

HTML pages become plain text the way a scraper would see them: each block
element (paragraph, heading, list item, table cell) one paragraph, blank
lines between; code listings (``<pre>``), navigation bars, tables of
contents and Sphinx's "¶" header links are dropped; nothing else is changed.

The Debian package is needed only to run this script, not the tests:

    mkdir -p /tmp/clean-prose && cd /tmp/clean-prose && \\
        apt-get download python3.11-doc && \\
        for d in *.deb; do dpkg-deb -x "$d" root; done
    .venv/bin/python scripts/build_clean_prose.py --debian-root /tmp/clean-prose/root
"""

from __future__ import annotations

import argparse
import html.parser
import importlib.metadata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "clean_prose"

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "div",
          "section", "blockquote", "br", "tr", "table", "ul", "ol", "dl", "caption", "title"}
SKIP = {"pre", "script", "style", "head", "nav", "footer"}
#: Blocks that are page furniture, not prose: code listings (Sphinx ``highlight``),
#: navigation bars (Sphinx ``related``, DocBook ``navheader``/``navfooter``), tables of contents.
NAV_CLASSES = ("highlight", "related", "navheader", "navfooter", "toc")
#: Sphinx page furniture: where the article body starts and ends.
SPHINX_BODY = ('<div class="body" role="main">', '<div class="sphinxsidebar"')


class TextOf(html.parser.HTMLParser):
    """Plain text of an HTML page: one paragraph per block element."""

    def __init__(self, verbatim: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self._skipped: list[str] = []
        #: Keep ``<pre>`` blocks (licence texts) verbatim instead of dropping them.
        self.verbatim = verbatim
        self.in_pre = False

    def _flush(self) -> None:
        if self.in_pre:
            pre = "\n".join(line.rstrip() for line in "".join(self.current).strip("\n")
                            .splitlines())
            if pre.strip():
                self.blocks.append(pre)
            self.current = []
            return
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_pre:
            return
        classes = dict(attrs).get("class") or ""
        if self.verbatim and not self.skip and (tag == "pre" or "highlight" in classes):
            if tag == "pre":
                self._flush()
                self.in_pre = True
            return
        if tag in SKIP or (tag == "a" and "headerlink" in classes) or \
                (tag == "div" and any(c in classes.split() for c in NAV_CLASSES)):
            self.skip += 1
            self._skipped.append(tag)
            return
        if tag in BLOCKS and not self.skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.in_pre:
            if tag == "pre":
                self._flush()
                self.in_pre = False
            return
        stack = self._skipped
        if self.skip and stack and stack[-1] == tag:
            stack.pop()
            self.skip -= 1
            return
        if tag in BLOCKS and not self.skip:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n\n".join(self.blocks) + "\n"


def html_text(path: Path, sphinx: bool = False, verbatim: bool = False) -> str:
    page = path.read_text(encoding="utf-8")
    if sphinx:
        start, end = SPHINX_BODY
        page = page[page.index(start):page.index(end)] if start in page else page
    parser = TextOf(verbatim)
    parser.feed(page)
    return parser.text()


def metadata_body(dist: str) -> tuple[str, str, str]:
    """(long description, licence, version) of an installed distribution, verbatim."""
    meta = importlib.metadata.metadata(dist)
    body = meta.get_payload() or meta.get("Description") or ""  # type: ignore[attr-defined]
    licence = meta.get("License-Expression") or meta.get("License") or ""
    if not licence or len(licence) > 40:
        licence = next((c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                        if c.startswith("License ::")), licence[:40])
    return body.strip() + "\n", licence, meta["Version"]


def write(name: str, text: str, kind: str, source: str, licence: str,
          rows: list[tuple[str, str, int, str, str]]) -> None:
    (OUT / name).write_text(text, encoding="utf-8")
    rows.append((name, kind, len(text.split()), source, licence))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--debian-root", type=Path, default=Path("/"),
                    help="root where python3.11-doc is unpacked")
    args = ap.parse_args()
    doc = args.debian_root / "usr" / "share" / "doc"
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    rows: list[tuple[str, str, int, str, str]] = []
    py = doc / "python3.11" / "html"
    psf = "PSF License Version 2"
    for page in ("2.0", "2.1", "2.2"):
        write(f"news_python_whatsnew_{page.replace('.', '_')}.txt",
              html_text(py / "whatsnew" / f"{page}.html", sphinx=True), "news",
              f"python3.11-doc 3.11.2: html/whatsnew/{page}.html, What's New in Python "
              f"{page} (code listings dropped)", psf, rows)
    for page in ("tutorial/appetite", "tutorial/interpreter", "tutorial/venv",
                 "tutorial/whatnow", "tutorial/floatingpoint", "howto/unicode",
                 "faq/general", "installing/index", "howto/sorting", "library/venv"):
        name = "docs_python_" + page.replace("/", "_") + ".txt"
        write(name, html_text(py / f"{page}.html", sphinx=True), "reference documentation",
              f"python3.11-doc 3.11.2: html/{page}.html (code listings dropped)", psf, rows)
    write("legal_python_license.txt", html_text(py / "license.html", sphinx=True, verbatim=True),
          "legal", "python3.11-doc 3.11.2: html/license.html, History and License (licence "
          "texts in it verbatim)", psf + " (the page; the incorporated software's permissive "
          "licence texts it quotes are under their own terms)", rows)
    for dist in ("wordfreq", "langcodes", "ftfy", "h11", "sortedcontainers", "rich",
                 "charset_normalizer", "annotated_types"):
        body, licence, version = metadata_body(dist)
        write(f"readme_{dist}.txt", body, "README",
              f"PyPI {dist} {version}: METADATA long description (verbatim)", licence, rows)
    total = sum(r[2] for r in rows)
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r[1]] = by_kind.get(r[1], 0) + r[2]
    lines = ["# Clean English prose: sources and licences", "",
             "Real prose the project did not write, for the clean-text precision check",
             "(`tests/test_clean_prose.py`, `benchmarks/bench_clean_prose.py`). Built by",
             "`scripts/build_clean_prose.py` (see its docstring for how to get the Debian",
             "package); HTML pages were turned into plain text (one paragraph per block",
             "element; code listings, navigation, tables of contents and header links",
             "dropped); every other",
             "file is verbatim. Words are whitespace-separated tokens. Only permissively",
             "licensed text: the Python documentation is Copyright © 2001-2023 Python Software",
             "Foundation, under the PSF License Agreement (printed in",
             "`legal_python_license.txt`); each README is under its package's licence",
             "(column licence), copyright its authors as named in the package.", "",
             "| file | kind | words | source | licence |", "|---|---|---|---|---|"]
    lines += [f"| {n} | {k} | {w} | {s} | {lic} |" for n, k, w, s, lic in rows]
    lines += ["", f"Total: {total} words; "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) + ".", ""]
    (OUT / "SOURCES.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(rows)} files, {total} words -> {OUT}")
    for k, v in sorted(by_kind.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
