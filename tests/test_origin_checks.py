"""Real libraries measured for their origin; each expectation is derived by hand in a comment."""

import math

import numpy as np
import pytest

from pixelviz import geometry as g
from pixelviz import masks
from pixelviz import origin_checks as oc
from pixelviz import rasterizer_survey as survey
from pixelviz.backends import opencv_ops as cvo
from pixelviz.backends import pillow_ops, pycocotools_ops, scipy_ops, torchvision_ops


def _rect_mask(h, w, x0, y0, shape=(12, 14)):
    m = np.zeros(shape, bool)
    m[y0 : y0 + h, x0 : x0 + w] = True
    return m


# ---------------------------------------------------------------- cv2.findContours
@pytest.mark.parametrize("w, h, x0, y0", [(6, 4, 3, 2), (2, 2, 0, 0), (5, 9, 7, 1), (10, 3, 2, 8)])
def test_find_contour_rectangle_runs_through_boundary_centers(w, h, x0, y0):
    pytest.importorskip("cv2")
    poly = cvo.find_contour(_rect_mask(h, w, x0, y0))
    # vertices are the indices of the boundary pixels: columns x0..x0+w-1, rows y0..y0+h-1
    assert poly.min(axis=0).tolist() == [x0, y0]
    assert poly.max(axis=0).tolist() == [x0 + w - 1, y0 + h - 1]
    # +1/2 puts them on the pixel centers in integer corners
    corners = cvo.find_contour(_rect_mask(h, w, x0, y0), "corners")
    assert corners.min(axis=0).tolist() == [x0 + 0.5, y0 + 0.5]


@pytest.mark.parametrize("w, h", [(6, 4), (2, 2), (5, 9), (10, 3)])
def test_contour_rectangle_area_and_pick(w, h):
    pytest.importorskip("cv2")
    m = oc.contour_measurements(_rect_mask(h, w, 1, 1))
    # polygon through the boundary centers is (w-1) x (h-1)
    assert m["polygon_area"] == (w - 1) * (h - 1)
    assert m["perimeter"] == 2 * ((w - 1) + (h - 1))
    assert m["cv2_area"] == m["polygon_area"]
    # Pick: pixels = A + B/2 + 1 with B = perimeter for unit axis steps:
    # (w-1)(h-1) + (w-1) + (h-1) + 1 = w h
    assert m["pixels"] == w * h
    assert m["polygon_area"] + m["perimeter"] / 2 + 1 == w * h
    assert m["boundary_points"] == m["perimeter"]


@pytest.mark.parametrize("radius", [4.0, 7.3, 11.0])
def test_contour_disk_smaller_than_pixels_and_disk(radius):
    pytest.importorskip("cv2")
    mask = oc.disk_mask((32, 32), (16.0, 16.0), radius)
    m = oc.contour_measurements(mask)
    # Pick's theorem holds for any lattice polygon: pixels = A + K/2 + 1
    assert m["pick_pixels"] == m["pixels"]
    assert m["cv2_area"] == pytest.approx(m["polygon_area"], abs=1e-9)
    # the pixel count approximates pi r^2 (centers-inside rasterization; within 4 %)
    true_area = math.pi * radius**2
    assert abs(m["pixels"] - true_area) / true_area < 0.04
    # the polygon through boundary centers lost about half the boundary: smaller than both
    assert m["polygon_area"] < true_area < m["pixels"] + 0.04 * true_area
    assert m["polygon_area"] < m["pixels"]
    # the loss is K/2 + 1 with K boundary pixels (one per step); a step has length 1 or sqrt 2,
    # so K <= perimeter <= sqrt(2) K
    assert m["boundary_points"] <= m["perimeter"] <= math.sqrt(2) * m["boundary_points"]


def test_find_contour_rejects():
    pytest.importorskip("cv2")
    two = np.zeros((6, 6), bool)
    two[0, 0] = two[4, 4] = True
    with pytest.raises(ValueError, match="mask must hold exactly one blob; got 2"):
        cvo.find_contour(two)
    one = np.zeros((6, 6), bool)
    one[2, 3] = True
    with pytest.raises(ValueError, match="at least 2 pixels across"):
        cvo.find_contour(one)
    with pytest.raises(ValueError, match="mask must be a non-empty 2D array"):
        cvo.find_contour(np.zeros(5))
    with pytest.raises(ValueError, match="mask must contain only 0 and 1"):
        cvo.find_contour(np.full((3, 3), 2))


# ---------------------------------------------------------------- warps and point sampling
RAMP = np.tile(np.arange(6, dtype=np.float32) * 10, (3, 1))  # value 10*col


def test_warp_affine_reads_matrix_in_centers():
    pytest.importorskip("cv2")
    scale2 = [[2, 0, 0], [0, 2, 0]]
    raw = cvo.warp_affine(RAMP, scale2, (12, 6))[0]
    # centers: output pixel i reads input coordinate i/2 = index i/2 -> value 5 i (clamped at 50)
    np.testing.assert_allclose(raw[:11], 5 * np.arange(11), atol=1e-5)


