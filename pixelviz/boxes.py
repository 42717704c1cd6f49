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

import functools
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import check_bool, check_choice, check_finite_array, check_finite_float
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
]

#: Largest |dw|, |dh| that decode_boxes accepts: exp(700) is near float64's limit.
_MAX_LOG_SCALE = 700.0

Style = Literal["float", "legacy", "legacy_fixed"]
_STYLES = ("float", "legacy", "legacy_fixed")
Kind = Literal["coords", "indices"]
_KINDS = ("coords", "indices")


# ---------------------------------------------------------------- 1D coding (the article's two functions)
# The arithmetic of each function is the article's, line for line (chapter 6 prints it); the
# argument checks run first, in the decorator.
_F = TypeVar("_F", bound=Callable[..., Any])


def _checked(check: Callable[..., Any]) -> Callable[[_F], _F]:
    """Run ``check`` on a call's arguments (it raises on bad input) before the function itself."""

    def decorate(fn: _F) -> _F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            check(*args, **kwargs)
            return fn(*args, **kwargs)

        return cast(_F, wrapper)

    return decorate


def _check_interval(x0: Any, x1: Any) -> None:
    """Finite real ends with ``x0 <= x1``."""
    if check_finite_float("x1", x1) < check_finite_float("x0", x0):
        raise ValueError(f"x1 must be >= x0; got x0={x0!r}, x1={x1!r}")


def _check_center_width(center: Any, w: Any, *, fixed: Any = False) -> None:
    check_finite_float("center", center), check_finite_float("w", w, minimum=0.0), check_bool("fixed", fixed)


@_checked(_check_interval)
def legacy_encode_1d(x0: float, x1: float) -> tuple[float, float]:
    """Center and width of the inclusive index interval ``[x0, x1]`` (Detectron / py-faster-rcnn).

    ``w = x1 - x0 + 1`` counts the pixels; ``center = x0 + w / 2``.
    Example: pixels 2..5 -> ``w = 4``, ``center = 4.0``.
    """
    w = x1 - x0 + 1
    center = x0 + 0.5 * w
    return center, w


@_checked(_check_center_width)
def legacy_decode_1d(center: float, w: float, *, fixed: bool = False) -> tuple[float, float]:
    """Inverse of :func:`legacy_encode_1d` as py-faster-rcnn wrote it (``fixed=False``).

    The legacy code returns ``x1 = center + w / 2``, one pixel too far right:
    ``legacy_decode_1d(*legacy_encode_1d(2, 5)) == (2.0, 6.0)``. Detectron's fix
    (``fixed=True``) subtracts the missing 1 and round-trips to ``(2.0, 5.0)``.
    """
    x0 = center - 0.5 * w
    x1 = center + 0.5 * w - (1 if fixed else 0)
    return x0, x1


@_checked(_check_interval)
def encode_1d(x0: float, x1: float) -> tuple[float, float]:
    """Center and width of the coordinate interval ``[x0, x1]`` (Detectron2): ``w = x1 - x0``."""
    w = x1 - x0
    return x0 + 0.5 * w, w


@_checked(_check_center_width)
def decode_1d(center: float, w: float) -> tuple[float, float]:
    """Exact inverse of :func:`encode_1d`: ``(center - w/2, center + w/2)``."""
    return center - 0.5 * w, center + 0.5 * w


# ---------------------------------------------------------------- box deltas
def _widths_centers(boxes: NDArray[np.float64], style: str) -> tuple[NDArray[np.float64], ...]:
    plus = 0.0 if style == "float" else 1.0
    w = boxes[..., 2] - boxes[..., 0] + plus
    h = boxes[..., 3] - boxes[..., 1] + plus
    return w, h, boxes[..., 0] + 0.5 * w, boxes[..., 1] + 0.5 * h


def _check_style(style: Any) -> str:
    return check_choice("style", style, _STYLES)


def _check_boxes(name: str, boxes: Any) -> NDArray[np.float64]:
    check_finite_array(name, boxes, ndim=(1, 2))
    return as_boxes(boxes, name)


def encode_boxes(boxes: ArrayLike, references: ArrayLike, style: Style = "float") -> NDArray[np.float64]:
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
    rule = _check_style(style)
    b, r = _check_boxes("boxes", boxes), _check_boxes("references", references)
    w, h, cx, cy = _widths_centers(b, rule)
    rw, rh, rcx, rcy = _widths_centers(r, rule)
    for name, v in (("boxes", w), ("boxes", h), ("references", rw), ("references", rh)):
        if np.any(v <= 0):
            raise ValueError(f"{name} must have positive width and height under style={rule!r}; got {v!r}")
    return np.stack([(cx - rcx) / rw, (cy - rcy) / rh, np.log(w / rw), np.log(h / rh)], axis=-1)


