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


WIDE_MATH = """els => els.map(el => {
    // sphinxcontrib-katex makes .katex-html the scroll box of a display formula; our CSS makes .katex-display one
    const boxes = [el, ...el.querySelectorAll('.katex, .katex-html')];
    const wide = boxes.filter(b => b.scrollWidth > b.clientWidth + 1);
    return {text: el.textContent.slice(0, 50), wide: wide.length,
            clipped: wide.filter(b => !['auto', 'scroll'].includes(getComputedStyle(b).overflowX)).length,
            scrollable: wide.filter(b => { b.scrollLeft = 30; return b.scrollLeft > 0; }).length};
})"""


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_display_formulas_fit_or_scroll_on_a_phone(site, page_path):
    """At 390 px a display formula either fits the column or scrolls inside its own box: never cut off."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/{page_path}", width=390, height=844, dpr=2)
    try:
        settle(page)
        for f in page.locator(".katex-display").evaluate_all(WIDE_MATH):
            assert f["clipped"] == 0, f"{page_path}: display formula cut off at 390 px: {f}"
            assert f["wide"] == 0 or f["scrollable"] > 0, f"{page_path}: wide formula that does not scroll: {f}"
        outside = page.locator(".katex-display").evaluate_all("""els => els
            .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && (r.left < -0.5 || r.right > 390.5))
            .map(r => [r.left, r.right])""")
        assert outside == [], f"{page_path}: display formulas outside the viewport: {outside}"
    finally:
        page.context.close()


def test_roialign_formula_fits_a_phone(site):
    """Chapter 6's RoIAlign bin-center formula is written on two lines, so a phone shows all of it."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/book/06_detectron.html", width=390, height=844, dpr=2)
    try:
        settle(page)
        formulas = page.locator(".katex-display").evaluate_all(WIDE_MATH)
        assert formulas, "no display formula on chapter 6"
        assert all(f["wide"] == 0 for f in formulas), f"formulas wider than a phone: {formulas}"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_figures_keep_their_shape(site, width):
    """A figure narrowed to the column (a phone, or a PNG a few px wider than 688) is scaled, not squeezed:
    displayed height / width equals the PNG's (myst-nb writes a fixed CSS height into the style attribute)."""
    base, browser = site
    bad = []
    for page_path in CHAPTERS:
        page, _ = open_page_at(browser, f"{base}/{page_path}", width=width, height=900, dpr=1)
        try:
            settle(page)
            for f in page.locator(".cell_output img").evaluate_all("""els => els
                    .filter(img => !img.closest('.pv-explorer'))
                    .map(img => { const r = img.getBoundingClientRect();
                                  return {src: img.src.slice(-20), w: r.width, h: r.height,
                                          nw: img.naturalWidth, nh: img.naturalHeight}; })"""):
                if f["w"] and abs(f["h"] / f["w"] - f["nh"] / f["nw"]) > 0.01 * f["nh"] / f["nw"] + 2 / f["w"]:
                    bad.append((page_path, f))
        finally:
            page.context.close()
    assert bad == [], f"figures squeezed at {width} px: {bad}"
