"""Crops of downscaled images side by side, sized for the book's text column."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .._validate import check_finite_float, check_int
from ._style import COLUMN_INCHES, COLUMN_PX
from .grid2d import _check_image_list, show_image

__all__ = ["COLUMN_PX", "plot_crops", "text_px"]


def text_px(fig: Figure, fontsize: float, column_px: int = COLUMN_PX) -> float:
    """Height in CSS pixels of ``fontsize``-point text once ``fig`` is scaled to the column.

    A figure ``W`` inches wide at ``dpi`` is a ``W * dpi`` px image that the page shows at
    ``min(W * dpi, column_px)`` px; text of ``s`` points is ``s * dpi / 72`` image pixels.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure; got {fig!r}")
    fontsize = check_finite_float("fontsize", fontsize, positive=True)
    column_px = check_int("column_px", column_px, minimum=1)
    width = fig.get_figwidth() * fig.dpi
    return fontsize * fig.dpi / 72 * min(1.0, column_px / width)


def plot_crops(
    images: Sequence[Any],
    titles: Sequence[str],
    *,
    ncols: int = 4,
    fontsize: float = 9.0,
    vmin: float = -1.0,
    vmax: float = 1.0,
) -> Figure:
    """Same-size image crops on a grid of panels, one title each, drawn to fill the text column.

    Parameters
    ----------
    images : sequence of (h, w) array_like of float
        The crops (integer-corner axes, ``extent=(0, w, h, 0)``), at most 24.
    titles : sequence of str
        One per image; ``"\\n"`` breaks a line.
    ncols : int
        Panels per row.
    fontsize : float
        Title size in points. The figure is the column's width (``COLUMN_INCHES``, 6.4 inches at the
        book's 110 dpi), so 9 pt is about 13.5 CSS px in the 688 px column (see :func:`text_px`);
        ``use_book_style`` then draws it at 2 device pixels per CSS pixel.
    vmin, vmax : float
        One grey scale shared by every panel.

    Returns
    -------
    matplotlib Figure
    """
    imgs = _check_image_list(images, maximum=24, what="crops")
    if isinstance(titles, (str, bytes)) or not isinstance(titles, (list, tuple)) or len(titles) != len(imgs):
        raise ValueError(f"titles must be a list with one str per image ({len(imgs)}); got {titles!r}")
    for k, t in enumerate(titles):
        if not isinstance(t, str):
            raise TypeError(f"titles[{k}] must be a str; got {t!r}")
    ncols = check_int("ncols", ncols, minimum=1, maximum=12)
    fontsize = check_finite_float("fontsize", fontsize, positive=True, maximum=40.0)
    vmin = check_finite_float("vmin", vmin)
    vmax = check_finite_float("vmax", vmax)
    nrows = math.ceil(len(imgs) / ncols)
    width = COLUMN_INCHES
    panel = width / ncols
    title_in = 3.4 * fontsize / 72  # two lines of title and the gap below them
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, nrows * (panel + title_in)), squeeze=False)
    for k, ax in enumerate(axes.ravel()):
        if k >= len(imgs):
            ax.set_visible(False)
            continue
        show_image(ax, imgs[k], vmin=vmin, vmax=vmax, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(titles[k], fontsize=fontsize, linespacing=1.1)
    fig.tight_layout(pad=0.3, h_pad=0.4, w_pad=0.3)
    return fig
