"""Measure a black-box paste-mask: where do the mask's cells land in the image?

:func:`probe_paste` takes any ``fn(mask, box, image_shape) -> image``: a
``(M_h, M_w)`` float mask predicted for ``box = (x0, y0, x1, y1)`` (the
caller's coordinates), pasted into an ``(H, W)`` image. On the mask ramp
``mask[a, b] = b + ½`` — each cell holds its centre's coordinate in mask
units — an interpolating paste gives every image pixel the mask coordinate
it read. Inside the region where a mask of ones pastes exactly 1 (away from
the mask's border), the probe fits ``v = α + β X`` against the pixel centres
``X = c + ½`` (integer corners). Mask coordinate 0 then sits at
``X = −α/β`` and one mask cell spans ``1/β`` image pixels.

* ``mask_on_box``: mask coordinate 0 on ``x0`` and cells ``w/M`` wide — the
  mask tiles the box exactly, the inverse of RoIAlign ``aligned=True``
  (Detectron2's paste).
* ``shifted``: the right cell size, mask start ``x0 + d`` for some ``d``
  (reported; ``d = ±½`` is the half-pixel error of a box read in integer centres).
* ``other`` / ``inconclusive`` (not linear in the mask, e.g. a thresholded
  paste, or no pixel reads the mask's interior).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_callable, check_finite_array, check_size_pair
from .crops import DEFAULT_BOXES

__all__ = ["PasteOrigin", "PasteAxisFit", "PasteProbeResult", "probe_paste"]

_TOL = 0.01


class PasteOrigin(str, enum.Enum):
    """Where a paste-mask puts the mask's cells relative to the box (integer corners)."""

    #: Mask coordinate 0 on the box edge, cells ``w/M`` wide: the mask tiles the box.
    MASK_ON_BOX = "mask_on_box"
    #: Cells ``w/M`` wide, but the mask starts ``offset`` pixels from the box edge.
    SHIFTED = "shifted"
    #: A linear paste whose cells are not ``w/M`` wide or whose shift varies between boxes.
    OTHER = "other"
    #: Not a linear paste, or nothing measurable; see ``reason``.
    INCONCLUSIVE = "inconclusive"


@dataclasses.dataclass(frozen=True)
class PasteAxisFit:
    """One box, one axis: mask coordinate ``v`` read at image coordinate ``X`` is ``(X − mask_start) / cell_size``.

    Attributes
    ----------
    box_start, box_length : float
        ``x0`` and ``w`` of the box on this axis.
    cells : int
        ``M`` along this axis.
    mask_start, cell_size : float
        The fit, integer-corner image coordinates / pixels.
    residual : float
        Largest deviation from the fit, in mask cells.
    """

    box_start: float
    box_length: float
    cells: int
    mask_start: float
    cell_size: float
    residual: float

    @property
    def offset(self) -> float:
        """``mask_start − x0``, pixels: 0 when the mask starts on the box edge."""
        return self.mask_start - self.box_start


@dataclasses.dataclass(frozen=True)
class PasteProbeResult:
    """What :func:`probe_paste` measured: ``origin``, per-box ``fits`` (x then y), ``reason``."""

    origin: PasteOrigin
    fits: tuple[PasteAxisFit, ...] = ()
    reason: str = ""

    @property
    def offset(self) -> float | None:
        """Mask start minus box start on the first box's x axis, pixels."""
        return self.fits[0].offset if self.fits else None

    @property
    def verdict(self) -> str:
        """One line."""
        if not self.fits:
            return f"inconclusive: {self.reason}"
        f = self.fits[0]
        off = round(f.offset, 3) + 0.0  # + 0.0: no "-0.000"
        text = f"{self.origin.value}: mask starts {off:+.3f} px from the box edge, cells {f.cell_size:.4f} px"
        text += f" (box/M = {f.box_length / f.cells:.4f})"
        return text + (f" ({self.reason})" if self.reason else "")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {"origin": self.origin.value, "fits": [dataclasses.asdict(f) for f in self.fits], "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PasteProbeResult:
        """Inverse of :meth:`to_dict`."""
        if not isinstance(data, dict):
            raise TypeError(f"data must be a dict from PasteProbeResult.to_dict; got {type(data).__name__}")
        fits = tuple(PasteAxisFit(**f) for f in data.get("fits", ()))
        return cls(PasteOrigin(data["origin"]), fits, data.get("reason", ""))


def _call_paste(
    fn: Callable[..., Any], mask: NDArray[np.float64], box: tuple[float, ...], shape: tuple[int, int]
) -> NDArray[np.float64]:
    try:
        out = fn(mask.copy(), tuple(box), tuple(shape))
    except Exception as exc:  # the function under test may raise anything
        raise ValueError(f"fn raised {type(exc).__name__} on box {box} and image_shape {shape}: {exc}") from exc
    arr = np.asarray(out)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"fn must return real numbers; got dtype {arr.dtype}")
    while arr.ndim > 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.shape != tuple(shape):
        raise ValueError(f"fn must return shape {tuple(shape)} for image_shape={tuple(shape)}; got shape {arr.shape}")
    return arr.astype(np.float64)


