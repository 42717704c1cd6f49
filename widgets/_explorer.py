"""Explorer state and drawing: the controls, the one figure, and the pixels of a state.

An explorer is a matplotlib figure whose content depends on a few discrete
controls (a number of pixels, a convention, a scale factor ...). Subclasses
declare the controls and implement two methods:

* :meth:`Explorer.setup` builds the figure's axes and the artists that never
  change;
* :meth:`Explorer.render` updates the artists for a state (a dict mapping
  each control's name to one of its declared values) *in place*.

This module knows nothing about how the figure reaches a reader. Two other
modules do, each through :meth:`Explorer.rgba`-style access to the pixels:

* ``widgets._live`` — the ipywidgets UI of a running kernel
  (:meth:`Explorer.widget`);
* ``widgets._static`` — the self-contained HTML of the static website
  (:meth:`Explorer.to_html`).

Which one a notebook line such as ``GridExplorer()`` displays is decided by
the environment variable :data:`STATIC_ENV` (set by ``make book``): when it
is ``1`` the explorer displays only ``text/html`` (the static version);
otherwise it displays the live ipywidgets UI.

**Size.** An explorer is drawn for a known CSS width (:attr:`Explorer.css_width`,
which fits the book's text column at 1280 px), one inch of figure per 100 CSS
pixels, at :attr:`Explorer.density` device pixels per CSS pixel. A font of
``p`` points is then ``p * 100 / 72`` CSS pixels on the page whatever the
density: the 8 pt minimum of the explorers is 11.1 CSS px.
"""

from __future__ import annotations

import itertools
import numbers
import os
import warnings
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pixelviz.plot import book_style

__all__ = ["STATIC_ENV", "CSS_PX_PER_INCH", "Control", "Explorer", "static_mode"]

#: Environment variable that switches every explorer to its static rendering.
STATIC_ENV = "PIXELVIZ_STATIC_WIDGETS"

#: CSS pixels per inch of an explorer's figure: its figure width in inches is ``css_width / 100``.
CSS_PX_PER_INCH = 100


