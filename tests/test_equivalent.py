"""equivalent_ops, library_outputs and the equivalence matrix: which installed ops give the same pixels.

Expectations come from the libraries' documented behaviour (OpenCV's INTER_LINEAR is PyTorch's bilinear
with align_corners=False; Pillow's BILINEAR filters like torch's antialias=True) or by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

import pixelviz as pv
from pixelviz import reproduce
from pixelviz.reproduce import (
    ALL_PAIRS,
    all_outputs,
    equivalence_matrix,
    equivalent_ops,
    library_outputs,
    shared_signals,
)


def _needs(*names):
    for n in names:
        if not pv.backends.get_backend(n).available():
            pytest.skip(f"{n} not installed")


def _by_name(result):
    return {e.name: e for e in result}


def test_equivalent_ops_of_cv2_linear_wrapper():
    cv2 = pytest.importorskip("cv2")
    _needs("torch.interpolate.linear", "opencv.resize.linear")

    def mine(x, size):
        return cv2.resize(np.asarray(x, np.float32)[None, :], (size, 1), interpolation=cv2.INTER_LINEAR)[0]

    eq = _by_name(equivalent_ops(mine, skip_isolated=True))
    assert eq["opencv.resize.linear"].kind == "identical"
    assert eq["torch.interpolate.linear"].kind in ("identical", "float32")
    # align_corners=True is another grid: different, and not only at the border
    assert eq["torch.interpolate.linear_ac"].kind == "different"
    assert eq["torch.interpolate.linear_ac"].difference.where != "nowhere"


def test_equivalent_ops_sorted_and_noise_matches_nothing():
    rng = np.random.default_rng(0)
    result = equivalent_ops(lambda x, size: rng.random(size), skip_isolated=True)
    errors = [e.max_error for e in result]
    assert errors == sorted(errors)
    assert all(e.kind == "different" for e in result)


def test_equivalent_ops_where_pillow_and_torch_antialias_differ_only_when_downsampling():
    # Pillow's BILINEAR filters when shrinking; torch's plain bilinear does not: they agree when enlarging.
    _needs("pillow.resize.bilinear", "torch.interpolate.linear")
    eq = _by_name(equivalent_ops(pv.backends.get_backend("pillow.resize.bilinear"), skip_isolated=True))
    d = eq["torch.interpolate.linear"].difference
    assert d.kind == "different" and d.where == "downsampling only"
    assert eq["torch.interpolate.bilinear_aa"].kind in ("identical", "float32")


def test_library_outputs_in_a_subprocess_equal_in_process():
    _needs("scipy.zoom.linear")
    inputs = [shared_signals(n) for n, _ in ALL_PAIRS[:5]]
    here = library_outputs("scipy", inputs, ALL_PAIRS[:5], isolate=False)
    there = library_outputs("scipy", inputs, ALL_PAIRS[:5], isolate=True)
    assert set(here) == set(there)
    for name in here:
        for a, b in zip(here[name], there[name]):
            np.testing.assert_array_equal(a, b)


def test_library_outputs_hand_example_and_errors():
    _needs("scipy.zoom.linear")
    # zoom(order=1, grid_mode=False) is align_corners linear: 3 -> 5 reads 0, 0.5, 1, 1.5, 2
    out = library_outputs("scipy", [np.array([[0.0, 2.0, 4.0]])], [(3, 5)])
    np.testing.assert_allclose(out["scipy.zoom.linear"][0], [[0.0, 1.0, 2.0, 3.0, 4.0]], atol=1e-12)
    with pytest.raises(ValueError, match="library"):
        library_outputs("scipyy", [np.zeros((1, 3))], [(3, 5)])
    with pytest.raises(ValueError, match="inputs"):
        library_outputs("scipy", [np.zeros((1, 4))], [(3, 5)])
    with pytest.raises(ValueError, match="inputs must hold one array per size pair"):
        library_outputs("scipy", [], [(3, 5)])


def test_library_outputs_of_a_missing_library_is_empty():
    b = pv.backends.list_backends("tensorflow")[0]
    if b.available():
        pytest.skip("tensorflow is installed here")
    assert library_outputs("tensorflow", [np.zeros((1, 3))], [(3, 5)]) == {}
    _, status = all_outputs(skip_isolated=True)
    assert status[b.name] == "not installed"


def test_equivalence_matrix_hand_example():
    z = [np.zeros((1, 4))]
    out = {"a": z, "b": [np.full((1, 4), 5e-7)], "c": [np.full((1, 4), 2e-4)], "d": [np.ones((1, 4))]}
    m = equivalence_matrix(out, pairs=[(2, 4)])
    # a-b identical; b-c 1.995e-4 and a-c 2e-4 both "different" => c alone
    assert m.groups == (("a", "b"),)
    assert m.errors[0, 3] == 1.0 and m.errors[3, 0] == 1.0 and m.errors[1, 1] == 0.0
    assert m.group_diameter(("a", "b")) == pytest.approx(5e-7)
    with pytest.raises(ValueError, match="order"):
        equivalence_matrix(out, order=["a", "zz"], pairs=[(2, 4)])


def test_equivalence_matrix_of_installed_ops_groups_known_twins():
    _needs("opencv.resize.linear", "torch.interpolate.linear", "opencv.resize.nearest", "torch.interpolate.nearest")
    outputs, _ = all_outputs(skip_isolated=True)
    m = equivalence_matrix(outputs)
    group_of = {n: g for g in m.groups for n in g}
    assert group_of["opencv.resize.linear"] is group_of["torch.interpolate.linear"]
    assert group_of["opencv.resize.nearest"] is group_of["torch.interpolate.nearest"]
    assert "torch.interpolate.linear_ac" not in group_of["opencv.resize.linear"]
    np.testing.assert_array_equal(m.errors, m.errors.T)


def test_order_by_convention_puts_grids_in_article_order_and_keeps_groups_together():
    def lin(conv):
        return pv.probe_resize(lambda x, m: pv.resize(x, m, convention=conv))

    ac, hp, asym = lin("align_corners"), lin("half_pixel"), lin("asymmetric")
    probes = {"h1": hp, "a3": asym, "h2": hp, "a1": ac, "none": None}
    assert reproduce.order_by_convention(probes) == ["a1", "h1", "h2", "a3", "none"]
    # a group joining "a3" and "h1" pulls "a3" up next to "h1"
    assert reproduce.order_by_convention(probes, [["h1", "a3"]]) == ["a1", "h1", "a3", "h2", "none"]


def test_porting_and_groups_tables_name_the_twin_in_each_library():
    _needs("opencv.resize.linear", "torch.interpolate.linear", "pillow.resize.bilinear")
    outputs, _ = all_outputs(skip_isolated=True)
    m = equivalence_matrix(outputs)
    table = reproduce.porting_table(m, {}, ["opencv.resize.linear"])
    row = dict(zip(table.headers, table.rows[0]))
    assert row["op"] == "cv2.resize INTER_LINEAR" and row["OpenCV"] == "(itself)"
    assert row["PyTorch"].startswith("F.interpolate linear, align_corners=False")
    assert row["Pillow"].startswith("none")  # Pillow filters when it shrinks
    groups = reproduce.groups_table(m, {})
    assert any("cv2.resize INTER_LINEAR" in r[2] and "F.interpolate linear" in r[2] for r in groups.rows)


def test_plot_equivalence_matrix_cells_on_integer_corners():
    import matplotlib

    matplotlib.use("Agg")
    errors = np.array([[0.0, 5e-5, 0.5], [5e-5, 0.0, np.nan], [0.5, np.nan, 0.0]])
    fig = pv.plot.plot_equivalence_matrix(errors, ["a", "b", "c"])
    im = fig.axes[0].images[0]
    assert tuple(im.get_extent()) == (0, 3, 3, 0)
    # the identical, float32 and "> 0.1" classes get three different colours; NaN is masked
    rgba = im.to_rgba(im.get_array())
    assert len({tuple(rgba[0, 0]), tuple(rgba[0, 1]), tuple(rgba[0, 2])}) == 3
    assert np.ma.is_masked(im.get_array()[1, 2])
    with pytest.raises(ValueError, match="errors"):
        pv.plot.plot_equivalence_matrix(np.zeros((2, 3)), ["a", "b"])
    with pytest.raises(TypeError, match="labels"):
        pv.plot.plot_equivalence_matrix(np.zeros((2, 2)), ["a"])


def test_equivalence_matrix_bands_label_runs_of_three_or_more():
    errors = np.zeros((5, 5))
    bands = ["② half_pixel"] * 3 + ["③ asymmetric nearest"] * 2
    fig = pv.plot.plot_equivalence_matrix(errors, list("abcde"), bands=bands)
    ax = fig.axes[0]
    # one label, at the middle of rows 0..3 (integer corners: rows cover [i, i+1)); the 2-row band unlabelled
    assert [t.get_text() for t in ax.get_yticklabels()] == ["② half_pixel"]
    assert list(ax.get_yticks()) == [1.5]
    assert list(ax.get_xticks()) == []
    with pytest.raises(TypeError, match="bands must be a list of 5 str"):
        pv.plot.plot_equivalence_matrix(errors, list("abcde"), bands=["x"])


def test_convention_bands_name_the_measured_grid():
    from pixelviz import reproduce

    hp = pv.probe_resize(lambda x, m: pv.resize(x, m))
    ac = pv.probe_resize(lambda x, m: pv.resize(x, m, convention="align_corners"))
    nn = pv.probe_resize(lambda x, m: pv.resize(x, m, "nearest", "asymmetric"))
    bands = reproduce.convention_bands({"hp": hp, "ac": ac, "nn": nn, "x": None}, ["ac", "hp", "nn", "x"])
    assert bands == ["① align_corners", "② half_pixel", "③ asymmetric nearest", "not measured"]
    with pytest.raises(ValueError, match="not there"):
        reproduce.convention_bands({"hp": hp}, ["zz"])


def test_porting_summary_prints_each_group_of_sources_once():
    from pixelviz import reproduce

    a, b, c = "opencv.resize.linear", "torch.interpolate.linear", "opencv.resize.nearest"
    errors = np.array([[0.0, 1e-6, 0.5], [1e-6, 0.0, 0.5], [0.5, 0.5, 0.0]])
    matrix = reproduce.EquivalenceMatrix((a, b, c), errors, ((a, b),))
    table = reproduce.porting_summary(matrix, {}, [a, b, c])
    # a and b give the same pixels (1e-6 <= 1e-4): one row naming both; c alone, with no twin
    assert len(table.rows) == 2
    assert table.rows[0][0].count(";") == 1 and table.rows[0][1] == "none"
    assert table.rows[1][1] == "none"
