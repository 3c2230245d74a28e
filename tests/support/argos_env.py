"""Point argostranslate at a private temporary home before anything imports it.

argostranslate reads its settings once, when ``argostranslate.settings`` is
first imported, from ``ARGOS_PACKAGES_DIR``, ``ARGOS_PACKAGE_INDEX``,
``ARGOS_DEVICE_TYPE`` … and from ``XDG_DATA_HOME`` (packages, local index),
``XDG_CONFIG_HOME`` (settings.json, which could override the variables
it lacks) and ``XDG_CACHE_HOME`` (downloads).  Importing this module sets
all of them to directories under one temp root, and sets the default index
to a closed loopback port so no test can reach the network by accident.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(tempfile.mkdtemp(prefix="newsfix-argos-"))
PACKAGES = ROOT / "data" / "argos-translate" / "packages"


def closed_port() -> int:
    """Return a loopback port that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


ENV = {
    "XDG_DATA_HOME": str(ROOT / "data"),
    "XDG_CONFIG_HOME": str(ROOT / "config"),
    "XDG_CACHE_HOME": str(ROOT / "cache"),
    "ARGOS_PACKAGES_DIR": str(PACKAGES),
    "ARGOS_PACKAGE_INDEX": f"http://127.0.0.1:{closed_port()}/",
    "ARGOS_DEVICE_TYPE": "cpu",
    "NEWSFIX_AUTO_INSTALL": "0",
}
os.environ.update(ENV)


def settings_are_ours() -> bool:
    """Return whether argostranslate (if imported) read the settings set here."""
    settings = sys.modules.get("argostranslate.settings")
    return settings is None or Path(settings.package_data_dir) == PACKAGES


def reset() -> None:
    """Empty the package folder and drop the saved index (between tests)."""
    import shutil

    PACKAGES.mkdir(parents=True, exist_ok=True)
    for child in PACKAGES.iterdir():
        shutil.rmtree(child)
    (ROOT / "data" / "argos-translate" / "index.json").unlink(missing_ok=True)
