"""Quotation marks stripped around reported speech (restored where the document shows why)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex

from newsfix.evidence import pos
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import contractions, word_class
from newsfix.rules.english.apostrophe import ContractionApostrophe, Lazy, apostrophe_style
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


#: A sentence that opens on a dash: speech marked the way dialogue is in many styles.
DASH_SPEECH_RE = regex.compile(r"[ \t]*[\u2014\u2013\u2015]")


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
    >>> dash = "\u2014 I am not the player I was at 25, he said."
    >>> find_attribution(TextAnalysis(dash), 0, len(dash)) is None
    True
    """
    text = analysis.text
    if DASH_SPEECH_RE.match(text, start):
        return None  # `— I'm not the player I was, he said`: dialogue marked by a dash
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


def speech_evidence(words: Iterable[Word], text: str, analysis: TextAnalysis,
                    stripped_apostrophes: Lazy | bool = False) -> str | None:
    """How a stretch reads as direct speech: ``strong``, ``weak`` or None.

    Strong: the first or second person (``we``, ``my``, ``you``), a
    contraction (``don't``, or ``dont`` in a text that lost its apostrophes),
    an exclamation or a question — news paraphrase has none of them. Weak: the
    present tense or a modal (``is``, ``will``, ``nobody wants``), which
    direct speech keeps and indirect speech usually shifts back, but which
    paraphrase of plans and facts has too. A lower-case ``i`` is no pronoun.

    A stripped form that is a word of its own too (``its``, ``were``,
    ``well``) is a contraction where the contraction rule reads one
    (``Its safe``, ``Its been used``; ``Were trying`` in a text whose damage
    profile shows ``stripped_apostrophes``, a truth value read only then).

    >>> a = TextAnalysis("Its been used for decades")
    >>> speech_evidence(a.words, a.text, a), speech_evidence(a.words[1:], a.text, a)
    ('strong', None)
    """
    person, present, stripped = _speech_words()
    table = contractions()
    weak = False
    prev: Word | None = None
    for w in words:
        low = w.lower.replace("’", "'")
        if (low in person and w.text != "i") or w.text in stripped:
            return "strong"
        if (low == "its" or (low in table and not low.endswith(("bodys", "ones")))) \
                and ContractionApostrophe._judge(
                analysis, w, table, stripped_apostrophes) is not None:
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
              "profiled_context", "profiled_run", "profiled_paragraph", "profiled_present",
              "guess")
