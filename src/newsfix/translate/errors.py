"""Errors of the translation engine and of model management, with CLI exit codes."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

INSTALL_EXTRA = "pip install 'newsfix[translate]'"


class TranslationUnavailable(RuntimeError):
    """Translation cannot run: the extra is missing or no package serves the pair.

    The message always names the language pair (when there is one) and the
    exact command that fixes it, because the reader is usually in a shell.

    >>> str(TranslationUnavailable("no nb→en package; run `newsfix models install nb`"))
    'no nb→en package; run `newsfix models install nb`'
    """

    exit_code = 3


class ModelError(RuntimeError):
    """Managing translation packages failed; ``exit_code`` is what the CLI returns."""

    exit_code = 1


class ExtraMissing(ModelError, TranslationUnavailable):
    """The ``translate`` extra (ctranslate2, sentencepiece) is not installed."""

    exit_code = 3


class PackageNotFound(ModelError):
    """No package for the pair is installed (remove) or offered by the index (install)."""

    exit_code = 4


class IndexUnavailable(ModelError):
    """The package index or a package link could not be read (network, timeout, bad JSON)."""

    exit_code = 5


class InvalidPackage(ModelError):
    """A package file is not a usable ``.argosmodel``; nothing was installed."""

    exit_code = 6


class MissingModelWarning(UserWarning):
    """Some text was left untranslated for want of a model; the message names the fix.

    The pipeline records the same message in ``Result.warnings`` (code
    ``no-translation-model``); the Python warning is for people calling the
    library, and a program that reports ``Result.warnings`` itself can
    silence it with ``warnings.simplefilter("ignore", MissingModelWarning)``.
    """


_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/newsfix


def warn_missing_model(message: str) -> None:
    """Emit ``message`` as a MissingModelWarning attributed to the caller's code.

    The warning points at the first frame outside newsfix (the user's call
    of ``fix`` or ``fix_and_trace``), so Python's default filter shows it once
    per calling line rather than once per document.
    """
    level, frame = 1, sys._getframe(1)
    while frame is not None and Path(frame.f_code.co_filename).resolve().is_relative_to(
        _PACKAGE_DIR
    ):
        level, frame = level + 1, frame.f_back  # type: ignore[assignment]
    warnings.warn(MissingModelWarning(message), stacklevel=level + 1)


def extra_missing(what: str) -> ExtraMissing:
    """Return the error for a missing optional dependency ``what``.

    >>> print(extra_missing("ctranslate2"))  # doctest: +ELLIPSIS
    translation needs the optional extra (ctranslate2 is not installed): run `pip install ...`
    """
    return ExtraMissing(
        f"translation needs the optional extra ({what} is not installed): run `{INSTALL_EXTRA}`"
    )
