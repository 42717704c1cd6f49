"""Colours and small drawing helpers shared by every pixelviz figure."""

from __future__ import annotations

from typing import Any

from ..conventions import Convention, parse_convention

__all__ = ["CONVENTION_COLORS", "SIGNAL_COLOR", "convention_color"]

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
