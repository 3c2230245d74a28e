"""Case damage: proper nouns written in lower case, common words capitalised mid-sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from newsfix.evidence import association, document_stats, pos
from newsfix.lexicon import extensible
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._foreign import place
from newsfix.rules.english._lexicon import (
    en_zipf,
    foreign_neighbour,
    names,
    proper_noun_rows,
    proper_nouns,
    word_class,
    zipf,
)
from newsfix.rules.preformatted import layout, preformatted
from newsfix.text import WORD_RE, TextAnalysis, Word, months

__all__ = ["FIGURE_AFTER_RE", "JOINERS", "MidSentenceCapital", "NameCase", "in_token",
           "mentioned", "name_context", "title_after", "title_lines"]

#: The token before a word, on its line (a bounded look-back window).
PREV_RE = regex.compile(r"(\S+)[^\S\n]+$")
#: A list marker, footnote mark or symbol before a sentence: ``2)``, ``(b)``, ``[1]``, ``🎉``.
MARKER_RE = regex.compile(r"\(?\d{1,3}[.)]|\([a-z]\)|\[\d{1,3}\]|[\p{So}\p{Sk}\uFE0F\u200d]+|[-*•]")
CAP_PART_RE = regex.compile(r"(?<![\w])\p{Lu}\p{Ll}+(?![\w])")
POSSESSIVE_SUFFIX_RE = regex.compile(r"['’]s$")
#: How well (log10 association with its neighbours) a capitalised common word must read in
#: lower case to be lower-cased in a case-damaged document without the document's own
#: lower-case use of it.
FITS = -1.0
#: Subject pronouns: no part of a name before a capital (`We Kept coming`).
SUBJECT_BEFORE = frozenset({"i", "we", "you", "he", "she", "they"})
#: Possessive determiners: before a plural, no part of a name (`His Supporters said`).
POSSESSIVE_BEFORE = frozenset({"his", "her", "their", "our", "my", "your"})
#: Words of address that a possessive determiner makes a title (`His Majesty`, `Their
#: Majesties`): a capital after the possessive stays.
HONORIFICS = frozenset({"majesty", "majesties", "grace", "graces", "highness", "highnesses",
                        "holiness", "excellency", "excellencies", "honour", "honor",
                        "lordship", "ladyship", "eminence", "worship"})
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves",
                        "yourselves", "themselves"})
#: Share of verb readings from which a capitalised word counts as a verb form, not a name.
VERBAL = 0.8
#: How much of a sentence after a capital is read to tell whether it could open a sentence.
REST_WINDOW = 240


def title_lines(analysis: TextAnalysis) -> frozenset[int]:
    """Starts of the lines that are headlines in title case (most long words capitalised)."""
    def compute() -> frozenset[int]:
        out = set()
        text = analysis.text
        for ln in analysis.lines:
            words = [w for w in WORD_RE.findall(text, ln.start, ln.end) if len(w) > 3]
            if words and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
                out.add(ln.start)
        return frozenset(out)
    return analysis.memo("title_lines", compute)


def _title_line(analysis: TextAnalysis, pos: int) -> bool:
    """Whether the line around ``pos`` is a headline in title case."""
    return analysis.line_at(pos).start in title_lines(analysis)


def _could_open_sentence(analysis: TextAnalysis, end: int, low: str) -> bool:
    """Whether the capitalised ``low`` ending at ``end`` could open a sentence of its own.

    A preposition opens a sentence only before a main clause: a comma, a
    subject pronoun or a long stretch (``At the same time, Norway sent``, ``In
    the morning she sent``), not ``In his evening address.``. An auxiliary
    opens one only as a question (``Would he run?``), not ``Would run out``.
    Only the rest of the sentence up to :data:`REST_WINDOW` characters is read.

    >>> _could_open_sentence(TextAnalysis("deal In his evening address."), 7, "in")
    False
    >>> _could_open_sentence(TextAnalysis("Leyen In the morning she sent it."), 8, "in")
    True
    >>> _could_open_sentence(TextAnalysis("army Would run out of shells."), 10, "would")
    False
    """
    sentence = analysis.sentence_at(end)
    stop = min(sentence.end if sentence.end > end else len(analysis.text), end + REST_WINDOW)
    rest = analysis.text[end:stop]
    words = [w.lower for w in analysis.words_in(end, stop)]
    if low in word_class("preposition"):
        return "," in rest or any(w in word_class("subject_pronoun_case") for w in words) \
            or len(words) > 6
    if low in word_class("auxiliary"):
        return rest.rstrip().endswith("?") or (bool(words) and (
            words[0] in word_class("subject_pronoun_case") or words[0] in word_class("non_final")))
    return True


#: A capitalised word joined to another name: ``Anna and Thomas``, ``Committee for a
#: Responsible Budget``, ``Brighton and Hove``.
_NAME_AFTER_RE = regex.compile(r"[^\S\n]+(and|&|of|for|de|du|von|van)[^\S\n]+(?:(?:a|the)"
                               r"[^\S\n]+)?(\p{Lu}\p{L}*)")
_NAME_BEFORE_RE = regex.compile(r"\p{Lu}\p{L}*[^\S\n]+(?:and|&|of|for)[^\S\n]+$")


def name_context(text: str, analysis: TextAnalysis, w: Word) -> bool:
    """Whether ``w`` is joined to another capitalised word by ``and``, ``of``, ``for``…

    >>> a = TextAnalysis("the Ministry of Commerce said, as Anna and Thomas left")
    >>> [name_context(a.text, a, w) for w in a.words if w.text in ("Commerce", "Anna")]
    [True, True]
    """
    after = _NAME_AFTER_RE.match(text, w.end)
    if after is not None and not (after.group(1) == "for" and _calendar(after.group(2))):
        return True  # (`Scheduled for January` is a date; `the Fourth of July` a name)
    m = _NAME_BEFORE_RE.search(text, max(0, w.start - 40), w.start)
    return m is not None and not analysis.capital_expected(m.start())


def _calendar(word: str) -> bool:
    """Whether ``word`` names a month or a day of the week (no second name after ``for``).

    >>> _calendar("January"), _calendar("Friday"), _calendar("Commerce")
    (True, True, False)
    """
    low = word.lower()
    return low in months() or low in word_class("weekday")


#: Marks that may stand between two words of running text without a space.
_WORD_JOINERS = frozenset("-–—/'’")


def _foreign_word(word: str) -> bool:
    """Whether ``word`` is a common word of another language rather than an English name.

    >>> _foreign_word("roku"), _foreign_word("medici"), _foreign_word("kyiv")
    (True, True, False)
    """
    from newsfix.rules.english._foreign import LANGUAGES

    if place(word) is not None:
        return False  # `portugal`, `texas`: a place is named so in many languages
    en = en_zipf(word)
    return any(zipf(word, lang) >= max(3.5, en + 1.0) for lang in LANGUAGES)


def _misspelt(analysis: TextAnalysis, w: Word, tok: str) -> bool:
    """Whether ``tok`` reads as a misspelt common word in its context (``yong people``).

    A word one letter away from a lower-case English word far more frequent
    than it, that the bigram data finds next to the same neighbours, is a typo.

    >>> a = TextAnalysis("many yong people and a los of money")
    >>> _misspelt(a, a.words[1], "yong"), _misspelt(a, a.words[5], "los")
    (True, True)
    """
    from newsfix.evidence import bigram

    before, after = analysis.neighbour(w, -1), analysis.neighbour(w, 1)
    base = en_zipf(tok)
    for other in _edits(tok):
        gain = en_zipf(other) - base
        if (other in proper_nouns() and en_zipf(other) < 4.5) or gain < 0.5:
            continue
        sides = (after is not None and bigram(other, after.lower) > 0) + \
            (before is not None and bigram(before.lower, other) > 0)
        if sides == 2 or (sides and gain >= 1.0):
            return True
    return False


def _edits(word: str) -> set[str]:
    """Words one deletion, substitution or insertion away from ``word`` (lower-case letters)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