def static_mode() -> bool:
    """True when explorers should display their static HTML (``PIXELVIZ_STATIC_WIDGETS=1``)."""
    return os.environ.get(STATIC_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _default_fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class Control:
    """One control of an explorer: a name and the discrete values it may take.

    Parameters
    ----------
    name : str
        Keyword used in ``Explorer(name=value)`` and in the state dict.
    values : sequence
        Every value the live UI offers, in display order. Three or more
        numbers make a slider; two values of any kind (``(False, True)``,
        ``("1D", "2D")``, ``(1, 2)``) and up to four names make toggle
        buttons; more names a dropdown.
    default : Any
        Initial value; must be one of ``values``.
    label : str
        Text shown next to the control (defaults to ``name``).
    static_values : sequence, optional
        The subset of ``values`` pre-rendered for the static website (defaults
        to all of them). The static frame count is the product of these
        lengths over all controls, so this is how an explorer fits its page
        budget.
    fmt : callable, optional
        Turns a value into the text shown for it (default: ``str``, with
        floats as ``%g`` and booleans as ``on``/``off``).
    parse : callable, optional
        Turns a user's spelling into a value before it is checked (e.g.
        :func:`pixelviz.parse_convention`, so ``"②"`` selects ``half_pixel``);
        it raises its own ``TypeError``/``ValueError`` for bad input.
    """

    name: str
    values: tuple
    default: Any
    label: str = ""
    static_values: tuple | None = None
    fmt: Callable[[Any], str] = _default_fmt
    parse: Callable[[Any], Any] | None = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise TypeError(f"name must be a Python identifier (str); got {self.name!r}")
        object.__setattr__(self, "values", self._check_values("values", self.values))
        if not self.values:
            raise ValueError(f"values of control {self.name!r} must not be empty; got {self.values!r}")
        if not isinstance(self.label, str):
            raise TypeError(f"label must be a str; got {self.label!r}")
        for arg in ("fmt", "parse"):
            fn = getattr(self, arg)
            if not callable(fn) and not (arg == "parse" and fn is None):
                raise TypeError(f"{arg} must be a callable; got {fn!r}")
        if self.static_values is not None:
            static = self._check_values("static_values", self.static_values)
            object.__setattr__(self, "static_values", static)
            for v in static:
                self._declared("static_values", v)
        self._declared("default", self.default)

    def _check_values(self, arg: str, values: Any) -> tuple:
        """``values`` as a tuple of one kind (all booleans, all numbers, or all hashable names)."""
        if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple, range, np.ndarray)):
            raise TypeError(f"{arg} of control {self.name!r} must be a list or tuple of values; got {values!r}")
        values = tuple(values)
        for v in values:
            if isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and not np.isfinite(float(v)):
                raise ValueError(f"{arg} of control {self.name!r} must hold finite numbers; got {v!r}")
            if not isinstance(v, (bool, np.bool_, numbers.Real, str)):
                raise TypeError(f"{arg} of control {self.name!r} must hold booleans, numbers or names; got {v!r}")
        return values

    def _declared(self, arg: str, value: Any) -> None:
        """Raise naming ``arg`` unless ``value`` is one of :attr:`values`."""
        try:
            self.index(value)
        except (TypeError, ValueError) as err:
            raise type(err)(f"{arg} of control {self.name!r}: {err}") from None

    @property
    def kind(self) -> str:
        """``"toggle"`` (booleans), ``"slider"`` (numbers) or ``"choice"`` (anything else): the value type."""
        if all(isinstance(v, (bool, np.bool_)) for v in self.values):
            return "toggle"
        if all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in self.values):
            return "slider"
        return "choice"

    def widget_kind(self, values: tuple | None = None) -> str:
        """How ``values`` (default: all of them) are offered: ``"slider"``, ``"buttons"`` or ``"dropdown"``.

        A slider needs three or more numbers; two values of any kind, and up
        to four names, are toggle buttons (a two-position slider hides its
        other value); longer lists of names are a dropdown.
        """
        values = self.values if values is None else values
        if self.kind == "slider" and len(values) >= 3:
            return "slider"
        if len(values) <= 2 or (self.kind != "slider" and len(values) <= 4):
            return "buttons"
        return "dropdown"

    @property
    def text(self) -> str:
        return self.label or self.name

    @property
    def static(self) -> tuple:
        """Values pre-rendered for the static site."""
        return self.values if self.static_values is None else self.static_values

    def index(self, value: Any) -> int:
        """Position of ``value`` in :attr:`values`, or raise a clear ``ValueError``/``TypeError``."""
        kind = self.kind
        if kind == "slider" and (isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real)):
            raise TypeError(f"{self.name} must be a number, one of {list(self.values)}; got {value!r}")
        if kind == "toggle" and not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{self.name} must be True or False; got {value!r}")
        for k, v in enumerate(self.values):
            if kind == "slider":
                if np.isclose(float(v), float(value), rtol=0, atol=1e-9):
                    return k
            elif v == value:
                return k
        raise ValueError(f"{self.name} must be one of {list(self.values)}; got {value!r}")

    def canonical(self, value: Any) -> Any:
        """The declared value equal to ``value`` (e.g. ``2`` → ``2.0`` for a float control)."""
        if self.parse is not None:
            value = self.parse(value)
        return self.values[self.index(value)]


