"""The static explorers on the built site, in a real browser with the network off (needs `make book`).

Every explorer on the site is pre-rendered HTML (``PIXELVIZ_STATIC_WIDGETS=1``
is set by ``make book``): its controls are HTML inputs and moving one shows
that state's frame. These tests check

* that what the page displays for a state **is** the frame pixelviz renders
  for that state (at desktop and phone width, device pixel ratio 1 and 2);
* that every control changes the frame when a reader moves it (keyboard on a
  slider, a click on a toggle, an option of a dropdown);
* that the explorers' text is at least 11 CSS px in the 1280 px layout and
  that an explorer fits a 390 px phone;
* that no page error is thrown, nothing is fetched off the machine, and no
  dead ipywidgets output is on the page.

They rely on the page markup only (``.pv-explorer``, ``[data-pv]`` controls,
``img.pv-frame`` inside ``.pv-view``, the JSON payload), not on the Python
classes' internals, so the true-frame test also runs against an older build
(``PIXELVIZ_SITE=old/_build/html PYTHONPATH=old/checkout``). Screenshots and a
JSON summary of the comparisons go to ``test-results/explorers/``.
"""

from __future__ import annotations

import base64
import io
import json
import re
import zlib

import browser_support
import numpy as np
import pytest
from browser_support import ROOT, element_pixels, offline_browser, open_page_at, serve_site

pytestmark = pytest.mark.browser

RESULTS = ROOT / "test-results" / "explorers"
_EXPLORER = re.compile(r'<div class="pv-explorer" data-explorer="(\w+)"')
#: Seeded-random states checked per explorer (plus the one it starts on).
STATES = 10
VIEWS = [(1280, 1), (1280, 2), (390, 1), (390, 2)]  # (viewport width in CSS px, device pixel ratio)
#: Largest colour difference (0..255, per channel) allowed between what the page shows and the true frame
#: shown as a plain <img> in the same box, on top of the frame's own encoding error E (0 for lossless frames).
#: Both images are the same size and go through the same decode-and-scale path of the same browser, so
#: equal pixels give equal screenshots; the 2 levels absorb rounding in colour conversion. A frame composed
#: from two layers scaled separately differs by far more at every edge the layers share (tens to 200+).
TOLERANCE = 2


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


# -- reading and moving an explorer through its markup ------------------------------------------------------

_CONTROLS_JS = """root => {
  const data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
  return Array.from(root.querySelectorAll('[data-pv]')).map((el, k) => {
    const find = sel => el.matches(sel) ? el : el.querySelector(sel);
    const range = find('input[type=range]'), select = find('select');
    const radios = el.querySelectorAll('input[type=radio]');
    let kind, labels, index;
    if (range) {
      kind = 'range'; index = +range.value;
      labels = data.labels ? data.labels[k] : JSON.parse(range.dataset.labels);
    } else if (select) {
      kind = 'select'; index = +select.value; labels = Array.from(select.options).map(o => o.textContent);
    } else if (radios.length) {
      kind = 'radio'; labels = Array.from(radios).map(r => r.nextElementSibling.textContent);
      index = Array.from(radios).findIndex(r => r.checked);
    } else {
      kind = 'fixed'; index = 0; labels = [(el.querySelector('b') || el.parentNode.querySelector('b')).textContent];
    }
    return {name: el.dataset.pv, kind, labels, index};
  });
}"""

_SET_JS = """(root, indices) => {
  Array.from(root.querySelectorAll('[data-pv]')).forEach((el, k) => {
    const find = sel => el.matches(sel) ? el : el.querySelector(sel);
    const input = find('input[type=range]') || find('select');
    let target = input;
    if (input) { input.value = String(indices[k]); }
    else {
      const radios = el.querySelectorAll('input[type=radio]');
      if (!radios.length) { return; }
      radios.forEach((r, j) => { r.checked = j === indices[k]; });
      target = radios[indices[k]];
    }
    target.dispatchEvent(new Event('input', {bubbles: true}));
    target.dispatchEvent(new Event('change', {bubbles: true}));
  });
}"""

# the frame of the state asked for is on screen: decoded, and (pages whose script reports it) composed
_SHOWN_JS = """root => { const img = root.querySelector('img.pv-frame');
  return img.complete && img.naturalWidth > 0 &&
         (root.dataset.shown === undefined || root.dataset.shown === root.dataset.state); }"""

_SWAP_JS = """(root, src) => new Promise(done => {
  const img = root.querySelector('img.pv-frame');
  img.dataset.pvSaved = img.src; img.onload = () => img.decode().then(done); img.src = src; })"""

