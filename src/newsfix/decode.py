"""Bytes to text: which encoding, and a record of every byte that did not fit.

newsfix reads bytes the way a careful person would, and says what it did:

- a byte-order mark decides: UTF-8, UTF-16 or UTF-32 (little- or big-endian);
  the mark itself stays in the text as U+FEFF, so that ``REMOVE_BOM`` removes
  it as an edit like any other;
- otherwise valid UTF-8 is UTF-8;
- otherwise, when the non-ASCII bytes do not read as UTF-8 (the invalid bytes
  outnumber the valid multi-byte sequences several times over), the text is in a single-byte legacy
  encoding. The candidates (Windows-1252, Latin-1, Windows-1250, Latin-2,
  Windows-1251, KOI8-R) are scored on the words their non-ASCII bytes make:
  letters of one script whose words are known to wordfreq in a language of
  that encoding. The winner decodes the text and a warning
  (``assumed-encoding``) names it and the evidence. It is a guess, never a
  silent one: ``encoding=`` (``--encoding``) forces another;
- otherwise (UTF-8 with a few bad bytes) each invalid byte becomes U+FFFD and
  each run of them is reported with its byte offset (``invalid-utf8``), so
  nothing is dropped silently.

:func:`binary_reason` tells the command line which inputs are not text at all.
Decoding is one pass over the bytes whatever their damage (errors are recorded
by a codec error handler, not by re-decoding the rest after each one).

>>> decode("Fin été".encode("cp1252"))[0]
'Fin été'
>>> decode(b"caf\\xe9 ok")[1][0]["code"]
'assumed-encoding'
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["Decoded", "binary_reason", "decode", "decode_bytes"]

#: Byte-order marks, longest first (the UTF-32-LE mark starts with UTF-16-LE's).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte encodings tried for text that is not UTF-8, with the languages
#: (wordfreq codes) whose words are evidence for each. Listed in order of
#: preference on a tie: Windows-1252 is by far the most common legacy encoding
#: of Western text (and what browsers read a "latin-1" label as).
LEGACY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("cp1252", "windows-1252", ("en", "fr", "de", "es", "it", "pt", "nl", "nb", "da", "sv")),
    ("latin-1", "iso-8859-1", ("en", "fr", "de", "es", "it", "pt", "nl", "nb", "da", "sv")),
    ("cp1250", "windows-1250", ("pl", "cs", "sk", "hu", "sl", "sh", "ro")),
    ("iso8859-2", "iso-8859-2", ("pl", "cs", "sk", "hu", "sl", "sh", "ro")),
    ("cp1251", "windows-1251", ("ru", "uk", "bg", "mk")),
    ("koi8-r", "koi8-r", ("ru", "uk", "bg")),
)

#: Bytes are read as a legacy encoding only when the invalid UTF-8 bytes
#: outnumber the valid multi-byte UTF-8 sequences this many times over.
LEGACY_RATIO = 4
#: At most this many distinct non-ASCII words are scored (the evidence is in
#: the first few hundred; the cost stays bounded whatever the input size).
MAX_SAMPLE_WORDS = 300
#: How much of the start of the input :func:`binary_reason` looks at.
SNIFF_BYTES = 8192

_HIGH_WORD_RE = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_ERROR_HANDLER = "newsfix.record"
_local = threading.local()


def _record(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: note the invalid byte range, put one U+FFFD per byte."""
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decoding only
        raise exc
    runs: list[list[int]] = _local.runs
    if runs and runs[-1][1] == exc.start:
        runs[-1][1] = exc.end  # adjacent invalid bytes form one run
    else:
        runs.append([exc.start, exc.end])
    return "\ufffd" * (exc.end - exc.start), exc.end


