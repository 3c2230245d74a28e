"""Repetition loops of machine translation (``in Istanbul in Istanbul``)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import names, proper_nouns, word_class
from newsfix.rules.preformatted import preformatted
from newsfix.text import TextAnalysis

__all__ = ["RepeatedPhrase"]

#: An immediate repeat of a sequence of one to six words, separated by spaces only.
REPEAT_RE = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?:\p{L}+)(?:[^\S\n]+\p{L}+){0,5})([^\S\n]+)(\1)(?![\p{L}\p{N}'’-])",
    regex.IGNORECASE)
QUOTES = frozenset("\"“‘'«")
#: ``X and X and X`` is an idiom (``round and round``, ``again and again``): a repeat of
#: ``X and`` / ``and X`` is no loop.
PREV_WORD_RE = regex.compile(r"(\p{L}+)[^\S\n]+$")
IDIOM_JOINERS = frozenset({"and", "or", "by", "after", "upon", "to"})
#: The word after a repeat: a repeat that recurs with the same next word is deliberate.
FOLLOWING_RE = regex.compile(r"[^\S\n]*(\p{L}*)")
#: A lower-case word three or more times in a row (``industry industry industry``).
TRIPLE_RE = regex.compile(
    r"(?<![\p{L}\p{N}'’-])(\p{Ll}{4,})((?:[^\S\n]+\1){2,})(?![\p{L}\p{N}'’-])")
#: An adverb echoed around one word (``personally meet personally``).
ECHO_RE = regex.compile(
    r"(?<![\p{L}'’-])(\p{Ll}{4,}ly)[^\S\n]+(\p{Ll}+)([^\S\n]+)(\1)(?![\p{L}'’-])")


class RepeatedPhrase(Rule):
    """Collapse an immediate repeat of a word sequence and flag the sentence for review.

    Sequences of two or more words repeated back to back (``that his
    administration that his administration``) do not occur in edited English;
    a single word is collapsed only when it is one that English never doubles
    (``the the``, ``of of``). ``had had``, ``that that``, ``is is``,
    ``very, very``, ``bye-bye``, ``so-so``, ``again and again`` and names
    (``Sirhan Sirhan``, ``Bora Bora``) are left alone; a capitalised word is
    collapsed only when the gazetteers know it as a name of its own (``the
    Hague Hague``). A lower-case word of four letters or more said three times
    in a row (``industry industry industry``) is a loop too; emphatic speech
    (``very very very``) sits in quotes, which the pipeline only suggests.

    A repeat that recurs in the same form, followed by the same word, in the
    same document is deliberate (a band called ``the the``): machine
    translation loops once. The loop often runs further than the repeat, so
    the sentence is flagged for review.
    """

    id = "REPEATED_PHRASE"
    category = "repetition"
    stage = "repair"
    languages = frozenset({"en"})
    description = "repeated word sequence (machine-translation loop)"
    tiers = {"loop": 0.95, "echo": 0.6}
    lexicons = ("en_word_classes.tsv",)
    examples = (
        Example("They met in Istanbul⟦ in Istanbul⟧ last week.", "They met in Istanbul last week."),
        Example("He said that his administration⟦ that his administration⟧ undertakes talks.",
                "He said that his administration undertakes talks."),
        Example("She had had enough; he said that that was very, very bad, bye-bye.",
                kind="clean"),
        Example("Sirhan Sirhan was held. It is what it is, is it not?", kind="clean"),
        Example("The two sides personally meet⟦ personally⟧.", "The two sides personally meet.",
                kind="suggest"),
        Example("The summit in the Hague⟦ Hague⟧ will test the industry⟦ industry industry⟧.",
                "The summit in the Hague will test the industry."),
        Example("The indie group the the band sold out. Mo from the the band spoke.",
                kind="clean"),
        Example("A word⟦ word word word⟧ loop.", "A word loop.",
                note="overlapping repeats collapse once, without a conflict"),
        Example("The wheel went round and round and round, again and again and again.",
                kind="clean", note="`X and X` is an idiom"),
        Example("Name   Fast   Safe\nalpha  Yes    Yes\nbeta   Yes    Yes\n", kind="clean",
                note="the cells of a plain-text table"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        text = scope.full_text
        recurring = analysis.memo("repeats.recurring", lambda: Counter(
            _key(text, m) for m in _repeats(analysis, 0, len(text))))
        doubled_never = word_class("doubled_never")
        found: list[tuple[int, int, str, str]] = []  # (start, end, tier, message)
        for m in _repeats(analysis, scope.start, scope.end):
            first, second = m.group(1), m.group(3)
            words = first.split()
            if preformatted(analysis, m.start(), m.end()):
                continue  # table cells (`Yes   Yes   Yes`) and code repeat by design
            if len(words) == 2 and _idiom(text, m, words):
                continue  # `round and round and round`, `again and again and again`: an idiom
            if len(words) == 1 and first != second:
                continue
            if len(words) == 1 and not _doubled_name(first) and (
                    first.lower() not in doubled_never or text[m.start() - 1:m.start()] in QUOTES):
                continue  # a quoted `“the the”` is a mention of the typo, not a loop
            if recurring[_key(text, m)] >= 2:
                continue  # `the the band` three times: a name, not a loop
            found.append((m.end(1), m.end(3), "loop", f"repeated words: {second!r}"))
        for m in scope.finditer(TRIPLE_RE):
            if preformatted(analysis, m.start(), m.end()):
                continue
            found.append((m.start(2), m.end(2), "loop", f"repeated word: {m.group(1)!r}"))
        for m in scope.finditer(ECHO_RE):
            found.append((m.start(3), m.end(4), "echo", f"adverb repeated: {m.group(1)!r}"))
        # Repeats found by different patterns overlap (`word word word word` is a
        # two-word repeat and a triple): keep the longest of each overlapping group.
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        end = -1
        for start, stop, tier, message in found:
            if start < end:
                continue
            end = stop
            yield scope.change(start, stop, "", tier=tier, message=message)
            if tier == "loop":
                sentence = analysis.sentence_at(start)
                yield scope.review(sentence.start, max(sentence.end, stop),
                                   "machine-translation loop")


def _candidates(analysis: TextAnalysis) -> list[int]:
    """Starts of the words that recur within the next six words (where a repeat can begin).

    A repeat of ``k`` words starts with a word equal to the one ``k`` words
    later, so only those starts are tried with :data:`REPEAT_RE` — one pass
    over the words instead of a regex search at every word.
    """
    def compute() -> list[int]:
        last: dict[str, int] = {}
        found: set[int] = set()
        words = analysis.words
        for i, w in enumerate(words):
            low = w.lower
            j = last.get(low)
            if j is not None and i - j <= 6:
                found.add(j)
            last[low] = i
        return sorted(words[j].start for j in found)
    return analysis.memo("repeats.candidates", compute)


def _repeats(analysis: TextAnalysis, start: int, end: int) -> Iterator[regex.Match[str]]:
    """Back-to-back repeats in ``text[start:end]`` (case-insensitive), left to right.

    Repeats may overlap (each candidate start is tried). A single lower-case
    word said three times or more is left to ``TRIPLE_RE``.
    """
    text = analysis.text
    starts = _candidates(analysis)
    k = bisect.bisect_left(starts, start)
    skip_to = start
    while k < len(starts) and starts[k] < end:
        pos = starts[k]
        k += 1
        if pos < skip_to:
            continue
        m = REPEAT_RE.match(text, pos, end)
        if m is None:
            continue
        first, second = m.group(1), m.group(3)
        if first != second and first.lower() != second.lower():
            continue
        # Only a one-word repeat may be a triple: trying TRIPLE_RE (which reads to the end
        # of the run) at every multi-word repeat inside `word word word …` is quadratic.
        triple = TRIPLE_RE.match(text, m.start(), end) if " " not in first else None
        if triple is not None:
            skip_to = triple.end()
            continue
        yield m
        skip_to = m.end(1)


def _idiom(text: str, m: regex.Match[str], words: list[str]) -> bool:
    """Whether a two-word repeat is part of ``X and X and X`` (``round and round and round``).

    ``and X and X`` after ``X`` or after no word (``, and round and round``), or
    ``X and X and`` before ``X``; a loop such as ``first and fifth and fifth`` has
    another word there.

    >>> t = "round and round and round; first and fifth and fifth; so, and on and on"
    >>> [_idiom(t, r, r.group(1).split()) for r in REPEAT_RE.finditer(t)]
    [True, False, True]
    """
    a, b = (w.lower() for w in words)
    if a in IDIOM_JOINERS and b not in IDIOM_JOINERS:
        before = PREV_WORD_RE.search(text, max(0, m.start() - 64), m.start())
        # `X and X and X`, or `, and X and X` opening a clause: no word the loop repeats.
        return before is None or before.group(1).lower() == b
    if b in IDIOM_JOINERS and a not in IDIOM_JOINERS:
        after = FOLLOWING_RE.match(text, m.end(3))
        return after is not None and after.group(1).lower() == a
    return False


def _key(text: str, m: regex.Match[str]) -> tuple[str, str]:
    """A repeat and the word after it, lower-cased."""
    nxt = FOLLOWING_RE.match(text, m.end(3))
    return m.group(1).lower(), nxt.group(1).lower() if nxt else ""


def _doubled_name(word: str) -> bool:
    """Whether a capitalised ``word`` is a name of its own in the gazetteers (``Hague``).

    ``Sirhan Sirhan`` and ``Bora Bora`` are names only doubled: neither half is listed.
    """
    low = word.lower()
    return word[:1].isupper() and (low in names() or low in proper_nouns())
