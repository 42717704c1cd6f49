"""RoIAlign, paste-mask and point sampling references; hand examples, properties, torchvision equality."""

import numpy as np
import pytest

from pixelviz import roi as R

ARANGE5 = np.arange(25.0).reshape(1, 1, 5, 5)  # value at row r, col c is 5 r + c


def _ramp(h, w):
    """Feature map whose value is the column index: f[r, c] = c."""
    return np.tile(np.arange(w, dtype=float), (1, 1, h, 1))


# ---------------------------------------------------------------- RoIAlign: hand examples
def test_roi_align_detectron2_unittest_values():
    # detectron2 tests/layers/test_roi_align.py: 5x5 arange, box [1,1,3,3], 4x4 output.
    # Box width 2 over 4 bins: bin width 0.5, adaptive ratio ceil(2/4) = 1, so one sample per bin at
    # x = 1 + (j + 1/2) * 0.5 = 1.25, 1.75, 2.25, 2.75 (same for y). The image is linear (5y + x in
    # index space), so bilinear reads are exact: value = 5 * iy + ix.
    # aligned=True reads index x - 1/2 = 0.75, 1.25, 1.75, 2.25 -> row 0: 5*0.75 + 0.75 = 4.5, 5, 5.5, 6
    aligned = np.array([[4.5, 5, 5.5, 6], [7, 7.5, 8, 8.5], [9.5, 10, 10.5, 11], [12, 12.5, 13, 13.5]])
    # aligned=False reads index x itself = 1.25 .. 2.75 -> row 0: 5*1.25 + 1.25 = 7.5, 8, 8.5, 9
    legacy = np.array([[7.5, 8, 8.5, 9], [10, 10.5, 11, 11.5], [12.5, 13, 13.5, 14], [15, 15.5, 16, 16.5]])
    np.testing.assert_allclose(R.roi_align(ARANGE5, [[1, 1, 3, 3]], 4, aligned=True)[0, 0], aligned, atol=1e-12)
    np.testing.assert_allclose(R.roi_align(ARANGE5, [[1, 1, 3, 3]], 4, aligned=False)[0, 0], legacy, atol=1e-12)
    # "an upsampled version of [[6, 7], [11, 12]]": a 2x2 output reads exactly the pixels (1,1)..(2,2)
    np.testing.assert_allclose(R.roi_align(ARANGE5, [[1, 1, 3, 3]], 2)[0, 0], [[6, 7], [11, 12]], atol=1e-12)


def test_roi_align_sampling_ratio_averages_subsamples():
    # ramp f = c; box x in [0, 4], one bin, s = 2: samples at x = 1 and 3 -> indices 0.5 and 2.5 -> mean 1.5
    # (= the box center 2 minus 1/2, as averaging a linear function gives its value at the mean point)
    out = R.roi_align(_ramp(4, 6), [[0, 0, 4, 4]], 1, sampling_ratio=2)
    np.testing.assert_allclose(out[0, 0], [[1.5]], atol=1e-12)


def test_roi_align_spatial_scale_and_batch_index():
    feats = np.stack([ARANGE5[0], 100 + ARANGE5[0]])  # two images
    # box [16, 16, 48, 48] at scale 1/16 is the feature box [1, 1, 3, 3] of image 1 -> 100 + [[6,7],[11,12]]
    out = R.roi_align(feats, [[1, 16, 16, 48, 48]], 2, spatial_scale=1 / 16)
    np.testing.assert_allclose(out[0, 0], [[106, 107], [111, 112]], atol=1e-12)


def test_roi_align_border_rule():
    ones = np.ones((1, 1, 4, 4))
    # one sample at the box center x = -0.4 -> index -0.9 (within one pixel of the border: clamped -> 1)
    assert R.roi_align(ones, [[-0.6, 1, -0.2, 3]], 1, sampling_ratio=1)[0, 0, 0, 0] == 1.0
    # center x = -0.9 -> index -1.4 (more than one pixel outside: contributes 0)
    assert R.roi_align(ones, [[-1.0, 1, -0.8, 3]], 1, sampling_ratio=1)[0, 0, 0, 0] == 0.0


def test_roi_align_border_rule_right_side():
    ones = np.ones((1, 1, 4, 4))
    # center 4.3 -> index 3.8 in (3, 4]: clamped to pixel 3 -> 1
    assert R.roi_align(ones, [[4.2, 1, 4.4, 3]], 1, sampling_ratio=1)[0, 0, 0, 0] == 1.0
    # center 4.7 -> index 4.2 > 4: 0
    assert R.roi_align(ones, [[4.6, 1, 4.8, 3]], 1, sampling_ratio=1)[0, 0, 0, 0] == 0.0


