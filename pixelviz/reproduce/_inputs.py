"""The shared test inputs of the recipe search and the op comparisons: size pairs and seeded signals.

Every comparison in :mod:`pixelviz.reproduce` runs each op on the same
inputs: for each size pair ``(N, M)`` a few seeded random signals in
``[0, 1)`` and one real-looking signal (a row of
:func:`pixelviz.signals.smooth_blobs` with a step edge added), so that an op
is measured on what images look like as well as on noise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_int
from ..probe import ProbeResult
from ..probe.measure import DEFAULT_PAIRS, TINY_PAIRS, _call, check_pairs
from ..signals import smooth_blobs

__all__ = [
    "FIT_PAIRS",
    "VERIFY_PAIRS",
    "ALL_PAIRS",
    "PROBE_PAIRS",
    "PROBE_FIT_PAIRS",
    "PROBE_VERIFY_PAIRS",
    "shared_signals",
    "run_on_pairs",
    "outputs_from_probe",
]

#: Pairs the recipe search chooses on: 2x and 1.5x both ways (ties for every rounding rule), a
#: prime ratio, a shrink to 1.
FIT_PAIRS: tuple[tuple[int, int], ...] = ((12, 24), (24, 12), (12, 18), (18, 12), (7, 3), (5, 13), (9, 1))

#: Pairs a chosen recipe is verified on, never used to choose it: odd, even, coprime, to and from
#: tiny sizes, up and down, the same size, and the ties the issue names (asymmetric 22 -> 26).
#: Kept short: JAX compiles each (op, N, M) anew, about 0.1-0.3 s each.
VERIFY_PAIRS: tuple[tuple[int, int], ...] = (
    (11, 4),
    (4, 11),
    (17, 29),
    (6, 1),
    (2, 7),
    (31, 8),
    (22, 26),
    (20, 7),
    (10, 10),
)

#: Both lists, fit pairs first.
ALL_PAIRS: tuple[tuple[int, int], ...] = FIT_PAIRS + VERIFY_PAIRS

#: Random signals per pair (plus one real-looking signal).
N_RANDOM = 2


def shared_signals(n: int, *, seed: int = 0) -> NDArray[np.float64]:
    """``(N_RANDOM + 1, n)`` float64 signals: seeded uniform noise in ``[0, 1)`` and a real-looking row.

    The last row is the middle row of ``smooth_blobs(9, n)`` plus a step of
    0.5 at ``n // 3`` (an edge, as images have), scaled into ``[0, 1]``.
    Inputs are exact in float32, so a float32 library sees the same numbers.

    Examples
    --------
    >>> s = shared_signals(8)
    >>> s.shape, bool((s >= 0).all() and (s <= 1).all())
    ((3, 8), True)
    """
    n = check_int("n", n, minimum=1, maximum=1 << 16)
    seed = check_int("seed", seed, minimum=0)
    rng = np.random.default_rng([seed, n])
    noise = rng.random((N_RANDOM, n))
    row = smooth_blobs(9, n, n_blobs=3, seed=seed + n)[4] + 0.5 * (np.arange(n) >= n // 3)
    row = (row - row.min()) / (np.ptp(row) or 1.0)
    return np.vstack([noise, row[None, :]]).astype(np.float32).astype(np.float64)


def run_on_pairs(
    fn: Callable[[NDArray[np.float64], int], Any],
    pairs: Sequence[tuple[int, int]],
    inputs: Sequence[NDArray[np.float64]],
) -> list[NDArray[np.float64]]:
    """``fn`` on every signal of every pair: a list of ``(K, M)`` arrays, one per pair.

    ``inputs[p]`` is a ``(K, N)`` array for ``pairs[p] = (N, M)``. The
    output of each call is checked as the probe checks it (``M`` finite
    numbers); a call that raises becomes a ``ValueError`` naming the pair.
    """
    checked = check_pairs("pairs", pairs)
    out = []
    for (_n, m), x in zip(checked, inputs):
        out.append(np.stack([_call(fn, np.asarray(row, dtype=np.float64), m) for row in x]))
    return out


#: The probe's own size pairs (``pixelviz.probe.DEFAULT_PAIRS`` then ``TINY_PAIRS``): an op that was
#: probed needs no more calls, its measured weight matrices give its outputs on any signal.
PROBE_PAIRS: tuple[tuple[int, int], ...] = DEFAULT_PAIRS + TINY_PAIRS
#: Of :data:`PROBE_PAIRS`: 2x and 1.5x both ways and 9 -> 1 choose a recipe ...
PROBE_FIT_PAIRS: tuple[tuple[int, int], ...] = ((24, 48), (48, 24), (24, 36), (36, 24), (9, 1))
#: ... the non-integer ratios verify it.
PROBE_VERIFY_PAIRS: tuple[tuple[int, int], ...] = tuple(p for p in PROBE_PAIRS if p not in PROBE_FIT_PAIRS)


def outputs_from_probe(result: ProbeResult, *, seed: int = 0) -> list[NDArray[np.float64]]:
    """An op's outputs on the shared signals of :data:`PROBE_PAIRS`, from its probe's weight matrices.

    A probed resize is linear (the probe checked it to float32 precision), so
    its output on a signal ``x`` is ``W @ x`` with ``W`` the measured
    ``(M, N)`` matrix of that pair: no library call, no worker process. A
    pair the probe did not measure (an op that fails on ``9 -> 1``) is all NaN.

    Returns
    -------
    list of (K, M) ndarray of float64, one per pair of :data:`PROBE_PAIRS`
    """
    if not isinstance(result, ProbeResult):
        raise TypeError(f"result must be a ProbeResult (from probe_resize); got {type(result).__name__}")
    seed = check_int("seed", seed, minimum=0)
    out = []
    for n, m in PROBE_PAIRS:
        meas = result.fit(n, m)
        x = shared_signals(n, seed=seed)
        if meas is None or meas.weights.shape != (m, n):
            out.append(np.full((x.shape[0], m), np.nan))
        else:
            out.append(x @ meas.weights.T)
    return out
