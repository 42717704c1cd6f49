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
import math
from typing import Any, Sequence

import numpy as np

from ._validate import check_finite_float, check_positive_int

__all__ = [
    "Convention",
    "GRID_CONVENTIONS",
    "RESIZE_CONVENTIONS",
    "NearestRounding",
    "Origin",
    "parse_convention",
    "parse_rounding",
    "parse_origin",
    "sample_positions",
    "source_coords",
    "scaled_size",
    "round_nearest",
    "index_to_coord",
    "coord_to_index",
    "convert_origin",
]


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

    def __str__(self) -> str:  # so f"{conv}" prints the ONNX name
        return self.value


#: The article's three grids, in its order ① ② ③.
GRID_CONVENTIONS: tuple[Convention, ...] = (
    Convention.ALIGN_CORNERS,
    Convention.HALF_PIXEL,
    Convention.ASYMMETRIC,
)

#: Every ONNX ``coordinate_transformation_mode``.
RESIZE_CONVENTIONS: tuple[Convention, ...] = tuple(Convention)

_ALIASES = {
    "①": Convention.ALIGN_CORNERS, "1": Convention.ALIGN_CORNERS,
    "alignedcorners": Convention.ALIGN_CORNERS, "aligncorners": Convention.ALIGN_CORNERS,
    "②": Convention.HALF_PIXEL, "2": Convention.HALF_PIXEL, "halfpixel": Convention.HALF_PIXEL,
    "③": Convention.ASYMMETRIC, "3": Convention.ASYMMETRIC, "asymmetric": Convention.ASYMMETRIC,
    "pytorchhalfpixel": Convention.PYTORCH_HALF_PIXEL,
    "halfpixelsymmetric": Convention.HALF_PIXEL_SYMMETRIC,
    "tfcropandresize": Convention.TF_CROP_AND_RESIZE,
}


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def parse_convention(convention: Any, *, allowed: Sequence[Convention] | None = None,
                     name: str = "convention") -> Convention:
    """Turn a user's spelling of a convention into a :class:`Convention`.

    Parameters
    ----------
    convention : Convention, str or int
        ``Convention.HALF_PIXEL``, an ONNX name (``"half_pixel"``), a
        hyphen/space variant (``"half-pixel"``), the article's symbol
        (``"②"``) or number (``2``).
    allowed : sequence of Convention, optional
        Restrict to these conventions (e.g. :data:`GRID_CONVENTIONS`).
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
    allowed_list = list(RESIZE_CONVENTIONS if allowed is None else allowed)
    names = [c.value for c in allowed_list]
    if isinstance(convention, Convention):
        conv = convention
    elif isinstance(convention, bool):
        raise TypeError(f"{name} must be a convention name such as {names}; got {convention!r}")
    elif isinstance(convention, (int, np.integer)):
        conv = _ALIASES.get(str(int(convention)))
        if conv is None:
            raise ValueError(f"{name} must be 1, 2 or 3 (the article's ①②③) or one of {names}; got {convention!r}")
    elif isinstance(convention, str):
        key = convention.strip().lower()
        try:
            conv = Convention(key)
        except ValueError:
            conv = _ALIASES.get(key.replace("_", "").replace("-", "").replace(" ", ""))
        if conv is None:
            raise ValueError(f"{name} must be one of {names}; got {convention!r}"
                             f"{_did_you_mean(key, names)}")
    else:
        raise TypeError(f"{name} must be a convention name such as {names}; "
                        f"got {convention!r} of type {type(convention).__name__}")
    if conv not in allowed_list:
        raise ValueError(f"{name} must be one of {names} here; got {conv.value!r}")
    return conv


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
    if isinstance(rounding, NearestRounding):
        return rounding
    names = [r.value for r in NearestRounding]
    if not isinstance(rounding, str):
        raise TypeError(f"{name} must be one of {names}; got {rounding!r}")
    key = rounding.strip().lower().replace("-", "_")
    try:
        return NearestRounding(key)
    except ValueError:
        raise ValueError(f"{name} must be one of {names}; got {rounding!r}{_did_you_mean(key, names)}") from None


def round_nearest(x: Any, rounding: NearestRounding | str) -> np.ndarray:
    """Round source coordinates to integer indices by an ONNX ``nearest_mode``.

    Parameters
    ----------
    x : array_like of float
        Source coordinates in input-index units.
    rounding : NearestRounding or str
        ``"round_prefer_floor"``, ``"round_prefer_ceil"``, ``"floor"`` or ``"ceil"``.

    Returns
    -------
    ndarray of int64, same shape as ``x``
        Unclamped indices (clamp them to ``[0, N-1]`` yourself).

    Examples
    --------
    >>> round_nearest([0.5, 1.5, 2.2], "round_prefer_floor").tolist()
    [0, 1, 2]
    >>> round_nearest([0.5, 1.5, 2.2], "round_prefer_ceil").tolist()
    [1, 2, 2]
    """
    rule = parse_rounding(rounding)
    x = np.asarray(x, dtype=np.float64)
    if rule is NearestRounding.ROUND_PREFER_FLOOR:
        out = np.ceil(x - 0.5)
    elif rule is NearestRounding.ROUND_PREFER_CEIL:
        out = np.floor(x + 0.5)
    elif rule is NearestRounding.FLOOR:
        out = np.floor(x)
    else:
        out = np.ceil(x)
    return out.astype(np.int64)


def sample_positions(n: int, convention: Convention | str, length: float = 1.0) -> np.ndarray:
    """Where the ``n`` samples of a signal on ``[0, length]`` sit, under a grid convention.

    Parameters
    ----------
    n : int
        Number of samples (pixels), ``n >= 1``; ``n >= 2`` under ①, whose
        stride ``length / (n - 1)`` is undefined for a single sample.
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
    n = check_positive_int("n", n)
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    length = check_finite_float("length", length, positive=True)
    k = np.arange(n, dtype=np.float64)
    if conv is Convention.ALIGN_CORNERS:
        if n == 1:
            raise ValueError("n must be >= 2 under align_corners (①): its stride L/(n-1) is undefined for n=1; got 1")
        return k * (length / (n - 1))
    if conv is Convention.HALF_PIXEL:
        return (k + 0.5) * (length / n)
    return k * (length / n)


