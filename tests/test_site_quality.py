"""Every page of the built site in a real browser, offline: requests, console, alt text, headings, weight, layout.

Needs the built site (`make book`; set PIXELVIZ_SITE to test another build folder).
Screenshots at desktop (1280 px) and phone (390 px) width and a page-weight
report go to test-results/site/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml
from browser_support import ROOT, SITE, offline_browser, open_offline_page, page_bytes, serve_site, settle

pytestmark = pytest.mark.browser

SITE_DIR = Path(os.environ.get("PIXELVIZ_SITE", SITE))
RESULTS = ROOT / "test-results" / "site"
MAX_PAGE_BYTES = 3_000_000
WIDTHS = {"desktop": 1280, "phone": 390}
# Console errors that come from third-party code we ship unchanged; none are known today.
THIRD_PARTY_CONSOLE = ()


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p["chapters"]]
    while stack:
        entry = stack.pop(0)
        if "file" in entry:
            files.append(entry["file"])
        stack[:0] = entry.get("sections", [])
    return [f"{f}.html" for f in files]


PAGES = toc_pages()


@pytest.fixture(scope="module")
def site():
    with ExitStack() as stack:
        base = stack.enter_context(serve_site(SITE_DIR))
        browser = stack.enter_context(offline_browser())
        yield base, browser


@pytest.fixture(scope="module")
def weights():
    found: dict[str, int] = {}
    yield found
    if found:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "page-weights.json").write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")
        print("\npage weights (bytes):", json.dumps(found, indent=1, sort_keys=True))


def test_every_toc_page_was_built():
    missing = [p for p in PAGES if not (SITE_DIR / p).exists()]
    assert missing == [], f"pages in _toc.yml missing from {SITE_DIR}: {missing}"


def _open(site, page_path, width):
    base, browser = site
    page, blocked, failed, errors = open_offline_page(browser, f"{base}/{page_path}", width=width)
    settle(page)
    return page, blocked, failed, errors


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_offline_without_errors(site, weights, page_path):
    page, blocked, failed, errors = _open(site, page_path, WIDTHS["desktop"])
    try:
        # nothing off this machine is requested on load (KaTeX's CSS and fonts are vendored, thebe loads only on click)
        assert blocked == [], f"{page_path} requested the network: {blocked}"
        assert failed == [], f"{page_path}: local requests that failed: {failed}"
        ours = [e for e in errors if not e.startswith(THIRD_PARTY_CONSOLE)] if THIRD_PARTY_CONSOLE else errors
        assert ours == [], f"{page_path}: console errors: {ours}"
        broken = page.evaluate("""() => Array.from(document.images)
            .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src.slice(0, 80))""")
        assert broken == [], f"{page_path}: images that did not render: {broken}"
        weight = page_bytes(page)
        weights[page_path] = weight["total"]
        assert weight["total"] <= MAX_PAGE_BYTES, (
            f"{page_path} weighs {weight['total']} bytes; largest: "
            f"{sorted(weight['resources'].items(), key=lambda kv: -kv[1])[:5]}"
        )
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_images_have_alt_text_or_caption(site, page_path):
    page, *_ = _open(site, page_path, WIDTHS["desktop"])
    try:
        # an alt that is the image's own file name (myst-nb's default) says nothing
        bad = page.evaluate("""() => Array.from(document.querySelectorAll('.bd-article img')).filter(img => {
                const alt = (img.getAttribute('alt') || '').trim();
                const file = (img.getAttribute('src') || '').split('/').pop();
                const meaningful = alt && !alt.endsWith(file) && !/\\.(png|jpe?g|svg|gif)$/i.test(alt);
                const fig = img.closest('figure');
                const caption = fig && fig.querySelector('figcaption') && fig.querySelector('figcaption').textContent.trim();
                return !(meaningful || caption);
            }).map(img => (img.getAttribute('src') || '').slice(0, 60))""")
        assert bad == [], f"{page_path}: images without alt text or caption: {bad}"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_headings_in_order(site, page_path):
    page, *_ = _open(site, page_path, WIDTHS["desktop"])
    try:
        levels = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.bd-article h1, .bd-article h2, .bd-article h3, .bd-article h4, .bd-article h5, .bd-article h6'))
            .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])""")
        assert levels and levels[0][0] == 1, f"{page_path}: first heading is not an h1: {levels[:1]}"
        assert sum(1 for lvl, _ in levels if lvl == 1) == 1, f"{page_path}: more than one h1"
        for (prev, _), (lvl, text) in zip(levels, levels[1:]):
            assert lvl <= prev + 1, f"{page_path}: heading {text!r} jumps from h{prev} to h{lvl}"
    finally:
        page.context.close()


