"""OriginFlipExplorer: flip a box or polygon with W − x or W − 1 − x, in integer corners or centers.

Left panel: a shape over an 8×6 image and the pixels it covers. Right panel:
the mirrored image (its pixels reversed left to right, which is unambiguous)
with the shape flipped by the chosen rule drawn over it. The flip is right
when the flipped shape covers exactly the mirrored pixels; pixels where the
two disagree are coloured as in chapter 6's mask figures
(:func:`pixelviz.plot.plot_masks`): red where the mirror has coverage the
flipped shape misses, blue where the flipped shape covers more.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from pixelviz.boxes import flip_boxes, flip_polygon
from pixelviz.conventions import Origin, convert_origin, parse_origin
from pixelviz.geometry import convert_polygon_origin
from pixelviz.masks import polygon_mask
from pixelviz.plot import EXTRA_COLOR, MISSING_COLOR, SIGNAL_COLOR, draw_pixels, draw_polygon

from ._explorer import Control, Explorer

__all__ = ["OriginFlipExplorer"]

_W, _H = 8, 6
#: The shapes, in the coordinates of whichever origin is selected (x is shifted by the ``shift`` control).
_BOX = np.array([1.0, 1.0, 3.75, 4.25])  # (x0, y0, x1, y1)
# vertices off the quarter-pixel grid, so no sub-sample point lies exactly on an edge
_POLYGON = np.array([[0.83, 1.07], [3.31, 1.72], [2.13, 2.91], [3.62, 4.69], [1.07, 4.33]])
_RULES = {"W − x": "coords", "W − 1 − x": "indices"}
_SUPERSAMPLE = 4  # coverage on a 4×4 sub-grid per pixel: grey levels, no ties at quarter-pixel edges
_PIXELS = dict(cmap="Greys", vmin=0, vmax=1.7)  # coverage 1 is a mid grey: the outline stays visible


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

    Both panels are drawn with chapter 5's :func:`pixelviz.plot.draw_pixels`
    (the pixels on axes of the selected origin) and
    :func:`pixelviz.plot.draw_polygon`.

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
    right. The axes are in the selected origin's coordinates.
    """

    controls = (
        Control("shape", ("box", "polygon"), "box"),
        Control(
            "origin",
            ("corners", "centers"),
            "corners",
            label="coordinates",
            fmt=lambda o: f"integer {o}",
            parse=lambda o: parse_origin(o).value,
        ),
        Control("flip", tuple(_RULES), "W − x", label="flip x →", parse=lambda f: _parse_rule(f)),
        Control("shift", (0.0, 0.25, 0.5, 0.75), 0.0, label="shift"),
    )
    height = 290
    static_group_by = "origin"

    def legend(self) -> list[tuple[str, str, str]]:
        return [
            ("ramp", "#6a6a6a", "pixel coverage by the shape (darker: more)"),
            ("outline", SIGNAL_COLOR, "the shape; right: flipped by the rule"),
            ("dotted", "0.35", "the mirror axis: the middle of the image"),
            ("square", MISSING_COLOR, "mirror covers it, flipped shape misses it"),
            ("square", EXTRA_COLOR, "flipped shape covers it, mirror does not"),
        ]

    def setup(self, fig: Figure) -> None:
        self.axes = fig.subplots(1, 2)
        for ax, title in zip(self.axes, ("original", "mirrored image, flipped shape")):
            ax.set_yticks([])
            ax.tick_params(labelsize=9, length=2)
            ax.set_title(title, fontsize=9)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.16, top=0.9, wspace=0.06)

    def background_key(self, state: dict) -> str:
        return state["origin"]  # the limits, ticks and labels

    def _shape(self, state: dict) -> np.ndarray:
        """The shape in the selected origin's coordinates: a box (4,) or polygon (K, 2)."""
        if state["shape"] == "box":
            return _BOX + np.array([state["shift"], 0.0, state["shift"], 0.0])
        return _POLYGON + np.array([state["shift"], 0.0])

    def verdict(self, state: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(shape, flipped, cover, mirrored, cover_flipped)``: the two outlines ((K, 2), in ``state``'s origin)
        and three (H, W) coverages in [0, 1] (of the shape, the mirrored image, the flipped shape)."""
        origin, kind = state["origin"], _RULES[state["flip"]]
        shape = self._shape(state)
        if state["shape"] == "box":
            flipped = _box_polygon(flip_boxes(shape, _W, kind=kind))
            shape = _box_polygon(shape)
        else:
            flipped = flip_polygon(shape, _W, kind=kind)
        # rasterize in integer corners, where pixel (r, c) is the square [c, c+1) x [r, r+1)
        cover = polygon_mask(convert_polygon_origin(shape, origin, Origin.CORNERS), (_H, _W), supersample=_SUPERSAMPLE)
        cover_flipped = polygon_mask(
            convert_polygon_origin(flipped, origin, Origin.CORNERS), (_H, _W), supersample=_SUPERSAMPLE
        )
        return shape, flipped, cover, cover[:, ::-1], cover_flipped

    def render(self, state: dict) -> None:
        origin = state["origin"]
        shape, flipped, cover, mirrored, cover_flipped = self.verdict(state)
        missing = mirrored - cover_flipped > 1e-9  # (H, W)
        extra = cover_flipped - mirrored > 1e-9  # (H, W)
        overlay = np.zeros((_H, _W, 4))
        overlay[missing] = (*MISSING_COLOR, 1.0)
        overlay[extra] = (*EXTRA_COLOR, 1.0)
        axis = float(convert_origin(_W / 2, Origin.CORNERS, origin))  # the image's middle
        for k, (ax, pixels, outline) in enumerate(zip(self.axes, (cover, mirrored), (shape, flipped))):
            before = set(ax.get_children())
            image = draw_pixels(ax, pixels, origin=origin, **_PIXELS)
            if k == 1:
                ax.imshow(overlay, extent=image.get_extent(), interpolation="nearest", zorder=1.5)
            ax.axvline(axis, color="0.35", linestyle=":", linewidth=1.2, zorder=2)
            draw_polygon(ax, outline, source=origin, axes_origin=origin, color=SIGNAL_COLOR, linewidth=2, zorder=4)
            self.dynamic(f"panel{k}", [a for a in ax.get_children() if a not in before])
        if origin != getattr(self, "_tick_origin", None):  # ticks are slow to rebuild: only when they change
            self._tick_origin = origin
            ticks = np.arange(_W + 1) if origin == "corners" else np.arange(_W)
            for ax in self.axes:
                ax.set_xticks(ticks)
                ax.set_xlabel(f"x in integer {origin}", fontsize=9, labelpad=1)

    def caption(self, state: dict) -> str:
        _, _, _, mirrored, cover_flipped = self.verdict(state)
        wrong = np.abs(cover_flipped - mirrored) > 1e-9
        verdict = (
            "the flipped shape covers exactly the mirrored pixels"
            if not wrong.any()
            else f"{int(wrong.sum())} pixels disagree with the mirrored image"
        )
        return f"Integer {state['origin']}, W = {_W}, flip x → {state['flip']}: {verdict}."
