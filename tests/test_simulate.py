"""The damage simulators, the news dev sets and the damage benchmark's scoring.

The simulators (``benchmarks/simulate``) are development tools, but the
numbers in docs/benchmarks.md rest on them: these tests pin that they are
deterministic, that every annotation points at the damage it describes
(replacing each spot by its original gives the reference back), that the
committed dev set is what they produce, and that the harness counts
precision and recall as documented.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.bench_damage import Tally, finish
from benchmarks.simulate import FAMILIES, LANGUAGE_FAMILIES, devset, simulate, split
from benchmarks.simulate.core import Spot, TextInfo, find_quotations
from benchmarks.simulate.score import Change, judge, judge_each

from newsfix import Edit, Span

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = devset.clean_articles("tune")[:3] + devset.clean_articles("heldout")[:2]


def lang_for(family: str) -> str | None:
    return "de" if family in LANGUAGE_FAMILIES else None


# --- the clean articles -----------------------------------------------------------


def test_clean_articles_split_by_their_number() -> None:
    tune, held = devset.clean_articles("tune"), devset.clean_articles("heldout")
    assert len(tune) + len(held) >= 48
    assert len(held) * 3 == len(tune) + len(held)  # one third held out
    for path in [*tune, *held]:
        assert devset.split_of(path.stem) == path.parent.name, path
        words = len(path.read_text(encoding="utf-8").split())
        assert 300 <= words <= 700, (path.name, words)


# --- determinism and annotations ---------------------------------------------------


@pytest.mark.parametrize("family", list(FAMILIES))
def test_simulators_are_deterministic(family: str) -> None:
    ref = ARTICLES[1].read_text(encoding="utf-8")
    a = simulate(ref, [family], 11, lang_for(family))
    b = simulate(ref, [family], 11, lang_for(family))
    assert a.text == b.text
    assert [s.to_dict() for s in a.spots] == [s.to_dict() for s in b.spots]
    assert a.profile == b.profile
    c = simulate(ref, [family], 12, lang_for(family))
    assert (c.text, c.profile) != (a.text, a.profile)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_annotations_point_at_the_damage(family: str) -> None:
    n = 0
    for path in ARTICLES:
        ref = path.read_text(encoding="utf-8")
        doc = simulate(ref, [family], 5, lang_for(family))
        last = -1
        for s in doc.spots:
            assert s.family == family
            assert doc.text[s.span[0]:s.span[1]] == s.text
            assert ref[s.ref_span[0]:s.ref_span[1]] == s.original
            assert s.text != s.original
            assert s.span[0] >= last
            last = s.span[1]
            for p in s.parts:
                assert doc.text[p["span"][0]:p["span"][1]] == p["text"]
                assert ref[p["ref_span"][0]:p["ref_span"][1]] == p["original"]
        assert doc.restore() == ref
        n += len(doc.spots)
    assert n > 0, f"{family} damaged nothing in {len(ARTICLES)} articles"


def test_mixed_documents_keep_every_family_apart() -> None:
    ref = ARTICLES[0].read_text(encoding="utf-8")
    doc = simulate(ref, ["french", "glue", "case", "spin"], 3, "fr")
    assert {s.family for s in doc.spots} == {"french", "glue", "case", "spin"}
    assert doc.restore() == ref
    spans = sorted(s.ref_span for s in doc.spots)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_simulate_refuses_unknown_family_and_missing_language() -> None:
    with pytest.raises(ValueError, match="unknown family"):
        simulate("Text.", ["spinner"], 1)
    with pytest.raises(ValueError, match="need a source language"):
        simulate("Text.", ["exonym"], 1)


# --- what each family writes -------------------------------------------------------


def test_french_strips_apostrophes_quotes_and_name_case() -> None:
    ref = "The ministry’s budget, she said, “isn’t enough” for schools in Kyiv."
    doc = simulate(ref, ["french"], 1, params={"french": {
        "apostrophe_rate": 1.0, "quote_rate": 1.0, "lower_rate": 1.0}})
    assert doc.text == "The ministrys budget, she said, isnt enough for schools in kyiv."
    kinds = [s.kind for s in doc.spots]
    assert kinds == ["possessive", "quote_open", "contraction", "quote_close", "lower_name"]
    pairs = [s.info.get("pair") for s in doc.spots if s.kind.startswith("quote")]
    assert pairs[0] == pairs[1] is not None


def test_french_stripping_is_partial_on_the_dev_set() -> None:
    stripped = total = 0
    for doc in devset.load("tune", ["french"]):
        prof = doc.meta["profile"]["french"]
        assert 0.6 <= prof["apostrophe_rate"] <= 0.95
        assert 0.6 <= prof["quote_rate"] <= 0.95
        apostrophes = doc.reference.count("’") + doc.reference.count("'")
        left = doc.damaged.count("’") + doc.damaged.count("'")
        stripped += apostrophes - left
        total += apostrophes
    assert 0.55 < stripped / total < 0.9


def test_quotation_finder_tells_apostrophes_from_closing_quotes() -> None:
    t = "‘We wanted books read in twenty years’ time,’ she said. ‘Fiercely but kindly’ it was."
    qs = find_quotations(t)
    assert [(t[q.open + 1:q.close]) for q in qs] == [
        "We wanted books read in twenty years’ time,", "Fiercely but kindly"]
    info = TextInfo(t)
    assert info.quoted(3, 9) and not info.quoted(t.index("she"), t.index("she") + 3)


def test_untranslated_words_are_inflected_forms_of_the_table() -> None:
    ref = ("The government said the budget for the campaign was fixed. "
           "The World Bank and the European Central Bank agreed.")
    doc = simulate(ref, ["untranslated"], 4, "de", params={"untranslated": {"rate": 1.0}})
    got = {s.original: s.text for s in doc.spots}
    assert got["government"] == "Regierung"
    assert got["budget"] in {"Haushalt", "Haushalts", "Haushaltes", "Etat", "Etats"}
    assert got["campaign"] in {"Wahlkampf", "Wahlkampfes", "Wahlkampfs", "Kampagne"}
    assert got["World Bank"] == "Weltbank"
    assert got["European Central Bank"].startswith("Europäische")
    assert all(s.info["lang"] == "de" for s in doc.spots)
    pl = simulate(ref, ["untranslated"], 4, "pl", params={"untranslated": {"rate": 1.0}})
    assert {s.original: s.text for s in pl.spots}["World Bank"] in {
        "Bank Światowy", "Banku Światowego"}


def test_glue_case_exonym_and_literal_examples() -> None:
    ref = "It cut pensions. The reform passed in Geneva and Warsaw, but Inter Milan won."
    glued = simulate(ref, ["glue"], 2, params={"glue": {
        "sentence_rate": 1.0, "space": 0, "clause": 0}})
    assert "pensionsThe reform" in glued.text
    ex = simulate(ref, ["exonym"], 2, "de", params={"exonym": {"rate": 1.0}})
    assert "in Genf and Warschau" in ex.text and "Inter Milan" in ex.text
    fr = simulate(ref, ["exonym"], 2, "fr", params={"exonym": {"rate": 1.0}})
    assert "in Genève and Varsovie" in fr.text
    cased = simulate("They met in Gdansk on the Rhine.", ["case"], 2,
                     params={"case": {"capitalised": 0, "lower_rate": 1.0}})
    assert cased.text == "They met in gdansk on the rhine."
    lit = simulate("The leaders said the call was possibly the current plan.", ["literal"], 2,
                   "de", params={"literal": {"rate": 1.0}})
    assert lit.text == "The guides said the reputation was eventually the actual plan."
    assert [s.info["source"] for s in lit.spots] == ["Führer", "Ruf", "eventuell", "aktuell"]


def test_spinner_rate_and_the_thesaurus_split() -> None:
    banned = split.banned_rows()
    assert banned == {h for h in split.load_thesaurus() if split.side(h) == "sim"}
    units = 0
    for sp in devset.SPLITS:
        for doc in devset.load(sp, ["spin"]):
            prof = doc.meta["profile"]["spin"]
            assert 0.2 <= prof["achieved"] <= 0.3, doc.id
            for s in doc.spots:
                for p in s.parts:
                    if p["source"] != "thesaurus":
                        continue
                    units += 1
                    # the spinner read a sim row; the word it wrote has a mech row
                    assert split.side(p["original"]) == "sim", (doc.id, p)
                    assert p["text"].lower() not in banned, (doc.id, p)
    assert units > 500


# --- the committed dev set ---------------------------------------------------------


def test_committed_dev_set_is_what_the_simulators_write() -> None:
    for path in (devset.clean_articles("tune")[0], devset.clean_articles("heldout")[0]):
        for folder, doc_id, doc in devset.documents_for(path):
            base = devset.DEV / "damaged" / path.parent.name / folder / doc_id
            assert Path(f"{base}.damaged").read_text(encoding="utf-8") == doc.text
            assert Path(f"{base}.reference").read_text(encoding="utf-8") == doc.reference
            meta = json.loads(Path(f"{base}.json").read_text(encoding="utf-8"))
            assert meta["spots"] == [s.to_dict() for s in doc.spots]


def test_committed_annotations_check_out() -> None:
    problems = []
    n = 0
    for sp in devset.SPLITS:
        for doc in devset.load(sp):
            n += 1
            problems += [f"{doc.id}: {p}" for p in devset.check(doc)]
            assert doc.meta["clean"].startswith(f"clean/{sp}/")  # held out stays held out
    assert n > 300
    assert not problems, problems[:5]


# --- scoring -----------------------------------------------------------------------


def spot(i: int, kind: str, damaged: str, text: str, original: str, ref_start: int,
         parts: list[dict] | None = None, family: str = "french") -> Spot:
    start = damaged.index(text) if text else 0
    return Spot(i, family, kind, (start, start + len(text)), text,
                (ref_start, ref_start + len(original)), original, parts=parts or [])


REF = "“Mr. Trump’s war,” he said. It cut pensions. The top priority."
DAMAGED = "Mr. Trumps war, he said. It cut pensionsThe prime precedence."


def hand_spots() -> list[Spot]:
    d = DAMAGED
    i = d.index("prime precedence")
    parts = [{"span": [i, i + 5], "text": "prime", "original": "top"},
             {"span": [i + 6, i + 16], "text": "precedence", "original": "priority"}]
    close = d.index(", he") + 1
    return [
        Spot(0, "french", "quote_open", (0, 0), "", (0, 1), "“"),
        spot(1, "possessive", d, "Trumps", "Trump’s", REF.index("Trump’s")),
        Spot(2, "french", "quote_close", (close, close), "", (REF.index("”"), REF.index("”") + 1),
             "”"),
        spot(3, "sentence", d, "pensionsThe", "pensions. The", REF.index("pensions."),
             family="glue"),
        Spot(4, "spin", "phrase", (i, i + 16), "prime precedence",
             (REF.index("top"), REF.index("top") + 12), "top priority", parts=parts),
    ]


def test_hand_spots_describe_the_reference() -> None:
    from benchmarks.simulate.core import Damaged

    spots = hand_spots()
    for s in spots:
        assert DAMAGED[s.span[0]:s.span[1]] == s.text
        assert REF[s.ref_span[0]:s.ref_span[1]] == s.original
    assert Damaged(DAMAGED, REF, spots, [], 0).restore() == REF


def test_judge_counts_right_wrong_and_false_positives() -> None:
    d = DAMAGED
    p = d.index("pensionsThe")
    q = d.index("prime")
    changes = [
        Change(0, 0, "“", "QUOTE"),                       # restores the opening quote
        Change(4, 10, "Trump’s", "APOS"),                 # right
        Change(11, 14, "battle", "SPIN"),                 # touches no spot
        Change(p, p + 11, "pensions The", "GLUE"),        # at a spot, not the reference
        Change(q, q + 5, "top", "SPIN"),                  # half of a spun phrase
    ]
    j = judge(d, hand_spots(), changes)
    assert j.repaired == {0, 1}
    assert (4, 0) in j.units_repaired and (4, 1) not in j.units_repaired
    assert [c.verdict for c in j.changes] == ["right", "right", "false_positive", "wrong",
                                              "right"]
    # a straight apostrophe is not the reference's typography, unless folded
    straight = [Change(4, 10, "Trump's")]
    assert judge(d, hand_spots(), straight).repaired == set()
    from benchmarks.simulate.score import fold_marks
    assert judge(d, hand_spots(), straight, fold_marks).repaired == {1}


def test_one_edit_over_several_spots_is_judged_as_a_whole() -> None:
    # One edit rewriting the whole quotation: both marks and the apostrophe right.
    end = DAMAGED.index(" he said")
    j = judge(DAMAGED, hand_spots(), [Change(0, end, "“Mr. Trump’s war,”")])
    assert j.repaired == {0, 1, 2} and j.changes[0].verdict == "right"
    # The same edit with a wrong word inside: nothing is repaired.
    j = judge(DAMAGED, hand_spots(), [Change(0, end, "“Mr. Trump’s battle,”")])
    assert j.repaired == set() and j.changes[0].verdict == "wrong"


def test_suggestions_are_judged_one_at_a_time() -> None:
    p = DAMAGED.index("pensionsThe")
    suggestions = [Change(p, p + 11, "pensions. The"), Change(p, p + 11, "pensions, the")]
    j = judge_each(DAMAGED, hand_spots(), suggestions)
    assert [c.verdict for c in j.changes] == ["right", "wrong"]
    assert j.repaired == {3}


def edit(damaged: str, start: int, end: int, after: str, rule: str) -> Edit:
    return Edit(rule, "test", Span(start, end), Span(start, start + len(after)),
                damaged[start:end], after)


def test_tally_precision_and_recall_on_a_hand_made_document() -> None:
    doc = devset.DevDoc(id="tune/french/x", split="tune", family="french",
                        families=["french", "glue", "spin"], language="fr", damaged=DAMAGED,
                        reference=REF, spots=hand_spots(), meta={})
    p = DAMAGED.index("pensionsThe")
    edits = [edit(DAMAGED, 4, 10, "Trump’s", "POSSESSIVE_APOSTROPHE"),
             edit(DAMAGED, 11, 14, "battle", "SPUN_WORD"),
             edit(DAMAGED, p, p + 11, "pensions The", "GLUED_SENTENCE")]
    suggestions = [edit(DAMAGED, 0, 0, "“", "UNQUOTED_SPEECH")]
    tally = Tally()
    tally.add(doc, edits, suggestions)
    tally.add_clean("clean.txt", "one two three four", [edits[1]], [])
    rep = tally.report()
    row = rep["families"]["french"]
    assert (row["spots"], row["repaired"]) == (5, 1)
    assert (row["right"], row["wrong"], row["false_positives"]) == (1, 1, 1)
    assert row["precision"] == pytest.approx(1 / 3)
    assert row["recall"] == pytest.approx(1 / 5)
    assert (row["suggestions"], row["suggestions_right"], row["spots_offered"]) == (1, 1, 1)
    assert row["kinds"]["possessive"] == {"spots": 1, "repaired": 1, "recall": 1.0}
    assert rep["spin"]["phrases"] == 1 and rep["spin"]["words"] == 2
    assert rep["clean"]["edits_per_1000_words"] == pytest.approx(250.0)
    assert finish(tally.rows["french"])["rules"]["SPUN_WORD"] == {"false_positive": 1}


# --- command lines -----------------------------------------------------------------


def test_simulate_cli_damages_a_file_deterministically(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "benchmarks.simulate", "damage", "--family", "french",
           "--seed", "3", "--json", str(ARTICLES[0])]
    a = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    b = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert a.stdout == b.stdout
    out = json.loads(a.stdout)
    assert out["reference"] == ARTICLES[0].read_text(encoding="utf-8")
    for s in out["spots"]:
        assert out["text"][s["span"][0]:s["span"][1]] == s["text"]
    missing = tmp_path / "nope.txt"
    bad = subprocess.run([*cmd[:-1], str(missing)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "nope.txt" in bad.stderr


def test_bench_damage_runs_on_a_small_dev_set(tmp_path: Path) -> None:
    (tmp_path / "clean" / "tune").mkdir(parents=True)
    (tmp_path / "clean" / "heldout").mkdir(parents=True)
    text = ARTICLES[0].read_text(encoding="utf-8")
    (tmp_path / "clean" / "tune" / "01_test_article.txt").write_text(text, encoding="utf-8")
    counts = devset.write(tmp_path)
    assert counts == {"tune": len(list((tmp_path / "damaged" / "tune").glob("*/*.json"))),
                      "heldout": 0}
    docs = devset.load("tune", dev=tmp_path)
    assert all(not devset.check(d, tmp_path) for d in docs)
    run = subprocess.run([sys.executable, "benchmarks/bench_damage.py", "--dev", str(tmp_path),
                          "--json", "--family", "french", "--family", "glue"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    res = json.loads(run.stdout)
    assert res["schema"] == "newsfix.bench_damage/1" and res["documents"] == 2
    for fam in ("french", "glue"):
        st = res["families"][fam]
        doc = next(d for d in docs if d.family == fam)
        assert st["spots"] == len(doc.spots)
        assert 0 <= st["repaired"] <= st["spots"]
        assert st["edits"] == st["right"] + st["wrong"] + st["false_positives"]
        if st["edits"]:
            assert st["precision"] == pytest.approx(st["right"] / st["edits"])
    assert res["clean"]["articles"] == 1 and res["clean"]["words"] == len(text.split())


@pytest.mark.parametrize("module", ["benchmarks.simulate", "benchmarks.simulate.core",
                                    "benchmarks.simulate.french", "benchmarks.simulate.split",
                                    "benchmarks.simulate.score", "benchmarks.simulate.devset"])
def test_simulator_doctests(module: str) -> None:
    # pytest collects doctests under src/ only; these modules document by example too.
    import doctest
    import importlib

    res = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert res.attempted > 0 and res.failed == 0
