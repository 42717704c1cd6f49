"""Kornia: ``kornia.geometry.transform.resize`` as resize backends (optional; "not installed" without kornia).

Kornia resizes ``(*, H, W)`` tensors with :func:`torch.nn.functional.interpolate` underneath; its
``antialias=True`` blurs with a Gaussian before downscaling (its own filter, not torch's). A 1D signal
of ``N`` samples is resized here as a ``(1, 1, 1, N)`` image to ``(1, size)``.
"""

from __future__ import annotations

from .._validate import check_bool, check_choice
from ._registry import Backend, Factory, register

__all__ = ["make_resize"]

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