#: A figure after a word: ``In 2011``, ``To 27``, ``Than 18.5`` (read by the case profile too).
FIGURE_AFTER_RE = regex.compile(r"[^\S\n]+\d")
#: Prepositions and conjunctions that stay in lower case before a name (``on Monday``).
JOINERS = frozenset({"on", "in", "at", "to", "for", "from", "by", "with", "of", "and", "or",
                     "but", "after", "before", "since", "until", "during", "near", "than",
                     "against", "across", "among", "between", "through", "towards", "toward",
                     "within", "without", "into", "over", "under", "upon", "despite", "past",
                     "around", "behind", "beyond", "amid", "outside", "inside"})


def prev_lower(text: str, w: Word) -> bool:
    """Whether the word before ``w`` on its line is written in lower case."""
    m = PREV_RE.search(text, max(0, w.start - 40), w.start)
    return m is not None and m.group(1).isalpha() and m.group(1).islower()


#: Object pronouns: capitalised after a preposition they begin a title (``Among Us``).
_OBJECT_PRONOUNS = frozenset({"me", "us", "you", "him", "her", "it", "them"})


def title_after(analysis: TextAnalysis, nxt: Word) -> bool:
    """Whether the capitalised ``nxt`` and what follows read as a title, not a name.

    ``Among Us``, ``Between The World And Me``: a title in title case goes on
    with a capitalised function word or pronoun; a preposition before it is the
    title's own, not damage.

    >>> a = TextAnalysis("read Between The World And Me and played Among Us at home")
    >>> [title_after(a, a.words[i]) for i in (2, 8)]
    [True, True]
    >>> b = TextAnalysis("the court will rule On Monday in Paris")
    >>> title_after(b, b.words[5])
    False
    """
    if nxt.lower in _OBJECT_PRONOUNS or nxt.lower in word_class("function_word"):
        return True
    after = analysis.neighbour(nxt, 1)
    return after is not None and after.text[:1].isupper() \
        and (after.lower in word_class("function_word") or after.lower in _OBJECT_PRONOUNS)


