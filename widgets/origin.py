"""OriginFlipExplorer: flip a box or polygon with W − x or W − 1 − x, in integer corners or centers.

Left panel: a shape over an 8×6 image and the pixels it covers. Right panel:
the mirrored image (its pixels reversed left to right, which is unambiguous)
with the shape flipped by the chosen rule drawn over it. The flip is right
when the flipped shape covers exactly the mirrored pixels; pixels where the
two disagree are marked red and counted in the title.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from pixelviz.boxes import flip_boxes, flip_polygon
from pixelviz.conventions import Origin, convert_origin, parse_origin
from pixelviz.geometry import convert_polygon_origin
from pixelviz.masks import polygon_mask
from pixelviz.plot import SIGNAL_COLOR

from ._core import Control, Explorer

__all__ = ["OriginFlipExplorer"]

_W, _H = 8, 6
#: The shapes, in the coordinates of whichever origin is selected (x is shifted by the ``shift`` control).
_BOX = np.array([1.0, 1.0, 3.75, 4.25])                                   # (x0, y0, x1, y1)
# vertices off the quarter-pixel grid, so no sub-sample point lies exactly on an edge
_POLYGON = np.array([[0.83, 1.07], [3.31, 1.72], [2.13, 2.91], [3.62, 4.69], [1.07, 4.33]])
_RULES = {"W − x": "coords", "W − 1 − x": "indices"}
_SUPERSAMPLE = 4  # coverage on a 4×4 sub-grid per pixel: grey levels, no ties at quarter-pixel edges


def _parse_rule(rule):
    """Accept ``"W - 1 - x"`` typed with ASCII hyphens, or pixelviz's ``kind`` names ``"coords"``/``"indices"``."""
    if not isinstance(rule, str):
        return rule
    for name, kind in _RULES.items():
        if rule.strip() == kind or rule.replace(" ", "").replace("-", "−") == name.replace(" ", ""):
            return name
    return rule


