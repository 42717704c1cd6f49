"""probe_resize on synthetic resizes (built by pixelviz.resize, an independent
implementation of every convention) and on adversarial functions."""

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.conventions import RESIZE_CONVENTIONS, Convention, NearestRounding, source_coords
from pixelviz.probe import ROUND_TIES_VARY, measure_weights, probe_resize

# With a size argument the scale is M/N, and half_pixel_symmetric's offset
# c (1 - M/(N s)) vanishes, so it is the same map as half_pixel (ONNX spec,
# Resize-19); the probe must list both rather than pick one.
SAME_AS = {
    "half_pixel": {"half_pixel", "half_pixel_symmetric"},
    "half_pixel_symmetric": {"half_pixel", "half_pixel_symmetric"},
    # over the whole input tf_crop_and_resize is align_corners for every M > 1 (ONNX spec: x = i (N-1)/(M-1)
    # with roi [0, 1]); only M = 1 separates them (the middle vs 0). The probe names the plain mode first.
    "tf_crop_and_resize": {"align_corners", "tf_crop_and_resize"},
}
NAMED_AS = {"half_pixel_symmetric": "half_pixel", "tf_crop_and_resize": "align_corners"}


def linear(conv, mode="linear", **kw):
    return lambda x, m: pv.resize(x, m, mode, conv, **kw)


# ---------------------------------------------------------------- interpolation
@pytest.mark.parametrize("conv", [c.value for c in RESIZE_CONVENTIONS])
@pytest.mark.parametrize(
    "mode, kw", [("linear", {}), ("cubic", {"cubic_coeff": -0.5}), ("cubic", {"cubic_coeff": -0.75})]
)
def test_probe_recovers_every_convention(conv, mode, kw):
    res = probe_resize(linear(conv, mode, **kw))
    assert res.kind == "interpolation"
    assert set(res.candidates) == SAME_AS.get(conv, {conv})
    assert res.convention == NAMED_AS.get(conv, conv)


def test_probe_prefers_align_corners_over_tf_crop_and_resize_but_says_why():
    # a resize that reads x = i (N-1)/(M-1), and the middle (N-1)/2 for a single output: grid_sample with an
    # identity affine_grid and align_corners=True does this; issue 12 asks for the plain name
    res = probe_resize(linear("tf_crop_and_resize"))
    assert res.convention == "align_corners"
    assert res.candidates[1] == "tf_crop_and_resize"
    assert "single output reads the middle" in res.reason
    # plain align_corners (reads 0 for a single output) keeps its name, without the crop mode
    plain = probe_resize(linear("align_corners"))
    assert plain.convention == "align_corners" and set(plain.candidates) == {"align_corners"}


def test_probe_fit_of_half_pixel_24_to_36_is_the_formula():
    # ② 24 -> 36: x = (i + 1/2) * 24/36 - 1/2 = (2/3) i - 1/6, worked by hand.
    fit = probe_resize(linear("half_pixel")).fit(24, 36)
    assert fit.slope == pytest.approx(2 / 3, abs=1e-9)
    assert fit.intercept == pytest.approx(-1 / 6, abs=1e-9)
    assert fit.residual < 1e-9
    assert fit.fit_text() == "24→36: x = 0.6667·i − 0.1667"


def test_probe_tells_half_pixel_from_pytorch_half_pixel_by_one_output():
    # N=9 -> M=1: half_pixel reads (0 + 1/2) * 9 - 1/2 = 4, pytorch_half_pixel reads 0.
    assert probe_resize(linear("half_pixel")).convention == "half_pixel"
    assert probe_resize(linear("pytorch_half_pixel")).convention == "pytorch_half_pixel"
    # Without the 1-output pair the two are indistinguishable, and the probe says so.
    res = probe_resize(linear("pytorch_half_pixel"), tiny_pairs=())
    assert {"half_pixel", "pytorch_half_pixel"} <= set(res.candidates)


def test_probe_names_antialiased_downsampling_a_filter_centered_on_half_pixel():
    res = probe_resize(linear("half_pixel", "linear", antialias=True))
    assert res.convention == "antialias/filter" and res.kind == "filter"
    assert res.center_candidates[0] == "half_pixel"
    assert "filter" in res.verdict


# ---------------------------------------------------------------- nearest
@pytest.mark.parametrize("conv", [c.value for c in RESIZE_CONVENTIONS])
@pytest.mark.parametrize("rule", [r.value for r in NearestRounding])
def test_probe_recovers_every_nearest_rule(conv, rule):
    res = probe_resize(linear(conv, "nearest", rounding=rule))
    assert res.kind == "nearest"
    assert (conv, rule) in res.nearest_candidates
    assert res.rounding == rule
    # nearest picks of tf_crop_and_resize's single output (the middle) tell it from align_corners (0)
    same = {k: v for k, v in SAME_AS.items() if k != "tf_crop_and_resize"}
    assert set(res.candidates) == same.get(conv, {conv})


def test_probe_opencv_issue_9096_rule_is_asymmetric_floor():
    # opencv#9096: INTER_NEAREST picks floor(i * N / M); written here directly
    # (5 -> 3 gives [0, 1, 3]) rather than through pixelviz.
    def floor_nearest(x, m):
        return x[[int(np.floor(i * len(x) / m)) for i in range(m)]]

    assert floor_nearest(np.arange(5.0), 3).tolist() == [0, 1, 3]
    res = probe_resize(floor_nearest)
    assert (res.convention, res.rounding) == ("asymmetric", "floor")


