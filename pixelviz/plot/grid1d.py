"""1D sampling grids: a continuous signal on [0, L] and where its n samples sit."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import check_bool, check_finite_float, check_size
from ..conventions import GRID_CONVENTIONS, Convention, parse_convention, sample_positions
from ._check import check_axes, check_figsize
from ._style import SIGNAL_COLOR, convention_color

__all__ = ["draw_grid_1d", "plot_grids_1d"]


def _fmt(value: float) -> str:
    """Short decimal for axis annotations (0.125, 0.333)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def draw_grid_1d(
    ax: Axes, n: int, convention: Convention | str, *, length: float = 1.0, y: float = 0.0, annotate: bool = True
) -> dict:
    """Draw a signal on ``[0, length]`` and its ``n`` samples under one convention.

    The signal is a green bar on ``[0, length]``. Each sample is a dot; the
    shaded interval around it is its footprint, one stride wide and centered
    on the sample. Under ② the footprints tile the signal exactly; under ①
    they spill half a stride past both ends; under ③ they are shifted left
    by half a stride.

    Parameters
    ----------
    ax : matplotlib Axes
        Where to draw; the x axis is the signal's continuous coordinate.
    n : int
        Number of samples (``n >= 2`` under ①).
    convention : Convention or str
        ① ``"align_corners"``, ② ``"half_pixel"`` or ③ ``"asymmetric"``.
    length : float
        Signal length ``L``.
    y : float
        Vertical position of this row (several rows can share an axes).
    annotate : bool
        Label the row with its convention, offset and stride.

    Returns
    -------
    dict
        The artists, keyed ``"samples"`` (a Line2D of the dots, whose x data
        are the sample positions), ``"footprints"`` (list of patches),
        ``"signal"`` and ``"label"``, so callers (the explorers) can update
        them in place.
    """
    check_axes("ax", ax)
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    n = check_size("n", n)
    length = check_finite_float("length", length, positive=True)
    y = check_finite_float("y", y)
    annotate = check_bool("annotate", annotate)
    xs = sample_positions(n, conv, length)
    stride = xs[1] - xs[0] if n > 1 else length
    color = convention_color(conv)

    signal = ax.broken_barh([(0.0, length)], (y - 0.09, 0.06), facecolors=SIGNAL_COLOR)
    footprints = [
        ax.add_patch(
            plt.Rectangle(
                (x - stride / 2, y - 0.02),
                stride,
                0.2,
                facecolor=color,
                alpha=0.14 + 0.1 * (k % 2),
                edgecolor=color,
                linewidth=0.8,
            )
        )
        for k, x in enumerate(xs)
    ]
    (samples,) = ax.plot(xs, np.full(n, y + 0.08), "o", color=color, markersize=6, zorder=3)
    label = None
    if annotate:
        label = ax.text(
            -0.2 * length,
            y + 0.08,
            f"{conv.label}\noffset {_fmt(xs[0])}, stride {_fmt(stride)}",
            ha="right",
            va="center",
            fontsize=9,
            color=color,
        )
    return {"samples": samples, "footprints": footprints, "signal": signal, "label": label}


def plot_grids_1d(
    n: int = 4,
    conventions: Sequence[Convention | str] = GRID_CONVENTIONS,
    *,
    length: float = 1.0,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """One row per convention: the same signal, ``n`` samples each.

    Parameters
    ----------
    n : int
        Number of samples in every row.
    conventions : sequence of Convention or str
        Rows, top to bottom (default ① ② ③).
    length : float
        Signal length ``L``.
    figsize : (float, float), optional
        Figure size in inches.

    Returns
    -------
    matplotlib Figure
        The x axis is the continuous coordinate with ticks at ``0``, ``L/2``,
        ``L``; dotted verticals mark the ends of the signal.
    """
    if isinstance(conventions, (str, bytes)) or not isinstance(conventions, (list, tuple)):
        raise TypeError(f"conventions must be a sequence of conventions; got {conventions!r}")
    convs = [parse_convention(c, allowed=GRID_CONVENTIONS, name=f"conventions[{k}]") for k, c in enumerate(conventions)]
    if not convs:
        raise ValueError("conventions must name at least one convention; got an empty sequence")
    if len(convs) > 12:
        raise ValueError(f"conventions must hold at most 12 rows; got {len(convs)}")
    n = check_size("n", n)
    figsize = check_figsize("figsize", figsize)
    fig, ax = plt.subplots(figsize=figsize or (7.5, 0.55 + 0.62 * len(convs)))
    for row, conv in enumerate(convs):
        draw_grid_1d(ax, n, conv, length=length, y=-row * 0.5)
    ax.axvline(0, color="0.5", linestyle=":", linewidth=1)
    ax.axvline(length, color="0.5", linestyle=":", linewidth=1)
    ax.set_ylim(-0.5 * len(convs) + 0.25, 0.3)
    ax.set_xlim(-0.75 * length, 1.22 * length)
    ax.set_yticks([])
    ax.set_xticks([0, length / 2, length])
    ax.set_xticklabels(["0", f"{_fmt(length / 2)}", f"L = {_fmt(length)}"])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"{n} samples of a signal on [0, L] under each convention", fontsize=10)
    fig.tight_layout()
    return fig
