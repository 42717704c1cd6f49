"""The registries of point samplers and crop ops, and the runs of the origin probes on them.

A :class:`SamplerBackend` is one real library call in the signature of
:func:`pixelviz.probe.probe_points` (``fn(image, points)``, ``kind="points"``)
or :func:`pixelviz.probe.probe_crop` (``fn(image, box, out_size)``,
``kind="crops"``), registered by its library's ``<lib>_ops`` module like the
resize backends of :mod:`._registry`. The library is imported only when the
backend is first called.

:func:`probe_origin_backends` probes each one and returns plain reports;
TensorFlow's backends (``isolate=True``) are probed in a library worker
process of their own (:mod:`._isolate`; TensorFlow crashes when torch shares
its interpreter), see :func:`_probe_isolated`.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = [
    "SamplerBackend",
    "OriginReport",
    "register_sampler",
    "list_point_samplers",
    "list_crop_ops",
    "list_paste_ops",
    "get_sampler",
    "probe_origin_backends",
    "origin_rows",
    "origin_rules",
    "ORIGIN_COLUMNS",
]

KINDS = ("points", "crops", "paste")


@dataclasses.dataclass(frozen=True)
class SamplerBackend:
    """One library call that takes absolute coordinates, in a probe's signature.

    Attributes
    ----------
    name : str
        Unique id ``"<library>.<op>.<variant>"``, e.g. ``"scipy.map_coordinates.linear"``.
    library : str
        As printed in tables (``"SciPy"``).
    module : str
        Top-level import name; decides :meth:`available`.
    op, options : str
        The call and the options that select this variant.
    kind : str
        ``"points"`` (``fn(image, points)``) or ``"crops"`` (``fn(image, box, out_size)``).
    factory : callable
        ``factory() -> fn``; imports the library.
    article : str or None
        The origin the article states for it (``"integer_centers"``,
        ``"integer_corners"``, or for crops ``"bin_centers"`` ...), None if it says nothing.
    isolate : bool
        Probe in a separate process (TensorFlow).
    """

    name: str
    library: str
    module: str
    op: str
    options: str
    kind: str
    factory: Callable[[], Callable[..., Any]] = dataclasses.field(repr=False, compare=False)
    article: str | None = None
    isolate: bool = False

    def available(self) -> bool:
        """True when the library can be imported (checked without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False

    def version(self) -> str | None:
        """The library's version (without importing it), or None when not installed."""
        from importlib import metadata

        if not self.available():
            return None
        if self.library == "pixelviz":
            from .. import __version__

            return __version__
        dist = {"cv2": "opencv-python-headless", "PIL": "pillow", "skimage": "scikit-image"}.get(
            self.module, self.module
        )
        for candidate in (dist, "opencv-python", "tensorflow-cpu", "tensorflow"):
            try:
                return metadata.version(candidate)
            except metadata.PackageNotFoundError:
                if candidate == dist and self.module not in ("cv2", "tensorflow"):
                    break
        return "unknown"

    def function(self) -> Callable[..., Any]:
        """The wrapped call (imports the library)."""
        fn = _FN_CACHE.get(self.name)
        if fn is None:
            fn = _FN_CACHE.setdefault(self.name, self.factory())
        return fn


_SAMPLERS: dict[str, SamplerBackend] = {}
_FN_CACHE: dict[str, Callable[..., Any]] = {}


def register_sampler(*backends: SamplerBackend) -> None:
    """Add point samplers / crop ops to the registry (names unique)."""
    for b in backends:
        if not isinstance(b, SamplerBackend):
            raise TypeError(f"backends must be SamplerBackend objects; got {type(b).__name__}")
        if b.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}; got {b.kind!r}")
        if b.name in _SAMPLERS:
            raise ValueError(f"backend name must be unique; got {b.name!r} twice")
        _SAMPLERS[b.name] = b


