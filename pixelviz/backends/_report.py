"""Run the probe on every backend and compare each verdict with the article's table."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .._validate import check_bool, check_callable, check_choice, check_finite_float, check_int, check_pair
from ..conventions import GRID_CONVENTIONS
from ..probe import FIT_PAIR, NEAREST_FIT_PAIR, ProbeKind, ProbeResult, probe_resize
from ..probe.result import UnnamedRounding
from ..tables import Table
from ._isolate import WorkerRequest, WorkerResult, run_workers
from ._registry import Backend, get_backend, list_backends

__all__ = [
    "BackendReport",
    "probe_backends",
    "compare_with_article",
    "report_table",
    "article_rows",
    "ARTICLE_CLAIMS",
    "ARTICLE_ROWS",
]

#: What the article's library table may say of an op: one of its three grids, by symbol, or
#: "buggy" ("buggy, none of the above") / "none" ("none of the above").
ARTICLE_CLAIMS: tuple[str, ...] = tuple(c.symbol for c in GRID_CONVENTIONS) + ("buggy", "none")
_GRID_BY_SYMBOL = {c.symbol: c for c in GRID_CONVENTIONS}
#: The seven rows of the article's library table: (row title, library as in Backend.library, the ops of that
#: row as in Backend.op). A backend belongs to a row when its library and op match and the article makes a claim
#: about it (``Backend.article`` is set).
ARTICLE_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("OpenCV cv2.resize", "OpenCV", ("cv2.resize",)),
    ("Pillow Image.resize", "Pillow", ("Image.resize",)),
    ("scikit-image transform.resize", "scikit-image", ("transform.resize",)),
    ("PyTorch F.interpolate", "PyTorch", ("F.interpolate",)),
    ("PyTorch F.grid_sample", "PyTorch", ("F.grid_sample",)),
    (
        "TensorFlow tf.image.resize (v1 and v2)",
        "TensorFlow",
        ("tf.image.resize", "tf.compat.v1.image.resize_bilinear", "tf.compat.v1.image.resize_nearest_neighbor"),
    ),
    ("TensorFlow tf.image.crop_and_resize", "TensorFlow", ("tf.image.crop_and_resize",)),
)


@dataclasses.dataclass(frozen=True)
class BackendReport:
    """The outcome of probing one backend.

    Attributes
    ----------
    backend : Backend
    status : str
        ``"ok"``, ``"not installed"``, ``"error"`` (the op raised), or, when probed in a worker
        process, ``"crashed"`` (the library's worker died, e.g. on a segfault) or ``"timed out"``.
    version : str or None
        The library's version when installed.
    result : ProbeResult or None
        The probe's verdict (None unless ``status == "ok"``).
    error : str
        What went wrong: the op's message when ``status == "error"``, ``"crashed: signal 11 (SIGSEGV)"``
        or ``"timed out after 60 s"`` for a worker.
    seconds : float
        Wall time of the probe.
    """

    backend: Backend
    status: str
    version: str | None
    result: ProbeResult | None
    error: str = ""
    seconds: float = 0.0

    @property
    def agreement(self) -> tuple[str, str]:
        """``compare_with_article(backend.article, result)``."""
        return compare_with_article(self.backend.article, self.result)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary; the probe result with its measurements (see :meth:`ProbeResult.to_dict`)."""
        agree, note = self.agreement
        return {
            "name": self.backend.name,
            "library": self.backend.library,
            "op": self.backend.op,
            "options": self.backend.options,
            "status": self.status,
            "version": self.version,
            "article": self.backend.article,
            "agrees_with_article": agree,
            "note": note,
            "error": self.error or None,
            "seconds": self.seconds,
            "result": None if self.result is None else self.result.to_dict(),
        }

    @property
    def outcome(self) -> str:
        """The table's text for a report without a verdict: ``"not installed"``, ``"error: ..."``,
        ``"crashed: signal 11 (SIGSEGV)"``, ``"timed out after 60 s"``; the verdict when ok."""
        if self.status == "ok" and self.result is not None:
            return self.result.verdict
        if self.status == "error":
            return f"error: {self.error}"
        return self.error or self.status

    @classmethod
    def from_dict(cls, data: Any) -> BackendReport:
        """The report :meth:`to_dict` wrote (in a worker process); the backend is looked up by name."""
        if not isinstance(data, dict) or "name" not in data or "status" not in data:
            raise TypeError(f"data must be a dict written by BackendReport.to_dict(); got {data!r:.80}")
        result = data.get("result")
        return cls(
            get_backend(data["name"]),
            str(data["status"]),
            data.get("version"),
            None if result is None else ProbeResult.from_dict(result),
            data.get("error") or "",
            float(data.get("seconds") or 0.0),
        )


#: Libraries whose workers start first (slow imports or many ops), so that the fast ones fill the gaps.
_SLOW_FIRST = ("jax", "torch", "tensorflow", "onnxruntime")
#: Libraries built on another one share its worker (one import of torch, not three); a crash there costs
#: the family's rows. TensorFlow, JAX and PyTorch each keep a process of their own.
WORKER_FAMILY = {"torchvision": "torch", "kornia": "torch"}


def _family(library: str) -> str:
    return WORKER_FAMILY.get(library, library)


def _probe_task(names: list[str]) -> Iterator[dict[str, Any]]:
    """Worker task: probe the named backends here, one report (as a dict) per backend."""
    for name in names:
        yield probe_backends([get_backend(name)])[0].to_dict()


def _worker_imports(b: Backend) -> tuple[str, ...] | None:
    """Modules a worker must import to find ``b`` (``()`` for pixelviz's own); None if it cannot."""
    module = getattr(b.factory, "__module__", None) or ""
    if module.startswith("pixelviz.backends."):
        return ()
    if not module or module == "__main__" or module.startswith("__"):
        return None
    return (module,)


def _probe_isolated(
    chosen: list[Backend], timeout: float, jobs: int, progress: Callable[[str], None] | None
) -> list[BackendReport]:
    by_name: dict[str, BackendReport] = {}
    groups: dict[tuple[str, tuple[str, ...]], list[Backend]] = {}
    in_process: list[Backend] = []
    for b in chosen:
        if not b.available():
            by_name[b.name] = BackendReport(b, "not installed", None, None)
            continue
        imports = _worker_imports(b)
        if imports is None:
            in_process.append(b)
        else:
            groups.setdefault((_family(b.name.split(".")[0]), imports), []).append(b)
    order = sorted(groups, key=lambda k: _SLOW_FIRST.index(k[0]) if k[0] in _SLOW_FIRST else len(_SLOW_FIRST))
    requests = [
        WorkerRequest(
            lib, "pixelviz.backends._report:_probe_task", {"names": [b.name for b in groups[(lib, imp)]]}, imp
        )
        for lib, imp in order
    ]

    def report(res: WorkerResult) -> None:
        if progress is None:
            return
        names = res.request.kwargs["names"]
        items = {it["name"]: it for it in res.items if isinstance(it, dict) and "name" in it}
        for lib in dict.fromkeys(n.split(".")[0] for n in names):
            mine = [n for n in names if n.split(".")[0] == lib]
            ops = f"{len(mine)} op" if len(mine) == 1 else f"{len(mine)} ops"
            got = [items[n] for n in mine if n in items]
            version = next((it.get("version") for it in got if it.get("version")), None)
            what = f"{lib} {version}" if version else lib
            how = "cached" if res.cached else f"{sum(float(it.get('seconds') or 0) for it in got):.1f} s"
            if len(got) == len(mine):
                progress(f"probed {what}: {ops}, {how}")
            else:
                progress(f"probed {what}: {res.error} ({len(got)} of {ops} measured), {how}")

    if progress is not None and requests:
        labels = ", ".join(r.label for r in requests)
        progress(f"probing {labels}: one worker process per framework, {jobs} at a time …")
    for res in run_workers(requests, timeout=timeout, jobs=jobs, progress=report):
        for item in res.items:
            rep = BackendReport.from_dict(item)
            by_name[rep.backend.name] = rep
        for name in res.request.kwargs["names"]:
            if name not in by_name:
                # the op the worker died on, and those after it
                status = "error" if res.status == "ok" else res.status
                by_name[name] = BackendReport(get_backend(name), status, None, None, res.error, res.seconds)
    for rep in _probe_in_process(in_process):
        by_name[rep.backend.name] = rep
    return [by_name[b.name] for b in chosen]


def _probe_in_process(chosen: list[Backend]) -> list[BackendReport]:
    reports = []
    for b in chosen:
        if not b.available():
            reports.append(BackendReport(b, "not installed", None, None))
            continue
        start = time.perf_counter()
        try:
            version = b.version()
            result = probe_resize(b.resize)
        except Exception as exc:
            reports.append(
                BackendReport(b, "error", None, None, f"{type(exc).__name__}: {exc}", time.perf_counter() - start)
            )
            continue
        reports.append(BackendReport(b, "ok", version, result, "", time.perf_counter() - start))
    return reports


def probe_backends(
    backends: Sequence[Backend] | None = None,
    *,
    library: str | None = None,
    isolate: bool = False,
    timeout: float = 300.0,
    jobs: int = 2,
    progress: Callable[[str], None] | None = None,
) -> list[BackendReport]:
    """Probe each backend (all registered ones by default, or one library's).

    Backends whose library is missing get ``status="not installed"``; a
    backend that raises gets ``status="error"`` with the message, so one
    broken op never hides the others.

    Parameters
    ----------
    backends : list of Backend, optional
        What to probe (default: every registered backend, or ``library``'s).
    library : str, optional
        A library key (see :func:`~pixelviz.backends.libraries`), e.g. ``"torch"``.
    isolate : bool
        Probe each library in a fresh worker process of its own (``python -m
        pixelviz.backends.worker``), ``jobs`` at a time. TensorFlow and PyTorch
        crash when they share a process; isolated, a library whose worker
        crashes gets rows ``status="crashed"`` (``"crashed: signal 11
        (SIGSEGV)"``), one that runs past ``timeout`` rows ``"timed out"``, and
        the other libraries are still measured. A backend whose op is defined
        in ``__main__`` (not importable by a worker) is probed in this process.
        Set ``PIXELVIZ_PROBE_CACHE`` to a folder to reuse workers' results
        until the installed packages or pixelviz's source change.
    timeout : float
        Seconds a worker may take (``isolate=True`` only).
    jobs : int
        Workers run at the same time (``isolate=True`` only).
    progress : callable, optional
        ``progress(line)`` gets one line of text as each library's worker
        finishes, e.g. ``"probed tensorflow 2.21.0: 12 ops, 3.1 s"`` (``isolate=True`` only).

    Returns
    -------
    list of BackendReport
        One per backend, in the order given (registry order by default).
    """
    if backends is None:
        chosen = list_backends(library)
    else:
        if isinstance(backends, (str, bytes)) or not isinstance(backends, (list, tuple)):
            raise TypeError(f"backends must be a list of Backend (see list_backends) or None; got {backends!r}")
        chosen = list(backends)
        for k, b in enumerate(chosen):
            if not isinstance(b, Backend):
                raise TypeError(f"backends[{k}] must be a Backend (see get_backend); got {b!r}")
    isolate = check_bool("isolate", isolate)
    timeout = check_finite_float("timeout", timeout, positive=True)
    jobs = check_int("jobs", jobs, minimum=1, maximum=64)
    if progress is not None:
        check_callable("progress", progress, "a callable progress(line: str)")
    if isolate:
        return _probe_isolated(chosen, timeout, jobs, progress)
    return _probe_in_process(chosen)


def compare_with_article(claim: str | None, result: ProbeResult | None) -> tuple[str, str]:
    """Does a measured verdict agree with what the article's table says?

    Parameters
    ----------
    claim : str or None
        The article's entry: ``"①"``, ``"②"``, ``"③"``, ``"buggy"`` (its
        "buggy, none of the above") or ``"none"`` ("none of the above"); None
        when the article has no row.
    result : ProbeResult or None

    Returns
    -------
    (str, str)
        ``("yes" | "no" | "partly" | "—", note)``. A candidate agrees with a
        grid when its :attr:`~pixelviz.conventions.Convention.grid` is that
        grid (``pytorch_half_pixel`` is ②, ``tf_crop_and_resize`` ①). A filter
        whose centers follow the claimed grid is ``"partly"``: right grid, but
        not a pure interpolation when downsampling. ``"buggy"``/``"none"``
        agree unless the measurement names one of ①②③ with a standard
        rounding, which the note then gives.
    """
    if claim is not None and claim not in ARTICLE_CLAIMS:
        raise ValueError(f"claim must be one of {list(ARTICLE_CLAIMS)} or None; got {claim!r}")
    if result is not None and not isinstance(result, ProbeResult):
        raise TypeError(f"result must be a ProbeResult or None; got {type(result).__name__}")
    if claim is None or result is None:
        return "—", ""
    grids = {c.grid for c in result.candidates}
    if claim in _GRID_BY_SYMBOL:
        want = _GRID_BY_SYMBOL[claim]
        if result.kind is ProbeKind.FILTER:
            if want in result.grids:
                return "partly", (
                    f"grid {claim} for the filter centers, but downsampling is a filter, not an interpolation"
                )
            return "no", f"article {claim}; measured {result.verdict}"
        if want in grids:
            if result.kind is ProbeKind.NEAREST and result.rounding not in (None, UnnamedRounding.NONE):
                return "yes", f"rounding: {result.rounding}"
            return "yes", ""
        return "no", f"article {claim}; measured {result.verdict}"
    # "buggy" / "none of the above"
    for grid in GRID_CONVENTIONS:
        if grid in grids:
            what = f"{grid.symbol} with {result.rounding} rounding" if result.kind is ProbeKind.NEAREST else grid.symbol
            return "no", f"article: none of ①②③; measured: {what}"
    return "yes", f"measured {result.verdict}"


def report_table(
    reports: Sequence[BackendReport],
    *,
    show_missing: bool = True,
    library: str | None = None,
    pair: tuple[int, int] = FIT_PAIR,
    nearest_pair: tuple[int, int] = NEAREST_FIT_PAIR,
    extra: Mapping[str, Mapping[str, str]] | None = None,
) -> Table:
    """One row per backend: op, options, measured verdict, fitted map, the article's claim, agreement.

    Parameters
    ----------
    reports : sequence of BackendReport
        From :func:`probe_backends`.
    show_missing : bool
        Keep rows of libraries that are not installed (verdict "not installed").
    library : str, optional
        Only this library's rows (e.g. ``"OpenCV"``); the ``library`` column is
        then left out, since the caller titles the table with it.
    pair : (int, int)
        The measured size pair whose fit the table shows (default
        ``pixelviz.probe.FIT_PAIR``, 24 → 36).
    nearest_pair : (int, int)
        The pair whose picks nearest ops show (default
        ``pixelviz.probe.NEAREST_FIT_PAIR``, 24 → 47, where different rounding
        rules give different picks).
    extra : mapping of str to mapping of str to str, optional
        More columns, ``{title: {backend name: cell}}`` (e.g. chapter 4's
        "reproduced by"); a backend missing from a column gets ``""``.

    Returns
    -------
    Table
        Columns ``library``, ``version``, ``op`` and ``options`` (merged into one
        ``op and options`` column when ``library`` is given), ``measured``,
        ``fitted map N→M`` (``x = a·i + b`` for interpolations
        and filters, the first source indices picked for nearest ops),
        ``article`` and ``agrees?`` (``yes`` / ``no`` / ``partly`` / ``—``; the
        reasons are in :attr:`BackendReport.agreement`).
    """
    rows = []
    if isinstance(reports, (str, bytes)) or not isinstance(reports, (list, tuple)):
        raise TypeError(f"reports must be a list of BackendReport (from probe_backends); got {reports!r}")
    reports = list(reports)
    for k, r in enumerate(reports):
        if not isinstance(r, BackendReport):
            raise TypeError(f"reports[{k}] must be a BackendReport; got {type(r).__name__}")
    check_bool("show_missing", show_missing)
    if library is not None:
        check_choice("library", library, sorted({b.library for b in list_backends()}))
    fit_pair: tuple[int, int] = check_pair("pair", pair, what="(in_size, out_size)")
    pick_pair: tuple[int, int] = check_pair("nearest_pair", nearest_pair, what="(in_size, out_size)")
    any_nearest = False
    columns = _check_extra(extra)
    for r in reports:
        b = r.backend
        if library is not None and b.library != library:
            continue
        # a library's own table merges op and options into one cell to stay narrow
        lead = [b.label] if library is not None else [b.library, r.version or "—", b.op, b.options]
        if r.status != "ok" or r.result is None:
            if show_missing:
                rows.append(
                    lead + [r.outcome, "", b.article or "—", ""] + [col.get(b.name, "") for col in columns.values()]
                )
            continue
        nearest = r.result.kind is ProbeKind.NEAREST
        any_nearest |= nearest
        fit = r.result.fit_row(pick_pair if nearest else fit_pair)
        rows.append(
            lead
            + [r.result.verdict, fit, b.article or "—", r.agreement[0]]
            + [col.get(b.name, "") for col in columns.values()]
        )
    fit_header = f"fitted map {fit_pair[0]}→{fit_pair[1]}"
    if any_nearest and pick_pair != fit_pair:
        fit_header += f" (nearest: picks of {pick_pair[0]}→{pick_pair[1]})"
    headers = ["measured", fit_header, "article", "agrees?", *columns]
    return Table(
        (["op and options"] if library is not None else ["library", "version", "op", "options"]) + headers, rows
    )


def article_rows(reports: Sequence[BackendReport]) -> Table:
    """One row per row of the article's library table (:data:`ARTICLE_ROWS`): was it measured here?

    Parameters
    ----------
    reports : sequence of BackendReport
        From :func:`probe_backends` (all libraries, for every row to be found).

    Returns
    -------
    Table
        Columns ``article's row``, ``version`` (of the library that measured it, ``—`` if none),
        ``status`` (``"measured"`` when every op of the row with an article claim was measured,
        ``"measured k of n ops"``, ``"not installed"``, or the first failure such as
        ``"crashed: signal 11 (SIGSEGV)"``) and ``agrees with the article`` (how many of the row's
        ops agree: ``yes``/``partly``/``no`` counts).
    """
    if isinstance(reports, (str, bytes)) or not isinstance(reports, (list, tuple)):
        raise TypeError(f"reports must be a list of BackendReport (from probe_backends); got {reports!r}")
    for k, r in enumerate(reports):
        if not isinstance(r, BackendReport):
            raise TypeError(f"reports[{k}] must be a BackendReport; got {type(r).__name__}")
    rows = []
    for title, library, ops in ARTICLE_ROWS:
        mine = [r for r in reports if r.backend.library == library and r.backend.op in ops and r.backend.article]
        ok = [r for r in mine if r.status == "ok" and r.result is not None]
        version = next((r.version for r in ok if r.version), "—")
        if not mine:
            status = "not probed"
        elif len(ok) == len(mine):
            status = "measured"
        elif ok:
            status = f"measured {len(ok)} of {len(mine)} ops"
        else:
            status = next((r.outcome for r in mine if r.status != "not installed"), "not installed")
        counts: dict[str, int] = {}
        for r in ok:
            agree = r.agreement[0]
            counts[agree] = counts.get(agree, 0) + 1
        agreement = ", ".join(f"{k} {counts[k]}" for k in ("yes", "partly", "no") if k in counts) or "—"
        rows.append([title, version, status, agreement])
    return Table(["article's row", "version", "status", "agrees with the article"], rows)


def _check_extra(extra: Any) -> dict[str, Mapping[str, str]]:
    if extra is None:
        return {}
    if not isinstance(extra, Mapping):
        raise TypeError(f"extra must be a mapping of column title to {{backend name: cell}}; got {extra!r}")
    for title, col in extra.items():
        if not isinstance(title, str) or not isinstance(col, Mapping):
            raise TypeError(f"extra must map str titles to {{backend name: cell}} mappings; got {title!r}: {col!r}")
    return dict(extra)
