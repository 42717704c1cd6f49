"""Grid conventions and coordinate maps; every expectation derived by hand in a comment."""

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.conventions import Convention, NearestRounding


# ---------------------------------------------------------------- parsing
@pytest.mark.parametrize(
    "spelling, expected",
    [
        ("half_pixel", Convention.HALF_PIXEL),
        ("half-pixel", Convention.HALF_PIXEL),
        ("②", Convention.HALF_PIXEL),
        (2, Convention.HALF_PIXEL),
        ("Half Pixel", Convention.HALF_PIXEL),
        ("align_corners", Convention.ALIGN_CORNERS),
        ("①", Convention.ALIGN_CORNERS),
        (1, Convention.ALIGN_CORNERS),
        ("asymmetric", Convention.ASYMMETRIC),
        ("③", Convention.ASYMMETRIC),
        ("pytorch_half_pixel", Convention.PYTORCH_HALF_PIXEL),
        ("tf_crop_and_resize", Convention.TF_CROP_AND_RESIZE),
        ("half_pixel_symmetric", Convention.HALF_PIXEL_SYMMETRIC),
        (Convention.ASYMMETRIC, Convention.ASYMMETRIC),
    ],
)
def test_parse_convention_accepts_spellings(spelling, expected):
    assert pv.parse_convention(spelling) is expected


def test_parse_convention_rejects_unknown_with_hint():
    with pytest.raises(ValueError, match=r"convention must be one of .*did you mean 'half_pixel'"):
        pv.parse_convention("half_pixl")


@pytest.mark.parametrize("bad", [None, 2.0, True, ["half_pixel"]])
def test_parse_convention_rejects_wrong_type(bad):
    with pytest.raises(TypeError, match="convention must be"):
        pv.parse_convention(bad)


def test_parse_convention_rejects_number_out_of_range():
    with pytest.raises(ValueError, match="1, 2 or 3"):
        pv.parse_convention(4)


def test_sample_positions_rejects_non_grid_convention():
    with pytest.raises(ValueError, match="here; got 'pytorch_half_pixel'"):
        pv.sample_positions(4, "pytorch_half_pixel")


def test_convention_symbols_and_str():
    assert [c.symbol for c in pv.GRID_CONVENTIONS] == ["①", "②", "③"]
    assert f"{Convention.HALF_PIXEL}" == "half_pixel"
    assert len(pv.RESIZE_CONVENTIONS) == 6  # ONNX opset 19 lists six modes


# ---------------------------------------------------------------- sample_positions
def test_sample_positions_hand_example_n4_L1():
    # ①: stride 1/3 from 0 -> 0, 1/3, 2/3, 1
    np.testing.assert_allclose(pv.sample_positions(4, "①"), [0, 1 / 3, 2 / 3, 1], atol=1e-15)
    # ②: cell centers of 4 cells of width 1/4 -> 1/8, 3/8, 5/8, 7/8
    np.testing.assert_allclose(pv.sample_positions(4, "②"), [0.125, 0.375, 0.625, 0.875], atol=1e-15)
    # ③: cell left edges -> 0, 1/4, 1/2, 3/4
    np.testing.assert_allclose(pv.sample_positions(4, "③"), [0, 0.25, 0.5, 0.75], atol=1e-15)


def test_sample_positions_scale_with_length():
    # L = 10, n = 5 under ②: stride 2, offset 1 -> 1, 3, 5, 7, 9
    np.testing.assert_allclose(pv.sample_positions(5, "half_pixel", length=10), [1, 3, 5, 7, 9])


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_sample_positions_half_pixel_symmetric_about_middle(n):
    # ② is symmetric: x_k + x_{n-1-k} = L for every k
    xs = pv.sample_positions(n, "half_pixel", length=3.0)
    np.testing.assert_allclose(xs + xs[::-1], 3.0)


def test_sample_positions_asymmetric_is_not_symmetric():
    xs = pv.sample_positions(4, "asymmetric")
    assert not np.allclose(xs + xs[::-1], 1.0)  # 0 + 3/4 != 1


def test_sample_positions_single_sample():
    assert pv.sample_positions(1, "half_pixel").tolist() == [0.5]  # center of the only cell
    assert pv.sample_positions(1, "asymmetric").tolist() == [0.0]
    with pytest.raises(ValueError, match=r"n must be >= 2 under align_corners"):
        pv.sample_positions(1, "align_corners")


@pytest.mark.parametrize(
    "n, exc, msg",
    [
        (0, ValueError, "n must be >= 1"),
        (-3, ValueError, "n must be >= 1"),
        (2.5, TypeError, "n must be an int"),
        (4.0, TypeError, r"use int\(4.0\)"),
        (float("nan"), TypeError, "n must be an int"),
        ("4", TypeError, "n must be an int"),
        (True, TypeError, "n must be an int"),
    ],
)
def test_sample_positions_rejects_bad_n(n, exc, msg):
    with pytest.raises(exc, match=msg):
        pv.sample_positions(n, "half_pixel")


