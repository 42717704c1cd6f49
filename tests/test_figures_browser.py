"""Figures as the reader sees them: legible at 1280 px, sharp on HiDPI screens, formulas reachable on a phone.

Every notebook figure is a PNG drawn by ``pixelviz.plot.style.figure_png`` (``use_book_style()`` in each
chapter), which writes the figure's smallest font size, in the PNG's own pixels, into the PNG. The browser
gives the width the 1280 px layout displays the figure at; the smallest text the reader sees is then
``min_font_px * displayed_width / png_width`` CSS px. The 11 CSS px floor is the size below which figure
labels stop being comfortably readable next to 16 px body text (the theme's tick-label-like small print,
e.g. the footer, is 12–14 px). Explorers are checked by tests/test_explorers_browser.py.

Needs the built site (`make book`). A per-figure report goes to test-results/site/figure-text.json.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser_support import ROOT, SITE, offline_browser, open_page_at, serve_site, settle
from PIL import Image

pytestmark = pytest.mark.browser

MIN_CSS_PX = 11.0
RESULTS = ROOT / "test-results" / "site"
KEY_PX, KEY_PT, KEY_DENSITY = "pixelviz:min-font-px", "pixelviz:min-font-pt", "pixelviz:density"
CHAPTERS = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html")) if SITE.exists() else []


@pytest.fixture(scope="module")
def site():
    with ExitStack() as stack:
        base = stack.enter_context(serve_site(SITE))
        browser = stack.enter_context(offline_browser())
        yield base, browser


@pytest.fixture(scope="module")
def report():
    rows: list[dict] = []
    yield rows
    if rows:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "figure-text.json").write_text(json.dumps(rows, indent=1) + "\n")


def _figures(page) -> list[dict]:
    """Notebook output images (not explorer frames) with their displayed CSS width."""
    return page.locator(".cell_output img").evaluate_all("""els => els
        .filter(img => !img.closest('.pv-explorer'))
        .map(img => ({src: img.src, shown: img.getBoundingClientRect().width, natural: img.naturalWidth}))""")


def _png_file(src: str) -> Path:
    return SITE / unquote(urlparse(src).path).lstrip("/")


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_figure_text_is_at_least_11_css_px_at_1280(site, report, page_path):
    base, browser = site
    page, problems = open_page_at(browser, f"{base}/{page_path}", width=1280, height=900, dpr=1)
    try:
        settle(page)
        figures = _figures(page)
        small = []
        for fig in figures:
            png = Image.open(_png_file(fig["src"]))
            text = getattr(png, "text", {})
            assert KEY_PX in text, f"{page_path}: {fig['src']} was not drawn through figure_png (no {KEY_PX})"
            assert fig["shown"] > 0, f"{page_path}: {fig['src']} is not displayed"
            css_px = float(text[KEY_PX]) * fig["shown"] / png.size[0]
            row = {
                "page": page_path,
                "png": Path(fig["src"]).name[:12],
                "png_px": list(png.size),
                "shown_css_px": round(fig["shown"], 1),
                "min_font_pt": float(text[KEY_PT]),
                "min_text_css_px": round(css_px, 2),
            }
            report.append(row)
            if css_px < MIN_CSS_PX:
                small.append(row)
            # sharp on a 2x screen: at least ~2 PNG pixels per displayed CSS pixel
            assert png.size[0] >= 1.95 * fig["shown"], f"{page_path}: {row} is drawn below 2x density"
        assert small == [], f"{page_path}: figures whose smallest text is under {MIN_CSS_PX} CSS px: {small}"
        assert problems["pageerror"] == []
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_display_formulas_scroll_on_a_phone(site, page_path):
    """At 390 px a display formula wider than the column scrolls inside its own box (nothing is clipped)."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/{page_path}", width=390, height=844, dpr=2)
    try:
        settle(page)
        clipped = page.locator(".katex-display").evaluate_all("""els => els
            .filter(el => el.scrollWidth > el.clientWidth + 1
                          && !['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .map(el => el.textContent.slice(0, 60))""")
        assert clipped == [], f"{page_path}: display formulas cut off at 390 px: {clipped}"
        # and every display formula's box stays inside the viewport
        outside = page.locator(".katex-display").evaluate_all("""els => els
            .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && (r.left < -0.5 || r.right > 390.5))
            .map(r => [r.left, r.right])""")
        assert outside == [], f"{page_path}: display formulas outside the viewport: {outside}"
    finally:
        page.context.close()


def test_a_wide_formula_can_actually_be_scrolled(site):
    """Chapter 6's RoIAlign formula is wider than a phone: its box scrolls sideways when asked to."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/book/06_detectron.html", width=390, height=844, dpr=2)
    try:
        settle(page)
        wide = page.locator(".katex-display").evaluate_all(
            "els => els.filter(el => el.scrollWidth > el.clientWidth + 1).length"
        )
        if wide == 0:
            pytest.skip("no display formula is wider than the phone column (nothing to scroll)")
        moved = page.locator(".katex-display").evaluate_all("""els => els
            .filter(el => el.scrollWidth > el.clientWidth + 1)
            .map(el => { el.scrollLeft = 40; return el.scrollLeft; })""")
        assert all(m > 0 for m in moved), moved
    finally:
        page.context.close()
