"""Pillow ``Image.resize`` on a one-row 32-bit float ("F") image."""

from __future__ import annotations

from ._registry import Backend, register

__all__ = ["make_resize"]


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
