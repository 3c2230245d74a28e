"""A package index for argostranslate served on 127.0.0.1 (tests only)."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_index(root: Path, package: Path, *, from_code: str = "nb", to_code: str = "en",
                version: str = "1.0", overrides: Mapping[str, Any] | None = None,
                ) -> Iterator[str]:
    """Serve ``index.json`` listing ``package`` from ``root``; yield the base URL.

    ``overrides`` replaces fields of the index entry (after the link is made),
    for indexes that lie.
    """
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}.argosmodel"
    shutil.copy(package, root / name)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(root))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [{
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": "Norwegian",
        "to_code": to_code,
        "to_name": "English",
        "links": [base + name],
    }]
    index[0].update(overrides or {})
    (root / "index.json").write_text(json.dumps(index), "utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
