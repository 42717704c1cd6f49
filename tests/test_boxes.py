"""Box coding and flips; expectations derived by hand in comments."""

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
    np.testing.assert_allclose(
        B.flip_boxes(box, 32, "indices") - B.flip_boxes(box, 32, "coords"), np.tile([-1, 0, -1, 0], (50, 1))
    )


def test_flip_rejects_bad_input():
    with pytest.raises(ValueError, match="kind must be one of"):
        B.flip_points([1, 2], 10, kind="index")
    with pytest.raises(ValueError, match="width must be > 0"):
        B.flip_boxes([1, 2, 3, 4], 0)
    with pytest.raises(ValueError, match=r"points must have shape \(\.\.\., 2\)"):
        B.flip_points([1, 2, 3], 10)
    with pytest.raises(ValueError, match="polygon must have at least 3 vertices"):
        B.flip_polygon([[0, 0], [1, 1]], 10)
