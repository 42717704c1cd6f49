"""Drawings for "Choices of origin": pixels under both origins, polygons and points on pixels.

Every drawing here places pixel ``(row r, col c)`` on the square
``[c, c+1] x [r, r+1]`` of the axes (integer corners, ``imshow`` with
``extent=(0, W, H, 0)``) unless a panel is explicitly drawn in integer
centers, where the same square is ``[c - 1/2, c + 1/2] x [r - 1/2, r + 1/2]``.
Geometry given in one origin is converted with
:func:`pixelviz.conventions.convert_origin` before it is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import check_bool, check_finite_float, check_size
from ..conventions import Origin, convert_origin, index_to_coord, parse_origin
from ..geometry import as_points, as_polygon
from ._check import check_axes, check_cmap, check_color, check_figsize, check_image, check_mapping, check_optional_float
from ._style import panel_grid

__all__ = [
    "ORIGIN_COLORS",
    "draw_pixels",
    "draw_polygon",
    "draw_points",
    "plot_origins",
    "plot_polygon_on_pixels",
    "plot_points_on_pixels",
    "plot_rasterizations",
]

#: One colour per origin, used in every origin figure.
ORIGIN_COLORS = {Origin.CORNERS: "#1f77b4", Origin.CENTERS: "#d62728"}


def _extent(h: int, w: int, origin: Origin) -> tuple[float, float, float, float]:
    """``imshow`` extent putting pixel ``(r, c)`` on its square in ``origin``."""
    x0, x1 = convert_origin([0.0, float(w)], Origin.CORNERS, origin)
    y0, y1 = convert_origin([0.0, float(h)], Origin.CORNERS, origin)
    return (float(x0), float(x1), float(y1), float(y0))


def draw_pixels(
    ax: Axes,
    image: Any,
    *,
    origin: Origin | str = Origin.CORNERS,
    cmap: str = "Greys",
    vmin: float | None = None,
    vmax: float | None = None,
    grid: bool = True,
    alpha: float = 1.0,
) -> Any:
    """Show a 2D array as pixels, each on its square, with pixel boundaries drawn.

    Parameters
    ----------
    ax : matplotlib Axes
    image : array_like, shape (H, W)
    origin : Origin or str
        Coordinates of the axes: ``"corners"`` (default; pixel ``(r, c)`` on
        ``[c, c+1] x [r, r+1]``) or ``"centers"``.
    cmap, vmin, vmax, alpha
        Passed to ``imshow``.
    grid : bool
        Draw the pixel boundaries as thin lines.

    Returns
    -------
    matplotlib.image.AxesImage
        Its ``get_extent()`` is ``(0, W, H, 0)`` in corners and
        ``(-1/2, W - 1/2, H - 1/2, -1/2)`` in centers.
    """
    check_axes("ax", ax)
    img = check_image("image", image, ndim=(2,))
    o = parse_origin(origin)
    cmap = check_cmap("cmap", cmap)
    vmin, vmax = check_optional_float("vmin", vmin), check_optional_float("vmax", vmax)
    grid = check_bool("grid", grid)
    alpha = check_finite_float("alpha", alpha, minimum=0.0, maximum=1.0)
    h, w = img.shape
    ext = _extent(h, w, o)
    artist = ax.imshow(img, cmap=cmap, vmin=vmin, vmax=vmax, extent=ext, interpolation="nearest", alpha=alpha)
    if grid:
        xs = convert_origin(np.arange(w + 1, dtype=float), Origin.CORNERS, o)
        ys = convert_origin(np.arange(h + 1, dtype=float), Origin.CORNERS, o)
        ax.vlines(xs, ext[3], ext[2], color="0.6", linewidth=0.6)
        ax.hlines(ys, ext[0], ext[1], color="0.6", linewidth=0.6)
    ax.set_xlim(ext[0] - 0.3, ext[1] + 0.3)
    ax.set_ylim(ext[2] + 0.3, ext[3] - 0.3)
    ax.set_aspect("equal")
    return artist


def draw_polygon(
    ax: Axes,
    polygon: Any,
    *,
    source: Origin | str = Origin.CORNERS,
    axes_origin: Origin | str = Origin.CORNERS,
    color: str = "C1",
    label: str | None = None,
    markers: bool = True,
    **kwargs: Any,
) -> Any:
    """Draw a closed polygon whose vertices are written in ``source`` on axes in ``axes_origin``.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
    source : Origin or str
        The origin the vertices are written in.
    axes_origin : Origin or str
        The origin of the axes (as given to :func:`draw_pixels`).

    Returns
    -------
    matplotlib.lines.Line2D
        Its data are the converted vertices, closed (first vertex repeated).
    """
    check_axes("ax", ax)
    p = convert_origin(
        as_polygon(polygon), parse_origin(source, name="source"), parse_origin(axes_origin, name="axes_origin")
    )
    color = check_color("color", color)
    markers = check_bool("markers", markers)
    closed = np.vstack([p, p[:1]])
    kwargs.setdefault("linewidth", 1.5)
    kwargs.setdefault("markersize", 3)
    (line,) = ax.plot(
        closed[:, 0], closed[:, 1], "-", color=color, label=label, marker="o" if markers else None, **kwargs
    )
    return line


def draw_points(
    ax: Axes,
    points: Any,
    *,
    source: Origin | str = Origin.CORNERS,
    axes_origin: Origin | str = Origin.CORNERS,
    color: str = "C3",
    label: str | None = None,
    **kwargs: Any,
) -> Any:
    """Mark ``(x, y)`` points written in ``source`` on axes in ``axes_origin``; returns the Line2D."""
    check_axes("ax", ax)
    p = convert_origin(
        as_points(points), parse_origin(source, name="source"), parse_origin(axes_origin, name="axes_origin")
    ).reshape(-1, 2)
    color = check_color("color", color)
    (line,) = ax.plot(p[:, 0], p[:, 1], "x", color=color, markersize=10, markeredgewidth=2.5, label=label, **kwargs)
    return line


def plot_origins(width: int = 3, height: int = 2, *, figsize: tuple[float, float] | None = (6.4, 2.9)) -> Figure:
    """The same ``height x width`` pixels under integer corners and integer centers.

    Each pixel is labelled with its center's coordinates in that panel's
    origin (``(0.5, 0.5)`` vs ``(0, 0)`` for the first pixel), and the
    origin ``(0, 0)`` is marked with a dot.

    Parameters
    ----------
    width, height : int
        Image size in pixels (at most 8 each, so the labels fit).

    Returns
    -------
    Figure
        Two axes, ``fig.axes[0]`` in corners, ``fig.axes[1]`` in centers.
        Each axes' ``texts`` hold one label per pixel, row-major.
    """
    w, h = check_size("width", width), check_size("height", height)
    size = check_figsize("figsize", figsize)
    if w > 8 or h > 8:
        raise ValueError(f"width and height must be <= 8 so labels fit; got {(w, h)!r}")
    fig, axes = plt.subplots(1, 2, figsize=size)
    shade = (np.add.outer(np.arange(h), np.arange(w)) % 2) * 0.15
    for ax, o in zip(axes, (Origin.CORNERS, Origin.CENTERS)):
        draw_pixels(ax, shade, origin=o, vmin=0, vmax=1)
        xs, ys = index_to_coord(np.arange(w), o), index_to_coord(np.arange(h), o)
        for y in ys:
            for x in xs:
                ax.plot(x, y, ".", color="0.3", markersize=4)
                ax.text(x, y + 0.12, f"({x:g}, {y:g})", ha="center", va="top", fontsize=9)
        ax.plot(0, 0, "o", color=ORIGIN_COLORS[o], markersize=8, zorder=4, clip_on=False)
        ext = _extent(h, w, o)
        ax.set_xticks(np.arange(np.ceil(ext[0] * 2) / 2, ext[1] + 0.01, 0.5))
        ax.set_yticks(np.arange(np.ceil(ext[3] * 2) / 2, ext[2] + 0.01, 0.5))
        ax.tick_params(labelsize=9)
        ax.xaxis.tick_top()
        span = "[0, W] x [0, H]" if o is Origin.CORNERS else "[-0.5, W-0.5] x [-0.5, H-0.5]"
        ax.set_title(f"integer {o.value}:\nimage covers {span}", fontsize=9, color=ORIGIN_COLORS[o], pad=18)
    fig.tight_layout()
    return fig


def _check_entry(name: str, entry: Any, geometry: Any) -> None:
    """A ``(geometry, origin)`` pair of a plot's mapping, checked before anything is drawn."""
    if isinstance(entry, (str, bytes)) or not isinstance(entry, (tuple, list)) or len(entry) != 2:
        raise TypeError(f"{name} must be a (geometry, origin) pair; got {entry!r}")
    geometry(entry[0], name=name)
    parse_origin(entry[1], name=f"{name}[1]")


