"""SciPy ``ndimage.zoom`` on a 1D float64 array."""

from __future__ import annotations

from ._registry import Backend, register

__all__ = ["make_zoom"]


def make_zoom(order: int, grid_mode: bool):
    """``fn(x, size)`` calling ``scipy.ndimage.zoom(x, size / N, order=..., grid_mode=..., mode="nearest")``.

    ``zoom`` takes a factor and rounds ``N * factor`` to the output length,
    which gives back ``size`` exactly for ``factor = size / N``.
    """
    def factory():
        import numpy as np
        from scipy import ndimage

        def fn(x, size):
            x = np.asarray(x, dtype=np.float64)
            return ndimage.zoom(x, size / x.shape[0], order=order, grid_mode=grid_mode, mode="nearest")
        return fn
    return factory


_ORDER = {0: "nearest", 1: "linear", 3: "cubic"}
register(*[Backend(f"scipy.zoom.{_ORDER[o]}{'_grid' if gm else ''}", "SciPy", "scipy", "ndimage.zoom",
                   f"order={o}, grid_mode={gm}", make_zoom(o, gm), None)
           for o in (1, 0, 3) for gm in (False, True)])
