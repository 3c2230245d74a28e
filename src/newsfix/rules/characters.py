"""Rules of the characters family (to be filled in)."""

from __future__ import annotations

from newsfix.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
