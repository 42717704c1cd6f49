"""The equivalence matrix: how far apart every pair of installed resize ops is, as a heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure

from .._validate import check_finite_array
from ._check import check_figsize

__all__ = ["ERROR_BOUNDS", "plot_equivalence_matrix"]

#: Colour classes of the heatmap (max abs error): identical, float32, then decades up to 1.
ERROR_BOUNDS = (0.0, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1)
_COLORS = ("#1b7837", "#a6dba0", "#fde0ef", "#f1b6da", "#de77ae", "#8e0152")
_CLASS_NAMES = ("≤ 1e-6 identical", "≤ 1e-4 float32", "≤ 1e-3", "≤ 1e-2", "≤ 0.1", "> 0.1")


def plot_equivalence_matrix(
    errors: Any,
    labels: Sequence[str],
    *,
    bands: Sequence[str] | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Heatmap of ``errors[i, j]``, the max abs error between ops ``i`` and ``j`` on shared inputs.

    Parameters
    ----------
    errors : (n, n) array_like of float
        Symmetric, ``>= 0``; NaN where an op failed (drawn grey).
    labels : sequence of str
        One label per row (the same order as the rows).
    bands : sequence of str, optional
        One band label per row (e.g. :func:`pixelviz.reproduce.convention_bands`).
        Runs of equal labels are drawn as bands, separated by lines and
        labelled once (runs of three rows or more) instead of one label per
        op, so a matrix of many ops stays legible in the book's column.
    figsize : (float, float), optional
        Inches; default grows with ``n`` (the column width with ``bands``).
    title : str, optional

    Returns
    -------
    matplotlib Figure
        Cell ``(i, j)`` covers ``[j, j+1) x [i, i+1)`` (integer corners); blocks of
        green along the diagonal are groups of interchangeable ops.
    """
    arr = check_finite_array("errors", errors, ndim=2, allow_nonfinite=True)
    if arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"errors must be a non-empty square (n, n) array; got shape {arr.shape}")
    if np.any(arr[np.isfinite(arr)] < 0) or np.any(np.isinf(arr)):
        raise ValueError("errors must hold max abs errors (>= 0, finite or NaN); got negative or inf values")
    if np.isnan(np.diag(arr)).any():
        raise ValueError("errors must have a finite diagonal (an op against itself); got NaN there")
    n = arr.shape[0]
    if isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple)) or len(labels) != n:
        raise TypeError(f"labels must be a list of {n} str (one per row); got {labels!r}")
    if not all(isinstance(s, str) for s in labels):
        raise TypeError(f"labels must hold str; got {labels!r}")
    if bands is not None:
        if isinstance(bands, (str, bytes)) or not isinstance(bands, (list, tuple)) or len(bands) != n:
            raise TypeError(f"bands must be a list of {n} str (one per row) or None; got {bands!r}")
        if not all(isinstance(b, str) for b in bands):
            raise TypeError(f"bands must hold str; got {bands!r}")
    default = (6.4, 5.4) if bands is not None else (min(3.0 + 0.22 * n, 16.0), min(2.5 + 0.2 * n, 15.0))
    size = check_figsize("figsize", figsize) or default
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None; got {title!r}")
    cmap = ListedColormap(list(_COLORS)).with_extremes(bad="#bbbbbb")
    bounds = [*ERROR_BOUNDS, 10.0]
    norm = BoundaryNorm(bounds, cmap.N)
    shown = np.minimum(arr, 9.0)  # every error above 0.1 is one class
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    im = ax.imshow(np.ma.masked_invalid(shown), cmap=cmap, norm=norm, extent=(0, n, n, 0), interpolation="nearest")
    if bands is None:
        ax.set_xticks(np.arange(n) + 0.5, labels, rotation=90, fontsize=6)
        ax.set_yticks(np.arange(n) + 0.5, labels, fontsize=6)
    else:
        runs: list[tuple[int, int, str]] = []  # [start, stop) of each run of equal labels
        for i, b in enumerate(bands):
            if runs and runs[-1][2] == b:
                runs[-1] = (runs[-1][0], i + 1, b)
            else:
                runs.append((i, i + 1, b))
        for start, _, _ in runs[1:]:
            ax.axhline(start, color="k", lw=0.6)
            ax.axvline(start, color="k", lw=0.6)
        shown_runs = [r for r in runs if r[1] - r[0] >= 3]
        ax.set_yticks([(a + b) / 2 for a, b, _ in shown_runs], [t for _, _, t in shown_runs], fontsize=9)
        ax.set_xticks([])
        ax.set_xlabel(f"the same {n} ops, in the same order", fontsize=9)
    ax.tick_params(length=0)
    bar = fig.colorbar(im, ax=ax, shrink=0.6, ticks=[(a + b) / 2 for a, b in zip(bounds, bounds[1:])])
    bar.ax.set_yticklabels(_CLASS_NAMES, fontsize=9)
    bar.set_label("max abs difference", fontsize=9)
    if title:
        ax.set_title(title, fontsize=9)
    return fig
