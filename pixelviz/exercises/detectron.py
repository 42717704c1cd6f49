"""Exercises for the chapter "Detectron and Detectron2" (``detectron.*``).

References call :mod:`pixelviz.boxes` (coordinate/index flips, legacy box
coding); the recognized slips are the index flip applied to coordinates, the
unswapped flip, and the legacy decoder's missing ``- 1``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..boxes import flip_boxes, flip_coord, legacy_decode_1d, legacy_encode_1d
from ..roi import roi_align
from ._core import Alternative, Exercise, register

__all__ = ["FLIP_BOX", "DECODE", "ROI_READS"]


def _list(name: str, value: Any) -> str:
    return repr(np.asarray(value).tolist()) if isinstance(value, np.ndarray) else repr(value)


# ----------------------------------------------------------------- 6.1
def _flip(box: Any, width: float) -> np.ndarray:
    return flip_boxes(box, width, kind="coords")


def _flip_unswapped(box: Any, width: float) -> np.ndarray:
    out = np.asarray(box, dtype=np.float64).copy()
    out[[0, 2]] = flip_coord(out[[0, 2]], width)
    return out


FLIP_BOX = register(
    Exercise(
        name="detectron.flip_box",
        title="Exercise 6.1: flip a coordinate box",
        reference=_flip,
        cases=(
            (np.array([1.0, 0.0, 3.0, 2.0]), 10),
            (np.array([0.0, 0.0, 10.0, 5.0]), 10),
            (np.array([2.5, 1.0, 4.25, 3.0]), 7),
            (np.array([0.0, 0.0, 1.0, 1.0]), 1),
        ),
        arg_names=("box", "W"),
        show_arg=_list,
        expects="a box [x0, y0, x1, y1] of 4 numbers",
        alternatives=(
            Alternative(
                "the index flip W − 1 − x",
                lambda b, w: flip_boxes(b, w, kind="indices"),
                "You used W − 1 − x, the flip of pixel *indices* (Detectron's rule). These are integer-corner "
                "coordinates: x goes to W − x, otherwise the box moves one pixel left and a box covering the "
                "whole image, [0, W], comes out as [−1, W − 1].",
            ),
            Alternative(
                "flipped without swapping x0 and x1",
                _flip_unswapped,
                "Right mirror, but the left edge becomes the right one: return (W − x1, y0, W − x0, y1) "
                "so that x0 ≤ x1 still holds.",
            ),
            Alternative(
                "the index flip, unswapped",
                lambda b, w: _flip_unswapped(b, w) - [1, 0, 1, 0],
                "Two slips: W − 1 − x is the flip of indices (coordinates use W − x), and x0 and x1 must swap roles.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 6.2
def _decode(center: float, w: float) -> np.ndarray:
    return np.array(legacy_decode_1d(center, w, fixed=True))


def _as_pair(value: Any) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (2,):
        raise ValueError(f"expected a pair (x0, x1); got shape {arr.shape}")
    return arr


DECODE = register(
    Exercise(
        name="detectron.decode",
        title="Exercise 6.2: decode an inclusive box without the off-by-one",
        reference=_decode,
        cases=(legacy_encode_1d(2, 5), legacy_encode_1d(0, 0), legacy_encode_1d(3, 10), (7.3, 3.2), (100.0, 1.0)),
        arg_names=("center", "w"),
        normalize=_as_pair,
        expects="a pair (x0, x1)",
        alternatives=(
            Alternative(
                "the legacy decoder: x1 = center + w/2",
                lambda c, w: np.array(legacy_decode_1d(c, w)),
                "This is py-faster-rcnn's decoder, one pixel too wide: pixels 2…5 encode to center 4, w 4 "
                "and decode to (2, 6). With inclusive indices the last pixel is x0 + w − 1, so "
                "x1 = center + w/2 − 1.",
            ),
            Alternative(
                "both ends moved by −1",
                lambda c, w: _decode(c, w) - [1, 0],
                "The −1 belongs only on x1: x0 = center − w/2 is already the first pixel's index.",
            ),
            Alternative(
                "center read as the middle pixel index",
                lambda c, w: _decode(c, w) + [0.5, 0.5],
                "You used x0 = center − (w − 1)/2, as if center were the middle of the indices. The encoder "
                "set center = x0 + w/2, half a pixel right of that: invert exactly what it did.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 6.3
#: Size of the image the RoIAlign exercise reads (large enough that no case touches the border).
ROI_IMAGE = 8
_PAD = 4


def _reads(box: Any, k: int, r: int, c: int, *, aligned: bool = True, shift: Any = 0.0) -> dict:
    """Pixels and weights RoIAlign's output bin ``(r, c)`` reads, found by running
    :func:`pixelviz.roi.roi_align` on one one-hot image per pixel.

    The image is padded by ``_PAD`` pixels on every side, so that the slips
    (which may read left of pixel 0) show the pixels a plain bilinear read
    would use rather than RoIAlign's border clamping.
    """
    n = ROI_IMAGE + 2 * _PAD
    one_hot = np.eye(n * n).reshape(1, n * n, n, n)  # channel p = pixel p
    b = np.asarray(box, dtype=np.float64) + np.asarray(shift, dtype=np.float64) + _PAD
    w = roi_align(one_hot, b[None], k, sampling_ratio=1, aligned=aligned)[0, :, r, c].reshape(n, n)
    return _as_reads({(int(y) - _PAD, int(x) - _PAD): float(w[y, x]) for y, x in zip(*np.nonzero(w))})


def _as_reads(value: Any) -> dict:
    """``{(row, col): weight}`` without zero weights; a list of ``((row, col), weight)`` pairs works too."""
    items = value.items() if isinstance(value, dict) else value
    out: dict = {}
    for key, weight in items:
        row, col = (int(v) for v in key)
        out[(row, col)] = out.get((row, col), 0.0) + float(weight)
    return {key: w for key, w in sorted(out.items()) if abs(w) > 1e-9}


def _half_bin(box: Any, k: int) -> np.ndarray:
    x0, y0, x1, y1 = np.asarray(box, dtype=np.float64)
    return -0.5 * np.array([x1 - x0, y1 - y0, x1 - x0, y1 - y0]) / k


ROI_READS = register(
    Exercise(
        name="detectron.roi_reads",
        title="Exercise 6.3: the pixels and weights of one RoIAlign bin",
        reference=_reads,
        cases=(
            (np.array([1.0, 1.0, 5.0, 5.0]), 2, 0, 0),
            (np.array([0.0, 0.0, 4.0, 2.0]), 2, 0, 1),
            (np.array([1.0, 2.0, 3.0, 4.0]), 4, 3, 3),
            (np.array([2.2, 1.0, 5.0, 3.8]), 2, 1, 0),
            (np.array([3.0, 3.0, 4.0, 4.0]), 1, 0, 0),
        ),
        arg_names=("box", "K", "r", "c"),
        show_arg=_list,
        normalize=_as_reads,
        expects="a dict {(row, col): weight}",
        alternatives=(
            Alternative(
                "aligned=False (Detectron's original RoIAlign)",
                lambda b, k, r, c: _reads(b, k, r, c, aligned=False),
                "You sampled at the box point itself, as the original RoIAlign did. Box coordinates are "
                "integer corners, pixel j's value sits at j + ½: subtract ½ before finding the neighbours.",
            ),
            Alternative(
                "+½ instead of −½",
                lambda b, k, r, c: _reads(b, k, r, c, shift=1.0),
                "You shifted the wrong way: pixel j's center is at j + ½, so a point x reads index "
                "coordinate x − ½, not x + ½.",
            ),
            Alternative(
                "sampled at the bin's corner, not its center",
                lambda b, k, r, c: _reads(b, k, r, c, shift=_half_bin(b, k)),
                "With sampling_ratio=1 the one sample sits at the *center* of the bin: "
                "x0 + (c + ½)·w/K, not x0 + c·w/K.",
            ),
            Alternative(
                "(x, y) in place of (row, col)",
                lambda b, k, r, c: {(x, y): w for (y, x), w in _reads(b, k, r, c).items()},
                "Right pixels and weights, but keyed (col, row). Use (row, col), i.e. (y, x), like image[row, col].",
            ),
        ),
    )
)
