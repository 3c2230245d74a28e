"""The result's JSON (schema newsfix.result/2) and the peers' conventions on top of it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest

import newsfix
from newsfix import Edit, Result, Span, fix_and_trace
from newsfix.report import SHORT_MESSAGES, TRANSLATE_DESCRIPTION, context, rule_info, visible
from newsfix.rules import CATEGORIES, get_rule
from tests.support.seed_results import seed_result

from .conftest import ROOT, SEEDS

SCHEMA_FILE = ROOT / "docs" / "result.schema.json"


@pytest.fixture(scope="module")
def seed_results() -> list[Result]:
    return [seed_result(p) for p in SEEDS]


def test_every_seed_validates_against_the_published_schema(seed_results: list[Result]) -> None:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$id"] == newsfix.SCHEMA == "newsfix.result/2"
    for r in seed_results:
        d = json.loads(r.to_json())
        jsonschema.validate(d, schema)
        assert d["schema"] == "newsfix.result/2"
        assert set(d["damage"]) == {"apostrophe", "quote", "untranslated", "glue", "case",
                                    "spin", "mt"}
        assert all(0.0 <= f["score"] <= 1.0 for f in d["damage"].values())
    broken = seed_results[0].to_dict()
    del broken["edits"][0]["context"]
    with pytest.raises(jsonschema.ValidationError, match="context"):
        jsonschema.validate(broken, schema)


def test_languagetool_fields_agree_with_the_edit(seed_results: list[Result]) -> None:
    seen = 0
    for r in seed_results:
        d = r.to_dict()
        for e in d["edits"] + d["suggestions"]:
            seen += 1
            assert e["replacements"][0] == e["after"]
            c = e["context"]
            assert c["text"][c["offset"]:c["offset"] + c["length"]] == e["before"]
            assert c["length"] == e["source"][1] - e["source"][0]
            assert "\n\n" not in c["text"].strip("\n") or "\n\n" in e["before"]
            assert c["text"] in r.source
            if e["before"].strip():
                assert e["before"].strip().split()[0] in e["sentence"]
                assert e["sentence"] in r.source
            assert e["rule_info"]["id"] == e["rule"]
            assert e["rule_info"]["description"] == get_rule(e["rule"]).description != ""
            assert e["short_message"] == SHORT_MESSAGES[e["category"]]
    assert seen > 50
    assert set(SHORT_MESSAGES) == set(CATEGORIES)


def test_context_is_a_window_of_whole_words_inside_the_paragraph() -> None:
    source = "First paragraph ends here.\n\nThe call lasted two  hours on Monday, officials said."
    k = source.index("  ")
    c = context(source, Span(k, k + 2))
    assert c["text"] == "The call lasted two  hours on Monday, officials said."
    assert c["offset"] == k - source.index("The call")
    c = context(source, Span(k, k + 2), chars=12)
    assert c["text"] == "lasted two  hours on"  # words never cut


def test_translate_and_unknown_rules_have_a_rule_object() -> None:
    assert rule_info("TRANSLATE") == {"id": "TRANSLATE", "category": "translation",
                                      "description": TRANSLATE_DESCRIPTION}
    assert rule_info("NOT_A_RULE", "spin") == {"id": "NOT_A_RULE", "category": "spin",
                                               "description": ""}


def test_version_1_results_are_read_and_upgraded(seed_results: list[Result]) -> None:
    r = seed_results[0]
    v1: dict[str, Any] = r.to_dict()
    v1["schema"] = "newsfix.result/1"
    del v1["damage"]
    for e in v1["edits"] + v1["suggestions"]:
        for key in ("replacements", "context", "sentence", "short_message", "rule_info", "tier"):
            e.pop(key, None)
    back = Result.from_dict(v1)
    assert back == replace(r, damage={}) and back.damage == {}
    expected = replace(r, damage={}).to_dict()
    for e in expected["edits"] + expected["suggestions"]:
        e.pop("tier", None)  # /1 has no evidence tiers
    assert back.to_dict() == expected
    with pytest.raises(ValueError, match="newer than this newsfix reads"):
        Result.from_dict({**v1, "schema": "newsfix.result/3"})
    with pytest.raises(ValueError, match="not a newsfix result"):
        Result.from_dict({**v1, "schema": "other/1"})


def test_damage_is_serialised_and_read_back() -> None:
    r = fix_and_trace("Kyiv  is quiet.", translate=False, language="en")
    scored = replace(r, damage={"mt": {"score": 0.75, "evidence": {"loops": 2, "rules":
                                                                  ["REPEATED_PHRASE"]}}})
    d = json.loads(scored.to_json())
    assert d["damage"] == {"mt": {"score": 0.75, "evidence": {"loops": 2,
                                                             "rules": ["REPEATED_PHRASE"]}}}
    assert Result.from_json(scored.to_json()) == scored


def test_replay_applies_objects_or_json_and_names_a_bad_edit(
        seed_results: list[Result]) -> None:
    for r in seed_results:
        assert newsfix.replay(r.source, r.edits) == r.text
        assert newsfix.replay(r.source, r.to_dict()["edits"]) == r.text
        assert newsfix.replay(r.source, reversed(r.edits)) == r.text  # order does not matter
    r = seed_results[0]
    e = r.edits[1]
    with pytest.raises(ValueError, match=rf"edit 1 \({e.rule}\): source\[{e.source.start}:"):
        newsfix.replay(r.source, [r.edits[0], replace(e, before=e.before + "x")])
    with pytest.raises(ValueError, match="overlaps the edit before it"):
        newsfix.replay("abcdef", [Edit("A", "spacing", Span(0, 3), Span(0, 1), "abc", "x"),
                                  Edit("B", "spacing", Span(2, 4), Span(1, 2), "cd", "y")])
    with pytest.raises(ValueError, match="outside the source"):
        newsfix.replay("ab", [{"source": [1, 5], "before": "b", "after": ""}])


def test_diff_shows_each_edit_with_words_around_it(seed_results: list[Result]) -> None:
    r = seed_results[0]
    text = r.diff(context_words=2, name="000")
    lines = text.splitlines()
    assert lines[-1] == f"000: {len(r.edits)} edits, {len(r.suggestions)} suggestions"
    reviews = [w for w in r.warnings if "source" in w]
    assert len(lines) == len(r.edits) + len(r.suggestions) + len(reviews) + 1
    hyphen = next(line for line in lines if " HYPHEN_SPACE " in line)
    assert "…my two[-␣-]-hour call…" in hyphen
    assert re.match(r"000:\d+:\d+: HYPHEN_SPACE ", hyphen)
    assert sum(1 for line in lines if re.match(r"000:\d+:\d+: \? ", line)) == len(r.suggestions)
    assert sum(1 for line in lines if ": ! review " in line) == len(reviews)
    starts = [int(m.group(1)) for line in lines[:-1] if (m := re.match(r"000:(\d+):", line))]
    assert starts == sorted(starts)  # reading order
    wider = r.diff(context_words=5)
    assert "…have just completed my two[-␣-]-hour call with President Vladimir…" in wider
    coloured = r.diff(color=True)
    assert "\x1b[9m" in coloured and "[-" not in coloured and "\x1b[0m" in coloured
    assert "\x1b" not in text


def test_explain_lists_each_rule_once_in_pipeline_order(seed_results: list[Result]) -> None:
    from newsfix.rules import STAGES, registry

    order = {rule.id: (STAGES.index(rule.stage), k) for k, rule in enumerate(registry())}
    for r in seed_results:
        steps = r.explain()
        applied = [s for s in steps if s.action == "apply"]
        assert [order[s.parameter] for s in applied] == sorted(order[s.parameter]
                                                               for s in applied)
        counted = sum(len(e.steps) or 1 for e in r.edits)
        assert sum(s.times for s in applied) == counted
        assert sum(s.times for s in steps if s.action == "suggest") == len(r.suggestions)
        assert sum(s.times for s in steps if s.action == "warn") == len(r.warnings)
        assert all(s.description for s in applied)


def test_ftfy_names_fix_text_and_fix_and_explain() -> None:
    assert newsfix.fix_text is newsfix.fix
    text = "The call lasted two  hours . "
    explained = newsfix.fix_and_explain(text, translate=False, language="en")
    assert explained.text == newsfix.fix_text(text, translate=False, language="en")
    assert [s.parameter for s in explained.explanation] == [
        s.parameter for s in fix_and_trace(text, translate=False, language="en").explain()]
    assert {"SPACE_RUN", "SPACE_BEFORE_PUNCT"} <= {s.parameter for s in explained.explanation}


def test_visible_shows_what_cannot_be_seen() -> None:
    assert visible(" ") == "␣" and visible("\n\n") == "⏎⏎" and visible("\t") == "⇥"
    assert visible("\u00a0") == "⍽" and visible("\u200b") == "⟨U+200B⟩"
    assert visible(" two -hour ") == "␣two -hour␣"
    assert visible("café") == "café"