def test_warp_affine_conjugated_matches_resize():
    cv2 = pytest.importorskip("cv2")
    corners = cvo.warp_affine(RAMP, [[2, 0, 0], [0, 2, 0]], (12, 6), origin="corners")[0]
    # corners: output pixel i's center i + 1/2 reads input coord (i + 1/2)/2, index i/2 - 1/4:
    # value 5 i - 2.5, clamped to [0, 50]
    expected = np.clip(5 * np.arange(12) - 2.5, 0, 50)
    np.testing.assert_allclose(corners, expected, atol=1e-5)
    np.testing.assert_allclose(corners, cv2.resize(RAMP, (12, 6), interpolation=cv2.INTER_LINEAR)[0], atol=1e-5)


def test_warp_affine_translation_is_origin_free():
    pytest.importorskip("cv2")
    # a pure translation reads the same in both origins: shift by +1 column, value 10*(i-1)
    t = [[1, 0, 1], [0, 1, 0]]
    a = cvo.warp_affine(RAMP, t, (6, 3))
    b = cvo.warp_affine(RAMP, t, (6, 3), origin="corners")
    np.testing.assert_allclose(a, b, atol=1e-6)
    np.testing.assert_allclose(a[0], [0, 0, 10, 20, 30, 40], atol=1e-5)


@pytest.mark.parametrize("sampler", ["cv2_remap", "map_coordinates"])
def test_point_samplers_use_integer_centers(sampler):
    pytest.importorskip("cv2" if sampler == "cv2_remap" else "scipy")
    fn = cvo.remap if sampler == "cv2_remap" else scipy_ops.map_coordinates
    pts = [[2.0, 1.0], [2.5, 1.0], [2.25, 1.0]]
    # read in centers, x = 2 is pixel 2's center (20); 2.5 is halfway to pixel 3 (25); 2.25 -> 22.5
    np.testing.assert_allclose(fn(RAMP, pts, origin="centers"), [20, 25, 22.5], atol=1e-5)
    # the same numbers read in corners: 2.0 is the edge between pixels 1 and 2 (15),
    # 2.5 is pixel 2's center (20), 2.25 -> 17.5
    np.testing.assert_allclose(fn(RAMP, pts, origin="corners"), [15, 20, 17.5], atol=1e-5)


def test_samplers_reject_bad_points():
    pytest.importorskip("scipy")
    with pytest.raises(ValueError, match=r"points must have shape \(\.\.\., 2\)"):
        scipy_ops.map_coordinates(RAMP, [1, 2, 3])
    with pytest.raises(ValueError, match="image must have ndim"):
        scipy_ops.map_coordinates(np.zeros(3), [1, 2])


# ---------------------------------------------------------------- torchvision roi_align
def test_roi_align_box_on_one_pixel_returns_it():
    pytest.importorskip("torchvision")
    rng = np.random.default_rng(0)
    img = rng.normal(size=(5, 6)).astype(np.float32)
    for r, c in [(0, 0), (1, 2), (4, 5), (3, 1)]:
        # box [c, r, c+1, r+1] covers exactly pixel (r, c); its one sample sits at the
        # center (c + 1/2, r + 1/2), minus 1/2 -> index (c, r): the pixel itself
        out = torchvision_ops.roi_align_box(img, [c, r, c + 1, r + 1], aligned=True)
        assert out.shape == (1, 1)
        assert out[0, 0] == pytest.approx(img[r, c], abs=1e-5)


def test_roi_align_legacy_reads_half_pixel_off():
    pytest.importorskip("torchvision")
    rng = np.random.default_rng(1)
    img = rng.normal(size=(5, 6)).astype(np.float32)
    # aligned=False samples at (2.5, 1.5) as an index: the mean of pixels rows 1-2, cols 2-3
    out = torchvision_ops.roi_align_box(img, [2, 1, 3, 2], aligned=False)
    assert out[0, 0] == pytest.approx(img[1:3, 2:4].mean(), abs=1e-5)


def test_roi_align_linear_image_two_samples():
    pytest.importorskip("torchvision")
    img = np.arange(20, dtype=np.float32).reshape(4, 5)  # value 5 r + c, linear
    # sampling_ratio 2: samples at x = 2.25, 2.75 and y = 1.25, 1.75 (corners); bilinear is
    # exact on a linear image, so the mean is the value at the mean point:
    # aligned: index (2.0, 1.0) -> 7; legacy: index (2.5, 1.5) -> 10
    assert torchvision_ops.roi_align_box(img, [2, 1, 3, 2], sampling_ratio=2)[0, 0] == pytest.approx(7.0, abs=1e-5)
    legacy = torchvision_ops.roi_align_box(img, [2, 1, 3, 2], sampling_ratio=2, aligned=False)
    assert legacy[0, 0] == pytest.approx(10.0, abs=1e-5)


