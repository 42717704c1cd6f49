"""PyTorch ``F.interpolate`` and ``F.grid_sample``, and torchvision's v2 ``resize``.

Tensors live on :func:`pixelviz.torch_device` (the GPU when there is one).
"""

from __future__ import annotations

from ._registry import Backend, register

__all__ = ["make_interpolate", "make_grid_sample", "make_tv_resize"]


def make_interpolate(mode: str, align_corners: bool | None = None, antialias: bool = False):
    """``fn(x, size)`` calling ``F.interpolate(..., size, mode=mode, align_corners=..., antialias=...)``.

    ``linear``/``nearest``/``nearest-exact``/``area`` run on a ``(1, 1, N)``
    tensor; ``bilinear``/``bicubic`` (the only modes with ``antialias``) on a
    ``(1, 1, 1, N)`` image resized to ``(1, size)``.
    """
    def factory():
        import torch
        import torch.nn.functional as F

        from ..devices import torch_device

        device = torch_device()
        two_d = mode in ("bilinear", "bicubic")
        kwargs = {} if align_corners is None else {"align_corners": align_corners}
        if antialias:
            kwargs["antialias"] = True

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device)
            if two_d:
                out = F.interpolate(t.view(1, 1, 1, -1), size=(1, size), mode=mode, **kwargs)
            else:
                out = F.interpolate(t.view(1, 1, -1), size=size, mode=mode, **kwargs)
            return out.reshape(-1).double().cpu().numpy()
        return fn
    return factory


def make_grid_sample(mode: str, align_corners: bool):
    """``fn(x, size)``: ``F.grid_sample`` of a ``(1, 1, 1, N)`` image on the identity grid.

    The grid is ``F.affine_grid(identity, (1, 1, 1, size), align_corners)``,
    i.e. a plain resize expressed in grid_sample's normalized coordinates;
    ``padding_mode="border"`` clamps like a resize.
    """
    def factory():
        import warnings

        import torch
        import torch.nn.functional as F

        from ..devices import torch_device

        device = torch_device()
        theta = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], device=device)

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device).view(1, 1, 1, -1)
            with warnings.catch_warnings():  # affine_grid warns about unit-size grids (height 1 here)
                warnings.simplefilter("ignore", UserWarning)
                grid = F.affine_grid(theta, [1, 1, 1, size], align_corners=align_corners)   # [1, 1, size, 2]
            out = F.grid_sample(t, grid, mode=mode, padding_mode="border", align_corners=align_corners)
            return out.reshape(-1).double().cpu().numpy()
        return fn
    return factory


def make_tv_resize(interpolation: str, antialias: bool):
    """``fn(x, size)`` calling ``torchvision.transforms.v2.functional.resize`` on a ``(1, 1, N)`` image."""
    def factory():
        import torch
        from torchvision.transforms import InterpolationMode
        from torchvision.transforms.v2 import functional as TF

        from ..devices import torch_device

        device = torch_device()
        mode = getattr(InterpolationMode, interpolation)

        def fn(x, size):
            t = torch.as_tensor(x, dtype=torch.float32, device=device).view(1, 1, -1)
            out = TF.resize(t, [1, size], interpolation=mode, antialias=antialias)
            return out.reshape(-1).double().cpu().numpy()
        return fn
    return factory


# The article's table: linear/cubic align_corners=False ②, True ①; nearest "buggy like
# OpenCV"; nearest-exact ②; grid_sample align_corners=False ②, True ①.
register(
    Backend("torch.interpolate.linear", "PyTorch", "torch", "F.interpolate", "linear, align_corners=False",
            make_interpolate("linear", False), "②"),
    Backend("torch.interpolate.linear_ac", "PyTorch", "torch", "F.interpolate", "linear, align_corners=True",
            make_interpolate("linear", True), "①"),
    Backend("torch.interpolate.bicubic", "PyTorch", "torch", "F.interpolate", "bicubic, align_corners=False",
            make_interpolate("bicubic", False), "②"),
    Backend("torch.interpolate.bicubic_ac", "PyTorch", "torch", "F.interpolate", "bicubic, align_corners=True",
            make_interpolate("bicubic", True), "①"),
    Backend("torch.interpolate.nearest", "PyTorch", "torch", "F.interpolate", "nearest",
            make_interpolate("nearest"), "buggy"),
    Backend("torch.interpolate.nearest_exact", "PyTorch", "torch", "F.interpolate", "nearest-exact",
            make_interpolate("nearest-exact"), "②"),
    Backend("torch.interpolate.area", "PyTorch", "torch", "F.interpolate", "area",
            make_interpolate("area"), None),
    Backend("torch.interpolate.bilinear_aa", "PyTorch", "torch", "F.interpolate",
            "bilinear, align_corners=False, antialias=True", make_interpolate("bilinear", False, True), None),
    Backend("torch.interpolate.bicubic_aa", "PyTorch", "torch", "F.interpolate",
            "bicubic, align_corners=False, antialias=True", make_interpolate("bicubic", False, True), None),
    Backend("torch.grid_sample.bilinear", "PyTorch", "torch", "F.grid_sample", "bilinear, align_corners=False",
            make_grid_sample("bilinear", False), "②"),
    Backend("torch.grid_sample.bilinear_ac", "PyTorch", "torch", "F.grid_sample", "bilinear, align_corners=True",
            make_grid_sample("bilinear", True), "①"),
    Backend("torch.grid_sample.nearest", "PyTorch", "torch", "F.grid_sample", "nearest, align_corners=False",
            make_grid_sample("nearest", False), None),
    Backend("torchvision.resize.bilinear_aa", "torchvision", "torchvision", "transforms.v2.functional.resize",
            "BILINEAR, antialias=True", make_tv_resize("BILINEAR", True), None),
    Backend("torchvision.resize.bilinear", "torchvision", "torchvision", "transforms.v2.functional.resize",
            "BILINEAR, antialias=False", make_tv_resize("BILINEAR", False), None),
    Backend("torchvision.resize.nearest", "torchvision", "torchvision", "transforms.v2.functional.resize",
            "NEAREST", make_tv_resize("NEAREST", False), None),
    Backend("torchvision.resize.nearest_exact", "torchvision", "torchvision", "transforms.v2.functional.resize",
            "NEAREST_EXACT", make_tv_resize("NEAREST_EXACT", False), None),
)
