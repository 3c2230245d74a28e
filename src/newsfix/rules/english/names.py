"""Name consistency: one spelling per name within a document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.english._lexicon import (
    en_zipf,
    name_variants,
    names,
    proper_nouns,
    word_class,
)
from newsfix.text import TextAnalysis, Word

__all__ = ["NameVariant", "edit_distance"]

SUFFIX_RE = regex.compile(r"^(\p{Lu}[\p{L}\p{M}]+?)((?:['’]s)?)$")


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).

    >>> edit_distance("Zalelenskyy", "Zelenskyy"), edit_distance("Rubio", "Rubin")
    (2, 1)
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _is_known(word: str) -> bool:
    """Whether a capitalised word is a real word or name of its own (never merged)."""
    low = word.lower()
    return en_zipf(low) >= 1.0 or low in proper_nouns() or low in names()


class NameVariant(Rule):
    """Give every name one spelling: the gazetteer's or the document's majority.

    Foreign spellings from the curated gazetteer (``Poutine``, ``Selenskyj``,
    ``Kiew``) become the canonical one when the document also uses it, or when
    the variant is no English word. A capitalised word unknown to English
    (wordfreq, gazetteers) that lies within a small edit distance of a name
    the gazetteer knows or the document uses more often (``Zalelenskyy`` →
    ``Zelenskyy``) becomes that name. Two real names (``Rubio``/``Rubin``,
    ``Bowman``/``Bowen``) are never merged, and house-style spellings
    (``Zelensky``, ``Kiev``) are only suggested.
    """

    id = "NAME_VARIANT"
    category = "name"
    stage = "repair"
    languages = frozenset({"en"})
    description = "inconsistent spelling of a name"
    tiers = {"certain": 0.95, "house_style": 0.6}
    lexicons = ("gazetteer_en_names.tsv", "en_word_classes.tsv")
    examples = (
        Example("Zelenskyy spoke. ⟦Zalelenskyy⟧ said Mr. ⟦Poutine⟧ lied; Putin denied it.",
                "Zelenskyy spoke. Zelenskyy said Mr. Putin lied; Putin denied it."),
        Example("Rubio met Rubin; Bowman met Bowen. Zelensky spoke in Kiev.", kind="clean"),
        Example("Zelenskyy spoke in Kyiv. Zelenskyy and ⟦Zelensky⟧ met.",
                "Zelenskyy spoke in Kyiv. Zelenskyy and Zelenskyy met.", kind="suggest"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        analysis = scope.analysis
        counts, targets = analysis.memo("name_variant.counts", lambda: _counts(analysis))
        for w in scope.words():
            sm = SUFFIX_RE.match(w.text)
            if not sm:
                continue
            word = sm.group(1)
            start, end = w.start, w.start + len(word)
            if scope.protected(start, end):
                continue
            found = self._judge(analysis, w, word, counts, targets)
            if found:
                canon, tier = found
                yield scope.change(start, end, canon, tier=tier,
                                   message=f"spelling of the name {canon}: {word}")

    def _judge(self, analysis: TextAnalysis, w: Word, word: str, counts: Counter[str],
               targets: set[str]) -> tuple[str, str] | None:
        low = word.lower()
        variant = name_variants().get(low)
        if variant is not None:
            entry, foreign = variant
            canon = entry.canonical
            in_doc = counts[canon] > 0
            if foreign:
                prev = analysis.words[w.index - 1] if w.index else None
                context = prev is not None and prev.lower in word_class("name_context") \
                    and not analysis.text[prev.end:w.start].strip(" .\u00a0")
                if in_doc or en_zipf(low) < 1.5 or context:
                    return canon, "certain"
                return canon, "house_style"
            if in_doc and counts[canon] > counts[word]:
                return canon, "house_style"
            return None
        if _is_known(word) or len(word) < 5 or not word[1:].islower():
            return None
        best: tuple[int, str] | None = None
        for t in targets:
            if t == word or t[0] != word[0] or abs(len(t) - len(word)) > 3:
                continue
            d = edit_distance(word, t)
            limit = max(1, min(3, len(max(t, word, key=len)) // 4))
            if d <= limit and (best is None or d < best[0]):
                best = (d, t)
        if best is None:
            return None
        d, t = best
        if word == t + "s":
            return None  # `Hamass`: a stripped possessive, the apostrophe rule's business
        curated = t.lower() in names()
        if not curated and counts[t] <= counts[word]:
            return None
        confident = curated or (counts[t] >= 2 * counts[word] and d <= 2)
        return t, "certain" if confident else "house_style"


def _counts(analysis: TextAnalysis) -> tuple[Counter[str], set[str]]:
    """Capitalised words of the text (possessive ``'s`` dropped) and the names to match against."""
    counts: Counter[str] = Counter()
    for w in analysis.words:
        sm = SUFFIX_RE.match(w.text)
        if sm:
            counts[sm.group(1)] += 1
    targets = {w for w, n in counts.items() if n >= 2 and len(w) >= 5}
    targets |= {e.canonical for e in names().values() if len(e.canonical) >= 5}
    return counts, targets
