"""Page furniture as the reader sees it (issue 12 §5): one search box, no cut-off code, exercises in one state.

Needs the built site (`make book`).
"""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from browser_support import SITE, offline_browser, open_page_at, serve_site, settle

pytestmark = pytest.mark.browser

CHAPTERS = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html")) if SITE.exists() else []
VISIBLE_SEARCH = """() => Array.from(document.querySelectorAll(
        '.search-button-field, .search-button, input[type=search]'))
    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0
                 && e.getBoundingClientRect().bottom > 0 && e.getBoundingClientRect().top < innerHeight).length"""


@pytest.fixture(scope="module")
def site():
    with ExitStack() as stack:
        base = stack.enter_context(serve_site(SITE))
        browser = stack.enter_context(offline_browser())
        yield base, browser


@pytest.mark.parametrize("width", [1280, 390])
def test_intro_has_one_search_box(site, width):
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/book/intro.html", width=width)
    try:
        settle(page)
        assert page.evaluate(VISIBLE_SEARCH) == 1
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_intro_code_is_not_cut_off(site, width):
    """Every code line of the intro fits its box (a long comment used to run off the right edge)."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/book/intro.html", width=width)
    try:
        settle(page)
        cut = page.locator(".bd-article pre").evaluate_all(
            "els => els.filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.slice(0, 60))"
        )
        assert cut == [], f"code blocks wider than their box at {width} px: {cut}"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_exercises_show_one_state_before_a_click(site, page_path):
    """A solution's "passed" output sits inside its collapsed toggle: before any click the reader sees only
    the checker's "not attempted" (never "not attempted" and then "passed" for the same exercise)."""
    base, browser = site
    page, _ = open_page_at(browser, f"{base}/{page_path}", width=1280)
    try:
        settle(page)
        visible = page.locator(".cell_output").evaluate_all("""els => els
            .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height > 0)
            .map(el => el.innerText)""")
        passed = [t[:80] for t in visible if "✓" in t]  # the checker's icon for "passed"
        assert passed == [], f"{page_path}: solution outputs visible before their toggle is opened: {passed}"
        # and opening a solution shows its pass
        toggles = page.locator(".cell.tag_exercise-solution .toggle-button, .cell.tag_exercise-solution summary")
        if toggles.count():
            toggles.first.click()
            page.wait_for_timeout(300)
            inside = page.locator(".cell.tag_exercise-solution").first.inner_text()
            assert "passed" in inside.lower() or "✓" in inside, inside[:200]
    finally:
        page.context.close()
