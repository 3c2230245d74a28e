"""Every rule, in the whole pipeline (and alone), is linear on adversarial input (issue 14).

Deterministic, not timed: each case (the whole pipeline; with
``NEWSFIX_ADVERSARIAL=rules`` also each rule alone with ``enable_only``; one
input of ``tests/support/adversarial.py`` at scales n, 2n, 4n) counts operations
(trace/profile events plus characters handed to regular expression scans) in a
worker subprocess, and must grow about twice per
doubling (at most ``MAX_GROWTH``); a case that passes is then run once at a
guard size under a CPU ceiling, a hang guard against backtracking inside one
C call (see that module's docstring for the margins). Time per MB is the
benchmark's business: ``benchmarks/bench_adversarial.py``.

Cases that fail today are strict xfails naming their cause, so the day a rule
is fixed the suite says so. ``KNOWN`` is keyed by rule id; a rule that is
renamed or removed simply has no cases.
"""

from __future__ import annotations

import os

import pytest

from newsfix.rules import registry
from tests.support import adversarial

# Causes, by what to fix (found with adversarial.hot_spots and cProfile). Issue 14's
# rule-specific quadratic cases (at_sentence_start, _title_line, sic_marked, FIX_MOJIBAKE's
# difflib, TRAILING_SPACE_RE, UNQUOTED_SPEECH's SENTENCE_RE, REPEATED_PHRASE's conflicting
# changes, HYPHEN_SPACE's slicing) and spin's name matching over every sub-run of a
# capitalised run (now at most as long as the longest known name) and the quotation parser
# on runs of marks that stay open (a count of open marks per kind, not the stack per mark)
# are linear now.

#: Rule-specific known failures, rule -> (cause, inputs). REPEATED_PHRASE's TRIPLE_RE tried
#: at every multi-word repeat inside `word word word …` (quadratic) is linear now.
KNOWN: dict[str, tuple[str, frozenset[str]]] = {}
#: Inputs on which every rule alone and the whole pipeline fail, by cause.
KNOWN_EVERY_RULE: dict[str, str] = {}
#: The whole pipeline fails wherever one of its rules does.
KNOWN_PIPELINE: dict[str, str] = {**KNOWN_EVERY_RULE}

#: The whole pipeline (every rule, English forced) on every input; each rule alone as well
#: with NEWSFIX_ADVERSARIAL=rules (a diagnostic run: which rule is superlinear; about
#: five minutes more). A superlinear rule makes the pipeline superlinear, so the default
#: run catches it too.
RULES: list[str | None] = [None, *(
    r.id for r in registry() if os.environ.get("NEWSFIX_ADVERSARIAL") == "rules")]


def _param(rule: str | None, name: str) -> object:
    reason = (KNOWN_PIPELINE.get(name) if rule is None
              else KNOWN[rule][0] if name in KNOWN.get(rule, ("", frozenset()))[1]
              else KNOWN_EVERY_RULE.get(name))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(rule, name, marks=marks, id=adversarial.case_id(rule, name))


CASES = [_param(rule, name) for name in adversarial.INPUTS for rule in RULES]


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest) -> dict[str, adversarial.CaseResult]:
    """Run the selected cases (all of them, or those ``-k`` kept) in two workers at once."""
    wanted = []
    for item in request.session.items:
        spec = getattr(item, "callspec", None)
        if getattr(item, "module", None) is request.module and spec is not None \
                and "name" in spec.params:
            wanted.append((spec.params["rule"], spec.params["name"]))
    return adversarial.check_cases(wanted)


@pytest.mark.parametrize(("rule", "name"), CASES)
def test_rule_is_linear(rule: str | None, name: str,
                        results: dict[str, adversarial.CaseResult]) -> None:
    result = results[adversarial.case_id(rule, name)]
    assert result.problems() == [], adversarial.INPUTS[name].description


def test_the_counter_tells_linear_from_quadratic() -> None:
    """The measure itself: a linear and a quadratic function, counted like the rules."""
    def linear(n: int) -> int:
        return sum(1 for _ in range(n))

    def quadratic(n: int) -> int:
        return sum(1 for i in range(n) for _ in range(i))

    lin = [adversarial.count_operations(lambda k=k: linear(k)) for k in (400, 800, 1600)]
    quad = [adversarial.count_operations(lambda k=k: quadratic(k)) for k in (100, 200, 400)]
    assert 1.9 <= adversarial.growth(lin) <= 2.1
    assert adversarial.growth(quad) >= 3.8


def test_the_scan_counter_sees_prefix_searches() -> None:
    """A search of the whole prefix per word is one C call, yet counts as quadratic work."""
    import regex

    pattern = adversarial._CountingPattern(regex.compile(r"\[sic\]$"))

    def prefix_scans(n: int) -> None:
        text = "word " * n
        for i in range(0, len(text), 5):
            pattern.search(text, 0, i)

    counts = [adversarial.count_operations(lambda k=k: prefix_scans(k), cap=10**9)
              for k in (200, 400, 800)]
    assert adversarial.growth(counts) > 3.5


def test_the_scan_counter_sees_a_match_that_prescans_the_rest() -> None:
    """An anchored match per word of a pattern that needs a literal reads all the rest.

    The regex module looks for the required literal (``sic``) in the whole rest of
    the string first, so ``match(text, pos)`` with no ``endpos`` once per word is
    quadratic (``TextAnalysis.sic_marked`` was, on every long document); a pattern
    with no literal to look for, or a bounded window, stays linear.
    """
    import regex

    sic = adversarial._CountingPattern(regex.compile(r"[\[(]\s*sic\s*[\])]", regex.I))
    plain = adversarial._CountingPattern(regex.compile(r"[^\S\n]+\p{Lu}"))

    def matches(pattern: adversarial._CountingPattern, n: int, window: int | None) -> None:
        text = "word " * n
        for i in range(0, len(text), 5):
            pattern.match(text, i) if window is None else pattern.match(text, i, i + window)

    def growth(pattern: adversarial._CountingPattern, window: int | None) -> float:
        return adversarial.growth([adversarial.count_operations(
            lambda k=k: matches(pattern, k, window), cap=10**9) for k in (2000, 4000, 8000)])

    assert growth(sic, None) > 3.5
    assert growth(sic, 32) < 2.2
    assert growth(plain, None) < 2.2


def test_the_guard_stops_a_backtracking_regex() -> None:
    """The CPU ceiling interrupts a C-level regex loop (regex checks for signals)."""
    import signal

    import regex

    slow = regex.compile(r"[^\S\n]+(?=\n|\Z)")
    old = signal.signal(signal.SIGPROF, adversarial._on_cpu_ceiling)
    signal.setitimer(signal.ITIMER_PROF, 0.2)
    try:
        with pytest.raises(adversarial.CpuCeilingExceeded):
            slow.findall("a" + " " * 200_000 + "b")  # quadratic: minutes without the guard
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def test_every_input_grows_linearly_with_its_scale() -> None:
    for name in adversarial.INPUTS:
        sizes = [len(adversarial.build(name, n)) for n in (100, 200, 400)]
        d1, d2 = sizes[1] - sizes[0], sizes[2] - sizes[1]
        assert d1 > 0 and 1.9 <= d2 / d1 <= 2.1, name
