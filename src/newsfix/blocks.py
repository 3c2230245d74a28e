"""Very long documents fixed block by block, so that memory stays bounded (issue 15).

A news article is a few kilobytes; a "document" of many megabytes is an
archive dump or a concatenation, and fixing it whole holds the per-character
state of every rule for all of it at once (about 300 bytes per character).
:func:`split_blocks` cuts such a text at paragraph breaks — a blank line,
exactly ``"\\n\\n"`` between two lines of text — into blocks of about
``size`` characters; :func:`run_blocks` fixes each block as a document of its
own and joins the results into one :class:`~newsfix.result.Result` for the
whole text: edits, suggestions, segments and warnings moved to the whole
text's coordinates, so that replaying the edits on the source still gives the
text exactly. The breaks themselves are passed through unchanged (they are
the canonical paragraph separator: no rule would change them inside a
document).

What is read document-wide (the damage profile, a name's spellings elsewhere,
the document's language) is read per block; the joined result says so in a
``blocks`` warning. A text with no break in a block's reach is not cut there:
the block runs on to the next break, and a text with none is one block.
:class:`~newsfix.config.FixConfig`'s ``block_chars`` sets the size
(default :data:`BLOCK_CHARS`; 0 never cuts).

>>> split_blocks("One.\\n\\nTwo.\\n\\nThree.", 4)
[Span(start=0, end=4), Span(start=6, end=10), Span(start=12, end=18)]
>>> split_blocks("One.\\n\\nTwo.", 100)
[Span(start=0, end=10)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from newsfix.aligned import Edit, Span
from newsfix.result import Result, Segment

__all__ = ["BLOCK_CHARS", "run_blocks", "split_blocks"]

#: Default block size in characters: two orders of magnitude above a long article.
BLOCK_CHARS = 1_000_000

_BREAK = "\n\n"


def split_blocks(text: str, size: int) -> list[Span]:
    """The blocks of ``text``: spans of at least ``size`` characters (the last may be shorter).

    Consecutive blocks are separated by exactly ``"\\n\\n"``, with a character
    that is not whitespace on each side; the spans and the separators cover
    ``text`` exactly. Linear in ``len(text)``.
    """
    blocks: list[Span] = []
    start = 0
    n = len(text)
    while n - start > size:
        at = start + size
        while True:
            cut = text.find(_BREAK, at)
            if cut < 0:
                break
            end = cut + len(_BREAK)
            if (cut > start and not text[cut - 1].isspace() and end < n
                    and not text[end].isspace()):
                break
            at = cut + 1
        if cut < 0:
            break
        blocks.append(Span(start, cut))
        start = cut + len(_BREAK)
    blocks.append(Span(start, n))
    return blocks


def _moved(edit: Edit, source: int, output: int) -> Edit:
    return replace(edit, source=Span(edit.source.start + source, edit.source.end + source),
                   output=Span(edit.output.start + output, edit.output.end + output))


def _moved_warning(warning: dict[str, Any], source: int, output: int) -> dict[str, Any]:
    moved = dict(warning)
    for key, delta in (("source", source), ("output", output)):
        value = moved.get(key)
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
            moved[key] = [value[0] + delta, value[1] + delta]
    return moved


def run_blocks(fix: Callable[[str], Result], text: str, size: int) -> Result | None:
    """Fix ``text`` block by block with ``fix`` and join the results; ``None`` if one block.

    The joined result's language is the one of most of the text (by the
    blocks' lengths); each damage family's score is the length-weighted mean of
    the blocks' scores and its evidence counts are summed; metadata is the first
    block's, with keys only later blocks found added.
    """
    spans = split_blocks(text, size)
    if len(spans) < 2:
        return None
    out: list[str] = []
    edits: list[Edit] = []
    suggestions: list[Edit] = []
    segments: list[Segment] = []
    warnings: list[dict[str, Any]] = []
    metadata: dict[str, Any] = {}
    by_language: dict[str, float] = {}
    confidence: dict[str, float] = {}
    translated_to: str | None = None
    damage: dict[str, dict[str, Any]] = {}
    output_at = 0
    total = 0
    for k, span in enumerate(spans):
        if k:
            out.append(_BREAK)
            output_at += len(_BREAK)
        r = fix(text[span.slice])
        weight = span.end - span.start
        total += weight
        edits.extend(_moved(e, span.start, output_at) for e in r.edits)
        suggestions.extend(_moved(e, span.start, output_at) for e in r.suggestions)
        segments.extend(replace(s, source=Span(s.source.start + span.start,
                                               s.source.end + span.start),
                                output=Span(s.output.start + output_at,
                                            s.output.end + output_at)) for s in r.segments)
        warnings.extend(_moved_warning(w, span.start, output_at) for w in r.warnings)
        for key, value in r.metadata.items():
            metadata.setdefault(key, value)
        lang = str(r.language.get("source", ""))
        by_language[lang] = by_language.get(lang, 0.0) + weight
        confidence[lang] = confidence.get(lang, 0.0) + weight * float(
            r.language.get("confidence", 0.0))
        if r.language.get("output") != r.language.get("source"):
            translated_to = str(r.language.get("output"))
        for family, report in r.damage.items():
            into = damage.setdefault(family, {"score": 0.0, "evidence": {}})
            into["score"] += weight * float(report.get("score", 0.0))
            for name, count in report.get("evidence", {}).items():
                if isinstance(count, (int, float)):
                    into["evidence"][name] = into["evidence"].get(name, 0) + count
        out.append(r.text)
        output_at += len(r.text)
    for report in damage.values():
        report["score"] = round(report["score"] / total, 3)
    language = max(by_language, key=lambda lang: by_language[lang])
    warnings.insert(0, {"code": "blocks",
                        "message": f"document of {len(text):,} characters fixed in "
                                   f"{len(spans)} blocks of about {size:,} characters, cut at "
                                   "blank lines; document-wide evidence (damage profile, "
                                   "spellings, language) was read per block"})
    return Result(source=text, text="".join(out),
                  language={"source": language, "output": translated_to or language,
                            "confidence": round(confidence[language] / by_language[language], 4)},
                  segments=tuple(segments), edits=tuple(edits), suggestions=tuple(suggestions),
                  metadata=metadata, warnings=tuple(warnings), damage=damage)
