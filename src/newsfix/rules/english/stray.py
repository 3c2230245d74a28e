"""Untranslated words that machine translation left in English text (``the Haushalt``).

Candidates are generated broadly and decided narrowly. A word English does
not use but another language uses often is looked up in that language's
bilingual dictionary (``bilingual/LANG_en.tsv.gz``; inflected forms through
``bilingual/LANG_forms.tsv.gz``: ``Wahlkampfes`` → Wahlkampf, ``rządu`` →
rząd), each of its senses becomes a candidate (in the number the source word
had: ``inwestorzy`` → investors), and the English evidence model
(:func:`newsfix.evidence.compare`: bigrams with the neighbouring words, and
the words the document itself uses elsewhere) picks one. Organisation names
are translated word by word and matched against the English organisations
(``Bank Światowy`` → World Bank). The damage profile is the prior: inside a
document profiled as untranslated residue of that language the repair is
applied; elsewhere it is at most a suggestion.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import regex

from newsfix.evidence import DOCUMENT_WEIGHT, DocumentStats, compare, document_stats
from newsfix.lexicon import extensible
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._foreign import (
    LANGUAGES,
    Translation,
    dictionary_agreement,
    dictionary_row,
    dictionary_sources,
    org_by_words,
    translations,
    verb_only,
)
from newsfix.rules.english._lexicon import (
    collocations,
    en_zipf,
    foreign_neighbour,
    names,
    not_english,
    proper_nouns,
    stray_glossary,
    word_class,
    zipf,
)
from newsfix.text import TextAnalysis, Word

__all__ = ["StrayForeignWord", "foreign_language", "in_foreign_phrase", "pluralise"]

#: Languages whose words machine translation leaves behind in the seed material and beyond.
OTHER_LANGUAGES = ("pl", "de", "fr", "nb", "es", "it", "nl", "pt", "sv", "cs", "da")
NAMES = {"pl": "Polish", "de": "German", "fr": "French", "nb": "Norwegian", "es": "Spanish",
         "it": "Italian", "nl": "Dutch", "pt": "Portuguese", "sv": "Swedish", "cs": "Czech",
         "da": "Danish"}
#: A word more common than this in English (Zipf) is English (``barn``, ``rapport``).
ENGLISH = 3.5
#: How much more common (Zipf) the word must be in the source language than in English.
MARGIN = 1.5
#: log10 penalty per rank of a sense in the dictionary (the first senses are the primary ones).
SENSE_RANK = 0.15
#: log10 penalty for a number the source word's form does not have.
WRONG_NUMBER = 1.5
#: log10 penalty for the head noun of a two-word sense taken alone (``campaign`` of
#: ``election campaign``).
HEAD = 0.3
#: A plural this much rarer (Zipf) than its singular is not in use: the noun is a mass noun
#: (`moneys`, `researches`), whose singular stands for a plural source.
MASS = 2.0
#: Margin (log10) of the best reading over the next one for a clear choice, a likely one.
CLEAR, LIKELY = 2.0, 1.0
#: The margin of a reading with no rival (the dictionary gives one English word).
MARGIN_ALONE = 3.0
#: How often English must write a translated pair together to read it as one phrase.
PHRASE_COUNT = 200_000
#: A language's dictionaries agree on this share of its lemmas or more: one source alone is
#: then weak evidence (German and Norwegian have about one source each).
AGREEMENT = 0.05
#: Below this noun probability (``en_pos.tsv.gz``) an adjective is no noun phrase's head.
NOUN = 0.3
#: A function word of a language (Zipf there): `de`, `di`, `van` inside a foreign phrase.
FUNCTION_WORD = 6.0
#: An English word this common in the language (Zipf) may be the second word of a phrase of
#: it (`central` of `banco central`).
COGNATE = 4.0
#: Longest organisation name translated word by word.
MAX_NAME_WORDS = 5

#: Irregular English plurals (the rest follow the spelling rules of :func:`pluralise`).
_IRREGULAR = {"child": "children", "man": "men", "woman": "women", "person": "people",
              "foot": "feet", "tooth": "teeth", "mouse": "mice", "life": "lives",
              "wife": "wives", "knife": "knives", "leaf": "leaves", "half": "halves",
              "thief": "thieves", "series": "series", "news": "news", "police": "police"}


def foreign_language(word: str) -> str | None:
    """The language a word belongs to when it is frequent there and no English word.

    >>> foreign_language("biała"), foreign_language("house")
    ('pl', None)
    """
    low = word.lower()
    if en_zipf(low) >= 1.0:
        return None
    best = max(OTHER_LANGUAGES, key=lambda lang: zipf(low, lang))
    return best if zipf(low, best) >= 3.0 else None


@cache
def pluralise(noun: str) -> str:
    """The English plural of a noun or noun phrase (its last word).

    >>> [pluralise(w) for w in ("government", "policy", "tax", "child", "interest rate")]
    ['governments', 'policies', 'taxes', 'children', 'interest rates']
    """
    head, _, last = noun.rpartition(" ")
    prefix = head + " " if head else ""
    low = last.lower()
    if low in _IRREGULAR:
        return prefix + last[:len(last) - len(low)] + _IRREGULAR[low]
    if regex.search(r"(?:s|x|z|ch|sh)$", low):
        plural = last + "es"
    elif regex.search(r"[^aeiou]y$", low):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return prefix + plural


#: Endings of inflected forms that make a plural, per language (form = lemma + ending).
_PLURAL_ENDINGS = {
    "de": ("e", "en", "n", "er", "nen", "se"), "nl": ("en", "s", "'s"),
    "fr": ("s", "x"), "es": ("s", "es"), "pt": ("s", "es"), "it": (),
    "nb": ("er", "ene", "r", "ne"), "da": ("er", "erne", "e", "ene", "r", "ne", "rne"),
    "sv": ("ar", "or", "er", "r", "na", "arna", "orna", "erna", "n"),
    "pl": (),
}
#: Endings of inflected forms that stay singular (genitives, definite articles).
_SINGULAR_ENDINGS = {
    "de": ("s", "es"), "nb": ("en", "et", "a"), "da": ("en", "et"), "sv": ("en", "et", "n", "t"),
}
#: Polish case endings of the plural (``-ów``, ``-ach``, ``-ami``, ``-om``, ``-owie``).
#: A Swedish noun whose definite singular in ``-et`` is this common (Zipf), and commoner than
#: its ``-en`` form, is neuter.
NEUTER_ZIPF = 3.0
_POLISH_PLURAL_RE = regex.compile(r"(?:ów|ach|ami|om|owie|ców|ników)$")
_POLISH_SINGULAR_RE = regex.compile(r"(?:u|owi|em|iem|ie|ą|ę)$")
#: Languages whose nouns inflect for number alone: an inflected form with one of these endings
#: is a plural even when its stem is spelt otherwise than the lemma (``bibliotheken`` of
#: bibliotheek, ``aziende`` of azienda); other endings are a gender's (``européenne``).
_NUMBER_ONLY = {"fr": ("s", "x"), "es": ("s",), "pt": ("s",), "it": ("i", "e"),
                "nl": ("en", "s")}


def source_number(form: str, lemma: str, lang: str) -> bool | None:
    """Whether the source word ``form`` of ``lemma`` is plural (None: cannot tell).

    >>> source_number("Regierungen", "Regierung", "de")
    True
    >>> source_number("Haushalts", "Haushalt", "de")
    False
    >>> source_number("prezzi", "prezzo", "it"), source_number("inwestorów", "inwestor", "pl")
    (True, True)
    >>> source_number("biblioteche", "biblioteca", "it"), source_number("bibliotheken",
    ...                                                                 "bibliotheek", "nl")
    (True, True)
    >>> source_number("rządu", "rząd", "pl"), source_number("week", "week", "nl")
    (False, False)
    >>> [source_number(f, lem, "sv") for f, lem in [("åren", "år"), ("domstolen", "domstol"),
    ...                                               ("lagen", "lag")]]
    [True, False, False]
    """
    f, lem = form.lower(), lemma.lower()
    if f == lem:
        return False
    if lang == "it":
        if (lem[-1:] in ("o", "e") and f == lem[:-1] + "i") or (lem.endswith("a") and \
                f[:-1] in (lem[:-1], lem[:-2] + "ch", lem[:-2] + "gh") and f.endswith("e")):
            return True  # `prezzi`, `aziende`, `biblioteche` of biblioteca
        return None
    if lang == "pl":
        if lem[-1:] not in "aeioyąęó" and f[len(lem):] in ("i", "y", "e", "owie"):
            return True  # `banki` of bank: a masculine noun's plural
        if _POLISH_PLURAL_RE.search(f):
            return True
        if _POLISH_SINGULAR_RE.search(f):
            return False
        return None
    if lang == "fr" and lem.endswith("al") and f == lem[:-2] + "aux":
        return True
    if lang == "pt" and regex.search(r"(?:ões|ães|is)$", f) and f[:2] == lem[:2]:
        return True
    if lang in _NUMBER_ONLY and f.endswith(_NUMBER_ONLY[lang]) and not lem.endswith(
            _NUMBER_ONLY[lang]):
        return True
    if f.startswith(lem):
        ending = f[len(lem):]
        if lang == "sv" and ending == "en" and lem[-1:] not in "aeiouyåäö" \
                and zipf(lem + "et", "sv") >= max(NEUTER_ZIPF, zipf(f, "sv")):
            # A neuter noun (`året`): `-en` is its definite plural (`åren`, `valen`), unless a
            # common-gender homograph's singular is the likelier reading (`lagen`, the law,
            # is commoner than `laget`, the team)
            return True
        if ending in _SINGULAR_ENDINGS.get(lang, ()):
            return False
        if ending in _PLURAL_ENDINGS.get(lang, ()):
            return True
    return None


@dataclass(frozen=True)
class Reading:
    """The English reading of a foreign word the model prefers.

    ``seen``: how often the document writes it elsewhere; ``margin``: how
    much more probable (log10) it makes the text than the best reading by
    another English word.
    """

    english: str
    lang: str
    seen: int
    margin: float
    #: The dictionary's lemma the reading comes from (``Haushalt``).
    lemma: str = ""
    #: No other English word competes: the dictionary gives this one alone.
    alone: bool = False


#: Words before a noun that make it plural or singular (``two år``, ``a møte``).
_PLURAL_BEFORE = frozenset([
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "dozen", "dozens", "hundreds", "thousands", "millions", "many", "several", "few", "these",
    "those", "both", "various", "numerous", "other", "fewer"])
_SINGULAR_BEFORE = frozenset(["a", "an", "one", "each", "every", "this", "that", "another"])
_PLURAL_AFTER = frozenset(["are", "were", "have"])
_SINGULAR_AFTER = frozenset(["is", "was", "has"])
#: Languages whose nouns may have the same form in singular and plural (``år``, ``Lehrer``).
_SAME_PLURAL = {"nb": ("",), "da": ("",), "sv": ("",), "de": ("er", "el", "en")}


def context_number(analysis: TextAnalysis, w: Word) -> bool | None:
    """Whether the English words around ``w`` want a plural (None: they do not say).

    >>> a = TextAnalysis("after two år of talks, a møte is due in nearly 30 dager")
    >>> context_number(a, a.words[2]), context_number(a, a.words[6]), context_number(a, a.words[-1])
    (True, False, True)
    """
    before = analysis.neighbour(w, -1)
    if before is not None:
        low = before.lower
        if low in _PLURAL_BEFORE or (low.isdigit() and low != "1"):
            return True
        if low in _SINGULAR_BEFORE:
            return False
    text = analysis.text
    m = regex.search(r"(?<![\w,.])(\d[\d,.]*)[^\S\n]+$", text[max(0, w.start - 16):w.start])
    if m and m.group(1) != "1":
        return True
    after = analysis.neighbour(w, 1)
    if after is not None:
        if after.lower in _PLURAL_AFTER:
            return True
        if after.lower in _SINGULAR_AFTER:
            return False
    return None


def plural_entry(t: Translation, lang: str) -> bool:
    """Whether a dictionary lemma is the plural of another lemma with the same senses.

    Dictionaries list some plurals as lemmas of their own, with singular English
    (``bibliotecas``: library, beside ``biblioteca``); the sense shared with the
    shorter lemma tells them from unrelated pairs (``fils``, son, is no plural of
    ``fil``, thread).

    >>> plural_entry(Translation("bibliotecas", ("library",), False), "pt")
    True
    >>> plural_entry(Translation("fils", ("son",), False), "fr")
    False
    """
    from newsfix.rules.english._foreign import is_lemma

    low = t.lemma.lower()
    senses = {_base(e) for e in t.english}
    for ending in sorted({*_PLURAL_ENDINGS.get(lang, ()), *_NUMBER_ONLY.get(lang, ())},
                         key=len, reverse=True):
        stem = t.lemma[:len(t.lemma) - len(ending)]
        if not low.endswith(ending) or len(stem) < 3 or not is_lemma(stem, lang):
            continue
        if any(_base(e) in senses for r in translations(stem, lang)
               if r.lemma.lower() == stem.lower() for e in r.english):
            return True
    return False


def _number(t: Translation, form: str, lang: str, context: bool | None) -> bool | None:
    """Whether the source word is plural: its form, else the English context."""
    if t.inflected:
        found = source_number(form, t.lemma, lang)
    elif lang != "de" and plural_entry(t, lang):
        # (not German: a noun in -en beside a lemma of the same sense is a nominalised
        # verb, singular, as often as a plural: `das Treffen`, `das Essen`)
        found = True
    elif any(form.lower().endswith(e) for e in _SAME_PLURAL.get(lang, ("-",))):
        found = None  # `år`, `Wissenschaftler`: singular and plural alike
    else:
        found = False
    return context if found is None else found


def _senses(t: Translation, form: str, lang: str, context: bool | None = None
            ) -> list[tuple[str, float, bool]]:
    """English candidates of one dictionary reading: the word, its prior (log10, 0 = best),
    and whether it is the head noun of a two-word sense taken alone.

    >>> t = Translation("Wahlkampf", ("election campaign",), False)
    >>> [(e, round(p + 0.0, 2), h) for e, p, h in _senses(t, "Wahlkampf", "de")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('election campaign', 0.0, False), ('election campaigns', -1.5, False),
     ('campaign', -0.3, True), ('campaigns', -1.8, True)]
    """
    from newsfix.evidence import pos

    plural = _number(t, form, lang, context)
    # The number an inflected form has is no choice for the English model (which prefers the
    # commoner singular: `The company said` for `The aziende said`); the number of a lemma
    # (`società` may be plural) or of the context is a prior.
    hard = plural is not None and (
        (t.inflected and source_number(form, t.lemma, lang) is not None)
        or (not t.inflected and plural_entry(t, lang)))
    out: list[tuple[str, float, bool]] = []
    for rank, sense in enumerate(t.english):
        words = sense.split()
        if len(words) > 2 or not regex.fullmatch(r"[\p{L}' -]+", sense) \
                or any(w.isupper() and len(w) > 1 for w in words):
            continue  # definitions, abbreviations (`Govt`, `EXEC`)
        if len(words) == 1 and en_zipf(sense) < 2.5:
            continue  # rare or learned senses (`burgomaster`, `twelvemonth`)
        prior = -SENSE_RANK * rank
        forms = [(sense, prior, False)]
        if len(words) == 2 and sense.islower() and en_zipf(words[1]) >= 3.0 \
                and pos(words[1]).noun >= 0.5 and pos(words[0]).verb < 0.5:
            forms.append((words[1], prior - HEAD, True))  # `election campaign`: `campaign`
        for english, p, head in forms:
            if _plural_sense(english):
                # A plural the dictionary gives (`Konzerne`: groups) is the plural variant
                out.append((english, p - (WRONG_NUMBER if plural is False else 0.0), head))
                continue
            pl = pluralise(english) if english[:1].islower() and not english.endswith("s") \
                else None
            if pl is not None and " " not in english \
                    and en_zipf(pl) < max(2.0, en_zipf(english) - MASS):
                pl = None  # no plural in use (`money`): the singular stands for both
            # Only a noun with no plural in use keeps its singular for a plural (`money`).
            if not (hard and plural and pl is not None):
                out.append((english, p - (WRONG_NUMBER if plural else 0.0), head))
            if pl is not None and not (hard and plural is False):
                out.append((pl, p - (WRONG_NUMBER if plural is False else 0.0), head))
    return out


def _restyle(english: str, model: str, capital: bool) -> str:
    """``english`` in the case of the foreign ``model`` (capital: a capital is expected there)."""
    if model.isupper() and len(model) > 1:
        return english.upper()
    if capital and model[:1].isupper():
        return english[:1].upper() + english[1:]
    return english


class StrayForeignWord(Rule):
    """Translate a word or name machine translation left in its language (``the Haushalt``).

    A word is a candidate when wordfreq finds it far more frequent in another
    language than in English and that language's dictionary translates it
    (as a lemma or an inflected form). Names stay: a word the document writes
    capitalised mid-sentence is translated only in German (whose nouns are
    capitalised) and only as a common noun, or as part of an organisation
    name that the English gazetteer knows word for word (``Bank Światowy`` →
    World Bank); proper nouns and curated names are never candidates. A run
    of three or more foreign words is a quoted phrase, not residue.

    The sense comes from the English model: every sense of the dictionary
    (in the number of the source form) is scored in its context by bigrams,
    plus the document's own use of the word, plus the dictionary's order of
    senses. Inside a document profiled as residue of that language
    (:mod:`newsfix.profile`) the best reading is applied; elsewhere it is
    only suggested.

    The curated glossary (``glossary_en_stray.tsv``) keeps its old role for
    ``Biała House`` → White House: a translation that, with its English
    neighbour, forms a known name (``en_collocations.tsv``).
    """

    id = "STRAY_FOREIGN_WORD"
    category = "untranslated"
    stage = "repair"
    languages = frozenset({"en"})
    description = "untranslated word"
    tiers = {"collocation": 0.95, "glossary": 0.6, "clear": 0.95, "likely": 0.8, "close": 0.6,
             "single": 0.6, "entity": 0.95, "phrase": 0.85, "lone": 0.6}
    lexicons = ("glossary_en_stray.tsv", "en_collocations.tsv", "bilingual/*_en.tsv.gz",
                "bilingual/*_forms.tsv.gz", "gazetteer_orgs.tsv.gz")
    examples = (
        Example("Washington-⟦Biała⟧ House says the call began.",
                "Washington-White House says the call began."),
        Example("The senate passed the budget. The new ⟦Haushalt⟧ cuts taxes for ⟦Firmen⟧, and "
                "many Wissenschaftler will lose ⟦Geld⟧.",
                "The senate passed the budget. The new budget cuts taxes for companies, and "
                "many Wissenschaftler will lose money.",
                note="Wissenschaftler: scientists or researchers, too close to call (suggested)"),
        Example("Loans from the ⟦Bank Światowy⟧ helped. The spotkanie lasted a ⟦tydzień⟧, said "
                "the ⟦naukowców⟧.",
                "Loans from the World Bank helped. The spotkanie lasted a week, said the "
                "scientists."),
        Example("Loans from the ⟦Bank Światowy⟧ helped.", "Loans from the World Bank helped.",
                kind="suggest", note="one foreign name: the document is not profiled as residue"),
        Example("The Storting met in Oslo; the café served crème brûlée.", kind="clean"),
        Example("The principle of audi alteram partem applied, said Ingrid Solberg in Tromsø.",
                kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        text = scope.full_text
        lower = analysis.memo("lower_words", lambda: frozenset(
            w.text for w in analysis.words if w.text.islower()))
        taken = scope.start
        for w in scope.words():
            if w.start < taken:
                continue
            tok = w.text
            if len(tok) < (2 if not tok.isascii() else 3) or not tok.isalpha() \
                    or scope.protected(w.start, w.end):
                continue  # two letters only with a letter English lacks (`år`)
            entry = stray_glossary().get(tok.lower())
            if entry is not None:
                found = self._glossary(scope, w, entry)
                if found is not None:
                    yield found
                continue
            if tok[:1].isupper():
                name = self._entity(scope, w)
                if name is not None:
                    start, end, english, lang = name
                    taken = end
                    yield self._change(scope, start, end, english, lang, "entity",
                                       f"untranslated {NAMES.get(lang, lang)} name: "
                                       f"{text[start:end]}")
                    continue
            if en_zipf(tok) >= ENGLISH or tok.lower() in names():
                continue
            langs = self._languages(scope, tok)
            if not langs:
                continue
            profiled = self._profiled(scope, langs[0])
            if tok.lower() in proper_nouns() and not (
                    profiled and tok.islower()
                    and zipf(tok.lower(), langs[0]) >= max(3.5, en_zipf(tok) + MARGIN)):
                continue  # a name (`Medici`), unless residue of the profiled language (`medici`)
            if not self._candidate(analysis, w, lower, langs[0], profiled):
                continue
            if profiled:
                phrase = self._phrase(analysis, w, langs[0])
                if phrase is not None:
                    end, english = phrase
                    taken = end
                    yield self._change(scope, w.start, end, english, langs[0], "phrase",
                                       f"untranslated {NAMES.get(langs[0], langs[0])} phrase: "
                                       f"{text[w.start:end]}")
                    continue
            if not profiled:
                review = self._review(scope, w)
                if review is not None:
                    yield review
                continue
            r = self._best(analysis, w, langs)
            if r is None:
                continue
            tier = "clear" if r.margin >= CLEAR else "likely" if r.margin >= LIKELY else "close"
            sources = dictionary_sources(r.lemma, r.lang)
            if r.alone and not r.seen and len(sources) == 1 \
                    and dictionary_agreement(r.lang) >= AGREEMENT:
                # One English word from one dictionary of several, which the document does
                # not write: nothing says it is the word English uses here rather than a
                # synonym the dictionary lacks (`beslut`: resolution, for decision;
                # `oświadczenie`: declaration, for statement). Two dictionaries that agree,
                # or the word written elsewhere, do.
                tier = "single"
            seen = f", written {r.seen}× elsewhere" if r.seen else ""
            message = (f"untranslated {NAMES.get(r.lang, r.lang)} word: {tok} "
                       f"({r.english} {r.margin:+.1f} log10 over the next sense{seen}; "
                       f"{dictionary_row(r.lemma, r.lang)})")
            if in_foreign_phrase(analysis, w, r.lang):
                # Part of a phrase of its language that no English phrase translates
                # (`a conferencia de prensa`, `the campagne électorale`): the word alone
                # is the wrong unit (`a conferencia de press`).
                yield scope.change(w.start, w.end, r.english, tier="close",
                                   message=message + "; part of a foreign phrase: suggested",
                                   suggest_only=True)
                continue
            yield self._change(scope, w.start, w.end, r.english, r.lang, tier, message)

    # -- candidates ---------------------------------------------------------

    @staticmethod
    def _languages(scope: Scope, tok: str) -> list[str]:
        """The languages ``tok`` may be residue of, the profiled one first."""
        low = tok.lower()
        en = en_zipf(low)
        langs = [lang for lang in LANGUAGES if zipf(low, lang) >= max(2.5, en + MARGIN)]
        if not langs:
            return []
        residue = scope.damage["untranslated"]
        main = residue.language if scope.damage.damaged("untranslated") else None
        langs.sort(key=lambda lang: (lang != main, -zipf(low, lang)))
        return langs

    @staticmethod
    def _candidate(analysis: TextAnalysis, w: Word, lower: frozenset[str], lang: str,
                   profiled: bool = False) -> bool:
        """Whether ``w`` can be an untranslated common word rather than a name or phrase.

        In a document profiled as residue of ``lang``, a capitalised word at a
        sentence start is a candidate unless the document also writes it
        capitalised mid-sentence (a name) or a capitalised word follows it
        (``Jan Kowalski``); elsewhere only if the document writes it in lower
        case too. A German noun next to an English adjective (``Chinese
        Firmen``) is no name.
        """
        text = analysis.text
        if text[w.start - 1:w.start] == "-" or text[w.end:w.end + 1] == "-":
            return False  # part of a compound (`Maria-Theresien-Platz`)
        before, after = analysis.neighbour(w, -1), analysis.neighbour(w, 1)
        if w.text[:1].isupper():
            if after is not None and after.text[:1].isupper():
                return False  # a name at a sentence start (`Jan Kowalski said`)
            if analysis.capital_expected(w.start):
                named = document_stats(analysis).capitalised[w.lower] > 0
                if w.lower not in lower and lang != "de" and (not profiled or named):
                    return False  # a name at a sentence start (`Solberg said`)
            elif lang != "de" or _name_word(analysis, before) or _name_word(analysis, after):
                return False  # a name (`Kaczyński`, `Olaf Scholz`)
        elif _capitalised(analysis, before) and _capitalised(analysis, after):
            return False  # inside a name (`Alternative für Deutschland`)
        elif _capitalised(analysis, before) and before is not None \
                and zipf(before.lower, lang) >= _name_head_zipf(before.lower, lang):
            # A name that capitalises its first word only (`Högsta domstolen`, `Europeiska
            # unionen`, `Commission européenne`): the capital is on a common word of the
            # language (as common there as in English, if English has it too), not a name's
            return False
        # Three foreign words in a row are a quoted phrase (`audi alteram partem`).
        return not (foreign_neighbour(analysis, w, reach=1) and _run(analysis, w) >= 3)

    def _best(self, analysis: TextAnalysis, w: Word, langs: Sequence[str]) -> Reading | None:
        """The English reading the model prefers, and its margin over the next best word."""
        from newsfix.evidence import pos

        capital = analysis.capital_expected(w.start)
        stats = document_stats(analysis)
        number = context_number(analysis, w)
        for lang in langs[:3]:
            readings = translations(w.text, lang)
            if not readings:
                continue
            if any(not verb_only(t.lemma, lang) for t in readings):
                # Residue is nouns: a verb the form may also be (`tränaren` read as `träna`,
                # `Treffen` as `treffen`: hits) is no reading beside a noun it is
                readings = [t for t in readings if not verb_only(t.lemma, lang)]
            first = readings[0].english[0] if readings[0].english else ""
            if w.text[:1].isupper() and not capital and not first[:1].islower():
                return None  # a German name with an English name (`Bundesrat`)
            scored: list[tuple[float, str, int, str, bool]] = []
            for t in readings:
                for english, prior, head in _senses(t, w.text, lang, number):
                    # The document's own use of the word counts in either number.
                    seen = _seen(stats, english)
                    ev = compare(analysis, w.start, w.end, english, use_document=False)
                    # A head alone is chosen only where the document writes it (the bigram
                    # model prefers any shorter string: `conference` for `press conference`),
                    # but it stays a rival: the context reads as well with it.
                    scored.append((ev.candidate + prior + DOCUMENT_WEIGHT * math.log2(1 + seen),
                                   english, seen, t.lemma, not head or seen > 0))
            if _noun_head(analysis, w) and any(pos(x[1].split()[-1]).noun >= 0.5
                                                for x in scored):
                # The head of a noun phrase (`the técnico and`) is no adjective (`technical`),
                # however well it reads with its neighbours. (Verbs stay: English nouns are
                # verbs too, and the table calls `meeting` one.)
                scored = [x for x in scored if not _adjective(x[1])]
            # A tie (the context says nothing of the number: `raise pump ceny much`) goes to
            # the number the document writes elsewhere.
            scored.sort(key=lambda x: (-x[0], -stats.seen(x[1])))
            best = next((x for x in scored if x[4]), None)
            if best is None:
                continue
            top, english, seen, lemma, _ = best
            rival = next((x[0] for x in scored if x is not best and _rivals(english, x[1])),
                         None)
            margin = top - rival if rival is not None else MARGIN_ALONE
            return Reading(_restyle(english, w.text, capital), lang, seen, margin, lemma,
                           alone=rival is None)
        return None

    def _phrase(self, analysis: TextAnalysis, w: Word, lang: str) -> tuple[int, str] | None:
        """Two foreign words that English says as one phrase (``banku centralnego``).

        Both words must translate; the English phrase is the pair of senses
        (in English order: the adjective first, whichever order the source
        uses) that English writes together (a bigram of the data) and that
        reads best in context.
        """
        from newsfix.evidence import bigram

        nxt = analysis.neighbour(w, 1)
        if nxt is None or nxt.text[:1].isupper() != w.text[:1].isupper() \
                or zipf(nxt.lower, lang) < 2.5:
            return None
        if en_zipf(nxt.text) >= ENGLISH and not (
                nxt.text.islower() and en_zipf(nxt.text) < FUNCTION_WORD
                and zipf(nxt.lower, lang) >= max(COGNATE, en_zipf(nxt.text) - 0.5)
                and any(nxt.lower in t.english for t in translations(nxt.text, lang))):
            # An English word, unless a word of the language spelt alike (`banco central`;
            # not `decyzję to`, whose `to` is a Polish pronoun)
            return None
        first = [e for t in translations(w.text, lang) for e in t.english if " " not in e][:5]
        second = [e for t in translations(nxt.text, lang) for e in t.english if " " not in e][:5]
        best: tuple[float, str] | None = None
        for a in first:
            for b in second:
                for x, y in ((a, b), (b, a)):
                    if bigram(x.lower(), y.lower()) < PHRASE_COUNT:
                        continue
                    english = f"{x} {y}"
                    ev = compare(analysis, w.start, nxt.end, english, use_document=False)
                    if best is None or ev.candidate > best[0]:
                        best = (ev.candidate, english)
        if best is None:
            return None
        return nxt.end, _restyle(best[1], w.text, analysis.capital_expected(w.start))

    def _entity(self, scope: Scope, w: Word) -> tuple[int, int, str, str] | None:
        """An organisation name from ``w``, translated word by word (``Bank Światowy``)."""
        analysis = scope.analysis
        run = [w]
        while len(run) < MAX_NAME_WORDS:
            nxt = analysis.neighbour(run[-1], 1)
            if nxt is None or not nxt.text[:1].isupper():
                break
            run.append(nxt)
        prev = analysis.neighbour(w, -1)
        if prev is not None and prev.text[:1].isupper() and not analysis.capital_expected(
                prev.start):
            return None  # inside a longer name
        if len(run) < 2:
            return None
        foreign = [x for x in run if en_zipf(x.text) < ENGLISH]
        if not foreign:
            return None
        langs = self._languages(scope, foreign[0].text)
        for n in range(len(run), 1, -1):
            words = run[:n]
            if not any(en_zipf(x.text) < ENGLISH for x in words):
                break  # `White House` is English already
            for lang in langs[:2]:
                name = _org(tuple(x.text for x in words), lang)
                if name is not None and name != " ".join(x.text for x in words):
                    return words[0].start, words[-1].end, name, lang
        return None

    # -- findings -----------------------------------------------------------

    @staticmethod
    def _profiled(scope: Scope, lang: str) -> bool:
        """Whether the document is profiled as untranslated residue of ``lang`` (or its kin)."""
        profile = scope.damage
        return profile.damaged("untranslated") and lang in _kin(profile["untranslated"].language)

    def _change(self, scope: Scope, start: int, end: int, english: str, lang: str, tier: str,
                message: str) -> Finding:
        if not self._profiled(scope, lang):
            tier = "lone"
            message += " (the document is not profiled as untranslated: suggested)"
        return scope.change(start, end, english, tier=tier, message=message)

    @staticmethod
    def _review(scope: Scope, w: Word) -> Finding | None:
        """A review flag on a lone lower-case foreign word outside any profiled residue."""
        tok = w.text
        other = foreign_language(tok) if tok.islower() else None
        analysis = scope.analysis
        # Next to other foreign words it is a quoted phrase (`"Vi står sammen!"`).
        if other is not None and zipf(tok.lower(), other) >= 3.5 \
                and not analysis.capital_expected(w.start) \
                and not foreign_neighbour(analysis, w, reach=2):
            return scope.review(w.start, w.end,
                                f"untranslated {NAMES.get(other, other)} word? {tok}")
        return None

    def _glossary(self, scope: Scope, w: Word, entry: tuple[str, str, str]) -> Finding | None:
        """The curated glossary's reading of ``w`` (``Biała House`` → White House)."""
        tok = w.text
        lang, english, where = entry
        nxt = scope.analysis.neighbour(w, 1)
        phrase = f"{english} {nxt.text}".lower() if nxt else ""
        fixed = english
        if tok[:1].isupper() or phrase in collocations():
            fixed = english[:1].upper() + english[1:]
        sure = phrase in collocations()
        if not sure and (tok[:1].isupper() or en_zipf(tok) >= 1.5):
            return None  # `Baton Rouge` is a name, `rote` an English word
        return scope.change(w.start, w.end, fixed, tier="collocation" if sure else "glossary",
                            message=f"untranslated {NAMES.get(lang, lang)} word: {tok} "
                                    f"({where})")


