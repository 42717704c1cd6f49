"""pixelviz's own numpy references, registered beside the libraries for the origin probes.

``pixelviz.roi.point_sample`` (points normalized by ``(W, H)``, integer
corners), ``pixelviz.roi.roi_align`` (``aligned=True``) and
``pixelviz.roi.paste_mask``: the probes must find integer corners, bin
centres and a mask that tiles its box, the conventions they are written in.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_bool, check_int
from ._samplers import SamplerBackend, register_sampler

__all__ = ["make_point_sample", "make_roi_align", "make_paste"]


def make_point_sample() -> Any:
    """``fn(image, points)``: :func:`pixelviz.roi.point_sample` on ``points / (W, H)``."""

    def factory():
        from ..roi import point_sample

        def fn(image, points):
            img = np.asarray(image, np.float64)
            p = np.asarray(points, np.float64).reshape(-1, 2) / np.array([img.shape[1], img.shape[0]], float)
            return point_sample(img[None, None], p[None])[0, 0]

        return fn

    return factory


def make_roi_align(aligned: bool = True, sampling_ratio: int = 2) -> Any:
    """``fn(image, box, out_size)``: :func:`pixelviz.roi.roi_align` of one box."""
    aligned = check_bool("aligned", aligned)
    sampling_ratio = check_int("sampling_ratio", sampling_ratio, minimum=-1)

    def factory():
        from ..roi import roi_align

        def fn(image, box, out_size):
            img = np.asarray(image, np.float64)[None, None]
            out = roi_align(
                img, np.array([box], float), tuple(out_size), sampling_ratio=sampling_ratio, aligned=aligned
            )
            return out[0, 0]

        return fn

    return factory


def make_paste(legacy: bool = False) -> Any:
    """``fn(mask, box, image_shape)``: :func:`pixelviz.roi.paste_mask` (or ``paste_mask_legacy``, thresholded)."""
    legacy = check_bool("legacy", legacy)

    def factory():
        from ..roi import paste_mask, paste_mask_legacy

        def fn(mask, box, image_shape):
            paste = paste_mask_legacy if legacy else paste_mask
            return np.asarray(paste(np.asarray(mask, np.float64), np.asarray(box, float), tuple(image_shape)), float)

        return fn

    return factory


register_sampler(
    SamplerBackend(
        "pixelviz.paste_mask",
        "pixelviz",
        "numpy",
        "pixelviz.roi.paste_mask",
        "",
        "paste",
        make_paste(False),
        "mask_on_box",
    ),
    SamplerBackend(
        "pixelviz.paste_mask_legacy",
        "pixelviz",
        "numpy",
        "pixelviz.roi.paste_mask_legacy",
        "Detectron's, thresholded",
        "paste",
        make_paste(True),
        None,
    ),
)
register_sampler(
    SamplerBackend(
        "pixelviz.point_sample",
        "pixelviz",
        "numpy",
        "pixelviz.roi.point_sample",
        "points / (W, H)",
        "points",
        make_point_sample(),
        "integer_corners",
    ),
    SamplerBackend(
        "pixelviz.roi_align",
        "pixelviz",
        "numpy",
        "pixelviz.roi.roi_align",
        "aligned=True, sampling_ratio=2",
        "crops",
        make_roi_align(True, 2),
        "bin_centers",
    ),
)
