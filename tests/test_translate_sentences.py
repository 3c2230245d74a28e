"""newsfix's own sentence splitter (no translate extra needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfix.translate import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _texts(text: str, lang: str = "nb") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Hei. Hvordan går det?", "nb", ["Hei.", "Hvordan går det?"]),
        (
            "Prisen steg 3.5 prosent. Så falt den.",
            "nb",
            ["Prisen steg 3.5 prosent.", "Så falt den."],
        ),
        ("Det kostet 3,5 mill. kr i fjor. Nei.", "nb", ["Det kostet 3,5 mill. kr i fjor.", "Nei."]),
        ("Møtet er bl.a. om fred. Ja.", "nb", ["Møtet er bl.a. om fred.", "Ja."]),
        ("Det skjer f.eks. i dag. Ja.", "nb", ["Det skjer f.eks. i dag.", "Ja."]),
        (
            "Mr. Trump met Dr. Smith. Then he left.",
            "en",
            ["Mr. Trump met Dr. Smith.", "Then he left."],
        ),
        ("Donald J. Trump spoke. Yes.", "en", ["Donald J. Trump spoke.", "Yes."]),
        ("Am 25. April kam er. Dann ging er.", "de", ["Am 25. April kam er.", "Dann ging er."]),
        ("Den 25. april kom han. Ja.", "nb", ["Den 25. april kom han.", "Ja."]),
        ('"Jeg er åpen," sa Putin. Han smilte.', "nb", ['"Jeg er åpen," sa Putin.', "Han smilte."]),
        ("Han sa: «Ja.» Så gikk han.", "nb", ["Han sa: «Ja.»", "Så gikk han."]),
        ('He said "No!" Then silence.', "en", ['He said "No!"', "Then silence."]),
        ("Vent... Hva nå?! Ingenting.", "nb", ["Vent...", "Hva nå?!", "Ingenting."]),
        (
            "Overskrift uten punktum\nTeksten starter her.",
            "nb",
            ["Overskrift uten punktum", "Teksten starter her."],
        ),
        (
            "I en fersk uttalelse har\n\nVladimir Putin sagt ja.",
            "nb",
            ["I en fersk uttalelse har", "Vladimir Putin sagt ja."],
        ),
        ("en linje som\nfortsetter her.", "nb", ["en linje som\nfortsetter her."]),
        ("www.oe24.at melder dette.", "nb", ["www.oe24.at melder dette."]),
    ],
)
def test_split_examples(text: str, lang: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


def test_long_sentence_is_cut_at_a_space() -> None:
    text = ("ord " * 300).strip() + "."
    spans = split_sentences(text, "nb", max_chars=100)
    assert all(e - s <= 100 for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text


def test_seed_002_sentences() -> None:
    text = (SEEDS / "002_d8e3467ada999945.txt").read_text("utf-8")
    got = _texts(text)
    assert got[:3] == [
        "Putin tilbyr Trump -møter - håp om fred i Ukraina!",
        "Putin tilbyr Trump -møter - håp om fred i Ukraina!",
        "I en fersk uttalelse har",
    ]
    assert "Dette fremgår av rapporter fra oe24 ." in got
    assert (
        '"Jeg er åpen for kontakter og møter," sa Putin og understreket behovet for å '
        "organisere det på forhånd for å oppnå et nytt samarbeidsnivå." in got
    )
    assert got[-4:] == ["Details", "OrtKursk, Russland", "Quellen", "Kommentare (0)"]


def _check_cover(text: str, spans: list[tuple[int, int]]) -> None:
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[last:s].strip() == ""  # only whitespace between sentences
        last = e
    assert text[last:].strip() == ""


@settings(deadline=None)  # no timing in tests: a loaded CI machine must not flake
@given(st.text(alphabet=st.sampled_from(list("ab A.!?…«»\"'\n 3,")), max_size=200))
def test_spans_cover_all_non_space_text(text: str) -> None:
    for lang in ("nb", "en", "de"):
        _check_cover(text, split_sentences(text, lang, max_chars=40))


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_are_covered(seed: Path) -> None:
    text = seed.read_text("utf-8")
    _check_cover(text, split_sentences(text, "nb"))


def test_importing_needs_no_translate_extra() -> None:
    import subprocess

    code = (
        "import sys, newsfix.translate, newsfix.translate.cli, newsfix.translate.models;"
        "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'sentencepiece', 'torch')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
