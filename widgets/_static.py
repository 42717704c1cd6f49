"""The static rendering of an explorer: its frames encoded as base + delta, and the self-contained HTML.

For a website without a kernel every combination of the controls' *static*
values (:meth:`Explorer.static_grid`) is rendered once, at the explorer's
native resolution, and stored as

* a **base** per group of frames (the frames sharing the value of
  :attr:`Explorer.static_group_by`, or all of them): per pixel, the most
  common colour over a few frames of the group, in full colour;
* a **delta** per frame: the pixels where the frame differs from its base,
  the rest transparent (by default every colour exact; an explorer may ask
  for a palette with :attr:`Explorer.static_colors`).

Both are lossless images (WebP, or PNG on request); identical ones are
stored once. The page (``_assets/explorer.js``) draws a frame's base and
delta into one canvas at native size and shows the finished frame as an
``<img>``, so the browser scales one image, as it would the frame pixelviz
rendered; it never lays the two layers over each other on screen.

The HTML holds the controls as HTML inputs, the images as inline ``data:``
URIs, the JSON payload, the stylesheet and the script (both read from this
package's ``_assets`` folder): no CDN, no network request.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from ._explorer import CSS_PX_PER_INCH

__all__ = ["asset", "static_html"]

#: How many frames of a group vote for its base's pixels.
_BASE_SAMPLES = 9


@cache
def asset(name: str) -> str:
    """The text of ``widgets/_assets/<name>`` (the page script and stylesheet), shipped as package data."""
    path = resources.files(__package__).joinpath("_assets", name)
    if not path.is_file():
        raise FileNotFoundError(
            f"widgets is installed without its asset {name!r} (looked in {path}); reinstall the package"
        )
    return path.read_text(encoding="utf-8")


def _pack(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 → (H, W) uint32 packed RGB (exact comparisons, a third of the memory of int compares)."""
    return rgb[..., 0].astype(np.uint32) << 16 | rgb[..., 1].astype(np.uint32) << 8 | rgb[..., 2]


def _unpack(keys: np.ndarray) -> np.ndarray:
    return np.stack([(keys >> 16) & 255, (keys >> 8) & 255, keys & 255], axis=-1).astype(np.uint8)


