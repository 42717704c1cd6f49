"""Binary masks from polygons, how well they overlap, and what augmentation does to them.

* :func:`polygon_mask` is pixelviz's one polygon rasterizer: a pixel is on
  when its center (or each of its sub-samples) lies inside the polygon by the
  even-odd rule, optionally within a distance of its boundary.
* :func:`mask_iou` compares a mask with a (possibly soft) reference.
* :func:`polygon_vs_mask_pipeline` runs flip → resize → crop on an
  annotation twice: on the rasterized mask, and on the polygon with
  rasterization delayed to the end (chapter "Detectron and Detectron2").

Polygons are ``(V, 2)`` vertices in **integer-corner** coordinates (pixel
``(r, c)`` covers ``[c, c+1) x [r, r+1)``), as COCO stores them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import (
    check_elements,
    check_finite_array,
    check_finite_float,
    check_int,
    check_size,
    check_size_pair,
)
from .conventions import _subpixel_positions
from .geometry import as_polygon

__all__ = ["polygon_mask", "mask_iou", "polygon_vs_mask_pipeline"]


def _inside_even_odd(poly: NDArray[np.float64], px: NDArray[np.float64], py: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Even-odd test of the points ``(px[j], py[i])`` of a grid: one crossing test per polygon edge."""
    inside = np.zeros((py.shape[0], px.shape[1]), dtype=bool)  # [Y, X]
    ax, ay = poly[:, 0], poly[:, 1]
    bx, by = np.roll(ax, -1), np.roll(ay, -1)
    for x0, y0, x1, y1 in zip(ax, ay, bx, by):
        if y0 == y1:  # horizontal edges never cross
            continue
        crosses = (y0 > py) != (y1 > py)  # [Y, 1]
        x_at = x0 + (py - y0) * (x1 - x0) / (y1 - y0)  # [Y, 1]
        inside ^= crosses & (px < x_at)  # [Y, X]
    return inside


def _near_boundary(
    poly: NDArray[np.float64], px: NDArray[np.float64], py: NDArray[np.float64], d: float
) -> NDArray[np.bool_]:
    """Grid points within distance ``d`` of the polygon's boundary (any edge)."""
    near = np.zeros((py.shape[0], px.shape[1]), dtype=bool)
    for a, b in zip(poly, np.roll(poly, -1, axis=0)):
        ab = b - a
        len2 = max(float(ab @ ab), 1e-300)
        t = np.clip(((px - a[0]) * ab[0] + (py - a[1]) * ab[1]) / len2, 0.0, 1.0)  # [Y, X] foot of the normal
        near |= np.hypot(px - (a[0] + t * ab[0]), py - (a[1] + t * ab[1])) <= d
    return near


def polygon_mask(
    polygon: ArrayLike, shape: tuple[int, int], *, supersample: int = 1, dilate: float = 0.0
) -> NDArray[np.float64]:
    """Rasterize a polygon given in integer-corner coordinates.

    Each pixel is tested at ``supersample x supersample`` points spread as the
    half-pixel grid ② inside it (with ``supersample=1``: its center
    ``(c + 1/2, r + 1/2)``) with the even-odd rule; the result is the fraction
    of points inside. ``supersample=1`` gives a binary mask (what a mask
    stored in a dataset is); large values approach the exact area covered.
    With ``dilate = d > 0`` a point also counts when it lies within ``d`` of
    the boundary: the pixel count then grows by about ``d`` times the
    perimeter (plus ``π d²`` for a convex polygon).

    Parameters
    ----------
    polygon : (V, 2) or (2V,) array_like of float
        Vertices ``(x, y)`` (or COCO's flat list), integer-corner coordinates, ``V >= 3``.
    shape : (int, int)
        ``(H, W)`` of the output.
    supersample : int
        Points per pixel along each axis (``H * s`` and ``W * s`` at most ``MAX_LENGTH``).
    dilate : float
        Distance ``d >= 0`` by which the polygon is grown.

    Returns
    -------
    ndarray of float64, shape (H, W), values in [0, 1]
        ``polygon_mask(...) > 0.5`` is the binary mask.

    Examples
    --------
    >>> polygon_mask([[1, 1], [3, 1], [3, 2], [1, 2]], (3, 4)).astype(int).tolist()
    [[0, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
    >>> # the 2 x 2 square grown by 1/2: a 4 x 4 block less its corners, whose centers are √½ away
    >>> int(polygon_mask([2, 2, 4, 2, 4, 4, 2, 4], (6, 6), dilate=0.5).sum())
    12
    """
    poly = as_polygon(polygon)
    height, width = check_size_pair("shape", shape)
    s = check_size("supersample", supersample)
    d = check_finite_float("dilate", dilate, minimum=0.0)
    check_size("shape[0] * supersample", height * s)
    check_size("shape[1] * supersample", width * s)
    check_elements("the supersampled grid (H s x W s)", height * s * width * s, "points")
    py = _subpixel_positions(height, s)[:, None]  # [H*s, 1]: row r covers [r, r+1)
    px = _subpixel_positions(width, s)[None, :]  # [1, W*s]
    inside = _inside_even_odd(poly, px, py)
    if d > 0:
        inside |= _near_boundary(poly, px, py, d)
    return inside.reshape(height, s, width, s).mean(axis=(1, 3))


