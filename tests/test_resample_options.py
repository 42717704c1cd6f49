"""pixelviz.resize's two filter definitions (antialias="pillow" / "onnx") and its coordinate arithmetic
(coordinate_dtype="exact" / "float32" / "float32_torch"), each against the library it models."""

from __future__ import annotations

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.conventions import source_coords
from pixelviz.resample import Antialias, parse_antialias, resize, resize_weights

SEED = 1234


def _random_pairs(rng, count, max_size=40):
    """Seeded (N, M) pairs, up and down, with odd, even, coprime sizes and outputs of 1."""
    pairs = [(20, 7), (23, 36), (7, 1), (9, 2), (12, 12), (13, 5), (2, 9)]
    pairs += [(int(n), int(m)) for n, m in rng.integers(2, max_size, (count, 2))]
    return pairs


# ---------------------------------------------------------------- antialias definitions, by hand
def test_antialias_hand_example_onnx_clamps_pillow_drops():
    # 4 -> 2 linear half_pixel: output 0 reads x = 0.5 with the triangle widened to radius 2:
    # taps j = -1, 0, 1, 2 weigh 1 - |j - 0.5| / 2 = 0.25, 0.75, 0.75, 0.25.
    # ONNX clamps j = -1 onto sample 0: (0.25 + 0.75) x0 + 0.75 x1 + 0.25 x2, over the total 2.
    # Pillow drops j = -1: (0.75 x0 + 0.75 x1 + 0.25 x2) / 1.75.
    x = np.array([1.0, 0.0, 0.0, 0.0])
    assert resize(x, 2, antialias="onnx")[0] == pytest.approx(0.5, abs=1e-12)
    assert resize(x, 2, antialias="pillow")[0] == pytest.approx(0.75 / 1.75, abs=1e-12)
    assert resize(x, 2, antialias=True)[0] == pytest.approx(0.75 / 1.75, abs=1e-12)


def test_antialias_onnx_with_exclude_outside_drops_like_pillow():
    # ONNX's exclude_outside=1 zeroes the taps outside the input: the same weights as Pillow's clipped window.
    rng = np.random.default_rng(SEED)
    for n, m in _random_pairs(rng, 20):
        x = rng.standard_normal(n)
        for mode in ("linear", "cubic"):
            np.testing.assert_allclose(
                resize(x, m, mode, antialias="onnx", exclude_outside=True, cubic_coeff=-0.5),
                resize(x, m, mode, antialias="pillow", cubic_coeff=-0.5),
                atol=1e-12,
                err_msg=f"{mode} {n}->{m}",
            )


def test_antialias_onnx_rows_sum_to_one_and_window_widens():
    t = resize_weights(30, 7, "linear", antialias="onnx")
    np.testing.assert_allclose(t.weight.sum(axis=1), 1.0, atol=1e-12)
    # factor 30/7: the triangle reaches |j - x| < 30/7, so 8 or 9 taps carry weight
    assert 8 <= int((t.weight > 0).sum(axis=1).max()) <= 9


def test_parse_antialias():
    assert parse_antialias(True) is Antialias.PILLOW
    assert parse_antialias(False) is None
    assert parse_antialias("ONNX") is Antialias.ONNX
    with pytest.raises(ValueError, match="antialias"):
        parse_antialias("bilinear")
    with pytest.raises(TypeError, match="antialias"):
        parse_antialias(None)
    with pytest.raises(ValueError, match="antialias must be False for mode='nearest'"):
        resize(np.zeros(5), 3, "nearest", antialias="onnx")


# ---------------------------------------------------------------- antialias definitions vs the libraries
def _ort(x, m, mode, ctm, nearest_mode="round_prefer_floor", antialias=0):
    pytest.importorskip("onnxruntime")
    from pixelviz.backends.onnxruntime_ops import resize_session

    sess = resize_session(mode, ctm, nearest_mode, antialias)
    feed = {"X": x.astype(np.float32).reshape(1, 1, 1, -1), "sizes": np.array([1, 1, 1, m], np.int64)}
    return sess.run(None, feed)[0].reshape(-1)


