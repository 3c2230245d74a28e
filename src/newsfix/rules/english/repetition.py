"""Repetition loops of machine translation (``in Istanbul in Istanbul``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from newsfix.aligned import Change, Span
from newsfix.document import Document
from newsfix.rules.base import Example, Rule
from newsfix.rules.english._lexicon import names, proper_nouns

__all__ = ["RepeatedPhrase"]

#: An immediate repeat of a sequence of one to six words, separated by spaces only.
REPEAT_RE = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?:\p{L}+)(?:[^\S\n]+\p{L}+){0,5})([^\S\n]+)(\1)(?![\p{L}\p{N}'’-])",
    regex.IGNORECASE)
#: Single words that machine translation doubles and English never does.
DOUBLED_NEVER = frozenset(
    ["the", "a", "an", "of", "and", "with", "from", "for", "his", "their", "our", "its", "this",
     "these", "those", "to", "by", "at"])
QUOTES = frozenset("\"“‘'«")
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
    examples = (
        Example("They met in Istanbul in Istanbul last week.", "They met in Istanbul last week."),
        Example("He said that his administration that his administration undertakes talks.",
                "He said that his administration undertakes talks."),
        Example("She had had enough; he said that that was very, very bad, bye-bye.",
                kind="clean"),
        Example("Sirhan Sirhan was held. It is what it is, is it not?", kind="clean"),
        Example("The two sides personally meet personally.", "The two sides personally meet.",
                kind="suggest"),
        Example("The summit in the Hague Hague will test the industry industry industry.",
                "The summit in the Hague will test the industry."),
        Example("The indie group the the band sold out. Mo from the the band spoke.",
                kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        recurring = Counter(_key(text, m) for m in _repeats(text))
        for para in doc.paragraphs_in(self.languages):
            done = 0
            for m in _repeats(para.text):
                first, second = m.group(1), m.group(3)
                if m.start() < done:
                    continue  # overlaps a repeat already collapsed
                words = first.split()
                if len(words) == 1 and first != second:
                    continue
                if len(words) == 1 and not _doubled_name(first) and (
                        first.lower() not in DOUBLED_NEVER
                        or para.text[m.start() - 1:m.start()] in QUOTES):
                    continue  # a quoted `“the the”` is a mention of the typo, not a loop
                if recurring[_key(para.text, m)] >= 2:
                    continue  # `the the band` three times: a name, not a loop
                start = para.start + m.end(1)
                end = para.start + m.end(3)
                yield self.change(start, end, "", confidence=0.95,
                                  message=f"repeated words: {second!r}")
                doc.flag_review(self._sentence(text, start), "machine-translation loop")
                done = m.end(3)
            for m in TRIPLE_RE.finditer(para.text):
                start, end = para.start + m.start(2), para.start + m.end(2)
                yield self.change(start, end, "", confidence=0.95,
                                  message=f"repeated word: {m.group(1)!r}")
                doc.flag_review(self._sentence(text, start), "machine-translation loop")
            for m in ECHO_RE.finditer(para.text):
                start, end = para.start + m.start(3), para.start + m.end(4)
                yield self.change(start, end, "", confidence=0.6,
                                  message=f"adverb repeated: {m.group(1)!r}")

    @staticmethod
    def _sentence(text: str, pos: int) -> Span:
        a = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
        ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i >= 0]
        b = min(ends) + 1 if ends else len(text)
        while a < b and text[a].isspace():
            a += 1
        return Span(a, min(b, len(text)))


def _repeats(text: str) -> Iterable[regex.Match[str]]:
    """Back-to-back repeats of ``text`` (case-insensitive), left to right.

    The search resumes after each repeat's first half, so repeats may overlap.

    A single lower-case word said three times or more is left to ``TRIPLE_RE``.
    """
    pos = 0
    while True:
        m = REPEAT_RE.search(text, pos)
        if m is None:
            return
        first, second = m.group(1), m.group(3)
        if first != second and first.lower() != second.lower():
            pos = m.end(1)
            continue
        triple = TRIPLE_RE.match(text, m.start())
        if triple is not None and " " not in first:
            pos = triple.end()
            continue
        yield m
        pos = m.end(1)


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
