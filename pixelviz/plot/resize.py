"""Resize overlays: input and output grids on the same continuous axes, with the reads drawn.

A resize ``N → M`` under a convention places both grids over the same
signal. Input sample ``j`` sits at ``sample_positions(N, conv, L)[j]`` and
output sample ``i`` at ``sample_positions(M, conv, L)[i]`` (here ``L = N``:
one unit per input pixel). Output ``i`` reads the input samples listed in
its row of :func:`pixelviz.resample.resize_weights`; the drawings connect
them with lines whose opacity is the weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import (
    check_callable,
    check_elements,
    check_finite_array,
    check_finite_float,
    check_int,
    check_size,
    check_size_pair,
)
from ..conventions import GRID_CONVENTIONS, Convention, parse_convention, reads_outside, sample_positions
from ..resample import ResizeWeights, parse_mode, resize, resize_weights
from ._check import check_axes, check_figsize
from ._style import SIGNAL_COLOR, convention_color
from .grid2d import _setup_axes, draw_grid_2d, grid_points_2d

__all__ = ["draw_resize_1d", "plot_resize_1d", "plot_resize_versions_1d", "plot_resize_2d", "plot_sampling_1d"]

INPUT_COLOR = "0.25"


def _check_reads(name: str, reads: Any, n_out: int) -> list[int]:
    """Output indices in ``[0, n_out)`` (a sequence, or a range)."""
    if isinstance(reads, (str, bytes)) or not isinstance(reads, (list, tuple, range, np.ndarray)):
        raise TypeError(f"{name} must be a sequence of output indices; got {reads!r}")
    return [check_int(f"{name}[{k}]", i, minimum=0, maximum=n_out - 1) for k, i in enumerate(reads)]


def _reads(table: ResizeWeights, i: int) -> dict:
    """Input index -> total weight read by output ``i`` (clamped duplicates merged)."""
    out: dict = {}
    for j, wgt in zip(table.index[i].tolist(), table.weight[i].tolist()):
        out[j] = out.get(j, 0.0) + wgt
    return {j: w for j, w in out.items() if abs(w) > 1e-12}


def draw_resize_1d(ax: Axes, n_in: int, n_out: int, convention: Convention | str, *,
                   mode: str = "linear", reads: Sequence[int] | None = None, y: float = 0.0,
                   label: str | None = None) -> dict:
    """One row: the input grid (grey) under the output grid (convention colour), reads as lines.

    Parameters
    ----------
    ax : Axes
        x axis = the signal's continuous coordinate, ``[0, n_in]``.
    n_in, n_out : int
        Input and output lengths (``>= 2`` under ①).
    convention : Convention or str
        ①, ② or ③.
    mode : str
        Resize kernel whose reads are drawn (``"linear"``, ``"cubic"``, ``"nearest"``).
    reads : sequence of int, optional
        Output indices whose reads are drawn (default: first, middle, last).
    y : float
        Vertical position of the row (input at ``y``, output at ``y + 0.5``).
    label : str, optional
        Row label; default e.g. ``"② 4 → 8"``.

    Returns
    -------
    dict
        ``"inputs"``, ``"outputs"`` (Line2D), ``"reads"`` (list of Line2D),
        ``"outside"``: indices of output samples whose position lies outside
        the span of the input samples (they extrapolate).
    """
    check_axes("ax", ax)
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
    parse_mode(mode)
    y = check_finite_float("y", y)
    reads = sorted({0, n_out // 2, n_out - 1}) if reads is None else _check_reads("reads", reads, n_out)
    length = float(n_in)
    q = sample_positions(n_in, conv, length)
    p = sample_positions(n_out, conv, length)
    table = resize_weights(n_in, n_out, mode, conv)
    color = convention_color(conv)
    ax.broken_barh([(0.0, length)], (y - 0.22, 0.07), facecolors=SIGNAL_COLOR, alpha=0.7)
    (inputs,) = ax.plot(q, np.full(n_in, y), "s", color=INPUT_COLOR, markersize=6, zorder=3)
    (outputs,) = ax.plot(p, np.full(n_out, y + 0.5), "o", color=color, markersize=5, zorder=3)
    lines = []
    for i in reads:
        for j, wgt in _reads(table, i).items():
            (ln,) = ax.plot([p[i], q[j]], [y + 0.5, y], "-", color=color,
                            alpha=float(np.clip(0.25 + 0.75 * abs(wgt), 0, 1)), linewidth=1.4)
            lines.append(ln)
    outside = np.flatnonzero(reads_outside(n_in, n_out, conv))
    for k in outside:
        ax.plot(p[k], y + 0.5, "o", markerfacecolor="none", markeredgecolor="k", markersize=9, zorder=4)
    text = label if label is not None else f"{conv.symbol} {n_in} → {n_out}"
    ax.text(-0.06 * length, y + 0.25, text, ha="right", va="center", fontsize=9, color=color)
    return {"inputs": inputs, "outputs": outputs, "reads": lines, "outside": outside}


def _finish_1d(ax: Axes, length: float, rows: int) -> None:
    ax.axvline(0, color="0.5", linestyle=":", linewidth=1)
    ax.axvline(length, color="0.5", linestyle=":", linewidth=1)
    ax.set_xlim(-0.45 * length, 1.05 * length)
    ax.set_ylim(-(rows - 1) * 1.1 - 0.35, 0.75)
    ax.set_yticks([])
    ax.set_xticks(np.arange(0, int(length) + 1))
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def plot_resize_1d(n_in: int, n_out: int, convention: Convention | str = "half_pixel", *,
                   mode: str = "linear", reads: Sequence[int] | None = None,
                   figsize: tuple[float, float] | None = None) -> Figure:
    """A 1D resize overlay: input squares, output dots, lines for the reads.

    Output samples outside the span of the input samples (they need
    extrapolation) are ringed in black. See :func:`draw_resize_1d`.
    """
    n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
    if reads is not None:
        _check_reads("reads", reads, n_out)
    parse_convention(convention, allowed=GRID_CONVENTIONS)
    parse_mode(mode)
    fig, ax = plt.subplots(figsize=check_figsize("figsize", figsize) or (7.5, 1.6))
    draw_resize_1d(ax, n_in, n_out, convention, mode=mode, reads=reads)
    _finish_1d(ax, float(n_in), 1)
    ax.set_title(f"{mode} resize {n_in} → {n_out}: grey = input samples, dots = output samples", fontsize=9)
    fig.tight_layout()
    return fig


def plot_resize_versions_1d(n: int = 4, versions: Sequence[tuple[str, int, str]] | None = None, *,
                            mode: str = "linear", figsize: tuple[float, float] | None = None) -> Figure:
    """The article's 2x resize versions stacked on one axis.

    Parameters
    ----------
    n : int
        Input length ``N``.
    versions : sequence of (convention, output length, label), optional
        Default: ① half the stride (``2N - 1``), ① twice the pixels (``2N``),
        ② and ③ (``2N``).
    mode : str
        Kernel whose reads are drawn (every output sample's reads are drawn).

    Returns
    -------
    matplotlib Figure
    """
    n = check_size("n", n)
    parse_mode(mode)
    if versions is None:
        versions = [("align_corners", 2 * n - 1, "① half stride"), ("align_corners", 2 * n, "① twice pixels"),
                    ("half_pixel", 2 * n, "② half-pixel"), ("asymmetric", 2 * n, "③ asymmetric")]
    if isinstance(versions, (str, bytes)) or not isinstance(versions, (list, tuple)) or not versions:
        raise TypeError(f"versions must be a non-empty list of (convention, output length, label); got {versions!r}")
    for k, v in enumerate(versions):
        if not isinstance(v, (list, tuple)) or len(v) != 3:
            raise ValueError(f"versions[{k}] must be (convention, output length, label); got {v!r}")
        parse_convention(v[0], allowed=GRID_CONVENTIONS, name=f"versions[{k}][0]")
        check_size(f"versions[{k}][1]", v[1])
    fig, ax = plt.subplots(figsize=check_figsize("figsize", figsize) or (8, 1.0 + 1.05 * len(versions)))
    for row, (conv, m, label) in enumerate(versions):
        draw_resize_1d(ax, n, m, conv, mode=mode, reads=range(m), y=-1.1 * row, label=f"{label}\n{n} → {m}")
    _finish_1d(ax, float(n), len(versions))
    ax.set_title(f"2x {mode} resize of {n} samples: grey squares = input, dots = output, "
                 "ringed = outside the input grid", fontsize=9)
    fig.tight_layout()
    return fig


def plot_resize_2d(in_shape: tuple[int, int], out_shape: tuple[int, int],
                   convention: Convention | str = "half_pixel", *, mode: str = "linear",
                   reads: Sequence[tuple[int, int]] | None = None, ax: Axes | None = None,
                   title: str | None = None) -> Figure:
    """A 2D resize overlay on integer-corner axes of the input image ``[0, W] x [0, H]``.

    The input grid is drawn in grey (cells and squares), the output grid in
    the convention's colour; for each output sample ``(r, c)`` in ``reads``
    lines join it to the input samples it reads (the outer product of the
    row and column tables of :func:`~pixelviz.resample.resize_weights`).

    Parameters
    ----------
    in_shape, out_shape : (int, int)
        ``(H, W)`` and ``(h, w)``.
    convention : Convention or str
        ①, ② or ③.
    mode : str
        Kernel whose reads are drawn.
    reads : sequence of (int, int), optional
        Output samples whose reads are drawn (default: the top-left one and
        the center one).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib Figure
    """
    conv = parse_convention(convention, allowed=GRID_CONVENTIONS)
    (big_h, big_w), (h, w) = check_size_pair("in_shape", in_shape), check_size_pair("out_shape", out_shape)
    check_elements("the drawn grids (input and output samples)", big_h * big_w + h * w, "samples")
    parse_mode(mode)
    if reads is None:
        reads = [(0, 0), (h // 2, w // 2)]
    if isinstance(reads, (str, bytes)) or not isinstance(reads, (list, tuple)):
        raise TypeError(f"reads must be a list of (row, col) output samples; got {reads!r}")
    reads = [(check_int(f"reads[{k}][0]", rc[0], minimum=0, maximum=h - 1),
              check_int(f"reads[{k}][1]", rc[1], minimum=0, maximum=w - 1))
             if isinstance(rc, (list, tuple)) and len(rc) == 2 else _bad_read(k, rc) for k, rc in enumerate(reads)]
    if ax is None:
        fig, ax = plt.subplots(figsize=(4.2, 4.2 * big_h / big_w + 0.4))
    else:
        fig = cast(Figure, check_axes("ax", ax).figure)
    extent = (float(big_h), float(big_w))
    draw_grid_2d(ax, big_h, big_w, conv, extent=extent, color=INPUT_COLOR, marker="s", markersize=7,
                 label=f"input {big_h}×{big_w}")
    draw_grid_2d(ax, h, w, conv, extent=extent, cells=False, markersize=5, label=f"output {h}×{w}")
    qy, qx = grid_points_2d(big_h, big_w, conv, extent=extent)
    py, px = grid_points_2d(h, w, conv, extent=extent)
    ty, tx = resize_weights(big_h, h, mode, conv), resize_weights(big_w, w, mode, conv)
    color = convention_color(conv)
    for r, c in reads:
        for jr, wr in _reads(ty, r).items():
            for jc, wc in _reads(tx, c).items():
                ax.plot([px[c], qx[jc]], [py[r], qy[jr]], "-", color=color,
                        alpha=float(np.clip(0.25 + 0.75 * abs(wr * wc), 0, 1)), linewidth=1.3)
        ax.plot(px[c], py[r], "o", markerfacecolor="none", markeredgecolor="k", markersize=10, zorder=4)
    _setup_axes(ax, big_h, big_w, 0.35)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=8, frameon=False)
    ax.set_title(title or f"{conv.label}: {big_h}×{big_w} → {h}×{w}", fontsize=10)
    return fig


def _bad_read(k: int, rc: Any) -> tuple[int, int]:
    raise ValueError(f"reads[{k}] must be a (row, col) pair; got {rc!r}")


def plot_sampling_1d(signal: Callable[[np.ndarray], np.ndarray], n: int, *, length: float = 1.0,
                     supersample: int = 16, dense: int = 2000,
                     figsize: tuple[float, float] | None = None) -> Figure:
    """Sample a continuous 1D signal on grid ②, with and without a box pre-filter.

    Top: the signal (grey), its ``n`` point samples and their linear
    reconstruction. Bottom: the same with each sample the mean of the signal
    over its footprint (``supersample`` sub-samples on a finer ② grid, a box
    filter). Where the signal is faster than half the sampling rate the point
    samples alias (a slow wave that is not there); the filtered ones fade out.

    Parameters
    ----------
    signal : callable
        Maps an array of continuous positions in ``[0, length]`` to values.
    n : int
        Number of samples.
    length : float
        Signal length ``L``.
    supersample : int
        Sub-samples per sample for the box filter.
    dense : int
        Number of points used to draw the continuous signal and the reconstructions.

    Returns
    -------
    matplotlib Figure
    """
    check_callable("signal", signal, "a callable signal(t) -> values")
    n = check_size("n", n)
    s = check_size("supersample", supersample)
    check_size("n * supersample", n * s)
    dense = check_size("dense", dense)
    length = check_finite_float("length", length, positive=True)
    figsize = check_figsize("figsize", figsize)
    t_dense = sample_positions(dense, "half_pixel", length)
    t = sample_positions(n, "half_pixel", length)

    def values(at: np.ndarray) -> np.ndarray:
        out = check_finite_array("signal(t)", signal(at))
        if out.shape != at.shape:
            raise ValueError(f"signal must return one value per position, shape {at.shape}; got shape {out.shape}")
        return out
    point = values(t)
    boxed = values(sample_positions(n * s, "half_pixel", length)).reshape(n, s).mean(1)
    fig, axes = plt.subplots(2, 1, figsize=figsize or (8, 4), sharex=True)
    color = convention_color(Convention.HALF_PIXEL)
    for ax, vals, name in [(axes[0], point, "point samples (no filter)"),
                           (axes[1], boxed, "box-filtered samples (mean over each footprint)")]:
        ax.plot(t_dense, values(t_dense), color="0.7", linewidth=0.8, label="continuous signal")
        ax.plot(t_dense, resize(vals, dense, "linear"), color=color, linewidth=1.4, label="reconstruction")
        ax.plot(t, vals, "o", color=color, markersize=4, label=name)
        ax.set_ylim(-1.9, 1.3)
        ax.legend(loc="lower left", fontsize=7, ncol=3, frameon=False)
        for side in ("right", "top"):
            ax.spines[side].set_visible(False)
    axes[1].set_xlabel("t (continuous coordinate)")
    axes[0].set_title(f"{n} samples on grid ② of a signal on [0, {length:g}]", fontsize=10)
    fig.tight_layout()
    return fig