def plot_polygon_on_pixels(
    mask: Any,
    polygons: Mapping[str, tuple[Any, Origin | str]],
    *,
    figsize: tuple[float, float] | None = None,
    colors: Any = None,
) -> Figure:
    """One panel per polygon, each drawn over the same pixels (integer corners).

    Parameters
    ----------
    mask : array_like, shape (H, W)
        The pixels (e.g. the mask a contour was found in).
    polygons : mapping of title -> (polygon, source origin)
        E.g. ``{"raw": (contour, "corners"), "+0.5": (contour + 0.5, "corners")}``.
        Passing a polygon with the origin it is *written* in draws it where it
        belongs; passing OpenCV's raw indices as ``"corners"`` shows where
        they land if the ``+1/2`` is forgotten.

    Returns
    -------
    Figure
        One axes per entry; each has one polygon Line2D.
    """
    m = check_image("mask", mask, ndim=(2,), allow_nan=False)
    check_mapping("polygons", polygons, "title -> (polygon, origin)", "polygon")
    for title, entry in polygons.items():
        _check_entry(f"polygons[{title!r}]", entry, as_polygon)
    n = len(polygons)
    figsize = check_figsize("figsize", figsize)
    if colors is not None:
        if isinstance(colors, (str, bytes)) or not isinstance(colors, (list, tuple)) or len(colors) < n:
            raise ValueError(f"colors must be a list of {n} colours (one per polygon); got {colors!r}")
        colors = [check_color(f"colors[{k}]", c) for k, c in enumerate(colors)]
    nrows, ncols = panel_grid(n, 3.2)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (3.2 * ncols, 3.2 * nrows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    colors = colors or [f"C{k + 1}" for k in range(n)]
    for ax, color, (title, (poly, src)) in zip(axes.flat, colors, polygons.items()):
        draw_pixels(ax, m, vmin=0, vmax=2.5, cmap="Blues")
        draw_polygon(ax, poly, source=src, color=color)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=9)
    fig.tight_layout()
    return fig


