"""Tests for pixelviz.geometry; every expectation is worked out by hand in a comment."""

import numpy as np
import pytest

from pixelviz import geometry as g


# ---------------------------------------------------------------- as_points
def test_as_points_shapes_and_dtype():
    p = g.as_points([[1, 2], [3, 4]])
    assert p.dtype == np.float64 and p.shape == (2, 2)
    assert g.as_points(np.zeros((2, 3, 2))).shape == (2, 3, 2)


@pytest.mark.parametrize(
    "bad, match",
    [
        ([1, 2, 3], r"points must have shape \(\.\.\., 2\)"),
        ([[1, np.nan]], "points must contain only finite numbers"),
        ([[1, np.inf]], "points must contain only finite numbers"),
        (5.0, r"points must have shape \(\.\.\., 2\)"),
    ],
)
def test_as_points_rejects(bad, match):
    with pytest.raises(ValueError, match=match):
        g.as_points(bad)


def test_as_points_uses_name_and_type():
    with pytest.raises(ValueError, match="keypoints must have shape"):
        g.as_points([1], name="keypoints")
    with pytest.raises(TypeError, match="points must be an array of numbers"):
        g.as_points([["a", "b"]])


# ---------------------------------------------------------------- as_boxes
def test_as_boxes_accepts_zero_area_and_empty():
    b = g.as_boxes([[1, 1, 1, 5]])  # zero width: legal
    assert b.dtype == np.float64 and b.tolist() == [[1.0, 1.0, 1.0, 5.0]]
    assert g.as_boxes(np.zeros((0, 4))).shape == (0, 4)


def test_as_boxes_rejects_empty_when_asked():
    with pytest.raises(ValueError, match="boxes must contain at least one box"):
        g.as_boxes(np.zeros((0, 4)), allow_empty=False)


def test_as_boxes_names_the_bad_box():
    boxes = [[0, 0, 2, 2], [0, 0, 1, 1], [5, 0, 3, 1]]  # box 2 has x1=3 < x0=5
    with pytest.raises(ValueError, match=r"x0 <= x1 and y0 <= y1.*boxes\[2\] = \[5\.0, 0\.0, 3\.0, 1\.0\]"):
        g.as_boxes(boxes)
    with pytest.raises(ValueError, match=r"rois\[1, 0\]"):  # y1 < y0 in a (2, 1, 4) batch
        g.as_boxes([[[0, 0, 1, 1]], [[0, 4, 1, 2]]], name="rois")
    with pytest.raises(ValueError, match=r"got boxes = \[0\.0, 4\.0, 1\.0, 2\.0\]"):  # single box
        g.as_boxes([0, 4, 1, 2])


@pytest.mark.parametrize(
    "bad, match",
    [
        ([0, 0, 1], r"boxes must have shape \(\.\.\., 4\)"),
        ([[0, 0, 1, np.nan]], "boxes must contain only finite numbers"),
        ([[0, -np.inf, 1, 1]], "boxes must contain only finite numbers"),
    ],
)
def test_as_boxes_rejects(bad, match):
    with pytest.raises(ValueError, match=match):
        g.as_boxes(bad)


# ---------------------------------------------------------------- as_polygon
def test_as_polygon_flat_and_pairs():
    flat = g.as_polygon([0, 0, 2, 0, 2, 1])
    pairs = g.as_polygon([[0, 0], [2, 0], [2, 1]])
    assert flat.shape == (3, 2) and np.array_equal(flat, pairs)
    assert flat.dtype == np.float64


@pytest.mark.parametrize(
    "bad, match",
    [
        ([[0, 0], [1, 1]], "polygon must have at least 3 vertices; got 2"),
        ([0, 0, 1, 1], "polygon must have at least 3 vertices; got 2"),
        ([0, 0, 1, 1, 2], "polygon must be a flat list .* even length; got length 5"),
        ([[0, 0, 0], [1, 1, 1], [2, 2, 2]], r"polygon must have shape \(K, 2\) or \(2K,\); got shape \(3, 3\)"),
        (np.zeros((1, 3, 2)), r"polygon must have ndim in \(1, 2\)"),
        ([[0, 0], [1, np.nan], [2, 2]], "polygon must contain only finite numbers"),
    ],
)
def test_as_polygon_rejects(bad, match):
    with pytest.raises(ValueError, match=match):
        g.as_polygon(bad)


