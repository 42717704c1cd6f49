"""Every call of a real library in pixelviz: one module per library.

Each ``<library>_ops`` module wraps one library (``torch_ops`` for PyTorch,
``torchvision_ops``, ``opencv_ops`` for ``cv2``, ``pillow_ops`` for ``PIL``,
``skimage_ops``, ``scipy_ops``, ``onnxruntime_ops`` for ONNX and ONNX
Runtime, ``tensorflow_ops``, ``jax_ops``, ``kornia_ops``, ``pycocotools_ops``) and imports it
only inside its functions, so ``import pixelviz.backends`` needs only numpy.
The names end in ``_ops`` so that ``backends/torch_ops.py`` never reads like
the ``torch`` package it calls.

Their resize ops share one signature, ``fn(x, size) -> y``, for the probe.
Every backend imports its library only when first called, and reports
``"not installed"`` when the library is missing::

    >>> from pixelviz import backends
    >>> b = backends.get_backend("opencv.resize.linear")
    >>> b.status in ("ok", "not installed")
    True

See :func:`probe_backends` to run :func:`pixelviz.probe.probe_resize` on
each of them.
"""

from __future__ import annotations

# Registration order is the order of the tables: the article's rows first (so no import sorting here).
# isort: off
from . import opencv_ops, pillow_ops, skimage_ops, torch_ops, torchvision_ops
from . import tensorflow_ops, onnxruntime_ops, scipy_ops, jax_ops, kornia_ops, pycocotools_ops, pixelviz_ops

# isort: on
from ._downscale import (
    Downscaler,
    DownscaleReport,
    downscale_table,
    list_downscalers,
    measure_downscalers,
    register_downscale,
)
from ._registry import Backend, NotInstalledError, get_backend, libraries, list_backends, register
from ._report import ARTICLE_ROWS, BackendReport, article_rows, compare_with_article, probe_backends, report_table
from ._samplers import (
    ORIGIN_COLUMNS,
    OriginReport,
    SamplerBackend,
    get_sampler,
    list_crop_ops,
    list_paste_ops,
    list_point_samplers,
    origin_rows,
    origin_rules,
    probe_origin_backends,
)

__all__ = [
    "opencv_ops",
    "pillow_ops",
    "skimage_ops",
    "torch_ops",
    "torchvision_ops",
    "tensorflow_ops",
    "onnxruntime_ops",
    "scipy_ops",
    "jax_ops",
    "kornia_ops",
    "pycocotools_ops",
    "pixelviz_ops",
    "ARTICLE_ROWS",
    "Backend",
    "BackendReport",
    "Downscaler",
    "DownscaleReport",
    "downscale_table",
    "list_downscalers",
    "measure_downscalers",
    "register_downscale",
    "article_rows",
    "NotInstalledError",
    "compare_with_article",
    "get_backend",
    "libraries",
    "list_backends",
    "probe_backends",
    "register",
    "report_table",
    "SamplerBackend",
    "OriginReport",
    "ORIGIN_COLUMNS",
    "get_sampler",
    "list_point_samplers",
    "list_crop_ops",
    "list_paste_ops",
    "probe_origin_backends",
    "origin_rows",
    "origin_rules",
]
