"""Where a measured resize reads its input, against the ① ② ③ grids."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import check_bool, check_finite_float, check_pair, check_size
from ..conventions import GRID_CONVENTIONS, Convention, source_coords
from ..probe import PairMeasurement, ProbeResult
from ._check import check_axes, check_figsize
from ._style import convention_color


def _check_result(name: str, value: Any) -> ProbeResult:
    if not isinstance(value, ProbeResult):
        raise TypeError(f"{name} must be a ProbeResult (from pixelviz.probe_resize); got {type(value).__name__}")
    return value


def _check_pairs(name: str, pairs: Any, result: ProbeResult, label: str = "") -> list[PairMeasurement]:
    """The measured pairs to draw, one column each."""
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, (list, tuple)) or not pairs:
        raise TypeError(f"{name} must be a non-empty sequence of (in_size, out_size) pairs; got {pairs!r}")
    chosen = []
    for k, pair in enumerate(pairs):
        n, m = check_pair(f"{name}[{k}]", pair, check_size, what="(in_size, out_size)")
        meas = result.fit(n, m)
        if meas is None:
            measured = [(p.in_size, p.out_size) for p in result.pairs]
            where = f" for {label!r}" if label else ""
            raise ValueError(f"{name} must be among the measured pairs {measured}{where}; got {tuple(pair)!r}")
        chosen.append(meas)
    return chosen


__all__ = ["draw_probe_pair", "plot_probe", "plot_probes"]


def draw_probe_pair(ax: Axes, meas: PairMeasurement, *, legend: bool = True) -> dict:
    """Measured source coordinates of one ``N -> M`` resize, relative to grid ②.

    The y axis is ``x - x②``: the measured coordinate minus the ② formula
    ``(i + 1/2) N / M - 1/2``, in input pixels. ② is the zero line; ① and
    ③ are drawn as coloured lines, so the black measured points sit on the
    line of the grid the op uses. Nearest picks sit within ±1/2 of their grid.

    Parameters
    ----------
    ax : matplotlib Axes
    meas : PairMeasurement
        One entry of :attr:`ProbeResult.pairs`. Interior rows are drawn (all
        rows for a nearest op, whose picks are never bent by the border).
    legend : bool
        Add a legend.

    Returns
    -------
    dict
        ``"measured"`` (the Line2D of the black points, x data = output
        indices, y data = deviation from ②) and ``"grids"`` (Line2D per grid).

    Notes
    -----
    **Convention.** Coordinates in input-index units (input sample ``j`` at
    ``x = j``). For 36 → 24, ③ reads ``1.5 i`` and ② ``1.5 i + 0.25``: the ③
    line sits at ``-0.25``.
    """
    check_axes("ax", ax)
    if not isinstance(meas, PairMeasurement):
        raise TypeError(f"meas must be a PairMeasurement (an entry of ProbeResult.pairs); got {type(meas).__name__}")
    legend = check_bool("legend", legend)
    n, m = meas.in_size, meas.out_size
    i = np.arange(m)
    ref = source_coords(n, m, Convention.HALF_PIXEL)
    grids = {}
    for conv in GRID_CONVENTIONS:
        (grids[conv],) = ax.plot(
            i, source_coords(n, m, conv) - ref, color=convention_color(conv), linewidth=1.6, label=conv.label, zorder=1
        )
    rows = i if meas.one_hot else np.flatnonzero(meas.interior)
    measured_x = meas.picks[rows] if meas.one_hot else meas.centers[rows]
    (pts,) = ax.plot(
        rows,
        measured_x - ref[rows],
        "o",
        color="black",
        markersize=3.2,
        zorder=3,
        label="measured" + (" pick" if meas.one_hot else ""),
    )
    ax.axhline(0, color="0.85", linewidth=0.6, zorder=0)
    ax.set_title(f"{n} → {m} samples", fontsize=9)
    ax.set_xlabel("output index i", fontsize=9)
    ax.tick_params(labelsize=9)
    if legend:
        ax.legend(fontsize=9, loc="best", frameon=False)
    return {"measured": pts, "grids": grids}


def plot_probe(
    result: ProbeResult,
    pairs: Sequence[tuple[int, int]] = ((24, 36), (36, 24)),
    *,
    title: str | None = None,
    figsize: tuple[float, float] | None = (8.0, 2.3),
) -> Figure:
    """One small panel per size pair: measured coordinates vs the ① ② ③ grids.

    Parameters
    ----------
    result : ProbeResult
        From :func:`pixelviz.probe_resize`.
    pairs : sequence of (int, int)
        Which measured pairs to draw (must be among ``result.pairs``).
    title : str, optional
        Figure title (default: the verdict).
    figsize : (float, float)

    Returns
    -------
    matplotlib Figure

    Raises
    ------
    ValueError
        If a pair was not measured.
    """
    chosen = _check_pairs("pairs", pairs, _check_result("result", result))
    fig, axes = plt.subplots(1, len(chosen), figsize=check_figsize("figsize", figsize), squeeze=False)
    for k, (ax, meas) in enumerate(zip(axes[0], chosen)):
        draw_probe_pair(ax, meas, legend=False)
        if k == 0:
            ax.set_ylabel("x − x② (input px)", fontsize=9)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="center right", fontsize=9, frameon=False)
    fig.suptitle(title if title is not None else result.verdict, fontsize=9)
    fig.tight_layout(rect=(0, 0, 0.8, 1))
    return fig


def plot_probes(
    rows: Sequence[tuple[str, ProbeResult]],
    pairs: Sequence[tuple[int, int]] = ((24, 36), (36, 24)),
    *,
    width: float = 6.2,
    row_height: float = 1.35,
    title: str | None = None,
) -> Figure:
    """A grid of :func:`draw_probe_pair` panels: one row per probed op, one column per pair.

    Parameters
    ----------
    rows : sequence of (str, ProbeResult)
        A label (e.g. ``"cv2.resize INTER_LINEAR"``) and its probe result.
    pairs : sequence of (int, int)
        Measured pairs to draw, one column each.
    width, row_height : float
        Figure width and height per row, in inches.
    title : str, optional
        A line above the legend (e.g. the library and its version).

    Returns
    -------
    matplotlib Figure
    """
    if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)):
        raise TypeError(f"rows must be a list of (label, ProbeResult); got {rows!r}")
    rows = list(rows)
    if not rows:
        raise ValueError("rows must hold at least one (label, ProbeResult); got an empty sequence")
    if len(rows) > 200:
        raise ValueError(f"rows must hold at most 200 probed ops; got {len(rows)}")
    for k, row in enumerate(rows):
        if not isinstance(row, (tuple, list)) or len(row) != 2:
            raise TypeError(f"rows[{k}] must be a (label, ProbeResult) pair; got {row!r}")
        _check_pairs("pairs", pairs, _check_result(f"rows[{k}][1]", row[1]), str(row[0]))
    width = check_finite_float("width", width, positive=True, maximum=100.0)
    row_height = check_finite_float("row_height", row_height, positive=True, maximum=20.0)
    # Each row: its label (op and verdict, up to two lines) above its panels, so the panels get the
    # whole width and every text stays 9 pt at a column-wide 6.2 inches.
    top = 0.45 + (0.3 if title else 0.0)  # inches above the first row's label
    bottom = 0.55
    height = top + bottom + row_height * len(rows)
    fig, axes = plt.subplots(len(rows), len(pairs), figsize=(width, height), squeeze=False, sharex="col")
    for r, (label, result) in enumerate(rows):
        for c, pair in enumerate(pairs):
            meas = cast(PairMeasurement, result.fit(*pair))  # checked above
            draw_probe_pair(axes[r][c], meas, legend=False)
            axes[r][c].set_title("")
            axes[r][c].set_xlabel("")
        text = textwrap.fill(f"{label} → {result.verdict}", width=max(30, int(width * 11)))
        axes[r][0].set_title(text, loc="left", fontsize=9, pad=4)
    for ax, pair in zip(axes[-1], pairs):
        ax.set_xlabel(f"output index i, {pair[0]} → {pair[1]}", fontsize=9)
    handles, labels = axes[0][0].get_legend_handles_labels()
    labels = [lab.replace("measured pick", "measured") for lab in labels]
    if title:
        fig.suptitle(title, x=0.02, y=1 - 0.04 / height, ha="left", va="top", fontsize=10)
    fig.legend(
        handles,
        labels,
        loc="upper center",
        ncol=4,
        fontsize=9,
        frameon=False,
        bbox_to_anchor=(0.5, 1 - (0.25 if title else 0.0) / height),
    )
    fig.supylabel("x − x② (input px)", fontsize=9)
    # Fixed margins (tight_layout costs ~50 ms per panel and the book draws ~100).
    fig.subplots_adjust(
        left=0.12, right=0.98, bottom=bottom / height, top=1 - (top + 0.35) / height, hspace=0.95, wspace=0.25
    )
    return fig