@pytest.mark.parametrize(
    "length, exc",
    [(0, ValueError), (-1, ValueError), (float("nan"), ValueError), (float("inf"), ValueError), ("1", TypeError)],
)
def test_sample_positions_rejects_bad_length(length, exc):
    with pytest.raises(exc, match="length must be"):
        pv.sample_positions(4, "half_pixel", length=length)


def test_sample_positions_accepts_numpy_int():
    assert pv.sample_positions(np.int64(2), "③").tolist() == [0.0, 0.5]


# ---------------------------------------------------------------- source_coords
def test_source_coords_half_pixel_hand_example():
    # N=4 -> M=8, s=2: x = (i + .5)/2 - .5 -> -0.25, 0.25, 0.75, ..., 3.25
    np.testing.assert_allclose(pv.source_coords(4, 8, "half_pixel"), np.arange(8) * 0.5 - 0.25)


def test_source_coords_align_corners_hand_example():
    # N=3 -> M=5: x = i * 2/4
    np.testing.assert_allclose(pv.source_coords(3, 5, "align_corners"), [0, 0.5, 1, 1.5, 2])


def test_source_coords_asymmetric_hand_example():
    # N=5 -> M=2: x = i * 5/2
    np.testing.assert_allclose(pv.source_coords(5, 2, "asymmetric"), [0, 2.5])


def test_source_coords_downsample_half_pixel_reads_between_pairs():
    # N=4 -> M=2 under ②: output 0 covers input cells 0,1 -> reads x = 0.5; output 1 -> 2.5
    np.testing.assert_allclose(pv.source_coords(4, 2, "②"), [0.5, 2.5])


def test_source_coords_agree_with_sample_positions():
    # Output sample i sits at the same point of the signal as input coordinate x:
    # input sample j is at sample_positions(N)[j]; the map between grids is affine.
    for conv in ("①", "②", "③"):
        N, M = 5, 8
        xin, xout = pv.sample_positions(N, conv), pv.sample_positions(M, conv)
        stride, offset = xin[1] - xin[0], xin[0]
        np.testing.assert_allclose(pv.source_coords(N, M, conv), (xout - offset) / stride, atol=1e-12)


def test_source_coords_size_one_outputs():
    # ① and pytorch_half_pixel read x = 0 for a single output (PyTorch / ONNX Runtime do so);
    # ② reads the middle of the input: (0 + .5) * N - .5 = 2 for N = 5
    assert pv.source_coords(5, 1, "align_corners").tolist() == [0.0]
    assert pv.source_coords(5, 1, "pytorch_half_pixel").tolist() == [0.0]
    assert pv.source_coords(5, 1, "half_pixel").tolist() == [2.0]


def test_source_coords_pytorch_half_pixel_equals_half_pixel_for_longer_outputs():
    np.testing.assert_array_equal(pv.source_coords(7, 3, "pytorch_half_pixel"), pv.source_coords(7, 3, "half_pixel"))


def test_source_coords_explicit_scale():
    # PyTorch scale_factor=2.5 on N=3 gives M=7; ③ then reads x = i / 2.5 (not i * 3/7)
    np.testing.assert_allclose(pv.source_coords(3, 7, "asymmetric", scale=2.5), np.arange(7) / 2.5)


def test_source_coords_half_pixel_symmetric_recenters():
    # N=3, s=2.5 -> M=7 (floor 7.5): r = 7/7.5, c = 1.5, offset = 1.5 * (1 - 14/15) = 0.1
    expected = 0.1 + (np.arange(7) + 0.5) / 2.5 - 0.5
    np.testing.assert_allclose(pv.source_coords(3, 7, "half_pixel_symmetric", scale=2.5), expected)
    # with s = M/N it is plain ②
    np.testing.assert_allclose(pv.source_coords(3, 7, "half_pixel_symmetric"), pv.source_coords(3, 7, "half_pixel"))


def test_source_coords_tf_crop_and_resize():
    # N=5, roi (0.25, 0.75), M=3: start at 0.25*4 = 1, step (0.5*4)/2 = 1 -> 1, 2, 3
    np.testing.assert_allclose(pv.source_coords(5, 3, "tf_crop_and_resize", roi=(0.25, 0.75)), [1, 2, 3])
    # single output reads the roi's middle: 0.5 * (0.25 + 0.75) * 4 = 2
    assert pv.source_coords(5, 1, "tf_crop_and_resize", roi=(0.25, 0.75)).tolist() == [2.0]


def test_source_coords_rejects_roi_for_other_modes():
    with pytest.raises(ValueError, match="roi is only used by tf_crop_and_resize"):
        pv.source_coords(4, 8, "half_pixel", roi=(0, 1))


