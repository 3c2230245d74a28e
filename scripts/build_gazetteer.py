#!/usr/bin/env python3
"""Build the multilingual gazetteer, the English place names and the organisation names.

Development time only. Inputs::

    apt-get install wordnet-base hunspell-en-us hunspell-en-gb hunspell-tools
    .venv/bin/pip install babel            # CLDR data (Unicode licence) inside Babel
    .venv/bin/python scripts/build_bilingual.py --omw /tmp/omw-data   # first (see there)
    .venv/bin/python scripts/build_gazetteer.py

Writes under ``src/newsfix/data/``:

* ``gazetteer_exonyms.tsv.gz`` — ``name  lang  english  kind  form_of  en_word  sources``:
  a place or organisation name as language ``lang`` writes it (``Genf`` de,
  ``Varsovie`` fr, ``Bank Światowy`` pl, ``Warszawie`` pl with form_of
  ``Warszawa``), its English name, its kind (country, city, region, water,
  place, org), the lemma when the row is an inflected form, ``en_word`` = ``y``
  when the foreign name is itself a frequent English word or name (``Roma``,
  ``Bologna``… take care), and the evidence (``c`` CLDR territory or time-zone
  exemplar city names through Babel, ``d`` a bilingual table of
  ``bilingual/`` whose English side is a WordNet place or organisation, ``f``
  an inflected form from ``bilingual/LANG_forms``). Names equal to their
  English form are left out. (name, lang) is unique.
* ``gazetteer_en_places.tsv.gz`` — ``lower  canonical  kind  common_word``:
  English place names (WordNet 3.0 instances of locations and bodies of
  water, CLDR English territory and city names) keyed by lower case;
  ``common_word`` = ``y`` when the lower-case form is also an English word
  (``china``, ``turkey``, ``nice``: WordNet writes it in lower case, or
  Hunspell en_US/en_GB does and WordNet knows it only as a name) — never
  capitalise those from case alone.
* ``gazetteer_orgs.tsv.gz`` — ``name  kind  aliases  source``: English names of
  organisations, institutions, agencies, courts, councils and parties from
  WordNet 3.0 (noun.group synsets under organization or assembly with a
  capitalised multi-word or acronym name), kind = the WordNet hypernym,
  aliases = the other names of the synset (``IAEA``); plus English names that
  the bilingual dictionaries give for foreign organisation names (source
  ``d``).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexsources as ls

HEAD_EXO = """\
# Foreign names of places and organisations -> English, with the language of each form.
# Columns: name (as the language writes it), lang, english, kind (country city region water place
# org), form_of (lemma when the name is an inflected form), en_word (y: the name is itself a
# frequent English word or name - take care), sources (c CLDR via Babel, d bilingual tables
# checked against WordNet 3.0 place/organisation synsets, f inflected form from bilingual forms).
# Source: Unicode CLDR (Unicode License v3) as shipped in Babel (BSD-3-Clause); FreeDict, OMW,
# Apertium via bilingual/*.tsv.gz (licences there); WordNet 3.0 (Princeton licence).
# Licence notices: LICENSES-gazetteer.md. Built by scripts/build_gazetteer.py.
"""
HEAD_PLACES = """\
# English place names keyed by lower case, with their kind and whether the lower-case form is
# also a common English word (common_word y: china, turkey, nice - never capitalise from case).
# Source: WordNet 3.0 instance nouns under location / body of water (Princeton licence);
# Unicode CLDR English territory and time-zone city names via Babel (Unicode License v3);
# common words: Hunspell en_US/en_GB (SCOWL, permissive). Licence notices: LICENSES-gazetteer.md.
# Built by scripts/build_gazetteer.py.
"""
HEAD_ORGS = """\
# English names of organisations, institutions, agencies, courts, councils and parties.
# Columns: name, kind (WordNet hypernym), aliases (other names of the same synset, | separated),
# source (w WordNet 3.0 noun.group synset, d English name a bilingual dictionary gives for a
# foreign organisation name). Source: WordNet 3.0 (Princeton licence); bilingual/*.tsv.gz.
# Licence notices: LICENSES-gazetteer.md. Built by scripts/build_gazetteer.py.
"""

ORG_HEADS = {
    "bank",
    "organization",
    "organisation",
    "council",
    "court",
    "agency",
    "union",
    "fund",
    "commission",
    "parliament",
    "ministry",
    "party",
    "office",
    "committee",
    "assembly",
    "institute",
    "federation",
    "alliance",
    "association",
    "army",
    "navy",
    "police",
    "service",
    "authority",
    "nations",
    "department",
    "tribunal",
    "senate",
    "congress",
    "chamber",
    "board",
    "bureau",
    "corporation",
    "company",
    "forces",
    "guard",
    "reserve",
}


WORDNET_LOWER: set[str] = set()  # lemmas WordNet writes in lower case (filled by wordnet_kinds)


def english_lowercase_words() -> set[str]:
    words: set[str] = set()
    for name in ("en_US", "en_GB"):
        dic = ls.require(
            ls.HUNSPELL / f"{name}.dic", "apt-get install hunspell-en-us hunspell-en-gb"
        )
        out = subprocess.run(
            ["unmunch", str(dic), str(ls.HUNSPELL / f"{name}.aff")], capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
        words |= {w.strip() for w in out.splitlines() if w.strip().islower()}
    return words


def wordnet_kinds() -> tuple[
    dict[str, str], dict[str, tuple[str, list[str]]], dict[str, list[str]]
]:
    """(English place name → kind, org synset key → (kind, names), English name → org keys)."""
    syn = ls.wordnet_synsets()
    places: dict[str, str] = {}
    orgs: dict[str, tuple[str, list[str]]] = {}
    org_by_name: dict[str, list[str]] = defaultdict(list)
    lowercase: set[str] = set()
    for s in syn.values():
        lowercase.update(w.lower() for w in s.lemmas if w[:1].islower())
    org_roots = {
        "organization",
        "organisation",
        "assembly",
        "institution",
        "court",
        "council",
        "legislature",
        "party",
        "political party",
    }
    for k, s in syn.items():
        names = [w for w in s.lemmas if w[:1].isupper()]
        if not names:
            continue
        closure = {w for c in ls.hypernym_closure(syn, k) for w in syn[c].lemmas}
        if s.instance and closure & {"location", "body of water", "geological formation"}:
            if closure & {"city", "town", "metropolis"}:
                kind = "city"
            elif "country" in closure:
                kind = "country"
            elif "body of water" in closure:
                kind = "water"
            elif closure & {"region", "political unit", "administrative district"}:
                kind = "region"
            else:
                kind = "place"
            for w in names:
                if places.get(w) in (None, "place"):
                    places[w] = kind
        elif s.lexfile == 14 and closure & org_roots:
            good = [w for w in names if " " in w or re.fullmatch(r"[A-Z]{2,6}", w)]
            if any(" " in w for w in good):
                hyper = syn[s.hypernyms[0]].lemmas[0] if s.hypernyms else "organization"
                orgs[k] = (hyper, good)
                for w in good:
                    org_by_name[w].append(k)
    WORDNET_LOWER.update(lowercase)
    return places, orgs, org_by_name


def cldr_names() -> list[tuple[str, str, str, str]]:
    """(foreign name, lang, English name, kind) from CLDR territories and time-zone cities."""
    from babel import Locale

    en = Locale("en")
    out = []
    for lang in ls.LANGS:
        loc = Locale(lang)
        for code, name in loc.territories.items():
            eng = en.territories.get(code)
            if not eng or code in ("ZZ", "EZ", "UN", "QO", "XA", "XB"):
                continue
            kind = "region" if code.isdigit() else "country"
            out.append((name, lang, eng, kind))
        for tz, data in loc.time_zones.items():
            city = data.get("city") if hasattr(data, "get") else None
            if not city:
                continue
            en_city = en.time_zones.get(tz, {}).get("city") if tz in en.time_zones else None
            en_city = en_city or tz.split("/")[-1].replace("_", " ")
            out.append((city, lang, en_city, "city"))
    return out


def read(path: Path) -> list[list[str]]:
    rows, header = [], None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
            else:
                rows.append(cells)
    return rows


def main() -> int:
    from babel import Locale

    places, orgs, _org_by_name = wordnet_kinds()
    lower_words = english_lowercase_words()
    en = Locale("en")
    # English places: WordNet + CLDR English names
    en_places: dict[str, str] = dict(places)
    for code, name in en.territories.items():
        if not code.isdigit() and code not in ("ZZ", "EZ", "UN", "QO", "XA", "XB"):
            en_places.setdefault(name, "country")
    for tz in en.time_zones:
        c = en.time_zones[tz].get("city")
        if c:
            en_places.setdefault(c, "city")

    exo: dict[tuple[str, str], list[str]] = {}  # (name, lang) → [english, kind, form_of, sources]

    def add(name: str, lang: str, english: str, kind: str, src: str, form_of: str = "") -> None:
        if name == english or not name.strip() or "\t" in name:
            return
        row = exo.get((name, lang))
        if row is None:
            exo[(name, lang)] = [english, kind, form_of, src]
        elif row[0] == english and src not in row[3]:
            row[3] = "".join(sorted(row[3] + src))

    for name, lang, english, kind in cldr_names():
        add(name, lang, english, kind, "c")
    org_names = {w for _, names in orgs.values() for w in names}
    extra_orgs: dict[str, str] = {}
    for lang in ls.LANGS:
        for lemma, _pos, english, _src in read(ls.DATA / "bilingual" / f"{lang}_en.tsv.gz"):
            if not lemma[:1].isupper():
                continue
            first = english.split("|")[0]
            if first in en_places:
                add(lemma, lang, first, en_places[first], "d")
            elif first in org_names:
                add(lemma, lang, first, "org", "d")
            elif (
                " " in first
                and all(
                    w[:1].isupper() or w in ("of", "for", "and", "the", "on") for w in first.split()
                )
                and first.split()[-1].lower() in ORG_HEADS
                and " " in lemma
            ):
                add(lemma, lang, first, "org", "d")
                extra_orgs.setdefault(first, "organization")
    # inflected forms of single-word names (Polish "Warszawie", German "Genfs")
    for lang in ls.LANGS:
        lemma_rows = {(n, lg): v for (n, lg), v in exo.items() if lg == lang and " " not in n}
        by_lemma = {n: v for (n, _), v in lemma_rows.items()}
        for form, lemmas in read(ls.DATA / "bilingual" / f"{lang}_forms.tsv.gz"):
            first = lemmas.split("|")[0]
            if first in by_lemma and first[:1].isupper():
                english, kind = by_lemma[first][0], by_lemma[first][1]
                name = form[:1].upper() + form[1:]
                if (name, lang) not in exo:
                    add(name, lang, english, kind, "f", form_of=first)

    def en_word(name: str) -> str:
        return "y" if ls.zipf(name.lower(), "en") >= 3.0 else ""

    ls.write_table(
        ls.DATA / "gazetteer_exonyms.tsv.gz",
        HEAD_EXO,
        ["name", "lang", "english", "kind", "form_of", "en_word", "sources"],
        ([n, lg, *v[:3], en_word(n), v[3]] for (n, lg), v in sorted(exo.items())),
    )

    rows: dict[str, list[str]] = {}
    for name, kind in sorted(en_places.items(), key=lambda kv: -ls.zipf(kv[0], "en")):
        low = name.lower()
        if low in rows or not re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", name):
            continue
        # a common word: WordNet has it in lower case (china, turkey, nice, reading), or Hunspell
        # does and WordNet does not know it as a capitalised name only (geneva is gin there too,
        # capitalised: not common)
        common = (
            "y" if (low in WORDNET_LOWER or (low in lower_words and name not in places)) else ""
        )
        rows[low] = [name, kind, common]
    ls.write_table(
        ls.DATA / "gazetteer_en_places.tsv.gz",
        HEAD_PLACES,
        ["lower", "canonical", "kind", "common_word"],
        ([k, *v] for k, v in sorted(rows.items())),
    )

    org_rows: dict[str, list[str]] = {}
    for _k, (kind, names) in sorted(orgs.items()):
        for w in names:
            if " " not in w:
                continue
            aliases = [a for a in names if a != w]
            if w in org_rows:
                org_rows[w][1] = "|".join(dict.fromkeys(org_rows[w][1].split("|") + aliases)).strip(
                    "|"
                )
            else:
                org_rows[w] = [kind, "|".join(aliases), "w"]
    for name, kind in extra_orgs.items():
        org_rows.setdefault(name, [kind, "", "d"])
    ls.write_table(
        ls.DATA / "gazetteer_orgs.tsv.gz",
        HEAD_ORGS,
        ["name", "kind", "aliases", "source"],
        ([n, *v] for n, v in sorted(org_rows.items())),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
