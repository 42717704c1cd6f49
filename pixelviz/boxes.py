"""Box regression coding and horizontal flips: indices versus coordinates.

Two ways to describe a box, and the arithmetic each one needs:

* **Inclusive integer indices** (Detectron, py-faster-rcnn): ``(x0, y0, x1, y1)``
  are the first and last pixel *indices* inside the box, so the width is
  ``x1 - x0 + 1``. Every formula then needs a ``+ 1`` or a ``- 1`` somewhere,
  and forgetting one is easy: the legacy decoder below does.
* **Float coordinates** in integer corners (Detectron2, pixelviz): ``(x0, y0, x1,
  y1)`` are continuous points; pixel ``i`` covers ``[i, i + 1)``; the width is
  ``x1 - x0``. No ``± 1`` anywhere.

Flips follow the same split: a pixel *index* flips as ``i -> W - 1 - i``, a
*coordinate* as ``x -> W - x`` (pixel 3's center 3.5 goes to 6.5 in a width-10
image, the center of pixel 6 = 10 - 1 - 3).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ._validate import check_choice, check_finite_array, check_finite_float, check_positive_int
from .conventions import sample_positions
from .geometry import as_boxes, as_points, as_polygon

__all__ = [
    "legacy_encode_1d",
    "legacy_decode_1d",
    "encode_1d",
    "decode_1d",
    "encode_boxes",
    "decode_boxes",
    "flip_index",
    "flip_coord",
    "flip_points",
    "flip_boxes",
    "flip_polygon",
    "polygon_mask",
    "mask_iou",
    "polygon_vs_mask_pipeline",
]

Style = Literal["float", "legacy", "legacy_fixed"]
_STYLES = ("float", "legacy", "legacy_fixed")
Kind = Literal["coords", "indices"]
_KINDS = ("coords", "indices")


# ---------------------------------------------------------------- 1D coding (the article's two functions)
def legacy_encode_1d(x0: float, x1: float) -> tuple[float, float]:
    """Center and width of the inclusive index interval ``[x0, x1]`` (Detectron / py-faster-rcnn).

    ``w = x1 - x0 + 1`` counts the pixels; ``center = x0 + w / 2``.
    Example: pixels 2..5 -> ``w = 4``, ``center = 4.0``.
    """
    w = x1 - x0 + 1
    center = x0 + 0.5 * w
    return center, w


def legacy_decode_1d(center: float, w: float, *, fixed: bool = False) -> tuple[float, float]:
    """Inverse of :func:`legacy_encode_1d` as py-faster-rcnn wrote it (``fixed=False``).

    The legacy code returns ``x1 = center + w / 2``, one pixel too far right:
    ``legacy_decode_1d(*legacy_encode_1d(2, 5)) == (2.0, 6.0)``. Detectron's fix
    (``fixed=True``) subtracts the missing 1 and round-trips to ``(2.0, 5.0)``.
    """
    x0 = center - 0.5 * w
    x1 = center + 0.5 * w - (1 if fixed else 0)
    return x0, x1


def encode_1d(x0: float, x1: float) -> tuple[float, float]:
    """Center and width of the coordinate interval ``[x0, x1]`` (Detectron2): ``w = x1 - x0``."""
    w = x1 - x0
    return x0 + 0.5 * w, w


def decode_1d(center: float, w: float) -> tuple[float, float]:
    """Exact inverse of :func:`encode_1d`: ``(center - w/2, center + w/2)``."""
    return center - 0.5 * w, center + 0.5 * w


# ---------------------------------------------------------------- box deltas
def _widths_centers(boxes: np.ndarray, style: str) -> tuple[np.ndarray, ...]:
    plus = 0.0 if style == "float" else 1.0
    w = boxes[..., 2] - boxes[..., 0] + plus
    h = boxes[..., 3] - boxes[..., 1] + plus
    return w, h, boxes[..., 0] + 0.5 * w, boxes[..., 1] + 0.5 * h


def _check_style(style: Any) -> str:
    return check_choice("style", style, _STYLES)


def _check_boxes(name: str, boxes: Any) -> np.ndarray:
    check_finite_array(name, boxes, ndim=(1, 2))
    return as_boxes(boxes, name)


def encode_boxes(boxes: Any, references: Any, style: Style = "float") -> np.ndarray:
    """Regression targets ``(dx, dy, dw, dh)`` of ``boxes`` relative to ``references``.

    ``dx = (cx - cx_ref) / w_ref``, ``dw = log(w / w_ref)``, the same for y.

    Parameters
    ----------
    boxes, references : (4,) or (K, 4) array_like of float
        ``(x0, y0, x1, y1)``. Under ``style="float"`` they are integer-corner
        coordinates (width ``x1 - x0``); under the two legacy styles they are
        inclusive pixel indices (width ``x1 - x0 + 1``).
    style : {"float", "legacy", "legacy_fixed"}
        ``"legacy"`` and ``"legacy_fixed"`` encode identically; they differ
        only in :func:`decode_boxes`.

    Returns
    -------
    ndarray of float64, shape (..., 4)

    Raises
    ------
    TypeError, ValueError
        For boxes of the wrong shape, non-finite values, non-positive widths,
        or an unknown style.

    Examples
    --------
    >>> encode_boxes([0, 0, 4, 2], [0, 0, 2, 2]).round(4).tolist()
    [0.5, 0.0, 0.6931, 0.0]
    """
    style = _check_style(style)
    b, r = _check_boxes("boxes", boxes), _check_boxes("references", references)
    w, h, cx, cy = _widths_centers(b, style)
    rw, rh, rcx, rcy = _widths_centers(r, style)
    for name, v in (("boxes", w), ("boxes", h), ("references", rw), ("references", rh)):
        if np.any(v <= 0):
            raise ValueError(f"{name} must have positive width and height under style={style!r}; got {v!r}")
    return np.stack([(cx - rcx) / rw, (cy - rcy) / rh, np.log(w / rw), np.log(h / rh)], axis=-1)


def decode_boxes(deltas: Any, references: Any, style: Style = "float") -> np.ndarray:
    """Boxes from regression ``deltas`` relative to ``references``: inverse of :func:`encode_boxes`.

    Parameters
    ----------
    deltas : (4,) or (K, 4) array_like of float
        ``(dx, dy, dw, dh)``.
    references : (4,) or (K, 4) array_like of float
        Same convention as in :func:`encode_boxes`.
    style : {"float", "legacy", "legacy_fixed"}
        ``"float"`` (Detectron2): ``x1 = cx + w/2``; exact inverse.
        ``"legacy"`` (py-faster-rcnn): ``x1 = cx + w/2`` on *inclusive* boxes,
        so ``x1`` and ``y1`` come back one pixel too large.
        ``"legacy_fixed"`` (Detectron): ``x1 = cx + w/2 - 1``; exact inverse.

    Returns
    -------
    ndarray of float64, shape (..., 4)

    Notes
    -----
    **Round trip.** ``decode_boxes(encode_boxes(b, r, s), r, s) == b`` for
    ``s`` in ``{"float", "legacy_fixed"}``; for ``"legacy"`` it equals
    ``b + (0, 0, 1, 1)``. Example: inclusive box ``(2, 2, 5, 5)`` (4 pixels
    wide, center 4) decodes to ``(2, 2, 6, 6)`` under ``"legacy"``.

    Examples
    --------
    >>> ref = [0, 0, 9, 9]
    >>> decode_boxes(encode_boxes([2, 2, 5, 5], ref, "legacy"), ref, "legacy").tolist()
    [2.0, 2.0, 6.0, 6.0]
    """
    style = _check_style(style)
    d, r = check_finite_array("deltas", deltas, ndim=(1, 2), last_dim=4), _check_boxes("references", references)
    rw, rh, rcx, rcy = _widths_centers(r, style)
    cx, cy = rcx + d[..., 0] * rw, rcy + d[..., 1] * rh
    w, h = rw * np.exp(d[..., 2]), rh * np.exp(d[..., 3])
    minus = 1.0 if style == "legacy_fixed" else 0.0
    return np.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w - minus, cy + 0.5 * h - minus], axis=-1)


# ---------------------------------------------------------------- flips
def flip_index(index: Any, width: float) -> np.ndarray:
    """Mirror pixel indices: ``i -> width - 1 - i`` (index 3 in width 10 -> 6)."""
    return float(width) - 1.0 - np.asarray(index, dtype=np.float64)


def flip_coord(coord: Any, width: float) -> np.ndarray:
    """Mirror continuous integer-corner coordinates: ``x -> width - x`` (3.5 in width 10 -> 6.5)."""
    return float(width) - np.asarray(coord, dtype=np.float64)


def _flip_x(x: np.ndarray, width: float, kind: str) -> np.ndarray:
    return flip_coord(x, width) if kind == "coords" else flip_index(x, width)


def _check_flip_args(width: Any, kind: Any) -> tuple[float, str]:
    return check_finite_float("width", width, positive=True), check_choice("kind", kind, _KINDS)


def flip_points(points: Any, width: float, kind: Kind = "coords") -> np.ndarray:
    """Flip ``(x, y)`` points horizontally in an image of ``width`` pixels.

    Parameters
    ----------
    points : (2,) or (P, 2) array_like of float
        ``(x, y)`` pairs; integer-corner coordinates for ``kind="coords"``,
        pixel indices for ``kind="indices"``.
    width : float
        Image width ``W``.
    kind : {"coords", "indices"}
        ``"coords"``: ``x -> W - x``. ``"indices"``: ``x -> W - 1 - x``.
        Applying ``"indices"`` to coordinates (Detectron's polygons and
        keypoints) moves every point one pixel to the left.

    Returns
    -------
    ndarray of float64, same shape as ``points``

    Examples
    --------
    >>> flip_points([3.5, 1.0], 10).tolist()
    [6.5, 1.0]
    >>> flip_points([3, 1], 10, kind="indices").tolist()
    [6.0, 1.0]
    """
    width, kind = _check_flip_args(width, kind)
    check_finite_array("points", points, ndim=(1, 2))
    p = as_points(points).copy()
    p[..., 0] = _flip_x(p[..., 0], width, kind)
    return p


def flip_boxes(boxes: Any, width: float, kind: Kind = "coords") -> np.ndarray:
    """Flip ``(x0, y0, x1, y1)`` boxes horizontally; ``x0`` and ``x1`` swap roles.

    ``kind="coords"`` (Detectron2, float boxes): ``(W - x1, y0, W - x0, y1)``.
    ``kind="indices"`` (Detectron, inclusive boxes): ``(W - 1 - x1, y0, W - 1 - x0, y1)``.
    Both are involutions; each is right for its own kind of box.

    Parameters
    ----------
    boxes : (4,) or (K, 4) array_like of float
    width : float
        Image width ``W``.
    kind : {"coords", "indices"}

    Returns
    -------
    ndarray of float64, same shape as ``boxes``

    Examples
    --------
    >>> flip_boxes([1, 0, 3, 2], 10).tolist()
    [7.0, 0.0, 9.0, 2.0]
    """
    width, kind = _check_flip_args(width, kind)
    b = _check_boxes("boxes", boxes).copy()
    x0, x1 = b[..., 0].copy(), b[..., 2].copy()
    b[..., 0], b[..., 2] = _flip_x(x1, width, kind), _flip_x(x0, width, kind)
    return b


def flip_polygon(polygon: Any, width: float, kind: Kind = "coords") -> np.ndarray:
    """Flip a polygon's ``(V, 2)`` vertices horizontally (see :func:`flip_points`).

    COCO polygons are integer-corner coordinates, so ``kind="coords"`` is the
    right rule for them; Detectron used ``"indices"`` (``W - 1 - x``).
    The vertex order is kept (the orientation reverses, which rasterizers ignore).
    """
    width, kind = _check_flip_args(width, kind)
    p = as_polygon(polygon).copy()
    p[:, 0] = _flip_x(p[:, 0], width, kind)
    return p


# ---------------------------------------------------------------- rasterization
def polygon_mask(polygon: Any, shape: tuple[int, int], *, supersample: int = 1) -> np.ndarray:
    """Rasterize a polygon given in integer-corner coordinates.

    Each pixel is tested at ``supersample x supersample`` points spread as the
    half-pixel grid ② inside it (with ``supersample=1``: its center
    ``(c + 1/2, r + 1/2)``) with the even-odd rule; the result is the fraction
    of points inside. ``supersample=1`` gives a binary mask (what a mask
    stored in a dataset is); large values approach the exact area covered.

    Parameters
    ----------
    polygon : (V, 2) or (2V,) array_like of float
        Vertices ``(x, y)`` (or COCO's flat list), integer-corner coordinates, ``V >= 3``.
    shape : (int, int)
        ``(H, W)`` of the output.
    supersample : int
        Points per pixel along each axis.

    Returns
    -------
    ndarray of float64, shape (H, W), values in [0, 1]

    Examples
    --------
    >>> polygon_mask([[1, 1], [3, 1], [3, 2], [1, 2]], (3, 4)).astype(int).tolist()
    [[0, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
    """
    poly = as_polygon(polygon)
    if not (isinstance(shape, (tuple, list)) and len(shape) == 2):
        raise TypeError(f"shape must be a pair (H, W); got {shape!r}")
    height, width = (check_positive_int("shape[0]", shape[0]), check_positive_int("shape[1]", shape[1]))
    s = check_positive_int("supersample", supersample)
    sub = sample_positions(s, "half_pixel")                            # (s,) offsets inside a pixel
    ys = np.arange(height)[:, None] + sub                              # (H, s): row r covers [r, r+1)
    xs = np.arange(width)[:, None] + sub                               # (W, s)
    py, px = ys.reshape(-1)[:, None], xs.reshape(-1)[None, :]          # [H*s, 1], [1, W*s]
    inside = np.zeros((py.shape[0], px.shape[1]), dtype=bool)
    ax, ay = poly[:, 0], poly[:, 1]
    bx, by = np.roll(ax, -1), np.roll(ay, -1)
    for x0, y0, x1, y1 in zip(ax, ay, bx, by):                        # even-odd crossing test per edge
        if y0 == y1:
            continue
        crosses = (y0 > py) != (y1 > py)                               # [H*s, 1]
        x_at = x0 + (py - y0) * (x1 - x0) / (y1 - y0)                  # [H*s, 1]
        inside ^= crosses & (px < x_at)                                # [H*s, W*s]
    return inside.reshape(height, s, width, s).mean(axis=(1, 3))


def mask_iou(mask: Any, reference: Any) -> float:
    """IoU of a binary mask with a reference that may be soft (a coverage fraction per pixel).

    ``intersection = sum(mask * reference)``, ``union = sum(mask) + sum(reference) - intersection``.
    With a coverage reference (:func:`polygon_mask` with ``supersample > 1``)
    this is the IoU between the mask's pixel squares and the true region.

    Examples
    --------
    >>> mask_iou([[1, 1, 0]], [[1, 0.5, 0]])
    0.75
    """
    m = check_finite_array("mask", mask)
    r = check_finite_array("reference", reference)
    if m.shape != r.shape:
        raise ValueError(f"reference must have the mask's shape {m.shape}; got shape {r.shape}")
    inter = float((m * r).sum())
    union = float(m.sum() + r.sum()) - inter
    return inter / union if union > 0 else 1.0


def polygon_vs_mask_pipeline(polygon: Any, image_shape: tuple[int, int], *, scale: float = 1.5,
                             crop: tuple[int, int, int, int] = (0, 0, 32, 32),
                             supersample: int = 16) -> dict[str, np.ndarray]:
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
        ``(x0, y0, width, height)`` in resized pixels.

    Returns
    -------
    dict of str -> ndarray, shape (height, width)
        ``"mask first"`` and ``"polygon first"`` (bool), ``"exact"`` (float64).
    """
    from .resample import resize

    poly = as_polygon(polygon)
    height, width = check_positive_int("image_shape[0]", image_shape[0]), check_positive_int("image_shape[1]", image_shape[1])
    s = check_finite_float("scale", scale, positive=True)
    cx, cy, cw, ch = (int(v) for v in crop)
    out_shape = (check_positive_int("crop[3]", ch), check_positive_int("crop[2]", cw))

    moved = flip_polygon(poly, width) * s - [cx, cy]                          # [V, 2]
    mask = polygon_mask(poly, (height, width))[:, ::-1]                       # flip indices: fliplr
    big = resize(mask, (int(round(height * s)), int(round(width * s))), "linear", "half_pixel") >= 0.5
    return {"mask first": big[cy:cy + ch, cx:cx + cw],
            "polygon first": polygon_mask(moved, out_shape) > 0.5,
            "exact": polygon_mask(moved, out_shape, supersample=supersample)}
