"""Bokmål and Nynorsk: the table builder's sources and the standard split (issue 12).

Sentences here are written for the tests, not taken from any benchmark.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from scripts import build_langid_tables as build

from newsfix import langid
from newsfix.langid import detect_language


def _conll(rows: list[list[tuple[str, str, str]]]) -> str:
    """CoNLL-U text: one sentence per list of (form, upos, feats)."""
    out = []
    for sentence in rows:
        for i, (form, upos, feats) in enumerate(sentence, 1):
            out.append(f"{i}\t{form}\t{form.lower()}\t{upos}\t{upos.lower()}\t{feats}\t0\t_\t_\t_")
        out.append("")
    return "\n".join(out) + "\n"


def _words(text: str) -> list[tuple[str, str, str]]:
    return [(w, "NOUN", "_") for w in text.split()]


def test_ndt_parts_mostly_held_out_are_left_out_and_held_out_sentences_dropped(
        tmp_path: Path) -> None:
    ud = tmp_path / "ud" / "UD_Norwegian-Nynorsk"
    ud.mkdir(parents=True)
    (ud / "no_nynorsk-ud-dev.conllu").write_text(_conll([_words("Les også :"),
                                                         _words("Eg tek ferja heim .")]))
    (ud / "no_nynorsk-ud-test.conllu").write_text(_conll([_words("Dei kjem i morgon ."),
                                                          _words("Ho var der .")]))
    nno = tmp_path / "ndt" / "nno"
    nno.mkdir(parents=True)
    # part 0 of document A is UD train: only its held-out line (page furniture) goes
    (nno / "doca_0000.conll").write_text(_conll([
        _words("Kva skjer no ?"), _words("Les også :"), _words("Det snør ."),
    ]))
    # part 1 is mostly UD test: held out whole, its train-looking sentence included
    (nno / "doca_0001.conll").write_text(_conll([
        _words("Dei kjem i morgon ."), _words("Ho var der ."), _words("Dei reiste ."),
    ]))
    # document B holds none; its proper noun (NDT: subst + prop) is not counted
    (nno / "docb_0000.conll").write_text(_conll([
        [("Eg", "pron", "_"), ("bur", "verb", "_"), ("i", "prep", "_"),
         ("Vinje", "subst", "prop"), (".", "clb", "_")],
        _words("Ho syng ikkje ."),
    ]))
    texts = build.ndt_train(tmp_path / "ndt", tmp_path / "ud", "nn")
    assert texts == ["Kva skjer no ?", "Det snør .", "Eg bur i .", "Ho syng ikkje ."]


def test_a_proper_noun_many_documents_use_is_a_spelling(tmp_path: Path) -> None:
    ud = tmp_path / "ud" / "UD_Norwegian-Nynorsk"
    ud.mkdir(parents=True)
    (ud / "no_nynorsk-ud-dev.conllu").write_text(_conll([_words("Eg tek ferja heim .")]))
    (ud / "no_nynorsk-ud-test.conllu").write_text(_conll([_words("Dei kjem i morgon .")]))
    nno = tmp_path / "ndt" / "nno"
    nno.mkdir(parents=True)
    for i in range(build.NAME_DOCUMENTS):
        names = [("Noreg", "subst", "prop")] + ([("Haukeli", "subst", "prop")] if i == 0 else [])
        (nno / f"doc{i}_0000.conll").write_text(_conll([names + _words("er fint .")] * 2))
    counts, documents = build.ndt_names(tmp_path / "ndt", tmp_path / "ud", "nn")
    assert counts["noreg"] == 2 * build.NAME_DOCUMENTS and documents["haukeli"] == 1
    nn, nb = build.spread_names((counts, documents), (Counter(), Counter()))
    # the name of every document is a spelling; the name of one is its topic
    assert nn == Counter({"noreg": 2 * build.NAME_DOCUMENTS}) and not nb


def test_the_shipped_table_knows_standard_spellings_of_names() -> None:
    table = langid._variants()["nn"]
    assert table.words["noreg"] > 2 and table.words["høgre"] > 2  # Norge; Høyre (the party)
    assert langid.standard_log_ratio("Ho flytta til Noreg.") > langid.standard_log_ratio(
        "Ho flytta til Norge.") + 4


def test_treebank_proper_nouns_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu"
    path.write_text(_conll([[("Ho", "PRON", "_"), ("bur", "VERB", "_"), ("i", "ADP", "_"),
                             ("Bergen", "PROPN", "_")]] * 2))
    assert build.sentences(path, "all") == ["Ho bur i", "Ho bur i"]
    assert build.sentences(path, "first") == ["Ho bur i"]


def test_a_shared_word_seen_often_keeps_a_zero_row() -> None:
    from collections import Counter

    nn = Counter({"ikkje": 9, "mange": 5, "vi": 4})
    nb = Counter({"ikke": 9, "mange": 5, "vi": 4})
    ratios = build.log_ratios(nn, nb, minimum=2, clip=4.0, keep=3)
    assert ratios["ikkje"] > 2 > -2 > ratios["ikke"]
    # shared words: a row of 0, so the run-time back-off (ending, headword) is not asked
    assert ratios["mange"] == 0.0 and ratios["vi"] == 0.0
    assert "mange" not in build.log_ratios(nn, nb, minimum=2, clip=4.0)


def test_a_word_both_standards_share_is_no_evidence() -> None:
    # "mange" once scored +2 as Nynorsk through the headword "mang"
    table = langid._variants()["nn"]
    assert table.log_ratio("mange") == 0.0
    assert table.log_ratio("ikkje") > 2 > -2 > table.log_ratio("ikke")


@pytest.mark.parametrize(("text", "code"), [
    ("Kommunen vil byggje ein ny skule før jul, seier ordføraren.", "nn"),
    ("Kommunen vil bygge en ny skole før jul, sier ordføreren.", "nb"),
    ("Vi veit ikkje kor mykje det kjem til å kosta.", "nn"),
    ("Vi vet ikke hvor mye det kommer til å koste.", "nb"),
    ("Bøndene fekk meir betalt for mjølka i år.", "nn"),
    ("Bøndene fikk mer betalt for melken i år.", "nb"),
])
def test_written_standards_on_new_sentences(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_weak_nynorsk_evidence_leans_to_bokmal_and_none_is_no() -> None:
    # undecided: no word of either standard, both standards named
    guess = detect_language("Rosenborg mot Molde i dag")
    assert guess.code == "no"
    assert {code for code, _ in guess.alternatives[:2]} == {"nb", "nn"}
    # the prior: evidence for Nynorsk weaker than it is Bokmål
    saved = langid._NYNORSK_PRIOR
    try:
        text = "Rosenborg mot Molde i dag"
        original = langid._variants()["nn"].words.get("dag")
        langid._variants()["nn"].words["dag"] = saved / 2
        assert detect_language(text).code == "nb"
        langid._NYNORSK_PRIOR = 0.0
        assert detect_language(text).code == "nn"
    finally:
        langid._NYNORSK_PRIOR = saved
        if original is None:
            langid._variants()["nn"].words.pop("dag", None)
        else:
            langid._variants()["nn"].words["dag"] = original


def test_long_compounds_only_the_bokmal_dictionary_lists_are_no_bokmal_evidence() -> None:
    # Bokmål's headword list is the longer one: "festivalområde" and "adferdsterapi" are
    # in it and not in Nynorsk's, which says little about a compound's standard
    table = langid._variants()["nn"]
    for word in ("festivalområde", "adferdsterapi"):
        assert len(word) > langid._LEMMA_BASE_MAX_LEN and table.lemmas[word] < 0
        assert word not in table.words
        assert table.log_ratio(word) > table.lemmas[word]
    # a short Bokmål-only headword, and a long Nynorsk-only one, still count
    assert table.log_ratio("adkomst") == table.lemmas["adkomst"] < 0
    assert table.log_ratio("addisjonsoppgåve") == table.lemmas["addisjonsoppgåve"] > 0
