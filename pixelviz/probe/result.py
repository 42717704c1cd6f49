"""The probe's results: what one ``N -> M`` resize revealed, and the verdict.

:class:`ProbeResult` holds typed fields: :attr:`~ProbeResult.kind` is a
:class:`ProbeKind`; :attr:`~ProbeResult.convention` is a
:class:`~pixelviz.conventions.Convention` or, when the probe names none, an
:class:`Unnamed` (``"antialias/filter"``, ``"none"``, ``"inconclusive"``).
Every enum is a ``str`` whose ``.value`` is the text shown in tables and
written to JSON, so ``result.convention == "half_pixel"`` holds. Tables read
these fields (:meth:`ProbeResult.fit_row`), never re-parse display text.
Both dataclasses turn into plain JSON data and back without loss
(``ProbeResult.from_dict(r.to_dict()) == r``), which is how a result crosses
back from a worker process.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from typing import Any, Union

import numpy as np
from numpy.typing import NDArray

from .._validate import check_int
from ..conventions import Convention, NearestRounding

__all__ = [
    "ProbeKind",
    "Unnamed",
    "UnnamedRounding",
    "ROUND_TIES_VARY",
    "FIT_PAIR",
    "NEAREST_FIT_PAIR",
    "PairMeasurement",
    "ProbeResult",
]


class ProbeKind(str, enum.Enum):
    """What kind of operation the probe found."""

    INTERPOLATION = "interpolation"
    """A linear map whose rows interpolate (centroid = source coordinate)."""
    NEAREST = "nearest"
    """Every output copies one input sample."""
    FILTER = "filter"
    """A low-pass filter: the kernel widens with the downsampling factor."""
    INCONCLUSIVE = "inconclusive"
    """Not a linear resize, or too little to measure."""

    def __str__(self) -> str:
        return self.value


class Unnamed(str, enum.Enum):
    """The verdict when the probe names no :class:`~pixelviz.conventions.Convention`."""

    FILTER = "antialias/filter"
    """A filter: see :attr:`ProbeResult.center_candidates` for its centers' grid."""
    NONE = "none"
    """Measured, but no convention matches."""
    INCONCLUSIVE = "inconclusive"
    """The measurements cannot tell."""

    def __str__(self) -> str:
        return self.value


class UnnamedRounding(str, enum.Enum):
    """:attr:`ProbeResult.rounding` of a nearest op when no :class:`~pixelviz.conventions.NearestRounding` fits."""

    TIES_VARY = "round, ties vary"
    """Rounds to the nearest index but breaks exact ties inconsistently (floating-point ``N / M``)."""
    NONE = "none"
    """No (convention, rounding) pair predicts the picks."""

    def __str__(self) -> str:
        return self.value


#: ``ProbeResult.rounding`` of a nearest resize that rounds to the nearest
#: index but breaks exact ties inconsistently (floating-point ``N / M``).
ROUND_TIES_VARY = UnnamedRounding.TIES_VARY

#: The size pair whose fitted map the tables show (``x = a·i + b`` or the picks).
FIT_PAIR: tuple[int, int] = (24, 36)
#: The size pair whose picks the tables and overlays show for nearest ops.
#: At 24 → 36 ② rounded half down and ③ rounded down pick the same inputs
#: (``0 0 1 2 2 3 …``); at 40 → 14 the first eight picks of every (grid,
#: rounding) pair differ, except rules that differ only on exact ties
#: (③ floor ``0 2 5 8 …``, ② round ``1 4 7 …``).
NEAREST_FIT_PAIR: tuple[int, int] = (40, 14)

Verdict = Union[Convention, Unnamed]
Rounding = Union[NearestRounding, UnnamedRounding]


def _verdict(value: Any, name: str) -> Verdict:
    if isinstance(value, (Convention, Unnamed)):
        return value
    try:
        return Convention(value)
    except ValueError:
        pass
    try:
        return Unnamed(value)
    except ValueError:
        names = [c.value for c in Convention] + [u.value for u in Unnamed]
        raise ValueError(f"{name} must be one of {names}; got {value!r}") from None


def _sequence(name: str, value: Any) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a tuple; got {value!r} of type {type(value).__name__}")
    return tuple(value)


