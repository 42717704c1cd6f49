"""Run the probe on every backend and compare each verdict with the article's table."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from typing import Any

from .._validate import check_bool, check_choice, check_pair
from ..conventions import GRID_CONVENTIONS
from ..probe import FIT_PAIR, ProbeKind, ProbeResult, probe_resize
from ..probe.result import UnnamedRounding
from ..tables import Table
from ._registry import Backend, list_backends

__all__ = ["BackendReport", "probe_backends", "compare_with_article", "report_table", "ARTICLE_CLAIMS"]

#: What the article's library table may say of an op: one of its three grids, by symbol, or
#: "buggy" ("buggy, none of the above") / "none" ("none of the above").
ARTICLE_CLAIMS: tuple[str, ...] = tuple(c.symbol for c in GRID_CONVENTIONS) + ("buggy", "none")
_GRID_BY_SYMBOL = {c.symbol: c for c in GRID_CONVENTIONS}


@dataclasses.dataclass(frozen=True)
class BackendReport:
    """The outcome of probing one backend.

    Attributes
    ----------
    backend : Backend
    status : str
        ``"ok"``, ``"not installed"`` or ``"error"``.
    version : str or None
        The library's version when installed.
    result : ProbeResult or None
        The probe's verdict (None unless ``status == "ok"``).
    error : str
        The error message when ``status == "error"``.
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
            "result": None if self.result is None else self.result.to_dict(),
        }


def probe_backends(backends: Sequence[Backend] | None = None, *, library: str | None = None) -> list[BackendReport]:
    """Probe each backend (all registered ones by default, or one library's).

    Backends whose library is missing get ``status="not installed"``; a
    backend that raises gets ``status="error"`` with the message, so one
    broken op never hides the others.
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
                    lead
                    + [r.status if not r.error else f"error: {r.error}", "", b.article or "—", ""]
                    + [col.get(b.name, "") for col in columns.values()]
                )
            continue
        rows.append(
            lead
            + [r.result.verdict, r.result.fit_row(fit_pair), b.article or "—", r.agreement[0]]
            + [col.get(b.name, "") for col in columns.values()]
        )
    headers = ["measured", f"fitted map {fit_pair[0]}→{fit_pair[1]}", "article", "agrees?", *columns]
    return Table(
        (["op and options"] if library is not None else ["library", "version", "op", "options"]) + headers, rows
    )


def _check_extra(extra: Any) -> dict[str, Mapping[str, str]]:
    if extra is None:
        return {}
    if not isinstance(extra, Mapping):
        raise TypeError(f"extra must be a mapping of column title to {{backend name: cell}}; got {extra!r}")
    for title, col in extra.items():
        if not isinstance(title, str) or not isinstance(col, Mapping):
            raise TypeError(f"extra must map str titles to {{backend name: cell}} mappings; got {title!r}: {col!r}")
    return dict(extra)
