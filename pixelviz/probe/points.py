"""Measure a black-box point sampler: where does it think pixel (i, j) sits?

:func:`probe_points` takes any ``fn(image, points) -> values``: ``image`` an
``(H, W)`` float64 array, ``points`` an ``(N, 2)`` array of ``(x, y)``
positions in *the caller's* coordinates, and returns ``(N,)`` values. It
measures, without looking inside ``fn``:

* **the coordinate map per axis.** On the ramp ``image[r, c] = c`` an
  interpolating sampler returns the column index it reads, ``u``; along a
  line of points the probe fits ``u = scale · x + offset`` by least squares
  (for a nearest sampler, whose ramp response is a staircase, the fit is on
  the staircase's jumps, located by bisection). Pixel ``j``'s centre then
  sits at the caller's coordinate ``(j − offset) / scale``.
* **swapped axes.** If moving ``x`` changes the *row* read (the ramp
  ``image[r, c] = r`` responds instead), the function takes ``(row, col)``
  — ``scipy.ndimage.map_coordinates`` does.
* **interpolation** from the response to one bright pixel swept at
  sub-pixel steps: a box (nearest), a triangle (linear), a kernel with
  negative lobes that is 0 at the other pixels' centres (cubic), or other.
* **border** from points two pixels outside the image, on the ramp ``c + 1``:
  ``0`` (zeros), the edge value (clamp), a mirrored value (reflect), the
  other side (wrap).

The verdict (:class:`PointOrigin`) is ``integer_corners`` when pixel ``i``'s
centre is at ``i + ½`` on both axes, ``integer_centers`` when at ``i``,
``offset`` for another shift (with its value), ``scaled`` when the scale is
not 1 (a mismatched normalization), and ``inconclusive`` — never a confident
wrong name — when ``fn`` is not a linear sampler: it must be linear in the
image (``fn(a + 2b) = fn(a) + 2 fn(b)``), reproduce a constant image, respond
to the points, and read along an affine map.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_callable, check_int, check_size_pair

__all__ = [
    "PointOrigin",
    "Interpolation",
    "Border",
    "AxisFit",
    "PointProbeResult",
    "probe_points",
]

#: Offsets and scales within this of a named value get the name.
TOLERANCE = 0.01


class PointOrigin(str, enum.Enum):
    """Where a point sampler puts pixel centres, in the caller's coordinates."""

    #: Pixel ``i``'s centre at ``i + ½``; the image covers ``[0, W]``.
    INTEGER_CORNERS = "integer_corners"
    #: Pixel ``i``'s centre at ``i``; the image covers ``[−½, W − ½]``.
    INTEGER_CENTERS = "integer_centers"
    #: Scale 1 but pixel centres at ``i − offset`` for another offset (or the axes disagree).
    OFFSET = "offset"
    #: The caller's unit is not one pixel (``scale ≠ 1``), e.g. a mismatched normalization.
    SCALED = "scaled"
    #: Not a linear sampler, or the measurement failed; see ``reason``.
    INCONCLUSIVE = "inconclusive"


class Interpolation(str, enum.Enum):
    """The interpolation kernel measured from a swept bright pixel."""

    NEAREST = "nearest"
    LINEAR = "linear"
    CUBIC = "cubic"
    OTHER = "other"


class Border(str, enum.Enum):
    """What a sampler returns two pixels outside the image."""

    ZEROS = "zeros"
    CLAMP = "clamp"
    REFLECT = "reflect"
    WRAP = "wrap"
    UNKNOWN = "unknown"


@dataclasses.dataclass(frozen=True)
class AxisFit:
    """The map of one caller axis: it reads image index ``u = scale · p + offset`` along ``image_axis``.

    Attributes
    ----------
    image_axis : str
        ``"col"`` or ``"row"``: the image axis this caller axis moves.
    scale, offset : float
        The fitted map, in image-index units (pixel ``j``'s centre is index ``j``).
    residual : float
        Largest deviation of the measured indices from the fit.
    """

    image_axis: str
    scale: float
    offset: float
    residual: float

    @property
    def center_of_pixel_0(self) -> float:
        """The caller's coordinate of pixel 0's centre, ``−offset / scale`` (``0.5`` under integer corners)."""
        return -self.offset / self.scale