_RESTORE_JS = """root => { const img = root.querySelector('img.pv-frame');
  img.onload = null; img.src = img.dataset.pvSaved; }"""


def settle_frames(page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def show_state(page, explorer, indices: list[int]) -> None:
    explorer.evaluate(_SET_JS, indices)
    page.wait_for_function(_SHOWN_JS, arg=explorer.element_handle(), timeout=10_000)
    if explorer.evaluate("root => root.dataset.shown === undefined"):
        page.wait_for_timeout(150)  # an old page: give its CSS background image time to decode
    settle_frames(page)


def payload_of(explorer) -> dict:
    return json.loads(
        explorer.evaluate("""root => root.querySelector('script[type="application/json"]').textContent""")
    )


def encoded_frame(data: dict, k: int) -> np.ndarray:
    """State ``k``'s frame as the payload encodes it: its delta drawn over its base, (H, W, 3) uint8 (Pillow)."""
    from PIL import Image

    def rgba(b64):
        return Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGBA")

    composed = Image.alpha_composite(rgba(data["bases"][data["base"][k]]), rgba(data["frames"][data["index"][k]]))
    return np.asarray(composed.convert("RGB"))


_TRUE_FRAMES: dict = {}


def true_frame(name: str, state: dict) -> np.ndarray:
    """The frame Python renders for ``state``: a fresh explorer of class ``name``, its ``rgba()`` (H, W, 3)."""
    key = (name, tuple(sorted((k, repr(v)) for k, v in state.items())))
    if key not in _TRUE_FRAMES:
        import widgets

        _TRUE_FRAMES[key] = getattr(widgets, name)(**state).rgba()[..., :3].copy()
    return _TRUE_FRAMES[key]


def state_of(name: str, controls: list[dict], indices: list[int]) -> dict:
    """Control values for the labels at ``indices``: the declared value whose ``fmt`` gives the label."""
    import widgets

    by_name = {c.name: c for c in getattr(widgets, name).controls}
    state = {}
    for control, i in zip(controls, indices):
        c = by_name[control["name"]]
        matches = [v for v in c.values if c.fmt(v) == control["labels"][i]]
        assert len(matches) == 1, f"{name}.{c.name}: label {control['labels'][i]!r} names {matches}"
        state[c.name] = matches[0]
    return state


def png_uri(rgb: np.ndarray) -> str:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def save_png(path, rgb: np.ndarray) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rgb).save(path)


# -- the frame shown is the frame rendered ----------------------------------------------------------------


@pytest.mark.parametrize("width,dpr", VIEWS, ids=[f"{w}px-dpr{d}" for w, d in VIEWS])
@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_explorer_displays_the_true_frame(page_path, width, dpr):
    """For the start state and 10 seeded-random states of each explorer: the pixels the page shows in the
    explorer's frame box equal those of the true frame (``rgba()`` of a fresh explorer in that state) shown
    by the same browser as a plain image in the same box, within ``TOLERANCE`` + the frame's encoding error."""
    tag = f"{page_path.replace('/', '_')}-{width}px-dpr{dpr}"
    rows, failures = [], []
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, problems = open_page_at(browser, f"{base}/{page_path}", width=width, dpr=dpr)
        explorers = page.locator(".pv-explorer")
        for k in range(explorers.count()):
            explorer = explorers.nth(k)
            name = explorer.get_attribute("data-explorer")
            view = explorer.locator(".pv-view")
            data = payload_of(explorer)
            controls = explorer.evaluate(_CONTROLS_JS)
            sizes = [len(c["labels"]) for c in controls]
            total = int(np.prod(sizes))
            rng = np.random.default_rng([zlib.crc32(page_path.encode()), k])
            picks = rng.choice(total, size=min(STATES, total), replace=False).tolist()
            start = [c["index"] for c in controls]
            for n, position in enumerate([None] + picks):
                if position is None:
                    indices = start  # the first frame, before any control moved
                    page.wait_for_function(_SHOWN_JS, arg=explorer.element_handle(), timeout=10_000)
                    settle_frames(page)
                else:
                    indices = [int(i) for i in np.unravel_index(position, sizes)]
                    show_state(page, explorer, indices)
                state = state_of(name, controls, indices)
                p = int(np.ravel_multi_index(indices, sizes))
                truth = true_frame(name, state)
                encoded = encoded_frame(data, p)
                assert encoded.shape == truth.shape, f"{name}: payload frame {encoded.shape} vs rendered {truth.shape}"
                error = int(np.abs(encoded.astype(int) - truth).max())  # the encoding's own error
                shown = element_pixels(page, view)
                explorer.evaluate(_SWAP_JS, png_uri(truth))
                settle_frames(page)
                reference = element_pixels(page, view)
                explorer.evaluate(_RESTORE_JS)
                diff = np.abs(shown.astype(int) - reference.astype(int)).max(axis=-1)
                bad = int((diff > TOLERANCE + error).sum())
                row = {
                    "explorer": f"{k}:{name}",
                    "state": {c: str(v) for c, v in state.items()},
                    "css_box": view.bounding_box(),
                    "device_px": list(shown.shape[:2]),
                    "encoding_error": error,
                    "max_diff": int(diff.max()),
                    "pixels_over": bad,
                }
                rows.append(row)
                if bad:
                    failures.append(row)
                    if len(failures) <= 3:
                        stem = RESULTS / "failures" / f"{tag}-{k}-{n}"
                        save_png(stem.with_name(stem.name + "-shown.png"), shown)
                        save_png(stem.with_name(stem.name + "-true.png"), reference)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"true-frames-{tag}.json").write_text(json.dumps(rows, indent=1) + "\n")
    worst = max(rows, key=lambda r: r["max_diff"]) if rows else None
    assert not failures, (
        f"{len(failures)} of {len(rows)} states on {page_path} at {width} px, DPR {dpr} show a frame that is "
        f"not the rendered one; worst: {worst['explorer']} max |shown - true| = {worst['max_diff']} over "
        f"{worst['pixels_over']} device pixels in {worst['state']} (tolerance {TOLERANCE} + encoding error "
        f"{worst['encoding_error']}); details in {RESULTS}"
    )
    assert problems["pageerror"] == [], f"uncaught page errors on {page_path}: {problems['pageerror']}"


