"""Argument checks for the drawings: the plot functions' public edge (see :mod:`pixelviz._validate`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import NDArray

from .._validate import check_finite_array, check_finite_float, check_pair

__all__ = [
    "check_axes",
    "check_figsize",
    "check_color",
    "check_cmap",
    "check_optional_float",
    "check_image",
    "check_mapping",
]


def check_axes(name: str, ax: Any) -> Axes:
    """A matplotlib ``Axes`` to draw on."""
    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes; got {ax!r} of type {type(ax).__name__}")
    return ax


def check_figsize(name: str, value: Any) -> tuple[float, float] | None:
    """``None`` or a ``(width, height)`` pair of inches, each in ``(0, 100]``."""
    if value is None:
        return None
    return check_pair(
        name, value, lambda n, v: check_finite_float(n, v, positive=True, maximum=100.0), what="(width, height)"
    )


def check_color(name: str, value: Any) -> Any:
    """A matplotlib colour (``"C1"``, ``"#1f77b4"``, ``"0.5"``, an RGB tuple ...)."""
    from matplotlib.colors import is_color_like

    if isinstance(value, (bool, np.bool_)) or value is None or not is_color_like(value):
        raise ValueError(f"{name} must be a matplotlib colour such as 'C1' or '#1f77b4'; got {value!r}")
    return value


def check_cmap(name: str, value: Any) -> Any:
    """A registered colormap name (or a ``Colormap``)."""
    import matplotlib
    from matplotlib.colors import Colormap

    if isinstance(value, Colormap):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a colormap name such as 'gray'; got {value!r} of type {type(value).__name__}")
    if value not in matplotlib.colormaps:
        raise ValueError(f"{name} must be a colormap name such as 'gray' or 'Greys'; got {value!r}")
    return value


def check_optional_float(name: str, value: Any) -> float | None:
    """``None`` or a finite real number."""
    return None if value is None else check_finite_float(name, value)


def check_image(
    name: str, value: Any, *, ndim: tuple[int, ...] = (2, 3), allow_bool: bool = True, allow_nan: bool = True
) -> NDArray[Any]:
    """A non-empty real image ``(H, W)`` (or ``(H, W, C)``); NaN draws as an empty pixel, as ``imshow`` does.

    Returns the caller's array unchanged (its dtype too: ``imshow`` resamples float32 and float64
    differently), once it is checked.
    """
    arr = check_finite_array(name, value, allow_bool=allow_bool, allow_nonfinite=allow_nan)
    if arr.ndim not in ndim or 0 in arr.shape:
        shapes = " or ".join({2: "2D array (H, W)", 3: "3D array (H, W, C)"}[d] for d in ndim)
        raise ValueError(f"{name} must be a non-empty {shapes}; got shape {arr.shape}")
    if np.any(np.isinf(arr)):
        raise ValueError(f"{name} must not contain inf (NaN draws as an empty pixel); got inf in shape {arr.shape}")
    return np.asarray(value)


def check_mapping(name: str, value: Any, what: str, one: str) -> Mapping[Any, Any]:
    """A non-empty mapping (panel title -> content); ``one`` names an entry ("a polygon")."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of {what}; got {value!r} of type {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must name at least one {one}; got {value!r}")
    return value
