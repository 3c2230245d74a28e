"""Case damage: proper nouns written in lower case, common words capitalised mid-sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.rules.base import Example, Rule
from newsfix.rules.english._lexicon import (
    WORD_RE,
    at_sentence_start,
    en_zipf,
    foreign_neighbour,
    in_url,
    names,
    proper_nouns,
)

__all__ = ["MidSentenceCapital", "NameCase"]

#: Closed-class words: capitalised between lower-case words, they are hyperlink residue.
FUNCTION_WORDS = frozenset(
    ["he", "she", "it", "they", "we", "him", "them", "his", "its", "their", "our", "and", "but",
     "or", "nor", "with", "in", "of", "for", "on", "at", "to", "from", "by", "into", "about",
     "over", "after", "before", "since", "during", "under", "the", "an", "this", "that", "these",
     "those", "is", "are", "was", "were", "has", "have", "had", "would", "could", "should",
     "also", "almost", "already", "even", "still", "just", "never", "only", "then", "there",
     "here", "because", "while", "although", "though", "if", "when", "which", "who", "whom",
     "whose", "where", "not", "very", "more", "most"])
#: Titles and words after which a capitalised word belongs to a name (``Vice Premier He``).
TITLE_WORDS = frozenset(
    ["mr", "mrs", "ms", "dr", "premier", "minister", "president", "chairman", "chairwoman",
     "vice", "secretary", "general", "governor", "senator", "representative", "rep", "sen",
     "gov", "judge", "justice", "king", "queen", "prince", "princess", "pope", "saint", "st",
     "lord", "lady", "sir", "dame"])
#: Words that cannot end a sentence: after them a capital is residue, not a missing full stop.
#: Object pronouns (``it``, ``her``, ``you``) and verbs are left out: ``They approved it``.
NON_FINAL_WORDS = frozenset(
    ["a", "an", "the", "and", "but", "or", "nor", "of", "in", "on", "at", "to", "from", "by",
     "with", "for", "into", "onto", "about", "over", "after", "before", "since", "during",
     "under", "between", "against", "without", "through", "among", "amid", "despite", "via",
     "toward", "towards", "upon", "because", "while", "although", "though", "if", "whether",
     "when", "which", "who", "whose", "where", "is", "are", "was", "were", "be", "been",
     "being", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
     "must", "shall", "do", "does", "did", "i", "he", "she", "we", "they", "his", "its",
     "their", "our", "my", "your", "this", "these", "those", "not", "also", "very", "just",
     "already", "even", "still", "never", "only", "almost", "more", "most"])
NEXT_RE = regex.compile(r"[^\S\n]+(\p{L}[\p{L}'’-]*|\d)")
PREV_RE = regex.compile(r"(\S+)[^\S\n]+$")

POSSESSIVE_SUFFIX_RE = regex.compile(r"['’]s$")


def _title_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is a headline in title case (most words capitalised)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a:b if b >= 0 else len(text)]
    words = [w for w in WORD_RE.findall(line) if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


PREPOSITIONS = frozenset(
    ["in", "of", "for", "on", "at", "to", "from", "by", "into", "about", "over", "after",
     "before", "since", "during", "under", "with"])
AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "has", "have", "had", "would", "could", "should", "will",
     "can", "may", "might", "must", "does", "do", "did"])
SUBJECT_PRONOUNS = frozenset(["i", "you", "he", "she", "it", "we", "they", "there"])
REST_RE = regex.compile(r"[^.!?\n]*[.!?]?")


def _could_open_sentence(text: str, end: int, low: str) -> bool:
    """Whether the capitalised ``low`` ending at ``end`` could open a sentence of its own.

    A preposition opens a sentence only before a main clause: a comma, a
    subject pronoun or a long stretch (``At the same time, Norway sent``, ``In
    the morning she sent``), not ``In his evening address.``. An auxiliary
    opens one only as a question (``Would he run?``), not ``Would run out``.

    >>> _could_open_sentence("deal In his evening address.", 7, "in")
    False
    >>> _could_open_sentence("Leyen In the morning she sent it.", 8, "in")
    True
    >>> _could_open_sentence("army Would run out of shells.", 10, "would")
    False
    """
    m = REST_RE.match(text, end)
    rest = m.group() if m else ""
    words = [w.lower() for w in WORD_RE.findall(rest)]
    if low in PREPOSITIONS:
        return "," in rest or any(w in SUBJECT_PRONOUNS for w in words) or len(words) > 6
    if low in AUXILIARIES:
        return rest.endswith("?") or (bool(words) and (
            words[0] in SUBJECT_PRONOUNS or words[0] in NON_FINAL_WORDS))
    return True


def _adverb(word: str) -> bool:
    """Whether ``word`` is a common ``-ly`` adverb of an English adjective (not ``Donnelly``).

    >>> _adverb("generally"), _adverb("happily"), _adverb("donnelly")
    (True, True, False)
    """
    if not word.endswith("ly") or en_zipf(word) < 3.0:
        return False
    stems = (word[:-2], word[:-3] + "y", word[:-2] + "e", word[:-1] + "e")
    return any(en_zipf(s) >= 3.5 and s not in proper_nouns() for s in stems)


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
    examples = (
        Example("The attack on kyiv came as nato met.", "The attack on Kyiv came as NATO met."),
        Example("In May, Bill bought fine china and a turkey at nato.int.", kind="clean"),
        Example("The principle of audi alteram partem applied, said the scholar danah boyd.",
                kind="clean"),
        Example('One speaker quoted the German phrase "Wir sind mehr" at the rally.',
                kind="clean"),
        Example("Sales of e.e. cummings rose. A reading of cummings's poems drew 300 people.",
                kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        caps: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for m in WORD_RE.finditer(text):
            w = POSSESSIVE_SUFFIX_RE.sub("", m.group())
            if w[:1].isupper() and not at_sentence_start(text, m.start()):
                caps[w] += 1
            elif w.islower() and w in proper_nouns() \
                    and not foreign_neighbour(text, m.start(), m.start() + len(w)):
                lower[w] += 1
        # One name written in lower case throughout is house style (`e.e. cummings`);
        # machine translation lower-cases several (`brussels`, `warsaw`, `kyiv`).
        house_style = len(lower) == 1
        for para in doc.paragraphs_in(self.languages):
            for m in WORD_RE.finditer(para.text):
                tok = POSSESSIVE_SUFFIX_RE.sub("", m.group())  # `ukraine's` -> `ukraine`
                if not tok.islower() or len(tok) < 3 or not tok.isalpha():
                    continue
                start = para.start + m.start()
                end = start + len(tok)
                if in_url(text, start, end) or text[end:end + 2].strip()[:1] == "-" \
                        or (text[start - 1:start] == "-" and tok in proper_nouns() \
                        and tok not in names()):
                    continue  # `neo -Nazis`, `anti-semitic`: a prefix, not a name
                canon, confidence = None, 0.0
                if tok in names():
                    canon, confidence = names()[tok].canonical, 0.97
                elif tok in proper_nouns():
                    canon = proper_nouns()[tok]
                    if house_style and lower[tok] >= 2 and not caps[canon]:
                        continue  # the document's house style (`cummings`), not damage
                    if foreign_neighbour(text, start, end):
                        continue  # `audi alteram partem`, `Wir sind mehr`
                    confidence = 0.96 if caps[canon] else 0.93
                else:
                    learnt = tok[:1].upper() + tok[1:]
                    if caps[learnt] >= 2 and en_zipf(tok) < 2.0:
                        canon, confidence = learnt, 0.93
                if canon is None or canon.lower() != tok:
                    continue
                yield self.change(start, end, canon, confidence=confidence,
                                  message=f"proper noun in lower case: {tok}")


class MidSentenceCapital(Rule):
    """Lower-case a common word capitalised mid-sentence, hyperlink residue (``and He blamed``).

    Only closed-class words (pronouns, conjunctions, prepositions, articles,
    auxiliaries, a few adverbs) and ``-ly`` adverbs are fixed, when they are
    not at a sentence start, not after a colon, dash or quote, not after a
    title (``Vice Premier He``), not in a title-case headline, and followed by
    a lower-case word (so ``The Hague``, ``Made In America``, ``It Follows``
    stay). Other common words (``his Night video``) are suggested only when the
    document writes them in lower case elsewhere.

    A capital after a word that can end a sentence (a noun, a name, a verb:
    ``von der Leyen In the morning``, ``invasion At the same time``) may as
    well be a sentence whose full stop was lost, so it is only suggested,
    unless the document shows the residue at least twice after words that
    cannot end a sentence (``NON_FINAL_WORDS``: articles, prepositions,
    conjunctions, auxiliaries, subject pronouns, possessive determiners, or a
    comma): residue comes in bursts, a lost full stop does not make it. A
    preposition or auxiliary that could not open a sentence there
    (``the deal In his evening address.``, ``the army Would run out``) is
    fixed after any word.
    """

    id = "MIDSENTENCE_CAPITAL"
    category = "case"
    stage = "repair"
    languages = frozenset({"en"})
    description = "common word capitalised mid-sentence (hyperlink residue)"
    examples = (
        Example("Trump boasted of ties with Putin and He blamed Ukraine.",
                "Trump boasted of ties with Putin and he blamed Ukraine."),
        Example("He said that he Generally agreed With the plan. The law has It also required"
                " a vote.",
                "He said that he generally agreed with the plan. The law has it also required"
                " a vote."),
        Example("The talks with Ursula von der Leyen In the morning she sent a draft.",
                "The talks with Ursula von der Leyen in the morning she sent a draft.",
                kind="suggest"),
        Example("They met in The Hague. Vice Premier He said: It was good. She saw It Follows.",
                kind="clean"),
    )

    def find(self, doc: Document) -> Iterable[Change]:
        text = doc.text
        lower_seen = {w for w in WORD_RE.findall(text) if w.islower()}
        residue: list[tuple[int, int, str, bool]] = []
        for para in doc.paragraphs_in(self.languages):
            for m in WORD_RE.finditer(para.text):
                tok = m.group()
                if len(tok) < 2 or not tok[:1].isupper() or not tok[1:].islower() \
                        or not tok.isalpha():
                    continue
                start, end = para.start + m.start(), para.start + m.end()
                if at_sentence_start(text, start) or in_url(text, start, end):
                    continue
                nxt = NEXT_RE.match(text, end)
                if nxt is None or not (nxt.group(1)[:1].islower()):
                    continue
                prev = PREV_RE.search(text, max(0, start - 40), start)
                if prev is None:
                    continue
                pw = prev.group(1).strip(".,").lower()
                if pw in TITLE_WORDS or _title_line(text, start):
                    continue
                low = tok.lower()
                if low in proper_nouns() or low in names():
                    continue
                if low in FUNCTION_WORDS or _adverb(low):
                    final = (pw not in NON_FINAL_WORDS and not prev.group(1).endswith(",")
                             and _could_open_sentence(text, end, low))
                    residue.append((start, end, tok, final))
                elif (low in lower_seen and en_zipf(low) >= 3.5 and len(low) > 3
                      and low not in TITLE_WORDS and prev.group(1).isalpha()
                      and prev.group(1).islower() and not self._in_name(text, prev.start())):
                    # After a capitalised word it is likely part of a name (`Wembley Stadium`).
                    yield self.change(start, end, low, confidence=0.6,
                                      message=f"word capitalised mid-sentence: {tok}")
        # Residue comes in bursts: where the document shows it twice after words that
        # cannot end a sentence, a capital after a noun or verb is residue too.
        bursty = sum(not final for *_, final in residue) >= 2
        for start, end, tok, final in residue:
            if final and not bursty:
                yield self.change(start, end, tok.lower(), confidence=0.6, message=(
                    f"word capitalised mid-sentence, or a full stop lost before it: {tok}"))
            else:
                yield self.change(start, end, tok.lower(), confidence=0.95,
                                  message=f"word capitalised mid-sentence: {tok}")

    @staticmethod
    def _in_name(text: str, prev_start: int) -> bool:
        """Whether the word before ``prev_start``'s word is capitalised (``Center for X``)."""
        m = PREV_RE.search(text, max(0, prev_start - 40), prev_start)
        return bool(m and m.group(1)[:1].isupper())
