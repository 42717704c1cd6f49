"""Numpy reference resize under every convention, and bilinear point sampling.

:func:`resize` reproduces the resize of PyTorch (``F.interpolate``), OpenCV
(``cv2.resize``), ONNX Runtime (``Resize``) and Pillow exactly, given the right
convention and options; the tests in ``tests/test_resample.py`` prove each
match on hundreds of random shapes. :func:`sample_bilinear` reads an image at
arbitrary continuous points, as ``grid_sample`` and RoIAlign do.

Every coordinate comes from :mod:`pixelviz.conventions`
(:func:`~pixelviz.conventions.source_coords`,
:func:`~pixelviz.conventions.round_nearest`,
:func:`~pixelviz.conventions.convert_origin`); this module only turns
coordinates into interpolation weights.

How it works: for each axis a sparse table says, for each of the ``M``
output samples, which ``taps`` input samples it reads and with which weights
(:func:`resize_weights`). A 2D resize applies the row table and then the
column table (separable filtering), all vectorized.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._validate import (
    check_bool,
    check_elements,
    check_finite_array,
    check_finite_float,
    check_size,
    parse_enum,
)
from .conventions import (
    Convention,
    CoordinateDtype,
    NearestRounding,
    Origin,
    _check_dtype_convention,
    _check_roi,
    _round_nearest,
    _shift,
    _source_coords,
    parse_convention,
    parse_coordinate_dtype,
    parse_origin,
    parse_rounding,
)

__all__ = [
    "ResizeMode",
    "parse_mode",
    "Antialias",
    "parse_antialias",
    "ResizeWeights",
    "resize_weights",
    "resize",
    "sample_bilinear",
    "Border",
    "BORDER_MODES",
]


class ResizeMode(str, enum.Enum):
    """Interpolation kernel of a resize (ONNX ``Resize``'s ``mode`` names)."""

    NEAREST = "nearest"
    """Copy the input sample whose index is the rounded source coordinate (1 tap)."""
    LINEAR = "linear"
    """Triangle kernel of radius 1: two taps (bilinear in 2D)."""
    CUBIC = "cubic"
    """Keys' cubic kernel of radius 2 with coefficient ``a``: four taps (bicubic in 2D)."""

    def __str__(self) -> str:
        return self.value


_MODE_ALIASES = {"bilinear": ResizeMode.LINEAR, "bicubic": ResizeMode.CUBIC, "nn": ResizeMode.NEAREST}


class Border(str, enum.Enum):
    """Border rule of :func:`sample_bilinear`."""

    CLAMP = "clamp"
    """Neighbours outside the image read the nearest border pixel (``padding_mode="border"``)."""
    ZEROS = "zeros"
    """Neighbours outside the image read 0 (``padding_mode="zeros"``)."""

    def __str__(self) -> str:
        return self.value


#: Border rules of :func:`sample_bilinear`.
BORDER_MODES = tuple(b.value for b in Border)


def parse_mode(mode: Any, *, name: str = "mode") -> ResizeMode:
    """Turn ``"nearest"``, ``"linear"``/``"bilinear"`` or ``"cubic"``/``"bicubic"`` into a :class:`ResizeMode`."""
    return parse_enum(name, mode, ResizeMode, aliases=_MODE_ALIASES)


class Antialias(str, enum.Enum):
    """Which antialiasing filter a downsampling linear/cubic resize applies.

    Both widen the kernel by the downsampling factor ``f = max(N / M, 1)``
    (weights ``kernel((j - x) / f)`` around the source coordinate ``x``) and
    renormalize the weights to sum to 1; they differ at the border.
    """

    PILLOW = "pillow"
    """Pillow's and PyTorch's ``antialias=True``: taps outside ``[0, N)`` are dropped and the
    rest renormalized (also when upsampling, where the kernel is not widened)."""
    ONNX = "onnx"
    """ONNX ``Resize`` with ``antialias=1`` (ONNX Runtime, the reference evaluator): taps
    outside the input are clamped to the border sample (edge replication) before
    renormalizing, unless ``exclude_outside`` drops them."""

    def __str__(self) -> str:
        return self.value


def parse_antialias(antialias: Any, *, name: str = "antialias") -> Antialias | None:
    """``False`` → None (no filter), ``True`` → :attr:`Antialias.PILLOW`, ``"pillow"`` / ``"onnx"`` → that filter.

    Examples
    --------
    >>> parse_antialias(True), parse_antialias("onnx"), parse_antialias(False)
    (<Antialias.PILLOW: 'pillow'>, <Antialias.ONNX: 'onnx'>, None)
    """
    if isinstance(antialias, (bool, np.bool_)):
        return Antialias.PILLOW if antialias else None
    if isinstance(antialias, str) and antialias.strip().lower() in ("true", "false"):
        raise TypeError(
            f"{name} must be a bool (True or False); got {antialias!r} "
            f"(a string; the filters by name are {[a.value for a in Antialias]})"
        )
    if isinstance(antialias, (str, Antialias)):
        return parse_enum(name, antialias, Antialias)
    raise TypeError(
        f"{name} must be a bool or one of {[a.value for a in Antialias]}; got {antialias!r} "
        f"of type {type(antialias).__name__}"
    )


class ResizeWeights(NamedTuple):
    """The sparse interpolation table of a 1D resize ``N → M``.

    Output sample ``i`` is ``sum_t weight[i, t] * input[index[i, t]]``, or
    ``fill`` where ``valid[i]`` is False (only ``tf_crop_and_resize`` has
    invalid outputs: their coordinate lies outside the input).
    """

    # a field named like tuple.index: kept, the explorers and tests read table.index
    index: np.ndarray  # type: ignore[assignment]
    """(M, taps) int64, every entry in ``[0, N - 1]`` (clamped)."""
    weight: np.ndarray
    """(M, taps) float64; each row sums to 1 (0 for invalid rows)."""
    coords: np.ndarray
    """(M,) float64 source coordinates from :func:`~pixelviz.conventions.source_coords`."""
    valid: np.ndarray
    """(M,) bool; False where the output takes ``extrapolation_value``."""


def _cubic_kernel(d: np.ndarray, a: float) -> np.ndarray:
    """Keys' cubic convolution kernel ``W(d)`` with coefficient ``a`` (radius 2)."""
    d = np.abs(d)
    d2, d3 = d * d, d * d * d
    near = (a + 2) * d3 - (a + 3) * d2 + 1
    far = a * d3 - 5 * a * d2 + 8 * a * d - 4 * a
    return np.where(d <= 1, near, np.where(d < 2, far, 0.0))


def _triangle_kernel(d: np.ndarray) -> np.ndarray:
    return np.clip(1.0 - np.abs(d), 0.0, None)


def _antialias_table(
    x: np.ndarray, n_in: int, widen: float, mode: ResizeMode, a: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pillow/PyTorch antialias weights: the kernel widened by ``widen``, window clipped to the input.

    The window of output ``i`` spans input indices ``[floor(x + 1 - r), floor(x + 1 + r))``
    with ``r = radius * widen`` clipped to ``[0, N)``; weights are
    ``kernel((j - x) / widen)``, renormalized to sum to 1 over the window.
    Samples outside the input are dropped, not clamped.
    """
    radius = (1.0 if mode is ResizeMode.LINEAR else 2.0) * widen
    lo = np.maximum(np.floor(x + 1.0 - radius), 0).astype(np.int64)  # [M]
    hi = np.minimum(np.floor(x + 1.0 + radius), n_in).astype(np.int64)  # [M] exclusive
    taps = int(max(np.max(hi - lo), 1))
    j = lo[:, None] + np.arange(taps)[None, :]  # [M,T]
    inside = j < hi[:, None]
    d = (j - x[:, None]) / widen
    w = _triangle_kernel(d) if mode is ResizeMode.LINEAR else _cubic_kernel(d, a)
    w = np.where(inside, w, 0.0)
    total = w.sum(axis=1, keepdims=True)
    w = np.divide(w, total, out=np.zeros_like(w), where=total != 0)
    return np.clip(j, 0, n_in - 1), w


def _antialias_table_onnx(
    x: np.ndarray, n_in: int, widen: float, mode: ResizeMode, a: float, exclude_outside: bool
) -> tuple[np.ndarray, np.ndarray]:
    """ONNX ``antialias=1`` weights: every tap within ``radius * widen`` of ``x``, clamped to the border.

    ONNX's reference (``_linear_coeffs_antialias`` / ``_cubic_coeffs_antialias``)
    weighs input ``j`` by ``kernel((j - x) / widen)`` over the window
    ``|j - x| < radius * widen`` and reads indices outside ``[0, N)`` from the
    nearest border sample; ``exclude_outside`` gives them weight 0 instead.
    """
    radius = (1.0 if mode is ResizeMode.LINEAR else 2.0) * widen
    lo = np.floor(x - radius).astype(np.int64)  # [M] first tap (weight 0 or more)
    taps = int(np.max(np.ceil(x + radius).astype(np.int64) - lo)) + 1
    j = lo[:, None] + np.arange(taps)[None, :]  # [M,T]
    d = (j - x[:, None]) / widen
    w = _triangle_kernel(d) if mode is ResizeMode.LINEAR else _cubic_kernel(d, a)
    if exclude_outside:
        w = np.where((j >= 0) & (j < n_in), w, 0.0)
    total = w.sum(axis=1, keepdims=True)
    w = np.divide(w, total, out=np.zeros_like(w), where=total != 0)
    return np.clip(j, 0, n_in - 1), w


def resize_weights(
    in_size: int,
    out_size: int,
    mode: ResizeMode | str = "linear",
    convention: Convention | str = "half_pixel",
    *,
    rounding: NearestRounding | str = "round_prefer_floor",
    cubic_coeff: float = -0.75,
    antialias: bool | Antialias | str = False,
    scale: float | None = None,
    roi: tuple[float, float] | None = None,
    exclude_outside: bool = False,
    coordinate_dtype: CoordinateDtype | str = "exact",
) -> ResizeWeights:
    """The sparse table of input indices and weights of a 1D resize ``N → M``.

    Parameters are those of :func:`resize`, for one axis (``scale`` and
    ``roi`` scalars / a pair).

    Returns
    -------
    ResizeWeights
        ``index`` (M, taps) int64 clamped to ``[0, N-1]``, ``weight`` (M, taps)
        float64, ``coords`` (M,) the source coordinates, ``valid`` (M,) bool.

    Notes
    -----
    **Convention.** ``coords`` are in input-index units (input sample ``j``
    at ``x = j``). Example: N=4 → M=8, linear, ``half_pixel``: output 0 reads
    ``x = -0.25``, i.e. indices ``(-1, 0)`` with weights ``(0.25, 0.75)``;
    both indices clamp to 0, so output 0 equals input 0.

    Examples
    --------
    >>> t = resize_weights(4, 8, "linear", "half_pixel")
    >>> t.index[0].tolist(), t.weight[0].tolist()
    ([0, 0], [0.25, 0.75])
    >>> t.index[1].tolist(), t.weight[1].tolist()
    ([0, 1], [0.75, 0.25])
    """
    n_in = check_size("in_size", in_size)
    n_out = check_size("out_size", out_size)
    kind = parse_mode(mode)
    conv = parse_convention(convention)
    rule = parse_rounding(rounding)
    a = check_finite_float("cubic_coeff", cubic_coeff)
    aa = parse_antialias(antialias)
    exclude = check_bool("exclude_outside", exclude_outside)
    s = None if scale is None else check_finite_float("scale", scale, positive=True)
    dtype = parse_coordinate_dtype(coordinate_dtype)
    _check_dtype_convention(dtype, conv)
    _check_options(kind, aa, n_in, n_out, s)
    return _resize_weights(n_in, n_out, kind, conv, rule, a, aa, s, _check_roi(roi, conv), exclude, dtype)


def _check_options(kind: ResizeMode, antialias: Antialias | None, n_in: int, n_out: int, scale: float | None) -> None:
    """Checks that need several parsed arguments together (antialias window size included)."""
    if antialias is not None and kind is ResizeMode.NEAREST:
        raise ValueError(
            f"antialias must be False for mode='nearest' (it widens the linear/cubic kernel); got {antialias.value!r}"
        )
    if antialias is not None:
        factor = max((n_in / n_out) if scale is None else 1.0 / scale, 1.0)
        radius = (1.0 if kind is ResizeMode.LINEAR else 2.0) * factor
        check_elements("the antialias table (out_size x window)", int(n_out * min(2 * radius + 2, n_in)), "weights")


@functools.lru_cache(maxsize=128)
def _resize_weights(
    n_in: int,
    n_out: int,
    kind: ResizeMode,
    conv: Convention,
    rule: NearestRounding,
    a: float,
    antialias: Antialias | None,
    scale: float | None,
    roi: tuple[float, float] | None,
    exclude_outside: bool,
    dtype: CoordinateDtype = CoordinateDtype.EXACT,
) -> ResizeWeights:
    """:func:`resize_weights` for parsed arguments; cached, so its arrays are read-only.

    An explorer redraws the same state several times (its frame, its values,
    its title); the cache computes each table once.
    """
    x = _source_coords(n_in, n_out, conv, scale, roi, dtype)  # [M]
    if conv is Convention.TF_CROP_AND_RESIZE:
        valid = (x >= 0) & (x <= n_in - 1)
    else:
        valid = np.ones(n_out, dtype=bool)

    if kind is ResizeMode.NEAREST:
        idx = np.clip(_round_nearest(x, rule), 0, n_in - 1)[:, None]
        w = np.ones((n_out, 1))
    elif antialias is not None:
        # Widen the kernel by the downsampling factor (never narrow it).
        factor = max((n_in / n_out) if scale is None else 1.0 / scale, 1.0)
        if antialias is Antialias.ONNX:
            idx, w = _antialias_table_onnx(x, n_in, factor, kind, a, exclude_outside)
        else:
            idx, w = _antialias_table(x, n_in, factor, kind, a)
    elif kind is ResizeMode.LINEAR:
        x0 = np.floor(x)
        f = x - x0
        j = x0.astype(np.int64)[:, None] + np.arange(2)[None, :]  # [M,2]
        w = np.stack([1.0 - f, f], axis=1)
        idx = np.clip(j, 0, n_in - 1)
    else:
        x0 = np.floor(x)
        j = x0.astype(np.int64)[:, None] + np.arange(-1, 3)[None, :]  # [M,4]
        w = _cubic_kernel(j - x[:, None], a)
        if exclude_outside:
            w = np.where((j >= 0) & (j <= n_in - 1), w, 0.0)
            w = w / w.sum(axis=1, keepdims=True)
        idx = np.clip(j, 0, n_in - 1)
    w = np.where(valid[:, None], w, 0.0)
    table = ResizeWeights(idx.astype(np.int64), w.astype(np.float64), x, valid)
    for arr in table:
        arr.flags.writeable = False
    return table


def _apply_axis(arr: np.ndarray, table: ResizeWeights, axis: int, dtype: np.dtype) -> np.ndarray:
    """Resample ``arr`` along ``axis`` with a sparse table (one gather per tap, in-place accumulation)."""
    shape = [1] * arr.ndim
    shape[axis] = -1
    out = None
    for t in range(table.index.shape[1]):
        w = table.weight[:, t]
        if not np.any(w):
            continue
        term = np.take(arr, table.index[:, t], axis=axis)  # fresh array: safe to modify
        if not np.all(w == 1.0):
            term *= w.astype(dtype).reshape(shape)
        if out is None:
            out = term
        else:
            out += term
    if out is None:  # every weight is zero (all outputs outside a crop)
        out_shape = list(arr.shape)
        out_shape[axis] = table.index.shape[0]
        out = np.zeros(out_shape, dtype=dtype)
    return out


def _per_axis(name: str, value: Any, ndim: int, *, pair: bool = False) -> list:
    """Split a scalar/pair option into one value per spatial axis."""
    if value is None:
        return [None] * ndim
    if ndim == 1:
        return [value]
    if pair:
        if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, (tuple, list)) for v in value):
            return list(value)
        raise ValueError(f"{name} must be ((y_start, y_end), (x_start, x_end)) for a 2D image; got {value!r}")
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be a number or a (y, x) pair for a 2D image; got {value!r}")
        return list(value)
    return [value, value]


def resize(
    image: Any,
    size: int | Sequence[int],
    mode: ResizeMode | str = "linear",
    convention: Convention | str = "half_pixel",
    *,
    rounding: NearestRounding | str = "round_prefer_floor",
    cubic_coeff: float = -0.75,
    antialias: bool | Antialias | str = False,
    scale: float | Sequence[float] | None = None,
    roi: Any = None,
    exclude_outside: bool = False,
    extrapolation_value: float = 0.0,
    coordinate_dtype: CoordinateDtype | str = "exact",
) -> np.ndarray:
    """Resize a 1D signal or a 2D image under any grid convention (numpy reference).

    Parameters
    ----------
    image : array_like of shape (N,), (H, W) or (H, W, C)
        Samples; a 1D array is a signal, a 3D array has channels last.
        Floating inputs keep their dtype; others are computed in float64.
    size : int or (int, int)
        Output length ``M`` for a 1D signal, ``(h, w)`` for an image; >= 1.
    mode : {"nearest", "linear", "cubic"}
        Interpolation kernel (``"bilinear"`` / ``"bicubic"`` also accepted).
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode``; see
        :func:`~pixelviz.conventions.source_coords` for each map.
    rounding : NearestRounding or str
        Only for ``mode="nearest"``: how a source coordinate becomes an index
        (ONNX ``nearest_mode``).
    cubic_coeff : float
        Keys' ``a`` for ``mode="cubic"``: -0.75 for PyTorch, OpenCV and ONNX;
        -0.5 for Pillow and PyTorch's ``antialias=True``.
    antialias : bool or {"pillow", "onnx"}
        When downsampling by a factor ``f > 1``, widen the kernel by ``f``
        (triangle of radius ``f`` for linear). ``"pillow"`` (or ``True``):
        Pillow's and PyTorch's ``antialias=True``, samples outside the input
        dropped and the weights renormalized instead of clamped. ``"onnx"``:
        ONNX ``Resize(antialias=1)``, samples outside clamped to the border
        (:class:`Antialias`). They differ near the border: up to 0.05 for
        linear 20 → 7 under ``half_pixel``.
    scale : float or (float, float), optional
        Scale factor per axis, passed to ``source_coords`` (default ``M / N``).
    roi : (start, end) or ((y0, y1), (x0, x1)), optional
        Normalized region of interest, only for ``tf_crop_and_resize``.
    exclude_outside : bool
        Cubic only: give zero weight to taps outside the input and
        renormalize (ONNX ``exclude_outside=1``) instead of clamping them.
    extrapolation_value : float
        Output value where a ``tf_crop_and_resize`` coordinate falls outside
        ``[0, N - 1]`` (ONNX's attribute of that name).
    coordinate_dtype : {"exact", "float32", "float32_torch"}
        Arithmetic of the source coordinates
        (:class:`~pixelviz.conventions.CoordinateDtype`): ``"exact"``
        (default) keeps ties exact; ``"float32"`` as ONNX Runtime,
        ``"float32_torch"`` as PyTorch, which round some exact ties of
        ``mode="nearest"`` the other way.

    Returns
    -------
    ndarray, shape (M,), (h, w) or (h, w, C)
        Same float dtype as ``image`` (float64 for integer input).

    Raises
    ------
    TypeError, ValueError
        Naming the argument: wrong ndim, ``size`` not a positive int (pair),
        unknown mode / convention / rounding, NaN or non-positive scale,
        ``antialias`` with nearest.

    Notes
    -----
    **Convention.** Output index ``i`` on an axis of ``N → M`` samples reads
    the source coordinate ``x = source_coords(N, M, convention)[i]`` in
    input-index units. Example: N=4 → M=8 under ``half_pixel``, output 0
    reads ``x = -0.25``.

    **Border.** Indices outside ``[0, N - 1]`` are clamped to the nearest
    border sample (border replication), as PyTorch, OpenCV and ONNX Runtime
    do; with ``antialias`` or ``exclude_outside`` they are dropped instead.

    **Degenerate sizes.** Under ① (``align_corners``) an output of length 1
    reads ``x = 0`` (the first sample) and an input of length 1 is copied to
    every output, as PyTorch and ONNX Runtime do.

    Examples
    --------
    >>> resize(np.array([0.0, 1.0, 2.0, 3.0]), 8).tolist()
    [0.0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.0]
    >>> resize(np.array([0.0, 1.0, 2.0]), 5, convention="align_corners").tolist()
    [0.0, 0.5, 1.0, 1.5, 2.0]
    """
    arr = _check_image(image)
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
    arr = arr.astype(dtype, copy=False)
    n_axes = 1 if arr.ndim == 1 else 2
    if n_axes == 1:
        sizes = [check_size("size", size)]
    else:
        if isinstance(size, (str, bytes)) or not isinstance(size, (tuple, list)) or len(size) != 2:
            raise TypeError(f"size must be an (h, w) pair of ints for a 2D image; got {size!r}")
        sizes = [check_size("size[0]", size[0]), check_size("size[1]", size[1])]
    channels = arr.shape[2] if arr.ndim == 3 else 1
    check_elements("the output (size x channels)", int(np.prod(sizes)) * channels)
    kind = parse_mode(mode)
    conv = parse_convention(convention)
    rule = parse_rounding(rounding)
    a = check_finite_float("cubic_coeff", cubic_coeff)
    aa = parse_antialias(antialias)
    exclude = check_bool("exclude_outside", exclude_outside)
    dtype_c = parse_coordinate_dtype(coordinate_dtype)
    _check_dtype_convention(dtype_c, conv)
    scales = [
        None if v is None else check_finite_float(name, v, positive=True)
        for name, v in zip(_axis_names("scale", n_axes), _per_axis("scale", scale, n_axes))
    ]
    rois = [None if v is None else _check_roi(v, conv) for v in _per_axis("roi", roi, n_axes, pair=True)]
    fill = check_finite_float("extrapolation_value", extrapolation_value)
    for ax in range(n_axes):
        _check_options(kind, aa, arr.shape[ax], sizes[ax], scales[ax])
    tables = [
        _resize_weights(arr.shape[ax], sizes[ax], kind, conv, rule, a, aa, scales[ax], rois[ax], exclude, dtype_c)
        for ax in range(n_axes)
    ]
    out = arr
    # Shrink first: apply the axis with the smaller output/input ratio first.
    order = sorted(range(n_axes), key=lambda ax: sizes[ax] / arr.shape[ax])
    for ax in order:
        out = _apply_axis(out, tables[ax], ax, dtype)
    invalid = [~t.valid for t in tables]
    if any(v.any() for v in invalid):
        mask = invalid[0] if n_axes == 1 else (invalid[0][:, None] | invalid[1][None, :])
        out = out.copy()
        out[mask] = fill
    return np.ascontiguousarray(out)


def _axis_names(name: str, n_axes: int) -> list[str]:
    return [name] if n_axes == 1 else [f"{name}[0]", f"{name}[1]"]


def _check_image(image: Any) -> NDArray[Any]:
    """A non-empty real (N,), (H, W) or (H, W, C) array; integer and bool inputs are kept for the caller to cast."""
    if image is None or isinstance(image, (str, bytes, dict)):
        raise TypeError(f"image must be an array of numbers; got {image!r} of type {type(image).__name__}")
    try:
        arr = np.asarray(image)
    except (TypeError, ValueError):
        raise TypeError(f"image must be an array of numbers (not ragged); got {type(image).__name__}") from None
    if arr.dtype.kind == "c":
        raise TypeError(f"image must hold real numbers; got complex values (dtype {arr.dtype})")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"image must be an array of numbers; got dtype {arr.dtype}")
    if arr.ndim not in (1, 2, 3):
        raise ValueError(f"image must have shape (N,), (H, W) or (H, W, C); got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"image must not be empty; got shape {arr.shape}")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"image must contain only finite numbers; got NaN or inf in shape {arr.shape}")
    return arr


def sample_bilinear(image: Any, xy: Any, *, origin: Origin | str = "corners", border: str = "clamp") -> np.ndarray:
    """Bilinear interpolation of an image at continuous points.

    Parameters
    ----------
    image : array_like, shape (H, W) or (H, W, C)
        The samples; pixel ``(r, c)`` is one sample of the image.
    xy : array_like of float, shape (..., 2)
        Points as ``(x, y)`` (column coordinate first), in the coordinates
        given by ``origin``.
    origin : {"corners", "centers"}
        ``"corners"`` (default, pixelviz's choice): pixel ``(r, c)`` covers
        ``[c, c+1) x [r, r+1)`` and its center is ``(c + 0.5, r + 0.5)``.
        ``"centers"``: the center of pixel ``(r, c)`` is ``(c, r)``
        (``grid_sample(align_corners=True)`` after un-normalizing,
        ``scipy.ndimage.map_coordinates``).
    border : {"clamp", "zeros"}
        ``"clamp"``: neighbours outside the image are replaced by the nearest
        border pixel (``grid_sample(padding_mode="border")``).
        ``"zeros"``: neighbours outside the image contribute 0
        (``grid_sample(padding_mode="zeros")``), so the value fades to 0
        within one pixel outside the image.

    Returns
    -------
    ndarray of float64, shape (...) or (..., C)

    Notes
    -----
    **Convention.** A point is first converted to integer-center coordinates
    with :func:`~pixelviz.conventions.convert_origin` (``u = x - 0.5`` from
    corners), then interpolated between the pixels ``floor(u)`` and
    ``floor(u) + 1``. Example: on a 1×2 image ``[[0, 10]]``, the point
    ``(1.0, 0.5)`` (the boundary between the two pixels) reads ``u = 0.5``:
    the value 5. The point ``(0.5, 0.5)`` is the center of pixel 0: value 0.

    Examples
    --------
    >>> img = np.array([[0.0, 10.0]])
    >>> sample_bilinear(img, [[1.0, 0.5], [0.5, 0.5], [0.0, 0.5]]).tolist()
    [5.0, 0.0, 0.0]
    >>> sample_bilinear(img, [[0.0, 0.5]], border="zeros").tolist()
    [0.0]
    >>> sample_bilinear(img, [[2.0, 0.5]], border="zeros").tolist()
    [5.0]
    """
    img = check_finite_array("image", image)
    if img.ndim not in (2, 3) or img.shape[0] == 0 or img.shape[1] == 0:
        raise ValueError(f"image must have shape (H, W) or (H, W, C) with H, W >= 1; got shape {img.shape}")
    pts = check_finite_array("xy", xy)
    if pts.ndim == 0 or pts.shape[-1] != 2:
        raise ValueError(f"xy must have shape (..., 2); got shape {pts.shape}")
    src = parse_origin(origin)
    rule = parse_enum("border", border, Border)
    check_elements("the samples (points x channels)", pts.size // 2 * (img.shape[2] if img.ndim == 3 else 1))
    return _sample_bilinear(img, pts + _shift(src, Origin.CENTERS), rule)


def _sample_bilinear(img: NDArray[np.float64], uv: NDArray[np.float64], border: Border) -> NDArray[np.float64]:
    """:func:`sample_bilinear` at index coordinates ``uv`` (..., 2) (pixel ``(r, c)`` at ``(c, r)``)."""
    h, w = img.shape[:2]
    u, v = uv[..., 0], uv[..., 1]
    c0, r0 = np.floor(u), np.floor(v)
    fc, fr = u - c0, v - r0
    c0, r0 = c0.astype(np.int64), r0.astype(np.int64)
    out = 0.0
    for dr, wr in ((0, 1.0 - fr), (1, fr)):
        for dc, wc in ((0, 1.0 - fc), (1, fc)):
            r, c = r0 + dr, c0 + dc
            wgt = wr * wc  # [...]
            if border is Border.ZEROS:
                wgt = np.where((r >= 0) & (r < h) & (c >= 0) & (c < w), wgt, 0.0)
            vals = img[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]  # [...] or [...,C]
            out = out + (wgt[..., None] if img.ndim == 3 else wgt) * vals
    return np.asarray(out, dtype=np.float64)
