"""An explorer's legend as HTML: one small drawn swatch and a sentence per mark.

The legend sits under the frame, as page text (it wraps on a phone and keeps
the reader's font size), in the static page and in the live UI alike. Each
swatch is an inline SVG drawn in the colour of the mark it explains, so no
request is made.
"""

from __future__ import annotations

import html

from matplotlib.colors import to_hex, to_rgba

__all__ = ["SWATCHES", "legend_html"]

_SIZE = 18

#: Swatch kinds and the SVG (18 × 18 user units) each draws; ``{c}`` is the colour, ``{a}`` its opacity.
SWATCHES = {
    "dot": '<circle cx="9" cy="9" r="4.5" fill="{c}" fill-opacity="{a}"/>',
    "small-dot": '<circle cx="9" cy="9" r="2.5" fill="{c}" fill-opacity="{a}"/>',
    "hollow": '<circle cx="9" cy="9" r="5" fill="none" stroke="{c}" stroke-opacity="{a}" stroke-width="1.6"/>',
    "ring": (
        '<circle cx="9" cy="9" r="3.5" fill="{c}" fill-opacity="{a}"/>'
        '<circle cx="9" cy="9" r="7" fill="none" stroke="#000" stroke-width="1.2"/>'
    ),
    "square": '<rect x="4.5" y="4.5" width="9" height="9" fill="{c}" fill-opacity="{a}"/>',
    "line": '<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-opacity="{a}" stroke-width="2"/>',
    "dashed": (
        '<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-opacity="{a}" stroke-width="1.6" '
        'stroke-dasharray="3 2"/>'
    ),
    "dotted": (
        '<line x1="9" y1="1" x2="9" y2="17" stroke="{c}" stroke-opacity="{a}" stroke-width="1.6" '
        'stroke-dasharray="1.5 2"/>'
    ),
    "bar": '<rect x="1" y="6.5" width="16" height="5" fill="{c}" fill-opacity="{a}"/>',
    "box": '<rect x="2" y="2" width="14" height="14" fill="{c}" fill-opacity="{a}" stroke="{c}" stroke-width="1"/>',
    "outline": '<rect x="2.5" y="2.5" width="13" height="13" fill="none" stroke="{c}" stroke-opacity="{a}" '
    'stroke-width="2"/>',
    "ramp": (
        '<defs><linearGradient id="pv-ramp"><stop offset="0" stop-color="#fff"/>'
        '<stop offset="1" stop-color="{c}"/></linearGradient></defs>'
        '<rect x="1" y="3" width="16" height="12" fill="url(#pv-ramp)" stroke="#999" stroke-width=".6"/>'
    ),
    "arrow": (
        '<line x1="2" y1="9" x2="14" y2="9" stroke="{c}" stroke-width="1.6"/>'
        '<path d="M11 5.5 L16 9 L11 12.5" fill="none" stroke="{c}" stroke-width="1.6"/>'
    ),
}


def _swatch(kind: str, color: str) -> str:
    if kind not in SWATCHES:
        raise ValueError(f"swatch must be one of {sorted(SWATCHES)}; got {kind!r}")
    r, g, b, a = to_rgba(color)
    body = SWATCHES[kind].format(c=to_hex((r, g, b)), a=f"{a:.2f}")
    return (
        f'<svg class="pv-swatch" width="{_SIZE}" height="{_SIZE}" viewBox="0 0 {_SIZE} {_SIZE}" '
        f'aria-hidden="true">{body}</svg>'
    )


def legend_html(items: list[tuple[str, str, str]]) -> str:
    """``<ul class="pv-legend">`` with one ``<li>`` (swatch + text) per ``(swatch, colour, text)`` item.

    Raises
    ------
    ValueError
        For an unknown swatch kind (see :data:`SWATCHES`).
    """
    if not items:
        return ""
    rows = "".join(f"<li>{_swatch(kind, color)}<span>{html.escape(text)}</span></li>" for kind, color, text in items)
    return f'<ul class="pv-legend">{rows}</ul>'
