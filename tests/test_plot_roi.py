"""RoIAlign drawing: the points it draws are the ones RoIAlign reads."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from pixelviz.plot import draw_roi_align, plot_roi_align


def test_draw_roi_align_aligned_reads_where_it_samples():
    fig, ax = plt.subplots()
    # box [1, 1, 3, 3], K = 2, s = 1: samples at bin centers 1.5 and 2.5 (integer corners)
    art = draw_roi_align(ax, (5, 5), [1, 1, 3, 3], 2, aligned=True)
    np.testing.assert_allclose(sorted(map(tuple, art["intended"])), [(1.5, 1.5), (1.5, 2.5), (2.5, 1.5), (2.5, 2.5)])
    np.testing.assert_allclose(art["read"], art["intended"])
    # (1.5, 1.5) is pixel (1, 1)'s center: one neighbour carries all the weight
    assert max(w for _, _, w in art["neighbors"]) == 1.0
    plt.close(fig)


def test_draw_roi_align_legacy_reads_half_a_pixel_off():
    fig, ax = plt.subplots()
    art = draw_roi_align(ax, (5, 5), [1, 1, 3, 3], 2, aligned=False)
    # legacy reads index 1.5 = the corner coordinate 2.0: shifted by +1/2 on both axes
    np.testing.assert_allclose(art["read"] - art["intended"], 0.5)
    # ... halfway between four pixel centers: four weights of 1/4
    assert sorted(w for _, _, w in art["neighbors"]) == [0.25] * 4
    plt.close(fig)


def test_plot_roi_align_has_two_panels():
    fig = plot_roi_align()
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["aligned=True", "aligned=False (legacy)"]
    plt.close(fig)


def test_plot_masks_counts_errors_in_titles():
    from pixelviz.plot import plot_masks

    truth = np.zeros((4, 4), dtype=bool)
    truth[1:3, 1:3] = True
    wrong = truth.copy()
    wrong[1, 1] = False  # one missing
    wrong[0, 0] = True  # one extra
    fig = plot_masks({"a": truth, "b": wrong}, truth=truth, polygon=[[1, 1], [3, 1], [3, 3]], box=[1, 1, 3, 3])
    assert [ax.get_title() for ax in fig.axes] == ["a\n0 missing, 0 extra px", "b\n1 missing, 1 extra px"]
    plt.close(fig)
