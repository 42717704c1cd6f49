"""Numpy references for RoIAlign, its inverse (paste-mask) and point sampling.

All three read a small grid of one image at continuous positions by bilinear
interpolation; they differ in which grid is read and how the border is
handled. Boxes and points are **integer-corner coordinates** (pixel ``i``
covers ``[i, i + 1)``), as in torchvision and Detectron2.

* :func:`roi_align` equals ``torchvision.ops.roi_align`` (both ``aligned``
  values, any ``sampling_ratio``, its border rule).
* :func:`paste_mask` equals Detectron2's ``_do_paste_mask`` (``grid_sample``
  with ``align_corners=False`` on the image pixel centers); :func:`paste_mask_legacy`
  is Detectron's "truncate the box, resize, threshold" paste.
* :func:`point_sample` equals PointRend's ``point_sample``
  (``grid_sample(align_corners=False)`` at points in ``[0, 1]``).

Bilinear reads are separable, so each op is written as ``Ry @ image @ Rx.T``
with per-axis interpolation matrices; this vectorizes over boxes, bins and
samples at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import (
    check_bool,
    check_elements,
    check_finite_array,
    check_finite_float,
    check_int,
    check_size,
    check_size_pair,
)
from .conventions import (
    Convention,
    Origin,
    _sample_positions,
    _shift,
    convert_origin,
    index_to_coord,
    roi_align_offset,
)
from .resample import Border, _sample_bilinear, resize

__all__ = [
    "roi_align",
    "roi_sample_points",
    "roi_bin_edges",
    "bilinear_neighbors",
    "paste_mask",
    "paste_mask_legacy",
    "paste_round_trip",
    "point_sample",
    "random_boxes",
    "crop_and_resize_box",
]


# ---------------------------------------------------------------- argument checks
def _check_features(features: Any) -> NDArray[np.float64]:
    arr = check_finite_array("features", features)
    if arr.ndim != 4:
        raise ValueError(f"features must have shape (N, C, H, W); got shape {arr.shape}")
    if 0 in arr.shape:
        raise ValueError(f"features must not be empty; got shape {arr.shape}")
    return arr


def _check_pair(name: str, value: Any) -> tuple[int, int]:
    """An int ``k`` (meaning ``(k, k)``) or a pair of positive sizes."""
    return check_size_pair(name, value, square=True)


def _check_rois(boxes: Any, num_images: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Split ``(K, 4)`` / ``(K, 5)`` boxes into batch indices and ``(K, 4)`` coordinates."""
    arr = check_finite_array("boxes", boxes, ndim=2)
    if arr.shape[1] == 4:
        return np.zeros(arr.shape[0], dtype=np.int64), arr
    if arr.shape[1] != 5:
        raise ValueError(f"boxes must have shape (K, 4) or (K, 5) with a leading batch index; got shape {arr.shape}")
    idx = arr[:, 0]
    if np.any(idx != np.round(idx)) or np.any(idx < 0) or np.any(idx >= num_images):
        raise ValueError(f"boxes[:, 0] must be integer batch indices in [0, {num_images}); got {idx!r}")
    return idx.astype(np.int64), arr[:, 1:]


# ---------------------------------------------------------------- 1D bilinear weights
def _torchvision_weights(coords: np.ndarray, size: int) -> tuple[np.ndarray, ...]:
    """Bilinear neighbours and weights along one axis with torchvision RoIAlign's border rule.

    ``coords`` are index-space positions (sample ``j`` at ``j``). A position
    more than one pixel outside (``< -1`` or ``> size``) reads 0; one inside
    that margin is clamped to the first / last sample.
    """
    valid = (coords >= -1.0) & (coords <= size)
    c = np.maximum(coords, 0.0)
    low = np.floor(c).astype(np.int64)
    at_end = low >= size - 1
    low = np.where(at_end, size - 1, low)
    high = np.where(at_end, size - 1, low + 1)
    frac = np.where(at_end, 0.0, c - low)
    return low, high, (1.0 - frac) * valid, frac * valid