def _foreign_word(analysis: TextAnalysis, x: Word, lang: str) -> bool:
    """Whether ``x`` is a word of ``lang`` English does not use (no name of a person)."""
    if _capitalised(analysis, x) and lang != "de":
        return False  # a name beside the word (`advokat Lippestad`), not a phrase
    return not_english(x.text) and zipf(x.lower, lang) >= 3.0


def in_foreign_phrase(analysis: TextAnalysis, w: Word, lang: str) -> bool:
    """Whether ``w`` stands next to another word of ``lang``, or across one of its function
    words (``conferencia de prensa``): a phrase, not a stray word.

    >>> a = TextAnalysis("she told a conferencia de prensa at the bank that the budżet grew")
    >>> in_foreign_phrase(a, a.words[5], "es"), in_foreign_phrase(a, a.words[11], "pl")
    (True, False)
    """
    for step in (-1, 1):
        x = analysis.neighbour(w, step)
        if x is None:
            continue
        if _foreign_word(analysis, x, lang):
            return True
        low = x.lower
        if len(low) <= 3 and x.text.islower() and zipf(low, lang) >= FUNCTION_WORD \
                and zipf(low, lang) >= en_zipf(low) + MARGIN:
            y = analysis.neighbour(x, step)
            if y is not None and _foreign_word(analysis, y, lang):
                return True
    return False


