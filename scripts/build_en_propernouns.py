"""Build ``src/newsfix/data/gazetteer_en_propernouns.tsv`` from Hunspell's en_US dictionary.

Development-time only: needs Debian's ``hunspell-en-us``, ``hunspell-en-gb``
and ``hunspell-tools`` (``apt-get install hunspell-en-us hunspell-en-gb
hunspell-tools``); every word form is expanded with ``unmunch`` first (the
plural ``weeks`` is only an affix of ``week``). A word qualifies when the US
dictionary lists it only capitalised (``Moscow``, ``NATO``) and neither
dictionary has it in lower case in any form (so ``china``, ``turkey``,
``bill``, ``may``, ``weeks``, ``grey`` are out), it is a single
alphabetic word of at least three letters, and wordfreq knows it well enough
(Zipf >= 2.5) to be worth shipping. The output maps the lower-cased word to its
canonical spelling.

    python scripts/build_en_propernouns.py
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from wordfreq import zipf_frequency

HUNSPELL = Path("/usr/share/hunspell")
OUT = Path(__file__).resolve().parents[1] / "src/newsfix/data/gazetteer_en_propernouns.tsv"
MIN_ZIPF = 2.5

HEADER = """\
# Proper nouns that English writes capitalised only: lower-cased form, canonical form.
# Source: Hunspell en_US dictionary (SCOWL word lists, Debian package hunspell-en-us),
# forms listed only with a capital and never in lower case in en_US nor en_GB
# (hunspell-en-gb), expanded with unmunch, filtered by wordfreq (Zipf >= 2.5).
# Licence of the sources: SCOWL / hunspell-en-us and -en-gb permissive (BSD-like)
# licences (see their Debian copyright files). Built by scripts/build_en_propernouns.py.
"""


def expand(name: str) -> set[str]:
    """Every word form of a Hunspell dictionary, through ``unmunch``."""
    out = subprocess.run(["unmunch", str(HUNSPELL / f"{name}.dic"), str(HUNSPELL / f"{name}.aff")],
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    return {w.strip() for w in out.splitlines() if w.strip() and "/" not in w}


def main() -> None:
    words = expand("en_US")
    lower = {w for w in words | expand("en_GB") if w.islower()}
    rows = {}
    for w in sorted(words):
        if w.islower() or not w.isalpha() or len(w) < 3 or not w.isascii():
            continue
        key = w.lower()
        if key in lower or key in rows:
            continue
        if zipf_frequency(key, "en") < MIN_ZIPF:
            continue
        rows[key] = w
    body = "".join(f"{k}\t{v}\n" for k, v in sorted(rows.items()))
    OUT.write_text(HEADER + "word\tcanonical\n" + body, encoding="utf-8")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
