"""torchvision: ``transforms.v2.functional.resize`` as resize backends, and ``torchvision.ops.roi_align``.

Every call of torchvision in pixelviz is in this module (imported inside
each function). Tensors live on :func:`~pixelviz.backends.torch_ops.torch_device`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import (
    check_bool,
    check_choice,
    check_elements,
    check_finite_array,
    check_finite_float,
    check_int,
    check_size_pair,
)
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler
from .torch_ops import roi_align_grid_sample, torch_device

__all__ = ["make_tv_resize", "roi_align", "roi_align_box", "time_roi_align", "make_roi_crop"]


def make_tv_resize(interpolation: str, antialias: bool) -> Factory:
    """``fn(x, size)`` calling ``torchvision.transforms.v2.functional.resize`` on a ``(1, 1, N)`` image."""
    interpolation = check_choice("interpolation", interpolation, ("NEAREST", "NEAREST_EXACT", "BILINEAR", "BICUBIC"))
    antialias = check_bool("antialias", antialias)

    def factory():
        import torch
        from torchvision.transforms import InterpolationMode
        from torchvision.transforms.v2 import functional as TF

        device = torch_device()
        mode = getattr(InterpolationMode, interpolation)

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device).view(1, 1, -1)
            out = TF.resize(t, [1, size], interpolation=mode, antialias=antialias)
            return out.reshape(-1).double().cpu().numpy()

        return fn

    return factory


register(
    Backend(
        "torchvision.resize.bilinear_aa",
        "torchvision",
        "torchvision",
        "transforms.v2.functional.resize",
        "BILINEAR, antialias=True",
        make_tv_resize("BILINEAR", True),
        None,
    ),
    Backend(
        "torchvision.resize.bilinear",
        "torchvision",
        "torchvision",
        "transforms.v2.functional.resize",
        "BILINEAR, antialias=False",
        make_tv_resize("BILINEAR", False),
        None,
    ),
    Backend(
        "torchvision.resize.nearest",
        "torchvision",
        "torchvision",
        "transforms.v2.functional.resize",
        "NEAREST",
        make_tv_resize("NEAREST", False),
        None,
    ),
    Backend(
        "torchvision.resize.nearest_exact",
        "torchvision",
        "torchvision",
        "transforms.v2.functional.resize",
        "NEAREST_EXACT",
        make_tv_resize("NEAREST_EXACT", False),
        None,
    ),
)


def roi_align(
    features: ArrayLike,
    boxes: ArrayLike,
    output_size: int | tuple[int, int],
    spatial_scale: float = 1.0,
    sampling_ratio: int = -1,
    aligned: bool = True,
) -> NDArray[np.float64]:
    """``torchvision.ops.roi_align`` on numpy arrays, in float32 on :func:`torch_device`.

    Takes and checks the arguments exactly as :func:`pixelviz.roi.roi_align`
    (the numpy reference it equals): features ``(N, C, H, W)``, boxes
    ``(K, 4)`` for image 0 or ``(K, 5)`` with integer batch indices in
    ``[0, N)``, integer-corner coordinates.

    Returns
    -------
    ndarray of float64, shape (K, C, output_h, output_w)
        torchvision's float32 output, as float64.
    """
    import torch
    from torchvision.ops import roi_align as tv_roi_align

    from ..roi import _check_features, _check_pair, _check_ratio, _check_rois

    feats = _check_features(features)
    batch, rois = _check_rois(boxes, feats.shape[0])
    out_h, out_w = _check_pair("output_size", output_size)
    scale = check_finite_float("spatial_scale", spatial_scale, positive=True)
    ratio = _check_ratio(sampling_ratio)
    al = check_bool("aligned", aligned)
    check_elements("the output (boxes x channels x output_size)", len(rois) * feats.shape[1] * out_h * out_w)
    device = torch_device()
    t = torch.as_tensor(feats, dtype=torch.float32, device=device)
    r = torch.as_tensor(
        np.concatenate([batch[:, None].astype(np.float64), rois], axis=1), dtype=torch.float32, device=device
    )
    out = tv_roi_align(t, r, (out_h, out_w), spatial_scale=scale, sampling_ratio=ratio, aligned=al)
    return out.cpu().double().numpy()


def roi_align_box(
    image: ArrayLike, box: ArrayLike, *, output_size: int = 1, sampling_ratio: int = 1, aligned: bool = True
) -> NDArray[np.float32]:
    """``torchvision.ops.roi_align`` of one box on a single-channel image.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    box : array_like, shape (4,)
        ``[x0, y0, x1, y1]`` in integer corners (torchvision's reading when
        ``aligned=True``).
    output_size : int
        ``K`` for a ``K x K`` output.
    sampling_ratio : int
        Samples per bin side (``-1``: adaptive).
    aligned : bool
        ``True`` shifts samples by ``-1/2`` to turn corner coordinates into
        the indices bilinear interpolation needs; ``False`` is the legacy
        behaviour (it reads the box as if it were in integer centers).

    Returns
    -------
    ndarray of float32, shape (K, K)

    Notes
    -----
    **Convention.** The box ``[2, 1, 3, 2]`` covers exactly pixel
    ``(row 1, col 2)``; with ``aligned=True`` every sample lies inside that
    pixel's square and bilinear weights put all mass on it, so a 1 x 1
    output equals that pixel's value.
    """
    from ..geometry import as_boxes

    img = check_finite_array("image", image, ndim=2)
    if img.size == 0:
        raise ValueError(f"image must be a non-empty 2D array (H, W); got shape {img.shape}")
    b = as_boxes(box, name="box")
    if b.shape != (4,):
        raise ValueError(f"box must have shape (4,); got shape {b.shape}")
    out = roi_align(img[None, None], b[None], output_size, sampling_ratio=sampling_ratio, aligned=aligned)
    return out[0, 0].astype(np.float32)


def _import_benchmark() -> Any:
    """``torch.utils.benchmark``, imported without the CUDA_HOME log line.

    Its import pulls in ``torch.utils.cpp_extension``, which logs "No CUDA
    runtime is found, using CUDA_HOME=..." on a machine without a GPU (a CUDA
    build of torch running on the CPU); timing never compiles an extension,
    so the line says nothing about the measurement and would land on the page.
    """
    import logging

    log = logging.getLogger("torch.utils.cpp_extension")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        from torch.utils import benchmark
    finally:
        log.setLevel(level)
    return benchmark


def time_roi_align(
    features: Any,
    boxes: ArrayLike,
    output_size: int = 7,
    spatial_scale: float = 1.0,
    sampling_ratio: int = 2,
    *,
    min_run_time: float = 0.2,
) -> dict[str, float]:
    """Time ``torchvision.ops.roi_align`` and :func:`roi_align_grid_sample` on the same boxes.

    Both run with ``aligned=True`` on ``features``' device, timed with
    ``torch.utils.benchmark.Timer.blocked_autorange`` (median seconds per call).

    Parameters
    ----------
    features : Tensor[N, C, H, W] of float
        At least 1 x 1 spatially.
    boxes : (K, 5) array_like or Tensor of float
        ``(n, x0, y0, x1, y1)`` in input-image integer corners (e.g.
        :func:`pixelviz.roi.random_boxes`).
    output_size, spatial_scale, sampling_ratio
        As in :func:`roi_align_grid_sample`.
    min_run_time : float
        Seconds each op is timed for, finite, in ``(0, 600]``.

    Returns
    -------
    dict
        ``torchvision_s``, ``grid_sample_s``, ``ratio`` (grid_sample /
        torchvision) and ``max_abs_diff`` between the two outputs.
    """
    import torch
    from torchvision.ops import roi_align as tv_roi_align

    from .torch_ops import _check_features

    benchmark = _import_benchmark()

    feats = _check_features(features)
    t_run = check_finite_float("min_run_time", min_run_time, positive=True, maximum=600.0)
    rois = boxes if isinstance(boxes, torch.Tensor) else torch.as_tensor(check_finite_array("boxes", boxes, ndim=2))
    rois = rois.to(device=feats.device, dtype=feats.dtype)
    args = (
        feats,
        rois,
        check_size_pair("output_size", output_size, square=True),
        check_finite_float("spatial_scale", spatial_scale, positive=True),
        check_int("sampling_ratio", sampling_ratio, minimum=-1, maximum=64),
        True,
    )
    ours = roi_align_grid_sample(*args)  # validates boxes, batch indices, the ratio
    diff = float((tv_roi_align(*args) - ours).abs().max().item()) if ours.numel() else 0.0
    env = {"tv": tv_roi_align, "gs": roi_align_grid_sample, "args": args}
    times = {}
    for key, stmt in (("torchvision_s", "tv(*args)"), ("grid_sample_s", "gs(*args)")):
        timer = benchmark.Timer(stmt=stmt, globals=env, num_threads=torch.get_num_threads())
        times[key] = float(timer.blocked_autorange(min_run_time=t_run).median)
    return {**times, "ratio": times["grid_sample_s"] / times["torchvision_s"], "max_abs_diff": diff}


def make_roi_crop(op: str, aligned: bool = True, sampling_ratio: int = 2) -> Factory:
    """``fn(image, box, out_size)`` calling ``torchvision.ops.roi_align`` (or ``roi_pool``) on one box.

    The box ``(x0, y0, x1, y1)`` is passed unchanged, batch index 0,
    ``spatial_scale=1``; ``aligned`` and ``sampling_ratio`` only for ``roi_align``.
    """
    op = check_choice("op", op, ("roi_align", "roi_pool"))
    aligned = check_bool("aligned", aligned)
    sampling_ratio = check_int("sampling_ratio", sampling_ratio, minimum=-1)

    def factory():
        import torch
        from torchvision import ops

        def fn(image, box, out_size):
            t = torch.as_tensor(np.asarray(image, np.float64), dtype=torch.float32)[None, None]
            r = torch.tensor([[0.0, *[float(v) for v in box]]], dtype=torch.float32)
            if op == "roi_pool":
                out = ops.roi_pool(t, r, tuple(out_size), spatial_scale=1.0)
            else:
                out = ops.roi_align(
                    t, r, tuple(out_size), spatial_scale=1.0, sampling_ratio=sampling_ratio, aligned=aligned
                )
            return out[0, 0].double().numpy()

        return fn

    return factory


register_sampler(
    SamplerBackend(
        "torchvision.roi_align.aligned",
        "torchvision",
        "torchvision",
        "ops.roi_align",
        "aligned=True, sampling_ratio=2",
        "crops",
        make_roi_crop("roi_align", True, 2),
        "bin_centers",
    ),
    SamplerBackend(
        "torchvision.roi_align.aligned_adaptive",
        "torchvision",
        "torchvision",
        "ops.roi_align",
        "aligned=True, sampling_ratio=-1",
        "crops",
        make_roi_crop("roi_align", True, -1),
        "bin_centers",
    ),
    SamplerBackend(
        "torchvision.roi_align.legacy",
        "torchvision",
        "torchvision",
        "ops.roi_align",
        "aligned=False, sampling_ratio=2",
        "crops",
        make_roi_crop("roi_align", False, 2),
        "half_shifted",
    ),
    SamplerBackend(
        "torchvision.roi_pool",
        "torchvision",
        "torchvision",
        "ops.roi_pool",
        "",
        "crops",
        make_roi_crop("roi_pool"),
        None,
    ),
)
