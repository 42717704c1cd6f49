"""The origin drawings put pixels, polygons and points where their origin says."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import pixelviz as pv
from pixelviz.plot import origin as po


def test_draw_pixels_extent_per_origin():
    fig, ax = plt.subplots()
    im = po.draw_pixels(ax, np.zeros((2, 3)))
    assert tuple(im.get_extent()) == (0, 3, 2, 0)  # integer corners: [0, W] x [0, H]
    im2 = po.draw_pixels(ax, np.zeros((2, 3)), origin="centers")
    assert tuple(im2.get_extent()) == (-0.5, 2.5, 1.5, -0.5)  # centers: shifted by half a pixel
    plt.close(fig)


def test_plot_origins_labels_centers():
    fig = pv.plot.plot_origins(3, 2)
    corners, centers = fig.axes
    # first pixel's center: (0.5, 0.5) in corners, (0, 0) in centers; last (2.5, 1.5) vs (2, 1)
    assert corners.texts[0].get_text() == "(0.5, 0.5)" and corners.texts[-1].get_text() == "(2.5, 1.5)"
    assert centers.texts[0].get_text() == "(0, 0)" and centers.texts[-1].get_text() == "(2, 1)"
    assert len(corners.texts) == 6
    plt.close(fig)


def test_plot_origins_rejects():
    with pytest.raises(ValueError, match="width and height must be <= 8"):
        pv.plot.plot_origins(9, 2)
    with pytest.raises(ValueError, match="width must be >= 1"):
        pv.plot.plot_origins(0, 2)


def test_draw_polygon_converts_origin():
    fig, ax = plt.subplots()
    # OpenCV's index polygon (0,0),(2,0),(2,1) drawn as centers on corner axes lands on pixel centers
    line = po.draw_polygon(ax, [0, 0, 2, 0, 2, 1], source="centers")
    assert line.get_xdata().tolist() == [0.5, 2.5, 2.5, 0.5]
    assert line.get_ydata().tolist() == [0.5, 0.5, 1.5, 0.5]
    plt.close(fig)


def test_draw_points_converts_origin():
    fig, ax = plt.subplots()
    line = po.draw_points(ax, [[3, 4]], source="centers")
    assert (line.get_xdata()[0], line.get_ydata()[0]) == (3.5, 4.5)
    plt.close(fig)


def test_multi_panel_figures():
    mask = np.zeros((5, 6))
    mask[1:4, 1:5] = 1
    poly = [1, 1, 4, 1, 4, 3, 1, 3]
    fig = pv.plot.plot_polygon_on_pixels(mask, {"raw": (poly, "corners"), "+0.5": (poly, "centers")})
    assert len(fig.axes) == 2
    assert fig.axes[1].lines[-1].get_xdata()[0] == 1.5
    plt.close(fig)
    fig = pv.plot.plot_points_on_pixels(mask, {"a": ([2, 2], "corners"), "b": ([2, 2], "centers")})
    assert len(fig.axes) == 2
    plt.close(fig)
    fig = pv.plot.plot_rasterizations(poly, {"m": mask})
    assert fig.axes[0].get_title().endswith("12 pixels")
    plt.close(fig)


def test_multi_panel_rejects_empty():
    with pytest.raises(ValueError, match="polygons must name at least one polygon"):
        pv.plot.plot_polygon_on_pixels(np.zeros((2, 2)), {})
    with pytest.raises(ValueError, match="masks must name at least one mask"):
        pv.plot.plot_rasterizations([0, 0, 1, 0, 1, 1], {})
    with pytest.raises(ValueError, match="image must be a non-empty 2D array"):
        fig, ax = plt.subplots()
        po.draw_pixels(ax, np.zeros(3))
