"""Sampling-grid conventions and the coordinate maps they imply.

This module is the single home of every grid formula in pixelviz. Everything
else (resize, RoIAlign, the probe, the drawings, the widgets, the book) calls
these functions instead of writing a formula again.

Three readings of an array of ``n`` pixels sampled from a signal on the
continuous interval ``[0, length]``:

====================  ===================  ====================  ==========
convention            first sample         stride                resolution
====================  ===================  ====================  ==========
① ``align_corners``   0                    length / (n - 1)      n
② ``half_pixel``      length / (2 n)       length / n            n
③ ``asymmetric``      0                    length / n            n
====================  ===================  ====================  ==========

Resizing ``N`` input samples to ``M`` output samples maps output index ``i``
to a source coordinate ``x`` measured in input-index units (input sample
``j`` sits at ``x = j``):

* ① ``align_corners``: ``x = i (N - 1) / (M - 1)``
* ② ``half_pixel``: ``x = (i + 1/2) N / M - 1/2``
* ③ ``asymmetric``: ``x = i N / M``

ONNX's ``Resize`` operator names these and three relatives
(``pytorch_half_pixel``, ``half_pixel_symmetric``, ``tf_crop_and_resize``),
all implemented by :func:`source_coords`.

Coordinates and indices: pixelviz uses **integer corners**. Pixel index
``i`` covers the continuous interval ``[i, i + 1)`` and its center is at
``i + 1/2``. The other common choice, **integer centers**, puts the center of
pixel ``i`` at ``i`` (OpenCV's warps, ``scipy.ndimage``, ``imshow``'s default).
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import (
    check_bool,
    check_choice,
    check_finite_array,
    check_finite_float,
    check_size,
    parse_enum,
)

__all__ = [
    "Convention",
    "GRID_CONVENTIONS",
    "RESIZE_CONVENTIONS",
    "NearestRounding",
    "CoordinateDtype",
    "Origin",
    "MAX_COORD",
    "parse_convention",
    "parse_rounding",
    "parse_coordinate_dtype",
    "parse_origin",
    "sample_positions",
    "subpixel_positions",
    "source_coords",
    "reads_outside",
    "lands_on_samples",
    "scaled_size",
    "round_nearest",
    "index_to_coord",
    "coord_to_index",
    "convert_origin",
    "grid_sample_transform",
    "roi_align_offset",
]

#: Largest magnitude of a coordinate that :func:`round_nearest` and
#: :func:`coord_to_index` turn into an index (2**53: every integer up to it is
#: exact in float64, and the result fits an int64).
MAX_COORD = float(2**53)


class Convention(str, enum.Enum):
    """A grid convention, named as ONNX's ``coordinate_transformation_mode``.

    The first three are the article's grids; the rest are ONNX's variants of
    them for resize. Use :func:`parse_convention` to accept the many spellings
    users type (``"①"``, ``"align-corners"``, ``"half-pixel"``, ``3`` ...).
    """

    ALIGN_CORNERS = "align_corners"
    """① First and last samples on the ends of the signal: ``[0, L]`` with
    stride ``L/(n-1)``. PyTorch ``align_corners=True``, TF1 ``align_corners=True``."""

    HALF_PIXEL = "half_pixel"
    """② Samples at cell centers ``(k + 1/2) L / n``. PyTorch
    ``align_corners=False``, OpenCV, Pillow, TF2. pixelviz's own convention."""

    ASYMMETRIC = "asymmetric"
    """③ Samples at cell left edges ``k L / n``. TF1's default resize."""

    PYTORCH_HALF_PIXEL = "pytorch_half_pixel"
    """② except that an output of length 1 reads input coordinate 0."""

    HALF_PIXEL_SYMMETRIC = "half_pixel_symmetric"
    """② with the output grid re-centered when ``scale * N`` is not an integer
    (ONNX opset 19). Equal to ② when the scale is ``M / N``."""

    TF_CROP_AND_RESIZE = "tf_crop_and_resize"
    """① applied to a region of interest ``[start, end]`` given in normalized
    (``[0, 1]`` = first to last sample) coordinates; TF's ``crop_and_resize``."""

    @property
    def symbol(self) -> str:
        """The article's circled number for the three grids, else the name."""
        return {"align_corners": "①", "half_pixel": "②", "asymmetric": "③"}.get(self.value, self.value)

    @property
    def label(self) -> str:
        """A short human label, e.g. ``"② half_pixel"``."""
        return f"{self.symbol} {self.value}" if self.symbol != self.value else self.value

    @property
    def grid(self) -> Convention:
        """The article's grid (① ② ③) this mode reduces to.

        ``pytorch_half_pixel`` and ``half_pixel_symmetric`` are ② whenever the
        output has more than one sample and the scale is ``M / N``;
        ``tf_crop_and_resize`` on the whole input (``roi = (0, 1)``) is ①.
        The three grids are their own grid.
        """
        return _GRID_OF[self]

    @property
    def grid_label(self) -> str:
        """The label with the grid's symbol for every mode: ``"② pytorch_half_pixel"``."""
        return f"{self.grid.symbol} {self.value}"

    def __str__(self) -> str:  # so f"{conv}" prints the ONNX name
        return self.value


