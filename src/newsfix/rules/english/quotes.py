"""Quotation marks stripped around reported speech (suggested, never applied)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import word_class

__all__ = ["UnquotedSpeech"]

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
    # Case as written in prose: `I`, `I'm`, and the other words in lower case.
    person = sorted((w.replace("i'm", "I'm") if w.startswith("i'") else "I" if w == "i" else w
                     for w in word_class("first_second_person")), key=len, reverse=True)
    words = "|".join(regex.escape(w).replace("'", "['’]") for w in person)
    speech = regex.compile(rf"\b(?:{words})\b")
    return comma, closing, speech


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
    tiers = {"guess": 0.5}
    lexicons = ("en_word_classes.tsv",)
    examples = (
        Example("⟦It's not my war,⟧ Trump said at the meeting.",
                "“It's not my war,” Trump said at the meeting.", kind="suggest"),
        Example("⟦Vladimir, stop! Make the deal!⟧ Mr. Trump wrote on social networks.",
                "“Vladimir, stop! Make the deal!” Mr. Trump wrote on social networks.",
                kind="suggest"),
        Example("The talks went well, he said. “I’m sure,” she said.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.full_text
        if any(scope.start <= m.pos < scope.end for m in scope.analysis.quote_marks):
            return  # the paragraph has quotation marks: its speech was not stripped
        curly = "“" in text or "’" in text or '"' not in text
        opening, closing = ("“", "”") if curly else ('"', '"')
        comma_re, closing_re, _ = _patterns()
        sentences = scope.sentences()
        for k, sentence in enumerate(sentences):
            m = comma_re.match(sentence.text)
            if m and self._speech(m.group("speech")):
                s, e = sentence.start, sentence.start + m.end("speech") + 1
                yield scope.change(s, e, opening + text[s:e] + closing, tier="guess",
                                   suggest_only=True,
                                   message="reported speech without quotation marks")
                continue
            if k and k == len(sentences) - 1 and closing_re.match(sentence.text):
                s, e = sentences[0].start, sentences[k - 1].end
                speech = text[s:e]
                if self._speech(speech) or speech.rstrip().endswith(("!", "?")):
                    yield scope.change(s, e, opening + speech + closing, tier="guess",
                                       suggest_only=True,
                                       message="reported speech without quotation marks")

    @staticmethod
    def _speech(span: str) -> bool:
        return bool(_patterns()[2].search(span)) or "!" in span
