"""Which installed ops give the same pixels: one op against all (:func:`equivalent_ops`), all against all.

Every op runs on the same inputs (``pixelviz.reproduce.ALL_PAIRS``,
:func:`~pixelviz.reproduce.shared_signals`) in its library's process
(:func:`library_outputs`); the comparisons happen here, on arrays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_bool, check_callable, check_int
from ..backends._registry import get_backend, libraries, list_backends
from ..probe.measure import check_pairs
from ._compare import Difference, _classify, compare_outputs
from ._inputs import ALL_PAIRS, run_on_pairs, shared_signals
from ._outputs import ISOLATED_LIBRARIES, library_outputs

__all__ = ["Equivalence", "equivalent_ops", "all_outputs", "EquivalenceMatrix", "equivalence_matrix"]

#: The row of :func:`shared_signals` that looks like an image (the others are noise).
_IMAGE_ROW = -1


@dataclasses.dataclass(frozen=True)
class Equivalence:
    """How one installed op compares with a function on the shared inputs.

    Attributes
    ----------
    name : str
        The backend's name, e.g. ``"opencv.resize.linear"``.
    label : str
        ``"cv2.resize INTER_LINEAR"``.
    difference : Difference
        Max error over every pair and signal, and where the outputs differ.
    image_error : float
        Max error on the real-looking signal alone.
    """

    name: str
    label: str
    difference: Difference
    image_error: float

    @property
    def kind(self) -> str:
        """``"identical"`` (≤ 1e-6), ``"float32"`` (≤ 1e-4) or ``"different"``."""
        return self.difference.kind

    @property
    def max_error(self) -> float:
        """:attr:`Difference.max_error`."""
        return self.difference.max_error


def _inputs(seed: int) -> list[NDArray[np.float64]]:
    return [shared_signals(n, seed=seed) for n, _ in ALL_PAIRS]


def all_outputs(
    *, seed: int = 0, skip_isolated: bool = False
) -> tuple[dict[str, list[NDArray[np.float64]]], dict[str, str]]:
    """Every installed registered op's outputs on the shared inputs, and a status per op that has none.

    Returns
    -------
    outputs : dict of str to list of (K, M) ndarray
        One entry per installed op, in registry order.
    status : dict of str to str
        ``"not installed"``, ``"isolated: pending"`` (``skip_isolated``) or
        ``"error: ..."`` for the ops missing from ``outputs``.
    """
    seed = check_int("seed", seed, minimum=0)
    skip_isolated = check_bool("skip_isolated", skip_isolated)
    inputs = _inputs(seed)
    got: dict[str, dict[str, list[NDArray[np.float64]]] | str] = {}
    status: dict[str, str] = {}
    isolated, local = [], []
    for lib in libraries():
        ops = list_backends(lib)
        if not any(b.available() for b in ops):
            status.update({b.name: "not installed" for b in ops})
        elif lib in ISOLATED_LIBRARIES:
            if skip_isolated:
                status.update({b.name: "isolated: pending" for b in ops})
            else:
                isolated.append(lib)
        else:
            local.append(lib)

    def run(lib: str) -> dict[str, list[NDArray[np.float64]]] | str:
        try:
            return library_outputs(lib, inputs, ALL_PAIRS)
        except Exception as exc:  # one library's process failing must not hide the others
            return f"error: {type(exc).__name__}: {exc}"

    # the isolated libraries' workers (seconds to import TensorFlow, JAX) start first and run
    # two at a time while the other libraries compute here
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {lib: pool.submit(run, lib) for lib in isolated}
        for lib in local:
            got[lib] = run(lib)
        for lib, fut in futures.items():
            got[lib] = fut.result()
    outputs: dict[str, list[NDArray[np.float64]]] = {}
    for lib in libraries():  # registry order
        if lib not in got:
            continue
        res = got[lib]
        ops = list_backends(lib)
        if isinstance(res, str):
            status.update({b.name: res for b in ops})
            continue
        outputs.update(res)
        status.update({b.name: "not installed" for b in ops if b.name not in res})
    return outputs, status


def _compare(a: list[NDArray[np.float64]], b: list[NDArray[np.float64]]) -> tuple[Difference, float]:
    diff = compare_outputs(a, b, ALL_PAIRS)
    image = max(float(np.abs(x[_IMAGE_ROW] - y[_IMAGE_ROW]).max()) for x, y in zip(a, b))
    return diff, image


def equivalent_ops(
    fn: Callable[[NDArray[np.float64], int], Any], *, seed: int = 0, skip_isolated: bool = False
) -> list[Equivalence]:
    """Every installed backend op compared with ``fn`` on the same inputs, closest first.

    Parameters
    ----------
    fn : callable
        ``fn(x, size) -> y`` as for :func:`~pixelviz.probe.probe_resize`
        (a :class:`~pixelviz.backends.Backend` too).
    seed : int
        Seed of the shared signals.
    skip_isolated : bool
        Leave out the libraries that need a process of their own
        (TensorFlow, JAX) instead of starting it.

    Returns
    -------
    list of Equivalence
        One per installed op, sorted by max error: ``.kind`` is
        ``identical`` (≤ 1e-6), ``float32`` (≤ 1e-4) or ``different``, and
        ``.difference.where`` says where a different op differs.

    Raises
    ------
    TypeError, ValueError
        If ``fn`` is not callable, raises, or returns the wrong shape.

    Examples
    --------
    >>> from pixelviz.backends import get_backend
    >>> same = [e.name for e in equivalent_ops(get_backend("scipy.zoom.linear_grid")) if e.kind != "different"]
    >>> "opencv.resize.linear" in same or not get_backend("opencv.resize.linear").available()
    True
    """
    check_callable("fn", fn, "a callable fn(x, size) -> array")
    seed = check_int("seed", seed, minimum=0)
    mine = run_on_pairs(fn, ALL_PAIRS, _inputs(seed))
    outputs, _ = all_outputs(seed=seed, skip_isolated=check_bool("skip_isolated", skip_isolated))
    out = []
    for name, theirs in outputs.items():
        diff, image = _compare(mine, theirs)
        out.append(Equivalence(name, get_backend(name).label, diff, image))
    return sorted(out, key=lambda e: (np.nan_to_num(e.max_error, nan=np.inf), e.name))


@dataclasses.dataclass(frozen=True)
class EquivalenceMatrix:
    """Max abs error of every op against every other on the shared inputs.

    Attributes
    ----------
    names : tuple of str
        Backend names, in the order of the rows.
    errors : (n, n) ndarray of float64
        ``errors[i, j]``: max abs difference of op ``i`` and op ``j`` (NaN when one failed on a pair).
    groups : tuple of tuple of str
        Interchangeable ops: the connected components of "within 1e-4", largest first;
        single ops are left out.
    """

    names: tuple[str, ...]
    errors: NDArray[np.float64]
    groups: tuple[tuple[str, ...], ...]

    def reordered(self, order: Sequence[str]) -> EquivalenceMatrix:
        """The same matrix with its rows and columns in ``order`` (a permutation of :attr:`names`)."""
        if (
            isinstance(order, (str, bytes))
            or not isinstance(order, (list, tuple))
            or sorted(order) != sorted(self.names)
        ):
            raise ValueError(f"order must be a permutation of the matrix's names; got {order!r}")
        idx = [self.names.index(n) for n in order]
        return EquivalenceMatrix(tuple(order), self.errors[np.ix_(idx, idx)], self.groups)

    def group_diameter(self, group: Sequence[str]) -> float:
        """Largest error between two members of ``group`` (components need not be cliques)."""
        idx = [self.names.index(n) for n in group]
        return float(np.nanmax(self.errors[np.ix_(idx, idx)]))


def equivalence_matrix(
    outputs: dict[str, list[NDArray[np.float64]]],
    order: Sequence[str] | None = None,
    *,
    pairs: Sequence[tuple[int, int]] = ALL_PAIRS,
) -> EquivalenceMatrix:
    """The all-against-all comparison of ops' outputs (from :func:`all_outputs`).

    Parameters
    ----------
    outputs : dict of str to list of (K, M) ndarray
        Each op's outputs, one array per size pair.
    order : sequence of str, optional
        The names in the order of the rows (e.g. grouped by convention);
        default: the order of ``outputs``.
    pairs : sequence of (int, int)
        The size pairs of the outputs (default ``pixelviz.reproduce.ALL_PAIRS``).

    Examples
    --------
    >>> a = [np.zeros((1, 3))]
    >>> m = equivalence_matrix({"a": a, "b": a, "c": [np.ones((1, 3))]}, pairs=[(2, 3)])
    >>> m.groups, float(m.errors[0, 2])
    ((('a', 'b'),), 1.0)
    """
    checked = check_pairs("pairs", pairs)
    if not isinstance(outputs, dict):
        raise TypeError(
            f"outputs must be a dict of op name to outputs (from all_outputs); got {type(outputs).__name__}"
        )
    for name, arrs in outputs.items():
        if not isinstance(arrs, (list, tuple)) or len(arrs) != len(checked):
            raise ValueError(
                f"outputs[{name!r}] must be a list of one array per size pair ({len(checked)}); got {arrs!r}"
            )
    if order is not None and (isinstance(order, (str, bytes)) or not isinstance(order, (list, tuple))):
        raise TypeError(f"order must be a list of op names or None; got {order!r}")
    names = tuple(outputs) if order is None else tuple(order)
    missing = [n for n in names if n not in outputs]
    if missing:
        raise ValueError(f"order must name ops of outputs; got unknown {missing}")
    n = len(names)
    for name in names:
        for k, ((_p, m), a) in enumerate(zip(checked, outputs[name])):
            if np.ndim(a) != 2 or np.shape(a)[1] != m:
                raise ValueError(f"outputs[{name!r}][{k}] must have shape (K, {m}); got {np.shape(a)}")
    # every op's outputs as one row; a pair where an op failed (NaN) makes every error with it NaN
    flat = np.stack([np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in outputs[nm]]) for nm in names])
    bad = ~np.all(np.isfinite(flat), axis=1)  # [n]
    clean = np.where(np.isfinite(flat), flat, 0.0)
    errors = np.zeros((n, n))
    for i in range(n):  # [n, L] against row i: one op at a time keeps memory at n * L
        errors[i] = np.abs(clean - clean[i]).max(axis=1)
    errors[bad, :] = np.nan
    errors[:, bad] = np.nan
    np.fill_diagonal(errors, 0.0)
    # connected components of the "same up to float32" graph
    parent = list(range(n))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(n):
        for j in range(i + 1, n):
            if _classify(errors[i, j]) != "different":
                parent[find(i)] = find(j)
    comps: dict[int, list[str]] = {}
    for k in range(n):
        comps.setdefault(find(k), []).append(names[k])
    groups = sorted((tuple(g) for g in comps.values() if len(g) > 1), key=lambda g: (-len(g), names.index(g[0])))
    return EquivalenceMatrix(names, errors, tuple(groups))
