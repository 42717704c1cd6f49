"""scikit-image ``transform.resize`` on a 1D float64 array."""

from __future__ import annotations

import numpy as np

from .._validate import check_bool, check_int
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = ["make_resize", "make_downscale", "make_warp_points"]


def make_resize(order: int, anti_aliasing: bool) -> Factory:
    """``fn(x, size)`` calling ``skimage.transform.resize(x, (size,), order=..., anti_aliasing=...)``.

    ``clip=False`` keeps the op linear (the default clips cubic overshoot to
    the input's range, which would make an impulse's response nonlinear).
    """
    order = check_int("order", order, minimum=0, maximum=5)
    anti_aliasing = check_bool("anti_aliasing", anti_aliasing)

    def factory():
        import numpy as np
        from skimage.transform import resize

        def fn(x, size):
            return resize(
                np.asarray(x, dtype=np.float64),
                (size,),
                order=order,
                anti_aliasing=anti_aliasing,
                clip=False,
                preserve_range=True,
            )

        return fn

    return factory


_ORDER = {0: "nearest", 1: "linear", 3: "cubic"}
# The article's table: transform.resize ②.
register(
    *[
        Backend(
            f"skimage.resize.{_ORDER[o]}{'_aa' if aa else ''}",
            "scikit-image",
            "skimage",
            "transform.resize",
            f"order={o}, anti_aliasing={aa}",
            make_resize(o, aa),
            "②",
        )
        for o in (0, 1, 3)
        for aa in (False, True)
    ]
)


def make_downscale() -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``skimage.transform.resize(image, (h, w), clip=False)``.

    Every other argument is the default: ``order=1`` and ``anti_aliasing`` on when shrinking (a
    Gaussian blur first). ``clip=False`` keeps the call linear (the default clips to the input's range).
    """

    def factory():
        from skimage.transform import resize

        def fn(img, shape):
            return resize(np.asarray(img, dtype=np.float64), shape, clip=False)

        return fn

    return factory


register_downscale(
    Downscaler(
        "skimage.default",
        "scikit-image",
        "skimage",
        "transform.resize defaults",
        make_downscale(),
        True,
        "skimage\nresize defaults",
    ),
)


def make_warp_points(order: int) -> Factory:
    """``fn(image, points)`` calling ``skimage.transform.warp`` with an ``(N, 1)`` output.

    The inverse map sends output pixel ``(row i, col 0)`` to ``points[i]``,
    given as scikit-image's ``(col, row)`` = ``(x, y)``. ``mode="constant"``
    (zeros), ``clip=False``, ``preserve_range=True``.
    """
    order = check_int("order", order, minimum=0, maximum=5)

    def factory():
        import numpy as np
        from skimage.transform import warp

        def fn(image, points):
            p = np.asarray(points, np.float64).reshape(-1, 2)

            def inverse_map(coords):
                return p[np.rint(coords[:, 1]).astype(int)]

            out = warp(
                np.asarray(image, np.float64),
                inverse_map,
                output_shape=(len(p), 1),
                order=order,
                mode="constant",
                clip=False,
                preserve_range=True,
            )
            return out.reshape(-1)

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"skimage.warp.order{o}",
            "scikit-image",
            "skimage",
            "transform.warp",
            f"order={o}",
            "points",
            make_warp_points(o),
            None,
        )
        for o in (0, 1, 3)
    ]
)
