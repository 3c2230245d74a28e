"""Readers for the public lexical sources that the ``build_*`` scripts derive tables from.

Development time only; nothing here runs inside newsfix. Each reader names the
Debian package or repository it needs; ``require`` fails with the command that
installs what is missing. Sources:

* FreeDict dictionaries in dictd format (Debian ``dict-freedict-XXX-eng`` and
  ``dict-freedict-eng-XXX``), read from ``/usr/share/dictd``;
* Princeton WordNet 3.0 (Debian ``wordnet-base``), ``/usr/share/wordnet``;
* the Open Multilingual Wordnet's tab files (``git clone
  https://github.com/omwn/omw-data``; pass its folder as ``--omw`` or set
  ``OMW_DATA``), linked to WordNet 3.0 synsets by offset;
* Hunspell dictionaries (Debian ``hunspell-XX``) through the ``hunspell``
  command (Debian ``hunspell``) for stemming;
* wordfreq (PyPI) for word frequencies.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsfix" / "data"
DICTD = Path("/usr/share/dictd")
WORDNET = Path("/usr/share/wordnet")
HUNSPELL = Path("/usr/share/hunspell")

# newsfix language code → FreeDict/OMW three-letter code, Hunspell dictionary, wordfreq code
LANGS: dict[str, dict[str, str]] = {
    "de": {"iso3": "deu", "hunspell": "de_DE", "wordfreq": "de"},
    "pl": {"iso3": "pol", "hunspell": "pl_PL", "wordfreq": "pl"},
    "fr": {"iso3": "fra", "hunspell": "fr", "wordfreq": "fr"},
    "es": {"iso3": "spa", "hunspell": "es_ES", "wordfreq": "es"},
    "it": {"iso3": "ita", "hunspell": "it_IT", "wordfreq": "it"},
    "nl": {"iso3": "nld", "hunspell": "nl", "wordfreq": "nl"},
    "nb": {"iso3": "nor", "hunspell": "nb_NO", "wordfreq": "nb"},
    "sv": {"iso3": "swe", "hunspell": "sv_SE", "wordfreq": "sv"},
    "da": {"iso3": "dan", "hunspell": "da_DK", "wordfreq": "da"},
    "pt": {"iso3": "por", "hunspell": "pt_PT", "wordfreq": "pt"},
}

# OMW tab files per language (relative to the omw-data checkout) and their licences
OMW_FILES: dict[str, list[tuple[str, str]]] = {
    "pl": [("wns/pol/wn-data-pol.tab", "plWordNet (WordNet-style licence)")],
    "fr": [("wns/fra/wn-data-fra.tab", "WOLF (CeCILL-C)")],
    "es": [("wns/mcr/wn-data-spa.tab", "MCR 3.0 (CC BY 3.0)")],
    "it": [
        ("wns/ita/wn-data-ita.tab", "MultiWordNet (CC BY 3.0)"),
        ("wns/iwn/wn-data-ita.tab", "ItalWordNet (ODC-BY 1.0)"),
    ],
    "nl": [("wns/nld/wn-data-nld.tab", "Open Dutch WordNet (CC BY-SA 4.0)")],
    "nb": [("wns/nor/wn-data-nob.tab", "Norwegian Wordnet (WordNet-style licence)")],
    "sv": [("wns/swe/wn-data-swe.tab", "WordNet-SALDO (CC BY 3.0)")],
    "da": [("wns/dan/wn-data-dan.tab", "DanNet (WordNet-style licence)")],
    "pt": [("wns/por/wn-data-por.tab", "OpenWN-PT (CC BY-SA 3.0)")],
}


def require(path: Path, install: str) -> Path:
    """``path`` if it exists, else exit naming what to install."""
    if not path.exists():
        sys.exit(f"missing {path}: install it with `{install}`")
    return path


# ---------------------------------------------------------------- dictd / FreeDict

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}


def _b64(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64[c]
    return n


def dictd_entries(name: str) -> Iterator[tuple[str, str]]:
    """(index headword, entry text) of FreeDict dictionary ``name`` (``deu-eng``), in file order.

    The ``.dict.dz`` file is gzip-compatible (dictzip), so it is read whole.
    """
    base = require(DICTD / f"freedict-{name}.index", f"apt-get install dict-freedict-{name}")
    with gzip.open(DICTD / f"freedict-{name}.dict.dz") as f:
        data = f.read()
    rows = []
    for line in base.open(encoding="utf-8"):
        hw, off, length = line.rstrip("\n").split("\t")[:3]
        if hw.startswith("00-database") or hw.startswith("00database"):
            continue
        rows.append((_b64(off), _b64(length), hw))
    rows.sort()
    seen: set[int] = set()
    for off, length, hw in rows:
        if off in seen:
            continue
        seen.add(off)
        yield hw, data[off : off + length].decode("utf-8", "replace")


def dictd_header(name: str) -> str:
    """The ``00-database-info`` text of a FreeDict dictionary (edition, licence)."""
    with gzip.open(DICTD / f"freedict-{name}.dict.dz") as f:
        data = f.read(6000)
    return data[:6000].decode("utf-8", "replace")


_HEAD_RE = re.compile(r"^(?P<hw>.+?)(?:\s+/[^/]*/)*(?:\s+\(.*?\))?(?:\s+<(?P<pos>[^>]*)>)*\s*$")
_LABEL_RE = re.compile(r"\[([^\]]*)\]")
_POS_RE = re.compile(r"<[^>]*>")
_PRON_RE = re.compile(r"/[^/,]*/")
_NUM_RE = re.compile(r"(?:^|\s)\d+\.(?=\s|$)")


@dataclass
class Sense:
    """One sense of a dictionary entry: its translations (in order) and its labels."""

    translations: list[str]
    labels: set[str] = field(default_factory=set)


@dataclass
class Entry:
    headword: str
    pos: str
    senses: list[Sense]


def parse_headline(line: str) -> tuple[str, str]:
    """(headword, part-of-speech tags) of an entry's first line."""
    pos = " ".join(p.strip("<>") for p in _POS_RE.findall(line))
    head = _POS_RE.sub("", line)
    head = re.sub(r"\s/[^/]*/", "", " " + head).strip()
    head = re.sub(r"\s*\([^)]*\)\s*$", "", head).strip()
    return head, pos


