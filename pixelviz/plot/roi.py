"""RoIAlign geometry (the pixel grid, a box, its bins, the samples and what one of them reads) and mask panels."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import check_bool, check_int, check_size, check_size_pair
from ..conventions import Convention, Origin, convert_origin, index_to_coord
from ..geometry import as_boxes, as_polygon
from ..roi import bilinear_neighbors, roi_bin_edges, roi_sample_points
from ._check import check_axes, check_figsize, check_image, check_mapping
from ._style import SIGNAL_COLOR, convention_color


def _check_roi_drawing(
    image_shape: Any, box: Any, output_size: Any, sampling_ratio: Any, cell: Any, image: Any
) -> tuple[int, int, Any, int, int, tuple[int, int], Any]:
    """The checked arguments of :func:`draw_roi_align` (shared with :func:`plot_roi_align`)."""
    height, width = check_size_pair("image_shape", image_shape)
    if height * width > 64 * 64:
        raise ValueError(f"image_shape must be at most 64 x 64 pixels to draw them one by one; got {image_shape!r}")
    b = as_boxes(box, name="box")
    if b.shape != (4,):
        raise ValueError(f"box must be one (x0, y0, x1, y1) box, shape (4,); got shape {b.shape}")
    k = check_size("output_size", output_size)
    if k > 16:
        raise ValueError(f"output_size must be <= 16 bins per side to draw; got {k}")
    s = check_int("sampling_ratio", sampling_ratio, minimum=1, maximum=8)
    if isinstance(cell, (str, bytes)) or not isinstance(cell, (tuple, list)) or len(cell) != 2:
        raise TypeError(f"cell must be a (row, col) pair of output indices; got {cell!r}")
    row = check_int("cell[0]", cell[0], minimum=0, maximum=k - 1)
    col = check_int("cell[1]", cell[1], minimum=0, maximum=k - 1)
    img = None if image is None else check_image("image", image, ndim=(2,))
    if img is not None and img.shape != (height, width):
        raise ValueError(f"image must have image_shape {(height, width)}; got shape {img.shape}")
    return height, width, b, k, s, (row, col), img


__all__ = ["MISSING_COLOR", "EXTRA_COLOR", "NEIGHBOR_COLOR", "draw_roi_align", "plot_roi_align", "plot_masks"]

#: Fill of the pixels a sample point interpolates (shaded by its bilinear weight).
NEIGHBOR_COLOR = "#9467bd"
_NEIGHBOR_COLOR = NEIGHBOR_COLOR


def draw_roi_align(
    ax: Axes,
    image_shape: tuple[int, int],
    box: Any,
    output_size: int = 2,
    *,
    sampling_ratio: int = 1,
    aligned: bool = True,
    cell: tuple[int, int] = (0, 0),
    image: Any = None,
) -> dict:
    """Draw where RoIAlign samples one box, and the pixels one output cell reads.

    Everything is drawn in integer-corner coordinates (pixel ``(r, c)`` is
    the square ``[c, c+1) x [r, r+1)``, its center a grey dot at
    ``(c + 1/2, r + 1/2)``):

    * the box (green) and its ``output_size x output_size`` bins (dashed);
    * the sampling points, where the derivation puts them in the box
      (hollow circles);
    * where the op actually reads them (filled dots): the same place for
      ``aligned=True``; half a pixel down-right for ``aligned=False``, which
      treats box coordinates as indices (an arrow shows the shift);
    * for output ``cell`` with one sample, the (up to) four input pixels it
      interpolates, shaded by bilinear weight and labelled with it.

    Parameters
    ----------
    ax : matplotlib Axes
    image_shape : (int, int)
        ``(H, W)`` of the input grid.
    box : (4,) array_like of float
        ``(x0, y0, x1, y1)`` in integer-corner coordinates.
    output_size : int
        ``K`` for a ``K x K`` output.
    sampling_ratio : int
        Samples per bin along each axis (``> 0``).
    aligned : bool
        As in :func:`pixelviz.roi_align`.
    cell : (int, int)
        ``(row, col)`` of the output cell whose neighbours are shown (only its
        first sample's neighbours when ``sampling_ratio > 1``).
    image : (H, W) array_like, optional
        Drawn underneath in grey.

    Returns
    -------
    dict
        ``"intended"`` and ``"read"``: ``(S, 2)`` arrays of the sample points
        in integer-corner coordinates; ``"neighbors"``: the
        ``(row, col, weight)`` list of the shown cell's first sample.
    """
    check_axes("ax", ax)
    height, width, b, k, sampling_ratio, cell, image = _check_roi_drawing(
        image_shape, box, output_size, sampling_ratio, cell, image
    )
    aligned = check_bool("aligned", aligned)
    color = convention_color(Convention.HALF_PIXEL if aligned else Convention.ASYMMETRIC)
    if image is not None:
        ax.imshow(image, cmap="Greys", alpha=0.35, extent=(0, width, height, 0), interpolation="nearest")
    for v in range(width + 1):
        ax.axvline(v, color="0.8", lw=0.8, zorder=0)
    for v in range(height + 1):
        ax.axhline(v, color="0.8", lw=0.8, zorder=0)
    cy, cx = np.meshgrid(index_to_coord(np.arange(height)), index_to_coord(np.arange(width)), indexing="ij")
    ax.plot(cx.ravel(), cy.ravel(), ".", color="0.55", ms=4, zorder=1)

    xs, ys = roi_sample_points(b, k, sampling_ratio, aligned)  # sample-index space
    ax.add_patch(
        plt.Rectangle((b[0], b[1]), b[2] - b[0], b[3] - b[1], fill=False, edgecolor=SIGNAL_COLOR, lw=2.2, zorder=3)
    )
    edges_x, edges_y = roi_bin_edges(b, k)
    for ex, ey in zip(edges_x[1:-1], edges_y[1:-1]):  # the inner bin edges
        ax.plot([ex] * 2, [b[1], b[3]], "--", color=SIGNAL_COLOR, lw=1, zorder=3)
        ax.plot([b[0], b[2]], [ey] * 2, "--", color=SIGNAL_COLOR, lw=1, zorder=3)

    # where the sample sits in the box, and where the op reads it (index j is drawn at its center j + 1/2)
    rx, ry = convert_origin(xs, Origin.CENTERS, Origin.CORNERS), convert_origin(ys, Origin.CENTERS, Origin.CORNERS)
    aligned_xs, aligned_ys = roi_sample_points(b, k, sampling_ratio, True)
    ix = convert_origin(aligned_xs, Origin.CENTERS, Origin.CORNERS)
    iy = convert_origin(aligned_ys, Origin.CENTERS, Origin.CORNERS)
    read = np.stack(np.meshgrid(rx.ravel(), ry.ravel()), -1).reshape(-1, 2)
    intended = np.stack(np.meshgrid(ix.ravel(), iy.ravel()), -1).reshape(-1, 2)

    row, col = cell
    neighbors = bilinear_neighbors(xs[col, 0], ys[row, 0], (height, width))
    for r, c, w in neighbors:
        if w <= 0:
            continue
        ax.add_patch(
            plt.Rectangle(
                (c, r),
                1,
                1,
                facecolor=_NEIGHBOR_COLOR,
                alpha=0.15 + 0.55 * w,
                edgecolor=_NEIGHBOR_COLOR,
                lw=1.2,
                zorder=2,
            )
        )
        ax.text(
            c + 0.5,
            r + 0.8,
            f"{w:.2f}",
            ha="center",
            va="center",
            fontsize=8,
            color="k",
            zorder=6,
            bbox=dict(facecolor="white", alpha=0.75, edgecolor="none", pad=0.6),
        )  # legible over the samples

    ax.plot(
        intended[:, 0],
        intended[:, 1],
        "o",
        mfc="none",
        mec=SIGNAL_COLOR,
        ms=8,
        mew=1.4,
        zorder=4,
        label="sample point in the box",
    )
    ax.plot(read[:, 0], read[:, 1], "o", color=color, ms=5, zorder=5, label="point actually read")
    if not aligned:
        p, q = intended[0], read[0]
        ax.annotate("", xy=q, xytext=p, arrowprops=dict(arrowstyle="->", color=color, lw=1.2), zorder=5)
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_aspect("equal")
    ax.set_xticks(range(width + 1))
    ax.set_yticks(range(height + 1))
    ax.tick_params(labelsize=9)
    ax.set_title(f"aligned={aligned}" + ("" if aligned else " (legacy)"), color=color, fontsize=11)
    return {"intended": intended, "read": read, "neighbors": neighbors}


def plot_roi_align(
    image_shape: tuple[int, int] = (6, 7),
    box: Any = (1.3, 1.2, 5.1, 4.6),
    output_size: int = 2,
    *,
    sampling_ratio: int = 1,
    cell: tuple[int, int] = (0, 0),
    image: Any = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """``aligned=True`` and ``aligned=False`` side by side (see :func:`draw_roi_align`)."""
    _check_roi_drawing(image_shape, box, output_size, sampling_ratio, cell, image)
    fig, axes = plt.subplots(1, 2, figsize=check_figsize("figsize", figsize) or (6.4, 3.6), constrained_layout=True)
    for ax, aligned in zip(axes, (True, False)):
        draw_roi_align(
            ax, image_shape, box, output_size, sampling_ratio=sampling_ratio, aligned=aligned, cell=cell, image=image
        )
    handles, labels = axes[1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=9, bbox_to_anchor=(0.5, -0.06))
    return fig


#: Colour of a pixel a mask lacks but its reference has, and of one it has but the reference lacks.
MISSING_COLOR, EXTRA_COLOR = (0.84, 0.15, 0.16), (0.12, 0.47, 0.71)
_MISSING, _EXTRA = np.array(MISSING_COLOR), np.array(EXTRA_COLOR)


def plot_masks(
    masks: dict, *, truth: Any = None, polygon: Any = None, box: Any = None, figsize: tuple[float, float] | None = None
) -> Figure:
    """Binary masks side by side, with their errors against a reference.

    Parameters
    ----------
    masks : dict of str -> (H, W) array_like of bool
        Panel title -> mask (all the same shape).
    truth : (H, W) array_like of bool, optional
        Reference: pixels it has and a mask lacks are red, extra pixels
        blue; the title counts them.
    polygon : (V, 2) array_like of float, optional
        Outline drawn on every panel (integer-corner coordinates).
    box : (4,) array_like of float, optional
        ``(x0, y0, x1, y1)`` drawn in green.

    Returns
    -------
    Figure
    """
    check_mapping("masks", masks, "title -> (H, W) mask", "mask")
    items = [
        (title, check_image(f"masks[{title!r}]", m, ndim=(2,), allow_nan=False) > 0.5) for title, m in masks.items()
    ]
    shapes = {m.shape for _, m in items}
    if len(shapes) != 1:
        raise ValueError(f"masks must all have one shape; got shapes {sorted(shapes)}")
    ref = None if truth is None else check_image("truth", truth, ndim=(2,), allow_nan=False) > 0.5
    if ref is not None and ref.shape != items[0][1].shape:
        raise ValueError(f"truth must have the masks' shape {items[0][1].shape}; got shape {ref.shape}")
    poly = None if polygon is None else as_polygon(polygon)
    rect = None if box is None else as_boxes(box, name="box")
    if rect is not None and rect.shape != (4,):
        raise ValueError(f"box must be one (x0, y0, x1, y1) box, shape (4,); got shape {rect.shape}")
    figsize = check_figsize("figsize", figsize)
    fig, axes = plt.subplots(
        1, len(items), figsize=figsize or (3.4 * len(items), 3.6), constrained_layout=True, squeeze=False
    )
    for ax, (title, m) in zip(axes[0], items):
        height, width = m.shape
        rgb = np.ones((height, width, 3))
        rgb[m] = 0.55
        if ref is not None:
            missing, extra = ref & ~m, m & ~ref
            rgb[missing], rgb[extra] = _MISSING, _EXTRA
            title = f"{title}\n{int(missing.sum())} missing, {int(extra.sum())} extra px"
        ax.imshow(rgb, extent=(0, width, height, 0), interpolation="nearest")
        if poly is not None:
            ax.plot(np.r_[poly[:, 0], poly[0, 0]], np.r_[poly[:, 1], poly[0, 1]], "-", color="k", lw=1.2)
        if rect is not None:
            b = rect
            ax.add_patch(
                plt.Rectangle((b[0], b[1]), b[2] - b[0], b[3] - b[1], fill=False, edgecolor=SIGNAL_COLOR, lw=1.5)
            )
        ax.set_title(title, fontsize=10)
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.tick_params(labelsize=9)
    return fig
