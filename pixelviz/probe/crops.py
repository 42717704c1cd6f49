"""Measure a black-box crop-and-resize: where do its output samples sit in the box?

:func:`probe_crop` takes any ``fn(image, box, out_size) -> crop``: ``image``
an ``(H, W)`` float64 array, ``box`` a tuple ``(x0, y0, x1, y1)`` in *the
caller's* coordinates (whatever ``fn`` assumes: that is what is measured),
``out_size`` a tuple ``(h, w)``; it returns an ``(h, w)`` array.

On the ramp ``image[r, c] = c + ½`` — each pixel holds its centre's
integer-corner coordinate — a bilinear crop returns, at every output sample,
the integer-corner coordinate it read (the mean of its sub-samples, for
RoIAlign's bins). Per box and axis the probe fits ``X_j = X_0 + stride · j``
and compares it with the known layouts, in integer corners, for a box edge
``x0``, width ``w = x1 − x0`` and ``K`` outputs:

=====================  ======================================  ===========================
verdict                first sample ``X_0``, stride             who
=====================  ======================================  ===========================
``bin_centers``        ``x0 + ½ w/K``, ``w/K``                  RoIAlign ``aligned=True``
``half_shifted``       ``x0 + ½ w/K + ½``, ``w/K``              RoIAlign ``aligned=False``
``box_edges``          ``x0``, ``w/(K − 1)``                    ① on the box
``box_edges_shifted``  ``x0 + ½``, ``w/(K − 1)``                ① on a box read in centres
``other``              anything else (reported)                 e.g. TF, box divided by W
=====================  ======================================  ===========================

A name is given only if every probe box (sub-pixel edges, several sizes)
agrees. The sampling ratio is read from a quadratic image: the mean of ``s``
bilinear sub-samples per bin depends on ``s``. ``inconclusive`` when ``fn``
is not linear in the image (e.g. ``roi_pool``'s max) or does not reproduce
a constant, with the ramp fits kept for what they show.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_callable, check_finite_array, check_size_pair

__all__ = ["CropOrigin", "CropAxisFit", "CropProbeResult", "probe_crop", "DEFAULT_BOXES"]

#: Sub-pixel probe boxes ``(x0, y0, x1, y1)`` on the default ``(20, 24)`` image.
DEFAULT_BOXES: tuple[tuple[float, float, float, float], ...] = (
    (5.3, 4.6, 15.9, 12.2),
    (6.75, 5.25, 11.5, 14.0),
    (4.2, 6.1, 18.4, 9.3),
)
_TOL = 0.01


class CropOrigin(str, enum.Enum):
    """Where a crop-and-resize puts its output samples relative to the box (integer corners)."""

    #: Sample ``j`` at the centre of bin ``j`` (``x0 + (j + ½) w/K``): torchvision ``aligned=True``.
    BIN_CENTERS = "bin_centers"
    #: Bin centres plus ½ pixel: the box read as pixel indices (legacy ``aligned=False``).
    HALF_SHIFTED = "half_shifted"
    #: First and last sample on the box edges (``x0 + j w/(K − 1)``): ① stretched over the box.
    BOX_EDGES = "box_edges"
    #: Box edges plus ½ pixel: ① over a box read in integer centres.
    BOX_EDGES_SHIFTED = "box_edges_shifted"
    #: A linear crop whose samples follow none of the above (see the fits).
    OTHER = "other"
    #: Not a linear crop, or the measurement failed; see ``reason``.
    INCONCLUSIVE = "inconclusive"


@dataclasses.dataclass(frozen=True)
class CropAxisFit:
    """One box, one axis: output sample ``j`` at integer-corner ``first + stride · j``.

    Attributes
    ----------
    box_start, box_length : float
        ``x0`` and ``w`` of the box on this axis (the caller's numbers).
    samples : int
        ``K``.
    first, stride : float
        The fit, integer-corner coordinates.
    residual : float
        Largest deviation from the fit.
    """

    box_start: float
    box_length: float
    samples: int
    first: float
    stride: float
    residual: float

    @property
    def offset_bins(self) -> float:
        """``(first − x0) / (w/K)``: ½ for bin centres, 0 for box edges."""
        return (self.first - self.box_start) / (self.box_length / self.samples)

    @property
    def stride_bins(self) -> float:
        """``stride / (w/K)``: 1 for bins, ``K/(K − 1)`` for box edges."""
        return self.stride / (self.box_length / self.samples)


@dataclasses.dataclass(frozen=True)
class CropProbeResult:
    """What :func:`probe_crop` measured.

    Attributes
    ----------
    origin : CropOrigin
        The verdict.
    fits : tuple of CropAxisFit
        Per probe box, the x fit then the y fit.
    sampling_ratio : int or None
        Sub-samples per bin side, when the quadratic image shows one value for every box and axis.
    reason : str
        Why inconclusive ("" otherwise).
    """

    origin: CropOrigin
    fits: tuple[CropAxisFit, ...] = ()
    sampling_ratio: int | None = None
    reason: str = ""

    @property
    def offset(self) -> float | None:
        """First sample minus the box start, in pixels, on the first box's x axis."""
        return self.fits[0].first - self.fits[0].box_start if self.fits else None

    @property
    def verdict(self) -> str:
        """One line."""
        if not self.fits:
            return f"inconclusive: {self.reason}"
        f = self.fits[0]
        text = (
            f"{self.origin.value}: first sample {f.first - f.box_start:+.3f} px from the box start "
            f"({f.offset_bins:.3f} bins), stride {f.stride_bins:.4f} bins"
        )
        if self.sampling_ratio is not None:
            text += f", sampling ratio {self.sampling_ratio}"
        if self.reason:
            text += f" ({self.reason})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "origin": self.origin.value,
            "fits": [dataclasses.asdict(f) for f in self.fits],
            "sampling_ratio": self.sampling_ratio,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CropProbeResult:
        """Inverse of :meth:`to_dict`."""
        if not isinstance(data, dict):
            raise TypeError(f"data must be a dict from CropProbeResult.to_dict; got {type(data).__name__}")
        return cls(
            CropOrigin(data["origin"]),
            tuple(CropAxisFit(**f) for f in data.get("fits", ())),
            data.get("sampling_ratio"),
            data.get("reason", ""),
        )


def _call_crop(
    fn: Callable[..., Any], image: NDArray[np.float64], box: tuple[float, ...], out_size: tuple[int, int]
) -> NDArray[np.float64]:
    """Call ``fn(image, box, out_size)`` and check it returns ``out_size`` real numbers (leading 1s squeezed).

    Parameters
    ----------
    fn : callable
    image : (H, W) ndarray of float64
    box : (x0, y0, x1, y1) tuple of float, the caller's coordinates
    out_size : (h, w) tuple of int

    Returns
    -------
    ndarray of float64, shape (h, w)

    Raises
    ------
    ValueError
        If ``fn`` raises or returns the wrong shape.
    TypeError
        If ``fn`` returns something that is not real numbers.
    """
    check_callable("fn", fn, "a callable fn(image, box, out_size) -> crop")
    try:
        out = fn(image.copy(), tuple(float(v) for v in box), tuple(out_size))
    except Exception as exc:  # the function under test may raise anything
        raise ValueError(f"fn raised {type(exc).__name__} on box {box} and out_size {out_size}: {exc}") from exc
    try:
        arr = np.asarray(out)
    except Exception as exc:
        raise TypeError(f"fn must return an array of numbers; got {type(out).__name__}") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"fn must return real numbers; got dtype {arr.dtype}")
    squeezed = arr.reshape([d for d in arr.shape if d != 1] or [1]) if arr.size == 1 else arr
    while squeezed.ndim > 2 and squeezed.shape[0] == 1:
        squeezed = squeezed[0]
    if squeezed.shape != tuple(out_size):
        raise ValueError(
            f"fn must return shape {tuple(out_size)} for out_size={tuple(out_size)}; got shape {arr.shape}"
        )
    return squeezed.astype(np.float64)