# -- every control moves the frame ---------------------------------------------------------------------------


def frame_state(explorer) -> dict:
    """The shown frame of ``explorer``: its source, alt text, whether it decoded, the state it shows."""
    return explorer.evaluate("""root => { const img = root.querySelector('img.pv-frame');
        return {src: img.src, alt: img.alt, ok: img.complete && img.naturalWidth > 0,
                shown: root.dataset.shown, state: root.dataset.state}; }""")


def test_grid_explorer_is_on_the_sampling_grid_chapter():
    assert "GridExplorer" in PAGES.get("book/02_sampling_grid.html", []), (
        f"GridExplorer not found on book/02_sampling_grid.html; explorers found: {PAGES}"
    )


@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_every_control_of_every_explorer_changes_the_frame(page_path, tmp_path):
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, problems = open_page_at(browser, f"{base}/{page_path}")
        explorers = page.locator(".pv-explorer")
        assert explorers.count() == len(PAGES[page_path])
        # the static version only: no ipywidgets view that would need a kernel and a CDN
        assert page.locator(".jupyter-widgets, .widget-area").count() == 0
        assert "application/vnd.jupyter.widget-view+json" not in page.content()
        n_blocked = len(problems["blocked"])  # the theme's own CDN scripts fail at load
        for k in range(explorers.count()):
            explorer = explorers.nth(k)
            explorer.scroll_into_view_if_needed()
            assert frame_state(explorer)["ok"], f"explorer {k} on {page_path}: the first frame did not render"
            for control in explorer.locator("[data-pv]").all():
                name = control.get_attribute("data-pv")
                before = frame_state(explorer)
                if control.locator("select").count():
                    select = control.locator("select")
                    n = select.locator("option").count()
                    select.select_option(index=(int(select.input_value()) + 1) % n)
                elif control.locator("input[type=range]").count():
                    slider = control.locator("input[type=range]")
                    slider.focus()
                    at_max = slider.evaluate("el => +el.value === +el.max")
                    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
                elif control.locator("input[type=radio]").count():
                    labels = control.locator("label")
                    current = control.evaluate(
                        "el => Array.from(el.querySelectorAll('input')).findIndex(r => r.checked)"
                    )
                    labels.nth((current + 1) % labels.count()).click()  # a reader's click on the other button
                else:
                    continue  # one value on the site: nothing to move
                page.wait_for_function(_SHOWN_JS, arg=explorer.element_handle(), timeout=10_000)
                after = frame_state(explorer)
                assert after["ok"], f"{name} on {page_path}: new frame did not decode"
                assert after["alt"] != before["alt"], f"{name} on {page_path}: alt text did not change"
                assert after["state"] != before["state"], f"{name} on {page_path}: the state did not change"
            explorer.screenshot(path=str(tmp_path / f"{page_path.replace('/', '_')}-{k}.png"))
        assert problems["blocked"][n_blocked:] == [], f"moving the controls fetched: {problems['blocked'][n_blocked:]}"
        assert problems["console"] == [] or all("THEBE" in e or "thebe" in e for e in problems["console"]), problems[
            "console"
        ]
        assert problems["failed"] == [], f"local requests that failed: {problems['failed']}"
        assert problems["pageerror"] == [], f"uncaught page errors on {page_path}: {problems['pageerror']}"


