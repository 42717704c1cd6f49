"""Explorers: construction, every control redraws, bad values rejected, static HTML, display mode."""

from __future__ import annotations

import base64
import io
import json
import re

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
from widgets._core import _default_fmt

# -- helpers -------------------------------------------------------------------

def static_payload(html: str) -> dict:
    """The JSON block of a static explorer (sizes, index, alts, frames)."""
    m = re.search(r'<script type="application/json">(.*?)</script>', html, flags=re.S)
    assert m, "no JSON payload in the static HTML"
    return json.loads(m.group(1))


def shown_frame(data: dict, k: int) -> np.ndarray:
    """What the page shows for combination ``k``: frame ``index[k]`` drawn over base ``base[k]``, (H, W, 3)."""
    from PIL import Image

    def rgba(b64):
        return Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGBA")

    base, frame = rgba(data["bases"][data["base"][k]]), rgba(data["frames"][data["index"][k]])
    assert np.asarray(base)[..., 3].min() == 255  # the base is opaque: nothing of the page shows through
    return np.asarray(Image.alpha_composite(base, frame).convert("RGB"))


def other_value(control: Control, current):
    """A declared value of ``control`` different from ``current``."""
    return next(v for v in control.values if v != current)


EXPLORERS = [GridExplorer, ResizeExplorer, RoIAlignExplorer, OriginFlipExplorer]


# -- the Control declaration ---------------------------------------------------

def test_control_kinds_from_values():
    assert Control("n", (1, 2, 3), 2).kind == "slider"
    assert Control("flag", (False, True), False).kind == "toggle"
    assert Control("mode", ("nearest", "linear"), "linear").kind == "choice"


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


@pytest.mark.parametrize("cls", EXPLORERS)
def test_every_control_changes_the_figure(cls):
    ex = cls()
    for control in cls.controls:
        before = ex.rgba()
        ex.set(**{control.name: other_value(control, ex.state[control.name])})
        after = ex.rgba()
        assert before.shape == after.shape
        assert np.any(before != after), f"changing {control.name} did not change the figure"


@pytest.mark.parametrize("cls", EXPLORERS)
def test_redraw_is_in_place_and_idempotent(cls):
    ex = cls()
    fig, first = ex.fig, ex.rgba()
    control = cls.controls[0]
    default = ex.state[control.name]
    ex.set(**{control.name: other_value(control, default)})
    ex.set(**{control.name: default})
    assert ex.fig is fig  # same figure, artists updated
    np.testing.assert_array_equal(ex.rgba(), first)  # and nothing left over from the other state


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


_STATIC_CACHE: dict = {}


def static_html(cls) -> tuple:
    """``(explorer, its static HTML, state before rendering)``, rendered once per class (it is slow)."""
    if cls not in _STATIC_CACHE:
        ex = cls()
        state = dict(ex.state)
        _STATIC_CACHE[cls] = (ex, ex.to_html(), state)
    return _STATIC_CACHE[cls]


@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_html_has_one_frame_per_combination_and_no_network(cls):
    ex, page, state = static_html(cls)
    data = static_payload(page)
    combos = list(ex.combinations(static=True))
    assert data["sizes"] == [len(c.static) for c in cls.controls]  # defaults are in the static grid
    assert len(data["index"]) == len(combos) == int(np.prod(data["sizes"]))
    assert len(data["alts"]) == len(combos)
    assert set(data["index"]) == set(range(len(data["frames"])))  # every stored frame is used
    assert len(data["base"]) == len(combos) and set(data["base"]) == set(range(len(data["bases"])))
    # no CDN, no network: no URL scheme anywhere (base64 has no ':'), every src inline
    assert re.search(r"https?:", page, flags=re.I) is None and "://" not in page
    assert all(re.match(r"data:image/(png|webp);base64,", src) for src in re.findall(r'src="([^"]*)"', page))
    assert "<script src" not in page and "<link" not in page
    assert len(page.encode()) <= 1_500_000  # the page budget per explorer
    assert ex.state == state  # rendering every frame restores the state
    # one input per control in the static form
    for c in cls.controls:
        assert f'data-pv="{c.name}"' in page


