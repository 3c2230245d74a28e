"""Bytes to text: BOMs, UTF-8, legacy encodings with a reported guess, binary refusal."""

from __future__ import annotations

import pytest

from newsfix import FixConfig, fix_and_trace
from newsfix.decode import binary_reason, decode, decode_bytes

FRENCH = "« Déjà vu », dit-il : le café coûte 5 € à la gare — c’est trop.\n"
RUSSIAN = "Министр сказал, что переговоры продолжатся в понедельник в Москве.\n"
POLISH = "Minister powiedział, że źródła są wiarygodne, a rozmowy potrwają tydzień.\n"


def test_utf8_with_and_without_a_bom() -> None:
    assert decode_bytes(FRENCH.encode()).encoding == "utf-8"
    d = decode_bytes(("\ufeff" + FRENCH).encode())
    assert (d.encoding, d.text, d.warnings) == ("utf-8", "\ufeff" + FRENCH, [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom(codec: str) -> None:
    d = decode_bytes(("\ufeff" + RUSSIAN).encode(codec))
    assert (d.encoding, d.text, d.warnings) == (codec, "\ufeff" + RUSSIAN, [])
    assert binary_reason(("\ufeff" + RUSSIAN).encode(codec)) is None


def test_a_truncated_utf16_file_reports_its_last_byte() -> None:
    data = ("\ufeff" + "Oslo").encode("utf-16-le") + b"O"
    d = decode_bytes(data, name="u.txt")
    assert d.text == "\ufeffOslo\ufffd"
    assert d.warnings[0]["code"] == "invalid-bytes"
    assert d.warnings[0]["byte_offset"] == 10


@pytest.mark.parametrize(("text", "codec", "label", "language"), [
    (FRENCH, "cp1252", "windows-1252", "fr"),
    ("Ein schöner Tag in München, sagte die Bürgermeisterin.\n", "latin-1", "windows-1252",
     "de"),
    (POLISH, "cp1250", "windows-1250", "pl"),
    (POLISH, "iso8859-2", "iso-8859-2", "pl"),
    (RUSSIAN, "cp1251", "windows-1251", "ru"),
    (RUSSIAN, "koi8-r", "koi8-r", "ru"),
])
def test_legacy_encodings_are_read_with_a_warning_naming_encoding_and_evidence(
        text: str, codec: str, label: str, language: str) -> None:
    d = decode_bytes(text.encode(codec), name="old.txt")
    assert d.text == text
    assert d.encoding == label
    (w,) = d.warnings
    assert w["code"] == "assumed-encoding" and w["encoding"] == label
    assert w["message"].startswith("old.txt: not UTF-8 (")
    assert f"decoded as {label} because its non-ASCII bytes then make known words " \
           f"({language} '" in w["message"]
    assert "--encoding" in w["message"]


def test_a_forced_encoding_is_used_without_a_guess() -> None:
    d = decode_bytes(POLISH.encode("cp1250"), encoding="iso8859-2")
    assert d.encoding == "iso8859-2" and d.warnings == []
    assert d.text != POLISH  # what the user asked for, even when it is wrong
    with pytest.raises(LookupError):
        decode_bytes(b"x", encoding="no-such-codec")


def test_mostly_utf8_keeps_u_fffd_and_reports_each_run() -> None:
    data = "Café in Kyiv, ".encode() + b"\xff\xfe" + " and Zürich ".encode() + b"\x80"
    d = decode_bytes(data, name="m.txt")
    assert d.encoding == "utf-8"
    assert d.text == "Café in Kyiv, \ufffd\ufffd and Zürich \ufffd"
    assert [(w["code"], w["byte_offset"], w["byte_length"]) for w in d.warnings] == [
        ("invalid-utf8", 15, 2), ("invalid-utf8", 30, 1)]


def test_stray_bytes_without_evidence_are_not_a_guessed_encoding() -> None:
    d = decode_bytes(b"An English sentence with one stray byte \xff here.")
    assert d.encoding == "utf-8" and d.warnings[0]["code"] == "invalid-utf8"
    assert "\ufffd" in d.text


def test_many_invalid_runs_are_decoded_in_one_pass() -> None:
    data = b"ok \xff " * 50_000
    text, warnings = decode(data)
    assert text == "ok \ufffd " * 50_000
    assert len(warnings) == 50_000 and warnings[-1]["byte_offset"] == len(data) - 2


def test_binary_reason() -> None:
    assert binary_reason(b"%PDF-1.7\n\x00\x01\x02binary") == \
        "binary file (contains NUL bytes), not text"
    assert binary_reason(bytes(range(1, 32)) * 10) == "binary file (control bytes), not text"
    assert binary_reason("Plain English.".encode("utf-16-be")) == \
        "looks like UTF-16 without a byte-order mark (give --encoding utf-16-be)"
    assert binary_reason(FRENCH.encode("cp1252")) is None
    assert binary_reason(b"") is None


def test_the_library_decodes_bytes_the_same_way_and_takes_an_encoding() -> None:
    r = fix_and_trace(FRENCH.encode("cp1252"), translate=False, language="fr")
    assert r.source == FRENCH
    assert [w["code"] for w in r.warnings][:1] == ["assumed-encoding"]
    r = fix_and_trace(POLISH.encode("cp1250"), translate=False, language="pl",
                      encoding="cp1250")
    assert r.source == POLISH and not any(w["code"] == "assumed-encoding" for w in r.warnings)
    with pytest.raises(ValueError, match="unknown encoding 'no-such-codec'"):
        FixConfig(encoding="no-such-codec")


def test_decode_is_still_importable_from_the_pipeline() -> None:
    from newsfix import decode as decode_module
    from newsfix.pipeline import decode as old_decode

    assert old_decode is decode_module.decode
