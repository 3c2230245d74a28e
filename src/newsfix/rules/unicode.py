"""Unicode repair: byte-order marks, line endings, mojibake (with ftfy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ftfy
import ftfy.badness
import regex

from newsfix.rules.base import Example, Finding, PatternRule, Rule, Scope
from newsfix.rules.preformatted import preformatted

__all__ = ["FTFY_LEFT_OUT", "RULES", "FixMojibake", "NormalizeNewlines", "RemoveBom", "align"]

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


#: The complement of FTFY_CONFIG: only the ftfy steps newsfix leaves out on purpose
#: (curly quotes, ligatures, width, line breaks, NFC). Applied to newsfix's output it
#: gives what ftfy's defaults would have given; the parity test and benchmark use it.
FTFY_LEFT_OUT = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=False,
    restore_byte_a0=False, replace_lossy_sequences=False, decode_inconsistent_utf8=False,
    fix_c1_controls=False, remove_control_chars=False, fix_surrogates=False,
    uncurl_quotes=True, fix_latin_ligatures=True, fix_character_width=True,
    fix_line_breaks=True, normalization="NFC", explain=False,
)


#: What any of ftfy's fixers in FTFY_CONFIG acts on besides mojibake: HTML entities,
#: C0/C1 control characters, terminal escapes, surrogates, and the characters of
#: ftfy's remove_control_chars table.
FTFY_TRIGGER_RE = regex.compile(
    "[&\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff]")


def needs_ftfy(text: str) -> bool:
    """Whether ftfy (as configured here) could change ``text`` at all.

    ftfy's own first test for mojibake is ``is_bad``; every other fixer it
    runs here acts only on the characters of :data:`FTFY_TRIGGER_RE`. Text that
    passes both tests comes back from ftfy unchanged, so it is not sent.

    >>> needs_ftfy("“It’s over,” she said — déjà vu."), needs_ftfy("cafÃ©"), needs_ftfy("a &amp; b")
    (False, True, True)
    """
    return FTFY_TRIGGER_RE.search(text) is not None or ftfy.badness.is_bad(text)


class RemoveBom(Rule):
    """Remove a byte-order mark at the start of the text."""

    id = "REMOVE_BOM"
    category = "unicode"
    stage = "decode"
    scope = "document"
    description = "byte-order mark at the start of the text"
    examples = (
        Example("⟦\ufeff⟧Kyiv, Ukraine.", "Kyiv, Ukraine."),
        Example("Kyiv, Ukraine.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        if scope.text.startswith(BOM):
            yield scope.change(0, 1, "", tier="certain")


class NormalizeNewlines(PatternRule):
    r"""Turn ``\r\n``, ``\r`` and Unicode line separators into ``\n``.

    Every later rule reads lines and paragraphs split on ``\n``; normalising
    first keeps them simple. Each replaced separator is an edit. It runs after
    :class:`FixMojibake`: ``U+0085`` is far more often the second half of
    mojibake (``Ã\x85lesund`` for ``Ålesund``) or a Windows-1252 ellipsis
    read as Latin-1 than a line break, and ftfy must see it first.
    """

    id = "NORMALIZE_NEWLINES"
    category = "spacing"
    stage = "decode"
    scope = "document"
    description = "line break normalised to \\n"
    tiers = {"certain": 1.0}
    examples = (
        Example("One.⟦\r\n⟧⟦\r\n⟧Two.⟦\r\n⟧", "One.\n\nTwo.\n"),
        Example("One.\n\nTwo.\n", kind="clean"),
    )

    pattern = NEWLINE_RE
    replacement = "\n"


class FixMojibake(Rule):
    """Repair mojibake and other encoding damage with ftfy, one edit per changed stretch.

    ftfy runs once over the document (it works line by line itself) and gives
    no alignment; its output is aligned with the input by :func:`align`, so
    each repaired stretch (``Ã©`` → ``é``) becomes its own edit. ftfy's
    mojibake detection is designed to leave correct text alone, which is why
    this rule is applied with full confidence.

    >>> from newsfix import fix
    >>> fix("CafÃ© owners â€œwelcomedâ€\x9d the plan.", translate=False)
    'Café owners “welcomed” the plan.'
    """

    id = "FIX_MOJIBAKE"
    category = "unicode"
    stage = "decode"
    scope = "document"
    description = "encoding damage (mojibake) repaired by ftfy"
    examples = (
        Example("The caf⟦Ã©⟧ reopened on Monday.", "The café reopened on Monday."),
        Example("He said it⟦â€™⟧s over.", "He said it’s over."),
        Example("The ferry to ⟦Ã\x85⟧lesund left.", "The ferry to Ålesund left.",
                note="U+0085 inside mojibake is not a line break"),
        Example("“It’s over,” she said — déjà vu in Zaporizhzhia.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.text
        if not needs_ftfy(text):
            return
        fixed = ftfy.fix_text(text, FTFY_CONFIG)
        if fixed == text:
            return
        for i1, i2, j1, j2 in by_line(text, fixed, align(text, fixed)):
            if preformatted(scope.analysis, scope.start + i1, scope.start + i2,
                            kinds="verbatim"):
                continue  # code quoting mojibake as an example (`>>> fix_text('Ã©')`)
            yield scope.change(i1, i2, fixed[j1:j2], tier="certain",
                               message=f"{text[i1:i2]!r} is encoding damage for {fixed[j1:j2]!r}")


#: Characters that must agree after a difference for the two texts to be back in step.
SYNC = 3
#: How far (in characters of either text) a difference may reach before the rest of the
#: line is taken as one changed stretch.
REACH = 48


def align(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """The differing stretches ``(i1, i2, j1, j2)`` of ``old`` and ``new``, in linear time.

    Encoding repairs are local: the texts agree except in short stretches. At
    a difference, the first point within :data:`REACH` characters where
    :data:`SYNC` characters agree again ends the stretch; if none is found the
    stretch runs to the end of the line (coarser, never wrong).
    ``difflib`` would be quadratic on a long line.

    >>> list(align("caf\u00c3\u00a9 and na\u00c3\u00afve", "café and naïve"))
    [(3, 5, 3, 4), (12, 14, 11, 12)]
    """
    i = j = 0
    n, m = len(old), len(new)
    while i < n and j < m:
        if old[i] == new[j]:
            i += 1
            j += 1
            continue
        found = None
        for total in range(1, 2 * REACH + 1):
            for di in range(max(0, total - REACH), min(total, REACH) + 1):
                dj = total - di
                a, b = i + di, j + dj
                if old[a:a + SYNC] == new[b:b + SYNC] and (
                        (a + SYNC <= n and b + SYNC <= m) or old[a:] == new[b:]):
                    found = (a, b)
                    break
            if found:
                break
        if found is None:
            a = old.find("\n", i)
            b = new.find("\n", j)
            found = (n, m) if a < 0 or b < 0 else (a, b)
        yield i, found[0], j, found[1]
        i, j = found
    if i < n or j < m:
        yield i, n, j, m


def by_line(old: str, new: str, stretches: Iterable[tuple[int, int, int, int]]
            ) -> Iterator[tuple[int, int, int, int]]:
    r"""The stretches, each cut at its line breaks where both sides have the same lines.

    Repairs close together on two lines (``Ã©\n Ã©``) align as one stretch;
    cut per line, each is judged on its own line (one may be verbatim text,
    the other prose), as the same text is when the lines stand apart.

    >>> list(by_line("\u00c3\u00a9\n \u00c3\u00a9", "é\n é", [(0, 6, 0, 4)]))
    [(0, 2, 0, 1), (4, 6, 3, 4)]
    """
    for i1, i2, j1, j2 in stretches:
        a, b = old[i1:i2].split("\n"), new[j1:j2].split("\n")
        if len(a) == 1 or len(a) != len(b):
            yield i1, i2, j1, j2
            continue
        i, j = i1, j1
        for pa, pb in zip(a, b):
            if pa != pb:
                k = 0  # what the line's two sides share at the start and the end
                while k < min(len(pa), len(pb)) and pa[k] == pb[k]:
                    k += 1
                e = 0
                while e < min(len(pa), len(pb)) - k and pa[-1 - e] == pb[-1 - e]:
                    e += 1
                yield i + k, i + len(pa) - e, j + k, j + len(pb) - e
            i += len(pa) + 1
            j += len(pb) + 1


RULES: tuple[type[Rule], ...] = (RemoveBom, FixMojibake, NormalizeNewlines)