def mask_iou(mask: ArrayLike, reference: ArrayLike) -> float:
    """IoU of a binary mask with a reference that may be soft (a coverage fraction per pixel).

    ``intersection = sum(mask * reference)``, ``union = sum(mask) + sum(reference) - intersection``.
    With a coverage reference (:func:`polygon_mask` with ``supersample > 1``)
    this is the IoU between the mask's pixel squares and the true region.

    Parameters
    ----------
    mask : (H, W) array_like of bool or float in [0, 1]
    reference : (H, W) array_like of bool or float in [0, 1]

    Returns
    -------
    float
        In ``[0, 1]``; 1 when both are empty.

    Examples
    --------
    >>> mask_iou([[1, 1, 0]], [[1, 0.5, 0]])
    0.75
    """
    m = check_finite_array("mask", mask, allow_bool=True)
    r = check_finite_array("reference", reference, allow_bool=True)
    if m.shape != r.shape:
        raise ValueError(f"reference must have the mask's shape {m.shape}; got shape {r.shape}")
    for name, arr in (("mask", m), ("reference", r)):
        if arr.size and (arr.min() < 0 or arr.max() > 1):
            raise ValueError(
                f"{name} must hold values in [0, 1] (a mask or a coverage); "
                f"got values from {arr.min():g} to {arr.max():g}"
            )
    inter = float((m * r).sum())
    union = float(m.sum() + r.sum()) - inter
    return inter / union if union > 0 else 1.0


def polygon_vs_mask_pipeline(
    polygon: ArrayLike,
    image_shape: tuple[int, int],
    *,
    scale: float = 1.5,
    crop: tuple[int, int, int, int] = (0, 0, 32, 32),
    supersample: int = 16,
) -> dict[str, NDArray[Any]]:
    """Run horizontal flip -> resize by ``scale`` -> crop on a polygon annotation, two ways.

    * ``"mask first"`` (rasterize at load time, as TensorFlow's detection
      data pipelines do): rasterize in the original image, flip the mask
      (``fliplr``), resize it bilinearly (half-pixel) and threshold at 0.5,
      then crop.
    * ``"polygon first"`` (Detectron / Detectron2): flip the vertices
      (``x -> W - x``), scale them, shift by the crop origin, and rasterize
      only at the end.
    * ``"exact"``: the area fraction of each final pixel covered by the
      transformed polygon (``supersample**2`` points per pixel).

    Parameters
    ----------
    polygon : (V, 2) array_like of float
        Integer-corner coordinates in the original image.
    image_shape : (int, int)
        ``(H, W)`` of the original image.
    scale : float
        Resize factor; the resized image is ``round(H * scale) x round(W * scale)``.
    crop : (int, int, int, int)
        ``(x0, y0, width, height)`` in resized pixels; ``x0, y0 >= 0``.
    supersample : int
        Sub-samples per pixel side for ``"exact"``.

    Returns
    -------
    dict of str -> ndarray, shape (height, width)
        ``"mask first"`` and ``"polygon first"`` (bool), ``"exact"`` (float64).
    """
    from .boxes import flip_polygon
    from .resample import resize

    poly = as_polygon(polygon)
    height, width = check_size_pair("image_shape", image_shape)
    s = check_finite_float("scale", scale, positive=True)
    if isinstance(crop, (str, bytes)) or not isinstance(crop, (tuple, list)) or len(crop) != 4:
        raise TypeError(f"crop must be a tuple (x0, y0, width, height) of 4 ints; got {crop!r}")
    cx, cy = check_int("crop[0]", crop[0], minimum=0), check_int("crop[1]", crop[1], minimum=0)
    cw, ch = check_size("crop[2]", crop[2]), check_size("crop[3]", crop[3])
    big_shape = (int(round(height * s)), int(round(width * s)))
    check_size_pair("the resized image (image_shape * scale)", big_shape)
    check_size("supersample", supersample)

    moved = flip_polygon(poly, width) * s - [cx, cy]  # [V, 2]
    mask = polygon_mask(poly, (height, width))[:, ::-1]  # flip indices: fliplr
    big = resize(mask, big_shape, "linear", "half_pixel") >= 0.5
    return {
        "mask first": big[cy : cy + ch, cx : cx + cw],
        "polygon first": polygon_mask(moved, (ch, cw)) > 0.5,
        "exact": polygon_mask(moved, (ch, cw), supersample=supersample),
    }
