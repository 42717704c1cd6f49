"""Pillow: ``Image.resize`` on a one-row 32-bit float ("F") image as resize backends, and ``ImageDraw.polygon``.

Every call of Pillow (``PIL``) in pixelviz is in this module, imported inside each function.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_bool, check_choice, check_elements, check_int, check_size_pair
from ..geometry import as_polygon
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register
from ._samplers import SamplerBackend, register_sampler

__all__ = [
    "make_resize",
    "rasterize_polygon",
    "encode_image",
    "decode_image",
    "palette_png",
    "make_downscale",
    "make_affine_points",
]


#: The ``Image.Resampling`` filters a backend may name.
FILTERS = ("NEAREST", "BOX", "BILINEAR", "HAMMING", "BICUBIC", "LANCZOS")


def make_resize(filter_name: str, *, uint8: bool = False) -> Factory:
    """``fn(x, size)`` calling ``Image.resize((size, 1), resample=Image.Resampling.<filter_name>)``.

    ``uint8=False``: a mode ``"F"`` (float32) image, output as float64;
    ``uint8=True``: a mode ``"L"`` (8-bit) image, its uint8 output as is.
    """
    filter_name = check_choice("filter_name", filter_name, FILTERS)
    uint8 = check_bool("uint8", uint8)

    def factory():
        from PIL import Image

        resample = getattr(Image.Resampling, filter_name)

        def fn(x, size):
            if uint8:
                img = Image.fromarray(np.ascontiguousarray(x, dtype=np.uint8)[None, :])  # mode "L", 1 x N
                return np.asarray(img.resize((size, 1), resample=resample))[0]
            img = Image.fromarray(np.ascontiguousarray(x, dtype=np.float32)[None, :])  # mode "F", 1 x N
            return np.asarray(img.resize((size, 1), resample=resample), dtype=np.float64)[0]

        return fn

    return factory


# The article's table: Image.resize ②. Pillow widens the filter support by the
# factor when downsampling (its resample filters are antialiasing filters).
_ROWS = [
    ("nearest", "NEAREST", "②"),
    ("bilinear", "BILINEAR", "②"),
    ("bicubic", "BICUBIC", "②"),
    ("box", "BOX", None),
    ("lanczos", "LANCZOS", None),
]
register(
    *[
        Backend(
            f"pillow.resize.{key}",
            "Pillow",
            "PIL",
            "Image.resize",
            name,
            make_resize(name),
            article,
            uint8_factory=make_resize(name, uint8=True),
        )
        for key, name, article in _ROWS
    ]
)


def rasterize_polygon(polygon: ArrayLike, shape: tuple[int, int]) -> NDArray[np.bool_]:
    """Rasterize a polygon with ``PIL.ImageDraw.polygon`` (coordinates passed as given).

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices, passed to Pillow unchanged.
    shape : (int, int)
        ``(H, W)``.

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
    h, w = check_size_pair("shape", shape)
    img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(img).polygon([(float(x), float(y)) for x, y in p], fill=1)
    return np.asarray(img).astype(bool)


def encode_image(pixels: ArrayLike, fmt: str = "png", *, fast: bool = False) -> bytes:
    """Lossless PNG or WebP bytes of an ``(H, W, 3)`` RGB or ``(H, W, 4)`` RGBA uint8 image.

    The image codec of the explorers' frames (``widgets``): ``"png"``
    (``optimize=True``, or ``compress_level=1`` with ``fast``) or ``"webp"``
    (lossless, ``exact=True`` so transparent pixels keep their colour;
    ``method=1``: a tenth of ``method=6``'s time for under 1 % more bytes).

    Parameters
    ----------
    pixels : (H, W, 3) or (H, W, 4) array_like of uint8
    fmt : {"png", "webp"}
    fast : bool
        PNG only: fast compression (a live frame) instead of the smallest file.

    Returns
    -------
    bytes
    """
    from PIL import Image

    try:
        arr = np.asarray(pixels)
    except (TypeError, ValueError):
        raise TypeError(
            f"pixels must be an (H, W, 3) or (H, W, 4) uint8 array; got a ragged {type(pixels).__name__}"
        ) from None
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] not in (3, 4) or 0 in arr.shape:
        raise ValueError(
            f"pixels must be a non-empty (H, W, 3) or (H, W, 4) uint8 array; "
            f"got shape {arr.shape} and dtype {arr.dtype}"
        )
    check_elements("pixels", arr.size)
    kind = check_choice("fmt", fmt, ("png", "webp"))
    quick = check_bool("fast", fast)
    image = Image.fromarray(np.ascontiguousarray(arr), "RGB" if arr.shape[2] == 3 else "RGBA")
    buf = io.BytesIO()
    if kind == "webp":
        image.save(buf, "WEBP", lossless=True, quality=80, method=1, exact=True)
    elif quick:
        image.save(buf, "PNG", compress_level=1)
    else:
        image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def decode_image(data: bytes) -> NDArray[np.uint8]:
    """The ``(H, W, 4)`` RGBA uint8 pixels of PNG or WebP bytes (what :func:`encode_image` wrote)."""
    from PIL import Image

    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"data must be bytes of a PNG or WebP image; got {type(data).__name__}")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:
        raise ValueError(f"data must be a PNG or WebP image; Pillow could not read it ({exc})") from None
    return np.asarray(image.convert("RGBA"))


