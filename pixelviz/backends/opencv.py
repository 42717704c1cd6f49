"""OpenCV ``cv2.resize`` on a one-row float32 image."""

from __future__ import annotations

from ._registry import Backend, register

__all__ = ["make_resize"]


def make_resize(flag_name: str):
    """``fn(x, size)`` calling ``cv2.resize`` with ``interpolation=cv2.<flag_name>``."""
    def factory():
        import cv2
        import numpy as np

        flag = getattr(cv2, flag_name)

        def fn(x, size):
            img = np.ascontiguousarray(x, dtype=np.float32)[None, :]        # [1, N]
            return cv2.resize(img, (size, 1), interpolation=flag)[0]         # dsize is (width, height)
        return fn
    return factory


# The article's table: LINEAR/CUBIC ②, NEAREST "buggy, none of the above", NEAREST_EXACT ②.
_ROWS = [("nearest", "INTER_NEAREST", "buggy"), ("nearest_exact", "INTER_NEAREST_EXACT", "②"),
         ("linear", "INTER_LINEAR", "②"), ("cubic", "INTER_CUBIC", "②"),
         ("area", "INTER_AREA", None), ("lanczos4", "INTER_LANCZOS4", None)]
register(*[Backend(f"opencv.resize.{key}", "OpenCV", "cv2", "cv2.resize", flag, make_resize(flag), article)
           for key, flag, article in _ROWS])