def _zero_padded_weights(coords: np.ndarray, size: int) -> tuple[np.ndarray, ...]:
    """Bilinear neighbours and weights with ``grid_sample``'s ``padding_mode="zeros"``.

    Each of the two neighbours ``floor(x)`` and ``floor(x) + 1`` contributes
    only if it is a real sample (``0 <= j < size``); indices are clipped so
    they can be used for gathering.
    """
    low = np.floor(coords)
    frac = coords - low
    low = low.astype(np.int64)
    high = low + 1
    w_low = (1.0 - frac) * ((low >= 0) & (low < size))
    w_high = frac * ((high >= 0) & (high < size))
    return np.clip(low, 0, size - 1), np.clip(high, 0, size - 1), w_low, w_high


def _interp_matrix(low: np.ndarray, high: np.ndarray, w_low: np.ndarray, w_high: np.ndarray, size: int) -> np.ndarray:
    """Sum weights into a dense ``(..., size)`` matrix; ``low`` etc. have shape ``(..., S)``.

    The last axis (samples) is summed over, so ``(K, P, S)`` inputs give a
    ``(K, P, size)`` matrix whose row ``(k, p)`` reads the average of the S samples
    once the weights are pre-divided by S.
    """
    lead = low.shape[:-1]
    rows = np.arange(int(np.prod(lead))).reshape(lead + (1,)) * size  # [..., 1]
    flat = np.concatenate([(rows + low).ravel(), (rows + high).ravel()])
    weights = np.concatenate([w_low.ravel(), w_high.ravel()])
    return np.bincount(flat, weights, minlength=int(np.prod(lead)) * size).reshape(lead + (size,))


