"""Adversarial inputs and an operation budget, shared by the linear-time test and its benchmark.

Each input is a function of a scale ``n`` whose output grows linearly with ``n``
(``n`` repeated units: spaces, dots, one-character lines, news paragraphs…).
A rule that is linear in its input does about twice the work at ``2n`` that it
does at ``n``; a quadratic one about four times.

*Operation count.* :func:`count_operations` runs a call under
``sys.settrace`` and ``sys.setprofile`` and counts every event (Python line,
call and return events, calls of C functions), plus every character that a
regular expression is asked to scan (:func:`install_scan_counter` wraps the
compiled patterns of ``regex`` and ``re`` in the worker process): a search of
the whole document prefix per word is one C call but counts as the quadratic
work it is. The count is deterministic for a given input and independent of
the machine's speed and load. :func:`growth` compares the increments between
``n``, ``2n`` and ``4n``, so constant set-up costs cancel out: about 2 for
linear work, 4 for quadratic, 2.8 for ``n**1.5``.

*What it cannot see.* Work inside one C call that is not proportional to the
window it was given: a regular expression that backtracks over a run
(``[^\\S\\n]+(?=\\n|\\Z)`` on 10,000 spaces), ``str.find``/``rfind`` and slicing
over the whole text per word. For those, each case whose count is linear is
also run untraced at a *guard size* (20,000 characters, 100,000 for a single
run of one character) under a CPU ceiling of a few seconds (``ITIMER_PROF``:
SIGPROF raises in the worker, and a worker that does not answer is killed
and restarted). At those sizes every linear case here takes well under half a
second and quadratic backtracking takes minutes: the ceiling is a hang guard
with an order of magnitude to spare on both sides, not a speed assertion.
Quadratic C work with a tiny constant (``str.rfind`` over a megabyte line)
shows only at megabyte sizes: ``benchmarks/bench_adversarial.py`` measures
those, per rule.

The worker is this module run as a script (``python -m
tests.support.adversarial``): it reads cases (JSON) on stdin and writes one
JSON line per case.
"""

from __future__ import annotations

import functools
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: One sentence of ordinary news prose per line; written for this harness.
NEWS_SENTENCES = (
    "The city council approved the new budget on Tuesday after a debate that lasted six hours.",
    "Officials said the bridge would reopen in March, two weeks later than planned.",
    '"We have done what we promised," the mayor told reporters outside the town hall.',
    "Prices for fresh vegetables rose by 4.2 percent in October, the statistics office said.",
    "Rescue teams from Norway and Sweden reached the village late on Sunday evening.",
    "The company's chief executive, Maria Lindqvist, declined to comment on the report.",
    "Analysts at two banks expect interest rates to stay unchanged until the summer.",
    "The museum will show 140 paintings, many of which have never been seen in public.",
)


def news_paragraphs(n: int) -> str:
    """``n`` short news paragraphs (two sentences each, blank-line separated, varied)."""
    k = len(NEWS_SENTENCES)
    paras = []
    for i in range(n):
        a, b = NEWS_SENTENCES[i % k], NEWS_SENTENCES[(i * 3 + 1) % k]
        paras.append(f"{a} {b.replace('the', f'the {i}th', 1) if i % 2 else b}")
    return "\n\n".join(paras) + "\n"


def _line_of_sentences(n: int, middle: str = "") -> str:
    words = " ".join(NEWS_SENTENCES[i % len(NEWS_SENTENCES)] for i in range(n))
    if middle:
        half = len(words) // 2
        cut = words.index(" ", half)
        words = f"{words[:cut]} {middle}{words[cut:]}"
    return words + "\n"



@dataclass(frozen=True)
class Input:
    """One adversarial input: ``build(n)`` grows linearly with the scale ``n``."""

    name: str
    build: Callable[[int], str | bytes]
    description: str
    #: Characters at scale ``n`` of the operation count (default :data:`COUNT_CHARS`).
    count_chars: int | None = None
    #: Characters at the guard size (default :data:`GUARD_CHARS`): a single run costs a
    #: linear rule almost nothing, so runs are guarded at a larger size.
    guard_chars: int | None = None
    #: CPU seconds of the guard run (default :data:`CPU_CEILING`).
    ceiling: float | None = None


