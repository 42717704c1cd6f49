"""Measures of what real functions do with absolute coordinates (numpy; the calls are in backends).

The chapter "Choices of origin" calls the real libraries through
:mod:`pixelviz.backends` (``opencv_ops.find_contour``, ``opencv_ops.warp_affine``,
``scipy_ops.map_coordinates``, ``torchvision_ops.roi_align_box``, the three
``rasterize_polygon`` functions ...) and measures their results here, in
pixelviz's **integer-corner** coordinates:

=================================  =============================================
function                           what it measures
=================================  =============================================
:func:`disk_mask`                  a disk's pixels (centers within the radius)
:func:`contour_measurements`       ``findContours``' polygon area vs pixel count
:func:`rasterization_stats`        pixel count, area error, fatness per edge
=================================  =============================================

The survey over many random polygons is :mod:`pixelviz.rasterizer_survey`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import check_binary_mask, check_finite_float, check_size_pair
from .geometry import as_points, as_polygon, pixel_centers, polygon_area, polygon_perimeter

__all__ = [
    "disk_mask",
    "contour_measurements",
    "rasterization_stats",
]


def disk_mask(shape: tuple[int, int], center: ArrayLike, radius: float) -> NDArray[np.bool_]:
    """Pixels whose center lies within ``radius`` of ``center`` (integer corners).

    Parameters
    ----------
    shape : (int, int)
        ``(H, W)``.
    center : array_like, shape (2,)
        ``(x, y)`` of the disk's center, integer corners.
    radius : float
        ``> 0``.

    Returns
    -------
    ndarray of bool, shape (H, W)
        Its pixel count approximates the disk's area ``π r²``.

    Examples
    --------
    >>> int(disk_mask((4, 4), (2.0, 2.0), 1.0).sum())  # the 4 centers at distance √½
    4
    """
    c = as_points(center, name="center")
    if c.shape != (2,):
        raise ValueError(f"center must have shape (2,); got shape {c.shape}")
    r = check_finite_float("radius", radius, positive=True)
    pts = pixel_centers(check_size_pair("shape", shape))
    return np.sum((pts - c) ** 2, axis=-1) <= r * r


def contour_measurements(mask: ArrayLike) -> dict[str, float]:
    """Compare ``cv2.findContours``' polygon with the pixels it outlines.

    The contour runs through the centers of the boundary pixels, so it cuts
    away about half of every boundary pixel. For a polygon whose vertices
    are lattice points, Pick's theorem ``A = I + B/2 - 1`` (``I`` interior
    lattice points, ``B`` boundary lattice points) gives
    ``pixels = I + B = A + B/2 + 1``; with ``CHAIN_APPROX_NONE`` every
    contour vertex is one boundary lattice point, so ``B = K``.

    Parameters
    ----------
    mask : array_like, shape (H, W)
        One simply connected blob (no holes, no one-pixel-wide necks).

    Returns
    -------
    dict
        ``pixels`` (count of on pixels), ``polygon_area`` (shoelace area of the
        contour), ``perimeter`` (its Euclidean length), ``boundary_points``
        (``K``), ``pick_pixels`` (``polygon_area + K/2 + 1``, equal to
        ``pixels`` by Pick's theorem), ``cv2_area`` (``cv2.contourArea`` of
        the same contour, a check of the shoelace area).

    Examples
    --------
    For a filled 6 x 4 rectangle: polygon 5 x 3, area 15, K = 16, and
    15 + 16/2 + 1 = 24 pixels.
    """
    from .backends.opencv_ops import contour_area, find_contour
    from .conventions import Origin

    m = check_binary_mask("mask", mask)
    poly = find_contour(m, Origin.CENTERS)
    area = polygon_area(poly)
    return {
        "pixels": float(m.sum()),
        "polygon_area": area,
        "perimeter": polygon_perimeter(poly),
        "boundary_points": float(len(poly)),
        "pick_pixels": area + len(poly) / 2 + 1,
        "cv2_area": contour_area(poly),
    }


def rasterization_stats(polygon: ArrayLike, mask: ArrayLike) -> dict[str, float]:
    """How a rasterized mask's pixel count compares with its polygon.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        The exact polygon (integer corners).
    mask : array_like, shape (H, W)
        A rasterization of it.

    Returns
    -------
    dict
        ``pixels``, ``area`` (exact shoelace area), ``error`` (``pixels -
        area``), ``perimeter``, and ``fatness`` = ``error / perimeter``:
        growing a polygon outward by ``d`` pixels on every edge adds about
        ``d · perimeter`` pixels, so ``fatness`` estimates ``d``. An unbiased
        rasterizer has fatness near 0.

    Examples
    --------
    >>> s = rasterization_stats([0, 0, 2, 0, 2, 2, 0, 2], np.ones((2, 2), bool))
    >>> s["error"], s["fatness"]
    (0.0, 0.0)
    """
    p = as_polygon(polygon)
    m = check_binary_mask("mask", mask)
    area, perim = polygon_area(p), polygon_perimeter(p)
    err = float(m.sum()) - area
    return {
        "pixels": float(m.sum()),
        "area": area,
        "error": err,
        "perimeter": perim,
        "fatness": err / perim if perim > 0 else float("nan"),
    }
