"""pixelviz: where are pixels?

Grid conventions and coordinate transforms (:mod:`pixelviz.conventions`),
numpy reference implementations of the operations whose conventions matter,
a probe that measures which convention a resize function uses, and
matplotlib drawings of all of it (:mod:`pixelviz.plot`, imported on first
use).

``import pixelviz`` needs only numpy and matplotlib; adapters for torch,
OpenCV, Pillow, ... import their library when they are called.
"""

from __future__ import annotations

import importlib
from typing import Any

from .conventions import (
    GRID_CONVENTIONS,
    RESIZE_CONVENTIONS,
    Convention,
    NearestRounding,
    Origin,
    convert_origin,
    coord_to_index,
    index_to_coord,
    lands_on_samples,
    parse_convention,
    parse_origin,
    parse_rounding,
    reads_outside,
    round_nearest,
    sample_positions,
    scaled_size,
    source_coords,
)
from .probe import ProbeResult, probe_crop, probe_points, probe_resize
from .reproduce import Recipe, equivalent_ops, reproduce_resize
from .resample import resize, sample_bilinear
from .roi import paste_mask, point_sample, roi_align

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Convention",
    "GRID_CONVENTIONS",
    "RESIZE_CONVENTIONS",
    "NearestRounding",
    "Origin",
    "parse_convention",
    "parse_rounding",
    "parse_origin",
    "sample_positions",
    "source_coords",
    "reads_outside",
    "lands_on_samples",
    "scaled_size",
    "round_nearest",
    "index_to_coord",
    "coord_to_index",
    "convert_origin",
    "torch_device",
    "resize",
    "sample_bilinear",
    "roi_align",
    "paste_mask",
    "point_sample",
    "probe_resize",
    "ProbeResult",
    "probe_points",
    "probe_crop",
    "reproduce_resize",
    "equivalent_ops",
    "Recipe",
    "plot",
    "backends",
]

# Submodules loaded on first attribute access, so ``import pixelviz`` stays fast.
_LAZY_SUBMODULES = {
    "plot",
    "boxes",
    "masks",
    "anchors",
    "backends",
    "exercises",
    "geometry",
    "origin_checks",
    "rasterizer_survey",
    "signals",
    "tables",
    "targets",
}


def torch_device() -> Any:
    """``torch.device("cuda")`` when a GPU is visible, else ``"cpu"``.

    See :func:`pixelviz.backends.torch_ops.torch_device` (where torch is called).
    """
    from .backends.torch_ops import torch_device as device

    return device()


def __getattr__(name: str) -> Any:
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'pixelviz' has no attribute {name!r}")
