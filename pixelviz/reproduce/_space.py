"""The search space of :func:`pixelviz.reproduce_resize`: ``pixelviz.resize`` settings, pruned by the probe.

A :class:`Candidate` is one setting of ``pixelviz.resize``'s keywords
(mode, convention, nearest rounding, cubic coefficient, antialias
definition, exclude_outside, coordinate arithmetic) plus how the scale
follows from the sizes (``M / N``, or ``(M - 1) / (N - 1)`` as PyTorch's
``antialias=True, align_corners=True`` uses). :func:`candidates` lists those
the probe's verdict leaves open: a nearest op only nearest settings with the
measured (convention, rounding) pairs, an interpolation the measured
conventions, a filter the antialias definitions around the measured filter
centres; an inconclusive probe leaves the whole space.

Cubic coefficients: the cubic kernel is affine in Keys' ``a``, so the
coefficient that fits an op best is solved for (:func:`fit_cubic_coeff`)
rather than guessed, then rounded to a round number when that fits as well.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..conventions import (
    _TORCH_CONVENTIONS,
    RESIZE_CONVENTIONS,
    Convention,
    CoordinateDtype,
    NearestRounding,
)
from ..probe import ProbeKind, ProbeResult
from ..resample import resize_weights

__all__ = ["SCALE_RULES", "Candidate", "candidates", "fit_cubic_coeff", "COMMON_CUBIC_COEFFS"]

#: How a candidate's scale follows from the sizes: ``"size"`` (``pixelviz.resize``'s default ``M / N``)
#: or ``"align_corners"`` (``scale = (M - 1) / (N - 1)``, PyTorch's antialias with ``align_corners=True``).
SCALE_RULES = ("size", "align_corners")

#: Keys' coefficients in use: OpenCV/PyTorch/ONNX -0.75, Pillow/PyTorch antialias -0.5, -0.6, -1.
COMMON_CUBIC_COEFFS = (-0.75, -0.5, -0.6, -1.0)

_DEFAULTS: dict[str, Any] = {
    "mode": "linear",
    "convention": "half_pixel",
    "rounding": "round_prefer_floor",
    "cubic_coeff": -0.75,
    "antialias": False,
    "exclude_outside": False,
    "coordinate_dtype": "exact",
}


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One setting of ``pixelviz.resize``: ``resize(x, size, **kwargs)`` with the scale rule applied."""

    mode: str
    convention: str = "half_pixel"
    rounding: str = "round_prefer_floor"
    cubic_coeff: float = -0.75
    antialias: Any = False
    exclude_outside: bool = False
    coordinate_dtype: str = "exact"
    scale_rule: str = "size"

    @property
    def kwargs(self) -> dict[str, Any]:
        """The keywords of ``pixelviz.resize`` that differ from its defaults (mode and convention always)."""
        full = {
            "mode": self.mode,
            "convention": self.convention,
            "rounding": self.rounding,
            "cubic_coeff": self.cubic_coeff,
            "antialias": self.antialias,
            "exclude_outside": self.exclude_outside,
            "coordinate_dtype": self.coordinate_dtype,
        }
        if self.mode != "nearest":
            full.pop("rounding")
        if self.mode != "cubic":
            full.pop("cubic_coeff")
        return {k: v for k, v in full.items() if k in ("mode", "convention") or v != _DEFAULTS[k]}

    def scale(self, n: int, m: int) -> float | None:
        """The ``scale=`` this candidate passes for an ``n -> m`` resize (None: ``M / N``)."""
        if self.scale_rule == "align_corners" and n > 1 and m > 1:
            return (m - 1) / (n - 1)
        return None

    def resize_many(self, x: NDArray[np.float64], m: int) -> NDArray[np.float64]:
        """``(K, N)`` signals to ``(K, M)``: each row resized by ``pixelviz.resize(row, m, **kwargs)``."""
        return x @ _matrix(self, x.shape[1], m).T

    def call_text(self) -> str:
        """``"pixelviz.resize(x, size, mode='linear', convention='half_pixel')"``."""
        parts = [f"{k}={v!r}" for k, v in self.kwargs.items()]
        if self.scale_rule == "align_corners":
            parts.append("scale=(size - 1) / (len(x) - 1)")
        return f"pixelviz.resize(x, size, {', '.join(parts)})"


@functools.lru_cache(maxsize=8192)
def _matrix(cand: Candidate, n: int, m: int) -> NDArray[np.float64]:
    """The dense ``(M, N)`` matrix of ``pixelviz.resize`` under ``cand`` (from its sparse table; cached).

    The search compares hundreds of settings on the same size pairs for every
    op; each table is built once. Outputs outside a ``tf_crop_and_resize``
    crop have an all-zero row (``extrapolation_value`` 0).
    """
    kw = cand.kwargs
    table = resize_weights(
        n,
        m,
        kw["mode"],
        kw["convention"],
        rounding=cand.rounding,
        cubic_coeff=cand.cubic_coeff,
        antialias=cand.antialias,
        scale=cand.scale(n, m),
        exclude_outside=cand.exclude_outside,
        coordinate_dtype=cand.coordinate_dtype,
    )
    w = np.zeros((m, n))
    rows = np.broadcast_to(np.arange(m)[:, None], table.index.shape)
    np.add.at(w, (rows, table.index), table.weight)
    w.flags.writeable = False
    return w