def test_roi_align_empty_boxes():
    ramp = _ramp(5, 5)
    # aligned, adaptive: ceil(0 / K) = 0 samples -> output 0
    assert np.all(R.roi_align(ramp, [[2.5, 1.5, 2.5, 1.5]], 2) == 0)
    # aligned, fixed ratio: every sample sits on the point x = 2.5 -> index 2 -> value 2
    np.testing.assert_allclose(R.roi_align(ramp, [[2.5, 1.5, 2.5, 1.5]], 2, sampling_ratio=1), 2.0)
    # legacy: the box is widened to 1 pixel: [2.5, 3.5] -> one sample at index 3
    np.testing.assert_allclose(R.roi_align(ramp, [[2.5, 1.5, 2.5, 1.5]], 1, sampling_ratio=1, aligned=False), 3.0)


def test_roi_align_aligned_commutes_with_integer_shift():
    # moving the box by 1 pixel on a ramp adds 1 to every output (box well inside)
    rng = np.random.default_rng(0)
    box = np.array([[3.3, 2.1, 8.9, 7.7]])
    out0 = R.roi_align(_ramp(12, 14), box, (3, 5), sampling_ratio=2)
    out1 = R.roi_align(_ramp(12, 14), box + [1, 0, 1, 0], (3, 5), sampling_ratio=2)
    np.testing.assert_allclose(out1 - out0, 1.0, atol=1e-12)
    del rng


# ---------------------------------------------------------------- RoIAlign vs torchvision
def _random_case(rng, case):
    n, c, h, w = rng.integers(1, 3), rng.integers(1, 4), rng.integers(1, 20), rng.integers(1, 20)
    feats = rng.standard_normal((n, c, h, w)).astype(np.float32)
    scale = [1.0, 1 / 16, 0.5][case % 3]
    k = rng.integers(1, 8)
    xy = rng.uniform(-4, max(h, w) + 4, (k, 2)) / scale  # some boxes partly or fully outside
    wh = rng.uniform(0, 12, (k, 2)) / scale
    if case % 5 == 0:
        wh[0] = 0  # an empty box
    boxes = np.concatenate([rng.integers(0, n, (k, 1)), xy, xy + wh], axis=1).astype(np.float32)
    out = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
    return feats, boxes, out, scale


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("sampling_ratio", [-1, 1, 2])
def test_roi_align_matches_torchvision(aligned, sampling_ratio):
    torch = pytest.importorskip("torch")
    tv = pytest.importorskip("torchvision.ops")
    rng = np.random.default_rng(100 + sampling_ratio + 10 * aligned)
    for case in range(40):  # 6 parametrizations x 40 = 240 random cases
        feats, boxes, out, scale = _random_case(rng, case)
        ours = R.roi_align(feats, boxes, out, scale, sampling_ratio, aligned)
        ref = tv.roi_align(torch.from_numpy(feats), torch.from_numpy(boxes), out, scale, sampling_ratio, aligned)
        np.testing.assert_allclose(ours, ref.numpy(), atol=1e-5, err_msg=f"case {case}")


def test_roi_align_k4_boxes_mean_image_zero():
    torch = pytest.importorskip("torch")
    tv = pytest.importorskip("torchvision.ops")
    feats = np.random.default_rng(5).standard_normal((1, 2, 9, 11)).astype(np.float32)
    boxes = np.array([[1.2, 0.5, 7.7, 8.1], [0, 0, 11, 9]], dtype=np.float32)
    ours = R.roi_align(feats, boxes, (2, 3))  # (K, 4): image 0
    ref = tv.roi_align(torch.from_numpy(feats), [torch.from_numpy(boxes)], (2, 3), 1.0, -1, True)
    np.testing.assert_allclose(ours, ref.numpy(), atol=1e-5)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        (dict(features=np.zeros((5, 5))), ValueError, r"features must have shape \(N, C, H, W\); got shape \(5, 5\)"),
        (dict(boxes=[[0, 0, 1]]), ValueError, r"boxes must have shape \(K, 4\) or \(K, 5\)"),
        (dict(boxes=[0, 0, 1, 1]), ValueError, r"boxes must have ndim in \(2,\)"),
        (dict(boxes=[[0, 0, np.nan, 1]]), ValueError, "boxes must contain only finite numbers"),
        (dict(boxes=[[0, 0, np.inf, 1]]), ValueError, "boxes must contain only finite numbers"),
        (dict(boxes=[[1, 0, 0, 1, 1]]), ValueError, r"boxes\[:, 0\] must be integer batch indices in \[0, 1\)"),
        (dict(output_size=-2), ValueError, "output_size must be >= 1; got -2"),
        (dict(output_size=(2, 0)), ValueError, r"output_size\[1\] must be >= 1"),
        (dict(output_size=2.0), TypeError, "output_size must be an int"),
        (dict(spatial_scale=0), ValueError, "spatial_scale must be > 0"),
        (dict(sampling_ratio=1.5), TypeError, "sampling_ratio must be an int"),
        (dict(aligned="yes"), TypeError, "aligned must be a bool"),
    ],
)
def test_roi_align_rejects_bad_input(kwargs, exc, match):
    args = dict(features=ARANGE5, boxes=[[0, 0, 2, 2]], output_size=2)
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        R.roi_align(**args)