def _filter(kind: str, library: str | None) -> list[SamplerBackend]:
    from .._validate import check_choice

    chosen = [b for b in _SAMPLERS.values() if b.kind == kind]
    if library is None:
        return chosen
    keys = sorted({b.name.split(".")[0] for b in chosen})
    if not isinstance(library, str):
        raise TypeError(f"library must be a str (one of {keys}) or None; got {library!r}")
    key = check_choice("library", library.strip().lower(), keys)
    return [b for b in chosen if b.name.split(".")[0] == key]


def list_point_samplers(library: str | None = None) -> list[SamplerBackend]:
    """Registered point samplers (``fn(image, points)``), optionally of one library key (``"scipy"``)."""
    return _filter("points", library)


def list_crop_ops(library: str | None = None) -> list[SamplerBackend]:
    """Registered crop ops (``fn(image, box, out_size)``), optionally of one library key (``"torchvision"``)."""
    return _filter("crops", library)


def list_paste_ops(library: str | None = None) -> list[SamplerBackend]:
    """Registered paste-mask ops (``fn(mask, box, image_shape)``), optionally of one library key (``"torch"``)."""
    return _filter("paste", library)


def get_sampler(name: str) -> SamplerBackend:
    """The point sampler or crop op called ``name``."""
    from .._validate import check_choice

    return _SAMPLERS[check_choice("name", name, list(_SAMPLERS))]


@dataclasses.dataclass(frozen=True)
class OriginReport:
    """One backend's origin measurement.

    Attributes
    ----------
    backend : SamplerBackend
    status : str
        ``"ok"``, ``"not installed"`` or ``"error"``.
    result : PointProbeResult or CropProbeResult or None
    error : str
    version : str or None
    seconds : float
        Wall time of the probe (for isolated backends, of the whole subprocess).
    """

    backend: SamplerBackend
    status: str
    result: Any = None
    error: str = ""
    version: str | None = None
    seconds: float = 0.0

    def agrees_with_article(self) -> bool | None:
        """Whether the measured origin is the article's (None when the article says nothing or not measured)."""
        if self.backend.article is None or self.result is None:
            return None
        return bool(self.result.origin.value == self.backend.article)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "name": self.backend.name,
            "library": self.backend.library,
            "op": self.backend.op,
            "options": self.backend.options,
            "status": self.status,
            "version": self.version,
            "result": self.result.to_dict() if self.result is not None else None,
            "error": self.error,
            "seconds": self.seconds,
        }


def _probe_here(name: str) -> dict[str, Any]:
    """Probe the backend ``name`` in this process; plain data (what an isolated worker prints)."""
    from ..probe.crops import probe_crop
    from ..probe.paste import probe_paste
    from ..probe.points import probe_points

    b = get_sampler(name)
    fn = b.function()
    if b.kind == "points":
        return probe_points(fn).to_dict()
    if b.kind == "crops":
        return probe_crop(fn).to_dict()
    return probe_paste(fn).to_dict()


