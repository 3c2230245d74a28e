"""Quotation marks stripped around reported speech (restored where the document shows why)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex

from newsfix.evidence import pos
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import contractions, word_class
from newsfix.rules.english.apostrophe import apostrophe_style
from newsfix.text import TextAnalysis, Word

__all__ = ["Attribution", "UnquotedSpeech", "find_attribution", "speech_evidence", "speech_like"]

STRAIGHT_APOSTROPHE_RE = regex.compile(r"\p{L}'\p{L}")
#: A reporting clause that introduces the speech after a colon: ``Trump said: It's over.``
COLON_RE = regex.compile(r"(?<=\p{L}):[ \t]+(?=\p{Lu})")
#: The longest reporting clause, and how far into it its verb may stand.
MAX_CLAUSE_WORDS = 18
MAX_VERB_POSITION = 8
#: What may follow the verb: `told reporters outside the chamber`, `said on Tuesday`.
MAX_AFTER_VERB = 5
#: Words that open a coordinated or subordinate clause, not a reporting clause.
CLAUSE_STARTS = frozenset(["and", "but", "or", "while", "because", "as", "when", "although",
                           "though", "since", "if", "so", "yet", "where", "which", "who"])


@dataclass(frozen=True)
class Attribution:
    """A sentence read as ``<speech>, <reporting clause>.``: where the speech ends."""

    speech_start: int
    speech_end: int  # after the comma that ends the speech
    verb: str


def find_attribution(analysis: TextAnalysis, start: int, end: int) -> Attribution | None:
    """The speech and reporting clause of the sentence ``[start, end)``, if it has that shape.

    The clause follows a comma, holds a reporting verb (``said``, ``told``…)
    among its first words with little after it (``said the dollar's rise may
    continue…`` is indirect speech), opens with no conjunction (``…, and
    analysts said…``), and has no first- or second-person word
    (``…, the Senate majority leader, John Thune, told reporters outside the
    chamber.``). The speech before it has at least three words.

    >>> text = "We have done our job, the Senate majority leader, John Thune, told reporters."
    >>> a = TextAnalysis(text); att = find_attribution(a, 0, len(text))
    >>> text[att.speech_start:att.speech_end], att.verb
    ('We have done our job,', 'told')
    >>> find_attribution(a, 0, 20) is None
    True
    """
    text = analysis.text
    verbs = word_class("reporting_verb")
    person = word_class("first_second_person")
    stops = word_class("attribution_stop")
    words = analysis.words_in(start, end)
    for k, w in enumerate(words):
        if k < 3 or text[w.start - 2:w.start] != ", ":
            continue  # a clause starts after ", " and the speech has three words
        clause = words[k:]
        if len(clause) > MAX_CLAUSE_WORDS:
            continue
        lows = [c.lower for c in clause]
        if any(x in person for x in lows) or any(x in stops for x in lows):
            continue
        position = next((i for i, x in enumerate(lows) if x in verbs), None)
        if position is None or position >= MAX_VERB_POSITION:
            continue
        if lows[0] in CLAUSE_STARTS:
            continue  # `…, and analysts said…`: a clause of its own
        # After the verb: its object or the speaker's name (`told reporters`, `said Priya
        # Raman, chief strategist at …`), or a prepositional phrase (`said at a meeting
        # Thursday with …`); a verb there makes it indirect speech (`said the dollar's
        # rise may continue…`). What follows a further comma is an apposition.
        after_clause = clause[position + 1:]
        cut = next((i for i in range(1, len(after_clause))
                    if text[after_clause[i - 1].end:after_clause[i].start].startswith(",")),
                   len(after_clause))
        after = [c.lower for c in after_clause[:cut]]
        if after and (set(after) & word_class("auxiliary") or "that" in after
                      or set(after) & word_class("subject_pronoun_case")):
            continue
        if len(after) > MAX_AFTER_VERB and after[0] not in word_class("preposition"):
            continue
        commas = [i for i in range(1, position + 1)
                  if text[clause[i - 1].end:clause[i].start].startswith(",")]
        if commas:
            # Only a name may stand before a comma inside the clause (`the Senate leader,
            # John Thune, told`); `…, an agreement with Iran, said Mr. Trump` goes on.
            last = commas[-1]
            segment = clause[commas[-2] if len(commas) > 1 else 0:last] if last == position \
                else clause[last:position]
            if not segment or not all(c.text[:1].isupper() for c in segment):
                continue
        if not regex.search(r"[.!?][\"”’)]*$", text[clause[-1].end:end]):
            continue
        return Attribution(start, w.start - 1, lows[position])
    return None


@cache
def _speech_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (word_class("first_second_person") | _contraction_words(),
            word_class("present_marker"), word_class("first_person_stripped"))


@cache
def _contraction_words() -> frozenset[str]:
    """Contractions, with their apostrophe or stripped of it (``don't``, ``dont``), lower case.

    News prose outside quotations writes ``do not``; a contraction before a
    reporting clause is the speaker's word. Only stripped forms that are no
    other word count (``en_contractions.tsv`` kind ``plain``: not ``were``,
    ``well``, ``cant``), and neither form of ``nobody's`` and the like, which
    can be possessives.

    >>> {"don't", "dont", "they're"} <= _contraction_words(), "were" in _contraction_words()
    (True, False)
    """
    out: set[str] = set()
    for stripped, (contraction, kind, _row) in contractions().items():
        if stripped.endswith(("bodys", "ones")):
            continue  # `nobody's`, `everyone's`: also possessives
        out.add(contraction.lower())
        if kind == "plain":
            out.add(stripped)
    return frozenset(out)


def speech_evidence(words: Iterable[Word], text: str, analysis: TextAnalysis) -> str | None:
    """How a stretch reads as direct speech: ``strong``, ``weak`` or None.

    Strong: the first or second person (``we``, ``my``, ``you``), a
    contraction (``don't``, or ``dont`` in a text that lost its apostrophes),
    an exclamation or a question — news paraphrase has none of them. Weak: the
    present tense or a modal (``is``, ``will``, ``nobody wants``), which
    direct speech keeps and indirect speech usually shifts back, but which
    paraphrase of plans and facts has too. A lower-case ``i`` is no pronoun.
    """
    person, present, stripped = _speech_words()
    weak = False
    prev: Word | None = None
    for w in words:
        low = w.lower.replace("’", "'")
        if (low in person and w.text != "i") or w.text in stripped:
            return "strong"
        if low in present:
            weak = True
        elif low.endswith("s") and not low.endswith("ss") and len(low) > 3 \
                and pos(low).verb >= 0.5 and pos(low).noun < 0.3 and (
                    prev is None or prev.lower not in word_class("determiner")):
            weak = True  # a verb in the third person present: `nobody wants`
        prev = w
    if "!" in text or "?" in text:
        return "strong"
    return "weak" if weak else None


def speech_like(words: Iterable[Word], text: str, analysis: TextAnalysis) -> bool:
    """Whether a stretch reads as direct speech at all (see :func:`speech_evidence`)."""
    return speech_evidence(words, text, analysis) is not None


@dataclass
class _Quote:
    """A quote to restore: its span, evidence tier, strength of evidence and reason."""

    start: int
    end: int
    tier: str
    evidence: str
    why: str


#: Why a sentence is a quote of its own: it goes on from the quote before it.
CONTINUES = "the quote goes on after its clause"
#: The tiers from the strongest evidence to the weakest (a merged quote takes the weaker).
TIER_ORDER = ("profiled_sentence", "profiled_colon", "profiled_continuation",
              "profiled_paragraph", "profiled_present", "guess")


class UnquotedSpeech(Rule):
    """Restore the quotation marks of reported speech in a document that lost them.

    A round trip through another language strips quotation marks: ``It's not
    my war, Trump said.`` Paraphrase without quotes is normal news style too
    (``The talks had gone well, he said.``), so a span is only considered when
    it reads as direct speech — first or second person, the present tense or a
    modal, an exclamation or a question — before a reporting clause
    (:func:`find_attribution`), after ``said:``, or right after such a quote
    in the same paragraph (``…, she said. But a shutdown would hurt us.``).

    The marks are restored (two insertions) only in a document whose damage
    profile shows stripped quotation marks (direct speech throughout and few
    quotations marked), and only where the evidence of direct speech is
    strong (:func:`speech_evidence`). Where it is weak (the present tense
    alone), or the quote's start is a guess (several sentences before a
    closing ``Mr. Trump wrote.``), the marks are suggested; in a document that
    marks its quotations, only strong evidence gets a suggestion. Sentences
    that still have quotation marks are left alone.
    """

    id = "UNQUOTED_SPEECH"
    category = "quote"
    stage = "repair"
    languages = frozenset({"en"})
    description = "reported speech without quotation marks"
    tiers = {"guess": 0.5, "profiled_sentence": 0.92, "profiled_present": 0.8,
             "profiled_colon": 0.9, "profiled_continuation": 0.9, "profiled_paragraph": 0.85}
    lexicons = ("en_word_classes.tsv",)
    examples = (
        Example("⟦⟧It's not my war,⟦⟧ Trump said at the meeting.",
                '"It\'s not my war," Trump said at the meeting.', kind="suggest",
                note="straight quotes beside the document's straight apostrophe"),
        Example("⟦⟧Vladimir, stop! Make the deal!⟦⟧ Mr. Trump wrote on social networks.",
                "“Vladimir, stop! Make the deal!” Mr. Trump wrote on social networks.",
                kind="suggest"),
        Example("The talks went well, he said. “I’m sure,” she said.", kind="clean"),
        Example("⟦⟧It’s not my war,⟦⟧ Trump said. Mr. Rutte agreed. ⟦⟧We will see,⟦⟧ he said. "
                "The talks had gone well, they said.",
                "“It’s not my war,” Trump said. Mr. Rutte agreed. “We will see,” he said. "
                "The talks had gone well, they said.",
                note="a document with reported speech and no quotation mark lost them: the "
                     "direct speech is quoted, the paraphrase stays"),
        Example("⟦⟧We have done our job,⟦⟧ the Senate leader, John Thune, told reporters. "
                "⟦⟧Nobody wants a shutdown, least of all us.⟦⟧\n\n⟦⟧It is not the budget I "
                "would write,⟦⟧ said Ms. Klobuchar.",
                "“We have done our job,” the Senate leader, John Thune, told reporters. "
                "“Nobody wants a shutdown, least of all us.”\n\n“It is not the budget I "
                "would write,” said Ms. Klobuchar.",
                note="a long reporting clause, and the quote continuing after it"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        text = analysis.text
        opening, closing = self._marks(scope)
        damaged = scope.damage.damaged("quote")
        marks = analysis.memo("quote_mark_positions",
                              lambda: [m.pos for m in analysis.quote_marks])
        sentences = [s for s in scope.sentences() if not _has_mark(marks, s.start, s.end)]
        # A quote that goes on in the next sentence with nothing between them (`My
        # daughter lives there. She can't come out here.`) is one quote, not one per
        # sentence; after a reporting clause (`…, she said. But…`) a new quote opens.
        quotes: list[_Quote] = []
        quoted_before = False
        for k, sentence in enumerate(sentences):
            found = self._one(analysis, sentence.start, sentence.end, k, sentences,
                              quoted_before)
            quoted_before = False
            if found is None:
                continue
            s, e, tier, evidence, why = found
            if evidence == "weak" and not damaged:
                continue  # present tense alone is paraphrase often enough
            quoted_before = tier in ("profiled_sentence", "profiled_present",
                                     "profiled_continuation", "profiled_colon")
            last = quotes[-1] if quotes else None
            if why == CONTINUES and last is not None and not text[last.end:s].strip():
                last.end = e  # the quote before goes on: its closing mark moves here
                last.tier = max(last.tier, tier, key=TIER_ORDER.index)  # the weaker
                last.evidence = "strong" if "strong" in (last.evidence, evidence) else "weak"
                continue
            quotes.append(_Quote(s, e, tier, evidence, why))
        for q in quotes:
            tier = q.tier if damaged else "guess"
            message = (f"reported speech without quotation marks ({q.why}, {q.evidence} "
                       "evidence of direct speech)"
                       + ("; the document lost its quotation marks" if damaged else ""))
            # Two insertions, one per mark: the words between are not touched.
            yield scope.change(q.start, q.start, opening, tier=tier, suggest_only=not damaged,
                               message=message)
            yield scope.change(q.end, q.end, closing, tier=tier, suggest_only=not damaged,
                               message=message)

    def _one(self, analysis: TextAnalysis, start: int, end: int, k: int,
             sentences: list[Scope], quoted_before: bool
             ) -> tuple[int, int, str, str, str] | None:
        text = analysis.text
        att = find_attribution(analysis, start, end)
        if att is not None:
            words = analysis.words_in(att.speech_start, att.speech_end)
            ev = speech_evidence(words, text[att.speech_start:att.speech_end], analysis)
            if ev is None:
                return None
            tier = "profiled_sentence" if ev == "strong" else "profiled_present"
            return att.speech_start, att.speech_end, tier, ev, f"speech before '{att.verb}'"
        colon = COLON_RE.search(text, start, end)
        if colon is not None:
            before = analysis.words_in(start, colon.start())
            if before and before[-1].lower in word_class("reporting_verb") and len(before) <= 6:
                words = analysis.words_in(colon.end(), end)
                ev = speech_evidence(words, text[colon.end():end], analysis)
                if len(words) >= 3 and ev is not None:
                    return colon.end(), end, "profiled_colon", ev, "speech after a colon"
            return None
        words = analysis.words_in(start, end)
        verbs = word_class("reporting_verb")
        if quoted_before and not any(w.lower in verbs for w in words) and len(words) >= 3:
            ev = speech_evidence(words, text[start:end], analysis)
            if ev is not None:
                tier = "profiled_continuation" if ev == "strong" else "profiled_present"
                return start, end, tier, ev, CONTINUES
        last = len(sentences) - 1
        if k == last and k >= 1 and _closing_attribution(analysis, start, end):
            s, e = sentences[0].start, sentences[k - 1].end
            chunk = analysis.words_in(s, e)
            ev = speech_evidence(chunk, text[s:e], analysis)
            if ev == "strong" and not any(w.lower in verbs for w in chunk):
                return s, e, "profiled_paragraph", ev, "speech before a closing attribution"
        return None

    @staticmethod
    def _marks(scope: Scope) -> tuple[str, str]:
        """The document's quotation marks: ``‘…’`` where those survived more than ``“…”``;
        straight beside straight apostrophes; else curly."""
        text = scope.full_text
        analysis = scope.analysis

        def marks() -> tuple[str, str]:
            single = sum(1 for m in analysis.quote_marks if m.char == "‘" and m.role == "open")
            if single > sum(1 for m in analysis.quote_marks if m.char == "“"):
                return ("‘", "’")  # a British house style: ‘…’ where quotes survived
            style = analysis.memo("apostrophe_style", lambda: apostrophe_style(text))
            straight = text.count('"') > text.count("“") or (
                "“" not in text and style == "'" and STRAIGHT_APOSTROPHE_RE.search(text))
            return ('"', '"') if straight else ("“", "”")

        # Once per text, not once per paragraph: counting the whole document per scope
        # made the rule quadratic in the number of paragraphs.
        return analysis.memo("quote_marks", marks)


def _has_mark(marks: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_left(marks, start)
    return k < len(marks) and marks[k] < end


def _closing_attribution(analysis: TextAnalysis, start: int, end: int) -> bool:
    """A short sentence that only says who spoke: ``Mr. Trump wrote on social networks.``"""
    words = analysis.words_in(start, end)
    verbs = word_class("reporting_verb")
    if not 2 <= len(words) <= 8 or analysis.text[end - 1:end] != ".":
        return False
    position = next((i for i, w in enumerate(words) if w.lower in verbs), None)
    if position is None or position > 3:
        return False
    subject = words[:position]
    return bool(subject) and all(w.text[:1].isupper() or w.lower in ("he", "she", "they")
                                 for w in subject)