def source_coords(in_size: int, out_size: int, convention: Convention | str, *,
                  scale: float | None = None,
                  roi: tuple[float, float] | None = None) -> np.ndarray:
    """Map each output index of an ``in_size → out_size`` resize to an input coordinate.

    Parameters
    ----------
    in_size, out_size : int
        Number of input samples ``N`` and output samples ``M`` (both >= 1).
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode`` (see :class:`Convention`).
    scale : float, optional
        The scale factor ``s`` used by the formulas that divide by it
        (``half_pixel``, ``pytorch_half_pixel``, ``half_pixel_symmetric``,
        ``asymmetric``). Defaults to ``M / N``. Pass it when a library was
        given a scale factor rather than a size (PyTorch's
        ``scale_factor=`` with ``recompute_scale_factor=False``, ONNX's
        ``scales`` input): then ``M = floor(N s)`` and ``s`` may differ from
        ``M / N``.
    roi : (float, float), optional
        ``(start, end)`` in normalized input coordinates, only for
        ``tf_crop_and_resize`` (default ``(0, 1)``, the whole input).

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
        For non-integer or non-positive sizes, a non-finite or non-positive
        ``scale``, an unknown convention, or ``roi`` with another convention.

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
    n_in = check_positive_int("in_size", in_size)
    n_out = check_positive_int("out_size", out_size)
    conv = parse_convention(convention)
    s = n_out / n_in if scale is None else check_finite_float("scale", scale, positive=True)
    if roi is not None and conv is not Convention.TF_CROP_AND_RESIZE:
        raise ValueError(f"roi is only used by tf_crop_and_resize; got roi={roi!r} with convention={conv.value!r}")
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
    start = check_finite_float("roi[0]", start)
    end = check_finite_float("roi[1]", end)
    if n_out == 1:
        return np.full(1, 0.5 * (start + end) * (n_in - 1))
    # one division, so the last output of roi (0, 1) lands exactly on N - 1
    # (i * ((N-1)/(M-1)) gives 47.00000000000001 for N=48, M=24: "outside")
    return (start * (n_in - 1) * (n_out - 1) + i * ((end - start) * (n_in - 1))) / (n_out - 1)


def scaled_size(in_size: int, scale: float) -> int:
    """Output length when a library is given a scale factor instead of a size.

    PyTorch (``scale_factor=``) and ONNX ``Resize`` (``scales``) both produce
    ``M = floor(N * s)`` samples; pass the same ``s`` to :func:`source_coords`
    as ``scale=`` to get the map they then use.

    Parameters
    ----------
    in_size : int
        Input length ``N >= 1``.
    scale : float
        Scale factor ``s > 0``.

    Returns
    -------
    int
        ``floor(N * s)`` (a product within 1e-9 of an integer counts as that
        integer, so ``3 * 0.1 * 10`` style rounding does not lose a sample).

    Raises
    ------
    ValueError
        If the product is below 1 (no output sample).

    Examples
    --------
    >>> scaled_size(5, 1.5), scaled_size(4, 0.75), scaled_size(3, 2.5)
    (7, 3, 7)
    """
    n_in = check_positive_int("in_size", in_size)
    s = check_finite_float("scale", scale, positive=True)
    m = int(math.floor(n_in * s + 1e-9))
    if m < 1:
        raise ValueError(f"scale must give at least one output sample (floor(in_size * scale) >= 1); "
                         f"got in_size={n_in}, scale={s!r}")
    return m


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


def parse_origin(origin: Any, *, name: str = "origin") -> Origin:
    """Turn ``"corners"`` / ``"centers"`` (or singular forms) into an :class:`Origin`."""
    if isinstance(origin, Origin):
        return origin
    if not isinstance(origin, str):
        raise TypeError(f"{name} must be 'corners' or 'centers'; got {origin!r}")
    key = origin.strip().lower()
    for o in Origin:
        if key in (o.value, o.value[:-1], "integer " + o.value, "integer_" + o.value):
            return o
    raise ValueError(f"{name} must be 'corners' or 'centers'; got {origin!r}")


#: Offset of a pixel center from its index under each origin.
_CENTER_OFFSET = {Origin.CORNERS: 0.5, Origin.CENTERS: 0.0}


def index_to_coord(index: Any, origin: Origin | str = Origin.CORNERS) -> np.ndarray:
    """Continuous coordinate of the center of pixel ``index``.

    Parameters
    ----------
    index : array_like of int
        Pixel indices (any shape).
    origin : Origin or str
        ``"corners"`` (default): center at ``index + 1/2``.
        ``"centers"``: center at ``index``.

    Returns
    -------
    ndarray of float64, same shape as ``index``

    Examples
    --------
    >>> index_to_coord([0, 3]).tolist()
    [0.5, 3.5]
    >>> index_to_coord([0, 3], "centers").tolist()
    [0.0, 3.0]
    """
    o = parse_origin(origin)
    idx = np.asarray(index)
    if not np.issubdtype(idx.dtype, np.integer):
        if not np.issubdtype(idx.dtype, np.number) or not np.all(np.isfinite(idx)) or \
                not np.all(np.asarray(idx, dtype=np.float64) == np.floor(np.asarray(idx, dtype=np.float64))):
            raise ValueError(f"index must contain integers; got {index!r}")
    return idx.astype(np.float64) + _CENTER_OFFSET[o]


def coord_to_index(coord: Any, origin: Origin | str = Origin.CORNERS) -> np.ndarray:
    """Index of the pixel that contains the continuous point ``coord``.

    Parameters
    ----------
    coord : array_like of float
        Continuous coordinates (any shape), finite.
    origin : Origin or str
        ``"corners"`` (default): ``floor(coord)``.
        ``"centers"``: ``floor(coord + 1/2)`` (pixel ``i`` covers
        ``[i - 1/2, i + 1/2)``).

    Returns
    -------
    ndarray of int64, same shape as ``coord``

    Examples
    --------
    >>> coord_to_index([0.0, 0.99, 3.5]).tolist()
    [0, 0, 3]
    >>> coord_to_index([0.49, 0.5], "centers").tolist()
    [0, 1]
    """
    o = parse_origin(origin)
    x = np.asarray(coord, dtype=np.float64)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"coord must be finite; got {coord!r}")
    return np.floor(x - _CENTER_OFFSET[o] + 0.5).astype(np.int64)


def convert_origin(coord: Any, source: Origin | str, target: Origin | str) -> np.ndarray:
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
    x = np.asarray(coord, dtype=np.float64)
    return x + (_CENTER_OFFSET[dst] - _CENTER_OFFSET[src])

