"""pixelviz.plot grid2d and resize overlays: positions checked against the definitions."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from pixelviz.plot import (
    draw_resize_1d,
    grid_points_2d,
    plot_grid_2d,
    plot_resize_2d,
    plot_resize_versions_1d,
    show_image,
)


def teardown_function():
    plt.close("all")


def test_grid_points_2d_half_pixel_centers():
    # ② on a 2x3 image: centers at c + 1/2 and r + 1/2.
    ys, xs = grid_points_2d(2, 3, "half_pixel")
    np.testing.assert_allclose(xs, [0.5, 1.5, 2.5])
    np.testing.assert_allclose(ys, [0.5, 1.5])


def test_grid_points_2d_align_corners_on_extent():
    # ① with 3 samples over [0, 3]: 0, 1.5, 3.
    ys, xs = grid_points_2d(3, 3, "①", extent=(3.0, 3.0))
    np.testing.assert_allclose(xs, [0, 1.5, 3])


def test_show_image_uses_integer_corners():
    fig, ax = plt.subplots()
    im = show_image(ax, np.zeros((4, 6)))
    assert tuple(im.get_extent()) == (0, 6, 4, 0)  # pixel (r, c) fills [c, c+1) x [r, r+1)


def test_plot_grid_2d_draws_every_sample():
    fig = plot_grid_2d(3, 5, "asymmetric")
    line = fig.axes[0].lines[0]
    assert len(line.get_xdata()) == 15
    np.testing.assert_allclose(sorted(set(line.get_xdata())), [0, 1, 2, 3, 4])  # ③: left edges


def test_draw_resize_1d_marks_extrapolating_outputs():
    # ② 4 -> 8 in units of input pixels: outputs at 0.25, ..., 3.75; inputs at 0.5 .. 3.5 -> first and last outside.
    fig, ax = plt.subplots()
    art = draw_resize_1d(ax, 4, 8, "half_pixel")
    assert art["outside"].tolist() == [0, 7]
    np.testing.assert_allclose(art["outputs"].get_xdata(), np.arange(8) * 0.5 + 0.25)
    # ① 4 -> 7 never leaves the input grid
    assert draw_resize_1d(ax, 4, 7, "align_corners")["outside"].tolist() == []


def test_draw_resize_1d_read_lines_join_output_to_inputs():
    # ① 3 -> 5 linear: output 1 sits at x = 0.75 (L = 3), reads inputs 0 and 1 (at 0 and 1.5) with weight 1/2 each.
    fig, ax = plt.subplots()
    art = draw_resize_1d(ax, 3, 5, "align_corners", reads=[1])
    ends = sorted(tuple(np.round(ln.get_xdata(), 6)) for ln in art["reads"])
    assert ends == [(0.75, 0.0), (0.75, 1.5)]


def test_plot_resize_versions_and_2d_build():
    fig = plot_resize_versions_1d(4)
    assert len(fig.axes) == 1
    fig = plot_resize_2d((3, 3), (6, 6), "half_pixel", reads=[(0, 0)])
    # output (0, 0) under ② sits at (0.25, 0.25) and reads input (0, 0) only (clamped): one line.
    reads = [ln for ln in fig.axes[0].lines if ln.get_linestyle() == "-"]
    assert len(reads) == 1
    np.testing.assert_allclose(reads[0].get_xdata(), [0.25, 0.5])


def test_plot_grid_2d_rejects_bad_convention():
    with pytest.raises(ValueError, match="convention must be one of"):
        plot_grid_2d(3, 3, "pytorch_half_pixel")
    with pytest.raises(ValueError, match="n_in must be >= 1"):
        draw_resize_1d(plt.subplots()[1], 0, 3, "half_pixel")