#: The tiers whose quotes are applied in a document that lost its quotation marks.
APPLIED = frozenset(TIER_ORDER[:6])


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
             "profiled_colon": 0.9, "profiled_continuation": 0.9, "profiled_paragraph": 0.85,
             "profiled_context": 0.9, "profiled_run": 0.9}
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
        stripped = Lazy(lambda: scope.damage.damaged("apostrophe"))
        marks = analysis.memo("quote_mark_positions",
                              lambda: [m.pos for m in analysis.quote_marks])
        sentences = scope.sentences()
        readings = [_read(analysis, s.start, s.end, _has_mark(marks, s.start, s.end), stripped)
                    for s in sentences]
        unmarked = [s for s, r in zip(sentences, readings) if r.kind != "marked"]
        # A quote that goes on in the next sentence with nothing between them (`My
        # daughter lives there. She can't come out here.`) is one quote, not one per
        # sentence; after a reporting clause (`…, she said. But…`) a new quote opens.
        quotes: list[_Quote] = []
        # How the quote just before reads (None: no quote before): `strong` for one
        # applied or marked (`“…,” she said.`), `weak` for one only suggested.
        before: str | None = None
        for k, (sentence, r) in enumerate(zip(sentences, readings)):
            after, before = before, None
            if r.kind == "marked":
                before = "strong" if damaged and r.reported else None
                continue
            nxt = readings[k + 1] if k + 1 < len(readings) else None
            found = self._decide(r, after, nxt, damaged)
            if found is None:
                if r.kind == "other" and k == len(sentences) - 1 and len(unmarked) >= 2 \
                        and unmarked[-1] is sentence:
                    found = self._paragraph(analysis, unmarked, stripped)
                if found is None:
                    continue
            s, e, tier, evidence, why = found
            if evidence == "weak" and not damaged and tier not in APPLIED:
                continue  # present tense alone is paraphrase often enough
            before = "strong" if tier in APPLIED else "weak"
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

    @staticmethod
    def _decide(r: _Reading, after: str | None, nxt: _Reading | None, damaged: bool
                ) -> tuple[int, int, str, str, str] | None:
        """The quote a sentence's reading makes, given the quote before it and the next one."""
        ev = r.evidence
        if r.kind == "head":
            why = f"speech before '{r.verb}'"
            if ev == "strong":
                return r.start, r.end, "profiled_sentence", ev, why
            if not damaged:
                return None
            # The quote goes on in the next sentence in the first person (`Nobodys
            # against housing, said Gerald Fitch. Were against a project…`), or a person
            # speaks (`Five years ago nobody asked for it, Mr Doyle said.`) of no figures
            # and with no tense shifted back (`The talks had gone well, he said.`).
            goes_on = nxt is not None and nxt.kind == "other" and nxt.evidence == "strong" \
                and nxt.continuable
            if goes_on or (r.person and not r.figures and (ev == "weak" or not r.shifted)):
                return (r.start, r.end, "profiled_context", ev or "weak",
                        why + (", the quote goes on" if goes_on else ", a person speaks"))
            if ev == "weak":
                return r.start, r.end, "profiled_present", ev, why
            return None
        if r.kind == "colon":
            return (r.start, r.end, "profiled_colon", ev, "speech after a colon") \
                if ev is not None else None
        if r.kind != "other" or after is None or not r.continuable:
            return None
        if ev == "strong":
            return r.start, r.end, "profiled_continuation", ev, CONTINUES
        if after == "strong" and damaged and not r.person and not (ev is None and r.figures):
            # The quote before goes on: in news, the sentence after a quote and its
            # reporting clause, in the same paragraph, is the speaker's too.
            return r.start, r.end, "profiled_run", ev or "weak", CONTINUES
        if ev == "weak":
            return r.start, r.end, "profiled_present", ev, CONTINUES
        return None

    @staticmethod
    def _paragraph(analysis: TextAnalysis, sentences: list[Scope], stripped: Lazy
                   ) -> tuple[int, int, str, str, str] | None:
        """Several sentences before a closing ``Mr. Trump wrote on social networks.``"""
        text = analysis.text
        last = sentences[-1]
        if not _closing_attribution(analysis, last.start, last.end):
            return None
        s, e = sentences[0].start, sentences[-2].end
        chunk = analysis.words_in(s, e)
        ev = speech_evidence(chunk, text[s:e], analysis, stripped)
        verbs = word_class("reporting_verb")
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


@dataclass(frozen=True)
class _Reading:
    """How one sentence of a paragraph reads: a quote's head, a colon, a mark, or other.

    ``start``/``end``: the speech (the whole sentence for ``other``); ``person``:
    a person speaks in the reporting clause; ``figures``: the speech has digits;
    ``shifted``: its tense is shifted back (``had gone``, ``would``) (for ``other``:
    ``person``, the sentence starts with a person: ``he``, ``they``, a title, a name);
    ``continuable``: a sentence that may go on with the quote before it;
    ``reported``: a marked sentence that ends in its reporting clause.
    """

    kind: str  # "head", "colon", "marked", "other" or "none"
    start: int = 0
    end: int = 0
    evidence: str | None = None
    verb: str = ""
    person: bool = False
    figures: bool = False
    shifted: bool = False
    continuable: bool = False
    reported: bool = False


FIGURE_RE = regex.compile(r"\d")
#: The words before a colon that introduce speech: `Tim Bonner, chief executive of the
#: Countryside Alliance, said: …`.
MAX_COLON_CLAUSE = 12


def _read(analysis: TextAnalysis, start: int, end: int, marked: bool, stripped: Lazy
          ) -> _Reading:
    """How the sentence ``[start, end)`` reads (see :class:`_Reading`)."""
    text = analysis.text
    verbs = word_class("reporting_verb")
    if marked:
        return _Reading("marked", start, end, reported=_reported_after_mark(analysis, start, end))
    att = find_attribution(analysis, start, end)
    if att is not None:
        words = analysis.words_in(att.speech_start, att.speech_end)
        chunk = text[att.speech_start:att.speech_end]
        return _Reading("head", att.speech_start, att.speech_end,
                        speech_evidence(words, chunk, analysis, stripped), att.verb,
                        person=_person_speaks(analysis, att.speech_end, end),
                        figures=FIGURE_RE.search(chunk) is not None, shifted=_shifted(words))
    colon = COLON_RE.search(text, start, end)
    if colon is not None:
        before = analysis.words_in(start, colon.start())
        if before and before[-1].lower in verbs and len(before) <= MAX_COLON_CLAUSE \
                and before[0].lower not in CLAUSE_STARTS \
                and not any(w.lower in verbs for w in before[:-1]):
            words = analysis.words_in(colon.end(), end)
            ev = speech_evidence(words, text[colon.end():end], analysis, stripped)
            if len(words) >= 3:
                return _Reading("colon", colon.end(), end, ev)
        return _Reading("none")
    words = analysis.words_in(start, end)
    ev = speech_evidence(words, text[start:end], analysis, stripped)
    reports = any(w.lower in verbs for w in words)
    continuable = (len(words) >= 3 or (len(words) == 2 and ev is not None)) \
        and (not reports or ev == "strong")
    # A sentence about a person (`Mr. Rutte agreed.`, `She was one of 14 Democrats…`,
    # `Stacy Rasgon agreed.`)
    # goes on with the story, not with the quote, unless it reads as speech itself.
    person = bool(words) and (
        words[0].lower in ("he", "she", "they") or words[0].lower in word_class("possessor_title")
        or (len(words) > 1 and words[1].text[:1].isupper()
            and not analysis.capital_expected(words[1].start)))
    return _Reading("other", start, end, ev, person=person,
                    figures=FIGURE_RE.search(text, start, end) is not None,
                    continuable=continuable)


