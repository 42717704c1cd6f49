"""What an op's uint8 path does with the fractions: :func:`uint8_behaviour` measures it.

Many users resize uint8 images. An op's uint8 output can differ from its float
output on the same values only by how the fractions become integers (and by
clipping to [0, 255]); this module runs both on seeded random uint8 signals
over size pairs up and down and classes the difference: rounds half away from
zero, half to even, truncates, exact (nothing to round), approximately (fixed
point), other, or no uint8 path at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_bool, check_callable, check_int
from ..backends._registry import libraries, list_backends
from ..probe.measure import check_pairs
from ._outputs import ISOLATED_LIBRARIES

__all__ = ["UINT8_PAIRS", "Uint8Behaviour", "uint8_behaviour", "uint8_table"]

#: Size pairs the uint8 path is measured on: 2x and 1.5x both ways (exact ties of 1/2), a prime
#: ratio down and up, coprime sizes.
UINT8_PAIRS: tuple[tuple[int, int], ...] = ((12, 24), (24, 12), (12, 18), (18, 12), (7, 3), (5, 13), (17, 29), (31, 8))

#: Seconds a worker (TensorFlow, JAX) may take for all its ops.
_TIMEOUT = 300

#: Random uint8 signals per pair.
_ROWS = 6
#: A fraction this close to 0 or 1/2 counts as an integer or a tie (float32 outputs).
_TOL = 1e-4


@dataclasses.dataclass(frozen=True)
class Uint8Behaviour:
    """How an op's uint8 output relates to its float output on the same values.

    Attributes
    ----------
    verdict : str
        ``"rounds half away from zero"``, ``"rounds half to even"``,
        ``"rounds half down"``, ``"rounds (ties unseen)"``, ``"rounds (ties mixed, max error e)"``
        (some exact ties up, some down: fixed-point weights),
        ``"truncates (floor)"``, ``"exact (no rounding needed)"``,
        ``"rounds approximately (max error e)"`` (fixed-point weights: right
        wherever the fraction is not near 1/2), ``"other (max error e)"`` or
        ``"uint8 not supported"`` (the op raises, or returns floats, for uint8).
    max_error : float
        Largest ``|uint8 output - clip(float output, 0, 255)|`` (NaN when not supported).
    ties : int
        Number of outputs whose float value ends in exactly 1/2.
    detail : str
        Why uint8 is not supported (the exception, or the dtype returned), else "".
    """

    verdict: str
    max_error: float
    ties: int
    detail: str = ""

    @property
    def supported(self) -> bool:
        """False when the op has no uint8 path (it raises or returns floats)."""
        return self.verdict != "uint8 not supported"

    @property
    def text(self) -> str:
        """One line for a table: the verdict, and why uint8 is not supported."""
        return f"{self.verdict} ({self.detail})" if self.detail else self.verdict


def _signals(n: int, seed: int) -> NDArray[np.uint8]:
    rng = np.random.default_rng([seed, n])
    return rng.integers(0, 256, size=(_ROWS, n), dtype=np.uint8)


def uint8_behaviour(
    fn_uint8: Callable[[NDArray[np.uint8], int], Any],
    fn_float: Callable[[NDArray[np.float64], int], Any],
    *,
    seed: int = 0,
    size_pairs: Sequence[tuple[int, int]] = UINT8_PAIRS,
) -> Uint8Behaviour:
    """Class how ``fn_uint8`` turns ``fn_float``'s fractions into integers.

    Parameters
    ----------
    fn_uint8 : callable
        ``fn_uint8(x, size)``: ``x`` uint8 of shape ``(N,)`` (sample ``j`` at
        ``x = j``, as for :func:`pixelviz.resize`); returns ``size`` values in
        the dtype the op gives (an integer dtype when it keeps uint8).
    fn_float : callable
        The same op on float64 ``x`` of shape ``(N,)`` (the probe's signature).
    seed : int
        Seed of the random uint8 signals.
    size_pairs : sequence of (int, int)
        ``(N, M)`` pairs, up and down (default :data:`UINT8_PAIRS`).

    Returns
    -------
    Uint8Behaviour
        The verdict, the largest difference from the clipped float output and
        the number of exact ties seen.

    Raises
    ------
    TypeError, ValueError
        If an argument is invalid, or ``fn_float`` raises or returns the wrong
        number of values (``fn_uint8`` raising means "uint8 not supported").

    Examples
    --------
    >>> import numpy as np
    >>> def shrink(x, size):  # each sample repeated to at least `size` values, times 0.3
    ...     return np.repeat(np.asarray(x, dtype=float), -(-size // len(x)))[:size] * 0.3
    >>> uint8_behaviour(lambda x, m: np.floor(shrink(x, m)).astype(np.uint8), shrink).verdict
    'truncates (floor)'
    """
    check_callable("fn_uint8", fn_uint8, "a callable fn_uint8(x, size) on uint8 x")
    check_callable("fn_float", fn_float, "a callable fn_float(x, size) on float64 x")
    seed = check_int("seed", seed, minimum=0)
    pairs = check_pairs("size_pairs", size_pairs)
    got, ref = [], []
    for n, m in pairs:
        for row in _signals(n, seed):
            try:
                yf = np.asarray(fn_float(row.astype(np.float64), m), dtype=np.float64).reshape(-1)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"fn_float fails on {n} -> {m}: {exc}") from exc
            if yf.shape != (m,) or not np.all(np.isfinite(yf)):
                raise ValueError(f"fn_float must return {m} finite values on {n} -> {m}; got shape {yf.shape}")
            try:
                yu = np.asarray(fn_uint8(row.copy(), m))
            except Exception as exc:  # a library without a uint8 path raises its own error type
                return Uint8Behaviour("uint8 not supported", float("nan"), 0, f"raises {type(exc).__name__}")
            if yu.dtype.kind not in "ui":
                return Uint8Behaviour("uint8 not supported", float("nan"), 0, f"returns {yu.dtype}")
            if yu.reshape(-1).shape != (m,):
                raise ValueError(f"fn_uint8 must return {m} values on {n} -> {m}; got shape {yu.shape}")
            got.append(yu.reshape(-1).astype(np.float64))
            ref.append(np.clip(yf, 0.0, 255.0))
    return _classify(np.concatenate(got), np.concatenate(ref))


def _classify(yu: NDArray[np.float64], c: NDArray[np.float64]) -> Uint8Behaviour:
    err = float(np.max(np.abs(yu - c)))
    frac = c - np.floor(c)
    tie = np.abs(frac - 0.5) < _TOL
    near = np.rint(c)
    ties = int(tie.sum())
    if np.all(np.minimum(frac, 1 - frac) < _TOL):  # nothing to round
        verdict = "exact (no rounding needed)" if np.array_equal(yu, near) else f"other (max error {err:.3g})"
        return Uint8Behaviour(verdict, err, ties)
    whole = np.minimum(frac, 1 - frac) < _TOL
    # an integer computed as 12.99999 truncates to 12: at whole values floor may land either side
    floored = (yu == np.floor(c + _TOL)) | (whole & (yu == near - 1))
    if floored.all() and np.any(~whole & (frac > 0.5 + _TOL)):
        return Uint8Behaviour("truncates (floor)", err, ties)
    if np.array_equal(yu[~tie], near[~tie]):
        half = np.round(c[tie] * 2) / 2  # the exact half a float32 2.4999999 stands for
        at, away, even, down = yu[tie], np.floor(half + 0.5), np.rint(half), np.floor(half)
        tells = away != even  # ties whose rounding rules disagree (an even integer part)
        if not tells.any():
            verdict = "rounds (ties unseen)" if not ties or np.array_equal(at, away) else _mixed(err)
        elif np.array_equal(at, away):
            verdict = "rounds half away from zero"
        elif np.array_equal(at, even):
            verdict = "rounds half to even"
        elif np.array_equal(at, down):
            verdict = "rounds half down"
        else:
            verdict = _mixed(err)
        return Uint8Behaviour(verdict, err, ties)
    far = np.abs(frac - 0.5) > 0.25
    if err < 1 and np.array_equal(yu[far], near[far]):
        return Uint8Behaviour(f"rounds approximately (max error {err:.3g})", err, ties)
    return Uint8Behaviour(f"other (max error {err:.3g})", err, ties)


def _mixed(err: float) -> str:
    return f"rounds (ties mixed, max error {err:.3g})"


def _verdicts(library: str, seed: int) -> dict[str, str]:
    return {
        b.name: uint8_behaviour(b.resize_uint8, b.resize, seed=seed).text
        for b in list_backends(library)
        if b.available() and b.has_uint8
    }


def _worker_items(library: str, seed: int) -> Iterator[dict[str, str]]:
    """The worker's task: one item ``{"name", "uint8"}`` per installed op of ``library`` with a uint8 path."""
    for name, text in _verdicts(library, int(seed)).items():
        yield {"name": name, "uint8": text}


def _isolated_verdicts(library: str, seed: int) -> dict[str, str]:
    from ..backends._isolate import WorkerRequest, run_worker

    request = WorkerRequest(library, "pixelviz.reproduce._uint8:_worker_items", {"library": library, "seed": seed})
    result = run_worker(request, timeout=_TIMEOUT)
    if result.status != "ok":
        return {b.name: f"error: the {library} worker {result.status}" for b in list_backends(library)}
    return {item["name"]: item["uint8"] for item in result.items}


def uint8_table(*, seed: int = 0, isolated: bool = False) -> list[dict[str, str]]:
    """The uint8 verdict of every registered op whose uint8 path is wired.

    Parameters
    ----------
    seed : int
        Seed of the random uint8 signals.
    isolated : bool
        Also measure the ``ISOLATED_LIBRARIES``
        (TensorFlow, JAX), each in a worker process of its own (seconds to
        start); otherwise their ops are ``"not measured here"``.

    Returns
    -------
    list of dict
        ``{"op": name, "call": label, "uint8": verdict text}`` in registry
        order; ``"not installed"`` for a missing library, ``"not measured
        here"`` for an op without a wired uint8 path.
    """
    seed = check_int("seed", seed, minimum=0)
    isolated = check_bool("isolated", isolated)
    rows = []
    for lib in libraries():
        ops = list_backends(lib)
        verdicts: dict[str, str] = {}
        if any(b.available() and b.has_uint8 for b in ops) and (isolated or lib not in ISOLATED_LIBRARIES):
            verdicts = _isolated_verdicts(lib, seed) if lib in ISOLATED_LIBRARIES else _verdicts(lib, seed)
        for b in ops:
            text = "not installed" if not b.available() else verdicts.get(b.name, "not measured here")
            rows.append({"op": b.name, "call": b.label, "uint8": text})
    return rows
