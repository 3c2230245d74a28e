"""The common part of every simulator: proposals on the reference, spots on the damaged text.

A simulator reads a clean *reference* text and proposes replacements of
reference spans (:class:`Proposal`). :func:`build` applies a set of
non-overlapping proposals and returns a :class:`Damaged` document: the
damaged text and one :class:`Spot` per proposal, with its span in the damaged
text, its span in the reference and the original text. Replacing every spot's
damaged span by its original gives the reference back exactly
(:meth:`Damaged.restore`).

Everything is deterministic: randomness comes from :class:`Rng`, which uses
only ``random.Random.random`` (stable across Python versions), seeded from a
CRC-32 of a string key (:func:`seed_for`).
"""

from __future__ import annotations

import itertools
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "TABLES",
    "Damaged",
    "Proposal",
    "Rng",
    "Spot",
    "TextInfo",
    "build",
    "case_like",
    "merge",
    "seed_for",
]

TABLES = Path(__file__).resolve().parent / "tables"

#: Schema of the annotation files (``*.json`` next to each damaged text).
SCHEMA = "newsfix.devset/1"


def seed_for(*parts: object) -> int:
    """A stable 32-bit seed from ``parts`` (CRC-32 of their ``|``-joined text).

    >>> seed_for("01_politics", "french") == seed_for("01_politics", "french")
    True
    """
    return zlib.crc32("|".join(str(p) for p in parts).encode("utf-8"))


class Rng:
    """Deterministic choices built on ``random.Random.random`` only."""

    def __init__(self, seed: int) -> None:
        self._r = random.Random(seed)

    def random(self) -> float:
        return self._r.random()

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self._r.random()

    def chance(self, p: float) -> bool:
        return self._r.random() < p

    def index(self, n: int) -> int:
        return min(int(self._r.random() * n), n - 1)

    def choice(self, items: Sequence[Any]) -> Any:
        return items[self.index(len(items))]

    def sample(self, items: Sequence[Any], k: int) -> list[Any]:
        """``k`` distinct items of ``items`` in their original order."""
        pool = list(range(len(items)))
        picked = []
        for _ in range(min(k, len(pool))):
            picked.append(pool.pop(self.index(len(pool))))
        return [items[i] for i in sorted(picked)]


@dataclass(frozen=True)
class Proposal:
    """Replace ``reference[start:end]`` by ``text``; a spot of ``family``/``kind``."""

    start: int
    end: int
    text: str
    family: str
    kind: str
    info: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: The replaced units inside [start, end) (one per word or short phrase a
    #: spinner replaced): (start, end, text, meta) in reference coordinates.
    parts: tuple[tuple[int, int, str, dict[str, Any]], ...] = field(
        default=(), compare=False, hash=False)


@dataclass
class Spot:
    """One damage spot: ``text`` at ``span`` in the damaged text was ``original``."""

    id: int
    family: str
    kind: str
    span: tuple[int, int]
    text: str
    ref_span: tuple[int, int]
    original: str
    quoted: bool = False
    info: dict[str, Any] = field(default_factory=dict)
    parts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "family": self.family, "kind": self.kind,
            "span": list(self.span), "text": self.text,
            "ref_span": list(self.ref_span), "original": self.original,
            "quoted": self.quoted,
        }
        d.update(self.info)
        if self.parts:
            d["parts"] = self.parts
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Spot:
        known = {"id", "family", "kind", "span", "text", "ref_span", "original", "quoted",
                 "parts"}
        return cls(id=d["id"], family=d["family"], kind=d["kind"],
                   span=(d["span"][0], d["span"][1]), text=d["text"],
                   ref_span=(d["ref_span"][0], d["ref_span"][1]), original=d["original"],
                   quoted=d.get("quoted", False),
                   info={k: v for k, v in d.items() if k not in known},
                   parts=list(d.get("parts", [])))