def _adverb(word: str) -> bool:
    """Whether ``word`` is a common ``-ly`` adverb of an English adjective (not ``Donnelly``).

    >>> _adverb("generally"), _adverb("happily"), _adverb("donnelly")
    (True, True, False)
    """
    if not word.endswith("ly") or en_zipf(word) < 3.0 or pos(word).adv < 0.5:
        return False  # `molly`, `weekly` news
    stems = (word[:-2], word[:-3] + "y", word[:-2] + "e", word[:-1] + "e")
    return any(en_zipf(s) >= 3.5 and s not in proper_nouns() for s in stems)


def in_token(text: str, start: int, end: int) -> bool:
    """Whether the word is glued to digits or sits in a path-like token (``/``, inner ``.``).

    >>> t = "see rfc822 and 10.5281/zenodo.2591652 in kyiv."
    >>> in_token(t, 4, 7), in_token(t, 23, 29), in_token(t, 41, 45)
    (True, True, False)
    """
    if text[end:end + 1].isdigit() or text[start - 1:start].isdigit() or text[end:end + 1] == "(":
        return True
    a, b = start, end
    while a > 0 and not text[a - 1].isspace() and start - a < 64:
        a -= 1
    while b < len(text) and not text[b].isspace() and b - end < 64:
        b += 1
    chunk = text[a:b]
    return "/" in chunk or "\\" in chunk or _INNER_DOT_RE.search(chunk) is not None


#: An inner dot of a dotted token (``xml.dom``, ``10.5281``), for :func:`in_token`.
_INNER_DOT_RE = regex.compile(r"\w\.[a-z0-9]")


_MENTION_MARKS = (("**", "**"), ("__", "__"), ("'", "'"), ('"', '"'), ("\u2018", "\u2019"),
                  ("\u201c", "\u201d"), ("`", "`"), ("*", "*"), ("_", "_"))


def mentioned(text: str, start: int, end: int) -> bool:
    """Whether the word stands alone inside quotation marks or markup emphasis.

    A word quoted or marked up on its own is mentioned, not used: a string
    (``'ascii'``), a term or a package name set in bold (``**chardet**``).
    Its spelling is the point, so it stays as written.

    >>> t = "named 'ascii', 'utf-8' or **chardet**; 'the kyiv office' said"
    >>> mentioned(t, 7, 12), mentioned(t, 28, 35), mentioned(t, 44, 48)
    (True, True, False)
    """
    for before, after in _MENTION_MARKS:
        if text[max(0, start - len(before)):start] == before \
                and text[end:end + len(after)] == after:
            return True
    return False


