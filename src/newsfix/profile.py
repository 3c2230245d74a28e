"""Damage profiles: what happened to a document, family by family, with the evidence counted.

Damage is systematic. A round trip through French strips apostrophes and
quotation marks throughout an article; a page that leaves Polish words
untranslated leaves many; a spinner replaces a quarter of the content words.
So before it repairs anything, newsfix reads the whole document for
*fingerprints*: patterns that edited English almost never has. Each family
gets a score in [0, 1]:

    score = damage / (damage + intact + PRIOR)

where ``damage`` is the weighted count of the family's fingerprints and
``intact`` the weighted count of what an undamaged text of that family shows
(apostrophes that survived, quotations that are marked). A clean article has
fingerprints near zero and scores near zero; a document whose apostrophes
were stripped (even partly: seed 004 kept three) scores high. A family is
*damaged* in a document when its score reaches :data:`DAMAGED` with at least
two fingerprints (two independent spots: one stray ``dont`` is a typo): the
repair rules then read one ``Xs`` + noun as the possessive it probably is,
where in a clean document they would only suggest.

The profile is read once, on the text the repair stage receives, and is
reported in ``Result.damage`` (and ``newsfix detect --damage``).

>>> p = profile_text("Its not my war. Mr. Trumps comments and Bidens war: dont ask.")
>>> p.damaged("apostrophe"), p["apostrophe"].evidence["stripped_contractions"]
(True, 2)
>>> profile_text("It's not my war, Mr. Trump's aide said of NATO's chief.").damaged("apostrophe")
False
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from newsfix.aligned import Span
from newsfix.text import TextAnalysis, Word

__all__ = ["DAMAGED", "FAMILIES", "PRIOR", "DamageProfile", "FamilyScore", "profile",
           "profile_text"]

#: Pseudo-count of intact evidence every document starts with.
PRIOR = 2.0
#: Score from which a family counts as damaged in a document (with two fingerprints).
DAMAGED = 0.5
#: Families read together with another (family -> (the other, the lower score enough)).
JOINT: dict[str, tuple[str, float]] = {"quote": ("apostrophe", 0.35)}
#: The damage families, in report order.
FAMILIES = ("apostrophe", "quote", "untranslated", "glue", "case", "spin", "mt")

_APOSTROPHE_RE = regex.compile(r"\p{L}['’]\p{L}")


@dataclass(frozen=True)
class FamilyScore:
    """One family's score with the counts behind it (and the language, for residue)."""

    score: float
    damage: float
    intact: float
    fingerprints: int
    evidence: Mapping[str, int] = field(default_factory=dict)
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``Result.damage[family]``)."""
        out: dict[str, Any] = {"score": round(self.score, 3), "evidence": dict(self.evidence)}
        if self.language:
            out["language"] = self.language
        return out


class DamageProfile:
    """The damage profile of a document: one :class:`FamilyScore` per family, read on demand.

    A family's fingerprints are counted the first time a rule (or the report)
    asks for it, so a document whose rules never ask about spin does not pay
    for reading it.
    """

    def __init__(self, analysis: TextAnalysis, spans: tuple[Span, ...]) -> None:
        self._analysis = analysis
        self._spans = spans
        self._families: dict[str, FamilyScore] = {}
        self._words: list[Word] | None = None

    @property
    def words(self) -> int:
        """Words read."""
        return len(self._word_list())

    def _word_list(self) -> list[Word]:
        if self._words is None:
            self._words = _words(self._analysis, self._spans)
        return self._words

    def __getitem__(self, family: str) -> FamilyScore:
        found = self._families.get(family)
        if found is None:
            if family not in _READERS:
                raise KeyError(f"no damage family {family!r}; known: {', '.join(FAMILIES)}")
            found = self._families[family] = _READERS[family](self._analysis,
                                                              self._word_list(), self._spans)
        return found

    @property
    def families(self) -> dict[str, FamilyScore]:
        """Every family, read now if not yet."""
        return {name: self[name] for name in FAMILIES}

    def score(self, family: str) -> float:
        """The family's score."""
        return self[family].score

    def damaged(self, family: str) -> bool:
        """Whether the document shows this kind of damage (score and at least two fingerprints).

        Damage that comes together is read together: a round trip through
        another language strips apostrophes and quotation marks alike, so in a
        document that lost its apostrophes one quotation in the first person
        without marks (and a lower score) is enough for the quote family.
        """
        found = self[family]
        if found.score >= DAMAGED and found.fingerprints >= 2:
            return True
        joint = JOINT.get(family)
        return joint is not None and found.fingerprints >= 1 and found.score >= joint[1] \
            and self.damaged(joint[0])

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: family → {score, evidence[, language]}."""
        return {name: f.to_dict() for name, f in self.families.items()}


def _score(damage: float, intact: float, fingerprints: int, evidence: Mapping[str, int],
           language: str | None = None) -> FamilyScore:
    return FamilyScore(damage / (damage + intact + PRIOR), damage, intact, fingerprints,
                       dict(evidence), language)


def _words(analysis: TextAnalysis, spans: Sequence[Span]) -> list[Word]:
    return [w for s in spans for w in analysis.words_in(s.start, s.end)]


def _apostrophe(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]
                ) -> FamilyScore:
    from newsfix.evidence import bigram, pos
    from newsfix.rules.english._lexicon import contractions, en_zipf, proper_nouns, word_class

    table = contractions()
    intact = sum(1 for w in words if _APOSTROPHE_RE.search(w.text))
    stripped_contractions = its = names = nouns = quoted = 0
    capitalised = {w.lower for w in words if w.text[:1].isupper()}
    titles = word_class("possessor_title")
    determiners = word_class("determiner")
    for w in words:
        low = w.lower
        nxt = analysis.neighbour(w, 1)
        if low in table and (table[low][1] == "plain" or (
                table[low][1] == "capital_i" and w.text[0] == "I") or (
                table[low][1] == "guarded" and _after_subject(analysis, w))):
            # `dont`, `Im`; `cant`, `wont` after `we`, `it`. Inside a quotation that kept
            # its marks it may be the speaker's own spelling (a post, a sign, a chat).
            if analysis.in_quotation(w.start, w.end):
                quoted += 1
            else:
                stripped_contractions += 1
            continue
        if low == "its" and nxt is not None and nxt.lower in word_class("after_its"):
            its += 1
            continue
        if len(low) < 4 or not low.endswith("s") or low.endswith("ss"):
            continue
        stem = low[:-1]
        owned = nxt is not None and pos(nxt.text).noun >= 0.6 and nxt.text.islower() \
            and nxt.lower not in word_class("not_possessed")
        if w.text[:1].isupper() and not analysis.capital_expected(w.start):
            # A name + s that English writes as a possessive far more than as a word:
            # after a title (`Mr. Trumps`), before a noun, or not a word at all (`Natos`).
            if not (stem in capitalised or stem in proper_nouns()):
                continue
            if en_zipf(stem + "'s") <= en_zipf(low) + 0.3:
                continue
            prev = analysis.words[w.index - 1] if w.index else None
            titled = prev is not None and prev.lower in titles \
                and not analysis.text[prev.end:w.start].strip(" .")
            if titled or owned or en_zipf(low) < 1.5:
                names += 1
        elif owned and w.text.islower():
            prev = analysis.neighbour(w, -1)
            poss, plural = en_zipf(stem + "'s"), en_zipf(low)
            if (plural < 1.0 or _CONSONANT_Y_RE.search(stem)) and poss >= 2.0:
                names += 1  # `the countrys economy`: no English plural (`countries`)
            elif prev is not None and prev.lower in determiners and poss >= 2.5 \
                    and bigram(low, nxt.lower) < 100_000:  # type: ignore[union-attr]
                nouns += 1  # `the parliaments decision` (or a compound: weak evidence)
    fingerprints = stripped_contractions + quoted + its + names + nouns
    # A stripped contraction (`dont`, `isnt`) is all but absent from edited prose: two
    # of them outweigh the eight apostrophes a partial round trip may leave. Quoted
    # words weigh less: a quoted post or sign is written the way its author wrote it.
    damage = 4.0 * stripped_contractions + 3.0 * quoted + 2.0 * its + 1.0 * names \
        + 0.5 * nouns
    # Edited news has an apostrophe every 30 to 60 words; a text with fingerprints of
    # stripping and far fewer apostrophes than that has lost them (partial stripping).
    expected = len(words) / 60.0
    if fingerprints >= 2 and intact < expected:
        damage += 0.5 * (expected - intact)
    return _score(damage, float(intact), fingerprints, {
        "stripped_contractions": stripped_contractions + quoted + its,
        "stripped_possessives": names,
        "possessive_candidates": nouns, "apostrophes": intact})


#: A stem in consonant + y makes its plural in -ies: its `-ys` is a stripped possessive.
_CONSONANT_Y_RE = regex.compile(r"[^aeiou]y$")


def _after_subject(analysis: TextAnalysis, w: Word) -> bool:
    """Whether a subject pronoun stands right before ``w`` (``we cant``: not the noun *cant*).

    >>> a = TextAnalysis("We cant go, and the cant of it.")
    >>> [_after_subject(a, w) for w in a.words if w.lower == "cant"]
    [True, False]
    """
    from newsfix.rules.english._lexicon import word_class

    prev = analysis.neighbour(w, -1)
    return prev is not None and prev.lower in word_class("subject_pronoun")


def _quote(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]) -> FamilyScore:
    from newsfix.rules.english.quotes import find_attribution, speech_evidence

    starts = [sp.start for sp in spans]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k].end

    marks = sorted(m.pos for m in analysis.quote_marks if inside(m.pos))
    quotations = sum(1 for q in analysis.quotations if q.closed and inside(q.start))
    unquoted = speech = weak = 0
    for span in spans:
        for sentence in analysis.sentences_in(span.start, span.end):
            k = bisect.bisect_left(marks, sentence.start)
            if k < len(marks) and marks[k] < sentence.end:
                continue  # the sentence has quotation marks
            att = find_attribution(analysis, sentence.start, sentence.end)
            if att is None:
                continue
            unquoted += 1
            chunk = analysis.text[att.speech_start:att.speech_end]
            words_ = analysis.words_in(att.speech_start, att.speech_end)
            evidence = speech_evidence(words_, chunk, analysis)
            if evidence == "strong":
                speech += 1
            elif evidence == "weak":
                weak += 1
    # Direct speech in the first person with no quotation mark is the fingerprint (all
    # but absent from edited news: one outweighs the marks of four quotations that
    # survived a partial round trip); speech in the present tense only backs it up
    # (paraphrase has some).
    damage = 3.0 * speech + 0.75 * weak
    return _score(damage, 0.5 * quotations, speech, {
        "unquoted_speech": speech, "unquoted_present": weak, "unquoted_reports": unquoted,
        "quotations": quotations})


def _untranslated(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]
                  ) -> FamilyScore:
    """Words and names left in one other language (``the Haushalt``, ``talks in Genf``).

    A fingerprint is a word that English does not use and one language uses
    often (wordfreq) and translates (its bilingual dictionary), outside
    quotations and names; or a foreign name of a place or organisation
    (``gazetteer_exonyms.tsv.gz``, trusted rows only). Names stay out: a word
    capitalised mid-sentence counts only in German, which capitalises its
    nouns, and only alone and as a common noun (``Haushalt`` → budget, not
    ``Bundesrat`` → Federal Council, not ``Olaf Scholz``); a capitalised word
    at a sentence start counts only if the document also writes it in lower
    case; a word between two capitalised words belongs to a name
    (``Alternative für Deutschland``). The language with most fingerprints is
    the residue's language; fingerprints of other languages count against it.
    """
    from newsfix.rules.english.exonyms import exonym_matches

    weight: dict[str, float] = defaultdict(float)
    per: Counter[str] = Counter()
    names_found: Counter[str] = Counter()
    covered: set[int] = set()
    for s in spans:
        for m in exonym_matches(analysis, s.start, s.end):
            if m.reliable and not m.homograph and not analysis.in_quotation(m.start, m.end):
                for lang in sorted(m.langs):  # in a fixed order: ties go the same way
                    names_found[lang] += 1
                    weight[lang] += 2 * FINGERPRINT / len(m.langs)
                covered.update(w.index for w in analysis.words_in(m.start, m.end))
    lower = {w.lower for w in words if w.text.islower()}
    previous: Word | None = None
    for w in words:
        if w.index in covered:
            continue
        found = residue_word(analysis, w, lower)
        if found is None:
            continue
        if previous is not None and analysis.neighbour(w, -1) == previous:
            previous = w
            continue  # a phrase counts once (`stopy procentowe`, `audi alteram partem`)
        previous = w
        # A word several unrelated languages use (`firma`: de, pl, es, it, da) is weak
        # evidence for each; kin languages share words (`år`) and count in full.
        groups = len({min(_kin(lang)) for lang in found})
        for lang in sorted(found):
            per[lang] += 1
            weight[lang] += FINGERPRINT / groups
    # A tie is decided by the language code, not by set order (which varies with
    # PYTHONHASHSEED from one process to the next).
    language = max(sorted(weight), key=lambda lang: weight[lang]) if weight else None
    damage = weight[language] if language else 0.0
    others = sum(weight.values()) - sum(weight.get(lang, 0.0) for lang in _kin(language))
    count = per[language] + names_found[language] if language else 0
    return _score(damage, len(words) / 1000.0 + others, count, {
        "foreign_words": max(per.values(), default=0),
        "in_main_language": per[language] if language else 0,
        "foreign_names": names_found[language] if language else 0}, language)


def _name_word(analysis: TextAnalysis, w: Word | None) -> bool:
    """Whether ``w`` is capitalised where no capital is expected (a word of a name)."""
    return w is not None and w.text[:1].isupper() and not analysis.capital_expected(w.start)


#: Weight of one untranslated word (a foreign name weighs 2).
FINGERPRINT = 1.5
#: Languages so close that one word is often frequent in both.
_KIN = ({"nb", "da", "sv"}, {"es", "pt", "it"})


def _kin(language: str | None) -> set[str]:
    for group in _KIN:
        if language in group:
            return group
    return {language} if language else set()


def residue_word(analysis: TextAnalysis, w: Word, lower: set[str] | frozenset[str]
                 ) -> tuple[str, ...] | None:
    """The languages ``w`` is an untranslated word of, by the profile's strict test, or None.

    The language that uses the word most comes first, then any other that
    uses it nearly as often (Danish and Norwegian share many words). ``lower``
    holds the words the document writes in lower case.
    """
    from newsfix.rules.english._foreign import translations
    from newsfix.rules.english._lexicon import en_zipf, names, proper_nouns, zipf

    low = w.lower
    if len(low) < (3 if low.isascii() else 2) or not low.isalpha():
        return None  # two letters only with a letter English lacks (`år`)
    en = en_zipf(low)
    if en >= RARE_IN_ENGLISH or low in proper_nouns() or low in names():
        return None
    best = max(_RESIDUE_LANGUAGES, key=lambda lang: zipf(low, lang))
    top = zipf(low, best)
    if top < 3.0 or top < en + (1.5 if en < 2.0 else FAR_COMMONER):
        return None  # a word English uses now and then must be far commoner in the language
    text = analysis.text
    if text[w.start - 1:w.start] == "-" or text[w.end:w.end + 1] == "-":
        return None  # part of a compound name (`Maria-Theresien-Platz`)
    before, after = analysis.neighbour(w, -1), analysis.neighbour(w, 1)
    if w.text[:1].isupper():
        if analysis.capital_expected(w.start):
            if low not in lower:
                return None  # a name at a sentence start (`Solberg said`)
        elif best != "de" or any(x is not None and (_name_word(analysis, x) or x.lower in
                                                    ("von", "der", "van", "de", "du"))
                                 for x in (before, after)):
            return None  # a name (`Kaczyński`, `Olaf Scholz`, `von der Leyen`)
    elif _name_word(analysis, before) and _name_word(analysis, after):
        return None  # inside a name (`Alternative für Deutschland`)
    if analysis.in_quotation(w.start, w.end):
        # A quoted foreign phrase, or a slogan with its translation beside it ("Sin jueces
        # no hay justicia": `sin`, `no` and `hay` are spelt as English words, so no
        # neighbour shows it): quotations are no residue (an outside review).
        return None
    found = translations(w.text, best)
    if not found:
        return None
    if w.text[:1].isupper() and not analysis.capital_expected(w.start) \
            and not found[0].english[0][:1].islower():
        return None  # a German name with an English name (`Bundesrat`: Federal Council)
    return (best, *(lang for lang in _RESIDUE_LANGUAGES
                    if lang != best and zipf(low, lang) >= top - 0.5))


#: A residue word is rarer than this in English (Zipf) ...
RARE_IN_ENGLISH = 2.5
#: ... and, from Zipf 2 on (`semana`, `alcalde`; not `déjà`, `kroner`: 2.7), this much
#: commoner in its language.
FAR_COMMONER = 2.5
#: Languages whose words machine translation leaves in English text (bilingual tables).
_RESIDUE_LANGUAGES = ("de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt")


def _glue(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]) -> FamilyScore:
    """Glued words (``pensionsThe``, ``ended.They``, ``strikeBut``): the glue rule's own spots.

    Edited news glues no words (brands and identifiers are not spots: see
    :func:`newsfix.rules.characters.glue_spots`), so every spot is a
    fingerprint; a few hundred words of intact text weigh against one.
    """
    from newsfix.rules.characters import glue_spots

    kinds: Counter[str] = Counter()
    for s in spans:
        for spot in glue_spots(analysis, s.start, s.end, "und"):
            kinds[spot.kind] += 1
    found = sum(kinds.values())
    return _score(float(found), len(words) / 1000.0, found, {
        "glued": found, "space_lost": kinds["space"]})


def _case(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]) -> FamilyScore:
    """Case damage: names in lower case (``kyiv``), common words capitalised mid-sentence.

    Fingerprints: distinct curated names and proper nouns written in lower case
    (one name in lower case throughout is a house style, ``e.e. cummings``;
    machine translation lower-cases several), lower-case place names of the
    English gazetteer that are no common word (``gdansk``), and capitals
    between lower-case words on function words (``and He blamed``) or on
    common words the document also writes in lower case (``the court Will
    rule``), and capitalised function words after a lower-case word before a
    figure or, for prepositions and conjunctions, a name (``died In 2011``,
    ``a villa Near Faro``): edited English writes them in lower case there.
    Names written with their capital weigh, a little, against.

    Only what the case rules would read as prose counts: nothing in a URL,
    path, code token or preformatted line (``github.com``, ``xml.dom``, a
    code block), and no capital that is the document's own spelling of a name
    or title, written capitalised mid-sentence three times or more, or twice
    and at least as often as in lower case (``Python``, ``the Software``,
    ``a Language object``). Simulated and real residue capitalises words at
    random, rarely the same content word twice; a technical text that names
    its subject in capitals hundreds of times is no damaged one.

    >>> profile_text("The court will rule. The court Will rule and He said the judge "
    ...              "Could speak, and She left.").damaged("case")
    True
    >>> profile_text("We use Python daily and like Python code; a Python user runs "
    ...              "python -m pip.").damaged("case")
    False
    """
    from newsfix.evidence import association, pos
    from newsfix.rules.english._foreign import place
    from newsfix.rules.english._lexicon import (
        en_zipf,
        foreign_neighbour,
        names,
        proper_nouns,
        word_class,
    )
    from newsfix.rules.english.case import (
        FIGURE_AFTER_RE,
        JOINERS,
        _title_line,
        in_token,
        name_context,
        title_after,
    )
    from newsfix.rules.preformatted import preformatted

    proper = proper_nouns()
    source = analysis.text

    def prose(w: Word) -> bool:
        return not (analysis.protected(w.start, w.end) or preformatted(analysis, w.start, w.end)
                    or in_token(source, w.start, w.end))

    known = names()
    curated = {w.lower for w in words if w.text.islower() and w.lower in known and prose(w)}
    dictionary = set()
    for w in words:
        low = w.lower
        if not w.text.islower() or low in known or len(low) < 3:
            continue
        found = place(low)
        if (low in proper or (found is not None and not found.common_word
                              and en_zipf(low) < 3.0)) and prose(w) \
                and not foreign_neighbour(analysis, w):
            dictionary.add(low)
    lower = {w.text for w in words if w.text.islower()}
    mid_capital: Counter[str] = Counter()
    mid_lower: Counter[str] = Counter()
    for w in words:
        if analysis.capital_expected(w.start):
            continue
        if w.text[:1].isupper() and w.text[1:].islower():
            mid_capital[w.lower] += 1
        elif w.text.islower():
            mid_lower[w.lower] += 1
    capital_fn = capital_common = capital_before = 0
    function = word_class("function_word")
    titles = word_class("title_word")
    for w in words:
        text = w.text
        if not (text[:1].isupper() and text[1:].islower()) or analysis.capital_expected(w.start):
            continue
        low = w.lower
        before, after = analysis.neighbour(w, -1), analysis.neighbour(w, 1)
        if before is None or not before.text.islower() or before.lower in titles:
            continue
        if after is None or not after.text[:1].islower():
            # `died In 2011`, `a villa Near Faro`: a closed-class word before a figure or
            # a name, after a lower-case word; edited English writes it in lower case.
            if low in function and prose(w) and not name_context(
                    source, analysis, w) and not _title_line(analysis, w.start) and (
                    (after is None and FIGURE_AFTER_RE.match(source, w.end))
                    or (after is not None and low in JOINERS
                        and not title_after(analysis, after))):
                capital_before += 1
            continue
        if name_context(analysis.text, analysis, w) or _title_line(analysis, w.start):
            continue  # `Ministry of Commerce`, a headline in title case
        capitals = mid_capital[low]
        if low not in function and (capitals >= 3 or capitals >= max(2, mid_lower[low])):
            continue  # the document's spelling of a name (`Python`, `the Software`)
        if not prose(w):
            continue  # code, a table, a path
        if low in function:
            capital_fn += 1
        elif low not in proper and place(low) is None and en_zipf(low) >= 3.0 and (
                low in lower or (en_zipf(low) >= 3.5 and pos(low).known and association(
                    before.lower, low) + association(low, after.lower) > 0.0)):
            capital_common += 1
    right = sum(1 for w in words if w.lower in proper and w.text[:1].isupper()
                and not analysis.capital_expected(w.start))
    damage = 2.0 * len(curated) + 1.0 * len(dictionary) + 1.5 * capital_fn \
        + 1.0 * capital_common + 1.0 * capital_before
    return _score(damage, right / 20.0, len(curated) + len(dictionary) + capital_fn
                  + capital_common + capital_before, {
                      "lowercased_names": len(curated), "lowercased_proper_nouns": len(dictionary),
                      "capitalised_function_words": capital_fn,
                      "capitalised_common_words": capital_common,
                      "capitalised_before_names": capital_before})


#: Forms spinners write and edited English does not: ``3 / 4``, ``100's of``, ``final yr``.
_SPIN_FORMS_RE = regex.compile(
    r"(?<![\d/])[1-9]\d? / [1-9]\d?(?![\d/])|\b\d{3}[\d,]*['’]s of\b"
    r"|\b(?:final|last|this|next|per|each|every|a|\d+)[ -]yrs?\b")
#: A month name a spinner read as a word, before a day or a year (``Walk 14``, ``Might 2025``).
_SPIN_MONTH_RE = regex.compile(r"\b(?:Walk|Might|Majestic|Venerable) (?:[1-9]\d?|[12]\d{3})\b")
_STATED_RE = regex.compile(r"\b(?:stated|aforementioned|articulated)\b")
_SAID_RE = regex.compile(r"\bsaid\b")


def _spin(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]) -> FamilyScore:
    """Spinner fingerprints: forms, names and contexts that edited English almost never has.

    Counted: words whose thesaurus synonym fits both bigram contexts where
    the word fits neither (strong spots), ``a`` before a vowel-sound word,
    organisation names that match no known name but are synonym-for-word
    copies of one, spinner forms (``3 / 4``, ``100's of``, ``final yr``,
    ``Walk 14``), and reporting by ``stated`` where news says ``said``.
    """
    from newsfix.rules import spin

    text = analysis.text
    spots = [s for sp in spans
             for s in spin.spin_spots(analysis, sp.start, sp.end, strong_only=True)]
    strong = sum(1 for s in spots if not s.token.quoted)
    names, articles = spin.document_names(analysis, spans)  # SPUN_NAME reuses them
    # A name three of whose words changed is a fingerprint of its own; a nearer match may
    # be a real name (``United Nations Organization``) and only corroborates.
    long_names = sum(1 for m in names if spin.standalone(m))
    forms = sum(1 for s in spans for _ in _SPIN_FORMS_RE.finditer(text, s.start, s.end))
    forms += sum(1 for s in spans for _ in _SPIN_MONTH_RE.finditer(text, s.start, s.end))
    stated = sum(1 for s in spans for _ in _STATED_RE.finditer(text, s.start, s.end))
    said = sum(1 for s in spans for _ in _SAID_RE.finditer(text, s.start, s.end))
    reporting = max(stated - said, 0) if stated >= 3 else 0
    cheap = strong + articles + long_names + forms + (1 if reporting else 0)
    near_names = len(names) - long_names if cheap else 0
    cheap += near_names
    # Only a document whose cheap fingerprints already make a tenth of the damage it
    # would take to call it spun pays for the phrase lattice: readings whose synonym
    # the English model prefers decisively to the written word. (A count alone would
    # not do: a long clean document collects a few stray spots and then paid for the
    # lattice on every paragraph. On the tune sets every document profiled as spun has
    # at least 0.15 of it from cheap fingerprints.)
    cheap_damage = (1.0 * strong + 2.0 * articles + 3.0 * long_names + 1.0 * near_names
                    + 2.0 * forms + 1.0 * reporting)
    decisive = 0
    if cheap and cheap_damage >= LATTICE_GATE * (len(words) / 100.0 + PRIOR):
        decisive = sum(spin.decisive_readings(analysis, s.start, s.end, LATTICE_DECISIVE)
                       for s in spans)
    damage = (1.0 * strong + 2.0 * articles + 3.0 * long_names
              + 1.0 * near_names + 2.0 * forms + 1.0 * reporting
              + 1.0 * decisive)
    return _score(damage, len(words) / 100.0, cheap + decisive, {
        "strong_spots": strong, "article_mismatches": articles,
        "spun_names": len(names), "spinner_forms": forms,
        "stated_not_said": reporting, "decisive_readings": decisive})


#: Posterior from which a spin reading counts as a fingerprint of the spin profile.
LATTICE_DECISIVE = 0.9
#: Share of the spun threshold the cheap spin fingerprints must reach before the lattice runs.
LATTICE_GATE = 0.1


def _mt(analysis: TextAnalysis, words: list[Word], spans: Sequence[Span]) -> FamilyScore:
    from newsfix.rules.english._lexicon import en_zipf

    unknown = sum(1 for w in words if w.text.islower() and len(w.text) > 3
                  and en_zipf(w.text) == 0 and not analysis.protected(w.start, w.end))
    loops = sum(1 for s in spans for m in _finditer_repeats(analysis, s.start, s.end)
                if len(m.group(1).split()) >= 2 and m.group(1).lower() == m.group(3).lower())
    damage = 1.0 * unknown + 3.0 * loops
    return _score(damage, len(words) / 60.0, unknown + loops,
                  {"unknown_words": unknown, "loops": loops})


#: Runs of letters as :data:`~newsfix.rules.english.repetition.REPEAT_RE` reads them.
_LETTERS_RE = regex.compile(r"\p{L}+", regex.IGNORECASE)


def _finditer_repeats(analysis: TextAnalysis, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``REPEAT_RE.finditer(text, start, end)``: the same matches, tried only where one can start.

    A match of ``REPEAT_RE`` is whole runs of letters, one to six, then the
    same again (case-insensitively): it starts at a run whose length, and for
    two ASCII runs whose lower case, that of one of the next six runs has. The
    pattern is tried at those runs only, from the end of the last match on as
    ``finditer`` goes, instead of at every position of the text.

    >>> a = TextAnalysis("in Istanbul in Istanbul in Istanbul, and the the end")
    >>> [m.group() for m in _finditer_repeats(a, 0, len(a.text))]
    ['in Istanbul in Istanbul', 'the the']
    """
    from newsfix.rules.english.repetition import REPEAT_RE

    starts = analysis.memo("profile.repeat_starts", lambda: _repeat_starts(analysis.text))
    text = analysis.text
    k = bisect.bisect_left(starts, start)
    resume = start
    while k < len(starts) and starts[k] < end:
        pos = starts[k]
        k += 1
        if pos < resume:
            continue
        m = REPEAT_RE.match(text, pos, end)
        if m is not None:
            yield m
            resume = m.end()  # finditer goes on from the end of a match (never empty)


