"""TensorFlow: ``tf.image.resize`` (v2), the v1 resize ops, and ``tf.image.crop_and_resize``.

TensorFlow is optional; without it these backends report "not installed".
"""

from __future__ import annotations

from typing import Any

from .._validate import check_bool, check_choice, check_finite_float, check_pair
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = [
    "make_resize",
    "make_resize_v1",
    "make_crop_and_resize",
    "make_downscale",
    "BOX_NORMALIZATIONS",
    "make_crop_box",
]


#: ``tf.image.resize`` methods and the ``tf.compat.v1.image`` resize ops a backend may name.
METHODS = ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic")
V1_OPS = ("resize_bilinear", "resize_nearest_neighbor", "resize_bicubic", "resize_area")


def _image(tf: Any, x: Any) -> Any:
    return tf.constant(x, dtype=tf.float32)[None, None, :, None]  # NHWC [1, 1, N, 1]


def make_resize(method: str, antialias: bool = False) -> Factory:
    """``fn(x, size)`` calling ``tf.image.resize(image, [1, size], method, antialias)``."""
    method = check_choice("method", method, METHODS)
    antialias = check_bool("antialias", antialias)

    def factory():
        import tensorflow as tf

        def fn(x, size):
            out = tf.image.resize(_image(tf, x), [1, size], method=method, antialias=antialias)
            return out.numpy().reshape(-1)

        return fn

    return factory


def make_resize_v1(op: str, align_corners: bool, half_pixel_centers: bool) -> Factory:
    """``fn(x, size)`` calling ``tf.compat.v1.image.<op>`` (``resize_bilinear``, ``resize_nearest_neighbor``)."""
    op = check_choice("op", op, V1_OPS)
    align_corners = check_bool("align_corners", align_corners)
    half_pixel_centers = check_bool("half_pixel_centers", half_pixel_centers)

    def factory():
        import tensorflow as tf

        resize = getattr(tf.compat.v1.image, op)

        def fn(x, size):
            out = resize(_image(tf, x), [1, size], align_corners=align_corners, half_pixel_centers=half_pixel_centers)
            return out.numpy().reshape(-1)

        return fn

    return factory


def make_crop_and_resize(box: tuple[float, float] = (0.0, 1.0)) -> Factory:
    """``fn(x, size)`` calling ``tf.image.crop_and_resize`` with the normalized box ``[0, box0, 1, box1]``."""
    box = check_pair("box", box, check_finite_float, what="(start, end)")

    def factory():
        import tensorflow as tf

        def fn(x, size):
            out = tf.image.crop_and_resize(_image(tf, x), [[0.0, box[0], 1.0, box[1]]], [0], [1, size])
            return out.numpy().reshape(-1)

        return fn

    return factory


# The article's table: TFv1 BILINEAR/NEAREST align_corners=False ③, align_corners=True ①;
# TFv2 BILINEAR/NEAREST ②; crop_and_resize "none of the above".
_TF = "tensorflow"
register(
    Backend(
        "tensorflow.resize.bilinear", "TensorFlow", _TF, "tf.image.resize", "bilinear", make_resize("bilinear"), "②"
    ),
    Backend("tensorflow.resize.nearest", "TensorFlow", _TF, "tf.image.resize", "nearest", make_resize("nearest"), "②"),
    Backend("tensorflow.resize.bicubic", "TensorFlow", _TF, "tf.image.resize", "bicubic", make_resize("bicubic"), None),
    Backend("tensorflow.resize.area", "TensorFlow", _TF, "tf.image.resize", "area", make_resize("area"), None),
    Backend(
        "tensorflow.resize.bilinear_aa",
        "TensorFlow",
        _TF,
        "tf.image.resize",
        "bilinear, antialias=True",
        make_resize("bilinear", True),
        None,
    ),
    Backend(
        "tensorflow.v1.bilinear",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_bilinear",
        "align_corners=False",
        make_resize_v1("resize_bilinear", False, False),
        "③",
    ),
    Backend(
        "tensorflow.v1.bilinear_ac",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_bilinear",
        "align_corners=True",
        make_resize_v1("resize_bilinear", True, False),
        "①",
    ),
    Backend(
        "tensorflow.v1.bilinear_hpc",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_bilinear",
        "half_pixel_centers=True",
        make_resize_v1("resize_bilinear", False, True),
        None,
    ),
    Backend(
        "tensorflow.v1.nearest",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_nearest_neighbor",
        "align_corners=False",
        make_resize_v1("resize_nearest_neighbor", False, False),
        "③",
    ),
    Backend(
        "tensorflow.v1.nearest_ac",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_nearest_neighbor",
        "align_corners=True",
        make_resize_v1("resize_nearest_neighbor", True, False),
        "①",
    ),
    Backend(
        "tensorflow.v1.nearest_hpc",
        "TensorFlow",
        _TF,
        "tf.compat.v1.image.resize_nearest_neighbor",
        "half_pixel_centers=True",
        make_resize_v1("resize_nearest_neighbor", False, True),
        None,
    ),
    Backend(
        "tensorflow.crop_and_resize.full",
        "TensorFlow",
        _TF,
        "tf.image.crop_and_resize",
        "box = whole image [0, 1]",
        make_crop_and_resize(),
        "none",
    ),
)