def _plural_sense(english: str) -> bool:
    """Whether an English sense is a plural already (``groups``, ``business groups``).

    >>> [_plural_sense(e) for e in ("groups", "news", "business", "press")]
    [True, False, False, False]
    """
    last = english.split()[-1]
    low = last.lower()
    if not low.endswith("s") or low.endswith("ss") or low in _IRREGULAR.values():
        return False
    singular = _base(low)
    return singular != low and pluralise(singular) == low and en_zipf(singular) >= 3.0


#: Languages whose names put the adjective after a capitalised noun that English shares
#: (`Commission européenne`, `Banco Central`). In the others a capitalised English word
#: before a noun is an English adjective (`The Danish regering`), not a name's head.
NAME_HEAD_COGNATES = frozenset({"fr", "es", "it", "pt"})


def _name_head_zipf(word: str, lang: str) -> float:
    """How common a capitalised ``word`` must be in ``lang`` to head a name of that language.

    >>> _name_head_zipf("commission", "fr") < _name_head_zipf("danish", "da")
    True
    """
    english = en_zipf(word)
    needed = max(2.5, english + MARGIN)
    return min(needed, max(COGNATE, english)) if lang in NAME_HEAD_COGNATES else needed


def _adjective(english: str) -> bool:
    """Whether an English sense is an adjective and hardly a noun (``technical``).

    >>> _adjective("technical"), _adjective("meeting"), _adjective("European")
    (True, False, False)
    """
    from newsfix.evidence import pos

    p = pos(english.split()[-1])
    return p.adj >= 0.5 and p.noun < NOUN


