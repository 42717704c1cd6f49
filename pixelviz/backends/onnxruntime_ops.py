"""ONNX Runtime's ``Resize`` (opset 19) for every coordinate_transformation_mode and nearest_mode."""

from __future__ import annotations

import functools
from typing import Any

from .._validate import check_choice, check_int
from ..conventions import parse_convention, parse_rounding
from ._registry import Backend, Factory, register

__all__ = ["make_resize", "resize_session"]

_OPSET = 19


def _check_attributes(mode: Any, ctm: Any, nearest_mode: Any, antialias: Any) -> tuple[str, str, str, int]:
    return (
        check_choice("mode", mode, ("nearest", "linear", "cubic")),
        parse_convention(ctm, name="ctm").value,
        parse_rounding(nearest_mode, name="nearest_mode").value,
        check_int("antialias", antialias, minimum=0, maximum=1),
    )


def resize_session(mode: str, ctm: str, nearest_mode: str = "round_prefer_floor", antialias: int = 0) -> Any:
    """An ``onnxruntime.InferenceSession`` holding one ``Resize`` node (one per attribute set, cached).

    Inputs: ``X`` float32 ``[1, 1, 1, N]`` and ``sizes`` int64 ``[4]``;
    ``roi`` is the whole image ``[0, 1]`` (used only by ``tf_crop_and_resize``).
    ``ctm`` is ONNX's ``coordinate_transformation_mode`` (a
    :class:`~pixelviz.conventions.Convention`), ``nearest_mode`` its rounding.
    """
    return _session(*_check_attributes(mode, ctm, nearest_mode, antialias))


@functools.cache
def _session(mode: str, ctm: str, nearest_mode: str, antialias: int) -> Any:
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 1, "N"])
    sizes = helper.make_tensor_value_info("sizes", TensorProto.INT64, [4])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 1, 1, "M"])
    roi = helper.make_tensor("roi", TensorProto.FLOAT, [8], np.array([0, 0, 0, 0, 1, 1, 1, 1], np.float32))
    node = helper.make_node(
        "Resize",
        ["X", "roi", "", "sizes"],
        ["Y"],
        mode=mode,
        coordinate_transformation_mode=ctm,
        nearest_mode=nearest_mode,
        antialias=antialias,
    )
    graph = helper.make_graph([node], "resize", [x, sizes], [y], initializer=[roi])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", _OPSET)])
    model.ir_version = min(model.ir_version, 9)
    onnx.checker.check_model(model)
    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def make_resize(mode: str, ctm: str, nearest_mode: str = "round_prefer_floor", antialias: int = 0) -> Factory:
    """``fn(x, size)`` running ONNX ``Resize`` with these attributes (see :func:`resize_session`)."""
    attributes = _check_attributes(mode, ctm, nearest_mode, antialias)

    def factory():
        import numpy as np

        session = _session(*attributes)

        def fn(x, size):
            feed = {
                "X": np.asarray(x, dtype=np.float32).reshape(1, 1, 1, -1),
                "sizes": np.array([1, 1, 1, size], dtype=np.int64),
            }
            return session.run(None, feed)[0].reshape(-1)

        return fn

    return factory


_CTMS = [
    "half_pixel",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "half_pixel_symmetric",
    "tf_crop_and_resize",
]
_rows = [
    Backend(
        f"onnxruntime.resize.linear_{ctm}",
        "ONNX Runtime",
        "onnxruntime",
        "Resize",
        f"linear, {ctm}",
        make_resize("linear", ctm),
        None,
    )
    for ctm in _CTMS
]
_rows.append(
    Backend(
        "onnxruntime.resize.cubic_half_pixel",
        "ONNX Runtime",
        "onnxruntime",
        "Resize",
        "cubic, half_pixel",
        make_resize("cubic", "half_pixel"),
        None,
    )
)
_rows.append(
    Backend(
        "onnxruntime.resize.linear_half_pixel_aa",
        "ONNX Runtime",
        "onnxruntime",
        "Resize",
        "linear, half_pixel, antialias=1",
        make_resize("linear", "half_pixel", antialias=1),
        None,
    )
)
for ctm, nm in [
    ("half_pixel", "round_prefer_floor"),
    ("half_pixel", "round_prefer_ceil"),
    ("half_pixel", "floor"),
    ("half_pixel", "ceil"),
    ("asymmetric", "floor"),
    ("align_corners", "round_prefer_ceil"),
]:
    _rows.append(
        Backend(
            f"onnxruntime.resize.nearest_{ctm}_{nm}",
            "ONNX Runtime",
            "onnxruntime",
            "Resize",
            f"nearest, {ctm}, {nm}",
            make_resize("nearest", ctm, nm),
            None,
        )
    )
register(*_rows)
