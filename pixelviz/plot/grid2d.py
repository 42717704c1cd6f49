"""2D sampling grids: pixel cells and sample centers on integer-corner axes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import check_bool, check_elements, check_finite_float, check_pair, check_size
from ..conventions import GRID_CONVENTIONS, Convention, parse_convention, sample_positions
from ._check import check_axes, check_cmap, check_color, check_image, check_optional_float
from ._style import convention_color, panel_grid


def _check_extent(extent: Any) -> tuple[float, float] | None:
    if extent is None:
        return None
    return check_pair("extent", extent, lambda n, v: check_finite_float(n, v, positive=True), what="(H, W)")


__all__ = ["grid_points_2d", "draw_grid_2d", "plot_grid_2d", "show_image", "plot_images"]


def grid_points_2d(
    h: int, w: int, convention: Convention | str = "half_pixel", *, extent: tuple[float, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sample positions of an ``h x w`` grid over the continuous image ``[0, W] x [0, H]``.

    Parameters
    ----------
    h, w : int
        Number of samples per column and per row.
    convention : Convention or str
        ① ``"align_corners"``, ② ``"half_pixel"`` or ③ ``"asymmetric"``.
    extent : (float, float), optional
        ``(H, W)`` of the continuous image; defaults to ``(h, w)``, so under ②
        sample ``(r, c)`` sits at ``(c + 1/2, r + 1/2)``.

    Returns
    -------
    ys : ndarray of float64, shape (h,)
    xs : ndarray of float64, shape (w,)

    Notes
    -----
    **Convention.** Each axis calls
    :func:`~pixelviz.conventions.sample_positions` with ``length`` the image
    extent. Example: 3 samples over ``[0, 3]`` under ① sit at 0, 1.5, 3.
    """
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    h, w = check_size("h", h), check_size("w", w)
    ext = _check_extent(extent)
    big_h, big_w = (h, w) if ext is None else ext
    return sample_positions(h, conv, big_h), sample_positions(w, conv, big_w)


def show_image(ax: Axes, image: Any, *, cmap: str = "gray", **kwargs: Any) -> Any:
    """``imshow`` in integer-corner coordinates: ``extent=(0, W, H, 0)``.

    Pixel ``(r, c)`` then fills ``[c, c+1) x [r, r+1)`` and its center is at
    ``(c + 1/2, r + 1/2)``; the y axis points down.
    """
    check_axes("ax", ax)
    img = check_image("image", image)
    hh, ww = img.shape[:2]
    kwargs.setdefault("interpolation", "nearest")
    return ax.imshow(img, cmap=check_cmap("cmap", cmap), extent=(0, ww, hh, 0), **kwargs)


def draw_grid_2d(
    ax: Axes,
    h: int,
    w: int,
    convention: Convention | str = "half_pixel",
    *,
    extent: tuple[float, float] | None = None,
    color: str | None = None,
    cells: bool = True,
    marker: str = "o",
    markersize: float = 5.0,
    label: str | None = None,
) -> dict:
    """Draw an ``h x w`` grid: each sample as a dot and its cell (one stride wide) as a box.

    Parameters
    ----------
    ax : matplotlib Axes
        Integer-corner axes (x right, y down; see :func:`plot_grid_2d`).
    h, w : int
        Grid size.
    convention : Convention or str
        ①, ② or ③ (see :func:`grid_points_2d`).
    extent : (float, float), optional
        ``(H, W)`` of the continuous image (default ``(h, w)``).
    color : str, optional
        Defaults to the convention's colour.
    cells : bool
        Draw each sample's footprint (a stride x stride box centered on it).
    marker, markersize : matplotlib marker style of the samples.
    label : str, optional
        Legend label of the samples.

    Returns
    -------
    dict
        ``"samples"`` (Line2D; x data are the sample x positions repeated per
        row) and ``"cells"`` (list of Rectangles).
    """
    check_axes("ax", ax)
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    ys, xs = grid_points_2d(h, w, conv, extent=extent)
    check_elements("the grid (h x w)", len(ys) * len(xs), "samples")
    ext = _check_extent(extent)
    big_h, big_w = (h, w) if ext is None else ext
    color = convention_color(conv) if color is None else check_color("color", color)
    cells = check_bool("cells", cells)
    from matplotlib.markers import MarkerStyle

    if not isinstance(marker, str) or marker not in MarkerStyle.markers:
        raise ValueError(f"marker must be a matplotlib marker such as 'o' or 's'; got {marker!r}")
    markersize = check_finite_float("markersize", markersize, positive=True)
    sy = ys[1] - ys[0] if h > 1 else big_h
    sx = xs[1] - xs[0] if w > 1 else big_w
    patches = []
    if cells:
        for y in ys:
            for x in xs:
                patches.append(
                    ax.add_patch(
                        plt.Rectangle(
                            (x - sx / 2, y - sy / 2), sx, sy, fill=False, edgecolor=color, linewidth=0.8, alpha=0.7
                        )
                    )
                )
    gx, gy = np.meshgrid(xs, ys)
    (samples,) = ax.plot(
        gx.ravel(), gy.ravel(), marker, color=color, markersize=markersize, linestyle="none", label=label, zorder=3
    )
    return {"samples": samples, "cells": patches}


