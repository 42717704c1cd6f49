"""Anchor boxes: Detectron's integer-valued anchors versus Detectron2's float ones.

Both place, at every feature-map cell, one box per (size, aspect ratio) with
area about ``size**2`` and ``height / width = ratio``.

* Detectron (:func:`detectron_cell_anchors`) works in inclusive pixel indices
  and rounds widths and heights to integers, so the areas drift with the
  ratio: at stride 16 and size 32, ratios 0.5 / 1 / 2 give 1104 / 1024 / 968
  pixels instead of 1024.
* Detectron2 (:func:`detectron2_cell_anchors`) uses float coordinates: a box
  ``(-w/2, -h/2, w/2, h/2)`` with ``w = sqrt(size**2 / ratio)`` and
  ``h = ratio * w``, whose area is exactly ``size**2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import check_bool, check_elements, check_finite_array, check_finite_float, check_size, check_size_pair

__all__ = ["detectron_cell_anchors", "detectron2_cell_anchors", "grid_anchors", "anchor_areas"]


def _check_positive_list(name: str, values: Any) -> NDArray[np.float64]:
    arr = check_finite_array(name, values, ndim=1)
    if arr.size == 0 or np.any(arr <= 0):
        raise ValueError(f"{name} must be a non-empty list of positive numbers; got {values!r}")
    if arr.size > 1024:
        raise ValueError(f"{name} must hold at most 1024 values; got {arr.size}")
    return arr


def _whctrs(anchor: NDArray[np.float64]) -> tuple[Any, Any, Any, Any]:
    """Width, height and center of an inclusive index box (Detectron's helper)."""
    w = anchor[2] - anchor[0] + 1
    h = anchor[3] - anchor[1] + 1
    return w, h, anchor[0] + 0.5 * (w - 1), anchor[1] + 0.5 * (h - 1)


def _mkanchors(ws: NDArray[np.float64], hs: NDArray[np.float64], x_ctr: float, y_ctr: float) -> NDArray[np.float64]:
    """Inclusive index boxes of widths ``ws`` / heights ``hs`` around a center."""
    ws, hs = ws[:, None], hs[:, None]
    return np.hstack([x_ctr - 0.5 * (ws - 1), y_ctr - 0.5 * (hs - 1), x_ctr + 0.5 * (ws - 1), y_ctr + 0.5 * (hs - 1)])


def detectron_cell_anchors(
    stride: int = 16, sizes: Sequence[float] = (32, 64, 128, 256, 512), aspect_ratios: Sequence[float] = (0.5, 1, 2)
) -> NDArray[np.float64]:
    """Detectron's anchors for one feature-map cell (``generate_anchors.py``).

    Start from the cell's own pixels ``[0, 0, stride - 1, stride - 1]``
    (inclusive indices, center ``(stride - 1) / 2``); for each ratio keep the
    area ``stride**2`` with ``w = round(sqrt(area / ratio))``,
    ``h = round(w * ratio)``; then scale ``w, h`` by ``size / stride``.

    Parameters
    ----------
    stride : int
        Feature stride in pixels.
    sizes : sequence of float
        Anchor sizes (square root of the intended area), in pixels.
    aspect_ratios : sequence of float
        ``height / width``.

    Returns
    -------
    ndarray of float64, shape (len(aspect_ratios) * len(sizes), 4)
        Inclusive index boxes ``(x0, y0, x1, y1)``, ratio-major (all sizes of
        the first ratio first), as Detectron orders them.

    Notes
    -----
    **Convention.** Inclusive indices: width ``x1 - x0 + 1``. Worked number:
    stride 16, size 32, ratio 0.5 -> ``w = round(sqrt(512)) = 23``,
    ``h = round(11.5) = 12``, scaled by 2 to 46 x 24 around 7.5:
    ``[-15, -4, 30, 19]``, area 1104.

    Examples
    --------
    >>> detectron_cell_anchors(16, [32], [0.5, 1, 2]).tolist()
    [[-15.0, -4.0, 30.0, 19.0], [-8.0, -8.0, 23.0, 23.0], [-3.0, -14.0, 18.0, 29.0]]
    """
    stride = check_size("stride", stride)
    scales = _check_positive_list("sizes", sizes) / stride
    ratios = _check_positive_list("aspect_ratios", aspect_ratios)
    base = np.array([0, 0, stride - 1, stride - 1], dtype=np.float64)
    w, h, x_ctr, y_ctr = _whctrs(base)
    ws = np.round(np.sqrt(w * h / ratios))
    hs = np.round(ws * ratios)
    ratio_anchors = _mkanchors(ws, hs, x_ctr, y_ctr)
    out = []
    for anchor in ratio_anchors:
        w, h, x_ctr, y_ctr = _whctrs(anchor)
        out.append(_mkanchors(w * scales, h * scales, x_ctr, y_ctr))
    return np.vstack(out)


def detectron2_cell_anchors(
    sizes: Sequence[float] = (32, 64, 128, 256, 512), aspect_ratios: Sequence[float] = (0.5, 1, 2)
) -> NDArray[np.float64]:
    """Detectron2's anchors for one cell (``generate_cell_anchors``), centered at 0.

    Returns
    -------
    ndarray of float64, shape (len(sizes) * len(aspect_ratios), 4)
        Float coordinate boxes ``(-w/2, -h/2, w/2, h/2)`` with
        ``w = sqrt(size**2 / ratio)``, ``h = ratio * w``; size-major, as
        Detectron2 orders them.

    Examples
    --------
    >>> detectron2_cell_anchors([32], [1]).tolist()
    [[-16.0, -16.0, 16.0, 16.0]]
    """
    size_arr = _check_positive_list("sizes", sizes)
    ratios = _check_positive_list("aspect_ratios", aspect_ratios)
    w = np.sqrt(size_arr[:, None] ** 2 / ratios[None, :])  # [S, R]
    h = ratios[None, :] * w  # [S, R]
    return np.stack([-w / 2, -h / 2, w / 2, h / 2], axis=-1).reshape(-1, 4)


def grid_anchors(
    cell_anchors: ArrayLike, stride: float, grid_shape: tuple[int, int], *, offset: float = 0.0
) -> NDArray[np.float64]:
    """Copy cell anchors to every cell of a feature map (Detectron2's ``_grid_anchors``).

    Cell ``(r, c)`` shifts the anchors by ``((c + offset) * stride, (r + offset) * stride)``.
    Detectron2's default ``offset`` is 0 (anchor centers on the cells'
    top-left corners); ``offset=0.5`` puts them on the cells' centers.

    Returns
    -------
    ndarray of float64, shape (H * W * A, 4), row-major over cells.
    """
    cells = check_finite_array("cell_anchors", cell_anchors, ndim=2, last_dim=4)
    stride = check_finite_float("stride", stride, positive=True)
    offset = check_finite_float("offset", offset)
    gh, gw = check_size_pair("grid_shape", grid_shape)
    check_elements("the anchors (cells x anchors x 4)", gh * gw * cells.shape[0] * 4)
    ys, xs = np.meshgrid((np.arange(gh) + offset) * stride, (np.arange(gw) + offset) * stride, indexing="ij")
    shifts = np.stack([xs, ys, xs, ys], axis=-1).reshape(-1, 1, 4)  # [H*W, 1, 4]
    return (shifts + cells[None]).reshape(-1, 4)  # [H*W*A, 4]


def anchor_areas(anchors: ArrayLike, *, inclusive: bool = False) -> NDArray[np.float64]:
    """Areas of ``(K, 4)`` boxes: ``(x1-x0)(y1-y0)``, or with ``+1`` for inclusive index boxes."""
    a = check_finite_array("anchors", anchors, ndim=2, last_dim=4)
    plus = 1.0 if check_bool("inclusive", inclusive) else 0.0
    return (a[:, 2] - a[:, 0] + plus) * (a[:, 3] - a[:, 1] + plus)