class NameCase(Rule):
    """Capitalise a proper noun written in lower case (``kyiv`` → ``Kyiv``, ``nato`` → ``NATO``).

    The word must be one that English writes only capitalised: in the curated
    names list, in the Hunspell-derived list of capitalised-only words (so
    ``may``, ``bill``, ``china``, ``turkey``, which are also common words, are
    never touched), or a rare word (wordfreq) that the document itself writes
    capitalised elsewhere. Words inside URLs, e-mail addresses and handles are
    skipped.

    Words known only from the Hunspell list (not the curated names) are also
    skipped when the document writes them in lower case at least twice, never
    capitalised mid-sentence, and writes no other proper noun in lower case (a
    deliberate house style: ``e.e. cummings``; machine translation lower-cases
    several names at once), and when a neighbouring word is not English
    (a foreign phrase or unusual name: ``audi alteram partem``, ``Wir sind
    mehr``, ``danah boyd``). Curated names (``kyiv``) are fixed regardless:
    lower-casing them repeatedly is what machine translation does.
    """

    id = "NAME_CASE"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    description = "proper noun in lower case"
    tiers = {"curated": 0.97, "capitalised_elsewhere": 0.96, "dictionary": 0.93,
             "learnt": 0.93, "place": 0.93, "spun_document": 0.5}
    lexicons = ("gazetteer_en_names.tsv", "gazetteer_en_propernouns.tsv")

    # Known false positives fixed (issue 14, dev sets): a Polish or Italian word left
    # untranslated (`roku`, `medici`), a misspelt common word (`yong people`, `a los of`) and
    # a tool's name (`gcc`) are not lower-cased names.
    examples = (
        Example("The attack on ⟦kyiv⟧ came as ⟦nato⟧ met.", "The attack on Kyiv came as NATO met."),
        Example("In May, Bill bought fine china and a turkey at nato.int.", kind="clean"),
        Example("The principle of audi alteram partem applied, said the scholar danah boyd.",
                kind="clean"),
        Example('One speaker quoted the German phrase "Wir sind mehr" at the rally.',
                kind="clean"),
        Example("Sales of e.e. cummings rose. A reading of cummings's poems drew 300 people.",
                kind="clean"),
        Example("The word Sloven\ufffdina lost a letter to a bad byte.", kind="clean",
                note="U+FFFD is no word boundary: `ina` is not a word"),
        Example("The Vextrane Guide and the Vextrane FAQ say vextrane files hold vextrane data; "
                "a vextrane reader and a vextrane writer share vextrane code with vextrane tools.",
                kind="clean", note="the document writes `vextrane` in lower case itself"),
        Example("Codecs are named by strings such as 'ascii' or 'latin-1'; the **chardet** "
                "package guesses them.", kind="clean",
                note="a word quoted or set in bold alone is mentioned, not used"),
        Example("The rfc822 module moved; see doi 10.5281/zenodo.123 and the xml.dom.minidom "
                "module, which the xml tools use with XML files.", kind="clean",
                note="code names, a DOI and a word glued to digits"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        caps, lower = analysis.memo("name_case.counts", lambda: self._counts(analysis))
        # One name written in lower case throughout is house style (`e.e. cummings`);
        # machine translation lower-cases several (`brussels`, `warsaw`, `kyiv`).
        house_style = len(lower) == 1
        text = scope.full_text
        known, proper = names(), proper_nouns()
        for w in scope.words():
            tok = POSSESSIVE_SUFFIX_RE.sub("", w.text)  # `ukraine's` -> `ukraine`
            if not tok.islower() or len(tok) < 3 or not tok.isalpha():
                continue
            if not (tok in known or tok in proper or place(tok) is not None
                    or caps[tok[:1].upper() + tok[1:]] >= 2):
                continue  # no name it could be (the branches below): skip the guards
            start, end = w.start, w.start + len(tok)
            if scope.protected(start, end) or text[end:end + 2].strip()[:1] == "-" \
                    or (text[start - 1:start] == "-" and tok in proper_nouns()
                        and tok not in names()):
                continue  # `neo -Nazis`, `anti-semitic`: a prefix, not a name
            if "\ufffd" in text[max(0, start - 1):end + 1]:
                continue  # a word cut by a replacement character is no word
            if preformatted(analysis, start, end) or in_token(text, start, end):
                continue  # code, a table, `rfc822`, `10.5281/zenodo.2591652`: not prose
            if mentioned(text, start, end):
                continue  # `'ascii'`, `**chardet**`: a word mentioned, not used
            if start >= 2 and text[start - 2].isalnum() and not text[start - 1].isspace() \
                    and text[start - 1] not in _WORD_JOINERS:
                continue  # `Sloven?ina`: glued to a word by a stray mark, part of a token
            canon, tier, where = None, "", "the document"
            if tok in names():
                canon, tier, where = names()[tok].canonical, "curated", names()[tok].where
            elif tok in proper_nouns():
                canon, where = proper_nouns()[tok], proper_noun_rows().get(tok, "")
                if house_style and lower[tok] >= 2 and not caps[canon]:
                    continue  # the document's house style (`cummings`), not damage
                if foreign_neighbour(analysis, w):
                    continue  # `audi alteram partem`, `Wir sind mehr`
                if not caps[canon] and (canon.isupper() or _foreign_word(tok)
                                        or _misspelt(analysis, w, tok)):
                    continue  # `gcc`, `rok`; `roku`, `medici`; `yong people`, `a los of`
                tier = "capitalised_elsewhere" if caps[canon] else "dictionary"
                if tier == "dictionary" and scope.damage.damaged("spin"):
                    # A spinner's thesaurus has names among a word's synonyms (`range` →
                    # `himalayan`, `wife` → `rachel`): in a spun document a name English
                    # writes capitalised, that the document never does, may be spun.
                    tier = "spun_document"
            elif (found := place(tok)) is not None and found.canonical.lower() == tok:
                canon, where = found.canonical, "gazetteer_en_places.tsv.gz"
                common = found.common_word or pos(tok).known or en_zipf(tok) >= 4.0
                alone = analysis.memo("name_case.alone", lambda: self._alone(analysis))
                written_lower = document_stats(analysis).forms[tok]
                if (alone[canon] > written_lower) if common else caps[canon]:
                    # A common word (`north`) only where the document writes it capitalised
                    # on its own (not in `North Shropshire`) more often than in lower case.
                    tier = "capitalised_elsewhere"
                elif common or foreign_neighbour(analysis, w):
                    continue  # `china`, `north`, `nice`: only with the document's evidence
                else:
                    tier = "place"
            else:
                learnt = tok[:1].upper() + tok[1:]
                if caps[learnt] >= 2 and en_zipf(tok) < 2.0:
                    canon, tier = learnt, "learnt"
            if canon is None or canon.lower() != tok:
                continue
            if tier != "curated" and self._written_lower(analysis, tok, canon, caps,
                                                         majority=tier == "learnt"):
                continue  # `encodings`, `distutils`, `charset`: the document's own spelling
            yield scope.change(start, end, canon, tier=tier,
                               message=f"proper noun in lower case: {tok} ({where})")

    @staticmethod
    def _written_lower(analysis: TextAnalysis, tok: str, canon: str,
                       caps: Counter[str], *, majority: bool) -> bool:
        """Whether the document itself writes ``tok`` in lower case: a code name or its usage.

        Evidence: ``tok`` is part of a code token somewhere in the text
        (``xml.dom``, ``charset_normalizer``, ``unicode()``), or (``majority``: for a
        word learnt from the document, not a known name) the text writes it in lower
        case mid-sentence at least three times and three times as often as capitalised
        (a simulated or machine-translated lower-cased name is rarely that consistent).
        """
        def compute() -> tuple[Counter[str], frozenset[str]]:
            text = analysis.text
            lower: Counter[str] = Counter()
            for w in analysis.words:
                if w.text.islower() and not analysis.capital_expected(w.start):
                    lower[w.text] += 1
            parts = frozenset(p for span in analysis.code
                              for p in regex.findall(r"[a-z]+", text[span.start:span.end]))
            return lower, parts
        lower, parts = analysis.memo("name_case.written_lower", compute)
        return tok in parts or (majority and lower[tok] >= 3 and lower[tok] >= 3 * caps[canon])

    @staticmethod
    def _alone(analysis: TextAnalysis) -> Counter[str]:
        """Capitalised words mid-sentence that stand alone (no capitalised word after them)."""
        out: Counter[str] = Counter()
        for w in analysis.words:
            if w.text[:1].isupper() and not analysis.capital_expected(w.start):
                nxt = analysis.neighbour(w, 1)
                if nxt is None or not nxt.text[:1].isupper():
                    out[POSSESSIVE_SUFFIX_RE.sub("", w.text)] += 1
        return out

    @staticmethod
    def _counts(analysis: TextAnalysis) -> tuple[Counter[str], Counter[str]]:
        """Capitalised words not at a sentence start, and lower-case proper nouns, in the text."""
        caps: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for w in analysis.words:
            tok = POSSESSIVE_SUFFIX_RE.sub("", w.text)
            if tok[:1].isupper() and not analysis.capital_expected(w.start):
                caps[tok] += 1
            elif tok.islower() and tok in proper_nouns() and not foreign_neighbour(analysis, w):
                lower[tok] += 1
        return caps, lower


class MidSentenceCapital(Rule):
    """Lower-case a common word capitalised mid-sentence, hyperlink residue (``and He blamed``).

    Only closed-class words (pronouns, conjunctions, prepositions, articles,
    auxiliaries, a few adverbs) and ``-ly`` adverbs are fixed, when they are
    not at a sentence start, not after a colon, dash or quote, not after a
    title (``Vice Premier He``), not in a title-case headline, and followed by
    a lower-case word (so ``The Hague``, ``Made In America``, ``It Follows``
    stay). Other common words (``his Night video``) are suggested only when the
    document writes them in lower case elsewhere. Never in code or tables
    (:mod:`newsfix.rules.preformatted`), after a list marker, footnote mark or
    symbol (``2) When``, ``[1] Since``), nor on a capitalised part of the
    document's code tokens or a word the document capitalises twice mid-sentence
    and never writes in lower case (``None``, ``Differ``).

    A capital after a word that can end a sentence (a noun, a name, a verb:
    ``von der Leyen In the morning``, ``invasion At the same time``) may as
    well be a sentence whose full stop was lost, so it is only suggested,
    unless the document shows the residue at least twice after words that
    cannot end a sentence (the ``non_final`` word class: articles, prepositions,
    conjunctions, auxiliaries, subject pronouns, possessive determiners, or a
    comma): residue comes in bursts, a lost full stop does not make it. A
    preposition or auxiliary that could not open a sentence there
    (``the deal In his evening address.``, ``the army Would run out``) is
    fixed after any word. In a case-damaged document a function word before a
    figure (``died In 2011``) is fixed too, and a singular noun right after a
    preposition, without a determiner (``get past Arsenal at``), only where the
    document writes it in lower case elsewhere: a bare noun there reads as a name.
    ``The`` before an institution the organisation gazetteer names without an
    article (``after The Federal Reserve cut``) is lower-cased there too.
    """

    id = "MIDSENTENCE_CAPITAL"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    scope = "document"  # residue bursts are counted over the whole document
    description = "common word capitalised mid-sentence (hyperlink residue)"
    tiers = {"residue": 0.95, "lost_stop": 0.6, "common_word": 0.6, "damaged": 0.93}
    lexicons = ("en_word_classes.tsv", "gazetteer_orgs.tsv.gz")
    examples = (
        Example("Trump boasted of ties with Putin and ⟦He⟧ blamed Ukraine.",
                "Trump boasted of ties with Putin and he blamed Ukraine."),
        Example("He said that he ⟦Generally⟧ agreed ⟦With⟧ the plan. The law has ⟦It⟧ also required"
                " a vote.",
                "He said that he generally agreed with the plan. The law has it also required"
                " a vote."),
        Example("The talks with Ursula von der Leyen ⟦In⟧ the morning she sent a draft.",
                "The talks with Ursula von der Leyen in the morning she sent a draft.",
                kind="suggest"),
        Example("They met in The Hague. Vice Premier He said: It was good. She saw It Follows.",
                kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        text = scope.full_text
        lower_seen = analysis.memo("lower_words", lambda: frozenset(
            w.text for w in analysis.words if w.text.islower()))
        caps, _ = analysis.memo("name_case.counts", lambda: NameCase._counts(analysis))
        function_words = word_class("function_word")

        def low_never(tok: str) -> bool:
            return tok.lower() not in lower_seen
        title_words = word_class("title_word")
        residue: list[tuple[Word, bool]] = []
        damaged: bool | None = None
        for w in (w for p in scope.paragraphs() for w in p.words()):
            tok = w.text
            if len(tok) < 2 or not tok[:1].isupper() or not tok[1:].islower() \
                    or not tok.isalpha():
                continue
            start, end = w.start, w.end
            if analysis.capital_expected(start) or scope.protected(start, end):
                continue
            prev = PREV_RE.search(text, max(0, start - 40), start)
            if prev is None:
                continue
            if MARKER_RE.fullmatch(prev.group(1)) or preformatted(analysis, start, end):
                continue  # `2) When`, `[1] Since`, `🎉 Since`; code and tables
            if tok in self._code_names(analysis) or (caps[tok] >= 2 and low_never(tok)):
                continue  # `None`, `Differ`: the document's own spelling of a code name
            pw = prev.group(1).strip(".,").lower()
            if pw in title_words or _title_line(analysis, start):
                continue
            low = tok.lower()
            if low in proper_nouns() or low in names():
                continue
            nxt = analysis.neighbour(w, 1)
            if nxt is None or not nxt.text[:1].islower():
                if damaged is None:
                    damaged = scope.damage.damaged("case")
                if not (damaged and self._damage_before_name(text, analysis, w, nxt, low,
                                                             lower_seen)):
                    continue
            if tok == "Ill":
                continue  # `I’ll` with its apostrophe stripped, not the adjective
            if low in function_words or _adverb(low):
                if low not in function_words and not prev.group(1).islower():
                    continue  # `The Princeton Alumni Weekly`: part of a name
                final = (pw not in word_class("non_final") and not prev.group(1).endswith(",")
                         and _could_open_sentence(analysis, end, low))
                residue.append((w, final))
                continue
            if caps[tok] >= 2 or low in title_words or en_zipf(low) < 3.0 \
                    or place(low) is not None or name_context(text, analysis, w):
                continue  # a name (`daughter Molly`, `Geneva`, `Anna and Thomas`)
            before_prev = PREV_RE.search(text, max(0, prev.start() - 40), prev.start())
            after_name = not (prev.group(1).isalpha() and prev.group(1).islower()) or (
                before_prev is not None and before_prev.group(1)[:1].isupper()
                and not analysis.capital_expected(before_prev.start(1)))
            if damaged is None:
                damaged = scope.damage.damaged("case")
            if after_name and damaged and nxt is not None and not _title_ahead(analysis, w) \
                    and self._capitalised(analysis)[tok] < 2:
                after_name = not _after_pronoun(text, analysis, prev, low)
            reported = low in word_class("reporting_verb") or (
                low.endswith("ed") and pos(low).verb >= 0.6)
            dated = damaged and _day_part(text, w, low)  # `on Sunday Afternoon, some`
            # A past form in -ed before a lower-case word is no part of a name, even after
            # a comma or a name and a lower-case word (`oil producer, Reached a record`,
            # `Sir Stephen Powis, Urged people`): in a case-damaged document it is damage.
            # Not straight after a capitalised word or a possessive (`Peel Hunt`,
            # `Springsteen's Born in`), not a word the document capitalises elsewhere
            # (`Drew`), not before a capital a few words on (a title: `Born to Run`).
            before = prev.group(1)
            verbal = damaged and nxt is not None and low.endswith("ed") \
                and pos(low).verb >= VERBAL \
                and not (before.isalpha() and before[:1].isupper()) \
                and not before.endswith(("'s", "’s")) \
                and self._capitalised(analysis)[tok] < 2 and not _title_ahead(analysis, w)
            if after_name and not dated and not verbal and not (
                    damaged and prev.group(1).isalpha() and reported and nxt is not None):
                continue  # part of a name (`Wembley Stadium`), unless a verb after one
            if damaged:
                fits = association(pw, low) + (association(low, nxt.lower) if nxt else 0.0)
                # A singular noun straight after a preposition, with no determiner, reads
                # as a name (`get past Arsenal at`, `beat Chelsea`): only with the
                # document's own lower-case use.
                bare = pw in JOINERS and pos(low).noun >= 0.5 and not low.endswith("s") \
                    and (nxt is None or nxt.lower in word_class("function_word"))
                # The same straight after a verb is a name even where the document writes
                # the word in lower case (`Grealish joined City for`, `urged Congress to`,
                # `thanked God for`): a verb's singular object takes a determiner. Not
                # before `of`, which heads a common noun's phrase (`the rush builds
                # Suspension of weapons`, seed 001).
                if pos(low).noun >= 0.5 and (not low.endswith("s") or low.endswith("ss")) \
                        and pw.isalpha() and pos(pw).verb >= 0.6 and pw not in function_words \
                        and (nxt is None or (nxt.lower in word_class("function_word")
                                             and nxt.lower != "of")):
                    continue
                if low in lower_seen or (fits > FITS and pos(low).known and not bare
                                         and en_zipf(low) >= 3.5):
                    evidence = "written in lower case elsewhere" if low in lower_seen else \
                        f"English reads it in lower case here ({fits:+.1f} log10)"
                    yield scope.change(start, end, low, tier="damaged", message=(
                        f"word capitalised mid-sentence in a case-damaged document: {tok} "
                        f"({evidence})"))
                continue
            if low in lower_seen and en_zipf(low) >= 3.5 and len(low) > 3:
                # After a capitalised word it is likely part of a name (`Wembley Stadium`).
                yield scope.change(start, end, low, tier="common_word",
                                   message=f"word capitalised mid-sentence: {tok}")
        # Residue comes in bursts: where the document shows it twice after words that
        # cannot end a sentence, a capital after a noun or verb is residue too; so it is
        # in a document profiled as case-damaged.
        bursty = sum(not final for _, final in residue) >= 2
        if residue and not bursty and damaged is None:
            damaged = scope.damage.damaged("case")
        for w, final in residue:
            if final and not (bursty or damaged):
                yield scope.change(w.start, w.end, w.lower, tier="lost_stop", message=(
                    f"word capitalised mid-sentence, or a full stop lost before it: {w.text}"))
            else:
                yield scope.change(w.start, w.end, w.lower, tier="residue",
                                   message=f"word capitalised mid-sentence: {w.text}")

    @staticmethod
    def _capitalised(analysis: TextAnalysis) -> Counter[str]:
        """How often the text writes each capitalised word, sentence starts included."""
        return analysis.memo("midsentence.capitalised", lambda: Counter(
            w.text for w in analysis.words if w.text[:1].isupper()))

    @staticmethod
    def _code_names(analysis: TextAnalysis) -> frozenset[str]:
        """Capitalised parts of the text's code tokens (``difflib.Differ``, ``x = None``)."""
        def compute() -> frozenset[str]:
            text = analysis.text
            lay = layout(analysis)
            spans = [(s.start, s.end) for s in analysis.code]
            spans += [(ln.start, ln.end) for k, ln in enumerate(analysis.lines)
                      if k in lay.fenced or k in lay.verbatim]
            return frozenset(p for a, b in spans for p in CAP_PART_RE.findall(text[a:b]))
        return analysis.memo("midsentence.code_names", compute)

    @staticmethod
    def _damage_before_name(text: str, analysis: TextAnalysis, w: Word, nxt: Word | None,
                            low: str, lower_seen: frozenset[str]) -> bool:
        """Whether a capital before a name or punctuation is damage all the same.

        ``after The Federal Reserve``: an article the document writes in lower
        case before the same name elsewhere; ``he Said.``: a word the document
        writes in lower case, before punctuation; ``died In 2011``: a function word
        the document writes in lower case, before a figure.
        """
        if nxt is None:
            after = text[w.end:w.end + 1]
            if _day_part(text, w, low):
                return bool(after) and after in ".,;:!?"  # `on Friday Morning.`
            if FIGURE_AFTER_RE.match(text, w.end):
                # `died In 2011`, `less Than 18`, `71 To 27`: edited English writes a
                # closed-class word before a figure in lower case (a title line aside).
                prev = PREV_RE.search(text, max(0, w.start - 40), w.start)
                # A figure before only for a score (`71 To 27`; `30 Under 30` is a title).
                return low in word_class("function_word") and low in lower_seen \
                    and prev is not None and (prev.group(1).islower()
                                              or (low == "to" and prev.group(1).isdigit()))
            return bool(after) and after in ".,;:!?" and low in lower_seen and \
                low not in word_class("title_word")
        if low in JOINERS and low in lower_seen and prev_lower(text, w) \
                and not title_after(analysis, nxt):
            return True  # `rule On Monday`: a preposition the document writes in lower case
        if low not in ("the", "a", "an"):
            return False
        if low == "the" and prev_lower(text, w) and _institution_after(analysis, nxt):
            return True  # `after The Federal Reserve cut`: the gazetteer's name, no article
        return f"{low} {nxt.text}" in analysis.memo("lower_articles", lambda: frozenset(
            f"{x.text} {y.text}" for x, y in zip(analysis.words, analysis.words[1:])
            if x.text in ("the", "a", "an") and y.text[:1].isupper()))


def _after_pronoun(text: str, analysis: TextAnalysis, prev: regex.Match[str], low: str
                   ) -> bool:
    """Whether a capital after ``prev`` is case damage for its pronoun, not a name part.

    For a case-damaged document, where a capital after a capital would read as
    a name: a subject pronoun that opens its sentence or quotation (``We Kept
    coming``), a possessive that does so before a plural (``His Supporters
    said``, not ``His Majesty``, ``His Labour colleagues``, ``Your Name
    grossed``), and a reflexive pronoun anywhere (``taught Herself to``). A
    pronoun inside a sentence opens a title (``sang My Way``, ``staged Our
    Town``), and a noun after a verb reads as a name (``joined City``).

    >>> a = TextAnalysis("He said. We Kept it. His Supporters won; he sang My Way.")
    >>> [_after_pronoun(a.text, a, PREV_RE.search(a.text, 0, w.start), w.lower)
    ...  for w in a.words if w.text in ("Kept", "Supporters", "Way")]
    [True, True, False]
    """
    if low in REFLEXIVES:
        return True
    word = prev.group(1)
    bare = word.lstrip("\"“‘'(")
    opens = bare != word or analysis.capital_expected(prev.start(1))
    pv = bare.lower()
    if not opens:
        return False
    if pv in SUBJECT_BEFORE:
        return True
    return pv in POSSESSIVE_BEFORE and low.endswith("s") and not low.endswith("ss") \
        and low not in HONORIFICS


def _title_ahead(analysis: TextAnalysis, w: Word, words: int = 3) -> bool:
    """Whether a capital follows ``w`` within ``words`` words of its sentence (a title).

    >>> a = TextAnalysis("The song, Born to Run, and the producer, Reached a record.")
    >>> [_title_ahead(a, w) for w in a.words if w.text in ("Born", "Reached")]
    [True, False]
    """
    nxt: Word | None = w
    for _ in range(words):
        nxt = analysis.neighbour(nxt, 1) if nxt is not None else None
        if nxt is None:
            return False
        if nxt.text[:1].isupper() and not analysis.capital_expected(nxt.start):
            return True
    return False


def _day_part(text: str, w: Word, low: str) -> bool:
    """Whether ``w`` is a part of the day after a day name (``Friday Morning``).

    Edited English writes ``on Friday morning``; a title that begins so
    (``Saturday Night Live``) has a capital after it and is not read here.

    >>> t = "on Friday Morning."
    >>> _day_part(t, Word(10, 17, "Morning", 2), "morning")
    True
    """
    prev = PREV_RE.search(text, max(0, w.start - 40), w.start)
    if not (low in word_class("day_part") and prev is not None
            and prev.group(1).lower() in word_class("weekday") and prev.group(1)[:1].isupper()):
        return False
    # after a lower-case word only (`on Friday Morning`; `CBS Sunday Morning` is a name)
    day = prev.start(1)
    before = PREV_RE.search(text, max(0, day - 40), day)
    return before is not None and before.group(1).isalpha() and before.group(1).islower()


@extensible("gazetteer_orgs.tsv.gz")
def institutions() -> frozenset[tuple[str, ...]]:
    """Names of institutions that the organisation gazetteer writes without an article.

    Edited English puts a lower-case ``the`` before them mid-sentence (``after
    the Federal Reserve``, ``the Labour Party``); a name the gazetteer writes
    with its article (``The Left Party``) is left out.

    >>> ("Federal", "Reserve") in institutions(), ("Left", "Party") in institutions()
    (True, False)
    """
    from newsfix.lexicon import active, load

    out: set[tuple[str, ...]] = set()
    left_out: set[tuple[str, ...]] = set()
    for row in load("gazetteer_orgs.tsv.gz", active("gazetteer_orgs.tsv.gz")):
        for name in (row["name"], *row["aliases"].split("|")):
            toks = tuple(name.split())
            if toks and toks[0].lower() == "the":
                left_out.add(toks[1:])
            elif toks and toks[0][:1].isupper() and all(t[:1].isalpha() for t in toks):
                out.add(toks)
    return frozenset(out - left_out)


#: The longest institution name read after ``The``, in words.
_INSTITUTION_WORDS = 8


def _institution_after(analysis: TextAnalysis, first: Word) -> bool:
    """Whether the words from ``first`` on begin with a name of :func:`institutions`."""
    known = institutions()
    toks: list[str] = []
    cur: Word | None = first
    while cur is not None and len(toks) < _INSTITUTION_WORDS:
        toks.append(cur.text)
        if tuple(toks) in known:
            return True
        cur = analysis.neighbour(cur, 1)
    return False

