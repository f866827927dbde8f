"""Headless Chromium: render a local page to its DOM or to a PNG screenshot.

The report is meant to be looked at, so it is checked the way a person sees
it: in a real browser. Chromium runs with a fresh profile and every
background service off, so it touches no network and leaves nothing behind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import BrowserError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
QUIET_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", "--mute-audio")


def find_chromium() -> str | None:
    """The path of a Chromium-like browser on PATH, or None."""
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def _run_chromium(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    browser = find_chromium()
    if browser is None:
        raise BrowserError("no Chromium found on PATH (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="claims-chromium-") as profile:
        cmd = [browser, *QUIET_FLAGS, f"--user-data-dir={profile}", *args]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"Chromium did not finish within {timeout:.0f}s") from None
    if proc.returncode != 0:
        raise BrowserError(f"Chromium exited with {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return proc


def dump_dom(page: Path, *, timeout: float = 60) -> str:
    """The page's DOM after the browser has loaded it, as HTML."""
    return _run_chromium(["--dump-dom", Path(page).resolve().as_uri()], timeout).stdout


MAX_HEIGHT = 30_000  # pixels: a page longer than this is cut there


def page_height(page: Path, width: int, *, timeout: float = 60) -> int:
    """The height of the whole page at ``width``, measured in the browser.

    The report forbids scripts (its CSP), so a copy without that line and
    with one script that writes the height into the DOM is measured instead.
    """
    html = Path(page).read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html, count=1)
    probe = ("<script>addEventListener('load', () => document.body.setAttribute("
             "'data-height', document.documentElement.scrollHeight));</script>")
    with tempfile.TemporaryDirectory(prefix="claims-measure-") as tmp:
        copy = Path(tmp) / "page.html"
        copy.write_text(html.replace("</body>", probe + "</body>", 1), encoding="utf-8")
        dom = _run_chromium([f"--window-size={width},800", "--virtual-time-budget=2000", "--dump-dom",
                             copy.as_uri()], timeout).stdout
    found = re.search(r'data-height="(\d+)"', dom)
    if not found:
        raise BrowserError(f"could not measure the height of {page}")
    return min(int(found.group(1)), MAX_HEIGHT)


def screenshot(page: Path, png: Path, *, width: int = 1280, height: int | None = None, timeout: float = 60) -> Path:
    """A PNG of the whole page at ``width`` pixels (or of its first ``height`` pixels)."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    height = height or page_height(page, width, timeout=timeout)
    _run_chromium([f"--screenshot={png}", f"--window-size={width},{height}", Path(page).resolve().as_uri()],
                  timeout)
    if not png.is_file():
        raise BrowserError(f"Chromium wrote no screenshot to {png}")
    return png