def _fit(start: float, length: float, values: NDArray[np.float64]) -> CropAxisFit:
    j = np.arange(len(values), dtype=np.float64)
    if len(values) == 1:
        return CropAxisFit(start, length, 1, float(values[0]), float("nan"), 0.0)
    a, b = np.polyfit(j, values, 1)
    return CropAxisFit(start, length, len(values), float(b), float(a), float(np.max(np.abs(a * j + b - values))))


def _layouts(f: CropAxisFit) -> dict[CropOrigin, tuple[float, float]]:
    k, x0, w = f.samples, f.box_start, f.box_length
    out = {
        CropOrigin.BIN_CENTERS: (x0 + 0.5 * w / k, w / k),
        CropOrigin.HALF_SHIFTED: (x0 + 0.5 * w / k + 0.5, w / k),
    }
    if k > 1:
        out[CropOrigin.BOX_EDGES] = (x0, w / (k - 1))
        out[CropOrigin.BOX_EDGES_SHIFTED] = (x0 + 0.5, w / (k - 1))
    return out


def _sampling_ratio(
    fn: Callable[..., Any],
    shape: tuple[int, int],
    boxes: Sequence[tuple[float, ...]],
    out_size: tuple[int, int],
    fits: Sequence[CropAxisFit],
) -> int | None:
    h, w = shape
    centres = np.arange(w) + 0.5
    quad = np.tile(centres**2, (h, 1))
    common: set[int] | None = None
    for i, box in enumerate(boxes):
        fx = fits[2 * i]
        measured = _call_crop(fn, quad, box, out_size).mean(axis=0)
        matches = set()
        for s in range(1, 9):
            sub = (np.arange(s) + 0.5) / s - 0.5  # sub-sample offsets, in strides
            xs = fx.first + fx.stride * (np.arange(fx.samples)[:, None] + sub[None, :])
            predicted = np.interp(xs, centres, centres**2).mean(axis=1)
            if np.max(np.abs(predicted - measured)) < 1e-4 * (1 + measured.max()):
                matches.add(s)
        # a bin narrower than a pixel can look the same for several s: keep what every box allows
        common = matches if common is None else common & matches
    return common.pop() if common is not None and len(common) == 1 else None


