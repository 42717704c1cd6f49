"""RoIAlign, paste-mask and point sampling written with ``torch.nn.functional.grid_sample``.

These show that the three ops are one primitive, bilinear sampling at
continuous points, plus (for RoIAlign) an average. torch is imported inside
each function, so ``import pixelviz`` does not need it.

``grid_sample(input, grid, align_corners=False)`` reads the normalized
coordinate ``u`` in ``[-1, 1]`` at sample index ``((u + 1) W - 1) / 2``. For
``u = 2 x / W - 1`` that is ``x - 1/2``: the integer-corner coordinate ``x``
read the way ``aligned=True`` RoIAlign reads it. Example: ``W = 4``,
``x = 1.25`` -> ``u = -0.375`` -> index 0.75.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import check_finite_float, check_int, check_positive_int
from .conventions import Origin, convert_origin, index_to_coord, sample_positions

__all__ = ["roi_align_grid_sample", "paste_masks", "point_sample", "random_rois", "benchmark_roi_align"]


def _torch():
    try:
        import torch
        import torch.nn.functional as F
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without torch
        raise ModuleNotFoundError("pixelviz.torch_ops needs PyTorch: pip install 'pixelviz[ops]'") from exc
    return torch, F


def _check_tensor(name: str, value: Any, ndim: int, shape_text: str):
    torch, _ = _torch()
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor {shape_text}; got {type(value).__name__}")
    if value.dim() != ndim:
        raise ValueError(f"{name} must have shape {shape_text}; got shape {tuple(value.shape)}")
    if not value.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor; got dtype {value.dtype}")
    if not bool(torch.isfinite(value).all()):
        raise ValueError(f"{name} must contain only finite numbers; got NaN or inf in shape {tuple(value.shape)}")
    return value


#: Added to an integer-corner coordinate to get the sample index it reads (-1/2).
_TO_INDEX = float(convert_origin(0.0, Origin.CORNERS, Origin.CENTERS))


def _normalize(coord, size: int):
    """Integer-corner coordinate -> ``grid_sample``'s ``[-1, 1]`` (``align_corners=False``)."""
    return coord * (2.0 / size) - 1.0


def _half_pixel(n: int, like):
    """``(k + 1/2) / n`` for ``k < n`` as a tensor like ``like``: sample centers in a unit interval."""
    torch, _ = _torch()
    return torch.as_tensor(sample_positions(n, "half_pixel"), dtype=like.dtype, device=like.device)


