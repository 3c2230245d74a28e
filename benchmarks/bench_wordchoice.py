#!/usr/bin/env python3
"""MT word choice (``MT_WORD_CHOICE``) on the literal dev documents, with the source language given.

    .venv/bin/python benchmarks/bench_wordchoice.py [--split tune|heldout] [--verbose]

The literal documents of ``fixtures/dev/news/damaged/<split>/literal/`` are
English text a literal translator wrote from a known language (``language``
in each document's annotations), with no translation stage and no
untranslated residue, so in ``bench_damage.py`` the rule cannot learn the
source language and stays silent. Here each document is run as a user who
knows the source would run it:
``fix_and_trace(text, language="en", translate=False,
rule_options={"MT_WORD_CHOICE": {"source": lang}})``, and scored like
``bench_damage.py`` (the same tally). The split's clean articles are run with
each source language the literal documents use: every edit there is a false
alarm.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_damage import Tally, pct  # noqa: E402
from benchmarks.simulate import devset  # noqa: E402

import newsfix  # noqa: E402


def run(text: str, source: str) -> Any:
    return newsfix.fix_and_trace(text, language="en", translate=False,
                                 rule_options={"MT_WORD_CHOICE": {"source": source}})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=devset.SPLITS, default="tune")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    docs = devset.load(args.split, ["literal"])
    tally = Tally(args.verbose)
    languages = sorted({d.language for d in docs if d.language})
    for doc in docs:
        result = run(doc.damaged, doc.language or "")
        mt = [e for e in result.edits if e.rule == "MT_WORD_CHOICE"]
        sugg = [e for e in result.suggestions if e.rule == "MT_WORD_CHOICE"]
        tally.add(doc, mt, sugg)
    for path in devset.clean_articles(args.split):
        text = path.read_text(encoding="utf-8")
        for lang in languages:
            r = run(text, lang)
            tally.add_clean(f"{path.name} ({lang})", text,
                            [e for e in r.edits if e.rule == "MT_WORD_CHOICE"],
                            [e for e in r.suggestions if e.rule == "MT_WORD_CHOICE"])
    rep = tally.report()
    st = rep["families"]["literal"]
    print(f"split {args.split}: {st['docs']} literal documents ({', '.join(languages)})")
    print(f"spots {st['spots']}, repaired {st['repaired']} ({pct(st['recall'])}); edits "
          f"{st['edits']}: right {st['right']}, wrong {st['wrong']}, f.pos. "
          f"{st['false_positives']} (precision {pct(st['precision'])}); suggestions "
          f"{st['suggestions']} ({st['suggestions_right']} right, {st['spots_offered']} spots "
          f"offered)")
    c = rep["clean"]
    print(f"clean articles x {len(languages)} languages: {c['articles']} runs, {c['edits']} "
          f"edits, {c['suggestions']} suggestions "
          f"({c['suggestions_per_1000_words']:.2f} per 1,000 words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
