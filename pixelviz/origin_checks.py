"""Measure which origin real library functions use for absolute coordinates.

Each function runs one real library (imported inside the function, so
``import pixelviz`` does not need it) and returns plain numpy results in
pixelviz's **integer-corner** coordinates unless it says otherwise. The
tests in ``tests/test_origin_checks.py`` and the chapter "Choices of origin"
call them.

=================================  =============================================
function                           what it measures
=================================  =============================================
:func:`find_contour`               ``cv2.findContours``: vertices are pixel indices
:func:`contour_measurements`       polygon area vs pixel count (Pick's theorem)
:func:`cv2_warp_affine`            ``cv2.warpAffine`` reads its matrix in centers
:func:`cv2_remap`                  ``cv2.remap`` samples at integer-center coords
:func:`map_coordinates`            ``scipy.ndimage.map_coordinates``: centers
:func:`roi_align_box`              ``torchvision.ops.roi_align``: corners boxes
:func:`rasterize_coco`             ``pycocotools`` polygon → mask
:func:`rasterize_pil`              ``PIL.ImageDraw.polygon``
:func:`rasterize_cv2`              ``cv2.fillPoly`` (sub-pixel via ``shift``)
:func:`rasterization_stats`        pixel count, area error, fatness per edge
=================================  =============================================
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import check_finite_array, check_finite_float, check_int, check_positive_int
from .conventions import Origin, convert_origin, parse_origin
from .geometry import (
    affine_convert_origin,
    as_boxes,
    as_points,
    as_polygon,
    convert_polygon_origin,
    pixel_centers,
    polygon_area,
    polygon_perimeter,
)

__all__ = [
    "disk_mask",
    "find_contour",
    "contour_measurements",
    "cv2_warp_affine",
    "cv2_remap",
    "map_coordinates",
    "roi_align_box",
    "rasterize_coco",
    "rasterize_pil",
    "rasterize_cv2",
    "RASTERIZERS",
    "rasterization_stats",
    "fatness_survey",
]


def _as_mask(mask: Any, name: str = "mask") -> np.ndarray:
    arr = np.asarray(mask)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2D array (H, W); got shape {arr.shape}")
    if arr.dtype != bool and not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"{name} must contain only 0 and 1; got values {np.unique(arr)[:5].tolist()!r}")
    return arr.astype(bool)


def _as_image(image: Any, name: str = "image") -> np.ndarray:
    arr = check_finite_array(name, image, ndim=2)
    if arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2D array (H, W); got shape {arr.shape}")
    return arr.astype(np.float32)


def _as_shape(shape: Any) -> tuple[int, int]:
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape must be a pair (H, W); got {shape!r}")
    return check_positive_int("shape[0]", shape[0]), check_positive_int("shape[1]", shape[1])


# ---------------------------------------------------------------- cv2.findContours
def disk_mask(shape: tuple[int, int], center: Any, radius: float) -> np.ndarray:
    """Pixels whose center lies within ``radius`` of ``center`` (integer corners).

    Parameters
    ----------
    shape : (int, int)
        ``(H, W)``.
    center : array_like, shape (2,)
        ``(x, y)`` of the disk's center, integer corners.
    radius : float
        ``> 0``.

    Returns
    -------
    ndarray of bool, shape (H, W)
        Its pixel count approximates the disk's area ``π r²``.
    """
    c = as_points(center, name="center")
    r = check_finite_float("radius", radius, positive=True)
    pts = pixel_centers(_as_shape(shape))
    return np.sum((pts - c) ** 2, axis=-1) <= r * r


def find_contour(mask: Any, origin: Origin | str = Origin.CENTERS) -> np.ndarray:
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

    m = _as_mask(mask)
    o = parse_origin(origin)
    contours, _ = cv2.findContours(m.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if len(contours) != 1:
        raise ValueError(f"mask must hold exactly one blob; got {len(contours)}")
    poly = contours[0].reshape(-1, 2).astype(np.float64)
    if len(poly) < 3:
        raise ValueError(f"mask's blob must be at least 2 pixels across to have a contour polygon; "
                         f"got a contour of {len(poly)} vertices")
    return convert_polygon_origin(poly, Origin.CENTERS, o)


def contour_measurements(mask: Any) -> dict[str, float]:
    """Compare ``cv2.findContours``' polygon with the pixels it outlines.

    The contour runs through the centers of the boundary pixels, so it cuts
    away about half of every boundary pixel. For a polygon whose vertices
    are lattice points, Pick's theorem ``A = I + B/2 - 1`` (``I`` interior
    lattice points, ``B`` boundary lattice points) gives
    ``pixels = I + B = A + B/2 + 1``; with ``CHAIN_APPROX_NONE`` every
    contour vertex is one boundary lattice point, so ``B = K``.

    Parameters
    ----------
    mask : array_like, shape (H, W)
        One simply connected blob (no holes, no one-pixel-wide necks).

    Returns
    -------
    dict
        ``pixels`` (count of on pixels), ``polygon_area`` (shoelace area of the
        contour), ``perimeter`` (its Euclidean length), ``boundary_points``
        (``K``), ``pick_pixels`` (``polygon_area + K/2 + 1``, equal to
        ``pixels`` by Pick's theorem), ``cv2_area`` (``cv2.contourArea`` of
        the same contour, a check of the shoelace area).

    Examples
    --------
    For a filled 6 x 4 rectangle: polygon 5 x 3, area 15, K = 16, and
    15 + 16/2 + 1 = 24 pixels.
    """
    import cv2

    m = _as_mask(mask)
    poly = find_contour(m, Origin.CENTERS)
    area = polygon_area(poly)
    return {
        "pixels": float(m.sum()),
        "polygon_area": area,
        "perimeter": polygon_perimeter(poly),
        "boundary_points": float(len(poly)),
        "pick_pixels": area + len(poly) / 2 + 1,
        "cv2_area": float(cv2.contourArea(poly.astype(np.float32).reshape(-1, 1, 2))),
    }


# ---------------------------------------------------------------- warps and point sampling
def cv2_warp_affine(image: Any, matrix: Any, dsize: tuple[int, int], *,
                    origin: Origin | str = Origin.CENTERS) -> np.ndarray:
    """``cv2.warpAffine`` (bilinear, replicated border) with a matrix in either origin.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    matrix : array_like, shape (2, 3)
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

    img = _as_image(image)
    m = affine_convert_origin(matrix, parse_origin(origin), Origin.CENTERS)
    if m.shape != (2, 3):
        m = m[:2]
    w, h = check_positive_int("dsize[0]", dsize[0]), check_positive_int("dsize[1]", dsize[1])
    return cv2.warpAffine(img, m.astype(np.float32), (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def cv2_remap(image: Any, points: Any, *, origin: Origin | str = Origin.CORNERS) -> np.ndarray:
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

    img = _as_image(image)
    p = convert_origin(as_points(points), parse_origin(origin), Origin.CENTERS).reshape(-1, 2)
    mx = p[:, 0].astype(np.float32).reshape(1, -1)
    my = p[:, 1].astype(np.float32).reshape(1, -1)
    return cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).reshape(-1)


def map_coordinates(image: Any, points: Any, *, origin: Origin | str = Origin.CORNERS) -> np.ndarray:
    """Sample ``image`` bilinearly at ``points`` with ``scipy.ndimage.map_coordinates``.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    points : array_like, shape (N, 2)
        ``(x, y)`` positions written in ``origin``; converted to SciPy's
        integer-center ``(row, col)`` coordinates.
    origin : Origin or str

    Returns
    -------
    ndarray of float64, shape (N,)

    Notes
    -----
    **Convention.** SciPy samples array element ``[r, c]`` exactly at
    coordinate ``(r, c)``: integer centers.
    """
    from scipy import ndimage

    img = _as_image(image).astype(np.float64)
    p = convert_origin(as_points(points), parse_origin(origin), Origin.CENTERS).reshape(-1, 2)
    return ndimage.map_coordinates(img, [p[:, 1], p[:, 0]], order=1, mode="nearest")


def roi_align_box(image: Any, box: Any, *, output_size: int = 1, sampling_ratio: int = 1,
                  aligned: bool = True) -> np.ndarray:
    """``torchvision.ops.roi_align`` of one box on a single-channel image.

    Parameters
    ----------
    image : array_like of float, shape (H, W)
    box : array_like, shape (4,)
        ``[x0, y0, x1, y1]`` in integer corners (torchvision's reading when
        ``aligned=True``).
    output_size : int
        ``K`` for a ``K x K`` output.
    sampling_ratio : int
        Samples per bin side (``-1``: adaptive).
    aligned : bool
        ``True`` shifts samples by ``-1/2`` to turn corner coordinates into
        the indices bilinear interpolation needs; ``False`` is the legacy
        behaviour (it reads the box as if it were in integer centers).

    Returns
    -------
    ndarray of float32, shape (K, K)

    Notes
    -----
    **Convention.** The box ``[2, 1, 3, 2]`` covers exactly pixel
    ``(row 1, col 2)``; with ``aligned=True`` every sample lies inside that
    pixel's square and bilinear weights put all mass on it, so a 1 x 1
    output equals that pixel's value.
    """
    import torch
    from torchvision.ops import roi_align

    from .devices import torch_device

    img = _as_image(image)
    b = as_boxes(box, name="box")
    if b.shape != (4,):
        raise ValueError(f"box must have shape (4,); got shape {b.shape}")
    k = check_positive_int("output_size", output_size)
    s = check_int("sampling_ratio", sampling_ratio)
    dev = torch_device()
    t = torch.as_tensor(img, device=dev)[None, None]
    rois = torch.as_tensor(np.concatenate([[0.0], b]), dtype=torch.float32, device=dev)[None]
    out = roi_align(t, rois, (k, k), spatial_scale=1.0, sampling_ratio=s, aligned=bool(aligned))
    return out[0, 0].cpu().numpy()


# ---------------------------------------------------------------- polygon rasterization
def rasterize_coco(polygon: Any, shape: tuple[int, int]) -> np.ndarray:
    """Rasterize a polygon with ``pycocotools.mask.frPyObjects`` + ``decode``.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices in integer corners (COCO's segmentation convention).
    shape : (int, int)
        ``(H, W)``.

    Returns
    -------
    ndarray of bool, shape (H, W)
    """
    from pycocotools import mask as mask_utils

    p = as_polygon(polygon)
    h, w = _as_shape(shape)
    rle = mask_utils.frPyObjects([p.ravel().tolist()], h, w)
    return mask_utils.decode(rle)[..., 0].astype(bool)


def rasterize_pil(polygon: Any, shape: tuple[int, int]) -> np.ndarray:
    """Rasterize a polygon with ``PIL.ImageDraw.polygon`` (coordinates passed as given).

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices, passed to Pillow unchanged.
    shape : (int, int)

    Returns
    -------
    ndarray of bool, shape (H, W)

    Notes
    -----
    **Convention.** Pillow fills the pixels whose integer position lies in
    the closed polygon, boundary included; the chapter measures what that
    does to area.
    """
    from PIL import Image, ImageDraw

    p = as_polygon(polygon)
    h, w = _as_shape(shape)
    img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(img).polygon([(float(x), float(y)) for x, y in p], fill=1)
    return np.asarray(img).astype(bool)


def rasterize_cv2(polygon: Any, shape: tuple[int, int], *, origin: Origin | str = Origin.CORNERS,
                  shift: int = 8) -> np.ndarray:
    """Rasterize a polygon with ``cv2.fillPoly``, keeping sub-pixel vertices.

    ``fillPoly`` takes int32 vertices in integer centers; ``shift`` bits of
    fixed point keep ``1/2**shift`` of a pixel.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices written in ``origin``.
    shape : (int, int)
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
    h, w = _as_shape(shape)
    s = check_int("shift", shift, minimum=0)
    if s > 16:
        raise ValueError(f"shift must be <= 16; got {shift!r}")
    pts = np.round(p * (1 << s)).astype(np.int32).reshape(-1, 1, 2)
    out = np.zeros((h, w), np.uint8)
    cv2.fillPoly(out, [pts], 1, lineType=cv2.LINE_8, shift=s)
    return out.astype(bool)


#: The three rasterizers measured in the chapter, by name.
RASTERIZERS = {
    "pycocotools": rasterize_coco,
    "PIL.ImageDraw.polygon": rasterize_pil,
    "cv2.fillPoly": rasterize_cv2,
}


def rasterization_stats(polygon: Any, mask: Any) -> dict[str, float]:
    """How a rasterized mask's pixel count compares with its polygon.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        The exact polygon (integer corners).
    mask : array_like, shape (H, W)
        A rasterization of it.

    Returns
    -------
    dict
        ``pixels``, ``area`` (exact shoelace area), ``error`` (``pixels -
        area``), ``perimeter``, and ``fatness`` = ``error / perimeter``:
        growing a polygon outward by ``d`` pixels on every edge adds about
        ``d · perimeter`` pixels, so ``fatness`` estimates ``d``. An unbiased
        rasterizer has fatness near 0.
    """
    p = as_polygon(polygon)
    m = _as_mask(mask)
    area, perim = polygon_area(p), polygon_perimeter(p)
    err = float(m.sum()) - area
    return {"pixels": float(m.sum()), "area": area, "error": err, "perimeter": perim,
            "fatness": err / perim if perim > 0 else float("nan")}



def fatness_survey(n_polygons: int = 30, *, shape: tuple[int, int] = (48, 48), vertices: int = 6,
                   integer_vertices: bool = False, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Mean and spread of :func:`rasterization_stats`' ``fatness`` per rasterizer.

    Draws ``n_polygons`` random convex polygons (``vertices`` points on a
    circle of random center and radius 6-14 px, fully inside the image) and
    rasterizes each with every entry of :data:`RASTERIZERS`.

    Parameters
    ----------
    n_polygons : int
    shape : (int, int)
        ``(H, W)``, at least 40 x 40.
    vertices : int
        Vertices per polygon, ``>= 3``.
    integer_vertices : bool
        Floor the vertices to integers (like Cityscapes' annotations).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    dict
        ``{rasterizer name: (mean fatness, standard deviation)}`` in pixels.
    """
    n = check_positive_int("n_polygons", n_polygons)
    k = check_int("vertices", vertices, minimum=3)
    h, w = _as_shape(shape)
    if min(h, w) < 40:
        raise ValueError(f"shape must be at least (40, 40); got {shape!r}")
    rng = np.random.default_rng(check_int("seed", seed))
    fat: dict[str, list[float]] = {name: [] for name in RASTERIZERS}
    for _ in range(n):
        center = rng.uniform(16, np.array([w, h]) - 16)
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        poly = center + rng.uniform(6, 14) * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        if integer_vertices:
            poly = np.floor(poly)
        if polygon_area(poly) < 1.0:
            continue
        for name, fn in RASTERIZERS.items():
            fat[name].append(rasterization_stats(poly, fn(poly, (h, w)))["fatness"])
    return {name: (float(np.mean(v)), float(np.std(v))) for name, v in fat.items()}
