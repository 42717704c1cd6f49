"""uint8_behaviour: how an op's uint8 path rounds its float output (issue 15, item 7).

The expectations come from fake ops built by hand (a float op whose uint8 twin
floors, rounds half to even, rounds half up, adds 1, raises, returns floats) and,
for the real libraries, from outputs worked out by hand on two-sample inputs.
"""

from __future__ import annotations

import numpy as np
import pytest

from pixelviz.backends import get_backend
from pixelviz.reproduce import reproduce_resize, uint8_behaviour, uint8_table
from pixelviz.reproduce._uint8 import _classify


def linear_up(x, size):
    """Half-pixel linear interpolation (weights 1/4, 3/4 at 2x: exact ties of 1/2 on integer inputs)."""
    n = len(x)
    src = (np.arange(size) + 0.5) * n / size - 0.5
    return np.interp(src, np.arange(n), np.asarray(x, dtype=np.float64))


def nearest(x, size):
    n = len(x)
    return np.asarray(x, dtype=np.float64)[np.minimum((np.arange(size) * n) // size, n - 1)]


def as_uint8(rule):
    # rounded to 9 decimals first: a fake op's rule must see the exact halves, not 2.4999999
    return lambda x, size: rule(np.round(linear_up(x, size), 9)).astype(np.uint8)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (np.floor, "truncates (floor)"),
        (np.rint, "rounds half to even"),  # numpy's rint rounds ties to even
        (lambda v: np.floor(v + 0.5), "rounds half away from zero"),
        (lambda v: np.ceil(v - 0.5), "rounds half down"),
    ],
)
def test_rounding_rules_of_fake_ops(rule, expected):
    got = uint8_behaviour(as_uint8(rule), linear_up)
    assert got.verdict == expected
    assert got.ties > 0  # 2x and 1.5x on integers give exact halves
    assert got.max_error <= 1.0


def test_ties_unseen_when_no_fraction_is_a_half():
    def thirds(x, size):  # a weight of 1/3: fractions 1/3 and 2/3, never 1/2
        y = np.asarray(x, dtype=np.float64)
        return (np.repeat(y, 2)[:size] * 2 + np.roll(np.repeat(y, 2), 1)[:size]) / 3

    got = uint8_behaviour(lambda x, m: np.rint(thirds(x, m)).astype(np.uint8), thirds, size_pairs=[(8, 16)])
    assert got.verdict == "rounds (ties unseen)"
    assert got.ties == 0


def test_exact_other_and_unsupported():
    assert uint8_behaviour(lambda x, m: nearest(x, m).astype(np.uint8), nearest).verdict == (
        "exact (no rounding needed)"
    )
    plus_one = uint8_behaviour(lambda x, m: (np.floor(linear_up(x, m)) + 1).clip(0, 255).astype(np.uint8), linear_up)
    assert plus_one.verdict.startswith("other (max error")
    assert plus_one.max_error >= 1.0

    def raises(x, size):
        raise NotImplementedError("no uint8 kernel")

    no = uint8_behaviour(raises, linear_up)
    assert (no.verdict, no.supported, no.text) == (
        "uint8 not supported",
        False,
        "uint8 not supported (raises NotImplementedError)",
    )
    assert uint8_behaviour(lambda x, m: linear_up(x, m).astype(np.float32), linear_up).text == (
        "uint8 not supported (returns float32)"
    )


def test_saturation_is_not_an_error():
    # a float op overshooting [0, 255] (cubic) and a uint8 op that clips: compared after clipping
    def overshoot(x, size):
        return linear_up(x, size) * 1.5 - 60

    got = uint8_behaviour(
        lambda x, m: np.floor(np.round(overshoot(x, m), 9) + 0.5).clip(0, 255).astype(np.uint8), overshoot
    )
    assert got.verdict == "rounds half away from zero"


def test_fixed_point_rounding_is_approximate():
    # round after a small weight error (as fixed-point weights do): right far from 1/2, off by one near it
    def fixed(x, size):
        return np.floor(linear_up(x, size) * (1 + 1 / 2048) + 0.5).clip(0, 255).astype(np.uint8)

    got = uint8_behaviour(fixed, linear_up)
    assert got.verdict.startswith("rounds approximately") or got.verdict.startswith("rounds (ties mixed")
    assert 0.5 <= got.max_error < 0.5 + 255 / 2048 + 1e-9