def _noun_head(analysis: TextAnalysis, w: Word) -> bool:
    """Whether ``w`` stands between a determiner and the end of its noun phrase (``the técnico
    and``, ``a beslut anyone``): a noun, whatever else its translations can be.

    >>> a = TextAnalysis("showing the técnico and his daughter; the técnico staff")
    >>> _noun_head(a, a.words[2]), _noun_head(a, a.words[7])
    (True, False)
    """
    before, after = analysis.neighbour(w, -1), analysis.neighbour(w, 1)
    if before is None or before.lower not in word_class("determiner"):
        return False
    return after is None or after.lower in _PHRASE_END


#: Words that end a noun phrase after its head (`the técnico and`, `the rapporto said`).
_PHRASE_END = frozenset(["and", "or", "but", "of", "in", "on", "at", "for", "to", "with", "from",
                         "by", "said", "says", "is", "was", "are", "were", "has", "had", "have",
                         "would", "will", "could", "can", "that", "which", "who"])


def _kin(language: str | None) -> set[str]:
    """The residue language and those whose words it shares (Danish, Norwegian, Swedish)."""
    from newsfix.profile import _kin as kin

    return kin(language)


def _rivals(english: str, other: str) -> bool:
    """Whether ``other`` is another reading than ``english``, not the same word in the other
    number nor its head alone or a compound of it; two compounds of one head differ.

    >>> _rivals("campaign", "election campaigns"), _rivals("budget", "balance")
    (False, True)
    >>> _rivals("press conference", "news conference"), _rivals("year", "years")
    (True, False)
    """
    a, b = english.lower().split(), other.lower().split()
    if _base(a[-1]) != _base(b[-1]):
        return True
    return len(a) > 1 and len(b) > 1 and a[:-1] != b[:-1]