@pytest.mark.parametrize(
    "kwargs, exc, msg",
    [
        (dict(in_size=0, out_size=3), ValueError, "in_size must be >= 1"),
        (dict(in_size=3, out_size=-1), ValueError, "out_size must be >= 1"),
        (dict(in_size=3.5, out_size=3), TypeError, "in_size must be an int"),
        (dict(in_size=3, out_size=3, scale=float("nan")), ValueError, "scale must be finite"),
        (dict(in_size=3, out_size=3, scale=0), ValueError, "scale must be > 0"),
    ],
)
def test_source_coords_rejects_bad_input(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        pv.source_coords(convention="half_pixel", **kwargs)


# ---------------------------------------------------------------- rounding
def test_round_nearest_rules_by_hand():
    x = [-0.5, 0.5, 1.5, 2.2, 2.7]
    assert pv.round_nearest(x, "round_prefer_floor").tolist() == [-1, 0, 1, 2, 3]
    assert pv.round_nearest(x, "round_prefer_ceil").tolist() == [0, 1, 2, 2, 3]
    assert pv.round_nearest(x, "floor").tolist() == [-1, 0, 1, 2, 2]
    assert pv.round_nearest(x, NearestRounding.CEIL).tolist() == [0, 1, 2, 3, 3]


def test_parse_rounding_rejects_unknown():
    with pytest.raises(ValueError, match="rounding must be one of .*did you mean 'floor'"):
        pv.parse_rounding("flor")
    with pytest.raises(TypeError, match="rounding must be one of"):
        pv.parse_rounding(0)


# ---------------------------------------------------------------- origins
def test_index_to_coord_by_hand():
    assert pv.index_to_coord([0, 3]).tolist() == [0.5, 3.5]  # pixel i covers [i, i+1)
    assert pv.index_to_coord([0, 3], "centers").tolist() == [0.0, 3.0]


def test_coord_to_index_by_hand():
    assert pv.coord_to_index([0.0, 0.999, 1.0, 3.5]).tolist() == [0, 0, 1, 3]
    # integer centers: pixel i covers [i - .5, i + .5)
    assert pv.coord_to_index([-0.5, 0.49, 0.5], "centers").tolist() == [0, 0, 1]


def test_index_coord_round_trip_both_origins():
    idx = np.arange(-3, 10)
    for origin in ("corners", "centers"):
        assert pv.coord_to_index(pv.index_to_coord(idx, origin), origin).tolist() == idx.tolist()


def test_convert_origin():
    assert pv.convert_origin([3.0, 4.0], "centers", "corners").tolist() == [3.5, 4.5]
    assert pv.convert_origin([[0.5, 0.5, 2.5, 2.5]], "corners", "centers").tolist() == [[0, 0, 2, 2]]
    assert pv.convert_origin([1.0], "corners", "corners").tolist() == [1.0]


def test_origin_rejects_bad_values():
    with pytest.raises(ValueError, match="origin must be 'corners' or 'centers'"):
        pv.index_to_coord([1], "middle")
    with pytest.raises(ValueError, match="index must contain integers"):
        pv.index_to_coord([1.5])
    with pytest.raises(ValueError, match="coord must be finite"):
        pv.coord_to_index([np.nan])


@pytest.mark.parametrize("n_in, n_out", [(48, 24), (5, 3), (321, 161), (7, 13)])
def test_source_coords_tf_crop_and_resize_full_roi_ends_exactly_on_last_sample(n_in, n_out):
    # roi (0, 1) spans samples 0 .. N-1: the last output must read N-1 exactly
    # (not 47.00000000000001, which a resize would treat as outside the roi)
    coords = pv.source_coords(n_in, n_out, "tf_crop_and_resize")
    assert coords[0] == 0.0 and coords[-1] == n_in - 1


def test_resize_tf_crop_and_resize_full_roi_keeps_last_sample():
    x = np.arange(48.0)
    assert pv.resize(x, 24, "linear", "tf_crop_and_resize")[-1] == 47.0


def test_scaled_size_by_hand():
    # floor(N * s): 5 * 1.5 = 7.5 -> 7; 4 * 0.75 = 3 exactly; 3 * 2.5 = 7.5 -> 7
    assert (pv.scaled_size(5, 1.5), pv.scaled_size(4, 0.75), pv.scaled_size(3, 2.5)) == (7, 3, 7)
    # 10 * 0.7 is 6.999999999999999 in doubles; PyTorch's output for it is 7
    assert pv.scaled_size(10, 0.7) == 7


def test_scaled_size_rejects_empty_output():
    with pytest.raises(ValueError, match="scale must give at least one output sample"):
        pv.scaled_size(3, 0.2)
    with pytest.raises(ValueError, match="scale must be > 0"):
        pv.scaled_size(3, 0.0)
