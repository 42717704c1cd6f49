"""The rasterizer experiment of chapter 5: how fat does each real polygon rasterizer draw?

:data:`RASTERIZERS` names the three real rasterizers measured in the chapter
(each called through :mod:`pixelviz.backends`); :func:`fatness_survey` draws
random polygons, rasterizes each with all of them and summarizes
:func:`pixelviz.origin_checks.rasterization_stats`' ``fatness``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from ._validate import check_bool, check_int, check_size_pair
from .geometry import polygon_area
from .origin_checks import rasterization_stats

__all__ = ["RASTERIZERS", "fatness_survey"]


def _coco(polygon: NDArray[np.float64], shape: tuple[int, int]) -> NDArray[np.bool_]:
    from .backends import pycocotools_ops

    return pycocotools_ops.rasterize_polygon(polygon, shape)


def _pil(polygon: NDArray[np.float64], shape: tuple[int, int]) -> NDArray[np.bool_]:
    from .backends import pillow_ops

    return pillow_ops.rasterize_polygon(polygon, shape)


def _cv2(polygon: NDArray[np.float64], shape: tuple[int, int]) -> NDArray[np.bool_]:
    from .backends import opencv_ops

    return opencv_ops.rasterize_polygon(polygon, shape)


#: The three rasterizers measured in the chapter, by name: ``fn(polygon, (H, W)) -> (H, W) bool``,
#: polygons in integer corners.
RASTERIZERS: dict[str, Callable[[NDArray[np.float64], tuple[int, int]], NDArray[np.bool_]]] = {
    "pycocotools": _coco,
    "PIL.ImageDraw.polygon": _pil,
    "cv2.fillPoly": _cv2,
}


def fatness_survey(
    n_polygons: int = 30,
    *,
    shape: tuple[int, int] = (48, 48),
    vertices: int = 6,
    integer_vertices: bool = False,
    seed: int = 0,
) -> dict[str, tuple[float, float]]:
    """Mean and spread of :func:`~pixelviz.origin_checks.rasterization_stats`' ``fatness`` per rasterizer.

    Draws ``n_polygons`` random convex polygons (``vertices`` points on a
    circle of random center and radius 6-14 px, fully inside the image) and
    rasterizes each with every entry of :data:`RASTERIZERS`.

    Parameters
    ----------
    n_polygons : int
        ``1 .. 10000``.
    shape : (int, int)
        ``(H, W)``, at least 40 x 40.
    vertices : int
        Vertices per polygon, ``3 .. 1000``.
    integer_vertices : bool
        Floor the vertices to integers (like Cityscapes' annotations).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    dict
        ``{rasterizer name: (mean fatness, standard deviation)}`` in pixels.
    """
    n = check_int("n_polygons", n_polygons, minimum=1, maximum=10000)
    k = check_int("vertices", vertices, minimum=3, maximum=1000)
    h, w = check_size_pair("shape", shape)
    if min(h, w) < 40:
        raise ValueError(f"shape must be at least (40, 40); got {shape!r}")
    floor = check_bool("integer_vertices", integer_vertices)
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    fat: dict[str, list[float]] = {name: [] for name in RASTERIZERS}
    for _ in range(n):
        center = rng.uniform(16, np.array([w, h]) - 16)
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        poly = center + rng.uniform(6, 14) * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        if floor:
            poly = np.floor(poly)
        if polygon_area(poly) < 1.0:
            continue
        for name, fn in RASTERIZERS.items():
            fat[name].append(rasterization_stats(poly, fn(poly, (h, w)))["fatness"])
    return {name: (float(np.mean(v)), float(np.std(v))) for name, v in fat.items()}
