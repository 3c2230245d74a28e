"""Quotation marks stripped around reported speech (suggested, never applied)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import word_class
from newsfix.rules.english.apostrophe import apostrophe_style

__all__ = ["UnquotedSpeech"]

STRAIGHT_APOSTROPHE_RE = regex.compile(r"\p{L}'\p{L}")
SPEAKER = (r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,2}"
           r"|he|she|they)")


@cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """The attribution patterns, built from the reporting verbs of ``en_word_classes.tsv``."""
    verbs = sorted(word_class("reporting_verb"), key=len, reverse=True)
    alternatives = [rf"{v}\s+\p{{L}}+" if v == "told" else v for v in verbs]
    verb = "(?:" + "|".join(alternatives) + ")"
    # `<speech>, Trump said …` or `<speech>, said Mr. Trump.`
    comma = regex.compile(
        rf"^(?P<speech>.+),\s+(?:{SPEAKER}\s+{verb}|{verb}\s+{SPEAKER})\b[^,;]*[.!?]$",
        regex.DOTALL)
    # A short closing sentence that only says who spoke: `Mr. Trump wrote on social networks.`
    closing = regex.compile(rf"^{SPEAKER}\s+{verb}\b(?:\s+\p{{Ll}}+){{0,5}}\.$")
    # `I` and `I'm` only in capitals (a lower-case `i` is no pronoun in edited text);
    # the other words in any case (`We will see`).
    person = sorted(word_class("first_second_person"), key=len, reverse=True)
    own = [regex.escape(w).replace("'", "['’]") for w in person if not w.startswith("i")]
    pronoun = [regex.escape(w.upper() if w == "i" else "I" + w[1:]).replace("'", "['’]")
               for w in person if w.startswith("i")]
    speech = regex.compile(rf"\b(?:(?i:{'|'.join(own)})|{'|'.join(pronoun)})\b")
    return comma, closing, speech


class UnquotedSpeech(Rule):
    """Suggest quotation marks around reported speech whose quotes were stripped.

    Paraphrase without quotes is normal news style (``The talks went well, he
    said.``), so only speech in the first or second person (``It's not my
    war, Trump said``) or with exclamations, in a paragraph without any
    quotation mark, is considered. In a document whose damage profile shows
    stripped quotation marks (reported speech throughout, no quotation marked
    anywhere) the quote is restored when it is one sentence before its
    reporting clause; a quote of several sentences before a closing ``Mr.
    Trump wrote.`` (where it began is a guess) and any quote in a document
    that still marks its quotations are only suggested.
    """

    id = "UNQUOTED_SPEECH"
    category = "quote"
    stage = "repair"
    languages = frozenset({"en"})
    description = "reported speech without quotation marks"
    tiers = {"guess": 0.5, "profiled_sentence": 0.92, "profiled_paragraph": 0.85}
    lexicons = ("en_word_classes.tsv",)
    examples = (
        Example("⟦It's not my war,⟧ Trump said at the meeting.",
                '"It\'s not my war," Trump said at the meeting.', kind="suggest",
                note="straight quotes beside the document's straight apostrophe"),
        Example("⟦Vladimir, stop! Make the deal!⟧ Mr. Trump wrote on social networks.",
                "“Vladimir, stop! Make the deal!” Mr. Trump wrote on social networks.",
                kind="suggest"),
        Example("The talks went well, he said. “I’m sure,” she said.", kind="clean"),
        Example("⟦It’s not my war,⟧ Trump said. Mr. Rutte agreed. ⟦We will see,⟧ he said. The "
                "talks went well, they said.",
                "“It’s not my war,” Trump said. Mr. Rutte agreed. “We will see,” he said. The "
                "talks went well, they said.",
                note="a document with reported speech and no quotation mark lost them: the "
                     "first-person spans are quoted, the paraphrase stays"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.full_text
        if any(scope.start <= m.pos < scope.end for m in scope.analysis.quote_marks):
            return  # the paragraph has quotation marks: its speech was not stripped
        # Match the document's typography: straight quotes beside straight apostrophes.
        style = scope.analysis.memo("apostrophe_style", lambda: apostrophe_style(text))
        straight = '"' in text or (style == "'" and STRAIGHT_APOSTROPHE_RE.search(text))
        curly = "“" in text or not straight
        opening, closing = ("“", "”") if curly else ('"', '"')
        comma_re, closing_re, _ = _patterns()
        damaged = scope.damage.damaged("quote")
        sentences = scope.sentences()
        for k, sentence in enumerate(sentences):
            m = comma_re.match(sentence.text)
            if m and self._speech(m.group("speech")):
                s, e = sentence.start, sentence.start + m.end("speech") + 1
                yield scope.change(
                    s, e, opening + text[s:e] + closing, suggest_only=not damaged,
                    tier="profiled_sentence" if damaged else "guess",
                    message="reported speech without quotation marks"
                            + (" in a document that lost its quotation marks" if damaged else ""))
                continue
            if k and k == len(sentences) - 1 and closing_re.match(sentence.text):
                s, e = sentences[0].start, sentences[k - 1].end
                speech = text[s:e]
                if self._speech(speech) or speech.rstrip().endswith(("!", "?")):
                    yield scope.change(
                        s, e, opening + speech + closing, suggest_only=not damaged,
                        tier="profiled_paragraph" if damaged else "guess",
                        message="reported speech without quotation marks (where it begins is "
                                "a guess)")

    @staticmethod
    def _speech(span: str) -> bool:
        return bool(_patterns()[2].search(span)) or "!" in span
