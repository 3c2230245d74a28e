"""Machine-translation word choice: a literal rendering of a source word, replaced in context.

A machine translation (or a person translating word for word) renders a
source word by the wrong one of its English translations, or by an English
look-alike that is not a translation at all: German *Ruf* (call) as
``reputation``, *Führer* (leaders) as ``guides``, *aktuell* (current) as
``actual``, *eventuell* (possibly) as ``eventually``. When the document's
source language is known, every English word that translates some source word
gets that source word's other translations as candidates (its *sense
siblings*, ``mt_siblings.tsv.gz``) and every look-alike its source word's real
translations (``mt_false_friends.tsv.gz``); whole readings are scored by the
same lattice as spin reversal (:mod:`newsfix.rules.lattice`).

The source language comes from the translation stage (paragraphs translated
from it) or, in text that was translated elsewhere, from the untranslated
residue the damage profile found (``Result.damage["untranslated"]``). Without
either, or without the tables (they are copyleft-licensed and may be left
out of a build), the rule does nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from newsfix.evidence import tokens as model_tokens
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.lattice import Edge, posteriors, segments
from newsfix.text import TextAnalysis

__all__ = ["RULES", "WordChoice", "candidates_for", "rare_lookalike", "source_language",
           "wordchoice_readings"]

#: Share of a translated document's words that a literal translation rendered wrongly.
MT_RATE = 0.05
#: How often a wrong word is a look-alike of the source word (the classic literal error)
#: or another sense of it.
RATES = {"false_friend": 0.6 * MT_RATE, "sibling": 0.4 * MT_RATE}
#: A lookalike rarer than this (Zipf) in English, and this much rarer than the candidate,
#: is evidence of a literal translation on its own (:func:`rare_lookalike`).
RARE_WORD_ZIPF, RARE_GAP = 2.5, 2.0
#: How much likelier a lookalike one edit closer is the source word a translator rendered.
LOOK = 10.0
#: Posterior from which a reading is applied, and from which it is suggested.
APPLY_POSTERIOR = 0.95
SUGGEST_POSTERIOR = 0.5
#: Untranslated words of one language that name the source language of the document.
MIN_RESIDUE = 2
#: Written words this frequent (Zipf) are function words, left alone.
MAX_WORD_ZIPF = 6.0
#: Candidates this frequent are function words that only the bigram model favours (as
#: in spin reversal: ``newsfix.rules.spin.MAX_CAND_ZIPF``).
MAX_CAND_ZIPF = 6.6


def _rows(name: str) -> list[dict[str, str]]:
    from newsfix.lexicon import load

    try:
        return [dict(r) for r in load(name)]
    except (FileNotFoundError, OSError, KeyError):
        return []  # a build without the copyleft tables: the rule degrades to nothing


@cache
def candidates_for(language: str) -> dict[str, tuple[tuple[str, str, float], ...]]:
    """English word → ((candidate, kind, weight), …) for a source language (tables read once).

    ``kind`` is ``false_friend`` (a translation of a source word the English
    word only looks like) or ``sibling`` (another translation of a source
    word the English word translates). ``weight`` is the candidate's share of
    its kind: the source words of that kind share it, a lookalike by how
    close it looks (:data:`LOOK` to the minus its ``distance``: German
    *Konzern* is ``concern`` to the letter, *Konzept* only nearly), and each
    shares its part among its translations.

    >>> [c for c, kind, _ in candidates_for("de")["actual"] if kind == "false_friend"][:2]
    ['current', 'up to date']
    """
    groups: dict[str, dict[str, list[tuple[list[str], float]]]] = defaultdict(
        lambda: defaultdict(list))
    for r in _rows("mt_false_friends.tsv.gz"):
        if r["lang"] == language:
            cands = [c for c in r["translations"].split("|") if c and c[:1].islower()]
            if cands:
                look = LOOK ** -int(r.get("distance") or 0)
                groups[r["english"]]["false_friend"].append((cands, look))
    for r in _rows("mt_siblings.tsv.gz"):
        if r["lang"] == language:
            cands = [c for c in r["candidates"].split("|") if c and c != r["english"]]
            if cands:
                groups[r["english"]]["sibling"].append((cands, 1.0))
    out: dict[str, tuple[tuple[str, str, float], ...]] = {}
    for english, kinds in groups.items():
        weights: dict[tuple[str, str], float] = defaultdict(float)
        for kind, lists in kinds.items():
            total = sum(look for _, look in lists)
            for cands, look in lists:
                for c in cands:
                    weights[c, kind] += look / (total * len(cands))
        out[english] = tuple((c, kind, w) for (c, kind), w in weights.items())
    return out


def source_language(scope: Scope) -> str | None:
    """The language the document's English was translated from, if known.

    A user who knows it says so (``rule_options={"MT_WORD_CHOICE": {"source":
    "de"}}``); otherwise the translation stage records it on translated
    paragraphs, and otherwise a damage profile with untranslated residue
    names its language.
    """
    given = scope.option("source")
    if given:
        return str(given)
    found = scope.translated_from()
    if found:
        return found
    # Residue names the language only where it is damage of the document, not a
    # count: a long clean document collects a few foreign names and phrases, and then
    # ran the word-choice lattice on every paragraph.
    residue = scope.damage["untranslated"]
    if (residue.language and residue.fingerprints >= MIN_RESIDUE
            and scope.damage.damaged("untranslated")):
        return residue.language
    return None


def wordchoice_readings(analysis: TextAnalysis, language: str, start: int = 0,
                        end: int | None = None) -> list[tuple[int, int, str, str, float, str]]:
    """(start, end, written, candidate, posterior, kind) of every candidate in ``[start, end)``.

    >>> rs = wordchoice_readings(TextAnalysis("The chef of the party resigned."), "de")
    >>> [(w, c) for _, _, w, c, p, _ in rs if p > 0.5]
    [('chef', 'chief')]
    """
    from newsfix.evidence import zipf

    table = candidates_for(language)
    out = []
    for seg in segments(analysis, start, len(analysis.text) if end is None else end):
        edges: list[Edge] = []
        priors = [0.0] * len(seg.slots)
        for k, w in enumerate(seg.slots):
            if w.text[:1].isupper() and not analysis.capital_expected(w.start):
                continue  # a name
            found = table.get(w.lower)
            if not found or zipf(w.lower) >= MAX_WORD_ZIPF:
                continue
            for cand, kind, weight in found:
                toks = tuple(model_tokens(cand))
                if not toks or (len(toks) == 1 and zipf(toks[0]) >= MAX_CAND_ZIPF):
                    continue  # `be`, `of`, `to`: senses no translation error reverses
                text = cand[:1].upper() + cand[1:] if w.text[:1].isupper() else cand
                edges.append(Edge(k, k + 1, toks, text, math.log10(RATES[kind] * weight), kind))
            priors[k] = math.log10(1 - MT_RATE)
        if not edges:
            continue
        post = posteriors(seg, edges, priors)
        for e in edges:
            a, b = seg.slots[e.i].start, seg.slots[e.j - 1].end
            out.append((a, b, analysis.text[a:b], e.text, post.get(e, 0.0), e.source))
    return out


def rare_lookalike(written: str, candidate: str, kind: str) -> bool:
    """Whether ``written`` is a lookalike English hardly writes beside a common translation.

    The bigram table cannot attest a rare word, so its missing bigrams are no
    evidence against it (:func:`newsfix.rules.lattice.informative`); but a
    lookalike of a source word that English writes a hundred times less
    often than the translation (``milliard`` for billion, from German
    *Milliarde*) is itself the evidence, once the source language is known.

    >>> rare_lookalike("milliard", "billion", "false_friend")
    True
    >>> rare_lookalike("chef", "head", "false_friend"), rare_lookalike("milliard", "billion",
    ...                                                                "sibling")
    (False, False)
    """
    from newsfix.evidence import zipf

    return (kind == "false_friend" and zipf(written.lower()) < RARE_WORD_ZIPF
            and zipf(candidate.lower()) - zipf(written.lower()) >= RARE_GAP)


class WordChoice(Rule):
    """Replace a literal translation's wrong word by the source word's right translation.

    Safe because it runs only where the source language is known (translated
    paragraphs, or untranslated residue of one language), considers only
    the other translations of a source word the written word translates or
    looks like, and applies a reading only when the English model's
    posterior for it is decisive and the bigram table could have attested
    the written word in its place (:func:`newsfix.rules.lattice.informative`:
    a rare word's missing bigrams are no evidence against it); weaker
    readings are suggestions.
    """

    id = "MT_WORD_CHOICE"
    category = "mistranslation"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"
    tiers = {"false_friend": 0.9, "sibling": 0.85, "possible": 0.5}
    description = "literal translation of a source word (MT word choice)"
    options = {"source": None}
    examples = (
        Example("The ⟦chef⟧ of the party resigned; the partei sagte nichts und wartet.",
                "The chef of the party resigned; the partei sagte nichts und wartet.",
                kind="suggest", note="German residue names the source language",
                known_failure="the untranslated profile counts one German word of four here, "
                              "too few to name the language (the translation stage names it)"),
        Example("The actual cost of the project was never published.", kind="clean",
                note="no known source language: nothing"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        language = source_language(scope)
        if not language:
            return
        analysis = scope.analysis
        best: dict[tuple[int, int], tuple[float, str, str, str]] = {}
        for p in scope.paragraphs():
            for a, b, written, cand, post, kind in wordchoice_readings(analysis, language,
                                                                        p.start, p.end):
                if post > best.get((a, b), (0.0,))[0]:
                    best[a, b] = (post, cand, kind, written)
        from newsfix.evidence import context
        from newsfix.rules.lattice import informative

        for (a, b), (post, cand, kind, written) in sorted(best.items()):
            left, right = context(analysis, a, b)
            toks = model_tokens(written)
            if post >= APPLY_POSTERIOR and toks and (informative(left, toks[0], right)
                                                     or rare_lookalike(written, cand, kind)):
                yield scope.change(a, b, cand, tier=kind,
                                   message=f"literal translation ({language}): {written!r} "
                                           f"for {cand!r} (posterior {post:.2f})")
            elif post >= SUGGEST_POSTERIOR:
                yield scope.change(a, b, cand, tier="possible", suggest_only=True,
                                   message=f"possibly a literal translation ({language}): "
                                           f"{written!r} for {cand!r} (posterior {post:.2f})")


RULES: tuple[type[Rule], ...] = (WordChoice,)