@pytest.mark.parametrize("width_name", sorted(WIDTHS))
@pytest.mark.parametrize("page_path", PAGES)
def test_screenshot_and_no_sideways_scroll(site, page_path, width_name):
    width = WIDTHS[width_name]
    page, *_ = _open(site, page_path, width)
    try:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = page_path.replace("/", "_").removesuffix(".html")
        page.screenshot(path=str(RESULTS / f"{name}-{width_name}.png"), full_page=True, timeout=180_000)  # tall pages
        # the page itself never scrolls sideways; wide tables, code and figures scroll in their own box
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{page_path} at {width}px is {overflow}px wider than the screen"
    finally:
        page.context.close()


def test_math_renders_offline(site):
    """Formulas are typeset at build time (KaTeX) and drawn with the vendored KaTeX fonts, with no network."""
    for page_path in PAGES:
        html = (SITE_DIR / page_path).read_text()
        if 'class="math' in html:
            break
    else:
        pytest.skip("no page has math")
    assert 'class="katex"' in html, f"{page_path}: math was not prerendered by KaTeX"
    assert "katex-error" not in html, f"{page_path}: KaTeX could not parse a formula"
    assert not re.search(r"<script[^>]*mathjax", html, flags=re.I), f"{page_path} still loads MathJax"
    page, blocked, failed, _ = _open(site, page_path, WIDTHS["desktop"])
    try:
        assert blocked == [] and failed == []
        # the prerendered HTML is laid out by katex.min.css with KaTeX's own fonts (served from _static)
        found = page.evaluate("""async () => {
            await document.fonts.ready;
            const el = document.querySelector('.bd-article .katex .mathnormal, .bd-article .katex .mord');
            return {family: el ? getComputedStyle(el).fontFamily : null,
                    loaded: Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)};
        }""")
        assert found["family"] and "KaTeX" in found["family"], found
        assert any(f.startswith("KaTeX") for f in found["loaded"]), f"no KaTeX font loaded: {found['loaded']}"
        # a display formula is a block of its own height, not raw TeX
        text = page.locator(".bd-article .math").first.inner_text()
        assert "\\" not in text and "$" not in text, f"raw TeX on the page: {text!r}"
    finally:
        page.context.close()


def test_no_page_has_katex_errors():
    """KaTeX renders an unknown command as red source text instead of failing the build: none on any page."""
    bad = [p for p in PAGES if "katex-error" in (SITE_DIR / p).read_text()]
    assert bad == [], f"pages with formulas KaTeX could not parse: {bad}"


def test_theme_icons_render_without_fontawesome_js(site):
    """book/_templates drops the theme's 1.5 MB fontawesome.js; the header icons come from its webfonts."""
    page, *_ = _open(site, PAGES[-1], WIDTHS["desktop"])
    try:
        # icons in closed dropdowns have no box; the visible ones (launch, repository, download...) must have one
        widths = page.evaluate("""() => Array.from(document.querySelectorAll('.article-header-buttons i'))
            .filter(i => i.offsetParent !== null).map(i => i.getBoundingClientRect().width)""")
        assert len(widths) >= 3 and min(widths) > 8, f"header icons did not render: {widths}"
        scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.src)")
        assert not any("fontawesome.js" in s for s in scripts)
    finally:
        page.context.close()


def test_cheat_sheet_prints_on_one_page(site, tmp_path):
    """book/_static/pixelviz.css's print rules fit the cheat sheet on one A4 page."""
    import re

    if "book/cheatsheet.html" not in PAGES:
        pytest.skip("no cheat sheet in _toc.yml")
    page, *_ = _open(site, "book/cheatsheet.html", WIDTHS["desktop"])
    try:
        pdf = tmp_path / "cheatsheet.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
        assert pages == 1, f"the cheat sheet prints on {pages} A4 pages"
    finally:
        page.context.close()
