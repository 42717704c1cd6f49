"""pixelviz.reproduce_resize: the pixelviz.resize call that gives an op's pixels, or an honest "none".

Expectations come from the libraries' documented behaviour or from the functions written here by hand
(a Keys cubic with a = -0.6 in plain numpy), never from the search itself.
"""

from __future__ import annotations

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.reproduce import Candidate, reproduce_resize, shared_signals
from pixelviz.reproduce._compare import compare_outputs
from pixelviz.reproduce._space import candidates

#: Sizes neither the fit nor the verification pairs contain: a recipe must hold on them too.
NEW_PAIRS = [(19, 41), (41, 19), (13, 1), (8, 27), (27, 8), (33, 34)]


def _holds_on_new_sizes(recipe, fn, pairs=NEW_PAIRS, tol=1e-4):
    rng = np.random.default_rng(99)
    worst = 0.0
    for n, m in pairs:
        x = rng.random(n).astype(np.float32).astype(np.float64)
        s = recipe.scale(n, m)
        ours = pv.resize(x, m, scale=s, **recipe.kwargs)
        worst = max(worst, float(np.abs(ours - np.asarray(fn(x, m), dtype=np.float64)).max()))
    return worst <= tol, worst


def _linear_half_pixel_by_hand(x, size):
    # x_i = (i + 1/2) N / M - 1/2, clamped to the samples: np.interp clamps at both ends
    n = len(x)
    coords = (np.arange(size) + 0.5) * n / size - 0.5
    return np.interp(coords, np.arange(n), x)


def _keys(d, a):
    d = np.abs(d)
    return np.where(d <= 1, (a + 2) * d**3 - (a + 3) * d**2 + 1, np.where(d < 2, a * (d**3 - 5 * d**2 + 8 * d - 4), 0))


def _cubic_a06_by_hand(x, size):
    # Keys' cubic with a = -0.6 (no library uses it by default), half_pixel, border samples replicated
    n = len(x)
    out = np.empty(size)
    for i in range(size):
        c = (i + 0.5) * n / size - 0.5
        j0 = int(np.floor(c))
        taps = np.arange(j0 - 1, j0 + 3)
        out[i] = np.sum(_keys(taps - c, -0.6) * x[np.clip(taps, 0, n - 1)])
    return out


def test_reproduce_hand_written_linear_half_pixel():
    r = reproduce_resize(_linear_half_pixel_by_hand)
    assert r.kwargs == {"mode": "linear", "convention": "half_pixel"}
    assert r.matched and r.kind == "identical" and r.max_error < 1e-12
    assert _holds_on_new_sizes(r, _linear_half_pixel_by_hand)[0]


def test_reproduce_finds_a_cubic_coefficient_no_library_uses():
    r = reproduce_resize(_cubic_a06_by_hand)
    assert r.kwargs == {"mode": "cubic", "convention": "half_pixel", "cubic_coeff": -0.6}
    assert r.matched and r.max_error < 1e-9
    assert _holds_on_new_sizes(r, _cubic_a06_by_hand)[0]


def test_reproduce_user_function_wrapping_cv2_gets_the_cv2_recipe():
    cv2 = pytest.importorskip("cv2")

    def my_resize(x, size):  # a user's own wrapper, as a function of (x, size)
        img = np.asarray(x, np.float32)[None, :]
        return cv2.resize(img, (size, 1), interpolation=cv2.INTER_LINEAR)[0]

    r = reproduce_resize(my_resize)
    # OpenCV's INTER_LINEAR is half-pixel linear with border replication (NOTES: matches F.interpolate to 2e-6)
    assert r.kwargs == {"mode": "linear", "convention": "half_pixel"}
    assert r.matched
    assert _holds_on_new_sizes(r, my_resize)[0]


def test_reproduce_noise_gets_no_confident_recipe():
    rng = np.random.default_rng(5)

    def noisy(x, size):
        return _linear_half_pixel_by_hand(x, size) + rng.normal(0, 0.01, size)

    r = reproduce_resize(noisy)
    assert not r.matched
    assert r.max_error > 1e-3
    assert r.text.startswith("none")


def test_reproduce_composition_of_two_resizes_never_fails_on_new_sizes():
    # 2x up with align_corners, then half_pixel down to the size asked: not a setting of pixelviz.resize.
    def two_step(x, size):
        n = len(x)
        up = np.interp(np.arange(2 * n) * (n - 1) / (2 * n - 1), np.arange(n), x)
        return _linear_half_pixel_by_hand(up, size)

    r = reproduce_resize(two_step)
    ok, worst = _holds_on_new_sizes(r, two_step)
    assert (not r.matched) or ok, (r.text, worst)
    assert not r.matched  # the composition is no single grid


def test_reproduce_scale_factor_instead_of_size():
    # A resize given the scale factor 1.5 whatever the size asked, output cropped/padded to size:
    # half_pixel with scale 1.5 differs from half_pixel with M / N except when M = 1.5 N.
    def fixed_scale(x, size):
        n = len(x)
        coords = (np.arange(size) + 0.5) / 1.5 - 0.5
        return np.interp(coords, np.arange(n), x)

    r = reproduce_resize(fixed_scale)
    ok, worst = _holds_on_new_sizes(r, fixed_scale)
    assert not r.matched and r.max_error > 0.01
    assert (not r.matched) or ok


