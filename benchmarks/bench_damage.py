#!/usr/bin/env python3
"""Repair of simulated damage, per family, on the news dev sets (issues 10 and 11).

    .venv/bin/python benchmarks/bench_damage.py [--split tune|heldout] [--family F ...]
                                               [--json] [--verbose] [--no-mech-split]
                                               [--dev fixtures/dev/news]

Runs ``newsfix.fix_and_trace(text, language="en", translate=False)`` over the
damaged documents of ``fixtures/dev/news/damaged/<split>/`` (built by
``python -m benchmarks.simulate build``) and scores its edits against the
annotated spots (``benchmarks/simulate/score.py``):

* spots, repaired (the output equals the reference at the spot), recall;
  ``+sty``: spots that would count as repaired if ``'`` were accepted for
  ``’`` and ``"`` for ``“``/``”`` (the repair is right but not in the
  document's typography);
* edits: right (repair a spot), wrong (touch a spot and do not give its
  reference), false positives (touch no spot); precision = right / all edits;
* suggestions: how many, how many would be right, and how many spots a right
  suggestion was offered for;
* the clean articles of the split: edits and suggestions per 1,000 words;
* spin: phrases and organisation names restored, words restored, and the
  *ceiling*: the share of spun words whose original is among the thesaurus
  candidates of the written word at all (mech rows only), and of spun names
  that the names table knows.

Spun documents are run with the sim rows of the thesaurus removed from
newsfix's loaded table (``benchmarks/simulate/split.py``), so a repair counts
only if it reverses the spin through rows the spinner never read; other
documents and the clean articles run with the table as shipped.
``--json`` prints one object (schema ``newsfix.bench_damage/1``) for scripts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.simulate import devset, split  # noqa: E402
from benchmarks.simulate.score import Change, fold_marks, judge, judge_each  # noqa: E402

import newsfix  # noqa: E402

NAMES_TABLE = ROOT / "src" / "newsfix" / "data" / "spin_names.tsv.gz"
SCHEMA = "newsfix.bench_damage/1"


def run(text: str) -> Any:
    return newsfix.fix_and_trace(text, language="en", translate=False)


@contextmanager
def mech_split(active: bool) -> Iterator[bool]:
    """Remove the sim rows from newsfix's loaded thesaurus for the duration (then restore).

    Returns (as the context value) whether newsfix's table could be found; a
    mechanism that reads synonyms elsewhere must offer the same hook.
    """
    if not active:
        yield False
        return
    try:
        from newsfix.rules import spin as nspin

        tiers = nspin.synonym_tiers()
    except (ImportError, AttributeError):
        yield False
        return
    banned = split.banned_rows()
    saved = [{h: t[h] for h in banned if h in t} for t in tiers]
    for t in tiers:
        for h in banned:
            t.pop(h, None)
    nspin.synonyms.cache_clear()
    try:
        yield True
    finally:
        for t, s in zip(tiers, saved):
            t.update(s)
        nspin.synonyms.cache_clear()


def changes_of(edits: Any) -> list[Change]:
    """Edits (or suggestions) of a ``newsfix.Result`` as changes of the damaged text."""
    return [Change(e.source.start, e.source.end, e.after, e.rule) for e in edits]


def new_stats() -> dict[str, Any]:
    return {"docs": 0, "spots": 0, "repaired": 0, "style_only": 0, "edits": 0, "right": 0,
            "wrong": 0, "false_positives": 0, "suggestions": 0, "suggestions_right": 0,
            "spots_offered": 0, "kinds": defaultdict(Counter), "rules": defaultdict(Counter)}


def finish(st: dict[str, Any]) -> dict[str, Any]:
    """Counts with recall = repaired / spots and precision = right / (right + wrong + f.pos.)."""
    edits = st["right"] + st["wrong"] + st["false_positives"]
    out = {k: v for k, v in st.items() if k not in ("kinds", "rules")}
    out["edits"] = edits
    out["recall"] = st["repaired"] / st["spots"] if st["spots"] else None
    out["precision"] = st["right"] / edits if edits else None
    out["kinds"] = {k: {"spots": c["spots"], "repaired": c["repaired"],
                        "recall": c["repaired"] / c["spots"] if c["spots"] else None}
                    for k, c in sorted(st["kinds"].items())}
    out["rules"] = {r: dict(c) for r, c in sorted(st["rules"].items())}
    return out


def ceiling_tables() -> tuple[dict[str, set[str]], set[str]]:
    """The mechanism's candidate tables under the split: mech rows, and the names table."""
    mech = {h: set(t1) | set(t2) for h, (t1, t2) in split.mech_rows().items()}
    with gzip.open(NAMES_TABLE, "rt", encoding="utf-8") as f:
        names = {line.strip().lower() for line in f if line.strip() and not line.startswith("#")}
    return mech, names


def reachable(text: str, original: str, mech: dict[str, set[str]]) -> bool:
    """Whether the original of a spun unit is among the written word's mech candidates."""
    w, o = text.lower(), original.lower()
    return " " not in w and " " not in o and o in mech.get(w, set())


