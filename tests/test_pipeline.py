"""The pipeline and the entry points: bytes, suggestions, toggles, idempotence, round trips."""

from __future__ import annotations

from dataclasses import replace

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsfix
from newsfix import FixConfig, Result, Span, fix, fix_and_trace
from newsfix.aligned import Change
from newsfix.document import Document
from newsfix.pipeline import Pipeline
from newsfix.rules import registry
from newsfix.rules.base import Example, Rule, Scope

from .conftest import contract_violations

EN = {"translate": False, "language": "en"}


def test_bytes_are_decoded_and_invalid_bytes_reported() -> None:
    r = fix_and_trace(b"Caf\xc3\xa9 in Kyiv \xff\xfe closed.", **EN)
    assert r.source == "Café in Kyiv \ufffd\ufffd closed."
    (w,) = r.warnings
    assert w["code"] == "invalid-utf8" and w["byte_offset"] == 14 and w["byte_length"] == 2
    assert "\ufffd\ufffd" in r.text  # replaced, never dropped


def test_bom_is_removed_as_an_edit() -> None:
    r = fix_and_trace("\ufeffKyiv is quiet.".encode(), **EN)
    assert r.text == "Kyiv is quiet."
    assert [(e.rule, e.before, e.after, e.source) for e in r.edits] == \
        [("REMOVE_BOM", "\ufeff", "", Span(0, 1))]


def test_mojibake_gives_one_edit_per_changed_stretch() -> None:
    r = fix_and_trace("The cafÃ© and the rÃ©sumÃ© arrived.", **EN)
    assert r.text == "The café and the résumé arrived."
    assert [e.before for e in r.edits] == ["Ã©", "Ã©", "Ã©"]
    # and a long line with one mojibake sequence is aligned without a quadratic diff
    line = "word " * 8000 + "cafÃ© " + "word " * 8000
    r = fix_and_trace(line, translate=False, enable_only={"FIX_MOJIBAKE"})
    assert [(e.before, e.after) for e in r.edits] == [("Ã©", "é")]
    assert not contract_violations(r)


class _Doubtful(Rule):
    """Test rule: proposes a low-confidence change to every 'colour'."""

    id = "TEST_DOUBTFUL"
    category = "spin"
    stage = "repair"
    languages = frozenset({"en"})
    tiers = {"guess": 0.6}
    examples = (Example("⟦colour⟧", "color"),)

    def find(self, scope: Scope):
        for m in scope.finditer(regex.compile("colour")):
            yield scope.change(m.start(), m.end(), "color", tier="guess", message="US spelling?")


def test_low_confidence_changes_become_suggestions_in_source_coordinates() -> None:
    pipe = Pipeline.default([*registry(), _Doubtful()])
    r = pipe.run("The  colour  changed.", FixConfig(**EN))
    assert r.text == "The colour changed."
    (s,) = r.suggestions
    assert (s.rule, s.before, s.after, s.confidence) == ("TEST_DOUBTFUL", "colour", "color", 0.6)
    assert r.source[s.source.slice] == "colour" and r.text[s.output.slice] == "colour"
    assert any(seg.review for seg in r.segments)
    # under a lower threshold the same change is applied instead
    r2 = pipe.run("The  colour  changed.", FixConfig(**EN, threshold=0.5))
    assert r2.text == "The color changed." and r2.suggestions == ()


def test_rules_only_run_on_paragraphs_in_their_languages() -> None:
    pipe = Pipeline.default([*registry(), _Doubtful()])
    r = pipe.run("colour", FixConfig(translate=False, language="nb", threshold=0.5))
    assert r.text == "colour"


def test_disable_by_rule_id_and_by_category() -> None:
    text = "Kyiv  is quiet. "
    assert fix(text, **EN, disable={"SPACE_RUN"}) == "Kyiv  is quiet."
    assert fix(text, **EN, disable={"spacing"}) == text


def test_options_are_validated() -> None:
    try:
        fix("x", bogus=1)
    except TypeError as exc:
        assert "bogus" in str(exc)
    else:
        raise AssertionError("unknown option accepted")


def test_result_round_trips_and_maps_spans() -> None:
    r = fix_and_trace(" date  here \n\n\n\nBody  text.\n", **EN)
    again = Result.from_json(r.to_json())
    assert again == r
    body = r.text.index("Body")
    assert r.source[r.source_span(Span(body, body + 4)).slice] == "Body"
    assert r.output_span(r.source_span(Span(body, body + 4))) == Span(body, body + 4)
    assert r.to_dict()["schema"] == newsfix.SCHEMA


def test_segments_are_paragraphs_with_languages() -> None:
    r = fix_and_trace("First  paragraph.\n\nSecond one.\n", **EN)
    assert [(s.kind, r.text[s.output.slice], s.language) for s in r.segments] == \
        [("paragraph", "First paragraph.", "en"), ("paragraph", "Second one.", "en")]
    assert r.source[r.segments[0].source.slice] == "First  paragraph."


TEXT = st.lists(st.sampled_from([*"ab .,\n\t-’\"“”", "Ã©", "\r\n", "\ufeff", "  ", "Kyiv"]),
                max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT)
# Found by hypothesis: two mojibake repairs on two lines aligned as one stretch, which the
# indented (verbatim) second line made FIX_MOJIBAKE skip whole; the next run fixed line one.
@example("Ã©\n Ã©")
def test_pipeline_keeps_the_contract_and_is_idempotent(text: str) -> None:
    r = fix_and_trace(text, **EN)
    assert not contract_violations(r)
    assert fix(r.text, **EN) == r.text


def test_change_spans_are_validated() -> None:
    try:
        Change(3, 2, "", rule="X", category="spacing")
    except ValueError:
        pass
    else:
        raise AssertionError("inverted span accepted")


def test_config_is_frozen_and_replaceable() -> None:
    cfg = FixConfig()
    assert replace(cfg, threshold=0.5).threshold == 0.5 and cfg.threshold == 0.9


class _Sic(Rule):
    """Test rule: 'Its' -> "It's" wherever it stands."""

    id = "TEST_ITS"
    category = "apostrophe"
    stage = "repair"
    languages = frozenset({"en"})
    tiers = {"certain": 0.97}
    examples = (Example("⟦Its⟧ over.", "It's over."),)

    def find(self, scope: Scope):
        for m in scope.finditer(regex.compile(r"Its(?= )")):
            yield scope.change(m.start(), m.end(), "It's", tier="certain")


def test_repairs_inside_quotes_need_the_same_damage_outside() -> None:
    pipe = Pipeline.default([_Sic()])
    cfg = FixConfig(**EN)
    quoted_only = 'The sign read: "Its not what you think." [sic]'
    r = pipe.run(quoted_only, cfg)
    assert r.text == quoted_only  # left alone, only suggested
    assert [(s.rule, s.after) for s in r.suggestions] == [("TEST_ITS", "It's")]
    assert "inside a quotation" in r.suggestions[0].message
    damaged = 'Its clear, he said. “Its over,” she added.'
    assert pipe.run(damaged, cfg).text == 'It\'s clear, he said. “It\'s over,” she added.'


def test_review_flags_are_not_repeated() -> None:
    from newsfix.aligned import AlignedText

    doc = Document(AlignedText("word word"))
    doc.flag_review(Span(0, 4), "why")
    doc.flag_review(Span(0, 4), "why")
    assert len(doc.review) == 1
