"""RoIAlignExplorer: move a box in sub-pixel steps and watch where RoIAlign samples (chapter 6)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from pixelviz.conventions import Convention, index_to_coord
from pixelviz.plot import SIGNAL_COLOR, convention_color
from pixelviz.plot.roi import NEIGHBOR_COLOR, draw_roi_align

from ._explorer import Control, Explorer

__all__ = ["RoIAlignExplorer", "roi_align_values"]

_H, _W = 6, 7
#: The input: pixel (r, c) holds 10 r + c, so a value names its pixel (23 is row 2, column 3).
_IMAGE = 10.0 * np.arange(_H)[:, None] + np.arange(_W)[None, :]

_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5)  # box corner positions, quarter-pixel steps
_SIZES = (2.0, 2.5, 3.0, 3.5, 4.0)  # box side lengths


def roi_align_values(box, output_size: int, sampling_ratio: int, aligned: bool) -> tuple[np.ndarray, str]:
    """RoIAlign of the explorer's 6×7 image for one box: ``(K, K)`` values and who computed them.

    Runs the real ``torchvision.ops.roi_align`` (float32, on
    :func:`pixelviz.torch_device`) when torchvision is installed, else the
    numpy reference :func:`pixelviz.roi.roi_align`, which equals it.

    Parameters
    ----------
    box : (4,) sequence of float
        ``(x0, y0, x1, y1)`` in integer-corner coordinates of the image.
    output_size : int
        ``K``.
    sampling_ratio : int
        Samples per bin along each axis.
    aligned : bool
        ``True`` shifts the box by -1/2 pixel before sampling (correct for
        integer-corner boxes); ``False`` is the legacy op.

    Returns
    -------
    (ndarray of float64, shape (K, K), str)
        The values and ``"torchvision"`` or ``"pixelviz.roi"``.
    """
    import importlib.util

    from pixelviz.geometry import as_boxes

    box = as_boxes(box, name="box").tolist()
    if len(box) != 4:
        raise ValueError(f"box must be one (x0, y0, x1, y1) box; got {box!r}")
    if importlib.util.find_spec("torchvision") is None:
        from pixelviz.roi import roi_align as reference

        out = reference(_IMAGE[None, None], [list(box)], output_size, sampling_ratio=sampling_ratio, aligned=aligned)
        return out[0, 0], "pixelviz.roi"
    from pixelviz.backends.torchvision_ops import roi_align

    out = roi_align(
        _IMAGE[None, None], [[0.0, *map(float, box)]], output_size, sampling_ratio=sampling_ratio, aligned=aligned
    )
    return out[0, 0], "torchvision"


class RoIAlignExplorer(Explorer):
    """A box on a 6×7 image → RoIAlign's bins, sampling points and output values.

    Left: :func:`pixelviz.plot.roi.draw_roi_align`, the drawing of chapter
    6's figure — the box (green), its ``K × K`` bins (dashed), the sampling
    points where the derivation puts them (hollow) and where the op reads
    them (filled: half a pixel off when ``aligned=False``), and the pixels
    output ``[0, 0]``'s first sample interpolates with their bilinear
    weights. Right: the ``K × K`` output computed by
    ``torchvision.ops.roi_align`` on the image whose pixel ``(r, c)`` holds
    ``10 r + c``.

    Parameters
    ----------
    x0, y0 : float
        Top-left corner of the box, integer-corner coordinates: 0.5 to 1.5 in
        quarter-pixel steps (default 1.25, 1.0).
    size : float
        Width = height of the box: 2 to 4 in half-pixel steps (default 2.5).
    output_size : int
        ``K``: 1 to 4 (default 2).
    sampling_ratio : int
        1, 2 or 3 samples per bin along each axis (default 1).
    aligned : bool
        Default True.

    Notes
    -----
    **Convention.** Box ``(1, 1, 3, 3)``, ``K = 2``, one sample per bin:
    output ``[0, 0]`` samples the box point ``(1.5, 1.5)``, the center of
    pixel ``(1, 1)`` = 11 when ``aligned=True``; the legacy op reads index
    ``(1.5, 1.5)`` instead, the average of pixels 11, 12, 21, 22 = 16.5.
    """

    controls = (
        Control("x0", _STEPS, 1.25, static_values=(1.0, 1.25)),
        Control("y0", _STEPS, 1.0, static_values=(1.0, 1.25)),
        Control("size", _SIZES, 2.5, label="box size", static_values=(2.5,)),
        Control("output_size", (1, 2, 3, 4), 2, label="K", static_values=(2, 3)),
        Control("sampling_ratio", (1, 2, 3), 1, label="sampling_ratio", static_values=(1, 2)),
        Control("aligned", (False, True), True, fmt=str),
    )
    height = 330
    static_group_by = "output_size"
    # 32 pre-rendered states at density 2: about 0.7 MB, which leaves chapter 6 (with OriginFlipExplorer and its
    # figures) room under the 3 MB page budget; density 1 would halve it.

    def legend(self) -> list[tuple[str, str, str]]:
        return [
            ("ramp", "#a0a0a0", "pixel value 10r + c (darker: larger)"),
            ("outline", SIGNAL_COLOR, "the box; dashed: its K × K bins"),
            ("hollow", SIGNAL_COLOR, "sample point, where the derivation puts it"),
            ("dot", convention_color(Convention.HALF_PIXEL), "where aligned=True reads it (the same place)"),
            ("dot", convention_color(Convention.ASYMMETRIC), "where aligned=False reads it (½ pixel off)"),
            ("box", NEIGHBOR_COLOR + "80", "pixels output [0, 0]'s first sample reads, with their weights"),
            ("small-dot", "0.55", "pixel centers"),
        ]

    def setup(self, fig: Figure) -> None:
        self.ax_box, self.ax_out = fig.subplots(1, 2, gridspec_kw={"width_ratios": [7, 4]})
        fig.subplots_adjust(left=0.04, right=0.99, bottom=0.07, top=0.92, wspace=0.12)
        self._out_image = self.ax_out.imshow(np.zeros((1, 1)), cmap="Greys", vmin=-20, vmax=80, interpolation="nearest")
        self.ax_out.set_xticks([])
        self.ax_out.set_yticks([])
        self.ax_out.set_axis_off()  # the (animated) image would cover the spines
        self.animate(self._out_image, self.ax_box.title, self.ax_out.title)

    def background_key(self, state: dict) -> int:
        return state["output_size"]  # the limits of the output panel

    def box(self, state: dict | None = None) -> tuple[float, float, float, float]:
        s = self.state if state is None else state
        return (s["x0"], s["y0"], s["x0"] + s["size"], s["y0"] + s["size"])

    def render(self, state: dict) -> None:
        box, k = self.box(state), state["output_size"]
        self.dynamic("box", [])  # remove what the previous draw_roi_align added (ax.clear() is slower)
        before = set(self.ax_box.get_children())
        self.drawn = draw_roi_align(
            self.ax_box,
            (_H, _W),
            box,
            k,
            sampling_ratio=state["sampling_ratio"],
            aligned=state["aligned"],
            image=_IMAGE,
        )
        self.dynamic("box", [a for a in self.ax_box.get_children() if a not in before])
        self.ax_box.tick_params(labelsize=9)
        self.ax_box.title.set_fontsize(10)

        self.values, self.source = roi_align_values(box, k, state["sampling_ratio"], state["aligned"])
        ax = self.ax_out
        self._out_image.set_data(self.values)
        self._out_image.set_extent((0, k, k, 0))
        ax.set_xlim(0, k)
        ax.set_ylim(k, 0)
        centers = index_to_coord(np.arange(k))  # integer corners: pixel i centered at i + 1/2
        self.dynamic(
            "values",
            [
                ax.text(centers[c], centers[r], f"{v:.4g}", ha="center", va="center", fontsize=10 if k <= 3 else 9)
                for (r, c), v in np.ndenumerate(self.values)
            ],
        )
        ax.set_title(f"{k}×{k} output", fontsize=10)

    def caption(self, state: dict) -> str:
        box = ", ".join(f"{v:g}" for v in self.box(state))
        k, s = state["output_size"], state["sampling_ratio"]
        return (
            f"Box ({box}), K = {k}, sampling_ratio {s} ({s * s} sample{'s' if s > 1 else ''} per bin), "
            f"aligned={state['aligned']}; the output is torchvision.ops.roi_align's "
            f"(pixelviz.roi.roi_align without torchvision) on the image whose pixel (r, c) holds 10r + c."
        )
