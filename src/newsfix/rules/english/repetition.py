"""Repetition loops of machine translation (``in Istanbul in Istanbul``)."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsfix.aligned import Change, Span
from newsfix.document import Document
from newsfix.rules.base import Example, Rule

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
    (``Sirhan Sirhan``, ``Bora Bora``) are left alone. The loop often runs
    further than the repeat, so the sentence is flagged for review.
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
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        for para in doc.paragraphs_in(self.languages):
            pos = 0
            while True:
                m = REPEAT_RE.search(para.text, pos)
                if m is None:
                    break
                first, second = m.group(1), m.group(3)
                words = first.split()
                pos = m.end(1)
                if first != second and first.lower() != second.lower():
                    continue
                if len(words) == 1 and (first.lower() not in DOUBLED_NEVER or first != second
                                        or para.text[m.start() - 1:m.start()] in QUOTES):
                    continue  # a quoted `“the the”` is a mention of the typo, not a loop
                start = para.start + m.end(1)
                end = para.start + m.end(3)
                yield self.change(start, end, "", confidence=0.95,
                                  message=f"repeated words: {second!r}")
                doc.flag_review(self._sentence(text, start), "machine-translation loop")
                pos = m.end(3)
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
