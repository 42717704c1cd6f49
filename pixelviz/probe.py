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
repeated here.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Sequence

import numpy as np

from ._validate import check_int
from .conventions import RESIZE_CONVENTIONS, Convention, NearestRounding, round_nearest, source_coords

__all__ = [
    "ROUND_TIES_VARY",
    "DEFAULT_PAIRS",
    "TINY_PAIRS",
    "PairMeasurement",
    "ProbeResult",
    "probe_resize",
    "measure_weights",
]

#: Size pairs ``(N, M)`` probed by default: 2x and 1.5x up and down (ties for
#: every rounding rule under ② and ③), ``23/46 = 1/2`` and ``33/22 = 3/2``
#: (ties under ①), and two non-integer ratios. Inputs are >= 24 samples so
#: that cubic-spline rows (weights decaying as ``0.27**d``) still have an
#: interior that does not feel the border.
DEFAULT_PAIRS: tuple[tuple[int, int], ...] = (
    (24, 48), (48, 24), (24, 36), (36, 24), (24, 47), (34, 23), (24, 31), (40, 14),
)

#: Pairs with a single output sample: too little to fit a map, but they tell
#: ``half_pixel`` (reads ``(N - 1) / 2``) from ``pytorch_half_pixel`` and
#: ``align_corners`` (read ``0``).
TINY_PAIRS: tuple[tuple[int, int], ...] = ((9, 1),)

#: ``ProbeResult.rounding`` of a nearest resize that rounds to the nearest
#: index but breaks exact ties inconsistently (floating-point ``N / M``).
ROUND_TIES_VARY = "round, ties vary"

# Tolerances (input-index units unless stated).
_WEIGHT_EPS = 1e-5        # |w| below this is "no tap"
_LINEAR_ATOL = 2e-4       # fn(r) vs W @ r, r uniform in [0, 1)
_ROWSUM_ATOL = 2e-3       # interior rows of an interpolation sum to 1
_INTERP_ATOL = 2e-3       # centroid vs candidate map, interpolation
_FILTER_ATOL = 0.2        # mean deviation of the filter-center lines from a candidate map
_KERNEL_BIAS = 0.1        # largest centroid bias accepted for a symmetric kernel
_FILTER_VARIANCE_GAIN = 1.5  # down-pair row variance this much above up-pairs => filter


@dataclasses.dataclass(frozen=True)
class PairMeasurement:
    """What one ``N -> M`` resize revealed.

    Attributes
    ----------
    in_size, out_size : int
        ``N`` and ``M``.
    weights : ndarray of float64, shape (M, N)
        Measured linear map: ``weights[i, j]`` is output ``i``'s response to
        a unit impulse at input ``j``.
    one_hot : bool
        Every row is a single tap of weight 1 (a nearest-neighbour pick).
    picks : ndarray of int64, shape (M,)
        Index of the largest weight of each row (the pick when ``one_hot``).
    centers : ndarray of float64, shape (M,)
        Row centroids ``sum_j w_ij j / sum_j w_ij`` in input-index units
        (input sample ``j`` at ``x = j``); NaN where a row sums to ~0.
    interior : ndarray of bool, shape (M,)
        Rows with no weight on the first or last input sample.
    variance : float
        Kernel width: the largest mean absolute distance of an interior row's
        taps from its center, weighted by ``|w|``; 0 for nearest, at most 1/2
        for linear interpolation, growing with the factor for a filter.
    taps : int
        Largest number of nonzero weights (``|w| > 1e-5``) in an interior row:
        1 for nearest, 2 for linear, 4 for cubic, more for splines, growing
        with the factor for a filter.
    slope, intercept, residual : float
        Least-squares fit ``centers ~ slope * i + intercept`` on the interior
        rows and its largest absolute error (NaN with fewer than 2 rows).
    """

    in_size: int
    out_size: int
    weights: np.ndarray
    one_hot: bool
    picks: np.ndarray
    centers: np.ndarray
    interior: np.ndarray
    variance: float
    taps: int
    slope: float
    intercept: float
    residual: float

    @property
    def downsampling(self) -> bool:
        return self.out_size < self.in_size

    def fit_text(self) -> str:
        """``"24→36: x = 0.6667·i − 0.1667"`` (or a note when no fit)."""
        if not np.isfinite(self.slope):
            return f"{self.in_size}→{self.out_size}: no interior rows"
        sign = "−" if self.intercept < 0 else "+"
        return (f"{self.in_size}→{self.out_size}: x = {self.slope:.4f}·i {sign} "
                f"{abs(self.intercept):.4f}")

    def to_dict(self) -> dict:
        return {"in_size": self.in_size, "out_size": self.out_size, "one_hot": self.one_hot,
                "slope": _num(self.slope), "intercept": _num(self.intercept),
                "residual": _num(self.residual), "variance": _num(self.variance),
                "centers": [_num(c) for c in self.centers],
                "picks": [int(p) for p in self.picks] if self.one_hot else None}