def split_items(text: str) -> list[tuple[str, set[str]]]:
    """Translation items of one line, each with its ``[labels]``.

    Commas inside brackets or braces do not split; pronunciations, ``<pos>``
    tags and ``{cross references}`` are dropped.
    """
    items: list[tuple[str, set[str]]] = []
    depth = 0
    cur = ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        if ch in ",;" and depth == 0:
            items.append(_clean_item(cur))
            cur = ""
        else:
            cur += ch
    items.append(_clean_item(cur))
    return [(t, labels) for t, labels in items if t]


def _clean_item(raw: str) -> tuple[str, set[str]]:
    labels = {lab.strip().lower() for lab in _LABEL_RE.findall(raw)}
    t = _LABEL_RE.sub(" ", raw)
    # Ding writes an abbreviation after the part of speech ("European Central Bank <n>ECB"):
    # keep the phrase, drop the abbreviation
    m = _POS_RE.search(t)
    if m:
        t = t[: m.start()]
    t = _POS_RE.sub(" ", t)
    t = _PRON_RE.sub(" ", t)
    t = re.sub(r"\{[^}]*\}", " ", t)
    t = re.sub(r"\([^)]*\)", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .:-–")
    return t, labels


def parse_entry(text: str, style: str) -> Entry:
    """An entry of a FreeDict dictionary in dictd text form.

    ``style`` is ``ding`` (German–English from Ding: one sense per entry, the
    translations on the second line, indented lines are examples and notes) or
    ``tei`` (the other FreeDict and FreeDict+WikDict dictionaries: numbered
    lines ``1. a, b`` carry translations, other lines are glosses).
    """
    lines = text.rstrip("\n").split("\n")
    head, pos = parse_headline(lines[0])
    senses: list[Sense] = []
    if style == "ding":
        if len(lines) > 1:
            items = split_items(lines[1])
            labels = set().union(*(lab for _, lab in items)) if items else set()
            senses.append(Sense([t for t, lab in items if not lab & RARE_LABELS], labels))
        return Entry(head, pos, senses)
    numbered = [ln for ln in lines[1:] if re.match(r"^\d+\.\s", ln) or re.match(r"^[IVX]+\.\s", ln)]
    cand = numbered if numbered else lines[1:2]
    for ln in cand:
        ln = re.sub(r"^(\d+|[IVX]+)\.\s+", "", ln)
        ln = re.sub(r"\s+\d+\.\s*$", "", ln)
        items = split_items(ln)
        labels = set().union(*(lab for _, lab in items)) if items else set()
        senses.append(Sense([t for t, lab in items if not lab & RARE_LABELS], labels))
    return Entry(head, pos, senses)


RARE_LABELS = {
    "archaic",
    "obs.",
    "obsolete",
    "poet.",
    "rare",
    "humor.",
    "dated",
    "old",
    "veraltet",
    "vulg.",
    "slang",
    "coll.",
    "ugs.",
    "dial.",
    "obs",
    "archaic.",
    "hist.",
}


# ---------------------------------------------------------------- WordNet


@dataclass
class Synset:
    offset: str  # "08300783-n"
    lexfile: int
    lemmas: list[str]  # with spaces, original case
    hypernyms: list[str]  # offsets of hypernyms and instance hypernyms
    instance: bool


def wordnet_synsets(pos: Iterable[str] = ("noun", "verb", "adj", "adv")) -> dict[str, Synset]:
    """WordNet 3.0 synsets keyed ``OFFSET-p`` (``p`` in n v a r; satellites are ``a``)."""
    require(WORDNET / "data.noun", "apt-get install wordnet-base")
    letter = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    out: dict[str, Synset] = {}
    for p in pos:
        for line in (WORDNET / f"data.{p}").open(encoding="latin-1"):
            if line.startswith("  "):
                continue
            parts = line.split(" | ")[0].split()
            offset, lexfile, n = parts[0], int(parts[1]), int(parts[3], 16)
            words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).replace("_", " ") for i in range(n)]
            k = 4 + 2 * n
            npt = int(parts[k])
            hyper: list[str] = []
            instance = False
            for j in range(npt):
                sym, target, tpos = parts[k + 1 + 4 * j], parts[k + 2 + 4 * j], parts[k + 3 + 4 * j]
                if sym in ("@", "@i"):
                    hyper.append(f"{target}-{'a' if tpos == 's' else tpos}")
                    instance = instance or sym == "@i"
            key = f"{offset}-{letter[p]}"
            out[key] = Synset(key, lexfile, words, hyper, instance)
    return out


