"""Explorers: pixelviz drawings with controls, live in a kernel and pre-rendered on the website.

``GridExplorer()`` as the last line of a notebook cell shows a live ipywidgets
UI in Jupyter, Colab or Binder, and self-contained HTML (frames pre-rendered
for a declared grid of control values, no kernel needed) when the book is
built with ``PIXELVIZ_STATIC_WIDGETS=1`` (``make book`` sets it).

The package has one module per job: ``widgets._explorer`` (the controls, the
figure and the pixels of a state), ``widgets._live`` (the ipywidgets UI),
``widgets._static`` (the encoded frames and the HTML, with the page script
``_assets/explorer.js``) and ``widgets._legend``; then one module per
explorer.
"""

from ._explorer import CSS_PX_PER_INCH, STATIC_ENV, Control, Explorer, static_mode
from .grid import GridExplorer
from .origin import OriginFlipExplorer
from .resize import ResizeExplorer
from .roi import RoIAlignExplorer

__all__ = [
    "CSS_PX_PER_INCH",
    "STATIC_ENV",
    "Control",
    "Explorer",
    "static_mode",
    "GridExplorer",
    "OriginFlipExplorer",
    "RoIAlignExplorer",
    "ResizeExplorer",
]
