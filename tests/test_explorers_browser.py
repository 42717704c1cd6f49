"""The static explorers on the built site, in a real browser with the network off (needs `make book`).

Every explorer on the site is pre-rendered HTML (``PIXELVIZ_STATIC_WIDGETS=1``
is set by ``make book``): its controls are HTML inputs and moving one swaps the
inline frame. These tests move the controls the way a reader does (keyboard on
a slider, choosing an option in a dropdown) and check that the shown frame
changes, that nothing is fetched off the machine and that no dead ipywidgets
output is on the page. Screenshots of each explorer page are written to
``tmp_path`` (``pytest --basetemp DIR`` keeps them where you can look).
"""

from __future__ import annotations

import re

import browser_support
import pytest
from browser_support import offline_browser, open_offline_page, serve_site

pytestmark = pytest.mark.browser

_EXPLORER = re.compile(r'<div class="pv-explorer" data-explorer="(\w+)"')


def explorer_pages() -> dict[str, list[str]]:
    """``{page path: [explorer class names]}`` for every built page that has an explorer."""
    site = browser_support.SITE
    pages = {}
    for path in sorted(site.glob("**/*.html")):
        if "_static" in path.parts or "_sources" in path.parts:
            continue
        names = _EXPLORER.findall(path.read_text(encoding="utf-8", errors="replace"))
        if names:
            pages[path.relative_to(site).as_posix()] = names
    return pages


PAGES = explorer_pages()


def page_with(name: str) -> str:
    for path, names in PAGES.items():
        if name in names:
            return path
    pytest.skip(f"no built page has a {name} yet (add its cell to the chapter and run `make book`)")


def frame_state(page, explorer) -> dict:
    """The shown frame of ``explorer``: its data URI, alt text and whether it decoded."""
    return explorer.locator("img.pv-frame").evaluate(
        "img => ({src: img.src, alt: img.alt, ok: img.complete && img.naturalWidth > 0})")


def test_grid_explorer_is_on_the_sampling_grid_chapter():
    assert "GridExplorer" in PAGES.get("book/02_sampling_grid.html", []), \
        f"GridExplorer not found on book/02_sampling_grid.html; explorers found: {PAGES}"


@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_every_control_of_every_explorer_swaps_the_frame(page_path, tmp_path):
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, blocked, failed, errors = open_offline_page(browser, f"{base}/{page_path}")
        explorers = page.locator(".pv-explorer")
        assert explorers.count() == len(PAGES[page_path])
        # the static version only: no ipywidgets view that would need a kernel and a CDN
        assert page.locator(".jupyter-widgets, .widget-area").count() == 0
        assert "application/vnd.jupyter.widget-view+json" not in page.content()
        n_blocked, n_errors = len(blocked), len(errors)  # the theme's own CDN scripts fail at load
        for k in range(explorers.count()):
            explorer = explorers.nth(k)
            explorer.scroll_into_view_if_needed()
            first = frame_state(page, explorer)
            assert first["ok"], f"explorer {k} on {page_path}: the first frame did not render"
            for control in explorer.locator("input[type=range], select").all():
                before = frame_state(page, explorer)
                if control.evaluate("el => el.tagName") == "SELECT":
                    n = control.locator("option").count()
                    current = int(control.input_value())
                    control.select_option(index=(current + 1) % n)
                else:
                    control.focus()
                    at_max = control.evaluate("el => +el.value === +el.max")
                    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
                after = frame_state(page, explorer)
                name = control.get_attribute("data-pv")
                assert after["ok"], f"{name} on {page_path}: new frame did not decode"
                assert after["alt"] != before["alt"], f"{name} on {page_path}: alt text did not change"
            explorer.screenshot(path=str(tmp_path / f"{page_path.replace('/', '_')}-{k}.png"))
        page.screenshot(path=str(tmp_path / f"{page_path.replace('/', '_')}.png"), full_page=True)
        assert blocked[n_blocked:] == [], f"moving the controls fetched from the network: {blocked[n_blocked:]}"
        assert errors[n_errors:] == [], f"console errors while moving the controls: {errors[n_errors:]}"
        assert failed == [], f"local requests that failed: {failed}"


def test_resize_explorer_scale_and_convention_change_the_frame(tmp_path):
    page_path = page_with("ResizeExplorer")
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, blocked, _, errors = open_offline_page(browser, f"{base}/{page_path}")
        n_blocked, n_errors = len(blocked), len(errors)
        explorer = page.locator('.pv-explorer[data-explorer="ResizeExplorer"]').first
        explorer.scroll_into_view_if_needed()
        explorer.screenshot(path=str(tmp_path / "resize-0-initial.png"))
        start = frame_state(page, explorer)
        assert start["ok"]

        scale = explorer.locator('input[type=range][data-pv="scale"]')
        scale.focus()
        page.keyboard.press("ArrowLeft" if scale.evaluate("el => +el.value === +el.max") else "ArrowRight")
        moved = frame_state(page, explorer)
        assert moved["ok"] and moved["src"] != start["src"], "moving the scale slider did not change the frame"
        assert "scale" in moved["alt"] and moved["alt"] != start["alt"]
        explorer.screenshot(path=str(tmp_path / "resize-1-scale.png"))

        convention = explorer.locator('select[data-pv="convention"]')
        labels = convention.locator("option").all_inner_texts()
        current = int(convention.input_value())
        # switch to ① align_corners (or, if that is already shown, to the next convention)
        target = next((i for i, text in enumerate(labels) if i != current and "align_corners" in text),
                      (current + 1) % len(labels))
        convention.select_option(index=target)
        switched = frame_state(page, explorer)
        assert switched["ok"] and switched["src"] != moved["src"], "switching the convention did not change the frame"
        assert labels[target] in switched["alt"]
        explorer.screenshot(path=str(tmp_path / "resize-2-convention.png"))
        assert blocked[n_blocked:] == [] and errors[n_errors:] == []