def probe_crop(
    fn: Callable[[NDArray[np.float64], tuple[float, float, float, float], tuple[int, int]], Any],
    *,
    boxes: Sequence[Sequence[float]] = DEFAULT_BOXES,
    out_size: tuple[int, int] = (4, 5),
    shape: tuple[int, int] = (20, 24),
) -> CropProbeResult:
    """Measure where a crop-and-resize ``fn(image, box, out_size)`` samples the box, and name the layout.

    Parameters
    ----------
    fn : callable
        ``fn(image, box, out_size) -> crop``: ``image`` float64 of shape
        ``(H, W)``; ``box`` a tuple ``(x0, y0, x1, y1)`` of floats in the
        caller's coordinates (e.g. a wrapper that divides by ``W`` for
        TensorFlow); ``out_size`` a tuple ``(h, w)``; returns ``(h, w)``
        numbers. ``pixelviz.backends.list_crop_ops()`` wraps real ops.
    boxes : sequence of (x0, y0, x1, y1)
        The probe boxes, inside the image with ``x1 > x0``, ``y1 > y0``;
        sub-pixel edges and several sizes separate the layouts.
    out_size : (int, int)
        ``(h, w)`` of the crops, each at least 2.
    shape : (int, int)
        ``(H, W)`` of the probe images.

    Returns
    -------
    CropProbeResult
        ``.origin`` (a :class:`CropOrigin`), the per-box ``.fits``,
        ``.sampling_ratio``, ``.offset`` and ``.verdict``.

    Raises
    ------
    TypeError
        If ``fn`` is not callable or returns non-numbers.
    ValueError
        If ``fn`` raises or returns the wrong shape, or an argument is malformed.

    Notes
    -----
    **Convention.** Integer corners: pixel ``c`` covers ``[c, c + 1)``, its
    centre is at ``c + ½``. Worked number: the box ``x0 = 5.3, x1 = 15.9``
    into ``K = 5`` bins has bins ``2.12`` wide; RoIAlign ``aligned=True``
    puts sample 0 at ``5.3 + 1.06 = 6.36`` and reads the ramp there, 6.36;
    ``aligned=False`` reads the box as indices and returns 6.86.

    Examples
    --------
    >>> import numpy as np
    >>> def bin_centres(image, box, out_size):  # one bilinear sample per bin, rows constant here
    ...     x0, y0, x1, y1 = box
    ...     xs = x0 + (np.arange(out_size[1]) + 0.5) * (x1 - x0) / out_size[1]
    ...     ys = y0 + (np.arange(out_size[0]) + 0.5) * (y1 - y0) / out_size[0]
    ...     rows = np.array([np.interp(xs - 0.5, np.arange(image.shape[1]), r) for r in image])  # (H, w)
    ...     col = np.arange(image.shape[0])
    ...     return np.array([[np.interp(y - 0.5, col, rows[:, k]) for k in range(len(xs))] for y in ys])
    >>> probe_crop(bin_centres).origin.value
    'bin_centers'
    """
    check_callable("fn", fn, "a callable fn(image, box, out_size) -> crop")
    h, w = check_size_pair("shape", shape)
    oh, ow = check_size_pair("out_size", out_size)
    if oh < 2 or ow < 2:
        raise ValueError(f"out_size must be at least (2, 2); got {out_size!r}")
    b = check_finite_array("boxes", boxes, ndim=2, last_dim=4)
    if len(b) == 0:
        raise ValueError("boxes must hold at least one box (x0, y0, x1, y1); got none")
    if np.any(b[:, 2] <= b[:, 0]) or np.any(b[:, 3] <= b[:, 1]):
        raise ValueError(f"boxes must have x1 > x0 and y1 > y0; got {b.tolist()}")
    if np.any(b[:, :2] < 1) or np.any(b[:, 2] > w - 1) or np.any(b[:, 3] > h - 1):
        raise ValueError(f"boxes must lie at least 1 pixel inside the {h}x{w} image; got {b.tolist()}")
    box_list = [tuple(float(v) for v in row) for row in b]
    size = (oh, ow)
    ramp_x = np.tile(np.arange(w) + 0.5, (h, 1))
    ramp_y = np.tile((np.arange(h) + 0.5)[:, None], (1, w))
    fits: list[CropAxisFit] = []
    for box in box_list:
        cx, cy = _call_crop(fn, ramp_x, box, size), _call_crop(fn, ramp_y, box, size)
        if not (np.isfinite(cx).all() and np.isfinite(cy).all()):
            return CropProbeResult(CropOrigin.INCONCLUSIVE, reason="fn returned NaN or inf inside the image")
        fits.append(_fit(box[0], box[2] - box[0], cx.mean(axis=0)))
        fits.append(_fit(box[1], box[3] - box[1], cy.mean(axis=1)))
    rng = np.random.default_rng(0)
    a, bb = rng.normal(size=(h, w)), rng.normal(size=(h, w))
    va, vb, vab = (_call_crop(fn, img, box_list[0], size) for img in (a, bb, a + 2 * bb))
    ones = _call_crop(fn, np.ones((h, w)), box_list[0], size)
    if not (np.isfinite(va).all() and np.isfinite(vb).all() and np.isfinite(vab).all() and np.isfinite(ones).all()):
        return CropProbeResult(CropOrigin.INCONCLUSIVE, tuple(fits), reason="fn returned NaN or inf inside the image")
    if np.max(np.abs(vab - va - 2 * vb)) > 1e-3 * (1 + np.max(np.abs(vab))):
        return CropProbeResult(CropOrigin.INCONCLUSIVE, tuple(fits), reason="not linear in the image")
    if np.max(np.abs(ones - 1)) > 1e-3:
        return CropProbeResult(CropOrigin.INCONCLUSIVE, tuple(fits), reason="does not return 1 on an image of ones")
    if max(f.residual for f in fits) > 0.01:
        return CropProbeResult(CropOrigin.OTHER, tuple(fits), reason="samples not evenly spaced")
    names = None
    for f in fits:
        ok = {
            name
            for name, (first, stride) in _layouts(f).items()
            if abs(f.first - first) <= _TOL and abs(f.stride - stride) <= _TOL
        }
        names = ok if names is None else names & ok
    origin = next(iter(names)) if names else CropOrigin.OTHER
    ratio = _sampling_ratio(fn, (h, w), box_list, size, fits)
    return CropProbeResult(origin, tuple(fits), ratio)
