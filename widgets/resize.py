"""ResizeExplorer: input size, scale, convention and mode → where the output samples read the input (chapter 3)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from pixelviz.conventions import RESIZE_CONVENTIONS, Convention, parse_convention, scaled_size
from pixelviz.plot import (
    SIGNAL_COLOR,
    draw_resize_1d,
    draw_resize_values_1d,
    plot_resize_2d,
    show_image,
)
from pixelviz.plot.resize import INPUT_COLOR
from pixelviz.resample import resize, resize_weights

from ._explorer import Control, Explorer

__all__ = ["ResizeExplorer"]

_SCALES = (0.5, 0.75, 1.5, 2.0, 3.0)
_MODES = ("nearest", "linear", "cubic")
_GIVEN = ("size", "scale")


def _signal(n: int, dim: str) -> np.ndarray:
    """The explorer's input: seeded values in [0.1, 0.9], shape (n,) or (n, n)."""
    rng = np.random.default_rng(n)
    return rng.uniform(0.1, 0.9, size=(n,) if dim == "1D" else (n, n))


def _output_size(n: int, scale: float) -> int:
    """Output length for ``n`` samples and a scale factor: ``floor(n · scale)`` (:func:`pixelviz.scaled_size`)."""
    return scaled_size(n, scale)


def _num(x: float) -> str:
    """``-0.167`` written with a real minus sign (and float noise such as ``-5.6e-17`` as 0)."""
    return f"{0.0 if abs(x) < 1e-9 else x:.3g}".replace("-", "−")


