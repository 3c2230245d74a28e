#!/usr/bin/env python3
"""Build the bilingual dictionaries to English shipped in ``src/newsfix/data/bilingual/``.

Development time only. Inputs (none needed at run time)::

    apt-get install hunspell wordnet-base \\
        dict-freedict-{deu,pol,fra,spa,ita,nld,swe,dan,por}-eng \\
        dict-freedict-eng-{nor,swe,por,spa,ita,nld,fra} \\
        hunspell-de-de hunspell-pl hunspell-fr-classical hunspell-es hunspell-it \\
        hunspell-nl hunspell-no hunspell-sv hunspell-da hunspell-pt-pt
    git clone --depth 1 https://github.com/omwn/omw-data /tmp/omw-data   # optional, see below
    .venv/bin/python scripts/build_bilingual.py --omw /tmp/omw-data

For each language (de pl fr es it nl nb sv da pt) it writes two tables:

* ``bilingual/LANG_en.tsv.gz`` — ``lemma  pos  english  sources``: a source
  lemma (as the dictionary writes it, German nouns capitalised) and its English
  translations separated by ``|``, primary first. Order: senses the source ranks
  (numbered FreeDict/WikDict senses; WordNet's sense order for OMW synsets)
  count most, then how many senses or sources give the translation, then its
  English frequency (Ding, the German source, does not rank its senses).
  ``sources`` lists the evidence: ``f`` the FreeDict LANG→English dictionary,
  ``r`` the FreeDict English→LANG dictionary read backwards, ``w`` the Open
  Multilingual Wordnet (LANG lemmas of WordNet 3.0 synsets, whose English
  lemmas come from Debian's ``wordnet-base``), ``a`` (Spanish only) Apertium's
  eng-spa analyser and bilingual dictionary (Debian ``apertium-eng-spa``,
  ``lttoolbox``), run on wordfreq's most frequent Spanish words.
* ``bilingual/LANG_forms.tsv.gz`` — ``form  lemmas``: a frequent inflected
  form (lower case; wordfreq's most frequent words of the language) that is
  not itself a lemma, mapped to the lemmas of the table above, best first,
  ``|``-separated. Lemmas come from Hunspell's stemmer (``hunspell -s``) when
  the stem is a dictionary lemma (for Spanish first from Apertium's analyser),
  else from suffix rules per language checked
  against the dictionary (``Wahlkampfes`` → ``Wahlkampf``).

Lemmas are kept when wordfreq knows them in that language (Zipf >= 1.5 for
single words; every word of a multi-word lemma >= 2.0, at most four words);
translations when every word is known English (wordfreq Zipf >= 1.0 or
capitalised) and they are at most five words long; translations labelled
archaic, poetic, rare, slang, dialect or historical are dropped.

Without ``--omw`` (or ``OMW_DATA``) the OMW part is skipped and the tables are
smaller. Note that the omw-data repository stores its Spanish file only in git
LFS-like compressed form in some snapshots; a missing file is skipped with a
note. The script prints the coverage report (share of the 2,000 most frequent
content words of each language that get a translation) that docs/data.md
quotes; ``--coverage-only`` prints it from the shipped tables.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexsources as ls

OUT = ls.DATA / "bilingual"
REVERSE = {
    "nb": "eng-nor",
    "sv": "eng-swe",
    "pt": "eng-por",
    "es": "eng-spa",
    "it": "eng-ita",
    "nl": "eng-nld",
    "fr": "eng-fra",
}
MAX_TRANSLATIONS = 10
FORM_VOCAB = 150_000
COVERAGE_TOP = 2000
COVERAGE_SKIP = 150  # the most frequent words of a language are function words

# Suffix rules: (ending of the form, ending of the lemma); tried longest first,
# kept only when the lemma exists in the dictionary.
SUFFIXES: dict[str, list[tuple[str, str]]] = {
    "de": [
        ("es", ""),
        ("s", ""),
        ("en", ""),
        ("n", ""),
        ("e", ""),
        ("er", ""),
        ("ern", "er"),
        ("em", ""),
        ("ens", ""),
        ("nen", ""),
        ("innen", "in"),
        ("ungen", "ung"),
        ("ten", "t"),
        ("te", "t"),
        ("es", "e"),
        ("st", "en"),
        ("t", "en"),
        ("te", "en"),
        ("ten", "en"),
    ],
    "pl": [
        ("u", ""),
        ("a", ""),
        ("em", ""),
        ("owi", ""),
        ("ie", ""),
        ("y", ""),
        ("ów", ""),
        ("om", ""),
        ("ami", ""),
        ("ach", ""),
        ("y", "a"),
        ("ę", "a"),
        ("ą", "a"),
        ("ie", "a"),
        ("i", "a"),
        ("om", "a"),
        ("ami", "a"),
        ("ach", "a"),
        ("ego", "y"),
        ("emu", "y"),
        ("ym", "y"),
        ("ymi", "y"),
        ("ych", "y"),
        ("ej", "y"),
        ("ą", "y"),
        ("a", "y"),
        ("e", "y"),
        ("ego", "i"),
        ("iego", "i"),
        ("im", "i"),
        ("ich", "i"),
        ("iej", "i"),
        ("ej", "a"),
        ("ia", "ie"),
        ("iu", "ie"),
        ("ii", "ia"),
        ("cie", "ta"),
        ("dzie", "da"),
        ("rze", "ra"),
        ("ce", "ka"),
        ("dze", "ga"),
        ("i", ""),
        ("iem", ""),
        ("owie", ""),
        ("ów", "a"),
    ],
    "fr": [
        ("s", ""),
        ("x", ""),
        ("es", ""),
        ("e", ""),
        ("aux", "al"),
        ("ées", "er"),
        ("ée", "er"),
        ("és", "er"),
        ("é", "er"),
        ("ait", "er"),
        ("aient", "er"),
        ("ent", "er"),
    ],
    "es": [
        ("s", ""),
        ("es", ""),
        ("a", "o"),
        ("as", "o"),
        ("os", "o"),
        ("ces", "z"),
        ("ado", "ar"),
        ("ada", "ar"),
        ("ados", "ar"),
        ("adas", "ar"),
        ("ido", "er"),
        ("ido", "ir"),
    ],
    "it": [
        ("i", "o"),
        ("e", "a"),
        ("i", "e"),
        ("he", "a"),
        ("hi", "o"),
        ("ci", "co"),
        ("gi", "go"),
        ("ato", "are"),
        ("ata", "are"),
        ("ati", "are"),
        ("ate", "are"),
        ("uto", "ere"),
        ("ito", "ire"),
    ],
    "nl": [("en", ""), ("s", ""), ("'s", ""), ("e", ""), ("n", ""), ("en", "e"), ("ën", "e")],
    "nb": [
        ("en", ""),
        ("et", ""),
        ("a", ""),
        ("ene", ""),
        ("er", ""),
        ("ers", ""),
        ("ens", ""),
        ("s", ""),
        ("ets", ""),
        ("ene", "e"),
        ("en", "e"),
        ("er", "e"),
        ("a", "e"),
        ("ne", ""),
    ],
    "sv": [
        ("en", ""),
        ("et", ""),
        ("n", ""),
        ("t", ""),
        ("ar", ""),
        ("er", ""),
        ("or", "a"),
        ("na", ""),
        ("arna", ""),
        ("erna", ""),
        ("orna", "a"),
        ("ns", ""),
        ("ens", ""),
        ("ets", ""),
        ("s", ""),
        ("ts", ""),
        ("a", ""),
    ],
    "da": [
        ("en", ""),
        ("et", ""),
        ("n", ""),
        ("t", ""),
        ("er", ""),
        ("erne", ""),
        ("ene", ""),
        ("ens", ""),
        ("ets", ""),
        ("s", ""),
        ("e", ""),
        ("r", ""),
        ("ne", ""),
    ],
    "pt": [
        ("s", ""),
        ("es", ""),
        ("a", "o"),
        ("as", "o"),
        ("os", "o"),
        ("ões", "ão"),
        ("ãos", "ão"),
        ("ães", "ão"),
        ("ais", "al"),
        ("éis", "el"),
        ("is", "il"),
        ("ns", "m"),
        ("ado", "ar"),
        ("ada", "ar"),
    ],
}

HEADER = """\
# Bilingual dictionary {lang} -> English for newsfix (untranslated words, MT word choice).
# Columns: lemma (as the source writes it), part of speech tags of the source, English
# translations separated by | (primary first), sources (f = FreeDict {lang}->en, r = FreeDict
# en->{lang} reversed, w = Open Multilingual Wordnet lemma of a WordNet 3.0 synset,
# a = Apertium analyser + bilingual dictionary).
# Source: {sources}.
# Licence: {licences}; see LICENSES-bilingual.md. Built by scripts/build_bilingual.py.
"""
FORMS_HEADER = """\
# Inflected {lang} word forms -> lemmas of bilingual/{lang}_en.tsv.gz, best first, | separated.
# Forms: the {n} most frequent {lang} words in wordfreq that are not lemmas themselves;
# lemmas from the Hunspell {dic} stemmer (hunspell -s) or suffix rules, kept only when the
# dictionary has them. Source: wordfreq, the Hunspell {dic} dictionary, bilingual/{lang}_en.
# Licence: wordfreq Apache-2.0 (data CC BY-SA 4.0); Hunspell {dic} {hlicence};
# the lemmas' licences (bilingual/{lang}_en.tsv.gz). Notices: LICENSES-bilingual.md.
# Built by scripts/build_bilingual.py.
"""

HUNSPELL_LICENCES = {
    "de": "GPL-2/GPL-3 (igerman98)",
    "pl": "GPL/LGPL/MPL/CC-SA (sjp.pl)",
    "fr": "MPL-2.0 (Grammalecte)",
    "es": "GPL-3/LGPL-3/MPL-1.1 (RLA-ES)",
    "it": "GPL-3",
    "nl": "BSD / CC BY 3.0 (OpenTaal)",
    "nb": "GPL-2",
    "sv": "LGPL-3",
    "da": "GPL-2/LGPL-2.1/MPL-1.1",
    "pt": "LGPL-3/MPL-1.1",
}
FREEDICT_LICENCES = {
    "deu-eng": "GPL-3/AGPL-3 (Ding 1.9, FreeDict 1.9-fd1)",
    "pol-eng": "CC BY-SA 3.0 (FreeDict+WikDict 2022.11.18)",
    "eng-nor": "CC BY-SA 3.0 (FreeDict+WikDict 2022.11.18)",
    "dan-eng": "GPL-3+ / CC BY-SA 3.0 (FreeDict 0.3.1)",
}


def english_ok(t: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", t)
    if not words or len(t.split()) > 5 or re.search(r"[0-9=/@#]", t):
        return False
    for w in words:
        if w[0].isupper():
            continue
        if ls.zipf(w.lower(), "en") < 1.0:
            return False
    return True


def clean_english(t: str) -> str:
    t = re.sub(r"\b(sb|sth|so|st|sb's|sth's|etw|jdn|jdm)\.", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .,:;!?-")
    if t.startswith("to ") and len(t) > 3:
        t = t[3:]
    return t


def lemma_ok(lemma: str, lang: str) -> bool:
    words = lemma.split()
    if (
        not words
        or len(words) > 4
        or not all(re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", w) for w in words)
    ):
        return False
    if len(words) == 1:
        return ls.zipf(lemma.lower(), lang) >= 1.5
    return all(ls.zipf(w.lower(), lang) >= 2.0 for w in words)


class Evidence:
    """Scores for (lemma, English) pairs gathered from all sources."""

    def __init__(self) -> None:
        self.score: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.src: dict[str, set[str]] = defaultdict(set)
        self.pos: dict[str, list[str]] = defaultdict(list)

    def add(self, lemma: str, english: str, weight: float, src: str, pos: str = "") -> None:
        english = clean_english(english)
        if not english or not english_ok(english):
            return
        self.score[lemma][english] += weight
        self.src[lemma].add(src)
        for p in pos.replace(",", " ").split():
            if p not in self.pos[lemma]:
                self.pos[lemma].append(p)

    def rows(self) -> list[tuple[str, str, str, str]]:
        out = []
        for lemma in sorted(self.score):
            sc = self.score[lemma]
            ranked = sorted(sc, key=lambda e: (-(sc[e] + 0.4 * ls.zipf(e.lower(), "en")), e))
            out.append(
                (
                    lemma,
                    " ".join(self.pos[lemma][:3]),
                    "|".join(ranked[:MAX_TRANSLATIONS]),
                    "".join(sorted(self.src[lemma])),
                )
            )
        return out


APERTIUM = {"es": ("eng-spa", "spa")}


def collect(
    lang: str, omw: Path | None
) -> tuple[Evidence, list[str], set[str], dict[str, list[str]]]:
    iso3 = ls.LANGS[lang]["iso3"]
    ev = Evidence()
    used: list[str] = []
    licences: set[str] = set()
    ap_forms: dict[str, list[str]] = {}
    if lang in APERTIUM:
        pair, src = APERTIUM[lang]
        ap_forms, trans = ls.apertium_translate(pair, src, ls.top_words(lang, FORM_VOCAB))
        for lemma, english in trans.items():
            if lemma_ok(lemma, lang):
                for j, e in enumerate(english):
                    ev.add(
                        lemma,
                        e.replace("-", " ") if e.count("-") == 1 and ls.zipf(e, "en") < 2 else e,
                        2.5 / (1 + j),
                        "a",
                    )
        used.append(f"Apertium {pair} (Debian apertium-{pair}: analyser and bilingual dictionary)")
        licences.add("GPL-2 (Apertium)")
    fwd = f"{iso3}-eng"
    if (ls.DICTD / f"freedict-{fwd}.index").exists():
        style = "ding" if lang == "de" else "tei"
        per_lemma_mentions: dict[tuple[str, str], int] = defaultdict(int)
        sense_no: dict[str, int] = defaultdict(int)
        for _hw, text in ls.dictd_entries(fwd):
            entry = ls.parse_entry(text, style)
            if not lemma_ok(entry.headword, lang):
                continue
            for i, sense in enumerate(entry.senses):
                if style == "ding":
                    sense_no[entry.headword] += 1
                    for t in sense.translations:
                        per_lemma_mentions[entry.headword, t] += 1
                        weight = 1.0 if per_lemma_mentions[entry.headword, t] == 1 else 0.25
                        ev.add(entry.headword, t, weight, "f", entry.pos)
                else:
                    for j, t in enumerate(sense.translations):
                        ev.add(entry.headword, t, 2.0 / (1 + i) + 0.2 / (1 + j), "f", entry.pos)
        used.append(f"FreeDict {fwd} ({edition(fwd)})")
        licences.add(FREEDICT_LICENCES.get(fwd, "GPL-2+ (FreeDict)"))
    rev = REVERSE.get(lang)
    if rev and (ls.DICTD / f"freedict-{rev}.index").exists():
        for _hw, text in ls.dictd_entries(rev):
            entry = ls.parse_entry(text, "tei")
            english = entry.headword
            for i, sense in enumerate(entry.senses):
                for t in sense.translations:
                    if lemma_ok(t, lang):
                        ev.add(t, english, 1.0 / (1 + 0.5 * i), "r", entry.pos)
        used.append(f"FreeDict {rev} ({edition(rev)}) read backwards")
        licences.add(FREEDICT_LICENCES.get(rev, "GPL-2+ (FreeDict)"))
    if omw is not None:
        rows = ls.omw_lemmas(omw, lang)
        if rows:
            synsets = ls.wordnet_synsets()
            ranks = ls.wordnet_lemma_ranks()
            by_lemma: dict[str, list[str]] = defaultdict(list)
            for key, lemma, _lic in rows:
                if key in synsets and lemma_ok(lemma, lang) and key not in by_lemma[lemma]:
                    by_lemma[lemma].append(key)
            for lemma, keys in by_lemma.items():
                # a synset is salient when it is an early sense of its English lemmas
                def salience(k: str) -> int:
                    return min(
                        (ranks.get(w.lower(), [k]).index(k) if k in ranks.get(w.lower(), []) else 9)
                        for w in synsets[k].lemmas
                    )

                keys = sorted(keys, key=salience)
                for i, k in enumerate(keys[:6]):
                    for j, w in enumerate(synsets[k].lemmas[:4]):
                        sal = (
                            ranks.get(w.lower(), []).index(k)
                            if k in ranks.get(w.lower(), [])
                            else 9
                        )
                        ev.add(
                            lemma,
                            w,
                            1.2 / (1 + i) / (1 + 0.5 * j) / (1 + 0.5 * sal),
                            "w",
                            {"n": "n", "v": "v", "a": "adj", "r": "adv"}[k[-1]],
                        )
            for _rel, lic in ls.OMW_FILES[lang]:
                if any(r[2] == lic for r in rows):
                    used.append(f"Open Multilingual Wordnet: {lic.split(' (')[0]}")
                    licences.add(lic)
            licences.add("WordNet 3.0 licence (Princeton)")
    return ev, used, licences, ap_forms


def edition(name: str) -> str:
    m = re.search(r"Edition:\s*(\S+)", ls.dictd_header(name))
    return "edition " + m.group(1) if m else "FreeDict"


def candidates(
    form: str, lang: str, stems: list[str], lemmas_ci: dict[str, list[str]]
) -> list[str]:
    out: list[str] = []
    for s in stems:
        for lemma in lemmas_ci.get(s.lower(), []):
            if lemma not in out:
                out.append(lemma)
    rule: list[str] = []
    for suf, rep in sorted(SUFFIXES.get(lang, []), key=lambda sr: -len(sr[0])):
        if form.endswith(suf) and len(form) - len(suf) + len(rep) >= 3:
            base = form[: len(form) - len(suf)] + rep
            for lemma in lemmas_ci.get(base, []):
                if lemma not in out and lemma not in rule:
                    rule.append(lemma)
    return out + rule


def build_forms(lang: str, lemmas: set[str], extra: dict[str, list[str]]) -> list[tuple[str, str]]:
    lemmas_ci: dict[str, list[str]] = defaultdict(list)
    for lemma in sorted(lemmas, key=lambda x: (x != x.lower(), x)):
        if " " not in lemma:
            lemmas_ci[lemma.lower()].append(lemma)
    words = [w for w in ls.top_words(lang, FORM_VOCAB) if w not in lemmas_ci and len(w) >= 3]
    # Hunspell knows German nouns capitalised: ask for both spellings
    query = words + ([w.capitalize() for w in words] if lang == "de" else [])
    stems = ls.hunspell_stems(lang, query)
    rows = []
    for w in words:
        st = stems.get(w, []) + stems.get(w.capitalize(), [])
        cands = candidates(w, lang, extra.get(w, []) + st, lemmas_ci)
        if cands:
            rows.append((w, "|".join(cands[:4])))
    return rows


def read_table(path: Path) -> list[list[str]]:
    rows = []
    header = None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            rows.append(cells)
    return rows


def coverage(lang: str) -> tuple[int, int, int, list[str]]:
    """(direct lemma hits, hits through forms, total, sample misses) for the top content words."""
    lemmas = {r[0].lower() for r in read_table(OUT / f"{lang}_en.tsv.gz")}
    forms = {r[0] for r in read_table(OUT / f"{lang}_forms.tsv.gz")}
    words = [w for w in ls.top_words(lang, COVERAGE_TOP + COVERAGE_SKIP + 500) if len(w) >= 2][
        COVERAGE_SKIP : COVERAGE_SKIP + COVERAGE_TOP
    ]
    direct = sum(w in lemmas for w in words)
    via = sum(w not in lemmas and w in forms for w in words)
    misses = [w for w in words if w not in lemmas and w not in forms]
    return direct, via, len(words), misses[:12]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--omw", help="omw-data checkout (default: $OMW_DATA)")
    ap.add_argument("--langs", default=",".join(ls.LANGS))
    ap.add_argument("--coverage-only", action="store_true")
    args = ap.parse_args()
    langs = args.langs.split(",")
    if not args.coverage_only:
        omw = ls.omw_dir(args.omw)
        for lang in langs:
            ev, used, licences, ap_forms = collect(lang, omw)
            rows = ev.rows()
            ls.write_table(
                OUT / f"{lang}_en.tsv.gz",
                HEADER.format(
                    lang=lang, sources="; ".join(used), licences="; ".join(sorted(licences))
                ),
                ["lemma", "pos", "english", "sources"],
                rows,
            )
            forms = build_forms(lang, {r[0] for r in rows}, ap_forms)
            dic = ls.LANGS[lang]["hunspell"]
            ls.write_table(
                OUT / f"{lang}_forms.tsv.gz",
                FORMS_HEADER.format(
                    lang=lang, n=FORM_VOCAB, dic=dic, hlicence=HUNSPELL_LICENCES[lang]
                ),
                ["form", "lemmas"],
                forms,
            )
    print(
        f"coverage of the {COVERAGE_TOP} most frequent content words (wordfreq ranks "
        f"{COVERAGE_SKIP + 1}-{COVERAGE_SKIP + COVERAGE_TOP}, alphabetic):"
    )
    print("| lang | lemma | via forms | total | misses (sample) |")
    print("|---|---|---|---|---|")
    for lang in langs:
        d, v, n, misses = coverage(lang)
        print(
            f"| {lang} | {100 * d / n:.1f}% | +{100 * v / n:.1f}% | {100 * (d + v) / n:.1f}% | "
            f"{' '.join(misses)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
