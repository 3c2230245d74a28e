"""Unicode repair: byte-order marks, line endings, mojibake (with ftfy)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import ftfy
import regex

from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.rules.base import Example, PatternRule, Rule

__all__ = ["RULES", "FixMojibake", "NormalizeNewlines", "RemoveBom"]

BOM = "\ufeff"
NEWLINE_RE = regex.compile(r"\r\n?|[\u2028\u2029\x85]")

#: ftfy, told to leave alone everything that clean text legitimately has:
#: curly quotes (uncurl_quotes), ligatures and full-width forms (they can be
#: intended), line breaks (NORMALIZE_NEWLINES owns them) and normalisation
#: (NFC would rewrite clean decomposed text). What remains repairs damage only:
#: mojibake, HTML entities in plain text, terminal escapes, surrogates, C1 controls.
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


class RemoveBom(Rule):
    """Remove a byte-order mark at the start of the text."""

    id = "REMOVE_BOM"
    category = "unicode"
    stage = "decode"
    description = "byte-order mark at the start of the text"
    examples = (
        Example("\ufeffKyiv, Ukraine.", "Kyiv, Ukraine."),
        Example("Kyiv, Ukraine.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        if doc.text.startswith(BOM):
            yield self.change(0, 1, "")


class NormalizeNewlines(PatternRule):
    r"""Turn ``\r\n``, ``\r`` and Unicode line separators into ``\n``.

    Every later rule reads lines and paragraphs split on ``\n``; normalising
    first keeps them simple. Each replaced separator is an edit.
    """

    id = "NORMALIZE_NEWLINES"
    category = "spacing"
    stage = "decode"
    description = "line break normalised to \\n"
    examples = (
        Example("One.\r\n\r\nTwo.\r\n", "One.\n\nTwo.\n"),
        Example("One.\n\nTwo.\n", kind="clean"),
    )

    pattern = NEWLINE_RE
    replacement = "\n"


class FixMojibake(Rule):
    """Repair mojibake and other encoding damage with ftfy, one edit per changed stretch.

    ftfy is run paragraph by paragraph (its heuristics are local and it gives
    no alignment); its output is aligned with the input by a character diff,
    so each repaired stretch (``Ã©`` → ``é``) becomes its own edit. ftfy's
    mojibake detection is designed to leave correct text alone, which is why
    this rule is applied with full confidence.

    >>> from newsfix import fix
    >>> fix("CafÃ© owners â€œwelcomedâ€\x9d the plan.", translate=False)
    'Café owners “welcomed” the plan.'
    """

    id = "FIX_MOJIBAKE"
    category = "unicode"
    stage = "decode"
    description = "encoding damage (mojibake) repaired by ftfy"
    examples = (
        Example("The cafÃ© reopened on Monday.", "The café reopened on Monday."),
        Example("He said itâ€™s over.", "He said it’s over."),
        Example("“It’s over,” she said — déjà vu in Zaporizhzhia.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        for para in doc.paragraphs():
            fixed = ftfy.fix_text(para.text, FTFY_CONFIG)
            if fixed == para.text:
                continue
            yield from self._diff(para.start, para.text, fixed)

    def _diff(self, offset: int, old: str, new: str) -> Iterable[Change]:
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield self.change(offset + i1, offset + i2, new[j1:j2],
                                  message=f"{old[i1:i2]!r} is encoding damage for {new[j1:j2]!r}")


RULES: tuple[type[Rule], ...] = (RemoveBom, NormalizeNewlines, FixMojibake)
