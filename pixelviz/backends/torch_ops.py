"""PyTorch: ``F.interpolate`` and ``F.grid_sample`` as resize backends, the device, and RoIAlign,
paste-mask and point sampling written with ``grid_sample``.

Every call of torch in pixelviz is in this module; torch is imported inside
each function, so ``import pixelviz`` does not need it. Tensors live on
:func:`torch_device` (the GPU when there is one).

The ``grid_sample`` versions show that the three ops are one primitive,
bilinear sampling at continuous points, plus (for RoIAlign) an average.
Their coordinates come from :mod:`pixelviz.conventions`:
:func:`~pixelviz.conventions.grid_sample_transform` turns a coordinate into
``grid_sample``'s ``[-1, 1]`` and :func:`~pixelviz.conventions.roi_align_offset`
is RoIAlign's ``aligned`` shift. Example: ``W = 4``, the integer-corner
``x = 1.25`` -> ``u = -0.375`` -> read at index 0.75.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import (
    check_bool,
    check_choice,
    check_elements,
    check_finite_float,
    check_int,
    check_size_pair,
)
from ..conventions import Convention, _sample_positions, grid_sample_transform, index_to_coord, roi_align_offset
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = [
    "torch_device",
    "make_interpolate",
    "make_grid_sample",
    "roi_align_grid_sample",
    "paste_masks",
    "point_sample",
    "make_downscale",
    "GRID_NORMALIZATIONS",
    "make_grid_sample_points",
    "make_paste_points",
]


def _torch() -> tuple[Any, Any]:
    try:
        import torch
        import torch.nn.functional as F
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without torch
        raise ModuleNotFoundError("this pixelviz function needs PyTorch: pip install 'pixelviz[ops]'") from exc
    return torch, F


def torch_device() -> Any:
    """Return ``torch.device("cuda")`` when a GPU is visible, else ``torch.device("cpu")``.

    Imports torch lazily, so pixelviz itself does not depend on it.

    Raises
    ------
    ModuleNotFoundError
        If torch is not installed (install ``pixelviz[ops]``).
    """
    try:
        import torch
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without torch
        raise ModuleNotFoundError("torch_device needs PyTorch: pip install 'pixelviz[ops]'") from exc
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


#: ``F.interpolate`` and ``F.grid_sample`` modes a backend may name.
INTERPOLATE_MODES = ("nearest", "nearest-exact", "linear", "bilinear", "bicubic", "area")
GRID_SAMPLE_MODES = ("bilinear", "nearest", "bicubic")


def make_interpolate(mode: str, align_corners: bool | None = None, antialias: bool = False) -> Factory:
    """``fn(x, size)`` calling ``F.interpolate(..., size, mode=mode, align_corners=..., antialias=...)``.

    ``linear``/``nearest``/``nearest-exact``/``area`` run on a ``(1, 1, N)``
    tensor; ``bilinear``/``bicubic`` (the only modes with ``antialias``) on a
    ``(1, 1, 1, N)`` image resized to ``(1, size)``.
    """
    mode = check_choice("mode", mode, INTERPOLATE_MODES)
    align_corners = None if align_corners is None else check_bool("align_corners", align_corners)
    antialias = check_bool("antialias", antialias)

    def factory():
        import torch
        import torch.nn.functional as F

        device = torch_device()
        two_d = mode in ("bilinear", "bicubic")
        kwargs = {} if align_corners is None else {"align_corners": align_corners}
        if antialias:
            kwargs["antialias"] = True

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device)
            if two_d:
                out = F.interpolate(t.view(1, 1, 1, -1), size=(1, size), mode=mode, **kwargs)
            else:
                out = F.interpolate(t.view(1, 1, -1), size=size, mode=mode, **kwargs)
            return out.reshape(-1).double().cpu().numpy()

        return fn

    return factory


def make_grid_sample(mode: str, align_corners: bool) -> Factory:
    """``fn(x, size)``: ``F.grid_sample`` of a ``(1, 1, 1, N)`` image on the identity grid.

    The grid is ``F.affine_grid(identity, (1, 1, 1, size), align_corners)``,
    i.e. a plain resize expressed in grid_sample's normalized coordinates;
    ``padding_mode="border"`` clamps like a resize.
    """
    mode = check_choice("mode", mode, GRID_SAMPLE_MODES)
    align_corners = check_bool("align_corners", align_corners)

    def factory():
        import warnings

        import torch
        import torch.nn.functional as F

        device = torch_device()
        theta = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], device=device)

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device).view(1, 1, 1, -1)
            with warnings.catch_warnings():  # affine_grid warns about unit-size grids (height 1 here)
                warnings.simplefilter("ignore", UserWarning)
                grid = F.affine_grid(theta, [1, 1, 1, size], align_corners=align_corners)  # [1, 1, size, 2]
            out = F.grid_sample(t, grid, mode=mode, padding_mode="border", align_corners=align_corners)
            return out.reshape(-1).double().cpu().numpy()

        return fn

    return factory


# The article's table: linear/cubic align_corners=False ②, True ①; nearest "buggy like
# OpenCV"; nearest-exact ②; grid_sample align_corners=False ②, True ①.
register(
    Backend(
        "torch.interpolate.linear",
        "PyTorch",
        "torch",
        "F.interpolate",
        "linear, align_corners=False",
        make_interpolate("linear", False),
        "②",
    ),
    Backend(
        "torch.interpolate.linear_ac",
        "PyTorch",
        "torch",
        "F.interpolate",
        "linear, align_corners=True",
        make_interpolate("linear", True),
        "①",
    ),
    Backend(
        "torch.interpolate.bicubic",
        "PyTorch",
        "torch",
        "F.interpolate",
        "bicubic, align_corners=False",
        make_interpolate("bicubic", False),
        "②",
    ),
    Backend(
        "torch.interpolate.bicubic_ac",
        "PyTorch",
        "torch",
        "F.interpolate",
        "bicubic, align_corners=True",
        make_interpolate("bicubic", True),
        "①",
    ),
    Backend(
        "torch.interpolate.nearest",
        "PyTorch",
        "torch",
        "F.interpolate",
        "nearest",
        make_interpolate("nearest"),
        "buggy",
    ),
    Backend(
        "torch.interpolate.nearest_exact",
        "PyTorch",
        "torch",
        "F.interpolate",
        "nearest-exact",
        make_interpolate("nearest-exact"),
        "②",
    ),
    Backend("torch.interpolate.area", "PyTorch", "torch", "F.interpolate", "area", make_interpolate("area"), None),
    Backend(
        "torch.interpolate.bilinear_aa",
        "PyTorch",
        "torch",
        "F.interpolate",
        "bilinear, align_corners=False, antialias=True",
        make_interpolate("bilinear", False, True),
        None,
    ),
    Backend(
        "torch.interpolate.bicubic_aa",
        "PyTorch",
        "torch",
        "F.interpolate",
        "bicubic, align_corners=False, antialias=True",
        make_interpolate("bicubic", False, True),
        None,
    ),
    Backend(
        "torch.grid_sample.bilinear",
        "PyTorch",
        "torch",
        "F.grid_sample",
        "bilinear, align_corners=False",
        make_grid_sample("bilinear", False),
        "②",
    ),
    Backend(
        "torch.grid_sample.bilinear_ac",
        "PyTorch",
        "torch",
        "F.grid_sample",
        "bilinear, align_corners=True",
        make_grid_sample("bilinear", True),
        "①",
    ),
    Backend(
        "torch.grid_sample.nearest",
        "PyTorch",
        "torch",
        "F.grid_sample",
        "nearest, align_corners=False",
        make_grid_sample("nearest", False),
        None,
    ),
)


# ---------------------------------------------------------------- RoIAlign, paste-mask, point sampling
def _check_tensor(name: str, value: Any, ndim: int, shape_text: str) -> Any:
    torch, _ = _torch()
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor {shape_text}; got {type(value).__name__}")
    if value.dim() != ndim:
        raise ValueError(f"{name} must have shape {shape_text}; got shape {tuple(value.shape)}")
    if value.is_complex() or not value.is_floating_point():
        raise TypeError(f"{name} must be a real floating-point tensor; got dtype {value.dtype}")
    if not bool(torch.isfinite(value).all()):
        raise ValueError(f"{name} must contain only finite numbers; got NaN or inf in shape {tuple(value.shape)}")
    return value


def _check_features(features: Any) -> Any:
    feats = _check_tensor("features", features, 4, "(N, C, H, W)")
    if 0 in feats.shape:
        raise ValueError(f"features must not be empty; got shape {tuple(feats.shape)}")
    return feats


def _unit_positions(n: int, like: Any) -> Any:
    """``(k + 1/2) / n`` for ``k < n`` as a tensor like ``like``: the half-pixel grid ② on ``[0, 1]``."""
    torch, _ = _torch()
    return torch.as_tensor(_sample_positions(n, Convention.HALF_PIXEL, 1.0), dtype=like.dtype, device=like.device)


def _roi_start_size(rois: Any, scale: float, aligned: bool) -> tuple[Any, Any]:
    """Box start ``(x0, y0)`` and size ``(w, h)`` in sample-index space, ``[K, 2]`` each (RoIAlign's geometry)."""
    # same float32 steps as torchvision's kernel: scaled, shifted, subtracted
    start = rois[:, 1:3] * scale + roi_align_offset(aligned)
    size = rois[:, 3:5] * scale + roi_align_offset(aligned) - start
    if not aligned:  # legacy: boxes are at least 1x1
        size = size.clamp(min=1.0)
    return start, size


def roi_align_grid_sample(
    features: Any,
    boxes: Any,
    output_size: int | tuple[int, int],
    spatial_scale: float = 1.0,
    sampling_ratio: int = 2,
    aligned: bool = True,
) -> Any:
    """RoIAlign as ``F.grid_sample`` + ``F.avg_pool2d``; equal to ``torchvision.ops.roi_align``.

    Parameters
    ----------
    features : Tensor[N, C, H, W] of float
        Not empty, finite.
    boxes : Tensor[K, 5] or Tensor[K, 4] of float
        ``(n, x0, y0, x1, y1)`` or ``(x0, y0, x1, y1)`` for image 0, input-image
        integer-corner coordinates (see :func:`pixelviz.roi.roi_align`); ``n``
        an integer in ``[0, N)``.
    output_size : int or (int, int)
    spatial_scale : float
    sampling_ratio : int
        Samples per bin along each axis, ``1 .. 64``, or ``-1`` for
        torchvision's adaptive ratio ``ceil(box size / output size)`` per box
        and axis. One ``avg_pool2d`` has one kernel, so adaptive boxes are
        grouped by their ratios and each group is read in one ``grid_sample``
        call.
    aligned : bool
        ``True``: box coordinates are integer corners, read at sample index
        ``x - 1/2`` (:func:`~pixelviz.conventions.roi_align_offset`).
        ``False``: the legacy op reads them as indices, and boxes are at least
        1x1.

    Returns
    -------
    Tensor[K, C, output_h, output_w], on ``features``' device.

    Raises
    ------
    TypeError, ValueError
        As :func:`pixelviz.roi.roi_align` does: non-tensors, empty or
        non-finite features, boxes of the wrong shape, batch indices that are
        not integers in ``[0, N)``, a bad size, scale or ratio, ``aligned``
        that is not a bool.

    Notes
    -----
    Bin ``j`` of ``output_w`` with ``s`` samples: the ``output_w * s`` samples
    are the half-pixel grid over the box, ``x0 + (t + 1/2) w / (output_w s)``,
    so one ``grid_sample`` call reads them all and ``avg_pool2d(s)`` averages
    each bin. **Border**: torchvision zeroes samples more than one pixel
    outside and clamps the others, which is ``padding_mode="border"`` times a
    validity mask.
    """
    torch, _ = _torch()
    feats = _check_features(features)
    rois = _check_tensor("boxes", boxes, 2, "(K, 4) or (K, 5)")
    n_img = feats.shape[0]
    if rois.shape[1] == 4:
        rois = torch.cat([rois.new_zeros(rois.shape[0], 1), rois], dim=1)
    elif rois.shape[1] == 5:
        idx = rois[:, 0]
        if bool((idx != idx.round()).any()) or bool((idx < 0).any()) or bool((idx >= n_img).any()):
            raise ValueError(f"boxes[:, 0] must be integer batch indices in [0, {n_img}); got {idx.tolist()!r}")
    else:
        raise ValueError(f"boxes must have shape (K, 4) or (K, 5); got shape {tuple(boxes.shape)}")
    out_h, out_w = check_size_pair("output_size", output_size, square=True)
    scale = check_finite_float("spatial_scale", spatial_scale, positive=True)
    s = check_int("sampling_ratio", sampling_ratio, maximum=64)
    if s == 0 or s < -1:
        raise ValueError(f"sampling_ratio must be > 0, or -1 for the adaptive ratio; got {s!r}")
    al = check_bool("aligned", aligned)
    rois = rois.to(device=feats.device, dtype=feats.dtype)
    check_elements("the output (boxes x channels x output_size)", rois.shape[0] * feats.shape[1] * out_h * out_w)
    if s > 0:
        return _roi_align_bins(feats, rois, out_h, out_w, s, s, scale, al)
    # adaptive, as torchvision: ceil(roi size / output size) in the features' dtype, after the
    # spatial scale and (legacy) the 1-pixel minimum; a ratio <= 0 means no samples and a zero output
    _, size = _roi_start_size(rois, scale, al)
    ratios = torch.stack([torch.ceil(size[:, 1] / out_h), torch.ceil(size[:, 0] / out_w)], dim=1).long().cpu()
    check_elements(
        "the adaptive grid (boxes x bins x samples)",
        int(rois.shape[0] * out_h * out_w * max(int(ratios.max()) if len(ratios) else 1, 1) ** 2),
        "samples",
    )
    out = feats.new_zeros(rois.shape[0], feats.shape[1], out_h, out_w)
    for ry, rx in torch.unique(ratios, dim=0).tolist():
        if ry <= 0 or rx <= 0:
            continue
        sel = ((ratios[:, 0] == ry) & (ratios[:, 1] == rx)).nonzero().flatten().to(feats.device)
        out[sel] = _roi_align_bins(feats, rois[sel], out_h, out_w, ry, rx, scale, al)
    return out


def _roi_align_bins(
    feats: Any, rois: Any, out_h: int, out_w: int, sy: int, sx: int, scale: float, aligned: bool
) -> Any:
    """:func:`roi_align_grid_sample` for validated inputs and fixed ratios ``sy x sx`` per bin."""
    torch, F = _torch()
    n_img, channels, height, width = feats.shape
    # The samples in integer-corner coordinates of the feature map: an aligned box is in corners already;
    # the legacy op reads box coordinates as indices, i.e. half a pixel further right and down in corners.
    to_index = roi_align_offset(True)  # -1/2
    xy = rois[:, 1:] * scale
    if not aligned:
        xy = xy + (roi_align_offset(False) - to_index)  # [K, 4]
    w, h = xy[:, 2] - xy[:, 0], xy[:, 3] - xy[:, 1]
    if not aligned:  # legacy: boxes are at least 1x1
        w, h = w.clamp(min=1.0), h.clamp(min=1.0)
    xs = xy[:, 0:1] + _unit_positions(out_w * sx, xy)[None] * w[:, None]  # [K, out_w*sx]
    ys = xy[:, 1:2] + _unit_positions(out_h * sy, xy)[None] * h[:, None]  # [K, out_h*sy]
    # torchvision's border: a sample index x - 1/2 outside [-1, W] reads 0, else it is clamped ("border")
    ix, iy = xs + to_index, ys + to_index
    vx = ((ix >= -1) & (ix <= width)).to(feats.dtype)
    vy = ((iy >= -1) & (iy <= height)).to(feats.dtype)
    ax, bx = grid_sample_transform(width)  # corners -> [-1, 1]
    ay, by = grid_sample_transform(height)
    gx = (xs * ax + bx)[:, None, :].expand(-1, ys.shape[1], -1)  # [K, Hs, Ws]
    gy = (ys * ay + by)[:, :, None].expand(-1, -1, xs.shape[1])
    grid = torch.stack([gx, gy], dim=-1)  # [K, Hs, Ws, 2]
    valid = vy[:, :, None] * vx[:, None, :]  # [K, Hs, Ws]

    hs, ws = ys.shape[1], xs.shape[1]
    batch = rois[:, 0].long()
    parts = []
    for n in range(n_img):
        sel = (batch == n).nonzero().flatten() if n_img > 1 else None
        g, v = (grid, valid) if sel is None else (grid[sel], valid[sel])
        k = g.shape[0]
        if k == 0:
            continue
        samples = F.grid_sample(
            feats[n : n + 1], g.reshape(1, k * hs, ws, 2), mode="bilinear", padding_mode="border", align_corners=False
        )  # [1, C, k*Hs, Ws]
        # bins never straddle two boxes (Hs = out_h * sy), so pool before splitting the boxes apart
        pooled = F.avg_pool2d(samples * v.reshape(1, 1, k * hs, ws), kernel_size=(sy, sx), stride=(sy, sx))
        parts.append((sel, pooled.reshape(channels, k, out_h, out_w).transpose(0, 1)))
    if n_img == 1:
        return parts[0][1] if parts else feats.new_zeros(0, channels, out_h, out_w)
    out = feats.new_zeros(rois.shape[0], channels, out_h, out_w)
    for sel, part in parts:
        out[sel] = part
    return out


def paste_masks(masks: Any, boxes: Any, image_shape: tuple[int, int]) -> Any:
    """Paste ``(K, M_h, M_w)`` masks into ``(K, H, W)`` images (Detectron2's ``_do_paste_mask``).

    Image pixel ``p`` has center ``p + 1/2`` (:func:`pixelviz.index_to_coord`);
    its box-relative position ``u = (p + 1/2 - x0) / (x1 - x0)`` is a
    coordinate on the unit interval of the box, passed to
    ``grid_sample(align_corners=False)`` as ``2 u - 1``
    (:func:`~pixelviz.conventions.grid_sample_transform` of a length-1 axis),
    which reads mask index ``u M - 1/2``. Equal to :func:`pixelviz.roi.paste_mask`.

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
    if 0 in m.shape[1:]:
        raise ValueError(f"masks must not be empty; got shape {tuple(m.shape)}")
    b = _check_tensor("boxes", boxes, 2, "(K, 4)").to(device=m.device, dtype=m.dtype)
    if b.shape != (m.shape[0], 4):
        raise ValueError(f"boxes must have shape ({m.shape[0]}, 4); got shape {tuple(boxes.shape)}")
    if bool(((b[:, 2] <= b[:, 0]) | (b[:, 3] <= b[:, 1])).any()):
        raise ValueError(f"boxes must have x1 > x0 and y1 > y0; got {boxes!r}")
    height, width = check_size_pair("image_shape", image_shape)
    check_elements("the output (K x H x W)", m.shape[0] * height * width)
    cy = torch.as_tensor(index_to_coord(np.arange(height)), dtype=m.dtype, device=m.device)  # [H] pixel centers
    cx = torch.as_tensor(index_to_coord(np.arange(width)), dtype=m.dtype, device=m.device)  # [W]
    u = (cx[None] - b[:, 0:1]) / (b[:, 2:3] - b[:, 0:1])  # [K, W] box-relative
    v = (cy[None] - b[:, 1:2]) / (b[:, 3:4] - b[:, 1:2])  # [K, H]
    a, c = grid_sample_transform(1)  # the box as a unit interval
    gx = (u * a + c)[:, None, :].expand(-1, height, -1)
    gy = (v * a + c)[:, :, None].expand(-1, -1, width)
    grid = torch.stack([gx, gy], dim=-1)  # [K, H, W, 2]
    return F.grid_sample(m[:, None], grid, align_corners=False)[:, 0]


def point_sample(features: Any, points: Any) -> Any:
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
    feats = _check_features(features)
    pts = _check_tensor("points", points, 3, "(N, P, 2)")
    if pts.shape[0] != feats.shape[0] or pts.shape[2] != 2:
        raise ValueError(f"points must have shape ({feats.shape[0]}, P, 2); got shape {tuple(pts.shape)}")
    a, b = grid_sample_transform(1)  # [0, 1] is a unit interval
    grid = (pts * a + b).to(feats.dtype)[:, :, None, :]  # [N, P, 1, 2]
    return F.grid_sample(feats, grid, align_corners=False)[..., 0]


def make_downscale(antialias: bool) -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``F.interpolate(x, (h, w), mode="bilinear", align_corners=False,
    antialias=antialias)`` on a ``(1, 1, H, W)`` float32 tensor."""
    antialias = check_bool("antialias", antialias)

    def factory():
        import torch
        import torch.nn.functional as F

        device = torch_device()

        def fn(img, shape):
            t = torch.as_tensor(np.asarray(img, dtype=np.float32), device=device)[None, None]
            out = F.interpolate(t, size=tuple(shape), mode="bilinear", align_corners=False, antialias=antialias)
            return out[0, 0].double().cpu().numpy()

        return fn

    return factory


register_downscale(
    Downscaler(
        "torch.bilinear", "PyTorch", "torch", "F.interpolate bilinear", make_downscale(False), False, "torch bilinear"
    ),
    Downscaler(
        "torch.bilinear_aa",
        "PyTorch",
        "torch",
        "F.interpolate bilinear, antialias=True",
        make_downscale(True),
        True,
        "torch bilinear\nantialias=True",
    ),
)


#: How people turn an absolute coordinate ``x`` into ``grid_sample``'s ``[-1, 1]``: name -> (align_corners, origin)
#: of :func:`~pixelviz.conventions.grid_sample_transform` that writes that formula.
GRID_NORMALIZATIONS = {
    "2x/W-1": (False, "corners"),
    "(2x+1)/W-1": (False, "centers"),
    "2x/(W-1)-1": (True, "centers"),
}


def make_grid_sample_points(mode: str, align_corners: bool, normalization: str) -> Factory:
    """``fn(image, points)`` calling ``F.grid_sample`` with points normalized by ``normalization``.

    ``normalization`` is one of :data:`GRID_NORMALIZATIONS`, applied to x with
    ``W`` and to y with ``H``, independently of ``align_corners`` (a mismatch
    is exactly what the origin probe is there to catch). ``padding_mode="zeros"``.
    """
    mode = check_choice("mode", mode, ("nearest", "bilinear", "bicubic"))
    align_corners = check_bool("align_corners", align_corners)
    normalization = check_choice("normalization", normalization, list(GRID_NORMALIZATIONS))
    n_ac, n_origin = GRID_NORMALIZATIONS[normalization]

    def factory():
        torch, F = _torch()

        def fn(image, points):
            img = np.asarray(image, np.float64)
            h, w = img.shape
            p = np.asarray(points, np.float64).reshape(-1, 2)
            ax, bx = grid_sample_transform(w, align_corners=n_ac, origin=n_origin)
            ay, by = grid_sample_transform(h, align_corners=n_ac, origin=n_origin)
            grid = np.stack([ax * p[:, 0] + bx, ay * p[:, 1] + by], axis=-1)[None, None]  # [1, 1, N, 2]
            t = torch.as_tensor(img, dtype=torch.float32)[None, None]
            g = torch.as_tensor(grid, dtype=torch.float32)
            out = F.grid_sample(t, g, mode=mode, padding_mode="zeros", align_corners=align_corners)
            return out.reshape(-1).double().numpy()

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"torch.grid_sample.{mode}.{'ac' if ac else 'noac'}.{norm}",
            "PyTorch",
            "torch",
            "F.grid_sample",
            f"{mode}, align_corners={ac}, x → {norm.replace('x', 'x').replace('W', 'W')}",
            "points",
            make_grid_sample_points(mode, ac, norm),
            expect,
        )
        for mode, ac, norm, expect in [
            ("bilinear", False, "2x/W-1", None),
            ("bilinear", False, "(2x+1)/W-1", None),
            ("bilinear", True, "2x/(W-1)-1", None),
            ("bilinear", False, "2x/(W-1)-1", None),
            ("nearest", False, "2x/W-1", None),
            ("bicubic", False, "2x/W-1", None),
        ]
    ]
)


def make_paste_points() -> Factory:
    """``fn(mask, box, image_shape)`` calling :func:`paste_masks` (``grid_sample``) on one mask."""

    def factory():
        torch, _ = _torch()

        def fn(mask, box, image_shape):
            m = torch.as_tensor(np.asarray(mask, np.float64), dtype=torch.float32)[None]
            b = torch.as_tensor(np.asarray(box, np.float64), dtype=torch.float32)[None]
            return paste_masks(m, b, tuple(image_shape))[0].double().cpu().numpy()

        return fn

    return factory


register_sampler(
    SamplerBackend(
        "torch.paste_masks",
        "PyTorch",
        "torch",
        "pixelviz torch_ops.paste_masks",
        "F.grid_sample, align_corners=False",
        "paste",
        make_paste_points(),
        "mask_on_box",
    )
)