def probe_paste(
    fn: Callable[[NDArray[np.float64], tuple[float, float, float, float], tuple[int, int]], Any],
    *,
    boxes: Sequence[Sequence[float]] = DEFAULT_BOXES,
    mask_size: tuple[int, int] = (5, 6),
    shape: tuple[int, int] = (20, 24),
) -> PasteProbeResult:
    """Measure where a paste-mask ``fn(mask, box, image_shape)`` puts the mask's cells, and name it.

    Parameters
    ----------
    fn : callable
        ``fn(mask, box, image_shape) -> image``: ``mask`` float64 of shape
        ``(M_h, M_w)``, ``box`` a tuple ``(x0, y0, x1, y1)`` of floats,
        ``image_shape`` a tuple ``(H, W)``; returns ``(H, W)`` numbers.
    boxes : sequence of (x0, y0, x1, y1)
        Probe boxes inside the image, ``x1 > x0``, ``y1 > y0``.
    mask_size : (int, int)
        ``(M_h, M_w)``, each at least 3.
    shape : (int, int)
        ``(H, W)`` of the image.

    Returns
    -------
    PasteProbeResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable or returns non-numbers.
    ValueError
        If ``fn`` raises or returns the wrong shape, or an argument is malformed.

    Notes
    -----
    **Convention.** Integer corners. Worked number: box ``x0 = 5.3, x1 = 15.9``
    and ``M = 6`` cells of ``1.7667`` px; Detectron2's paste reads, at pixel
    6 (centre 6.5), mask coordinate ``(6.5 − 5.3) / 1.7667 = 0.679``.

    Examples
    --------
    >>> from pixelviz.roi import paste_mask
    >>> probe_paste(paste_mask).origin.value
    'mask_on_box'
    """
    check_callable("fn", fn, "a callable fn(mask, box, image_shape) -> image")
    h, w = check_size_pair("shape", shape)
    mh, mw = check_size_pair("mask_size", mask_size)
    if mh < 3 or mw < 3:
        raise ValueError(f"mask_size must be at least (3, 3); got {mask_size!r}")
    b = check_finite_array("boxes", boxes, ndim=2, last_dim=4)
    if len(b) == 0:
        raise ValueError("boxes must hold at least one box (x0, y0, x1, y1); got none")
    if np.any(b[:, 2] <= b[:, 0]) or np.any(b[:, 3] <= b[:, 1]):
        raise ValueError(f"boxes must have x1 > x0 and y1 > y0; got {b.tolist()}")
    if np.any(b[:, :2] < 0) or np.any(b[:, 2] > w) or np.any(b[:, 3] > h):
        raise ValueError(f"boxes must lie inside the {h}x{w} image; got {b.tolist()}")
    box_list = [tuple(float(v) for v in row) for row in b]
    ramps = (np.tile(np.arange(mw) + 0.5, (mh, 1)), np.tile((np.arange(mh) + 0.5)[:, None], (1, mw)))
    ones = np.ones((mh, mw))
    rng = np.random.default_rng(0)
    ra, rb = rng.normal(size=(mh, mw)), rng.normal(size=(mh, mw))
    pa, pb, pab = (_call_paste(fn, m, box_list[0], (h, w)) for m in (ra, rb, ra + 2 * rb))
    if not (np.isfinite(pa).all() and np.isfinite(pb).all() and np.isfinite(pab).all()):
        return PasteProbeResult(PasteOrigin.INCONCLUSIVE, reason="fn returned NaN or inf")
    if np.max(np.abs(pab - pa - 2 * pb)) > 1e-3 * (1 + np.max(np.abs(pab))):
        return PasteProbeResult(PasteOrigin.INCONCLUSIVE, reason="not linear in the mask")
    fits: list[PasteAxisFit] = []
    for box in box_list:
        one = _call_paste(fn, ones, box, (h, w))
        for axis in (0, 1):
            v = _call_paste(fn, ramps[axis], box, (h, w))
            cells = (mw, mh)[axis]
            inside = (np.abs(one - 1) < 1e-4) & (v > 0.5 + 1e-4) & (v < cells - 0.5 - 1e-4)
            # one line through the box's middle, across the axis measured
            mid = int(np.floor(0.5 * (box[1 - axis] + box[3 - axis])))
            line_v = v[mid] if axis == 0 else v[:, mid]
            line_in = inside[mid] if axis == 0 else inside[:, mid]
            xs = np.arange(len(line_v)) + 0.5
            if line_in.sum() < 2:
                return PasteProbeResult(
                    PasteOrigin.INCONCLUSIVE, tuple(fits), "fewer than 2 pixels read the mask inside"
                )
            beta, alpha = np.polyfit(xs[line_in], line_v[line_in], 1)
            if abs(beta) < 1e-9:
                return PasteProbeResult(PasteOrigin.INCONCLUSIVE, tuple(fits), "the mask coordinate does not change")
            resid = float(np.max(np.abs(alpha + beta * xs[line_in] - line_v[line_in])))
            start, length = box[axis], box[axis + 2] - box[axis]
            fits.append(PasteAxisFit(start, length, cells, float(-alpha / beta), float(1 / beta), resid))
    if max(f.residual for f in fits) > 0.01:
        return PasteProbeResult(PasteOrigin.OTHER, tuple(fits), "cells not evenly spaced")
    if any(abs(f.cell_size - f.box_length / f.cells) > _TOL for f in fits):
        return PasteProbeResult(PasteOrigin.OTHER, tuple(fits))
    offsets = np.array([f.offset for f in fits])
    if np.all(np.abs(offsets) <= _TOL):
        return PasteProbeResult(PasteOrigin.MASK_ON_BOX, tuple(fits))
    if np.ptp(offsets) <= _TOL:
        return PasteProbeResult(PasteOrigin.SHIFTED, tuple(fits))
    return PasteProbeResult(PasteOrigin.OTHER, tuple(fits), "the shift differs between boxes")
