"""Calibrate rule confidence: measure each (rule, evidence tier) on the development sets.

    .venv/bin/python benchmarks/calibrate.py            # print the table and the validation
    .venv/bin/python benchmarks/calibrate.py --write    # also rewrite data/calibration.tsv

Every development document with a reference is run through the pipeline (no
translation) with the threshold at 0, so that every change a rule proposes is
applied (changes a rule only ever suggests stay suggestions and are judged as
such). Each edit and suggestion is then judged against the reference: the
text and the reference are aligned character by character; a change is right
when the characters around it align and the reference holds exactly its
replacement between them (up to the style of quotation marks and apostrophes:
a `'` restored where the reference has `’`, or `“` where it has `‘`, repairs the
same damage; a word changed beside a quotation mark the text still lacks is
judged without the mark), wrong when the characters around it align and the
reference holds something else, and inconclusive (not counted) when the text
around it is itself still damaged. Clean texts are their own references: any
change there is wrong.

The table gets, for every (rule, tier) seen on the TUNE sets, the number of
right changes, the number judged, and the confidence the pipeline will use:
``newsfix.calibration.shrink`` (the measured precision shrunk towards the
rule's prior by four pseudo-observations). Documents spun by
``benchmarks/simulate`` are run with the thesaurus rows the simulator used
removed (``bench_damage.mech_split``), so that the spin tiers are measured on
reversal, not memorisation. The HELD-OUT sets are only used to validate: with
the new table and the default threshold, the precision of the changes that
are applied there is printed per rule. Nothing is tuned on them.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newsfix
from newsfix.calibration import PSEUDO_COUNT, shrink
from newsfix.config import FixConfig
from newsfix.rules import registry

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
sys.path.insert(0, str(ROOT))  # benchmarks.simulate
TABLE = ROOT / "src" / "newsfix" / "data" / "calibration.tsv"


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    reference: str
    language: str | None
    #: Spun by benchmarks/simulate: measured with the thesaurus rows it used removed.
    spin_split: bool = False


def _jsonl(path: Path, damaged: str, language: str | None) -> Iterator[Doc]:
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            row = json.loads(line)
            yield Doc(f"{path.name}:{k + 1}", row[damaged], row["reference"], language)


def _pairs(folder: Path, suffix: str, language: str | None) -> Iterator[Doc]:
    for ref in sorted(folder.glob(f"*{suffix}")):
        src = ref.with_name(ref.name.replace(suffix, ".txt"))
        if src.exists():
            yield Doc(str(src.relative_to(FIX)), src.read_text(encoding="utf-8"),
                      ref.read_text(encoding="utf-8"), language)


def _clean(folder: Path, language: str | None) -> Iterator[Doc]:
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield Doc(str(path.relative_to(FIX)), text, text, language)


def _news(split: str) -> Iterator[Doc]:
    """The simulated damage of fixtures/dev/news (see benchmarks/simulate), when present."""
    base = FIX / "dev" / "news" / "damaged" / split
    for ref in sorted(base.rglob("*.reference")):
        src = ref.with_suffix(".damaged")
        if src.exists():
            yield Doc(str(src.relative_to(FIX)), src.read_text(encoding="utf-8"),
                      ref.read_text(encoding="utf-8"), "en", spin_split=True)
    clean = FIX / "dev" / "news" / "clean" / split
    if clean.is_dir():
        yield from _clean(clean, "en")


def tune_set() -> list[Doc]:
    """Documents the table is measured on."""
    return [
        *_jsonl(FIX / "dev" / "english" / "damaged.jsonl", "damaged", "en"),
        *_jsonl(FIX / "dev" / "spin" / "spun.jsonl", "spun", "en"),
        *_pairs(FIX / "damaged" / "layout", ".expected.txt", None),
        *_clean(FIX / "clean", "en"),
        *_clean(FIX / "dev" / "english" / "clean", "en"),
        *_clean(FIX / "dev" / "spin" / "clean", "en"),
        *_news("tune"),
    ]


def heldout_set() -> list[Doc]:
    """Documents only measured on, never tuned on."""
    return [
        *_jsonl(FIX / "dev" / "english" / "heldout.jsonl", "damaged", "en"),
        *_pairs(FIX / "damaged" / "heldout", ".reference.txt", None),
        *_news("heldout"),
    ]


class Aligner:
    """Character alignment of a text with its reference, for judging changes."""

    def __init__(self, text: str, reference: str) -> None:
        self.reference = reference
        self.map: dict[int, int] = {}
        matcher = difflib.SequenceMatcher(None, text, reference, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                self.map[a + k] = b + k
        self.n = len(text)

    def judge(self, start: int, end: int, after: str) -> bool | None:
        """Whether replacing ``text[start:end]`` by ``after`` gives the reference there."""
        if start > 0:
            left = self.map.get(start - 1)
            if left is None:
                return None
            r1 = left + 1
        else:
            r1 = 0
        if end < self.n:
            right = self.map.get(end)
            if right is None:
                return None
            r2 = right
        else:
            r2 = len(self.reference)
        if r2 < r1:
            return None
        want, got = _typography(self.reference[r1:r2]), _typography(after)
        if got.strip(_QUOTES) and want != got:
            # A word change beside a quotation mark the reference has and the text still
            # lacks (`We're` where the reference reads `"We're`): the mark is another
            # damage spot, judged as its own change; the word is judged alone.
            return want.strip(_QUOTES) == got.strip(_QUOTES)
        return want == got


#: Quotation marks (curly or straight, double or single) and apostrophes: a house style,
#: not a repair (`“…”` restored where a British article has `‘…’`).
_MARKS = str.maketrans({"’": "'", "‘": "'", "“": "'", "”": "'", '"': "'"})
_QUOTES = "'"


def _typography(text: str) -> str:
    """``text`` with curly marks straightened: a change in the document's other style is right.

    A restored ``"`` where the reference has ``“`` repairs the same damage;
    ``benchmarks/bench_damage.py`` reports such spots apart (``+sty``).

    >>> _typography("“We’ve”") == _typography("'We've'")
    True
    """
    return text.translate(_MARKS)


def measure(docs: list[Doc], threshold: float) -> dict[tuple[str, str], list[int]]:
    """(rule, tier) → [right, judged] over ``docs``, changes applied at ``threshold``."""
    from benchmarks.bench_damage import mech_split

    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        cfg = FixConfig(translate=False, language=doc.language, threshold=threshold)
        with mech_split(doc.spin_split):
            r = newsfix.fix_and_trace(doc.text, cfg)
        align = Aligner(r.text, doc.reference)
        judged = [(e, align.judge(e.output.start, e.output.end, e.after)) for e in r.edits]
        judged += [(s, align.judge(s.output.start, s.output.end, s.after))
                   for s in r.suggestions]
        for change, right in judged:
            if right is None:
                continue
            steps = change.steps or (change,)
            for key in {(s.rule, s.tier) for s in steps if s.rule != "TRANSLATE"}:
                counts[key][0] += int(right)
                counts[key][1] += 1
    return counts


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--write", action="store_true", help="rewrite the calibration table")
    args = p.parse_args()
    rules = {r.id: r for r in registry()}
    tune = tune_set()
    counts = measure(tune, threshold=0.0)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip() or "?"
    rows = []
    print(f"tune set: {len(tune)} documents (commit {commit})\n")
    print(f"{'rule':<24} {'tier':<22} {'prior':>5} {'right':>5} {'n':>4} {'conf':>5}")
    for rule_id, rule in rules.items():
        for tier, prior in rule.tiers.items():
            right, n = counts.get((rule_id, tier), [0, 0])
            conf = shrink(right, n, prior)
            print(f"{rule_id:<24} {tier:<22} {prior:>5.2f} {right:>5} {n:>4} {conf:>5.3f}")
            if n:
                rows.append(f"{rule_id}\t{tier}\t{prior}\t{right}\t{n}\t{conf}\t"
                            f"tune sets at {commit}")
    if args.write:
        header = TABLE.read_text(encoding="utf-8").split("\nrule\t", 1)[0]
        TABLE.write_text(header + "\nrule\ttier\tprior\tcorrect\tn\tconfidence\tmeasured_on\n"
                         + "\n".join(rows) + "\n", encoding="utf-8")
        newsfix.calibration.table.cache_clear()
        print(f"\nwrote {TABLE.relative_to(ROOT)} ({len(rows)} rows, pseudo-count "
              f"{PSEUDO_COUNT:g})")
    held = heldout_set()
    applied = measure(held, threshold=FixConfig().threshold)
    print(f"\nvalidation on the held-out sets ({len(held)} documents), default threshold:")
    print(f"{'rule':<24} {'tier':<22} {'right':>5} {'n':>4} {'precision':>9}")
    for (rule_id, tier), (right, n) in sorted(applied.items()):
        conf = rules[rule_id].confidence(tier) if rule_id in rules else 0.0
        if conf < FixConfig().threshold:
            continue  # suggestions, not applied
        print(f"{rule_id:<24} {tier:<22} {right:>5} {n:>4} {right / n:>9.1%}")


if __name__ == "__main__":
    main()