class Explorer:
    """Base class of every explorer; see the module docstring.

    Subclasses set :attr:`controls` (a tuple of :class:`Control`),
    :attr:`css_width` and :attr:`height` and implement :meth:`setup` and
    :meth:`render`; :meth:`legend` says what the marks mean.

    Parameters
    ----------
    **state
        Initial control values by name, e.g. ``GridExplorer(n=5)``; each must
        be one of the control's declared values.

    Attributes
    ----------
    fig : matplotlib Figure
        The one figure of this explorer (not attached to pyplot, so the
        inline backend never displays a stray copy); ``css_width / 100``
        inches wide.
    state : dict
        The current control values.
    """

    controls: tuple[Control, ...] = ()
    #: Width in CSS pixels the explorer is drawn for (the book's column at 1280 px leaves 670 inside the box).
    css_width: int = 660
    #: Height in CSS pixels.
    height: int = 200
    #: Device pixels per CSS pixel of the rendered frames: 2 is sharp on HiDPI screens (and when a phone
    #: reader zooms in); the static site's bytes grow with it.
    density: float = 2.0
    #: Device pixels per CSS pixel of the live UI's frames: 1 keeps an update within tens of milliseconds.
    live_density: float = 1.0
    #: Palette size of a static frame's changed pixels (``0``: every colour kept exactly).
    static_colors: int = 0
    #: Encoding of the static frames: ``"webp"`` (lossless WebP, the smallest) or ``"png"``; both lossless.
    static_format: str = "webp"
    #: The control whose value picks a static frame's base (frames sharing it share a base); ``None``: one base.
    static_group_by: str | None = None

    def __init__(self, **state: Any):
        self._by_name = {c.name: c for c in self.controls}
        self.state = {c.name: c.default for c in self.controls}
        self.state.update(self._validate(state))
        self.fig = Figure(figsize=self.figsize, dpi=self.dpi)
        FigureCanvasAgg(self.fig)
        self._dynamic: dict[str, list] = {}
        self._animated: list = []
        self._backgrounds: dict = {}
        with book_style():
            self.setup(self.fig)
            self.render(dict(self.state))
        self._live = None
        self._last_text: list[tuple[float, str]] = []

    @property
    def figsize(self) -> tuple[float, float]:
        """Figure size in inches: one inch per :data:`CSS_PX_PER_INCH` CSS pixels."""
        return (self.css_width / CSS_PX_PER_INCH, self.height / CSS_PX_PER_INCH)

    @property
    def dpi(self) -> float:
        """Figure resolution of the static frames: :attr:`density` device pixels per CSS pixel."""
        return CSS_PX_PER_INCH * self.density

    def use_density(self, density: float) -> None:
        """Draw from now on at ``density`` device pixels per CSS pixel (the layout in CSS pixels is unchanged)."""
        dpi = CSS_PX_PER_INCH * density
        if self.fig.dpi != dpi:
            self.fig.set_dpi(dpi)
            self._backgrounds.clear()  # cached pixels of the other resolution

    # -- to implement ---------------------------------------------------------
    def setup(self, fig: Figure) -> None:  # pragma: no cover - abstract
        """Create the axes and the artists that do not depend on the state."""
        raise NotImplementedError

    def render(self, state: dict) -> None:  # pragma: no cover - abstract
        """Update the figure's artists for ``state`` (every control's value) in place."""
        raise NotImplementedError

    def legend(self) -> list[tuple[str, str, str]]:
        """What the marks mean: ``(swatch, colour, text)`` items shown under the frame.

        ``swatch`` is one of ``widgets._legend.SWATCHES`` (``"dot"``,
        ``"ring"``, ``"square"``, ``"line"``, ...), ``colour`` a CSS or
        matplotlib colour. Default: no legend.
        """
        return []

    def background_key(self, state: dict) -> Hashable | None:
        """What the non-animated part of the figure depends on; ``None`` (default) disables blitting.

        Explorers that mark the artists :meth:`render` changes as animated
        (with :meth:`dynamic` or :meth:`animate`) return a key here that
        changes whenever anything else must be redrawn (axis limits, ticks,
        titles drawn in the background). Frames with the same key reuse the
        background pixels and only the animated artists are drawn, which is
        what keeps a live update within a few tens of milliseconds.
        """
        return None

    def dynamic(self, key: str, artists: list) -> list:
        """Replace the artists drawn under ``key`` last time by ``artists`` (removed, then animated)."""
        for artist in self._dynamic.get(key, []):
            artist.remove()
        for artist in artists:
            artist.set_animated(True)
        self._dynamic[key] = list(artists)
        return artists

    def animate(self, *artists) -> None:
        """Mark long-lived artists that :meth:`render` updates (``set_data``, ``set_text``) as animated."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)

    def caption(self, state: dict) -> str:
        """A line of page text over the frame for ``state`` (what it shows, in words); default none.

        Text that changes with every state costs frame bytes when it is drawn
        into the figure, and is small on a phone: an explorer says it here
        instead, where it wraps and takes the reader's font size.
        """
        return ""

    def describe(self, state: dict) -> str:
        """One line naming the state, used as the frame's alt text."""
        return ", ".join(f"{c.text} {c.fmt(state[c.name])}" for c in self.controls)

    # -- state ------------------------------------------------------------------
    def _validate(self, changes: dict) -> dict:
        out = {}
        for name, value in changes.items():
            control = self._by_name.get(name)
            if control is None:
                raise TypeError(
                    f"{type(self).__name__} has no control {name!r}; its controls are {list(self._by_name)}"
                )
            out[name] = control.canonical(value)
        return out

    def set(self, **changes: Any) -> Explorer:
        """Change some controls and redraw in place; returns ``self``.

        Raises
        ------
        TypeError, ValueError
            For an unknown control or a value that is not one of its declared
            values (nothing is changed then).
        """
        changes = self._validate(changes)
        self.state.update(changes)
        self.redraw()
        if self._live is not None:
            self._live.sync()
        return self

    def redraw(self) -> None:
        """:meth:`render` the current state, in the book's style (so a frame never depends on the caller's rcParams)."""
        with book_style():
            self.render(dict(self.state))

    def static_grid(self, state: dict | None = None) -> list[tuple]:
        """Per control, the values pre-rendered for the site: its static values, plus the value in
        ``state`` (default: the current state) when that is not among them, in declared order.

        So ``ResizeExplorer(n=6)`` shows ``n = 6`` on the site even though the
        default static grid does not have it.
        """
        s = self.state if state is None else state
        return [
            c.static if s[c.name] in c.static else tuple(v for v in c.values if v in c.static or v == s[c.name])
            for c in self.controls
        ]

    def combinations(self, *, static: bool = True) -> Iterator[dict]:
        """Every state of the grid (:meth:`static_grid` by default, else all values), last control fastest."""
        names = [c.name for c in self.controls]
        grids = self.static_grid() if static else [c.values for c in self.controls]
        for combo in itertools.product(*grids):
            yield dict(zip(names, combo))

    # -- pixels -----------------------------------------------------------------
    def draw(self) -> None:
        """Draw the figure into its Agg buffer, reusing a cached background when possible.

        Records the font size of every text drawn (see :meth:`text_sizes`).
        """
        canvas = self.fig.canvas
        renderer = canvas.get_renderer()
        drawn: list[tuple[float, str]] = []
        original = renderer.draw_text

        def watched(gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if s.strip():
                drawn.append((float(prop.get_size_in_points()), s))
            return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

        renderer.draw_text = watched  # an instance attribute over the class's method, removed below
        try:
            with book_style():
                self._draw(canvas, drawn)
        finally:
            del renderer.draw_text
        self._last_text = drawn

    def _draw(self, canvas, drawn: list) -> None:
        """The drawing of :meth:`draw`: background (drawn or restored), then the animated artists."""
        key = self.background_key(self.state)
        cached = None if key is None else self._backgrounds.get(key)
        if cached is None:
            canvas.draw()  # skips animated artists (except images, which are redrawn below anyway)
            if key is not None:
                if len(self._backgrounds) >= 16:  # a few MB each: keep the most recent ones
                    self._backgrounds.pop(next(iter(self._backgrounds)))
                self._backgrounds[key] = (canvas.copy_from_bbox(self.fig.bbox), list(drawn))
        else:
            region, background_text = cached
            canvas.restore_region(region)
            drawn.extend(background_text)
        axes_order = {ax: k for k, ax in enumerate(self.fig.axes)}
        animated = [
            a
            for a in self._animated + [a for group in self._dynamic.values() for a in group]
            if a.get_visible() and (a.axes is None or a.axes.get_visible())
        ]
        animated.sort(key=lambda a: (axes_order.get(a.axes, len(axes_order)), a.get_zorder()))
        for artist in animated:
            self.fig.draw_artist(artist)

    def rgba(self) -> np.ndarray:
        """The figure as drawn now, an ``(H, W, 4)`` uint8 array (the true frame of the current state)."""
        self.draw()
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()

    def text_sizes(self) -> list[tuple[float, str]]:
        """``(points, text)`` of every non-blank text the current frame draws (titles, labels, ticks, numbers).

        Recorded by watching the Agg renderer's ``draw_text`` while the frame
        is drawn, so only what reaches the pixels counts: a tick label outside
        the axis limits, a hidden axes' text or an empty string does not.
        """
        self.draw()
        return list(self._last_text)

    def min_text_css_px(self) -> float:
        """The smallest text of the current frame in CSS pixels when shown :attr:`css_width` wide."""
        sizes = self.text_sizes()
        return min(points for points, _ in sizes) * CSS_PX_PER_INCH / 72 if sizes else float("inf")

    def frame_png(self) -> bytes:
        """The figure as fast full-colour PNG bytes (the live UI's frame)."""
        from pixelviz.backends.pillow_ops import encode_image

        self.draw()
        return encode_image(np.asarray(self.fig.canvas.buffer_rgba())[..., :3], "png", fast=True)

    # -- the two renderings -------------------------------------------------------
    def to_html(self) -> str:
        """Self-contained HTML for a page without a kernel (see ``widgets._static``)."""
        from ._static import static_html

        return static_html(self)

    def widget(self):
        """The live ipywidgets UI, created once (see ``widgets._live``)."""
        if self._live is None:
            from ._live import LiveUI

            self._live = LiveUI(self)
        return self._live.box

    # -- display ----------------------------------------------------------------
    def _repr_html_(self) -> str:
        return self.to_html()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if static_mode():
            display({"text/html": self.to_html()}, raw=True)
            return
        try:
            ui = self.widget()
        except ImportError:
            warnings.warn(
                "ipywidgets is not installed: showing the pre-rendered explorer "
                "(pip install 'ipywidgets>=7.6' for the live one)",
                stacklevel=2,
            )
            display({"text/html": self.to_html()}, raw=True)
            return
        display(ui)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.state.items())
        return f"{type(self).__name__}({args})"
