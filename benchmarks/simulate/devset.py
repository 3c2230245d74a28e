"""Build, write, read and check the development sets under ``fixtures/dev/news/``.

Layout::

    fixtures/dev/news/clean/{tune,heldout}/NN_desk_slug.txt      the clean articles
    fixtures/dev/news/damaged/{tune,heldout}/<family>/<id>.damaged    damaged text
                                              <id>.reference  reference (the clean article)
                                              <id>.json       annotations (spots)
    fixtures/dev/news/damaged/{tune,heldout}/manifest.tsv         one line per document

An article goes to ``heldout`` when its number ``NN`` is divisible by 3,
else to ``tune``; damaged documents of a split come only from that split's
clean articles. ``<family>`` is one of the families or ``mixed``; ``<id>`` is
the article's stem, plus ``.<lang>`` for a language family, or
``.<recipe>`` for a mixed document. The texts are UTF-8 plain text; they are
not named ``*.txt`` so that tests which run newsfix over every fixture text
(``tests/test_contract.py``) do not run it over some 750 generated documents.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.simulate import FAMILIES, LANGUAGE_FAMILIES, LANGUAGES, RECIPES, simulate
from benchmarks.simulate.core import Damaged, Spot, seed_for

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "fixtures" / "dev" / "news"
SPLITS = ("tune", "heldout")
#: Bumping this changes every seed (and so every document).
BASE_SEED = "newsfix-devsets/1"
#: A language family's document needs at least this many spots, else the next language.
MIN_SPOTS = {"untranslated": 4, "exonym": 3, "literal": 4}
#: Literal translation is sparse (a few words per article): two languages per article.
DOCS_PER_ARTICLE = {"literal": 2}


def split_of(stem: str) -> str:
    """The split of a clean article: numbers divisible by 3 are held out.

    >>> split_of("03_courts_x"), split_of("04_science_y")
    ('heldout', 'tune')
    """
    m = re.match(r"(\d+)_", stem)
    if not m:
        raise ValueError(f"clean article names start with a number: {stem!r}")
    return "heldout" if int(m.group(1)) % 3 == 0 else "tune"


def clean_articles(split: str, dev: Path = DEV) -> list[Path]:
    return sorted((dev / "clean" / split).glob("*.txt"))


@dataclass
class DevDoc:
    """One document of a dev set, read back from its files."""

    id: str
    split: str
    family: str  # the folder: a family name or "mixed"
    families: list[str]
    language: str | None
    damaged: str
    reference: str
    spots: list[Spot]
    meta: dict[str, Any]

    @property
    def words(self) -> int:
        return len(self.reference.split())


def _number(stem: str) -> int:
    return int(stem.split("_", 1)[0])


def _languages_for(stem: str, family: str) -> list[str]:
    """The ten languages in the order tried for an article (rotating per article and family)."""
    k = (_number(stem) + 3 * list(FAMILIES).index(family)) % len(LANGUAGES)
    return list(LANGUAGES[k:] + LANGUAGES[:k])


def documents_for(path: Path) -> list[tuple[str, str, Damaged]]:
    """(folder, id, damaged document) for one clean article: one per family, one mixed."""
    stem = path.stem
    ref = path.read_text(encoding="utf-8")
    out = []
    for family in FAMILIES:
        seed = seed_for(BASE_SEED, stem, family)
        if family in LANGUAGE_FAMILIES:
            # The first languages (in a rotating order) that give enough spots;
            # failing that, the one that gives most.
            tried = [simulate(ref, [family], seed, lang) for lang in _languages_for(stem, family)]
            good = [d for d in tried if len(d.spots) >= MIN_SPOTS[family]]
            picked = good[:DOCS_PER_ARTICLE.get(family, 1)] or \
                [max(tried, key=lambda d: len(d.spots))]
            out += [(family, f"{stem}.{d.language}", d) for d in picked if d.spots]
        else:
            doc = simulate(ref, [family], seed)
            if doc.spots:
                out.append((family, stem, doc))
    recipe = list(RECIPES)[_number(stem) % len(RECIPES)]
    families, lang = RECIPES[recipe]
    if lang is None:
        lang = LANGUAGES[(_number(stem) * 7) % len(LANGUAGES)]
    doc = simulate(ref, list(families), seed_for(BASE_SEED, stem, "mixed", recipe), lang)
    out.append(("mixed", f"{stem}.{recipe}", doc))
    return out


def _dump(meta: dict[str, Any], spots: list[dict[str, Any]]) -> str:
    """JSON with one spot per line: readable in a diff, exact to parse."""
    head = json.dumps(meta, ensure_ascii=False, indent=1)
    assert head.endswith("}")
    lines = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in spots)
    return head[:-2] + ',\n "spots": [\n' + lines + "\n ]\n}\n"


def write(dev: Path = DEV) -> dict[str, int]:
    """Regenerate every damaged document from the clean articles; documents per split."""
    counts = {}
    for split in SPLITS:
        root = dev / "damaged" / split
        if root.exists():
            for old in sorted(root.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        manifest = ["id\tfamily\tfamilies\tlanguage\tspots\twords"]
        n = 0
        for path in clean_articles(split, dev):
            if split_of(path.stem) != split:
                raise ValueError(f"{path} is in {split}/ but its number says {split_of(path.stem)}")
            for folder, doc_id, doc in documents_for(path):
                d = root / folder
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{doc_id}.damaged").write_text(doc.text, encoding="utf-8")
                (d / f"{doc_id}.reference").write_text(doc.reference, encoding="utf-8")
                meta = {"schema": doc.to_dict()["schema"], "id": f"{split}/{folder}/{doc_id}",
                        "split": split, "article": path.stem,
                        "clean": path.relative_to(dev).as_posix(),
                        "damaged": f"{doc_id}.damaged", "reference": f"{doc_id}.reference",
                        "families": doc.families, "language": doc.language, "seed": doc.seed,
                        "profile": doc.profile}
                (d / f"{doc_id}.json").write_text(
                    _dump(meta, [s.to_dict() for s in doc.spots]), encoding="utf-8")
                manifest.append(f"{split}/{folder}/{doc_id}\t{folder}\t{','.join(doc.families)}"
                                f"\t{doc.language or ''}\t{len(doc.spots)}"
                                f"\t{len(doc.reference.split())}")
                n += 1
        root.mkdir(parents=True, exist_ok=True)
        (root / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        counts[split] = n
    return counts


def load(split: str, families: list[str] | None = None, dev: Path = DEV) -> list[DevDoc]:
    """The documents of a split (optionally only those folders), in a stable order."""
    root = dev / "damaged" / split
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no dev set; build it with "
                                "'python -m benchmarks.simulate build'")
    docs = []
    for js in sorted(root.glob("*/*.json")):
        folder = js.parent.name
        if families and folder not in families:
            continue
        meta = json.loads(js.read_text(encoding="utf-8"))
        spots = [Spot.from_dict(s) for s in meta.pop("spots")]
        docs.append(DevDoc(id=meta["id"], split=split, family=folder,
                           families=meta["families"], language=meta["language"],
                           damaged=(js.parent / meta["damaged"]).read_text(encoding="utf-8"),
                           reference=(js.parent / meta["reference"]).read_text(encoding="utf-8"),
                           spots=spots, meta=meta))
    return docs


def check(doc: DevDoc, dev: Path = DEV) -> list[str]:
    """Every way a document's annotations fail to describe its texts (empty if none)."""
    problems = []
    last = 0
    for s in sorted(doc.spots, key=lambda s: s.span):
        a, b = s.span
        if a < last:
            problems.append(f"spot {s.id} overlaps the previous one")
        last = b
        if doc.damaged[a:b] != s.text:
            problems.append(f"spot {s.id}: damaged text {doc.damaged[a:b]!r} != {s.text!r}")
        ra, rb = s.ref_span
        if doc.reference[ra:rb] != s.original:
            problems.append(f"spot {s.id}: reference text {doc.reference[ra:rb]!r} "
                            f"!= {s.original!r}")
        for part in s.parts:
            if doc.damaged[part["span"][0]:part["span"][1]] != part["text"]:
                problems.append(f"spot {s.id}: part {part['text']!r} not at its span")
            if doc.reference[part["ref_span"][0]:part["ref_span"][1]] != part["original"]:
                problems.append(f"spot {s.id}: part original {part['original']!r} not at its span")
    restored = Damaged(doc.damaged, doc.reference, doc.spots, doc.families, 0).restore()
    if restored != doc.reference:
        problems.append("replacing every spot by its original does not give the reference")
    clean = dev / doc.meta["clean"]
    if clean.read_text(encoding="utf-8") != doc.reference:
        problems.append(f"the reference differs from {doc.meta['clean']}")
    if split_of(clean.stem) != doc.split:
        problems.append(f"a {doc.split} document made from a {split_of(clean.stem)} article")
    return problems
