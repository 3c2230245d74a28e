"""A real headless Chromium for the notebook-view tests (Debian's chromium + chromium-driver).

Selenium drives ``/usr/bin/chromium`` through ``/usr/bin/chromedriver``, both
given by path so that Selenium Manager never looks for (or downloads) a
browser. The flags keep Chromium off the network: no component updates, no
sync, no background requests, no QUIC, a fresh profile each time. Pages are
local files; the view itself loads nothing.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("NEWSFIX_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSFIX_CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL_HINT = ("install Debian's chromium and chromium-driver: `make browser` "
                "(runs `apt-get install -y chromium chromium-driver`) or "
                "`sudo apt-get install chromium chromium-driver`")

FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
    "--disable-features=Translate,MediaRouter,OptimizationHints", "--hide-scrollbars",
    "--force-device-scale-factor=1", "--lang=en-GB",
)


def missing() -> str | None:
    """Why no browser can run here (a sentence with the fix), or None."""
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{what} not found at {path}: {INSTALL_HINT}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


class Browser:
    """One Chromium session; ``open`` a local HTML file, query it, take screenshots."""

    def __init__(self, width: int = 980, height: int = 900) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="newsfix-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*FLAGS, f"--user-data-dir={self.profile}",
                     f"--window-size={width},{height}"):
            options.add_argument(flag)
        self.width = width
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def open(self, path: Path) -> None:
        self.driver.get(path.resolve().as_uri())

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def color_scheme(self, scheme: str) -> None:
        """Emulate ``prefers-color-scheme`` (``light`` or ``dark``) for the open page."""
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def screenshot(self, out: Path, *, max_height: int = 12000) -> Path:
        """The whole page as a PNG (up to ``max_height`` pixels tall)."""
        height = int(self.js("return Math.ceil(document.documentElement.scrollHeight)"))
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": self.width, "height": min(height, max_height),
                     "scale": 1}})
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(shot["data"]))
        return out

    def screenshot_around(self, out: Path, *, above: int = 40, below: int = 160) -> Path:
        """A strip of the page around the focused element (its focus details included)."""
        top = float(self.js("const r = document.activeElement.getBoundingClientRect();"
                            "return r.top + window.scrollY"))
        y = max(0.0, top - above)
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": y, "width": self.width, "height": above + below, "scale": 1}})
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(shot["data"]))
        return out

    def close(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)
