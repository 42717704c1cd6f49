"""plot_probe: measured coordinates drawn against the ① ② ③ lines."""

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.plot.probe import plot_probe


def test_plot_probe_points_sit_on_the_grid_line_of_the_op():
    res = pv.probe_resize(lambda x, m: pv.resize(x, m, "linear", "asymmetric"))
    fig = plot_probe(res, pairs=[(36, 24)])
    ax = fig.axes[0]
    pts = [ln for ln in ax.lines if ln.get_label() == "measured"][0]
    # ③ 36 -> 24 reads 1.5 i, ② reads 1.5 i + 0.25: every point at -0.25.
    np.testing.assert_allclose(pts.get_ydata(), -0.25, atol=1e-9)


def test_plot_probe_rejects_unmeasured_pair():
    res = pv.probe_resize(lambda x, m: pv.resize(x, m, "linear", "half_pixel"))
    with pytest.raises(ValueError, match=r"pairs must be among the measured pairs .*got \(5, 7\)"):
        plot_probe(res, pairs=[(5, 7)])


def test_plot_probes_one_row_per_result():
    from pixelviz.plot.probe import plot_probes

    res = pv.probe_resize(lambda x, m: pv.resize(x, m, "linear", "align_corners"))
    fig = plot_probes([("a", res), ("b", res)])
    assert len(fig.axes) == 4
    with pytest.raises(ValueError, match="rows must hold at least one"):
        plot_probes([])
