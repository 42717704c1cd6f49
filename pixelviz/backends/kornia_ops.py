"""Kornia: ``kornia.geometry.transform.resize`` as resize backends, ``remap`` as a point sampler and
``crop_and_resize`` as a crop op (optional; "not installed" without kornia).

Kornia resizes ``(*, H, W)`` tensors with :func:`torch.nn.functional.interpolate` underneath; its
``antialias=True`` blurs with a Gaussian before downscaling (its own filter, not torch's). A 1D signal
of ``N`` samples is resized here as a ``(1, 1, 1, N)`` image to ``(1, size)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_bool, check_choice
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = ["make_resize", "make_remap_points", "make_crop"]

#: ``kornia.geometry.transform.resize`` interpolations a backend may name (the 2D ones).
INTERPOLATIONS = ("nearest", "nearest-exact", "bilinear", "bicubic", "area")


def make_resize(interpolation: str, align_corners: bool | None = None, antialias: bool = False) -> Factory:
    """``fn(x, size)`` calling ``kornia.geometry.transform.resize(img, (1, size), interpolation, align_corners,
    antialias=antialias)`` on a ``(1, 1, 1, N)`` float32 image; ``align_corners=None`` is Kornia's default."""
    interpolation = check_choice("interpolation", interpolation, INTERPOLATIONS)
    align_corners = None if align_corners is None else check_bool("align_corners", align_corners)
    antialias = check_bool("antialias", antialias)

    def factory():
        import torch
        from kornia.geometry.transform import resize

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32).view(1, 1, 1, -1)
            out = resize(t, (1, size), interpolation=interpolation, align_corners=align_corners, antialias=antialias)
            return out.reshape(-1).double().numpy()

        return fn

    return factory


_OP = "kornia.geometry.transform.resize"
register(
    *[
        Backend(f"kornia.resize.{key}", "Kornia", "kornia", _OP, options, make_resize(interp, ac, aa), None)
        for key, options, interp, ac, aa in [
            ("bilinear", "bilinear", "bilinear", None, False),
            ("bilinear_ac", "bilinear, align_corners=True", "bilinear", True, False),
            ("bilinear_aa", "bilinear, antialias=True", "bilinear", None, True),
            ("bicubic", "bicubic", "bicubic", None, False),
            ("bicubic_aa", "bicubic, antialias=True", "bicubic", None, True),
            ("nearest", "nearest", "nearest", None, False),
            ("nearest_exact", "nearest-exact", "nearest-exact", None, False),
            ("area", "area", "area", None, False),
        ]
    ]
)


def make_remap_points(mode: str = "bilinear", align_corners: bool | None = None) -> Any:
    """``fn(image, points)`` calling ``kornia.geometry.transform.remap`` with pixel (unnormalized) maps.

    The maps are ``(1, 1, N)``: output pixel ``i`` reads the point ``points[i]``;
    ``padding_mode="zeros"``, ``normalized_coordinates=False``; ``align_corners``
    passed on (None: Kornia's default).
    """
    mode = check_choice("mode", mode, ("nearest", "bilinear", "bicubic"))
    if align_corners is not None:
        align_corners = check_bool("align_corners", align_corners)

    def factory():
        import torch
        from kornia.geometry.transform import remap

        def fn(image, points):
            img = torch.as_tensor(np.asarray(image, np.float64), dtype=torch.float32)[None, None]
            p = torch.as_tensor(np.asarray(points, np.float64).reshape(-1, 2), dtype=torch.float32)
            out = remap(
                img,
                p[None, None, :, 0],
                p[None, None, :, 1],
                mode=mode,
                padding_mode="zeros",
                align_corners=align_corners,
            )
            return out.reshape(-1).double().numpy()

        return fn

    return factory


def make_crop(align_corners: bool = True) -> Any:
    """``fn(image, box, out_size)`` calling ``kornia.geometry.transform.crop_and_resize``.

    The box ``(x0, y0, x1, y1)`` becomes Kornia's four corners
    ``[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]`` (top-left, clockwise), as
    its docs describe them.
    """
    align_corners = check_bool("align_corners", align_corners)

    def factory():
        import torch
        from kornia.geometry.transform import crop_and_resize

        def fn(image, box, out_size):
            img = torch.as_tensor(np.asarray(image, np.float64), dtype=torch.float32)[None, None]
            x0, y0, x1, y1 = (float(v) for v in box)
            corners = torch.tensor([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], dtype=torch.float32)
            out = crop_and_resize(img, corners, tuple(out_size), align_corners=align_corners)
            return out[0, 0].double().numpy()

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"kornia.remap.{m}{'' if ac is None else '.ac'}",
            "Kornia",
            "kornia",
            "geometry.transform.remap",
            m + ("" if ac is None else f", align_corners={ac}"),
            "points",
            make_remap_points(m, ac),
            None,
        )
        for m, ac in (("nearest", None), ("bilinear", None), ("bilinear", True))
    ],
    *[
        SamplerBackend(
            f"kornia.crop_and_resize.{'ac' if ac else 'noac'}",
            "Kornia",
            "kornia",
            "geometry.transform.crop_and_resize",
            f"align_corners={ac}",
            "crops",
            make_crop(ac),
            None,
        )
        for ac in (True, False)
    ],
)
