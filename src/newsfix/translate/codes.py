"""Language codes and the names newsfix derives from them, checked before any path use.

Index entries and package metadata come from outside; their codes and
versions end up in directory names and messages, so they are checked here
against a strict shape first (no ``/``, no ``..``, no control characters).

>>> normalize_code("NO"), same_language("no", "nb")
('nb', True)
>>> package_dir_name("nb", "en", "1.9")
'translate-nb_en-1_9'
"""

from __future__ import annotations

import re

_CODE_ALIASES = {"no": "nb", "nob": "nb"}
# ISO 639-1/-3 letters with optional subtags (``zh``, ``pt_BR``, ``zh-Hant``).
CODE_RE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8}){0,2}\Z")
# Versions as argostranslate's indexes write them (``1.9``, ``1.0.2``, ``2.0rc1``).
VERSION_RE = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.+_-]{0,30}[0-9A-Za-z])?\Z")


def normalize_code(code: str) -> str:
    """Return the canonical language code newsfix uses (Norwegian is ``nb``).

    >>> normalize_code("NO"), normalize_code("nb"), normalize_code("de")
    ('nb', 'nb', 'de')
    """
    code = code.strip().lower()
    return _CODE_ALIASES.get(code, code)


def same_language(a: str | None, b: str | None) -> bool:
    """Return whether two codes name the same language (``no`` and ``nb`` do).

    >>> same_language("no", "nb"), same_language("en", "nb")
    (True, False)
    """
    return a is not None and b is not None and normalize_code(a) == normalize_code(b)


def code_problem(value: object) -> str | None:
    """Return why ``value`` is not a usable language code, or None if it is.

    >>> code_problem("nb"), code_problem("pt_BR")
    (None, None)
    >>> code_problem("../../x")
    "'../../x' is not a language code"
    """
    if isinstance(value, str) and CODE_RE.match(value):
        return None
    return f"{value!r} is not a language code"


def version_problem(value: object) -> str | None:
    """Return why ``value`` is not a usable package version, or None (empty is allowed).

    ``..`` is refused even between dots, so no version can name a parent directory.

    >>> version_problem("1.9"), version_problem("")
    (None, None)
    >>> version_problem("../../x")
    "'../../x' is not a package version"
    >>> version_problem("1..2")
    "'1..2' is not a package version"
    """
    if value == "":
        return None
    if isinstance(value, str) and VERSION_RE.match(value) and ".." not in value:
        return None
    return f"{value!r} is not a package version"


def package_dir_name(from_code: str, to_code: str, version: str) -> str:
    """Return the directory name an installed package gets: argospm's name plus version.

    The parts must have passed :func:`code_problem` and :func:`version_problem`;
    every character outside ``[A-Za-z0-9_-]`` is still replaced by ``_``, so
    the name is one plain path component whatever it is given.

    >>> package_dir_name("nb", "en", "")
    'translate-nb_en'
    >>> package_dir_name("x/..", "en", "1/../2")
    'translate-x____en-1____2'
    """

    def safe(part: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]", "_", part)

    name = f"translate-{safe(from_code)}_{safe(to_code)}"
    return f"{name}-{safe(version)}" if version else name
