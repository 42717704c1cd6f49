"""The answer of :func:`pixelviz.reproduce_resize`: a :class:`Recipe`."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from ._compare import FLOAT32, Difference, _classify
from ._space import Candidate

__all__ = ["Recipe"]


@dataclasses.dataclass(frozen=True)
class Recipe:
    """The ``pixelviz.resize`` call that reproduces an op, and how well it does.

    Attributes
    ----------
    candidate : Candidate
        The closest setting found: ``pixelviz.resize(x, size, **recipe.kwargs)``
        (with ``scale=recipe.scale(N, M)`` when its scale rule is not the default).
    max_error : float
        Largest absolute difference between the op and the setting over every
        fit and verification pair (the verification pairs were not used to choose).
    fit_error : float
        The same on the pairs the setting was chosen on.
    verify : Difference
        Where the setting and the op differ on the verification pairs.
    probe : str
        The probe's verdict the search was pruned by.
    tried : int
        Number of settings compared.
    alternatives : tuple of (str, float)
        The next-closest settings of other modes or definitions, with their max error.
    reason : str
        Why the recipe is or is not a match (e.g. "not a linear map").
    uint8 : str or None
        What the op's uint8 path does beside the recipe (the
        :attr:`~pixelviz.reproduce.Uint8Behaviour.text` of
        :func:`~pixelviz.reproduce.uint8_behaviour`, e.g. "rounds half away
        from zero"); None when not asked for (``reproduce_resize(uint8_fn=...)``).
    """

    candidate: Candidate
    max_error: float
    fit_error: float
    verify: Difference
    probe: str
    tried: int
    alternatives: tuple[tuple[str, float], ...] = ()
    reason: str = ""
    uint8: str | None = None

    @property
    def kwargs(self) -> dict[str, Any]:
        """The keywords of ``pixelviz.resize`` (only those that differ from its defaults, plus mode and convention)."""
        return self.candidate.kwargs

    @property
    def matched(self) -> bool:
        """True when the setting reproduces the op to 1e-4 on every pair (fit and verification)."""
        return bool(np.isfinite(self.max_error) and self.max_error <= FLOAT32)

    @property
    def kind(self) -> str:
        """``"identical"`` (≤ 1e-6), ``"float32"`` (≤ 1e-4) or ``"different"``."""
        return _classify(self.max_error)

    def scale(self, n: int, m: int) -> float | None:
        """The ``scale=`` to pass for an ``n -> m`` resize (None for the default ``M / N``)."""
        return self.candidate.scale(n, m)

    @property
    def call(self) -> str:
        """The call as text: ``"pixelviz.resize(x, size, mode='linear', convention='half_pixel')"``."""
        return self.candidate.call_text()

    @property
    def text(self) -> str:
        """One line for a table: the call and its error, or what differs."""
        short = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        if self.candidate.scale_rule != "size":
            short += ", scale=(M-1)/(N-1)"
        on_uint8 = "" if self.uint8 is None else f"; on uint8: {self.uint8}"
        if self.matched:
            return f"{short} ({self.kind}, max {self.max_error:.1g}){on_uint8}"
        return f"none; closest {short}: {self.verify.text if not self.reason else self.reason}{on_uint8}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (the CLI's ``--json``)."""
        return {
            "matched": self.matched,
            "kind": self.kind,
            "call": self.call,
            "kwargs": {k: (v.value if hasattr(v, "value") else v) for k, v in self.kwargs.items()},
            "scale_rule": self.candidate.scale_rule,
            "max_error": _num(self.max_error),
            "fit_error": _num(self.fit_error),
            "differs": None if self.matched else (self.reason or self.verify.where),
            "worst_pair": list(self.verify.worst_pair) if self.verify.worst_pair else None,
            "probe": self.probe,
            "tried": self.tried,
            "alternatives": [[c, _num(e)] for c, e in self.alternatives],
            "uint8": self.uint8,
        }


def _num(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None
