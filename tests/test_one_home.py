"""The formulas issue 14 gave one home: hand examples, and the real libraries where they exist."""

import importlib.util
import json

import numpy as np
import pytest

import pixelviz as pv
from pixelviz import backends
from pixelviz.conventions import Convention, grid_sample_transform, roi_align_offset, subpixel_positions
from pixelviz.probe import FIT_PAIR, ProbeKind, ProbeResult, Unnamed
from pixelviz.resample import _resize_weights, resize_weights

torch_needed = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")


# ---------------------------------------------------------------- grid_sample's normalization
def test_grid_sample_transform_hand_examples():
    # align_corners=False, W = 4: u = 2 x / 4 - 1 in corners; an index j (center j + 1/2) -> (2 j + 1) / 4 - 1
    assert grid_sample_transform(4) == (0.5, -1.0)
    assert grid_sample_transform(4, origin="centers") == (0.5, -0.75)
    # align_corners=True, W = 5: u = -1 at the first center (index 0), +1 at the last (index 4): u = j / 2 - 1
    assert grid_sample_transform(5, align_corners=True, origin="centers") == (0.5, -1.0)
    a, b = grid_sample_transform(5, align_corners=True)  # corners: center 0.5 -> -1
    assert a * 0.5 + b == pytest.approx(-1.0) and a * 4.5 + b == pytest.approx(1.0)
    with pytest.raises(ValueError, match="size must be >= 2 with align_corners=True"):
        grid_sample_transform(1, align_corners=True)


@torch_needed
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_transform_reads_where_torch_reads(align_corners):
    import torch
    import torch.nn.functional as F

    width = 7
    ramp = torch.arange(width, dtype=torch.float64).view(1, 1, 1, width)  # value = index
    idx = np.array([0.0, 0.25, 1.5, 3.75, 6.0])  # sample indices to read
    a, b = grid_sample_transform(width, align_corners=align_corners, origin="centers")
    u = torch.as_tensor(idx * a + b, dtype=torch.float64)
    grid = torch.stack([u, torch.zeros_like(u)], dim=-1).view(1, 1, -1, 2)
    out = F.grid_sample(ramp, grid, align_corners=align_corners, padding_mode="border")
    np.testing.assert_allclose(out.view(-1).numpy(), idx, atol=1e-12)


def test_roi_align_offset_is_the_corner_to_index_shift():
    assert roi_align_offset(True) == -0.5 == float(pv.convert_origin(0.0, "corners", "centers"))
    assert roi_align_offset(False) == 0.0


# ---------------------------------------------------------------- sub-samples, outside, landed
def test_subpixel_positions_are_the_half_pixel_grid_in_each_pixel():
    assert subpixel_positions(3).tolist() == [0.5, 1.5, 2.5]  # s = 1: the centers
    assert subpixel_positions(2, 4).tolist() == [0.125, 0.375, 0.625, 0.875, 1.125, 1.375, 1.625, 1.875]


def test_reads_outside_and_lands_on_samples_hand_examples():
    # ② 4 -> 8 reads -0.25, 0.25, ..., 3.25: the two ends outside [0, 3], none on a sample
    assert pv.reads_outside(4, 8, "half_pixel").tolist() == [True] + [False] * 6 + [True]
    assert not pv.lands_on_samples(4, 8, "half_pixel").any()
    # ① 4 -> 7 reads 0, 0.5, ..., 3: every second output copies a sample, none outside
    assert pv.lands_on_samples(4, 7, "align_corners").tolist() == [True, False] * 3 + [True]
    assert not pv.reads_outside(4, 7, "align_corners").any()
    # ③ 4 -> 8 reads 0, 0.5, ..., 3.5: the last one is outside, the even ones land
    assert pv.reads_outside(4, 8, "asymmetric").tolist() == [False] * 7 + [True]
    assert np.flatnonzero(pv.lands_on_samples(4, 8, "asymmetric")).tolist() == [0, 2, 4, 6]