@dataclasses.dataclass(frozen=True)
class ProbeResult:
    """The verdict of :func:`probe_resize`.

    Attributes
    ----------
    convention : str
        The ONNX-style name of the map (a :class:`~pixelviz.conventions.Convention`
        value such as ``"half_pixel"``), or ``"antialias/filter"`` when the op
        is a low-pass filter (see :attr:`center_candidates`), ``"none"`` when
        the map is measured but matches no convention, ``"inconclusive"`` when
        the measurements cannot tell.
    kind : str
        ``"interpolation"``, ``"nearest"``, ``"filter"`` or ``"inconclusive"``.
    candidates : tuple of str
        Every convention name consistent with all measurements, in
        :data:`~pixelviz.conventions.RESIZE_CONVENTIONS` order;
        ``convention`` is the first. Empty for ``"none"``/``"inconclusive"``.
    rounding : str or None
        For ``kind == "nearest"``: the :class:`NearestRounding` rule that
        explains the picks together with ``convention`` (``"none"`` when no
        rule does); None otherwise.
    nearest_candidates : tuple of (str, str)
        Every (convention, rounding) pair consistent with the picks.
    center_candidates : tuple of str
        For a filter: conventions whose map the filter centers follow (within
        0.2 input pixels).
    reason : str
        One sentence on how the verdict was reached or why not.
    pairs : tuple of PairMeasurement
        The raw measurements, main pairs first then the ``N -> 1`` pairs.
    """

    convention: str
    kind: str
    candidates: tuple[str, ...]
    rounding: str | None
    nearest_candidates: tuple[tuple[str, str], ...]
    center_candidates: tuple[str, ...]
    reason: str
    pairs: tuple[PairMeasurement, ...]

    @property
    def verdict(self) -> str:
        """A short human verdict, e.g. ``"② half_pixel"`` or ``"③ asymmetric, floor"``."""
        if self.kind == "nearest" and self.convention not in ("none", "inconclusive"):
            others = sorted({c for c, _ in self.nearest_candidates} - {self.convention})
            text = f"{_label(self.convention)}, {self.rounding}"
            return text + (f" (≡ {', '.join(others)})" if others else "")
        if self.kind == "filter":
            center = _label(self.center_candidates[0]) if self.center_candidates else "none"
            return f"antialias/filter, centers on {center}"
        if self.candidates:
            others = self.candidates[1:]
            return _label(self.convention) + (f" (≡ {', '.join(others)})" if others else "")
        return self.convention

    def fit(self, in_size: int, out_size: int) -> PairMeasurement | None:
        """The measurement of the ``in_size -> out_size`` pair, if probed."""
        for p in self.pairs:
            if (p.in_size, p.out_size) == (in_size, out_size):
                return p
        return None

    @property
    def max_residual(self) -> float:
        """Largest affine-fit residual over the pairs that could be fitted."""
        res = [p.residual for p in self.pairs if np.isfinite(p.residual)]
        return float(max(res)) if res else float("nan")

    def to_dict(self) -> dict:
        """A JSON-ready summary (floats rounded to 6 decimals)."""
        return {"convention": self.convention, "kind": self.kind, "verdict": self.verdict,
                "candidates": list(self.candidates), "rounding": self.rounding,
                "nearest_candidates": [list(c) for c in self.nearest_candidates],
                "center_candidates": list(self.center_candidates), "reason": self.reason,
                "max_residual": _num(self.max_residual),
                "fits": [p.fit_text() for p in self.pairs if p.out_size > 1]}


def _num(value: float) -> float | None:
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


#: The article's grid that each ONNX relative reduces to when the output has
#: more than one sample and the scale is ``M / N``.
_GRID_OF = {Convention.PYTORCH_HALF_PIXEL: "②", Convention.HALF_PIXEL_SYMMETRIC: "②",
            Convention.TF_CROP_AND_RESIZE: "①"}


