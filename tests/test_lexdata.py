"""The tables derived by ``scripts/build_*.py`` parse as lexicons and hold what the issues need.

Every table is read with :func:`newsfix.lexicon.parse_tsv` (gzip-compressed
tables are decompressed first), must name its source, licence and builder in
its ``#`` header, have the columns documented in ``docs/data.md`` and no
duplicate keys. The spot checks are entries that issues 10 and 11 name.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from newsfix.lexicon import parse_tsv

DATA = Path(str(resources.files("newsfix").joinpath("data")))
LANGS = ["de", "pl", "fr", "es", "it", "nl", "nb", "sv", "da", "pt"]

# table → (columns, key columns that must be unique)
TABLES: dict[str, tuple[list[str], list[str]]] = {
    **{
        f"bilingual/{lg}_en.tsv.gz": (["lemma", "pos", "english", "sources"], ["lemma"])
        for lg in LANGS
    },
    **{f"bilingual/{lg}_forms.tsv.gz": (["form", "lemmas"], ["form"]) for lg in LANGS},
    "gazetteer_exonyms.tsv.gz": (
        ["name", "lang", "english", "kind", "form_of", "en_word", "sources"],
        ["name", "lang"],
    ),
    "gazetteer_en_places.tsv.gz": (["lower", "canonical", "kind", "common_word"], ["lower"]),
    "gazetteer_orgs.tsv.gz": (["name", "kind", "aliases", "source"], ["name"]),
    "en_mwe.tsv.gz": (["phrase", "score", "count", "pmi", "wordnet"], ["phrase"]),
    "mt_siblings.tsv.gz": (
        ["lang", "english", "source", "candidates"],
        ["lang", "english", "source"],
    ),
    "mt_false_friends.tsv.gz": (
        ["lang", "source", "english", "translations", "distance"],
        ["lang", "source", "english"],
    ),
}


@cache
def text(name: str) -> str:
    raw = (DATA / name).read_bytes()
    return gzip.decompress(raw).decode("utf-8") if name.endswith(".gz") else raw.decode("utf-8")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    parsed, _ = parse_tsv(text(name), origin=name)
    return tuple(parsed)


def index(name: str, *key: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {tuple(r[k] for k in key): r for r in rows(name)}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_parses_with_header_and_unique_keys(name: str) -> None:
    columns, key = TABLES[name]
    lines = text(name).splitlines()
    comments = []
    for line in lines:
        if not line.startswith("#"):
            assert line.split("\t") == columns, f"{name}: header row {line!r}"
            break
        comments.append(line)
    head = "\n".join(comments)
    assert re.search(r"\bSource\b", head), f"{name}: no Source in header"
    assert re.search(r"[Ll]icen[cs]e", head), f"{name}: no licence in header"
    built = re.search(r"Built by (scripts/build_\w+\.py)", head)
    assert built and (Path(__file__).resolve().parents[1] / built.group(1)).exists(), name
    for lic in re.findall(r"LICENSES-\w+\.md", head):
        assert (DATA / lic).exists(), f"{name} names {lic}, which is missing"
    parsed = rows(name)
    assert len(parsed) > 100, f"{name}: only {len(parsed)} rows"
    keys = [tuple(r[k] for k in key) for r in parsed]
    assert len(keys) == len(set(keys)), f"{name}: duplicate keys"
    for r in parsed:
        assert all(r[k] for k in key), f"{name}:{r['_line']}: empty key"


def translations(lang: str, word: str) -> list[str]:
    """English translations of ``word`` (a lemma or, through the forms table, an inflected form)."""
    lemmas = index(f"bilingual/{lang}_en.tsv.gz", "lemma")
    if (word,) in lemmas:
        return lemmas[(word,)]["english"].split("|")
    forms = index(f"bilingual/{lang}_forms.tsv.gz", "form")
    out: list[str] = []
    for lemma in forms.get((word.lower(),), {"lemmas": ""})["lemmas"].split("|"):
        if (lemma,) in lemmas:
            out += lemmas[(lemma,)]["english"].split("|")
    return out


@pytest.mark.parametrize(
    ("lang", "word", "english"),
    [
        ("de", "Haushalt", "budget"),
        ("de", "Wahlkampfes", "election campaign"),
        ("de", "Ruf", "reputation"),
        ("de", "Ruf", "call"),
        ("de", "Führer", "leader"),
        ("de", "aktuell", "current"),
        ("de", "eventuell", "possibly"),
        ("pl", "rządu", "government"),
        ("pl", "biały", "white"),
        ("pl", "światowy", "world"),
        ("fr", "gouvernement", "government"),
        ("fr", "gouvernements", "government"),
        ("es", "gobiernos", "government"),
        ("it", "governo", "government"),
        ("nl", "regering", "government"),
        ("nb", "regjeringen", "government"),
        ("sv", "regeringen", "government"),
        ("da", "regeringen", "government"),
        ("pt", "governos", "government"),
    ],
)
def test_bilingual_spot_checks(lang: str, word: str, english: str) -> None:
    assert english in translations(lang, word)


def test_bilingual_primary_sense_first() -> None:
    # "current" is what news means by German "aktuell"; the archaic "peradventure" is dropped
    assert translations("de", "aktuell")[0] == "current"
    assert "peradventure" not in translations("de", "eventuell")


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        ("Genf", "de", "Geneva"),
        ("Varsovie", "fr", "Warsaw"),
        ("Moskau", "de", "Moscow"),
        ("Lisbonne", "fr", "Lisbon"),
        ("Den Haag", "de", "The Hague"),
        ("Den Haag", "nl", "The Hague"),
        ("Kopenhagen", "de", "Copenhagen"),
        ("Europäische Zentralbank", "de", "European Central Bank"),
        ("Warszawie", "pl", "Warsaw"),
        ("Nowy Jork", "pl", "New York"),
    ],
)
def test_exonyms(name: str, lang: str, english: str) -> None:
    assert index("gazetteer_exonyms.tsv.gz", "name", "lang")[(name, lang)]["english"] == english


def test_exonyms_mark_english_collisions() -> None:
    exo = index("gazetteer_exonyms.tsv.gz", "name", "lang")
    assert exo[("Roma", "it")]["en_word"] == "y"  # Roma is an English word too
    assert exo[("Genf", "de")]["en_word"] == ""
    assert exo[("Warszawie", "pl")]["form_of"] == "Warszawa"


def test_english_places_mark_common_words() -> None:
    places = index("gazetteer_en_places.tsv.gz", "lower")
    for word in ("china", "turkey", "nice"):
        assert places[(word,)]["common_word"] == "y", word
    for word, canonical in (
        ("kyiv", "Kyiv"),
        ("gdansk", "Gdansk"),
        ("rhine", "Rhine"),
        ("poland", "Poland"),
    ):
        assert places[(word,)]["canonical"] == canonical
        assert places[(word,)]["common_word"] == "", word


@pytest.mark.parametrize(
    "name",
    [
        "International Atomic Energy Agency",
        "World Trade Organization",
        "Security Council",
        "Supreme Court",
        "Federal Reserve",
        "World Bank",
        "European Central Bank",
    ],
)
def test_organisations(name: str) -> None:
    assert (name,) in index("gazetteer_orgs.tsv.gz", "name")


def test_organisation_aliases() -> None:
    orgs = index("gazetteer_orgs.tsv.gz", "name")
    assert "IAEA" in orgs[("International Atomic Energy Agency",)]["aliases"].split("|")
    assert "WTO" in orgs[("World Trade Organization",)]["aliases"].split("|")


@pytest.mark.parametrize(
    "phrase",
    [
        "interest rate",
        "percentage point",
        "gross domestic product",
        "press conference",
        "human rights",
        "prime minister",
        "last year",
        "three quarters",
        "security council",
        "white house",
    ],
)
def test_mwe(phrase: str) -> None:
    row = index("en_mwe.tsv.gz", "phrase")[(phrase,)]
    assert float(row["score"]) > 0


def test_mwe_scores_rank_collocations() -> None:
    mwe = index("en_mwe.tsv.gz", "phrase")
    assert float(mwe[("prime minister",)]["score"]) > float(mwe[("white house",)]["score"]) - 100
    assert ("of the",) not in mwe  # function-word pairs are not expressions


@pytest.mark.parametrize(
    ("english", "source", "candidate"),
    [
        ("reputation", "Ruf", "call"),
        ("leader", "Führer", "guide"),
        ("guide", "Führer", "leader"),
        ("current", "aktuell", "topical"),
        ("possibly", "eventuell", "perhaps"),
    ],
)
def test_sense_siblings(english: str, source: str, candidate: str) -> None:
    row = index("mt_siblings.tsv.gz", "lang", "english", "source")[("de", english, source)]
    assert candidate in row["candidates"].split("|")
    assert english not in row["candidates"].split("|")


@pytest.mark.parametrize(
    ("source", "english"), [("aktuell", "actual"), ("eventuell", "eventually"), ("Chef", "chef")]
)
def test_false_friends(source: str, english: str) -> None:
    row = index("mt_false_friends.tsv.gz", "lang", "source", "english")[("de", source, english)]
    assert english not in row["translations"].split("|")


def test_false_friend_that_is_a_minor_translation_keeps_the_senses_before_it() -> None:
    ff = index("mt_false_friends.tsv.gz", "lang", "source", "english")
    # French milliard lists `milliard` last, after billion: a literal translator's word
    row = ff[("fr", "milliard", "milliard")]
    assert row["translations"].split("|")[0] == "billion"
    assert "milliard" not in row["translations"].split("|")
    # the same shape is distance 0, a near shape more
    assert ff[("de", "Konzern", "concern")]["distance"] == "0"
    assert int(ff[("de", "Konzept", "concern")]["distance"]) > 0


def test_false_friends_exclude_true_cognates() -> None:
    ff = index("mt_false_friends.tsv.gz", "lang", "source", "english")
    assert ("de", "Problem", "problem") not in ff  # Problem does mean problem
    assert ("fr", "gouvernement", "government") not in ff