def _setup_axes(ax: Axes, big_h: float, big_w: float, margin: float) -> None:
    ax.set_xlim(-margin, big_w + margin)
    ax.set_ylim(big_h + margin, -margin)  # y down, as in an image
    ax.set_aspect("equal")
    ax.set_xticks(np.arange(0, int(np.floor(big_w)) + 1))
    ax.set_yticks(np.arange(0, int(np.floor(big_h)) + 1))
    ax.tick_params(labelsize=9)
    ax.add_patch(plt.Rectangle((0, 0), big_w, big_h, fill=False, edgecolor="0.3", linewidth=1.2, linestyle=":"))


def plot_grid_2d(
    h: int,
    w: int,
    convention: Convention | str = "half_pixel",
    *,
    image: Any = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """An ``h x w`` grid on integer-corner axes, optionally over an image.

    Parameters
    ----------
    h, w : int
        Grid size.
    convention : Convention or str
        ①, ② or ③.
    image : array_like, shape (h', w'), optional
        Drawn underneath with ``extent=(0, w', h', 0)`` and setting the
        continuous extent (default ``(h, w)``).
    ax : Axes, optional
        Draw here instead of a new figure.
    title : str, optional

    Returns
    -------
    matplotlib Figure

    Notes
    -----
    **Convention.** The axes are integer-corner coordinates: the ticks
    ``0 … W`` are pixel boundaries and the dotted frame is the image
    ``[0, W] x [0, H]``. Under ② the dots sit at ``c + 1/2``, inside the cells.
    """
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    h, w = check_size("h", h), check_size("w", w)
    check_elements("the grid (h x w)", h * w, "samples")
    img = None if image is None else check_image("image", image)
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.5 * w + 1.5, 0.5 * h + 1.2))
    else:
        fig = cast(Figure, check_axes("ax", ax).figure)
    extent = None
    if img is not None:
        show_image(ax, img, alpha=0.6)
        extent = img.shape[:2]
    big_h, big_w = (h, w) if extent is None else extent
    draw_grid_2d(ax, h, w, conv, extent=extent)
    _setup_axes(ax, big_h, big_w, 0.3 + 0.1 * max(big_h, big_w) / 4)
    ax.set_title(title or f"{h}×{w} samples, {conv.label}", fontsize=10)
    return fig


def _check_image_list(images: Any, *, maximum: int, what: str) -> list[np.ndarray]:
    """``images`` (a list or tuple of images) checked one by one, ``1`` to ``maximum`` of them.

    The one check of the figures that put images side by side
    (:func:`plot_images`, :func:`pixelviz.plot.plot_crops`); ``what`` names
    the panels in the message (``"images must hold 1 to 24 crops; got 0"``).
    """
    if isinstance(images, (str, bytes, np.ndarray)) or not isinstance(images, (list, tuple)):
        raise TypeError(f"images must be a list of images; got {type(images).__name__}")
    imgs = [check_image(f"images[{k}]", im) for k, im in enumerate(images)]
    if not 1 <= len(imgs) <= maximum:
        raise ValueError(f"images must hold 1 to {maximum} {what}; got {len(imgs)}")
    return imgs


def plot_images(
    images: Sequence[Any],
    titles: Sequence[str] | None = None,
    *,
    cmap: str = "gray",
    vmin: float | None = -1.0,
    vmax: float | None = 1.0,
    size: float = 2.8,
    suptitle: str | None = None,
) -> Figure:
    """Images side by side, each on its own integer-corner axes (``extent=(0, W, H, 0)``).

    Parameters
    ----------
    images : sequence of array_like, each (H, W) or (H, W, 3)
    titles : sequence of str, optional
    cmap, vmin, vmax : colour mapping shared by every panel (one scale, so
        panels compare).
    size : float
        Width of each panel in inches; panels wrap into rows so that a row
        fits the book's column (``COLUMN_INCHES``, 6.4 inches).
    suptitle : str, optional

    Returns
    -------
    matplotlib Figure
    """
    imgs = _check_image_list(images, maximum=24, what="panels")
    if titles is not None and len(titles) != len(imgs):
        raise ValueError(f"titles must have one entry per image ({len(imgs)}); got {len(titles)}")
    cmap = check_cmap("cmap", cmap)
    vmin, vmax = check_optional_float("vmin", vmin), check_optional_float("vmax", vmax)
    size = check_finite_float("size", size, positive=True, maximum=20.0)
    nrows, ncols = panel_grid(len(imgs), size)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, (size + 0.5) * nrows), squeeze=False)
    for ax in axes.flat[len(imgs) :]:
        ax.set_visible(False)
    for k, (ax, img) in enumerate(zip(axes.flat, imgs)):
        # 'antialiased' display, so the figure itself does not add aliasing to fine patterns
        show_image(ax, img, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="antialiased")
        ax.set_xticks([0, img.shape[1]])
        ax.set_yticks([0, img.shape[0]])
        ax.tick_params(labelsize=9)
        if titles is not None:
            ax.set_title(titles[k], fontsize=9)
    if suptitle:
        fig.suptitle(suptitle, fontsize=10)
    fig.tight_layout()
    return fig
