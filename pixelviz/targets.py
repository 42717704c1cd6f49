"""Load what a user names on the command line: a function by import path, or a registered op.

``pixelviz probe TARGET`` and ``pixelviz match TARGET`` take either

* ``module:function`` — an importable module and a callable in it
  (``my_pkg.resize:bilinear``, ``my_pkg.ops:Resizer.call`` for an attribute
  path), or ``path/to/file.py:function`` for a file outside any package;
* a registered op of :mod:`pixelviz.backends`: its name
  (``opencv.resize.linear``) or ``library:OPTIONS`` (``opencv:INTER_LINEAR``,
  ``torch:nearest-exact``, ``onnxruntime:linear, asymmetric``).

The callable must have the probe's signature ``fn(x, size) -> y``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["load_callable", "load_target"]


def _check_spec(spec: Any) -> str:
    if not isinstance(spec, str):
        raise TypeError(f"spec must be a str such as 'my_module:my_resize'; got {spec!r} of type {type(spec).__name__}")
    if not spec.strip():
        raise ValueError(f"spec must name a target such as 'my_module:my_resize'; got {spec!r}")
    return spec.strip()


def _import_file(path: Path) -> Any:
    name = f"_pixelviz_target_{abs(hash(str(path.resolve())))}"
    loader_spec = importlib.util.spec_from_file_location(name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise ValueError(f"spec must name an importable file; cannot import {str(path)!r}")
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[name] = module
    try:
        loader_spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise ValueError(f"spec's file {str(path)!r} is not importable: {type(exc).__name__}: {exc}") from exc
    return module


def load_callable(spec: str) -> Callable[..., Any]:
    """The callable named by ``"module:function"`` or ``"path/to/file.py:function"``.

    Parameters
    ----------
    spec : str
        ``module:attr`` with ``module`` importable (dotted) and ``attr`` a
        (dotted) attribute path in it, or a ``.py`` file path before the colon.

    Returns
    -------
    callable

    Raises
    ------
    TypeError
        If ``spec`` is not a str, or what it names is not callable.
    ValueError
        If ``spec`` has no ``:``, the module or file cannot be imported, or
        the attribute does not exist.

    Examples
    --------
    >>> load_callable("pixelviz.resample:resize").__name__
    'resize'
    """
    spec = _check_spec(spec)
    module_part, sep, attr = spec.rpartition(":")
    if not sep or not module_part or not attr:
        raise ValueError(f"spec must be 'module:function' (or 'file.py:function'); got {spec!r}")
    if module_part.endswith(".py") or "/" in module_part or "\\" in module_part:
        path = Path(module_part)
        if not path.is_file():
            raise ValueError(f"spec's file {module_part!r} does not exist (from {spec!r})")
        module = _import_file(path)
    elif ":" in module_part:
        raise ValueError(f"spec must be 'module:function' (or 'file.py:function'), one colon; got {spec!r}")
    else:
        try:
            module = importlib.import_module(module_part)
        except Exception as exc:
            raise ValueError(f"spec's module {module_part!r} is not importable: {type(exc).__name__}: {exc}") from exc
    obj: Any = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise ValueError(f"spec {spec!r}: {module_part!r} has no attribute {attr!r}") from None
    if not callable(obj):
        raise TypeError(f"spec {spec!r} names a {type(obj).__name__}, which is not callable")
    return obj


def _registered(spec: str) -> Any:
    """The backend a spec names (``opencv.resize.linear`` or ``opencv:INTER_LINEAR``), or None."""
    from .backends._registry import _REGISTRY, libraries, list_backends

    if spec in _REGISTRY:
        return _REGISTRY[spec]
    lib, sep, rest = spec.partition(":")
    if not sep or lib.strip().lower() not in libraries():
        return None
    want = rest.strip().lower()
    found = [
        b
        for b in list_backends(lib.strip().lower())
        if want in (b.options.lower(), b.name.split(".", 1)[1].lower(), b.name.rsplit(".", 1)[1].lower())
    ]
    if len(found) == 1:
        return found[0]
    choices = [b.options for b in list_backends(lib.strip().lower())]
    if not found:
        raise ValueError(f"spec {spec!r}: {lib!r} has no op with options {rest!r}; its ops: {choices}")
    raise ValueError(f"spec {spec!r} is ambiguous: {[b.name for b in found]}")


def load_target(spec: str) -> tuple[str, Callable[..., Any]]:
    """A display name and the callable for a CLI target: a registered op, else :func:`load_callable`.

    Examples
    --------
    >>> load_target("scipy:order=1, grid_mode=True")[0]
    'scipy.zoom.linear_grid'
    >>> load_target("pixelviz.resample:resize")[0]
    'pixelviz.resample:resize'
    """
    spec = _check_spec(spec)
    backend = _registered(spec)
    if backend is not None:
        return backend.name, backend
    return spec, load_callable(spec)