def _onnx_reference(x, m, mode, ctm, antialias):
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    node = helper.make_node(
        "Resize", ["X", "", "", "sizes"], ["Y"], mode=mode, coordinate_transformation_mode=ctm, antialias=antialias
    )
    graph = helper.make_graph(
        [node],
        "r",
        [
            helper.make_tensor_value_info("X", TensorProto.FLOAT, None),
            helper.make_tensor_value_info("sizes", TensorProto.INT64, [4]),
        ],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    out = ReferenceEvaluator(model).run(
        None, {"X": x.astype(np.float32).reshape(1, 1, 1, -1), "sizes": np.array([1, 1, 1, m], np.int64)}
    )
    return np.asarray(out[0]).reshape(-1)


@pytest.mark.parametrize("mode", ["linear", "cubic"])
@pytest.mark.parametrize("ctm", ["half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel"])
def test_antialias_onnx_matches_onnxruntime(mode, ctm):
    rng = np.random.default_rng(SEED)
    for n, m in _random_pairs(rng, 30):
        x = rng.standard_normal(n).astype(np.float32).astype(np.float64)
        ref = _ort(x, m, mode, ctm, antialias=1)
        np.testing.assert_allclose(resize(x, m, mode, ctm, antialias="onnx"), ref, atol=2e-5, err_msg=f"{n}->{m}")


@pytest.mark.parametrize("mode", ["linear", "cubic"])
def test_antialias_onnx_matches_onnx_reference_evaluator(mode):
    rng = np.random.default_rng(SEED + 1)
    for n, m in _random_pairs(rng, 12, max_size=30):
        x = rng.standard_normal(n).astype(np.float32).astype(np.float64)
        ref = _onnx_reference(x, m, mode, "half_pixel", 1)
        np.testing.assert_allclose(resize(x, m, mode, antialias="onnx"), ref, atol=2e-5, err_msg=f"{n}->{m}")


def test_antialias_pillow_is_not_onnx_where_the_issue_found_it():
    # The issue's numbers: linear 20 -> 7 differs by ~0.05, cubic even when upsampling 23 -> 36 (~0.03).
    rng = np.random.default_rng(SEED)
    worst = {}
    for mode, (n, m) in (("linear", (20, 7)), ("cubic", (23, 36))):
        diffs = []
        for _ in range(20):
            x = rng.uniform(0, 1, n)
            ref = _ort(x, m, mode, "half_pixel", antialias=1)
            assert np.abs(resize(x, m, mode, antialias="onnx") - ref).max() < 2e-5
            diffs.append(np.abs(resize(x, m, mode, antialias="pillow", cubic_coeff=-0.75) - ref).max())
        worst[mode] = max(diffs)
    assert worst["linear"] > 0.01 and worst["cubic"] > 0.005, worst


def test_antialias_pillow_matches_torch_antialias():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(SEED)
    for n, m in _random_pairs(rng, 30):
        if m == 1:
            continue
        x = rng.standard_normal(n).astype(np.float32)
        ref = torch.nn.functional.interpolate(
            torch.from_numpy(x)[None, None, None], size=(1, m), mode="bilinear", antialias=True, align_corners=False
        )[0, 0, 0].numpy()
        np.testing.assert_allclose(resize(x.astype(np.float64), m, antialias="pillow"), ref, atol=1e-5)


def test_antialias_pillow_matches_pillow_bilinear():
    Image = pytest.importorskip("PIL.Image")
    rng = np.random.default_rng(SEED)
    for n, m in _random_pairs(rng, 30):
        x = rng.uniform(0, 1, n).astype(np.float32)
        ref = np.asarray(Image.fromarray(x[None, :], mode="F").resize((m, 1), Image.BILINEAR))[0]
        np.testing.assert_allclose(resize(x.astype(np.float64), m, antialias="pillow"), ref, atol=1e-5)


# ---------------------------------------------------------------- coordinate arithmetic
def test_coordinate_dtype_hand_example_asymmetric_22_to_26():
    # Output 13 reads 13 * 22 / 26 = 11 exactly; float32 ONNX Runtime gets 13 / float32(26/22) = 11.000001,
    # so ceil picks 12 there while the exact map picks 11.
    exact = source_coords(22, 26, "asymmetric")[13]
    f32 = source_coords(22, 26, "asymmetric", coordinate_dtype="float32")[13]
    assert exact == 11.0
    assert 11.0 < f32 < 11.00001
    x = np.arange(22.0)
    assert resize(x, 26, "nearest", "asymmetric", rounding="ceil")[13] == 11.0
    assert resize(x, 26, "nearest", "asymmetric", rounding="ceil", coordinate_dtype="float32")[13] == 12.0
    assert _ort(x, 26, "nearest", "asymmetric", "ceil")[13] == 12.0


@pytest.mark.parametrize(
    "ctm, rounding",
    [("asymmetric", "floor"), ("asymmetric", "ceil"), ("half_pixel", "floor"), ("half_pixel", "ceil")]
    + [("align_corners", r) for r in ("floor", "ceil", "round_prefer_floor", "round_prefer_ceil")],
)
def test_coordinate_dtype_float32_reproduces_onnxruntime_nearest(ctm, rounding):
    # Every (N, M) with N, M <= 30: the picks of ONNX Runtime, exactly, with float32 coordinates.
    mismatches_exact = 0
    for n in range(1, 31):
        x = np.arange(n, dtype=np.float64)
        for m in range(1, 31):
            ref = _ort(x, m, "nearest", ctm, rounding)
            np.testing.assert_array_equal(
                resize(x, m, "nearest", ctm, rounding=rounding, coordinate_dtype="float32"), ref, err_msg=f"{n}->{m}"
            )
            mismatches_exact += not np.array_equal(resize(x, m, "nearest", ctm, rounding=rounding), ref)
    if ctm != "align_corners":  # the exact map breaks ties the other way somewhere
        assert mismatches_exact > 0


def test_coordinate_dtype_float32_torch_reproduces_torch_nearest():
    torch = pytest.importorskip("torch")
    mismatches_exact = 0
    for n in range(1, 31):
        x = np.arange(n, dtype=np.float32)
        for m in range(1, 31):
            ref = torch.nn.functional.interpolate(torch.from_numpy(x)[None, None], size=m, mode="nearest")[0, 0].numpy()
            ours = resize(
                x.astype(np.float64), m, "nearest", "asymmetric", rounding="floor", coordinate_dtype="float32_torch"
            )
            np.testing.assert_array_equal(ours, ref, err_msg=f"{n}->{m}")
            exact = resize(x.astype(np.float64), m, "nearest", "asymmetric", rounding="floor")
            mismatches_exact += not np.array_equal(exact, ref)
    assert mismatches_exact > 0


def test_coordinate_dtype_float32_moves_linear_by_float32_only():
    rng = np.random.default_rng(SEED)
    for n, m in _random_pairs(rng, 20):
        x = rng.standard_normal(n)
        a = resize(x, m, "linear", coordinate_dtype="float32")
        b = resize(x, m, "linear")
        assert np.abs(a - b).max() <= 1e-5 * max(1.0, np.abs(x).max()) * n


def test_coordinate_dtype_rejects_bad_values():
    with pytest.raises(ValueError, match="coordinate_dtype"):
        resize(np.zeros(4), 3, coordinate_dtype="float16")
    with pytest.raises(ValueError, match="coordinate_dtype='float32_torch'"):
        pv.source_coords(4, 3, "tf_crop_and_resize", coordinate_dtype="float32_torch")
    with pytest.raises(TypeError, match="coordinate_dtype"):
        resize_weights(4, 3, coordinate_dtype=None)
