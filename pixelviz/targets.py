"""Load a user's function from a ``module:function`` spec (``pixelviz probe mypkg.ops:my_resize``).

One loader for every command that measures a user's callable, so a typo gets
the same clear error everywhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["load_callable"]


def load_callable(spec: str) -> Callable[..., Any]:
    """The callable named by ``spec``, ``"package.module:function"`` (``function`` may be dotted: ``Class.method``).

    Parameters
    ----------
    spec : str
        ``"module:attribute"``, e.g. ``"scipy.ndimage:map_coordinates"`` or
        ``"mytools.samplers:bilinear_corners"``; the module is imported with
        ``importlib.import_module`` (the current directory is importable
        when run from the command line).

    Returns
    -------
    callable

    Raises
    ------
    TypeError
        If ``spec`` is not a str, or what it names is not callable.
    ValueError
        If ``spec`` is not of the form ``module:function``, the module cannot
        be imported, or it has no such attribute.

    Examples
    --------
    >>> load_callable("math:sqrt")(9.0)
    3.0
    """
    if not isinstance(spec, str):
        raise TypeError(f"spec must be a str 'module:function'; got {spec!r} of type {type(spec).__name__}")
    module_name, sep, attr = spec.strip().partition(":")
    if not sep or not module_name or not attr or ":" in attr:
        raise ValueError(f"spec must look like 'module:function' (e.g. 'mytools.ops:my_resize'); got {spec!r}")
    try:
        obj: Any = importlib.import_module(module_name)
    except Exception as exc:  # an import can fail in any way
        raise ValueError(
            f"spec {spec!r}: module {module_name!r} is not importable ({type(exc).__name__}: {exc})"
        ) from exc
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise ValueError(f"spec {spec!r}: {module_name!r} has no attribute {attr!r}")
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError(f"spec {spec!r} names a {type(obj).__name__}, which is not callable")
    return obj
