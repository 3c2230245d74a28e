#!/usr/bin/env python3
"""Build tests/data/clean_prose/: real English prose the project did not write, offline.

Sources (all redistributable; each file's source and licence go to SOURCES.md):

* news-like: Debian's "A Brief History of Debian" and the release
  dedications (package ``debian-history``);
* reference documentation: pages of the Python 3.11 documentation (package
  ``python3.11-doc``, PSF License);
* legal text: licence texts under ``/usr/share/common-licenses`` (package
  ``base-files``, on every Debian system; kept
  verbatim, as their terms require) and the Debian Constitution and Social
  Contract (package ``doc-debian``);
* READMEs: the long descriptions (``METADATA`` bodies, verbatim) of
  permissively licensed packages installed in the virtualenv.

HTML pages become plain text the way a scraper would see them: each block
element (paragraph, heading, list item, table cell) one paragraph, blank
lines between; code listings (``<pre>``), navigation bars, tables of
contents and Sphinx's "¶" header links are dropped; nothing else is changed.

The Debian packages are needed only to run this script, not the tests:

    mkdir -p /tmp/clean-prose && cd /tmp/clean-prose && \\
        apt-get download debian-history doc-debian python3.11-doc && \\
        for d in *.deb; do dpkg-deb -x "$d" root; done
    .venv/bin/python scripts/build_clean_prose.py --debian-root /tmp/clean-prose/root
"""

from __future__ import annotations

import argparse
import gzip
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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in SKIP or (tag == "a" and "headerlink" in classes) or \
                (tag == "div" and any(c in classes.split() for c in NAV_CLASSES)):
            self.skip += 1
            self._skipped = [*getattr(self, "_skipped", []), tag]
            return
        if tag in BLOCKS and not self.skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        stack = getattr(self, "_skipped", [])
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


def html_text(path: Path, sphinx: bool = False) -> str:
    page = path.read_text(encoding="utf-8")
    if sphinx:
        start, end = SPHINX_BODY
        page = page[page.index(start):page.index(end)] if start in page else page
    parser = TextOf()
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
                    help="root where debian-history, doc-debian and python3.11-doc are unpacked")
    args = ap.parse_args()
    doc = args.debian_root / "usr" / "share" / "doc"
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    rows: list[tuple[str, str, int, str, str]] = []
    history = doc / "debian-history" / "docs"
    hist_licence = ("free redistribution and modification, changes documented "
                    "(Debian Documentation Team / Publicity Team; GPL-2+ per the package)")
    for part in ("intro", "leaders", "releases", "detailed", "manifesto"):
        write(f"news_debian_history_{part}.txt", html_text(history / f"{part}.en.html"),
              "news", f"debian-history 2.28: docs/{part}.en.html, A Brief History of Debian",
              hist_licence, rows)
    dedications = [(doc / "debian-history" / "dedication" / f"dedication-{v}.txt").read_text(
        encoding="utf-8") for v in ("2.2", "5.0", "9.0")]
    write("news_debian_dedications.txt", "\n\n".join(d.strip() for d in dedications) + "\n",
          "news", "debian-history 2.28: dedication/dedication-{2.2,5.0,9.0}.txt (verbatim)",
          hist_licence, rows)
    py = doc / "python3.11" / "html"
    for page in ("tutorial/appetite", "tutorial/interpreter", "tutorial/venv",
                 "tutorial/whatnow", "tutorial/floatingpoint", "howto/unicode",
                 "faq/general", "installing/index", "howto/sorting", "library/venv"):
        name = "docs_python_" + page.replace("/", "_") + ".txt"
        write(name, html_text(py / f"{page}.html", sphinx=True), "reference documentation",
              f"python3.11-doc 3.11.2: html/{page}.html (code listings dropped)",
              "PSF License Version 2", rows)
    for lic in ("GPL-3", "Apache-2.0", "MPL-2.0"):
        write(f"legal_{lic.lower().replace('.', '_').replace('-', '_')}.txt",
              (Path("/usr/share/common-licenses") / lic).read_text(
                  encoding="utf-8"), "legal", f"/usr/share/common-licenses/{lic} (verbatim)",
              "verbatim copying permitted by the text itself", rows)
    for part, licence in (("constitution", "GPL-2+ (doc-debian)"),
                          ("social-contract", "GPL-2+ (doc-debian)")):
        text = gzip.decompress((doc / "debian" / f"{part}.txt.gz").read_bytes()).decode()
        write(f"legal_debian_{part.replace('-', '_')}.txt", text, "legal",
              f"doc-debian 11.3+nmu1: debian/{part}.txt.gz (verbatim)", licence, rows)
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
             "packages); HTML pages were turned into plain text (one paragraph per block",
             "element; code listings, navigation, tables of contents and header links",
             "dropped); every other",
             "file is verbatim. Words are whitespace-separated tokens.", "",
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
