"""Colours and small drawing helpers shared by every pixelviz figure."""

from __future__ import annotations

from typing import Any

from ..conventions import Convention, parse_convention

__all__ = ["CONVENTION_COLORS", "SIGNAL_COLOR", "COLUMN_INCHES", "COLUMN_PX", "convention_color", "panel_grid"]

#: One colour per convention, used by every figure and explorer.
CONVENTION_COLORS = {
    Convention.ALIGN_CORNERS: "#d62728",  # ① red
    Convention.HALF_PIXEL: "#1f77b4",  # ② blue
    Convention.ASYMMETRIC: "#ff7f0e",  # ③ orange
    Convention.PYTORCH_HALF_PIXEL: "#17becf",
    Convention.HALF_PIXEL_SYMMETRIC: "#9467bd",
    Convention.TF_CROP_AND_RESIZE: "#8c564b",
}

#: The continuous signal (the article draws it as a green bar).
SIGNAL_COLOR = "#2ca02c"


def convention_color(convention: Convention | str | Any) -> str:
    """Colour of ``convention`` (any spelling :func:`~pixelviz.conventions.parse_convention` accepts)."""
    return CONVENTION_COLORS[parse_convention(convention)]


#: Widest figure, in inches, that the book's ~688 px text column shows unscaled
#: (``figure.dpi`` 110 in :data:`pixelviz.plot.style.BOOK_RC`): 9 pt text then
#: stays 9 × 110 / 72 ≈ 13.8 CSS px.
COLUMN_INCHES = 6.4

#: Width of the book's text column in CSS pixels: figures are drawn for it.
COLUMN_PX = 688


def panel_grid(n: int, panel_width: float, max_width: float = COLUMN_INCHES) -> tuple[int, int]:
    """``(rows, cols)`` for ``n`` panels ``panel_width`` inches wide: as many per row as fit ``max_width``.

    >>> panel_grid(5, 2.1), panel_grid(2, 3.2), panel_grid(4, 3.3)
    ((2, 3), (1, 2), (4, 1))
    """
    from .._validate import check_finite_float, check_size

    n = check_size("n", n)
    panel_width = check_finite_float("panel_width", panel_width, positive=True, maximum=100.0)
    max_width = check_finite_float("max_width", max_width, positive=True, maximum=100.0)
    cols = max(1, min(n, int(max_width // panel_width)))
    return -(-n // cols), cols