def roi_align_grid_sample(features, boxes, output_size: int | tuple[int, int], spatial_scale: float = 1.0,
                          sampling_ratio: int = 2, aligned: bool = True):
    """RoIAlign as ``F.grid_sample`` + ``F.avg_pool2d``; equal to ``torchvision.ops.roi_align``.

    Parameters
    ----------
    features : Tensor[N, C, H, W] of float
    boxes : Tensor[K, 5] or Tensor[K, 4] of float
        ``(n, x0, y0, x1, y1)`` or ``(x0, y0, x1, y1)`` for image 0, input-image
        integer-corner coordinates (see :func:`pixelviz.roi.roi_align`).
    output_size : int or (int, int)
    spatial_scale : float
    sampling_ratio : int
        Samples per bin along each axis, ``> 0``, or ``-1`` for torchvision's
        adaptive ratio ``ceil(box size / output size)`` per box and axis. One
        ``avg_pool2d`` has one kernel, so adaptive boxes are grouped by their
        ratios and each group is read in one ``grid_sample`` call.
    aligned : bool
        ``True``: box coordinates are integer corners (``grid_sample`` with
        ``align_corners=False`` reads them correctly as they are).
        ``False``: the legacy op reads them as indices, so they are moved to
        integer corners (+1/2) first, and boxes are at least 1x1.

    Returns
    -------
    Tensor[K, C, output_h, output_w], on ``features``' device.

    Notes
    -----
    Bin ``j`` of ``output_w`` with ``s`` samples: the ``output_w * s`` samples
    are the half-pixel grid over the box, ``x0 + (t + 1/2) w / (output_w s)``,
    so one ``grid_sample`` call reads them all and ``avg_pool2d(s)`` averages
    each bin. **Border**: torchvision zeroes samples more than one pixel
    outside and clamps the others, which is ``padding_mode="border"`` times a
    validity mask.
    """
    torch, F = _torch()
    feats = _check_tensor("features", features, 4, "(N, C, H, W)")
    rois = _check_tensor("boxes", boxes, 2, "(K, 4) or (K, 5)")
    if rois.shape[1] == 4:
        rois = torch.cat([rois.new_zeros(rois.shape[0], 1), rois], dim=1)
    if rois.shape[1] != 5:
        raise ValueError(f"boxes must have shape (K, 4) or (K, 5); got shape {tuple(boxes.shape)}")
    if isinstance(output_size, (tuple, list)):
        out_h, out_w = (check_positive_int("output_size[0]", output_size[0]),
                        check_positive_int("output_size[1]", output_size[1]))
    else:
        out_h = out_w = check_positive_int("output_size", output_size)
    scale = check_finite_float("spatial_scale", spatial_scale, positive=True)
    s = check_int("sampling_ratio", sampling_ratio)
    if s == 0 or s < -1:
        raise ValueError(f"sampling_ratio must be > 0, or -1 for the adaptive ratio; got {s!r}")
    rois = rois.to(device=feats.device, dtype=feats.dtype)
    if s > 0:
        return _roi_align_bins(feats, rois, out_h, out_w, s, s, scale, aligned)
    # adaptive, as torchvision: ceil(roi size / output size) in the features' dtype, after the
    # spatial scale and (legacy) the 1-pixel minimum; a ratio <= 0 means no samples and a zero output
    # (same float32 steps as torchvision's kernel: scaled, shifted, subtracted)
    offset = 0.5 if aligned else 0.0
    start, end = rois[:, 1:3] * scale - offset, rois[:, 3:5] * scale - offset
    w, h = end[:, 0] - start[:, 0], end[:, 1] - start[:, 1]
    if not aligned:
        w, h = w.clamp(min=1.0), h.clamp(min=1.0)
    ratios = torch.stack([torch.ceil(h / out_h), torch.ceil(w / out_w)], dim=1).long().cpu()   # [K, 2]
    out = feats.new_zeros(rois.shape[0], feats.shape[1], out_h, out_w)
    for ry, rx in torch.unique(ratios, dim=0).tolist():
        if ry <= 0 or rx <= 0:
            continue
        sel = ((ratios[:, 0] == ry) & (ratios[:, 1] == rx)).nonzero().flatten().to(feats.device)
        out[sel] = _roi_align_bins(feats, rois[sel], out_h, out_w, ry, rx, scale, aligned)
    return out


