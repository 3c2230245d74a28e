"""Sentence splitting with code-point offsets, for translation.

Translation models are trained on single sentences, and newsfix must know
which source characters each translated sentence came from, so it splits
paragraphs itself instead of letting argostranslate's splitter (which returns
strings only) do it.  The splitter is rule based and deliberately cautious:
a missed boundary costs a slightly longer model input; a false boundary cuts
a sentence in two and hurts the translation.
"""

from __future__ import annotations

import re

# Words that end with a period without ending the sentence, lower-cased and
# without the final period.  Shared across languages: a Norwegian text quoting
# "Mr." must not split either.
_COMMON_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "inc",
        "ltd",
        "co",
        "corp",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "mt",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "ca",
        "approx",
        "fig",
        "art",
        "ch",
        "vol",
        "pp",
    ]
)
_LANGUAGE_ABBREVIATIONS = {
    "nb": frozenset(
        [
            "bl.a",
            "f.eks",
            "osv",
            "mv",
            "m.v",
            "kl",
            "nr",
            "dvs",
            "jf",
            "jfr",
            "evt",
            "ev",
            "mht",
            "pga",
            "ifm",
            "iht",
            "hhv",
            "t.o.m",
            "f.o.m",
            "mill",
            "mrd",
            "kr",
            "tlf",
            "adr",
            "pr",
            "stk",
            "s",
            "sml",
            "bl",
            "o.l",
            "m.fl",
            "m.m",
            "ang",
            "vedr",
            "avd",
        ]
    ),
    "de": frozenset(
        [
            "z.b",
            "bzw",
            "usw",
            "nr",
            "hr",
            "fr",
            "d.h",
            "u.a",
            "vgl",
            "ggf",
            "inkl",
            "ca",
            "evtl",
            "s",
            "bspw",
            "mio",
            "mrd",
            "st",
            "tel",
        ]
    ),
}
_LANGUAGE_ABBREVIATIONS["no"] = _LANGUAGE_ABBREVIATIONS["nb"]

# Month names that follow an ordinal number ("25. April"), where the period
# belongs to the number, not to the end of a sentence.
_MONTHS = frozenset(
    [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "october",
        "december",
        "jänner",
        "märz",
        "dezember",
    ]
)

# A candidate end: terminal punctuation, closing quotes/brackets, whitespace.
_END_RE = re.compile(r"""([.!?…]+)(["'»”’)\]]*)(\s+)""")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_TOKEN_BEFORE_RE = re.compile(r"(\w+(?:\.\w+)*)$")

DEFAULT_MAX_CHARS = 400


def _is_boundary(text: str, match: re.Match[str], abbreviations: frozenset[str]) -> bool:
    """Return whether a terminal-punctuation match ends a sentence."""
    nxt = text[match.end() : match.end() + 1]
    if not nxt:
        return True
    if nxt.islower():
        # "ca. fem", "25. april", "kl. 12.30 i dag" continue the sentence.
        return False
    punct = match.group(1)
    if punct != "." or match.group(2):
        # "!", "?", "...", or a period followed by a closing quote.
        return True
    token = _TOKEN_BEFORE_RE.search(text, 0, match.start())
    if token is None:
        return True
    word = token.group(1)
    low = word.lower()
    if low in abbreviations or low in _COMMON_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "Donald J. Trump"
    if word.isdigit() and len(word) <= 2:
        following = re.match(r"\w+", text[match.end() :])
        if following and following.group(0).lower() in _MONTHS:
            return False  # "am 25. April"
    return True


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut an over-long span at whitespace so no piece exceeds ``max_chars``."""
    out = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind(", "), window.rfind("; "), window.rfind(": "))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = max_chars - 1  # no whitespace at all: hard cut
        piece_end = start + cut + 1
        stripped_end = piece_end
        while stripped_end > start and text[stripped_end - 1].isspace():
            stripped_end -= 1
        out.append((start, stripped_end))
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def split_sentences(
    text: str, lang: str = "en", *, max_chars: int = DEFAULT_MAX_CHARS
) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` code-point offsets.

    Spans are sorted, do not overlap, have no leading or trailing whitespace,
    and together cover every non-space character of ``text``.  A boundary is
    terminal punctuation (with any closing quotes) followed by whitespace and
    not by a lower-case letter, except after known abbreviations, initials
    and day numbers before a month; a blank line always ends a sentence, and
    a single line break does unless the next line starts in lower case.
    Sentences longer than ``max_chars`` are cut at a comma or space, because
    translation models truncate long inputs and would lose text silently.

    >>> text = 'Mr. Smith kom kl. 12. Han sa: «Ja!» Prisen steg 3.5 % den 25. mai.'
    >>> [text[s:e] for s, e in split_sentences(text, "nb")]
    ['Mr. Smith kom kl. 12.', 'Han sa: «Ja!»', 'Prisen steg 3.5 % den 25. mai.']
    >>> split_sentences("  \\n ")
    []
    """
    abbreviations = _LANGUAGE_ABBREVIATIONS.get(lang.lower(), frozenset())
    cuts: set[int] = set()
    for match in _END_RE.finditer(text):
        if _is_boundary(text, match, abbreviations):
            cuts.add(match.start(3))
    for match in _BLANK_LINE_RE.finditer(text):
        cuts.add(match.start())
    pos = text.find("\n")
    while pos != -1:
        rest = text[pos + 1 :].lstrip(" \t")
        if not rest[:1].islower():
            cuts.add(pos)
        pos = text.find("\n", pos + 1)

    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.extend(_split_long(text, s, e, max_chars))
        start = cut
    return spans
