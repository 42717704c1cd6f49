"""Resize overlays: input and output grids on the same continuous axes, with the reads drawn.

A resize ``N → M`` under a convention places both grids over the same
signal ``[0, L]`` with ``L = N`` (one unit per input pixel). Input sample
``j`` sits at ``sample_positions(N, grid, L)[j]``, ``grid`` the article's
grid (①, ② or ③) that the convention reads its input on; output sample
``i`` sits where it reads the input, its source coordinate
(:func:`pixelviz.source_coords`) placed on that input grid. For ①, ② and ③
given an output size this is ``sample_positions(M, conv, L)[i]``: the output
is a grid of the same convention. Output ``i`` reads the input samples
listed in its row of :func:`pixelviz.resample.resize_weights`; the drawings
connect them with lines whose opacity is the weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validate import (
    check_bool,
    check_callable,
    check_elements,
    check_finite_array,
    check_finite_float,
    check_int,
    check_size,
    check_size_pair,
)
from ..conventions import GRID_CONVENTIONS, Convention, parse_convention, reads_outside, sample_positions, source_coords
from ..resample import ResizeWeights, parse_mode, resize, resize_weights
from ._check import check_axes, check_figsize
from ._style import SIGNAL_COLOR, convention_color
from .grid2d import _setup_axes, draw_grid_2d, show_image

__all__ = [
    "input_grid",
    "resize_positions",
    "draw_resize_1d",
    "draw_resize_values_1d",
    "plot_resize_1d",
    "plot_resize_versions_1d",
    "plot_resize_2d",
    "plot_sampling_1d",
]

INPUT_COLOR = "0.25"
#: Edge colour of the ring around an output sample that reads outside the span of the input samples.
OUTSIDE_COLOR = "k"


def input_grid(convention: Convention | str) -> Convention:
    """The article's grid (①, ② or ③) on which ``convention`` (any ONNX mode) reads its input.

    The same as :attr:`pixelviz.Convention.grid`, for a convention given by name.

    Examples
    --------
    >>> input_grid("pytorch_half_pixel").label, input_grid("tf_crop_and_resize").label
    ('② half_pixel', '① align_corners')
    """
    return parse_convention(convention).grid


def resize_positions(
    n_in: int, n_out: int, convention: Convention | str, *, scale: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Where the input and the output samples of a resize sit on the signal ``[0, n_in]``.

    Parameters
    ----------
    n_in, n_out : int
        ``N`` and ``M`` (``N >= 2`` for the ① family).
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode``.
    scale : float, optional
        The scale factor the resize was given (see
        :func:`pixelviz.source_coords`); default ``M / N``.

    Returns
    -------
    q : ndarray of float64, shape (N,)
        Input sample ``j`` at ``sample_positions(N, input_grid(convention), N)[j]``.
    p : ndarray of float64, shape (M,)
        Output sample ``i`` where it reads: its source coordinate ``x_i``
        (input-index units) placed on the input grid, ``q_0 + x_i · stride``.

    Notes
    -----
    **Convention.** ② ``4 → 8``: inputs at ``0.5, 1.5, 2.5, 3.5``, output 0
    reads ``x = -0.25``, drawn at ``0.25``. ① ``4 → 8``: inputs at
    ``0, 4/3, 8/3, 4``; outputs at ``i · 4/7``, the ends on the signal's ends.

    Examples
    --------
    >>> q, p = resize_positions(4, 8, "align_corners")
    >>> q.round(3).tolist(), p[[0, -1]].tolist()
    ([0.0, 1.333, 2.667, 4.0], [0.0, 4.0])
    """
    grid = input_grid(convention)
    n_in = check_size("n_in", n_in)
    n_out = check_size("n_out", n_out)
    q = sample_positions(n_in, grid, float(n_in))
    stride = q[1] - q[0] if n_in > 1 else float(n_in)
    p = q[0] + stride * source_coords(n_in, n_out, convention, scale=scale)
    return q, p


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