# ---------------------------------------------------------------- RoIAlign bins and random boxes
def test_roi_bin_edges_hand_example_and_sample_points_sit_between_them():
    xs, ys = pv.roi.roi_bin_edges([1.0, 2.0, 4.0, 5.0], (3, 2))
    assert xs.tolist() == [1.0, 2.5, 4.0] and ys.tolist() == [2.0, 3.0, 4.0, 5.0]
    sx, _ = pv.roi.roi_sample_points([1.0, 2.0, 4.0, 5.0], (3, 2), sampling_ratio=2)
    corners = pv.convert_origin(sx, "centers", "corners")  # [2 bins, 2 samples]
    assert np.all((corners > xs[:-1, None]) & (corners < xs[1:, None]))


def test_random_boxes_are_seeded_and_within_their_ranges():
    a, b = pv.roi.random_boxes(500, 800, num_images=3, seed=2), pv.roi.random_boxes(500, 800, num_images=3, seed=2)
    np.testing.assert_array_equal(a, b)
    sides = a[:, 3:] - a[:, 1:3]
    assert sides.min() >= 16 - 1e-9 and sides.max() <= 400 + 1e-9
    assert set(np.unique(a[:, 0])) <= {0.0, 1.0, 2.0}
    centers = (a[:, 1:3] + a[:, 3:]) / 2
    assert centers.min() >= 0 and centers.max() < 800


def test_point_sample_is_sample_bilinear_with_zero_border():
    rng = np.random.default_rng(0)
    feats = rng.standard_normal((2, 3, 5, 6))
    pts = rng.uniform(-0.2, 1.2, (2, 40, 2))
    out = pv.point_sample(feats, pts)
    for n in range(2):
        ref = pv.sample_bilinear(np.moveaxis(feats[n], 0, -1), pts[n] * [6, 5], border="zeros")
        np.testing.assert_allclose(out[n].T, ref, atol=1e-12)


# ---------------------------------------------------------------- the ONNX-mode -> grid map is a property
@pytest.mark.parametrize(
    "mode, grid",
    [
        ("align_corners", "①"),
        ("half_pixel", "②"),
        ("asymmetric", "③"),
        ("pytorch_half_pixel", "②"),
        ("half_pixel_symmetric", "②"),
        ("tf_crop_and_resize", "①"),
    ],
)
def test_convention_grid(mode, grid):
    conv = Convention(mode)
    assert conv.grid.symbol == grid
    assert conv.grid_label == f"{grid} {mode}"
    # each relative equals its grid's map for M > 1 and s = M / N (tf_crop_and_resize: roi (0, 1))
    np.testing.assert_allclose(pv.source_coords(9, 5, conv), pv.source_coords(9, 5, conv.grid), atol=1e-12)


def test_compare_with_article_counts_pytorch_half_pixel_as_grid_two():
    res = ProbeResult("pytorch_half_pixel", "interpolation", ("pytorch_half_pixel",), None, (), (), "", ())
    assert backends.compare_with_article("②", res)[0] == "yes"
    assert backends.compare_with_article("buggy", res) == ("no", "article: none of ①②③; measured: ②")


# ---------------------------------------------------------------- typed probe results
def _linear(conv, kind="linear"):
    return lambda x, m: pv.resize(x, m, kind, conv)


def test_probe_result_fields_are_enums_with_string_values():
    res = pv.probe_resize(_linear("half_pixel"))
    assert res.convention is Convention.HALF_PIXEL and res.kind is ProbeKind.INTERPOLATION and res.named
    assert res.convention == "half_pixel" and res.kind.value == "interpolation"
    filt = pv.probe_resize(lambda x, m: pv.resize(x, m, "linear", antialias=True))
    assert filt.convention is Unnamed.FILTER and filt.kind is ProbeKind.FILTER and not filt.named
    assert filt.center_candidates[0] is Convention.HALF_PIXEL
    assert ProbeResult("none", "nearest", (), "none", (), (), "", ()).rounding.value == "none"
    with pytest.raises(ValueError, match="kind must be one of"):
        ProbeResult("none", "sorting", (), None, (), (), "", ())
    with pytest.raises(ValueError, match=r"candidates\[0\] must be a Convention name"):
        ProbeResult("half_pixel", "interpolation", ("halfpixel",), None, (), (), "", ())


