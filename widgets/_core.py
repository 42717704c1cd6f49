"""The Explorer base class: one figure, a declared grid of control values, two renderings.

An explorer is a matplotlib figure whose content depends on a few discrete
controls (a number of pixels, a convention, a scale factor ...). Subclasses
declare the controls and implement two methods:

* :meth:`Explorer.setup` builds the figure's axes and the artists that never
  change;
* :meth:`Explorer.render` updates the artists for a state (a dict mapping
  each control's name to one of its declared values) *in place*.

From that, the base class provides

* a **live UI** for a running kernel (Jupyter, Colab, Binder, nbmake): one
  ipywidgets control per control and one ``Image`` widget whose bytes are
  replaced on every change, so the output never stacks figures. ipywidgets
  is imported only there, and only classes present in both 7.6+ (Colab ships
  7.7) and 8 are used;
* a **static rendering** for the website (no kernel): every combination of
  the controls' *static* values is rendered once and stored as a *base*
  plus a *delta*: frames are grouped by the value of one control (the one
  that makes the groups' frames most alike), each group's base is its
  per-pixel most common image (full colour), and each frame keeps only the
  pixels where it differs from its base, reduced to a small palette of its
  own (the rest transparent). Both are lossless images (WebP by default,
  PNG on request); the page shows the base as the background of the frame's
  box and the delta as the ``<img>`` over it. The page gets
  self-contained HTML — the controls as HTML inputs, the images as inline
  ``data:`` URIs, a few lines of inline JavaScript that swap them. No CDN, no
  network request. Identical bases and deltas are stored once.

Which one a notebook line such as ``GridExplorer()`` displays is decided by
the environment variable :data:`STATIC_ENV` (set by ``make book``): when it
is ``1`` the explorer displays only ``text/html`` (the static version);
otherwise it displays the live ipywidgets UI.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import numbers
import os
import warnings
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["STATIC_ENV", "Control", "Explorer", "static_mode"]

#: Environment variable that switches every explorer to its static rendering.
STATIC_ENV = "PIXELVIZ_STATIC_WIDGETS"


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
        Every value the live UI offers, in display order. Numbers make a
        slider, strings a dropdown or toggle buttons, ``(False, True)`` a
        checkbox.
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
        floats as ``%g``).
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
        object.__setattr__(self, "values", tuple(self.values))
        if not self.values:
            raise ValueError(f"values of control {self.name!r} must not be empty; got {self.values!r}")
        if self.static_values is not None:
            object.__setattr__(self, "static_values", tuple(self.static_values))
            for v in self.static_values:
                self.index(v)  # each must be a declared value
        self.index(self.default)

    @property
    def kind(self) -> str:
        """``"toggle"`` (booleans), ``"slider"`` (numbers) or ``"choice"`` (anything else)."""
        if all(isinstance(v, bool) for v in self.values):
            return "toggle"
        if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in self.values):
            return "slider"
        return "choice"

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
        if kind == "slider" and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
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

    Subclasses set :attr:`controls` (a tuple of :class:`Control`) and
    :attr:`figsize`, and implement :meth:`setup` and :meth:`render`.

    Parameters
    ----------
    **state
        Initial control values by name, e.g. ``GridExplorer(n=5)``; each must
        be one of the control's declared values.

    Attributes
    ----------
    fig : matplotlib Figure
        The one figure of this explorer (not attached to pyplot, so the
        inline backend never displays a stray copy).
    state : dict
        The current control values.
    """

    controls: tuple[Control, ...] = ()
    figsize: tuple[float, float] = (7.5, 2.0)
    dpi: int = 100
    #: Palette size of the static frames, one palette shared by all of them (line drawings need few colours).
    static_colors: int = 64
    #: Encoding of the static frames: ``"webp"`` (lossless WebP, the smallest) or ``"png"`` (palette PNG);
    #: both lossless, with transparency for the deltas.
    static_format: str = "webp"
    #: A static frame shows its base's (quantized) pixel where no channel differs from the frame's by more
    #: than this (0..255); elsewhere the frame's own pixel, quantized with a palette of its own.
    static_tolerance: int = 1

    def __init__(self, **state: Any):
        self._by_name = {c.name: c for c in self.controls}
        self.state = {c.name: c.default for c in self.controls}
        self.state.update(self._validate(state))
        self.fig = Figure(figsize=self.figsize, dpi=self.dpi)
        FigureCanvasAgg(self.fig)
        self._dynamic: dict[str, list] = {}
        self._animated: list = []
        self._backgrounds: dict = {}
        self.setup(self.fig)
        self.render(dict(self.state))
        self._ui = None

    # -- to implement ---------------------------------------------------------
    def setup(self, fig: Figure) -> None:  # pragma: no cover - abstract
        """Create the axes and the artists that do not depend on the state."""
        raise NotImplementedError

    def render(self, state: dict) -> None:  # pragma: no cover - abstract
        """Update the figure's artists for ``state`` (every control's value) in place."""
        raise NotImplementedError

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

    def describe(self, state: dict) -> str:
        """One line naming the state, used as the frame's alt text."""
        return ", ".join(f"{c.text} {c.fmt(state[c.name])}" for c in self.controls)

    # -- state ------------------------------------------------------------------
    def _validate(self, changes: dict) -> dict:
        out = {}
        for name, value in changes.items():
            control = self._by_name.get(name)
            if control is None:
                raise TypeError(f"{type(self).__name__} has no control {name!r}; "
                                f"its controls are {list(self._by_name)}")
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
        self.render(dict(self.state))
        if self._ui is not None:
            self._sync_ui()
        return self

    def static_grid(self, state: dict | None = None) -> list[tuple]:
        """Per control, the values pre-rendered for the site: its static values, plus the value in
        ``state`` (default: the current state) when that is not among them, in declared order.

        So ``ResizeExplorer(n=5)`` shows ``n = 5`` on the site even though the
        default static grid has only ``n = 4``.
        """
        s = self.state if state is None else state
        return [c.static if s[c.name] in c.static else tuple(v for v in c.values if v in c.static or v == s[c.name])
                for c in self.controls]

    def combinations(self, *, static: bool = True) -> Iterator[dict]:
        """Every state of the grid (:meth:`static_grid` by default, else all values), last control fastest."""
        names = [c.name for c in self.controls]
        grids = self.static_grid() if static else [c.values for c in self.controls]
        for combo in itertools.product(*grids):
            yield dict(zip(names, combo))

    # -- pixels -----------------------------------------------------------------
    def draw(self) -> None:
        """Draw the figure into its Agg buffer, reusing a cached background when possible."""
        canvas = self.fig.canvas
        key = self.background_key(self.state)
        background = None if key is None else self._backgrounds.get(key)
        if background is None:
            canvas.draw()  # skips animated artists (except images, which are redrawn below anyway)
            if key is not None:
                if len(self._backgrounds) >= 16:  # a few MB each: keep the most recent ones
                    self._backgrounds.pop(next(iter(self._backgrounds)))
                self._backgrounds[key] = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(background)
        axes_order = {ax: k for k, ax in enumerate(self.fig.axes)}
        animated = [a for a in self._animated + [a for group in self._dynamic.values() for a in group]
                    if a.get_visible() and (a.axes is None or a.axes.get_visible())]
        animated.sort(key=lambda a: (axes_order.get(a.axes, len(axes_order)), a.get_zorder()))
        for artist in animated:
            self.fig.draw_artist(artist)

    def rgba(self) -> np.ndarray:
        """The figure as drawn now, an ``(H, W, 4)`` uint8 array (for tests)."""
        self.draw()
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()

    def frame_png(self) -> bytes:
        """The figure as fast full-colour PNG bytes (the live UI's frame)."""
        from PIL import Image

        self.draw()
        image = Image.fromarray(np.asarray(self.fig.canvas.buffer_rgba())[..., :3])
        buf = io.BytesIO()
        image.save(buf, "PNG", compress_level=1)
        return buf.getvalue()

    @staticmethod
    def _quantize(pixels: np.ndarray, colors: int) -> tuple[np.ndarray, np.ndarray]:
        """``pixels`` ((N, 3) uint8) reduced to their ``colors`` most frequent exact colours.

        Every other pixel (antialiased edges) takes the nearest of those, so
        flat fills, lines and the white page keep their exact colour: a filled
        region looks the same whether a frame or its base draws it. Returns
        ``(indices, palette)``: (N,) uint8 and (K, 3) uint8 with ``K <= colors``.
        """
        keys = pixels[:, 0].astype(np.uint32) << 16 | pixels[:, 1].astype(np.uint32) << 8 | pixels[:, 2]
        values, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        rgb = np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=-1).astype(np.int32)
        # half the palette: the most frequent colours; the other half, one at a time, the colour worst served
        # so far (squared distance to the palette, weighted by log frequency: black text among grey fills)
        chosen = list(np.argsort(-counts, kind="stable")[: max(1, colors // 2)])
        dist = (((rgb[:, None, :] - rgb[chosen][None]) ** 2).sum(axis=-1)).min(axis=1) if len(values) <= 65536 \
            else None
        if dist is not None:
            weight = np.log1p(counts)
            while len(chosen) < min(colors, len(values)):
                k = int((dist * weight).argmax())
                if dist[k] == 0:
                    break
                chosen.append(k)
                dist = np.minimum(dist, ((rgb - rgb[k]) ** 2).sum(axis=-1))
        palette = rgb[np.array(chosen)]
        # each distinct colour -> the nearest kept one (a few thousand x at most `colors` distances)
        nearest = np.empty(len(values), np.uint8)
        for lo in range(0, len(values), 4096):
            chunk = rgb[lo:lo + 4096]
            nearest[lo:lo + 4096] = (((chunk[:, None, :] - palette[None]) ** 2).sum(axis=-1)).argmin(axis=1)
        return nearest[inverse.reshape(-1)], palette.astype(np.uint8)

    def _encode(self, rgb: np.ndarray, keep: np.ndarray | None = None, colors: int | None = None
                ) -> tuple[bytes, np.ndarray]:
        """Lossless bytes of ``rgb`` ((H, W, 3) uint8) quantized by :meth:`_quantize`, and the pixels they show.

        Pixels where ``keep`` ((H, W) bool) is False are transparent, and the
        palette (``colors`` entries, default :attr:`static_colors`; ``0``: no
        quantization) is fitted to the kept pixels only. Returns ``(bytes, shown)``,
        ``shown`` the (H, W, 3) uint8 colours of the encoded image (0 where transparent).
        """
        from PIL import Image

        if keep is None:
            keep = np.ones(rgb.shape[:2], bool)
        if colors == 0:  # full colour: every colour its own palette entry
            palette, idx = np.unique(rgb[keep].reshape(-1, 3), axis=0, return_inverse=True)
            idx = idx.reshape(-1)
        elif keep.any():
            idx, palette = self._quantize(rgb[keep], colors or self.static_colors)
        else:
            idx, palette = np.zeros(0, np.uint8), np.full((1, 3), 255, np.uint8)
        buf = io.BytesIO()
        shown = np.zeros_like(rgb)
        shown[keep] = palette[idx]
        if self.static_format == "webp":
            rgba = np.zeros(rgb.shape[:2] + (4,), np.uint8)
            rgba[keep, :3] = palette[idx]
            rgba[keep, 3] = 255
            Image.fromarray(rgba, "RGBA").save(buf, "WEBP", lossless=True, quality=100, method=4)
        elif self.static_format == "png" and len(palette) > 255:
            rgba = np.zeros(rgb.shape[:2] + (4,), np.uint8)
            rgba[keep, :3] = palette[idx]
            rgba[keep, 3] = 255
            Image.fromarray(rgba if not keep.all() else rgba[..., :3].copy()).save(buf, "PNG", optimize=True)
        elif self.static_format == "png":
            n = len(palette)
            indices = np.full(rgb.shape[:2], n, np.uint8)
            indices[keep] = idx
            image = Image.fromarray(indices, "P")
            image.putpalette(palette.ravel().tolist() + [255, 255, 255])
            image.save(buf, "PNG", optimize=True, **({} if keep.all() else {"transparency": n}))
        else:
            raise ValueError(f"static_format must be 'png' or 'webp'; got {self.static_format!r}")
        return buf.getvalue(), shown

    @staticmethod
    def _base(keys: np.ndarray, samples: int = 9) -> np.ndarray:
        """Per pixel, the most common of ``keys`` ((G, P) packed RGB) over up to ``samples`` evenly spread frames."""
        picks = keys[np.unique(np.linspace(0, len(keys) - 1, min(samples, len(keys))).round().astype(int))]
        counts = (picks[:, None, :] == picks[None, :, :]).sum(axis=1)  # (S, P): how often each sample's value occurs
        return picks[counts.argmax(axis=0), np.arange(keys.shape[1])]

    def _choose_groups(self, keys: np.ndarray, states: list[dict]) -> list[list[int]]:
        """Frames grouped by the control (or none) whose groups' bases leave the fewest differing pixels.

        ``keys``: (F, P) packed RGB of every frame. Each group costs a full
        base image, counted as a fifth of a frame's pixels (once compressed, a
        delta pixel costs several times a base pixel).
        """
        candidates: list[list[list[int]]] = [[list(range(len(states)))]]
        for c in self.controls:
            by_value: dict[int, list[int]] = {}
            for k, state in enumerate(states):
                by_value.setdefault(c.index(state[c.name]), []).append(k)
            if len(by_value) > 1:
                candidates.append(list(by_value.values()))
        best, best_cost = candidates[0], None
        for groups in candidates:
            cost = len(groups) * keys.shape[1] // 5
            for ks in groups:
                cost += int((keys[ks] != self._base(keys[ks])).sum())
            if best_cost is None or cost < best_cost:
                best, best_cost = groups, cost
        return best

    # -- static rendering -------------------------------------------------------
    def to_html(self) -> str:
        """Self-contained HTML: every static combination pre-rendered, inline JS to switch.

        The state is restored afterwards. The JSON payload holds ``bases`` and
        ``frames`` (base64 images) and, per combination (mixed radix over
        :meth:`static_grid`, last control fastest), ``base`` and ``index``:
        which base is the background and which frame (the pixels that differ
        from it, the rest transparent) is drawn over it. Identical images are
        stored once.
        """
        saved = dict(self.state)
        grid = self.static_grid(saved)
        states = list(self.combinations(static=True))
        pixels = []
        try:
            for state in states:
                self.state = dict(state)
                self.render(dict(state))
                self.draw()
                pixels.append(np.asarray(self.fig.canvas.buffer_rgba())[..., :3].copy())
        finally:
            self.state = saved
            self.render(dict(saved))
        shape = pixels[0].shape
        keys = np.stack([(p[..., 0].astype(np.uint32) << 16 | p[..., 1].astype(np.uint32) << 8 | p[..., 2]).ravel()
                         for p in pixels])  # (F, P) packed RGB: exact comparisons, a third of the memory
        del pixels

        def unpack(k: np.ndarray) -> np.ndarray:
            return np.stack([(k >> 16) & 255, (k >> 8) & 255, k & 255], axis=-1).astype(np.uint8).reshape(shape)

        def store(data: bytes, table: list[str], seen: dict[bytes, int]) -> int:
            if data not in seen:
                seen[data] = len(table)
                table.append(base64.b64encode(data).decode("ascii"))
            return seen[data]

        bases: list[str] = []
        frames: list[str] = []
        seen_bases: dict[bytes, int] = {}
        seen_frames: dict[bytes, int] = {}
        base_of = [0] * len(states)
        index = [0] * len(states)
        for ks in self._choose_groups(keys, states):
            # a base is stored once per group, in full colour, so what it shows is the rendered pixels
            data, shown = self._encode(unpack(self._base(keys[ks])), colors=0)
            b = store(data, bases, seen_bases)
            shown = shown.astype(np.int16)
            for k in ks:
                base_of[k] = b
                # where the base as shown is within static_tolerance of the frame, the frame is transparent
                rgb = unpack(keys[k])
                keep = np.abs(rgb.astype(np.int16) - shown).max(axis=-1) > self.static_tolerance
                index[k] = store(self._encode(rgb, keep)[0], frames, seen_frames)
        alts = [self.describe(state) for state in states]
        mime = f"image/{self.static_format}"
        start = 0
        for values, c in zip(grid, self.controls):
            start = start * len(values) + values.index(saved[c.name])
        return _STATIC_TEMPLATE.format(
            name=html.escape(type(self).__name__),
            controls="\n".join(self._control_html(c, values, saved) for c, values in zip(self.controls, grid)),
            width=int(round(self.figsize[0] * self.dpi)),
            first=frames[index[start]],
            first_base=bases[base_of[start]],
            mime=mime,
            alt=html.escape(alts[start]),
            sizes=json.dumps([len(values) for values in grid]),
            frames=json.dumps(frames),
            bases=json.dumps(bases),
            index=json.dumps(index),
            base=json.dumps(base_of),
            alts=json.dumps(alts),
            css=_STATIC_CSS,
            js=_STATIC_JS,
        )

    def _control_html(self, c: Control, static: tuple, state: dict) -> str:
        k = static.index(state[c.name])
        label = html.escape(c.text)
        if len(static) == 1:
            return (f'<span class="pv-ctl pv-fixed">{label}: <b>{html.escape(c.fmt(static[0]))}</b>'
                    f'<input type="hidden" data-pv="{html.escape(c.name)}" value="0"></span>')
        if c.kind == "slider":
            labels = json.dumps([c.fmt(v) for v in static])
            return (f'<label class="pv-ctl">{label} <input type="range" data-pv="{html.escape(c.name)}" '
                    f'min="0" max="{len(static) - 1}" step="1" value="{k}" '
                    f"data-labels='{html.escape(labels)}'> <output>{html.escape(c.fmt(static[k]))}</output></label>")
        options = "".join(f'<option value="{j}"{" selected" if j == k else ""}>{html.escape(c.fmt(v))}</option>'
                          for j, v in enumerate(static))
        return (f'<label class="pv-ctl">{label} <select data-pv="{html.escape(c.name)}">{options}</select></label>')

    # -- live UI ----------------------------------------------------------------
    def widget(self):
        """The live ipywidgets UI (created once): the controls above one ``Image``.

        Works with ipywidgets 7.6+ and 8: it uses only ``SelectionSlider``,
        ``Dropdown``, ``ToggleButtons``, ``Checkbox``, ``Image``, ``HBox`` and
        ``VBox``, whose ``value``/``options`` API is the same in both.
        """
        if self._ui is not None:
            return self._ui
        import ipywidgets as w  # lazily: pixelviz and the static site never need it

        self._inputs = {}
        for c in self.controls:
            common = dict(description=c.text, style={"description_width": "initial"})
            if c.kind == "toggle":
                widget = w.Checkbox(value=bool(self.state[c.name]), indent=False, **common)
            elif c.kind == "slider":
                widget = w.SelectionSlider(options=[(c.fmt(v), v) for v in c.values],
                                           value=self.state[c.name], continuous_update=False, **common)
            elif len(c.values) <= 4:
                widget = w.ToggleButtons(options=[(c.fmt(v), v) for v in c.values],
                                         value=self.state[c.name], **common)
            else:
                widget = w.Dropdown(options=[(c.fmt(v), v) for v in c.values],
                                    value=self.state[c.name], **common)
            widget.observe(self._on_change(c.name), names="value")
            self._inputs[c.name] = widget
        self._image = w.Image(value=self.frame_png(), format="png")
        self._ui = w.VBox([w.HBox(list(self._inputs.values()), layout=w.Layout(flex_flow="row wrap")),
                           self._image])
        return self._ui

    def _on_change(self, name: str):
        def handler(change):
            if self.state[name] == change["new"]:
                return
            self.state[name] = self._by_name[name].canonical(change["new"])
            self.render(dict(self.state))
            self._image.value = self.frame_png()
        return handler

    def _sync_ui(self) -> None:
        for name, widget in self._inputs.items():
            if widget.value != self.state[name]:
                widget.value = self.state[name]
        self._image.value = self.frame_png()

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
            warnings.warn("ipywidgets is not installed: showing the pre-rendered explorer "
                          "(pip install 'ipywidgets>=7.6' for the live one)", stacklevel=2)
            display({"text/html": self.to_html()}, raw=True)
            return
        display(ui)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.state.items())
        return f"{type(self).__name__}({args})"


_STATIC_CSS = (".pv-explorer{border:1px solid #ddd;border-radius:6px;padding:.5em;margin:.5em 0;max-width:100%}"
               ".pv-explorer .pv-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;font-size:.9em;"
               "margin-bottom:.4em;align-items:center}"
               ".pv-explorer .pv-ctl{white-space:nowrap}"
               ".pv-explorer input[type=range]{vertical-align:middle;width:9em}"
               ".pv-explorer output{display:inline-block;min-width:2.5em;font-weight:bold}"
               ".pv-explorer .pv-view{display:inline-block;max-width:100%;line-height:0;"
               "background-size:100% 100%;background-repeat:no-repeat}"
               ".pv-explorer img{max-width:100%;height:auto;display:block}")

# Swap the frame when a control moves: position = mixed radix over the controls; the base image is the
# background of the frame's box, the frame (its differing pixels, the rest transparent) the <img> over it.
_STATIC_JS = ("(function(){var s=document.currentScript,root=s.parentNode,"
              "d=JSON.parse(root.querySelector('script[type=\"application/json\"]').textContent),"
              "img=root.querySelector('img.pv-frame'),view=root.querySelector('.pv-view'),"
              "ins=root.querySelectorAll('[data-pv]'),shown=-1;"
              "function show(){var p=0;ins.forEach(function(el,k){p=p*d.sizes[k]+(+el.value);"
              "if(el.type==='range'){el.nextElementSibling.textContent=JSON.parse(el.dataset.labels)[+el.value];}});"
              "var b=d.base[p];if(b!==shown){shown=b;"
              "view.style.backgroundImage='url(data:'+d.mime+';base64,'+d.bases[b]+')';}"
              "img.src='data:'+d.mime+';base64,'+d.frames[d.index[p]];img.alt=d.alts[p];"
              "root.dataset.state=p;}"
              "ins.forEach(function(el){el.addEventListener('input',show);el.addEventListener('change',show);});"
              "})();")

_STATIC_TEMPLATE = """<div class="pv-explorer" data-explorer="{name}">
<style>{css}</style>
<form class="pv-controls" onsubmit="return false">
{controls}
</form>
<div class="pv-view" style="background-image:url(data:{mime};base64,{first_base})"><img class="pv-frame" width="{width}" src="data:{mime};base64,{first}" alt="{alt}"></div>
<script type="application/json">{{"mime": "{mime}", "sizes": {sizes}, "index": {index}, "base": {base}, "alts": {alts}, "bases": {bases}, "frames": {frames}}}</script>
<script>{js}</script>
</div>"""