class ResizeExplorer(Explorer):
    """Resize ``N`` samples by a scale factor under any ONNX convention, in 1D or 2D.

    1D: the top panel is :func:`pixelviz.plot.draw_resize_1d`, the drawing
    of chapter 3's figure: the signal ``[0, L]`` with ``L = N`` (green), the
    input samples (grey squares) on the convention's grid, the output
    samples (dots, the convention's colour) where they read the input, a
    line from each output to every input it reads (darker = larger weight),
    and a black ring around each output that reads outside the input
    samples (the resize clamps it to the border sample). The bottom panel
    (:func:`pixelviz.plot.draw_resize_values_1d`) shows the values: the
    input signal and the output of :func:`pixelviz.resize` (tested equal to
    ``F.interpolate``, OpenCV and ONNX Runtime). 2D: chapter 3's
    :func:`pixelviz.plot.plot_resize_2d` over an ``N × N`` image, and the
    output image.

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
        ``scales``). They differ when ``N · scale`` is not an integer
        (``N = 3`` or ``5`` with ``scale`` 0.5, 0.75 or 1.5).
    convention : Convention or str
        Any ONNX ``coordinate_transformation_mode``. Default ``half_pixel``.
        ``pytorch_half_pixel`` differs from it only for one output sample
        (``N = 3``, ``scale = 0.5``); ``half_pixel_symmetric`` only when given
        a scale with ``N · scale`` not an integer.
    mode : {"nearest", "linear", "cubic"}
        Nearest rounds with ONNX's default ``round_prefer_floor``.

    Notes
    -----
    **Convention.** The x axis is the signal's coordinate with one unit per
    input pixel (:func:`pixelviz.plot.resize_positions`). Example: N=4,
    scale 2, ``half_pixel``: the inputs sit at 0.5 … 3.5, output 0 reads
    input coordinate ``x = -0.25`` and is drawn at 0.25, left of the first
    input; under ``align_corners`` the inputs sit at 0, 4/3, 8/3, 4.
    """

    controls = (
        Control("dim", ("1D", "2D"), "1D", label="view", static_values=("1D",)),
        Control("n", (3, 4, 5, 6), 4, label="input N", static_values=(3, 4, 5)),
        Control("scale", _SCALES, 2.0, label="scale s", static_values=(0.5, 0.75, 1.5, 2.0)),
        Control("given", _GIVEN, "size", label="library gets", fmt=lambda g: "size M" if g == "size" else "scale s"),
        Control(
            "convention",
            RESIZE_CONVENTIONS,
            Convention.HALF_PIXEL,
            fmt=lambda c: c.label,
            parse=lambda c: parse_convention(c),
        ),
        Control("mode", _MODES, "linear", static_values=("nearest", "linear")),
    )
    height = 300
    #: 288 pre-rendered states: at one device pixel per CSS pixel they fit the 1.5 MB budget (at two, 2.5 MB).
    density = 1.0

    def __init__(
        self,
        dim: str = "1D",
        n: int = 4,
        scale: float = 2.0,
        given: str = "size",
        convention: Convention | str = Convention.HALF_PIXEL,
        mode: str = "linear",
    ):
        super().__init__(dim=dim, n=n, scale=scale, given=given, convention=convention, mode=mode)

    def legend(self) -> list[tuple[str, str, str]]:
        color = "0.45"  # the marks take the convention's colour (① red, ② blue, ③ orange, ...)
        return [
            ("bar", SIGNAL_COLOR, "the signal [0, L], L = N"),
            ("square", INPUT_COLOR, "input sample"),
            ("dot", color, "output sample, where it reads the input, in the convention's colour"),
            ("line", color, "what it reads (darker: larger weight)"),
            ("ring", color, "reads outside the input samples: clamped to the border"),
            ("dotted", "0.5", "the ends of the signal"),
        ]

    # -- layout: four axes, two shown at a time ---------------------------------------
    def setup(self, fig: Figure) -> None:
        rows = fig.add_gridspec(2, 1, height_ratios=[1, 1.1], hspace=0.25, left=0.1, right=0.98, bottom=0.14, top=0.97)
        self.ax_grid = fig.add_subplot(rows[0])
        self.ax_values = fig.add_subplot(rows[1], sharex=self.ax_grid)
        panels = fig.add_gridspec(1, 2, wspace=0.2, left=0.06, right=0.98, bottom=0.12, top=0.91)
        self.ax_in = fig.add_subplot(panels[0])
        self.ax_out = fig.add_subplot(panels[1])
        self.animate(self.ax_in.title, self.ax_out.title)
        for ax in (self.ax_grid, self.ax_values):
            for side in ("right", "top"):
                ax.spines[side].set_visible(False)
            ax.tick_params(labelsize=9)
        self.ax_grid.set_yticks([0, 0.5])
        self.ax_grid.set_yticklabels(["input", "output"], fontsize=9)
        self.ax_grid.set_ylim(-0.3, 0.75)
        self.ax_grid.tick_params(labelbottom=False)
        self.ax_values.set_ylim(-0.12, 1.12)
        self.ax_values.set_yticks([0, 0.5, 1])
        self.ax_values.set_ylabel("value", fontsize=9)
        self.ax_values.set_xlabel("x on the signal (one unit per input pixel)", fontsize=9)
        for ax in (self.ax_in, self.ax_out):
            ax.tick_params(labelsize=9)

    def background_key(self, state: dict):
        return (state["dim"], state["n"], self.table(state).coords.size if state["dim"] == "2D" else 0)

    def table(self, state: dict | None = None):
        """The :class:`pixelviz.resample.ResizeWeights` of one axis for ``state``."""
        s = self.state if state is None else state
        m = _output_size(s["n"], s["scale"])
        return resize_weights(s["n"], m, s["mode"], s["convention"], scale=self._scale(s))

    @staticmethod
    def _scale(state: dict) -> float | None:
        return state["scale"] if state["given"] == "scale" else None

    def output(self, state: dict | None = None) -> np.ndarray:
        """:func:`pixelviz.resize` of the explorer's input for ``state``."""
        s = self.state if state is None else state
        m = _output_size(s["n"], s["scale"])
        size = m if s["dim"] == "1D" else (m, m)
        scale = self._scale(s)
        if scale is not None and s["dim"] == "2D":
            scale = (scale, scale)
        return resize(_signal(s["n"], s["dim"]), size, s["mode"], s["convention"], scale=scale)

    def render(self, state: dict) -> None:
        one_d = state["dim"] == "1D"
        for ax in (self.ax_grid, self.ax_values):
            ax.set_visible(one_d)
        for ax in (self.ax_in, self.ax_out):
            ax.set_visible(not one_d)
        n, conv, mode = state["n"], state["convention"], state["mode"]
        m = _output_size(n, state["scale"])
        scale = self._scale(state)
        for key in ("grid", "values", "in", "out"):
            self.dynamic(key, [])
        if one_d:
            drawn = draw_resize_1d(self.ax_grid, n, m, conv, mode=mode, reads=range(m), label="", scale=scale)
            ends = [self.ax_grid.axvline(v, color="0.5", linestyle=":", linewidth=1) for v in (0, n)]
            self.dynamic("grid", drawn["artists"] + ends)
            self.ax_grid.set_xlim(-0.2, n + 0.2)
            self.dynamic(
                "values",
                draw_resize_values_1d(self.ax_values, _signal(n, "1D"), m, conv, mode=mode, scale=scale)["artists"],
            )
        else:
            before = set(self.ax_in.get_children())
            plot_resize_2d(
                (n, n),
                (m, m),
                conv,
                mode=mode,
                reads=[(0, 0), (m // 2, m // 2)],
                ax=self.ax_in,
                scale=scale,
                image=_signal(n, "2D"),
                title=f"input {n}×{n}, output {m}×{m} samples",
            )
            self.ax_in.title.set_fontsize(9)
            self.dynamic("in", [a for a in self.ax_in.get_children() if a not in before])
            self.dynamic("out", [show_image(self.ax_out, self.output(state), cmap="Greys", vmin=0, vmax=1.3)])
            self.ax_out.set_xlim(0, m)
            self.ax_out.set_ylim(m, 0)
            self.ax_out.set_title(f"output {m}×{m} (pixelviz.resize)", fontsize=9)

    def caption(self, state: dict) -> str:
        n, conv = state["n"], state["convention"]
        m = _output_size(n, state["scale"])
        x = self.table(state).coords
        outside = int(((x < -1e-12) | (x > n - 1 + 1e-12)).sum())
        given = f"given the size M = {m}" if state["given"] == "size" else f"given the scale s = {state['scale']:g}"
        per_axis = "" if state["dim"] == "1D" else " per axis"
        where = (
            f"{outside} of {m}{per_axis} read outside the input samples (ringed)"
            if outside
            else "all read between input samples"
        )
        return (
            f"{conv.label}, {state['mode']}: {n} → {m} samples, {given}. The outputs read the input at "
            f"x = {_num(x[0])} … {_num(x[-1])} (input samples 0 … {n - 1}); {where}."
        )