def _verdict_convention(name: str, value: Any) -> Convention:
    if isinstance(value, Convention):
        return value
    try:
        return Convention(value)
    except ValueError:
        raise ValueError(f"{name} must be a Convention name such as 'half_pixel'; got {value!r}") from None


def _conventions(name: str, value: Any) -> tuple[Convention, ...]:
    return tuple(_verdict_convention(f"{name}[{k}]", c) for k, c in enumerate(_sequence(name, value)))


def _rounding(value: Any, name: str) -> Rounding:
    if isinstance(value, (NearestRounding, UnnamedRounding)):
        return value
    try:
        return NearestRounding(value)
    except ValueError:
        pass
    try:
        return UnnamedRounding(value)
    except ValueError:
        names = [r.value for r in NearestRounding] + [u.value for u in UnnamedRounding]
        raise ValueError(f"{name} must be one of {names}; got {value!r}") from None


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
    weights: NDArray[np.float64]
    one_hot: bool
    picks: NDArray[np.int64]
    centers: NDArray[np.float64]
    interior: NDArray[np.bool_]
    variance: float
    taps: int
    slope: float
    intercept: float
    residual: float

    @property
    def downsampling(self) -> bool:
        """True when the pair shrinks the signal (``out_size < in_size``)."""
        return self.out_size < self.in_size

    def map_text(self) -> str:
        """The fitted map, ``"x = 0.6667·i − 0.1667"`` (``"no interior rows"`` when no fit)."""
        if not np.isfinite(self.slope):
            return "no interior rows"
        sign = "−" if self.intercept < 0 else "+"
        return f"x = {self.slope:.4f}·i {sign} {abs(self.intercept):.4f}"

    def fit_text(self) -> str:
        """``"24→36: x = 0.6667·i − 0.1667"`` (or a note when no fit)."""
        return f"{self.in_size}→{self.out_size}: {self.map_text()}"

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON data (lists, floats, ints, bools; NaN as None).

        Lossless: :meth:`from_dict` rebuilds an equal measurement, to the last
        bit of every float (``json`` writes floats with ``repr``).
        """
        return {
            "in_size": self.in_size,
            "out_size": self.out_size,
            "weights": [[float(w) for w in row] for row in self.weights],
            "one_hot": self.one_hot,
            "picks": [int(p) for p in self.picks],
            "centers": [_plain_float(c) for c in self.centers],
            "interior": [bool(v) for v in self.interior],
            "variance": _plain_float(self.variance),
            "taps": self.taps,
            "slope": _plain_float(self.slope),
            "intercept": _plain_float(self.intercept),
            "residual": _plain_float(self.residual),
        }

    @classmethod
    def from_dict(cls, data: Any) -> PairMeasurement:
        """The measurement :meth:`to_dict` wrote (e.g. in a worker process).

        Raises
        ------
        TypeError
            If ``data`` is not a dict.
        ValueError
            If a field is missing or has the wrong shape.
        """
        d = _check_fields(
            "data",
            data,
            (
                "in_size",
                "out_size",
                "weights",
                "one_hot",
                "picks",
                "centers",
                "interior",
                "variance",
                "taps",
                "slope",
                "intercept",
                "residual",
            ),
        )
        n, m = (
            check_int("data['in_size']", d["in_size"], minimum=1),
            check_int("data['out_size']", d["out_size"], minimum=0),
        )
        weights = np.asarray(d["weights"], dtype=np.float64).reshape(-1, n) if m else np.zeros((0, n))
        if weights.shape != (m, n):
            raise ValueError(f"data['weights'] must have shape ({m}, {n}); got {weights.shape}")
        return cls(
            n,
            m,
            weights,
            bool(d["one_hot"]),
            np.asarray(d["picks"], dtype=np.int64),
            np.asarray([_float_or_nan(c) for c in d["centers"]], dtype=np.float64),
            np.asarray(d["interior"], dtype=bool),
            _float_or_nan(d["variance"]),
            int(d["taps"]),
            _float_or_nan(d["slope"]),
            _float_or_nan(d["intercept"]),
            _float_or_nan(d["residual"]),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PairMeasurement):
            return NotImplemented
        return all(_same(getattr(self, f.name), getattr(other, f.name)) for f in dataclasses.fields(self))

    __hash__ = None  # type: ignore[assignment]  # holds arrays


@dataclasses.dataclass(frozen=True)
class ProbeResult:
    """The verdict of :func:`probe_resize`.

    Attributes
    ----------
    convention : Convention or Unnamed
        The map's :class:`~pixelviz.conventions.Convention` (its ``.value`` is
        the ONNX name, e.g. ``"half_pixel"``), or :attr:`Unnamed.FILTER`
        (``"antialias/filter"``) when the op is a low-pass filter (see
        :attr:`center_candidates`), :attr:`Unnamed.NONE` when the map is
        measured but matches no convention, :attr:`Unnamed.INCONCLUSIVE` when
        the measurements cannot tell.
    kind : ProbeKind
        ``interpolation``, ``nearest``, ``filter`` or ``inconclusive``.
    candidates : tuple of Convention
        Every convention consistent with all measurements, in
        :data:`~pixelviz.conventions.RESIZE_CONVENTIONS` order;
        ``convention`` is the first. Empty for ``none``/``inconclusive``.
    rounding : NearestRounding, UnnamedRounding or None
        For ``kind == "nearest"``: the rule that explains the picks together
        with ``convention`` (:attr:`UnnamedRounding.NONE` when no rule does,
        :attr:`UnnamedRounding.TIES_VARY` when ties go either way); None
        otherwise.
    nearest_candidates : tuple of (Convention, NearestRounding or UnnamedRounding)
        Every (convention, rounding) pair consistent with the picks.
    center_candidates : tuple of Convention
        For a filter: conventions whose map the filter centers follow (within
        0.2 input pixels).

    Constructed from strings (``ProbeResult("half_pixel", "interpolation",
    ...)``) the fields are parsed into these enums.
    reason : str
        One sentence on how the verdict was reached or why not.
    pairs : tuple of PairMeasurement
        The raw measurements, main pairs first then the ``N -> 1`` pairs.
    """

    convention: Verdict
    kind: ProbeKind
    candidates: tuple[Convention, ...]
    rounding: Rounding | None
    nearest_candidates: tuple[tuple[Convention, Rounding], ...]
    center_candidates: tuple[Convention, ...]
    reason: str
    pairs: tuple[PairMeasurement, ...]

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        put("convention", _verdict(self.convention, "convention"))
        kind = self.kind
        if not isinstance(kind, ProbeKind):
            try:
                kind = ProbeKind(kind)
            except ValueError:
                raise ValueError(f"kind must be one of {[k.value for k in ProbeKind]}; got {kind!r}") from None
        put("kind", kind)
        put("candidates", _conventions("candidates", self.candidates))
        put("rounding", None if self.rounding is None else _rounding(self.rounding, "rounding"))
        nearest = _sequence("nearest_candidates", self.nearest_candidates)
        for k, pair in enumerate(nearest):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(f"nearest_candidates[{k}] must be a (convention, rounding) pair; got {pair!r}")
        put(
            "nearest_candidates",
            tuple(
                (_verdict_convention(f"nearest_candidates[{k}][0]", c), _rounding(r, f"nearest_candidates[{k}][1]"))
                for k, (c, r) in enumerate(nearest)
            ),
        )
        put("center_candidates", _conventions("center_candidates", self.center_candidates))
        if not isinstance(self.reason, str):
            raise TypeError(f"reason must be a str; got {self.reason!r}")
        pairs = _sequence("pairs", self.pairs)
        for k, p in enumerate(pairs):
            if not isinstance(p, PairMeasurement):
                raise TypeError(f"pairs[{k}] must be a PairMeasurement; got {type(p).__name__}")
        put("pairs", pairs)

    @property
    def named(self) -> bool:
        """True when the probe names a :class:`~pixelviz.conventions.Convention`."""
        return isinstance(self.convention, Convention)

    @property
    def verdict(self) -> str:
        """A short human verdict, e.g. ``"② half_pixel"`` or ``"③ asymmetric, floor"``."""
        conv = self.convention
        if self.kind is ProbeKind.NEAREST and isinstance(conv, Convention):
            others = sorted({c.value for c, _ in self.nearest_candidates} - {conv.value})
            text = f"{conv.grid_label}, {self.rounding}"
            return text + (f" (≡ {', '.join(others)})" if others else "")
        if self.kind is ProbeKind.FILTER:
            center = self.center_candidates[0].grid_label if self.center_candidates else "none"
            return f"{Unnamed.FILTER.value}, centers on {center}"
        if isinstance(conv, Convention) and self.candidates:
            others = [c.value for c in self.candidates[1:]]
            return conv.grid_label + (f" (≡ {', '.join(others)})" if others else "")
        return conv.value

    @property
    def grids(self) -> frozenset[Convention]:
        """The article's grids (① ② ③) of every candidate (for a filter: of its centers)."""
        names = self.center_candidates if self.kind is ProbeKind.FILTER else self.candidates
        return frozenset(c.grid for c in names)

    def fit_row(self, pair: tuple[int, int] = FIT_PAIR, *, picks: int = 8) -> str:
        """The fitted map of one pair for a table: ``"x = 0.6667·i − 0.1667"`` or ``"picks 0 1 1 2 …"``.

        Empty when the pair was not measured.
        """
        meas = self.fit(*pair)
        if meas is None:
            return ""
        if self.kind is ProbeKind.NEAREST:
            return "picks " + " ".join(str(int(v)) for v in meas.picks[:picks]) + " …"
        return meas.map_text()

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

    def to_dict(self, *, measurements: bool = True) -> dict[str, Any]:
        """The result as plain JSON data; with ``measurements`` (default) lossless.

        Parameters
        ----------
        measurements : bool
            Include every :class:`PairMeasurement` (its weight matrix too, a
            few thousand numbers), so that :meth:`from_dict` rebuilds an equal
            result. ``False`` keeps only the summary (verdict, candidates,
            reason, fits), for printing.

        Returns
        -------
        dict
            Enums as their ``.value`` strings; ``verdict``, ``max_residual``
            (6 decimals) and ``fits`` are derived, for display.
        """
        out: dict[str, Any] = {
            "convention": self.convention.value,
            "kind": self.kind.value,
            "verdict": self.verdict,
            "candidates": [c.value for c in self.candidates],
            "rounding": None if self.rounding is None else self.rounding.value,
            "nearest_candidates": [[c.value, r.value] for c, r in self.nearest_candidates],
            "center_candidates": [c.value for c in self.center_candidates],
            "reason": self.reason,
            "max_residual": _num(self.max_residual),
            "fits": [p.fit_text() for p in self.pairs if p.out_size > 1],
        }
        if measurements:
            out["pairs"] = [p.to_dict() for p in self.pairs]
        return out

    @classmethod
    def from_dict(cls, data: Any) -> ProbeResult:
        """The result that :meth:`to_dict` wrote: ``ProbeResult.from_dict(r.to_dict()) == r``.

        Raises
        ------
        TypeError
            If ``data`` is not a dict.
        ValueError
            If a field is missing (a summary written with
            ``measurements=False`` cannot be read back) or holds an unknown name.
        """
        d = _check_fields(
            "data",
            data,
            (
                "convention",
                "kind",
                "candidates",
                "rounding",
                "nearest_candidates",
                "center_candidates",
                "reason",
                "pairs",
            ),
        )
        return cls(
            d["convention"],
            d["kind"],
            tuple(d["candidates"]),
            d["rounding"],
            tuple((c, r) for c, r in d["nearest_candidates"]),
            tuple(d["center_candidates"]),
            d["reason"],
            tuple(PairMeasurement.from_dict(p) for p in d["pairs"]),
        )


def _num(value: float) -> float | None:
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


def _plain_float(value: float) -> float | None:
    """A float for JSON, exactly; NaN and infinities (not JSON) as None."""
    value = float(value)
    return value if np.isfinite(value) else None


def _float_or_nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _same(a: Any, b: Any) -> bool:
    """Field equality for the dataclasses above: arrays element-wise, NaN equal to NaN."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return (
            a.shape == b.shape
            and a.dtype.kind == b.dtype.kind
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        )
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return bool(a == b)


def _check_fields(name: str, data: Any, fields: Sequence[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TypeError(f"{name} must be a dict written by to_dict(); got {type(data).__name__}")
    missing = [f for f in fields if f not in data]
    if missing:
        raise ValueError(
            f"{name} must hold the fields {', '.join(fields)}; missing {', '.join(missing)}"
            + (" (written with measurements=False?)" if missing == ["pairs"] else "")
        )
    return data