@dataclasses.dataclass(frozen=True)
class PointProbeResult:
    """What :func:`probe_points` measured.

    Attributes
    ----------
    origin : PointOrigin
        The verdict.
    x, y : AxisFit or None
        The fits of the caller's ``x`` and ``y`` (None when inconclusive early).
    swapped : bool or None
        True when the caller's ``x`` moves the image's rows (``(row, col)`` order).
    interpolation : Interpolation or None
    border : Border or None
    reason : str
        Why the verdict is inconclusive ("" otherwise).
    """

    origin: PointOrigin
    x: AxisFit | None = None
    y: AxisFit | None = None
    swapped: bool | None = None
    interpolation: Interpolation | None = None
    border: Border | None = None
    reason: str = ""

    @property
    def offset(self) -> tuple[float, float] | None:
        """Caller coordinate of pixel (0, 0)'s centre, ``(x, y)``: ``(0.5, 0.5)`` for integer corners."""
        if self.x is None or self.y is None:
            return None
        return (self.x.center_of_pixel_0, self.y.center_of_pixel_0)

    @property
    def residual(self) -> float | None:
        """Largest fit residual over both axes."""
        if self.x is None or self.y is None:
            return None
        return max(self.x.residual, self.y.residual)

    @property
    def fix(self) -> str:
        """How to call the function with integer-corner points ``(x, y)``."""
        if self.origin is PointOrigin.INCONCLUSIVE or self.x is None or self.y is None:
            return "—"
        parts = []
        for name, fit in (("x", self.x), ("y", self.y)):
            # corner coordinate p reads index p − ½; the function reads index scale·q + offset.
            shift = -0.5 - fit.offset
            if abs(fit.scale - 1.0) <= TOLERANCE:
                parts.append(
                    name if abs(shift) <= TOLERANCE else f"{name} {'+' if shift > 0 else '−'} {round(abs(shift), 3):g}"
                )
            else:
                c = -0.5 - fit.offset
                shifted = name if abs(c) <= 1e-3 else f"{name} {'+' if c > 0 else '−'} {round(abs(c), 3):g}"
                parts.append(f"{shifted if shifted == name else f'({shifted})'} / {round(fit.scale, 4):g}")
        order = f"({parts[1]}, {parts[0]})" if self.swapped else f"({parts[0]}, {parts[1]})"
        if order == "(x, y)":
            return "none (already integer corners)"
        return f"pass {order}"

    @property
    def verdict(self) -> str:
        """One line: the name, the offsets, the swap, the kernel and border."""
        if self.origin is PointOrigin.INCONCLUSIVE:
            return f"inconclusive: {self.reason}"
        assert self.offset is not None
        ox, oy = (round(v, 3) + 0.0 for v in self.offset)  # + 0.0: no "-0.000"
        text = f"{self.origin.value} (pixel 0 centre at x={ox:.3f}, y={oy:.3f}"
        if self.origin is PointOrigin.SCALED and self.x is not None and self.y is not None:
            text += f"; scale {self.x.scale:.4f}, {self.y.scale:.4f}"
        text += ")"
        if self.swapped:
            text += ", takes (row, col)"
        interp = self.interpolation.value if self.interpolation else "?"
        return f"{text}, {interp}, border {self.border.value if self.border else '?'}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "origin": self.origin.value,
            "x": dataclasses.asdict(self.x) if self.x else None,
            "y": dataclasses.asdict(self.y) if self.y else None,
            "swapped": self.swapped,
            "interpolation": self.interpolation.value if self.interpolation else None,
            "border": self.border.value if self.border else None,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PointProbeResult:
        """Inverse of :meth:`to_dict` (results cross process boundaries as plain data)."""
        if not isinstance(data, dict):
            raise TypeError(f"data must be a dict from PointProbeResult.to_dict; got {type(data).__name__}")
        return cls(
            origin=PointOrigin(data["origin"]),
            x=AxisFit(**data["x"]) if data.get("x") else None,
            y=AxisFit(**data["y"]) if data.get("y") else None,
            swapped=data.get("swapped"),
            interpolation=Interpolation(data["interpolation"]) if data.get("interpolation") else None,
            border=Border(data["border"]) if data.get("border") else None,
            reason=data.get("reason", ""),
        )