@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_frames_match_live_rendering(cls):
    """Frame k over its base is the figure for combination k (checked at three combinations)."""
    ex, page, _ = static_html(cls)
    data = static_payload(page)
    combos = list(ex.combinations(static=True))
    for k in (0, len(combos) // 2, len(combos) - 1):
        ex.set(**combos[k])
        live = ex.rgba()[..., :3].astype(int)
        frame = shown_frame(data, k).astype(int)
        assert frame.shape == live.shape
        error = np.abs(frame - live).max(axis=-1)
        assert error.mean() < 1.5  # palette quantization of the changed pixels only
        # most pixels (the page, the axes, flat fills) come out within the explorer's tolerance; only
        # antialiased edges and smooth shading that changed are approximated by a delta's palette
        assert (error <= ex.static_tolerance).mean() > 0.75
        assert data["alts"][k] == ex.describe(combos[k])


class _Tiny(Explorer):
    """A one-line explorer for testing the framework."""

    controls = (Control("k", (1, 2, 3), 1, static_values=(1, 3)), Control("flag", (False, True), False))
    figsize = (2.0, 1.0)

    def setup(self, fig):
        self.ax = fig.add_subplot()
        self.ax.set_ylim(0, 3)
        (self.line,) = self.ax.plot([0, 1], [0, 1])

    def render(self, state):
        self.line.set_ydata([0, state["k"]])
        self.line.set_linestyle("--" if state["flag"] else "-")


@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_static_formats_show_the_live_frame(fmt):
    """Both encodings: base + delta reproduce the figure; a delta is transparent where nothing changed."""
    ex = type("_TinyFmt", (_Tiny,), {"static_format": fmt})()
    data = static_payload(ex.to_html())
    assert data["mime"] == f"image/{fmt}"
    for k, state in enumerate(ex.combinations(static=True)):
        ex.set(**state)
        live = ex.rgba()[..., :3].astype(int)
        assert np.abs(shown_frame(data, k).astype(int) - live).max(axis=-1).mean() < 1.5
    from PIL import Image

    delta = Image.open(io.BytesIO(base64.b64decode(data["frames"][0]))).convert("RGBA")
    assert np.asarray(delta)[..., 3].mean() < 0.5 * 255  # most of a delta is transparent (axes, ticks, page)


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
    assert data["sizes"] == [3, 2] and len(data["index"]) == 6
    assert data["alts"][2] == "k 2, flag off"  # combination 2 = (k=2, flag=False), the initial one
    slider = page.split('data-pv="k"')[1].split("</label>")[0]
    assert 'max="2"' in slider and 'value="1"' in slider and "<output>2</output>" in slider


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
        assert not ex._bad.get_array()[..., 3].any(), (origin, right)
        assert "covers exactly the mirrored pixels" in ex.suptitle.get_text()
        ex.set(flip=wrong)
        assert ex._bad.get_array()[..., 3].any(), (origin, wrong)
        assert "pixels disagree" in ex.suptitle.get_text()


def test_origin_flip_draws_centers_half_a_pixel_right():
    # the same numbers read as integer centers sit 1/2 pixel right in the (integer-corner) axes
    corners = OriginFlipExplorer(origin="corners")._outlines[0].get_xy()
    centers = OriginFlipExplorer(origin="centers")._outlines[0].get_xy()
    np.testing.assert_allclose(centers - corners, np.tile([0.5, 0.5], (len(corners), 1)))


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
    # N=4 -> M=8 under half_pixel: x_i = (i + 1/2)/2 - 1/2 = -0.25, 0.25, ..., 3.25; drawn at x_i + 1/2 in
    # integer corners (0.25 ... 3.75); outputs 0 and 7 read outside [0, 3].
    ex = ResizeExplorer(n=4, scale=2.0, convention="half_pixel")
    np.testing.assert_allclose(ex.table().coords, np.arange(8) / 2 - 0.25)
    assert "2 of 8 outputs read outside the input" in ex.title.get_text()
    ex.set(convention="align_corners")  # x_i = i * 3/7, all inside
    assert "all outputs read inside" in ex.title.get_text()


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
    image = ex._image
    before = image.value
    ex._inputs["n"].value = 7  # what a reader's slider move does
    assert ex.state["n"] == 7 and image.value != before
    after_n = image.value
    ex._inputs["convention"].value = ex._inputs["convention"].options[0][1]
    assert ex.state["convention"].value == "align_corners" and image.value != after_n
    # and the Python API moves the widgets
    ex.set(n=3)
    assert ex._inputs["n"].value == 3


def test_explorer_does_not_import_ipywidgets_for_static_html():
    import subprocess
    import sys

    code = ("import sys; from widgets import GridExplorer; GridExplorer().to_html(); "
            "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'")
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
