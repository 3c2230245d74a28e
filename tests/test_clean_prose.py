"""newsfix makes no edit on clean English prose it never saw (issue 14, precision first).

The corpus ``tests/data/clean_prose/`` is real text the project did not write:
release news (What's New in Python), Python reference documentation, the
Python licence page, package READMEs (verbatim), all permissively licensed;
SOURCES.md gives each file's source and licence, ``scripts/build_clean_prose.py``
rebuilds it. One test per (file, rule): the rule made no edit on that file
(language detected, no translation, as a user runs it). Today's false positives are strict xfails
naming the rule and what it gets wrong; ``benchmarks/bench_clean_prose.py``
lists every one of them with its context and counts edits per 1,000 words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import newsfix
from newsfix.result import Result
from newsfix.rules import registry

CORPUS = Path(__file__).parent / "data" / "clean_prose"
FILES = sorted(CORPUS.glob("*.txt"))

def _files(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: rule -> (what it gets wrong, files where it edits today). Rules renamed or removed
#: simply have no xfails; a file fixed for a rule turns its xfail into a failure.
KNOWN: dict[str, tuple[str, frozenset[str]]] = {
    "BROKEN_PARAGRAPH": (
        "joins text around a formula the HTML-to-text conversion dropped (`Rewriting` / `as`)",
        _files("docs_python_tutorial_floatingpoint")),
    "NAME_CASE": (
        "capitalises a package name the document also writes capitalised (`distutils`, "
        "`chardet`) and common words the author wrote in lower "
        "case (`arabic`, `european`, `linux`, `unicode`)",
        _files("news_python_whatsnew_2_0 readme_charset_normalizer readme_rich")),
    "SPACE_RUN": (
        "collapses two spaces inside flush licence lines (`Copyright (c) 2013  Marek`, "
        "`O'Malley  not`): verbatim text with no layout structure to tell it from damage",
        _files("legal_python_license")),
}


@cache
def result(name: str) -> Result:
    return newsfix.fix_and_trace((CORPUS / f"{name}.txt").read_text(encoding="utf-8"),
                                 translate=False)


def edits_by(r: Result, rule: str) -> list[tuple[str, str]]:
    """(before, after) of every edit ``rule`` contributed to (alone or as a merged step)."""
    return [(e.before, e.after) for e in r.edits
            if rule == e.rule or any(s.rule == rule for s in e.steps)]


def _param(name: str, rule: str) -> object:
    reason, files = KNOWN.get(rule, ("", frozenset()))
    marks = [pytest.mark.xfail(strict=True, reason=f"issue 14: {rule} {reason}")] \
        if name in files else []
    return pytest.param(name, rule, marks=marks, id=f"{name}-{rule}")


@pytest.mark.parametrize(("name", "rule"),
                         [_param(p.stem, r.id) for p in FILES for r in registry()])
def test_rule_makes_no_edit_on_clean_prose(name: str, rule: str) -> None:
    assert edits_by(result(name), rule) == []


def test_a_word_mentioned_alone_keeps_its_spelling() -> None:
    """`'ascii'` (a codec's name as a string) and `**chardet**` (a package in bold) are
    mentioned, not used; NAME_CASE capitalised both before (issue 14)."""
    whatsnew = edits_by(result("news_python_whatsnew_2_0"), "NAME_CASE")
    readme = result("readme_charset_normalizer")
    assert "'ascii'" in (CORPUS / "news_python_whatsnew_2_0.txt").read_text(encoding="utf-8")
    assert ("ascii", "ASCII") not in whatsnew
    bold = readme.source.index("**chardet**") + 2
    assert not [e for e in readme.edits if e.rule == "NAME_CASE" and e.source.start == bold]


def test_the_corpus_is_large_and_sourced() -> None:
    """At least 50k words, 10k of them news-like; every file has a source and a licence."""
    words = {p.stem: len(p.read_text(encoding="utf-8").split()) for p in FILES}
    assert sum(words.values()) >= 50_000
    assert sum(w for n, w in words.items() if n.startswith("news_")) >= 10_000
    kinds = {n.split("_", 1)[0] for n in words}
    assert kinds == {"news", "docs", "legal", "readme"}
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for name in words:
        row = next((line for line in sources.splitlines() if line.startswith(f"| {name}.txt ")),
                   None)
        assert row is not None, f"{name} is not in SOURCES.md"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 5 and all(cells), row


def test_known_false_positives_name_real_files() -> None:
    stems = {p.stem for p in FILES}
    for rule, (reason, files) in KNOWN.items():
        assert files <= stems, rule
        assert re.match(r"^[A-Z_]+$", rule) and reason


def test_an_edit_is_seen() -> None:
    """edits_by is not vacuous: the same prose with damage added gets the rule's edit."""
    r = newsfix.fix_and_trace("The talks  resumed on Monday.", translate=False)
    assert edits_by(r, "SPACE_RUN") == [("  ", " ")]