def make_downscale(antialias: bool) -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``tf.image.resize(image[None, ..., None], (h, w), "bilinear", antialias)``."""
    antialias = check_bool("antialias", antialias)

    def factory():
        import numpy as np
        import tensorflow as tf

        def fn(img, shape):
            x = tf.constant(np.asarray(img, dtype=np.float32))[None, :, :, None]  # NHWC
            out = tf.image.resize(x, tuple(shape), method="bilinear", antialias=antialias)
            return out.numpy()[0, :, :, 0]

        return fn

    return factory


register_downscale(
    Downscaler(
        "tensorflow.bilinear",
        "TensorFlow",
        _TF,
        "tf.image.resize bilinear",
        make_downscale(False),
        False,
        "TF bilinear",
    ),
    Downscaler(
        "tensorflow.bilinear_aa",
        "TensorFlow",
        _TF,
        "tf.image.resize bilinear, antialias=True",
        make_downscale(True),
        True,
        "TF bilinear\nantialias=True",
    ),
)


#: How people turn a pixel box into ``crop_and_resize``'s normalized box: ``x / W`` or ``x / (W − 1)``; and
#: ``"roi_align"``, :func:`pixelviz.roi.crop_and_resize_box` (RoIAlign's bin centres, one sample per bin).
BOX_NORMALIZATIONS = ("x/W", "x/(W-1)", "roi_align")


def make_crop_box(normalization: str) -> Factory:
    """``fn(image, box, out_size)`` calling ``tf.image.crop_and_resize`` on a pixel box normalized as users do.

    ``box = (x0, y0, x1, y1)`` in pixels becomes ``[y0/H, x0/W, y1/H, x1/W]``
    (``"x/W"``) or ``[y0/(H−1), x0/(W−1), ...]`` (``"x/(W-1)"``), or the box
    :func:`pixelviz.roi.crop_and_resize_box` computes (``"roi_align"``); bilinear,
    ``extrapolation_value=0``. Probed in its own process (see ``_samplers``).
    """
    normalization = check_choice("normalization", normalization, BOX_NORMALIZATIONS)

    def factory():
        import numpy as np
        import tensorflow as tf

        from ..roi import crop_and_resize_box

        def fn(image, box, out_size):
            img = np.asarray(image, np.float64)
            h, w = img.shape
            dh, dw = (h, w) if normalization == "x/W" else (h - 1, w - 1)
            x0, y0, x1, y1 = (float(v) for v in box)
            b = [[y0 / dh, x0 / dw, y1 / dh, x1 / dw]]
            if normalization == "roi_align":
                b = [crop_and_resize_box(box, (h, w), tuple(out_size)).tolist()]
            t = tf.constant(img, dtype=tf.float32)[None, :, :, None]
            out = tf.image.crop_and_resize(t, b, [0], list(out_size))
            return out.numpy()[0, :, :, 0].astype(np.float64)

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"tensorflow.crop_and_resize.{key}",
            "TensorFlow",
            _TF,
            "tf.image.crop_and_resize",
            options,
            "crops",
            make_crop_box(n),
            expect,
            isolate=True,
        )
        for n, key, options, expect in [
            ("x/W", "W", "pixel box, normalized x/W", None),
            ("x/(W-1)", "W-1", "pixel box, normalized x/(W-1)", None),
            ("roi_align", "roi_align", "box from pixelviz.roi.crop_and_resize_box", "bin_centers"),
        ]
    ]
)
