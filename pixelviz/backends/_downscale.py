"""Each library's everyday downscale call, registered once, measured for aliasing in its own worker process.

A :class:`Downscaler` wraps one library call as ``fn(image, (h, w)) -> (h, w)`` on a float image
(the call people write to shrink an image, with its defaults unless the options say otherwise).
The library modules register theirs next to their resize backends. :func:`measure_downscalers`
shrinks a zone plate with each, one worker process per library (TensorFlow beside torch
segfaults), and measures the aliasing with :func:`pixelviz.aliasing.measure_aliasing`.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import check_bool, check_choice, check_finite_float, check_int
from ..aliasing import DEFAULT_WINDOW, window
from ..tables import Table
from ._isolate import WorkerRequest, run_workers

__all__ = [
    "Downscaler",
    "DownscaleReport",
    "register_downscale",
    "list_downscalers",
    "measure_downscalers",
    "downscale_table",
]

#: ``fn(image, (h, w))``: ``image`` float64 of shape ``(H, W)``; returns ``h x w`` numbers.
DownscaleFn = Callable[[NDArray[np.float64], tuple[int, int]], Any]
#: Imports a library and returns its :data:`DownscaleFn`.
DownscaleFactory = Callable[[], DownscaleFn]


@dataclasses.dataclass(frozen=True)
class Downscaler:
    """One library's downscale call.

    Attributes
    ----------
    name : str
        ``"<library key>.<call>"``, e.g. ``"opencv.inter_area"``; the key before the dot picks the worker.
    library : str
        As printed, e.g. ``"OpenCV"``.
    module : str
        Top-level import name, e.g. ``"cv2"`` (decides "not installed").
    call : str
        The call as written, e.g. ``"cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)"``.
    factory : callable
        ``factory() -> fn`` imports the library and returns ``fn(image, (h, w))``.
    antialias : bool
        Whether the call low-pass filters before sampling when it shrinks (as documented).
    short : str
        A two-line label for figures (``"OpenCV\\nINTER_AREA"``); default: library and call.
    """

    name: str
    library: str
    module: str
    call: str
    factory: DownscaleFactory = dataclasses.field(repr=False, compare=False)
    antialias: bool = False
    short: str = ""

    @property
    def label(self) -> str:
        """``short``, or ``library`` and ``call`` on two lines."""
        return self.short or f"{self.library}\n{self.call}"

    def available(self) -> bool:
        """True when the library can be imported (checked without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False


@dataclasses.dataclass(frozen=True)
class DownscaleReport:
    """The aliasing of one call at one factor (see :func:`measure_downscalers`).

    Attributes
    ----------
    downscaler : Downscaler
    factor : int
    status : str
        ``"ok"``, ``"not installed"``, ``"error"``, ``"crashed"`` or ``"timed out"``.
    version : str or None
    aliased, passband_error : float
        :class:`pixelviz.aliasing.AliasingMeasurement`'s numbers (NaN unless ok).
    crop : ndarray of float64 or None
        The window of the output the figure shows (see :func:`measure_downscalers`'s ``crop``).
    error : str
    """

    downscaler: Downscaler
    factor: int
    status: str
    version: str | None = None
    aliased: float = float("nan")
    passband_error: float = float("nan")
    crop: NDArray[np.float64] | None = dataclasses.field(default=None, repr=False, compare=False)
    error: str = ""


_DOWNSCALERS: dict[str, Downscaler] = {}
_FNS: dict[str, DownscaleFn] = {}


def register_downscale(*items: Downscaler) -> None:
    """Add downscale calls to the registry (names must be unique)."""
    for d in items:
        if not isinstance(d, Downscaler):
            raise TypeError(f"items must be Downscaler objects; got {type(d).__name__}")
        if d.name in _DOWNSCALERS:
            raise ValueError(f"downscaler name must be unique; got {d.name!r} twice")
        _DOWNSCALERS[d.name] = d


def list_downscalers() -> list[Downscaler]:
    """Every registered downscale call, in registration order (the table's order)."""
    return list(_DOWNSCALERS.values())


def _version(module: str) -> str:
    mod = importlib.import_module(module)
    return str(getattr(mod, "__version__", "unknown"))


def _downscale_task(
    names: list[str], size: int, factors: list[int], crop: list[float], margin: int
) -> Iterator[dict[str, Any]]:
    """Worker task: shrink ``zone_plate(size)`` by each factor with each named call; one dict per (call, factor)."""
    from ..aliasing import measure_aliasing
    from ..signals import zone_plate

    plate = zone_plate(size)
    for name in names:
        d = _DOWNSCALERS[name]
        try:
            version = _version(d.module)
            fn = _FNS.get(name) or _FNS.setdefault(name, d.factory())
        except Exception as exc:
            for f in factors:
                yield {"name": name, "factor": f, "status": "error", "error": f"{type(exc).__name__}: {exc}"}
            continue
        for f in factors:
            try:
                m = measure_aliasing(fn, plate, (size // f, size // f), margin=margin)
            except Exception as exc:
                yield {"name": name, "factor": f, "status": "error", "error": f"{type(exc).__name__}: {exc}"}
                continue
            kept = window(m.output, crop)
            yield {
                "name": name,
                "factor": f,
                "status": "ok",
                "version": version,
                "aliased": m.aliased,
                "passband_error": m.passband_error,
                "crop": np.round(kept, 5).tolist(),
            }


def measure_downscalers(
    *,
    libraries: Sequence[str] | None = None,
    size: int = 512,
    factors: Sequence[int] = (4, 8),
    crop: tuple[float, float, float, float] = DEFAULT_WINDOW,
    margin: int = 2,
    isolate: bool = True,
    timeout: float = 300.0,
    jobs: int = 2,
) -> list[DownscaleReport]:
    """Shrink a ``size x size`` zone plate by each factor with every registered call; measure the aliasing.

    Parameters
    ----------
    libraries : sequence of str, optional
        Library keys (the part of a downscaler's ``name`` before the dot, e.g. ``"opencv"``); default all.
    size : int
        Side of :func:`pixelviz.signals.zone_plate` (rings reach 0.5 cycle per pixel at the edges'
        middles); divisible by every factor.
    factors : sequence of int
        Downscale factors, each >= 2: the output is ``size // f`` pixels square.
    crop : (float, float, float, float)
        ``(row0, row1, col0, col1)`` as fractions of the output, the window kept for figures
        (default :data:`pixelviz.aliasing.DEFAULT_WINDOW`: the top half, middle columns, from the edge's
        finest rings to the center).
    margin : int
        Border pixels of the output left out of the sums (see :func:`~pixelviz.aliasing.measure_aliasing`).
    isolate : bool
        One worker process per library (default); False runs every call in this process (never do that
        with TensorFlow and PyTorch both chosen: they crash in one process).
    timeout : float
        Seconds a worker may take.
    jobs : int
        Workers at the same time.

    Returns
    -------
    list of DownscaleReport
        One per (call, factor), calls in registration order, factors in the given order.
    """
    size = check_int("size", size, minimum=8, maximum=4096)
    if isinstance(factors, (str, bytes)) or not isinstance(factors, (list, tuple)) or not factors:
        raise TypeError(f"factors must be a non-empty list of ints; got {factors!r}")
    fs = [check_int(f"factors[{k}]", f, minimum=2, maximum=size // 4) for k, f in enumerate(factors)]
    for f in fs:
        if size % f:
            raise ValueError(f"size must be divisible by every factor; got size={size}, factor {f}")
    window(np.zeros((size // max(fs), size // max(fs))), crop)  # checks crop on the smallest output
    box = [float(c) for c in crop]
    margin = check_int("margin", margin, minimum=0, maximum=size // (2 * max(fs)) - 1)
    isolate = check_bool("isolate", isolate)
    timeout = check_finite_float("timeout", timeout, positive=True)
    jobs = check_int("jobs", jobs, minimum=1, maximum=64)

    chosen = list_downscalers()
    if libraries is not None:
        if isinstance(libraries, (str, bytes)) or not isinstance(libraries, (list, tuple)):
            raise TypeError(f"libraries must be a list of library keys or None; got {libraries!r}")
        keys = list(dict.fromkeys(d.name.split(".")[0] for d in chosen))
        wanted = {check_choice(f"libraries[{k}]", lib, keys) for k, lib in enumerate(libraries)}
        chosen = [d for d in chosen if d.name.split(".")[0] in wanted]
    groups: dict[str, list[str]] = {}
    for d in chosen:
        if d.available():
            groups.setdefault(d.name.split(".")[0], []).append(d.name)
    kwargs: dict[str, Any] = {"size": size, "factors": fs, "crop": box, "margin": margin}
    items: dict[tuple[str, int], dict[str, Any]] = {}
    if isolate:
        requests = [
            WorkerRequest(lib, "pixelviz.backends._downscale:_downscale_task", {"names": names, **kwargs})
            for lib, names in groups.items()
        ]
        for res in run_workers(requests, timeout=timeout, jobs=jobs):
            for it in res.items:
                items[(it["name"], it["factor"])] = it
            if res.status != "ok":
                for name in res.request.kwargs["names"]:
                    for f in fs:
                        items.setdefault((name, f), {"status": res.status, "error": res.error})
    else:
        for names in groups.values():
            for it in _downscale_task(names, **kwargs):
                items[(it["name"], it["factor"])] = it
    reports = []
    for d in chosen:
        for f in fs:
            it = items.get((d.name, f))
            if it is None:
                reports.append(DownscaleReport(d, f, "not installed"))
                continue
            nan = float("nan")
            reports.append(
                DownscaleReport(
                    d,
                    f,
                    it["status"],
                    it.get("version"),
                    float(it.get("aliased", nan)),
                    float(it.get("passband_error", nan)),
                    None if it.get("crop") is None else np.asarray(it["crop"], dtype=np.float64),
                    it.get("error", ""),
                )
            )
    return reports


def downscale_table(reports: Sequence[DownscaleReport], *, unit: str = "%") -> Table:
    """One row per call: library, version, the call, its aliasing and passband error at each factor.

    Parameters
    ----------
    reports : sequence of DownscaleReport
        From :func:`measure_downscalers`.
    unit : str
        ``"%"`` (percent of the ideal output's energy) or ``"dB"`` (``10 log10`` of the ratio).
    """
    if isinstance(reports, (str, bytes)) or not isinstance(reports, (list, tuple)):
        raise TypeError(f"reports must be a list of DownscaleReport (from measure_downscalers); got {reports!r}")
    for k, r in enumerate(reports):
        if not isinstance(r, DownscaleReport):
            raise TypeError(f"reports[{k}] must be a DownscaleReport; got {type(r).__name__}")
    unit = check_choice("unit", unit, ["%", "dB"])
    factors = list(dict.fromkeys(r.factor for r in reports))

    def fmt(v: float) -> str:
        if not np.isfinite(v):
            return "—"
        if unit == "dB":
            return f"{10 * np.log10(max(v, 1e-12)):.1f} dB"
        return f"{100 * v:.2f} %" if v < 0.1 else f"{100 * v:.1f} %"

    rows = []
    for name in dict.fromkeys(r.downscaler.name for r in reports):
        mine = {r.factor: r for r in reports if r.downscaler.name == name}
        first = next(iter(mine.values()))
        d = first.downscaler
        ok = all(r.status == "ok" for r in mine.values())
        if not ok:
            bad = next(r for r in mine.values() if r.status != "ok")
            what = bad.status if bad.status == "not installed" else (bad.error or bad.status)
            rows.append([d.library, first.version or "—", d.call] + [what] + [""] * (2 * len(factors) - 1))
            continue
        cells = [fmt(mine[f].aliased) for f in factors] + [fmt(mine[f].passband_error) for f in factors]
        rows.append([d.library, first.version or "—", d.call] + cells)
    headers = ["library", "version", "call"]
    headers += [f"aliased ÷{f}" for f in factors] + [f"passband error ÷{f}" for f in factors]
    return Table(headers, rows)
