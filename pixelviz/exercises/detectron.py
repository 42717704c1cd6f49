"""Exercises for the chapter "Detectron and Detectron2" (``detectron.*``).

References call :mod:`pixelviz.boxes` (coordinate/index flips, legacy box
coding); the recognized slips are the index flip applied to coordinates, the
unswapped flip, and the legacy decoder's missing ``- 1``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..boxes import flip_boxes, flip_coord, legacy_decode_1d, legacy_encode_1d
from ._core import Alternative, Exercise, register

__all__ = ["FLIP_BOX", "DECODE"]


def _list(name: str, value: Any) -> str:
    return repr(np.asarray(value).tolist()) if isinstance(value, np.ndarray) else repr(value)


# ----------------------------------------------------------------- 6.1
def _flip(box: Any, width: float) -> np.ndarray:
    return flip_boxes(box, width, kind="coords")


def _flip_unswapped(box: Any, width: float) -> np.ndarray:
    out = np.asarray(box, dtype=np.float64).copy()
    out[[0, 2]] = flip_coord(out[[0, 2]], width)
    return out


FLIP_BOX = register(Exercise(
    name="detectron.flip_box",
    title="Exercise 6.1: flip a coordinate box",
    reference=_flip,
    cases=((np.array([1.0, 0.0, 3.0, 2.0]), 10), (np.array([0.0, 0.0, 10.0, 5.0]), 10),
           (np.array([2.5, 1.0, 4.25, 3.0]), 7), (np.array([0.0, 0.0, 1.0, 1.0]), 1)),
    arg_names=("box", "W"),
    show_arg=_list,
    expects="a box [x0, y0, x1, y1] of 4 numbers",
    alternatives=(
        Alternative("the index flip W − 1 − x", lambda b, w: flip_boxes(b, w, kind="indices"),
                    "You used W − 1 − x, the flip of pixel *indices* (Detectron's rule). These are integer-corner "
                    "coordinates: x goes to W − x, otherwise the box moves one pixel left and a box covering the "
                    "whole image, [0, W], comes out as [−1, W − 1]."),
        Alternative("flipped without swapping x0 and x1", _flip_unswapped,
                    "Right mirror, but the left edge becomes the right one: return (W − x1, y0, W − x0, y1) "
                    "so that x0 ≤ x1 still holds."),
        Alternative("the index flip, unswapped", lambda b, w: _flip_unswapped(b, w) - [1, 0, 1, 0],
                    "Two slips: W − 1 − x is the flip of indices (coordinates use W − x), and x0 and x1 "
                    "must swap roles."),
    ),
))


# ----------------------------------------------------------------- 6.2
def _decode(center: float, w: float) -> np.ndarray:
    return np.array(legacy_decode_1d(center, w, fixed=True))


def _as_pair(value: Any) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (2,):
        raise ValueError(f"expected a pair (x0, x1); got shape {arr.shape}")
    return arr


DECODE = register(Exercise(
    name="detectron.decode",
    title="Exercise 6.2: decode an inclusive box without the off-by-one",
    reference=_decode,
    cases=(legacy_encode_1d(2, 5), legacy_encode_1d(0, 0), legacy_encode_1d(3, 10), (7.3, 3.2), (100.0, 1.0)),
    arg_names=("center", "w"),
    normalize=_as_pair,
    expects="a pair (x0, x1)",
    alternatives=(
        Alternative("the legacy decoder: x1 = center + w/2", lambda c, w: np.array(legacy_decode_1d(c, w)),
                    "This is py-faster-rcnn's decoder, one pixel too wide: pixels 2…5 encode to center 4, w 4 "
                    "and decode to (2, 6). With inclusive indices the last pixel is x0 + w − 1, so "
                    "x1 = center + w/2 − 1."),
        Alternative("both ends moved by −1", lambda c, w: _decode(c, w) - [1, 0],
                    "The −1 belongs only on x1: x0 = center − w/2 is already the first pixel's index."),
        Alternative("center read as the middle pixel index", lambda c, w: _decode(c, w) + [0.5, 0.5],
                    "You used x0 = center − (w − 1)/2, as if center were the middle of the indices. The encoder "
                    "set center = x0 + w/2, half a pixel right of that: invert exactly what it did."),
    ),
))
