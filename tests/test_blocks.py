"""Very long documents fixed in blocks cut at blank lines (newsfix.blocks, issue 15)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsfix
from newsfix.aligned import Span
from newsfix.blocks import split_blocks
from newsfix.config import FixConfig
from newsfix.contract import violations
from newsfix.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n", max_size=60), st.integers(min_value=1, max_value=20))
def test_blocks_and_breaks_cover_the_text(text: str, size: int) -> None:
    spans = split_blocks(text, size)
    assert spans[0].start == 0 and spans[-1].end == len(text)
    for before, after in itertools.pairwise(spans):
        assert text[before.end:after.start] == "\n\n"
        assert not text[before.end - 1].isspace() and not text[after.start].isspace()
        assert before.end - before.start >= size


def test_a_text_without_a_break_is_one_block() -> None:
    text = "word " * 50
    assert split_blocks(text, 10) == [Span(0, len(text))]
    assert split_blocks("a\n\n\n\nb", 1) == [Span(0, 6)]  # no break between two lines of text


def _paragraphs() -> list[str]:
    """Single paragraphs of the seeds and clean articles (damage of several kinds)."""
    out = []
    for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[:3]:
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")
                if len(p.strip()) > 80 and "\n" not in p.strip()][:6]
    return out


def test_joined_result_is_each_block_fixed_alone_in_whole_text_coordinates() -> None:
    paragraphs = _paragraphs()
    assert len(paragraphs) >= 10
    pipeline = Pipeline.default()
    config = FixConfig(translate=False, language="en")
    text = "\n\n".join(paragraphs)
    joined = pipeline.run(text, replace(config, block_chars=1))
    assert violations(joined) == []
    assert joined.warnings[0]["code"] == "blocks"
    alone = [pipeline.run(p, replace(config, block_chars=0)) for p in paragraphs]
    assert joined.text == "\n\n".join(r.text for r in alone)
    assert sum(len(r.edits) for r in alone) == len(joined.edits) > 0
    source_at = output_at = 0
    moved = []
    for p, r in zip(paragraphs, alone):
        moved += [(e.rule, e.before, e.after, e.source.start + source_at,
                   e.output.start + output_at) for e in r.edits]
        source_at += len(p) + 2
        output_at += len(r.text) + 2
    assert [(e.rule, e.before, e.after, e.source.start, e.output.start)
            for e in joined.edits] == moved
    assert len(joined.segments) == sum(len(r.segments) for r in alone)
    assert set(joined.damage) == set(alone[0].damage)


def test_below_the_block_size_nothing_changes() -> None:
    text = (ROOT / "fixtures" / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    config = FixConfig(translate=False, language="en")
    default = newsfix.fix_and_trace(text, config=config)
    assert len(text) < config.block_chars
    assert not any(w.get("code") == "blocks" for w in default.warnings)
    assert default == Pipeline.default().run(text, replace(config, block_chars=0))


def test_block_chars_is_validated() -> None:
    with pytest.raises(ValueError, match="block_chars"):
        FixConfig(block_chars=-1)
