"""Where a crop-and-resize samples one box, on the pixel grid (integer corners).

Draws the fits of :func:`pixelviz.probe.probe_crop` — output sample ``j`` at
``first + stride · j`` — for several ops on the same box, over the pixels
(pixel ``c`` covers ``[c, c + 1]``, centre ``c + ½``) with the box and its
bin centres marked.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..probe.crops import CropAxisFit
from ._check import check_figsize, check_mapping

__all__ = ["plot_crop_samples"]


def plot_crop_samples(
    fits: Mapping[str, CropAxisFit], *, figsize: tuple[float, float] | None = None, title: str | None = None
) -> Figure:
    """One row per op: its measured sample positions along x for one box, over the pixels.

    Parameters
    ----------
    fits : mapping of str to CropAxisFit
        Label → the x fit of one probe box (all on the same box), from
        ``CropProbeResult.fits[0]``.
    figsize : (float, float), optional
    title : str, optional

    Returns
    -------
    Figure

    Notes
    -----
    **Convention.** Integer corners: the box edge ``x0`` is drawn at
    ``x0``; a sample at ``X`` is drawn at ``X``; grey ticks are pixel
    centres ``c + ½``; dotted lines are the box's bin centres
    ``x0 + (j + ½) w/K``, where RoIAlign ``aligned=True`` samples.
    """
    items = check_mapping("fits", fits, "label -> CropAxisFit", "fit")
    for label, f in items.items():
        if not isinstance(f, CropAxisFit):
            raise TypeError(f"fits[{label!r}] must be a CropAxisFit; got {type(f).__name__}")
    boxes = {(f.box_start, f.box_length, f.samples) for f in items.values()}
    if len(boxes) != 1:
        raise ValueError(f"fits must all be on the same box and sample count; got {sorted(boxes)}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None; got {title!r}")
    x0, w, k = boxes.pop()
    size = check_figsize("figsize", figsize) or (7.0, 0.6 + 0.45 * len(items))
    fig, ax = plt.subplots(figsize=size)
    lo, hi = int(np.floor(x0)) - 1, int(np.ceil(x0 + w)) + 1
    for c in range(lo, hi + 1):
        ax.axvline(c, color="0.85", lw=0.8, zorder=0)
    ax.plot(np.arange(lo, hi) + 0.5, np.full(hi - lo, -0.6), "|", color="0.55", ms=6, label="pixel centres")
    ax.axvspan(x0, x0 + w, color="C0", alpha=0.08, zorder=0)
    ax.axvline(x0, color="C0", lw=1.2)
    ax.axvline(x0 + w, color="C0", lw=1.2)
    for j in range(k):
        ax.axvline(x0 + (j + 0.5) * w / k, color="C0", lw=0.8, ls=":")
    labels = list(items)
    for row, label in enumerate(labels):
        f = items[label]
        xs = f.first + f.stride * np.arange(f.samples)
        ax.plot(xs, np.full(len(xs), row), "o", color=f"C{row + 1}", ms=6)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.4, -1.0)
    ax.set_xlim(lo, hi)
    ax.set_xlabel("x (integer corners); shaded: the box; dotted: its bin centres")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