def _box_polygon(box: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = box
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


class OriginFlipExplorer(Explorer):
    """A box or polygon flipped horizontally: which rule matches the mirrored pixels?

    Parameters
    ----------
    shape : {"box", "polygon"}
        What to flip (default ``"box"``).
    origin : {"corners", "centers"}
        How the shape's coordinates are read: integer corners (pixel ``i``
        covers ``[i, i+1)``) or integer centers (pixel ``i`` covers
        ``[i - 1/2, i + 1/2)``). Default ``"corners"``.
    flip : {"W − x", "W − 1 − x"}
        The flip applied to every x coordinate (:func:`pixelviz.boxes.flip_boxes`
        / :func:`~pixelviz.boxes.flip_polygon` with ``kind="coords"`` or
        ``kind="indices"``). Default ``"W − x"``.
    shift : float
        Horizontal shift of the shape in pixels: 0, 0.25, 0.5 or 0.75.

    Notes
    -----
    **Convention.** With ``W = 8``: in integer corners the image spans
    ``[0, 8]`` and its mirror axis is ``x = 4``, so ``x → 8 − x`` is right
    and ``x → 7 − x`` moves the shape one pixel left; in integer centers the
    image spans ``[−1/2, 7.5]``, the axis is ``x = 3.5`` and ``x → 7 − x`` is
    right. The figure axes are in integer corners; the tick labels are the
    selected origin's coordinates.
    """

    controls = (
        Control("shape", ("box", "polygon"), "box"),
        Control("origin", ("corners", "centers"), "corners", label="coordinates",
                fmt=lambda o: f"integer {o}", parse=lambda o: parse_origin(o).value),
        Control("flip", tuple(_RULES), "W − x", label="flip x →", parse=lambda f: _parse_rule(f)),
        Control("shift", (0.0, 0.25, 0.5, 0.75), 0.0, label="shift"),
    )
    figsize = (7.5, 3.3)
    static_colors = 48

    def setup(self, fig: Figure) -> None:
        self.axes = fig.subplots(1, 2)
        blank = np.zeros((_H, _W))
        self._images, self._outlines, self._bad = [], [], []
        for ax, title in zip(self.axes, ("original", "mirrored image, flipped shape (red: disagree)")):
            img = ax.imshow(blank, cmap="Greys", vmin=0, vmax=1.7, extent=(0, _W, _H, 0),
                            interpolation="nearest")
            ax.set_xlim(-0.7, _W + 0.7)
            ax.set_ylim(_H + 0.2, -0.2)
            ax.set_aspect("equal")
            grid = [[(k, 0), (k, _H)] for k in range(_W + 1)] + [[(0, k), (_W, k)] for k in range(_H + 1)]
            # drawn over the (animated) images, so animated too
            self.animate(ax.add_collection(LineCollection(grid, colors="0.82", linewidths=0.6, zorder=1)),
                         ax.axvline(_W / 2, color="0.35", linestyle=":", linewidth=1, zorder=2))
            outline = ax.add_patch(Polygon(np.zeros((4, 2)), closed=True, fill=False,
                                           edgecolor=SIGNAL_COLOR, linewidth=2, zorder=4))
            ax.set_yticks([])
            ax.tick_params(labelsize=7, length=2)
            self._images.append(img)
            self._outlines.append(outline)
            ax.set_title(title, fontsize=9)
        bad = np.zeros((_H, _W, 4))
        self._bad = self.axes[1].imshow(bad, extent=(0, _W, _H, 0), interpolation="nearest", zorder=3)
        self.suptitle = fig.suptitle("", fontsize=10)
        self.animate(self.suptitle, *self._images, *self._outlines, self._bad)
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.13, top=0.82, wspace=0.08)

    def background_key(self, state: dict) -> str:
        return state["origin"]  # the tick labels

    def _shape(self, state: dict) -> np.ndarray:
        """The shape in the selected origin's coordinates: a box (4,) or polygon (K, 2)."""
        if state["shape"] == "box":
            return _BOX + np.array([state["shift"], 0.0, state["shift"], 0.0])
        return _POLYGON + np.array([state["shift"], 0.0])

    def render(self, state: dict) -> None:
        origin, kind = state["origin"], _RULES[state["flip"]]
        shape = self._shape(state)
        if state["shape"] == "box":
            flipped = _box_polygon(flip_boxes(shape, _W, kind=kind))
            shape = _box_polygon(shape)
        else:
            flipped = flip_polygon(shape, _W, kind=kind)
        # draw in integer corners (the axes' coordinates)
        shape_c = convert_polygon_origin(shape, origin, Origin.CORNERS)
        flipped_c = convert_polygon_origin(flipped, origin, Origin.CORNERS)
        cover = polygon_mask(shape_c, (_H, _W), supersample=_SUPERSAMPLE)
        mirrored = cover[:, ::-1]  # the mirrored image: pixel columns reversed
        cover_flipped = polygon_mask(flipped_c, (_H, _W), supersample=_SUPERSAMPLE)
        wrong = np.abs(cover_flipped - mirrored) > 1e-9

        self._images[0].set_data(cover)
        self._images[1].set_data(mirrored)
        self._outlines[0].set_xy(shape_c)
        self._outlines[1].set_xy(flipped_c)
        overlay = np.zeros((_H, _W, 4))
        overlay[wrong] = (0.84, 0.15, 0.16, 0.55)
        self._bad.set_data(overlay)

        if origin != getattr(self, "_tick_origin", None):  # ticks are slow to rebuild: only when they change
            self._tick_origin = origin
            ticks = np.arange(_W + 1) if origin == "corners" else np.arange(_W)
            positions = convert_origin(ticks.astype(float), origin, Origin.CORNERS)
            for ax in self.axes:
                ax.set_xticks(positions)
                ax.set_xticklabels([str(t) for t in ticks])
                ax.set_xlabel(f"x in integer {origin} (dotted: mirror axis)", fontsize=7, labelpad=1)
        verdict = ("the flipped shape covers exactly the mirrored pixels" if not wrong.any()
                   else f"{int(wrong.sum())} pixels disagree with the mirrored image")
        self.suptitle.set_text(f"integer {origin}, W = {_W}, flip x → {state['flip']}: {verdict}")
