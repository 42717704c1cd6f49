"""GridExplorer: where the n samples of a 1D signal sit under ①, ② and ③ (chapter 2)."""

from __future__ import annotations

from matplotlib.figure import Figure

from pixelviz.conventions import GRID_CONVENTIONS, Convention, parse_convention, sample_positions
from pixelviz.plot import SIGNAL_COLOR, convention_color, draw_grid_1d

from ._explorer import Control, Explorer

__all__ = ["GridExplorer"]

_COLOR_NAMES = {"#d62728": "red", "#1f77b4": "blue", "#ff7f0e": "orange"}


class GridExplorer(Explorer):
    """Number of samples ``n`` and grid convention → the 1D grid on ``[0, L]``.

    The drawing is :func:`pixelviz.plot.draw_grid_1d`, as in chapter 2's
    figure (:func:`pixelviz.plot.plot_grids_1d`): green bar = the signal,
    dots = samples, shaded boxes = one stride around each sample; each dot
    is labelled with its position, read from the drawn artist.

    Parameters
    ----------
    n : int
        Number of samples, 2 to 8 (default 4).
    convention : Convention
        ① ``align_corners``, ② ``half_pixel`` or ③ ``asymmetric``
        (default ②).

    Notes
    -----
    **Convention.** The signal is ``[0, 1]``; for ``n = 4`` the dots sit at
    ``0, 1/3, 2/3, 1`` (①), ``0.125 ... 0.875`` (②) or ``0, 0.25, 0.5, 0.75``
    (③), exactly :func:`pixelviz.sample_positions`.

    Examples
    --------
    >>> GridExplorer(n=5, convention="align_corners")  # doctest: +SKIP
    """

    controls = (
        Control("n", tuple(range(2, 9)), 4, label="pixels n"),
        Control(
            "convention",
            GRID_CONVENTIONS,
            Convention.HALF_PIXEL,
            label="convention",
            fmt=lambda c: c.label,
            parse=lambda c: parse_convention(c, allowed=GRID_CONVENTIONS),
        ),
    )
    height = 150
    static_group_by = "convention"

    def __init__(self, n: int = 4, convention: Convention | str = Convention.HALF_PIXEL):
        super().__init__(n=n, convention=convention)

    def legend(self) -> list[tuple[str, str, str]]:
        colors = ", ".join(f"{c.symbol} {_COLOR_NAMES[convention_color(c)]}" for c in GRID_CONVENTIONS)
        return [
            ("bar", SIGNAL_COLOR, "the continuous signal on [0, L]"),
            ("dot", "0.45", f"a sample, with its position ({colors})"),
            ("box", "#73737340", "its footprint: one stride, centred on the sample"),
            ("dotted", "0.5", "the ends of the signal, 0 and L"),
        ]

    def setup(self, fig: Figure) -> None:
        ax = self.ax = fig.add_subplot()
        ax.axvline(0, color="0.5", linestyle=":", linewidth=1, ymax=0.75)  # below the position labels
        ax.axvline(1, color="0.5", linestyle=":", linewidth=1, ymax=0.75)
        ax.set_xlim(-0.78, 1.2)
        ax.set_ylim(-0.13, 0.31)
        ax.set_yticks([])
        ax.set_xticks([0, 0.5, 1])
        ax.set_xticklabels(["0", "0.5", "L = 1"])
        ax.tick_params(labelsize=9)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.2, top=0.98)

    def background_key(self, state: dict) -> str:
        return "axes"  # limits and ticks never change: only the row is redrawn

    def render(self, state: dict) -> None:
        self.dynamic("row", [])  # remove the previous row before drawing the new one
        row = draw_grid_1d(self.ax, state["n"], state["convention"])
        xs = row["samples"].get_xdata()
        color = row["samples"].get_color()
        positions = [self.ax.text(x, 0.2, f"{x:.3g}", ha="center", va="bottom", fontsize=9, color=color) for x in xs]
        self.dynamic("row", [row["signal"], row["samples"], row["label"], *row["footprints"], *positions])

    def caption(self, state: dict) -> str:
        xs = ", ".join(f"{x:.3g}" for x in sample_positions(state["n"], state["convention"]))
        return f"{state['n']} samples of a signal on [0, L], L = 1, under {state['convention'].label}: at {xs}."
