"""Review flags on sentences that are probably still broken after repair."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from newsfix.evidence import pos
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import en_zipf, word_class
from newsfix.rules.english.stray import foreign_language

__all__ = ["RULES", "GarbledSentence"]

#: Repairs that leave a sentence suspect (a loop, a left-over word, a spun or calqued word),
#: by kind; a restored apostrophe or quotation mark does not.
GARBLE_RULES = {"REPEATED_PHRASE": "a loop", "STRAY_FOREIGN_WORD": "an untranslated word",
                "SPUN_WORD": "spun words", "SPUN_NAME": "a spun name",
                "MT_WORD_CHOICE": "a mistranslated word"}
#: Evidence a sentence needs to be flagged, in a document profiled as garbled / elsewhere.
FLAG_DAMAGED, FLAG_ANYWHERE = 2.0, 3.0


class GarbledSentence(Rule):
    """Flag for review a sentence that is probably still broken: a garble score from the evidence.

    Repairs fix what they can be sure of; a sentence of machine translation
    that needed several of them, or that still has words English does not
    know, foreign words or no verb at all, is likely wrong in ways no rule
    can fix. The score counts that evidence: each kind of suspect repair or
    suggestion in the sentence (a loop, an untranslated or spun word), each
    unknown or foreign word outside quotations, and a missing verb. A
    sentence is flagged (a ``review`` warning with the reasons; its segment
    gets ``review: true``) when the score reaches 2 in a
    document whose damage profile shows machine-translation garble, spin or
    untranslated residue, and 3 elsewhere. Nothing is changed.
    """

    id = "GARBLED_SENTENCE"
    category = "mistranslation"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    description = "sentence probably still garbled"
    tiers = {"review": 1.0}
    examples = (
        Example("⟦The vorsitzende did give in vergangenen week statement to the fundamentos.⟧ "
                "The talks resumed on Monday.", kind="review",
                note="two unknown words and two foreign ones"),
        Example("The talks resumed on Monday after a pause of two weeks, officials said.",
                kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        damaged: bool | None = None  # the profile is read only for a borderline sentence
        hits = [(s, rule) for s, rule in scope.hits() if rule != self.id]
        starts = [s.start for s, _ in hits]
        verbs = word_class("auxiliary") | word_class("reporting_verb")
        for para in scope.paragraphs():
            for sentence in para.sentences():
                words = sentence.words()
                if len(words) < 6:
                    continue
                reasons = []
                src = sentence.source_span(sentence.start, sentence.end)
                k = bisect.bisect_left(starts, src.start)
                rules = []
                while k < len(hits) and hits[k][0].start < src.end:
                    rules.append(hits[k][1])
                    k += 1
                kinds = sorted({GARBLE_RULES[r] for r in rules if r in GARBLE_RULES})
                if kinds:
                    reasons.append("repaired: " + ", ".join(kinds))
                own = [w for w in words if w.text.islower() and not scope.quoted(w.start, w.end)
                       and not scope.protected(w.start, w.end)]
                unknown = [w.text for w in own if len(w.text) > 3 and en_zipf(w.text) == 0]
                foreign = [w.text for w in own if w.text not in unknown
                           and foreign_language(w.text) is not None]
                if unknown:
                    reasons.append("unknown words: " + ", ".join(unknown[:4]))
                if foreign:
                    reasons.append("foreign words: " + ", ".join(foreign[:4]))
                no_verb = len(words) >= 8 and not any(
                    pos(w.text).verb >= 0.5 or w.lower in verbs for w in words)
                if no_verb:
                    reasons.append("no verb")
                score = len(kinds) + len(unknown) + len(foreign) + 1.5 * no_verb
                if score < FLAG_DAMAGED:
                    continue
                if score < FLAG_ANYWHERE and damaged is None:
                    damaged = any(scope.damage.damaged(f) for f in ("mt", "untranslated", "spin"))
                if score >= FLAG_ANYWHERE or damaged:
                    yield scope.review(sentence.start, sentence.end,
                                       "sentence probably still garbled: " + "; ".join(reasons))


#: Registered last (``newsfix.rules.MODULES``): it reads what every other repair did.
RULES: tuple[type[Rule], ...] = (GarbledSentence,)