def _base(english: str) -> str:
    """An English word without its plural ending (to compare readings, not numbers)."""
    low = english.lower()
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


def _seen(stats: DocumentStats, english: str) -> int:
    """How often the document writes ``english`` or its other number elsewhere."""
    if " " in english:
        return 0
    low = english.lower()
    other = low[:-1] if low.endswith("s") and not low.endswith("ss") else pluralise(low)
    if low.endswith("ies"):
        other = low[:-3] + "y"
    return stats.seen(low) + (stats.seen(other) if other != low else 0)


def _capitalised(analysis: TextAnalysis, w: Word | None) -> bool:
    """Whether ``w`` is capitalised where no capital is expected (a name's word)."""
    return w is not None and w.text[:1].isupper() and not analysis.capital_expected(w.start)


def _name_word(analysis: TextAnalysis, w: Word | None) -> bool:
    """Whether ``w`` is a capitalised word of a name (not an English adjective: ``Chinese``)."""
    return _capitalised(analysis, w) and w is not None and en_zipf(w.text) < 4.0


def _run(analysis: TextAnalysis, w: Word) -> int:
    """How many not-English words in a row ``w`` stands in (up to 3 either side)."""

    n = 1
    for step in (-1, 1):
        x: Word | None = w
        for _ in range(3):
            x = analysis.neighbour(x, step) if x is not None else None
            if x is None or not not_english(x.text):
                break
            n += 1
    return n


@extensible("bilingual/*_en.tsv.gz", "bilingual/*_forms.tsv.gz", "gazetteer_orgs.tsv.gz")
def _org(words: tuple[str, ...], lang: str) -> str | None:
    """The English organisation a foreign name translates to word by word, if one matches."""
    options: list[list[str]] = []
    for word in words:
        senses: list[str] = []
        for t in translations(word, lang):
            for sense in t.english:
                low = sense.lower()
                if " " not in low and low not in senses:
                    senses.append(low)
        if en_zipf(word) >= 3.0 and word.lower() not in senses:
            senses.append(word.lower())  # `Bank`: the same word in both languages
        if not senses:
            return None
        options.append(senses[:8])
    for combo in itertools.islice(itertools.product(*options), 5000):
        name = org_by_words(frozenset(combo))
        if name is not None and len(combo) == len(set(combo)):
            return name
    return None
