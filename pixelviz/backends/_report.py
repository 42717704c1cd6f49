"""Run the probe on every backend and compare each verdict with the article's table."""

from __future__ import annotations

import dataclasses
import time
from typing import Sequence

from ..conventions import Convention
from ..probe import ProbeResult, probe_resize
from ..tables import Table
from ._registry import Backend, list_backends

__all__ = ["BackendReport", "probe_backends", "compare_with_article", "report_table"]

# The article's symbols, as the conventions that may carry them.
_CLAIMS = {
    "①": {Convention.ALIGN_CORNERS.value, Convention.TF_CROP_AND_RESIZE.value},
    "②": {Convention.HALF_PIXEL.value, Convention.HALF_PIXEL_SYMMETRIC.value},
    "③": {Convention.ASYMMETRIC.value},
}


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

    def to_dict(self) -> dict:
        agree, note = self.agreement
        return {"name": self.backend.name, "library": self.backend.library, "op": self.backend.op,
                "options": self.backend.options, "status": self.status, "version": self.version,
                "article": self.backend.article, "agrees_with_article": agree, "note": note,
                "error": self.error or None,
                "result": None if self.result is None else self.result.to_dict()}


def probe_backends(backends: Sequence[Backend] | None = None, *, library: str | None = None) -> list[BackendReport]:
    """Probe each backend (all registered ones by default, or one library's).

    Backends whose library is missing get ``status="not installed"``; a
    backend that raises gets ``status="error"`` with the message, so one
    broken op never hides the others.
    """
    chosen = list(backends) if backends is not None else list_backends(library)
    reports = []
    for b in chosen:
        if not b.available():
            reports.append(BackendReport(b, "not installed", None, None))
            continue
        start = time.perf_counter()
        try:
            version = b.version()
            result = probe_resize(b.resize)
        except Exception as exc:  # noqa: BLE001 - reported, not hidden
            reports.append(BackendReport(b, "error", None, None, f"{type(exc).__name__}: {exc}",
                                         time.perf_counter() - start))
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
        ``("yes" | "no" | "partly" | "—", note)``. A filter whose centers
        follow the claimed grid is ``"partly"``: right grid, but not a pure
        interpolation when downsampling. ``"buggy"``/``"none"`` agree unless
        the measurement names one of ①②③ with a standard rounding, which the
        note then gives.
    """
    if claim is None or result is None:
        return "—", ""
    names = set(result.candidates)
    if claim in _CLAIMS:
        want = _CLAIMS[claim]
        if result.kind == "filter":
            if want & set(result.center_candidates):
                return "partly", f"grid {claim} for the filter centers, but downsampling is a filter, not an interpolation"
            return "no", f"article {claim}; measured {result.verdict}"
        if want & names:
            if result.kind == "nearest" and result.rounding not in (None, "none"):
                return "yes", f"rounding: {result.rounding}"
            return "yes", ""
        return "no", f"article {claim}; measured {result.verdict}"
    # "buggy" / "none of the above"
    for symbol, want in _CLAIMS.items():
        if want & names:
            what = f"{symbol} with {result.rounding} rounding" if result.kind == "nearest" else symbol
            return "no", f"article: none of ①②③; measured: {what}"
    return "yes", f"measured {result.verdict}"


def report_table(reports: Sequence[BackendReport], *, show_missing: bool = True,
                 library: str | None = None) -> Table:
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

    Returns
    -------
    Table
        Columns ``library``, ``version``, ``op`` and ``options`` (merged into one
        ``op and options`` column when ``library`` is given), ``measured``, ``fitted map 24→36`` (``x = a·i + b`` for interpolations
        and filters, the first source indices picked for nearest ops),
        ``article`` and ``agrees?`` (``yes`` / ``no`` / ``partly`` / ``—``; the
        reasons are in :attr:`BackendReport.agreement`).
    """
    rows = []
    for r in reports:
        b = r.backend
        if library is not None and b.library != library:
            continue
        # a library's own table merges op and options into one cell to stay narrow
        lead = [f"{b.op} {b.options}".strip()] if library is not None else [b.library, r.version or "—", b.op,
                                                                           b.options]
        if r.status != "ok":
            if show_missing:
                rows.append(lead + [r.status if not r.error else f"error: {r.error}", "", b.article or "—", ""])
            continue
        res = r.result
        fit = next((p for p in res.pairs if (p.in_size, p.out_size) == (24, 36)), None)
        if fit is None:
            fit_text = ""
        elif res.kind == "nearest":
            fit_text = "picks " + " ".join(str(int(v)) for v in fit.picks[:8]) + " …"
        else:
            fit_text = fit.fit_text().split(": ", 1)[1]
        rows.append(lead + [res.verdict, fit_text, b.article or "—", r.agreement[0]])
    headers = ["measured", "fitted map 24→36", "article", "agrees?"]
    return Table((["op and options"] if library is not None else ["library", "version", "op", "options"])
                 + headers, rows)
