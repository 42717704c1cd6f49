"""SciPy: ``ndimage.zoom`` as resize backends, and ``ndimage.map_coordinates``.

Every call of SciPy in pixelviz is in this module, imported inside each function.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_bool, check_image, check_int
from ..conventions import Origin, convert_origin, parse_origin
from ..geometry import as_points
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = ["make_zoom", "map_coordinates", "make_map_coordinates_points"]


def make_zoom(order: int, grid_mode: bool) -> Factory:
    """``fn(x, size)`` calling ``scipy.ndimage.zoom(x, size / N, order=..., grid_mode=..., mode="nearest")``.

    ``zoom`` takes a factor and rounds ``N * factor`` to the output length,
    which gives back ``size`` exactly for ``factor = size / N``.
    """
    order = check_int("order", order, minimum=0, maximum=5)
    grid_mode = check_bool("grid_mode", grid_mode)

    def factory():
        from scipy import ndimage

        def fn(x, size):
            x = np.asarray(x, dtype=np.float64)
            return ndimage.zoom(x, size / x.shape[0], order=order, grid_mode=grid_mode, mode="nearest")

        return fn

    return factory


_ORDER = {0: "nearest", 1: "linear", 3: "cubic"}
register(
    *[
        Backend(
            f"scipy.zoom.{_ORDER[o]}{'_grid' if gm else ''}",
            "SciPy",
            "scipy",
            "ndimage.zoom",
            f"order={o}, grid_mode={gm}",
            make_zoom(o, gm),
            None,
        )
        for o in (1, 0, 3)
        for gm in (False, True)
    ]
)


def map_coordinates(
    image: ArrayLike, points: ArrayLike, *, origin: Origin | str = Origin.CORNERS
) -> NDArray[np.float64]:
    """Sample ``image`` bilinearly at ``points`` with ``scipy.ndimage.map_coordinates``.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    points : array_like, shape (N, 2)
        ``(x, y)`` positions written in ``origin``; converted to SciPy's
        integer-center ``(row, col)`` coordinates.
    origin : Origin or str

    Returns
    -------
    ndarray of float64, shape (N,)

    Notes
    -----
    **Convention.** SciPy samples array element ``[r, c]`` exactly at
    coordinate ``(r, c)``: integer centers.
    """
    from scipy import ndimage

    img = check_image("image", image).astype(np.float32).astype(np.float64)
    p = convert_origin(as_points(points), parse_origin(origin), Origin.CENTERS).reshape(-1, 2)
    return ndimage.map_coordinates(img, [p[:, 1], p[:, 0]], order=1, mode="nearest")


def make_map_coordinates_points(order: int) -> Factory:
    """``fn(image, points)`` calling ``ndimage.map_coordinates(image, [points[:, 0], points[:, 1]], order=order)``.

    The points go in as a user who thinks in ``(x, y)`` would pass them;
    ``map_coordinates`` reads its first coordinate as the *row*, so the
    origin probe reports swapped axes. Default ``mode="constant"`` (zeros).
    """
    order = check_int("order", order, minimum=0, maximum=5)

    def factory():
        from scipy import ndimage

        def fn(image, points):
            p = np.asarray(points, dtype=np.float64)
            return ndimage.map_coordinates(np.asarray(image, np.float64), [p[:, 0], p[:, 1]], order=order)

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"scipy.map_coordinates.{_ORDER[o]}",
            "SciPy",
            "scipy",
            "ndimage.map_coordinates",
            f"order={o}, points as (x, y)",
            "points",
            make_map_coordinates_points(o),
            "integer_centers",
        )
        for o in (0, 1, 3)
    ]
)