_GRID_OF = {
    Convention.ALIGN_CORNERS: Convention.ALIGN_CORNERS,
    Convention.HALF_PIXEL: Convention.HALF_PIXEL,
    Convention.ASYMMETRIC: Convention.ASYMMETRIC,
    Convention.PYTORCH_HALF_PIXEL: Convention.HALF_PIXEL,
    Convention.HALF_PIXEL_SYMMETRIC: Convention.HALF_PIXEL,
    Convention.TF_CROP_AND_RESIZE: Convention.ALIGN_CORNERS,
}

#: The article's three grids, in its order ① ② ③.
GRID_CONVENTIONS: tuple[Convention, ...] = (
    Convention.ALIGN_CORNERS,
    Convention.HALF_PIXEL,
    Convention.ASYMMETRIC,
)

#: Every ONNX ``coordinate_transformation_mode``.
RESIZE_CONVENTIONS: tuple[Convention, ...] = tuple(Convention)

_ALIASES = {
    "①": Convention.ALIGN_CORNERS,
    "1": Convention.ALIGN_CORNERS,
    "alignedcorners": Convention.ALIGN_CORNERS,
    "②": Convention.HALF_PIXEL,
    "2": Convention.HALF_PIXEL,
    "③": Convention.ASYMMETRIC,
    "3": Convention.ASYMMETRIC,
}


