"""Property tests of the aligned text: the provenance contract of DESIGN §3."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfix.aligned import AlignedText, Change, ChangeConflict, Edit, Span

ALPHABET = "ab \n-’é"


@st.composite
def batches(draw: st.DrawFn, length: int) -> list[Change]:
    """Random non-overlapping changes over a text of ``length`` code points."""
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    changes = []
    prev_end = -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a <= prev_end:  # keep changes apart (contact is a conflict for empties)
            continue
        rep = draw(st.text(ALPHABET, max_size=4))
        conf = draw(st.sampled_from([0.5, 0.9, 1.0]))
        changes.append(Change(a, b, rep, rule=f"R{len(changes)}", category="test",
                              confidence=conf))
        prev_end = b
    return changes


def check_invariants(t: AlignedText) -> None:
    last_src = last_out = 0
    pieces = []
    for e in t.edits:
        assert last_src <= e.source.start <= e.source.end <= len(t.source)
        assert last_out <= e.output.start <= e.output.end <= len(t.text)
        assert t.source[e.source.slice] == e.before
        assert t.text[e.output.slice] == e.after
        assert e.before != e.after
        # the unchanged stretch before the edit has the same length on both sides
        assert e.source.start - last_src == e.output.start - last_out
        assert t.source[last_src:e.source.start] == t.text[last_out:e.output.start]
        pieces += [t.source[last_src:e.source.start], e.after]
        last_src, last_out = e.source.end, e.output.end
    pieces.append(t.source[last_src:])
    assert "".join(pieces) == t.text == t.replay()


@settings(max_examples=300, deadline=None)
@given(st.data(), st.text(ALPHABET, max_size=30), st.integers(1, 4))
def test_random_stages_keep_the_contract(data: st.DataObject, source: str, n: int) -> None:
    t = AlignedText(source)
    expected = source
    for _ in range(n):
        batch = data.draw(batches(len(t.text)))
        # what the batch should produce, computed naively
        out, last = [], 0
        for c in batch:
            out += [expected[last:c.start], c.replacement]
            last = c.end
        out.append(expected[last:])
        expected = "".join(out)
        t.apply(batch)
        assert t.text == expected
        check_invariants(t)


@settings(max_examples=200, deadline=None)
@given(st.data(), st.text(ALPHABET, max_size=30), st.integers(1, 4))
def test_composing_stage_by_stage_equals_applying_once(data: st.DataObject, source: str,
                                                       n: int) -> None:
    staged = AlignedText(source)
    for _ in range(n):
        staged.apply(data.draw(batches(len(staged.text))))
    once = AlignedText(source)
    once.apply([Change(e.source.start, e.source.end, e.after, rule=e.rule, category=e.category)
                for e in staged.edits])
    assert once.text == staged.text
    assert [(e.source, e.output, e.before, e.after) for e in once.edits] == \
        [(e.source, e.output, e.before, e.after) for e in staged.edits]


@settings(max_examples=300, deadline=None)
@given(st.data(), st.text(ALPHABET, max_size=30), st.integers(1, 3))
def test_mappings_are_monotonic_in_bounds_and_exact_outside_edits(
        data: st.DataObject, source: str, n: int) -> None:
    t = AlignedText(source)
    for _ in range(n):
        t.apply(data.draw(batches(len(t.text))))
    prev = Span(0, 0)
    for p in range(len(t.text) + 1):
        s = t.to_source(Span(p, p))
        assert 0 <= s.start <= s.end <= len(t.source)
        assert s.start >= prev.start
        prev = s
    # every character outside the edits maps to the same character of the source
    covered = {i for e in t.edits for i in range(e.output.start, e.output.end)}
    for p in range(len(t.text)):
        if p not in covered:
            s = t.to_source(Span(p, p + 1))
            assert s.length == 1 and t.source[s.slice] == t.text[p]
            assert t.to_output(s) == Span(p, p + 1)
    # the whole text maps to the whole source, less deletions at its ends
    # (deleted text has no output character; spans stay tight after removals)
    whole = t.to_source(Span(0, len(t.text)))
    deleted = {i for e in t.edits if not e.after for i in range(e.source.start, e.source.end)}
    assert all(i in deleted for i in [*range(whole.start), *range(whole.end, len(t.source))])
    inserted = {i for e in t.edits if not e.before for i in range(e.output.start, e.output.end)}
    whole_out = t.to_output(Span(0, len(t.source)))
    assert all(i in inserted
               for i in [*range(whole_out.start), *range(whole_out.end, len(t.text))])
    # a span inside an edit's output widens to the edit's source
    for e in t.edits:
        if e.output.length:
            assert t.to_source(e.output) == e.source


def test_overlapping_change_merges_and_lists_steps() -> None:
    t = AlignedText("Mr. Trumps  comments")
    t.apply([Change(10, 12, " ", rule="SPACE_RUN", category="spacing")])
    t.apply([Change(4, 11, "Trump's ", rule="POSSESSIVE", category="apostrophe",
                    confidence=0.95)])
    (e,) = t.edits
    assert (e.before, e.after) == ("Trumps  ", "Trump's ")
    assert e.source == Span(4, 12) and e.output == Span(4, 12)
    assert [s.rule for s in e.steps] == ["SPACE_RUN", "POSSESSIVE"]
    assert e.rule == "POSSESSIVE" and e.confidence == 0.95


def test_insertion_next_to_a_deletion_merges() -> None:
    t = AlignedText("abcdef")
    t.apply([Change(2, 4, "", rule="DEL", category="x")])
    t.apply([Change(2, 2, "X", rule="INS", category="x")])
    assert t.text == "abXef"
    assert [(e.before, e.after) for e in t.edits] == [("cd", "X")]


def test_reverting_change_leaves_no_edit() -> None:
    t = AlignedText("two -hour")
    t.apply([Change(3, 5, "-", rule="A", category="x")])
    t.apply([Change(3, 4, " -", rule="B", category="x")])
    assert t.text == "two -hour" and t.edits == ()


def test_changes_that_change_nothing_are_ignored() -> None:
    t = AlignedText("same")
    assert t.apply([Change(0, 4, "same", rule="A", category="x")]) == []
    assert t.edits == ()


@pytest.mark.parametrize("changes", [
    [Change(0, 3, "x", rule="A", category="c"), Change(2, 4, "y", rule="B", category="c")],
    [Change(1, 1, "x", rule="A", category="c"), Change(1, 1, "y", rule="B", category="c")],
    [Change(0, 9, "x", rule="A", category="c")],
])
def test_conflicting_or_out_of_range_batches_are_refused(changes: list[Change]) -> None:
    t = AlignedText("abcdef")
    with pytest.raises(ChangeConflict):
        t.apply(changes)
    assert t.text == "abcdef" and t.edits == ()


def test_off_by_one_would_be_caught() -> None:
    """The invariant check itself rejects an edit whose spans are off by one."""
    t = AlignedText("abc def")
    t.apply([Change(4, 7, "DEF", rule="A", category="c")])
    (e,) = t.edits
    bad = Edit(e.rule, e.category, Span(e.source.start + 1, e.source.end), e.output,
               e.before, e.after)
    t._edits = [bad]
    with pytest.raises(AssertionError):
        check_invariants(t)


def test_edit_round_trips_through_dict() -> None:
    t = AlignedText("a  b")
    t.apply([Change(1, 3, " ", rule="S", category="spacing")])
    t.apply([Change(0, 1, "A", rule="U", category="case")])
    for e in t.edits:
        assert Edit.from_dict(e.to_dict()) == e


def test_merged_edit_is_named_by_its_last_non_housekeeping_step() -> None:
    t = AlignedText("close\n\n\nText")
    t.apply([Change(0, 6, "", rule="PAGE_RESIDUE", category="boilerplate")])
    t.apply([Change(0, 2, "", rule="DOCUMENT_EDGES", category="spacing")])
    (e,) = t.edits
    assert (e.rule, e.category, e.before) == ("PAGE_RESIDUE", "boilerplate", "close\n\n\n")
    assert [s.rule for s in e.steps] == ["PAGE_RESIDUE", "DOCUMENT_EDGES"]