def _probe_many(names: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Worker task: probe each backend of ``names`` here, one plain-data item each (see :mod:`.worker`)."""
    for name in names:
        try:
            yield {"name": name, "ok": _probe_here(name)}
        except Exception as exc:  # a library's failure is a row, not a crash
            yield {"name": name, "error": f"{type(exc).__name__}: {exc}"}


def _probe_isolated(
    names: Sequence[str], timeout: float = 300.0, imports: Sequence[str] = ()
) -> Callable[[], dict[str, dict[str, Any]]]:
    """Start probing ``names`` in one library worker process (:mod:`._isolate`); return a collector.

    The worker runs (in a thread of this process) while the caller probes
    other backends; calling the returned function waits for it and gives
    ``{name: {"ok": result} or {"error": message}}`` — a crash or time-out
    becomes every missing name's error (``"crashed: signal 11 (SIGSEGV)"``,
    ``"timed out after 300 s"``). ``imports``: modules the worker imports
    first, those that registered backends outside pixelviz.
    """
    from concurrent.futures import ThreadPoolExecutor

    from ._isolate import WorkerRequest, run_worker

    label = names[0].split(".")[0] if names else "origin"
    request = WorkerRequest(
        f"{label}-origin", "pixelviz.backends._samplers:_probe_many", {"names": list(names)}, tuple(imports)
    )
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(run_worker, request, timeout=timeout)

    def collect() -> dict[str, dict[str, Any]]:
        result = future.result()
        pool.shutdown()
        got: dict[str, dict[str, Any]] = {}
        for item in result.items:
            data = dict(item)
            got[data.pop("name")] = data
        for name in names:
            got.setdefault(name, {"error": result.error or "no result"})
        return got

    return collect


def probe_origin_backends(backends: Sequence[SamplerBackend] | None = None) -> list[OriginReport]:
    """Run :func:`~pixelviz.probe.probe_points` / :func:`~pixelviz.probe.probe_crop` on each backend.

    Parameters
    ----------
    backends : sequence of SamplerBackend, optional
        Default: every registered point sampler, crop op and paste op.

    Returns
    -------
    list of OriginReport
        One per backend, in order; a missing library gives ``"not installed"``,
        a failing call (or a crashed worker process) ``"error"`` with the
        message — never an exception. Backends with ``isolate=True`` are
        probed in one subprocess per library, started first so that it runs
        while the others are probed.
    """
    if backends is None:
        backends = list_point_samplers() + list_crop_ops() + list_paste_ops()
    if (
        isinstance(backends, (str, bytes))
        or not isinstance(backends, (list, tuple))
        or not all(isinstance(b, SamplerBackend) for b in backends)
    ):
        raise TypeError(f"backends must be a sequence of SamplerBackend; got {backends!r}")
    t_start = time.perf_counter()
    groups: dict[str, list[SamplerBackend]] = {}
    for b in backends:
        if b.isolate and b.available():
            groups.setdefault(b.module, []).append(b)
    collectors = {
        module: _probe_isolated(
            [b.name for b in group],
            imports=sorted({m for b in group if not (m := b.factory.__module__).startswith("pixelviz.")}),
        )
        for module, group in groups.items()
    }
    isolated: dict[str, dict[str, Any]] = {}
    reports: dict[str, OriginReport] = {}
    for b in backends:
        if not b.available():
            reports[b.name] = OriginReport(b, "not installed")
        elif not b.isolate:
            t0 = time.perf_counter()
            data: dict[str, Any]
            try:
                data = {"ok": _probe_here(b.name)}
            except Exception as exc:  # a library's failure is a row, not a crash
                data = {"error": f"{type(exc).__name__}: {exc}"}
            reports[b.name] = _report(b, data, time.perf_counter() - t0)
    for collect in collectors.values():
        isolated.update(collect())
    for b in backends:
        if b.name in isolated:
            # the whole subprocess's wall time (TensorFlow's import included), overlapped with the others
            elapsed = time.perf_counter() - t_start
            reports[b.name] = _report(b, isolated[b.name], elapsed)
    return [reports[b.name] for b in backends]


def _report(b: SamplerBackend, data: dict[str, Any], seconds: float) -> OriginReport:
    from ..probe.crops import CropProbeResult
    from ..probe.paste import PasteProbeResult
    from ..probe.points import PointProbeResult

    if "ok" not in data:
        return OriginReport(b, "error", error=str(data.get("error")), version=b.version(), seconds=seconds)
    cls: Any = {"points": PointProbeResult, "crops": CropProbeResult, "paste": PasteProbeResult}[b.kind]
    return OriginReport(b, "ok", cls.from_dict(data["ok"]), version=b.version(), seconds=seconds)


#: Columns of :func:`origin_rows`.
ORIGIN_COLUMNS = [
    "library",
    "op",
    "options",
    "measured",
    "pixel 0 centre / first sample",
    "article",
    "fix to integer corners",
]


def _crop_fix(result: Any) -> str:
    from ..probe.crops import CropOrigin

    return {
        CropOrigin.BIN_CENTERS: "none (integer corners, samples at bin centres)",
        CropOrigin.HALF_SHIFTED: "use aligned=True (or subtract ½ from the box)",
        CropOrigin.BOX_EDGES: "a box shrunk by ½ bin on each side gives bin centres",
        CropOrigin.BOX_EDGES_SHIFTED: "box − ½, shrunk by ½ bin on each side, gives bin centres",
    }.get(result.origin, "—")


def origin_rows(reports: Sequence[OriginReport] | None = None) -> list[list[Any]]:
    """The chapter-5 and cheat-sheet table: one row per backend, columns :data:`ORIGIN_COLUMNS`.

    Parameters
    ----------
    reports : sequence of OriginReport, optional
        Default: :func:`probe_origin_backends` on every backend.
    """
    if reports is None:
        reports = probe_origin_backends()
    if (
        isinstance(reports, (str, bytes))
        or not isinstance(reports, (list, tuple))
        or not all(isinstance(r, OriginReport) for r in reports)
    ):
        raise TypeError(f"reports must be a sequence of OriginReport; got {reports!r}")
    rows = []
    for r in reports:
        b = r.backend
        lib = f"{b.library} {r.version}" if r.version else b.library
        if r.status != "ok":
            rows.append(
                [lib, b.op, b.options, r.status if not r.error else f"error: {r.error}", "—", b.article or "", "—"]
            )
            continue
        res = r.result
        if b.kind == "points":
            where = "—" if res.offset is None else "({:.3f}, {:.3f})".format(*(round(v, 3) + 0.0 for v in res.offset))
            measured = res.origin.value + (", (row, col)" if res.swapped else "")
            if res.reason:
                measured += f": {res.reason}"
            if res.interpolation is not None:
                measured += f", {res.interpolation.value}, border {res.border.value if res.border else '?'}"
            fix = res.fix
        elif b.kind == "paste":
            where = "—" if res.offset is None else f"mask starts {round(res.offset, 3) + 0.0:+.3f} px"
            measured = res.origin.value + (f" ({res.reason})" if res.reason else "")
            fix = {"mask_on_box": "none (the mask tiles the box)"}.get(res.origin.value, "—")
            if res.origin.value == "shifted" and res.offset is not None:
                fix = f"move the box by {-res.offset:+.3g} px"
        else:
            where = "—" if res.offset is None else f"{res.offset:+.3f} px ({res.fits[0].offset_bins:.3f} bins)"
            measured = res.origin.value + (f", ratio {res.sampling_ratio}" if res.sampling_ratio else "")
            if res.reason:
                measured += f" ({res.reason})"
            fix = _crop_fix(res)
        rows.append([lib, b.op, b.options, measured, where, b.article or "", fix])
    return rows


def origin_rules(reports: Sequence[OriginReport] | None = None) -> list[list[str]]:
    """The cheat sheet's origin rules: the rows of :func:`origin_rows` grouped by (measured, fix).

    Parameters
    ----------
    reports : sequence of OriginReport, optional
        Default: :func:`probe_origin_backends` on every backend.

    Returns
    -------
    list of [str, str, str]
        ``[calls, measured, fix]``: the calls (``"OpenCV cv2.remap; ..."``, with
        their options only where a call's variants differ) that share a
        measured origin or layout (without kernel and border) and a fix;
        backends not installed or failing are left out.
    """
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for row in origin_rows(reports):
        library, op, options, measured, _, _, fix = (str(v) for v in row)
        if measured in ("not installed",) or measured.startswith("error"):
            continue
        key = (measured.split(",")[0].split(" (")[0].split(":")[0], fix)
        call = f"{library.split()[0]} {op}"
        groups.setdefault(key, {}).setdefault(call, []).append(options)
    # options are named only for a call whose variants fall in different groups (e.g. grid_sample's formulas)
    spread: dict[str, int] = {}
    for calls in groups.values():
        for call in calls:
            spread[call] = spread.get(call, 0) + 1

    def text(call: str, opts: list[str]) -> str:
        named = [o for o in opts if o]
        return f"{call} ({' / '.join(named)})" if spread[call] > 1 and named else call

    return [
        ["; ".join(text(call, opts) for call, opts in calls.items()), measured, fix]
        for (measured, fix), calls in groups.items()
    ]