codecs.register_error(_ERROR_HANDLER, _record)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding it was read with, and the warnings to report."""

    text: str
    encoding: str
    warnings: list[dict[str, Any]] = field(default_factory=list)


def _decode_recording(data: bytes, codec: str) -> tuple[str, list[list[int]]]:
    """Decode ``data`` in one pass; return the text and the [start, end) invalid byte runs."""
    _local.runs = []
    try:
        text = data.decode(codec, errors=_ERROR_HANDLER)
        return text, _local.runs
    finally:
        _local.runs = []


def _invalid_warnings(data: bytes, runs: list[list[int]], name: str,
                      encoding: str) -> list[dict[str, Any]]:
    label = "UTF-8" if encoding == "utf-8" else encoding
    code = "invalid-utf8" if encoding == "utf-8" else "invalid-bytes"
    return [{
        "code": code,
        "message": f"{name}: invalid {label} at byte {a}: {data[a:b]!r} replaced by "
                   f"{b - a} U+FFFD",
        "byte_offset": a,
        "byte_length": b - a,
    } for a, b in runs]


def decode_bytes(data: bytes, *, name: str = "<bytes>", encoding: str | None = None) -> Decoded:
    """Decode ``data`` as described in the module docstring; never raises on bad bytes.

    ``encoding`` forces a codec (any name Python knows; ``LookupError`` if
    none): its invalid bytes become U+FFFD and are reported, and no guess is
    made.

    >>> d = decode_bytes("Ærlig talt".encode("utf-16"), name="a.txt")
    >>> d.encoding, d.text, d.warnings
    ('utf-16-le', '\\ufeffÆrlig talt', [])
    >>> d = decode_bytes("Zażółć gęślą jaźń, powiedział minister.".encode("cp1250"))
    >>> d.encoding, d.text[:6]
    ('windows-1250', 'Zażółć')
    >>> decode_bytes(b"caf\\xc3\\xa9 \\xff", name="x").warnings[0]["message"]
    "x: invalid UTF-8 at byte 6: b'\\\\xff' replaced by 1 U+FFFD"
    """
    if encoding is not None:
        codec = codecs.lookup(encoding).name
        text, runs = _decode_recording(data, codec)
        return Decoded(text, codec, _invalid_warnings(data, runs, name, codec))
    for bom, codec in BOMS:
        if data.startswith(bom):
            # The mark is decoded with the rest (U+FEFF) so that it is an edit.
            text, runs = _decode_recording(data, codec)
            return Decoded(text, codec, _invalid_warnings(data, runs, name, codec))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, runs = _decode_recording(data, "utf-8")
    invalid = sum(b - a for a, b in runs)
    multibyte = sum(1 for ch in text if ch >= "\x80" and ch != "\ufffd")
    # A valid multi-byte sequence is strong evidence of UTF-8 (legacy text
    # rarely puts a lead byte before continuation bytes), so a legacy reading
    # needs the invalid bytes to outnumber the valid sequences clearly.
    if invalid > LEGACY_RATIO * multibyte:
        legacy = _legacy(data, name, runs, invalid)
        if legacy is not None:
            return legacy
    return Decoded(text, "utf-8", _invalid_warnings(data, runs, name, "utf-8"))


def decode(data: bytes, *, name: str = "<bytes>",
           encoding: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """Decode ``data`` (see :func:`decode_bytes`); return the text and its warnings.

    >>> text, warnings = decode(b"A sentence about Oslo and Kyiv, caf\\xc3\\xa9 and \\xff.")
    >>> text[-2:], warnings[0]["byte_offset"], warnings[0]["byte_length"]
    ('\\ufffd.', 42, 1)
    """
    decoded = decode_bytes(data, name=name, encoding=encoding)
    return decoded.text, decoded.warnings


@cache
def _zipf() -> Any:
    from wordfreq import zipf_frequency

    return zipf_frequency


def _word_score(word: str, languages: tuple[str, ...]) -> tuple[float, str]:
    """How well one decoded word reads, and in which language.

    -1 if it is not letters of one script (symbols, controls, or 'Finйtй':
    Cyrillic letters inside a Latin word); else its best wordfreq Zipf
    frequency among ``languages`` (0 for letters that make no known word).
    """
    word = word.strip("".join(ch for ch in word if not ch.isalpha()))
    if not word or not all(ch.isalpha() for ch in word):
        return -1.0, ""
    scripts = {unicodedata.name(ch, "?").split()[0] for ch in word if ch >= "\x80"}
    if len(scripts) != 1 or (scripts != {"LATIN"} and any(ch < "\x80" for ch in word)):
        return -1.0, ""
    zipf = _zipf()
    return max((zipf(word.lower(), lang, wordlist="small"), lang) for lang in languages)


def _defined(byte: bytes, codec: str) -> bool:
    """Whether ``codec`` maps ``byte`` to a character that is not a C1 control."""
    try:
        ch = byte.decode(codec)
    except UnicodeDecodeError:
        return False
    return unicodedata.category(ch) != "Cc"


def _legacy(data: bytes, name: str, runs: list[list[int]], invalid: int) -> Decoded | None:
    """The best single-byte reading of ``data`` with a warning saying why; None if none fits.

    A reading needs evidence: at least one word of letters. Stray bytes that
    make no word (a lone 0xFF in English text) stay invalid UTF-8 instead.
    """
    words: list[bytes] = []
    seen: set[bytes] = set()
    for m in _HIGH_WORD_RE.finditer(data):
        w = m.group()
        if len(w) > 1 and w not in seen:  # a lone byte is a symbol (€, £, °), not a word
            seen.add(w)
            words.append(w)
            if len(words) >= MAX_SAMPLE_WORDS:
                break
    high = {bytes([b]) for b in set(data) if b >= 0x80}
    best: tuple[float, str, str, list[tuple[str, str]]] | None = None
    for codec, label, languages in LEGACY:
        if not all(_defined(b, codec) for b in high):
            continue  # a byte this encoding leaves undefined, or maps to a C1 control
        scored = [(*_word_score(w.decode(codec), languages), w.decode(codec)) for w in words]
        if not any(s >= 0 for s, _, _ in scored):
            continue  # no evidence: not one word of letters in this reading
        score = sum(s for s, _, _ in scored)
        if best is None or score > best[0]:  # ties keep the earlier, commoner encoding
            known = [(w, lang) for s, lang, w in sorted(scored, key=lambda p: -p[0])
                     if s >= 2.0][:3]
            best = (score, codec, label, known)
    if best is None:
        return None
    _, codec, label, known = best
    text = data.decode(codec)
    first = runs[0][0]
    if known:
        why = ("its non-ASCII bytes then make known words ("
               + ", ".join(f"{lang} {w!r}" for w, lang in known) + ")")
    else:
        why = "no candidate made known words and this one reads the bytes as letters"
    plural = "s" if invalid != 1 else ""
    warning = {
        "code": "assumed-encoding",
        "message": f"{name}: not UTF-8 ({invalid} invalid byte{plural}, the first at byte "
                   f"{first}); decoded as {label} because {why}; give the encoding "
                   "(--encoding) if this is wrong",
        "encoding": label,
    }
    return Decoded(text, label, [warning])


def _looks_utf16(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' if ``head`` looks like BOM-less UTF-16 of mostly ASCII."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return None
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (a phrase for an error message), or None if it may be text.

    Text with a UTF-16 or UTF-32 byte-order mark is text. Otherwise NUL bytes
    or many control bytes in the first block mean a binary file.

    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    'binary file (contains NUL bytes), not text'
    >>> binary_reason("plain text".encode("utf-16-le"))
    'looks like UTF-16 without a byte-order mark (give --encoding utf-16-le)'
    >>> binary_reason("Ærlig".encode("utf-16")) is None
    True
    """
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        utf16 = _looks_utf16(head)
        if utf16:
            return f"looks like UTF-16 without a byte-order mark (give --encoding {utf16})"
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v\x1b")
    if head and controls > 0.1 * len(head):
        return "binary file (control bytes), not text"
    return None
