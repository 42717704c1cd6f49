"""Every installed op's outputs on the shared inputs, one library at a time.

:func:`library_outputs` is the one place that runs a library's ops for the
comparisons (:func:`~pixelviz.reproduce.equivalent_ops`, the equivalence
matrix). Libraries that crash beside PyTorch (TensorFlow; JAX to be safe)
run in a subprocess of their own and send their arrays back as JSON; the
others run here. Only arrays cross between processes, never live objects,
so the parent compares outputs, not functions.

The per-library worker of ``pixelviz/backends/worker.py`` (one process per
library, JSON over stdin/stdout) is meant to replace the subprocess here:
only :func:`_isolated_outputs` would change.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Sequence
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
    """Run one library's ops in a fresh Python process; arrays travel as JSON lists (NaN as null)."""
    request = json.dumps(
        {"library": library, "pairs": [list(p) for p in pairs], "inputs": [x.tolist() for x in inputs]}
    )
    proc = subprocess.run(
        [sys.executable, "-c", "from pixelviz.reproduce._outputs import _serve; _serve()"],
        input=request,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the {library} process failed (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    data = json.loads(proc.stdout)
    return {
        name: [np.array([[np.nan if v is None else v for v in row] for row in arr], dtype=np.float64) for arr in arrs]
        for name, arrs in data.items()
    }


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


def _serve() -> None:  # pragma: no cover - runs in the child process
    request = json.load(sys.stdin)
    pairs = [tuple(p) for p in request["pairs"]]
    inputs = [np.asarray(x, dtype=np.float64) for x in request["inputs"]]
    out = {}
    for b in list_backends(request["library"]):
        if b.available():
            arrs = run_op(b, inputs, pairs)
            out[b.name] = [[[None if not np.isfinite(v) else float(v) for v in row] for row in a] for a in arrs]
    json.dump(out, sys.stdout)
