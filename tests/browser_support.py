"""Serve the built site on loopback and drive Debian's Chromium with Playwright, offline."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the built site `make book` writes; PIXELVIZ_SITE tests another build folder
SITE = Path(os.environ.get("PIXELVIZ_SITE") or ROOT / "_build" / "html")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Uncaught exceptions (Playwright's "pageerror") of every page opened through this module since the last
#: :func:`take_page_errors`; tests/conftest.py fails every browser test that leaves one here.
PAGE_ERRORS: list[str] = []


def take_page_errors() -> list[str]:
    """Return and clear the uncaught page exceptions recorded so far (``"URL: message"`` strings)."""
    found = list(PAGE_ERRORS)
    PAGE_ERRORS.clear()
    return found


def _record_page_errors(page, also: list | None = None) -> None:
    def on_error(exc) -> None:
        text = f"{page.url}: {exc}"
        PAGE_ERRORS.append(text)
        if also is not None:
            also.append(str(exc))

    page.on("pageerror", on_error)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextlib.contextmanager
def serve_site(directory: Path = SITE):
    """Yield the base URL of a loopback HTTP server for ``directory``."""
    if not (directory / "index.html").exists():
        pytest.fail(f"{directory} has no index.html: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()


@contextlib.contextmanager
def offline_browser():
    """A Playwright Chromium browser; every request off loopback is aborted."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found: apt-get install chromium (.ci/run does)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_offline_page(browser, url: str, *, width: int = 1280, height: int = 900):
    """Open ``url`` with the network cut off except loopback.

    Returns ``(page, blocked, failed, console_errors)`` where ``blocked`` lists
    the off-machine URLs the page tried to fetch, ``failed`` the loopback
    requests that failed and ``console_errors`` the console error messages. Uncaught exceptions go to
    :data:`PAGE_ERRORS`, which fails the test (tests/conftest.py).
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    blocked, failed, console_errors = [], [], []

    def route(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    _record_page_errors(page)
    page.on("requestfailed", lambda r: failed.append(r.url) if r.url.startswith("http://127.0.0.1") else None)
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    return page, blocked, failed, console_errors


def settle(page, timeout_ms: int = 5000) -> None:
    """Wait until the page has made no request for 500 ms (math fonts, lazy images), at most ``timeout_ms``."""
    try:
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:
        pass


def page_bytes(page) -> dict:
    """Bytes the page loaded: ``{"total": int, "resources": {url: bytes}}`` (decoded sizes, HTML included).

    Inline data (``data:`` images of the static explorers) counts as part of the HTML.
    """
    entries = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation').map(e => [e.name, e.decodedBodySize]);
        const res = performance.getEntriesByType('resource').map(e => [e.name, e.decodedBodySize]);
        return nav.concat(res);
    }""")
    resources = {}
    for url, size in entries:
        resources[url] = resources.get(url, 0) + int(size)
    return {"total": sum(resources.values()), "resources": resources}


# -- explorers: pages at a device pixel ratio, and what a page element displays ------------------------------


def open_page_at(browser, url: str, *, width: int = 1280, height: int = 900, dpr: float = 1):
    """Open ``url`` offline (as :func:`open_offline_page`) in a viewport ``width`` CSS px wide at device pixel
    ratio ``dpr``.

    Returns ``(page, problems)``: ``problems`` is a dict of lists, filled as the page runs —
    ``"pageerror"`` (uncaught exceptions), ``"console"`` (console errors), ``"blocked"`` (off-machine
    requests) and ``"failed"`` (loopback requests that failed).
    """
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=dpr)
    page = context.new_page()
    problems: dict[str, list] = {"pageerror": [], "console": [], "blocked": [], "failed": []}

    def route(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            problems["blocked"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    _record_page_errors(page, problems["pageerror"])
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on(
        "requestfailed", lambda r: problems["failed"].append(r.url) if r.url.startswith("http://127.0.0.1") else None
    )
    page.goto(url, wait_until="load")
    return page, problems


def element_pixels(page, locator):
    """What ``locator``'s box shows on screen: an (H, W, 3) uint8 array in device pixels (a screenshot clip)."""
    import io

    import numpy as np
    from PIL import Image

    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    png = page.screenshot(
        clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]},
        animations="disabled",
        caret="initial",
    )
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
