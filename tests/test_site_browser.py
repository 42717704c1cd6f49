"""The built site in a real browser, with the network off (needs `make book` first)."""

import pytest
from browser_support import SITE, offline_browser, open_offline_page, serve_site

pytestmark = pytest.mark.browser

CHAPTERS = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html"))


def test_site_has_the_chapters():
    assert "book/intro.html" in CHAPTERS
    assert "book/02_sampling_grid.html" in CHAPTERS


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_figures_render_offline(page_path, tmp_path):
    with serve_site() as base, offline_browser() as browser:
        page, blocked, failed, _ = open_offline_page(browser, f"{base}/{page_path}")
        # every image of the page loaded from the local site and decoded
        broken = page.evaluate("""() => Array.from(document.images)
            .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)""")
        assert broken == [], f"images that did not render: {broken}"
        assert failed == [], f"local requests that failed: {failed}"
        # the API page is over 100 000 px tall: a full-page screenshot takes ~30 s on a loaded 2-core machine
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True, timeout=180_000)


def test_sampling_grid_chapter_shows_executed_figure_and_numbers():
    with serve_site() as base, offline_browser() as browser:
        page, _, _, _ = open_offline_page(browser, f"{base}/book/02_sampling_grid.html")
        figures = page.evaluate("""() => Array.from(document.querySelectorAll('.cell_output img'))
            .map(img => img.naturalWidth)""")
        assert figures and min(figures) > 200
        text = page.inner_text("main")
        assert "F.interpolate ran on:" in text