def _repeat_starts(text: str) -> list[int]:
    """Starts of the letter runs equal in length (and, both ASCII, in lower case) to a next one."""
    runs = [(m.start(), m.group()) for m in _LETTERS_RE.finditer(text)]
    # A run with a letter outside ASCII may equal another in other case forms: its length only.
    keys = [(len(g), g.lower() if g.isascii() else None) for _, g in runs]
    out = []
    for i, (size, low) in enumerate(keys):
        for other_size, other_low in keys[i + 1:i + 7]:
            if other_size == size and (low is None or other_low is None or low == other_low):
                out.append(runs[i][0])
                break
    return out


_READERS = {
    "apostrophe": _apostrophe, "quote": _quote, "untranslated": _untranslated, "glue": _glue,
    "case": _case, "spin": _spin, "mt": _mt,
}


def profile(analysis: TextAnalysis, spans: Iterable[Span] | None = None) -> DamageProfile:
    """The damage profile of the English paragraphs ``spans`` of a text (default: all).

    One profile per text and set of paragraphs; its families are read on demand.
    """
    given = analysis.paragraphs if spans is None else spans
    # Rules ask for the profile once per paragraph, always with the spans the stage pinned
    # (the same object): hashing every paragraph's span for each question made long
    # documents quadratic. The last (spans, profile) pair is kept and matched by identity
    # (for a tuple only: it cannot have changed since).
    last: list[Any] = analysis.memo("profile.last", lambda: [None, None])
    if last[0] is given:
        return last[1]  # type: ignore[no-any-return]
    key = tuple(given)
    found = analysis.memo(("profile", key), lambda: DamageProfile(analysis, key))
    if type(given) is tuple:
        last[:] = [given, found]
    return found


def profile_text(text: str) -> DamageProfile:
    """The damage profile of a text taken as English throughout."""
    return profile(TextAnalysis(text))
