"""Derive the English word table of ``newsfix.langid``'s fast path from wordfreq.

A paragraph is *certainly English* (``newsfix.langid.clearly_english``) when
nearly all of its words are common English words and enough of them are
*distinctively* English: frequent in English and much rarer in every other
language of European news that wordfreq has a list for. ``to`` is Polish and
Czech, ``is`` and ``at`` are Danish, ``by`` is a Nordic noun, ``die`` and
``am`` are German, ``me`` and ``no`` are Romance: none of those is distinctive;
``the``, ``which``, ``would``, ``people`` are.

This script writes ``src/newsfix/data/langid_english.tsv.gz``: one row per
English word with Zipf frequency >= ``--min-zipf`` in wordfreq's English list
and its *lead*, the English Zipf frequency minus the highest Zipf frequency of
the word in any of the other languages (rounded to 0.1; words whose lead is
below ``--min-lead`` are left out)::

    word    zipf    lead
    the     7.7     3.9

Source: wordfreq 3.x word lists (data CC BY-SA 4.0, see
``src/newsfix/data/LICENSES-langid.md``). Deterministic for one wordfreq
version.

Usage::

    python scripts/build_langid_english.py
"""

from __future__ import annotations

import argparse
import gzip
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsfix" / "data" / "langid_english.tsv.gz"

#: The languages an English word must stand out from: every language of European
#: news written in Latin letters with a wordfreq list (Serbo-Croatian under ``sh``),
#: plus Indonesian/Malay, Filipino, Turkish and Vietnamese (which langdetect offers
#: for English fragments). Cyrillic and Greek lists are left out: the English words
#: in them are quotations, and their own words cannot be taken for English.
OTHERS = ("nb", "da", "sv", "is", "fi", "de", "nl", "fr", "es", "pt", "it", "ca", "ro",
          "pl", "cs", "sk", "sl", "sh", "hu", "lt", "lv", "tr", "id", "ms", "fil", "vi")


def main(argv: list[str] | None = None) -> int:
    from importlib.metadata import version

    import wordfreq
    from wordfreq import get_frequency_dict, zipf_frequency

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", type=float, default=3.0)
    parser.add_argument("--min-lead", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    english = {w: zipf_frequency(w, "en") for w, f in get_frequency_dict("en").items()
               if f >= 10 ** (args.min_zipf - 9) and w.isalpha()}
    best_other = dict.fromkeys(english, 0.0)
    available = set(wordfreq.available_languages())
    for lang in OTHERS:
        if lang not in available:
            raise SystemExit(f"wordfreq has no {lang!r} list: is this wordfreq 3.x?")
        table = get_frequency_dict(lang)
        for word in english:
            freq = table.get(word, 0.0)
            if freq:
                best_other[word] = max(best_other[word], zipf_frequency(word, lang))
        del table
    buffer = io.StringIO()
    buffer.write(f"# English words and their lead over {len(OTHERS)} other languages; "
                 f"wordfreq {version('wordfreq')}, CC BY-SA 4.0; "
                 "scripts/build_langid_english.py\n")
    buffer.write("word\tzipf\tlead\n")
    kept = 0
    for word in sorted(english):
        lead = english[word] - best_other[word]
        if lead >= args.min_lead:
            buffer.write(f"{word}\t{english[word]:.1f}\t{lead:.1f}\n")
            kept += 1
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                  filename="") as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    print(f"{len(english)} English words with Zipf >= {args.min_zipf}, {kept} lead by "
          f">= {args.min_lead}; wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
