"""Compare two ops' outputs on the shared inputs: how far apart, and where.

Classes (:func:`classify_error`): ``identical`` (max abs error ≤ 1e-6),
``float32`` (≤ 1e-4: the same up to single-precision arithmetic) and
``different``. For a difference, :func:`where_differs` says where it is:
on the border outputs only, when downsampling only, when upsampling only,
on outputs of length 1 only, or everywhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .._validate import check_finite_float

__all__ = ["IDENTICAL", "FLOAT32", "classify_error", "Difference", "compare_outputs"]

#: Max abs error up to which two ops are "identical".
IDENTICAL = 1e-6
#: Max abs error up to which two ops are "the same up to float32".
FLOAT32 = 1e-4
#: Outputs this close to either end count as "border".
_BORDER = 2


def classify_error(error: float) -> str:
    """``"identical"`` (≤ 1e-6), ``"float32"`` (≤ 1e-4) or ``"different"`` for a max abs error ``>= 0``.

    Examples
    --------
    >>> classify_error(3e-7), classify_error(2e-5), classify_error(0.03)
    ('identical', 'float32', 'different')
    """
    return _classify(check_finite_float("error", error, minimum=0.0))


def _classify(error: float) -> str:
    """:func:`classify_error` that also takes NaN (an op failed on a pair): ``"different"``."""
    if not np.isfinite(error) or error > FLOAT32:
        return "different"
    return "identical" if error <= IDENTICAL else "float32"


@dataclasses.dataclass(frozen=True)
class Difference:
    """How two ops' outputs differ over a list of size pairs.

    Attributes
    ----------
    max_error : float
        Largest absolute difference over every output (NaN when an op failed on a pair).
    where : str
        ``"nowhere"`` (within 1e-4), ``"border only"``, ``"downsampling only"``,
        ``"upsampling only"``, ``"size-1 outputs only"``, ``"everywhere"``,
        or ``"fails on N -> M"`` when one op raised there.
    worst_pair : (int, int) or None
        The size pair of ``max_error``.
    interior_error : float
        Largest difference away from the border (2 outputs from either end).
    """

    max_error: float
    where: str
    worst_pair: tuple[int, int] | None
    interior_error: float

    @property
    def kind(self) -> str:
        """:func:`classify_error` of :attr:`max_error`."""
        return _classify(self.max_error)

    @property
    def text(self) -> str:
        """``"float32 (max 3e-07)"`` or ``"different: 0.031, border only (worst 20→7)"``."""
        if self.kind != "different":
            return f"{self.kind} (max {self.max_error:.1g})"
        pair = f" (worst {self.worst_pair[0]}→{self.worst_pair[1]})" if self.worst_pair else ""
        return f"different: {self.max_error:.2g}, {self.where}{pair}"


def compare_outputs(
    a: Sequence[NDArray[np.float64]], b: Sequence[NDArray[np.float64]], pairs: Sequence[tuple[int, int]]
) -> Difference:
    """Compare two ops' outputs (lists of ``(K, M)`` arrays, one per pair) and say where they differ.

    A pair where either op failed holds an array of NaN.

    Examples
    --------
    >>> pairs = [(4, 8), (8, 4)]
    >>> a = [np.zeros((1, 8)), np.zeros((1, 4))]
    >>> b = [np.zeros((1, 8)), np.array([[0.0, 0.0, 0.0, 0.5]])]
    >>> d = compare_outputs(a, b, pairs)
    >>> d.max_error, d.where
    (0.5, 'border only')
    """
    worst, worst_pair, interior = 0.0, None, 0.0
    bad = {"border": 0.0, "interior": 0.0, "down": 0.0, "up": 0.0, "one": 0.0, "many": 0.0}
    for (n, m), x, y in zip(pairs, a, b):
        if x.shape != y.shape or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            return Difference(float("nan"), f"fails on {n} → {m}", (n, m), float("nan"))
        err = np.abs(x - y).max(axis=0)  # [M]
        e = float(err.max())
        if e > worst:
            worst, worst_pair = e, (n, m)
        edge = np.zeros(m, bool)
        edge[:_BORDER] = edge[-_BORDER:] = True
        inner = float(err[~edge].max()) if (~edge).any() else 0.0
        interior = max(interior, inner)
        bad["border"] = max(bad["border"], float(err[edge].max()))
        bad["interior"] = max(bad["interior"], inner)
        bad["down" if m < n else "up"] = max(bad["down" if m < n else "up"], e)
        bad["one" if m == 1 else "many"] = max(bad["one" if m == 1 else "many"], e)
    if worst <= FLOAT32:
        where = "nowhere"
    elif bad["many"] <= FLOAT32:
        where = "size-1 outputs only"
    elif bad["interior"] <= FLOAT32:
        where = "border only"
    elif bad["up"] <= FLOAT32:
        where = "downsampling only"
    elif bad["down"] <= FLOAT32:
        where = "upsampling only"
    else:
        where = "everywhere"
    return Difference(worst, where, worst_pair, interior)