def test_as_index_boxes():
    assert g.as_index_boxes([2, 3, 4, 3]).dtype == np.int64
    with pytest.raises(ValueError, match="boxes must contain integer pixel indices"):
        g.as_index_boxes([0.5, 0, 1, 1])


# ---------------------------------------------------------------- origin conversions
def test_points_origin_round_trip():
    # pixel (3, 4)'s center: (3, 4) in integer centers, (3.5, 4.5) in integer corners
    assert g.convert_points_origin([3, 4], "centers", "corners").tolist() == [3.5, 4.5]
    assert g.convert_points_origin([3.5, 4.5], "corners", "centers").tolist() == [3.0, 4.0]
    assert g.convert_points_origin([3, 4], "corners", "corners").tolist() == [3.0, 4.0]


def test_boxes_origin():
    # pixel (0, 0) is [0,1]x[0,1] in corners, [-0.5,0.5]^2 in centers; width unchanged
    assert g.convert_boxes_origin([0, 0, 1, 1], "corners", "centers").tolist() == [-0.5, -0.5, 0.5, 0.5]
    assert g.convert_boxes_origin([[-0.5, -0.5, 0.5, 0.5]], "centers", "corners").tolist() == [[0, 0, 1, 1]]
    with pytest.raises(ValueError, match="boxes must satisfy"):
        g.convert_boxes_origin([1, 0, 0, 1], "corners", "centers")


def test_polygon_origin():
    out = g.convert_polygon_origin([0, 0, 2, 0, 2, 1], "centers", "corners")
    assert out.tolist() == [[0.5, 0.5], [2.5, 0.5], [2.5, 1.5]]
    with pytest.raises(ValueError, match="origin|target"):
        g.convert_polygon_origin([0, 0, 2, 0, 2, 1], "centers", "middle")


def test_conversions_go_through_convert_origin(monkeypatch):
    # the half-pixel shift lives once, in conventions.convert_origin
    calls = []
    real = g.convert_origin

    def spy(*a, **k):
        calls.append(a[1:])
        return real(*a, **k)

    monkeypatch.setattr(g, "convert_origin", spy)
    g.convert_points_origin([0, 0], "centers", "corners")
    g.convert_boxes_origin([0, 0, 1, 1], "centers", "corners")
    g.convert_polygon_origin([0, 0, 1, 0, 1, 1], "centers", "corners")
    g.index_boxes_to_coords([0, 0, 0, 0], "centers")
    g.coord_boxes_to_index([0, 0, 1, 1], "centers")
    assert len(calls) == 5


# ---------------------------------------------------------------- index boxes <-> coordinate boxes
def test_index_boxes_to_coords_by_hand():
    # pixels x=2..4, y=3..3: 3x1 pixels; corners [2, 3, 5, 4]
    assert g.index_boxes_to_coords([2, 3, 4, 3]).tolist() == [2, 3, 5, 4]
    # in centers, pixel 2 spans [1.5, 2.5] and pixel 4 spans [3.5, 4.5]
    assert g.index_boxes_to_coords([2, 3, 4, 3], "centers").tolist() == [1.5, 2.5, 4.5, 3.5]
    # a single pixel (0,0): the unit square
    assert g.index_boxes_to_coords([[0, 0, 0, 0]]).tolist() == [[0, 0, 1, 1]]


def test_index_boxes_to_coords_rejects():
    with pytest.raises(ValueError, match=r"boxes\[0\]"):
        g.index_boxes_to_coords([[3, 0, 2, 0]])
    with pytest.raises(ValueError, match="integer pixel indices"):
        g.index_boxes_to_coords([0, 0, 1.5, 1])


def test_coord_boxes_to_index_by_hand():
    assert g.coord_boxes_to_index([2.0, 3.0, 5.0, 4.0]).tolist() == [2, 3, 4, 3]
    # x in [2.2, 4.1] touches pixels 2, 3, 4; y in [3, 4.5] touches rows 3, 4
    assert g.coord_boxes_to_index([2.2, 3.0, 4.1, 4.5]).tolist() == [2, 3, 4, 4]
    # the same box in centers: pixel 2 covers [1.5, 2.5): [1.5, 2.5, 4.5, 3.5] -> [2, 3, 4, 3]
    assert g.coord_boxes_to_index([1.5, 2.5, 4.5, 3.5], "centers").tolist() == [2, 3, 4, 3]


