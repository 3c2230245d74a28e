"""Apostrophes stripped by a round trip through another language: possessives, contractions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import regex

from newsfix.evidence import bigram, document_stats, pos
from newsfix.lexicon import Record
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import (
    contractions,
    en_zipf,
    match_case,
    name_variants,
    proper_nouns,
    word_class,
)
from newsfix.rules.preformatted import preformatted
from newsfix.text import TextAnalysis, Word

__all__ = ["ContractionApostrophe", "PossessiveApostrophe", "apostrophe_style"]

#: Candidates of a stripped possessive: words of four letters or more ending in s.
ENDS_IN_S_RE = regex.compile(r"(?<![\p{L}\p{M}'’])\p{L}{3,}s(?![\p{L}\p{M}'’])")


@cache
def _contraction_re() -> regex.Pattern[str]:
    """The stripped forms of ``en_contractions.tsv`` and ``its``, as one pattern."""
    words = sorted({*contractions(), "its"}, key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\p{M}'’])(?:" + "|".join(map(regex.escape, words))
                         + r")(?![\p{L}\p{M}'’])", regex.IGNORECASE)


class Lazy:
    """A yes/no answer computed the first time it is asked (the damage profile costs a pass).

    >>> calls = []; lazy = Lazy(lambda: calls.append(1) or True)
    >>> bool(lazy), bool(lazy), calls
    (True, True, [1])
    """

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], bool]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._compute())
        return self._value


#: A plural followed by a noun this often in the bigram data is a compound (`sales tax`).
COMPOUND = 100_000
#: Zipf of `X's` from which a rarer owner (`the surveys authors`) is read before a clear noun.
RARE_OWNER = 2.0
#: Between an `Xs` and the noun it owns, a number may stand: `the countrys 1,400 glaciers`.
NUMBER_GAP_RE = regex.compile(r" [\d.,]+ ")
#: A number right before a word (``3 Trumps``): a bounded look-back, not a search from the start.
NUMBER_BEFORE_RE = regex.compile(r"\p{N}+[^\S\n]+$")


def apostrophe_style(text: str) -> str:
    """The apostrophe the document uses: ``’`` or ``'``.

    The one it uses most between letters; where no apostrophe survived (a
    round trip through French strips them all), the style of its quotation
    marks (curly ``“”‘`` or straight ``"``) tells; with no evidence at all, the
    plain ``'``.

    >>> apostrophe_style("It’s Kyiv’s turn, isn't it?"), apostrophe_style("“Its over,” he said")
    ('’', '’')
    >>> apostrophe_style('"Its over," he said'), apostrophe_style("Its over")
    ("'", "'")
    """
    curly = len(CURLY_APOSTROPHE_RE.findall(text))
    straight = len(STRAIGHT_APOSTROPHE_RE.findall(text))
    if curly != straight:
        return "’" if curly > straight else "'"
    curly_quotes = sum(text.count(c) for c in "“”‘")
    straight_quotes = text.count('"')
    return "’" if curly_quotes > straight_quotes else "'"


CURLY_APOSTROPHE_RE = regex.compile(r"\p{L}’\p{L}")
STRAIGHT_APOSTROPHE_RE = regex.compile(r"\p{L}'\p{L}")


def _counted(analysis: TextAnalysis, word: Word) -> bool:
    """Whether a number or quantifier precedes ``word`` (``two``, ``both``, ``3``).

    >>> a = TextAnalysis("the two Trumps and 3 Trumps, Mr. Trumps")
    >>> [_counted(a, w) for w in a.words if w.text == "Trumps"]
    [True, True, False]
    """
    prev = analysis.neighbour(word, -1)
    if prev is not None and prev.lower in word_class("plural_marker"):
        return True
    text = analysis.text
    return NUMBER_BEFORE_RE.search(text, max(0, word.start - 24), word.start) is not None


#: A stem whose plural takes -es (`Berlioz` → `Berliozes`): its `Xs` is no plural.
SIBILANT_RE = regex.compile(r"(?:x|z|ch|sh)$")
#: How much more often (Zipf) English writes `X's` than `Xs` for `the Xs <noun>` to be
#: the possessive of one name rather than a family or a plural.
SINGULAR_NAME = 1.5
#: How much more often (Zipf) English writes `X's` than `Xs` for a sentence that opens
#: on `Xs <noun>` (no determiner) to open on a possessive (`Todays decision`).
SENTENCE_OWNER = 1.0


def _titled(analysis: TextAnalysis, word: Word) -> bool:
    """Whether a title stands right before ``word`` (``Mr. Trumps``, ``President Bidens``)."""
    if word.index == 0:
        return False
    prev = analysis.words[word.index - 1]
    gap = analysis.text[prev.end:word.start]
    return len(gap) <= 3 and not gap.strip(" .\u00a0") and prev.lower in word_class(
        "possessor_title")


class PossessiveApostrophe(Rule):
    """Restore the apostrophe of a possessive stripped by machine translation (``Irans nuclear``).

    A capitalised ``Xs`` becomes ``X's`` only when ``X`` is a name (known from
    the document, where it appears without the ``s``, or from the gazetteers),
    English writes ``X's`` far more often than ``Xs`` (wordfreq), and a title
    precedes it (``Mr. Trumps``) or a word that can be owned follows it
    (``Irans nuclear``); ``the Clintons`` (a family) and ``Xs said`` are
    left alone. Lower-case ``xs`` is fixed only when it is not an English word
    at all (``the countrys economy``); ``the banks decision`` is a suggestion.

    In a document whose damage profile shows stripped apostrophes (no
    apostrophe left, or far fewer than edited English has, beside stripped
    contractions and possessives), the same evidence goes further: a name
    alone (``Bidens war`` ends a sentence) and a common noun after a
    determiner, before a noun (``the parliaments decision``), unless English
    writes the two as a compound (``the sales tax``) or the next word is a verb
    (``the banks closed``). The noun may stand past a modifier (``the worlds only
    maker``; not a time noun: ``the banks last week reported``), where the
    singular needs evidence of its own, else the owners are plural (``the
    parents' only child``); and a sentence may open on the possessive where
    English writes ``X's`` far more often than ``Xs`` (``Todays decision``).
    """

    id = "POSSESSIVE_APOSTROPHE"
    category = "apostrophe"
    stage = "repair"
    languages = frozenset({"en"})
    description = "possessive apostrophe stripped"
    tiers = {"name_owned": 0.95, "name_alone": 0.6, "name_profiled": 0.93, "no_plural": 0.95,
             "owned_noun": 0.6, "noun_profiled": 0.92, "plural_profiled": 0.9}
    lexicons = ("en_word_classes.tsv", "gazetteer_en_propernouns.tsv", "gazetteer_en_names.tsv")
    examples = (
        Example("Iran said no. Israel wants to destroy ⟦Irans⟧ nuclear installations.",
                "Iran said no. Israel wants to destroy Iran's nuclear installations."),
        Example("The comments of Mr. ⟦Trumps⟧ were striking, Mr. Trump said.",
                "The comments of Mr. Trump's were striking, Mr. Trump said."),
        Example("The Clintons and the Obamas met the Americans; Germans said no.", kind="clean"),
        Example("Both Trumps who had tried to buy it, the two Trumps who bid, were outbid.",
                kind="clean"),
        Example("Iran's nuclear plans worry Israel's leaders.", kind="clean"),
        Example("The bank said the ⟦banks⟧ decision was final.",
                "The bank said the bank's decision was final.", kind="suggest"),
        Example("Its not over, the minister said. ⟦Natos⟧ chief and Mr. ⟦Trumps⟧ aide agree: "
                "the ⟦parliaments⟧ decision stands, and the ⟦armys⟧ commander too.",
                "Its not over, the minister said. NATO's chief and Mr. Trump's aide agree: "
                "the parliament's decision stands, and the army's commander too.",
                note="a document that lost its apostrophes (its damage profile) makes "
                     "`the Xs <noun>` a possessive"),
        Example("The banks closed early and the sales tax rose; the talks process ended.",
                kind="clean", note="verbs and compounds after a plural are no possessives"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        mark = analysis.memo("apostrophe_style", lambda: apostrophe_style(scope.full_text))
        known = analysis.memo("capitalised_words", lambda: {
            w.lower: w.text for w in analysis.words if w.text[:1].isupper()})
        damaged = Lazy(lambda: scope.damage.damaged("apostrophe"))
        for m in scope.finditer(ENDS_IN_S_RE):
            w = analysis.word_at(m.start())
            if w is None or w.start != m.start():
                continue
            tok = w.text
            if len(tok) < 4 or not tok.endswith("s") or not tok.isalpha():
                continue
            if tok.endswith("ss") and tok[:-1].lower() not in known \
                    and tok[:-1].lower() not in proper_nouns():
                continue  # `boss`, `Congress`; but `Hamass` is `Hamas` + s
            if scope.protected(w.start, w.end) or analysis.sic_marked(w.start) \
                    or preformatted(analysis, w.start, w.end):
                continue  # code, tables and indented verbatim text (a quoted licence)
            found = self._judge(analysis, w, known, damaged)
            if found is not None:
                stem, tier = found
                fixed = tok + mark if tier == "plural_profiled" else stem + mark + "s"
                yield scope.change(w.start, w.end, fixed, tier=tier,
                                   message=f"possessive apostrophe stripped: {tok}")

    def _judge(self, analysis: TextAnalysis, w: Word, known: dict[str, str],
               damaged_: Lazy) -> tuple[str, str] | None:
        tok = w.text
        stem = tok[:-1]
        low = stem.lower()
        poss, plural = en_zipf(low + "'s"), en_zipf(tok)
        nxt = analysis.neighbour(w, 1)
        prev = analysis.neighbour(w, -1)
        owned = (nxt is not None and nxt.text[:1].islower()
                 and nxt.lower not in word_class("not_possessed")
                 and not nxt.text.endswith(("ed", "ing")))
        head = _owned_head(analysis, w)
        damaged = damaged_  # read (once) only where a decision depends on it
        # (the splitter knows `Mr.`: a capital after it is no sentence start)
        sentence_start = analysis.sentence_at(w.start).start == w.start
        if tok[:1].isupper() and not (sentence_start and low not in known_mid(analysis)
                                      and low not in proper_nouns()):
            # The stem as a name: seen in the document, or in a gazetteer.
            name = known.get(low) or proper_nouns().get(low)
            if name is None and low in name_variants():
                name = stem
            if name is not None and prev is not None and prev.lower == "the" \
                    and head is not None and not _counted(analysis, w) \
                    and (SIBILANT_RE.search(low) or (damaged and plural < poss - SINGULAR_NAME)):
                # `the Berliozs score`: a name ending in a sibilant makes its plural with -es
                # (`the Joneses`); in a document that lost its apostrophes, `the Pentagons
                # spending`, `the Treasurys borrowing`: English writes `X's` far more often
                # than the plural `Xs` (a family is `the Trumps`, `the Clintons`).
                return (name if name.isupper() and len(name) > 1 else stem), "name_profiled"
            if name is None or (prev is not None and prev.lower == "the") \
                    or _counted(analysis, w):
                return None  # unknown, or a family/plural (`the Trumps`, `the two Trumps`)
            if name.isupper() and len(name) > 1:
                stem = name  # Natos -> NATO's
            titled = _titled(analysis, w)
            # Neither form known to wordfreq: only a title makes the plural impossible.
            rare_plural = plural < poss - 0.3 or (plural < 1.0 and (
                low in name_variants() or titled))
            if rare_plural and (titled or owned):
                return stem, "name_owned"
            if damaged and head is not None and (rare_plural or plural < 1.0 or plural < poss):
                # A document that lost its apostrophes: `Durantas engineers`, `ESPNs Kevin
                # Pelton`, `Chinas Ministry`, `the Feds next meeting`.
                return stem, "name_profiled"
            if not rare_plural or sentence_start:
                return None
            if prev is not None and prev.lower in word_class("preposition"):
                return None  # `secretary general of Natos,`: `of NATO's` is no English
            return stem, "name_profiled" if damaged else "name_alone"
        # `the countrys economy`: `countrys` is no English plural (that is `countries`).
        no_plural = plural < 1.0 or regex.search(r"[^aeiou]y$", stem) is not None
        if no_plural and (poss >= 2.0 or (damaged and poss >= 1.5 and head is not None)) \
                and (owned or head is not None):
            # (in a document that lost its apostrophes a rarer owner too: `the eurozones economy`)
            return stem, "no_plural"
        if nxt is None:
            return None
        if sentence_start and tok[:1].isupper() and poss >= plural + SENTENCE_OWNER \
                and (head is not None or _profiled_head(analysis, w, nxt)) and damaged:
            # A document that lost its apostrophes, a sentence that opens on `Xs <noun>`
            # with no determiner to read: English writes `X's` far more than `Xs`
            # (`Todays decision was`), so the plural is the unlikely reading.
            return stem, "noun_profiled"
        if damaged and (poss >= 2.5 or (poss >= RARE_OWNER and head is not None
                                        and pos(head.text).noun >= 0.8)) \
                and _determined(analysis, w) \
                and bigram(tok.lower(), nxt.lower) < COMPOUND \
                and (head is not None or _profiled_head(analysis, w, nxt)):
            # A document that lost its apostrophes: `the parliaments decision`, `last years
            # level`, `the incoming administrations plans`. A plural before a noun is a
            # compound only where English has it (`sales tax`). A noun the document
            # writes only as a plural owns as a plural (`the plaintiffs lawyers`), and
            # so does one English writes as a plural after its determiner (`its members`).
            if _singular_plausible(analysis, w) and not _plural_after(prev, tok) \
                    and (nxt.lower not in word_class("owned_modifier")
                         or _singular_past_modifier(analysis, w, poss, plural)):
                return stem, "noun_profiled"
            return tok, "plural_profiled"
        if prev is not None and prev.lower == "the" and nxt.lower in word_class("owned_noun") \
                and poss >= 3.0:
            return stem, "owned_noun"
        return None


def known_mid(analysis: TextAnalysis) -> frozenset[str]:
    """Lower-cased words the text writes capitalised where no capital is expected (names)."""
    return analysis.memo("capitalised_mid_sentence", lambda: frozenset(
        w.lower for w in analysis.words
        if w.text[:1].isupper() and not analysis.capital_expected(w.start)))


def _owned_head(analysis: TextAnalysis, w: Word) -> Word | None:
    """The noun that ``w`` would own: the next word, or the noun after an adjective or number.

    ``Irans nuclear programme`` → programme; ``the countrys 1,400 glaciers`` →
    glaciers; ``ESPNs Kevin Pelton`` → Kevin (a name after a name); the
    ``-ing`` noun of ``the Pentagons spending``. None when a verb, a function
    word or punctuation follows.
    """
    text = analysis.text
    if w.index + 1 >= len(analysis.words):
        return None
    nxt = analysis.words[w.index + 1]
    gap = text[w.end:nxt.start]
    if gap != " " and not NUMBER_GAP_RE.fullmatch(gap):
        return None
    if gap == " " and nxt.text.islower() and nxt.lower in word_class("owned_modifier"):
        # `the worlds only maker`, `the conductors first duty`: the noun past the modifier,
        # which must be a noun and no verb (`the banks only lend`, `the teams first met`)
        after = analysis.neighbour(nxt, 1)
        if after is not None and text[nxt.end:after.start] == " " and after.text.islower() \
                and after.lower not in word_class("time_noun"):
            # (`the banks last week reported`: an adverbial of time, no owned noun)
            p = pos(after.text)
            if p.noun >= 0.6 and p.verb < 0.3:
                return after
        return None
    if nxt.lower in word_class("not_possessed") or nxt.lower in word_class("determiner"):
        return None
    p = pos(nxt.text)
    if nxt.text[:1].isupper():
        return nxt if w.text[:1].isupper() and not analysis.capital_expected(nxt.start) \
            else None
    if p.noun >= 0.6 or (nxt.text.endswith("ing") and p.noun >= 0.4):
        return nxt
    if (p.adj >= 0.6 or gap != " ") and p.verb < 0.3:
        after = analysis.neighbour(nxt, 1)
        if after is not None and after.text.islower() and pos(after.text).noun >= 0.6:
            return after  # `the indexs real estate`, `the states largest city`
    return None


#: A superlative adjective (`largest`, `biggest`): after `the Xs` it makes `Xs` an owner.
SUPERLATIVE_RE = regex.compile(r"\p{Ll}{3,}est$")


def _profiled_head(analysis: TextAnalysis, w: Word, nxt: Word) -> bool:
    """Whether the word after ``w`` is, by agreement, the noun a possessive ``Xs`` owns.

    For a document that lost its apostrophes, where the next word could be a
    noun or a verb (``plans``, ``funding``): a verb after a plural ``Xs`` would
    agree with it, so a form in -s (``the administrations plans for``) or a
    word an auxiliary follows (``the governments funding was``) is the noun; a
    superlative cannot follow a plural head (``the states largest city``).

    >>> a = TextAnalysis("the administrations plans for, the governments funding was due, "
    ...                  "the states largest city, the banks plan to, the banks closed")
    >>> [_profiled_head(a, w, a.neighbour(w, 1)) for w in a.words
    ...  if w.lower in ("administrations", "governments", "states", "banks")]
    [True, True, True, False, False]
    """
    text = analysis.text
    if text[w.end:nxt.start] != " " or not nxt.text.islower() \
            or nxt.lower in word_class("not_possessed") or nxt.lower in word_class("determiner"):
        return False
    p = pos(nxt.text)
    after = analysis.neighbour(nxt, 1)
    joined = after is not None and text[nxt.end:after.start] == " "
    if SUPERLATIVE_RE.search(nxt.text) and p.adj >= 0.6:
        # `the states largest city`, `the capitals largest thermal station`; not the
        # pronoun (`the ones closest to`), nor a superlative before a function word
        return w.lower not in ("ones", "others") and after is not None and joined \
            and after.text.islower() and after.lower not in word_class("function_word")
    if p.noun < (0.4 if nxt.text.endswith("ing") else 0.35) or nxt.text.endswith("ed"):
        return False
    if nxt.text.endswith("s") and not nxt.text.endswith("ss") and pos(nxt.text[:-1]).noun >= 0.35:
        return True  # `the administrations plans`: a plural's verb is no -s form (`focus` is)
    return joined and after is not None and after.lower in word_class("auxiliary") \
        and after.lower not in ("are", "were", "do", "have")  # `the governments funding was`


def _plural_after(prev: Word | None, tok: str) -> bool:
    """Whether English writes the plural ``tok`` after ``prev`` more than its singular.

    The bigram model, asked right after a determiner: ``its members`` is far
    commoner than ``its member``, so ``its members budgets`` is the members'
    budgets; ``the government`` is commoner than ``the governments``.

    >>> a = TextAnalysis("its members budgets and the governments plans")
    >>> [_plural_after(a.neighbour(w, -1), w.text) for w in a.words
    ...  if w.lower in ("members", "governments")]
    [True, False]
    """
    if prev is None or prev.lower not in word_class("determiner"):
        return False  # `the health services focus`: the bigram is the compound's
    low = tok.lower()
    return bigram(prev.lower, low) > bigram(prev.lower, low[:-1])


def _singular_plausible(analysis: TextAnalysis, w: Word) -> bool:
    """Whether ``Xs`` may be the singular's possessive rather than a plural's (``members'``).

    The document tells: a noun it writes as a plain plural elsewhere and never
    in the singular (``the 212 plaintiffs``… ``the plaintiffs lawyers``) is
    likelier a plural possessive, which no rule can write from the stem.
    """
    stats = document_stats(analysis)
    return stats.seen(w.text[:-1]) > 0 or stats.seen(w.text) <= 1


def _singular_past_modifier(analysis: TextAnalysis, w: Word, poss: float, plural: float
                            ) -> bool:
    """Whether ``Xs`` before a modifier and its noun owns in the singular (``the worlds only``).

    ``the visitors first goal``, ``the parents only child``: nothing but the
    apostrophe's place tells one owner from several, so the singular needs
    evidence: English writes ``X's`` at least as often as ``Xs`` (``world's``),
    or the document writes the singular noun elsewhere (``the conductor``).
    """
    return poss >= plural or document_stats(analysis).seen(w.text[:-1]) > 0


def _determined(analysis: TextAnalysis, w: Word) -> bool:
    """Whether a determiner (or `last`: `last years`) governs ``w``, maybe past an adjective."""
    prev = analysis.neighbour(w, -1)
    if prev is None:
        return False
    if prev.lower in word_class("determiner") or prev.lower in word_class("time_determiner"):
        return True
    p = pos(prev.text)
    before = analysis.neighbour(prev, -1)
    return (p.adj >= 0.6 or p.noun >= 0.6) and prev.text.islower() and before is not None \
        and before.lower in word_class("determiner")


class ContractionApostrophe(Rule):
    """Restore the apostrophe of a stripped contraction (``dont``, ``didnt``, ``Its not``).

    Only forms that are no English word of their own are fixed outright;
    ``wont`` and ``cant`` (real words) only right after a subject pronoun, and
    ``its`` only before a word that cannot follow the possessive (``not``,
    ``been``, an article). ``well``, ``were``, ``ill``, ``shell``, ``hell``,
    ``lets`` and ``shed`` are never touched: they are words far more often.
    """

    id = "CONTRACTION_APOSTROPHE"
    category = "apostrophe"
    stage = "repair"
    languages = frozenset({"en"})
    description = "contraction apostrophe stripped"
    tiers = {"certain": 0.97, "profiled_context": 0.9}
    lexicons = ("en_contractions.tsv", "en_word_classes.tsv")
    examples = (
        Example("We ⟦dont⟧ know, and they ⟦wont⟧ say. ⟦Its⟧ not my war.",
                "We don't know, and they won't say. It's not my war."),
        Example("As is his wont, the party kept its word; we'll see if it's well.", kind="clean"),
        Example('The sign read: "Its not what you think, its what you do." [sic] ⟦Dont⟧ ask.',
                "The sign read: \"Its not what you think, its what you do.\" [sic] Don't ask."),
        Example("⟦Weve⟧ won, and ⟦Im⟧ proud. ⟦Were⟧ going home, but ⟦well⟧ be back; they were "
                "tired and the well ran dry. ⟦Its⟧ hard, he said.",
                "We've won, and I'm proud. We're going home, but we'll be back; they were "
                "tired and the well ran dry. It's hard, he said.",
                note="`were` and `well` are words too: only where no subject precedes and the "
                     "next word fits the contraction, in a document that lost its apostrophes"),
        Example("Were they right? The wells were dry, and we were well paid.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        mark = analysis.memo("apostrophe_style", lambda: apostrophe_style(scope.full_text))
        table = contractions()
        damaged = Lazy(lambda: scope.damage.damaged("apostrophe"))
        for m in scope.finditer(_contraction_re()):
            w = analysis.word_at(m.start())
            if w is None or w.start != m.start() or w.end != m.end():
                continue
            tok = w.text
            if (tok.isupper() and len(tok) > 1) or scope.protected(w.start, w.end) \
                    or analysis.sic_marked(w.start):
                continue  # a quotation marked `[sic]` keeps its errors
            found = self._judge(analysis, w, table, damaged)
            if found is None:
                continue
            fixed, tier, where = found
            yield scope.change(w.start, w.end, match_case(tok, fixed.replace("'", mark)),
                               tier=tier, message=f"contraction stripped: {tok}"
                               + (f" ({where})" if where else ""))

    @staticmethod
    def _judge(analysis: TextAnalysis, w: Word, table: dict[str, tuple[str, str, Record]],
               damaged: Lazy | bool) -> tuple[str, str, str] | None:
        tok, low = w.text, w.lower
        nxt = analysis.neighbour(w, 1)
        if low == "its":
            if nxt is None:
                return None
            if nxt.lower in word_class("after_its"):
                return "it's", "certain", ""
            p = pos(nxt.text)
            if damaged and p.adj + p.adv >= 0.7 and p.noun < 0.2 and nxt.lower != "own" \
                    and not _noun_follows(analysis, nxt):
                return "it's", "profiled_context", ""  # `Its hard, he said`
            return None
        fixed, kind, row = table[low]
        if kind == "plain":
            return fixed, "certain", row.where
        if kind == "capital_i":
            return (fixed, "certain", row.where) if tok[0] == "I" else None
        prev = analysis.neighbour(w, -1)
        if kind == "guarded":
            if prev is not None and prev.lower in word_class("subject_pronoun"):
                return fixed, "certain", row.where
            if damaged and _takes(fixed, nxt):
                return fixed, "profiled_context", row.where
            return None
        # `context`: a word of its own too (`were`, `well`); `Id`, `Ill` with a capital I.
        if not damaged or (kind == "capital_i_context" and tok[0] != "I"):
            return None
        # A capital I in mid-sentence (`the budget Id have written`, `I think Ill
        # believe it`) is the pronoun: no word `id` or `ill` is written so there.
        mid_capital = kind == "capital_i_context" and prev is not None \
            and not analysis.capital_expected(w.start) and analysis.text[w.end:w.end + 1] == " "
        if prev is not None and prev.lower not in word_class("clause_opener") \
                and not mid_capital:
            return None  # a subject stands before it: `they were`, `the well`
        if prev is None and not analysis.capital_expected(w.start) and tok[:1].islower():
            return None
        return (fixed, "profiled_context", row.where) if _takes(fixed, nxt) else None


def _noun_follows(analysis: TextAnalysis, w: Word, reach: int = 3) -> bool:
    """Whether a noun comes within ``reach`` words after ``w`` in its clause (`its worst day`)."""
    cur: Word | None = w
    for _ in range(reach):
        cur = analysis.neighbour(cur, 1) if cur is not None else None
        if cur is None:
            return False
        if pos(cur.text).noun >= 0.5 and cur.lower not in word_class("function_word"):
            return True
    return False


def _takes(contraction: str, nxt: Word | None) -> bool:
    """Whether ``nxt`` is a word the contraction takes after it.

    After a form of *will* or *would* (``we'll``, ``I'd``, ``won't``): a verb
    in its base form (``see``, ``be``) or an adverb (``never``); after *are*
    or *is* (``we're``, ``he's``): an -ing form, an adjective, an adverb or a
    preposition — and never a pronoun (``Were they…?`` is a question).
    """
    if nxt is None:
        return False
    low = nxt.lower
    p = pos(low)
    if low in word_class("subject_pronoun_case"):
        return False
    if contraction.endswith(("'ll", "'d", "n't", "'ve")) or contraction == "let's":
        base = p.verb >= 0.6 and not low.endswith(("ing", "ed", "s"))
        return base or (p.adv >= 0.6 and low.endswith(("ver", "ly", "ways", "ill", "ather"))) \
            or low in ("be", "have", "not", "never", "like", "love", "rather")
    if low.endswith("ing") and p.verb >= 0.5:
        return True
    return p.adj >= 0.6 or p.adv >= 0.6 or low in word_class("preposition") \
        or low in ("a", "an", "the", "not", "all", "still", "here", "there", "against")