@pytest.mark.parametrize(
    "fn",
    [
        _linear("half_pixel", "cubic"),
        _linear("asymmetric", "nearest"),
        lambda x, m: pv.resize(x, m, "linear", antialias=True),
        lambda x, m: np.full(m, x.mean()),
    ],
)
def test_probe_result_round_trips_through_json(fn):
    res = pv.probe_resize(fn)
    back = ProbeResult.from_dict(json.loads(json.dumps(res.to_dict())))
    assert back == res
    assert back.verdict == res.verdict and back.fit_row() == res.fit_row()
    summary = res.to_dict(measurements=False)
    assert "pairs" not in summary
    with pytest.raises(ValueError, match="written with measurements=False"):
        ProbeResult.from_dict(summary)


def test_fit_row_reads_fields():
    res = pv.probe_resize(_linear("half_pixel"))
    # ② 24 -> 36: x = (i + 1/2) 24/36 - 1/2 = 0.6667 i - 0.1667
    assert FIT_PAIR == (24, 36)
    assert res.fit_row() == "x = 0.6667·i − 0.1667"
    near = pv.probe_resize(lambda x, m: pv.resize(x, m, "nearest", "asymmetric", rounding="floor"))
    # ③ floor 24 -> 36 picks floor(i * 2/3): 0 0 1 2 2 3 4 4
    assert near.fit_row() == "picks 0 0 1 2 2 3 4 4 …"
    assert res.fit_row((5, 5)) == ""


def test_nearest_fit_pair_tells_floor_from_round():
    # At 24 -> 36, ③ floor and ② round-half-down both pick 0 0 1 2 2 3 4 4 (issue 12): the tables show
    # nearest picks at NEAREST_FIT_PAIR instead. 40 -> 14: ③ x = i * 40/14 = 0, 2.86, 5.71, 8.57 -> floor
    # 0 2 5 8; ② x = (i + 1/2) * 40/14 - 1/2 = 0.93, 3.79, 6.64, 9.5 -> round half down 1 4 7 9.
    from pixelviz.probe import NEAREST_FIT_PAIR

    floor3 = pv.probe_resize(lambda x, m: pv.resize(x, m, "nearest", "asymmetric", rounding="floor"))
    round2 = pv.probe_resize(lambda x, m: pv.resize(x, m, "nearest", "half_pixel", rounding="round_prefer_floor"))
    assert floor3.fit_row(NEAREST_FIT_PAIR).startswith("picks 0 2 5 8 ")
    assert round2.fit_row(NEAREST_FIT_PAIR).startswith("picks 1 4 7 9 ")
    assert floor3.fit_row() == round2.fit_row()  # the old pair could not tell them apart


def test_report_table_fit_column_follows_the_pair():
    chosen = [b for b in backends.list_backends("scipy") if b.available()][:1]
    if not chosen:
        pytest.skip("SciPy is not installed")
    reports = backends.probe_backends(chosen)
    table = backends.report_table(reports, pair=(36, 24))
    assert table.headers[5] == "fitted map 36→24"
    assert table.rows[0][5] == reports[0].result.fit_row((36, 24))


# ---------------------------------------------------------------- validate once, compute once
def test_resize_weights_table_is_computed_once_and_read_only():
    _resize_weights.cache_clear()
    for _ in range(4):  # an explorer update reads the same table 4 times
        t = resize_weights(4, 12, "linear", "half_pixel")
        pv.resize(np.arange(4.0), 12)
    info = _resize_weights.cache_info()
    assert info.misses == 1 and info.hits == 7
    with pytest.raises(ValueError, match="read-only"):
        t.weight[0, 0] = 5.0


def test_libraries_are_registered_in_the_articles_order():
    # the tables list the article's libraries first, in its order; an import sorter must not reorder them
    assert backends.libraries() == [
        "opencv",
        "pillow",
        "skimage",
        "torch",
        "torchvision",
        "tensorflow",
        "onnxruntime",
        "scipy",
        "jax",
        "kornia",
    ]


# ---------------------------------------------------------------- the frame codec's home
def test_encode_decode_image_round_trip():
    from pixelviz.backends.pillow_ops import decode_image, encode_image

    rgba = np.random.default_rng(0).integers(0, 256, (5, 7, 4), dtype=np.uint8)
    for fmt in ("png", "webp"):
        np.testing.assert_array_equal(decode_image(encode_image(rgba, fmt)), rgba)
    rgb = rgba[..., :3].copy()
    np.testing.assert_array_equal(decode_image(encode_image(rgb, "png", fast=True))[..., :3], rgb)
    with pytest.raises(ValueError, match="data must be a PNG or WebP image"):
        decode_image(b"not an image")
