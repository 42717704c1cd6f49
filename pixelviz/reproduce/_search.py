"""The recipe search: every candidate on the fit pairs, the best ones verified on new pairs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_callable, check_choice, check_int
from ..probe import ProbeKind, ProbeResult, probe_resize
from ._compare import FLOAT32, _classify, compare_outputs
from ._inputs import (
    FIT_PAIRS,
    PROBE_FIT_PAIRS,
    PROBE_PAIRS,
    PROBE_VERIFY_PAIRS,
    VERIFY_PAIRS,
    run_on_pairs,
    shared_signals,
)
from ._recipe import Recipe
from ._space import COMMON_CUBIC_COEFFS, Candidate, candidates, fit_cubic_coeff

__all__ = ["reproduce_resize", "reproduce_outputs", "reproduce_from_outputs"]

#: How many of the best settings on the fit pairs are verified on the new pairs.
_VERIFY_TOP = 6
_RANKS = {"identical": 0, "float32": 1, "different": 2}


def _max_error(cand: Candidate, inputs: Sequence[NDArray[np.float64]], targets: Sequence[NDArray[np.float64]]) -> float:
    worst = 0.0
    for x, t in zip(inputs, targets):
        try:
            y = cand.resize_many(x, t.shape[1])
        except ValueError:  # e.g. a setting undefined for this size
            return float("inf")
        worst = max(worst, float(np.abs(y - t).max()))
    return worst


def _score(
    pool: list[Candidate], inputs: Sequence[NDArray[np.float64]], targets: Sequence[NDArray[np.float64]]
) -> list[tuple[float, int, Candidate]]:
    """``(max error on the fit pairs, index, candidate)``, best first."""
    return sorted(((_max_error(c, inputs, targets), k, c) for k, c in enumerate(pool)), key=lambda t: t[:2])


def _best_verified(
    scored: list[tuple[float, int, Candidate]],
    ver_in: Sequence[NDArray[np.float64]],
    targets_verify: Sequence[NDArray[np.float64]],
) -> tuple[tuple[int, float, int], float, float, Candidate]:
    """Of the best settings on the fit pairs, the best verified: class first (identical, float32, different),
    then the smaller error only for "different", then the order of the space (the probe's first candidate first)."""
    best: tuple[tuple[int, float, int], float, float, Candidate] | None = None
    for fit_err, k, cand in scored[:_VERIFY_TOP]:
        total_k = max(fit_err, _max_error(cand, ver_in, targets_verify))
        rank = _RANKS[_classify(total_k)]
        key = (rank, total_k if rank == 2 else 0.0, k)
        if best is None or key < best[0]:
            best = (key, total_k, fit_err, cand)
    assert best is not None
    return best


def _expand_cubic(
    cands: list[Candidate], inputs: Sequence[NDArray[np.float64]], targets: Sequence[NDArray[np.float64]]
) -> list[Candidate]:
    out = []
    for c in cands:
        if c.mode != "cubic":
            out.append(c)
            continue
        if c.antialias is False and not c.exclude_outside:
            out.append(dataclasses.replace(c, cubic_coeff=fit_cubic_coeff(c, inputs, targets)))
        else:
            out += [dataclasses.replace(c, cubic_coeff=a) for a in COMMON_CUBIC_COEFFS]
    return out


def reproduce_outputs(
    targets_fit: Sequence[NDArray[np.float64]],
    targets_verify: Sequence[NDArray[np.float64]],
    *,
    probe: ProbeResult | None = None,
    seed: int = 0,
    fit_pairs: Sequence[tuple[int, int]] = FIT_PAIRS,
    verify_pairs: Sequence[tuple[int, int]] = VERIFY_PAIRS,
) -> Recipe:
    """The recipe search on outputs already computed (an op run in another process).

    ``targets_fit[p]`` is the op's ``(K, M)`` output on
    ``shared_signals(N, seed=seed)`` for ``fit_pairs[p] = (N, M)``; the same
    for the verification pairs. See :func:`reproduce_resize`.
    """
    fit_in = [shared_signals(n, seed=seed) for n, _ in fit_pairs]
    ver_in = [shared_signals(n, seed=seed) for n, _ in verify_pairs]
    verdict = "not probed" if probe is None else probe.verdict
    pool = _expand_cubic(candidates(probe), fit_in, targets_fit)
    scored = _score(pool, fit_in, targets_fit)
    pruned = scored
    if probe is not None and probe.kind is not ProbeKind.INCONCLUSIVE and (not scored or scored[0][0] > FLOAT32):
        # the probe prunes, it does not decide: if its verdict leaves nothing close, search everything
        pool += _expand_cubic(candidates(None), fit_in, targets_fit)
        scored = _score(pool, fit_in, targets_fit)
    best = _best_verified(scored, ver_in, targets_verify)
    if best[0][0] == _RANKS["different"] and pruned is not scored and pruned:
        # nothing matches: name the closest setting of the kind the probe measured (a nearest op's
        # closest setting is a nearest one, even where a smooth kernel has a smaller max error)
        best = _best_verified(pruned, ver_in, targets_verify)
    _, total, fit_err, cand = best
    ver_out = [cand.resize_many(x, t.shape[1]) for x, t in zip(ver_in, targets_verify)]
    diff = compare_outputs(ver_out, list(targets_verify), list(verify_pairs))
    seen = {(cand.mode, str(cand.antialias))}
    alternatives: list[tuple[str, float]] = []
    for err, _, c in scored:
        key2 = (c.mode, str(c.antialias))
        if key2 not in seen and len(alternatives) < 3:
            seen.add(key2)
            alternatives.append((c.call_text(), float(err)))
    reason = ""
    if probe is not None and probe.kind is ProbeKind.INCONCLUSIVE and total > FLOAT32:
        reason = f"not reproducible: the probe finds no linear resize ({probe.reason})"
    return Recipe(cand, float(total), float(fit_err), diff, verdict, len(pool), tuple(alternatives), reason)


def reproduce_resize(
    fn: Callable[[NDArray[np.float64], int], Any],
    *,
    probe: ProbeResult | None = None,
    seed: int = 0,
    uint8_fn: Callable[[NDArray[np.uint8], int], Any] | None = None,
) -> Recipe:
    """The ``pixelviz.resize`` call that gives the same pixels as ``fn``, verified on sizes it was not chosen on.

    Parameters
    ----------
    fn : callable
        ``fn(x, size) -> y`` as for :func:`~pixelviz.probe.probe_resize`: ``x``
        a float64 array of shape ``(N,)``, ``size`` an int ``M``; returns
        ``M`` numbers. A :class:`~pixelviz.backends.Backend` is such a callable.
    probe : ProbeResult, optional
        ``probe_resize(fn)`` if already computed (it is run otherwise); its
        verdict prunes the settings tried, never decides alone.
    seed : int
        Seed of the shared test signals (:func:`~pixelviz.reproduce.shared_signals`).
    uint8_fn : callable, optional
        The same op on uint8 ``x`` (``fn(x, size)``, ``x`` uint8 of shape
        ``(N,)``), e.g. ``backend.resize_uint8``: ``recipe.uint8`` then says
        how its uint8 output rounds ``fn``'s (:func:`~pixelviz.reproduce.uint8_behaviour`),
        so the recipe on uint8 is ``pixelviz.resize`` followed by that rounding.

    Returns
    -------
    Recipe
        ``recipe.kwargs`` for ``pixelviz.resize(x, size, **recipe.kwargs)``
        (and ``scale=recipe.scale(N, M)`` where needed), ``recipe.max_error``
        over every size pair, ``recipe.matched`` (≤ 1e-4) and, when no
        setting matches, ``recipe.verify.where`` (border only,
        downsampling only ...) and the closest alternatives.

    Raises
    ------
    TypeError, ValueError
        If ``fn`` is not callable, raises on a size pair, or returns the wrong
        shape or non-finite values (the message names the pair).

    Notes
    -----
    **Convention.** Sizes and coordinates are those of
    :func:`pixelviz.resize`: input sample ``j`` sits at ``x = j``. The
    settings are chosen on ``pixelviz.reproduce.FIT_PAIRS``
    (2x, 1.5x, 7 → 3, 5 → 13, 9 → 1) and verified on
    ``pixelviz.reproduce.VERIFY_PAIRS`` (odd, even, coprime, to
    and from 1 or 2 samples, 22 → 26): a recipe that fits but fails on new
    sizes is reported with its error, not as a match.

    Examples
    --------
    >>> import numpy as np
    >>> from pixelviz.conventions import source_coords
    >>> def linear_half_pixel(x, size):
    ...     return np.interp(source_coords(len(x), size, "half_pixel"), np.arange(len(x)), x)
    >>> r = reproduce_resize(linear_half_pixel)
    >>> r.kwargs, r.matched
    ({'mode': 'linear', 'convention': 'half_pixel'}, True)
    """
    check_callable("fn", fn, "a callable fn(x, size) -> array")
    if probe is not None and not isinstance(probe, ProbeResult):
        raise TypeError(f"probe must be a ProbeResult (from probe_resize) or None; got {type(probe).__name__}")
    seed = check_int("seed", seed, minimum=0)
    if uint8_fn is not None:
        check_callable("uint8_fn", uint8_fn, "a callable uint8_fn(x, size) on uint8 x, or None")
    fit_t = run_on_pairs(fn, FIT_PAIRS, [shared_signals(n, seed=seed) for n, _ in FIT_PAIRS])
    ver_t = run_on_pairs(fn, VERIFY_PAIRS, [shared_signals(n, seed=seed) for n, _ in VERIFY_PAIRS])
    if probe is None:
        probe = probe_resize(fn)
    recipe = reproduce_outputs(fit_t, ver_t, probe=probe, seed=seed)
    if uint8_fn is None:
        return recipe
    from ._uint8 import uint8_behaviour

    return dataclasses.replace(recipe, uint8=uint8_behaviour(uint8_fn, fn, seed=seed).text)


def reproduce_from_outputs(
    outputs: Sequence[Any], *, probe: ProbeResult | None = None, seed: int = 0, pairs: str = "shared"
) -> Recipe:
    """:func:`reproduce_resize` from an op's outputs on the shared inputs (computed in its own process).

    Parameters
    ----------
    outputs : sequence of (K, M) array_like
        The op's outputs on ``shared_signals(N, seed=seed)`` for each pair of
        ``pixelviz.reproduce.ALL_PAIRS`` (fit pairs, then verification
        pairs), as :func:`~pixelviz.reproduce.library_outputs` returns them.
    probe : ProbeResult, optional
        The op's probe verdict, to prune the search (everything is tried without it).
    seed : int
        The seed the outputs were computed with.
    pairs : {"shared", "probe"}
        ``"shared"``: the outputs are over ``pixelviz.reproduce.ALL_PAIRS``
        (:data:`FIT_PAIRS` choose, :data:`VERIFY_PAIRS` verify); ``"probe"``:
        over the probe's pairs (:func:`~pixelviz.reproduce.outputs_from_probe`;
        2x, 1.5x and 9 → 1 choose, the non-integer ratios verify).
    """
    from .._validate import check_finite_array

    if probe is not None and not isinstance(probe, ProbeResult):
        raise TypeError(f"probe must be a ProbeResult (from probe_resize) or None; got {type(probe).__name__}")
    seed = check_int("seed", seed, minimum=0)
    kind = check_choice("pairs", pairs, ("shared", "probe"))
    fit_pairs, verify_pairs = (FIT_PAIRS, VERIFY_PAIRS) if kind == "shared" else (PROBE_FIT_PAIRS, PROBE_VERIFY_PAIRS)
    order = (FIT_PAIRS + VERIFY_PAIRS) if kind == "shared" else PROBE_PAIRS
    if isinstance(outputs, (str, bytes)) or not isinstance(outputs, (list, tuple)) or len(outputs) != len(order):
        raise TypeError(f"outputs must be a list of {len(order)} arrays, one per size pair; got {outputs!r}")
    arrays = []
    for k, ((_n, m), y) in enumerate(zip(order, outputs)):
        arr = check_finite_array(f"outputs[{k}]", y, ndim=2, allow_nonfinite=True)
        if arr.shape[1] != m:
            raise ValueError(f"outputs[{k}] must have {m} columns (pair {order[k]}); got shape {arr.shape}")
        arrays.append(arr)
    if any(not np.all(np.isfinite(a)) for a in arrays):
        bad = [order[k] for k, a in enumerate(arrays) if not np.all(np.isfinite(a))]
        return _failed(probe, bad)
    by_pair = dict(zip(order, arrays))
    return reproduce_outputs(
        [by_pair[p] for p in fit_pairs],
        [by_pair[p] for p in verify_pairs],
        probe=probe,
        seed=seed,
        fit_pairs=fit_pairs,
        verify_pairs=verify_pairs,
    )


def _failed(probe: ProbeResult | None, bad: list[tuple[int, int]]) -> Recipe:
    from ._compare import Difference

    where = f"fails on {bad[0][0]} → {bad[0][1]}"
    return Recipe(
        Candidate("linear"),
        float("nan"),
        float("nan"),
        Difference(float("nan"), where, bad[0], float("nan")),
        "not probed" if probe is None else probe.verdict,
        0,
        (),
        f"the op fails on {', '.join(f'{n} → {m}' for n, m in bad)}",
    )
