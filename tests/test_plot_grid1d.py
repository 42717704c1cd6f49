"""The 1D grid drawing puts its dots where the convention says."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import pixelviz as pv


@pytest.mark.parametrize(
    "conv, expected",
    [
        ("①", [0, 1 / 3, 2 / 3, 1]),
        ("②", [1 / 8, 3 / 8, 5 / 8, 7 / 8]),
        ("③", [0, 1 / 4, 1 / 2, 3 / 4]),
    ],
)
def test_draw_grid_1d_places_dots(conv, expected):
    fig, ax = plt.subplots()
    artists = pv.plot.draw_grid_1d(ax, 4, conv)
    np.testing.assert_allclose(artists["samples"].get_xdata(), expected, atol=1e-12)
    assert len(artists["footprints"]) == 4
    # footprints are one stride wide, centered on the dots
    widths = [p.get_width() for p in artists["footprints"]]
    np.testing.assert_allclose(widths, np.diff(expected).mean())
    plt.close(fig)


def test_plot_grids_1d_one_row_per_convention():
    fig = pv.plot.plot_grids_1d(5)
    ax = fig.axes[0]
    rows = [line for line in ax.get_lines() if line.get_linestyle() == "None"]
    assert len(rows) == 3
    plt.close(fig)


def test_plot_grids_1d_rejects_bad_input():
    with pytest.raises(ValueError, match="conventions must name at least one"):
        pv.plot.plot_grids_1d(4, [])
    with pytest.raises(ValueError, match="n must be >= 2 under align_corners"):
        pv.plot.plot_grids_1d(1)