def _label(name: str) -> str:
    """``"② half_pixel"``; relatives get their grid too: ``"① tf_crop_and_resize"``."""
    try:
        conv = Convention(name)
    except ValueError:
        return name
    return f"{_GRID_OF[conv]} {conv.value}" if conv in _GRID_OF else conv.label


def _call(fn: Callable, x: np.ndarray, size: int) -> np.ndarray:
    """Call ``fn`` and check that it returned ``size`` finite numbers."""
    n = x.shape[0]
    try:
        out = fn(x.copy(), size)
    except Exception as exc:
        raise ValueError(f"fn raised {type(exc).__name__}: {exc} when resizing {n} samples to {size}; "
                         f"fn must map a 1D float array and an int size to a 1D array") from exc
    try:
        arr = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"fn must return an array of numbers; got {type(out).__name__} "
                        f"when resizing {n} samples to {size}") from None
    if arr.shape != (size,):
        squeezed = np.squeeze(arr)
        if squeezed.shape == (size,) or (size == 1 and arr.size == 1):
            arr = squeezed.reshape(size)
        else:
            raise ValueError(f"fn must return shape ({size},) when resizing {n} samples to {size}; "
                             f"got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"fn must return finite numbers; got NaN or inf when resizing {n} samples to {size}")
    return arr


def measure_weights(fn: Callable, in_size: int, out_size: int, *, seed: int = 0) -> tuple[np.ndarray, float]:
    """Measure the linear map of ``fn`` for one ``in_size -> out_size`` resize.

    Parameters
    ----------
    fn : callable
        ``fn(x, size)``: ``x`` is a float64 array of shape ``(in_size,)``,
        ``size`` an int; returns an array of shape ``(size,)``.
    in_size, out_size : int
        ``N >= 2`` and ``M >= 1``.
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
    n = check_int("in_size", in_size, minimum=2)
    m = check_int("out_size", out_size, minimum=1)
    eye = np.eye(n)
    weights = np.stack([_call(fn, eye[j], m) for j in range(n)], axis=1)  # [M, N]
    r = np.random.default_rng(seed).random(n)
    nonlinearity = float(np.max(np.abs(_call(fn, r, m) - weights @ r)))
    return weights, nonlinearity


def _measure_pair(weights: np.ndarray) -> PairMeasurement:
    m, n = weights.shape
    big = np.abs(weights) > _WEIGHT_EPS                                   # [M, N]
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
    return PairMeasurement(n, m, weights, one_hot, picks, centers, interior, max(variance, 0.0),
                           max_taps, slope, intercept, residual)


def _check_pairs(name: str, pairs: Any, *, min_out: int) -> tuple[tuple[int, int], ...]:
    try:
        items = [tuple(p) for p in pairs]
    except TypeError:
        raise TypeError(f"{name} must be a sequence of (in_size, out_size) pairs; got {pairs!r}") from None
    out = []
    for k, p in enumerate(items):
        if len(p) != 2:
            raise ValueError(f"{name}[{k}] must be an (in_size, out_size) pair; got {p!r}")
        out.append((check_int(f"{name}[{k}][0]", p[0], minimum=2),
                    check_int(f"{name}[{k}][1]", p[1], minimum=min_out)))
    return tuple(out)


def _interp_matches(meas: PairMeasurement, atol: float) -> set[str]:
    """Conventions whose map explains the interior row centers of one pair.

    A centroid equals the source coordinate exactly when the kernel
    reproduces a ramp (linear, Keys ``a = -1/2``, B-splines). Keys
    ``a = -3/4`` (OpenCV, PyTorch) and Lanczos do not: their centroid is off
    by an odd, 1-periodic function ``e(t)`` of the phase ``t = x - floor(x)``
    (up to about 0.05). So a candidate whose residuals stay below
    :data:`_KERNEL_BIAS` is also accepted when they behave like such an
    ``e(t)``: zero at ``t = 0`` and ``t = 1/2``, equal for equal phases,
    opposite for phases ``t`` and ``1 - t`` -- with at least one such check
    made.
    """
    rows = np.flatnonzero(meas.interior)
    found = set()
    for conv in RESIZE_CONVENTIONS:
        expected = source_coords(meas.in_size, meas.out_size, conv)[rows]
        resid = meas.centers[rows] - expected
        if np.max(np.abs(resid)) <= atol:
            found.add(conv.value)
        elif atol < _KERNEL_BIAS and np.max(np.abs(resid)) <= _KERNEL_BIAS and _odd_in_phase(expected, resid, atol):
            found.add(conv.value)
    return found


def _odd_in_phase(x: np.ndarray, resid: np.ndarray, atol: float) -> bool:
    """Do residuals look like an odd 1-periodic function of the phase of ``x``?"""
    phase = np.round(x - np.floor(x), 6) % 1.0
    checks = 0
    for t, r in zip(phase, resid):
        if t in (0.0, 0.5):
            checks += 1
            if abs(r) > atol:
                return False
    for a in range(len(x)):
        for b in range(a + 1, len(x)):
            if phase[a] == phase[b]:
                checks += 1
                if abs(resid[a] - resid[b]) > atol:
                    return False
            elif abs(phase[a] + phase[b] - 1.0) < 1e-6:
                checks += 1
                if abs(resid[a] + resid[b]) > atol:
                    return False
    return checks > 0


def _filter_scores(pairs: Sequence[PairMeasurement]) -> dict[str, float]:
    """Mean over pairs of ``max |fitted line - map|`` on the interior rows, per convention.

    A filter's center is blurred by its discrete taps (Pillow's ``BOX`` at
    1.5x keeps whole pixels, so its centers sit a quarter pixel off every
    formula on that pair), so filters are scored on average, not row by row.
    """
    scores = {}
    for conv in RESIZE_CONVENTIONS:
        dev = []
        for p in pairs:
            rows = np.flatnonzero(p.interior)
            line = p.slope * rows + p.intercept
            dev.append(float(np.max(np.abs(line - source_coords(p.in_size, p.out_size, conv)[rows]))))
        scores[conv.value] = float(np.mean(dev))
    return scores


def _kernel_changes_with_scale(pairs: Sequence[PairMeasurement], conv: str) -> bool:
    """Do downsampling rows differ from upsampling rows read at the same phase?

    Under an interpolation the weights of output ``i`` depend only on the
    phase ``t = x_i - floor(x_i)`` of its source coordinate: the kernel is
    the same whatever the factor. A down-pair row whose weights differ (by
    more than 1e-3) from an up-pair row at the same phase, aligned on
    ``floor(x)``, betrays a prefilter whose width follows the factor
    (scikit-image's Gaussian ``anti_aliasing`` before a cubic spline keeps
    the tap count but changes the weights).
    """
    def rows(p: PairMeasurement):
        x = np.round(source_coords(p.in_size, p.out_size, conv), 9)
        for i in np.flatnonzero(p.interior):
            yield round(float(x[i] - np.floor(x[i])), 6), int(np.floor(x[i])), p.weights[i]

    up = {}
    for p in pairs:
        if not p.downsampling:
            for t, k, w in rows(p):
                up.setdefault(t, (k, w))
    for p in pairs:
        if p.downsampling:
            for t, k, w in rows(p):
                if t in up:
                    ku, wu = up[t]
                    # Align the two rows on floor(x) and compare them tap by tap.
                    lo = max(-k, -ku)
                    hi = min(len(w) - k, len(wu) - ku)
                    if np.max(np.abs(w[k + lo:k + hi] - wu[ku + lo:ku + hi])) > 1e-3:
                        return True
    return False


def _tiny_matches(meas: PairMeasurement, atol: float) -> set[str] | None:
    """Conventions consistent with an ``N -> 1`` measurement (None if unusable)."""
    c = meas.centers[0]
    if not np.isfinite(c) or abs(meas.weights[0].sum() - 1.0) > _ROWSUM_ATOL:
        return None
    n = meas.in_size
    return {conv.value for conv in RESIZE_CONVENTIONS
            if abs(c - np.clip(source_coords(n, 1, conv)[0], 0, n - 1)) <= atol}


def _nearest_matches(meas: PairMeasurement) -> set[tuple[str, str]]:
    n, m = meas.in_size, meas.out_size
    found = set()
    for conv in RESIZE_CONVENTIONS:
        # Round away float noise so that exact ties (2.5) stay ties.
        x = np.round(source_coords(n, m, conv), 9)
        for rule in NearestRounding:
            if np.array_equal(np.clip(round_nearest(x, rule), 0, n - 1), meas.picks):
                found.add((conv.value, rule.value))
    return found


def _nearest_matches_ties_vary(meas: PairMeasurement) -> set[str]:
    """Conventions whose picks are round-to-nearest, with exact ties going either way.

    Pillow and OpenCV's ``INTER_NEAREST_EXACT`` compute ``floor((i + 1/2) N / M)``
    in floating point: ``(4 + 1/2) * (24/36)`` is ``2.9999999999999996``, so a
    tie that exact arithmetic would round up is sometimes rounded down.
    """
    n, m = meas.in_size, meas.out_size
    found = set()
    for conv in RESIZE_CONVENTIONS:
        x = np.round(source_coords(n, m, conv), 9)
        down = np.clip(round_nearest(x, NearestRounding.ROUND_PREFER_FLOOR), 0, n - 1)
        up = np.clip(round_nearest(x, NearestRounding.ROUND_PREFER_CEIL), 0, n - 1)
        if np.all((meas.picks == down) | (meas.picks == up)):
            found.add(conv.value)
    return found


def _ordered(names: set[str]) -> tuple[str, ...]:
    return tuple(c.value for c in RESIZE_CONVENTIONS if c.value in names)


def _result(convention: str, kind: str, reason: str, pairs: Sequence[PairMeasurement], *,
            candidates: Sequence[str] = (), rounding: str | None = None,
            nearest_candidates: Sequence[tuple[str, str]] = (),
            center_candidates: Sequence[str] = ()) -> ProbeResult:
    return ProbeResult(convention, kind, tuple(candidates), rounding, tuple(nearest_candidates),
                       tuple(center_candidates), reason, tuple(pairs))


def probe_resize(fn: Callable[[np.ndarray, int], Any], *,
                 pairs: Sequence[tuple[int, int]] = DEFAULT_PAIRS,
                 tiny_pairs: Sequence[tuple[int, int]] = TINY_PAIRS,
                 seed: int = 0) -> ProbeResult:
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
        1.5x and non-integer ratios (:data:`DEFAULT_PAIRS`).
    tiny_pairs : sequence of (int, int)
        Extra resizes, usually to 1 output sample, used only to separate
        conventions the main pairs cannot (:data:`TINY_PAIRS`); skipped if
        ``fn`` fails on them.
    seed : int
        Seed of the random signal used to check that ``fn`` is linear.

    Returns
    -------
    ProbeResult
        ``.convention`` (ONNX name, ``"antialias/filter"``, ``"none"`` or
        ``"inconclusive"``), ``.candidates`` (every indistinguishable name),
        ``.rounding`` for nearest, ``.verdict`` (a short text) and the raw
        per-pair measurements with their fits ``x = a·i + b``.

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
    >>> probe_resize(linear_half_pixel).convention
    'half_pixel'
    """
    if not callable(fn):
        raise TypeError(f"fn must be a callable fn(x, size) -> array; got {fn!r}")
    main = _check_pairs("pairs", pairs, min_out=1)
    tiny = _check_pairs("tiny_pairs", tiny_pairs, min_out=1)
    if not main:
        raise ValueError(f"pairs must hold at least one (in_size, out_size) pair; got {pairs!r}")

    measured: list[PairMeasurement] = []
    for n, m in main:
        weights, nonlin = measure_weights(fn, n, m, seed=seed)
        meas = _measure_pair(weights)
        measured.append(meas)
        if nonlin > _LINEAR_ATOL * (1.0 + float(np.max(np.abs(weights)))):
            return _result("inconclusive", "inconclusive",
                           f"fn is not linear in its input ({n}→{m}: |fn(r) − W r| = {nonlin:.3g}); "
                           "a resize of a signal must be", measured)
    tiny_measured = []
    for n, m in tiny:
        try:
            weights, nonlin = measure_weights(fn, n, m, seed=seed)
        except (TypeError, ValueError):
            continue
        if nonlin <= _LINEAR_ATOL * (1.0 + float(np.max(np.abs(weights)))):
            tiny_measured.append(_measure_pair(weights))
    all_pairs = measured + tiny_measured
    if all(p.out_size < 2 for p in measured):
        return _result("inconclusive", "inconclusive",
                       "every probed output has a single sample: one point cannot show a coordinate map",
                       all_pairs)

    # ---- nearest: every main pair is a pure pick
    if all(p.one_hot for p in measured):
        sets = [_nearest_matches(p) for p in measured]
        common = set.intersection(*sets)
        for p in tiny_measured:
            if p.one_hot:
                narrowed = common & _nearest_matches(p)
                common = narrowed or common
        if not common:
            loose = set.intersection(*[_nearest_matches_ties_vary(p) for p in measured])
            for p in tiny_measured:
                if p.one_hot and loose & _nearest_matches_ties_vary(p):
                    loose &= _nearest_matches_ties_vary(p)
            if loose:
                names = _ordered(loose)
                return _result(names[0], "nearest",
                               f"every output copies one input; picks round {names[0]} to the nearest "
                               "index, but exact ties go down on some sizes and up on others "
                               "(floating-point rounding of N/M)", all_pairs, candidates=names,
                               rounding=ROUND_TIES_VARY,
                               nearest_candidates=[(c, ROUND_TIES_VARY) for c in names])
            return _result("none", "nearest",
                           "every output copies one input, but no (convention, rounding) pair "
                           "predicts the picks on all size pairs", all_pairs, rounding="none")
        ordered = sorted(common, key=lambda cr: ([c.value for c in RESIZE_CONVENTIONS].index(cr[0]),
                                                 [r.value for r in NearestRounding].index(cr[1])))
        conv, rule = ordered[0]
        rules_for_conv = [r for c, r in ordered if c == conv]
        reason = (f"every output copies one input; picks match {conv} rounded by "
                  f"{' or '.join(rules_for_conv)} on {len(measured)} size pairs")
        return _result(conv, "nearest", reason, all_pairs, candidates=_ordered({c for c, _ in ordered}),
                       rounding=rule, nearest_candidates=ordered)

    # ---- interpolation or filter
    usable = [p for p in measured if p.interior.sum() >= 2]
    if not usable:
        return _result("inconclusive", "inconclusive",
                       "no size pair had two output rows clear of the border to fit", all_pairs)
    for p in usable:
        rows = np.flatnonzero(p.interior)
        if np.max(np.abs(p.weights[rows].sum(axis=1) - 1.0)) > _ROWSUM_ATOL:
            return _result("inconclusive", "inconclusive",
                           f"the weights of {p.in_size}→{p.out_size} do not sum to 1, so fn does not "
                           "interpolate its input (constant, scaled or random output?)", all_pairs)

    # An interpolation kernel has the same support whatever the factor; a
    # filter widens with the downsampling factor (more taps, larger width).
    up_var = [p.variance for p in usable if not p.downsampling]
    down_var = [p.variance for p in usable if p.downsampling]
    up_taps = [p.taps for p in usable if not p.downsampling]
    down_taps = [p.taps for p in usable if p.downsampling]
    is_filter = bool(up_var and down_var and
                     (max(down_var) > _FILTER_VARIANCE_GAIN * max(up_var) + 0.05
                      or max(down_taps) > max(up_taps) + 1))

    if is_filter:
        scores = _filter_scores(usable)
        best = min(scores.values())
        common = {c for c, v in scores.items() if v <= min(best + 1e-6, _FILTER_ATOL)}
        atol = _FILTER_ATOL
    else:
        common = set.intersection(*[_interp_matches(p, _INTERP_ATOL) for p in usable])
        atol = _INTERP_ATOL
        if common and _kernel_changes_with_scale(usable, _ordered(common)[0]):
            is_filter = True
            scores = _filter_scores(usable)
            best = min(scores.values())
            common = {c for c, v in scores.items() if v <= min(best + 1e-6, _FILTER_ATOL)}
            atol = _FILTER_ATOL
    for p in tiny_measured:
        found = _tiny_matches(p, atol)
        if found is not None and common & found:
            common &= found
    names = _ordered(common)

    if is_filter:
        reason = (f"the kernel changes with the factor (downsampling: up to {max(down_taps)} taps, width "
                  f"{max(down_var):.2g}; upsampling: {max(up_taps)} taps, width {max(up_var):.2g}): "
                  "a low-pass filter, not an interpolation; "
                  + (f"filter centers follow {', '.join(names)} (mean deviation {best:.2g} px)" if names else
                     "filter centers follow no convention"))
        return _result("antialias/filter", "filter", reason, all_pairs, center_candidates=names)
    if not names:
        fits = "; ".join(p.fit_text() for p in usable[:2])
        return _result("none", "interpolation",
                       f"the measured map matches no convention ({fits}; max residual "
                       f"{max(p.residual for p in usable):.3g})", all_pairs)
    return _result(names[0], "interpolation",
                   f"row centers match {', '.join(names)} on {len(usable)} size pairs (largest residual of "
                   f"the fit x = a·i + b: {max(p.residual for p in usable):.2g})",
                   all_pairs, candidates=names)
