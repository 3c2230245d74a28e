"""newsfix.text: the one analysis of a text every rule reads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfix.text import TextAnalysis, split_sentences

PIECES = ["The talks ended.", "He said", "“It’s over,”", "she said.", "«Non»", '"Yes"',
          "‘nested’", "Mr. Smith", "players’", "\n", "\n\n", " ", "  ", "It's", "„Ja“", "'",
          '"', "”", "“", "(see www.example.org)", "python -m pip", "a two -hour", "x.y_z()"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_the_parts_are_consistent(text: str) -> None:
    a = TextAnalysis(text)
    # paragraphs are ordered, disjoint, trimmed, and inside blocks
    last = -1
    for p in a.paragraphs:
        assert last <= p.start < p.end <= len(text)
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        assert any(b.start <= p.start and p.end <= b.end for b in a.blocks)
        last = p.end
    # every non-space character of a paragraph is in exactly one sentence of it
    for p in a.paragraphs:
        inside = a.sentences_in(p.start, p.end)
        covered = {i for s in inside for i in range(s.start, s.end)}
        assert {i for i in range(p.start, p.end) if not text[i].isspace()} <= covered
    # words are the text's words, in order, and look-ups find them
    for w in a.words:
        assert text[w.start:w.end] == w.text
        assert a.word_at(w.start) == w
    # quotations nest or are disjoint, and sit in one paragraph
    qs = a.quotations
    for i, q in enumerate(qs):
        assert any(p.start <= q.start and q.end <= p.end for p in a.paragraphs)
        if q.parent >= 0:
            parent = qs[q.parent]
            assert parent.start < q.start and q.end <= parent.end and q.depth == parent.depth + 1
        for r in qs[i + 1:]:
            assert r.end <= q.end or r.start >= q.end
    # the innermost quotation at a position is the one the look-up returns
    for pos in range(len(text)):
        expected = [q for q in qs if q.start < pos and pos <= (q.end - 1 if q.closed else q.end)]
        got = a.quotation_at(pos)
        assert (got is None) == (not expected)
        if expected:
            assert got == max(expected, key=lambda q: q.start)


def test_paragraphs_split_lines_only_where_lines_are_paragraphs() -> None:
    text = ("Headline of the day\nThe first paragraph ends.\nThe second one too.\n\n"
            "A hard-wrapped paragraph goes on\nacross lines, as e-mail\ndoes.")
    a = TextAnalysis(text)
    assert [text[p.slice] for p in a.paragraphs] == [
        "Headline of the day", "The first paragraph ends.", "The second one too.",
        "A hard-wrapped paragraph goes on\nacross lines, as e-mail\ndoes."]


@pytest.mark.parametrize(("text", "quoted", "not_quoted"), [
    ("He said “it is fine” and left.", "is", "left"),
    ("Sie sagte: „Es geht“, und ging.", "geht", "ging"),
    ("Il a dit « non » hier.", "non", "hier"),
    ("Han sa: »Ja« igjen.", "Ja", "igjen"),
    ("Hon sa ”nej” igen.", "nej", "igen"),
    ("‘The players’ union is sure,’ she said.", "union", "said"),
    ("“He called it ‘a farce’ twice,” she said.", "farce", "said"),
    ('"We\'d given up," he said.', "given", "said"),
])
def test_quotation_conventions(text: str, quoted: str, not_quoted: str) -> None:
    a = TextAnalysis(text)
    q = text.index(quoted)
    n = text.index(not_quoted)
    assert a.in_quotation(q, q + len(quoted)), [text[x.slice] for x in a.quotations]
    assert not a.in_quotation(n, n + len(not_quoted))


def test_unclosed_double_quotation_runs_to_the_paragraph_end() -> None:
    text = "“There were nights.\n\n“But in the end we agreed.”"
    a = TextAnalysis(text)
    first = a.quotations[0]
    assert not first.closed and first.runs_on and text[first.slice] == "“There were nights."
    assert a.quotations[1].closed


def test_apostrophes_are_not_quotation_marks() -> None:
    a = TextAnalysis("It’s Kyiv’s turn in the ’90s, rock ’n’ roll and the players’ bus.")
    assert a.quotations == ()


@pytest.mark.parametrize(("text", "protected"), [
    ("Run python -m pip now.", "-m"),
    ("Then ls -la the folder.", "-la"),
    ("Use --verbose here.", "--verbose"),
    ("See types.MappingProxyType.", "types.MappingProxyType"),
    ("Call os.path.join() now.", "os.path.join()"),
    ("Mail john.smith@example.org today.", "john.smith@example.org"),
    ("Visit https://example.org/a.b now.", "https://example.org/a.b"),
    ("Follow @nato and #kyiv.", "@nato"),
    ("Open /usr/share/doc/README now.", "/usr/share/doc/README"),
])
def test_urls_and_code_are_protected(text: str, protected: str) -> None:
    a = TextAnalysis(text)
    i = text.index(protected)
    assert a.protected(i, i + len(protected))


@pytest.mark.parametrize("text", ["a two -hour call", "neo -Nazis", "check -in desk",
                                  "He said -and I quote- no", "Kyiv.Valentyn said"])
def test_prose_is_not_code(text: str) -> None:
    a = TextAnalysis(text)
    assert a.code == () and a.urls == ()


def test_sentences_are_the_translators_sentences() -> None:
    text = "Mr. Smith kom kl. 12. Han sa: «Ja!» Prisen steg 3.5 % den 25. mai."
    a = TextAnalysis(text)
    assert [(s.start, s.end) for s in a.sentences] == split_sentences(text, "*")


def test_look_backs_are_bounded() -> None:
    """A look-up near the end of a huge text reads only its neighbourhood (no search from 0)."""
    text = "word " * 200_000 + "He left. She stayed since Moscow He sent it."
    a = TextAnalysis(text)
    pos = text.rindex("He sent")
    assert not a.capital_expected(pos)
    assert a.capital_expected(text.rindex("She"))
    assert not a.sic_marked(pos)


def test_memo_is_per_text() -> None:
    a = TextAnalysis("x")
    calls = []
    assert a.memo("k", lambda: calls.append(1) or 5) == 5
    assert a.memo("k", lambda: calls.append(1) or 6) == 5
    assert calls == [1]
