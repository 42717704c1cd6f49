"""Real library resize ops in one signature, ``fn(x, size) -> y``, for the probe.

Every backend imports its library only when first called, and reports
``"not installed"`` when the library is missing::

    >>> from pixelviz import backends
    >>> b = backends.get_backend("opencv.resize.linear")
    >>> b.status in ("ok", "not installed")
    True

See :func:`probe_backends` to run :func:`pixelviz.probe.probe_resize` on
each of them.
"""

from __future__ import annotations

# Registration order is the order of the tables: the article's rows first.
from . import opencv, pillow, skimage, torch, tensorflow, onnxruntime, scipy, jax  # noqa: F401, I001
from ._registry import Backend, NotInstalledError, get_backend, libraries, list_backends, register
from ._report import BackendReport, compare_with_article, probe_backends, report_table

__all__ = [
    "Backend",
    "BackendReport",
    "NotInstalledError",
    "compare_with_article",
    "get_backend",
    "libraries",
    "list_backends",
    "probe_backends",
    "register",
    "report_table",
]
