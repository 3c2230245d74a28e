"""Scoring a repair against annotated damage spots (used by ``benchmarks/bench_damage.py``).

The damaged text went into the repairer; its changes (edits, or one
suggestion at a time) are spans of the damaged text with a replacement. A
spot is *repaired* when the output, at the spot, equals the reference.

Spots and changes that overlap form groups (a zero-width spot — a stripped
quotation mark — overlaps a change that touches its position). For each
group the changes are applied to the group's stretch of damaged text, and the
result is matched against every way of writing that stretch with each spot
either restored (its original) or left as it was (its damaged text). The
match that restores most spots decides which spots are repaired. If no way
matches, the changes wrote something that is neither: nothing in the group
is repaired. A spot with ``parts`` (a spun phrase or name) is matched part by
part, so a phrase can be half restored.

A change is ``right`` when it overlaps a repaired spot, ``wrong`` when it
overlaps spots but repairs none, and a ``false_positive`` when it overlaps
no spot at all.

>>> spots = [Spot(0, "french", "possessive", (4, 10), "Trumps", (4, 11), "Trump’s")]
>>> j = judge("Mr. Trumps war.", spots, [Change(4, 10, "Trump’s"), Change(11, 14, "battle")])
>>> j.repaired, [c.verdict for c in j.changes]
({0}, ['right', 'false_positive'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.simulate.core import Spot

__all__ = ["Change", "Judgement", "Unit", "fold_marks", "judge", "judge_each", "units_of"]

_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fold_marks(text: str) -> str:
    """Curly apostrophes and quotation marks as straight ones (same length).

    >>> print(fold_marks("“It’s”"))
    "It's"
    """
    return text.translate(_MARKS)


@dataclass
class Change:
    """A repair's change: ``damaged[start:end]`` becomes ``after``."""

    start: int
    end: int
    after: str
    rule: str = ""
    verdict: str = ""  # right | wrong | false_positive, filled by judge()
    spots: list[int] = field(default_factory=list)  # ids of the spots it overlaps


@dataclass(frozen=True)
class Unit:
    """The smallest judged piece: a spot, or one part of a spot with parts."""

    spot: int
    part: int | None
    start: int
    end: int
    text: str
    original: str


@dataclass
class Judgement:
    repaired: set[int]  # spot ids fully repaired
    units_repaired: set[tuple[int, int | None]]  # (spot id, part index) repaired
    changes: list[Change]


def units_of(spots: Sequence[Spot]) -> list[Unit]:
    """The units of ``spots`` in text order (a spot's parts replace the spot)."""
    out = []
    for s in spots:
        if s.parts:
            out += [Unit(s.id, k, p["span"][0], p["span"][1], p["text"], p["original"])
                    for k, p in enumerate(s.parts)]
        else:
            out.append(Unit(s.id, None, s.span[0], s.span[1], s.text, s.original))
    return sorted(out, key=lambda u: (u.start, u.end))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    if a[0] == a[1]:
        return b[0] <= a[0] <= b[1]
    if b[0] == b[1]:
        return a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _groups(items: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the overlap relation (indices into ``items``)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(items)), key=lambda i: items[i])
    active: list[int] = []
    for i in order:
        s = items[i][0]
        active = [j for j in active if items[j][1] >= s]
        for j in active:
            if _overlap(items[i], items[j]):
                parent[find(i)] = find(j)
        active.append(i)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _match(out: str, base: str, start: int, units: list[Unit]) -> list[bool] | None:
    """Which units are restored in ``out`` (``base`` is the damaged stretch at ``start``).

    Dynamic programming over positions of ``out``; among the ways that match,
    the one restoring most units. None if none matches.
    """
    pieces: list[tuple[str, Unit | None]] = []
    pos = start
    for u in units:
        pieces.append((base[pos - start:u.start - start], None))
        pieces.append(("", u))
        pos = u.end
    pieces.append((base[pos - start:], None))
    states: dict[int, tuple[int, tuple[bool, ...]]] = {0: (0, ())}
    for literal, unit in pieces:
        new: dict[int, tuple[int, tuple[bool, ...]]] = {}
        for p, (n, choice) in states.items():
            options = [(literal, None)] if unit is None else \
                [(unit.original, True), (unit.text, False)]
            for text, restored in options:
                if out.startswith(text, p):
                    q = p + len(text)
                    cand = (n + bool(restored),
                            choice if restored is None else (*choice, restored))
                    if q not in new or cand[0] > new[q][0]:
                        new[q] = cand
        states = new
        if not states:
            return None
    final = states.get(len(out))
    return list(final[1]) if final else None


def judge(damaged: str, spots: Sequence[Spot], changes: Sequence[Change],
          fold: Callable[[str], str] | None = None) -> Judgement:
    """Which spots ``changes`` (applied together) repair, and each change's verdict.

    ``fold`` (a same-length mapping such as :func:`fold_marks`) is applied to
    both sides before comparing: ``fold=fold_marks`` accepts ``'`` for ``’``.
    """
    f = fold or (lambda t: t)
    changes = sorted(changes, key=lambda c: (c.start, c.end))
    units = units_of(spots)
    items = [(u.start, u.end) for u in units] + [(c.start, c.end) for c in changes]
    n_units = len(units)
    spot_units: dict[int, list[int]] = {}
    for k, u in enumerate(units):
        spot_units.setdefault(u.spot, []).append(k)
    restored: set[int] = set()  # unit indices
    matched_groups: set[int] = set()  # change indices in a group that matched
    for group in _groups(items):
        us = sorted(i for i in group if i < n_units)
        cs = sorted(i - n_units for i in group if i >= n_units)
        if not cs:
            continue
        start = min(items[i][0] for i in group)
        end = max(items[i][1] for i in group)
        base = damaged[start:end]
        out, last = [], start
        for ci in cs:
            c = changes[ci]
            out += [damaged[last:c.start], c.after]
            last = c.end
        out.append(damaged[last:end])
        sub = [Unit(u.spot, u.part, u.start, u.end, f(u.text), f(u.original))
               for u in (units[i] for i in us)]
        result = _match(f("".join(out)), f(base), start, sub)
        if result is None:
            continue
        matched_groups.update(cs)
        restored.update(i for i, ok in zip(us, result) if ok)
    repaired = {sid for sid, ks in spot_units.items() if all(k in restored for k in ks)}
    for ci, c in enumerate(changes):
        over = [k for k, u in enumerate(units) if _overlap((c.start, c.end), (u.start, u.end))]
        c.spots = sorted({units[k].spot for k in over})
        if not over:
            c.verdict = "false_positive"
        elif ci in matched_groups and any(k in restored for k in over):
            c.verdict = "right"
        else:
            c.verdict = "wrong"
    return Judgement(repaired, {(units[k].spot, units[k].part) for k in restored}, list(changes))


def judge_each(damaged: str, spots: Sequence[Spot], changes: Sequence[Change],
               fold: Callable[[str], str] | None = None) -> Judgement:
    """Like :func:`judge`, but each change on its own (suggestions are alternatives)."""
    repaired: set[int] = set()
    units: set[tuple[int, int | None]] = set()
    judged = []
    for c in changes:
        j = judge(damaged, spots, [c], fold)
        repaired |= {s for s in j.repaired}
        units |= j.units_repaired
        judged.append(j.changes[0])
    # A spot counts as offered when some suggestion restores one of its units.
    offered = {sid for sid, _ in units}
    return Judgement(repaired | offered, units, judged)
