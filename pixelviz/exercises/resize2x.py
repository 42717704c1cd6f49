"""Exercises for the chapter "The 2x resize" (``resize2x.*``).

The three properties of the chapter — information loss, extrapolation and
asymmetry — asked as small functions of ``(N, M, convention)``. References
read the output→input map from :func:`pixelviz.conventions.source_coords`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..conventions import GRID_CONVENTIONS, Convention, lands_on_samples, parse_convention, reads_outside, source_coords
from ._core import Alternative, Exercise, register

__all__ = ["LANDED", "N_OUTSIDE", "COMMUTES_WITH_FLIP"]

_CASE_NAMES = ("N", "M", "convention")


def _show(name: str, value: Any) -> str:
    return repr(str(value)) if name == "convention" else repr(value)


def _x(n_in: int, n_out: int, conv: Convention | str) -> np.ndarray:
    return source_coords(n_in, n_out, conv)


# ----------------------------------------------------------------- 3.1
def _landed(n_in: int, n_out: int, conv: Convention | str) -> np.ndarray:
    return np.flatnonzero(lands_on_samples(n_in, n_out, conv))


def _as_indices(value: Any) -> np.ndarray:
    """Sorted unique output indices; a boolean mask or a set is accepted too."""
    if isinstance(value, (set, frozenset, range)):
        value = sorted(value)
    arr = np.asarray(value)
    if arr.dtype == bool:
        arr = np.flatnonzero(arr)
    if arr.dtype.kind not in "iuf" or arr.ndim > 1:
        raise TypeError(f"expected a list of integers; got {value!r}")
    arr = np.atleast_1d(arr)
    if not np.all(arr == np.round(arr)):
        raise ValueError(f"expected integer indices; got {value!r}")
    return np.unique(arr.astype(np.int64))


def _fixed(conv: Convention) -> Alternative:
    return Alternative(
        f"the answer for {conv.label}, whatever the convention",
        lambda n_in, n_out, _c: _landed(n_in, n_out, conv),
        f"Your function seems to ignore its `convention` argument and always answer for "
        f"{conv.label}. Read the coordinate map of the convention you are given.",
    )


LANDED = register(
    Exercise(
        name="resize2x.landed",
        title="Exercise 3.1: which outputs land exactly on input samples?",
        reference=_landed,
        cases=(
            (4, 7, "align_corners"),
            (4, 8, "align_corners"),
            (4, 8, "half_pixel"),
            (4, 8, "asymmetric"),
            (4, 10, "align_corners"),
            (4, 12, "align_corners"),
            (3, 9, "half_pixel"),
            (5, 3, "half_pixel"),
            (321, 161, "align_corners"),
        ),
        arg_names=_CASE_NAMES,
        show_arg=_show,
        normalize=_as_indices,
        expects="a list of output indices",
        alternatives=(
            Alternative(
                "every second output",
                lambda n_in, n_out, _c: np.arange(0, n_out, 2),
                "Every second output is right for ① half the stride and ③ at 2x, but not in general: "
                "under ② at 2x no output sits on an input sample, and a 3x resize keeps every third.",
            ),
            Alternative(
                "only the first and the last output",
                lambda n_in, n_out, _c: np.array([0, n_out - 1]),
                "The two ends are pinned only under ①; in between, output i lands on an input sample "
                "whenever its source coordinate is a whole number.",
            ),
            *(_fixed(c) for c in GRID_CONVENTIONS),
        ),
    )
)


# ----------------------------------------------------------------- 3.2
def _count(mask: np.ndarray) -> int:
    return int(np.count_nonzero(mask))


def _n_outside(n_in: int, n_out: int, conv: Convention | str) -> int:
    return _count(reads_outside(n_in, n_out, conv))


N_OUTSIDE = register(
    Exercise(
        name="resize2x.n_outside",
        title="Exercise 3.2: how many outputs need extrapolation?",
        reference=_n_outside,
        cases=(
            (4, 8, "align_corners"),
            (4, 8, "half_pixel"),
            (4, 8, "asymmetric"),
            (8, 4, "asymmetric"),
            (8, 4, "half_pixel"),
            (5, 8, "half_pixel"),
            (3, 9, "asymmetric"),
            (3, 9, "half_pixel"),
            (4, 7, "align_corners"),
            (1, 4, "half_pixel"),
        ),
        arg_names=_CASE_NAMES,
        show_arg=_show,
        expects="a whole number",
        alternatives=(
            Alternative(
                "only the left end counted (x < 0)",
                lambda n, m, c: _count(_x(n, m, c) < 0),
                "You counted only the outputs left of the first input sample. Outputs right of the last "
                "sample, x > N − 1, extrapolate too (③ overshoots only there).",
            ),
            Alternative(
                "only the right end counted (x > N − 1)",
                lambda n, m, c: _count(_x(n, m, c) > n - 1),
                "You counted only the right end. Under ② the first outputs read x < 0 as well.",
            ),
            Alternative(
                "samples exactly on the border counted",
                lambda n, m, c: _count((_x(n, m, c) <= 0) | (_x(n, m, c) >= n - 1)),
                "An output that reads exactly x = 0 or x = N − 1 sits on an input sample: no "
                "extrapolation there. Use strict inequalities.",
            ),
            Alternative(
                "outputs that are not on an input sample",
                lambda n, m, c: m - len(_landed(n, m, c)),
                "You counted every output that has to be *computed* (interpolated). Extrapolation is "
                "narrower: only outputs whose source coordinate lies outside [0, N − 1], beyond the "
                "first or last input sample.",
            ),
        ),
    )
)


# ----------------------------------------------------------------- 3.3
def _commutes(n_in: int, n_out: int, conv: Convention | str) -> bool:
    # Linear resize with clamping reads input coordinate clip(x_i). resize(flip(s))[i] reads s at
    # N - 1 - clip(x_i); flip(resize(s))[i] reads s at clip(x_{M-1-i}). Equal for every s iff these agree.
    x = np.clip(_x(n_in, n_out, conv), 0, n_in - 1)
    return bool(np.allclose((n_in - 1) - x, x[::-1], rtol=0, atol=1e-9))


def _as_bool(value: Any) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"expected True or False; got {value!r}")


COMMUTES_WITH_FLIP = register(
    Exercise(
        name="resize2x.commutes_with_flip",
        title="Exercise 3.3: does the resize commute with a flip?",
        reference=_commutes,
        cases=(
            (4, 8, "align_corners"),
            (4, 8, "half_pixel"),
            (4, 8, "asymmetric"),
            (5, 3, "asymmetric"),
            (4, 7, "align_corners"),
            (8, 4, "half_pixel"),
            (4, 1, "half_pixel"),
            (4, 1, "align_corners"),
            (3, 3, "asymmetric"),
        ),
        arg_names=_CASE_NAMES,
        show_arg=_show,
        normalize=_as_bool,
        expects="True or False",
        alternatives=(
            Alternative(
                "False exactly for ③",
                lambda n, m, c: parse_convention(c) is not Convention.ASYMMETRIC,
                "Close: ③ is the asymmetric one, but look at the edge cases. ③ with N = M is the "
                "identity, which commutes with everything; ① with a single output reads only the first "
                "input sample, so flipping first changes the answer.",
            ),
            Alternative(
                "always True",
                lambda n, m, c: True,
                "③'s grid is ② shifted by half a stride, so it is not symmetric about the middle "
                "of the signal: resize(flip(x)) and flip(resize(x)) differ.",
            ),
            Alternative(
                "True only for ②",
                lambda n, m, c: parse_convention(c) is Convention.HALF_PIXEL,
                "① is symmetric too: its first and last outputs sit on the first and last inputs, "
                "and the grid between them is evenly spread.",
            ),
        ),
    )
)