def parse_convention(
    convention: Any, *, allowed: Iterable[Convention | str] | None = None, name: str = "convention"
) -> Convention:
    """Turn a user's spelling of a convention into a :class:`Convention`.

    Parameters
    ----------
    convention : Convention, str or int
        ``Convention.HALF_PIXEL``, an ONNX name (``"half_pixel"``), a
        hyphen/space variant (``"half-pixel"``), the article's symbol
        (``"②"``) or number (``2``).
    allowed : iterable of Convention or str, optional
        Restrict to these conventions (e.g. :data:`GRID_CONVENTIONS`); any
        spelling this function accepts may be used.
    name : str
        Argument name used in error messages.

    Returns
    -------
    Convention

    Raises
    ------
    TypeError
        If ``convention`` is not a str, int or Convention.
    ValueError
        If the name is unknown or not in ``allowed``.

    Examples
    --------
    >>> parse_convention("②")
    <Convention.HALF_PIXEL: 'half_pixel'>
    >>> parse_convention("align-corners").symbol
    '①'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str; got {name!r}")
    if allowed is None:
        allowed_list = list(RESIZE_CONVENTIONS)
    elif isinstance(allowed, (str, bytes)) or not isinstance(allowed, Iterable):
        raise TypeError(f"allowed must be a sequence of conventions; got {allowed!r}")
    else:
        allowed_list = [parse_convention(c, name=f"allowed[{k}]") for k, c in enumerate(allowed)]
        if not allowed_list:
            raise ValueError(f"allowed must hold at least one convention; got {allowed!r}")
    if isinstance(convention, (int, np.integer)) and not isinstance(convention, (bool, np.bool_)):
        if int(convention) not in (1, 2, 3):
            names = [c.value for c in allowed_list]
            raise ValueError(f"{name} must be 1, 2 or 3 (the article's ①②③) or one of {names}; got {convention!r}")
        convention = str(int(convention))
    return parse_enum(name, convention, Convention, aliases=_ALIASES, allowed=allowed_list)


class NearestRounding(str, enum.Enum):
    """How nearest-neighbour resize turns a source coordinate into an index.

    Names follow ONNX ``Resize``'s ``nearest_mode``.
    """

    ROUND_PREFER_FLOOR = "round_prefer_floor"
    """Round to nearest; exact halves go down (2.5 → 2)."""
    ROUND_PREFER_CEIL = "round_prefer_ceil"
    """Round to nearest; exact halves go up (2.5 → 3)."""
    FLOOR = "floor"
    """Largest integer ≤ x (2.7 → 2)."""
    CEIL = "ceil"
    """Smallest integer ≥ x (2.2 → 3)."""

    def __str__(self) -> str:
        return self.value


def parse_rounding(rounding: Any, *, name: str = "rounding") -> NearestRounding:
    """Turn a string into a :class:`NearestRounding`, with a did-you-mean hint."""
    return parse_enum(name, rounding, NearestRounding)


class CoordinateDtype(str, enum.Enum):
    """The arithmetic in which a resize computes its source coordinates.

    pixelviz computes them exactly by default; ONNX Runtime and PyTorch use
    float32, which moves some exact ties (a coordinate of exactly ``k`` or
    ``k + 1/2``) by one float32 ulp, so that a nearest-neighbour rule picks
    the other neighbour there. Linear and cubic outputs move by about 1e-7.
    """

    EXACT = "exact"
    """Ratios of integers with a single rounding in float64: exact ties stay exact (pixelviz's default)."""
    FLOAT32 = "float32"
    """ONNX's formulas in float32, as ONNX Runtime evaluates them: ``s = float32(M) / float32(N)``
    (or the given scale), then ``x = (i + 0.5) / s - 0.5`` (``half_pixel``), ``x = i / s``
    (``asymmetric``), ``x = i (N - 1) / (M - 1)`` (``align_corners``), every step rounded to float32."""
    FLOAT32_TORCH = "float32_torch"
    """PyTorch's CPU float32 arithmetic: ``r = float32(N) / float32(M)`` (``(N - 1) / (M - 1)`` under
    ``align_corners``, ``1 / scale`` for a scale factor), then ``x = r (i + 0.5) - 0.5`` or ``x = r i``,
    a multiplication by the inverse scale instead of ONNX's division. Only for ``align_corners``,
    ``half_pixel``, ``pytorch_half_pixel`` and ``asymmetric`` (PyTorch's maps)."""

    def __str__(self) -> str:
        return self.value


#: The conventions PyTorch's arithmetic (:attr:`CoordinateDtype.FLOAT32_TORCH`) is defined for.
_TORCH_CONVENTIONS = ("align_corners", "half_pixel", "pytorch_half_pixel", "asymmetric")


def parse_coordinate_dtype(coordinate_dtype: Any, *, name: str = "coordinate_dtype") -> CoordinateDtype:
    """Turn ``"exact"``, ``"float32"`` or ``"float32_torch"`` into a :class:`CoordinateDtype`."""
    return parse_enum(name, coordinate_dtype, CoordinateDtype)


def _check_dtype_convention(dtype: CoordinateDtype, conv: Convention) -> None:
    if dtype is CoordinateDtype.FLOAT32_TORCH and conv.value not in _TORCH_CONVENTIONS:
        raise ValueError(
            f"coordinate_dtype='float32_torch' is PyTorch's arithmetic, defined for the conventions "
            f"{list(_TORCH_CONVENTIONS)}; got convention={conv.value!r}"
        )


def _check_coords_for_index(name: str, x: Any) -> NDArray[np.float64]:
    arr = check_finite_array(name, x, allow_nonfinite=True)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; got NaN or inf in {x!r}")
    if arr.size and np.max(np.abs(arr)) > MAX_COORD:
        raise ValueError(
            f"{name} must lie within ±{MAX_COORD:.0f} (MAX_COORD) to become an int64 index; "
            f"got a value of magnitude {np.max(np.abs(arr)):.3g}"
        )
    return arr


def _round_nearest(x: NDArray[np.float64], rule: NearestRounding) -> NDArray[np.int64]:
    if rule is NearestRounding.ROUND_PREFER_FLOOR:
        out = np.ceil(x - 0.5)
    elif rule is NearestRounding.ROUND_PREFER_CEIL:
        out = np.floor(x + 0.5)
    elif rule is NearestRounding.FLOOR:
        out = np.floor(x)
    else:
        out = np.ceil(x)
    return out.astype(np.int64)


def round_nearest(x: ArrayLike, rounding: NearestRounding | str) -> NDArray[np.int64]:
    """Round source coordinates to integer indices by an ONNX ``nearest_mode``.

    Parameters
    ----------
    x : array_like of float
        Source coordinates in input-index units, finite, within
        ±:data:`MAX_COORD`.
    rounding : NearestRounding or str
        ``"round_prefer_floor"``, ``"round_prefer_ceil"``, ``"floor"`` or ``"ceil"``.

    Returns
    -------
    ndarray of int64, same shape as ``x``
        Unclamped indices (clamp them to ``[0, N-1]`` yourself).

    Raises
    ------
    TypeError, ValueError
        For non-numbers (``None``, complex, bool), NaN or inf, a magnitude
        above ``MAX_COORD``, or an unknown rounding.

    Examples
    --------
    >>> round_nearest([0.5, 1.5, 2.2], "round_prefer_floor").tolist()
    [0, 1, 2]
    >>> round_nearest([0.5, 1.5, 2.2], "round_prefer_ceil").tolist()
    [1, 2, 2]
    """
    rule = parse_rounding(rounding)
    return _round_nearest(_check_coords_for_index("x", x), rule)


def _sample_positions(n: int, conv: Convention, length: float) -> NDArray[np.float64]:
    k = np.arange(n, dtype=np.float64)
    if conv is Convention.ALIGN_CORNERS:
        if n == 1:
            raise ValueError("n must be >= 2 under align_corners (①): its stride L/(n-1) is undefined for n=1; got 1")
        return k * (length / (n - 1))
    if conv is Convention.HALF_PIXEL:
        return (k + 0.5) * (length / n)
    return k * (length / n)


def sample_positions(n: int, convention: Convention | str, length: float = 1.0) -> NDArray[np.float64]:
    """Where the ``n`` samples of a signal on ``[0, length]`` sit, under a grid convention.

    Parameters
    ----------
    n : int
        Number of samples (pixels), ``1 <= n <= MAX_LENGTH``; ``n >= 2``
        under ①, whose stride ``length / (n - 1)`` is undefined for a single
        sample.
    convention : Convention or str
        One of the article's grids: ① ``"align_corners"``, ② ``"half_pixel"``
        or ③ ``"asymmetric"`` (any spelling :func:`parse_convention` accepts).
    length : float
        Length ``L > 0`` of the continuous signal.

    Returns
    -------
    ndarray of float64, shape (n,)
        Positions in the signal's continuous coordinate, increasing.

    Raises
    ------
    TypeError, ValueError
        For a non-integer or non-positive ``n``, ``n == 1`` under ①, a
        non-finite or non-positive ``length``, or an unknown convention.

    Notes
    -----
    **Convention.** With ``n = 4`` and ``L = 1``: ① gives
    ``0, 1/3, 2/3, 1``; ② gives ``1/8, 3/8, 5/8, 7/8``; ③ gives
    ``0, 1/4, 1/2, 3/4``. Only ② is symmetric about ``L/2`` with a stride of
    ``L/n``; ① stretches the stride, ③ shifts the grid left by half a stride.

    Examples
    --------
    >>> sample_positions(4, "half_pixel").tolist()
    [0.125, 0.375, 0.625, 0.875]
    """
    n = check_size("n", n)
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    length = check_finite_float("length", length, positive=True)
    return _sample_positions(n, conv, length)


def _subpixel_positions(n: int, supersample: int) -> NDArray[np.float64]:
    # pixel i covers [i, i + 1): its s sub-samples sit on the half-pixel grid ② of that unit interval
    inside = _sample_positions(supersample, Convention.HALF_PIXEL, 1.0)  # [s] in [0, 1)
    return (np.arange(n, dtype=np.float64)[:, None] + inside).ravel()


def subpixel_positions(n: int, supersample: int = 1) -> NDArray[np.float64]:
    """Integer-corner positions of ``supersample`` sub-samples in each of ``n`` pixels.

    Pixel ``i`` covers ``[i, i + 1)``; its sub-samples sit on the half-pixel
    grid ② of that interval, ``i + (m + 1/2) / s`` for ``m < s``. With
    ``supersample=1`` these are the pixel centers ``i + 1/2``. A box
    pre-filter (or a coverage estimate) averages a function over them.

    Parameters
    ----------
    n : int
        Number of pixels.
    supersample : int
        Sub-samples per pixel ``s >= 1`` (``n * s <= MAX_LENGTH``).

    Returns
    -------
    ndarray of float64, shape (n * supersample,)
        Pixel-major: the ``s`` sub-samples of pixel 0, then of pixel 1, ...

    Examples
    --------
    >>> subpixel_positions(2, 2).tolist()
    [0.25, 0.75, 1.25, 1.75]
    """
    n = check_size("n", n)
    s = check_size("supersample", supersample)
    check_size("n * supersample", n * s)
    return _subpixel_positions(n, s)


def _source_coords(
    n_in: int,
    n_out: int,
    conv: Convention,
    scale: float | None,
    roi: tuple[float, float] | None,
    dtype: CoordinateDtype = CoordinateDtype.EXACT,
) -> NDArray[np.float64]:
    """:func:`source_coords` for parsed arguments (``scale`` finite > 0 or None, ``roi`` finite or None)."""
    if dtype is CoordinateDtype.FLOAT32:
        return _source_coords_float32(n_in, n_out, conv, scale, roi)
    if dtype is CoordinateDtype.FLOAT32_TORCH:
        return _source_coords_torch(n_in, n_out, conv, scale)
    s = n_out / n_in if scale is None else scale
    i = np.arange(n_out, dtype=np.float64)
    # Without an explicit scale the maps are ratios of integers: evaluate each
    # with a single rounding, so exact ties (x = 7, x = 2.5) stay exact and the
    # nearest-neighbour rounding rules see them (i / (M / N) gives 6.999...).
    exact = scale is None

    if conv is Convention.ALIGN_CORNERS:
        if n_out == 1:
            return np.zeros(1)
        return (i * (n_in - 1)) / (n_out - 1)
    if conv in (Convention.HALF_PIXEL, Convention.PYTORCH_HALF_PIXEL):
        if conv is Convention.PYTORCH_HALF_PIXEL and n_out == 1:
            return np.zeros(1)
        if exact:
            return ((2 * i + 1) * n_in - n_out) / (2 * n_out)
        return (i + 0.5) / s - 0.5
    if conv is Convention.HALF_PIXEL_SYMMETRIC:
        if exact:  # adjustment = 1, offset = 0: the half_pixel map
            return ((2 * i + 1) * n_in - n_out) / (2 * n_out)
        adjustment = n_out / (n_in * s)
        offset = (n_in / 2.0) * (1.0 - adjustment)
        return offset + (i + 0.5) / s - 0.5
    if conv is Convention.ASYMMETRIC:
        return (i * n_in) / n_out if exact else i / s
    # tf_crop_and_resize
    start, end = (0.0, 1.0) if roi is None else roi
    if n_out == 1:
        return np.full(1, 0.5 * (start + end) * (n_in - 1))
    # one division, so the last output of roi (0, 1) lands exactly on N - 1
    # (i * ((N-1)/(M-1)) gives 47.00000000000001 for N=48, M=24: "outside")
    return (start * (n_in - 1) * (n_out - 1) + i * ((end - start) * (n_in - 1))) / (n_out - 1)


def _source_coords_float32(
    n_in: int, n_out: int, conv: Convention, scale: float | None, roi: tuple[float, float] | None
) -> NDArray[np.float64]:
    """ONNX's maps evaluated step by step in float32, as ONNX Runtime's CPU ``Resize`` does."""
    f = np.float32
    i = np.arange(n_out, dtype=f)
    length_in, length_out = f(n_in), f(n_out)
    s = length_out / length_in if scale is None else f(scale)  # ONNX Runtime: scales[i] = out / in, in float
    half = f(0.5)
    if conv is Convention.ALIGN_CORNERS:
        x = np.zeros(n_out, f) if n_out == 1 else i * (length_in - f(1)) / (length_out - f(1))
    elif conv is Convention.ASYMMETRIC:
        x = i / s
    elif conv is Convention.PYTORCH_HALF_PIXEL and n_out == 1:
        x = np.zeros(1, f)
    elif conv in (Convention.HALF_PIXEL, Convention.PYTORCH_HALF_PIXEL):
        x = (i + half) / s - half
    elif conv is Convention.HALF_PIXEL_SYMMETRIC:
        adjustment = length_out / (s * length_in)
        offset = (length_in / f(2)) * (f(1) - adjustment)
        x = offset + (i + half) / s - half
    else:  # tf_crop_and_resize
        start, end = (f(0), f(1)) if roi is None else (f(roi[0]), f(roi[1]))
        if n_out == 1:
            x = np.full(1, (end - start) * (length_in - f(1)) / f(2), f) + start * (length_in - f(1))
        else:
            x = i * (end - start) * (length_in - f(1)) / (length_out - f(1)) + start * (length_in - f(1))
    return np.asarray(x, dtype=f).astype(np.float64)


def _source_coords_torch(n_in: int, n_out: int, conv: Convention, scale: float | None) -> NDArray[np.float64]:
    """PyTorch's CPU maps (``area_pixel_compute_source_index``) in float32: a multiplication by ``N / M``."""
    f = np.float32
    i = np.arange(n_out, dtype=f)
    if conv is Convention.ALIGN_CORNERS:
        r = f(0) if n_out == 1 else f(n_in - 1) / f(n_out - 1)
        return np.asarray(r * i, dtype=f).astype(np.float64)
    r = f(n_in) / f(n_out) if scale is None else f(1.0 / scale)
    if conv is Convention.ASYMMETRIC:
        return np.asarray(r * i, dtype=f).astype(np.float64)
    if conv is Convention.PYTORCH_HALF_PIXEL and n_out == 1:
        return np.zeros(1)
    return np.asarray(r * (i + f(0.5)) - f(0.5), dtype=f).astype(np.float64)


def _check_roi(roi: Any, conv: Convention) -> tuple[float, float] | None:
    if roi is None:
        return None
    if conv is not Convention.TF_CROP_AND_RESIZE:
        raise ValueError(f"roi is only used by tf_crop_and_resize; got roi={roi!r} with convention={conv.value!r}")
    if isinstance(roi, (str, bytes)) or not isinstance(roi, (tuple, list, np.ndarray)) or len(roi) != 2:
        raise TypeError(f"roi must be a (start, end) pair of floats; got {roi!r}")
    return check_finite_float("roi[0]", roi[0]), check_finite_float("roi[1]", roi[1])


def source_coords(
    in_size: int,
    out_size: int,
    convention: Convention | str,
    *,
    scale: float | None = None,
    roi: tuple[float, float] | None = None,
    coordinate_dtype: CoordinateDtype | str = "exact",
) -> NDArray[np.float64]:
    """Map each output index of an ``in_size → out_size`` resize to an input coordinate.

    Parameters
    ----------
    in_size, out_size : int
        Number of input samples ``N`` and output samples ``M`` (both in
        ``[1, MAX_LENGTH]``).
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode`` (see :class:`Convention`).
    scale : float, optional
        The scale factor ``s`` used by the formulas that divide by it
        (``half_pixel``, ``pytorch_half_pixel``, ``half_pixel_symmetric``,
        ``asymmetric``). Defaults to ``M / N``. Pass it when a library was
        given a scale factor rather than a size (PyTorch's
        ``scale_factor=`` with ``recompute_scale_factor=False``, ONNX's
        ``scales``): then ``M = scaled_size(N, s)`` and ``s`` may differ from
        ``M / N``.
    roi : (float, float), optional
        ``(start, end)`` in normalized input coordinates, only for
        ``tf_crop_and_resize`` (default ``(0, 1)``, the whole input).
    coordinate_dtype : {"exact", "float32", "float32_torch"}
        The arithmetic (:class:`CoordinateDtype`): ``"exact"`` (default)
        keeps exact ties exact; ``"float32"`` is ONNX Runtime's float32
        evaluation of the same formulas, ``"float32_torch"`` PyTorch's
        (multiplying by ``N / M`` in float32). Example: asymmetric 22 → 26,
        output 13 reads exactly ``13 · 22 / 26 = 11``; in float32 ONNX
        Runtime gets ``11.000001`` (``ceil`` then picks 12).

    Returns
    -------
    ndarray of float64, shape (out_size,)
        Source coordinates in input-index units: input sample ``j`` is at
        ``j``, so ``0`` is the first input sample and ``N - 1`` the last.
        Values may fall outside ``[0, N - 1]`` (② and ③ extrapolate); a resize
        clamps them.

    Raises
    ------
    TypeError, ValueError
        For non-integer, non-positive or too large sizes, a non-finite or
        non-positive ``scale``, an unknown convention, or ``roi`` with another
        convention.

    Notes
    -----
    **Convention.** With ``s = M / N`` (ONNX's formulas):

    * ``align_corners`` (①): ``x = i (N - 1) / (M - 1)``; ``x = 0`` when
      ``M = 1`` (what PyTorch and ONNX Runtime do).
    * ``half_pixel`` (②): ``x = (i + 1/2) / s - 1/2``.
      Example: N=4 → M=8, output 0 reads input ``-0.25``.
    * ``pytorch_half_pixel``: as ② but ``x = 0`` when ``M = 1``.
    * ``half_pixel_symmetric``: ``x = c (1 - r) + (i + 1/2) / s - 1/2`` with
      ``c = N / 2`` and ``r = M / (N s)``; equals ② when ``s = M / N``.
    * ``asymmetric`` (③): ``x = i / s``.
    * ``tf_crop_and_resize``: ``x = a (N - 1) + i (b - a)(N - 1)/(M - 1)`` for
      ``roi = (a, b)``; ``x = (a + b)(N - 1)/2`` when ``M = 1``.

    Examples
    --------
    >>> source_coords(4, 8, "half_pixel")[:3].tolist()
    [-0.25, 0.25, 0.75]
    >>> source_coords(3, 5, "align_corners").tolist()
    [0.0, 0.5, 1.0, 1.5, 2.0]
    >>> source_coords(4, 2, "asymmetric").tolist()
    [0.0, 2.0]
    """
    n_in = check_size("in_size", in_size)
    n_out = check_size("out_size", out_size)
    conv = parse_convention(convention)
    s = None if scale is None else check_finite_float("scale", scale, positive=True)
    dtype = parse_coordinate_dtype(coordinate_dtype)
    _check_dtype_convention(dtype, conv)
    return _source_coords(n_in, n_out, conv, s, _check_roi(roi, conv), dtype)


def _reads_outside(x: NDArray[np.float64], n_in: int) -> NDArray[np.bool_]:
    return (x < 0) | (x > n_in - 1)


def reads_outside(
    in_size: int, out_size: int, convention: Convention | str, *, scale: float | None = None
) -> NDArray[np.bool_]:
    """Which outputs of an ``in_size → out_size`` resize read outside the input samples.

    The input samples span ``[0, N - 1]`` in input-index units; an output
    whose source coordinate (:func:`source_coords`) lies outside needs a
    value beyond the border (a resize clamps it: extrapolation). ``scale``
    is the scale factor the resize was given, as in :func:`source_coords`.

    Returns
    -------
    ndarray of bool, shape (out_size,)

    Examples
    --------
    >>> reads_outside(4, 8, "half_pixel").tolist()  # -0.25 and 3.25
    [True, False, False, False, False, False, False, True]
    >>> bool(reads_outside(4, 7, "align_corners").any())
    False
    """
    n_in = check_size("in_size", in_size)
    return _reads_outside(source_coords(n_in, out_size, convention, scale=scale), n_in)


#: How close to a whole number a source coordinate must be to sit on an input sample.
_ON_SAMPLE_ATOL = 1e-9


def _lands_on_samples(x: NDArray[np.float64], n_in: int) -> NDArray[np.bool_]:
    return np.isclose(x, np.round(x), rtol=0, atol=_ON_SAMPLE_ATOL) & ~_reads_outside(x, n_in)


def lands_on_samples(in_size: int, out_size: int, convention: Convention | str) -> NDArray[np.bool_]:
    """Which outputs of an ``in_size → out_size`` resize sit exactly on an input sample.

    An output whose source coordinate is a whole number inside ``[0, N - 1]``
    copies that input sample; every other output is a new, interpolated value.

    Returns
    -------
    ndarray of bool, shape (out_size,)

    Examples
    --------
    >>> lands_on_samples(4, 7, "align_corners").tolist()  # x = 0, 0.5, 1, ... 3
    [True, False, True, False, True, False, True]
    >>> bool(lands_on_samples(4, 8, "half_pixel").any())
    False
    """
    n_in = check_size("in_size", in_size)
    return _lands_on_samples(source_coords(n_in, out_size, convention), n_in)


#: How each library turns ``in_size * scale`` into an output length.
_SIZE_RULES = ("torch", "onnxruntime")


def scaled_size(in_size: int, scale: float, *, library: str = "torch") -> int:
    """Output length when a library is given a scale factor instead of a size.

    Parameters
    ----------
    in_size : int
        Input length ``N >= 1``.
    scale : float
        Scale factor ``s > 0``.
    library : {"torch", "onnxruntime"}
        Whose arithmetic to reproduce, exactly:

        * ``"torch"``: ``F.interpolate(scale_factor=s)`` computes
          ``floor(float(N) * s)`` in float64 (a Python float).
        * ``"onnxruntime"``: ONNX ``Resize`` with a ``scales`` input computes
          ``N * s`` in float32 (its scales are a float tensor) and truncates.

    Returns
    -------
    int
        The output length ``M``; pass the same ``s`` to :func:`source_coords`
        as ``scale=`` to get the map the library then uses.

    Raises
    ------
    TypeError, ValueError
        For a bad size or scale, an unknown library, or a length below 1 or
        above ``MAX_LENGTH``.

    Notes
    -----
    The two disagree where ``N s`` is within a rounding error of an integer:
    ``25 * 1.16`` is ``28.999999999999996`` in float64 (torch: 28) and exactly
    29 in float32 (ONNX Runtime: 29); ``25 * 2.36`` is 59 in float64 (torch:
    59) and ``58.999996`` in float32 (ONNX Runtime: 58).

    Examples
    --------
    >>> scaled_size(5, 1.5), scaled_size(4, 0.75), scaled_size(3, 2.5)
    (7, 3, 7)
    >>> scaled_size(25, 1.16), scaled_size(25, 1.16, library="onnxruntime")
    (28, 29)
    """
    n_in = check_size("in_size", in_size)
    s = check_finite_float("scale", scale, positive=True)
    rule = check_choice("library", library, _SIZE_RULES)
    if rule == "torch":
        product = n_in * s
    else:
        product = float(np.float32(n_in) * np.float32(s))
    if product < 1:
        raise ValueError(
            f"scale must give at least one output sample ({rule}: in_size * scale >= 1); "
            f"got in_size={n_in}, scale={s!r}"
        )
    m = math.floor(product) if math.isfinite(product) else MAX_COORD
    return check_size(f"the output length in_size * scale ({n_in} * {s!r})", int(m))


class Origin(str, enum.Enum):
    """Where the origin of continuous coordinates sits relative to the pixels."""

    CORNERS = "corners"
    """Integer corners (pixelviz's choice): pixel ``i`` covers ``[i, i+1)``,
    its center is ``i + 1/2``. COCO polygons, torchvision RoIAlign, Detectron2."""
    CENTERS = "centers"
    """Integer centers: pixel ``i``'s center is at ``i``; it covers
    ``[i - 1/2, i + 1/2)``. OpenCV warps, ``scipy.ndimage``, ``imshow``."""

    def __str__(self) -> str:
        return self.value


_ORIGIN_ALIASES = {
    "corner": Origin.CORNERS,
    "integer corners": Origin.CORNERS,
    "center": Origin.CENTERS,
    "integer centers": Origin.CENTERS,
}


def parse_origin(origin: Any, *, name: str = "origin") -> Origin:
    """Turn ``"corners"`` / ``"centers"`` (or singular forms) into an :class:`Origin`."""
    return parse_enum(name, origin, Origin, aliases=_ORIGIN_ALIASES, expectation="'corners' or 'centers'")


#: Offset of a pixel center from its index under each origin.
_CENTER_OFFSET = {Origin.CORNERS: 0.5, Origin.CENTERS: 0.0}


def index_to_coord(index: ArrayLike, origin: Origin | str = Origin.CORNERS) -> NDArray[np.float64]:
    """Continuous coordinate of the center of pixel ``index``.

    Parameters
    ----------
    index : array_like of int
        Pixel indices (any shape); integral floats are accepted.
    origin : Origin or str
        ``"corners"`` (default): center at ``index + 1/2``.
        ``"centers"``: center at ``index``.

    Returns
    -------
    ndarray of float64, same shape as ``index``

    Raises
    ------
    TypeError, ValueError
        For non-numbers (``None``, complex, bool), non-integral or non-finite
        indices, or an unknown origin.

    Examples
    --------
    >>> index_to_coord([0, 3]).tolist()
    [0.5, 3.5]
    >>> index_to_coord([0, 3], "centers").tolist()
    [0.0, 3.0]
    """
    o = parse_origin(origin)
    idx = check_finite_array("index", index)
    if not np.all(idx == np.floor(idx)):
        raise ValueError(f"index must contain integers; got {index!r}")
    return idx + _CENTER_OFFSET[o]


def coord_to_index(coord: ArrayLike, origin: Origin | str = Origin.CORNERS) -> NDArray[np.int64]:
    """Index of the pixel that contains the continuous point ``coord``.

    Parameters
    ----------
    coord : array_like of float
        Continuous coordinates (any shape), finite, within ±:data:`MAX_COORD`.
    origin : Origin or str
        ``"corners"`` (default): ``floor(coord)``.
        ``"centers"``: ``floor(coord + 1/2)`` (pixel ``i`` covers
        ``[i - 1/2, i + 1/2)``).

    Returns
    -------
    ndarray of int64, same shape as ``coord``

    Raises
    ------
    TypeError, ValueError
        For non-numbers (``None``, complex, bool), NaN or inf, a magnitude
        above ``MAX_COORD``, or an unknown origin.

    Examples
    --------
    >>> coord_to_index([0.0, 0.99, 3.5]).tolist()
    [0, 0, 3]
    >>> coord_to_index([0.49, 0.5], "centers").tolist()
    [0, 1]
    """
    o = parse_origin(origin)
    x = _check_coords_for_index("coord", coord)
    return np.floor(x - _CENTER_OFFSET[o] + 0.5).astype(np.int64)


def _shift(source: Origin, target: Origin) -> float:
    """What :func:`convert_origin` adds: ``-1/2`` from corners to centers, ``+1/2`` back, else 0."""
    return _CENTER_OFFSET[target] - _CENTER_OFFSET[source]


def convert_origin(coord: ArrayLike, source: Origin | str, target: Origin | str) -> NDArray[np.float64]:
    """Re-express continuous coordinates from one origin in another.

    ``corners → centers`` subtracts 1/2, ``centers → corners`` adds 1/2.

    Parameters
    ----------
    coord : array_like of float
        Coordinates of any shape (points ``(..., 2)``, boxes ``(..., 4)``,
        polygons ``(..., K, 2)``): every entry is shifted the same way.
    source, target : Origin or str
        ``"corners"`` or ``"centers"``.

    Returns
    -------
    ndarray of float64, same shape as ``coord``

    Examples
    --------
    >>> convert_origin([3.0, 4.0], "centers", "corners").tolist()
    [3.5, 4.5]
    """
    src, dst = parse_origin(source, name="source"), parse_origin(target, name="target")
    x = check_finite_array("coord", coord)
    return x + _shift(src, dst)


@functools.lru_cache(maxsize=256)
def _grid_sample_transform(size: int, align_corners: bool, origin: Origin) -> tuple[float, float]:
    # integer corners: u = -1 at the left image edge (align_corners=False) or at the first pixel center
    # (align_corners=True), +1 at the right edge / the last pixel center
    if align_corners:
        a = 2.0 / (size - 1)
        b = -1.0 - a * _CENTER_OFFSET[Origin.CORNERS]
    else:
        a, b = 2.0 / size, -1.0
    # coordinates in ``origin`` are corner coordinates minus the shift corners -> origin
    return a, b - a * _shift(Origin.CORNERS, origin)


def grid_sample_transform(
    size: int, *, align_corners: bool = False, origin: Origin | str = Origin.CORNERS
) -> tuple[float, float]:
    """``(a, b)`` such that ``u = a x + b`` is ``grid_sample``'s normalized coordinate of ``x``.

    ``torch.nn.functional.grid_sample`` (and ``affine_grid``) read points in
    ``[-1, 1]`` across the input. This is the one place pixelviz writes that
    normalization; RoIAlign, paste-mask and point sampling written with
    ``grid_sample`` call it.

    Parameters
    ----------
    size : int
        Input length ``W`` along the axis (``W >= 2`` with ``align_corners``).
    align_corners : bool
        ``False``: ``-1`` and ``+1`` are the outer edges of the first and last
        pixels (① grid's ends are ② here: ``u = 2 x / W - 1`` in corners).
        ``True``: ``-1`` and ``+1`` are the centers of the first and last
        pixels.
    origin : Origin or str
        The origin of ``x``: ``"corners"`` (default, pixel ``j``'s center at
        ``j + 1/2``) or ``"centers"`` (sample indices, center at ``j``).

    Returns
    -------
    (float, float)
        Slope ``a`` and intercept ``b``.

    Notes
    -----
    **Convention.** ``align_corners=False``, ``W = 4``: the corner coordinate
    ``x = 1.25`` gives ``u = 2 · 1.25 / 4 - 1 = -0.375``, which ``grid_sample``
    reads at index ``((u + 1) W - 1) / 2 = 0.75 = x - 1/2``: the integer-corner
    point read the way ``aligned=True`` RoIAlign reads it.

    Examples
    --------
    >>> grid_sample_transform(4)
    (0.5, -1.0)
    >>> grid_sample_transform(4, origin="centers")  # index j -> (2 j + 1) / 4 - 1
    (0.5, -0.75)
    """
    n = check_size("size", size)
    ac = check_bool("align_corners", align_corners)
    if ac and n < 2:
        raise ValueError(f"size must be >= 2 with align_corners=True (its stride 2/(W-1) is undefined); got {n}")
    return _grid_sample_transform(n, ac, parse_origin(origin))


def roi_align_offset(aligned: bool) -> float:
    """What RoIAlign adds to ``box * spatial_scale`` to get the sample-index coordinates it reads.

    ``aligned=True`` (Detectron2, torchvision's ``aligned=True``): boxes are
    integer-corner coordinates and bilinear sampling indexes pixels by their
    centers, so the box moves by ``-1/2`` (:func:`convert_origin` from
    corners to centers). ``aligned=False``, the legacy op: box coordinates are
    read as indices as they are, ``0``, which is half a pixel off.

    Examples
    --------
    >>> roi_align_offset(True), roi_align_offset(False)
    (-0.5, 0.0)
    """
    return _shift(Origin.CORNERS, Origin.CENTERS) if check_bool("aligned", aligned) else 0.0