def test_classify_by_hand():
    c = np.array([0.5, 1.5, 2.5, 3.25, 3.75])
    assert _classify(np.array([1.0, 2.0, 3.0, 3.0, 4.0]), c).verdict == "rounds half away from zero"
    assert _classify(np.array([0.0, 2.0, 2.0, 3.0, 4.0]), c).verdict == "rounds half to even"
    assert _classify(np.array([0.0, 1.0, 2.0, 3.0, 3.0]), c).verdict == "truncates (floor)"


def test_recipe_carries_the_uint8_verdict():
    r = reproduce_resize(linear_up, uint8_fn=as_uint8(lambda v: np.floor(v + 0.5)))
    assert r.matched and r.kwargs == {"mode": "linear", "convention": "half_pixel"}
    assert r.uint8 == "rounds half away from zero"
    assert "on uint8: rounds half away from zero" in r.text
    assert r.to_dict()["uint8"] == "rounds half away from zero"
    assert reproduce_resize(linear_up).uint8 is None


def test_bad_arguments():
    with pytest.raises(TypeError, match="fn_uint8"):
        uint8_behaviour(None, linear_up)
    with pytest.raises(ValueError, match="fn_float"):
        uint8_behaviour(as_uint8(np.floor), lambda x, m: np.zeros(m + 1))
    with pytest.raises(TypeError, match="uint8_fn"):
        reproduce_resize(linear_up, uint8_fn=3)


# ---------------------------------------------------------------- the real libraries, by hand
def test_opencv_uint8_rounds_by_hand():
    pytest.importorskip("cv2")
    b = get_backend("opencv.resize.linear")
    # [10, 21] -> 4, half-pixel linear: 10, 10 + 11/4 = 12.75, 21 - 11/4 = 18.25, 21 (clamped borders)
    y = b.resize_uint8(np.array([10, 21], dtype=np.uint8), 4)
    assert y.dtype == np.uint8
    assert y.tolist() == [10, 13, 18, 21]
    with pytest.raises(TypeError, match="x must"):
        b.resize_uint8(np.array([0.5, 1.0]), 4)
    with pytest.raises(ValueError, match="x must"):
        b.resize_uint8(np.array([0, 300]), 4)


def test_pillow_uint8_is_mode_L():
    pytest.importorskip("PIL")
    y = get_backend("pillow.resize.bilinear").resize_uint8(np.array([10, 21], dtype=np.uint8), 4)
    assert y.dtype == np.uint8 and y.tolist() == [10, 13, 18, 21]


def test_library_paths_that_convert_or_raise():
    pytest.importorskip("torch")
    pytest.importorskip("skimage")
    rows = {r["op"]: r["uint8"] for r in uint8_table()}
    # F.interpolate has no uint8 kernel for "linear" (1D) on CPU; skimage's resize returns float64
    assert rows["torch.interpolate.linear"].startswith("uint8 not supported (raises")
    assert rows["skimage.resize.linear"] == "uint8 not supported (returns float64)"
    assert rows["opencv.resize.nearest"] == "exact (no rounding needed)"
    assert all(rows[n] == "not measured here" for n in rows if n.startswith(("tensorflow.", "jax.")))


def test_tensorflow_uint8_in_its_worker():
    import importlib.util

    if importlib.util.find_spec("tensorflow") is None:
        pytest.skip("TensorFlow not installed")
    from pixelviz.reproduce._uint8 import _isolated_verdicts

    got = _isolated_verdicts("tensorflow", 0)
    # TensorFlow's documentation of tf.image.resize: "The return value has type float32, unless the
    # method is ResizeMethod.NEAREST_NEIGHBOR, then the return dtype is the dtype of images"
    assert got["tensorflow.resize.bilinear"] == "uint8 not supported (returns float32)"
    assert got["tensorflow.resize.nearest"] == "exact (no rounding needed)"
    assert "tensorflow.crop_and_resize.full" not in got  # no uint8 path wired
