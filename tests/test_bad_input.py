"""The specific bad calls issue 14 found, each refused with a message naming the argument.

(The generated sweep over every public callable is tests/test_bad_input_generated.py.)
"""

import importlib.util
import math
import time
from pathlib import Path

import numpy as np
import pytest

import pixelviz as pv
from pixelviz import boxes, geometry, resample, signals
from pixelviz._validate import MAX_ELEMENTS, MAX_LENGTH
from pixelviz.probe import measure_weights

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- crashes
@pytest.mark.parametrize(
    "shape, exc",
    [
        ({"h": 2, "w": 3}, TypeError),
        ((), ValueError),
        ((3,), ValueError),
        ((4, 4, 4), ValueError),
        ("ab", TypeError),
        (None, TypeError),
    ],
)
def test_pixel_centers_rejects_bad_shapes(shape, exc):
    with pytest.raises(exc, match=r"shape must be a pair \(H, W\)"):
        geometry.pixel_centers(shape)


# ---------------------------------------------------------------- sizes refused before allocation
@pytest.mark.parametrize(
    "call",
    [
        lambda: resample.resize_weights(10**9, 4),
        lambda: resample.resize_weights(4, 10**9),
        lambda: measure_weights(lambda x, m: np.zeros(m), 10**9, 4),
        lambda: measure_weights(lambda x, m: np.zeros(m), 4, 10**9),
        lambda: signals.zone_plate(10**9),
        lambda: signals.zone_plate(64, supersample=10**9),
        lambda: signals.smooth_blobs(10**9),
        lambda: pv.resize(np.zeros(4), 10**9),
        lambda: pv.resize(np.zeros((4, 4)), (50_000, 50_000)),
        lambda: pv.source_coords(4, 10**9, "half_pixel"),
        lambda: pv.masks.polygon_mask([[0, 0], [1, 0], [0, 1]], (4000, 4000), supersample=16),
    ],
)
def test_huge_sizes_are_refused_at_once(call):
    start = time.perf_counter()
    with pytest.raises(ValueError, match=rf"must be <= {MAX_LENGTH}|at most {MAX_ELEMENTS}|<= 4096"):
        call()
    assert time.perf_counter() - start < 1.0


def test_limits_are_documented_numbers():
    assert MAX_LENGTH == 65536 and MAX_ELEMENTS == 2**25
    assert pv.resize(np.zeros(4), MAX_LENGTH).shape == (MAX_LENGTH,)  # the limit itself is allowed


# ---------------------------------------------------------------- silent wrong answers
COMPLEX = np.array([1 + 2j, 3 + 0j])


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: pv.resize(COMPLEX, 4), "image"),
        (lambda: pv.index_to_coord(np.array([1 + 0j])), "index"),
        (lambda: pv.coord_to_index(COMPLEX), "coord"),
        (lambda: boxes.encode_boxes([[0, 0, 2, 2j]], [[0, 0, 2, 2]]), "boxes"),
        (lambda: boxes.decode_boxes([[0, 0, 0, 1j]], [[0, 0, 2, 2]]), "deltas"),
        (lambda: signals.chirp(COMPLEX), "t"),
    ],
)
def test_complex_arrays_are_refused(call, name):
    with pytest.raises(TypeError, match=rf"{name} must hold real numbers; got complex"):
        call()


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_are_refused_by_box_coding_and_flips(bad):
    good = [0.0, 0.0, 2.0, 2.0]
    with pytest.raises(ValueError, match="boxes must contain only finite numbers"):
        boxes.encode_boxes([0, 0, 2, bad], good)
    with pytest.raises(ValueError, match="deltas must contain only finite numbers"):
        boxes.decode_boxes([0, 0, 0, bad], good)
    with pytest.raises(ValueError, match="index must contain only finite numbers"):
        boxes.flip_index([bad], 10)
    with pytest.raises(ValueError, match="coord must contain only finite numbers"):
        boxes.flip_coord([bad], 10)
    with pytest.raises(ValueError, match="width must be finite"):
        boxes.flip_coord([1.0], bad)
    with pytest.raises(ValueError, match="x1 must be finite"):
        boxes.legacy_encode_1d(0, bad)


def test_decode_boxes_refuses_deltas_that_overflow():
    with pytest.raises(ValueError, match=r"deltas\[\.\.\., 2:\] \(dw, dh\) must lie within ±700"):
        boxes.decode_boxes([0, 0, 800.0, 0], [0, 0, 2, 2])


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: boxes.flip_index(np.array([True, False]), 10), "index"),
        (lambda: boxes.flip_points(np.array([True, False]), 10), "points"),
        (lambda: boxes.encode_boxes(np.ones(4, bool), [0, 0, 2, 2]), "boxes"),
        (lambda: pv.coord_to_index(np.array([True])), "coord"),
        (lambda: pv.roi_align(np.ones((1, 1, 4, 4), bool), [[0, 0, 2, 2]], 2), "features"),
    ],
)
def test_bool_arrays_are_not_numbers(call, name):
    with pytest.raises(TypeError, match=rf"{name} must hold numbers, not booleans"):
        call()


