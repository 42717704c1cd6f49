"""probe_crop: hand-built crops of each layout, adversarial functions, torchvision, TensorFlow, Kornia.

Expectations come from the layouts' definitions (integer corners, pixel c's
centre at c + 1/2): bin centres ``x0 + (j + 1/2) w/K``, and so on.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from pixelviz.probe.crops import DEFAULT_BOXES, CropOrigin, CropProbeResult, probe_crop


def sample_corners(image, xs, ys):
    """Bilinear at integer-corner coordinates (index = coordinate - 1/2), on the grid xs × ys."""
    h, w = image.shape
    rows = np.array([np.interp(np.asarray(xs) - 0.5, np.arange(w), r) for r in image])  # [H, len(xs)]
    return np.array([[np.interp(y - 0.5, np.arange(h), rows[:, k]) for k in range(len(xs))] for y in ys])


def bins(box, out_size, ratio=1, shift=0.0):
    """Sub-sample positions per bin: ratio samples at the centres of an even subdivision, plus shift."""
    x0, y0, x1, y1 = box
    (h, w) = out_size
    bw, bh = (x1 - x0) / w, (y1 - y0) / h
    sub = (np.arange(ratio) + 0.5) / ratio
    xs = x0 + bw * (np.arange(w)[:, None] + sub[None]) + shift  # [w, ratio]
    ys = y0 + bh * (np.arange(h)[:, None] + sub[None]) + shift
    return xs, ys


def roi_align_like(ratio, shift):
    def fn(image, box, out_size):
        xs, ys = bins(box, out_size, ratio, shift)
        full = sample_corners(image, xs.ravel(), ys.ravel())  # [h*ratio, w*ratio]
        return full.reshape(out_size[0], ratio, out_size[1], ratio).mean(axis=(1, 3))

    return fn


def edges_like(shift):
    def fn(image, box, out_size):
        x0, y0, x1, y1 = box
        return sample_corners(image, np.linspace(x0, x1, out_size[1]) + shift, np.linspace(y0, y1, out_size[0]) + shift)

    return fn


@pytest.mark.parametrize(
    ("fn", "origin", "ratio"),
    [
        (roi_align_like(1, 0.0), CropOrigin.BIN_CENTERS, 1),
        (roi_align_like(2, 0.0), CropOrigin.BIN_CENTERS, 2),
        (roi_align_like(3, 0.0), CropOrigin.BIN_CENTERS, 3),
        (roi_align_like(2, 0.5), CropOrigin.HALF_SHIFTED, 2),
        (edges_like(0.0), CropOrigin.BOX_EDGES, 1),
        (edges_like(0.5), CropOrigin.BOX_EDGES_SHIFTED, 1),
        (roi_align_like(1, 0.25), CropOrigin.OTHER, 1),
    ],
)
def test_probe_crop_names_layouts(fn, origin, ratio):
    r = probe_crop(fn)
    assert r.origin is origin, r.verdict
    assert r.sampling_ratio == ratio


def test_probe_crop_fit_numbers():
    r = probe_crop(roi_align_like(2, 0.0))
    # first box (5.3, 4.6, 15.9, 12.2), 5 x-bins of 2.12 px: sample 0 at 5.3 + 1.06
    fx, fy = r.fits[0], r.fits[1]
    assert (fx.first, fx.stride, fx.offset_bins, fx.stride_bins) == pytest.approx((6.36, 2.12, 0.5, 1.0))
    # 4 y-bins of 1.9 px: sample 0 at 4.6 + 0.95
    assert (fy.first, fy.stride) == pytest.approx((5.55, 1.9))
    assert r.offset == pytest.approx(1.06)


@pytest.mark.parametrize(
    ("fn", "reason"),
    [
        (lambda im, b, s: np.random.default_rng().normal(size=s), "not linear"),
        (lambda im, b, s: np.full(s, np.nan), "NaN"),
        (lambda im, b, s: 2 * roi_align_like(1, 0.0)(im, b, s), "ones"),
        (lambda im, b, s: roi_align_like(1, 0.0)(im, b, s) ** 2, "not linear"),
    ],
)
def test_probe_crop_adversarial(fn, reason):
    r = probe_crop(fn)
    assert r.origin is CropOrigin.INCONCLUSIVE
    assert reason in r.reason


def test_probe_crop_raising_wrong_shape_bad_args():
    def boom(im, b, s):
        raise KeyError("x")

    with pytest.raises(ValueError, match="fn raised KeyError"):
        probe_crop(boom)
    with pytest.raises(ValueError, match=r"fn must return shape \(4, 5\)"):
        probe_crop(lambda im, b, s: np.zeros((5, 4)))
    with pytest.raises(TypeError, match="fn"):
        probe_crop(None)
    with pytest.raises(ValueError, match="out_size"):
        probe_crop(edges_like(0), out_size=(1, 5))
    with pytest.raises(ValueError, match="x1 > x0"):
        probe_crop(edges_like(0), boxes=[(5, 5, 4, 8)])
    with pytest.raises(ValueError, match="inside"):
        probe_crop(edges_like(0), boxes=[(0.5, 5, 4, 8)])
    with pytest.raises(ValueError, match="boxes"):
        probe_crop(edges_like(0), boxes=[])


def test_probe_crop_result_round_trips():
    r = probe_crop(roi_align_like(2, 0.0))
    assert CropProbeResult.from_dict(r.to_dict()) == r


# ---------------------------------------------------------------- real ops
def _probe(*names):
    from pixelviz import backends

    bs = [backends.get_sampler(n) for n in names]
    missing = [b.module for b in bs if not b.available()]
    if missing:
        pytest.skip(f"{missing} not installed")
    reports = backends.probe_origin_backends(bs)
    assert all(r.status == "ok" for r in reports), [r.error for r in reports]
    return [r.result for r in reports]


def test_torchvision_roi_align_aligned_is_bin_centres_legacy_half_shifted():
    aligned, adaptive, legacy = _probe(
        "torchvision.roi_align.aligned", "torchvision.roi_align.aligned_adaptive", "torchvision.roi_align.legacy"
    )
    assert (aligned.origin, aligned.sampling_ratio) == (CropOrigin.BIN_CENTERS, 2)
    assert adaptive.origin is CropOrigin.BIN_CENTERS
    assert adaptive.sampling_ratio is None  # ceil(bin size) differs between the probe boxes
    assert (legacy.origin, legacy.sampling_ratio) == (CropOrigin.HALF_SHIFTED, 2)


def test_pixelviz_roi_align_matches_torchvision_layout():
    (r,) = _probe("pixelviz.roi_align")
    assert (r.origin, r.sampling_ratio) == (CropOrigin.BIN_CENTERS, 2)


@pytest.mark.skipif(importlib.util.find_spec("tensorflow") is None, reason="tensorflow not installed")
def test_tensorflow_crop_and_resize_both_normalizations():
    # Run in a subprocess (TensorFlow beside torch segfaults). TF reads the normalized box edge b
    # at index b (S - 1) and samples K points from edge to edge (align corners on the box).
    by_w, by_w1 = _probe("tensorflow.crop_and_resize.W", "tensorflow.crop_and_resize.W-1")
    h, w = 20, 24
    for i, (x0, y0, x1, _y1) in enumerate(DEFAULT_BOXES):
        # x/(W-1): index x0, corner coordinate x0 + 1/2; stride (x1 - x0)/(K - 1)
        f = by_w1.fits[2 * i]
        assert (f.first, f.stride) == pytest.approx((x0 + 0.5, (x1 - x0) / 4), abs=1e-4)
        # x/W: index x0 (W-1)/W, stride (x1 - x0)(W-1)/W/(K - 1): a box-dependent shrink, none of the layouts
        f = by_w.fits[2 * i]
        assert (f.first, f.stride) == pytest.approx((x0 * (w - 1) / w + 0.5, (x1 - x0) * (w - 1) / w / 4), abs=1e-4)
        fy = by_w.fits[2 * i + 1]
        assert fy.first == pytest.approx(y0 * (h - 1) / h + 0.5, abs=1e-4)
    assert by_w1.origin is CropOrigin.BOX_EDGES_SHIFTED
    assert by_w.origin is CropOrigin.OTHER


def test_kornia_crop_and_resize_reads_box_corners_as_pixel_centres():
    # Kornia's boxes are the four corner *pixels* (inclusive, integer centers): samples from x0 to x1 as indices
    ac, _ = _probe("kornia.crop_and_resize.ac", "kornia.crop_and_resize.noac")
    assert ac.origin is CropOrigin.BOX_EDGES_SHIFTED


def test_isolated_worker_crash_is_a_row():
    from pixelviz.backends import _samplers

    collect = _samplers._probe_isolated(["no.such.backend"])
    got = collect()
    assert "error" in got["no.such.backend"]
    assert "name" in got["no.such.backend"]["error"]  # check_choice's message names the argument


CRASHY = """
from pixelviz.backends._samplers import SamplerBackend, register_sampler


def _factory():
    import os
    import signal

    os.kill(os.getpid(), signal.SIGSEGV)  # what TensorFlow beside torch does


register_sampler(SamplerBackend("crashy.points", "Crashy", "os", "crash", "", "points", _factory, None, isolate=True))
"""


def test_isolated_worker_crash_is_a_row_and_the_others_are_measured(tmp_path, monkeypatch):
    import sys

    from pixelviz import backends
    from pixelviz.backends import _samplers

    (tmp_path / "crashy_backend_mod.py").write_text(CRASHY)
    monkeypatch.syspath_prepend(str(tmp_path))
    import crashy_backend_mod  # noqa: F401  (registers crashy.points here; the worker imports it too)

    try:
        crashy, ours = backends.get_sampler("crashy.points"), backends.get_sampler("pixelviz.point_sample")
        rep_crash, rep_ok = backends.probe_origin_backends([crashy, ours])
        assert rep_crash.status == "error" and "crashed: signal 11" in rep_crash.error
        assert rep_ok.status == "ok" and rep_ok.result.origin.value == "integer_corners"
    finally:
        _samplers._SAMPLERS.pop("crashy.points", None)
        sys.modules.pop("crashy_backend_mod", None)
