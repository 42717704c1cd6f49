"""Colours and small drawing helpers shared by every pixelviz figure."""

from __future__ import annotations

from ..conventions import Convention

__all__ = ["CONVENTION_COLORS", "SIGNAL_COLOR", "convention_color"]

#: One colour per convention, used by every figure and explorer.
CONVENTION_COLORS = {
    Convention.ALIGN_CORNERS: "#d62728",        # ① red
    Convention.HALF_PIXEL: "#1f77b4",           # ② blue
    Convention.ASYMMETRIC: "#ff7f0e",           # ③ orange
    Convention.PYTORCH_HALF_PIXEL: "#17becf",
    Convention.HALF_PIXEL_SYMMETRIC: "#9467bd",
    Convention.TF_CROP_AND_RESIZE: "#8c564b",
}

#: The continuous signal (the article draws it as a green bar).
SIGNAL_COLOR = "#2ca02c"


def convention_color(convention: Convention) -> str:
    """Colour of ``convention`` in every pixelviz figure."""
    return CONVENTION_COLORS[convention]
