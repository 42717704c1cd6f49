"""The live ipywidgets UI of an explorer, for a running kernel (Jupyter, Colab, Binder, nbmake).

One ipywidgets control per :class:`~widgets.Control`, the legend, and one
``Image`` widget whose PNG bytes are replaced on every change, so the output
never stacks figures. It uses only ``SelectionSlider``, ``ToggleButtons``,
``Dropdown``, ``Image``, ``HTML``, ``HBox``, ``VBox`` and ``Layout``, whose
``value``/``options``/``observe`` API is the same in ipywidgets 7.6+ (Colab
ships 7.7.1) and 8. ipywidgets is imported here only, when a live UI is
asked for.
"""

from __future__ import annotations

__all__ = ["LiveUI"]


class LiveUI:
    """The controls of ``explorer`` above its frame and legend; moving one redraws the explorer in place.

    Parameters
    ----------
    explorer : Explorer

    Attributes
    ----------
    box : ipywidgets.VBox
        What the notebook displays.
    inputs : dict of str -> ipywidgets widget
        One per control, by name.
    image : ipywidgets.Image
        The frame (PNG), shown :attr:`Explorer.css_width` pixels wide.
    """

    def __init__(self, explorer):
        import ipywidgets as w  # lazily: pixelviz and the static site never need it

        from ._legend import legend_html

        self.explorer = explorer
        explorer.use_density(explorer.live_density)
        self.inputs = {}
        for c in explorer.controls:
            options = [(c.fmt(v), v) for v in c.values]
            common = dict(
                options=options,
                value=explorer.state[c.name],
                description=c.text,
                style={"description_width": "initial"},
            )
            kind = c.widget_kind()
            if kind == "slider":
                widget = w.SelectionSlider(continuous_update=False, **common)
            elif kind == "buttons":
                widget = w.ToggleButtons(**common)
                widget.style.button_width = "auto"
            else:
                widget = w.Dropdown(**common)
            widget.observe(self._on_change(c.name), names="value")
            self.inputs[c.name] = widget
        self.image = w.Image(
            value=explorer.frame_png(),
            format="png",
            layout=w.Layout(width=f"{explorer.css_width}px", max_width="100%", height="auto"),
        )
        self.caption = w.HTML(value=self._caption())
        parts = [w.HBox(list(self.inputs.values()), layout=w.Layout(flex_flow="row wrap")), self.caption, self.image]
        legend = legend_html(explorer.legend())
        if legend:
            parts.append(w.HTML(value=legend_style() + legend))
        self.box = w.VBox(parts)

    def _on_change(self, name: str):
        def handler(change):
            ex = self.explorer
            value = ex._by_name[name].canonical(change["new"])
            if ex.state[name] == value:
                return
            ex.state[name] = value
            ex.redraw()
            ex.use_density(ex.live_density)  # (to_html draws at the static density, then returns to this one)
            self.image.value = ex.frame_png()
            self.caption.value = self._caption()

        return handler

    def sync(self) -> None:
        """Move the widgets to the explorer's state (after :meth:`Explorer.set`) and show its frame."""
        for name, widget in self.inputs.items():
            if widget.value != self.explorer.state[name]:
                widget.value = self.explorer.state[name]
        self.image.value = self.explorer.frame_png()
        self.caption.value = self._caption()

    def _caption(self) -> str:
        import html

        return f"<span>{html.escape(self.explorer.caption(dict(self.explorer.state)))}</span>"


def legend_style() -> str:
    """The legend's stylesheet (``_assets/legend.css``) as a ``<style>`` element."""
    from ._static import asset

    return f"<style>{asset('legend.css')}</style>"
