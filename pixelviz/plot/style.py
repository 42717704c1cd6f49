"""One look for every figure of the book: resolution and font sizes.

Notebooks call :func:`use_book_style` once (or wrap a cell in
``with book_style():``); the drawing functions themselves never set global
state, so a reader's own rcParams win outside the book.

In IPython, :func:`use_book_style` also makes every displayed figure a PNG at
:data:`DENSITY` device pixels per CSS pixel (sharp on HiDPI screens) and writes
into the PNG the figure's smallest text size, so a browser test can check what
the reader sees (``figure_png``, ``smallest_font_pt``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Text

__all__ = [
    "BOOK_RC",
    "DENSITY",
    "PNG_KEY_MIN_FONT_PT",
    "PNG_KEY_MIN_FONT_PX",
    "PNG_KEY_DENSITY",
    "book_style",
    "use_book_style",
    "smallest_font_pt",
    "figure_png",
]

#: Device pixels per CSS pixel of the book's PNG figures: drawn at twice the
#: CSS resolution, then declared (``width`` metadata) at half their pixel size.
DENSITY = 2
#: PNG text keys ``figure_png`` writes: the smallest font size in points,
#: the same in the PNG's own pixels, and :data:`DENSITY`.
PNG_KEY_MIN_FONT_PT = "pixelviz:min-font-pt"
PNG_KEY_MIN_FONT_PX = "pixelviz:min-font-px"
PNG_KEY_DENSITY = "pixelviz:density"

#: rcParams of the book's figures. 110 dpi keeps an 8-inch-wide figure at
#: 880 px (sharp in the 750 px text column, a few tens of kB as PNG); fonts
#: are sized so tick labels stay readable when a phone scales the figure down
#: to 390 px.
BOOK_RC: dict[Any, Any] = {
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "figure.titlesize": 12,
    "image.interpolation": "nearest",
}


@contextlib.contextmanager
def book_style() -> Iterator[None]:
    """Context manager: draw with :data:`BOOK_RC`, restore the previous rcParams after.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with book_style():
    ...     mpl.rcParams["font.size"]
    10.0
    """
    with mpl.rc_context(BOOK_RC):
        yield


def use_book_style() -> None:
    """Apply :data:`BOOK_RC` for the rest of the session (one call at the top of a notebook).

    Inside IPython (a notebook, the book's build) figures are then displayed
    through ``figure_png`` (this module); elsewhere only the rcParams change.
    """
    mpl.rcParams.update(BOOK_RC)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with every notebook
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    import matplotlib.pyplot as plt

    # The inline backend registers its own PNG formatter when it is first loaded, which matplotlib
    # does lazily, at the first figure; load it now so that ours, registered after, is the one used.
    plt.close(plt.figure())
    shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)


def smallest_font_pt(fig: Figure) -> float | None:
    """The smallest font size, in points, of the visible non-empty text of ``fig``.

    Parameters
    ----------
    fig : matplotlib Figure
        A figure; every :class:`matplotlib.text.Text` in it (titles, labels,
        tick labels, legends, annotations) that is visible and not blank counts.

    Returns
    -------
    float or None
        None when the figure has no visible text.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xticks([]), ax.set_yticks([]), ax.set_title("t", fontsize=12), ax.text(0, 0, "s", fontsize=7)
    >>> smallest_font_pt(fig)
    7.0
    >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure; got {type(fig).__name__}")
    fig.canvas.draw()  # tick labels exist only once drawn
    return _smallest_drawn_font_pt(fig)


def _smallest_drawn_font_pt(fig: Figure) -> float | None:
    """:func:`smallest_font_pt` of a figure that has just been drawn (e.g. by ``savefig``): no new draw."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg and the inline canvas have one
    sizes = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        # tick labels outside the axes' view are kept invisible by matplotlib only at draw time
        if text.get_window_extent(renderer).width <= 0:
            continue
        sizes.append(float(text.get_fontsize()))
    return min(sizes) if sizes else None


def figure_png(fig: Figure) -> tuple[bytes, dict[str, int]]:
    """``fig`` as a PNG at :data:`DENSITY` times ``figure.dpi``, with IPython display metadata.

    Parameters
    ----------
    fig : matplotlib Figure

    Returns
    -------
    png : bytes
        The figure cut to its drawn content (``bbox_inches="tight"``), drawn at
        ``DENSITY * fig.dpi`` pixels per inch, stored with a 256-colour palette;
        its text chunks
        :data:`PNG_KEY_MIN_FONT_PT`, :data:`PNG_KEY_MIN_FONT_PX` (that size in
        the PNG's pixels: points × dpi / 72) and :data:`PNG_KEY_DENSITY`.
    metadata : dict
        ``{"width": w, "height": h}``: the CSS size, the pixel size divided by
        :data:`DENSITY`, which myst-nb and Jupyter put on the ``<img>``.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure; got {type(fig).__name__}")
    from ..backends.pillow_ops import palette_png

    dpi = DENSITY * float(fig.dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    # savefig has just drawn every text (tick labels included): read the sizes without a third draw
    smallest = _smallest_drawn_font_pt(fig)
    text = {PNG_KEY_DENSITY: str(DENSITY)}
    if smallest is not None:
        text[PNG_KEY_MIN_FONT_PT] = f"{smallest:g}"
        text[PNG_KEY_MIN_FONT_PX] = f"{smallest * dpi / 72:.3f}"
    # line art (no image panel) keeps its look with 64 colours, about 15 % fewer bytes than 256
    data, (w, h) = palette_png(buf.getvalue(), text, colors=256 if fig.findobj(AxesImage) else 64)
    return data, {"width": w // DENSITY, "height": h // DENSITY}
