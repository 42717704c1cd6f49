"""Box coding, flips and polygon rasterization; expectations derived by hand in comments."""

import numpy as np
import pytest

import pixelviz as pv
from pixelviz import boxes as B


# ---------------------------------------------------------------- 1D coding
def test_legacy_1d_hand_example_is_one_pixel_off():
    # pixels 2..5 inclusive: w = 5 - 2 + 1 = 4, center = 2 + 4/2 = 4
    assert B.legacy_encode_1d(2, 5) == (4.0, 4)
    # legacy decode: x1 = 4 + 4/2 = 6 (one too far); fixed: 6 - 1 = 5
    assert B.legacy_decode_1d(4.0, 4) == (2.0, 6.0)
    assert B.legacy_decode_1d(4.0, 4, fixed=True) == (2.0, 5.0)


def test_float_1d_hand_example_round_trips():
    # coordinates [2, 6]: w = 4, center 4; decode gives 4 -/+ 2
    assert B.encode_1d(2.0, 6.0) == (4.0, 4.0)
    assert B.decode_1d(4.0, 4.0) == (2.0, 6.0)


# ---------------------------------------------------------------- box deltas
def _random_int_boxes(rng, n):
    xy = rng.integers(0, 200, (n, 2))
    return np.concatenate([xy, xy + rng.integers(0, 100, (n, 2))], axis=1).astype(float)


def test_encode_boxes_hand_example():
    # box [0,0,4,2] vs reference [0,0,2,2] (float): centers 2 vs 1, widths 4 vs 2
    # dx = (2-1)/2 = 0.5, dy = 0, dw = log 2, dh = 0
    np.testing.assert_allclose(B.encode_boxes([0, 0, 4, 2], [0, 0, 2, 2]), [0.5, 0, np.log(2), 0])


def test_legacy_round_trip_is_off_by_one_at_x1_y1():
    rng = np.random.default_rng(0)
    boxes, refs = _random_int_boxes(rng, 500), _random_int_boxes(rng, 500)
    decoded = B.decode_boxes(B.encode_boxes(boxes, refs, "legacy"), refs, "legacy")
    # the missing "- 1" in x1 = ctr + w/2 leaves x0, y0 exact and x1, y1 one pixel larger
    np.testing.assert_allclose(decoded - boxes, np.tile([0, 0, 1, 1], (500, 1)), atol=1e-9)


@pytest.mark.parametrize("style", ["legacy_fixed", "float"])
def test_fixed_and_float_round_trip(style):
    rng = np.random.default_rng(1)
    if style == "float":
        xy = rng.uniform(-50, 200, (500, 2))
        boxes = np.concatenate([xy, xy + rng.uniform(0.1, 100, (500, 2))], axis=1)
        refs = np.concatenate([xy[::-1], xy[::-1] + rng.uniform(0.1, 100, (500, 2))], axis=1)
    else:
        boxes, refs = _random_int_boxes(rng, 500), _random_int_boxes(rng, 500)
    np.testing.assert_allclose(B.decode_boxes(B.encode_boxes(boxes, refs, style), refs, style), boxes, atol=1e-9)


def test_encode_boxes_rejects_bad_input():
    with pytest.raises(ValueError, match=r"boxes must have shape \(\.\.\., 4\); got shape \(3,\)"):
        B.encode_boxes([0, 0, 1], [0, 0, 1, 1])
    with pytest.raises(ValueError, match="boxes must contain only finite numbers"):
        B.encode_boxes([0, 0, np.nan, 1], [0, 0, 1, 1])
    with pytest.raises(ValueError, match="did you mean 'legacy'"):
        B.encode_boxes([0, 0, 1, 1], [0, 0, 1, 1], style="legacyy")
    with pytest.raises(ValueError, match="references must have positive width"):
        B.encode_boxes([0, 0, 1, 1], [0, 0, 0, 1], style="float")
    with pytest.raises(ValueError, match="deltas must contain only finite numbers"):
        B.decode_boxes([0, 0, np.inf, 0], [0, 0, 1, 1])


# ---------------------------------------------------------------- flips
def test_flip_hand_example_index_and_coordinate_agree():
    # W = 10: index 3 -> 10 - 1 - 3 = 6; its center 3.5 -> 10 - 3.5 = 6.5, the center of index 6
    assert B.flip_index(3, 10) == 6
    assert B.flip_coord(pv.index_to_coord(3), 10) == pv.index_to_coord(6)


def test_flip_boxes_hand_example():
    # coordinate box [1, 3) covers pixels 1, 2 -> mirrored pixels 8, 7 -> box [7, 9)
    np.testing.assert_array_equal(B.flip_boxes([1, 0, 3, 2], 10), [7, 0, 9, 2])
    # inclusive index box 1..2 -> 9-2 .. 9-1 = 7..8
    np.testing.assert_array_equal(B.flip_boxes([1, 0, 2, 1], 10, kind="indices"), [7, 0, 8, 1])


@pytest.mark.parametrize("kind", ["coords", "indices"])
def test_flipping_twice_is_identity(kind):
    rng = np.random.default_rng(2)
    pts = rng.uniform(0, 30, (20, 2))
    box = np.concatenate([pts[:5], pts[:5] + 3], axis=1)
    np.testing.assert_allclose(B.flip_points(B.flip_points(pts, 31, kind), 31, kind), pts)
    np.testing.assert_allclose(B.flip_boxes(B.flip_boxes(box, 31, kind), 31, kind), box)
    np.testing.assert_allclose(B.flip_polygon(B.flip_polygon(pts, 31, kind), 31, kind), pts)