def test_reproduce_rejects_bad_functions():
    def raises(x, size):
        raise RuntimeError("boom")

    with pytest.raises(ValueError, match="fn raised RuntimeError"):
        reproduce_resize(raises)
    with pytest.raises(ValueError, match="shape"):
        reproduce_resize(lambda x, size: np.zeros(size + 1))
    with pytest.raises(TypeError, match="fn must be a callable"):
        reproduce_resize("cv2.resize")
    with pytest.raises(TypeError, match="probe must be a ProbeResult"):
        reproduce_resize(_linear_half_pixel_by_hand, probe="half_pixel")


def test_candidates_pruned_by_a_nearest_verdict():
    result = pv.probe_resize(lambda x, size: pv.resize(x, size, "nearest", "asymmetric", rounding="floor"))
    cands = candidates(result)
    assert cands and all(c.mode == "nearest" for c in cands)
    assert ("asymmetric", "floor") in {(c.convention, c.rounding) for c in cands}
    assert len(cands) < len(candidates(None))


def test_candidate_kwargs_keep_only_non_defaults():
    c = Candidate("cubic", "half_pixel", cubic_coeff=-0.5, antialias="pillow")
    assert c.kwargs == {"mode": "cubic", "convention": "half_pixel", "cubic_coeff": -0.5, "antialias": "pillow"}
    assert "rounding" not in Candidate("linear").kwargs


def test_compare_outputs_says_where():
    pairs = [(4, 8), (16, 8)]  # 8 outputs each: 2 at either end are "border", 4 interior
    zeros = [np.zeros((1, 8)), np.zeros((1, 8))]
    down_only = [np.zeros((1, 8)), np.full((1, 8), 0.1)]
    assert compare_outputs(zeros, down_only, pairs).where == "downsampling only"
    border = [np.zeros((1, 8)), np.array([[0.3, 0, 0, 0, 0, 0, 0, 0.2]])]
    d = compare_outputs(zeros, border, pairs)
    assert (d.where, d.max_error, d.worst_pair, d.interior_error) == ("border only", 0.3, (16, 8), 0.0)
    failed = [np.zeros((1, 8)), np.full((1, 8), np.nan)]
    assert compare_outputs(zeros, failed, pairs).where.startswith("fails")


def test_shared_signals_are_seeded_and_float32_exact():
    a, b = shared_signals(11, seed=3), shared_signals(11, seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, a.astype(np.float32))
    assert not np.array_equal(a, shared_signals(11, seed=4))


# Registered ops whose recipe the libraries' own documentation / the repository's tests fix.
EXPECTED = {
    "opencv.resize.linear": {"mode": "linear", "convention": "half_pixel"},
    "opencv.resize.nearest": {"mode": "nearest", "convention": "asymmetric", "rounding": "floor"},
    "pillow.resize.bilinear": {"mode": "linear", "convention": "half_pixel", "antialias": "pillow"},
    "pillow.resize.bicubic": {"mode": "cubic", "convention": "half_pixel", "cubic_coeff": -0.5, "antialias": "pillow"},
    "torch.interpolate.linear_ac": {"mode": "linear", "convention": "align_corners"},
    "torch.interpolate.nearest": {"mode": "nearest", "convention": "asymmetric", "rounding": "floor"},
    "torch.interpolate.bicubic": {"mode": "cubic", "convention": "half_pixel"},
    "onnxruntime.resize.linear_half_pixel_aa": {"mode": "linear", "convention": "half_pixel", "antialias": "onnx"},
    "scipy.zoom.linear": {"mode": "linear", "convention": "align_corners"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reproduce_registered_op(name):
    b = pv.backends.get_backend(name)
    if not b.available():
        pytest.skip(f"{b.module} not installed")
    r = reproduce_resize(b)
    assert r.matched, r.text
    assert r.kwargs == EXPECTED[name]
    assert _holds_on_new_sizes(r, b)[0]


@pytest.mark.parametrize("name", ["opencv.resize.area", "skimage.resize.cubic", "pillow.resize.lanczos"])
def test_reproduce_registered_op_without_a_setting_says_so(name):
    # Area averaging, cubic splines and Lanczos are kernels pixelviz.resize does not have.
    b = pv.backends.get_backend(name)
    if not b.available():
        pytest.skip(f"{b.module} not installed")
    r = reproduce_resize(b)
    assert not r.matched and r.max_error > 1e-3
    assert r.verify.where in ("everywhere", "border only", "downsampling only", "upsampling only")


def test_outputs_from_probe_equal_the_function_on_the_shared_signals():
    from pixelviz.reproduce import PROBE_PAIRS, outputs_from_probe

    result = pv.probe_resize(_cubic_a06_by_hand)
    outs = outputs_from_probe(result)
    assert len(outs) == len(PROBE_PAIRS)
    for (n, m), y in zip(PROBE_PAIRS, outs):
        direct = np.stack([_cubic_a06_by_hand(r, m) for r in shared_signals(n)])
        np.testing.assert_allclose(y, direct, atol=1e-12)
    recipe = pv.reproduce.reproduce_from_outputs(outs, probe=result, pairs="probe")
    assert recipe.kwargs == {"mode": "cubic", "convention": "half_pixel", "cubic_coeff": -0.6}
    assert recipe.matched and _holds_on_new_sizes(recipe, _cubic_a06_by_hand)[0]


def test_reproduce_from_outputs_marks_a_failed_pair():
    from pixelviz.reproduce import PROBE_PAIRS

    outs = [np.full((3, m), np.nan if (n, m) == (9, 1) else 0.0) for n, m in PROBE_PAIRS]
    r = pv.reproduce.reproduce_from_outputs(outs, pairs="probe")
    assert not r.matched and "9 → 1" in r.reason
    with pytest.raises(ValueError, match="pairs"):
        pv.reproduce.reproduce_from_outputs(outs, pairs="probes")