def plot_points_on_pixels(
    image: Any, points: Mapping[str, tuple[Any, Origin | str]], *, figsize: tuple[float, float] | None = None
) -> Figure:
    """One panel per set of points, each over the same image (integer corners).

    Parameters
    ----------
    image : array_like, shape (H, W)
    points : mapping of title -> (points (..., 2), source origin)

    Returns
    -------
    Figure
        One axes per entry; each has one marker Line2D.
    """
    img = check_image("image", image, ndim=(2,))
    check_mapping("points", points, "title -> (points, origin)", "set of points")
    for title, entry in points.items():
        _check_entry(f"points[{title!r}]", entry, as_points)
    n = len(points)
    figsize = check_figsize("figsize", figsize)
    nrows, ncols = panel_grid(n, 3.2)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (3.2 * ncols, 3.3 * nrows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    for ax, (title, (pts, src)) in zip(axes.flat, points.items()):
        draw_pixels(ax, img, cmap="Greys")
        draw_points(ax, pts, source=src)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=9)
    fig.tight_layout()
    return fig


def plot_rasterizations(
    polygon: Any, masks: Mapping[str, Any], *, figsize: tuple[float, float] | None = None
) -> Figure:
    """One panel per rasterization of ``polygon``, with the exact polygon on top.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        In integer corners.
    masks : mapping of title -> bool array (H, W)

    Returns
    -------
    Figure
        One axes per mask; titles carry the pixel count.
    """
    poly = as_polygon(polygon)
    check_mapping("masks", masks, "title -> (H, W) mask", "mask")
    arrays = {title: check_image(f"masks[{title!r}]", m, ndim=(2,), allow_nan=False) for title, m in masks.items()}
    n = len(masks)
    figsize = check_figsize("figsize", figsize)
    nrows, ncols = panel_grid(n, 3.2)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (3.2 * ncols, 3.4 * nrows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    for ax, (title, m) in zip(axes.flat, arrays.items()):
        draw_pixels(ax, m, vmin=0, vmax=2.5, cmap="Blues")
        draw_polygon(ax, poly, color="C3", markers=False)
        ax.set_title(f"{title}\n{int(m.sum())} pixels", fontsize=9)
        ax.tick_params(labelsize=9)
    fig.tight_layout()
    return fig
