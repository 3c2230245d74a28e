"""Quotation marks stripped around reported speech (suggested, never applied)."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.rules.base import Example, Rule

__all__ = ["UnquotedSpeech"]

QUOTE_CHARS_RE = regex.compile(r"[\"“”«»„‘]|(?<!\p{L})'|'(?!\p{L})")
SENTENCE_RE = regex.compile(
    r"\S.*?(?:(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|\p{Lu}))[.!?]+(?=\s|$)|$)",
    regex.DOTALL)
VERBS = r"(?:said|says|added|wrote|told\s+\p{L}+|asked|insisted|replied|declared|warned|tweeted)"
SPEAKER = (r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,2}"
           r"|he|she|they)")
#: ``<speech>, Trump said …`` or ``<speech>, said Mr. Trump.``
COMMA_ATTRIBUTION_RE = regex.compile(
    rf"^(?P<speech>.+),\s+(?:{SPEAKER}\s+{VERBS}|{VERBS}\s+{SPEAKER})\b[^,;]*[.!?]$",
    regex.DOTALL)
#: A short closing sentence that only says who spoke: ``Mr. Trump wrote on social networks.``
ATTRIBUTION_SENTENCE_RE = regex.compile(rf"^{SPEAKER}\s+{VERBS}\b(?:\s+\p{{Ll}}+){{0,5}}\.$")
#: Words of direct speech: first and second person.
PERSON_RE = regex.compile(r"\b(?:I|me|my|we|us|our|you|your|I'm|I’m|we're|we’re)\b")


class UnquotedSpeech(Rule):
    """Suggest quotation marks around reported speech whose quotes were stripped.

    Paraphrase without quotes is normal news style (``The talks went well, he
    said.``), so only speech in the first or second person (``It's not my
    war, Trump said``) or with exclamations, in a paragraph without any
    quotation mark, is suggested; nothing is ever applied: where the quote
    began is a guess a person must confirm.
    """

    id = "UNQUOTED_SPEECH"
    category = "quote"
    stage = "repair"
    languages = frozenset({"en"})
    description = "reported speech without quotation marks"
    examples = (
        Example("It's not my war, Trump said at the meeting.",
                "“It's not my war,” Trump said at the meeting.", kind="suggest"),
        Example("Vladimir, stop! Make the deal! Mr. Trump wrote on social networks.",
                "“Vladimir, stop! Make the deal!” Mr. Trump wrote on social networks.",
                kind="suggest"),
        Example("The talks went well, he said. “I’m sure,” she said.", kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        curly = "“" in text or "’" in text or '"' not in text
        opening, closing = ("“", "”") if curly else ('"', '"')
        for para in doc.paragraphs_in(self.languages):
            if QUOTE_CHARS_RE.search(para.text):
                continue
            sentences = [(m.start(), m.end()) for m in SENTENCE_RE.finditer(para.text)]
            for k, (a, b) in enumerate(sentences):
                sentence = para.text[a:b]
                m = COMMA_ATTRIBUTION_RE.match(sentence)
                if m and self._speech(m.group("speech")):
                    s, e = para.start + a, para.start + a + m.end("speech") + 1
                    yield self.change(s, e, opening + text[s:e] + closing, confidence=0.5,
                                      suggest_only=True,
                                      message="reported speech without quotation marks")
                    continue
                if k and k == len(sentences) - 1 and ATTRIBUTION_SENTENCE_RE.match(sentence):
                    speech = para.text[sentences[0][0]:sentences[k - 1][1]]
                    if self._speech(speech) or speech.rstrip().endswith(("!", "?")):
                        s = para.start + sentences[0][0]
                        e = para.start + sentences[k - 1][1]
                        yield self.change(s, e, opening + text[s:e] + closing, confidence=0.5,
                                          suggest_only=True,
                                          message="reported speech without quotation marks")

    @staticmethod
    def _speech(span: str) -> bool:
        return bool(PERSON_RE.search(span)) or "!" in span