def test_masks_still_take_bool_arrays():
    m = np.array([[True, False]])
    assert pv.masks.mask_iou(m, m) == 1.0


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: boxes.flip_index(None, 10), "index"),
        (lambda: boxes.flip_coord(None, 10), "coord"),
        (lambda: boxes.flip_coord([1.0], None), "width"),
        (lambda: signals.chirp(None), "t"),
    ],
)
def test_none_is_refused(call, name):
    with pytest.raises(TypeError, match=rf"{name} must be"):
        call()


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: resample.resize_weights(4, 8, antialias="False"), "antialias"),
        (lambda: pv.resize(np.zeros(4), 8, exclude_outside="False"), "exclude_outside"),
        (lambda: pv.roi_align(np.ones((1, 1, 4, 4)), [[0, 0, 2, 2]], 2, aligned="False"), "aligned"),
        (lambda: pv.roi.roi_sample_points([0, 0, 2, 2], 1, aligned="False"), "aligned"),
        (lambda: boxes.legacy_decode_1d(4.0, 4.0, fixed="False"), "fixed"),
        (lambda: geometry.as_boxes([0, 0, 1, 1], allow_empty="False"), "allow_empty"),
        (lambda: pv.anchors.anchor_areas([[0, 0, 1, 1]], inclusive="False"), "inclusive"),
        (lambda: pv.rasterizer_survey.fatness_survey(1, integer_vertices="False"), "integer_vertices"),
    ],
)
def test_the_string_false_is_not_a_flag(call, name):
    with pytest.raises(TypeError, match=rf"{name} must be a bool \(True or False\); got 'False'"):
        call()


def test_parse_convention_allowed_takes_any_spelling():
    assert pv.parse_convention("②", allowed=["half_pixel", "align-corners"]) is pv.Convention.HALF_PIXEL
    with pytest.raises(ValueError, match=r"convention must be one of \['half_pixel'\] here; got 'asymmetric'"):
        pv.parse_convention("③", allowed=["half_pixel"])
    with pytest.raises(ValueError, match=r"allowed\[1\] must be one of"):
        pv.parse_convention("half_pixel", allowed=["half_pixel", "no such"])
    with pytest.raises(TypeError, match="allowed must be a sequence of conventions"):
        pv.parse_convention("half_pixel", allowed="half_pixel")


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: pv.resize(np.zeros((4, 4)), (4, 4, 4)), "size"),
        (lambda: pv.roi_align(np.ones((1, 1, 4, 4)), [[0, 0, 2, 2]], (4, 4, 4)), "output_size"),
        (lambda: pv.paste_mask(np.ones((2, 2)), [0, 0, 2, 2], (4, 4, 4)), "image_shape"),
        (lambda: geometry.pixel_centers((4, 4, 4)), "shape"),
        (lambda: pv.masks.polygon_mask([[0, 0], [1, 0], [0, 1]], (4, 4, 4)), "shape"),
        (lambda: pv.anchors.grid_anchors([[0, 0, 1, 1]], 16, (4, 4, 4)), "grid_shape"),
    ],
)
def test_shape_pairs_of_three_are_refused(call, name):
    with pytest.raises((TypeError, ValueError), match=rf"{name} must be .*pair"):
        call()


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, 1e300, None, "3"])
def test_round_nearest_and_coord_to_index_refuse_non_indices(value):
    exc = TypeError if value is None or isinstance(value, str) else ValueError
    with pytest.raises(exc, match="x must"):
        pv.round_nearest([value], "floor")
    with pytest.raises(exc, match="coord must"):
        pv.coord_to_index([value])


def test_coord_to_index_limit_is_exact_in_int64():
    big = 2.0**53
    assert pv.coord_to_index([big, -big]).tolist() == [2**53, -(2**53)]


# ---------------------------------------------------------------- scaled_size: the libraries' own arithmetic
def test_scaled_size_named_cases():
    # float64: 25 * 1.16 = 28.999999999999996 -> 28; float32: 29.0 exactly -> 29
    assert pv.scaled_size(25, 1.16) == 28
    assert pv.scaled_size(25, 1.16, library="onnxruntime") == 29
    # float64: 25 * 2.36 = 59.0 -> 59; float32: 58.999996 -> 58
    assert pv.scaled_size(25, 2.36) == 59
    assert pv.scaled_size(25, 2.36, library="onnxruntime") == 58
    with pytest.raises(ValueError, match=r"library must be one of \['torch', 'onnxruntime'\]"):
        pv.scaled_size(25, 1.16, library="tf")


