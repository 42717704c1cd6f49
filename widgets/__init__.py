"""Explorers: pixelviz drawings with controls, live in a kernel and pre-rendered on the website.

``GridExplorer()`` as the last line of a notebook cell shows a live ipywidgets
UI in Jupyter, Colab or Binder, and self-contained HTML (frames pre-rendered
for a declared grid of control values, no kernel needed) when the book is
built with ``PIXELVIZ_STATIC_WIDGETS=1`` (``make book`` sets it). See
:mod:`widgets._core`.
"""

from ._core import STATIC_ENV, Control, Explorer, static_mode
from .grid import GridExplorer
from .origin import OriginFlipExplorer
from .resize import ResizeExplorer
from .roi import RoIAlignExplorer

__all__ = ["STATIC_ENV", "Control", "Explorer", "static_mode", "GridExplorer", "OriginFlipExplorer",
           "RoIAlignExplorer", "ResizeExplorer"]