class Tally:
    """Scores of a repairer over dev documents, per folder, per family in mixed documents."""

    def __init__(self, verbose: bool = False) -> None:
        self.rows: dict[str, dict[str, Any]] = defaultdict(new_stats)
        self.mixed: dict[str, dict[str, Any]] = defaultdict(new_stats)
        self.spin: Counter[str] = Counter()
        self.spin_units: dict[str, Counter[str]] = defaultdict(Counter)
        self.clean: Counter[str] = Counter()
        self.verbose = verbose
        self._tables: tuple[dict[str, set[str]], set[str]] | None = None

    def add(self, doc: devset.DevDoc, edits: Any, suggestions: Any) -> None:
        """Score one document's repair: its applied ``edits`` and its ``suggestions``."""
        if self._tables is None:
            self._tables = ceiling_tables()
        mech, names = self._tables
        judged = judge(doc.damaged, doc.spots, changes_of(edits))
        styled = judge(doc.damaged, doc.spots, changes_of(edits), fold_marks).repaired
        suggs = judge_each(doc.damaged, doc.spots, changes_of(suggestions))
        by_id = {s.id: s for s in doc.spots}
        row = self.rows[doc.family]
        row["docs"] += 1
        for s in doc.spots:
            fixed = s.id in judged.repaired
            for target in [row] if doc.family != "mixed" else [row, self.mixed[s.family]]:
                target["spots"] += 1
                target["kinds"][s.kind]["spots"] += 1
                target["repaired"] += fixed
                target["kinds"][s.kind]["repaired"] += fixed
                target["spots_offered"] += s.id in suggs.repaired
                target["style_only"] += s.id in styled and not fixed
            if self.verbose and not fixed:
                a, b = s.span
                around = doc.damaged[max(0, a - 30):b + 30].replace("\n", " ")
                print(f"MISS {doc.id} [{s.family}/{s.kind}] {s.text!r} -> {s.original!r}"
                      f" (at {a}: …{around}…)")
            if s.family == "spin":
                key = "names" if s.kind == "name" else "phrases"
                self.spin[key] += 1
                self.spin[key + "_restored"] += fixed
                if s.kind == "name":
                    self.spin["names_in_table"] += s.original.lower() in names
                for k, part in enumerate(s.parts):
                    ok = reachable(part["text"], part["original"], mech)
                    restored = (s.id, k) in judged.units_repaired
                    unit = "name word" if s.kind == "name" else part.get("kind", "word")
                    for c in (self.spin, self.spin_units[unit]):
                        c["words"] += 1
                        c["words_restored" if c is self.spin else "restored"] += restored
                        c["words_reachable" if c is self.spin else "reachable"] += ok
        verdict_key = {"right": "right", "wrong": "wrong", "false_positive": "false_positives"}
        for source, result in (("edit", judged), ("suggestion", suggs)):
            for c in result.changes:
                targets = [row]
                if doc.family == "mixed" and c.spots:
                    targets.append(self.mixed[by_id[c.spots[0]].family])
                for target in targets:
                    if source == "edit":
                        target[verdict_key[c.verdict]] += 1
                        target["rules"][c.rule][c.verdict] += 1
                    else:
                        target["suggestions"] += 1
                        target["suggestions_right"] += c.verdict == "right"
                if self.verbose and source == "edit" and c.verdict != "right":
                    before = doc.damaged[c.start:c.end]
                    print(f"{c.verdict.upper()} {doc.id} {c.rule}: {before!r} -> {c.after!r}")

    def add_clean(self, name: str, text: str, edits: Any, suggestions: Any) -> None:
        """A clean article's repair: every edit and suggestion is a false alarm."""
        self.clean["articles"] += 1
        self.clean["words"] += len(text.split())
        self.clean["edits"] += len(edits)
        self.clean["suggestions"] += len(suggestions)
        for kind, changes in (("edit", edits), ("suggestion", suggestions)):
            for e in changes:
                self.clean[f"{kind}:{e.rule}"] += 1
                if self.verbose:
                    print(f"CLEAN {name} {kind} {e.rule}: {e.before!r} -> {e.after!r}")

    def report(self) -> dict[str, Any]:
        spin, clean = self.spin, self.clean
        per_k = 1000 / clean["words"] if clean["words"] else 0.0
        spin_out: dict[str, Any] = dict(spin)
        for key in ("phrases", "names", "words"):
            n = spin.get(key, 0)
            spin_out[key + "_restored_share"] = spin.get(key + "_restored", 0) / n if n else None
        spin_out["ceiling_words"] = spin["words_reachable"] / spin["words"] if spin["words"] \
            else None
        spin_out["ceiling_names"] = spin["names_in_table"] / spin["names"] if spin["names"] \
            else None
        spin_out["by_unit"] = {k: dict(v) for k, v in sorted(self.spin_units.items())}
        return {
            "families": {k: finish(v) for k, v in sorted(self.rows.items())},
            "mixed_by_family": {k: finish(v) for k, v in sorted(self.mixed.items())},
            "spin": spin_out,
            "clean": {"articles": clean["articles"], "words": clean["words"],
                      "edits": clean["edits"], "suggestions": clean["suggestions"],
                      "edits_per_1000_words": clean["edits"] * per_k,
                      "suggestions_per_1000_words": clean["suggestions"] * per_k,
                      "by_rule": {k: v for k, v in sorted(clean.items()) if ":" in k}},
        }


