"""Polygon rasterization, mask IoU and the flip → resize → crop pipeline (pixelviz.masks)."""

import numpy as np
import pytest

from pixelviz import boxes as B
from pixelviz import masks as Mk


def test_coordinate_flip_of_polygon_matches_flipping_its_mask():
    poly = np.array([[1.2, 0.7], [9.3, 2.1], [6.6, 8.4], [2.1, 6.2]])
    mask = Mk.polygon_mask(poly, (10, 12))
    # the mask is a set of pixel indices: flipping it is fliplr (index flip)
    np.testing.assert_array_equal(Mk.polygon_mask(B.flip_polygon(poly, 12), (10, 12)), mask[:, ::-1])
    # Detectron's W-1-x on coordinates gives the same mask shifted one pixel left
    wrong = Mk.polygon_mask(B.flip_polygon(poly, 12, kind="indices"), (10, 12))
    np.testing.assert_array_equal(wrong[:, :-1], mask[:, ::-1][:, 1:])


# ---------------------------------------------------------------- rasterization
def test_polygon_mask_hand_example():
    # rectangle x in [1, 3], y in [1, 2]: centers (1.5, 1.5) and (2.5, 1.5) are inside
    m = Mk.polygon_mask([[1, 1], [3, 1], [3, 2], [1, 2]], (3, 4))
    expected = np.zeros((3, 4))
    expected[1, 1:3] = 1
    np.testing.assert_array_equal(m, expected)


def test_polygon_mask_supersampled_area_approaches_exact_area():
    # right triangle with legs 6.2 and 5.7: area 6.2 * 5.7 / 2 = 17.67; point counting converges
    # with the number of points per pixel: require < 0.5 % of the area at 64 x 64 points
    m = Mk.polygon_mask([[0.1, 0.2], [6.3, 0.2], [0.1, 5.9]], (8, 8), supersample=64)
    assert abs(m.sum() - 17.67) < 0.005 * 17.67


def test_polygon_mask_close_to_pycocotools():
    mask_utils = pytest.importorskip("pycocotools.mask")
    poly = np.array([[3.3, 2.2], [40.7, 5.1], [30.2, 35.6], [8.4, 28.9]])
    rle = mask_utils.frPyObjects([poly.ravel().tolist()], 40, 48)
    coco = mask_utils.decode(mask_utils.merge(rle)).astype(bool)
    ours = Mk.polygon_mask(poly, (40, 48)).astype(bool)
    iou = (coco & ours).sum() / (coco | ours).sum()
    assert iou > 0.97  # both rasterize the same polygon; they may differ on edge pixels only


def test_polygon_mask_rejects_bad_input():
    with pytest.raises(ValueError, match="polygon must have at least 3 vertices"):
        Mk.polygon_mask([[0, 0], [1, 1]], (3, 3))
    with pytest.raises(TypeError, match=r"shape must be a pair \(H, W\)"):
        Mk.polygon_mask([[0, 0], [1, 1], [0, 1]], 3)
    with pytest.raises(ValueError, match="supersample must be >= 1"):
        Mk.polygon_mask([[0, 0], [1, 1], [0, 1]], (3, 3), supersample=0)


# ---------------------------------------------------------------- polygon vs mask pipeline
def test_mask_iou_hand_example():
    # intersection 1 + 0.5 = 1.5; union 2 + 1.5 - 1.5 = 2 -> 0.75
    assert Mk.mask_iou([[1, 1, 0]], [[1, 0.5, 0]]) == 0.75
    with pytest.raises(ValueError, match=r"reference must have the mask's shape \(1, 3\)"):
        Mk.mask_iou([[1, 1, 0]], [[1, 0]])


def test_pipeline_without_resize_is_lossless_both_ways():
    # scale 1 and an integer crop: flipping a mask (fliplr) equals rasterizing the coordinate-flipped
    # polygon (pixel centers are symmetric), so both pipelines give the same mask. (Vertices chosen so
    # that no edge passes exactly through a pixel center, where "inside" is a tie broken one way.)
    poly = np.array([[3.31, 2.23], [20.71, 5.13], [15.17, 18.61], [4.43, 14.93]])
    out = Mk.polygon_vs_mask_pipeline(poly, (24, 26), scale=1.0, crop=(2, 1, 20, 20))
    np.testing.assert_array_equal(out["mask first"], out["polygon first"])


def test_pipeline_polygon_first_is_closer_to_exact_after_resize():
    poly = np.array([[3.3, 2.2], [20.7, 5.1], [15.2, 18.6], [4.4, 14.9]])
    out = Mk.polygon_vs_mask_pipeline(poly, (24, 26), scale=1.5, crop=(3, 2, 30, 28))
    assert Mk.mask_iou(out["polygon first"], out["exact"]) > Mk.mask_iou(out["mask first"], out["exact"])


def test_polygon_mask_rectangle_and_triangle():
    m = Mk.polygon_mask([1, 1, 3, 1, 3, 2, 1, 2], (4, 4)) > 0.5
    assert np.argwhere(m).tolist() == [[1, 1], [1, 2]]
    # triangle (0,0), (4,0), (0,4): center (c+1/2, r+1/2) inside when c + r + 1 < 4 -> c + r <= 2: 6 pixels
    t = Mk.polygon_mask([0, 0, 4, 0, 0, 4], (4, 4)) > 0.5
    assert t.sum() == 6 and t[0, 2] and not t[1, 2]


def test_polygon_mask_dilate():
    # square [2, 4]^2 grown by 0.5: centers 1.5..4.5 -> pixels 1..4 in each axis
    # (center 1.5 is exactly 0.5 from the edge: included)
    m = Mk.polygon_mask([2, 2, 4, 2, 4, 4, 2, 4], (6, 6), dilate=0.5) > 0.5
    assert np.argwhere(m.any(axis=0)).ravel().tolist() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="dilate must be >= 0"):
        Mk.polygon_mask([0, 0, 1, 0, 1, 1], (2, 2), dilate=-1)
