"""The in-process cache of loaded translation models, shared by the engine and ``models``.

It lives in its own module so that the import graph has one direction:
``engine`` imports ``models`` (to find packages), ``models`` never imports
``engine``, and both import this module (``models`` empties the cache after
installing or removing a package).  It imports no optional dependency.

>>> put(("/pkg", 1), "model"); get(("/pkg", 1))
'model'
>>> clear_cache(); get(("/pkg", 1)) is None
True
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

_CACHE: dict[Hashable, Any] = {}
_LOCK = threading.Lock()


def get(key: tuple[Any, ...]) -> Any:
    """Return the cached value for ``key``, or None."""
    with _LOCK:
        return _CACHE.get(key)


def put(key: tuple[Any, ...], value: Any) -> None:
    """Cache ``value`` under ``key``, evicting entries whose first item (the path) is the same."""
    with _LOCK:
        for stale in [k for k in _CACHE if isinstance(k, tuple) and k[:1] == key[:1]]:
            del _CACHE[stale]
        _CACHE[key] = value


def clear_cache() -> None:
    """Forget every loaded model; the next ``Translator.load`` reads the packages again."""
    with _LOCK:
        _CACHE.clear()


__all__ = ["clear_cache", "get", "put"]
