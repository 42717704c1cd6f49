"""One look for every figure of the book: resolution and font sizes.

Notebooks call :func:`use_book_style` once (or wrap a cell in
``with book_style():``); the drawing functions themselves never set global
state, so a reader's own rcParams win outside the book.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import matplotlib as mpl

__all__ = ["BOOK_RC", "book_style", "use_book_style"]

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
    """Apply :data:`BOOK_RC` for the rest of the session (one call at the top of a notebook)."""
    mpl.rcParams.update(BOOK_RC)