# ---------------------------------------------------------------- paste mask
def test_paste_mask_hand_example():
    # 2x2 mask of ones in box [1, 3): pixel 1 (center 1.5) reads mask index (0.5/2)*2 - 0.5 = 0 -> 1;
    # pixel 0 (center 0.5) reads index -1 -> both neighbours -1 and 0: weight on index 0 is 0 -> 0
    expected = np.zeros((4, 4))
    expected[1:3, 1:3] = 1
    np.testing.assert_allclose(R.paste_mask(np.ones((2, 2)), [1, 1, 3, 3], (4, 4)), expected)


def test_paste_mask_inverts_roi_align_on_a_linear_image():
    # roi_align (s = 1) of a linear image gives the line at the bin centers; paste reads that grid back
    # bilinearly at the pixel centers, which reproduces a linear function exactly wherever a pixel
    # center has mask samples on both sides: pixels whose centers lie in [x0 + w/2M, x1 - w/2M].
    ramp = _ramp(20, 24)
    box = [4.0, 3.0, 20.0, 17.0]  # 16 x 14 pixels, M = 8 -> bins 2 x 1.75 pixels
    mask = R.roi_align(ramp, [box], 8, sampling_ratio=1)[0, 0]
    pasted = R.paste_mask(mask, box, (20, 24))
    np.testing.assert_allclose(pasted[5:15, 5:19], ramp[0, 0, 5:15, 5:19], atol=1e-12)


def test_paste_mask_legacy_is_one_pixel_too_wide():
    # Detectron: M = 2 ones, box [2, 6): enlarge by (2+2)/2 -> [0, 8), w = 8 - 0 + 1 = 9 pixels; the padded
    # row [0, 1, 1, 0] resized 4 -> 9 (half-pixel) reads x_i = (i + 1/2) 4/9 - 1/2:
    # i = 1: 0.17 -> 0.17; i = 2: 0.61 -> 0.61 > 0.5; i = 6: 2.39 -> 0.61; i = 7: 2.83 -> 0.17
    # In 2D the value is the product of the two axes: the middle row 4 (factor 1) has pixels 2..6 set,
    # five pixels for a four-pixel box; the corner (2, 2) has 0.61 * 0.61 = 0.37 and stays unset.
    legacy = R.paste_mask_legacy(np.ones((2, 2)), [2, 2, 6, 6], (9, 9))
    assert np.flatnonzero(legacy[4]).tolist() == [2, 3, 4, 5, 6]
    assert not legacy[2, 2] and legacy[2, 3]
    # the exact paste covers the box's pixels 2..5 and nothing else
    exact = R.paste_mask(np.ones((2, 2)), [2, 2, 6, 6], (9, 9)) >= 0.5
    expected = np.zeros((9, 9), dtype=bool)
    expected[2:6, 2:6] = True
    np.testing.assert_array_equal(exact, expected)


def test_paste_mask_rejects_bad_input():
    with pytest.raises(ValueError, match="box must have x1 > x0 and y1 > y0"):
        R.paste_mask(np.ones((2, 2)), [1, 1, 1, 3], (4, 4))
    with pytest.raises(ValueError, match=r"mask must have shape \(M_h, M_w\)"):
        R.paste_mask(np.ones((1, 2, 2)), [1, 1, 2, 3], (4, 4))
    with pytest.raises(ValueError, match="box must contain only finite numbers"):
        R.paste_mask_legacy(np.ones((2, 2)), [1, 1, np.nan, 3], (4, 4))
    with pytest.raises(ValueError, match=r"image_shape\[0\] must be >= 1"):
        R.paste_mask(np.ones((2, 2)), [1, 1, 2, 3], (0, 4))


# ---------------------------------------------------------------- point sampling
def test_point_sample_hand_example():
    f = np.arange(12.0).reshape(1, 1, 3, 4)  # f[r, c] = 4 r + c
    # (x, y) = (0.5, 0.5): coordinates (2, 1.5) -> indices (1.5, 1) -> 4*1 + 1.5 = 5.5
    # (0, 0): indices (-0.5, -0.5): only pixel (0, 0) is real, weight 1/4 -> 0.25 * 0 = 0
    # (1/8, 1/6): coordinates (0.5, 0.5) -> indices (0, 0): pixel (0, 0) exactly = 0; (3/8, 1/2) -> (1, 1) = 5
    out = R.point_sample(f, [[[0.5, 0.5], [0.0, 0.0], [3 / 8, 0.5]]])
    np.testing.assert_allclose(out[0, 0], [5.5, 0.0, 5.0])
    # a corner point of a constant image reads 1/4 of it (zero padding), an edge midpoint 1/2
    np.testing.assert_allclose(R.point_sample(np.ones((1, 1, 3, 4)), [[[0, 0], [0.5, 0]]])[0, 0], [0.25, 0.5])