@dataclass
class Damaged:
    """A damaged document, its reference and the spots that tell them apart."""

    text: str
    reference: str
    spots: list[Spot]
    families: list[str]
    seed: int
    language: str | None = None
    profile: dict[str, Any] = field(default_factory=dict)

    def restore(self) -> str:
        """The damaged text with every spot replaced by its original (== reference)."""
        out, last = [], 0
        for s in sorted(self.spots, key=lambda s: (s.span, s.id)):
            out += [self.text[last:s.span[0]], s.original]
            last = s.span[1]
        out.append(self.text[last:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "families": self.families, "language": self.language,
                "seed": self.seed, "profile": self.profile,
                "spots": [s.to_dict() for s in self.spots]}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Reference spans conflict when they share a character (or are the same span)."""
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def merge(*groups: Iterable[Proposal]) -> list[Proposal]:
    """Proposals of several simulators, earlier groups first; later ones that overlap go.

    Proposals that both delete text and touch (``”`` then ``“``) also conflict,
    so that no two spots share a zero-width position in the damaged text.
    """
    kept: list[Proposal] = []
    for group in groups:
        for p in group:
            clash = any(overlaps((p.start, p.end), (q.start, q.end))
                        or (not p.text and not q.text and p.start in (q.start, q.end))
                        or (not p.text and not q.text and q.start == p.end)
                        for q in kept)
            if not clash:
                kept.append(p)
    return sorted(kept, key=lambda p: (p.start, p.end))


def build(reference: str, proposals: Iterable[Proposal], *, families: list[str], seed: int,
          language: str | None = None, profile: dict[str, Any] | None = None,
          info: TextInfo | None = None) -> Damaged:
    """Apply non-overlapping ``proposals`` to ``reference``: the damaged document."""
    props = sorted(proposals, key=lambda p: (p.start, p.end))
    for a, b in itertools.pairwise(props):
        if b.start < a.end:
            raise ValueError(f"overlapping proposals at {a.start}:{a.end} and {b.start}:{b.end}")
    info = info or TextInfo(reference)
    pieces: list[str] = []
    spots: list[Spot] = []
    last = 0
    pos = 0  # length of the damaged text so far
    for k, p in enumerate(props):
        if reference[p.start:p.end] == p.text:
            raise ValueError(f"proposal at {p.start}:{p.end} changes nothing: {p.text!r}")
        pieces.append(reference[last:p.start])
        pos += p.start - last
        start = pos
        pieces.append(p.text)
        pos += len(p.text)
        last = p.end
        spot_parts: list[dict[str, Any]] = []
        if p.parts:
            # Parts are replaced words inside the proposal; unchanged text between
            # them is copied, so their damaged offsets follow by accumulation.
            cur_ref, cur_dmg = p.start, start
            for ps, pe, pt, meta in p.parts:
                cur_dmg += ps - cur_ref
                spot_parts.append({"span": [cur_dmg, cur_dmg + len(pt)], "text": pt,
                                   "ref_span": [ps, pe], "original": reference[ps:pe], **meta})
                cur_dmg += len(pt)
                cur_ref = pe
        spots.append(Spot(id=k, family=p.family, kind=p.kind, span=(start, start + len(p.text)),
                          text=p.text, ref_span=(p.start, p.end),
                          original=reference[p.start:p.end],
                          quoted=info.quoted(p.start, p.end), info=dict(p.info),
                          parts=spot_parts))
    pieces.append(reference[last:])
    doc = Damaged("".join(pieces), reference, spots, families, seed, language,
                  dict(profile or {}))
    for s in doc.spots:
        if doc.text[s.span[0]:s.span[1]] != s.text:
            raise AssertionError(f"spot {s.id} does not match the damaged text")
        for part in s.parts:
            if doc.text[part["span"][0]:part["span"][1]] != part["text"]:
                raise AssertionError(f"spot {s.id}: a part does not match the damaged text")
    if doc.restore() != reference:
        raise AssertionError("restoring the spots does not give the reference")
    return doc


def case_like(word: str, model: str) -> str:
    """``word`` in the capitalisation of ``model`` (lower, Title or UPPER).

    >>> case_like("walk", "March"), case_like("genf", "GENEVA"), case_like("Den Haag", "the")
    ('Walk', 'GENF', 'Den Haag')
    """
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# --- text analysis -----------------------------------------------------------------

WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:;—–-]['\"”’)]*\s*$")
_ABBREVIATIONS = """mr mrs ms dr st jr sr prof sen rep gen gov lt col sgt capt no vs etc inc
ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m u.s u.k u.n d.c n.j n.c
calif minn n.d ariz tex fla mass"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())


@dataclass(frozen=True)
class Quotation:
    """A quotation: marks at ``open`` and ``close`` (indices of the mark characters)."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


class TextInfo:
    """Paragraphs, quotations and word positions of a reference text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotations = find_quotations(text)
        self._inner = [q.inner for q in self.quotations]
        self.words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]

    def quoted(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a quotation (marks included)."""
        return any(a - 1 <= start and end <= b + 1 for a, b in self._inner)

    def quote_marks(self) -> set[int]:
        return {i for q in self.quotations for i in (q.open, q.close)}

    def sentence_start(self, pos: int) -> bool:
        """Whether the word at ``pos`` begins a sentence, a paragraph or a quotation."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        before = self.text[line_start:pos]
        stripped = before.rstrip(" “\"‘(")
        if not stripped.strip():
            return True
        if SENTENCE_END.search(stripped):
            m = re.search(r"([^\W\d_][\w.]*)\.['\"”’)]*$", stripped)
            return not (m and m.group(1).lower().rstrip(".") in ABBREVIATIONS)
        return False

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return a, len(self.text) if b < 0 else b

    def is_byline(self, pos: int) -> bool:
        a, _ = self.paragraph_of(pos)
        return self.text.startswith("By ", a)

    def is_heading(self, pos: int) -> bool:
        """Headline, byline and dateline lines: short lines without a full stop at the end."""
        a, b = self.paragraph_of(pos)
        line = self.text[a:b].strip()
        return not line.endswith((".", "”", "\"", "’", "?", "!")) or line.startswith("By ")


def find_quotations(text: str) -> list[Quotation]:
    """The quotations of ``text``: curly double, straight double and curly single pairs.

    Pairs never cross a paragraph. A curly single quotation is opened by ``‘``
    at the start of a line or after a space or dash, and closed by the first
    ``’`` after punctuation (``,’``) before the next ``‘``, else by the first
    ``’`` that ends a word (``kindly’``) — so apostrophes are not taken for it.

    >>> t = 'He said: “It’s fine.” She said "no". ‘We wanted twenty years’ time,’ he said.'
    >>> [(t[q.open], t[q.close]) for q in find_quotations(t)]
    [('“', '”'), ('"', '"'), ('‘', '’')]
    """
    out: list[Quotation] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        # curly double
        opening = None
        for i, ch in enumerate(line):
            if ch == "“":
                opening = i
            elif ch == "”" and opening is not None:
                out.append(Quotation(base + opening, base + i))
                opening = None
        # straight double
        marks = [i for i, ch in enumerate(line) if ch == '"']
        for a, b in zip(marks[::2], marks[1::2]):
            out.append(Quotation(base + a, base + b))
        # curly single
        i = 0
        while True:
            i = line.find("‘", i)
            if i < 0:
                break
            if i and line[i - 1] not in " —–(“\"":
                i += 1
                continue
            nxt = line.find("‘", i + 1)
            limit = len(line) if nxt < 0 else nxt
            strong = weak = None
            for j in range(i + 1, limit):
                if line[j] != "’":
                    continue
                after = line[j + 1:j + 2]
                if after and (after.isalpha() or after.isdigit()):
                    continue  # an apostrophe inside a word
                if line[j - 1] in ",.!?;:":
                    strong = j
                    break
                if weak is None:
                    weak = j
            close = strong if strong is not None else weak
            if close is not None:
                out.append(Quotation(base + i, base + close))
                i = close + 1
            else:
                i += 1
    return sorted(out, key=lambda q: q.open)


def read_table(name: str) -> list[list[str]]:
    """Rows of a hand-written TSV under ``tables/`` (``#`` comments and blank lines skipped)."""
    rows = []
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def word_boundary_finditer(pattern: str, text: str, flags: int = 0) -> Iterable[re.Match[str]]:
    """Matches of ``pattern`` not glued to a letter or digit on either side."""
    return re.finditer(r"(?<![\w’'-])(?:" + pattern + r")(?![\w-]|[’'][^\W\d_])", text, flags)