def _random_scales(n=300):
    rng = np.random.default_rng(7)
    sizes = rng.integers(1, 200, n)
    # two decimals (the kind users type), which land near integers often
    scales = np.round(rng.uniform(0.3, 4.0, n), 2)
    return [(int(a), float(s)) for a, s in zip(sizes, scales) if a * s >= 1]


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_scaled_size_matches_torch():
    import torch
    import torch.nn.functional as F

    for n, s in _random_scales():
        out = F.interpolate(torch.zeros(1, 1, n), scale_factor=s, mode="linear", align_corners=False)
        assert pv.scaled_size(n, s) == out.shape[-1], (n, s)


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime is not installed")
def test_scaled_size_matches_onnxruntime():
    import onnxruntime as ort
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 1, "N"])
    scales = helper.make_tensor_value_info("scales", TensorProto.FLOAT, [4])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)
    node = helper.make_node("Resize", ["X", "", "scales"], ["Y"], mode="linear")
    model = helper.make_model(
        helper.make_graph([node], "r", [x, scales], [y]), opset_imports=[helper.make_opsetid("", 19)]
    )
    model.ir_version = 9
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    for n, s in _random_scales():
        out = session.run(
            None, {"X": np.zeros((1, 1, 1, n), np.float32), "scales": np.array([1, 1, 1, s], np.float32)}
        )[0]
        assert pv.scaled_size(n, s, library="onnxruntime") == out.shape[-1], (n, s)


# ---------------------------------------------------------------- grid_sample RoIAlign validates like the numpy one
torch_needed = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")


@torch_needed
@pytest.mark.parametrize("index", [3.0, -1.0, 0.6])
def test_roi_align_grid_sample_refuses_bad_batch_indices(index):
    import torch

    from pixelviz.backends.torch_ops import roi_align_grid_sample

    feats = torch.zeros(2, 1, 4, 4)
    rois = torch.tensor([[index, 0.0, 0.0, 2.0, 2.0]])
    with pytest.raises(ValueError, match=r"boxes\[:, 0\] must be integer batch indices in \[0, 2\)"):
        roi_align_grid_sample(feats, rois, 2)
    with pytest.raises(ValueError, match=r"boxes\[:, 0\] must be integer batch indices in \[0, 2\)"):
        pv.roi_align(feats.numpy(), rois.numpy(), 2)  # the numpy reference refuses the same calls


@torch_needed
def test_roi_align_grid_sample_refuses_empty_batch_and_string_flags():
    import torch

    from pixelviz.backends.torch_ops import roi_align_grid_sample

    with pytest.raises(ValueError, match=r"features must not be empty; got shape \(0, 1, 4, 4\)"):
        roi_align_grid_sample(torch.zeros(0, 1, 4, 4), torch.zeros(1, 4), 2)
    with pytest.raises(TypeError, match="aligned must be a bool"):
        roi_align_grid_sample(torch.zeros(1, 1, 4, 4), torch.zeros(1, 4), 2, aligned="False")
    with pytest.raises(TypeError, match="features must be a real floating-point tensor"):
        roi_align_grid_sample(torch.zeros(1, 1, 4, 4, dtype=torch.complex64), torch.zeros(1, 4), 2)


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("roi_align_benchmark", ROOT / "benchmarks" / "roi_align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(importlib.util.find_spec("torchvision") is None, reason="torchvision is not installed")
def test_benchmark_refuses_an_empty_feature_map_and_nan_time():
    bench = _benchmark_module()
    # 64 // 100 = 0: a 0 x 0 feature map crashed torchvision's kernel (a segfault); now it is refused
    with pytest.raises(ValueError, match=r"image_size // stride must be >= 1"):
        bench.benchmark_roi_align([10], image_size=64, stride=100)
    with pytest.raises(ValueError, match="min_run_time must be finite"):
        bench.benchmark_roi_align([10], min_run_time=math.nan)
    import torch

    from pixelviz.backends.torchvision_ops import time_roi_align

    with pytest.raises(ValueError, match="min_run_time must be finite"):
        time_roi_align(torch.zeros(1, 1, 4, 4), [[0, 0, 0, 2, 2]], min_run_time=math.nan)


@pytest.mark.skipif(importlib.util.find_spec("torchvision") is None, reason="torchvision is not installed")
def test_time_roi_align_times_both_ops_and_agrees():
    import torch

    from pixelviz.backends.torchvision_ops import time_roi_align

    feats = torch.randn(1, 2, 8, 8, generator=torch.Generator().manual_seed(0))
    row = time_roi_align(feats, pv.roi.random_boxes(20, 128, seed=1), 3, 1 / 16, 2, min_run_time=0.01)
    assert row["torchvision_s"] > 0 and row["grid_sample_s"] > 0
    assert row["ratio"] == pytest.approx(row["grid_sample_s"] / row["torchvision_s"])
    assert row["max_abs_diff"] < 1e-5
