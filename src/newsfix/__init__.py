"""newsfix: detect, clean, repair and translate damaged news text, with provenance.

Two entry points, the quick one and the explaining one:

>>> import newsfix
>>> newsfix.fix("The call lasted two  hours. ", translate=False)
'The call lasted two hours.'
>>> r = newsfix.fix_and_trace("The call lasted two  hours. ", translate=False)
>>> [(e.rule, e.before, e.after) for e in r.edits]
[('SPACE_RUN', '  ', ' '), ('TRAILING_SPACE', ' ', '')]

The names of newsfix's peers work too: ``fix_text`` (ftfy) is ``fix``;
``fix_and_explain`` returns the text and the steps taken, as ftfy's does;
``replay(source, edits)`` applies edits (objects or JSON) to a source:

>>> newsfix.fix_text("The call lasted two  hours.", translate=False)
'The call lasted two hours.'
>>> newsfix.fix_and_explain("two  hours", translate=False).explanation[0][:2]
('apply', 'SPACE_RUN')
>>> newsfix.replay(r.source, r.edits) == r.text
True
"""

from __future__ import annotations

from typing import Any

from newsfix._version import __version__
from newsfix.aligned import AlignedText, Change, Edit, Span, Step
from newsfix.config import FixConfig
from newsfix.report import ExplainedText, ExplanationStep, replay
from newsfix.result import SCHEMA, Result, Segment

__all__ = [
    "SCHEMA",
    "AlignedText",
    "Change",
    "Edit",
    "ExplainedText",
    "ExplanationStep",
    "FixConfig",
    "Result",
    "Segment",
    "Span",
    "Step",
    "__version__",
    "detect",
    "detect_langs",
    "detect_language",
    "fix",
    "fix_and_explain",
    "fix_and_trace",
    "fix_text",
    "replay",
]


def fix_and_trace(text: str | bytes, config: FixConfig | None = None, **options: Any) -> Result:
    """Repair ``text`` and return a :class:`Result` explaining every change.

    ``text`` may be ``bytes`` (decoded as UTF-8; each invalid byte becomes
    U+FFFD and a warning with its byte offset). ``options`` override fields of
    ``config`` (see :class:`FixConfig`), e.g. ``translate=False``,
    ``threshold=0.95``, ``disable={"spacing"}``.
    """
    from newsfix.pipeline import Pipeline

    cfg = (config or FixConfig()).with_options(**options) if options else (config or FixConfig())
    return Pipeline.default().run(text, cfg)


def fix(text: str | bytes, config: FixConfig | None = None, **options: Any) -> str:
    """Repair ``text`` and return the fixed text only (see :func:`fix_and_trace`)."""
    return fix_and_trace(text, config, **options).text


#: ftfy's name for :func:`fix`: ``newsfix.fix_text(text, **options)`` returns the fixed text.
fix_text = fix


def fix_and_explain(text: str | bytes, config: FixConfig | None = None,
                    **options: Any) -> ExplainedText:
    """Repair ``text`` and return it with the steps taken, like ``ftfy.fix_and_explain``.

    The explanation lists each rule that changed (or only proposed to
    change) the text, in pipeline order, with a count: see
    :meth:`Result.explain`. For every offset, use :func:`fix_and_trace`.
    """
    result = fix_and_trace(text, config, **options)
    return ExplainedText(result.text, tuple(result.explain()))


def detect_language(text: str, *, detector: str = "langdetect") -> Any:
    """The language of ``text`` as a ``LanguageGuess`` (code, confidence, alternatives).

    >>> import newsfix
    >>> newsfix.detect_language("Eg veit ikkje kva dei sa i går.").code
    'nn'
    """
    from newsfix.langid import detect_language as _detect

    return _detect(text, detector=detector)


def detect(text: str, *, detector: str = "langdetect") -> str:
    """The language code of ``text``, langdetect-style (BCP 47: ``nb``, ``nn``, ``en``…).

    >>> import newsfix
    >>> newsfix.detect("Norges Bank holder renten uendret, meldte sentralbanken torsdag.")
    'nb'
    >>> newsfix.detect("Noregs Bank held renta uendra, melde sentralbanken torsdag.")
    'nn'
    >>> newsfix.detect("")
    'und'
    """
    from newsfix.langid import detect as _detect

    return _detect(text, detector=detector)


def detect_langs(text: str, *, detector: str = "langdetect") -> list[Any]:
    """Ranked candidate languages of ``text`` as ``Language(lang, prob)``, like langdetect's.

    The probabilities are calibrated (0.9 is right about nine times in ten)
    and sum to at most 1; the list is empty for text without letters.

    >>> import newsfix
    >>> best = newsfix.detect_langs("Han ble sittende etter møtet i går.")[0]
    >>> best.lang, best.prob > 0.5
    ('nb', True)
    """
    from newsfix.langid import detect_langs as _detect_langs

    return list(_detect_langs(text, detector=detector))
