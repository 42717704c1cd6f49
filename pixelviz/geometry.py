"""Points, boxes and polygons: validation, origin conversions, areas.

Coordinates here are continuous ``(x, y)`` pairs. pixelviz uses **integer
corners** (pixel ``(i, j)`` covers ``[i, i+1) x [j, j+1)``, its center is at
``(i + 1/2, j + 1/2)``); many libraries use **integer centers** (pixel
``(i, j)``'s center is at ``(i, j)``). The half-pixel shift between the two
lives in :func:`pixelviz.conventions.convert_origin`; this module only calls
it, so the ``± 1/2`` is written once.

Two ways to write a box:

* **coordinate box** ``[x0, y0, x1, y1]`` (float, XYXY): the continuous
  rectangle from ``(x0, y0)`` to ``(x1, y1)``; width ``x1 - x0``.
* **index box** ``[x0, y0, x1, y1]`` (inclusive integers): the pixels with
  column ``x0..x1`` and row ``y0..y1``, both ends included; width
  ``x1 - x0 + 1`` pixels. Its coordinate box in integer corners is
  ``[x0, y0, x1 + 1, y1 + 1]``.

Shapes: points ``(..., 2)``, boxes ``(..., 4)``, a polygon ``(K, 2)`` with
``K >= 3`` vertices in order (either orientation).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import check_bool, check_elements, check_finite_array, check_name, check_size_pair
from .conventions import Origin, convert_origin, index_to_coord, parse_origin

__all__ = [
    "as_points",
    "as_boxes",
    "as_polygon",
    "as_index_boxes",
    "convert_points_origin",
    "convert_boxes_origin",
    "convert_polygon_origin",
    "index_boxes_to_coords",
    "coord_boxes_to_index",
    "polygon_area",
    "polygon_perimeter",
    "box_area",
    "affine_convert_origin",
    "pixel_centers",
]


# ---------------------------------------------------------------- validators
def as_points(points: ArrayLike, name: str = "points") -> NDArray[np.float64]:
    """Return ``points`` as a finite float64 array of shape ``(..., 2)``.

    Parameters
    ----------
    points : array_like, shape (..., 2)
        ``(x, y)`` pairs, in whichever origin the caller uses.
    name : str
        Argument name used in error messages.

    Returns
    -------
    ndarray of float64, shape (..., 2)

    Raises
    ------
    TypeError
        If ``points`` is not numeric.
    ValueError
        If the last axis is not 2 or an entry is NaN or inf.

    Examples
    --------
    >>> as_points([1, 2]).tolist()
    [1.0, 2.0]
    """
    return check_finite_array(check_name(name), points, last_dim=2)


def as_boxes(boxes: ArrayLike, name: str = "boxes", allow_empty: bool = True) -> NDArray[np.float64]:
    """Return ``boxes`` as a finite float64 array of XYXY boxes, shape ``(..., 4)``.

    Parameters
    ----------
    boxes : array_like, shape (..., 4)
        ``[x0, y0, x1, y1]`` coordinate boxes with ``x0 <= x1`` and ``y0 <= y1``.
        Zero-width or zero-height boxes (``x0 == x1``) are legal: they have
        area 0.
    name : str
        Argument name used in error messages.
    allow_empty : bool
        Whether an array with no boxes (e.g. shape ``(0, 4)``) is accepted.

    Returns
    -------
    ndarray of float64, shape (..., 4)

    Raises
    ------
    TypeError
        If ``boxes`` is not numeric.
    ValueError
        If the last axis is not 4, an entry is NaN or inf, there are no boxes
        and ``allow_empty`` is false, or a box has ``x1 < x0`` or ``y1 < y0``
        (the message names the first such box's index).

    Examples
    --------
    >>> as_boxes([0, 0, 2, 3]).tolist()
    [0.0, 0.0, 2.0, 3.0]
    """
    allow = check_bool("allow_empty", allow_empty)
    arr = check_finite_array(check_name(name), boxes, last_dim=4)
    if arr.size == 0 and not allow:
        raise ValueError(f"{name} must contain at least one box; got shape {arr.shape}")
    bad = (arr[..., 2] < arr[..., 0]) | (arr[..., 3] < arr[..., 1])
    if np.any(bad):
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f"{name}[{', '.join(map(str, idx))}]" if idx else name
        box = arr[idx] if idx else arr
        raise ValueError(f"{name} must satisfy x0 <= x1 and y0 <= y1 (XYXY); got {where} = {box.tolist()!r}")
    return arr


def as_polygon(polygon: ArrayLike, name: str = "polygon") -> NDArray[np.float64]:
    """Return ``polygon`` as a finite float64 array of vertices, shape ``(K, 2)``.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices in order; the flat form ``[x0, y0, x1, y1, ...]`` is COCO's.
        ``K >= 3``. The last vertex is joined back to the first; do not repeat
        it.
    name : str
        Argument name used in error messages.

    Returns
    -------
    ndarray of float64, shape (K, 2)

    Raises
    ------
    TypeError
        If ``polygon`` is not numeric.
    ValueError
        For another shape, an odd flat length, fewer than 3 vertices, or NaN/inf.

    Examples
    --------
    >>> as_polygon([0, 0, 2, 0, 2, 1]).shape
    (3, 2)
    """
    arr = check_finite_array(check_name(name), polygon, ndim=(1, 2))
    if arr.ndim == 1:
        if arr.size % 2:
            raise ValueError(f"{name} must be a flat list [x0, y0, x1, y1, ...] of even length; got length {arr.size}")
        arr = arr.reshape(-1, 2)
    elif arr.shape[1] != 2:
        raise ValueError(f"{name} must have shape (K, 2) or (2K,); got shape {arr.shape}")
    if arr.shape[0] < 3:
        raise ValueError(f"{name} must have at least 3 vertices; got {arr.shape[0]}")
    return arr


def as_index_boxes(boxes: ArrayLike, name: str = "boxes") -> NDArray[np.int64]:
    """Return inclusive-integer index boxes as int64, shape ``(..., 4)``.

    Parameters
    ----------
    boxes : array_like of int, shape (..., 4)
        ``[x0, y0, x1, y1]``: first and last column/row indices, both
        included, ``x0 <= x1`` and ``y0 <= y1`` (a box holds at least one
        pixel).

    Returns
    -------
    ndarray of int64, shape (..., 4)

    Raises
    ------
    ValueError
        For non-integer entries or ``x1 < x0`` / ``y1 < y0``.
    """
    arr = as_boxes(boxes, name=check_name(name))
    if not np.all(arr == np.round(arr)):
        raise ValueError(f"{name} must contain integer pixel indices; got {np.asarray(boxes).tolist()!r}")
    return arr.astype(np.int64)


# ---------------------------------------------------------------- origin conversions
def convert_points_origin(points: ArrayLike, source: Origin | str, target: Origin | str) -> NDArray[np.float64]:
    """Re-express ``(x, y)`` points from one origin in the other.

    Parameters
    ----------
    points : array_like, shape (..., 2)
    source, target : Origin or str
        ``"corners"`` or ``"centers"``.

    Returns
    -------
    ndarray of float64, shape (..., 2)

    Notes
    -----
    **Convention.** The center of pixel ``(3, 4)`` is ``(3, 4)`` in integer
    centers and ``(3.5, 4.5)`` in integer corners.

    Examples
    --------
    >>> convert_points_origin([3, 4], "centers", "corners").tolist()
    [3.5, 4.5]
    """
    return convert_origin(as_points(points), source, target)


def convert_boxes_origin(boxes: ArrayLike, source: Origin | str, target: Origin | str) -> NDArray[np.float64]:
    """Re-express XYXY coordinate boxes from one origin in the other.

    Every coordinate moves by the same half pixel; widths do not change.

    Parameters
    ----------
    boxes : array_like, shape (..., 4)
    source, target : Origin or str

    Returns
    -------
    ndarray of float64, shape (..., 4)

    Notes
    -----
    **Convention.** The box covering exactly pixel ``(0, 0)`` is
    ``[0, 0, 1, 1]`` in integer corners and ``[-0.5, -0.5, 0.5, 0.5]`` in
    integer centers.

    Examples
    --------
    >>> convert_boxes_origin([0, 0, 1, 1], "corners", "centers").tolist()
    [-0.5, -0.5, 0.5, 0.5]
    """
    return convert_origin(as_boxes(boxes), source, target)


def convert_polygon_origin(polygon: ArrayLike, source: Origin | str, target: Origin | str) -> NDArray[np.float64]:
    """Re-express a polygon's vertices from one origin in the other.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
    source, target : Origin or str

    Returns
    -------
    ndarray of float64, shape (K, 2)

    Notes
    -----
    **Convention.** ``cv2.findContours`` returns the indices of boundary
    pixels, i.e. points in integer centers; ``centers → corners`` adds 1/2 so
    the contour of the single pixel ``(2, 3)`` becomes ``(2.5, 3.5)``.
    """
    return convert_origin(as_polygon(polygon), source, target)


# ---------------------------------------------------------------- index boxes vs coordinate boxes
def index_boxes_to_coords(boxes: ArrayLike, origin: Origin | str = Origin.CORNERS) -> NDArray[np.float64]:
    """Turn inclusive-integer index boxes into float coordinate boxes.

    Parameters
    ----------
    boxes : array_like of int, shape (..., 4)
        ``[x0, y0, x1, y1]`` inclusive pixel indices.
    origin : Origin or str
        Origin of the returned coordinates (default integer corners).

    Returns
    -------
    ndarray of float64, shape (..., 4)
        The rectangle covering exactly those pixels: ``[x0, y0, x1 + 1, y1 + 1]``
        in integer corners, ``[x0 - 1/2, y0 - 1/2, x1 + 1/2, y1 + 1/2]`` in
        integer centers.

    Notes
    -----
    **Convention.** Index box ``[2, 3, 4, 3]`` holds 3 x 1 pixels; its corner
    coordinates are ``[2, 3, 5, 4]``: width 3, height 1.

    Examples
    --------
    >>> index_boxes_to_coords([2, 3, 4, 3]).tolist()
    [2.0, 3.0, 5.0, 4.0]
    """
    idx = as_index_boxes(boxes).astype(np.float64)
    corners = idx + np.array([0.0, 0.0, 1.0, 1.0])
    return convert_origin(corners, Origin.CORNERS, parse_origin(origin))


def coord_boxes_to_index(boxes: ArrayLike, origin: Origin | str = Origin.CORNERS) -> NDArray[np.int64]:
    """Inclusive index box of the pixels a coordinate box touches.

    A pixel is included when the open box overlaps it with positive area, so
    a box whose edge lies on a pixel boundary does not reach the next pixel:
    ``[2, 3, 5, 4]`` (corners) gives ``[2, 3, 4, 3]``, the inverse of
    :func:`index_boxes_to_coords`. Fractional boxes round outwards.

    Parameters
    ----------
    boxes : array_like, shape (..., 4)
        Float XYXY coordinate boxes with positive width and height.
    origin : Origin or str
        Origin of ``boxes`` (default integer corners).

    Returns
    -------
    ndarray of int64, shape (..., 4)

    Raises
    ------
    ValueError
        For a zero-width or zero-height box: it touches no pixel, so it has no
        index box.

    Examples
    --------
    >>> coord_boxes_to_index([2.0, 3.0, 5.0, 4.0]).tolist()
    [2, 3, 4, 3]
    >>> coord_boxes_to_index([2.2, 3.0, 4.1, 4.5]).tolist()
    [2, 3, 4, 4]
    """
    arr = as_boxes(boxes)
    if np.any((arr[..., 2] <= arr[..., 0]) | (arr[..., 3] <= arr[..., 1])):
        raise ValueError(f"boxes must have positive width and height to cover pixels; got {arr.tolist()!r}")
    c = convert_origin(arr, parse_origin(origin), Origin.CORNERS)
    lo = np.floor(c[..., :2])
    hi = np.ceil(c[..., 2:]) - 1.0
    return np.concatenate([lo, hi], axis=-1).astype(np.int64)


# ---------------------------------------------------------------- measures
def polygon_area(polygon: ArrayLike) -> float:
    """Area of a simple polygon by the shoelace formula.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices in order, either orientation; any origin (a shift does not
        change the area).

    Returns
    -------
    float
        The unsigned area ``|sum(x_k y_{k+1} - x_{k+1} y_k)| / 2``.

    Examples
    --------
    >>> polygon_area([0, 0, 4, 0, 4, 3, 0, 3])
    12.0
    """
    p = as_polygon(polygon)
    x, y = p[:, 0], p[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) / 2.0)


def polygon_perimeter(polygon: ArrayLike) -> float:
    """Length of a closed polygon's boundary (last vertex joined to the first).

    Examples
    --------
    >>> polygon_perimeter([0, 0, 4, 0, 4, 3, 0, 3])
    14.0
    """
    p = as_polygon(polygon)
    return float(np.sum(np.hypot(*(np.roll(p, -1, axis=0) - p).T)))


def box_area(boxes: ArrayLike) -> NDArray[np.float64]:
    """Area ``(x1 - x0)(y1 - y0)`` of XYXY coordinate boxes, shape ``(...)``.

    Examples
    --------
    >>> box_area([[0, 0, 2, 3], [1, 1, 1, 5]]).tolist()
    [6.0, 0.0]
    """
    b = as_boxes(boxes)
    return (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])


# ---------------------------------------------------------------- affine maps
def affine_convert_origin(matrix: ArrayLike, source: Origin | str, target: Origin | str) -> NDArray[np.float64]:
    """Re-express an affine map of the plane from one origin in the other.

    If ``y = A x + b`` maps points written in ``source`` coordinates, the same
    geometric map written in ``target`` coordinates is
    ``T_{s→t} ∘ (A, b) ∘ T_{t→s}``, where ``T`` is :func:`convert_origin`'s
    half-pixel shift. Only the translation changes:
    ``b' = T_{s→t}(A · T_{t→s}(0) + b)``.

    Parameters
    ----------
    matrix : array_like, shape (2, 3) or (3, 3)
        ``[[a, b, tx], [c, d, ty]]`` (optionally with the row ``[0, 0, 1]``),
        mapping ``source``-origin points to ``source``-origin points.
    source, target : Origin or str

    Returns
    -------
    ndarray of float64, same shape as ``matrix``

    Notes
    -----
    **Convention.** OpenCV's ``warpAffine`` reads its matrix in integer
    centers. The 2x upscale about the image corner, written in integer
    corners, is ``[[2, 0, 0], [0, 2, 0]]``; for OpenCV it becomes
    ``[[2, 0, 0.5], [0, 2, 0.5]]`` (``b' = -1/2 + 2 · 1/2``).

    Examples
    --------
    >>> affine_convert_origin([[2, 0, 0], [0, 2, 0]], "corners", "centers").tolist()
    [[2.0, 0.0, 0.5], [0.0, 2.0, 0.5]]
    """
    m = check_finite_array("matrix", matrix, ndim=2)
    if m.shape not in ((2, 3), (3, 3)):
        raise ValueError(f"matrix must have shape (2, 3) or (3, 3); got shape {m.shape}")
    if m.shape == (3, 3) and not np.array_equal(m[2], [0.0, 0.0, 1.0]):
        raise ValueError(f"matrix must be affine (last row [0, 0, 1]); got last row {m[2].tolist()!r}")
    src, dst = parse_origin(source, name="source"), parse_origin(target, name="target")
    zero_in_source = convert_origin(np.zeros(2), dst, src)  # target's origin, in source coords
    out = m.copy()
    out[:2, 2] = convert_origin(m[:2, :2] @ zero_in_source + m[:2, 2], src, dst)
    return out


# ---------------------------------------------------------------- reference rasterization
def pixel_centers(shape: tuple[int, int], origin: Origin | str = Origin.CORNERS) -> NDArray[np.float64]:
    """Coordinates of every pixel center of an ``H x W`` image.

    Parameters
    ----------
    shape : (int, int)
        ``(H, W)``, each at least 1.
    origin : Origin or str
        Origin of the returned coordinates (default integer corners).

    Returns
    -------
    ndarray of float64, shape (H, W, 2)
        ``[..., 0]`` is x, ``[..., 1]`` is y; pixel ``(row r, col c)`` is at
        ``(c + 1/2, r + 1/2)`` in integer corners.

    Examples
    --------
    >>> pixel_centers((1, 2)).tolist()
    [[[0.5, 0.5], [1.5, 0.5]]]
    """
    h, w = check_size_pair("shape", shape)
    check_elements("the centers (H x W x 2)", 2 * h * w)
    o = parse_origin(origin)
    xs, ys = index_to_coord(np.arange(w), o), index_to_coord(np.arange(h), o)
    return np.stack(np.meshgrid(xs, ys), axis=-1)