def decode_boxes(deltas: ArrayLike, references: ArrayLike, style: Style = "float") -> NDArray[np.float64]:
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
    rule = _check_style(style)
    d, r = check_finite_array("deltas", deltas, ndim=(1, 2), last_dim=4), _check_boxes("references", references)
    if np.any(np.abs(d[..., 2:]) > _MAX_LOG_SCALE):
        raise ValueError(
            f"deltas[..., 2:] (dw, dh) must lie within ±{_MAX_LOG_SCALE} (exp would overflow); "
            f"got {d[..., 2:].tolist()!r}"
        )
    rw, rh, rcx, rcy = _widths_centers(r, rule)
    if np.any(rw <= 0) or np.any(rh <= 0):
        raise ValueError(f"references must have positive width and height under style={rule!r}; got {r.tolist()!r}")
    cx, cy = rcx + d[..., 0] * rw, rcy + d[..., 1] * rh
    w, h = rw * np.exp(d[..., 2]), rh * np.exp(d[..., 3])
    minus = 1.0 if rule == "legacy_fixed" else 0.0
    return np.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w - minus, cy + 0.5 * h - minus], axis=-1)


# ---------------------------------------------------------------- flips
def flip_index(index: ArrayLike, width: float) -> NDArray[np.float64]:
    """Mirror pixel indices: ``i -> width - 1 - i`` (index 3 in width 10 -> 6).

    Parameters
    ----------
    index : array_like of float
        Pixel indices (any shape), finite.
    width : float
        Image width ``W > 0``.

    Returns
    -------
    ndarray of float64, same shape as ``index``
    """
    w = check_finite_float("width", width, positive=True)
    return _flip_x(check_finite_array("index", index), w, "indices")


def flip_coord(coord: ArrayLike, width: float) -> NDArray[np.float64]:
    """Mirror continuous integer-corner coordinates: ``x -> width - x`` (3.5 in width 10 -> 6.5).

    Parameters
    ----------
    coord : array_like of float
        Coordinates (any shape), finite.
    width : float
        Image width ``W > 0``.

    Returns
    -------
    ndarray of float64, same shape as ``coord``
    """
    w = check_finite_float("width", width, positive=True)
    return _flip_x(check_finite_array("coord", coord), w, "coords")


def _flip_x(x: NDArray[np.float64], width: float, kind: str) -> NDArray[np.float64]:
    # a coordinate mirrors about W/2 (x -> W - x); an index names the pixel [i, i+1), whose mirror starts at W - 1 - i
    return (width - x) if kind == "coords" else (width - 1.0 - x)


def _check_flip_args(width: Any, kind: Any) -> tuple[float, str]:
    return check_finite_float("width", width, positive=True), check_choice("kind", kind, _KINDS)


def flip_points(points: ArrayLike, width: float, kind: Kind = "coords") -> NDArray[np.float64]:
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
    w, rule = _check_flip_args(width, kind)
    p = as_points(check_finite_array("points", points, ndim=(1, 2)))
    p[..., 0] = _flip_x(p[..., 0], w, rule)
    return p


def flip_boxes(boxes: ArrayLike, width: float, kind: Kind = "coords") -> NDArray[np.float64]:
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
    w, rule = _check_flip_args(width, kind)
    b = _check_boxes("boxes", boxes).copy()
    x0, x1 = b[..., 0].copy(), b[..., 2].copy()
    b[..., 0], b[..., 2] = _flip_x(x1, w, rule), _flip_x(x0, w, rule)
    return b


def flip_polygon(polygon: ArrayLike, width: float, kind: Kind = "coords") -> NDArray[np.float64]:
    """Flip a polygon's ``(V, 2)`` vertices horizontally (see :func:`flip_points`).

    COCO polygons are integer-corner coordinates, so ``kind="coords"`` is the
    right rule for them; Detectron used ``"indices"`` (``W - 1 - x``).
    The vertex order is kept (the orientation reverses, which rasterizers ignore).
    """
    w, rule = _check_flip_args(width, kind)
    p = as_polygon(polygon).copy()
    p[:, 0] = _flip_x(p[:, 0], w, rule)
    return p
