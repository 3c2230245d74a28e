"""Configuration of a newsfix run: a frozen dataclass changed with ``dataclasses.replace``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_THRESHOLD", "FixConfig"]

#: Changes whose calibrated confidence is below this become suggestions.
DEFAULT_THRESHOLD = 0.9


@dataclass(frozen=True)
class FixConfig:
    """Options of :func:`newsfix.fix_and_trace`; every field has a safe default.

    ``disable`` and ``enable_only`` take rule ids (``"HYPHEN_SPACE"``) or
    categories (``"hyphen"``). A change whose confidence is below
    ``threshold`` is reported as a suggestion instead of being applied.

    >>> from dataclasses import replace
    >>> cfg = replace(FixConfig(), threshold=0.95, disable=frozenset({"spacing"}))
    >>> cfg.rule_enabled("SPACE_RUN", "spacing"), cfg.rule_enabled("BOM", "unicode")
    (False, True)
    """

    threshold: float = DEFAULT_THRESHOLD
    disable: frozenset[str] = frozenset()
    enable_only: frozenset[str] | None = None
    translate: bool = True
    target_language: str = "en"
    language: str | None = None
    detector: str = "langdetect"
    keep_boilerplate: bool = False
    max_passes: int = 3
    device: str = "auto"
    beam_size: int = 2
    auto_install: bool = False
    lexicons: tuple[Path, ...] = field(default=())
    #: Codec for ``bytes`` input (``None``: UTF-8, a BOM, or a reported guess;
    #: see :mod:`newsfix.decode`).
    encoding: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {self.threshold}")
        if self.max_passes < 1:
            raise ValueError("max_passes must be at least 1")
        if self.encoding is not None:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise ValueError(f"unknown encoding {self.encoding!r}") from None

    def rule_enabled(self, rule_id: str, category: str) -> bool:
        """Whether a rule runs under this configuration."""
        if rule_id in self.disable or category in self.disable:
            return False
        if self.enable_only is not None:
            return rule_id in self.enable_only or category in self.enable_only
        return True

    def with_options(self, **options: Any) -> FixConfig:
        """A copy with ``options`` applied; unknown names raise ``TypeError``.

        Iterables given for ``disable`` and ``enable_only`` become frozensets.

        >>> FixConfig().with_options(disable=["BOM"]).disable
        frozenset({'BOM'})
        """
        names = {f.name for f in fields(self)}
        unknown = set(options) - names
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(sorted(names))}")
        for key in ("disable", "enable_only"):
            if key in options and options[key] is not None:
                value = options[key]
                options[key] = frozenset([value] if isinstance(value, str) else value)
        if "lexicons" in options:
            options["lexicons"] = tuple(Path(p) for p in options["lexicons"])
        return replace(self, **options)
