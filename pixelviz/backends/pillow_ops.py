"""Pillow: ``Image.resize`` on a one-row 32-bit float ("F") image as resize backends, and ``ImageDraw.polygon``.

Every call of Pillow (``PIL``) in pixelviz is in this module, imported inside each function.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_size_pair
from ..geometry import as_polygon
from ._registry import Backend, register

__all__ = ["make_resize", "rasterize_polygon"]


def make_resize(filter_name: str):
    """``fn(x, size)`` calling ``Image.resize((size, 1), resample=Image.Resampling.<filter_name>)``."""
    def factory():
        import numpy as np
        from PIL import Image

        resample = getattr(Image.Resampling, filter_name)

        def fn(x, size):
            img = Image.fromarray(np.ascontiguousarray(x, dtype=np.float32)[None, :])   # mode "F", 1 x N
            return np.asarray(img.resize((size, 1), resample=resample), dtype=np.float64)[0]
        return fn
    return factory


# The article's table: Image.resize ②. Pillow widens the filter support by the
# factor when downsampling (its resample filters are antialiasing filters).
_ROWS = [("nearest", "NEAREST", "②"), ("bilinear", "BILINEAR", "②"), ("bicubic", "BICUBIC", "②"),
         ("box", "BOX", None), ("lanczos", "LANCZOS", None)]
register(*[Backend(f"pillow.resize.{key}", "Pillow", "PIL", "Image.resize", name, make_resize(name), article)
           for key, name, article in _ROWS])


def rasterize_polygon(polygon: ArrayLike, shape: tuple[int, int]) -> NDArray[np.bool_]:
    """Rasterize a polygon with ``PIL.ImageDraw.polygon`` (coordinates passed as given).

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices, passed to Pillow unchanged.
    shape : (int, int)
        ``(H, W)``.

    Returns
    -------
    ndarray of bool, shape (H, W)

    Notes
    -----
    **Convention.** Pillow fills the pixels whose integer position lies in
    the closed polygon, boundary included; the chapter measures what that
    does to area.
    """
    from PIL import Image, ImageDraw

    p = as_polygon(polygon)
    h, w = check_size_pair("shape", shape)
    img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(img).polygon([(float(x), float(y)) for x, y in p], fill=1)
    return np.asarray(img).astype(bool)
