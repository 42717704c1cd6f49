"""Measure a black-box resize function: recover its coordinate map and name its convention.

The probe treats a resize ``fn(x, size)`` of a 1D signal as what every
interpolating resize is, a linear map ``y = W x`` with ``W`` of shape
``(M, N)``. It measures ``W`` column by column by resizing unit impulses,
checks that the function really is linear (a seeded random signal must give
``W @ r``), and then reads the coordinate map off the rows of ``W``:

* **nearest** — every row is one-hot: output ``i`` copied input ``p_i``. The
  probe finds every (convention, rounding rule) pair whose prediction
  ``clip(round_nearest(source_coords(N, M, c), rule), 0, N - 1)`` equals the
  picks on every size pair.
* **interpolation** (linear, cubic, splines) — the row's centroid
  ``sum_j W[i, j] j`` *is* the source coordinate ``x_i`` (interpolation
  kernels reproduce the ramp ``x[j] = j``). Rows whose weights reach the
  first or last input sample are dropped (border clamping bends them); the
  rest are fitted by ``x = a i + b`` and compared with
  :func:`~pixelviz.conventions.source_coords` for every convention.
* **antialias / filter** — when downsampling widens the rows (a Pillow-style
  or ``antialias=True`` resize, an area average), the op is a filter, not an
  interpolation. The probe reports the map of the filter *centers* and which
  convention they follow (to a looser tolerance), under the name
  ``"antialias/filter"``.

A name is given only when every size pair agrees (up, down, 2x, 1.5x and
non-integer ratios). Names that the measurements cannot tell apart are all
listed in :attr:`ProbeResult.candidates`; e.g. ``half_pixel`` and
``half_pixel_symmetric`` coincide whenever the function is given an output
*size* rather than a scale factor. An extra ``N -> 1`` measurement separates
``half_pixel`` (the single output reads the middle) from
``pytorch_half_pixel`` and ``align_corners`` (it reads sample 0).

Every candidate map comes from :mod:`pixelviz.conventions`; no formula is
repeated here. The package has one module per job:
``pixelviz.probe.measure`` (impulses → weight matrices → row centroids
and fits), ``pixelviz.probe.classify`` (fits → a named convention) and
``pixelviz.probe.result`` (the typed results and their JSON form);
:func:`probe_resize` runs the first two. The origin probes for functions that
take absolute coordinates are ``pixelviz.probe.points`` (:func:`probe_points`)
``pixelviz.probe.crops`` (:func:`probe_crop`) and ``pixelviz.probe.paste``
(:func:`probe_paste`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_callable, check_int
from .classify import classify_measurements, is_linear, not_linear
from .crops import CropAxisFit, CropOrigin, CropProbeResult, probe_crop
from .measure import DEFAULT_PAIRS, MAX_PROBE_INPUT, TINY_PAIRS, check_pairs, measure_pair, measure_weights
from .paste import PasteAxisFit, PasteOrigin, PasteProbeResult, probe_paste
from .points import AxisFit, Border, Interpolation, PointOrigin, PointProbeResult, probe_points
from .result import (
    FIT_PAIR,
    NEAREST_FIT_PAIR,
    ROUND_TIES_VARY,
    PairMeasurement,
    ProbeKind,
    ProbeResult,
    Unnamed,
    UnnamedRounding,
)

__all__ = [
    "ROUND_TIES_VARY",
    "DEFAULT_PAIRS",
    "TINY_PAIRS",
    "MAX_PROBE_INPUT",
    "FIT_PAIR",
    "NEAREST_FIT_PAIR",
    "ProbeKind",
    "Unnamed",
    "UnnamedRounding",
    "PairMeasurement",
    "ProbeResult",
    "probe_resize",
    "measure_weights",
    "measure_pair",
    "classify_measurements",
    "is_linear",
    "not_linear",
    "check_pairs",
    "probe_points",
    "PointOrigin",
    "PointProbeResult",
    "probe_crop",
    "CropOrigin",
    "CropProbeResult",
    "probe_paste",
    "PasteOrigin",
    "PasteProbeResult",
    "AxisFit",
    "Interpolation",
    "Border",
    "CropAxisFit",
    "PasteAxisFit",
]


def probe_resize(
    fn: Callable[[NDArray[np.float64], int], Any],
    *,
    pairs: Sequence[tuple[int, int]] = DEFAULT_PAIRS,
    tiny_pairs: Sequence[tuple[int, int]] = TINY_PAIRS,
    seed: int = 0,
) -> ProbeResult:
    """Recover the coordinate map of a black-box 1D resize and name its convention.

    Parameters
    ----------
    fn : callable
        ``fn(x, size) -> y``: ``x`` a float64 array of shape ``(N,)``, ``size``
        an int ``M``; returns ``M`` numbers (shape ``(M,)``; a ``(1, M)`` or
        ``(M, 1)`` result is squeezed). ``pixelviz.backends`` wraps real
        library ops in this signature.
    pairs : sequence of (int, int)
        The ``(N, M)`` resizes to measure (``N >= 2``). A name is given only
        when all of them agree. The default mixes up- and downsampling, 2x,
        1.5x and non-integer ratios (``DEFAULT_PAIRS``).
    tiny_pairs : sequence of (int, int)
        Extra resizes, usually to 1 output sample, used only to separate
        conventions the main pairs cannot (``TINY_PAIRS``); skipped if
        ``fn`` fails on them.
    seed : int
        Seed of the random signal used to check that ``fn`` is linear.

    Returns
    -------
    ProbeResult
        ``.convention`` (a :class:`~pixelviz.conventions.Convention`, or an
        :class:`Unnamed`: ``"antialias/filter"``, ``"none"`` or
        ``"inconclusive"``), ``.kind`` (a :class:`ProbeKind`),
        ``.candidates`` (every indistinguishable convention), ``.rounding``
        for nearest, ``.verdict`` (a short text) and the raw per-pair
        measurements with their fits ``x = a·i + b``.

    Raises
    ------
    TypeError
        If ``fn`` is not callable or returns something that is not numbers.
    ValueError
        If ``fn`` raises on a main pair, returns the wrong shape or non-finite
        values, or ``pairs`` is malformed.

    Notes
    -----
    **Convention.** Coordinates are in input-index units: input sample ``j``
    sits at ``x = j`` (as :func:`~pixelviz.conventions.source_coords`).
    Worked number: a ② resize 24 -> 36 reads output 0 at
    ``x = (0 + 1/2)·24/36 − 1/2 = −1/6``; the probe measures the fit
    ``x = 0.6667·i − 0.1667`` on the interior rows.

    A nearest resize is linear too (its rows are one-hot), so the same
    impulse measurement gives its picks. Random or constant outputs fail the
    linearity or the rows-sum-to-one check and give ``"inconclusive"``.

    Examples
    --------
    >>> import numpy as np
    >>> from pixelviz.conventions import source_coords
    >>> def linear_half_pixel(x, size):
    ...     return np.interp(source_coords(len(x), size, "half_pixel"), np.arange(len(x)), x)
    >>> probe_resize(linear_half_pixel).convention.value
    'half_pixel'
    """
    check_callable("fn", fn, "a callable fn(x, size) -> array")
    main = check_pairs("pairs", pairs)
    tiny = check_pairs("tiny_pairs", tiny_pairs)
    seed = check_int("seed", seed, minimum=0)
    if not main:
        raise ValueError(f"pairs must hold at least one (in_size, out_size) pair; got {pairs!r}")

    measured: list[PairMeasurement] = []
    for n, m in main:
        weights, nonlin = measure_weights(fn, n, m, seed=seed)
        measured.append(measure_pair(weights))
        if not is_linear(weights, nonlin):
            return not_linear((n, m), nonlin, measured)
    tiny_measured = []
    for n, m in tiny:
        try:
            weights, nonlin = measure_weights(fn, n, m, seed=seed)
        except (TypeError, ValueError):
            continue
        if is_linear(weights, nonlin):
            tiny_measured.append(measure_pair(weights))
    return classify_measurements(measured, tiny_measured)
