"""Sphinx glue for the book's API reference (book/api.md); loaded by _config.yml.

pixelviz re-exports its main names (``pixelviz.parse_convention`` is
``pixelviz.conventions.parse_convention``) and docstrings refer to either
spelling, or to a bare name of the same package, or to a private module. The API page documents each
object once, under the module that defines it, so a ``missing-reference``
handler resolves a py reference by importing what it names and linking the
entry where that same object is documented. A reference to a dataclass field
or annotated attribute that has no entry of its own links to its class.
Anything still unresolved stays a warning (the build runs with -W -n).

Figures executed in a notebook get no alt text from myst-nb (the browser then
shows the image's hashed file name). ``_alt_text_for_outputs`` gives each such
image an alt: the first comment line of the code cell that drew it (so a
drawing cell should start with ``# <what the figure shows>``), else the
nearest section title. An explicit alt (cell metadata) is kept.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["setup"]

_PACKAGES = ("pixelviz", "widgets")


def _import_path(path: str) -> Any:
    """The object named by dotted ``path`` (module, then attributes), or None."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except Exception:
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return None
        return obj
    return None


def _documented(env) -> dict[int, tuple[str, str]]:
    """id(object) -> (documented full name, objtype) for every py object on the site."""
    cache = getattr(env, "_pixelviz_documented", None)
    if cache is None:
        cache = {}
        for name, entry in env.get_domain("py").objects.items():
            if entry.aliased or not name.startswith(_PACKAGES):
                continue
            obj = _import_path(name)
            if obj is not None and not isinstance(obj, (int, float, str, bool, tuple)):
                cache.setdefault(id(obj), (name, entry.objtype))
        env._pixelviz_documented = cache
    return cache


def _candidates(target: str, module: str | None, cls: str | None) -> list[str]:
    names = [target]
    if module:
        if cls:
            names.append(f"{module}.{cls}.{target}")
        names.append(f"{module}.{target}")
    for pkg in _PACKAGES:
        names.append(f"{pkg}.{target}")
    return [n for n in names if n.startswith(_PACKAGES)]


def _missing_reference(app, env, node, contnode):
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    module, cls = node.get("py:module"), node.get("py:class")
    if node.get("reftype") == "mod":
        # a private module (``widgets._core``) is documented through its package
        modules = env.get_domain("py").modules
        parts = target.split(".")
        while parts and any(p.startswith("_") for p in parts):
            parts.pop()
        parent = ".".join(parts)
        if parent != target and parent in modules:
            from sphinx.util.nodes import make_refnode

            entry = modules[parent]
            return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, parent)
        return None
    documented = _documented(env)
    for name in _candidates(target, module, cls):
        obj = _import_path(name)
        if obj is not None and id(obj) in documented:
            fullname, _ = documented[id(obj)]
            return _link(app, env, node, contnode, fullname)
        # a dataclass field / annotated attribute of a documented class
        owner_name, _, attr = name.rpartition(".")
        owner = _import_path(owner_name) if owner_name else None
        if isinstance(owner, type) and id(owner) in documented and attr in getattr(owner, "__annotations__", {}):
            return _link(app, env, node, contnode, documented[id(owner)][0])
    return None


def _link(app, env, node, contnode, fullname):
    from sphinx.util.nodes import make_refnode

    entry = env.get_domain("py").objects[fullname]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, fullname)


def _cell_comment(cell) -> str | None:
    from docutils import nodes

    for block in cell.findall(nodes.literal_block):
        for line in block.astext().splitlines():
            line = line.strip()
            if line.startswith("#") and not line.startswith(("#!", "# %")):
                text = line.lstrip("#").strip()
                if text:
                    return text
            elif line:
                return None
    return None


def _section_title(node) -> str | None:
    from docutils import nodes

    while node is not None:
        if isinstance(node, nodes.section) and node.children and isinstance(node[0], nodes.title):
            return node[0].astext()
        node = node.parent
    return None


def _alt_text_for_outputs(app, doctree):
    from docutils import nodes

    for image in doctree.findall(nodes.image):
        if image.get("alt"):
            continue
        cell = image.parent
        while cell is not None and "cell" not in cell.get("classes", []):
            cell = cell.parent
        if cell is None:
            continue
        text = _cell_comment(cell)
        if text is None:
            title = _section_title(cell)
            text = f"Figure for \u201c{title}\u201d" if title else "Figure drawn by the code above"
        image["alt"] = text


def _script_key(script) -> tuple:
    attrs = getattr(script, "attributes", {}) or {}
    filename = getattr(script, "filename", None)
    # the same inline script may come once with filename None and once with "" (sphinx-thebe, togglebutton)
    return (str(filename or ""), tuple(sorted((k, str(v)) for k, v in attrs.items())))


def _one_copy_of_each_script(app, pagename, templatename, context, doctree) -> None:
    """Drop repeated ``<script>`` entries from a page.

    sphinx-thebe adds its inline configuration (``const THEBE_JS_URL = ...``)
    on every ``env-before-read-docs``, which Jupyter Book emits more than once
    per build; the second copy throws "Identifier 'THEBE_JS_URL' has already
    been declared" on every page. Identical scripts (same file or same inline
    body, same attributes) are kept once, in their first position.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _no_inline_attribute_type(app, what, name, obj, options, lines) -> None:
    """Keep napoleon from reading an attribute's first sentence as its type.

    For attributes, data and properties napoleon parses a first line of the
    form ``"text: more"`` as ``type: description``; enum members and
    constants whose summary contains a colon ("① first and last samples:
    [0, L] ...") then render as a "Type:" field holding half a sentence. An
    empty reST comment (``..``) as the first line gives napoleon a first line
    without a colon, and renders as nothing (a declared annotation still
    shows as the signature's type).
    """
    if what in ("attribute", "data", "property") and lines and lines[0].strip():
        lines[:0] = ["..", ""]


def setup(app):
    # before napoleon (priority 500) rewrites the docstring
    app.connect("autodoc-process-docstring", _no_inline_attribute_type, priority=400)
    app.connect("missing-reference", _missing_reference, priority=900)
    app.connect("html-page-context", _one_copy_of_each_script, priority=999)
    app.connect("doctree-read", _alt_text_for_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