def _reported_after_mark(analysis: TextAnalysis, start: int, end: int) -> bool:
    """Whether a marked sentence ends in its reporting clause: ``“…,” she said.``

    >>> text = "“We are ready,” she said. “It isn’t over” was the slogan."
    >>> a = TextAnalysis(text)
    >>> _reported_after_mark(a, 0, 25), _reported_after_mark(a, 26, len(text))
    (True, False)
    """
    text = analysis.text
    marks = analysis.memo("quote_mark_positions",
                          lambda: [m.pos for m in analysis.quote_marks])
    k = bisect.bisect_left(marks, end) - 1
    if k < 0 or marks[k] < start:
        return False
    p = marks[k]
    if text[p] not in "”’\"" or text[p - 1:p] not in (",", "!", "?") \
            or text[end - 1:end] != ".":
        return False
    clause = analysis.words_in(p + 1, end)
    verbs = word_class("reporting_verb")
    return 1 <= len(clause) <= MAX_CLAUSE_WORDS and any(w.lower in verbs for w in clause[:4])


def _person_speaks(analysis: TextAnalysis, start: int, end: int) -> bool:
    """Whether the reporting clause ``[start, end)`` names a person, not an institution.

    A person: ``he`` or ``she``, a title (``Mr Doyle``, ``the health
    secretary``), a name of two or more capitalised words with no word of an
    institution in it (``said Gerald Fitch``, not ``the White House said``),
    or one capitalised word that the document writes after a first name or a
    title elsewhere (``Solberg said`` beside ``Ingrid Solberg``). ``Officials
    said`` and ``the report said`` are no person.

    >>> a = TextAnalysis("Ingrid Solberg won. It was hard, Solberg said. It was, Ofcom said.")
    >>> _person_speaks(a, 32, 46), _person_speaks(a, 54, len(a.text))
    (True, False)
    """
    clause = analysis.words_in(start, end)
    titles = word_class("possessor_title")
    institution = word_class("organisation_word")
    if any(w.lower in ("he", "she") or w.lower in titles for w in clause):
        return True
    runs: list[list[Word]] = []
    for w in clause:
        if not w.text[:1].isupper() or analysis.capital_expected(w.start):
            runs.append([])
        elif runs and runs[-1] and analysis.text[runs[-1][-1].end:w.start] == " ":
            runs[-1].append(w)
        else:
            runs.append([w])
    for run in runs:
        if len(run) >= 2 and not any(x.lower in institution for x in run):
            return True
        if len(run) == 1 and run[0].lower in _surnames(analysis):
            return True
    return False


def _surnames(analysis: TextAnalysis) -> frozenset[str]:
    """Capitalised words the document writes right after another capitalised word (names)."""
    def compute() -> frozenset[str]:
        text = analysis.text
        institution = word_class("organisation_word")
        out = set()
        for prev, w in itertools.pairwise(analysis.words):
            if w.text[:1].isupper() and prev.text[:1].isupper() \
                    and text[prev.end:w.start] in (" ", ". ") and w.lower not in institution \
                    and not analysis.capital_expected(w.start):
                out.add(w.lower)
        return frozenset(out)
    return analysis.memo("quotes.surnames", compute)


def _shifted(words: list[Word] | tuple[Word, ...]) -> bool:
    """Whether the tense is shifted back, as indirect speech does (``had gone``, ``would``)."""
    for a, b in itertools.pairwise(words):
        if a.lower == "had" and pos(b.text).verb >= 0.5 and pos(b.text).noun < 0.5:
            return True
    return any(w.lower in ("would", "could") for w in words)
