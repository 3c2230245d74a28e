"""Configuration of a newsfix run: a frozen dataclass changed with ``dataclasses.replace``.

A :class:`FixConfig` validates itself when it is made, so that a typo fails at
once, in the library as on the command line: an unknown rule id or category
in ``disable``/``enable_only``, an unknown language code, a threshold outside
[0, 1], an unknown detector or a rule option that the rule does not have all
raise ``ValueError`` naming the culprit.

>>> FixConfig(disable=frozenset({"HYPHEN_SPAC"}))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown rule or category 'HYPHEN_SPAC' in disable (did you mean HYPHEN_SPACE?)...
>>> FixConfig(language="Norwegian").language
'nb'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsfix.blocks import BLOCK_CHARS
from newsfix.langid import DETECTORS
from newsfix.lexicon import UserLexicon

__all__ = ["DEFAULT_THRESHOLD", "DETECTORS", "FixConfig", "normalize_language"]

#: Changes whose calibrated confidence is below this become suggestions.
DEFAULT_THRESHOLD = 0.9


def normalize_language(code: str) -> str:
    """The canonical code of a language code or English name (Norwegian is ``nb``).

    Aliases of every backend are understood (``no``, ``nob``, ``zh-cn``,
    ``Norwegian``); the result must be a valid BCP 47 language subtag
    (``langcodes``), else ``ValueError`` names the code.

    >>> normalize_language("NO"), normalize_language("en-GB"), normalize_language("Norwegian")
    ('nb', 'en', 'nb')
    >>> normalize_language("xx-nonsense")
    Traceback (most recent call last):
    ...
    ValueError: unknown language code 'xx-nonsense'
    """
    import langcodes

    from newsfix.langid import UNDETERMINED, normalize_code

    canon = normalize_code(code)
    if canon == "no":
        return "nb"  # on input, Norwegian is Bokmål unless the user says Nynorsk
    if canon == UNDETERMINED or not langcodes.Language.get(canon).is_valid():
        raise ValueError(f"unknown language code {code!r}")
    return canon


def _known_rule_names() -> tuple[set[str], dict[str, Any]]:
    from newsfix.rules import CATEGORIES, registry

    rules = {r.id: r for r in registry()}
    return {*rules, *CATEGORIES, "TRANSLATE"}, rules


@dataclass(frozen=True)
class FixConfig:
    """Options of :func:`newsfix.fix_and_trace`; every field has a safe default.

    ``disable`` and ``enable_only`` take rule ids (``"HYPHEN_SPACE"``) or
    categories (``"hyphen"``). A change whose confidence is below
    ``threshold`` is reported as a suggestion instead of being applied.
    ``lexicons`` are user files extending the package lexicons (paths, or
    ``"RULE=FILE"`` for the lexicon a rule reads; see :mod:`newsfix.lexicon`).
    ``rule_options`` sets rules' own options (``{"REPEATED_PHRASE":
    {"max_words": 4}}``). With ``strict``, a rule that fails raises instead of
    being reported as a warning. ``damage_report=False`` leaves ``Result.damage``
    empty (it reads every damage family of the document; the repairs read only
    what they need).

    >>> from dataclasses import replace
    >>> cfg = replace(FixConfig(), threshold=0.95, disable=frozenset({"spacing"}))
    >>> cfg.rule_enabled("SPACE_RUN", "spacing"), cfg.rule_enabled("REMOVE_BOM", "unicode")
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
    lexicons: tuple[UserLexicon, ...] = field(default=())
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    strict: bool = False
    damage_report: bool = True
    #: Codec for ``bytes`` input (``None``: UTF-8, a BOM, or a reported guess;
    #: see :mod:`newsfix.decode`).
    encoding: str | None = None
    #: A text longer than this many characters is fixed in blocks cut at blank
    #: lines, so that memory stays bounded (:mod:`newsfix.blocks`); 0 never cuts.
    block_chars: int = BLOCK_CHARS

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {self.threshold}")
        if self.max_passes < 1:
            raise ValueError("max_passes must be at least 1")
        if self.block_chars < 0:
            raise ValueError("block_chars must be 0 (never cut) or positive, "
                             f"got {self.block_chars}")
        if self.detector not in DETECTORS:
            raise ValueError(f"unknown detector {self.detector!r}; known: {', '.join(DETECTORS)}")
        if self.language is not None:
            object.__setattr__(self, "language", normalize_language(self.language))
        object.__setattr__(self, "target_language", normalize_language(self.target_language))
        object.__setattr__(self, "lexicons",
                           tuple(UserLexicon.parse(x) for x in self.lexicons))
        known, rules = _known_rule_names()
        for key, names in (("disable", self.disable), ("enable_only", self.enable_only or ())):
            for name in names:
                if name not in known:
                    close = difflib.get_close_matches(name, sorted(known), n=1)
                    hint = f" (did you mean {close[0]}?)" if close else ""
                    raise ValueError(f"unknown rule or category {name!r} in {key}{hint}; "
                                     "see 'newsfix rules'")
        for rule_id, opts in self.rule_options.items():
            if rule_id not in rules:
                raise ValueError(f"rule_options: unknown rule {rule_id!r}")
            unknown = set(opts) - set(rules[rule_id].options)
            if unknown:
                have = ", ".join(rules[rule_id].options) or "none"
                raise ValueError(f"rule_options: {rule_id} has no option "
                                 f"{', '.join(sorted(unknown))} (options: {have})")
        bound = []
        for user in self.lexicons:
            if user.rule is not None:
                if user.rule not in rules:
                    raise ValueError(f"lexicons: unknown rule {user.rule!r} in "
                                     f"{user.rule}={user.path}")
                if not rules[user.rule].lexicons:
                    raise ValueError(f"lexicons: rule {user.rule} reads no lexicon")
                user = user.bind(rules[user.rule].lexicons)
            bound.append(user)
        object.__setattr__(self, "lexicons", tuple(bound))
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

        >>> FixConfig().with_options(disable=["REMOVE_BOM"]).disable
        frozenset({'REMOVE_BOM'})
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
            value = options["lexicons"]
            items = [value] if isinstance(value, (str, Path)) else list(value)
            options["lexicons"] = tuple(UserLexicon.parse(p) for p in items)
        return replace(self, **options)
