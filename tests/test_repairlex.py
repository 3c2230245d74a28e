"""Issue 10, repairlex: untranslated words, foreign exonyms, glued sentences, case damage.

Each family is checked three ways: a damaged document (profiled as damaged, so
repairs apply), the same damage alone in a clean document (at most a
suggestion), and clean text with the traps the dev sets and issue 14 found
(names, brands, code, foreign words that are English names).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfix import fix_and_trace
from newsfix.profile import profile_text
from newsfix.rules.english import _foreign

ROOT = Path(__file__).resolve().parents[1]


def run(text: str, *rules: str):  # type: ignore[no-untyped-def]
    only = set(rules) if rules else None
    return fix_and_trace(text, translate=False, language="en", enable_only=only)


def edits(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.before, e.after) for e in result.edits]


# --------------------------------------------------------------------------- glue

GLUED = ("The strike cut pensionsThe reform stalled in March. The union called a strikeBut "
         "the talks went on, an analystAt the bank said. It was announcedSome officials, he "
         "said, had begun work.They left early.")


def test_glue_chooses_full_stop_clause_or_space_by_the_english_model() -> None:
    r = run(GLUED, "GLUED_SENTENCE")
    assert "pensions. The reform" in r.text
    assert "a strike but the talks" in r.text
    assert "an analyst at the bank" in r.text
    assert "announced. Some officials" in r.text
    assert "work. They left" in r.text
    # one clean edit per spot: the clause joint replaces the capital with " b"
    assert ("B", " b") in edits(r) and ("", ". ") in edits(r)
    assert profile_text(GLUED).damaged("glue")


def test_a_fronted_phrase_or_a_subject_after_but_opens_a_sentence() -> None:
    text = ("They cut pensionsThe reform passed. It ended the invasionAt the same time, he said. "
            "We will reach the planetBut we have to wait.")
    r = run(text, "GLUED_SENTENCE")
    assert "invasion. At the same time, he said" in r.text
    assert "planet. But we have" in r.text


def test_a_lone_glued_clause_is_only_suggested() -> None:
    r = run("He blamed Ukraine for the invasionAt the same time, accusing Kyiv.",
            "GLUED_SENTENCE")
    assert r.edits == ()
    assert [(s.before, s.after) for s in r.suggestions] == [("A", " a")]


@pytest.mark.parametrize("text", [
    "Use types.MappingProxyType and call getElementById on the page.",
    "an iPhone, McDonald's, YouTube, PayPal, eBay, LinkedIn, NatWest, FedWatch and easyJet",
    "the macOS update, a smartPhone and JPMorgan",
])
def test_glue_leaves_identifiers_and_brands(text: str) -> None:
    r = run(f"{GLUED} {text}", "GLUED_SENTENCE")
    assert text in r.text


def test_glue_keeps_a_space_only_outside_english() -> None:
    r = fix_and_trace("Hun sa neiDet var nok.", translate=False, language="nb",
                      enable_only={"GLUED_SENTENCE"})
    assert r.text == "Hun sa nei Det var nok."


# --------------------------------------------------------------------------- exonyms

def test_exonyms_in_a_document_profiled_as_residue() -> None:
    text = ("Talks in Genf resumed on Monday. The envoys flew from Genf to Kopenhagen, and the "
            "Europäische Zentralbank said it would watch.")
    r = run(text)
    assert "Talks in Geneva" in r.text and "from Geneva to Copenhagen" in r.text
    assert "the European Central Bank said" in r.text


def test_exonyms_with_a_possessive_acronyms_and_the_hague() -> None:
    text = ("Strikes destroyed half of Ucraina's power plants. Talks in Genf and Kopenhagen "
            "went on as the ONU and the OTAN met in La Haye on Monday.")
    r = run(text)
    assert "half of Ukraine's power plants" in r.text
    # a foreign acronym is an English acronym, not the name spelt out in capitals
    assert "the UN and the NATO met in The Hague" in r.text, r.text


@pytest.mark.parametrize("text", [
    "The Alternative für Deutschland won seats in Bern, and a cyclist from Nice won in Lyon.",
    "The Rhône glacier feeds the river; the Orchestre National de Lyon played in Marseille.",
])
def test_exonyms_leave_names_english_writes_so(text: str) -> None:
    r = run(text)
    assert r.text == text and not r.suggestions


def test_a_homograph_needs_residue_of_its_language() -> None:
    clean = "Roma fans sang. The Roma community in Europa League nights met in the city."
    assert run(clean).text == clean


# --------------------------------------------------------------------------- untranslated

DAMAGED_DE = ("The senate passed the budget on Monday. The new Haushalt cuts taxes for Firmen, and "
              "the Regierung said the Geld would reach schools. Critics of the budget said the "
              "Haushalt was late.")


def test_untranslated_words_are_translated_in_a_profiled_document() -> None:
    p = profile_text(DAMAGED_DE)
    assert p.damaged("untranslated") and p["untranslated"].language == "de"
    r = run(DAMAGED_DE)
    assert "The new budget cuts taxes for companies" in r.text
    assert "the Haushalt was late" not in r.text
    assert all(e.rule == "STRAY_FOREIGN_WORD" for e in r.edits)


def test_inflected_forms_and_organisation_names() -> None:
    text = ("Loans from the Banku Światowego helped. The spotkanie lasted a tydzień, said the "
            "naukowców, and the roku ended.")
    r = run(text)
    assert "the World Bank helped" in r.text
    assert "lasted a week" in r.text and "said the scientists" in r.text


def test_swedish_neuter_definite_plural_is_translated_as_a_plural() -> None:
    # `åren` is the definite plural of the neuter `år` (`året` is its singular); `lagen`,
    # `domstolen` are singulars of common-gender nouns
    text = ("It was the third defeat in three åren for the club. The domstolen ruled on "
            "Monday that the lagen was broken, and the regeringen said the beslutet stood.")
    p = profile_text(text)
    assert p.damaged("untranslated") and p["untranslated"].language == "sv"
    r = run(text)
    assert "in three years for the club" in r.text
    assert "The court ruled" in r.text


def test_a_lone_foreign_word_is_no_repair() -> None:
    r = run("The gouvernement fell on Monday after a vote in parliament.")
    assert r.edits == ()


@pytest.mark.parametrize("text", [
    "The principle of audi alteram partem applied, said Ingrid Solberg in Tromsø.",
    'Protesters chanted "Nei til olje" outside the Storting, and the Bundesrat met.',
    "Ursula von der Leyen spoke in the Maria-Theresien-Platz with Désiré Doué.",
])
def test_names_and_quoted_phrases_stay(text: str) -> None:
    r = run(text)
    assert r.text == text and not r.suggestions


def test_missing_bilingual_tables_mean_fewer_repairs_not_a_crash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # An installation without the copyleft tables: the bilingual dictionaries read as absent
    # (newsfix.lexicon.cells yields no package rows for a table that is not installed).
    monkeypatch.setenv("NEWSFIX_CACHE_DIR", "off")  # built now, not read from the cache
    read = _foreign.lexicon_cells
    monkeypatch.setattr(_foreign, "lexicon_cells", lambda name, extra=(): iter(())
                        if name.startswith("bilingual/") else read(name, extra))
    _foreign.clear_caches()
    try:
        assert _foreign.translations("Haushalt", "de") == []
        r = fix_and_trace(DAMAGED_DE, translate=False, language="en", strict=True)
        assert "Haushalt" in r.text
    finally:
        monkeypatch.undo()
        _foreign.clear_caches()
    assert _foreign.translations("Haushalt", "de")


# --------------------------------------------------------------------------- case

CASED = ("The court Will rule On Monday on the case. Lawyers For the city said the Ruling would "
         "come soon, and the judge Said the court would sit in gdansk and kyiv.")


def test_case_damage_across_a_sentence() -> None:
    assert profile_text(CASED).damaged("case")
    r = run(CASED)
    assert r.text.startswith("The court will rule on Monday on the case. Lawyers for the city")
    assert "in Gdansk and Kyiv" in r.text


def test_case_damage_before_a_figure() -> None:
    r = run(CASED + " The bill passed 71 To 27 and went to the king; its author died In 2011.")
    assert r.text.endswith("passed 71 to 27 and went to the king; its author died in 2011.")
    clean = "The bill passed 71 to 27. The film Since 2011 is out, and Windows To 2000 is not."
    assert run(clean, "MIDSENTENCE_CAPITAL").text == clean  # no case damage: no evidence


def test_capitals_before_names_and_figures_are_case_fingerprints() -> None:
    text = ("The vote passed by 71 votes, and the law took effect In 2011. United were held to "
            "extra time By Bromley, and a villa Near Faro was sold.")
    found = profile_text(text)["case"]
    assert found.evidence["capitalised_before_names"] == 3
    assert profile_text(text).damaged("case")
    clean = "The vote passed by 71 votes in 2011. The film Into the Wild opened in Leeds."
    assert profile_text(clean)["case"].evidence["capitalised_before_names"] == 0


def test_the_before_an_institution_in_a_case_damaged_document() -> None:
    r = run(CASED + " Stocks fell after The Federal Reserve cut rates, as readers of The "
            "Economist knew.")
    assert "fell after the Federal Reserve cut rates, as readers of The Economist" in r.text
    clean = "Stocks fell after The Federal Reserve cut rates."
    assert run(clean, "MIDSENTENCE_CAPITAL").text == clean  # no case damage: no evidence


def test_a_part_of_the_day_after_a_day_name_in_a_case_damaged_document() -> None:
    r = run(CASED + " He will sign it on Friday Morning. Fans met on Sunday Afternoon, and "
            "watched Saturday Night Live.")
    assert "on Friday morning. Fans met on Sunday afternoon, and watched Saturday Night Live." \
        in r.text
    clean = "He will sign it on Friday Morning."
    assert run(clean, "MIDSENTENCE_CAPITAL").text == clean  # no case damage: no evidence


def test_a_bare_singular_noun_after_a_preposition_reads_as_a_name() -> None:
    r = run(CASED + " United needed penalties to get past Arsenal at the stadium.")
    assert "get past Arsenal at the stadium." in r.text


@pytest.mark.parametrize("text", [
    "The report on the year, published in roku, was read by medici in Milan.",
    "Many yong people came, and a los of them left; compile it with gcc.",
    "He told The Princeton Alumni Weekly that his daughter Molly would visit.",
    "Exports to china and turkey fell; the north voted, and nice weather held.",
])
def test_case_false_positives_of_the_dev_sets_and_issue_14(text: str) -> None:
    r = run(text, "NAME_CASE", "MIDSENTENCE_CAPITAL")
    assert r.text == text and not r.suggestions


# --------------------------------------------------------------------------- profiles

@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
                         + sorted((ROOT / "fixtures" / "dev" / "news" / "clean" / "tune")
                                  .glob("*.txt")), ids=lambda p: p.name)
def test_clean_news_is_not_profiled_as_damaged(path: Path) -> None:
    p = profile_text(path.read_text(encoding="utf-8"))
    for family in ("untranslated", "glue", "case"):
        assert not p.damaged(family), (family, p[family])
        assert p.score(family) < 0.45
