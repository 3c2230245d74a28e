"""Where argostranslate keeps its packages and index, computed without argostranslate.

newsfix reads and writes argostranslate's on-disk layout itself, so that the
``translate`` extra needs only CTranslate2 and SentencePiece (argostranslate
depends on stanza, spaCy and torch) and yet an argostranslate installed by
the user sees the packages newsfix installs, and the other way round.  The
rules are argostranslate's own (``argostranslate/settings.py``, 1.9–1.11):

* data: ``$XDG_DATA_HOME/argos-translate`` (default ``~/.local/share/…``);
  packages in ``data/packages`` unless ``ARGOS_PACKAGES_DIR`` is set; the
  saved copy of the index in ``data/index.json``;
* config: ``$XDG_CONFIG_HOME/argos-translate/settings.json`` may set
  ``ARGOS_PACKAGES_DIR`` and ``ARGOS_PACKAGE_INDEX``; environment variables
  win over it;
* cache: ``$XDG_CACHE_HOME/argos-translate`` (default ``~/.local/cache/…``,
  argostranslate's choice, not ``~/.cache``);
* the index: ``ARGOS_PACKAGE_INDEX`` (a base URL) + ``index.json``;
* inside a snap, ``$SNAP_USER_DATA`` replaces the home directory and the
  snap's bundled package folders are searched too.

Unlike argostranslate, which reads these once at import, newsfix reads them
on every call (so a changed ``ARGOS_PACKAGES_DIR`` is honoured in the same
process), creates no directory until it writes one, and adds the ``/`` that
argostranslate needs before ``index.json`` when a base URL lacks it.

>>> env = {"HOME": "/home/ada", "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:8000/"}
>>> where = current(env)
>>> str(where.package_data_dir), where.remote_index
('/home/ada/.local/share/argos-translate/packages', 'http://127.0.0.1:8000/index.json')
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


@dataclass(frozen=True)
class ArgosLayout:
    """argostranslate's directories and index URL for one environment."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    package_data_dir: Path
    package_dirs: tuple[Path, ...]
    index_base: str

    @property
    def settings_file(self) -> Path:
        """Return argostranslate's ``settings.json`` path."""
        return self.config_dir / "settings.json"

    @property
    def local_index(self) -> Path:
        """Return where the saved copy of the index lives (argostranslate reads it too)."""
        return self.data_dir / "index.json"

    @property
    def remote_index(self) -> str:
        """Return the index JSON URL (the base with ``index.json`` appended)."""
        return index_json_url(self.index_base)


def index_json_url(base: str) -> str:
    """Return the ``index.json`` URL for an index base URL (a ``.json`` URL is kept).

    >>> index_json_url("http://127.0.0.1:8000/"), index_json_url("http://127.0.0.1:8000")
    ('http://127.0.0.1:8000/index.json', 'http://127.0.0.1:8000/index.json')
    >>> index_json_url("file:///srv/argos/my-index.json")
    'file:///srv/argos/my-index.json'
    """
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def _settings_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except OSError as err:
        warnings.warn(f"cannot read {path} ({err}); ignoring it", stacklevel=3)
        return {}
    try:
        data = json.loads(text)
    except ValueError as err:
        warnings.warn(f"{path} is not valid JSON ({err}); ignoring it", stacklevel=3)
        return {}
    if not isinstance(data, dict):
        warnings.warn(f"{path} does not hold a JSON object; ignoring it", stacklevel=3)
        return {}
    return data


def current(env: Mapping[str, str] | None = None) -> ArgosLayout:
    """Return argostranslate's layout for ``env`` (default: this process's environment)."""
    env = os.environ if env is None else env
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    if "SNAP" in env and env.get("SNAP_USER_DATA"):
        home = Path(env["SNAP_USER_DATA"])
    data_dir = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate"
    config_dir = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate"
    cache_dir = Path(env.get("XDG_CACHE_HOME") or home / ".local" / "cache") / "argos-translate"
    file_settings = _settings_json(config_dir / "settings.json")

    def setting(key: str, default: str) -> str:
        value = env.get(key)
        if value is None:
            value = file_settings.get(key)
        return default if value is None else str(value)

    package_data_dir = Path(setting("ARGOS_PACKAGES_DIR", str(data_dir / "packages")))
    package_dirs = [package_data_dir]
    if "SNAP" in env:
        snap = Path(env["SNAP"]) / "snap_custom"
        if (snap / "packages").is_dir():
            package_dirs.append(snap / "packages")
        content = snap / "content_snap_packages"
        if content.is_dir():
            package_dirs += sorted(p for p in content.iterdir() if p.is_dir())
    return ArgosLayout(
        data_dir=data_dir,
        config_dir=config_dir,
        cache_dir=cache_dir,
        package_data_dir=package_data_dir,
        package_dirs=tuple(package_dirs),
        index_base=setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX),
    )


__all__ = ["DEFAULT_INDEX", "ArgosLayout", "current", "index_json_url"]