def _quantize(pixels: np.ndarray, colors: int) -> tuple[np.ndarray, np.ndarray]:
    """``pixels`` ((N, 3) uint8) reduced to their ``colors`` most frequent exact colours and the worst served.

    Half the palette is the most frequent colours (flat fills, lines and the
    page keep their exact colour); the other half is chosen one at a time as
    the colour worst served so far (squared distance weighted by log
    frequency: black text among grey fills). Every other pixel takes the
    nearest entry. Returns ``(indices, palette)``: (N,) uint8 and (K, 3)
    uint8 with ``K <= colors``.
    """
    keys = pixels[:, 0].astype(np.uint32) << 16 | pixels[:, 1].astype(np.uint32) << 8 | pixels[:, 2]
    values, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    rgb = np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=-1).astype(np.int32)
    chosen = list(np.argsort(-counts, kind="stable")[: max(1, colors // 2)])
    if len(values) <= 65536:
        dist = (((rgb[:, None, :] - rgb[chosen][None]) ** 2).sum(axis=-1)).min(axis=1)
        weight = np.log1p(counts)
        while len(chosen) < min(colors, len(values)):
            k = int((dist * weight).argmax())
            if dist[k] == 0:
                break
            chosen.append(k)
            dist = np.minimum(dist, ((rgb - rgb[k]) ** 2).sum(axis=-1))
    palette = rgb[np.array(chosen)]
    nearest = np.empty(len(values), np.uint8)
    for lo in range(0, len(values), 4096):
        chunk = rgb[lo : lo + 4096]
        nearest[lo : lo + 4096] = (((chunk[:, None, :] - palette[None]) ** 2).sum(axis=-1)).argmin(axis=1)
    return nearest[inverse.reshape(-1)], palette.astype(np.uint8)


def _encode(rgb: np.ndarray, keep: np.ndarray | None, *, colors: int, fmt: str) -> tuple[bytes, np.ndarray]:
    """Lossless bytes of ``rgb`` ((H, W, 3) uint8), transparent where ``keep`` ((H, W) bool) is False.

    ``colors > 0`` first reduces the kept pixels to a palette of that size
    (:func:`_quantize`); ``0`` keeps every colour. Returns ``(bytes, shown)``,
    ``shown`` the (H, W, 3) colours the image holds where kept.
    """
    from pixelviz.backends.pillow_ops import encode_image

    if fmt not in ("png", "webp"):
        raise ValueError(f"static_format must be 'png' or 'webp'; got {fmt!r}")
    opaque = keep is None
    keep = np.ones(rgb.shape[:2], bool) if keep is None else keep
    shown = rgb.copy()
    if colors and keep.any():
        idx, palette = _quantize(rgb[keep], colors)
        shown[keep] = palette[idx]
    shown[~keep] = 0
    if opaque:
        return encode_image(shown, fmt), shown
    rgba = np.zeros(rgb.shape[:2] + (4,), np.uint8)
    rgba[..., :3] = shown
    rgba[..., 3] = np.where(keep, 255, 0)
    return encode_image(rgba, fmt), shown


class _Renderer:
    """Renders an explorer's states into pixels, keeping the last few (bases and deltas read some twice)."""

    def __init__(self, explorer, keep: int = 2 * _BASE_SAMPLES):
        self.explorer, self.keep = explorer, keep
        self.cache: dict[int, np.ndarray] = {}
        self.min_points = float("inf")

    def __call__(self, k: int, state: dict) -> np.ndarray:
        if k not in self.cache:
            ex = self.explorer
            ex.state = dict(state)
            ex.redraw()
            ex.draw()
            self.min_points = min([self.min_points] + [p for p, _ in ex._last_text])
            if len(self.cache) >= self.keep:
                self.cache.pop(next(iter(self.cache)))
            self.cache[k] = _pack(np.asarray(ex.fig.canvas.buffer_rgba())[..., :3])
        return self.cache[k]


def _groups(explorer, states: list[dict]) -> list[list[int]]:
    """State indices grouped by the value of ``explorer.static_group_by`` (one group when it is None)."""
    name = explorer.static_group_by
    if name is None:
        return [list(range(len(states)))]
    groups: dict[Any, list[int]] = {}
    for k, state in enumerate(states):
        groups.setdefault(state[name], []).append(k)
    return list(groups.values())


def _mode(frames: list[np.ndarray]) -> np.ndarray:
    """Per pixel, the most common of ``frames`` (each (H, W) packed RGB)."""
    picks = np.stack(frames).reshape(len(frames), -1)
    counts = (picks[:, None, :] == picks[None, :, :]).sum(axis=1)  # (S, P): how often each frame's value occurs
    return picks[counts.argmax(axis=0), np.arange(picks.shape[1])].reshape(frames[0].shape)


def _payload(explorer) -> dict:
    """Render and encode every static state (see the module docstring); restores the explorer's state."""
    ex = explorer
    saved, saved_density = dict(ex.state), ex.fig.dpi / CSS_PX_PER_INCH
    ex.use_density(ex.density)
    grid = ex.static_grid(saved)
    states = list(ex.combinations(static=True))
    start = 0
    for values, c in zip(grid, ex.controls):
        start = start * len(values) + values.index(saved[c.name])
    render = _Renderer(ex)
    bases: list[str] = []
    frames: list[str] = []
    seen_bases: dict[bytes, int] = {}
    seen_frames: dict[bytes, int] = {}
    base_of = [0] * len(states)
    index = [0] * len(states)
    largest_error = 0

    def store(data: bytes, table: list[str], seen: dict[bytes, int]) -> int:
        if data not in seen:
            seen[data] = len(table)
            table.append(base64.b64encode(data).decode("ascii"))
        return seen[data]

    try:
        for group in _groups(ex, states):
            picks = sorted(
                {group[int(round(t))] for t in np.linspace(0, len(group) - 1, min(_BASE_SAMPLES, len(group)))}
            )
            samples = [render(k, states[k]) for k in picks]
            base_keys = _mode(samples)
            data, _ = _encode(_unpack(base_keys), None, colors=0, fmt=ex.static_format)
            b = store(data, bases, seen_bases)
            for k in group:
                keys = render(k, states[k])
                keep = keys != base_keys
                rgb = _unpack(keys)
                data, shown = _encode(rgb, keep, colors=ex.static_colors, fmt=ex.static_format)
                largest_error = max(
                    largest_error, int(np.abs(shown[keep].astype(np.int16) - rgb[keep]).max()) if keep.any() else 0
                )
                base_of[k] = b
                index[k] = store(data, frames, seen_frames)
        first = _encode(_unpack(render(start, states[start])), None, colors=0, fmt=ex.static_format)[0]
    finally:
        ex.state = saved
        ex.redraw()
        ex.use_density(saved_density)
    height, width = render.cache[next(iter(render.cache))].shape
    return {
        "mime": f"image/{ex.static_format}",
        "width": width,
        "height": height,
        "start": start,
        "names": [c.name for c in ex.controls],
        "sizes": [len(values) for values in grid],
        "labels": [[c.fmt(v) for v in values] for c, values in zip(ex.controls, grid)],
        "values": [[_json_value(v) for v in values] for values in grid],
        "index": index,
        "base": base_of,
        "alts": [ex.describe(state) for state in states],
        "captions": [ex.caption(state) for state in states],
        "bases": bases,
        "frames": frames,
        "_first": base64.b64encode(first).decode("ascii"),
        "_min_points": render.min_points,
        "_largest_error": largest_error,
    }


def _json_value(value: Any) -> Any:
    """A control value as JSON (enums by their value), so a test can rebuild the state."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, str)):
        return value.value if hasattr(value, "value") else value
    return str(value)


def _control_html(c, values: tuple, state: dict, uid: str) -> str:
    k = values.index(state[c.name])
    label = html.escape(c.text)
    name = html.escape(c.name)
    if len(values) == 1:
        return f'<span class="pv-ctl pv-fixed" data-pv="{name}">{label}: <b>{html.escape(c.fmt(values[0]))}</b></span>'
    kind = c.widget_kind(values)
    if kind == "slider":
        return (
            f'<label class="pv-ctl" data-pv="{name}"><span>{label}</span> <input type="range" min="0" '
            f'max="{len(values) - 1}" step="1" value="{k}" aria-label="{label}"> '
            f"<output>{html.escape(c.fmt(values[k]))}</output></label>"
        )
    if kind == "buttons":
        buttons = "".join(
            f'<label><input type="radio" name="{uid}-{name}" value="{j}"{" checked" if j == k else ""}>'
            f"<span>{html.escape(c.fmt(v))}</span></label>"
            for j, v in enumerate(values)
        )
        return (
            f'<span class="pv-ctl pv-buttons" role="radiogroup" aria-label="{label}" data-pv="{name}">'
            f"<span>{label}</span> {buttons}</span>"
        )
    options = "".join(
        f'<option value="{j}"{" selected" if j == k else ""}>{html.escape(c.fmt(v))}</option>'
        for j, v in enumerate(values)
    )
    return f'<label class="pv-ctl" data-pv="{name}"><span>{label}</span> <select>{options}</select></label>'


_TEMPLATE = """<div class="pv-explorer" data-explorer="{name}" data-css-width="{css_width}" \
data-native-width="{width}" data-native-height="{height}" data-min-font-px="{min_font_px:.2f}">
<style>{css}</style>
<form class="pv-controls" autocomplete="off" onsubmit="return false">
{controls}
</form>
<p class="pv-caption" aria-live="polite">{caption}</p>
<div class="pv-view"><img class="pv-frame" width="{css_width}" height="{css_height}" \
src="data:{mime};base64,{first}" alt="{alt}"></div>
{legend}
<script type="application/json">{payload}</script>
<script>{js}</script>
</div>"""


def static_html(explorer, report: dict | None = None) -> str:
    """Self-contained HTML of ``explorer``: every static state pre-rendered, the page script to switch.

    The JSON payload holds ``bases`` and ``frames`` (base64 images) and,
    per state (mixed radix over :meth:`Explorer.static_grid`, last control
    fastest), ``base`` and ``index``: which base and which delta make its
    frame; ``values`` and ``labels`` give each control's pre-rendered
    values, ``start`` the state shown first (its full frame is the
    ``<img>``'s source, so the page is right before the script runs). The
    root's ``data-min-font-px`` is the smallest text of any frame in native
    pixels (points × dpi / 72). The explorer's state is restored afterwards.

    ``report``, when given, receives ``states``, ``frames`` (stored deltas),
    ``bases``, ``bytes`` (of the HTML), ``largest_error`` (the largest
    colour difference, 0..255, between an encoded delta and the rendered
    frame: 0 unless :attr:`Explorer.static_colors` asks for a palette) and
    ``min_points`` (the smallest font drawn in any frame).
    """
    from ._legend import legend_html

    ex = explorer
    payload = _payload(ex)
    first = payload.pop("_first")
    min_points = payload.pop("_min_points")
    largest_error = payload.pop("_largest_error")
    text = json.dumps(payload, separators=(",", ":"))
    uid = "pv" + hashlib.sha1(text.encode()).hexdigest()[:10]
    grid = ex.static_grid(ex.state)
    page = _TEMPLATE.format(
        name=html.escape(type(ex).__name__),
        css_width=ex.css_width,
        css_height=int(round(ex.css_width * payload["height"] / payload["width"])),
        width=payload["width"],
        height=payload["height"],
        min_font_px=min_points * ex.dpi / 72,
        css=asset("explorer.css") + asset("legend.css"),
        controls="\n".join(_control_html(c, values, ex.state, uid) for c, values in zip(ex.controls, grid)),
        mime=payload["mime"],
        first=first,
        alt=html.escape(payload["alts"][payload["start"]]),
        caption=html.escape(payload["captions"][payload["start"]]),
        legend=legend_html(ex.legend()),
        payload=text.replace("</", "<\\/"),
        js=asset("explorer.js"),
    )
    if report is not None:
        report.update(
            states=len(payload["index"]),
            frames=len(payload["frames"]),
            bases=len(payload["bases"]),
            bytes=len(page.encode()),
            largest_error=largest_error,
            min_points=min_points,
        )
    return page
