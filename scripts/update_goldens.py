#!/usr/bin/env python3
"""Regenerate fixtures/golden/ from the seeds (repair without translation).

Golden files are only for output a person has read: after running this,
read `git diff fixtures/golden` line by line before committing.

    .venv/bin/python scripts/update_goldens.py
"""

from __future__ import annotations

from pathlib import Path

import newsfix

ROOT = Path(__file__).resolve().parents[1]


def edits_table(result: newsfix.Result) -> str:
    """One line per edit and suggestion: kind, rule(s), source span, before, after."""
    lines = ["# kind\trules\tsource\tbefore\tafter"]
    for kind, edits in (("edit", result.edits), ("suggestion", result.suggestions)):
        for e in edits:
            rules = ">".join(s.rule for s in e.steps) if e.steps else e.rule
            lines.append(f"{kind}\t{rules}\t{e.source.start}-{e.source.end}\t"
                         f"{e.before!r}\t{e.after!r}")
    return "\n".join(lines) + "\n"


def main() -> None:
    out = ROOT / "fixtures" / "golden"
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        result = newsfix.fix_and_trace(seed.read_bytes(), translate=False)
        (out / f"{seed.stem}.fixed.txt").write_text(result.text, encoding="utf-8")
        (out / f"{seed.stem}.edits.tsv").write_text(edits_table(result), encoding="utf-8")
        print(f"{seed.name}: {len(result.edits)} edits, {len(result.suggestions)} suggestions")


if __name__ == "__main__":
    main()