def _run(c: str) -> Callable[[int], str]:
    """A run of ``n`` copies of ``c`` glued to the letters on both sides."""
    return lambda n: f"Prices rose{c * n}sharply on Monday.\n"


#: A single run is guarded at 100,000 characters, where linear rules take under 0.3 s
#: and quadratic backtracking over the run takes 20 s to minutes. A run of 100,000
#: quotation marks costs about 1.1 s of CPU alone (the damage report pairs every mark,
#: linearly: the operation count says so), more on a loaded machine: the ceiling is a
#: hang guard, not a speed target.
RUN_GUARD_CHARS = 100_000
RUN_CEILING = 3.0


_INPUTS = (
    Input("news", news_paragraphs, "ordinary news paragraphs (the baseline)", 1600),
    Input("spaces", _run(" "), "one run of n spaces between two words",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("tabs", _run("\t"), "one run of n tabs between two words",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("hyphens", _run("-"), "one run of n hyphens between two words",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("dots", _run("."), "one run of n full stops between two words",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("quotes", _run('"'), "one run of n straight double quotes",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("curly_quotes", _run("“"), "one run of n opening curly quotes, never closed",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("guillemets", _run("«"), "one run of n opening guillemets",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("apostrophes", _run("'"), "one run of n apostrophes",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("capitals", _run("A"), "one word with a run of n capital letters",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("nul", _run("\x00"), "one run of n NUL characters",
          guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("trailing_spaces", lambda n: "The talks ended." + " " * n + "\nThen nothing.\n",
          "n spaces at the end of a line", guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("double_spaces", lambda n: "word  " * n + "\n", "many double spaces on one line"),
    Input("spaced_hyphens", lambda n: "a two -hour talk, " * n + "\n",
          "many `two -hour` hyphen spacings on one line"),
    Input("dashes", lambda n: "wait — " * n + "done.\n", "many spaced em dashes on one line"),
    Input("quoted_words", lambda n: '"Yes," she said. ' * n + "\n",
          "many short quotations on one line"),
    Input("nested_quotes",
          lambda n: '"She said \'no\' to “them” and «eux»," he said. ' * n + "\n",
          "nested straight, curly and angle quotations"),
    Input("capital_words", lambda n: "Word " * n + "\n", "a title-case line of n words"),
    Input("midsentence_capitals", lambda n: "since Moscow He sent " * n + "\n",
          "capitalised words mid-sentence, no sentence end"),
    Input("long_sentence", lambda n: "the council and the mayor " * n + "\n",
          "a sentence of many words with no full stop"),
    Input("long_line", _line_of_sentences, "news sentences on one line (the 1 MB line, scaled)"),
    Input("long_token", lambda n: f"The code {'x' * n} was rejected.\n",
          "one token of n letters", guard_chars=RUN_GUARD_CHARS, ceiling=RUN_CEILING),
    Input("one_char_lines", lambda n: "a\n" * n, "n one-character lines (100k lines, scaled)",
          count_chars=40, guard_chars=4_000),
    Input("blank_lines", lambda n: "One.\n" + "\n" * n + "Two.\n", "n blank lines"),
    Input("nul_letters", lambda n: "a\x00" * n + "\n", "NUL after every letter"),
    Input("controls", lambda n: "a\x07b\x1b[31mc\x1b[0m " * n + "\n",
          "control characters and terminal escapes"),
    Input("line_separators", lambda n: "Ã\x85 a\u2028b\u2029 " * n + "\n",
          "U+0085, U+2028 and U+2029 in a line", count_chars=160, guard_chars=8_000),
    Input("replacement_chars", lambda n: "Sloven\ufffdina \ufffd " * n + "\n",
          "U+FFFD inside and between words"),
    Input("rtl_combining", lambda n: "שָׁלוֹם מַה שְּׁלוֹמְךָ، مَرْحَبًا بِكُمْ \u200f" * n + "\n",
          "Hebrew and Arabic with combining marks and RLM"),
    Input("invalid_bytes", lambda n: b"Prices \xff\xfe rose \xc3( fell \xe2\x82 " * n + b"\n",
          "bytes that are not UTF-8 (decoded to U+FFFD)"),
    Input("mojibake_line", lambda n: _line_of_sentences(n, "The cafÃ© reopened."),
          "one long line with one mojibake sequence in the middle"),
    Input("mojibake_everywhere", lambda n: "The cafÃ© said itâ€™s open. " * n + "\n",
          "mojibake in every sentence"),
    Input("word_repeat", lambda n: "word " * n + "\n", "`word word word …`"),
    Input("phrase_repeat", lambda n: "in Istanbul " * n + "\n", "a repetition loop of two words"),
    Input("urls", lambda n: "see https://example.org/a-b/c?d=e_f " * n + "\n", "many URLs"),
)
#: Every adversarial input by name.
INPUTS: dict[str, Input] = {i.name: i for i in _INPUTS}

#: Characters per input at the guard size (inputs may set their own).
GUARD_CHARS = 20_000
#: Characters at scale n of the operation count (inputs may set their own).
COUNT_CHARS = 600
#: Increments below this many operations are treated as constant work.
FLOOR_EVENTS = 2_000
#: Largest growth of the increments accepted (linear 2, n log n about 2.2, n**1.5 2.8).
MAX_GROWTH = 2.5
#: The first count run (at n/2) stops past this many operations: the absolute budget.
EVENT_CAP = 1_000_000
#: Each later run may take at most this many times the operations of the run at half
#: its size: linear work takes at most twice, so passing it proves superlinear growth
#: without spending millions of traced events on a quadratic case.
LINEAR_CAP = 3
#: CPU seconds one guard run may take (every linear case takes well under 0.5 s).
CPU_CEILING = 4.0
#: Wall-clock seconds a worker may stay silent on one case before it is killed
#: (only for a C loop that ignores signals; a loaded machine stretches CPU seconds).
WALL_PER_CASE = 120


def unit_length(name: str) -> int:
    """Characters (or bytes) added per unit of scale for input ``name``."""
    make = INPUTS[name].build
    return max(1, len(make(101)) - len(make(100)))


def scale_for(name: str, chars: int) -> int:
    """The scale at which input ``name`` is about ``chars`` characters long."""
    return max(1, chars // unit_length(name))


def build(name: str, n: int) -> str | bytes:
    """Input ``name`` at scale ``n``."""
    return INPUTS[name].build(n)


def config_for(rule: str | None) -> Any:
    """The configuration of a case: one rule alone (``enable_only``) or the whole pipeline.

    Language is forced to English so that the English repair rules run on
    every paragraph (and no language detector runs); translation is off.
    """
    from newsfix import FixConfig

    return FixConfig(translate=False, language="en",
                     enable_only=None if rule is None else frozenset({rule}))


def case_id(rule: str | None, name: str) -> str:
    """``RULE-input``, or ``PIPELINE-input`` for the whole pipeline."""
    return f"{rule or 'PIPELINE'}-{name}"


#: Characters handed to regular-expression scans since the counter was installed.
_SCANNED = [0]
#: Where :func:`hot_spots` is attributing scanned characters (None: nowhere).
_SCAN_SITES: list[Counter[str] | None] = [None]


def _add_scanned(n: int) -> None:
    _SCANNED[0] += n
    sites = _SCAN_SITES[0]
    if sites is not None:
        frame = sys._getframe(1)
        while frame.f_back is not None and frame.f_code.co_filename == __file__:
            frame = frame.f_back  # up to the code that called the pattern
        sites[f"regex scan in {_site(frame.f_code)}"] += n


@functools.cache
def _site(code: Any) -> str:
    """``file.py:function`` of a code object."""
    return f"{os.path.basename(code.co_filename)}:{code.co_name}"


def _bounds(string: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
    """The ``[pos, endpos)`` window of a scan, clipped as ``regex`` and ``re`` clip it."""
    n = len(string)
    pos = args[0] if args else kwargs.get("pos")
    endpos = args[1] if len(args) > 1 else kwargs.get("endpos")
    a = 0 if not isinstance(pos, int) else (pos if pos >= 0 else max(0, n + pos))
    b = n if not isinstance(endpos, int) else (endpos if endpos >= 0 else max(0, n + endpos))
    return min(a, n), max(min(a, n), min(b, n))


class _CountingPattern:
    """A compiled pattern that adds what each call must at least read to :data:`_SCANNED`.

    A search reads from its start to the end of its match, or its whole
    window when nothing matches; ``finditer`` as far as it is iterated;
    ``findall``, ``sub`` and ``split`` the whole string (``split`` with
    ``maxsplit`` up to its last cut); ``match`` the length of its match, or, failed, its
    whole window for a pattern that prescans for a literal (:func:`_prescans`). So a
    search of the whole document prefix per word counts as the quadratic work
    it is, although it is one C call, and a search that stops at the next
    sentence end counts only that far. Backtracking inside a window is not
    counted (the guard run covers it).
    """

    __slots__ = ("_p",)

    def __init__(self, pattern: Any) -> None:
        self._p = pattern

    def __getattr__(self, name: str) -> Any:
        return getattr(self._p, name)

    def __repr__(self) -> str:
        return repr(self._p)

    def search(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        m = self._p.search(string, *args, **kwargs)
        a, b = _bounds(string, args, kwargs)
        _add_scanned(1 + (m.end() - a if m is not None else b - a))
        return m

    def match(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        m = self._p.match(string, *args, **kwargs)
        _add_scanned(1 + (m.end() - m.start() if m is not None
                          else _failed_match(self._p, string, args, kwargs)))
        return m

    def fullmatch(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        m = self._p.fullmatch(string, *args, **kwargs)
        _add_scanned(1 + (m.end() - m.start() if m is not None
                          else _failed_match(self._p, string, args, kwargs)))
        return m

    def finditer(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        a, b = _bounds(string, args, kwargs)
        return _counted_matches(self._p.finditer(string, *args, **kwargs), a, b)

    def findall(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        a, b = _bounds(string, args, kwargs)
        _add_scanned(1 + b - a)
        return self._p.findall(string, *args, **kwargs)

    def scanner(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        a, b = _bounds(string, args, kwargs)
        _add_scanned(1 + b - a)
        return self._p.scanner(string, *args, **kwargs)

    def split(self, string: Any, maxsplit: int = 0, *args: Any, **kwargs: Any) -> Any:
        parts = self._p.split(string, maxsplit, *args, **kwargs)
        last = parts[-1] if maxsplit and parts and isinstance(parts[-1], str) else ""
        _add_scanned(1 + len(string) - len(last))
        return parts

    def splititer(self, string: Any, *args: Any, **kwargs: Any) -> Any:
        _add_scanned(1 + len(string))
        return self._p.splititer(string, *args, **kwargs)

    def sub(self, repl: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        _add_scanned(1 + len(string))
        return self._p.sub(repl, string, *args, **kwargs)

    def subn(self, repl: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        _add_scanned(1 + len(string))
        return self._p.subn(repl, string, *args, **kwargs)


def _failed_match(pattern: Any, string: Any, args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> int:
    """What a failed anchored match read: nothing, or all its window if the pattern prescans."""
    if not isinstance(string, str) or not _prescans(pattern):
        return 0
    a, b = _bounds(string, args, kwargs)
    return b - a


@functools.cache
def _prescans(pattern: Any) -> bool:
    """Whether an anchored ``match`` of ``pattern`` first looks for a literal in its whole window.

    The regex module does so for a pattern that requires a literal (``[\\[(]\\s*sic\\s*[\\])]``
    looks for ``sic`` in all the rest of the text before it tries the one position), so
    such a match without an ``endpos``, once per word, is quadratic in one C call.
    Found by reading the pattern on a long string with and without a short window (best of
    three each; the gap is three orders of magnitude, so load cannot blur it).
    """
    probe = " a" * 200_000

    def best(*window: int) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            pattern.match(probe, *window)
            times.append(time.perf_counter() - t0)
        return min(times)

    unbounded, bounded = best(0), best(0, 64)
    return unbounded > 1e-4 and unbounded > 20 * bounded


def _counted_matches(matches: Iterable[Any], a: int, b: int) -> Iterable[Any]:
    pos = a
    for m in matches:
        _add_scanned(1 + max(m.end(), pos) - pos)
        pos = max(m.end(), pos)
        yield m
    _add_scanned(b - pos)


def install_scan_counter(*modules: Any) -> None:
    """Make ``compile`` and the module-level functions of ``modules`` count scanned windows.

    Call it before importing newsfix (in the worker process only): patterns
    compiled at import time then count too.
    """
    for mod in modules:
        real = mod.compile

        def compile(pattern: Any, flags: Any = 0, *args: Any, _real: Any = real,
                    **kwargs: Any) -> _CountingPattern:
            if isinstance(pattern, _CountingPattern):
                pattern = pattern._p
            return _CountingPattern(_real(pattern, flags, *args, **kwargs))

        mod.compile = compile
        for name in ("search", "match", "fullmatch", "finditer", "findall"):
            setattr(mod, name, _module_function(compile, name))
        mod.split = _module_split(compile)
        for name in ("sub", "subn"):
            setattr(mod, name, _module_sub(compile, name))


def _module_function(compile: Callable[..., _CountingPattern], name: str) -> Callable[..., Any]:
    def function(pattern: Any, string: Any, flags: Any = 0, *args: Any, **kwargs: Any) -> Any:
        return getattr(compile(pattern, flags), name)(string, *args, **kwargs)
    return function


def _module_split(compile: Callable[..., _CountingPattern]) -> Callable[..., Any]:
    def split(pattern: Any, string: Any, maxsplit: int = 0, flags: Any = 0, *args: Any,
              **kwargs: Any) -> Any:
        return compile(pattern, flags).split(string, maxsplit, *args, **kwargs)
    return split


def _module_sub(compile: Callable[..., _CountingPattern], name: str) -> Callable[..., Any]:
    def function(pattern: Any, repl: Any, string: Any, count: int = 0, flags: Any = 0,
                 *args: Any, **kwargs: Any) -> Any:
        return getattr(compile(pattern, flags), name)(repl, string, count, *args, **kwargs)
    return function


class OperationBudgetExceeded(BaseException):
    """Raised inside the traced code past the budget.

    A ``BaseException``, like ``KeyboardInterrupt``: a pipeline that turns a
    rule's exceptions into warnings must not swallow it.
    """


class CpuCeilingExceeded(BaseException):
    """Raised by the SIGPROF handler when a guard run passes its CPU ceiling."""


def count_operations(fn: Callable[[], object], cap: int = EVENT_CAP,
                     sites: Counter[str] | None = None) -> int:
    """Operations while ``fn()`` runs (trace and profile events plus scanned characters).

    Raises :class:`OperationBudgetExceeded` past ``cap``. With ``sites``, each
    event is also counted under its code location (``file:function``), which
    is how :func:`hot_spots` finds where superlinear work happens.
    """
    count = 0
    scanned0 = _SCANNED[0]
    this = __file__

    def hook(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename == this:
            return hook  # the scan counter's own bookkeeping is not the rule's work
        count += 1
        if count + _SCANNED[0] - scanned0 > cap:
            raise OperationBudgetExceeded(f"more than {cap} operations")
        return hook

    def site_hook(frame: Any, event: str, arg: Any) -> Any:
        code = frame.f_code
        if code.co_filename != this:
            sites[_site(code)] += 1  # type: ignore[index]
        return hook(frame, event, arg) and site_hook

    _SCAN_SITES[0] = sites
    h = hook if sites is None else site_hook
    sys.setprofile(h)
    sys.settrace(h)
    try:
        fn()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
        _SCAN_SITES[0] = None
    return count + _SCANNED[0] - scanned0


def growth(counts: Sequence[int], floor: int = FLOOR_EVENTS) -> float:
    """Ratio of the increment from ``2n`` to ``4n`` to the increment from ``n`` to ``2n``.

    >>> growth([1000 + 10 * n for n in (300, 600, 1200)])  # linear
    2.0
    >>> growth([1000 + n * n for n in (300, 600, 1200)])  # quadratic
    4.0
    >>> growth([5000, 5000, 5000])  # constant
    0.0
    """
    c1, c2, c4 = counts
    return (c4 - c2) / max(c2 - c1, floor)


@dataclass
class CaseResult:
    """What the worker found for one case."""

    id: str
    counts: list[int] = field(default_factory=list)
    error: str | None = None
    guard_cpu: float | None = None
    cpu: float | None = None

    @property
    def growth(self) -> float | None:
        """:func:`growth` of the three counts (None if the counts did not finish)."""
        return growth(self.counts) if len(self.counts) == 3 else None

    def problems(self) -> list[str]:
        """Why this case breaks the linear-time contract (empty when it keeps it)."""
        out = [self.error] if self.error else []
        g = self.growth
        if g is not None and g > MAX_GROWTH:
            out.append(f"operation count grows {g:.2f}x per doubling (counts {self.counts}); "
                       f"linear is 2")
        return out


def warm_up() -> None:
    """Load every lazy table once, untraced, so that no count includes a first load."""
    from newsfix import fix_and_trace

    parts = [build(name, 3) for name in INPUTS]
    # One document per input, at the size counted, as well as all of them together: what
    # the pipeline loads depends on a document's profile (damage, language of each
    # paragraph) and its length (the bigram table is read only for longer documents).
    for name in INPUTS:
        chars = INPUTS[name].count_chars or COUNT_CHARS
        fix_and_trace(build(name, scale_for(name, chars)), config_for(None))
    text = "\n\n".join(p.decode("utf-8", "replace") if isinstance(p, bytes) else p
                       for p in parts)
    fix_and_trace(text, config_for(None))


def _counts(rule: str | None, name: str, n: int,
            sites: dict[int, Counter[str]] | None = None) -> list[int]:
    """Operations at n, 2n and 4n, each counted warm.

    Two traced but uncounted runs (n/2 and n) set the budget and fill caches; 2n and
    4n first run once untraced (under the CPU ceiling), so that first-time work on a
    new text (caches keyed by word or paragraph, lazily read tables) is counted at
    no size rather than at some sizes only, which made linear work look superlinear.
    """
    from newsfix import fix_and_trace

    cfg = config_for(rule)
    counts: list[int] = []
    cap = EVENT_CAP
    for scale, counted in ((0.5, False), (1, False), (1, True), (2, True), (4, True)):
        data = build(name, max(1, int(scale * n)))
        if scale > 1:
            _untraced_run(data, cfg, f"at scale {scale}n (n={n}, counts so far {counts})")
        where = sites.setdefault(int(scale * n), Counter()) if sites is not None and counted \
            else None
        try:
            c = count_operations(lambda d=data: fix_and_trace(d, cfg), cap, where)
        except OperationBudgetExceeded as exc:
            raise OperationBudgetExceeded(f"{exc} at scale {scale}n (n={n}, "
                                          f"counts so far {counts})") from None
        if counted:
            counts.append(c)
        # The second run at n repeats the first: it may cost as much, not more.
        cap = (1 if scale == 1 and not counted else LINEAR_CAP) * c + FLOOR_EVENTS
    return counts


def _on_cpu_ceiling(signum: int, frame: Any) -> None:
    raise CpuCeilingExceeded


def _untraced_run(data: str | bytes, cfg: Any, where: str) -> None:
    """One untraced run that fills caches, stopped at the CPU ceiling where the worker's
    SIGPROF handler is installed (an over-budget case ends as :class:`OperationBudgetExceeded`)."""
    from newsfix import fix_and_trace

    armed = signal.getsignal(signal.SIGPROF) is _on_cpu_ceiling
    if armed:
        signal.setitimer(signal.ITIMER_PROF, CPU_CEILING)
    try:
        fix_and_trace(data, cfg)
    except CpuCeilingExceeded:
        raise OperationBudgetExceeded(f"untraced warm-up run over the CPU ceiling of "
                                      f"{CPU_CEILING} s {where}") from None
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_PROF, 0)


def _guard(rule: str | None, name: str, chars: int, ceiling: float
           ) -> tuple[float, str | None]:
    """CPU seconds of one untraced run at ``chars`` characters, and the error if any.

    ``ITIMER_PROF`` (process CPU time) raises :class:`CpuCeilingExceeded` through
    SIGPROF after ``ceiling`` seconds; ``regex`` checks for signals inside long
    matches, so even a backtracking regular expression is stopped.
    """
    from newsfix import fix_and_trace

    data = build(name, scale_for(name, chars))
    cfg = config_for(rule)
    before = time.process_time()
    error = None
    signal.setitimer(signal.ITIMER_PROF, ceiling)
    try:
        fix_and_trace(data, cfg)
    except CpuCeilingExceeded:
        error = f"at guard size {chars} characters: over the CPU ceiling of {ceiling} s"
    except Exception as exc:
        error = f"at guard size {chars} characters: {type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return round(time.process_time() - before, 3), error


def check_case(rule: str | None, name: str, count_chars: int = COUNT_CHARS,
               guard_chars: int = GUARD_CHARS, ceiling: float = CPU_CEILING) -> dict[str, Any]:
    """Operation counts of one case, then (if they are linear) its guard run."""
    inp = INPUTS[name]
    out: dict[str, Any] = {"id": case_id(rule, name), "counts": [], "error": None}
    try:
        out["counts"] = _counts(rule, name, scale_for(name, inp.count_chars or count_chars))
    except OperationBudgetExceeded as exc:
        out["error"] = f"operation budget exceeded: {exc}"
        return out
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    if growth(out["counts"]) > MAX_GROWTH or not guard_chars:
        return out  # already superlinear: the guard would only burn CPU
    out["guard_cpu"], out["error"] = _guard(rule, name, inp.guard_chars or guard_chars,
                                            inp.ceiling or ceiling)
    return out


def time_case(rule: str | None, name: str, chars: int, ceiling: float,
              repeat: int = 1) -> dict[str, Any]:
    """Best CPU seconds of ``repeat`` untraced runs at ``chars`` characters (the benchmark)."""
    best, error = float("inf"), None
    for _ in range(repeat):
        cpu, error = _guard(rule, name, chars, ceiling)
        best = min(best, cpu)
        if error:
            break
    size = len(build(name, scale_for(name, chars)))
    return {"id": case_id(rule, name), "cpu": best, "error": error, "chars": size}


def hot_spots(rule: str | None, name: str, count_chars: int = COUNT_CHARS,
              top: int = 5) -> list[tuple[str, float, int]]:
    """Code locations whose operations grow fastest between 2n and 4n: (site, growth, ops at 4n).

    For a failing case this names the function to look at, e.g.
    ``case.py:_title_line`` or ``regex scan in _lexicon.py:at_sentence_start``.
    A case too superlinear to finish its counts is looked at an eighth of
    the size, then a sixty-fourth.
    """
    n = scale_for(name, INPUTS[name].count_chars or count_chars)
    sites: dict[int, Counter[str]] = {}
    while True:
        sites.clear()
        try:
            _counts(rule, name, n, sites)
            break
        except (OperationBudgetExceeded, Exception):
            if n == 1:
                return []
            n = max(1, n // 4)
    s1, s2, s4 = (sites[k] for k in sorted(sites))
    rows = []
    for site, c4 in s4.items():
        d1, d2 = s2[site] - s1[site], c4 - s2[site]
        if d2 >= FLOOR_EVENTS / 4:
            rows.append((site, round(d2 / max(d1, 1), 2), c4))
    rows.sort(key=lambda r: (r[1] <= MAX_GROWTH, -r[2]))
    return rows[:top]


def worker() -> None:
    """Run the cases read from stdin; one JSON line per case on stdout."""
    import re

    import regex

    signal.signal(signal.SIGPROF, _on_cpu_ceiling)
    install_scan_counter(regex, re)
    spec = json.load(sys.stdin)
    warm_up()
    for rule, name in spec["cases"]:
        print(json.dumps({"start": case_id(rule, name)}), flush=True)
        t0 = time.process_time()
        if spec.get("mode") == "time":
            res = time_case(rule, name, spec["chars"], spec["ceiling"], spec.get("repeat", 1))
        else:
            res = check_case(rule, name, spec["count_chars"], spec["guard_chars"],
                             spec["ceiling"])
            res["cpu"] = round(time.process_time() - t0, 3)  # for the record, never asserted
        print(json.dumps(res), flush=True)


def _run_serial(todo: list[tuple[str | None, str]], spec: dict[str, Any],
                on_result: Callable[[dict[str, Any]], None] | None) -> dict[str, dict[str, Any]]:
    """Run ``todo`` in one worker at a time, restarting it after a case that kills it."""
    results: dict[str, dict[str, Any]] = {}
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    while todo:
        proc = subprocess.Popen([sys.executable, "-m", "tests.support.adversarial"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        assert proc.stdin and proc.stdout and proc.stderr
        proc.stdin.write(json.dumps({**spec, "cases": todo}))
        proc.stdin.close()
        started = None
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            while True:
                if not sel.select(timeout=WALL_PER_CASE + 60 * (started is None)):
                    proc.kill()  # a C loop that ignores SIGPROF, on one case
                    break
                line = proc.stdout.readline()
                if not line:
                    break
                msg = json.loads(line)
                if "start" in msg:
                    started = msg["start"]
                    continue
                results[msg["id"]] = msg
                if on_result:
                    on_result(msg)
                started = None
        proc.wait()
        err = proc.stderr.read()
        if started is not None:
            msg = {"id": started, "counts": [], "error": (
                f"the worker died or hung on this case (exit {proc.returncode}): {err[-300:]}")}
            results[started] = msg
            if on_result:
                on_result(msg)
        elif proc.returncode != 0:
            raise RuntimeError(f"adversarial worker failed: {err[-2000:]}")
        todo = [c for c in todo if case_id(*c) not in results]
    return results


def run_cases(cases: Iterable[tuple[str | None, str]], *, workers: int = 2,
              on_result: Callable[[dict[str, Any]], None] | None = None,
              **spec: Any) -> dict[str, dict[str, Any]]:
    """Run ``cases`` (rule id or None for the pipeline, input name) in worker subprocesses.

    ``spec`` holds the worker's options (``count_chars``, ``guard_chars``,
    ``ceiling``; or ``mode="time"`` with ``chars`` and ``repeat``); ``workers``
    subprocesses share the cases round-robin and run at once.
    """
    spec = {"count_chars": COUNT_CHARS, "guard_chars": GUARD_CHARS, "ceiling": CPU_CEILING,
            **spec}
    todo = list(cases)
    parts = [p for p in (todo[k::max(1, workers)] for k in range(max(1, workers))) if p]
    results: dict[str, dict[str, Any]] = {}
    if not parts:
        return results
    with ThreadPoolExecutor(len(parts)) as pool:
        for part in pool.map(lambda p: _run_serial(p, spec, on_result), parts):
            results.update(part)
    return results


def check_cases(cases: Iterable[tuple[str | None, str]], **options: Any
                ) -> dict[str, CaseResult]:
    """:func:`run_cases` in check mode, as :class:`CaseResult` objects."""
    return {k: CaseResult(k, v.get("counts", []), v.get("error"), v.get("guard_cpu"),
                          v.get("cpu"))
            for k, v in run_cases(cases, **options).items()}


if __name__ == "__main__":
    worker()
