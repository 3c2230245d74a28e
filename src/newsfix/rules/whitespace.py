"""Whitespace normalisation: trailing and leading spaces, runs of spaces and blank lines."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsfix.rules.base import Example, Finding, PatternRule, Rule, Scope
from newsfix.rules.preformatted import layout, preformatted

__all__ = [
    "RULES", "BlankLines", "DocumentEdges", "LeadingSpace", "SpaceBeforePunctuation", "SpaceRun",
    "TrailingSpace",
]

# A run is matched only from its first space (the look-behind), so a long run of
# spaces inside a line is scanned once, not once per space.
TRAILING_SPACE_RE = regex.compile(r"(?<![^\S\n])[^\S\n]+(?=\n|\Z)")
LEADING_SPACE_RE = regex.compile(r"(?m)^[ \t\u00a0]+(?=\S)")
# Two spaces after a sentence end are a typing convention, not damage: keep them.
SPACE_RUN_RE = regex.compile(r"(?<=\S)(?<![.!?]['\"”’)]?)  +(?=\S)|(?<=[.!?]['\"”’)]?)   +(?=\S)")
BLANK_LINES_RE = regex.compile(r"\n(?:[^\S\n]*\n){2,}")
MD_HEADING_RE = regex.compile(r"(?m)^#{1,6}[ \t]+\S")
#: One blank line between two non-blank lines: an ordinary paragraph break.
SINGLE_BLANK_RE = regex.compile(r"(?<=\S)[^\S\n]*\n[^\S\n]*\n(?=[^\S\n]*\S)")
# A space before a full stop or comma that ends a word's clause: "oe24 . Putin".
# Only . and , (French puts a space before ; : ! ? by rule), only after a letter
# or digit and before a space or line end, so ".NET", ".5" and "..." stay.
SPACE_BEFORE_PUNCT_RE = regex.compile(r"(?<=[\p{L}\p{N}])[ \t]+(?=[.,](?:[ \t]|$))",
                                      regex.MULTILINE)


class LayoutPatternRule(PatternRule):
    """A whitespace pattern rule that leaves preformatted lines alone.

    Code blocks, structural indentation and aligned tables
    (:mod:`newsfix.rules.preformatted`) are the author's layout, not damage.
    """

    def find(self, scope: Scope) -> Iterable[Finding]:
        tier = next(iter(self.tiers))
        for m in scope.finditer(self.pattern):
            if not preformatted(scope.analysis, m.start(), m.end()):
                yield scope.change(m.start(), m.end(), self.replacement, tier=tier)


class TrailingSpace(LayoutPatternRule):
    """Remove spaces and tabs at the end of a line."""

    id = "TRAILING_SPACE"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "space at the end of a line"
    examples = (
        Example("Kyiv was quiet.⟦ ⟧\nThen sirens.", "Kyiv was quiet.\nThen sirens."),
        Example("Kyiv was quiet.\nThen sirens.", kind="clean"),
    )

    pattern = TRAILING_SPACE_RE
    replacement = ""


class LeadingSpace(LayoutPatternRule):
    """Remove spaces at the start of a line (scraped indentation)."""

    id = "LEADING_SPACE"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "space at the start of a line"
    examples = (
        Example("Headline\n\n⟦  ⟧The talks began.", "Headline\n\nThe talks began."),
        Example("Headline\n\nThe talks began.", kind="clean"),
        Example("Install it:\n\n    pip install tool\n    tool --help\n\nThen run it.",
                kind="clean", note="an indented code block"),
        Example("1. The licence is granted to the user\n   who accepts its terms.\n",
                kind="clean", note="a hanging indent under a list item"),
    )

    pattern = LEADING_SPACE_RE
    replacement = ""


class SpaceRun(LayoutPatternRule):
    """Collapse a run of spaces inside a line to one space.

    Exactly two spaces after a sentence end are left alone: that is a house
    style (typewriter spacing), not damage.
    """

    id = "SPACE_RUN"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "run of spaces inside a line"
    examples = (
        Example("The⟦  ⟧talks⟦   ⟧began.", "The talks began."),
        Example("The talks began.  Then they ended.", kind="clean"),
        Example("Team    Won  Lost\nOslo    12   3\nBergen  9    6\n", kind="clean",
                note="a plain-text table: the spaces align its columns"),
        Example("Code:\n\n```\nx  =  1\n```\n", kind="clean", note="a fenced code block"),
    )

    pattern = SPACE_RUN_RE
    replacement = " "


class SpaceBeforePunctuation(PatternRule):
    """Remove a space before a full stop or comma (``oe24 . Putin``).

    No language or typographic convention puts a space before ``.`` or ``,``
    (French spaces go before ``; : ! ?``, which this rule leaves alone); the
    guards keep ``.NET``, ``.5`` and ellipses.
    """

    id = "SPACE_BEFORE_PUNCT"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "space before a full stop or comma"
    tiers = {"punctuation": 0.95}
    examples = (
        Example("Dette fremgår av rapporter fra oe24⟦ ⟧. Putin berømmet Trump.",
                "Dette fremgår av rapporter fra oe24. Putin berømmet Trump.", language="nb"),
        Example("Prices rose⟦ ⟧, analysts said⟦ ⟧.", "Prices rose, analysts said."),
        Example("Il a dit : « Non ! » Version .NET and a .5 rate, then ... silence.",
                kind="clean"),
    )

    pattern = SPACE_BEFORE_PUNCT_RE
    replacement = ""


class BlankLines(PatternRule):
    """Collapse two or more blank lines into one paragraph break."""

    id = "BLANK_LINES"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "run of blank lines"
    examples = (
        Example("One.⟦\n\n\n\n⟧Two.", "One.\n\nTwo."),
        Example("One.\n\nTwo.", kind="clean"),
        Example("# A\n\nOne.\n\nTwo.\n\n\n# B\n\nThree.\n\n\n# C\n\nFour.\n", kind="clean",
                note="two blank lines before each section: the document's convention"),
    )

    pattern = BLANK_LINES_RE
    replacement = "\n\n"

    def find(self, scope: Scope) -> Iterable[Finding]:
        """Every run, except inside a code fence and a convention the document keeps.

        A document with layout of its own (Markdown headings, code, indented
        sections, tables) that separates sections by exactly two blank lines, at
        least twice, and paragraphs by one (READMEs, licence texts) keeps them:
        that is a convention, not scraped damage.
        """
        tier = next(iter(self.tiers))
        text = scope.text
        runs = list(scope.finditer(self.pattern))
        doubles = [m for m in runs if m.group().count("\n") == 3]
        single = SINGLE_BLANK_RE.search(text) is not None
        # Only in a document with layout of its own (code, structural indentation,
        # tables, Markdown headings): blank lines a scraper left, or that removed
        # residue leaves behind, are no convention.
        convention = len(doubles) >= 2 and single and (
            bool(layout(scope.analysis).any()) or MD_HEADING_RE.search(text) is not None)
        for m in runs:
            if preformatted(scope.analysis, m.start(), m.end(), kinds="fenced"):
                continue
            if convention and m.group().count("\n") == 3 and m.start() > 0 \
                    and m.end() < len(text):
                continue
            yield scope.change(m.start(), m.end(), self.replacement, tier=tier)


class DocumentEdges(Rule):
    """Remove blank space before the first line and collapse it after the last.

    A text that ends with one newline keeps it; one that ends without stays so.
    """

    id = "DOCUMENT_EDGES"
    category = "spacing"
    stage = "characters"
    scope = "document"
    description = "blank space at the start or end of the document"
    examples = (
        Example("⟦\n\n⟧Headline\n\nText.⟦\n\n\n⟧", "Headline\n\nText.\n"),
        Example("Headline\n\nText.\n", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.text
        lead = len(text) - len(text.lstrip())
        if lead and lead < len(text):
            yield scope.change(0, lead, "", tier="certain")
        body_end = len(text.rstrip())
        if body_end > lead and text[body_end:] not in ("", "\n"):
            yield scope.change(body_end, len(text), "\n" if "\n" in text[body_end:] else "",
                               tier="certain")


RULES: tuple[type[Rule], ...] = (
    TrailingSpace, LeadingSpace, SpaceRun, SpaceBeforePunctuation, BlankLines, DocumentEdges,
)
