#!/usr/bin/env python3
"""Build tests/data/mojibake/cases.json: real wrong-codec mojibake of our own sentences.

Each sentence below (written for newsfix, in many languages) is encoded with
one codec and decoded with another, as broken pipelines do (UTF-8 read as
Windows-1252, Latin-1, Windows-1250, Windows-1251, Mac Roman; twice in a row).
A case is kept when the round trip is lossless (strict codecs, no replacement)
and ftfy recovers the sentence from it, so the file holds what ftfy fixes;
``tests/test_ftfy_parity.py`` checks that newsfix fixes it the same way, up to
the settings newsfix keeps on purpose. The specific regressions of issue 14
are added by hand at the end (``REGRESSIONS``).

    .venv/bin/python scripts/build_mojibake_cases.py   # rewrites the file; review the diff
"""

from __future__ import annotations

import json
from pathlib import Path

import ftfy

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "mojibake" / "cases.json"

SENTENCES = {
    "en": "The café’s owner said “it’s déjà vu” — again… and left.",
    "fr": "À Montréal, l’hôpital a fermé ses portes après la grève des infirmières.",
    "de": "Die Bürgermeisterin hat die Straßenbahn über die Brücke verlängert.",
    "es": "El niño pidió más información sobre la canción en el año 2024.",
    "pt": "A população de São Paulo votou na eleição, disse o ministério.",
    "it": "La città è cresciuta più del previsto, ha detto l’università.",
    "pl": "Łódź i Wrocław otrzymają środki na żłobki, powiedział minister.",
    "cs": "Přečtěte si, co řekl ministr o českých železnicích.",
    "sk": "Slovenčina má dĺžne, mäkčene aj vokáň: ôsmy deň.",
    "nb": "Ålesund fikk nye bøker til biblioteket på fredag, sa ordføreren.",
    "sv": "Göteborgs hamn öppnade igen efter stormen, säger länsstyrelsen.",
    "da": "Københavns borgmester åbnede den nye bro over havnen i går.",
    "is": "Þórshöfn og Akureyri fengu nýjar ferðir í sumar, segir ráðherrann.",
    "tr": "İstanbul’da öğretmenler çarşamba günü grev yaptı.",
    "ro": "Primăria din Iași a anunțat că școlile rămân închise.",
    "hu": "A főváros új hídját csütörtökön adták át a forgalomnak.",
    "el": "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια.",
    "ru": "Правительство объявило о новых мерах поддержки в четверг.",
    "uk": "Мешканці Києва отримали світло після ремонту в п’ятницю.",
    "he": "ראש העירייה הודיע על פתיחת הגשר החדש ביום שני.",
    "ar": "أعلنت الحكومة عن إجراءات جديدة لدعم المزارعين.",
    "zh": "市政府周二宣布了新的交通计划。",
    "ja": "東京都は火曜日に新しい交通計画を発表した。",
    "vi": "Thành phố Hà Nội đã khánh thành cây cầu mới vào thứ Hai.",
}

#: (encode as, decode as): the UTF-8 bytes read in a legacy code page.
ROUND_TRIPS = [("utf-8", "cp1252"), ("utf-8", "latin-1"), ("utf-8", "cp1250"),
               ("utf-8", "cp1251"), ("utf-8", "mac_roman"), ("utf-8", "iso-8859-2")]

#: Issue 14's regressions, by hand: original, what ftfy gives, why.
REGRESSIONS = [
    {"label": "issue 14: U+0085 of Latin-1 mojibake must reach ftfy, not become a line break",
     "original": "Ã\x85lesund fikk nye bøker.", "language": None},
    {"label": "issue 14: a one-line document is not page residue (PAGE_RESIDUE deleted it)",
     "original": "Campeonatos > III DivisÃ£o - SÃ©rie F > Jornadas ClassificaÃ§Ã£o",
     "language": None},
    {"label": "issue 14: U+FFFD inside a word is not a word boundary (NAME_CASE)",
     "original": "Sloven\ufffdina is the language of Slovakia.", "language": "en"},
    {"label": "issue 14: Latin-1 ellipsis U+0085 at the end of a quotation",
     "original": "â\x80\x9cWe will see\x85â\x80\x9d, she said.", "language": None},
]


def lossless(text: str, enc: str, dec: str) -> str | None:
    """``text`` through the round trip, or None when a codec cannot carry it."""
    try:
        return text.encode(enc).decode(dec)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def build() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = []
    for lang, sentence in SENTENCES.items():
        for enc, dec in ROUND_TRIPS:
            once = lossless(sentence, enc, dec)
            if once is None or once == sentence:
                continue
            variants = [(f"{enc} read as {dec}", once)]
            twice = lossless(once, enc, dec)
            if twice is not None:
                variants.append((f"{enc} read as {dec}, twice", twice))
            for how, garbled in variants:
                if ftfy.fix_text(garbled) != ftfy.fix_text(sentence):
                    continue  # ftfy cannot undo this one: not a parity case
                cases.append({"label": f"{lang}: {how}", "original": garbled,
                              "clean": sentence, "language": None})
    for case in REGRESSIONS:
        cases.append({**case, "clean": ftfy.fix_text(str(case["original"]))})
    return cases


def main() -> None:
    cases = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
