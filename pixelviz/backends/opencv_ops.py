"""OpenCV: ``cv2.resize`` as resize backends, and the OpenCV functions that take absolute coordinates.

Every call of OpenCV (``cv2``) in pixelviz is in this module, imported inside
each function. Coordinates are pixelviz's **integer corners** unless an
``origin=`` argument says otherwise; OpenCV itself reads integer centers.

=================================  =============================================
function                           what it wraps
=================================  =============================================
:func:`find_contour`               ``cv2.findContours``: vertices are pixel indices
:func:`contour_area`               ``cv2.contourArea`` of a polygon
:func:`warp_affine`                ``cv2.warpAffine`` (its matrix is read in centers)
:func:`remap`                      ``cv2.remap`` (samples at integer-center coords)
:func:`rasterize_polygon`          ``cv2.fillPoly`` (sub-pixel via ``shift``)
=================================  =============================================
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_binary_mask, check_choice, check_image, check_int, check_size_pair
from ..conventions import Origin, convert_origin, parse_origin
from ..geometry import affine_convert_origin, as_points, as_polygon, convert_polygon_origin
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = [
    "make_resize",
    "find_contour",
    "contour_area",
    "warp_affine",
    "remap",
    "rasterize_polygon",
    "make_downscale",
    "make_point_sampler",
]


#: The ``cv2.resize`` interpolation flags a backend may name.
INTER_FLAGS = (
    "INTER_NEAREST",
    "INTER_NEAREST_EXACT",
    "INTER_LINEAR",
    "INTER_LINEAR_EXACT",
    "INTER_CUBIC",
    "INTER_AREA",
    "INTER_LANCZOS4",
)


def make_resize(flag_name: str) -> Factory:
    """``fn(x, size)`` calling ``cv2.resize`` with ``interpolation=cv2.<flag_name>``."""
    flag_name = check_choice("flag_name", flag_name, INTER_FLAGS)

    def factory():
        import cv2

        flag = getattr(cv2, flag_name)

        def fn(x, size):
            img = np.ascontiguousarray(x, dtype=np.float32)[None, :]  # [1, N]
            return cv2.resize(img, (size, 1), interpolation=flag)[0]  # dsize is (width, height)

        return fn

    return factory


# The article's table: LINEAR/CUBIC ②, NEAREST "buggy, none of the above", NEAREST_EXACT ②.
_ROWS = [
    ("nearest", "INTER_NEAREST", "buggy"),
    ("nearest_exact", "INTER_NEAREST_EXACT", "②"),
    ("linear", "INTER_LINEAR", "②"),
    ("cubic", "INTER_CUBIC", "②"),
    ("area", "INTER_AREA", None),
    ("lanczos4", "INTER_LANCZOS4", None),
]
register(
    *[
        Backend(f"opencv.resize.{key}", "OpenCV", "cv2", "cv2.resize", flag, make_resize(flag), article)
        for key, flag, article in _ROWS
    ]
)


def find_contour(mask: ArrayLike, origin: Origin | str = Origin.CENTERS) -> NDArray[np.float64]:
    """The outer contour that ``cv2.findContours`` returns for a single blob.

    ``cv2.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_NONE)`` returns, for
    each connected blob, the ordered indices ``(col, row)`` of its boundary
    pixels: a polygon through the *centers* of the boundary pixels, written
    as integer indices.

    Parameters
    ----------
    mask : array_like of 0/1 or bool, shape (H, W)
        Exactly one 8-connected blob.
    origin : Origin or str
        ``"centers"`` (default): OpenCV's raw output, vertices at pixel
        indices. ``"corners"``: the same polygon plus 1/2, on the pixel
        centers in pixelviz's coordinates.

    Returns
    -------
    ndarray of float64, shape (K, 2)
        One vertex per boundary pixel, in order.

    Raises
    ------
    ValueError
        If the mask is not 2D 0/1 or does not hold exactly one blob.

    Notes
    -----
    **Convention.** A single pixel at row 3, column 2 gives the raw contour
    ``[[2, 3]]`` (a degenerate 1-vertex polygon; this function then raises).
    A 2 x 2 block at rows 0-1, cols 0-1 gives ``(0,0), (0,1), (1,1), (1,0)``
    (centers) and ``(0.5,0.5), ...`` after +1/2 (corners).
    """
    import cv2

    m = check_binary_mask("mask", mask)
    o = parse_origin(origin)
    contours, _ = cv2.findContours(m.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if len(contours) != 1:
        raise ValueError(f"mask must hold exactly one blob; got {len(contours)}")
    poly = contours[0].reshape(-1, 2).astype(np.float64)
    if len(poly) < 3:
        raise ValueError(
            f"mask's blob must be at least 2 pixels across to have a contour polygon; "
            f"got a contour of {len(poly)} vertices"
        )
    return convert_polygon_origin(poly, Origin.CENTERS, o)


def contour_area(polygon: ArrayLike) -> float:
    """``cv2.contourArea`` of a polygon's ``(K, 2)`` or ``(2K,)`` vertices (as float32; any origin)."""
    import cv2

    p = as_polygon(polygon)
    return float(cv2.contourArea(p.astype(np.float32).reshape(-1, 1, 2)))


