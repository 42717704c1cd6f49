"""Every installed op's outputs on the shared inputs, one library at a time.

:func:`library_outputs` is the one place that runs a library's ops for the
comparisons (:func:`~pixelviz.reproduce.equivalent_ops`, the equivalence
matrix). Libraries that crash beside PyTorch (TensorFlow; JAX to be safe)
run in a subprocess of their own and send their arrays back as JSON; the
others run here. Only arrays cross between processes, never live objects,
so the parent compares outputs, not functions.

The isolated libraries run in the per-library worker of
:mod:`pixelviz.backends.worker` (one process per library, JSON over
stdin/stdout); :func:`_isolated_outputs` is the only place that starts one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_bool, check_finite_array
from ..backends._registry import Backend, libraries, list_backends
from ..probe.measure import _call, check_pairs

__all__ = ["ISOLATED_LIBRARIES", "library_outputs", "run_op"]

#: Libraries whose ops run in a process of their own (TensorFlow segfaults beside torch).
ISOLATED_LIBRARIES = ("tensorflow", "jax")

#: Seconds an isolated library may take for all its ops.
_TIMEOUT = 300

_CACHE: dict[tuple[str, str], dict[str, list[NDArray[np.float64]]]] = {}


def run_op(
    backend: Backend, inputs: Sequence[NDArray[np.float64]], pairs: Sequence[tuple[int, int]]
) -> list[NDArray[np.float64]]:
    """One op on every signal of every pair: ``(K, M)`` arrays; a pair where it raises is all NaN."""
    out = []
    for (_n, m), x in zip(pairs, inputs):
        try:
            out.append(np.stack([_call(backend.resize, row, m) for row in x]))
        except (TypeError, ValueError):
            out.append(np.full((x.shape[0], m), np.nan))
    return out


def _key(library: str, inputs: Sequence[NDArray[np.float64]], pairs: Sequence[tuple[int, int]]) -> tuple[str, str]:
    h = hashlib.sha1(repr(list(pairs)).encode())
    for x in inputs:
        h.update(np.ascontiguousarray(x, dtype=np.float64).tobytes())
    return library, h.hexdigest()


def _isolated_outputs(
    library: str, inputs: Sequence[NDArray[np.float64]], pairs: Sequence[tuple[int, int]]
) -> dict[str, list[NDArray[np.float64]]]:
    """One library's ops in a worker process of its own (:mod:`pixelviz.backends.worker`), arrays as JSON."""
    from ..backends._isolate import WorkerRequest, run_worker

    request = WorkerRequest(
        library,
        "pixelviz.reproduce._outputs:_worker_items",
        {"library": library, "pairs": [list(p) for p in pairs], "inputs": [x.tolist() for x in inputs]},
    )
    result = run_worker(request, timeout=_TIMEOUT)
    if result.status != "ok":
        raise RuntimeError(f"the {library} worker {result.status}: {result.error}")
    return {item["name"]: [np.asarray(a, dtype=np.float64) for a in item["outputs"]] for item in result.items}


def _worker_items(library: str, pairs: list[list[int]], inputs: list[list[list[float]]]) -> Iterator[dict[str, Any]]:
    """The worker's task: one item ``{"name", "outputs"}`` per installed op of ``library``."""
    checked = [(int(n), int(m)) for n, m in pairs]
    arrays = [np.asarray(x, dtype=np.float64) for x in inputs]
    for b in list_backends(library):
        if b.available():
            yield {"name": b.name, "outputs": [a.tolist() for a in run_op(b, arrays, checked)]}


def library_outputs(
    library: str,
    inputs: Sequence[Any],
    size_pairs: Sequence[tuple[int, int]],
    *,
    isolate: bool | None = None,
) -> dict[str, list[NDArray[np.float64]]]:
    """The outputs of every installed op of one library on shared inputs.

    Parameters
    ----------
    library : str
        A library key of :func:`pixelviz.backends.libraries` (``"opencv"``, ``"torch"`` ...).
    inputs : sequence of (K, N) array_like of float
        ``inputs[p]`` holds the ``K`` signals of ``size_pairs[p] = (N, M)``.
    size_pairs : sequence of (int, int)
        ``(N, M)`` per entry of ``inputs``.
    isolate : bool, optional
        Run the library in a subprocess; default: only the
        :data:`ISOLATED_LIBRARIES`.

    Returns
    -------
    dict of str to list of ndarray
        ``{backend name: [(K, M) float64 array per pair]}`` for the installed
        ops (empty when the library is missing); a pair where an op raises is
        all NaN. Cached per (library, inputs).

    Examples
    --------
    >>> out = library_outputs("scipy", [np.arange(4.0)[None, :]], [(4, 8)])
    >>> out["scipy.zoom.linear_grid"][0].shape
    (1, 8)
    """
    if not isinstance(library, str):
        raise TypeError(f"library must be a str, one of {libraries()}; got {library!r}")
    ops = [b for b in list_backends(library) if b.available()]
    pairs = check_pairs("size_pairs", size_pairs)
    if isinstance(inputs, (str, bytes)) or not isinstance(inputs, (list, tuple)):
        raise TypeError(f"inputs must be a list of (K, N) arrays, one per size pair; got {type(inputs).__name__}")
    if len(inputs) != len(pairs):
        raise ValueError(f"inputs must hold one array per size pair ({len(pairs)}); got {len(inputs)}")
    arrays = []
    for k, ((n, _m), x) in enumerate(zip(pairs, inputs)):
        arr = check_finite_array(f"inputs[{k}]", x, ndim=2)
        if arr.shape[1] != n or arr.shape[0] < 1:
            raise ValueError(f"inputs[{k}] must have shape (K, {n}) for the pair {(n, _m)}; got {arr.shape}")
        arrays.append(arr)
    iso = library in ISOLATED_LIBRARIES if isolate is None else check_bool("isolate", isolate)
    if not ops:
        return {}
    key = _key(library + (":isolated" if iso else ""), arrays, pairs)
    if key not in _CACHE:
        if iso:
            _CACHE[key] = _isolated_outputs(library, arrays, pairs)
        else:
            _CACHE[key] = {b.name: run_op(b, arrays, pairs) for b in ops}
    return {name: list(v) for name, v in _CACHE[key].items()}