# ---------------------------------------------------------------- RoIAlign
def _roi_axis_coords(
    start: np.ndarray, length: np.ndarray, out: int, sampling_ratio: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sample index coordinates ``(K, out, G)`` along one axis and their weights ``1/g`` (0 = padding)."""
    k = start.shape[0]
    bin_size = length / out  # [K]
    if sampling_ratio > 0:
        grid = np.full(k, sampling_ratio, dtype=np.int64)
    else:  # adaptive, per box
        grid = np.ceil(length / out).astype(np.int64)
    g_max = max(int(grid.max(initial=0)), 1)
    offsets = np.zeros((k, g_max))  # [K, G] sample offsets in a bin
    mask = np.zeros((k, g_max))  # [K, G] 1/g for real samples
    for g in np.unique(grid[grid > 0]):
        sel = grid == g
        offsets[sel, :g] = _sample_positions(int(g), Convention.HALF_PIXEL, 1.0)  # (s + 1/2) / g
        mask[sel, :g] = 1.0 / g
    bins = np.arange(out)[None, :, None]  # [1, P, 1]
    coords = start[:, None, None] + (bins + offsets[:, None, :]) * bin_size[:, None, None]  # [K, P, G]
    return coords, np.broadcast_to(mask[:, None, :], coords.shape)


def _roi_axis_matrix(start: np.ndarray, length: np.ndarray, out: int, sampling_ratio: int, size: int) -> np.ndarray:
    """``(K, out, size)`` matrix averaging the samples of each bin along one axis."""
    coords, m = _roi_axis_coords(start, length, out, sampling_ratio)
    low, high, w_low, w_high = _torchvision_weights(coords, size)
    return _interp_matrix(low, high, w_low * m, w_high * m, size)


def _roi_geometry(rois: NDArray[np.float64], scale: float, aligned: bool) -> tuple[NDArray[np.float64], ...]:
    """Box start and size in sample-index space, as RoIAlign uses them."""
    # aligned=True: boxes are integer-corner coordinates; bilinear sampling indexes
    # pixels by their centers, so move to the integer-center origin (the -1/2).
    x0, y0, x1, y1 = (rois * scale + roi_align_offset(aligned)).T
    roi_w, roi_h = x1 - x0, y1 - y0
    if not aligned:  # legacy: force boxes to be at least 1x1
        roi_w, roi_h = np.maximum(roi_w, 1.0), np.maximum(roi_h, 1.0)
    return x0, y0, roi_w, roi_h


def _check_ratio(value: Any) -> int:
    ratio = check_int("sampling_ratio", value)
    if ratio > 64:
        raise ValueError(f"sampling_ratio must be <= 64 samples per bin side (or <= 0 for adaptive); got {ratio}")
    return ratio


def _check_adaptive_grid(
    rois: NDArray[np.float64], out_h: int, out_w: int, ratio: int, scale: float, aligned: bool
) -> None:
    """Refuse an adaptive sampling grid that would allocate too many samples (a huge box on a tiny output)."""
    if ratio > 0 or rois.size == 0:
        return
    _, _, roi_w, roi_h = _roi_geometry(rois, scale, aligned)
    g = max(float(np.ceil(np.max(roi_w) / out_w)), float(np.ceil(np.max(roi_h) / out_h)), 1.0)
    check_elements(
        "the adaptive RoIAlign grid (boxes x bins x samples)", int(len(rois) * (out_h + out_w) * g), "samples"
    )


def roi_sample_points(
    box: Any,
    output_size: int | tuple[int, int],
    sampling_ratio: int = -1,
    aligned: bool = True,
    spatial_scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Where :func:`roi_align` reads the feature map for one box, in sample-index space.

    Parameters
    ----------
    box : (4,) array_like of float
        ``(x0, y0, x1, y1)``, integer-corner input coordinates.
    output_size, sampling_ratio, aligned, spatial_scale
        As in :func:`roi_align`.

    Returns
    -------
    xs : ndarray of float64, shape (output_w, g_w)
        Sample index coordinates (pixel ``j``'s center at ``j``) of the
        ``g_w`` samples of each output column; ``ys`` likewise for rows.
        Convert with ``convert_origin(xs, "centers", "corners")`` to draw them.
    ys : ndarray of float64, shape (output_h, g_h)

    Examples
    --------
    >>> xs, ys = roi_sample_points([1, 1, 3, 3], 2, sampling_ratio=1)
    >>> xs.tolist()
    [[1.0], [2.0]]
    >>> roi_sample_points([1, 1, 3, 3], 2, sampling_ratio=1, aligned=False)[0].tolist()
    [[1.5], [2.5]]
    """
    b = check_finite_array("box", box, ndim=1, last_dim=4)
    out_h, out_w = _check_pair("output_size", output_size)
    ratio = _check_ratio(sampling_ratio)
    al = check_bool("aligned", aligned)
    scale = check_finite_float("spatial_scale", spatial_scale, positive=True)
    _check_adaptive_grid(b[None], out_h, out_w, ratio, scale, al)
    x0, y0, roi_w, roi_h = _roi_geometry(b[None], scale, al)
    xs, mx = _roi_axis_coords(x0, roi_w, out_w, ratio)
    ys, my = _roi_axis_coords(y0, roi_h, out_h, ratio)
    return xs[0][:, mx[0, 0] > 0], ys[0][:, my[0, 0] > 0]


def roi_bin_edges(
    box: ArrayLike, output_size: int | tuple[int, int]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Edges of RoIAlign's bins for one box, in integer-corner coordinates.

    Bin ``(r, c)`` of a ``K_h x K_w`` output covers
    ``[x0 + c w / K_w, x0 + (c + 1) w / K_w) x [y0 + r h / K_h, ...)`` with
    ``w = x1 - x0`` and ``h = y1 - y0``.

    Parameters
    ----------
    box : (4,) array_like of float
        ``(x0, y0, x1, y1)``, integer-corner coordinates, ``x0 <= x1``, ``y0 <= y1``.
    output_size : int or (int, int)
        ``K`` for ``K x K`` bins, or ``(K_h, K_w)``.

    Returns
    -------
    xs : ndarray of float64, shape (K_w + 1,)
        Column edges from ``x0`` to ``x1``.
    ys : ndarray of float64, shape (K_h + 1,)
        Row edges from ``y0`` to ``y1``.

    Examples
    --------
    >>> xs, ys = roi_bin_edges([1, 2, 3, 5], 2)
    >>> xs.tolist(), ys.tolist()
    ([1.0, 2.0, 3.0], [2.0, 3.5, 5.0])
    """
    b = check_finite_array("box", box, ndim=1, last_dim=4)
    if b[2] < b[0] or b[3] < b[1]:
        raise ValueError(f"box must have x0 <= x1 and y0 <= y1; got {b.tolist()!r}")
    out_h, out_w = _check_pair("output_size", output_size)
    return (
        b[0] + np.arange(out_w + 1) * ((b[2] - b[0]) / out_w),
        b[1] + np.arange(out_h + 1) * ((b[3] - b[1]) / out_h),
    )


def bilinear_neighbors(x: float, y: float, shape: tuple[int, int]) -> list[tuple[int, int, float]]:
    """The input pixels a RoIAlign sample at index ``(x, y)`` reads, with their weights.

    Uses torchvision's border rule (see :func:`roi_align`). Returns
    ``[(row, col, weight), ...]`` for the four neighbours (duplicates merged,
    zero weights kept); an empty list when the sample is more than one pixel
    outside. Example: ``(1.25, 0.5)`` reads pixels ``(0, 1)``, ``(0, 2)``,
    ``(1, 1)``, ``(1, 2)`` with weights 0.375, 0.125, 0.375, 0.125.
    """
    height, width = _check_pair("shape", shape)
    yl, yh, wyl, wyh = _torchvision_weights(np.array([check_finite_float("y", y)]), height)
    xl, xh, wxl, wxh = _torchvision_weights(np.array([check_finite_float("x", x)]), width)
    if wyl[0] + wyh[0] == 0 or wxl[0] + wxh[0] == 0:  # more than one pixel outside
        return []
    out: dict[tuple[int, int], float] = {}
    for r, wr in ((int(yl[0]), wyl[0]), (int(yh[0]), wyh[0])):
        for c, wc in ((int(xl[0]), wxl[0]), (int(xh[0]), wxh[0])):
            out[(r, c)] = out.get((r, c), 0.0) + float(wr * wc)
    return [(r, c, w) for (r, c), w in out.items()]


def roi_align(
    features: Any,
    boxes: Any,
    output_size: int | tuple[int, int],
    spatial_scale: float = 1.0,
    sampling_ratio: int = -1,
    aligned: bool = True,
) -> np.ndarray:
    """RoIAlign in numpy, equal to ``torchvision.ops.roi_align``.

    Each box is divided into ``output_h x output_w`` bins; each bin averages
    ``s x s`` bilinear samples placed at the centers of an even subdivision of
    the bin.

    Parameters
    ----------
    features : (N, C, H, W) array_like of float
        Feature maps; ``features[n, :, r, c]`` is the pixel covering
        ``[c, c+1) x [r, r+1)`` of the feature grid.
    boxes : (K, 4) or (K, 5) array_like of float
        ``(x0, y0, x1, y1)`` in input-image integer-corner coordinates, for
        image 0; or ``(n, x0, y0, x1, y1)`` with a batch index, as torchvision
        takes them. Example: ``[0, 0, 32, 32]`` with ``spatial_scale=1/16``
        is the top-left 2x2 feature cells.
    output_size : int or (int, int)
        ``(output_h, output_w)``; an int means a square output.
    spatial_scale : float
        Multiplies box coordinates to get feature-map coordinates (1/stride).
    sampling_ratio : int
        ``s`` samples per bin along each axis; ``<= 0`` means adaptive,
        ``ceil(box_h / output_h)`` rows and ``ceil(box_w / output_w)`` columns
        per box, as torchvision does.
    aligned : bool
        ``True``: boxes are integer-corner coordinates, so they are shifted
        by -1/2 pixel into sample-index space before sampling (correct).
        ``False``: the legacy op, which reads box coordinates as indices
        (half a pixel off) and makes every box at least 1x1.

    Returns
    -------
    ndarray of float64, shape (K, C, output_h, output_w)

    Raises
    ------
    TypeError, ValueError
        Features not 4-D, boxes not (K, 4) / (K, 5), NaN or inf anywhere,
        bad batch indices, non-positive output size or scale.

    Notes
    -----
    **Convention.** With ``sampling_ratio=1`` output ``[i, j]`` reads the box
    point ``x = x0 + (j + 1/2) w / output_w`` (``w = x1 - x0``, same for y),
    i.e. sample index ``x - 1/2`` when ``aligned=True``, ``x`` when
    ``aligned=False``. Worked number: 5x5 ``arange``, box ``[1, 1, 3, 3]``,
    2x2 output, aligned: output ``[0, 0]`` reads ``(1.5, 1.5) - 1/2 = (1, 1)``,
    exactly the pixel holding 6. **Border** (torchvision's rule): a sample more
    than one pixel outside the feature map (index ``< -1`` or ``> H``)
    contributes 0; within one pixel it is clamped to the edge.

    Examples
    --------
    >>> x = np.arange(25.0).reshape(1, 1, 5, 5)
    >>> roi_align(x, [[1, 1, 3, 3]], 2, sampling_ratio=1)[0, 0].tolist()
    [[6.0, 7.0], [11.0, 12.0]]
    """
    feats = _check_features(features)
    batch, rois = _check_rois(boxes, feats.shape[0])
    out_h, out_w = _check_pair("output_size", output_size)
    scale = check_finite_float("spatial_scale", spatial_scale, positive=True)
    ratio = _check_ratio(sampling_ratio)
    al = check_bool("aligned", aligned)
    _, channels, height, width = feats.shape
    k = len(rois)
    check_elements("the output (boxes x channels x output_size)", k * channels * out_h * out_w)
    check_elements(
        "the interpolation matrices (boxes x output_size x feature size)", k * (out_h * height + out_w * width)
    )
    _check_adaptive_grid(rois, out_h, out_w, ratio, scale, al)

    x0, y0, roi_w, roi_h = _roi_geometry(rois, scale, al)
    ry = _roi_axis_matrix(y0, roi_h, out_h, ratio, height)  # [K, out_h, H]
    rx = _roi_axis_matrix(x0, roi_w, out_w, ratio, width)  # [K, out_w, W]

    out = np.zeros((batch.shape[0], channels, out_h, out_w))
    for n in np.unique(batch):
        sel = batch == n
        tmp = ry[sel][:, None] @ feats[n][None]  # [k, C, out_h, W]
        out[sel] = tmp @ np.swapaxes(rx[sel], 1, 2)[:, None]  # [k, C, out_h, out_w]
    return out


# ---------------------------------------------------------------- paste mask
def _check_box(box: Any) -> np.ndarray:
    b = check_finite_array("box", box, ndim=1, last_dim=4)
    if b[2] <= b[0] or b[3] <= b[1]:  # geometry.as_boxes allows empty boxes; a paste needs area
        raise ValueError(f"box must have x1 > x0 and y1 > y0; got {box!r}")
    return b


def _check_mask(mask: Any) -> np.ndarray:
    m = check_finite_array("mask", mask)
    if m.ndim != 2 or 0 in m.shape:
        raise ValueError(f"mask must have shape (M_h, M_w); got shape {m.shape}")
    return m


def paste_mask(mask: Any, box: Any, image_shape: tuple[int, int]) -> np.ndarray:
    """Paste a box-relative mask into a full image: the inverse of RoIAlign.

    Each image pixel center is mapped into the mask's grid and the mask is
    sampled there bilinearly, zero outside the mask (Detectron2's
    ``_do_paste_mask``).

    Parameters
    ----------
    mask : (M_h, M_w) array_like of float
        Mask predicted for the box (e.g. 28x28 probabilities); its cell
        ``(a, b)`` covers the box fraction ``[b/M_w, (b+1)/M_w) x [a/M_h, (a+1)/M_h)``.
    box : (4,) array_like of float
        ``(x0, y0, x1, y1)``, integer-corner image coordinates, ``x1 > x0``, ``y1 > y0``.
    image_shape : (int, int)
        ``(H, W)`` of the output.

    Returns
    -------
    ndarray of float64, shape (H, W)
        Soft mask; threshold it (``>= 0.5``) for a binary one.

    Notes
    -----
    **Convention.** Image pixel ``p`` has center ``p + 1/2``; its box-relative
    position ``u = (p + 1/2 - x0) / (x1 - x0)`` is the mask coordinate
    ``u M`` (integer corners), i.e. mask index ``u M - 1/2``. Worked number:
    box ``x0 = 0, x1 = 8``, ``M = 4``: pixel 0 reads mask index
    ``0.5/8 * 4 - 0.5 = -0.25``.

    Examples
    --------
    >>> paste_mask(np.ones((2, 2)), [1, 1, 3, 3], (4, 4)).tolist()
    [[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    """
    m, b = _check_mask(mask), _check_box(box)
    height, width = check_size_pair("image_shape", image_shape)
    mh, mw = m.shape

    def axis(size: int, lo: float, hi: float, msize: int) -> np.ndarray:
        u = (index_to_coord(np.arange(size)) - lo) / (hi - lo)  # box-relative, [0, 1] inside
        idx = convert_origin(u * msize, Origin.CORNERS, Origin.CENTERS)  # mask index space
        low, high, wl, wh = _zero_padded_weights(idx[:, None], msize)
        return _interp_matrix(low, high, wl, wh, msize)  # [size, msize]

    return axis(height, b[1], b[3], mh) @ m @ axis(width, b[0], b[2], mw).T


def paste_mask_legacy(mask: Any, box: Any, image_shape: tuple[int, int], threshold: float = 0.5) -> np.ndarray:
    """Detectron's paste: pad, enlarge the box, truncate it to ints, resize, threshold.

    Steps of ``detectron/core/test.py::segm_results``: pad the ``M x M`` mask
    by one zero pixel, enlarge the box about its center by ``(M + 2) / M``,
    cast it to int (truncation), resize the padded mask to
    ``(x1 - x0 + 1) x (y1 - y0 + 1)`` pixels with ``cv2.resize`` (half-pixel
    bilinear) and threshold it, then copy it into pixels ``x0 .. x1``.
    The truncation and the inclusive ``+ 1`` are where it stops being the
    inverse of RoIAlign.

    Parameters
    ----------
    mask : (M_h, M_w) array_like of float
    box : (4,) array_like of float
        Integer-corner image coordinates (the box a detector predicts).
    image_shape : (int, int)
    threshold : float
        Pixels with resized value ``> threshold`` are set.

    Returns
    -------
    ndarray of bool, shape (H, W)
    """
    m, b = _check_mask(mask), _check_box(box)
    height, width = check_size_pair("image_shape", image_shape)
    threshold = check_finite_float("threshold", threshold)
    mh, mw = m.shape
    padded = np.zeros((mh + 2, mw + 2))
    padded[1:-1, 1:-1] = m
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    half_w, half_h = (b[2] - b[0]) / 2 * (mw + 2) / mw, (b[3] - b[1]) / 2 * (mh + 2) / mh
    x0, y0, x1, y1 = np.trunc([cx - half_w, cy - half_h, cx + half_w, cy + half_h]).astype(np.int64)
    w, h = max(x1 - x0 + 1, 1), max(y1 - y0 + 1, 1)
    check_elements("the resized mask (box height x width)", int(h) * int(w), "pixels")
    resized = resize(padded, (int(h), int(w)), "linear", "half_pixel") > threshold  # = cv2.resize(INTER_LINEAR)
    out = np.zeros((height, width), dtype=bool)
    xa, xb, ya, yb = max(x0, 0), min(x1 + 1, width), max(y0, 0), min(y1 + 1, height)
    if xa < xb and ya < yb:
        out[ya:yb, xa:xb] = resized[ya - y0 : yb - y0, xa - x0 : xb - x0]
    return out


def paste_round_trip(truth: Any, box: Any, mask_size: int = 28, sampling_ratio: int = -1) -> dict[str, Any]:
    """Crop a true mask to an ``M x M`` RoIMask with RoIAlign and paste it back, both ways.

    This is what happens to a mask in Mask R-CNN when the predicted RoIMask is
    perfect: the only errors left are those of the representation and of
    the paste.

    Parameters
    ----------
    truth : (H, W) array_like of bool
        The object's mask in the image.
    box : (4,) array_like of float
        The object's box, integer-corner coordinates.
    mask_size : int
        ``M`` (Mask R-CNN: 28).
    sampling_ratio : int
        For the RoIAlign crop (``aligned=True``).

    Returns
    -------
    dict
        ``"roi_mask"`` (M, M) float; ``"paste_mask"`` and ``"legacy"`` (H, W)
        bool (threshold 0.5); ``"iou_paste_mask"``, ``"iou_legacy"`` their IoU
        with ``truth``; ``"wrong_paste_mask"``, ``"wrong_legacy"`` the number of
        pixels that differ from ``truth``.
    """
    from .masks import mask_iou

    t = check_finite_array("truth", truth, ndim=2, allow_bool=True) > 0.5
    if 0 in t.shape:
        raise ValueError(f"truth must not be empty; got shape {t.shape}")
    b = _check_box(box)
    m = check_size("mask_size", mask_size)
    _check_ratio(sampling_ratio)
    roi = roi_align(t[None, None].astype(np.float64), b[None], m, sampling_ratio=sampling_ratio, aligned=True)[0, 0]
    out: dict[str, Any] = {
        "roi_mask": roi,
        "paste_mask": paste_mask(roi, b, t.shape) >= 0.5,
        "legacy": paste_mask_legacy(roi, b, t.shape),
    }
    for key in ("paste_mask", "legacy"):
        out[f"iou_{key}"] = mask_iou(out[key], t)
        out[f"wrong_{key}"] = int((out[key] != t).sum())
    return out


# ---------------------------------------------------------------- point sampling
def point_sample(features: Any, points: Any) -> np.ndarray:
    """Bilinear feature values at normalized points (PointRend's ``point_sample``).

    Parameters
    ----------
    features : (N, C, H, W) array_like of float
    points : (N, P, 2) array_like of float
        ``(x, y)`` in ``[0, 1] x [0, 1]``: ``(0, 0)`` is the top-left corner
        of the image and ``(1, 1)`` the bottom-right corner (integer-corner
        coordinates divided by ``(W, H)``). Points outside read zero padding.

    Returns
    -------
    ndarray of float64, shape (N, C, P)

    Notes
    -----
    **Convention.** Point ``x`` is the integer-corner coordinate ``x W``,
    i.e. sample index ``x W - 1/2``; this is ``grid_sample(align_corners=False)``
    on ``2 x - 1``. Worked number: ``W = 4``, ``x = 0.5`` reads index 1.5,
    halfway between pixels 1 and 2.

    Examples
    --------
    >>> f = np.arange(4.0).reshape(1, 1, 1, 4)
    >>> point_sample(f, [[[0.5, 0.5]]]).tolist()
    [[[1.5]]]
    """
    feats = _check_features(features)
    pts = check_finite_array("points", points, ndim=3, last_dim=2)
    if pts.shape[0] != feats.shape[0]:
        raise ValueError(f"points must have shape (N, P, 2) with N = {feats.shape[0]}; got shape {pts.shape}")
    n, channels, height, width = feats.shape
    check_elements("the output (N x C x P)", n * channels * pts.shape[1])
    # normalized [0, 1] -> integer corners (times W, H) -> sample indices: sample_bilinear(border="zeros")
    uv = pts * np.array([width, height], dtype=np.float64) + _shift(Origin.CORNERS, Origin.CENTERS)  # [N, P, 2]
    out = [_sample_bilinear(np.moveaxis(feats[b], 0, -1), uv[b], Border.ZEROS) for b in range(n)]  # [P, C] each
    return np.stack([o.T for o in out])  # [N, C, P]


def random_boxes(
    num_boxes: int, image_size: float = 800.0, *, num_images: int = 1, seed: int = 0
) -> NDArray[np.float64]:
    """Seeded random boxes in a square image, in RoIAlign's ``(K, 5)`` layout.

    Centers are uniform in ``[0, image_size)^2``; each side is log-uniform in
    ``[16, image_size / 2]`` (boxes may reach past the image border, as
    proposals do).

    Parameters
    ----------
    num_boxes : int
        ``K``, at most ``MAX_ELEMENTS / 5``.
    image_size : float
        Side of the image, ``> 32``, in integer-corner input coordinates.
    num_images : int
        Batch indices are drawn uniformly from ``0 .. num_images - 1``.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    ndarray of float64, shape (K, 5)
        ``(n, x0, y0, x1, y1)`` rows.

    Examples
    --------
    >>> b = random_boxes(3, 100, seed=1)
    >>> b.shape, bool(((b[:, 3] - b[:, 1]) >= 16 - 1e-9).all())
    ((3, 5), True)
    """
    k = check_int("num_boxes", num_boxes, minimum=1)
    check_elements("the boxes (num_boxes x 5)", 5 * k)
    size = check_finite_float("image_size", image_size, minimum=32.0)
    images = check_int("num_images", num_images, minimum=1)
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    centers = rng.uniform(0.0, size, (k, 2))
    sides = np.exp(rng.uniform(np.log(16.0), np.log(size / 2), (k, 2)))
    batch = rng.integers(0, images, (k, 1)).astype(np.float64)
    return np.concatenate([batch, centers - sides / 2, centers + sides / 2], axis=1)


def crop_and_resize_box(
    box: ArrayLike, image_shape: tuple[int, int], output_size: tuple[int, int]
) -> NDArray[np.float64]:
    """The normalized ``[y0, x0, y1, x1]`` box for ``tf.image.crop_and_resize`` that samples RoIAlign's bin centres.

    ``crop_and_resize`` reads a normalized edge ``b`` at pixel index
    ``b (S − 1)`` (pixel centres at integers) and puts its first and last
    samples on the two edges. RoIAlign (``aligned=True``, one sample per bin)
    samples ``x0 + (j + ½) w/K`` in integer corners, i.e. index
    ``x0 + (j + ½) w/K − ½``. So: shrink the box by half a bin on each side,
    move it by ``−½`` and divide by ``S − 1``.

    Parameters
    ----------
    box : array_like, shape (4,)
        ``(x0, y0, x1, y1)`` in integer-corner pixel coordinates.
    image_shape : (int, int)
        ``(H, W)``, each at least 2.
    output_size : (int, int)
        ``(K_h, K_w)`` of the crop.

    Returns
    -------
    ndarray of float64, shape (4,)
        ``[y0', x0', y1', x1']``, TensorFlow's order.

    Notes
    -----
    **Convention.** ``W = 5``, box ``x`` from 1 to 3 in ``K = 4``: bins 0.5
    wide, RoIAlign samples at 1.25, 1.75, 2.25, 2.75 (corners), indices
    0.75 … 2.25; the box ``[0.75, 2.25] / 4`` gives ``crop_and_resize``
    those indices.

    Examples
    --------
    >>> crop_and_resize_box([1, 0, 3, 2], (3, 5), (1, 4))[[1, 3]].tolist()
    [0.1875, 0.5625]
    """
    b = check_finite_array("box", box, ndim=1)
    if b.shape != (4,):
        raise ValueError(f"box must have shape (4,) (x0, y0, x1, y1); got shape {b.shape}")
    h, w = check_size_pair("image_shape", image_shape)
    if h < 2 or w < 2:
        raise ValueError(f"image_shape must be at least (2, 2) (crop_and_resize divides by S - 1); got {image_shape!r}")
    kh, kw = check_size_pair("output_size", output_size)
    x0, y0, x1, y1 = b
    half_w, half_h = 0.5 * (x1 - x0) / kw, 0.5 * (y1 - y0) / kh
    shift = _shift(Origin.CORNERS, Origin.CENTERS)  # −½: corner coordinate → index
    return np.array(
        [
            (y0 + half_h + shift) / (h - 1),
            (x0 + half_w + shift) / (w - 1),
            (y1 - half_h + shift) / (h - 1),
            (x1 - half_w + shift) / (w - 1),
        ]
    )