def warp_affine(
    image: ArrayLike, matrix: ArrayLike, dsize: tuple[int, int], *, origin: Origin | str = Origin.CENTERS
) -> NDArray[np.float32]:
    """``cv2.warpAffine`` (bilinear, replicated border) with a matrix in either origin.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    matrix : array_like, shape (2, 3) or (3, 3)
        Forward map from input to output coordinates.
    dsize : (int, int)
        Output ``(width, height)``, OpenCV's order.
    origin : Origin or str
        The origin ``matrix`` is written in. ``"centers"`` passes it to OpenCV
        unchanged (OpenCV's own reading); ``"corners"`` first conjugates it
        with :func:`pixelviz.geometry.affine_convert_origin`.

    Returns
    -------
    ndarray of float32, shape (height, width)

    Notes
    -----
    **Convention.** A 2x upscale ``[[2, 0, 0], [0, 2, 0]]`` of the row
    ``[0, 10, 20]``: read in centers, output pixel 1 is input coordinate
    ``1/2`` → 5; read in corners, output pixel 1's center ``1.5`` comes from
    input coordinate ``0.75``, the input index ``0.25`` → 2.5, which is what
    ``cv2.resize`` returns.
    """
    import cv2

    img = check_image("image", image).astype(np.float32)
    m = affine_convert_origin(matrix, parse_origin(origin), Origin.CENTERS)[:2]
    w, h = check_size_pair("dsize", dsize)
    out = cv2.warpAffine(img, m.astype(np.float32), (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(out, dtype=np.float32)


def remap(image: ArrayLike, points: ArrayLike, *, origin: Origin | str = Origin.CORNERS) -> NDArray[np.float32]:
    """Sample ``image`` bilinearly at ``points`` with ``cv2.remap``.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    points : array_like, shape (N, 2)
        ``(x, y)`` sample positions written in ``origin``.
    origin : Origin or str
        The origin of ``points``. They are converted to integer centers, the
        coordinates ``cv2.remap``'s maps are read in.

    Returns
    -------
    ndarray of float32, shape (N,)

    Notes
    -----
    **Convention.** Sampling the row ``[0, 10, 20]`` at x = 1 gives 10 when
    1 is read in centers (pixel 1's center) and 5 when it is read in
    corners (the edge between pixels 0 and 1).
    """
    import cv2

    img = check_image("image", image).astype(np.float32)
    p = convert_origin(as_points(points), parse_origin(origin), Origin.CENTERS).reshape(-1, 2)
    if len(p) > 32767:  # OpenCV's maps are images: at most SHRT_MAX wide
        raise ValueError(f"points must hold at most 32767 points; got {len(p)}")
    mx = p[:, 0].astype(np.float32).reshape(1, -1)
    my = p[:, 1].astype(np.float32).reshape(1, -1)
    if len(p) == 0:
        return np.zeros(0, np.float32)
    return np.asarray(cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), np.float32).reshape(-1)


def rasterize_polygon(
    polygon: ArrayLike, shape: tuple[int, int], *, origin: Origin | str = Origin.CORNERS, shift: int = 8
) -> NDArray[np.bool_]:
    """Rasterize a polygon with ``cv2.fillPoly``, keeping sub-pixel vertices.

    ``fillPoly`` takes int32 vertices in integer centers; ``shift`` bits of
    fixed point keep ``1/2**shift`` of a pixel.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices written in ``origin``.
    shape : (int, int)
        ``(H, W)``.
    origin : Origin or str
        Origin of ``polygon``; converted to centers before drawing.
    shift : int
        Fractional bits, ``0 <= shift <= 16``.

    Returns
    -------
    ndarray of bool, shape (H, W)
    """
    import cv2

    p = convert_polygon_origin(polygon, parse_origin(origin), Origin.CENTERS)
    h, w = check_size_pair("shape", shape)
    s = check_int("shift", shift, minimum=0, maximum=16)
    if np.max(np.abs(p)) * (1 << s) >= 2**31:
        raise ValueError(f"polygon must fit int32 after the {s}-bit shift; got coordinates up to {np.max(np.abs(p)):g}")
    pts = np.round(p * (1 << s)).astype(np.int32).reshape(-1, 1, 2)
    out = np.zeros((h, w), np.uint8)
    cv2.fillPoly(out, [pts], 1, lineType=cv2.LINE_8, shift=s)
    return out.astype(bool)


def make_downscale(flag_name: str) -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``cv2.resize(image, (w, h), interpolation=cv2.<flag_name>)`` on float32."""
    flag_name = check_choice("flag_name", flag_name, INTER_FLAGS)

    def factory():
        import cv2

        flag = getattr(cv2, flag_name)

        def fn(img, shape):
            return cv2.resize(np.ascontiguousarray(img, dtype=np.float32), (shape[1], shape[0]), interpolation=flag)

        return fn

    return factory


# The everyday downscale calls: INTER_LINEAR (no filter, OpenCV's default) and INTER_AREA (a box filter).
register_downscale(
    Downscaler(
        "opencv.inter_linear",
        "OpenCV",
        "cv2",
        "cv2.resize INTER_LINEAR",
        make_downscale("INTER_LINEAR"),
        False,
        "cv2\nINTER_LINEAR",
    ),
    Downscaler(
        "opencv.inter_area",
        "OpenCV",
        "cv2",
        "cv2.resize INTER_AREA",
        make_downscale("INTER_AREA"),
        True,
        "cv2\nINTER_AREA",
    ),
)


#: OpenCV calls wrapped as point samplers ``fn(image, points)`` for the origin probe.
POINT_OPS = ("remap", "getRectSubPix", "warpAffine")


def make_point_sampler(op: str, interpolation: str = "INTER_LINEAR") -> Factory:
    """``fn(image, points)`` calling OpenCV with the points unchanged, as its docs describe them.

    * ``remap``: ``cv2.remap(image, map_x, map_y, interpolation)`` with the
      points' x and y as the maps (zeros outside, ``BORDER_CONSTANT``).
    * ``getRectSubPix``: a 1x1 patch centred at each point (replicated border).
    * ``warpAffine``: a 1x1 output whose pixel (0, 0) is mapped by the
      inverse matrix ``[[0, 0, x], [0, 0, y]]`` to the point (zeros outside).

    OpenCV's bilinear weights are fixed-point (1/32 of a pixel), so fits of
    these samplers have residuals up to 1/64.
    """
    op = check_choice("op", op, POINT_OPS)
    interpolation = check_choice("interpolation", interpolation, ("INTER_NEAREST", "INTER_LINEAR", "INTER_CUBIC"))

    def factory():
        import cv2

        flag = getattr(cv2, interpolation)

        def fn(image, points):
            img = np.asarray(image, np.float32)
            p = np.asarray(points, np.float64).reshape(-1, 2)
            if op == "remap":
                mx, my = p[:, 0].astype(np.float32)[None], p[:, 1].astype(np.float32)[None]
                return cv2.remap(img, mx, my, flag, borderMode=cv2.BORDER_CONSTANT).reshape(-1)
            if op == "getRectSubPix":
                return np.array([cv2.getRectSubPix(img, (1, 1), (float(x), float(y)))[0, 0] for x, y in p])
            out = []
            for x, y in p:
                m = np.array([[0.0, 0.0, x], [0.0, 0.0, y]], np.float64)
                out.append(cv2.warpAffine(img, m, (1, 1), flags=flag | cv2.WARP_INVERSE_MAP)[0, 0])
            return np.array(out)

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"opencv.remap.{i.split('_')[1].lower()}",
            "OpenCV",
            "cv2",
            "cv2.remap",
            i,
            "points",
            make_point_sampler("remap", i),
            "integer_centers",
        )
        for i in ("INTER_NEAREST", "INTER_LINEAR", "INTER_CUBIC")
    ],
    SamplerBackend(
        "opencv.warpAffine.linear",
        "OpenCV",
        "cv2",
        "cv2.warpAffine",
        "INTER_LINEAR | WARP_INVERSE_MAP",
        "points",
        make_point_sampler("warpAffine"),
        "integer_centers",
    ),
    SamplerBackend(
        "opencv.getRectSubPix",
        "OpenCV",
        "cv2",
        "cv2.getRectSubPix",
        "1x1 patch",
        "points",
        make_point_sampler("getRectSubPix"),
        None,
    ),
)
