"""Argument checks shared by every pixelviz module.

Each checker raises ``TypeError`` for a value of the wrong type and
``ValueError`` for a value out of range, with a message of the form
``"{name} must be {expectation}; got {value!r}"`` so the caller sees which
argument was wrong and what was expected.
"""

from __future__ import annotations

import difflib
import math
import numbers
from typing import Any, Iterable

import numpy as np

__all__ = [
    "check_int",
    "check_positive_int",
    "check_finite_float",
    "check_choice",
    "check_finite_array",
]


def check_int(name: str, value: Any, *, minimum: int | None = None) -> int:
    """Return ``value`` as a Python int, or raise naming ``name``.

    Booleans and non-integral floats are rejected; integral numpy scalars are
    accepted.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
            hint = "" if not float(value).is_integer() else f" (use int({value!r}))"
            raise TypeError(f"{name} must be an int; got the float {value!r}{hint}")
        raise TypeError(f"{name} must be an int; got {value!r} of type {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    return value


def check_positive_int(name: str, value: Any) -> int:
    """Return ``value`` as an int >= 1, or raise naming ``name``."""
    return check_int(name, value, minimum=1)


def check_finite_float(name: str, value: Any, *, positive: bool = False) -> float:
    """Return ``value`` as a finite float (optionally > 0), or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r} of type {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return value


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise with a did-you-mean hint."""
    choices = list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {choices}; got {value!r}")
    if value not in choices:
        close = difflib.get_close_matches(value, choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name} must be one of {choices}; got {value!r}{hint}")
    return value


def check_finite_array(name: str, value: Any, *, ndim: int | tuple[int, ...] | None = None,
                       last_dim: int | None = None) -> np.ndarray:
    """Return ``value`` as a float64 array with only finite entries.

    Parameters
    ----------
    name : str
        Argument name used in error messages.
    value : array_like
        The values to check.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    last_dim : int, optional
        Required size of the last axis (e.g. 2 for points, 4 for boxes).
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers; got {value!r}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            raise ValueError(f"{name} must have ndim in {allowed}; got shape {arr.shape}")
    if last_dim is not None and (arr.ndim == 0 or arr.shape[-1] != last_dim):
        raise ValueError(f"{name} must have shape (..., {last_dim}); got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers; got NaN or inf in shape {arr.shape}")
    return arr