def wordnet_lemma_ranks() -> dict[str, list[str]]:
    """Lower-case lemma (spaces) → its synset keys, most frequent sense first (``index.*``)."""
    letter = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    out: dict[str, list[str]] = defaultdict(list)
    for p, let in letter.items():
        for line in (WORDNET / f"index.{p}").open(encoding="latin-1"):
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0].replace("_", " ")
            n_syn = int(parts[2])
            for off in parts[-n_syn:]:
                out[lemma].append(f"{off}-{let}")
    return out


def hypernym_closure(synsets: dict[str, Synset], key: str) -> set[str]:
    """All (instance) hypernyms of a synset, transitively."""
    seen: set[str] = set()
    todo = [key]
    while todo:
        k = todo.pop()
        for h in synsets[k].hypernyms if k in synsets else ():
            if h not in seen:
                seen.add(h)
                todo.append(h)
    return seen


# ---------------------------------------------------------------- OMW


def omw_dir(arg: str | None) -> Path | None:
    """The omw-data checkout given on the command line or in ``OMW_DATA``, if any."""
    p = arg or os.environ.get("OMW_DATA")
    return Path(p) if p else None


def omw_lemmas(root: Path, lang: str) -> list[tuple[str, str, str]]:
    """(synset key, foreign lemma, licence) rows of the OMW files for ``lang`` under ``root``."""
    rows: list[tuple[str, str, str]] = []
    for rel, licence in OMW_FILES.get(lang, []):
        path = root / rel
        if not path.exists() or path.stat().st_size < 1000:
            print(f"note: {path} absent (OMW data for {lang} skipped)", file=sys.stderr)
            continue
        for line in path.open(encoding="utf-8"):
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1].endswith("lemma"):
                key = parts[0].replace("-s", "-a")
                rows.append((key, parts[2].strip(), licence))
    return rows


# ---------------------------------------------------------------- Apertium

APERTIUM = Path("/usr/share/apertium")


