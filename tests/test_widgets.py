"""Explorers: construction, every control redraws, bad values rejected, static HTML, display mode."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import numpy as np
import pytest

from widgets import (
    STATIC_ENV,
    Control,
    Explorer,
    GridExplorer,
    OriginFlipExplorer,
    ResizeExplorer,
    RoIAlignExplorer,
    static_mode,
)
from widgets._explorer import _default_fmt
from widgets._legend import SWATCHES, legend_html
from widgets._static import asset, static_html

# -- helpers -------------------------------------------------------------------


def static_payload(html: str) -> dict:
    """The JSON block of a static explorer (sizes, index, alts, frames)."""
    m = re.search(r'<script type="application/json">(.*?)</script>', html, flags=re.S)
    assert m, "no JSON payload in the static HTML"
    return json.loads(m.group(1))


def shown_frame(data: dict, k: int) -> np.ndarray:
    """What the page composes for combination ``k``: delta ``index[k]`` drawn over base ``base[k]``, (H, W, 3)."""
    from PIL import Image

    def rgba(b64):
        return Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGBA")

    base, frame = rgba(data["bases"][data["base"][k]]), rgba(data["frames"][data["index"][k]])
    assert np.asarray(base)[..., 3].min() == 255  # the base is opaque: nothing of the page shows through
    assert set(np.unique(np.asarray(frame)[..., 3])) <= {0, 255}  # a delta pixel is the frame's or absent
    return np.asarray(Image.alpha_composite(base, frame).convert("RGB"))


def first_frame(html: str) -> np.ndarray:
    """The <img>'s initial source (the start state's full frame), (H, W, 3)."""
    from PIL import Image

    b64 = re.search(r'<img class="pv-frame"[^>]* src="data:image/\w+;base64,([^"]+)"', html).group(1)
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGB"))


def other_value(control: Control, current):
    """A declared value of ``control`` different from ``current``."""
    return next(v for v in control.values if v != current)


EXPLORERS = [GridExplorer, ResizeExplorer, RoIAlignExplorer, OriginFlipExplorer]
#: A state of each explorer where every control matters (with N = 4 ResizeExplorer's size/scale switch does not:
#: 4 s is a whole number for every scale).
LIVELY = {ResizeExplorer: dict(n=5, scale=1.5)}


# -- the Control declaration ---------------------------------------------------


def test_control_kinds_from_values():
    assert Control("n", (1, 2, 3), 2).kind == "slider"
    assert Control("flag", (False, True), False).kind == "toggle"
    assert Control("mode", ("nearest", "linear"), "linear").kind == "choice"


def test_two_valued_controls_are_toggle_buttons():
    # a slider needs three positions; two values of any kind are buttons, as are up to four names
    assert Control("n", (1, 2, 3), 2).widget_kind() == "slider"
    assert Control("n", (1, 2), 2).widget_kind() == "buttons"
    assert Control("flag", (False, True), False).widget_kind() == "buttons"
    assert Control("m", ("a", "b", "c", "d"), "a").widget_kind() == "buttons"
    assert Control("m", ("a", "b", "c", "d", "e"), "a").widget_kind() == "dropdown"
    assert Control("n", (1, 2, 3), 2).widget_kind((1, 3)) == "buttons"  # two values left on the site


@pytest.mark.parametrize("cls", EXPLORERS)
def test_no_explorer_has_a_two_position_slider(cls):
    for c in cls.controls:
        for values in (c.values, c.static):
            if len(values) == 2:
                assert c.widget_kind(values) == "buttons", (cls.__name__, c.name)


def test_control_accepts_equal_number_and_returns_declared_value():
    c = Control("scale", (0.5, 2.0), 2.0)
    assert c.canonical(2) == 2.0 and isinstance(c.canonical(2), float)


def test_control_rejects_undeclared_value_with_message():
    c = Control("scale", (0.5, 2.0), 2.0)
    with pytest.raises(ValueError, match=r"scale must be one of \[0.5, 2.0\]; got 3"):
        c.canonical(3)


def test_control_rejects_bool_for_number():
    with pytest.raises(TypeError, match="n must be a number"):
        Control("n", (0, 1), 0).canonical(True)


def test_control_rejects_default_outside_values():
    with pytest.raises(ValueError, match="n must be one of"):
        Control("n", (1, 2), 3)


def test_control_rejects_static_values_outside_values():
    with pytest.raises(ValueError, match="n must be one of"):
        Control("n", (1, 2), 1, static_values=(1, 5))


def test_default_fmt():
    assert _default_fmt(0.75) == "0.75" and _default_fmt(True) == "on" and _default_fmt(3) == "3"


# -- every explorer ------------------------------------------------------------


@pytest.mark.parametrize("cls", EXPLORERS)
def test_explorer_constructs_with_defaults(cls):
    ex = cls()
    assert set(ex.state) == {c.name for c in cls.controls}
    image = ex.rgba()
    assert image.ndim == 3 and image.shape[2] == 4 and image[..., :3].std() > 0  # something is drawn
    # drawn for its CSS width at its density: css_width CSS px = css_width / 100 inches
    assert image.shape[1] == round(cls.css_width * cls.density)
    assert ex.fig.get_size_inches()[0] * 100 == pytest.approx(cls.css_width)


@pytest.mark.parametrize("cls", EXPLORERS)
def test_every_control_changes_the_figure(cls):
    ex = cls(**LIVELY.get(cls, {}))
    before = ex.rgba()
    for control in cls.controls:  # one control at a time, from the same state
        current = ex.state[control.name]
        ex.set(**{control.name: other_value(control, current)})
        after = ex.rgba()
        ex.set(**{control.name: current})
        assert before.shape == after.shape
        assert np.any(before != after), f"changing {control.name} did not change the figure"


@pytest.mark.parametrize("cls", EXPLORERS)
def test_redraw_is_in_place_and_idempotent(cls):
    ex = cls()
    fig, first = ex.fig, ex.rgba()
    for control in cls.controls:
        default = ex.state[control.name]
        ex.set(**{control.name: other_value(control, default)})
        ex.set(**{control.name: default})
    assert ex.fig is fig  # same figure, artists updated
    np.testing.assert_array_equal(ex.rgba(), first)  # and nothing left over from the other states


@pytest.mark.parametrize("cls", EXPLORERS)
def test_frame_does_not_depend_on_the_callers_rcparams(cls):
    import matplotlib as mpl

    first = cls().rgba()
    with mpl.rc_context({"font.size": 5, "xtick.labelsize": 4, "lines.linewidth": 7}):
        np.testing.assert_array_equal(cls().rgba(), first)


@pytest.mark.parametrize("cls", EXPLORERS)
def test_unknown_control_is_rejected(cls):
    with pytest.raises(TypeError, match="has no control 'bogus'"):
        cls().set(bogus=1)


@pytest.mark.parametrize("cls", EXPLORERS)
def test_rejected_value_leaves_state_unchanged(cls):
    ex = cls()
    state = dict(ex.state)
    name = cls.controls[0].name
    with pytest.raises((TypeError, ValueError), match=name):
        ex.set(**{name: "not a value"})
    assert ex.state == state


@pytest.mark.parametrize("cls", EXPLORERS)
def test_every_explorer_has_a_legend_and_a_caption(cls):
    ex = cls()
    items = ex.legend()
    assert len(items) >= 3 and all(kind in SWATCHES for kind, _, _ in items)
    page = legend_html(items)
    assert page.count("<li>") == len(items) == page.count("<svg")
    assert ex.caption(ex.state).strip()


def test_legend_rejects_unknown_swatch():
    with pytest.raises(ValueError, match=r"swatch must be one of \[.*'dot'.*\]; got 'star'"):
        legend_html([("star", "k", "a star")])


@pytest.mark.parametrize("cls", EXPLORERS)
def test_explorer_text_is_at_least_11_css_px(cls):
    """Every text a frame draws, in points, at 100 CSS px per figure inch: p * 100 / 72 >= 11 (p >= 7.92).

    Checked over the states the site shows, every value of each control once (from the defaults); the
    build records the minimum over every static frame too (``data-min-font-px``, checked in the browser
    against the displayed width)."""
    ex = cls()
    smallest = []
    for control in cls.controls:
        for value in control.static:
            ex.set(**{control.name: value})
            sizes = ex.text_sizes()
            assert sizes, f"{cls.__name__} draws no text"
            smallest.append(min(sizes))
        ex.set(**{control.name: control.default})
    points, text = min(smallest)
    assert points * 100 / 72 >= 11, f"{cls.__name__}: {text!r} is {points} pt = {points * 100 / 72:.1f} CSS px"


def test_text_sizes_sees_what_is_drawn():
    # a 7 pt label is drawn and recorded; an invisible one and tick labels beyond the limits are not
    ex = _Tiny()
    ex.ax.set_xticks([0, 0.5, 1, 5])
    ex.ax.set_xticklabels(["0", "½", "1", "beyond"], fontsize=9)
    ex.ax.set_xlim(0, 1)  # (set_xticks widened the limits to 5)
    ex.ax.text(0.5, 0.5, "seven", fontsize=7)
    ex.ax.text(0.5, 0.5, "hidden", fontsize=3, visible=False)
    sizes = ex.text_sizes()
    assert (7.0, "seven") in sizes and (9.0, "½") in sizes
    assert all(text not in ("hidden", "beyond") for _, text in sizes)
    assert ex.min_text_css_px() == pytest.approx(7 * 100 / 72)


_STATIC_CACHE: dict = {}


def static_html_of(cls) -> tuple:
    """``(explorer, its static HTML, state before rendering, report)``, rendered once per class (it is slow)."""
    if cls not in _STATIC_CACHE:
        ex = cls()
        state = dict(ex.state)
        report: dict = {}
        _STATIC_CACHE[cls] = (ex, static_html(ex, report), state, report)
    return _STATIC_CACHE[cls]


@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_html_has_one_frame_per_combination_and_no_network(cls):
    ex, page, state, report = static_html_of(cls)
    data = static_payload(page)
    combos = list(ex.combinations(static=True))
    assert data["sizes"] == [len(c.static) for c in cls.controls]  # defaults are in the static grid
    assert len(data["index"]) == len(combos) == int(np.prod(data["sizes"])) == report["states"]
    assert len(data["alts"]) == len(data["captions"]) == len(combos)
    assert set(data["index"]) == set(range(len(data["frames"])))  # every stored frame is used
    assert len(data["base"]) == len(combos) and set(data["base"]) == set(range(len(data["bases"])))
    assert data["labels"] == [[c.fmt(v) for v in c.static] for c in cls.controls]
    # no CDN, no network: no URL scheme anywhere (base64 has no ':'), every src inline
    assert re.search(r"https?:", page, flags=re.I) is None and "://" not in page
    assert all(re.match(r"data:image/(png|webp);base64,", src) for src in re.findall(r'src="([^"]*)"', page))
    assert "<script src" not in page and "<link" not in page
    assert asset("explorer.js") in page and asset("explorer.css") in page  # the package's script, inline
    assert len(page.encode()) <= 1_500_000 and report["bytes"] == len(page.encode())  # the per-explorer budget
    assert ex.state == state  # rendering every frame restores the state
    for c in cls.controls:  # one input per control in the static form
        assert f'data-pv="{c.name}"' in page


@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_frames_are_the_rendered_frames(cls):
    """Delta over base is exactly the figure for combination k (lossless: no palette), checked at the start
    state, three spread combinations and, for the start, the <img>'s own first frame."""
    ex, page, _, report = static_html_of(cls)
    assert report["largest_error"] == 0
    data = static_payload(page)
    combos = list(ex.combinations(static=True))
    fresh = cls(**ex.state)
    np.testing.assert_array_equal(first_frame(page), fresh.rgba()[..., :3])
    np.testing.assert_array_equal(shown_frame(data, data["start"]), fresh.rgba()[..., :3])
    for k in (0, len(combos) // 2, len(combos) - 1):
        live = cls(**combos[k]).rgba()[..., :3]
        np.testing.assert_array_equal(shown_frame(data, k), live)
        assert data["alts"][k] == ex.describe(combos[k]) and data["captions"][k] == ex.caption(combos[k])


@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_html_records_its_smallest_text(cls):
    ex, page, _, report = static_html_of(cls)
    found = float(re.search(r'data-min-font-px="([\d.]+)"', page).group(1))
    assert found == pytest.approx(report["min_points"] * ex.dpi / 72, abs=0.01)
    native = int(re.search(r'data-native-width="(\d+)"', page).group(1))
    assert native == round(ex.css_width * ex.density)
    assert found * ex.css_width / native >= 11  # shown css_width wide, as the book's column does at 1280 px


class _Tiny(Explorer):
    """A one-line explorer for testing the framework."""

    controls = (Control("k", (1, 2, 3), 1, static_values=(1, 3)), Control("flag", (False, True), False))
    css_width = 200
    height = 100
    density = 1.0

    def setup(self, fig):
        self.ax = fig.add_subplot()
        self.ax.set_ylim(0, 3)
        (self.line,) = self.ax.plot([0, 1], [0, 1])

    def render(self, state):
        self.line.set_ydata([0, state["k"]])
        self.line.set_linestyle("--" if state["flag"] else "-")


@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_static_formats_show_the_live_frame(fmt):
    """Both encodings: base + delta reproduce the figure exactly; a delta is transparent where nothing changed."""
    ex = type("_TinyFmt", (_Tiny,), {"static_format": fmt})()
    data = static_payload(ex.to_html())
    assert data["mime"] == f"image/{fmt}"
    for k, state in enumerate(ex.combinations(static=True)):
        np.testing.assert_array_equal(shown_frame(data, k), _Tiny(**state).rgba()[..., :3])
    from PIL import Image

    delta = Image.open(io.BytesIO(base64.b64decode(data["frames"][0]))).convert("RGBA")
    assert np.asarray(delta)[..., 3].mean() < 0.5 * 255  # most of a delta is transparent (axes, ticks, page)


def test_static_palette_error_is_measured():
    # with a 4-colour palette the antialiased line cannot be exact: the report says by how much
    ex = type("_TinyPalette", (_Tiny,), {"static_colors": 4})()
    report: dict = {}
    data = static_payload(static_html(ex, report))
    errors = [
        int(np.abs(shown_frame(data, k).astype(int) - _Tiny(**s).rgba()[..., :3]).max())
        for k, s in enumerate(ex.combinations(static=True))
    ]
    assert report["largest_error"] == max(errors) > 0


def test_static_format_is_checked():
    ex = type("_TinyBad", (_Tiny,), {"static_format": "gif"})()
    with pytest.raises(ValueError, match="static_format must be 'png' or 'webp'; got 'gif'"):
        ex.to_html()


def test_static_grid_adds_a_live_only_initial_value():
    assert _Tiny().static_grid() == [(1, 3), (False, True)]
    ex = _Tiny(k=2)  # 2 is live-only: the site still starts on it
    assert ex.static_grid() == [(1, 2, 3), (False, True)]
    page = ex.to_html()
    data = static_payload(page)
    assert data["sizes"] == [3, 2] and len(data["index"]) == 6 and data["start"] == 2
    assert data["alts"][2] == "k 2, flag off"  # combination 2 = (k=2, flag=False), the initial one
    slider = page.split('data-pv="k"')[1].split("</label>")[0]
    assert 'max="2"' in slider and 'value="1"' in slider and "<output>2</output>" in slider
    flag = page.split('data-pv="flag"')[1].split("</span></span>")[0]
    assert flag.count('type="radio"') == 2 and 'value="0" checked' in flag  # a toggle, not a slider


def test_assets_ship_with_the_package(tmp_path):
    """A regular (non-editable) install has the page script and stylesheet: build the wheel and look."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("pixelviz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("explorer.js", "explorer.css", "legend.css"):
        assert f"widgets/_assets/{name}" in names
        assert zipfile.ZipFile(wheel).read(f"widgets/_assets/{name}").decode() == asset(name)


def test_asset_reports_a_missing_file():
    with pytest.raises(FileNotFoundError, match="without its asset 'nothing.js'"):
        asset("nothing.js")


def test_page_script_needs_no_network():
    js = asset("explorer.js")
    assert "http" not in js and "fetch(" not in js and "XMLHttpRequest" not in js
    assert "drawImage" in js and "toBlob" in js  # composes base and delta at native size, shows one image


# -- GridExplorer ----------------------------------------------------------------


def test_grid_explorer_draws_pixelviz_sample_positions():
    import pixelviz as pv

    ex = GridExplorer(n=5, convention="①")
    dots = [a for a in ex.ax.lines if a.get_marker() == "o"]
    assert len(dots) == 1
    # ① with n=5 on [0, 1]: stride 1/4, samples at 0, 0.25, 0.5, 0.75, 1
    np.testing.assert_allclose(dots[0].get_xdata(), [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(dots[0].get_xdata(), pv.sample_positions(5, "align_corners"))


def test_grid_explorer_accepts_every_convention_spelling():
    assert GridExplorer(convention="③").state["convention"].value == "asymmetric"
    assert GridExplorer(convention=1).state["convention"].value == "align_corners"


def test_grid_explorer_rejects_resize_only_convention():
    with pytest.raises(ValueError, match="convention must be one of .* here; got 'pytorch_half_pixel'"):
        GridExplorer(convention="pytorch_half_pixel")


def test_grid_explorer_rejects_n_out_of_grid():
    with pytest.raises(ValueError, match=r"n must be one of \[2, 3, 4, 5, 6, 7, 8\]; got 1"):
        GridExplorer(n=1)


def test_grid_explorer_leaves_no_stale_artists():
    ex = GridExplorer(n=8)
    count = len(ex.ax.patches) + len(ex.ax.texts)
    ex.set(n=2).set(n=8)
    assert len(ex.ax.patches) + len(ex.ax.texts) == count


# -- OriginFlipExplorer -------------------------------------------------------------


@pytest.mark.parametrize("shape", ["box", "polygon"])
@pytest.mark.parametrize("shift", [0.0, 0.25, 0.5, 0.75])
def test_origin_flip_right_rule_matches_mirrored_pixels(shape, shift):
    """Integer corners: the image spans [0, W], mirror axis W/2, so x -> W - x is right.
    Integer centers: it spans [-1/2, W - 1/2], axis (W - 1)/2, so x -> W - 1 - x is right."""
    for origin, right, wrong in [("corners", "W − x", "W − 1 − x"), ("centers", "W − 1 − x", "W − x")]:
        ex = OriginFlipExplorer(shape=shape, shift=shift, origin=origin, flip=right)
        *_, mirrored, flipped = ex.verdict(ex.state)
        np.testing.assert_allclose(flipped, mirrored, atol=1e-12, err_msg=f"{origin}, {right}")
        assert "covers exactly the mirrored pixels" in ex.caption(ex.state)
        ex.set(flip=wrong)
        *_, mirrored, flipped = ex.verdict(ex.state)
        assert np.abs(flipped - mirrored).max() > 0.1, (origin, wrong)
        assert "pixels disagree" in ex.caption(ex.state)


def test_origin_flip_draws_in_the_selected_origin():
    # the axes are in the selected origin: pixel (r, c) is [c, c+1) in corners, [c - 1/2, c + 1/2) in centers,
    # so the image spans x in [0, 8] or [-1/2, 7.5]; the outline is drawn at the numbers it is written with
    for origin, extent in [("corners", (0, 8, 6, 0)), ("centers", (-0.5, 7.5, 5.5, -0.5))]:
        ex = OriginFlipExplorer(origin=origin, shape="box")
        images = [a for a in ex.axes[0].images]
        assert [tuple(im.get_extent()) for im in images] == [extent]
        outline = [ln for ln in ex.axes[0].lines if ln.get_linestyle() == "-"][0]
        np.testing.assert_allclose(sorted(set(outline.get_xdata())), [1.0, 3.75])  # the box's x0, x1


def test_origin_flip_colours_missing_and_extra_pixels():
    # corners, W - 1 - x moves the box one pixel left: the mirror's rightmost column is missed (red),
    # one column left of the mirror is extra (blue), the shared columns agree
    from pixelviz.plot import EXTRA_COLOR, MISSING_COLOR

    ex = OriginFlipExplorer(shape="box", origin="corners", flip="W - 1 - x")
    *_, mirrored, flipped = ex.verdict(ex.state)
    overlay = [im for im in ex.axes[1].images if im.get_array().ndim == 3][0].get_array()
    missing, extra = mirrored - flipped > 1e-9, flipped - mirrored > 1e-9
    assert missing.any() and extra.any()
    np.testing.assert_allclose(overlay[missing][:, :3], np.tile(MISSING_COLOR, (missing.sum(), 1)))
    np.testing.assert_allclose(overlay[extra][:, :3], np.tile(EXTRA_COLOR, (extra.sum(), 1)))
    assert not overlay[~(missing | extra)][:, 3].any()


def test_origin_flip_accepts_ascii_and_kind_names():
    assert OriginFlipExplorer(flip="W - 1 - x").state["flip"] == "W − 1 − x"
    assert OriginFlipExplorer(flip="coords").state["flip"] == "W − x"
    with pytest.raises(ValueError, match=r"flip must be one of \['W − x', 'W − 1 − x'\]; got 'x - W'"):
        OriginFlipExplorer(flip="x - W")


def test_origin_flip_rejects_unknown_origin():
    with pytest.raises(ValueError, match="origin must be 'corners' or 'centers'; got 'middle'"):
        OriginFlipExplorer(origin="middle")


# -- ResizeExplorer ---------------------------------------------------------------


def test_resize_explorer_hand_example_half_pixel_2x():
    # N=4 -> M=8 under half_pixel: x_i = (i + 1/2)/2 - 1/2 = -0.25, 0.25, ..., 3.25; outputs 0 and 7 read
    # outside [0, 3]
    ex = ResizeExplorer(n=4, scale=2.0, convention="half_pixel")
    np.testing.assert_allclose(ex.table().coords, np.arange(8) / 2 - 0.25)
    assert "2 of 8 read outside the input samples" in ex.caption(ex.state)
    assert "x = −0.25 … 3.25" in ex.caption(ex.state)
    ex.set(convention="align_corners")  # x_i = i * 3/7, all inside
    assert "all read between input samples" in ex.caption(ex.state)


def _grid_artists(ex):
    """The explorer's 1D grid panel: (input squares, output dots) Line2D."""
    inputs = [ln for ln in ex.ax_grid.lines if ln.get_marker() == "s"]
    outputs = [ln for ln in ex.ax_grid.lines if ln.get_marker() == "o" and ln.get_markerfacecolor() != "none"]
    return inputs[0], outputs[0]


def test_resize_explorer_draws_align_corners_on_the_signal_ends():
    # chapter 3's figure under ①: 4 input samples on [0, 4] with stride 4/3 -> 0, 4/3, 8/3, 4; 8 outputs with
    # stride 4/7 from 0 to 4 (not the half-pixel positions 0.5 ... 3.5 of the inputs)
    ex = ResizeExplorer(n=4, scale=2.0, convention="align_corners")
    inputs, outputs = _grid_artists(ex)
    np.testing.assert_allclose(inputs.get_xdata(), [0, 4 / 3, 8 / 3, 4])
    np.testing.assert_allclose(outputs.get_xdata(), np.arange(8) * 4 / 7)


def test_resize_explorer_draws_with_the_chapter_figure_function():
    # the same state drawn by the chapter's draw_resize_1d on its own axes puts every mark at the same place
    import matplotlib.pyplot as plt

    from pixelviz.plot import draw_resize_1d

    for state in [
        dict(n=5, scale=1.5, given="scale", convention="half_pixel_symmetric"),
        dict(n=3, scale=0.75, convention="asymmetric", mode="nearest"),
        dict(n=4, scale=2.0, convention="align_corners"),
    ]:
        ex = ResizeExplorer(**state)
        fig, ax = plt.subplots()
        m = ex.table().coords.size
        ref = draw_resize_1d(
            ax,
            ex.state["n"],
            m,
            ex.state["convention"],
            mode=ex.state["mode"],
            reads=range(m),
            scale=ex.state["scale"] if ex.state["given"] == "scale" else None,
        )
        inputs, outputs = _grid_artists(ex)
        np.testing.assert_allclose(inputs.get_xdata(), ref["inputs"].get_xdata())
        np.testing.assert_allclose(outputs.get_xdata(), ref["outputs"].get_xdata())
        plt.close(fig)


def test_resize_explorer_size_and_scale_differ_only_off_whole_numbers():
    # N s a whole number (N = 4, any scale): handing the library M or s gives the same map and frame;
    # N = 5, s = 1.5 (M = 7): half_pixel reads (i + 1/2)*5/7 - 1/2 given M, (i + 1/2)/1.5 - 1/2 given s
    a, b = ResizeExplorer(n=4, scale=1.5, given="size"), ResizeExplorer(n=4, scale=1.5, given="scale")
    np.testing.assert_array_equal(a.rgba(), b.rgba())
    a, b = ResizeExplorer(n=5, scale=1.5, given="size"), ResizeExplorer(n=5, scale=1.5, given="scale")
    i = np.arange(7)
    np.testing.assert_allclose(a.table().coords, (i + 0.5) * 5 / 7 - 0.5)
    np.testing.assert_allclose(b.table().coords, (i + 0.5) / 1.5 - 0.5)
    assert np.any(a.rgba() != b.rgba())


def test_resize_explorer_half_pixel_symmetric_recentres_the_scale_case():
    # given s = 1.5 with N = 5: half_pixel spans -1/6 ... 23/6 (shifted left), half_pixel_symmetric adds
    # c (1 - r) = 2.5 (1 - 7/7.5) = 1/6 and spans 0 ... 4, symmetric about the middle input 2
    plain = ResizeExplorer(n=5, scale=1.5, given="scale", convention="half_pixel").table().coords
    sym = ResizeExplorer(n=5, scale=1.5, given="scale", convention="half_pixel_symmetric").table().coords
    np.testing.assert_allclose(plain[[0, -1]], [-1 / 6, 23 / 6])
    np.testing.assert_allclose(sym, plain + 1 / 6, atol=1e-12)
    np.testing.assert_allclose(sym + sym[::-1], 4, atol=1e-12)


def test_resize_explorer_reaches_a_state_where_pytorch_half_pixel_differs():
    # the two ONNX modes differ only for a one-sample output: N = 3, s = 0.5 gives M = floor(1.5) = 1, where
    # pytorch_half_pixel reads 0 and half_pixel (1/2)*3 - 1/2 = 1 given the size; elsewhere on the site
    # they agree, so the site must offer that state
    ex = ResizeExplorer()
    static = {c.name: c.static for c in ResizeExplorer.controls}
    assert 3 in static["n"] and 0.5 in static["scale"]
    differ = []
    for state in ex.combinations(static=True):
        if state["convention"].value != "half_pixel":
            continue
        torch_like = dict(state, convention="pytorch_half_pixel")
        if not np.allclose(ex.table(state).coords, ex.table(ResizeExplorer(**torch_like).state).coords):
            differ.append((state["n"], state["scale"]))
    assert set(differ) == {(3, 0.5)}
    np.testing.assert_allclose(ResizeExplorer(n=3, scale=0.5, convention="pytorch_half_pixel").table().coords, [0])
    np.testing.assert_allclose(ResizeExplorer(n=3, scale=0.5, convention="half_pixel").table().coords, [1])


def test_resize_explorer_given_scale_vs_size():
    # N=5, scale 0.75 -> M = floor(3.75) = 3. Given the scale, half_pixel uses s = 0.75:
    # x_i = (i + 1/2)/0.75 - 1/2 = 1/6, 3/2, 17/6. Given the size, it uses M/N = 0.6: 1/3, 2, 11/3.
    ex = ResizeExplorer(n=5, scale=0.75, given="scale")
    np.testing.assert_allclose(ex.table().coords, [1 / 6, 3 / 2, 17 / 6])
    ex.set(given="size")
    np.testing.assert_allclose(ex.table().coords, [1 / 3, 2, 11 / 3])


@pytest.mark.parametrize("dim", ["1D", "2D"])
def test_resize_explorer_output_matches_torch(dim):
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    from widgets.resize import _signal

    ex = ResizeExplorer(dim=dim, n=5, scale=1.5, convention="half_pixel", mode="linear")
    x = torch.from_numpy(_signal(5, dim).astype(np.float32))[None, None]
    mode = "linear" if dim == "1D" else "bilinear"
    size = 7 if dim == "1D" else (7, 7)  # floor(5 * 1.5)
    expected = F.interpolate(x, size=size, mode=mode, align_corners=False)[0, 0].numpy()
    np.testing.assert_allclose(ex.output(), expected, atol=1e-5)


def test_resize_explorer_rejects_scale_one():
    with pytest.raises(ValueError, match=r"scale must be one of \[0.5, 0.75, 1.5, 2.0, 3.0\]; got 1.0"):
        ResizeExplorer(scale=1.0)


def test_resize_explorer_rejects_unknown_convention_with_hint():
    with pytest.raises(ValueError, match="did you mean 'half_pixel'"):
        ResizeExplorer(convention="half_pixl")


# -- RoIAlignExplorer --------------------------------------------------------------


def test_roi_explorer_hand_example_aligned_and_legacy():
    # pixel (r, c) holds 10 r + c. Box (1, 1, 3, 3), K = 2, one sample per bin: the bins are the four
    # pixels (1..2, 1..2); aligned=True samples their centers (1.5, 1.5)... -> index (1, 1)... -> 11, 12, 21, 22.
    # aligned=False reads index (1.5, 1.5): the mean of 11, 12, 21, 22 = 16.5, and so on (+1 per column, +10 per row).
    ex = RoIAlignExplorer(x0=1.0, y0=1.0, size=2.0, output_size=2, sampling_ratio=1, aligned=True)
    np.testing.assert_allclose(ex.values, [[11, 12], [21, 22]], atol=1e-5)
    ex.set(aligned=False)
    np.testing.assert_allclose(ex.values, [[16.5, 17.5], [26.5, 27.5]], atol=1e-5)


def test_roi_explorer_values_match_numpy_reference():
    from pixelviz.roi import roi_align
    from widgets.roi import _IMAGE

    ex = RoIAlignExplorer(x0=0.75, y0=1.25, size=3.5, output_size=3, sampling_ratio=2, aligned=False)
    expected = roi_align(_IMAGE[None, None], [ex.box()], 3, sampling_ratio=2, aligned=False)[0, 0]
    np.testing.assert_allclose(ex.values, expected, atol=1e-4)


def test_roi_explorer_draws_sample_points_from_pixelviz():
    ex = RoIAlignExplorer(output_size=3, sampling_ratio=2)
    assert ex.drawn["read"].shape == (3 * 3 * 2 * 2, 2)  # K*K bins, s*s samples each
    ex.set(output_size=2, sampling_ratio=1)
    assert ex.drawn["read"].shape == (4, 2)


def test_roi_explorer_y0_moves_the_samples_down():
    # y0 + 1/4 moves every sample point (and the box) a quarter pixel down, x unchanged
    a, b = RoIAlignExplorer(y0=1.0), RoIAlignExplorer(y0=1.25)
    np.testing.assert_allclose(b.drawn["read"] - a.drawn["read"], np.tile([0.0, 0.25], (len(a.drawn["read"]), 1)))
    assert len(RoIAlignExplorer.controls[1].static) >= 2  # and the site offers it


def test_roi_explorer_rejects_off_grid_box():
    with pytest.raises(ValueError, match=r"x0 must be one of \[0.5, 0.75, 1.0, 1.25, 1.5\]; got 0.6"):
        RoIAlignExplorer(x0=0.6)


# -- display mode ------------------------------------------------------------------


def test_static_mode_reads_environment(monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    assert not static_mode()
    monkeypatch.setenv(STATIC_ENV, "1")
    assert static_mode()
    monkeypatch.setenv(STATIC_ENV, "0")
    assert not static_mode()


def _displayed(monkeypatch, ex):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append((a, k)))
    ex._ipython_display_()
    assert len(shown) == 1
    return shown[0]


def test_static_mode_displays_only_html(monkeypatch):
    monkeypatch.setenv(STATIC_ENV, "1")
    (obj,), kwargs = _displayed(monkeypatch, GridExplorer())
    assert kwargs == {"raw": True}
    assert list(obj) == ["text/html"] and 'class="pv-explorer"' in obj["text/html"]


def test_live_mode_displays_ipywidgets_ui(monkeypatch):
    ipywidgets = pytest.importorskip("ipywidgets")
    monkeypatch.delenv(STATIC_ENV, raising=False)
    (obj,), _ = _displayed(monkeypatch, GridExplorer())
    assert isinstance(obj, ipywidgets.VBox)


def test_live_controls_redraw_one_image(monkeypatch):
    pytest.importorskip("ipywidgets")
    ex = GridExplorer()
    ui = ex.widget()
    assert ex.widget() is ui  # built once
    image = ex._live.image
    before = image.value
    ex._live.inputs["n"].value = 7  # what a reader's slider move does
    assert ex.state["n"] == 7 and image.value != before
    after_n = image.value
    ex._live.inputs["convention"].value = ex._live.inputs["convention"].options[0][1]
    assert ex.state["convention"].value == "align_corners" and image.value != after_n
    # and the Python API moves the widgets
    ex.set(n=3)
    assert ex._live.inputs["n"].value == 3


def test_live_ui_uses_toggle_buttons_and_shows_legend_and_caption():
    w = pytest.importorskip("ipywidgets")
    ex = ResizeExplorer()
    box = ex.widget()
    assert isinstance(ex._live.inputs["given"], w.ToggleButtons)  # two values: a toggle
    assert isinstance(ex._live.inputs["dim"], w.ToggleButtons)
    assert isinstance(ex._live.inputs["scale"], w.SelectionSlider)  # five numbers: a slider
    assert isinstance(ex._live.inputs["convention"], w.Dropdown)  # six names
    html = [c.value for c in box.children if isinstance(c, w.HTML)]
    assert any("pv-legend" in h for h in html) and "→" in ex._live.caption.value
    before = ex._live.caption.value
    ex._live.inputs["n"].value = 5
    assert ex._live.caption.value != before and "5 → 10" in ex._live.caption.value


def test_explorer_does_not_import_ipywidgets_for_static_html():
    import subprocess
    import sys

    code = (
        "import sys; from widgets import GridExplorer; GridExplorer().to_html(); "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_explorer_base_requires_controls_in_state():
    class Tiny(Explorer):
        controls = (Control("k", (1, 2), 1),)

        def setup(self, fig):
            self.ax = fig.add_subplot()
            (self.line,) = self.ax.plot([0, 1], [0, 1])

        def render(self, state):
            self.line.set_ydata([0, state["k"]])

    t = Tiny(k=2)
    assert t.state == {"k": 2} and repr(t) == "Tiny(k=2)"
    with pytest.raises(ValueError, match=r"k must be one of \[1, 2\]; got 3"):
        Tiny(k=3)


def test_live_ui_on_ipywidgets_7(tmp_path):
    """Colab's ipywidgets 7.7.1: every control of every explorer moves the frame and follows ``set``.

    Opt-in (it needs a second ipywidgets): ``pip install --no-deps --target DIR ipywidgets==7.7.1
    ipython_genutils`` and set ``PIXELVIZ_IPYWIDGETS7=DIR``.
    """
    import os
    import subprocess
    import sys

    target = os.environ.get("PIXELVIZ_IPYWIDGETS7")
    if not target:
        pytest.skip("set PIXELVIZ_IPYWIDGETS7 to a folder holding ipywidgets 7 (see the docstring)")
    code = """
import matplotlib; matplotlib.use("Agg")
import ipywidgets
assert ipywidgets.__version__.startswith("7."), ipywidgets.__version__
from widgets import GridExplorer, OriginFlipExplorer, ResizeExplorer, RoIAlignExplorer
for cls in (GridExplorer, OriginFlipExplorer, ResizeExplorer, RoIAlignExplorer):
    ex = cls(**({"n": 5, "scale": 1.5} if cls is ResizeExplorer else {})); ex.widget()
    for name, widget in ex._live.inputs.items():
        before, old = ex._live.image.value, widget.value
        widget.value = next(v for _, v in widget.options if v != old)
        assert ex.state[name] == widget.value and ex._live.image.value != before, (cls.__name__, name)
        ex.set(**{name: old})
        assert widget.value == old
print("ok", ipywidgets.__version__)
"""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([target, str(tmp_path)]))
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]),
    )
    assert out.returncode == 0 and "ok 7." in out.stdout, out.stderr[-2000:]


def test_live_ui_draws_at_its_own_density_and_to_html_at_the_static_one():
    pytest.importorskip("ipywidgets")
    ex = OriginFlipExplorer()
    assert ex.rgba().shape[1] == 660 * OriginFlipExplorer.density
    ex.widget()
    from PIL import Image

    live = Image.open(io.BytesIO(ex._live.image.value))
    assert live.size[0] == 660 * OriginFlipExplorer.live_density
    page = type(
        "_Few",
        (OriginFlipExplorer,),
        {
            "controls": tuple(
                Control(c.name, c.values, c.default, c.label, (c.default,), c.fmt, c.parse)
                for c in OriginFlipExplorer.controls
            )
        },
    )
    few = page()
    few.widget()
    html = few.to_html()
    assert f'data-native-width="{660 * OriginFlipExplorer.density:.0f}"' in html  # static frames at 2x
    assert few.rgba().shape[1] == 660 * OriginFlipExplorer.live_density  # and back to the live one
