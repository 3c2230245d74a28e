"""ftfy parity up to the settings newsfix keeps on purpose (shared by the two parity tests)."""

from __future__ import annotations

import ftfy

from newsfix.rules.unicode import FTFY_LEFT_OUT


def same_up_to_settings(a: str, b: str) -> bool:
    r"""Whether ``a`` and ``b`` are equal once ftfy's steps that newsfix leaves out are applied.

    >>> same_up_to_settings("“It’s ﬁne”", "\"It's fine\"")
    True
    >>> same_up_to_settings("Ã\nlesund", "Ålesund")
    False
    """
    return a == b or ftfy.fix_text(a, FTFY_LEFT_OUT) == ftfy.fix_text(b, FTFY_LEFT_OUT)