def test_coord_boxes_round_trip_random():
    rng = np.random.default_rng(0)
    lo = rng.integers(0, 50, size=(20, 2))
    hi = lo + rng.integers(0, 10, size=(20, 2))
    idx = np.concatenate([lo, hi], axis=1)
    for origin in ("corners", "centers"):
        assert np.array_equal(g.coord_boxes_to_index(g.index_boxes_to_coords(idx, origin), origin), idx)


def test_coord_boxes_to_index_zero_area_is_an_error():
    with pytest.raises(ValueError, match="positive width and height"):
        g.coord_boxes_to_index([1, 1, 1, 3])


# ---------------------------------------------------------------- areas
def test_polygon_area_by_hand():
    assert g.polygon_area([0, 0, 4, 0, 4, 3, 0, 3]) == 12.0  # 4 x 3 rectangle
    assert g.polygon_area([0, 0, 0, 3, 4, 3, 4, 0]) == 12.0  # clockwise: same
    assert g.polygon_area([[0, 0], [4, 0], [0, 3]]) == 6.0  # right triangle 4*3/2
    assert g.polygon_area([10, 10, 14, 10, 14, 13, 10, 13]) == 12.0  # shift-invariant
    # L-shape: 2x2 square minus a 1x1 corner = 3
    assert g.polygon_area([0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2]) == 3.0
    assert g.polygon_area([0, 0, 1, 1, 2, 2]) == 0.0  # collinear: degenerate, area 0


def test_polygon_perimeter_and_box_area():
    assert g.polygon_perimeter([0, 0, 4, 0, 4, 3, 0, 3]) == 14.0
    assert g.polygon_perimeter([0, 0, 4, 0, 0, 3]) == 12.0  # 3-4-5 triangle
    assert g.box_area([[0, 0, 2, 3], [1, 1, 1, 5]]).tolist() == [6.0, 0.0]
    assert g.box_area(np.zeros((0, 4))).shape == (0,)


def test_polygon_area_rejects():
    with pytest.raises(ValueError, match="at least 3 vertices"):
        g.polygon_area([0, 0, 1, 1])


# ---------------------------------------------------------------- affine maps
def test_affine_convert_origin_scale2_by_hand():
    # 2x about the corner origin, in corners: y = 2x. In centers x_c = x - 1/2:
    # y_c = 2 (x_c + 1/2) - 1/2 = 2 x_c + 1/2
    out = g.affine_convert_origin([[2, 0, 0], [0, 2, 0]], "corners", "centers")
    assert out.tolist() == [[2, 0, 0.5], [0, 2, 0.5]]
    back = g.affine_convert_origin(out, "centers", "corners")
    assert back.tolist() == [[2, 0, 0], [0, 2, 0]]


def test_affine_convert_origin_translation_unchanged_and_3x3():
    t = [[1, 0, 3.25], [0, 1, -2], [0, 0, 1]]
    assert g.affine_convert_origin(t, "corners", "centers").tolist() == [[1, 0, 3.25], [0, 1, -2], [0, 0, 1]]


def test_affine_convert_origin_maps_points_consistently():
    rng = np.random.default_rng(0)
    a = np.concatenate([rng.normal(size=(2, 2)), rng.normal(size=(2, 1))], axis=1)
    x = rng.normal(size=(5, 2))
    y = x @ a[:, :2].T + a[:, 2]
    ac = g.affine_convert_origin(a, "corners", "centers")
    xc = g.convert_points_origin(x, "corners", "centers")
    np.testing.assert_allclose(
        xc @ ac[:, :2].T + ac[:, 2], g.convert_points_origin(y, "corners", "centers"), atol=1e-12
    )


def test_affine_convert_origin_rejects():
    with pytest.raises(ValueError, match=r"matrix must have shape \(2, 3\) or \(3, 3\)"):
        g.affine_convert_origin(np.eye(2), "corners", "centers")
    with pytest.raises(ValueError, match="matrix must be affine"):
        g.affine_convert_origin(np.ones((3, 3)), "corners", "centers")


# ---------------------------------------------------------------- reference rasterizer
def test_pixel_centers():
    c = g.pixel_centers((2, 3))
    assert c.shape == (2, 3, 2)
    assert c[1, 2].tolist() == [2.5, 1.5]  # row 1, col 2 -> (x, y) = (2.5, 1.5)
    assert g.pixel_centers((2, 3), "centers")[1, 2].tolist() == [2.0, 1.0]
