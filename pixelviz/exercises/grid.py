"""Exercises for the chapter "Choices of sampling grid" (``grid.*``).

Every reference calls :mod:`pixelviz.conventions`; every wrong answer the
checker recognizes is another convention of that module, or a reference value
shifted by the slip it stands for.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..conventions import Convention, round_nearest, sample_positions, source_coords
from ._core import Alternative, Exercise, register

__all__ = ["HALF_PIXEL_POSITIONS", "SOURCE_COORD", "N_OUTSIDE"]


# ----------------------------------------------------------------- 2.1
def _positions(n: int, length: float, conv: str = "half_pixel") -> np.ndarray:
    return sample_positions(n, conv, length)


HALF_PIXEL_POSITIONS = register(
    Exercise(
        name="grid.half_pixel_positions",
        title="Exercise 2.1: the samples of grid ②",
        reference=_positions,
        cases=((4, 1.0), (1, 1.0), (5, 10.0), (3, 2.0), (8, 1.0)),
        arg_names=("n", "length"),
        expects="an array of n positions",
        alternatives=(
            Alternative(
                "① align_corners: first and last samples on the ends",
                lambda n, length: _positions(n, length, "align_corners"),
                "That is grid ①. Under ② the samples sit at the centers of n equal cells, "
                "so the stride is length/n, not length/(n−1), and the first sample is half a stride in.",
            ),
            Alternative(
                "③ asymmetric: samples on the left edges of the cells",
                lambda n, length: _positions(n, length, "asymmetric"),
                "That is grid ③: right stride, but every sample is half a stride too far left. "
                "Move them to the cell centers.",
            ),
            Alternative(
                "③ shifted by ½ in absolute units",
                lambda n, length: _positions(n, length, "asymmetric") + 0.5,
                "You added ½ to the positions, but the offset is half a *stride* (length/(2n)), "
                "not half a unit; the two agree only when length = n.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 2.2
def _coord(i: int, n_in: int, n_out: int, conv: Convention | str = "half_pixel", **kw: Any) -> float:
    return float(source_coords(n_in, n_out, conv, **kw)[i])


def _convention_alternative(conv: Convention, hint: str) -> Alternative:
    return Alternative(f"{conv.label}", lambda i, n_in, n_out: _coord(i, n_in, n_out, conv), hint)


SOURCE_COORD = register(
    Exercise(
        name="grid.source_coord",
        title="Exercise 2.2: the source coordinate of an output sample under ②",
        reference=_coord,
        cases=((0, 4, 8), (7, 4, 8), (3, 5, 8), (0, 8, 4), (3, 8, 4), (2, 7, 3), (3, 1, 4), (0, 4, 1)),
        arg_names=("i", "N", "M"),
        expects="one number",
        alternatives=(
            _convention_alternative(
                Convention.ASYMMETRIC,
                "That is ③'s map x = i·N/M. Under ② output i sits at the center of its cell: "
                "use i + ½ in place of i, then subtract ½ to return to input-index units.",
            ),
            _convention_alternative(
                Convention.ALIGN_CORNERS,
                "That is ①'s map x = i·(N−1)/(M−1): it pins the first and last outputs to the first "
                "and last inputs. Under ② the ratio is N/M and the samples are cell centers.",
            ),
            _convention_alternative(
                Convention.PYTORCH_HALF_PIXEL,
                "Right formula, but you special-cased M = 1 the way PyTorch's "
                "`pytorch_half_pixel` does (x = 0). Plain ② has no special case: "
                "for N=4, M=1 the one output sits at the center, x = 1.5.",
            ),
            Alternative(
                "② without the final −½",
                lambda i, n_in, n_out: _coord(i, n_in, n_out) + 0.5,
                "You have (i + ½)·N/M: the position in *input cell* units, where input sample j "
                "sits at j + ½. Subtract ½ to land in input-index units (sample j at x = j).",
            ),
            Alternative(
                "② without the +½ on i",
                lambda i, n_in, n_out: _coord(i, n_in, n_out, "asymmetric") - 0.5,
                "You have i·N/M − ½: the −½ is there, but output i's center is at i + ½ in output "
                "cells. Use (i + ½)·N/M − ½.",
            ),
            Alternative(
                "② with N and M swapped",
                lambda i, n_in, n_out: _coord(i, n_in, n_out, "half_pixel", scale=n_in / n_out),
                "You scaled by M/N instead of N/M. One output cell is N/M input cells wide "
                "(upsampling: less than one).",
            ),
            Alternative(
                "③ with integer division",
                lambda i, n_in, n_out: float(round_nearest(_coord(i, n_in, n_out, "asymmetric"), "floor")),
                "You computed i·N//M: integer division throws away the fraction, and that is ③'s "
                "map besides. Use true division and the ② formula.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 2.3
def _n_outside(conv: Convention | str = "half_pixel") -> int:
    x = source_coords(5, 8, conv)
    return int(np.count_nonzero((x < 0) | (x > 5 - 1)))


N_OUTSIDE = register(
    Exercise(
        name="grid.n_outside",
        title="Exercise 2.3: how many outputs of 5 → 8 read outside the input grid under ②?",
        reference=_n_outside,
        cases=((),),
        kind="value",
        expects="a whole number",
        fallback="Compute the ② column of the chapter's 5 → 8 table and count the entries below 0 or above N − 1 = 4.",
        alternatives=(
            Alternative(
                "the count under ① align_corners",
                lambda: _n_outside("align_corners"),
                "That would be right for ①, whose first and last outputs sit exactly on the first and "
                "last inputs. Under ② look at the first *and* the last row of the table.",
            ),
            Alternative(
                "the count under ③ asymmetric, or one end only",
                lambda: _n_outside("asymmetric"),
                "Under ③ only the last output overshoots; under ② the grid is symmetric, so if one end "
                "reads outside, so does the other.",
            ),
        ),
    )
)
