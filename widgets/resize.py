"""ResizeExplorer: input size, scale, convention and mode → where the output samples read the input (chapter 3)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from pixelviz.conventions import (
    RESIZE_CONVENTIONS,
    Convention,
    Origin,
    convert_origin,
    index_to_coord,
    parse_convention,
    scaled_size,
)
from pixelviz.plot import SIGNAL_COLOR, convention_color
from pixelviz.resample import resize, resize_weights

from ._core import Control, Explorer

__all__ = ["ResizeExplorer"]

_SCALES = (0.5, 0.75, 1.5, 2.0, 3.0)
_MODES = ("nearest", "linear", "cubic")
_GIVEN = ("size", "scale")


def _signal(n: int, dim: str) -> np.ndarray:
    """The explorer's input: seeded values in [0, 1], shape (n,) or (n, n)."""
    rng = np.random.default_rng(n)
    return rng.uniform(0.1, 0.9, size=(n,) if dim == "1D" else (n, n))


def output_size(n: int, scale: float) -> int:
    """Output length for ``n`` samples and a scale factor (see :func:`pixelviz.conventions.scaled_size`)."""
    return scaled_size(n, scale)


class ResizeExplorer(Explorer):
    """Resize ``N`` samples by a scale factor under any ONNX convention, in 1D or 2D.

    1D: the top panel shows the input samples (grey) and the output samples
    (the convention's colour) on one continuous axis, with a line from each
    output sample to every input sample it reads (darker = larger weight);
    hollow output samples read outside the input grid (the resize clamps
    them to the border sample). The
    bottom panel shows the values: the input signal and the output of
    :func:`pixelviz.resize` (tested equal to ``F.interpolate``, OpenCV and
    ONNX Runtime). 2D: the same for an ``N × N`` image, the output grid drawn
    over the input on the left, the output image on the right.

    Parameters
    ----------
    dim : {"1D", "2D"}
    n : int
        Input size ``N`` (3 to 6; ``N × N`` in 2D). Default 4.
    scale : float
        0.5, 0.75, 1.5, 2 or 3; the output has ``M = floor(N · scale)`` samples.
    given : {"size", "scale"}
        What the library is handed: the output ``size`` ``M`` (the formulas
        then use ``M / N``) or the ``scale`` factor itself (PyTorch's
        ``scale_factor=`` with ``recompute_scale_factor=False``, ONNX's
        ``scales``). They differ when ``N · scale`` is not an integer.
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode``. Default ``half_pixel``.
    mode : {"nearest", "linear", "cubic"}
        Nearest rounds with ONNX's default ``round_prefer_floor``.

    Notes
    -----
    **Convention.** Axes are integer corners: input pixel ``j`` covers
    ``[j, j + 1)`` and its sample sits at ``j + 1/2``. Output ``i`` reads the
    input coordinate ``x_i`` from :func:`pixelviz.source_coords`, drawn at
    ``x_i + 1/2``. Example: N=4, scale 2, ``half_pixel``: output 0 reads
    ``x = -0.25``, drawn at 0.25, left of the first input sample (0.5).
    """

    controls = (
        Control("dim", ("1D", "2D"), "1D"),
        Control("n", (3, 4, 5, 6), 4, label="input N", static_values=(4,)),
        Control("scale", _SCALES, 2.0),
        Control("given", _GIVEN, "size", label="library gets", static_values=("size",),
                fmt=lambda g: "size M" if g == "size" else "scale s"),
        Control("convention", RESIZE_CONVENTIONS, Convention.HALF_PIXEL, fmt=lambda c: c.label,
                parse=lambda c: parse_convention(c)),
        Control("mode", _MODES, "linear"),
    )
    figsize = (7.5, 3.6)
    static_colors = 32
    static_format = "webp"  # 180 frames: lossless WebP at 90 dpi keeps them within the 1.5 MB page budget
    dpi = 90

    def __init__(self, dim: str = "1D", n: int = 4, scale: float = 2.0, given: str = "size",
                 convention: Convention | str = Convention.HALF_PIXEL, mode: str = "linear"):
        super().__init__(dim=dim, n=n, scale=scale, given=given, convention=convention, mode=mode)

    # -- layout: four axes, two shown at a time ---------------------------------------
    def setup(self, fig: Figure) -> None:
        grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.25], hspace=0.5, wspace=0.12,
                                left=0.07, right=0.98, bottom=0.1, top=0.86)
        self.ax_grid = fig.add_subplot(grid[0, :])
        self.ax_values = fig.add_subplot(grid[1, :], sharex=self.ax_grid)
        self.ax_in = fig.add_subplot(grid[:, 0])
        self.ax_out = fig.add_subplot(grid[:, 1])
        self.title = fig.suptitle("", fontsize=10)
        self.animate(self.title)
        for ax in (self.ax_grid, self.ax_values):
            for side in ("right", "top"):
                ax.spines[side].set_visible(False)
        self.ax_grid.set_yticks([0, 1])
        self.ax_grid.set_yticklabels(["output", "input"], fontsize=8)
        self.ax_grid.set_ylim(-0.45, 1.45)
        self.ax_grid.tick_params(labelbottom=True, labelsize=7)
        self.ax_values.set_ylim(-0.05, 1.05)
        self.ax_values.set_ylabel("value", fontsize=8)
        self.ax_values.tick_params(labelsize=7)
        from matplotlib.ticker import MaxNLocator

        for ax in (self.ax_in, self.ax_out):
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))

        self.ax_values.set_xlabel("x (integer corners: input pixel j covers [j, j+1))", fontsize=8)
        self.ax_values.set_title("values: input (grey) and the output of pixelviz.resize", fontsize=8)

    def _limits(self, state: dict, drawn_at: np.ndarray) -> tuple[float, float]:
        n = state["n"]
        return min(0.0, float(drawn_at.min())) - 0.3, max(float(n), float(drawn_at.max())) + 0.3

    def background_key(self, state: dict):
        table = self.table(state)
        drawn_at = convert_origin(table.coords, Origin.CENTERS, Origin.CORNERS)
        return (state["dim"], state["n"], len(table.coords), self._limits(state, drawn_at))

    def table(self, state: dict | None = None):
        """The :class:`pixelviz.resample.ResizeWeights` of one axis for ``state``."""
        s = self.state if state is None else state
        m = output_size(s["n"], s["scale"])
        return resize_weights(s["n"], m, s["mode"], s["convention"],
                              scale=s["scale"] if s["given"] == "scale" else None)

    def output(self, state: dict | None = None) -> np.ndarray:
        """:func:`pixelviz.resize` of the explorer's input for ``state``."""
        s = self.state if state is None else state
        m = output_size(s["n"], s["scale"])
        size = m if s["dim"] == "1D" else (m, m)
        scale = None if s["given"] == "size" else (s["scale"] if s["dim"] == "1D" else (s["scale"],) * 2)
        return resize(_signal(s["n"], s["dim"]), size, s["mode"], s["convention"], scale=scale)

    def render(self, state: dict) -> None:
        one_d = state["dim"] == "1D"
        for ax in (self.ax_grid, self.ax_values):
            ax.set_visible(one_d)
        for ax in (self.ax_in, self.ax_out):
            ax.set_visible(not one_d)
        n, conv = state["n"], state["convention"]
        table = self.table(state)
        m = len(table.coords)
        color = convention_color(conv)
        # output i reads input coordinate x_i (input sample j at x = j, i.e. integer centers): draw it in corners
        drawn_at = convert_origin(table.coords, Origin.CENTERS, Origin.CORNERS)        # (M,)
        inside = (table.coords >= 0) & (table.coords <= n - 1)                          # (M,) no clamping needed
        centers_in = index_to_coord(np.arange(n))                                       # (N,)
        values = self.output(state)
        if one_d:
            self._render_1d(n, m, table, drawn_at, inside, centers_in, values, color)
        else:
            self._render_2d(n, m, drawn_at, inside, centers_in, values, color)
        outside = int((~inside).sum())
        per_axis = "" if one_d else " per axis"
        note = (f"{outside} of {m} outputs{per_axis} read outside the input" if outside
                else "all outputs read inside")
        self.title.set_text(f"{state['mode']} {n} → {m} (scale {state['scale']:g} given as {state['given']}), "
                            f"{conv.label}: {note}")
        self.title.set_color(color)

    def _render_1d(self, n, m, table, drawn_at, inside, centers_in, values, color) -> None:
        ax = self.ax_grid
        artists = [ax.broken_barh([(0, n)], (0.78, 0.08), facecolors=SIGNAL_COLOR, alpha=0.6)]
        artists += ax.plot(centers_in, np.ones(n), "o", color="0.35", ms=5, zorder=3)
        segments_w = []
        for i in range(m):
            for j, w in zip(table.index[i], table.weight[i]):
                if abs(w) > 1e-12:
                    segments_w.append(((drawn_at[i], 0.0), (centers_in[j], 1.0), w))
        if segments_w:
            from matplotlib.collections import LineCollection

            segs = [(a, b) for a, b, _ in segments_w]
            alphas = np.clip([0.15 + 0.85 * abs(w) for _, _, w in segments_w], 0, 1)
            rgba = np.tile(np.array([0.3, 0.3, 0.3, 1.0]), (len(segs), 1))
            rgba[:, 3] = alphas
            artists.append(ax.add_collection(LineCollection(segs, colors=rgba, linewidths=0.9, zorder=2)))
        artists += ax.plot(drawn_at[inside], np.zeros(inside.sum()), "o", color=color, ms=6, zorder=4)
        artists += ax.plot(drawn_at[~inside], np.zeros((~inside).sum()), "o", mfc="white", mec=color,
                           mew=1.5, ms=6, zorder=4)
        ax.set_xlim(*self._limits(self.state, drawn_at))
        self.dynamic("grid", artists)

        axv = self.ax_values
        signal = _signal(n, "1D")
        vals = [axv.vlines(centers_in, 0, signal, color="0.6", lw=3, zorder=2)]
        vals += axv.plot(centers_in, signal, "o", color="0.35", ms=5, zorder=3)
        vals += axv.plot(drawn_at, values, "o", color=color, ms=5, zorder=4)
        vals += axv.plot(drawn_at, values, "-", color=color, lw=0.8, alpha=0.6, zorder=3)
        self.dynamic("values", vals)

    def _render_2d(self, n, m, drawn_at, inside, centers_in, values, color) -> None:
        ax = self.ax_in
        image = _signal(n, "2D")
        arts = [ax.imshow(image, cmap="Greys", vmin=0, vmax=1.3, extent=(0, n, n, 0), interpolation="nearest")]
        cy, cx = np.meshgrid(centers_in, centers_in, indexing="ij")
        arts += ax.plot(cx.ravel(), cy.ravel(), ".", color="0.35", ms=4, zorder=3)
        oy, ox = np.meshgrid(drawn_at, drawn_at, indexing="ij")                          # [M, M]
        ok = inside[:, None] & inside[None, :]                                            # [M, M]
        arts += ax.plot(ox[ok], oy[ok], "o", color=color, ms=4, zorder=4)
        arts += ax.plot(ox[~ok], oy[~ok], "o", mfc="white", mec=color, mew=1.2, ms=4, zorder=4)
        lo, hi = self._limits(self.state, drawn_at)
        ax.set_xlim(lo, hi)
        ax.set_ylim(hi, lo)
        ax.set_aspect("equal")
        ax.set_title(f"input {n}×{n} and the {m}×{m} output samples", fontsize=8)
        self.dynamic("in", arts)

        axo = self.ax_out
        outs = [axo.imshow(values, cmap="Greys", vmin=0, vmax=1.3, extent=(0, m, m, 0), interpolation="nearest")]
        axo.set_xlim(0, m)
        axo.set_ylim(m, 0)
        axo.set_title(f"output {m}×{m} (pixelviz.resize)", fontsize=8)
        self.dynamic("out", outs)