def _roi_align_bins(feats, rois, out_h: int, out_w: int, sy: int, sx: int, scale: float, aligned: bool):
    """:func:`roi_align_grid_sample` for validated inputs and fixed ratios ``sy x sx`` per bin."""
    torch, F = _torch()
    n_img, channels, height, width = feats.shape
    xy = rois[:, 1:] * scale                                                   # [K, 4]
    if not aligned:   # legacy: box coordinates are read as sample indices (integer centers)
        xy = xy - _TO_INDEX
    w = xy[:, 2] - xy[:, 0]
    h = xy[:, 3] - xy[:, 1]
    if not aligned:
        w, h = w.clamp(min=1.0), h.clamp(min=1.0)
    xs = xy[:, 0:1] + _half_pixel(out_w * sx, xy)[None] * w[:, None]          # [K, out_w*sx]
    ys = xy[:, 1:2] + _half_pixel(out_h * sy, xy)[None] * h[:, None]          # [K, out_h*sy]
    # torchvision's border: index x - 1/2 outside [-1, W] reads 0, else clamped (padding "border")
    ix, iy = xs + _TO_INDEX, ys + _TO_INDEX                                   # sample indices
    vx = ((ix >= -1) & (ix <= width)).to(feats.dtype)
    vy = ((iy >= -1) & (iy <= height)).to(feats.dtype)
    gx = _normalize(xs, width)[:, None, :].expand(-1, ys.shape[1], -1)        # [K, out_h*sy, out_w*sx]
    gy = _normalize(ys, height)[:, :, None].expand(-1, -1, xs.shape[1])
    grid = torch.stack([gx, gy], dim=-1)                                      # [K, Hs, Ws, 2]
    valid = vy[:, :, None] * vx[:, None, :]                                   # [K, Hs, Ws]

    hs, ws = ys.shape[1], xs.shape[1]
    batch = rois[:, 0].round().long()
    parts = []
    for n in range(n_img):
        sel = (batch == n).nonzero().flatten() if n_img > 1 else None
        g, v = (grid, valid) if sel is None else (grid[sel], valid[sel])
        k = g.shape[0]
        if k == 0:
            continue
        samples = F.grid_sample(feats[n:n + 1], g.reshape(1, k * hs, ws, 2), mode="bilinear",
                                padding_mode="border", align_corners=False)   # [1, C, k*Hs, Ws]
        # bins never straddle two boxes (Hs = out_h * sy), so pool before splitting the boxes apart
        pooled = F.avg_pool2d(samples * v.reshape(1, 1, k * hs, ws), kernel_size=(sy, sx), stride=(sy, sx))
        parts.append((sel, pooled.reshape(channels, k, out_h, out_w).transpose(0, 1)))
    if n_img == 1:
        return parts[0][1] if parts else feats.new_zeros(0, channels, out_h, out_w)
    out = feats.new_zeros(rois.shape[0], channels, out_h, out_w)
    for sel, part in parts:
        out[sel] = part
    return out


def paste_masks(masks, boxes, image_shape: tuple[int, int]):
    """Paste ``(K, M_h, M_w)`` masks into ``(K, H, W)`` images (Detectron2's ``_do_paste_mask``).

    Image pixel ``p`` has center ``p + 1/2`` (:func:`pixelviz.index_to_coord`);
    its box-relative position ``u = (p + 1/2 - x0) / (x1 - x0)`` is passed to
    ``grid_sample(align_corners=False)`` as ``2 u - 1``, which reads mask index
    ``u M - 1/2``. Equal to :func:`pixelviz.roi.paste_mask`.

    Parameters
    ----------
    masks : Tensor[K, M_h, M_w] of float
    boxes : Tensor[K, 4] of float
        Integer-corner image coordinates, ``x1 > x0``, ``y1 > y0``.
    image_shape : (int, int)

    Returns
    -------
    Tensor[K, H, W] of float (soft masks; threshold at 0.5)
    """
    torch, F = _torch()
    m = _check_tensor("masks", masks, 3, "(K, M_h, M_w)")
    b = _check_tensor("boxes", boxes, 2, "(K, 4)").to(device=m.device, dtype=m.dtype)
    if b.shape != (m.shape[0], 4):
        raise ValueError(f"boxes must have shape ({m.shape[0]}, 4); got shape {tuple(boxes.shape)}")
    if bool(((b[:, 2] <= b[:, 0]) | (b[:, 3] <= b[:, 1])).any()):
        raise ValueError(f"boxes must have x1 > x0 and y1 > y0; got {boxes!r}")
    height, width = check_positive_int("image_shape[0]", image_shape[0]), check_positive_int("image_shape[1]", image_shape[1])
    cy = torch.as_tensor(index_to_coord(np.arange(height)), dtype=m.dtype, device=m.device)   # [H] pixel centers
    cx = torch.as_tensor(index_to_coord(np.arange(width)), dtype=m.dtype, device=m.device)    # [W]
    u = (cx[None] - b[:, 0:1]) / (b[:, 2:3] - b[:, 0:1])                     # [K, W] box-relative
    v = (cy[None] - b[:, 1:2]) / (b[:, 3:4] - b[:, 1:2])                     # [K, H]
    gx = (2 * u - 1)[:, None, :].expand(-1, height, -1)
    gy = (2 * v - 1)[:, :, None].expand(-1, -1, width)
    grid = torch.stack([gx, gy], dim=-1)                                      # [K, H, W, 2]
    return F.grid_sample(m[:, None], grid, align_corners=False)[:, 0]