def test_point_sample_matches_resample_sample_bilinear():
    resample = pytest.importorskip("pixelviz.resample", reason="pixelviz.resample not written yet")
    rng = np.random.default_rng(7)
    img = rng.standard_normal((6, 9))
    pts = rng.uniform(-0.2, 1.2, (60, 2))  # some outside: grid_sample's zero padding
    ours = R.point_sample(img[None, None], pts[None])[0, 0]
    xy = pts * [9, 6]  # integer-corner coordinates
    theirs = resample.sample_bilinear(img, xy, origin="corners", border="zeros")
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_point_sample_rejects_bad_input():
    with pytest.raises(ValueError, match=r"points must have shape \(N, P, 2\) with N = 1"):
        R.point_sample(np.ones((1, 1, 3, 3)), np.zeros((2, 5, 2)))
    with pytest.raises(ValueError, match=r"points must have shape \(\.\.\., 2\)"):
        R.point_sample(np.ones((1, 1, 3, 3)), np.zeros((1, 5, 3)))
    with pytest.raises(ValueError, match="points must contain only finite numbers"):
        R.point_sample(np.ones((1, 1, 3, 3)), np.full((1, 1, 2), np.nan))


# ---------------------------------------------------------------- sample points and neighbours
def test_roi_sample_points_hand_example():
    # box [1, 5] in x, 2 bins of width 2, s = 2: points at 1 + (j + (k + 1/2)/2) * 2 = 1.5, 2.5 | 3.5, 4.5
    # aligned reads index x - 1/2: 1, 2 | 3, 4; legacy reads x: 1.5, 2.5 | 3.5, 4.5
    xs, ys = R.roi_sample_points([1, 0, 5, 2], 2, sampling_ratio=2)
    np.testing.assert_allclose(xs, [[1, 2], [3, 4]])
    # y: box [0, 2], 2 bins of 1: points 0.25, 0.75 | 1.25, 1.75 -> indices -0.25, 0.25 | 0.75, 1.25
    np.testing.assert_allclose(ys, [[-0.25, 0.25], [0.75, 1.25]])
    xs_legacy, _ = R.roi_sample_points([1, 0, 5, 2], 2, sampling_ratio=2, aligned=False)
    np.testing.assert_allclose(xs_legacy, [[1.5, 2.5], [3.5, 4.5]])


def test_roi_sample_points_adaptive_ratio():
    # box width 7 over 2 bins: ceil(3.5) = 4 samples per bin along x; height 1 over 2 bins: ceil(0.5) = 1
    xs, ys = R.roi_sample_points([0, 0, 7, 1], 2)
    assert xs.shape == (2, 4) and ys.shape == (2, 1)


def test_bilinear_neighbors_hand_example_and_border():
    # index (1.25, 0.5): columns 1, 2 with weights 0.75, 0.25; rows 0, 1 with 0.5, 0.5
    got = R.bilinear_neighbors(1.25, 0.5, (4, 4))
    assert sorted(got) == [(0, 1, 0.375), (0, 2, 0.125), (1, 1, 0.375), (1, 2, 0.125)]
    # within one pixel outside: clamped onto column 0; beyond: nothing is read
    assert sum(w for r, c, w in R.bilinear_neighbors(-0.5, 0.5, (4, 4)) if c == 0) == 1.0
    assert R.bilinear_neighbors(-1.5, 0.5, (4, 4)) == []


def test_paste_round_trip_is_exact_when_the_mask_grid_is_the_pixel_grid():
    # box of exactly 12 x 12 integer-aligned pixels and M = 12, s = 1: RoIAlign reads each pixel center
    # (x0 + j + 1/2 - 1/2 = pixel x0 + j), and paste reads mask index u M - 1/2 = j back: identity.
    truth = np.zeros((20, 20), dtype=bool)
    truth[5:14, 6:12] = True
    truth[8, 4:16] = True
    box = [4, 3, 16, 15]
    out = R.paste_round_trip(truth, box, mask_size=12, sampling_ratio=1)
    assert out["wrong_paste_mask"] == 0 and out["iou_paste_mask"] == 1.0
    # Detectron's paste moves the rightmost / bottom edges by a pixel (see the test above): not exact
    assert out["wrong_legacy"] > 0