def apertium_translate(
    pair: str, src: str, words: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Analyse ``words`` with Apertium's ``SRC`` analyser, translate the lemmas with its bilingual
    dictionary (Debian ``apertium-PAIR`` and ``lttoolbox``).

    Returns (word → lemmas, lemma → English lemmas), both in Apertium's order.
    """
    base = require(APERTIUM / f"apertium-{pair}", f"apt-get install lttoolbox apertium-{pair}")
    tgt = pair.replace(src, "").strip("-")
    morf, bil = base / f"{src}-{tgt}.automorf.bin", base / f"{src}-{tgt}.autobil.bin"
    text = "\n".join(w.replace("^", "").replace("$", "") for w in words) + "\n"
    out = subprocess.run(
        ["lt-proc", "-a", str(morf)], input=text, capture_output=True, text=True, check=True
    ).stdout
    forms: dict[str, list[str]] = defaultdict(list)
    analyses: set[str] = set()
    for m in re.finditer(r"\^([^/$]*)/([^$]*)\$", out):
        word, rest = m.group(1), m.group(2)
        for a in rest.split("/"):
            if a.startswith("*") or "<" not in a or "+" in a:
                continue
            lemma = a[: a.index("<")]
            if lemma and lemma not in forms[word]:
                forms[word].append(lemma)
            analyses.add(a)
    ordered = sorted(analyses)
    bi = subprocess.run(
        ["lt-proc", "-b", str(bil)],
        input="".join(f"^{a}$\n" for a in ordered),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    trans: dict[str, list[str]] = defaultdict(list)
    for m in re.finditer(r"\^([^/$]*)/([^$]*)\$", bi):
        a = m.group(1)
        lemma = a[: a.index("<")] if "<" in a else a
        for t in m.group(2).split("/"):
            if t.startswith("@") or "<" not in t:
                continue
            eng = t[: t.index("<")].replace("#", " ").replace("_", " ").strip()
            if eng and eng not in trans[lemma]:
                trans[lemma].append(eng)
    return forms, trans


# ---------------------------------------------------------------- Hunspell, wordfreq


def hunspell_stems(lang: str, words: list[str]) -> dict[str, list[str]]:
    """word → its Hunspell stems (``hunspell -s``), for the language's dictionary."""
    dic = LANGS[lang]["hunspell"]
    require(HUNSPELL / f"{dic}.dic", f"apt-get install hunspell hunspell-{lang}")
    proc = subprocess.run(
        ["hunspell", "-d", str(HUNSPELL / dic), "-s", "-i", "utf-8"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, list[str]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1] and parts[1] != parts[0]:
            if parts[1] not in out[parts[0]]:
                out[parts[0]].append(parts[1])
        elif len(parts) == 1 and parts[0]:
            out.setdefault(parts[0], [])
    return out


def top_words(lang: str, n: int) -> list[str]:
    """The ``n`` most frequent alphabetic words of ``lang`` in wordfreq, most frequent first."""
    import wordfreq

    return [
        w
        for w in wordfreq.top_n_list(LANGS[lang]["wordfreq"] if lang in LANGS else lang, n * 2)
        if w.isalpha()
    ][:n]


def zipf(word: str, lang: str) -> float:
    import wordfreq

    return float(wordfreq.zipf_frequency(word, LANGS[lang]["wordfreq"] if lang in LANGS else lang))


def fold(s: str) -> str:
    """Lower case without diacritics (``Kraków`` → ``krakow``; ``ß`` → ``ss``, ``ł`` → ``l``)."""
    s = s.lower().replace("ß", "ss").replace("ł", "l").replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# ---------------------------------------------------------------- output


def write_table(path: Path, header: str, columns: list[str], rows: Iterable[Iterable[str]]) -> int:
    """Write a lexicon table (``#`` comments, header row, rows); gzip when the name ends ``.gz``.

    Returns the number of rows. Cells must not contain tabs or newlines.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [ln if ln.startswith("#") else "# " + ln for ln in header.strip("\n").split("\n")]
    body = ["\t".join(columns)]
    n = 0
    for row in rows:
        cells = list(row)
        for c in cells:
            if "\t" in c or "\n" in c:
                raise ValueError(f"{path.name}: bad cell {c!r}")
        body.append("\t".join(cells))
        n += 1
    text = "\n".join(lines + body) + "\n"
    if path.name.endswith(".gz"):
        # mtime=0 keeps the output byte-identical between runs
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f,
        ):
            f.write(text.encode("utf-8"))
    else:
        path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {n} rows, {path.stat().st_size} bytes", file=sys.stderr)
    return n