def point_sample(features, points):
    """PointRend's ``point_sample``: ``grid_sample(features, 2 p - 1, align_corners=False)``.

    Parameters
    ----------
    features : Tensor[N, C, H, W] of float
    points : Tensor[N, P, 2] of float
        ``(x, y)`` in ``[0, 1]``, integer-corner coordinates divided by ``(W, H)``.

    Returns
    -------
    Tensor[N, C, P]; equal to :func:`pixelviz.roi.point_sample`.
    """
    _, F = _torch()
    feats = _check_tensor("features", features, 4, "(N, C, H, W)")
    pts = _check_tensor("points", points, 3, "(N, P, 2)")
    if pts.shape[0] != feats.shape[0] or pts.shape[2] != 2:
        raise ValueError(f"points must have shape ({feats.shape[0]}, P, 2); got shape {tuple(pts.shape)}")
    grid = (2.0 * pts - 1.0).to(feats.dtype)[:, :, None, :]                  # [N, P, 1, 2]
    return F.grid_sample(feats, grid, align_corners=False)[..., 0]


def random_rois(num_boxes: int, image_size: int = 800, num_images: int = 1, *, seed: int = 0,
                device: Any = "cpu"):
    """``(K, 5)`` random boxes in a square image: uniform centers, log-uniform sides 16 .. image_size / 2."""
    torch, _ = _torch()
    k = check_positive_int("num_boxes", num_boxes)
    size = check_positive_int("image_size", image_size)
    g = torch.Generator().manual_seed(check_int("seed", seed))
    centers = torch.rand(k, 2, generator=g) * size
    sides = torch.exp(torch.empty(k, 2).uniform_(np.log(16.0), np.log(size / 2), generator=g))
    batch = torch.randint(0, check_positive_int("num_images", num_images), (k, 1), generator=g).float()
    return torch.cat([batch, centers - sides / 2, centers + sides / 2], dim=1).to(device)


def benchmark_roi_align(box_counts=(100, 1000, 10000), *, channels: int = 16, image_size: int = 800,
                        stride: int = 16, output_size: int = 7, sampling_ratio: int = 2,
                        min_run_time: float = 0.2, device: Any = None) -> list[dict]:
    """Time ``torchvision.ops.roi_align`` and :func:`roi_align_grid_sample` with ``torch.utils.benchmark``.

    One image of ``channels x (image_size / stride)^2`` features; for each
    box count, random boxes (:func:`random_rois`), ``aligned=True``.

    Returns
    -------
    list of dict
        One per box count: ``boxes``, ``torchvision_s`` and ``grid_sample_s``
        (median seconds per call), ``ratio`` (grid_sample / torchvision) and
        ``max_abs_diff`` between the two outputs.
    """
    torch, _ = _torch()
    from torch.utils import benchmark
    from torchvision.ops import roi_align as tv_roi_align

    if device is None:
        from .devices import torch_device
        device = torch_device()
    side = check_positive_int("image_size", image_size) // check_positive_int("stride", stride)
    feats = torch.randn(1, check_positive_int("channels", channels), side, side,
                        generator=torch.Generator().manual_seed(0)).to(device)
    rows = []
    for count in box_counts:
        rois = random_rois(int(count), image_size, device=device)
        args = (feats, rois, output_size, 1.0 / stride, sampling_ratio, True)
        env = {"tv": tv_roi_align, "gs": roi_align_grid_sample, "args": args}
        diff = (tv_roi_align(*args) - roi_align_grid_sample(*args)).abs().max().item()
        times = {}
        for key, stmt in (("torchvision_s", "tv(*args)"), ("grid_sample_s", "gs(*args)")):
            timer = benchmark.Timer(stmt=stmt, globals=env, num_threads=torch.get_num_threads())
            times[key] = timer.blocked_autorange(min_run_time=min_run_time).median
        rows.append({"boxes": int(count), **times, "ratio": times["grid_sample_s"] / times["torchvision_s"],
                     "max_abs_diff": diff})
    return rows