def _nearest(result: ProbeResult | None) -> list[Candidate]:
    if result is not None and result.kind is ProbeKind.NEAREST and result.nearest_candidates:
        pairs = [(c, r) for c, r in result.nearest_candidates]
        convs = sorted({c for c, _ in pairs}, key=list(RESIZE_CONVENTIONS).index)
        # an unnamed rounding ("ties vary") leaves every rule open for that convention
        named = [(c.value, r.value) for c, r in pairs if isinstance(r, NearestRounding)]
        pairs_v = named + [
            (c.value, r.value) for c in convs for r in NearestRounding if (c.value, r.value) not in named
        ]
    else:
        pairs_v = [(c.value, r.value) for c in RESIZE_CONVENTIONS for r in NearestRounding]
    out = []
    for (conv, rule), dtype in itertools.product(pairs_v, CoordinateDtype):
        if dtype is CoordinateDtype.FLOAT32_TORCH and conv not in _TORCH_CONVENTIONS:
            continue
        out.append(Candidate("nearest", conv, rule, coordinate_dtype=dtype.value))
    return out


def _conventions(result: ProbeResult | None) -> list[str]:
    if result is None:
        return [c.value for c in RESIZE_CONVENTIONS]
    names: Sequence[Convention] = result.center_candidates if result.kind is ProbeKind.FILTER else result.candidates
    if not names:
        return [c.value for c in RESIZE_CONVENTIONS]
    return [c.value for c in names]


def candidates(result: ProbeResult | None) -> list[Candidate]:
    """The settings left open by a probe verdict (every setting when ``result`` is None or inconclusive).

    Cubic candidates carry ``cubic_coeff=-0.75``; the search replaces it by
    the fitted coefficient (:func:`fit_cubic_coeff`) and tries
    :data:`COMMON_CUBIC_COEFFS` for the renormalized kernels.
    """
    kind = None if result is None else result.kind
    if kind is ProbeKind.NEAREST:
        return _nearest(result)
    convs = _conventions(result)
    out: list[Candidate] = []
    plain = kind in (None, ProbeKind.INTERPOLATION, ProbeKind.INCONCLUSIVE)
    filt = kind in (None, ProbeKind.FILTER, ProbeKind.INCONCLUSIVE)
    for conv in convs:
        if plain:
            out.append(Candidate("linear", conv))
            out.append(Candidate("cubic", conv))
            out.append(Candidate("cubic", conv, exclude_outside=True))
        if filt:
            for mode, aa in itertools.product(("linear", "cubic"), ("pillow", "onnx")):
                for rule in SCALE_RULES:
                    out.append(Candidate(mode, conv, antialias=aa, scale_rule=rule))
    if kind in (None, ProbeKind.INCONCLUSIVE):
        out += _nearest(None)
    return out


def fit_cubic_coeff(
    cand: Candidate, inputs: Sequence[NDArray[np.float64]], targets: Sequence[NDArray[np.float64]]
) -> float:
    """The Keys coefficient ``a`` that brings a plain cubic candidate closest to ``targets`` (least squares).

    Without renormalization (no antialias, no exclude_outside) the output is
    ``y(a) = y(0) + a (y(1) - y(0))``; ``a`` is solved in closed form. A
    coefficient within 1e-3 of a common one is snapped to it.

    Examples
    --------
    >>> from pixelviz.resample import resize
    >>> x = [np.random.default_rng(0).random((2, 9))]
    >>> y = [np.stack([resize(r, 14, "cubic", cubic_coeff=-0.6) for r in x[0]])]
    >>> fit_cubic_coeff(Candidate("cubic"), x, y)
    -0.6
    """
    y0 = np.concatenate(
        [dataclasses.replace(cand, cubic_coeff=0.0).resize_many(x, t.shape[1]).ravel() for x, t in zip(inputs, targets)]
    )
    y1 = np.concatenate(
        [dataclasses.replace(cand, cubic_coeff=1.0).resize_many(x, t.shape[1]).ravel() for x, t in zip(inputs, targets)]
    )
    t = np.concatenate([np.asarray(v).ravel() for v in targets])
    d = y1 - y0
    denom = float(d @ d)
    if denom == 0 or not np.all(np.isfinite(t)):
        return cand.cubic_coeff
    a = float(d @ (t - y0) / denom)
    if not np.isfinite(a):
        return cand.cubic_coeff
    for c in COMMON_CUBIC_COEFFS:
        if abs(a - c) < 1e-3:
            return c
    return float(np.clip(round(a, 6), -10.0, 10.0))