def test_index_flip_on_coordinate_boxes_shifts_one_pixel_left():
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 20, (50, 2))
    box = np.concatenate([xy, xy + 4], axis=1)
    # (W - 1 - x) - (W - x) = -1 on both x0 and x1, y unchanged
    np.testing.assert_allclose(B.flip_boxes(box, 32, "indices") - B.flip_boxes(box, 32, "coords"),
                               np.tile([-1, 0, -1, 0], (50, 1)))


def test_coordinate_flip_of_polygon_matches_flipping_its_mask():
    poly = np.array([[1.2, 0.7], [9.3, 2.1], [6.6, 8.4], [2.1, 6.2]])
    mask = B.polygon_mask(poly, (10, 12))
    # the mask is a set of pixel indices: flipping it is fliplr (index flip)
    np.testing.assert_array_equal(B.polygon_mask(B.flip_polygon(poly, 12), (10, 12)), mask[:, ::-1])
    # Detectron's W-1-x on coordinates gives the same mask shifted one pixel left
    wrong = B.polygon_mask(B.flip_polygon(poly, 12, kind="indices"), (10, 12))
    np.testing.assert_array_equal(wrong[:, :-1], mask[:, ::-1][:, 1:])


def test_flip_rejects_bad_input():
    with pytest.raises(ValueError, match="kind must be one of"):
        B.flip_points([1, 2], 10, kind="index")
    with pytest.raises(ValueError, match="width must be > 0"):
        B.flip_boxes([1, 2, 3, 4], 0)
    with pytest.raises(ValueError, match=r"points must have shape \(\.\.\., 2\)"):
        B.flip_points([1, 2, 3], 10)
    with pytest.raises(ValueError, match="polygon must have at least 3 vertices"):
        B.flip_polygon([[0, 0], [1, 1]], 10)


# ---------------------------------------------------------------- rasterization
def test_polygon_mask_hand_example():
    # rectangle x in [1, 3], y in [1, 2]: centers (1.5, 1.5) and (2.5, 1.5) are inside
    m = B.polygon_mask([[1, 1], [3, 1], [3, 2], [1, 2]], (3, 4))
    expected = np.zeros((3, 4))
    expected[1, 1:3] = 1
    np.testing.assert_array_equal(m, expected)


def test_polygon_mask_supersampled_area_approaches_exact_area():
    # right triangle with legs 6.2 and 5.7: area 6.2 * 5.7 / 2 = 17.67; point counting converges
    # with the number of points per pixel: require < 0.5 % of the area at 64 x 64 points
    m = B.polygon_mask([[0.1, 0.2], [6.3, 0.2], [0.1, 5.9]], (8, 8), supersample=64)
    assert abs(m.sum() - 17.67) < 0.005 * 17.67


def test_polygon_mask_close_to_pycocotools():
    mask_utils = pytest.importorskip("pycocotools.mask")
    poly = np.array([[3.3, 2.2], [40.7, 5.1], [30.2, 35.6], [8.4, 28.9]])
    rle = mask_utils.frPyObjects([poly.ravel().tolist()], 40, 48)
    coco = mask_utils.decode(mask_utils.merge(rle)).astype(bool)
    ours = B.polygon_mask(poly, (40, 48)).astype(bool)
    iou = (coco & ours).sum() / (coco | ours).sum()
    assert iou > 0.97  # both rasterize the same polygon; they may differ on edge pixels only


def test_polygon_mask_rejects_bad_input():
    with pytest.raises(ValueError, match="polygon must have at least 3 vertices"):
        B.polygon_mask([[0, 0], [1, 1]], (3, 3))
    with pytest.raises(TypeError, match=r"shape must be a pair \(H, W\)"):
        B.polygon_mask([[0, 0], [1, 1], [0, 1]], 3)
    with pytest.raises(ValueError, match="supersample must be >= 1"):
        B.polygon_mask([[0, 0], [1, 1], [0, 1]], (3, 3), supersample=0)


# ---------------------------------------------------------------- polygon vs mask pipeline
def test_mask_iou_hand_example():
    # intersection 1 + 0.5 = 1.5; union 2 + 1.5 - 1.5 = 2 -> 0.75
    assert B.mask_iou([[1, 1, 0]], [[1, 0.5, 0]]) == 0.75
    with pytest.raises(ValueError, match=r"reference must have the mask's shape \(1, 3\)"):
        B.mask_iou([[1, 1, 0]], [[1, 0]])


def test_pipeline_without_resize_is_lossless_both_ways():
    # scale 1 and an integer crop: flipping a mask (fliplr) equals rasterizing the coordinate-flipped
    # polygon (pixel centers are symmetric), so both pipelines give the same mask. (Vertices chosen so
    # that no edge passes exactly through a pixel center, where "inside" is a tie broken one way.)
    poly = np.array([[3.31, 2.23], [20.71, 5.13], [15.17, 18.61], [4.43, 14.93]])
    out = B.polygon_vs_mask_pipeline(poly, (24, 26), scale=1.0, crop=(2, 1, 20, 20))
    np.testing.assert_array_equal(out["mask first"], out["polygon first"])


def test_pipeline_polygon_first_is_closer_to_exact_after_resize():
    poly = np.array([[3.3, 2.2], [20.7, 5.1], [15.2, 18.6], [4.4, 14.9]])
    out = B.polygon_vs_mask_pipeline(poly, (24, 26), scale=1.5, crop=(3, 2, 30, 28))
    assert B.mask_iou(out["polygon first"], out["exact"]) > B.mask_iou(out["mask first"], out["exact"])
