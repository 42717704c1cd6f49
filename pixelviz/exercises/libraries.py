"""Exercises for the chapter "What libraries do" (``libraries.*``).

Measuring a black-box resize: name the convention of a mystery function, write
the ramp probe that measures a coordinate map, and predict what PyTorch's
``nearest-exact`` picks. References call :func:`pixelviz.resample.resize`
and :mod:`pixelviz.conventions`.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .._validate import check_finite_array
from ..conventions import Convention, parse_convention, source_coords
from ..resample import resize
from ._core import Alternative, Exercise, register

__all__ = ["mystery_resize", "MYSTERY", "MEASURE", "NEAREST_EXACT"]


def mystery_resize(x: Any, size: int) -> np.ndarray:
    """A 1D linear resize whose grid convention Exercise 4.1 asks you to find.

    Parameters
    ----------
    x : (N,) array_like of float
        The input signal.
    size : int
        Output length ``M``.

    Returns
    -------
    ndarray of float64, shape (M,)
    """
    signal = check_finite_array("x", x, ndim=1)
    if signal.size == 0:
        raise ValueError("x must hold at least one sample; got an empty array")
    return resize(signal, size, "linear", _MYSTERY_CONVENTION)


_MYSTERY_CONVENTION = Convention.ASYMMETRIC


# ----------------------------------------------------------------- 4.1
def _ramp_read(conv: Convention, n: int = 4, m: int = 8) -> str:
    """What a linear resize under ``conv`` returns for the ramp 0..n-1, as text for a hint."""
    out = resize(np.arange(float(n)), m, "linear", conv)
    return ", ".join(f"{v:g}" for v in out)


def _as_convention(value: Any) -> Convention:
    return parse_convention(value, name="answer")


_MYSTERY_RAMP = _ramp_read(_MYSTERY_CONVENTION)


def _mystery_alternative(conv: Convention) -> Alternative:
    return Alternative(
        f"{conv.label}",
        lambda: conv,
        f"Under {conv.label} the ramp 0, 1, 2, 3 resized to 8 samples would read {_ramp_read(conv)}; "
        f"mystery_resize gives {_MYSTERY_RAMP}. Compare where the first outputs and the last ones land.",
    )


MYSTERY = register(
    Exercise(
        name="libraries.mystery",
        title="Exercise 4.1: name the convention of mystery_resize",
        reference=lambda: _MYSTERY_CONVENTION,
        cases=((),),
        kind="value",
        normalize=_as_convention,
        expects="a convention name such as 'half_pixel'",
        alternatives=tuple(_mystery_alternative(c) for c in Convention if c is not _MYSTERY_CONVENTION),
        fallback="Feed mystery_resize a ramp and compare what it returns with source_coords under each convention.",
    )
)


# ----------------------------------------------------------------- 4.2
def _linear(conv: Convention) -> Callable[[Any, int], np.ndarray]:
    def fn(x: Any, size: int) -> np.ndarray:
        return resize(np.asarray(x, dtype=np.float64), size, "linear", conv)

    fn.__name__ = f"linear_resize_{conv.value}"
    return fn


_RESIZERS = {c: _linear(c) for c in (Convention.HALF_PIXEL, Convention.ALIGN_CORNERS, Convention.ASYMMETRIC)}


def _measured(fn: Callable, n_in: int, n_out: int) -> np.ndarray:
    # A linear resize of the ramp x[j] = j returns the coordinate each output reads, clamped at the borders.
    conv = next(c for c, f in _RESIZERS.items() if f is fn)
    return np.clip(source_coords(n_in, n_out, conv), 0, n_in - 1)


MEASURE = register(
    Exercise(
        name="libraries.measure",
        title="Exercise 4.2: measure a resize's coordinate map with a ramp",
        reference=_measured,
        cases=(
            (_RESIZERS[Convention.HALF_PIXEL], 4, 8),
            (_RESIZERS[Convention.ALIGN_CORNERS], 5, 3),
            (_RESIZERS[Convention.ASYMMETRIC], 4, 8),
            (_RESIZERS[Convention.HALF_PIXEL], 7, 3),
            (_RESIZERS[Convention.ALIGN_CORNERS], 3, 7),
        ),
        arg_names=("fn", "N", "M"),
        expects="an array of M coordinates",
        alternatives=(
            Alternative(
                "a ramp that starts at 1",
                lambda fn, n, m: _measured(fn, n, m) + 1,
                "Your ramp starts at 1, so every coordinate comes out one too large. Input sample j "
                "must hold the value j: np.arange(N).",
            ),
            Alternative(
                "a ramp from 0 to 1",
                lambda fn, n, m: _measured(fn, n, m) / (n - 1),
                "Your ramp runs from 0 to 1 (np.linspace(0, 1, N)): the values are coordinates divided "
                "by N − 1. Use np.arange(N) so that values are input indices.",
            ),
            Alternative(
                "the formula instead of a measurement",
                lambda fn, n, m: source_coords(n, m, next(c for c, f in _RESIZERS.items() if f is fn)),
                "These are the unclamped formula values: you computed them rather than measured them "
                "(and you could only do that knowing the convention). Call fn on a ramp; near the borders "
                "a real resize clamps.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 4.3
def _nearest(i: int, n_in: int, n_out: int, conv: str = "half_pixel", rounding: str = "round_prefer_ceil") -> int:
    picked = resize(np.arange(float(n_in)), n_out, "nearest", conv, rounding=rounding)
    return int(picked[i])


NEAREST_EXACT = register(
    Exercise(
        name="libraries.nearest_exact",
        title="Exercise 4.3: the input sample nearest-exact picks",
        reference=_nearest,
        cases=(
            (0, 4, 8),
            (7, 4, 8),
            (0, 4, 2),
            (1, 4, 2),
            (0, 2, 1),
            (2, 3, 5),
            (4, 3, 5),
            (1, 5, 3),
            (1, 6, 4),
            (2, 6, 4),
            (2, 1, 3),
        ),
        arg_names=("i", "N", "M"),
        expects="one integer index",
        alternatives=(
            Alternative(
                "PyTorch's `nearest` / OpenCV's INTER_NEAREST: floor(i·N/M)",
                lambda i, n, m: _nearest(i, n, m, "asymmetric", "floor"),
                "That is the legacy `nearest` rule, floor(i·N/M): ③'s grid with rounding down. "
                "`nearest-exact` uses grid ②: take the sample closest to (i + ½)·N/M − ½.",
            ),
            Alternative(
                "② with ties rounded down",
                lambda i, n, m: _nearest(i, n, m, "half_pixel", "round_prefer_floor"),
                "Right grid, but on a tie (a coordinate exactly halfway, e.g. 0.5 for N=4 → M=2) PyTorch "
                "rounds up: floor(x + ½).",
            ),
            Alternative(
                "② rounded down (floor)",
                lambda i, n, m: _nearest(i, n, m, "half_pixel", "floor"),
                "You took floor of the ② coordinate: that is the sample to the left, not the nearest one. "
                "Round to nearest, ties up: floor(x + ½), then clamp to [0, N − 1].",
            ),
        ),
    )
)
