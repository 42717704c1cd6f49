"""The registry of backends: one real library op, wrapped as ``fn(x, size) -> y``.

A :class:`Backend` knows how to import its library (lazily, on first call),
whether the library is installed, its version, and what the article's
library table says about it. Library modules (``opencv.py``, ``pillow.py``,
...) register their backends here when :mod:`pixelviz.backends` is imported;
none of them imports its library at import time.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "Backend",
    "register",
    "list_backends",
    "get_backend",
    "libraries",
    "NotInstalledError",
    "ResizeFn",
    "Factory",
]

#: A resize in the probe's signature: ``fn(x, size)``, ``x`` float64 of shape ``(N,)``, returns shape ``(size,)``.
ResizeFn = Callable[[np.ndarray, int], np.ndarray]
#: Imports a library and returns its :data:`ResizeFn` (called on a backend's first use).
Factory = Callable[[], ResizeFn]


class NotInstalledError(ModuleNotFoundError):
    """Raised when a backend is called but its library is not installed."""


@dataclasses.dataclass(frozen=True)
class Backend:
    """One library op in the uniform signature ``fn(x, size)``.

    Attributes
    ----------
    name : str
        Unique id, ``"<library>.<op>.<variant>"``, e.g. ``"opencv.resize.linear"``.
    library : str
        Library as printed in tables, e.g. ``"OpenCV"``.
    module : str
        Top-level import name, e.g. ``"cv2"``; decides :meth:`available`.
    op : str
        The call, e.g. ``"cv2.resize"``.
    options : str
        The options that select this variant, e.g. ``"INTER_LINEAR"``.
    factory : callable
        ``factory() -> fn``: imports the library and returns
        ``fn(x, size)``, ``x`` a float64 array of shape ``(N,)``, ``size`` an
        int; ``fn`` returns a float64 array of shape ``(size,)``.
    article : str or None
        What the article's library table says of this op, as one of
        ``"①"``, ``"②"``, ``"③"``, ``"buggy"`` (its "buggy, none of the
        above"), ``"none"`` (its "none of the above"); None when the article
        has no row for it.
    version_module : str, optional
        Module whose ``__version__`` is reported (default ``module``).
    uint8_factory : callable, optional
        ``uint8_factory() -> fn``: the same op on a uint8 signal, ``fn(x, size)``
        with ``x`` uint8 of shape ``(N,)``, returning the library's output
        unconverted (its dtype tells whether the library kept uint8); None when
        the library has no uint8 path wired here (see :meth:`resize_uint8`).
    """

    name: str
    library: str
    module: str
    op: str
    options: str
    factory: Factory = dataclasses.field(repr=False, compare=False)
    article: str | None = None
    version_module: str | None = None
    uint8_factory: Factory | None = dataclasses.field(default=None, repr=False, compare=False)

    def available(self) -> bool:
        """True when the library can be imported (checked without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False

    @property
    def status(self) -> str:
        """``"ok"`` or ``"not installed"``."""
        return "ok" if self.available() else "not installed"

    def version(self) -> str | None:
        """The library's ``__version__`` (imports it), or None when not installed."""
        if not self.available():
            return None
        mod = importlib.import_module(self.version_module or self.module)
        return str(getattr(mod, "__version__", "unknown"))

    def resize(self, x: Any, size: int) -> np.ndarray:
        """Resize the 1D signal ``x`` to ``size`` samples with this op.

        Parameters
        ----------
        x : (N,) array_like of float
        size : int

        Returns
        -------
        ndarray of float64, shape (size,)

        Raises
        ------
        NotInstalledError
            If the library is not installed.
        """
        from .._validate import check_finite_array, check_size

        arr = check_finite_array("x", x, ndim=1)
        m = check_size("size", size)
        fn = _FN_CACHE.get(self.name)
        if fn is None:
            if not self.available():
                raise NotInstalledError(f"backend {self.name!r} needs {self.module!r}, which is not installed")
            fn = _FN_CACHE.setdefault(self.name, self.factory())
        return np.asarray(fn(arr, m), dtype=np.float64).reshape(-1)

    __call__ = resize

    @property
    def has_uint8(self) -> bool:
        """True when a uint8 path of this op is wired (:meth:`resize_uint8`)."""
        return self.uint8_factory is not None

    def resize_uint8(self, x: Any, size: int) -> np.ndarray:
        """Resize the uint8 signal ``x`` with this op's uint8 path, returning the library's output as is.

        Parameters
        ----------
        x : (N,) array_like of uint8
            Integers in [0, 255] (any integer dtype; converted to uint8).
        size : int

        Returns
        -------
        ndarray of shape (size,)
            In the dtype the library returns (uint8 when it keeps uint8; a
            float dtype when it converts).

        Raises
        ------
        NotImplementedError
            If no uint8 path is wired for this op (:attr:`has_uint8`).
        NotInstalledError
            If the library is not installed.
        """
        from .._validate import check_size

        arr = np.asarray(x)
        if arr.ndim != 1 or arr.dtype.kind not in "ui" or arr.size == 0:
            raise TypeError(
                f"x must be a non-empty 1D array of integers in [0, 255]; got {arr.dtype} of shape {arr.shape}"
            )
        if arr.min() < 0 or arr.max() > 255:
            raise ValueError(f"x must hold integers in [0, 255]; got range [{arr.min()}, {arr.max()}]")
        m = check_size("size", size)
        if self.uint8_factory is None:
            raise NotImplementedError(f"backend {self.name!r} has no uint8 path wired")
        key = self.name + ":uint8"
        fn = _FN_CACHE.get(key)
        if fn is None:
            if not self.available():
                raise NotInstalledError(f"backend {self.name!r} needs {self.module!r}, which is not installed")
            fn = _FN_CACHE.setdefault(key, self.uint8_factory())
        return np.asarray(fn(arr.astype(np.uint8), m)).reshape(-1)

    @property
    def label(self) -> str:
        """``"cv2.resize INTER_LINEAR"``."""
        return f"{self.op} {self.options}".strip()


_REGISTRY: dict[str, Backend] = {}
_FN_CACHE: dict[str, ResizeFn] = {}


def register(*backends: Backend) -> None:
    """Add backends to the registry (names must be unique)."""
    for b in backends:
        if not isinstance(b, Backend):
            raise TypeError(f"backends must be Backend objects; got {type(b).__name__}")
        if b.name in _REGISTRY:
            raise ValueError(f"backend name must be unique; got {b.name!r} twice")
        _REGISTRY[b.name] = b


def libraries() -> list[str]:
    """Short library keys in registry order, e.g. ``["opencv", "pillow", ...]``."""
    seen: list[str] = []
    for name in _REGISTRY:
        key = name.split(".")[0]
        if key not in seen:
            seen.append(key)
    return seen


def list_backends(library: str | None = None) -> list[Backend]:
    """Every registered backend, or those of one library (key as in :func:`libraries`).

    Raises
    ------
    ValueError
        For an unknown library key (with a did-you-mean hint).
    """
    if library is None:
        return list(_REGISTRY.values())
    from .._validate import check_choice

    key = check_choice("library", library.strip().lower() if isinstance(library, str) else library, libraries())
    return [b for b in _REGISTRY.values() if b.name.split(".")[0] == key]


def get_backend(name: str) -> Backend:
    """The backend called ``name`` (see :func:`list_backends`)."""
    from .._validate import check_choice

    return _REGISTRY[check_choice("name", name, list(_REGISTRY))]
