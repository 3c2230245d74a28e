"""Spin reversal: names and words a synonym spinner replaced, and clean text left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfix import fix_and_trace
from newsfix.rules import spin

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "003_bb15d51ce95bf2ab.txt"
RULES = {"SPUN_NAME", "SPUN_WORD"}


def run(text: str):  # type: ignore[no-untyped-def]
    return fix_and_trace(text, enable_only=RULES, language="en", translate=False)


@pytest.mark.parametrize(("text_in", "text_out"), [
    # Two-word names need corroboration in the document: here ``a extra``.
    ("The White Home said on Monday it would take a extra step.",
     "The White House said on Monday it would take a extra step."),
    ("The U.N.'s Worldwide Atomic Vitality Company expressed alarm.",
     "The U.N.'s International Atomic Energy Agency expressed alarm."),
    ("Combating within the Center East has pushed oil costs greater. The White Home spoke.",
     "Combating within the Middle East has pushed oil costs greater. The White House spoke."),
    # Two words of three changed: a real name could look like that (`United Nations
    # Organization`), so it too needs corroboration (`a extra`).
    ("Officers on the Worldwide Financial Fund spoke of a extra loan.",
     "Officers on the International Monetary Fund spoke of a more loan."),
])
def test_spun_names(text_in: str, text_out: str) -> None:
    assert run(text_in).text == text_out


@pytest.mark.parametrize("text", [
    "The White Home said on Monday it would act.",
    "Combating within the Center East has pushed oil costs greater.",
    "The White Home said so. The White Home said it again.",
])
def test_two_word_name_alone_is_no_evidence(text: str) -> None:
    # One two-word match, however often repeated, may be a real name one
    # synonym away from another: neither an edit nor a suggestion.
    r = run(text)
    assert r.edits == () and r.suggestions == ()


@pytest.mark.parametrize("text", [
    "Scotland's First Minister said the roads were closed.",
    "Wales's First Minister, Eluned Morgan, said the White Home and the "
    "Worldwide Atomic Vitality Company had been told.",
    "First Minister John Swinney said the government had been in close contact.",
])
def test_titles_are_not_spun_names(text: str) -> None:
    # `first` is too frequent a word for a spinner to have produced it
    # (`Prime Minister` → `First Minister`), even in a spun document.
    r = run(text)
    assert "First Minister" in r.text
    assert not [s for s in r.suggestions if "First" in s.before]


def test_two_word_name_needs_attested_bigram() -> None:
    # `wall street` is missing from the bigram table: a two-word variant is left
    # alone rather than guessed (`Main Road` must never become `Main Street`).
    assert run("Shares on Wall Avenue fell.").edits == ()
    assert run("They live on Main Road.").edits == ()


@pytest.mark.parametrize("text", [
    "The White House said on Monday it would act.",
    "The International Atomic Energy Agency expressed alarm.",
    "He moved to the Middle East and later to Wall Street.",
    "The Justice Department and the Labor Department disagreed.",
    "“The White Home is a nice name for a cafe,” she said.",  # quotations are never edited
    "She works at the Atomic Energy Commission's old building.",
    # issue 14: real names one or two synonyms away from other names
    "The United Nations Organization met in New York on Monday.",
    "The Ontario Energy Board approved the new rates.",
    "The British Brands Group said it would appeal the ruling.",
    "Officers on the Worldwide Financial Fund spoke.",
])
def test_clean_sentences_unchanged(text: str) -> None:
    r = run(text)
    assert r.text == text and not r.edits and not r.suggestions


def test_no_lexicon_of_seed_phrases() -> None:
    data = ROOT / "src" / "newsfix" / "data"
    for path in data.glob("spin_*"):
        assert b"White Home" not in path.read_bytes()


def test_match_name_needs_synonyms() -> None:
    assert spin.match_name(["White", "Home"]) == ("White", "House")
    assert spin.match_name(["White", "Horse"]) is None  # not Pearl Buck
    # A near-name made of an attested bigram is not spun: SPUN_NAME leaves it.
    assert run("They met at the Black House on Friday.").edits == ()


def test_seed_003_spot_checks() -> None:
    text = SEED.read_text(encoding="utf-8")
    r = run(text)
    assert "White Home" not in r.text and r.text.count("White House") == 4
    assert "International Atomic Energy Agency" in r.text
    assert "a quarter" in r.text and "1 / 4" not in r.text
    assert all(e.after not in ("", " ") for e in r.edits)
    # quotations are left as they are (`giant variety of questions` stays)
    assert "“giant variety of questions”" in r.text
    befores = {(s.before, s.after) for s in r.suggestions}
    assert ("final", "last") in befores


@pytest.mark.parametrize("path", sorted([*ROOT.glob("fixtures/clean/*.txt"),
                                         *ROOT.glob("fixtures/dev/spin/clean/*.txt")]),
                         ids=lambda p: p.name)
def test_clean_files_get_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    r = run(text)
    assert r.text == text and not r.edits
    assert not [s for s in r.suggestions if s.rule in RULES]


def test_article_mismatch_signal() -> None:
    assert spin.article_mismatches("a extra regular footing, a invaluable chip") == 2
    assert spin.article_mismatches("an extra day, a university, a one-off") == 0


def test_single_sentence_words_are_not_touched() -> None:
    # one spun-looking word in an otherwise clean text: the document gate stays shut
    text = "The talks ended final week."
    r = run(text)
    assert r.text == text and not r.suggestions


def test_seed_003_no_fit_to_a_function_word_or_a_spun_neighbour() -> None:
    # Three wrong repairs of an earlier version: `past` → by and `stays` → is (WordNet
    # senses of words as frequent as `by` and `is`, which the bigram model favours
    # anywhere), and `footing` → basis, which fits only its neighbour `regular`, itself
    # a spinner's word (for `normal`).
    text = SEED.read_text(encoding="utf-8")
    r = run(text)
    assert "doing a lot past paying" in r.text
    assert "he stays uncertain" in r.text
    assert "regular footing" in r.text
    assert {(s.before, s.after) for s in r.suggestions} >= {("footing", "basis")}
    # `yr` is repaired where the lattice's readings for it agree (abbreviation and synonym)
    assert "final yr" not in r.text and "the year before" in r.text


def test_seed_003_converges_in_one_pass() -> None:
    # SPUN_WORD decides again on its own output until nothing changes, so one pass of the
    # repair stage reaches the fixed point and fixing the output changes nothing.
    text = SEED.read_text(encoding="utf-8")
    once = fix_and_trace(text, language="en", translate=False, max_passes=1)
    full = fix_and_trace(text, language="en", translate=False)
    assert once.text == full.text
    again = fix_and_trace(full.text, language="en", translate=False)
    assert again.text == full.text and not again.edits


def test_converge_regions_replay_to_the_fixed_point() -> None:
    from newsfix.text import TextAnalysis

    text = SEED.read_text(encoding="utf-8")
    analysis = TextAnalysis(text)
    regions, suggestions, rounds = spin.converge(analysis, [(p.start, p.end) for p in
                                                            analysis.paragraphs])
    assert rounds >= 2  # repairs changed their neighbours' contexts at least once
    out, last = [], 0
    for reg in regions:
        assert text[reg.start:reg.end] != reg.after
        out += [text[last:reg.start], reg.after]
        last = reg.end
    fixed = "".join(out) + text[last:]
    again, _, n = spin.converge(TextAnalysis(fixed), [(p.start, p.end) for p in
                                                       TextAnalysis(fixed).paragraphs])
    assert again == [] and n == 1
    assert all(not any(r.start < b and a < r.end for r in regions) for a, b, _, _ in suggestions)


def test_overlay_matches_applying_changes_in_turn() -> None:
    import random

    from newsfix.rules.lattice import Decision, Overlay

    rng = random.Random(11)
    for _ in range(200):
        words = [rng.choice(["ab", "c", "def", "gh"]) for _ in range(12)]
        base = " ".join(words)
        overlay = Overlay(base)
        current = base
        for _ in range(4):
            starts = [i for i, ch in enumerate(current) if ch != " " and (
                i == 0 or current[i - 1] == " ")]
            picks = sorted(rng.sample(starts, 3))
            decisions = []
            for s in picks:
                e = current.find(" ", s)
                e = len(current) if e < 0 else e
                if decisions and s < decisions[-1].end:
                    continue
                decisions.append(Decision(s, e, rng.choice(["x", "yy z", "ab", ""]), "t", ""))
            overlay.apply(decisions)
            for d in sorted(decisions, key=lambda d: -d.start):
                current = current[:d.start] + d.replacement + current[d.end:]
            assert overlay.text == current
            replayed, last = [], 0
            for r in overlay.regions:
                replayed += [base[last:r.start], r.after]
                last = r.end
            assert "".join(replayed) + base[last:] == current


def test_quoted_spin_needs_the_same_substitution_outside() -> None:
    # A decisive reading inside a quotation is applied only where the document repairs the
    # same substitution outside quotations; otherwise it is a suggestion.
    body = ("The Worldwide Atomic Vitality Company stated that the White Home had been "
            "told. The talks ended final week, 3 / 4 of the members said. ")
    quoted = "“We left 3 / 4 of it behind,” she said. “Only 2 / 3 stayed,” he said."
    r = run(body + quoted)
    assert "three quarters of it" in r.text  # the same substitution outside quotes
    assert "“Only 2 / 3 stayed,”" in r.text
    assert any(s.before == "2 / 3" and s.after == "two thirds" for s in r.suggestions)


def test_frequent_words_are_not_thesaurus_candidates() -> None:
    from newsfix.rules.lattice import segments
    from newsfix.text import TextAnalysis

    a = TextAnalysis("Zelenskyy stays skeptical that Putin is doing a lot past paying lip service.")
    edges = [e for seg in segments(a) for e in spin.spin_candidates(a, seg)[0]]
    assert edges and not [e for e in edges if e.source in ("thesaurus", "loose")
                          and e.text.lower() in ("is", "by", "be", "was", "the")]


def test_abbreviation_takes_its_full_stop_before_punctuation() -> None:
    assert spin.ABBREV_DOT_RE.match("govt., the", 4)
    assert spin.ABBREV_DOT_RE.match("govt. said", 4)
    assert not spin.ABBREV_DOT_RE.match("govt. The", 4)


def test_a_month_written_right_is_no_decision() -> None:
    # `march` is a curated month variant; `March` itself must not be "repaired" to March,
    # or the fixed point is never reached.
    from newsfix.text import TextAnalysis

    text = ("The White Home said 3 / 4 of the members met in Walk 2025. The Worldwide Atomic "
            "Vitality Company met until March 14 and stated so.")
    a = TextAnalysis(text)
    regions, _, rounds = spin.converge(a, [(p.start, p.end) for p in a.paragraphs])
    assert rounds < spin.MAX_ROUNDS
    assert [text[r.start:r.end] for r in regions if "March" in r.after] == ["Walk"]


def test_pooling_raises_an_original_restored_elsewhere_in_the_document() -> None:
    from newsfix.text import TextAnalysis

    text = ("The minister stated the talks would resume. A spokesman stated that the army had "
            "left. Officials stated on Monday that the bridge was closed. The mayor stated "
            "nothing more.")
    analysis = TextAnalysis(text)
    spans = [(0, len(text))]

    def said(pool: bool) -> list[float]:
        return [r.posterior for r in spin.document_readings(analysis, spans, pool=pool)
                if r.written == "stated" and r.replacement == "said"]

    plain, pooled = said(False), said(True)
    assert len(plain) == len(pooled) == 4
    # every `stated` is vouched for by the three others: each reading gains
    assert all(q > p + 0.1 for p, q in zip(plain, pooled))
    # leave one out: a lone `stated` does not vouch for itself
    one = "The minister stated the talks would resume."
    alone = TextAnalysis(one)
    assert ([r.posterior for r in spin.document_readings(alone, [(0, len(one))], pool=True)]
            == [r.posterior for r in spin.document_readings(alone, [(0, len(one))])])


def test_seed_003_curated_variants_below_decisive_are_suggested() -> None:
    # Seed 003 is a real spinner's output. Its function-word variants read 0.8-0.95: they
    # are right there, but edited British English writes the same forms (an outside
    # review, 2026-12-06), so they are offered, not applied.
    r = run(SEED.read_text(encoding="utf-8"))
    edits = {(e.before, e.after) for e in r.edits if e.rule == "SPUN_WORD"}
    suggested = {(s.before, s.after) for s in r.suggestions if s.rule == "SPUN_WORD"}
    assert {("whilst", "while"), ("concerning", "about"), ("shall", "will")} <= suggested
    assert not edits & {("whilst", "while"), ("shall", "will")}
    # still suggestions: a reading only a spinnable neighbour supports, and one in a quote
    assert {("footing", "basis"), ("by way of", "through")} <= suggested
    assert not edits & {("footing", "basis"), ("by way of", "through"), ("final", "last")}


def test_promoted_reading_needs_a_neutral_context_and_keeps_attested_bigrams() -> None:
    from newsfix.text import TextAnalysis

    def promoted(text: str, written: str, replacement: str, kind: str,
                 posterior: float = 0.85) -> str | None:
        a = TextAnalysis(text)
        start = text.index(written)
        r = spin.Reading(start, start + len(written), written, replacement, posterior, kind,
                         a.in_quotation(start, start + len(written)))
        return spin._promoted(a, r)

    told = '"We fix something, and a week later they hit it again," told Dmytro Sakharuk.'
    # after a quotation the context says nothing for or against `said`: the channel decides
    assert promoted(told, "told", "said", "thesaurus") == "channel"
    assert promoted(told, "told", "said", "thesaurus", posterior=0.75) is None
    assert promoted(told, "told", "said", "loose") is None  # looser terms stay suggestions
    # `final week` -> `last week` rests on the bigram context: a suggestion below 0.95
    assert promoted("The talks ended final week.", "final", "last", "thesaurus") is None
    # curated variants are edited British English too: suggestions below 0.95
    assert promoted("The talks ended whilst the bombing went on.", "whilst", "while",
                    "function") is None
    # a reporting verb with its object is no spin (`told Parliament`); after a quote it is
    assert promoted("Wes Streeting told Parliament that the strike was wrong.", "told",
                    "said", "thesaurus") is None
    # `extra step` is in the bigram table and `more step` is not
    assert promoted("It would take a extra step.", "extra", "more", "function") is None


def test_a_curated_variant_below_the_apply_posterior_stays_a_suggestion() -> None:
    # An outside review (2026-12-06) found `whilst`, `nevertheless`, `prior to`, `shall`
    # applied 81 times wrongly in 25 spun articles where they were the writer's own words.
    spun = ("The Worldwide Atomic Vitality Company stated that the White Home had been "
            "told. 3 / 4 of the members said. ")
    quote = "“We waited whilst they talked,” she said."
    r = run(spun + "The talks ended whilst the bombing went on. " + quote)
    assert "The talks ended whilst the bombing" in r.text and quote in r.text
    assert ("whilst", "while") in [(s.before, s.after) for s in r.suggestions]


@pytest.mark.parametrize("text", [
    "The talks went on whilst the bombing continued, and the members said they would meet.",
    "Officials said the deal shall be signed on Monday, whereas the opposition said nothing.",
    "“The deal shall be signed concerning the border,” he told reporters in Kyiv.",
])
def test_clean_variants_unchanged(text: str) -> None:
    # A document without spin gets no SPUN_WORD edit or suggestion, whatever its variants.
    r = run(text)
    assert r.text == text and not r.suggestions


def test_a_spelled_numeral_that_opens_a_sentence_gets_its_capital() -> None:
    text = ("The Worldwide Atomic Vitality Company stated that the White Home had been "
            "told. 3 / 4 of the members said the talks ended final week.")
    assert "told. Three quarters of the members" in run(text).text
