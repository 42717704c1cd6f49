"""Anchors: Detectron's integer anchors vs Detectron2's float anchors, derived by hand."""

import numpy as np
import pytest

from pixelviz import anchors as A


def test_detectron_anchors_hand_example_stride16_size32():
    # Detectron's algorithm by hand: base box [0,0,15,15] (inclusive), w = h = 16, center 7.5, area 256.
    # ratio 0.5: w = round(sqrt(256/0.5)) = round(22.63) = 23, h = round(23*0.5) = round(11.5) = 12 (half to even)
    #            scale 32/16 = 2 -> 46 x 24 around 7.5: x 7.5 -/+ 22.5 = -15, 30; y 7.5 -/+ 11.5 = -4, 19
    # ratio 1:   16 x 16 -> 32 x 32: 7.5 -/+ 15.5 = -8, 23
    # ratio 2:   w = round(sqrt(128)) = round(11.31) = 11, h = 22 -> 22 x 44: x -3, 18; y -14, 29
    expected = [[-15, -4, 30, 19], [-8, -8, 23, 23], [-3, -14, 18, 29]]
    anchors = A.detectron_cell_anchors(16, [32], [0.5, 1, 2])
    np.testing.assert_array_equal(anchors, expected)
    # inclusive areas: 46*24 = 1104, 32*32 = 1024, 22*44 = 968
    np.testing.assert_array_equal(A.anchor_areas(anchors, inclusive=True), [1104, 1024, 968])
    # every anchor is centered on the base cell's center (15/2 = 7.5)
    np.testing.assert_array_equal((anchors[:, 0] + anchors[:, 2]) / 2, 7.5)


def test_detectron_anchor_order_is_ratio_major():
    a = A.detectron_cell_anchors(16, [32, 64], [1])
    # ratio 1 at size 64: 64 x 64 around 7.5 -> 7.5 -/+ 31.5 = -24, 39
    np.testing.assert_array_equal(a, [[-8, -8, 23, 23], [-24, -24, 39, 39]])


def test_detectron2_anchors_have_exact_area_and_ratio():
    a = A.detectron2_cell_anchors([32, 64], [0.5, 1, 2])
    # w = sqrt(size^2 / ratio), h = ratio * w  ->  w*h = size^2 exactly, h/w = ratio
    np.testing.assert_allclose(A.anchor_areas(a), [1024] * 3 + [4096] * 3)
    w, h = a[:, 2] - a[:, 0], a[:, 3] - a[:, 1]
    np.testing.assert_allclose(h / w, [0.5, 1, 2] * 2)
    np.testing.assert_allclose(a[:, :2] + a[:, 2:], 0)  # centered at 0
    # size 32, ratio 0.5: w = sqrt(2048) = 45.2548..., h = 22.6274...
    np.testing.assert_allclose(a[0], [-np.sqrt(2048) / 2, -np.sqrt(512) / 2, np.sqrt(2048) / 2, np.sqrt(512) / 2])


def test_grid_anchors_shift_by_stride():
    cell = A.detectron2_cell_anchors([32], [1])
    g = A.grid_anchors(cell, 16, (2, 3))
    assert g.shape == (6, 4)
    # cell (row 1, col 2) is the last one: shift (2*16, 1*16)
    np.testing.assert_allclose(g[-1], cell[0] + [32, 16, 32, 16])
    np.testing.assert_allclose(A.grid_anchors(cell, 16, (1, 1), offset=0.5)[0], cell[0] + 8)


def test_anchors_reject_bad_input():
    with pytest.raises(ValueError, match="sizes must be a non-empty list of positive numbers"):
        A.detectron2_cell_anchors([], [1])
    with pytest.raises(ValueError, match="aspect_ratios must be a non-empty list of positive numbers"):
        A.detectron_cell_anchors(16, [32], [0, 1])
    with pytest.raises(ValueError, match="stride must be >= 1"):
        A.detectron_cell_anchors(0, [32], [1])
    with pytest.raises(ValueError, match=r"anchors must have shape \(\.\.\., 4\)"):
        A.anchor_areas([[0, 0, 1]])