class _Inconclusive(Exception):
    """Internal: stop the probe with a reason."""


def _call_sampler(
    fn: Callable[..., Any], image: NDArray[np.float64], points: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Call ``fn(image, points)`` and check its answer: ``(N,)`` real numbers (``(N, 1)``/``(1, N)`` squeezed).

    Parameters
    ----------
    fn : callable
        The sampler under test.
    image : (H, W) ndarray of float64
    points : (N, 2) ndarray of float64, ``(x, y)`` in the caller's coordinates

    Returns
    -------
    ndarray of float64, shape (N,); may hold NaN (the probe decides what that means)

    Raises
    ------
    ValueError
        If ``fn`` raises, or returns the wrong number of values.
    TypeError
        If ``fn`` returns something that is not real numbers.
    """
    check_callable("fn", fn, "a callable fn(image, points) -> values")
    try:
        out = fn(image.copy(), points.copy())
    except Exception as exc:  # the function under test may raise anything
        raise ValueError(
            f"fn raised {type(exc).__name__} on a {image.shape} image and {len(points)} points: {exc}"
        ) from exc
    try:
        arr = np.asarray(out)
    except Exception as exc:
        raise TypeError(f"fn must return an array of numbers; got {type(out).__name__}") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"fn must return real numbers; got dtype {arr.dtype} ({type(out).__name__})")
    if arr.size != len(points) or (arr.ndim > 1 and max(arr.shape) != arr.size):
        raise ValueError(f"fn must return shape ({len(points)},) for {len(points)} points; got shape {arr.shape}")
    return arr.astype(np.float64).reshape(-1)


def _line(axis: int, coords: NDArray[np.float64], other: float) -> NDArray[np.float64]:
    """Points with caller axis ``axis`` (0: x, 1: y) at ``coords`` and the other axis at ``other``."""
    pts = np.empty((len(coords), 2))
    pts[:, axis] = coords
    pts[:, 1 - axis] = other
    return pts


def _fit_axis(
    fn: Callable[..., Any], ramps: tuple[NDArray[np.float64], NDArray[np.float64]], axis: int, span: tuple[float, float]
) -> AxisFit:
    """Fit ``u = scale · p + offset`` for caller axis ``axis`` on a line of points (see the module doc)."""
    coords = np.arange(span[0], span[0] + np.floor(span[1] - span[0]), 1 / 32)  # whole pixels
    other = 0.5 * (span[0] + span[1]) + 0.37
    pts = _line(axis, coords, other)
    v_col, v_row = _call_sampler(fn, ramps[0], pts), _call_sampler(fn, ramps[1], pts)
    if not (np.isfinite(v_col).all() and np.isfinite(v_row).all()):
        raise _Inconclusive("fn returned NaN or inf inside the image")
    r_col, r_row = np.ptp(v_col), np.ptp(v_row)
    moved = {"col": r_col > 0.5, "row": r_row > 0.5}
    name = "xy"[axis]
    if not any(moved.values()):
        raise _Inconclusive(f"moving {name} by {span[1] - span[0]:g} changes neither the row nor the column read")
    if all(moved.values()):
        raise _Inconclusive(f"moving {name} changes both the row and the column read (rotated or not separable)")
    image_axis = "col" if moved["col"] else "row"
    v = v_col if moved["col"] else v_row
    if np.ptp(v_row if moved["col"] else v_col) > 1e-3:
        raise _Inconclusive(f"moving {name} also changes the {('row' if moved['col'] else 'col')} read")
    ramp = ramps[0] if image_axis == "col" else ramps[1]
    if np.all(np.abs(v - np.round(v)) < 1e-4):  # a staircase: nearest
        jumps = np.flatnonzero(np.diff(np.round(v)) != 0)
        if len(jumps) < 2:
            raise _Inconclusive(f"moving {name} gives a staircase with fewer than 2 steps")
        lo, hi = coords[jumps].copy(), coords[jumps + 1].copy()
        v_lo = np.round(v[jumps])
        for _ in range(14):  # bisection of every jump at once: 1/32 / 2**14
            mid = 0.5 * (lo + hi)
            same = np.round(_call_sampler(fn, ramp, _line(axis, mid, other))) == v_lo
            lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
        edges = 0.5 * (lo + hi)
        level = 0.5 * (np.round(v[jumps]) + np.round(v[jumps + 1]))  # the half-integer crossed
        a, b = np.polyfit(edges, level, 1)
        pred = a * coords + b
        away = np.abs(pred - np.floor(pred) - 0.5) > 1e-3  # not at a tie
        resid = float(np.max(np.abs(np.round(pred) - v)[away], initial=0.0))
        if resid > 0:
            raise _Inconclusive(f"the staircase along {name} has uneven steps")
        return AxisFit(image_axis, float(a), float(b), resid)
    # A cubic kernel other than Keys' a = −½ (OpenCV's and PyTorch's a = −¾), or one with quantized
    # weights (Pillow), does not reproduce a ramp exactly: it adds a ripple of period one pixel. A plain
    # line fit would tilt towards it, so the ripple's first harmonics are fitted with the line.
    a, b = np.polyfit(coords, v, 1)
    ripple = np.zeros_like(v)
    for _ in range(3):
        phase = 2 * np.pi * (a * coords)[:, None] * np.arange(1, 5)[None, :]  # [n, 4]
        design = np.column_stack([coords, np.ones_like(coords), np.sin(phase), np.cos(phase)])
        coef = np.linalg.lstsq(design, v, rcond=None)[0]
        a, b = float(coef[0]), float(coef[1])
        ripple = design[:, 2:] @ coef[2:]
    resid = float(np.max(np.abs(v - (a * coords + b) - ripple)))
    if np.max(np.abs(ripple)) > 0.25 or resid > 0.05:
        raise _Inconclusive(f"the index read along {name} is not an affine function of {name} (residual {resid:.3g})")
    return AxisFit(image_axis, float(a), float(b), resid)


def _caller_coord(fit: AxisFit, index: float) -> float:
    return (index - fit.offset) / fit.scale


def _points_at(fits: dict[str, AxisFit], col: NDArray[np.float64], row: NDArray[np.float64]) -> NDArray[np.float64]:
    """Caller points that read image indices ``(row, col)``; ``fits`` maps image axis → the caller axis's fit."""
    pts = np.empty((len(col), 2))
    for image_axis, idx in (("col", col), ("row", row)):
        fit = fits[image_axis]
        axis = 0 if fit is fits["_x"] else 1
        pts[:, axis] = _caller_coord(fit, idx)  # type: ignore[arg-type]
    return pts


def _interpolation(fn: Callable[..., Any], shape: tuple[int, int], fits: dict[str, AxisFit]) -> Interpolation:
    h, w = shape
    r0, c0 = h // 2, w // 2
    delta = np.zeros(shape)
    delta[r0, c0] = 1.0
    t = np.arange(-2.5, 2.5 + 1e-9, 1 / 8)
    resp = _call_sampler(fn, delta, _points_at(fits, c0 + t, np.full_like(t, r0)))
    if not np.isfinite(resp).all():
        return Interpolation.OTHER
    keep = np.abs(np.abs(t) - 0.5) > 1e-9  # nearest ties at ±½ may go either way
    if np.max(np.abs(resp - (np.abs(t) < 0.5))[keep]) < 1e-3:
        return Interpolation.NEAREST
    if np.max(np.abs(resp - np.maximum(0.0, 1 - np.abs(t)))) < 1e-3:
        return Interpolation.LINEAR
    at_int = np.abs(t - np.round(t)) < 1e-9
    others = at_int & (np.abs(t) > 0.5)
    if resp.min() < -0.01 and abs(resp[np.argmin(np.abs(t))] - 1) < 1e-3 and np.max(np.abs(resp[others])) < 1e-3:
        return Interpolation.CUBIC
    return Interpolation.OTHER


def _border(fn: Callable[..., Any], shape: tuple[int, int], fits: dict[str, AxisFit]) -> Border:
    h, w = shape
    r0 = h // 2
    ramp = np.tile(np.arange(w, dtype=np.float64) + 1, (h, 1))  # pixel c holds c + 1, so 0 means "zeros"
    col = np.array([-2.0, -3.0, w + 1.0, w + 2.0])
    vals = _call_sampler(fn, ramp, _points_at(fits, col, np.full(4, float(r0))))
    if not np.isfinite(vals).all():
        return Border.UNKNOWN
    expect = {
        Border.ZEROS: [[0, 0, 0, 0]],
        Border.CLAMP: [[1, 1, w, w]],
        Border.REFLECT: [[2, 3, w - 1, w - 2], [3, 4, w - 2, w - 3]],  # symmetric (edge repeated), mirror (not)
        Border.WRAP: [[w - 1, w - 2, 2, 3]],
    }
    for mode, options in expect.items():
        if any(np.max(np.abs(vals - np.array(o, float))) < 0.01 for o in options):
            return mode
    return Border.UNKNOWN


def _name(fx: AxisFit, fy: AxisFit) -> PointOrigin:
    if abs(fx.scale - 1) > TOLERANCE or abs(fy.scale - 1) > TOLERANCE:
        return PointOrigin.SCALED
    for target, origin in ((-0.5, PointOrigin.INTEGER_CORNERS), (0.0, PointOrigin.INTEGER_CENTERS)):
        if abs(fx.offset - target) <= TOLERANCE and abs(fy.offset - target) <= TOLERANCE:
            return origin
    return PointOrigin.OFFSET


def probe_points(
    fn: Callable[[NDArray[np.float64], NDArray[np.float64]], Any],
    *,
    shape: tuple[int, int] = (24, 28),
    seed: int = 0,
) -> PointProbeResult:
    """Measure where a point sampler ``fn(image, points)`` puts pixel centres, and name its origin.

    Parameters
    ----------
    fn : callable
        ``fn(image, points) -> values``: ``image`` a float64 array of shape
        ``(H, W)``, ``points`` a float64 array of shape ``(N, 2)`` holding
        ``(x, y)`` in the caller's coordinates (whatever ``fn`` assumes —
        that is what is measured); returns ``N`` numbers.
        ``pixelviz.backends.list_point_samplers()`` wraps real library calls
        in this signature.
    shape : (int, int)
        ``(H, W)`` of the probe images, each at least 16 (the measurements stay
        6 pixels from every border, where spline prefilters and border rules
        bend the ramps).
    seed : int
        Seed of the random images of the linearity check.

    Returns
    -------
    PointProbeResult
        ``.origin`` (a :class:`PointOrigin`), the per-axis fits ``.x`` and
        ``.y``, ``.swapped``, ``.interpolation``, ``.border``, ``.offset``
        (the caller's coordinate of pixel (0, 0)'s centre), ``.fix`` (how to
        pass integer-corner points) and ``.verdict`` (one line).

    Raises
    ------
    TypeError
        If ``fn`` is not callable or returns something that is not numbers.
    ValueError
        If ``fn`` raises, returns the wrong number of values, or ``shape``
        is not a pair of sizes >= 16.

    Notes
    -----
    **Convention.** Image indices: pixel ``(r, c)`` is index ``(r, c)``.
    The probe fits the index read, ``u = scale · x + offset``. Pixel ``j``'s
    centre is then at the caller's ``x = (j − offset) / scale``: under
    integer corners (``offset = −½``, scale 1) pixel 0's centre is at
    ``x = 0.5``; under integer centers at ``x = 0``. Worked number: a sampler
    that reads ``np.interp(x − 0.5, arange(W), row)`` returns 2.0 on the ramp
    ``row[c] = c`` at ``x = 2.5``: ``offset = −0.5`` — integer corners.

    A nearest sampler cannot tell "integer centres, rounding half up" from
    "integer corners, rounding down" (``round(x)`` vs ``floor(x + ½)`` pick
    the same pixels); the probe reports the jumps' positions, i.e. the
    reading that rounds to the nearest centre.

    Examples
    --------
    >>> import numpy as np
    >>> def corners(image, points):  # bilinear, pixel i's centre at i + 1/2
    ...     x, y = points[:, 0] - 0.5, points[:, 1] - 0.5
    ...     cols = np.arange(image.shape[1])
    ...     rows = np.array([np.interp(x, cols, image[r]) for r in range(image.shape[0])])  # (H, N)
    ...     return np.array([np.interp(yy, np.arange(image.shape[0]), rows[:, k]) for k, yy in enumerate(y)])
    >>> probe_points(corners).origin.value
    'integer_corners'
    """
    check_callable("fn", fn, "a callable fn(image, points) -> values")
    h, w = check_size_pair("shape", shape)
    if h < 16 or w < 16:
        raise ValueError(f"shape must be at least (16, 16); got {shape!r}")
    seed = check_int("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    cols = np.tile(np.arange(w, dtype=np.float64), (h, 1))
    rows = np.tile(np.arange(h, dtype=np.float64)[:, None], (1, w))
    # interior points, at least 5 pixels from every border under any origin within ±1
    # (the same range on both axes, so that a function taking (row, col) stays inside too)
    side = min(h, w)
    inner = rng.uniform(6, side - 7, size=(24, 2))
    try:
        ones = _call_sampler(fn, np.ones((h, w)), inner)
        if not np.isfinite(ones).all():
            raise _Inconclusive("fn returned NaN or inf inside the image")
        a, b = rng.normal(size=(h, w)), rng.normal(size=(h, w))
        va, vb, vab = (_call_sampler(fn, img, inner) for img in (a, b, a + 2 * b))
        if not (np.isfinite(va).all() and np.isfinite(vb).all() and np.isfinite(vab).all()):
            raise _Inconclusive("fn returned NaN or inf inside the image")
        if np.max(np.abs(vab - (va + 2 * vb))) > 1e-3 * (1 + np.max(np.abs(vab))):
            raise _Inconclusive("fn is not linear in the image: fn(a + 2b) != fn(a) + 2 fn(b)")
        if np.max(np.abs(ones - 1)) > 1e-3:
            raise _Inconclusive(f"fn does not return 1 on a constant image of ones (got up to {ones.max():.4g})")
        fx = _fit_axis(fn, (cols, rows), 0, (6.0, side - 7.0))
        fy = _fit_axis(fn, (cols, rows), 1, (6.0, side - 7.0))
        if fx.image_axis == fy.image_axis:
            raise _Inconclusive(f"x and y both move the image's {fx.image_axis}s")
        fits: dict[str, AxisFit] = {fx.image_axis: fx, fy.image_axis: fy, "_x": fx}
        interp = _interpolation(fn, (h, w), fits)
        border = _border(fn, (h, w), fits)
    except _Inconclusive as exc:
        return PointProbeResult(PointOrigin.INCONCLUSIVE, reason=str(exc))
    return PointProbeResult(_name(fx, fy), fx, fy, fx.image_axis == "row", interp, border)