def make_affine_points(filter_name: str = "BILINEAR") -> Factory:
    """``fn(image, points)``: ``Image.transform((1, 1), AFFINE, (0, 0, x, 0, 0, y))`` per point, on an "F" image.

    Pillow maps the output pixel's centre through the matrix
    ``(a, b, c, d, e, f)``: input ``(a X + b Y + c, d X + e Y + f)``; with
    ``a = b = d = e = 0`` that is the point ``(c, f)`` as Pillow reads it.
    Pixels outside the image give 0.
    """
    filter_name = check_choice("filter_name", filter_name, ("NEAREST", "BILINEAR", "BICUBIC"))

    def factory():
        from PIL import Image

        resample = getattr(Image.Resampling, filter_name)

        def fn(image, points):
            im = Image.fromarray(np.asarray(image, np.float32), mode="F")
            p = np.asarray(points, np.float64).reshape(-1, 2)
            return np.array(
                [
                    np.asarray(im.transform((1, 1), Image.Transform.AFFINE, (0, 0, x, 0, 0, y), resample=resample))[
                        0, 0
                    ]
                    for x, y in p
                ],
                np.float64,
            )

        return fn

    return factory


register_sampler(
    *[
        SamplerBackend(
            f"pillow.transform.{f.lower()}",
            "Pillow",
            "PIL",
            "Image.transform",
            f"AFFINE, {f}",
            "points",
            make_affine_points(f),
            None,
        )
        for f in ("NEAREST", "BILINEAR", "BICUBIC")
    ]
)


def palette_png(png: bytes, text: Mapping[str, str] | None = None, colors: int = 256) -> tuple[bytes, tuple[int, int]]:
    """A PNG re-encoded with a 256-colour palette (no dithering) and PNG text chunks.

    The book's figure codec (``pixelviz.plot.style.figure_png``): a
    plot's flat colours and antialiased edges stay as drawn (the greys of
    an image become 256 levels) at about a third of the bytes of RGBA.

    Parameters
    ----------
    png : bytes
        A PNG file (any mode).
    text : mapping of str to str, optional
        ``tEXt`` chunks to store, e.g. the smallest font size of a figure.
    colors : int
        Palette size, 2 to 256 (64 keeps line art as drawn, about 15 % smaller).

    Returns
    -------
    data : bytes
        The palette PNG (``optimize=True``).
    size : (int, int)
        Its ``(width, height)`` in pixels.
    """
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    if not isinstance(png, (bytes, bytearray)):
        raise TypeError(f"png must be the bytes of a PNG file; got {type(png).__name__}")
    chunks = {} if text is None else text
    if not isinstance(chunks, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in chunks.items()):
        raise TypeError(f"text must be a mapping of str to str; got {text!r}")
    try:
        opened = Image.open(io.BytesIO(png))
        opened.load()
    except Exception as exc:
        raise ValueError(f"png must be a PNG file; Pillow could not read it ({exc})") from None
    n_colors = check_int("colors", colors, minimum=2, maximum=256)
    img = opened.convert("RGB").quantize(colors=n_colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    info = PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue(), img.size


def make_downscale(filter_name: str) -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``Image.resize((w, h), resample=Image.Resampling.<filter_name>)``, "F" mode."""
    filter_name = check_choice("filter_name", filter_name, FILTERS)

    def factory():
        from PIL import Image

        resample = getattr(Image.Resampling, filter_name)

        def fn(img, shape):
            im = Image.fromarray(np.ascontiguousarray(img, dtype=np.float32))  # mode "F"
            return np.asarray(im.resize((shape[1], shape[0]), resample=resample), dtype=np.float64)

        return fn

    return factory


# Pillow's filters widen with the factor when shrinking: BILINEAR and BICUBIC antialias.
register_downscale(
    Downscaler(
        "pillow.bilinear",
        "Pillow",
        "PIL",
        "Image.resize BILINEAR",
        make_downscale("BILINEAR"),
        True,
        "Pillow\nBILINEAR",
    ),
    Downscaler(
        "pillow.bicubic", "Pillow", "PIL", "Image.resize BICUBIC", make_downscale("BICUBIC"), True, "Pillow\nBICUBIC"
    ),
)
