"""Classification: name the convention a set of :class:`~pixelviz.probe.PairMeasurement` follow.

Three outcomes, tried in order:

* **nearest** — every row is one-hot: output ``i`` copied input ``p_i``. The
  verdict is every (convention, rounding rule) pair whose prediction
  ``clip(round_nearest(source_coords(N, M, c), rule), 0, N - 1)`` equals the
  picks on every size pair (or, failing that, round-to-nearest with ties
  going either way).
* **interpolation** — the row centroids are the source coordinates; rows
  clear of the border are compared with
  :func:`~pixelviz.conventions.source_coords` for every convention.
* **filter** — when downsampling widens the kernel (more taps, larger width)
  or changes it at equal phase, the op is a low-pass filter; the verdict is
  the convention its filter *centers* follow, to a looser tolerance.

Every candidate map comes from :mod:`pixelviz.conventions`; no formula is
repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_finite_array, check_finite_float, check_pair, check_size
from ..conventions import RESIZE_CONVENTIONS, Convention, NearestRounding, _round_nearest, _source_coords
from .result import PairMeasurement, ProbeKind, ProbeResult, Unnamed, UnnamedRounding, _rounding, _verdict

__all__ = ["classify_measurements", "is_linear", "not_linear"]

# Tolerances (input-index units unless stated).
_LINEAR_ATOL = 2e-4  # fn(r) vs W @ r, r uniform in [0, 1)
_ROWSUM_ATOL = 2e-3  # interior rows of an interpolation sum to 1
_INTERP_ATOL = 2e-3  # centroid vs candidate map, interpolation
_FILTER_ATOL = 0.2  # mean deviation of the filter-center lines from a candidate map
_KERNEL_BIAS = 0.1  # largest centroid bias accepted for a symmetric kernel
_FILTER_VARIANCE_GAIN = 1.5  # down-pair row variance this much above up-pairs => filter


def _coords(n_in: int, n_out: int, conv: Convention | str) -> NDArray[np.float64]:
    """The candidate map (sizes were checked when the pair was measured)."""
    return _source_coords(n_in, n_out, Convention(conv), None, None)


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
    found: set[str] = set()
    for conv in RESIZE_CONVENTIONS:
        expected = _coords(meas.in_size, meas.out_size, conv)[rows]
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
    scores: dict[str, float] = {}
    for conv in RESIZE_CONVENTIONS:
        dev = []
        for p in pairs:
            rows = np.flatnonzero(p.interior)
            line = p.slope * rows + p.intercept
            dev.append(float(np.max(np.abs(line - _coords(p.in_size, p.out_size, conv)[rows]))))
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

    def rows(p: PairMeasurement) -> Iterator[tuple[float, int, NDArray[np.float64]]]:
        x = np.round(_coords(p.in_size, p.out_size, conv), 9)
        for i in np.flatnonzero(p.interior):
            yield round(float(x[i] - np.floor(x[i])), 6), int(np.floor(x[i])), p.weights[i]

    up: dict[float, tuple[int, NDArray[np.float64]]] = {}
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
                    if np.max(np.abs(w[k + lo : k + hi] - wu[ku + lo : ku + hi])) > 1e-3:
                        return True
    return False


def _tiny_matches(meas: PairMeasurement, atol: float) -> set[str] | None:
    """Conventions consistent with an ``N -> 1`` measurement (None if unusable)."""
    c = meas.centers[0]
    if not np.isfinite(c) or abs(meas.weights[0].sum() - 1.0) > _ROWSUM_ATOL:
        return None
    n = meas.in_size
    return {conv.value for conv in RESIZE_CONVENTIONS if abs(c - np.clip(_coords(n, 1, conv)[0], 0, n - 1)) <= atol}


def _nearest_matches(meas: PairMeasurement) -> set[tuple[str, str]]:
    n, m = meas.in_size, meas.out_size
    found: set[tuple[str, str]] = set()
    for conv in RESIZE_CONVENTIONS:
        # Round away float noise so that exact ties (2.5) stay ties.
        x = np.round(_coords(n, m, conv), 9)
        for rule in NearestRounding:
            if np.array_equal(np.clip(_round_nearest(x, rule), 0, n - 1), meas.picks):
                found.add((conv.value, rule.value))
    return found


def _nearest_matches_ties_vary(meas: PairMeasurement) -> set[str]:
    """Conventions whose picks are round-to-nearest, with exact ties going either way.

    Pillow and OpenCV's ``INTER_NEAREST_EXACT`` compute ``floor((i + 1/2) N / M)``
    in floating point: ``(4 + 1/2) * (24/36)`` is ``2.9999999999999996``, so a
    tie that exact arithmetic would round up is sometimes rounded down.
    """
    n, m = meas.in_size, meas.out_size
    found: set[str] = set()
    for conv in RESIZE_CONVENTIONS:
        x = np.round(_coords(n, m, conv), 9)
        down = np.clip(_round_nearest(x, NearestRounding.ROUND_PREFER_FLOOR), 0, n - 1)
        up = np.clip(_round_nearest(x, NearestRounding.ROUND_PREFER_CEIL), 0, n - 1)
        if np.all((meas.picks == down) | (meas.picks == up)):
            found.add(conv.value)
    return found


_TF_CROP = Convention.TF_CROP_AND_RESIZE.value
_ALIGN_CORNERS = Convention.ALIGN_CORNERS.value


def _ordered(names: set[str]) -> tuple[str, ...]:
    return tuple(c.value for c in RESIZE_CONVENTIONS if c.value in names)


def _result(
    convention: str,
    kind: ProbeKind,
    reason: str,
    pairs: Sequence[PairMeasurement],
    *,
    candidates: Sequence[str] = (),
    rounding: str | None = None,
    nearest_candidates: Sequence[tuple[str, str]] = (),
    center_candidates: Sequence[str] = (),
) -> ProbeResult:
    return ProbeResult(
        _verdict(convention, "convention"),
        kind,
        tuple(Convention(c) for c in candidates),
        None if rounding is None else _rounding(rounding, "rounding"),
        tuple((Convention(c), _rounding(r, "rounding")) for c, r in nearest_candidates),
        tuple(Convention(c) for c in center_candidates),
        reason,
        tuple(pairs),
    )


def is_linear(weights: ArrayLike, nonlinearity: float) -> bool:
    """Does ``max |fn(r) - W r|`` stay within float32 noise of the weights' scale?

    Parameters
    ----------
    weights : (M, N) array_like of float
        The measured map (:func:`~pixelviz.probe.measure_weights`).
    nonlinearity : float
        ``max |fn(r) - W r|`` for the seeded random signal, finite, ``>= 0``.
    """
    w = check_finite_array("weights", weights, ndim=2)
    if w.size == 0:
        raise ValueError(f"weights must not be empty; got shape {w.shape}")
    scale = 1.0 + float(np.max(np.abs(w)))
    return check_finite_float("nonlinearity", nonlinearity, minimum=0.0) <= _LINEAR_ATOL * scale


def _check_measured(name: str, value: Any) -> list[PairMeasurement]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a sequence of PairMeasurement; got {value!r}")
    for k, p in enumerate(value):
        if not isinstance(p, PairMeasurement):
            raise TypeError(f"{name}[{k}] must be a PairMeasurement; got {type(p).__name__}")
    return list(value)


def not_linear(pair: tuple[int, int], nonlinearity: float, measured: Sequence[PairMeasurement]) -> ProbeResult:
    """The inconclusive verdict for a function that failed the linearity check on ``pair``."""
    n, m = check_pair("pair", pair, check_size, what="(in_size, out_size)")
    nonlinearity = check_finite_float("nonlinearity", nonlinearity, minimum=0.0)
    measured = _check_measured("measured", measured)
    return _result(
        Unnamed.INCONCLUSIVE,
        ProbeKind.INCONCLUSIVE,
        f"fn is not linear in its input ({n}→{m}: |fn(r) − W r| = {nonlinearity:.3g}); a resize of a signal must be",
        measured,
    )


def _filter_candidates(usable: Sequence[PairMeasurement]) -> tuple[set[str], float]:
    """Conventions the filter centers follow best (within :data:`_FILTER_ATOL`), and the best mean deviation."""
    scores = _filter_scores(usable)
    best = min(scores.values())
    return {c for c, v in scores.items() if v <= min(best + 1e-6, _FILTER_ATOL)}, best


def _classify_nearest(
    measured: Sequence[PairMeasurement], tiny_measured: Sequence[PairMeasurement], all_pairs: Sequence[PairMeasurement]
) -> ProbeResult:
    common: set[tuple[str, str]] = set.intersection(*[_nearest_matches(p) for p in measured])
    for p in tiny_measured:
        if p.one_hot:
            narrowed = common & _nearest_matches(p)
            common = narrowed or common
    if not common:
        loose: set[str] = set.intersection(*[_nearest_matches_ties_vary(p) for p in measured])
        for p in tiny_measured:
            if p.one_hot and loose & _nearest_matches_ties_vary(p):
                loose &= _nearest_matches_ties_vary(p)
        if loose:
            names = _ordered(loose)
            return _result(
                names[0],
                ProbeKind.NEAREST,
                f"every output copies one input; picks round {names[0]} to the nearest "
                "index, but exact ties go down on some sizes and up on others "
                "(floating-point rounding of N/M)",
                all_pairs,
                candidates=names,
                rounding=UnnamedRounding.TIES_VARY,
                nearest_candidates=[(c, UnnamedRounding.TIES_VARY) for c in names],
            )
        return _result(
            Unnamed.NONE,
            ProbeKind.NEAREST,
            "every output copies one input, but no (convention, rounding) pair predicts the picks on all size pairs",
            all_pairs,
            rounding=UnnamedRounding.NONE,
        )
    conventions = [c.value for c in RESIZE_CONVENTIONS]
    roundings = [r.value for r in NearestRounding]
    ordered = sorted(common, key=lambda cr: (conventions.index(cr[0]), roundings.index(cr[1])))
    conv, rule = ordered[0]
    rules_for_conv = [r for c, r in ordered if c == conv]
    reason = (
        f"every output copies one input; picks match {conv} rounded by "
        f"{' or '.join(rules_for_conv)} on {len(measured)} size pairs"
    )
    return _result(
        conv,
        ProbeKind.NEAREST,
        reason,
        all_pairs,
        candidates=_ordered({c for c, _ in ordered}),
        rounding=rule,
        nearest_candidates=ordered,
    )


def classify_measurements(
    measured: Sequence[PairMeasurement], tiny_measured: Sequence[PairMeasurement] = ()
) -> ProbeResult:
    """Name the convention of linear measurements (main pairs, then the ``N -> 1`` pairs).

    Parameters
    ----------
    measured : sequence of PairMeasurement
        The main pairs, each from a linear ``fn`` (:func:`is_linear`); at least one.
    tiny_measured : sequence of PairMeasurement
        Extra pairs (usually ``N -> 1``) used only to separate conventions
        the main pairs cannot.

    Returns
    -------
    ProbeResult
    """
    measured, tiny_measured = _check_measured("measured", measured), _check_measured("tiny_measured", tiny_measured)
    if not measured:
        raise ValueError("measured must hold at least one PairMeasurement; got none")
    all_pairs = measured + tiny_measured
    if all(p.out_size < 2 for p in measured):
        return _result(
            Unnamed.INCONCLUSIVE,
            ProbeKind.INCONCLUSIVE,
            "every probed output has a single sample: one point cannot show a coordinate map",
            all_pairs,
        )

    # ---- nearest: every main pair is a pure pick
    if all(p.one_hot for p in measured):
        return _classify_nearest(measured, tiny_measured, all_pairs)

    # ---- interpolation or filter
    usable = [p for p in measured if p.interior.sum() >= 2]
    if not usable:
        return _result(
            Unnamed.INCONCLUSIVE,
            ProbeKind.INCONCLUSIVE,
            "no size pair had two output rows clear of the border to fit",
            all_pairs,
        )
    for p in usable:
        rows = np.flatnonzero(p.interior)
        if np.max(np.abs(p.weights[rows].sum(axis=1) - 1.0)) > _ROWSUM_ATOL:
            return _result(
                Unnamed.INCONCLUSIVE,
                ProbeKind.INCONCLUSIVE,
                f"the weights of {p.in_size}→{p.out_size} do not sum to 1, so fn does not "
                "interpolate its input (constant, scaled or random output?)",
                all_pairs,
            )

    # An interpolation kernel has the same support whatever the factor; a
    # filter widens with the downsampling factor (more taps, larger width).
    up_var = [p.variance for p in usable if not p.downsampling]
    down_var = [p.variance for p in usable if p.downsampling]
    up_taps = [p.taps for p in usable if not p.downsampling]
    down_taps = [p.taps for p in usable if p.downsampling]
    is_filter = bool(
        up_var
        and down_var
        and (max(down_var) > _FILTER_VARIANCE_GAIN * max(up_var) + 0.05 or max(down_taps) > max(up_taps) + 1)
    )
    best = float("nan")
    if not is_filter:
        common = set.intersection(*[_interp_matches(p, _INTERP_ATOL) for p in usable])
        atol = _INTERP_ATOL
        # same support, but a prefilter whose weights follow the factor is a filter too
        is_filter = bool(common) and _kernel_changes_with_scale(usable, _ordered(common)[0])
    if is_filter:
        common, best = _filter_candidates(usable)
        atol = _FILTER_ATOL
    main_pairs = set(common)
    for p in tiny_measured:
        found = _tiny_matches(p, atol)
        if found is not None and common & found:
            common &= found
    names = _ordered(common)
    plain_note = ""
    if names[:1] == (_TF_CROP,) and _ALIGN_CORNERS in main_pairs:
        # tf_crop_and_resize over the whole image is align_corners for every output size but 1,
        # where it reads the middle; a plain resize that does the same (grid_sample with an
        # identity affine_grid) is named by the plain mode, the crop mode listed as equivalent.
        names = (_ALIGN_CORNERS, *names)
        plain_note = "; a single output reads the middle, as tf_crop_and_resize over the whole input does"

    if is_filter:
        reason = (
            f"the kernel changes with the factor (downsampling: up to {max(down_taps)} taps, width "
            f"{max(down_var):.2g}; upsampling: {max(up_taps)} taps, width {max(up_var):.2g}): "
            "a low-pass filter, not an interpolation; "
            + (
                f"filter centers follow {', '.join(names)} (mean deviation {best:.2g} px)"
                if names
                else "filter centers follow no convention"
            )
        )
        return _result(Unnamed.FILTER, ProbeKind.FILTER, reason, all_pairs, center_candidates=names)
    if not names:
        fits = "; ".join(p.fit_text() for p in usable[:2])
        return _result(
            Unnamed.NONE,
            ProbeKind.INTERPOLATION,
            f"the measured map matches no convention ({fits}; max residual {max(p.residual for p in usable):.3g})",
            all_pairs,
        )
    return _result(
        names[0],
        ProbeKind.INTERPOLATION,
        f"row centers match {', '.join(names)} on {len(usable)} size pairs (largest residual of "
        f"the fit x = a·i + b: {max(p.residual for p in usable):.2g}){plain_note}",
        all_pairs,
        candidates=names,
    )
