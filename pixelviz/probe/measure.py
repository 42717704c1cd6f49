"""Measurement: the linear map of a black-box 1D resize, impulse by impulse.

A resize ``fn(x, size)`` of a 1D signal is, if it interpolates or filters, a
linear map ``y = W x``; :func:`measure_weights` measures ``W`` column by
column from unit impulses and checks linearity on a seeded random signal.
:func:`measure_pair` reads the rows of ``W``: the pick of a one-hot row, the
centroid ``sum_j W[i, j] j`` (the source coordinate of an interpolating
row), which rows are clear of the border, the kernel width, and the affine
fit ``x = a i + b``. No convention is named here; that is
``pixelviz.probe.classify``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_callable, check_elements, check_finite_array, check_int, check_name, check_size
from .result import PairMeasurement

__all__ = ["DEFAULT_PAIRS", "TINY_PAIRS", "MAX_PROBE_INPUT", "measure_weights", "measure_pair", "check_pairs"]

#: Size pairs ``(N, M)`` probed by default: 2x and 1.5x up and down (ties for
#: every rounding rule under ② and ③), ``23/46 = 1/2`` and ``33/22 = 3/2``
#: (ties under ①), and two non-integer ratios. Inputs are >= 24 samples so
#: that cubic-spline rows (weights decaying as ``0.27**d``) still have an
#: interior that does not feel the border.
DEFAULT_PAIRS: tuple[tuple[int, int], ...] = (
    (24, 48),
    (48, 24),
    (24, 36),
    (36, 24),
    (24, 47),
    (34, 23),
    (24, 31),
    (40, 14),
)

#: Pairs with a single output sample: too little to fit a map, but they tell
#: ``half_pixel`` (reads ``(N - 1) / 2``) from ``pytorch_half_pixel`` and
#: ``align_corners`` (read ``0``).
TINY_PAIRS: tuple[tuple[int, int], ...] = ((9, 1),)

#: Largest input length the probe measures (it calls ``fn`` once per input sample).
MAX_PROBE_INPUT = 4096

#: ``|w|`` below this is "no tap".
WEIGHT_EPS = 1e-5
_WEIGHT_EPS = WEIGHT_EPS


def _call(fn: Callable[..., Any], x: NDArray[np.float64], size: int) -> NDArray[np.float64]:
    """Call ``fn`` and check that it returned ``size`` finite numbers."""
    n = x.shape[0]
    try:
        out = fn(x.copy(), size)
    except Exception as exc:
        raise ValueError(
            f"fn raised {type(exc).__name__}: {exc} when resizing {n} samples to {size}; "
            f"fn must map a 1D float array and an int size to a 1D array"
        ) from exc
    try:
        arr = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"fn must return an array of numbers; got {type(out).__name__} when resizing {n} samples to {size}"
        ) from None
    if arr.shape != (size,):
        squeezed = np.squeeze(arr)
        if squeezed.shape == (size,) or (size == 1 and arr.size == 1):
            arr = squeezed.reshape(size)
        else:
            raise ValueError(
                f"fn must return shape ({size},) when resizing {n} samples to {size}; got shape {arr.shape}"
            )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"fn must return finite numbers; got NaN or inf when resizing {n} samples to {size}")
    return arr


def measure_weights(
    fn: Callable[[NDArray[np.float64], int], Any], in_size: int, out_size: int, *, seed: int = 0
) -> tuple[NDArray[np.float64], float]:
    """Measure the linear map of ``fn`` for one ``in_size -> out_size`` resize.

    Parameters
    ----------
    fn : callable
        ``fn(x, size)``: ``x`` is a float64 array of shape ``(in_size,)``,
        ``size`` an int; returns an array of shape ``(size,)``.
    in_size, out_size : int
        ``2 <= N <= 4096`` (``fn`` is called ``N + 1`` times) and
        ``1 <= M <= MAX_LENGTH``.
    seed : int
        Seed of the random test signal.

    Returns
    -------
    weights : ndarray of float64, shape (out_size, in_size)
        ``weights[:, j] = fn(e_j, out_size)`` for the unit impulse ``e_j``.
    nonlinearity : float
        ``max |fn(r) - weights @ r|`` for a seeded random ``r`` in ``[0, 1)``;
        about 1e-7 for a float32 linear op, order 1 for anything else.

    Raises
    ------
    ValueError, TypeError
        If ``fn`` raises, or returns the wrong shape or non-numbers.
    """
    check_callable("fn", fn, "a callable fn(x, size) -> array")
    n, m = _check_sizes("in_size", in_size, "out_size", out_size)
    seed = check_int("seed", seed, minimum=0)
    eye = np.eye(n)
    weights = np.stack([_call(fn, eye[j], m) for j in range(n)], axis=1)  # [M, N]
    r = np.random.default_rng(seed).random(n)
    nonlinearity = float(np.max(np.abs(_call(fn, r, m) - weights @ r)))
    return weights, nonlinearity


def measure_pair(weights: ArrayLike) -> PairMeasurement:
    """Read a measured ``(M, N)`` weight matrix: picks, row centroids, interior rows, kernel width, affine fit.

    Parameters
    ----------
    weights : (M, N) array_like of float
        ``weights[i, j]``: output ``i``'s response to a unit impulse at input
        ``j`` (:func:`measure_weights`); ``N >= 2``, ``M >= 1``, finite.

    Returns
    -------
    PairMeasurement
        Centroids in input-index units (input sample ``j`` at ``x = j``).

    Examples
    --------
    >>> measure_pair([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]).centers.tolist()
    [0.0, 0.5, 1.0]
    """
    weights = check_finite_array("weights", weights, ndim=2)
    m, n = weights.shape
    if n < 2 or m < 1:
        raise ValueError(f"weights must have shape (M, N) with M >= 1 and N >= 2; got shape {weights.shape}")
    _check_sizes("in_size", n, "out_size", m)
    big = np.abs(weights) > _WEIGHT_EPS  # [M, N]
    taps = big.sum(axis=1)
    picks = np.argmax(np.abs(weights), axis=1).astype(np.int64)
    one_hot = bool(np.all(taps == 1) and np.allclose(weights[np.arange(m), picks], 1.0, atol=_WEIGHT_EPS))
    sums = weights.sum(axis=1)
    j = np.arange(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        centers = np.where(np.abs(sums) > 1e-3, (weights @ j) / sums, np.nan)
        # Kernel width: mean absolute distance of the taps from the center,
        # with |w| (a second moment would vanish for Keys' a = -1/2 cubic).
        var = (np.abs(weights) * np.abs(j[None, :] - centers[:, None])).sum(axis=1) / np.abs(weights).sum(axis=1)
    interior = ~big[:, 0] & ~big[:, n - 1] & np.isfinite(centers) & (taps > 0)
    variance = float(np.nanmax(var[interior])) if interior.any() and np.isfinite(var[interior]).any() else 0.0
    slope = intercept = residual = float("nan")
    rows = np.flatnonzero(interior)
    if rows.size >= 2:
        slope, intercept = (float(v) for v in np.polyfit(rows.astype(np.float64), centers[rows], 1))
        residual = float(np.max(np.abs(centers[rows] - (slope * rows + intercept))))
    max_taps = int(taps[interior].max()) if interior.any() else 0
    return PairMeasurement(
        n, m, weights, one_hot, picks, centers, interior, max(variance, 0.0), max_taps, slope, intercept, residual
    )


def check_pairs(name: str, pairs: Any) -> tuple[tuple[int, int], ...]:
    """Validate a sequence of ``(in_size, out_size)`` pairs for :func:`measure_weights`."""
    check_name(name)
    if isinstance(pairs, (str, bytes, dict)):
        raise TypeError(f"{name} must be a sequence of (in_size, out_size) pairs; got {pairs!r}")
    try:
        items = list(pairs)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of (in_size, out_size) pairs; got {pairs!r}") from None
    if len(items) > 64:
        raise ValueError(f"{name} must hold at most 64 pairs; got {len(items)}")
    out = []
    for k, p in enumerate(items):
        if isinstance(p, (str, bytes)) or not isinstance(p, (tuple, list)) or len(p) != 2:
            raise ValueError(f"{name}[{k}] must be an (in_size, out_size) pair; got {p!r}")
        out.append(_check_sizes(f"{name}[{k}][0]", p[0], f"{name}[{k}][1]", p[1]))
    return tuple(out)


def _check_sizes(in_name: str, in_size: Any, out_name: str, out_size: Any) -> tuple[int, int]:
    n = check_int(in_name, in_size, minimum=2, maximum=MAX_PROBE_INPUT)
    m = check_size(out_name, out_size)
    check_elements(f"the weight matrix ({out_name} x {in_name})", n * m, "weights")
    return n, m