def test_probe_float_ties_are_reported_as_ties_vary():
    # floor((i + 1/2) * (N / M)) in float64 (the nearest rule Pillow and OpenCV's
    # NEAREST_EXACT document). In exact arithmetic it rounds ② half up; but
    # (23 + 0.5) * (24 / 47) is 11.999999999999998 in IEEE doubles, so that tie
    # (x = 11.5) goes down, while (0 + 0.5) * (48 / 24) = 1.0 exactly goes up.
    assert (23 + 0.5) * (24 / 47) < 12.0 and (0 + 0.5) * (48 / 24) == 1.0

    def float_nearest(x, m):
        s = len(x) / m
        return x[[min(int(np.floor((i + 0.5) * s)), len(x) - 1) for i in range(m)]]

    res = probe_resize(float_nearest)
    assert res.convention == "half_pixel" and res.rounding == ROUND_TIES_VARY


# ---------------------------------------------------------------- adversarial
def test_probe_random_output_is_inconclusive():
    rng = np.random.default_rng(1)
    res = probe_resize(lambda x, m: rng.random(m))
    assert res.convention == "inconclusive" and "not linear" in res.reason


@pytest.mark.parametrize("const", [0.0, 3.0])
def test_probe_constant_output_is_inconclusive(const):
    res = probe_resize(lambda x, m: np.full(m, const))
    assert res.convention == "inconclusive"


def test_probe_scaled_interpolation_is_inconclusive():
    # 2 * resize(x): linear, but its weights sum to 2, so it does not interpolate.
    res = probe_resize(lambda x, m: 2 * pv.resize(x, m, "linear", "half_pixel"))
    assert res.convention == "inconclusive" and "sum to 1" in res.reason


def test_probe_mean_filter_is_inconclusive():
    # Every output is the mean of the whole input: every row touches the border.
    assert probe_resize(lambda x, m: np.full(m, x.mean())).convention == "inconclusive"


def test_probe_single_output_pairs_only_is_inconclusive():
    res = probe_resize(linear("half_pixel"), pairs=[(9, 1), (16, 1)])
    assert res.convention == "inconclusive" and "single sample" in res.reason


def test_probe_reversed_output_matches_no_convention():
    res = probe_resize(lambda x, m: pv.resize(x, m, "linear", "half_pixel")[::-1])
    assert res.convention == "none" and res.candidates == ()
    assert res.fit(24, 36).slope == pytest.approx(-2 / 3, abs=1e-9)


def test_probe_shifted_map_matches_no_convention():
    # x = i * N/M + 0.3: an affine map that is none of the ONNX modes.
    def shifted(x, m):
        return np.interp(source_coords(len(x), m, "asymmetric") + 0.3, np.arange(len(x)), x)

    res = probe_resize(shifted)
    assert res.convention == "none"
    assert res.fit(36, 24).intercept == pytest.approx(0.3, abs=1e-9)


def test_probe_rejects_wrong_shape():
    with pytest.raises(ValueError, match=r"fn must return shape \(48,\) .*got shape \(47,\)"):
        probe_resize(lambda x, m: np.zeros(m - 1))


def test_probe_rejects_function_that_raises():
    def boom(x, m):
        raise RuntimeError("kaput")

    with pytest.raises(ValueError, match="fn raised RuntimeError: kaput when resizing 24 samples to 48"):
        probe_resize(boom)


def test_probe_rejects_non_numeric_output():
    with pytest.raises(TypeError, match="fn must return an array of numbers"):
        probe_resize(lambda x, m: ["a"] * m)


def test_probe_rejects_nan_output():
    with pytest.raises(ValueError, match="fn must return finite numbers"):
        probe_resize(lambda x, m: np.full(m, np.nan))


def test_probe_rejects_non_callable():
    with pytest.raises(TypeError, match="fn must be a callable"):
        probe_resize("cv2.resize")


@pytest.mark.parametrize(
    "pairs, exc, msg",
    [
        ([(1, 4)], ValueError, r"pairs\[0\]\[0\] must be >= 2"),
        ([(4,)], ValueError, r"pairs\[0\] must be an \(in_size, out_size\)"),
        (5, TypeError, "pairs must be a sequence"),
        ([], ValueError, "at least one"),
        ([(4.0, 8)], TypeError, r"pairs\[0\]\[0\] must be an int"),
    ],
)
def test_probe_rejects_bad_pairs(pairs, exc, msg):
    with pytest.raises(exc, match=msg):
        probe_resize(linear("half_pixel"), pairs=pairs)


def test_probe_squeezes_row_shaped_output():
    res = probe_resize(lambda x, m: pv.resize(x, m, "linear", "align_corners")[None, :])
    assert res.convention == "align_corners"


# ---------------------------------------------------------------- measure_weights / result
def test_measure_weights_hand_example():
    # ① 3 -> 5: x = 0, 0.5, 1, 1.5, 2 -> rows (1,0,0), (.5,.5,0), (0,1,0), (0,.5,.5), (0,0,1).
    w, nonlin = measure_weights(linear("align_corners"), 3, 5)
    expected = [[1, 0, 0], [0.5, 0.5, 0], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]]
    np.testing.assert_allclose(w, expected, atol=1e-12)
    assert nonlin < 1e-12


def test_probe_result_to_dict_is_json_ready():
    import json

    d = probe_resize(linear("asymmetric")).to_dict()
    assert json.loads(json.dumps(d))["convention"] == "asymmetric"
    assert d["verdict"] == "③ asymmetric"


def test_probe_is_deterministic():
    a = probe_resize(linear("half_pixel", "cubic")).to_dict()
    b = probe_resize(linear("half_pixel", "cubic")).to_dict()
    assert a == b


def test_probe_is_exported():
    assert pv.probe_resize is probe_resize
    assert Convention.HALF_PIXEL.value == probe_resize(linear("half_pixel")).convention
