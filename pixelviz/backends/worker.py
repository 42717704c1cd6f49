"""The child side of a library worker: ``python -m pixelviz.backends.worker``.

TensorFlow and PyTorch crash (segfault) when they share one interpreter, and
JAX and TensorFlow take seconds to import. So each library's measurements run
in a fresh process of their own, started by :mod:`pixelviz.backends._isolate`,
and only plain data crosses back.

Protocol (one process, one request):

* stdin: one JSON object ``{"task": "module:function", "kwargs": {...},
  "imports": [module, ...], "path": [dir, ...]}``. ``path`` entries are put in
  front of ``sys.path``, ``imports`` are imported (modules that register extra
  backends, e.g. a test's), then ``function(**kwargs)`` is called. It must
  return an iterable of JSON-ready items.
* stdout: one JSON line per item, ``{"item": ...}``, flushed as soon as it is
  made, so the parent keeps what was measured before a crash; then
  ``{"done": true}``. An exception in the task is one line ``{"error": "Type:
  message"}`` and exit status 1. Anything the libraries print goes to stderr.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any

__all__ = ["main", "resolve_task"]


def resolve_task(task: str) -> Callable[..., Iterable[Any]]:
    """The function that ``task = "module:function"`` names (imports the module).

    Raises
    ------
    TypeError
        If ``task`` is not a str.
    ValueError
        If ``task`` is not of the form ``"module:function"`` or the function is missing.
    """
    if not isinstance(task, str):
        raise TypeError(f"task must be a str 'module:function'; got {task!r}")
    if task.count(":") != 1 or not all(task.partition(":")[::2]):
        raise ValueError(f"task must be 'module:function'; got {task!r}")
    module, _, name = task.partition(":")
    fn = getattr(importlib.import_module(module), name, None)
    if not callable(fn):
        raise ValueError(f"task must name a function; {module!r} has no callable {name!r}")
    return fn


def _emit(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, allow_nan=True) + "\n")
    out.flush()


def main(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Serve one request read from ``stdin``; returns the exit status (0, or 1 when the task raised)."""
    src = sys.stdin if stdin is None else stdin
    out = sys.stdout if stdout is None else stdout
    if stdout is None:
        # Libraries print banners and warnings on stdout too; keep the protocol channel clean.
        sys.stdout = sys.stderr
    try:
        request = json.loads(src.read())
        if not isinstance(request, dict):
            raise ValueError(f"request must be a JSON object; got {type(request).__name__}")
        for entry in request.get("path", []):
            if entry not in sys.path:
                sys.path.insert(0, entry)
        importlib.import_module("pixelviz.backends")
        for module in request.get("imports", []):
            importlib.import_module(module)
        task = resolve_task(request.get("task", ""))
        for item in task(**request.get("kwargs", {})):
            _emit(out, {"item": item})
    except Exception as exc:
        _emit(out, {"error": f"{type(exc).__name__}: {exc}"})
        return 1
    finally:
        if stdout is None:
            sys.stdout = out
    _emit(out, {"done": True})
    return 0


if __name__ == "__main__":  # pragma: no cover - run as a subprocess by _isolate
    sys.exit(main())