def evaluate(split_name: str, folders: list[str] | None, use_split: bool,
             verbose: bool, dev: Path = devset.DEV) -> dict[str, Any]:
    """Run newsfix over a split's damaged documents and its clean articles; the report."""
    docs = devset.load(split_name, folders, dev)
    tally = Tally(verbose)
    applied = False
    for doc in docs:
        spun = any(s.family == "spin" for s in doc.spots)
        with mech_split(use_split and spun) as on:
            applied |= on
            result = run(doc.damaged)
        tally.add(doc, result.edits, result.suggestions)
    for path in devset.clean_articles(split_name, dev):
        text = path.read_text(encoding="utf-8")
        r = run(text)  # the thesaurus as shipped
        tally.add_clean(path.name, text, r.edits, r.suggestions)
    return {"schema": SCHEMA, "split": split_name, "newsfix_version": newsfix.__version__,
            "mech_split": {"requested": use_split, "applied_to_newsfix": applied,
                           "banned_rows": len(split.banned_rows()) if use_split else 0},
            "documents": len(docs), **tally.report()}


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def print_report(res: dict[str, Any]) -> None:
    ms = res["mech_split"]
    print(f"split {res['split']}: {res['documents']} documents; newsfix {res['newsfix_version']};"
          f" mech split {'applied' if ms['applied_to_newsfix'] else 'NOT applied'}"
          f" ({ms['banned_rows']} sim rows banned)\n")
    head = (f"{'family':<22}{'docs':>5}{'spots':>7}{'fixed':>7}{'+sty':>6}{'recall':>8}{'edits':>7}"
            f"{'right':>7}{'wrong':>7}{'f.pos':>7}{'prec.':>8}{'sugg':>6}{'s.ok':>6}"
            f"{'offered':>8}")
    print(head)
    print("-" * len(head))

    def line(name: str, st: dict[str, Any], docs: bool = True) -> None:
        print(f"{name:<22}{st['docs'] if docs else '':>5}{st['spots']:>7}{st['repaired']:>7}"
              f"{st['style_only']:>6}"
              f"{pct(st['recall']):>8}{st['edits']:>7}{st['right']:>7}{st['wrong']:>7}"
              f"{st['false_positives']:>7}{pct(st['precision']):>8}{st['suggestions']:>6}"
              f"{st['suggestions_right']:>6}{st['spots_offered']:>8}")

    for name, st in res["families"].items():
        line(name, st)
        if name == "mixed":
            for fam, mst in res["mixed_by_family"].items():
                line(f"  mixed: {fam}", mst, docs=False)
    print("\nby kind (spots, repaired):")
    for name, st in res["families"].items():
        kinds = st["kinds"] if name != "mixed" else {}
        if kinds:
            print(f"  {name:<14}" + "  ".join(f"{k} {v['repaired']}/{v['spots']}"
                                              for k, v in kinds.items()))
    sp = res["spin"]
    if sp.get("words"):
        print(f"\nspin: phrases restored {sp.get('phrases_restored', 0)}/{sp.get('phrases', 0)}"
              f" ({pct(sp['phrases_restored_share'])}); organisation names restored "
              f"{sp.get('names_restored', 0)}/{sp.get('names', 0)} "
              f"({pct(sp['names_restored_share'])}); words restored "
              f"{sp['words_restored']}/{sp['words']} ({pct(sp['words_restored_share'])})")
        print(f"spin ceiling: {pct(sp['ceiling_words'])} of spun words have their original "
              f"among the written word's mech-row candidates; {pct(sp['ceiling_names'])} of "
              f"spun names are in spin_names.tsv.gz")
        for k, v in sp["by_unit"].items():
            print(f"  {k:<13} words {v.get('words', 0):>5}  reachable "
                  f"{v.get('reachable', 0):>5}  restored {v.get('restored', 0):>5}")
    c = res["clean"]
    print(f"\nclean articles: {c['articles']}, {c['words']} words: {c['edits']} edits "
          f"({c['edits_per_1000_words']:.2f} per 1,000 words), {c['suggestions']} suggestions "
          f"({c['suggestions_per_1000_words']:.2f} per 1,000 words)")
    if c["by_rule"]:
        print("  " + ", ".join(f"{k} {v}" for k, v in c["by_rule"].items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    ap.add_argument("--family", action="append",
                    help="only these dev folders (a family name or 'mixed'; repeatable)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--verbose", action="store_true",
                    help="print every miss, wrong edit and clean-text change")
    ap.add_argument("--no-mech-split", action="store_true",
                    help="leave newsfix's thesaurus whole on spun documents")
    ap.add_argument("--dev", type=Path, default=devset.DEV,
                    help="the dev-set folder (default fixtures/dev/news)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        res = evaluate(args.split, args.family, not args.no_mech_split, args.verbose, args.dev)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    res["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print_report(res)
        print(f"\n{res['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