def test_roi_align_rejects():
    pytest.importorskip("torchvision")
    img = np.zeros((4, 4))
    with pytest.raises(ValueError, match=r"box must satisfy x0 <= x1"):
        torchvision_ops.roi_align_box(img, [3, 0, 1, 1])
    with pytest.raises(ValueError, match=r"box must have shape \(4,\)"):
        torchvision_ops.roi_align_box(img, [[0, 0, 1, 1], [0, 0, 2, 2]])
    # zero-area box is legal: every sample sits on the same point, here pixel (1, 1)'s corner
    out = torchvision_ops.roi_align_box(np.arange(16.0).reshape(4, 4), [1, 1, 1, 1])
    # corner (1, 1) -> index (0.5, 0.5): mean of pixels 0, 1, 4, 5 = 2.5
    assert out[0, 0] == pytest.approx(2.5, abs=1e-5)


# ---------------------------------------------------------------- rasterization
RECT = [2, 2, 6, 2, 6, 5, 2, 5]  # corners: covers pixels cols 2..5, rows 2..4 (12 pixels)


def test_coco_rasterizes_integer_corners():
    pytest.importorskip("pycocotools")
    m = pycocotools_ops.rasterize_polygon(RECT, (8, 8))
    expected = np.zeros((8, 8), bool)
    expected[2:5, 2:6] = True
    assert np.array_equal(m, expected)


def test_pil_is_half_a_pixel_fatter_on_integer_rectangle():
    pytest.importorskip("PIL")
    m = pillow_ops.rasterize_polygon(RECT, (8, 8))
    # read in integer centers, the rectangle spans corners [2.5, 6.5] x [2.5, 5.5]; half a pixel
    # more on every side is [2, 7] x [2, 6]: cols 2..6, rows 2..5 = 20 pixels (detectron2's
    # cityscapes correction: +0.5, then dilate by 0.5)
    expected = np.zeros((8, 8), bool)
    expected[2:6, 2:7] = True
    assert np.array_equal(m, expected)
    rect_plus = g.convert_polygon_origin(RECT, "centers", "corners")
    assert np.array_equal(m, masks.polygon_mask(rect_plus, (8, 8), dilate=0.5) > 0.5)


def test_pil_truncates_fractional_vertices():
    pytest.importorskip("PIL")
    rng = np.random.default_rng(3)
    for _ in range(10):
        p = rng.uniform(2, 30, size=(5, 2))
        floored = pillow_ops.rasterize_polygon(np.floor(p), (32, 32))
        assert np.array_equal(pillow_ops.rasterize_polygon(p, (32, 32)), floored)


def test_cv2_fillpoly_with_shift_keeps_subpixel_vertices():
    pytest.importorskip("cv2")
    # corners [2, 6] x [2, 5] -> centers [1.5, 5.5] x [1.5, 4.5]; fillPoly also draws the
    # boundary, and edges at x = 1.5 and 5.5 (centers) land on pixel columns round(1.5) = 2 and
    # round(5.5) = 6 (halves round up) -> cols 2..6, rows 2..5, the same 20 pixels as PIL
    m = cvo.rasterize_polygon(RECT, (8, 8))
    expected = np.zeros((8, 8), bool)
    expected[2:6, 2:7] = True
    assert np.array_equal(m, expected)


def test_rasterization_stats_by_hand():
    mask = np.zeros((8, 8), bool)
    mask[2:6, 2:7] = True
    s = oc.rasterization_stats(RECT, mask)
    # mask has 20 pixels; area 4*3 = 12; error 8; perimeter 14; fatness 8/14
    assert s["pixels"] == 20 and s["area"] == 12 and s["error"] == 8 and s["perimeter"] == 14
    assert s["fatness"] == pytest.approx(8 / 14)


def test_fatness_survey_orders_the_libraries():
    pytest.importorskip("pycocotools")
    pytest.importorskip("PIL")
    pytest.importorskip("cv2")
    fat = survey.fatness_survey(12, seed=0)
    coco, pil, cv = (fat[k][0] for k in ("pycocotools", "PIL.ImageDraw.polygon", "cv2.fillPoly"))
    # COCO's rasterization is unbiased (|fatness| < 0.05 px); PIL and fillPoly draw the boundary
    # pixels too: between a quarter and half a pixel fatter per edge
    assert abs(coco) < 0.05
    assert 0.2 < pil < 0.5
    assert 0.3 < cv < 0.6


def test_rasterizers_reject_bad_polygons():
    for fn in survey.RASTERIZERS.values():
        with pytest.raises(ValueError, match="polygon must have at least 3 vertices"):
            fn([0, 0, 1, 1], (4, 4))
        with pytest.raises(ValueError, match="polygon must contain only finite numbers"):
            fn([0, 0, 1, np.nan, 2, 2], (4, 4))
        with pytest.raises(TypeError, match=r"shape must be a pair \(H, W\)"):
            fn([0, 0, 1, 0, 1, 1], 4)
