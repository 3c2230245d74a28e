"""Errors of the translation engine and of model management, with CLI exit codes."""

from __future__ import annotations

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
    """The ``translate`` extra (argostranslate, ctranslate2, sentencepiece) is not installed."""

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


def extra_missing(what: str) -> ExtraMissing:
    """Return the error for a missing optional dependency ``what``."""
    return ExtraMissing(
        f"translation needs the optional extra ({what} is not installed): "
        f"run `{INSTALL_EXTRA}` (install the CPU build of torch first to avoid a "
        "multi-GB CUDA download: `pip install torch --index-url "
        "https://download.pytorch.org/whl/cpu`)"
    )