def test_resize_explorer_scale_and_convention_change_the_frame():
    page_path = page_with("ResizeExplorer")
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, problems = open_page_at(browser, f"{base}/{page_path}")
        explorer = page.locator('.pv-explorer[data-explorer="ResizeExplorer"]').first
        explorer.scroll_into_view_if_needed()
        start = frame_state(explorer)
        assert start["ok"]
        scale = explorer.locator('[data-pv="scale"] input[type=range]')
        scale.focus()
        page.keyboard.press("ArrowLeft" if scale.evaluate("el => +el.value === +el.max") else "ArrowRight")
        page.wait_for_function(_SHOWN_JS, arg=explorer.element_handle(), timeout=10_000)
        moved = frame_state(explorer)
        assert moved["ok"] and moved["src"] != start["src"], "moving the scale slider did not change the frame"
        assert "scale" in moved["alt"] and moved["alt"] != start["alt"]
        convention = explorer.locator('[data-pv="convention"] select')
        labels = convention.locator("option").all_inner_texts()
        current = int(convention.input_value())
        target = next(i for i, text in enumerate(labels) if i != current and "align_corners" in text)
        convention.select_option(index=target)
        page.wait_for_function(_SHOWN_JS, arg=explorer.element_handle(), timeout=10_000)
        switched = frame_state(explorer)
        assert switched["ok"] and switched["src"] != moved["src"], "switching the convention did not change the frame"
        assert labels[target] in switched["alt"]
        caption = explorer.locator(".pv-caption").inner_text()
        assert caption.startswith("① align_corners"), caption
        assert problems["pageerror"] == []


# -- legible at 1280 px, usable at 390 px ------------------------------------------------------------------


@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_explorer_text_is_at_least_11_css_px_at_1280(page_path):
    """Smallest text of any frame (recorded at build time in native pixels: points × dpi / 72) times the
    scale the 1280 px layout displays the frame at (box width / native width) is at least 11 CSS px."""
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, problems = open_page_at(browser, f"{base}/{page_path}", width=1280)
        for info in page.locator(".pv-explorer").evaluate_all("""els => els.map(el => ({
                name: el.dataset.explorer, native: +el.dataset.nativeWidth, font: +el.dataset.minFontPx,
                shown: el.querySelector('img.pv-frame').getBoundingClientRect().width}))"""):
            css_px = info["font"] * info["shown"] / info["native"]
            assert css_px >= 11, (
                f"{info['name']} on {page_path}: smallest text {info['font']:.1f} native px "
                f"shown at {info['shown']:.0f}/{info['native']} = {css_px:.1f} CSS px"
            )
        assert problems["pageerror"] == []


@pytest.mark.parametrize("page_path", sorted(PAGES))
def test_explorer_fits_a_phone(page_path):
    """At 390 px nothing of an explorer is cut off or scrolls sideways: the frame, every control and the
    legend lie inside the explorer's box and the viewport, and controls are big enough to hit."""
    with serve_site(browser_support.SITE) as base, offline_browser() as browser:
        page, problems = open_page_at(browser, f"{base}/{page_path}", width=390, height=844, dpr=2)
        for k, box in enumerate(page.locator(".pv-explorer").all()):
            box.scroll_into_view_if_needed()
            outer = box.bounding_box()
            assert outer["x"] >= 0 and outer["x"] + outer["width"] <= 390 + 0.5, f"explorer {k} overflows: {outer}"
            assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), f"explorer {k} scrolls sideways"
            for part in box.locator("img.pv-frame, [data-pv], .pv-legend li").all():
                r = part.bounding_box()
                assert r["x"] >= outer["x"] - 0.5 and r["x"] + r["width"] <= outer["x"] + outer["width"] + 0.5, (
                    f"explorer {k} on {page_path}: {part.evaluate('el => el.outerHTML.slice(0, 80)')} sticks out"
                )
            for hit in box.locator("input[type=range], select, .pv-buttons label span").all():
                assert hit.bounding_box()["height"] >= 20, f"explorer {k}: a control under 20 px tall"
        assert problems["pageerror"] == []