def draw_resize_1d(
    ax: Axes,
    n_in: int,
    n_out: int,
    convention: Convention | str,
    *,
    mode: str = "linear",
    reads: Sequence[int] | None = None,
    y: float = 0.0,
    label: str | None = None,
    scale: float | None = None,
    fontsize: float = 9.0,
) -> dict:
    """One row: the input grid (grey) under the output grid (convention colour), reads as lines.

    Parameters
    ----------
    ax : Axes
        x axis = the signal's continuous coordinate, ``[0, n_in]``.
    n_in, n_out : int
        Input and output lengths (``>= 2`` under ①).
    convention : Convention or str
        Any ONNX mode; samples are placed by :func:`resize_positions`.
    mode : str
        Resize kernel whose reads are drawn (``"linear"``, ``"cubic"``, ``"nearest"``).
    reads : sequence of int, optional
        Output indices whose reads are drawn (default: first, middle, last).
    y : float
        Vertical position of the row (input at ``y``, output at ``y + 0.5``).
    label : str, optional
        Row label; default e.g. ``"② 4 → 8"``.
    scale : float, optional
        The scale factor the resize was given instead of ``n_out / n_in``
        (see :func:`pixelviz.source_coords`).
    fontsize : float
        Of the row label.

    Returns
    -------
    dict
        ``"inputs"``, ``"outputs"`` (Line2D), ``"reads"`` (list of Line2D),
        ``"outside"``: indices of output samples whose position lies outside
        the span of the input samples (they extrapolate; ringed in black),
        ``"artists"``: everything drawn.
    """
    check_axes("ax", ax)
    conv = parse_convention(convention)
    n_in, n_out = check_size("n_in", n_in), check_size("n_out", n_out)
    parse_mode(mode)
    y = check_finite_float("y", y)
    fontsize = check_finite_float("fontsize", fontsize, positive=True)
    reads = sorted({0, n_out // 2, n_out - 1}) if reads is None else _check_reads("reads", reads, n_out)
    length = float(n_in)
    q, p = resize_positions(n_in, n_out, conv, scale=scale)
    table = resize_weights(n_in, n_out, mode, conv, scale=scale)
    color = convention_color(conv)
    artists: list[Artist] = [ax.broken_barh([(0.0, length)], (y - 0.22, 0.07), facecolors=SIGNAL_COLOR, alpha=0.7)]
    (inputs,) = ax.plot(q, np.full(n_in, y), "s", color=INPUT_COLOR, markersize=6, zorder=3)
    (outputs,) = ax.plot(p, np.full(n_out, y + 0.5), "o", color=color, markersize=5, zorder=3)
    artists += [inputs, outputs]
    lines = []
    for i in reads:
        for j, wgt in _reads(table, i).items():
            (ln,) = ax.plot(
                [p[i], q[j]],
                [y + 0.5, y],
                "-",
                color=color,
                alpha=float(np.clip(0.25 + 0.75 * abs(wgt), 0, 1)),
                linewidth=1.4,
            )
            lines.append(ln)
    artists += lines
    outside = np.flatnonzero(reads_outside(n_in, n_out, conv, scale=scale))
    if len(outside):
        artists += ax.plot(
            p[outside],
            np.full(len(outside), y + 0.5),
            "o",
            markerfacecolor="none",
            markeredgecolor=OUTSIDE_COLOR,
            markersize=9,
            zorder=4,
        )
    text = label if label is not None else f"{conv.symbol} {n_in} → {n_out}"
    artists.append(ax.text(-0.06 * length, y + 0.25, text, ha="right", va="center", fontsize=fontsize, color=color))
    return {"inputs": inputs, "outputs": outputs, "reads": lines, "outside": outside, "artists": artists}


def draw_resize_values_1d(
    ax: Axes, signal: Any, n_out: int, convention: Convention | str, *, mode: str = "linear", scale: float | None = None
) -> dict:
    """The values of a 1D resize on the same x axis as :func:`draw_resize_1d`.

    Input sample ``j`` is a grey stem at its position, the output of
    :func:`pixelviz.resize` a dot (convention colour) at output ``i``'s
    position (:func:`resize_positions`), the outputs joined by a thin line.

    Parameters
    ----------
    ax : Axes
    signal : (N,) array_like of float
        The input samples.
    n_out : int
        ``M``.
    convention, mode, scale
        As in :func:`pixelviz.resize`.

    Returns
    -------
    dict
        ``"values"`` ((M,) float64, the resize's output), ``"artists"``.
    """
    check_axes("ax", ax)
    x = check_finite_array("signal", signal, ndim=1)
    if x.size == 0:
        raise ValueError(f"signal must be a non-empty 1D array (N,); got shape {x.shape}")
    conv = parse_convention(convention)
    q, p = resize_positions(len(x), check_size("n_out", n_out), conv, scale=scale)
    values = resize(x, n_out, mode, conv, scale=scale)
    color = convention_color(conv)
    artists: list[Artist] = [ax.vlines(q, 0, x, color="0.6", lw=3, zorder=2)]
    artists += ax.plot(q, x, "s", color=INPUT_COLOR, ms=5, zorder=3)
    artists += ax.plot(p, values, "-", color=color, lw=0.9, alpha=0.6, zorder=3)
    artists += ax.plot(p, values, "o", color=color, ms=5, zorder=4)
    return {"values": values, "artists": artists}


def _finish_1d(ax: Axes, length: float, rows: int) -> None:
    ax.axvline(0, color="0.5", linestyle=":", linewidth=1)
    ax.axvline(length, color="0.5", linestyle=":", linewidth=1)
    ax.set_xlim(-0.45 * length, 1.05 * length)
    ax.set_ylim(-(rows - 1) * 1.1 - 0.35, 0.75)
    ax.set_yticks([])
    ax.set_xticks(np.arange(0, int(length) + 1))
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def plot_resize_1d(
    n_in: int,
    n_out: int,
    convention: Convention | str = "half_pixel",
    *,
    mode: str = "linear",
    reads: Sequence[int] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
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


def plot_resize_versions_1d(
    n: int = 4,
    versions: Sequence[tuple[str, int, str]] | None = None,
    *,
    mode: str = "linear",
    figsize: tuple[float, float] | None = None,
) -> Figure:
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
        versions = [
            ("align_corners", 2 * n - 1, "① half stride"),
            ("align_corners", 2 * n, "① twice pixels"),
            ("half_pixel", 2 * n, "② half-pixel"),
            ("asymmetric", 2 * n, "③ asymmetric"),
        ]
    if isinstance(versions, (str, bytes)) or not isinstance(versions, (list, tuple)) or not versions:
        raise TypeError(f"versions must be a non-empty list of (convention, output length, label); got {versions!r}")
    for k, v in enumerate(versions):
        if not isinstance(v, (list, tuple)) or len(v) != 3:
            raise ValueError(f"versions[{k}] must be (convention, output length, label); got {v!r}")
        parse_convention(v[0], allowed=GRID_CONVENTIONS, name=f"versions[{k}][0]")
        check_size(f"versions[{k}][1]", v[1])
    fig, ax = plt.subplots(figsize=check_figsize("figsize", figsize) or (6.6, 1.0 + 1.05 * len(versions)))
    for row, (conv, m, label) in enumerate(versions):
        draw_resize_1d(ax, n, m, conv, mode=mode, reads=range(m), y=-1.1 * row, label=f"{label}\n{n} → {m}")
    _finish_1d(ax, float(n), len(versions))
    ax.set_title(
        f"2x {mode} resize of {n} samples: grey squares = input, dots = output, ringed = outside the input grid",
        fontsize=9,
    )
    fig.tight_layout()
    return fig


def plot_resize_2d(
    in_shape: tuple[int, int],
    out_shape: tuple[int, int],
    convention: Convention | str = "half_pixel",
    *,
    mode: str = "linear",
    reads: Sequence[tuple[int, int]] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    scale: float | None = None,
    image: Any = None,
    legend: bool = True,
) -> Figure:
    """A 2D resize overlay on integer-corner axes of the input image ``[0, W] x [0, H]``.

    The input grid is drawn in grey (cells and squares), the output samples
    in the convention's colour where they read the input
    (:func:`resize_positions` per axis); output samples outside the span of
    the input samples (they extrapolate) are ringed in black, as in
    :func:`draw_resize_1d`. For each output sample ``(r, c)`` in ``reads``
    lines join it to the input samples it reads (the outer product of the
    row and column tables of :func:`~pixelviz.resample.resize_weights`).

    Parameters
    ----------
    in_shape, out_shape : (int, int)
        ``(H, W)`` and ``(h, w)``.
    convention : Convention or str
        Any ONNX mode (the input grid is :func:`input_grid`'s).
    mode : str
        Kernel whose reads are drawn.
    reads : sequence of (int, int), optional
        Output samples whose reads are drawn (default: the top-left one and
        the center one).
    ax : Axes, optional
    title : str, optional
    scale : float, optional
        The scale factor (both axes) the resize was given instead of the
        output size.
    image : (H, W) array_like, optional
        The input image, drawn underneath in grey (``extent=(0, W, H, 0)``).
    legend : bool
        Add the legend under the axes.

    Returns
    -------
    matplotlib Figure
    """
    conv = parse_convention(convention)
    grid = conv.grid
    (big_h, big_w), (h, w) = check_size_pair("in_shape", in_shape), check_size_pair("out_shape", out_shape)
    check_elements("the drawn grids (input and output samples)", big_h * big_w + h * w, "samples")
    parse_mode(mode)
    legend = check_bool("legend", legend)
    if reads is None:
        reads = [(0, 0), (h // 2, w // 2)]
    if isinstance(reads, (str, bytes)) or not isinstance(reads, (list, tuple)):
        raise TypeError(f"reads must be a list of (row, col) output samples; got {reads!r}")
    reads = [
        (
            check_int(f"reads[{k}][0]", rc[0], minimum=0, maximum=h - 1),
            check_int(f"reads[{k}][1]", rc[1], minimum=0, maximum=w - 1),
        )
        if isinstance(rc, (list, tuple)) and len(rc) == 2
        else _bad_read(k, rc)
        for k, rc in enumerate(reads)
    ]
    if ax is None:
        fig, ax = plt.subplots(figsize=(4.2, 4.2 * big_h / big_w + 0.4))
    else:
        fig = cast(Figure, check_axes("ax", ax).figure)
    if image is not None:
        show_image(ax, np.asarray(image), cmap="Greys", vmin=0, vmax=1.3, alpha=0.6)
    extent = (float(big_h), float(big_w))
    draw_grid_2d(
        ax,
        big_h,
        big_w,
        grid,
        extent=extent,
        color=INPUT_COLOR,
        marker="s",
        markersize=7,
        label=f"input {big_h}×{big_w}",
    )
    qy, py = resize_positions(big_h, h, conv, scale=scale)
    qx, px = resize_positions(big_w, w, conv, scale=scale)
    color = convention_color(conv)
    gx, gy = np.meshgrid(px, py)
    ax.plot(gx.ravel(), gy.ravel(), "o", color=color, markersize=5, linestyle="none", label=f"output {h}×{w}", zorder=3)
    out_y = reads_outside(big_h, h, conv, scale=scale)
    out_x = reads_outside(big_w, w, conv, scale=scale)
    ring = out_y[:, None] | out_x[None, :]
    if ring.any():
        ax.plot(
            gx[ring],
            gy[ring],
            "o",
            markerfacecolor="none",
            markeredgecolor=OUTSIDE_COLOR,
            markersize=9,
            linestyle="none",
            zorder=4,
            label="reads outside the input",
        )
    ty = resize_weights(big_h, h, mode, conv, scale=scale)
    tx = resize_weights(big_w, w, mode, conv, scale=scale)
    for r, c in reads:
        for jr, wr in _reads(ty, r).items():
            for jc, wc in _reads(tx, c).items():
                ax.plot(
                    [px[c], qx[jc]],
                    [py[r], qy[jr]],
                    "-",
                    color=color,
                    alpha=float(np.clip(0.25 + 0.75 * abs(wr * wc), 0, 1)),
                    linewidth=1.3,
                )
    _setup_axes(ax, big_h, big_w, 0.35)
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=9, frameon=False)
    ax.set_title(title or f"{conv.label}: {big_h}×{big_w} → {h}×{w}", fontsize=10)
    return fig


def _bad_read(k: int, rc: Any) -> tuple[int, int]:
    raise ValueError(f"reads[{k}] must be a (row, col) pair; got {rc!r}")


def plot_sampling_1d(
    signal: Callable[[np.ndarray], np.ndarray],
    n: int,
    *,
    length: float = 1.0,
    supersample: int = 16,
    dense: int = 2000,
    figsize: tuple[float, float] | None = None,
) -> Figure:
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
    fig, axes = plt.subplots(2, 1, figsize=figsize or (6.4, 4.4), sharex=True)
    color = convention_color(Convention.HALF_PIXEL)
    for ax, vals, name in [
        (axes[0], point, "point samples (no filter)"),
        (axes[1], boxed, "box-filtered samples (mean over each footprint)"),
    ]:
        ax.plot(t_dense, values(t_dense), color="0.7", linewidth=0.8, label="continuous signal")
        ax.plot(t_dense, resize(vals, dense, "linear"), color=color, linewidth=1.4, label="reconstruction")
        ax.plot(t, vals, "o", color=color, markersize=4, label=name)
        ax.set_ylim(-2.6, 1.3)
        ax.legend(loc="lower left", fontsize=9, ncol=2, frameon=False)
        for side in ("right", "top"):
            ax.spines[side].set_visible(False)
    axes[1].set_xlabel("t (continuous coordinate)")
    axes[0].set_title(f"{n} samples on grid ② of a signal on [0, {length:g}]", fontsize=10)
    fig.tight_layout()
    return fig
