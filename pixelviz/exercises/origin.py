"""Exercises for the chapter "Choices of origin" (``origin.*``).

References call :mod:`pixelviz.conventions` (``coord_to_index``) and
:mod:`pixelviz.geometry` (origin conversions, index boxes); the recognized
slips are the other origin, the conversion run backwards, and the quantizing
shortcuts (``int()``, ``round()``, forgetting that the last index is included).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..conventions import coord_to_index
from ..geometry import convert_boxes_origin, convert_points_origin, index_boxes_to_coords
from ._core import Alternative, Exercise, register

__all__ = ["KEYPOINT_TO_CORNERS", "PIXEL_OF", "INDEX_BOX_TO_COORDS"]


def _array(name: str, value: Any) -> str:
    return np.asarray(value).tolist().__repr__()


# ----------------------------------------------------------------- 5.1
def _to_corners(points: Any) -> np.ndarray:
    return convert_points_origin(points, "centers", "corners")


KEYPOINT_TO_CORNERS = register(
    Exercise(
        name="origin.keypoint_to_corners",
        title="Exercise 5.1: COCO keypoints to integer corners",
        reference=_to_corners,
        cases=(
            (np.array([[3.0, 4.0]]),),
            (np.array([[0.0, 0.0], [10.25, 2.5]]),),
            (np.array([[639.0, 479.0], [0.5, 7.75], [12.0, 0.0]]),),
        ),
        arg_names=("keypoints",),
        show_arg=_array,
        expects="a (K, 2) array of points",
        alternatives=(
            Alternative(
                "the keypoints unchanged",
                lambda p: np.asarray(p, dtype=float),
                "You returned the keypoints as they are. COCO keypoints behave like integer centers: "
                "a keypoint at (3, 4) marks the center of pixel (3, 4), which in integer corners is (3.5, 4.5).",
            ),
            Alternative(
                "corners → centers (the conversion backwards)",
                lambda p: convert_points_origin(p, "corners", "centers"),
                "You subtracted ½: that converts integer corners to integer centers, the opposite direction. "
                "A pixel's center is *further* from the origin in integer corners.",
            ),
            Alternative(
                "a whole pixel added",
                lambda p: _to_corners(_to_corners(p)),
                "You added 1. The two origins differ by half a pixel, not a whole one.",
            ),
            Alternative(
                "only x converted",
                lambda p: np.asarray(p, dtype=float) + _to_corners([[0.0, 0.0]]) * [1, 0],
                "Only x moved. The half-pixel shift applies to both coordinates.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 5.2
def _pixel_of(x: float) -> int:
    return int(coord_to_index(x))


PIXEL_OF = register(
    Exercise(
        name="origin.pixel_of",
        title="Exercise 5.2: which pixel holds a point?",
        reference=_pixel_of,
        cases=((0.0,), (0.99,), (3.5,), (2.0,), (2.5,), (4.999,), (-0.3,), (-1.0,)),
        arg_names=("x",),
        expects="one integer pixel index",
        alternatives=(
            Alternative(
                "integer centers (round to the nearest integer)",
                lambda x: int(coord_to_index(x, "centers")),
                "You rounded to the nearest integer: that is the answer under integer *centers*, where "
                "pixel i covers [i − ½, i + ½). Under integer corners pixel i covers [i, i + 1).",
            ),
            Alternative(
                "Python's round() (halves to even)",
                lambda x: int(round(x)),
                "round() picks the nearest integer, which is the integer-centers answer (and it breaks "
                "ties to even). Under integer corners pixel i covers [i, i + 1): take the floor.",
            ),
            Alternative(
                "int() (truncation toward zero)",
                lambda x: int(x),
                "int() truncates toward zero, so −0.3 lands in pixel 0. It lies in pixel −1, which covers "
                "[−1, 0): use floor.",
            ),
            Alternative(
                "ceil − 1",
                lambda x: int(np.ceil(x)) - 1,
                "ceil(x) − 1 is wrong exactly on pixel edges: x = 2.0 is the left edge of pixel 2, "
                "and pixel i includes its left edge.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 5.3
def _index_box(box: Any) -> np.ndarray:
    return index_boxes_to_coords(box)


INDEX_BOX_TO_COORDS = register(
    Exercise(
        name="origin.index_box_to_coords",
        title="Exercise 5.3: an inclusive index box as a coordinate box",
        reference=_index_box,
        cases=(
            (np.array([2, 3, 4, 3]),),
            (np.array([0, 0, 0, 0]),),
            (np.array([5, 1, 9, 7]),),
        ),
        arg_names=("box",),
        show_arg=_array,
        expects="a box [x0, y0, x1, y1] of 4 numbers",
        alternatives=(
            Alternative(
                "the index box unchanged",
                lambda b: np.asarray(b, dtype=float),
                "You returned the indices as coordinates. Index x1 is the *last* pixel, included; the box "
                "must reach that pixel's right edge. A one-pixel box [0, 0, 0, 0] would have zero area.",
            ),
            Alternative(
                "the pixel centers of the first and last pixels",
                lambda b: convert_boxes_origin(np.asarray(b, dtype=float), "centers", "corners"),
                "You added ½ everywhere: that joins the *centers* of the first and last pixels, so the box "
                "is one pixel too small. The corners of pixel i are i and i + 1.",
            ),
            Alternative(
                "+1 on every coordinate",
                lambda b: np.asarray(b, dtype=float) + 1.0,
                "Only the far edges move: pixel x0's left edge is x0 itself; pixel x1's right edge is x1 + 1.",
            ),
            Alternative(
                "integer-centers coordinates",
                lambda b: convert_boxes_origin(index_boxes_to_coords(b), "corners", "centers"),
                "Right box, wrong origin: you gave the rectangle in integer centers (x0 − ½ … x1 + ½). "
                "The book uses integer corners.",
            ),
        ),
    )
)
