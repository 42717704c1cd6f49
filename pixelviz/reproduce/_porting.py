"""Porting: for an op of one library, the call in each other installed library that gives its pixels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .._validate import check_int
from ..backends._registry import get_backend, list_backends
from ..conventions import GRID_CONVENTIONS
from ..probe import ProbeKind, ProbeResult
from ..tables import Table
from ._compare import FLOAT32, _classify
from ._equivalent import EquivalenceMatrix
from ._recipe import Recipe

__all__ = ["order_by_convention", "convention_bands", "porting_table", "porting_summary", "groups_table"]


def _grid_rank(result: ProbeResult | None) -> tuple[int, int]:
    if result is None:
        return (len(GRID_CONVENTIONS) + 1, 9)
    grids = sorted(result.grids, key=list(GRID_CONVENTIONS).index)
    kind = [ProbeKind.INTERPOLATION, ProbeKind.NEAREST, ProbeKind.FILTER, ProbeKind.INCONCLUSIVE].index(result.kind)
    return (GRID_CONVENTIONS.index(grids[0]) if grids else len(GRID_CONVENTIONS), kind)


def _check_probes(probes: object) -> Mapping[str, ProbeResult | None]:
    if not isinstance(probes, Mapping):
        raise TypeError(f"probes must be a mapping of op name to ProbeResult; got {type(probes).__name__}")
    for name, r in probes.items():
        if r is not None and not isinstance(r, ProbeResult):
            raise TypeError(f"probes[{name!r}] must be a ProbeResult or None; got {type(r).__name__}")
    return probes


def _check_recipes(recipes: object) -> Mapping[str, Recipe]:
    if not isinstance(recipes, Mapping):
        raise TypeError(f"recipes must be a mapping of op name to Recipe; got {type(recipes).__name__}")
    for name, r in recipes.items():
        if not isinstance(r, Recipe):
            raise TypeError(f"recipes[{name!r}] must be a Recipe (from reproduce_resize); got {type(r).__name__}")
    return recipes


def order_by_convention(probes: Mapping[str, ProbeResult | None], groups: Sequence[Sequence[str]] = ()) -> list[str]:
    """Op names sorted by the grid of their probe verdict (① ② ③, then unnamed), then kind, then as given.

    Members of one of ``groups`` (e.g. :attr:`EquivalenceMatrix.groups`) are
    kept next to each other, at the place of the group's first member, so
    that a heatmap shows each group as one block.

    Examples
    --------
    >>> import pixelviz as pv
    >>> ac = pv.probe_resize(lambda x, m: pv.resize(x, m, convention="align_corners"))
    >>> hp = pv.probe_resize(lambda x, m: pv.resize(x, m))
    >>> order_by_convention({"hp": hp, "ac": ac})
    ['ac', 'hp']
    """
    probes = _check_probes(probes)
    if isinstance(groups, (str, bytes)) or not isinstance(groups, (list, tuple)):
        raise TypeError(f"groups must be a list of lists of op names; got {groups!r}")
    names = list(probes)
    base = sorted(names, key=lambda n: (*_grid_rank(probes[n]), names.index(n)))
    leader: dict[str, str] = {}
    for k, g in enumerate(groups):
        if isinstance(g, (str, bytes)) or not isinstance(g, (list, tuple)):
            raise TypeError(f"groups[{k}] must be a list of op names; got {g!r}")
        members = [n for n in base if n in g]
        for n in members:
            leader[n] = members[0] if members else n
    first = {n: base.index(leader.get(n, n)) for n in base}
    return sorted(base, key=lambda n: (first[n], base.index(n)))


_KIND_WORDS = {
    ProbeKind.INTERPOLATION: "",
    ProbeKind.NEAREST: " nearest",
    ProbeKind.FILTER: " + filter",
    ProbeKind.INCONCLUSIVE: " (inconclusive)",
}


def convention_bands(probes: Mapping[str, ProbeResult | None], order: Sequence[str]) -> list[str]:
    """The band label of each op in ``order``: the grid its probe measured and its kind.

    The rows of :func:`order_by_convention` fall into runs of equal labels
    (``"② half_pixel"``, ``"③ asymmetric nearest"``, ``"② half_pixel + filter"``,
    ``"no grid"`` ...), which :func:`pixelviz.plot.plot_equivalence_matrix`
    draws as labelled bands instead of one label per op.

    Examples
    --------
    >>> import pixelviz as pv
    >>> hp = pv.probe_resize(lambda x, m: pv.resize(x, m))
    >>> convention_bands({"hp": hp, "?": None}, ["hp", "?"])
    ['② half_pixel', 'not measured']
    """
    probes = _check_probes(probes)
    if isinstance(order, (str, bytes)) or not isinstance(order, (list, tuple)):
        raise TypeError(f"order must be a list of op names; got {order!r}")
    missing = [n for n in order if n not in probes]
    if missing:
        raise ValueError(f"order must name ops of probes; these are not there: {missing}")
    labels = []
    for name in order:
        result = probes[name]
        if result is None:
            labels.append("not measured")
            continue
        grids = sorted(result.grids, key=list(GRID_CONVENTIONS).index)
        grid = grids[0].label if grids else "no grid"
        labels.append(grid + _KIND_WORDS[result.kind])
    return labels


def _library(name: str) -> str:
    return get_backend(name).library


def porting_table(
    matrix: EquivalenceMatrix, recipes: Mapping[str, Recipe], sources: Sequence[str], *, digits: int = 1
) -> Table:
    """For each op in ``sources``, the closest op of every other library, verified on the shared inputs.

    A cell names the other library's op when it gives the same pixels
    (≤ 1e-4, its max error in brackets); otherwise ``"none: use
    pixelviz.resize(...)"`` with the source's recipe when it has one, or
    ``"none"`` with the closest op's error.
    """
    if not isinstance(matrix, EquivalenceMatrix):
        raise TypeError(f"matrix must be an EquivalenceMatrix (from equivalence_matrix); got {type(matrix).__name__}")
    recipes = _check_recipes(recipes)
    if isinstance(sources, (str, bytes)) or not isinstance(sources, (list, tuple)):
        raise TypeError(f"sources must be a list of backend names; got {sources!r}")
    for k, src in enumerate(sources):
        if not isinstance(src, str):
            raise TypeError(f"sources[{k}] must be a backend name (str); got {src!r}")
    digits = check_int("digits", digits, minimum=1, maximum=6)
    libs = [
        lib for lib in dict.fromkeys(b.library for b in list_backends()) if lib in {_library(n) for n in matrix.names}
    ]
    rows = []
    for src in sources:
        if src not in matrix.names:
            continue
        i = matrix.names.index(src)
        row = [get_backend(src).label]
        for lib in libs:
            if lib == _library(src):
                row.append("(itself)")
                continue
            cands = [(matrix.errors[i, j], n) for j, n in enumerate(matrix.names) if _library(n) == lib]
            cands = [(e, n) for e, n in cands if np.isfinite(e)]
            if not cands:
                row.append("—")
                continue
            err, best = min(cands)
            if _classify(float(err)) != "different":
                row.append(f"{get_backend(best).label} ({err:.{digits}g})")
            elif src in recipes and recipes[src].matched:
                row.append(f"none (closest {err:.2g}): use the recipe")
            else:
                row.append(f"none (closest {get_backend(best).label}: {err:.2g})")
        recipe = recipes.get(src)
        row.append(recipe.text if recipe is not None else "—")
        rows.append(row)
    return Table(["op", *libs, "pixelviz.resize recipe"], rows)


def porting_summary(matrix: EquivalenceMatrix, recipes: Mapping[str, Recipe], sources: Sequence[str]) -> Table:
    """The cheat sheet's porting table: per op, the other ops with the same pixels, and its recipe.

    "Same pixels" is within 1e-4 on the shared inputs; ops of ``sources``
    that give the same pixels as each other share one row (the first
    column lists them), so each group of interchangeable ops is printed
    once. The recipe column is :attr:`Recipe.call`'s keywords, or ``"none"``
    when no setting reproduces the op.
    """
    if not isinstance(matrix, EquivalenceMatrix):
        raise TypeError(f"matrix must be an EquivalenceMatrix (from equivalence_matrix); got {type(matrix).__name__}")
    recipes = _check_recipes(recipes)
    if isinstance(sources, (str, bytes)) or not isinstance(sources, (list, tuple)):
        raise TypeError(f"sources must be a list of backend names; got {sources!r}")
    for src in sources:
        if not isinstance(src, str):
            raise TypeError(f"sources must hold backend names (str); got {src!r}")
    shown = [src for src in sources if src in matrix.names]
    same: dict[str, frozenset[str]] = {}  # op -> every op (itself included) with its pixels
    for src in shown:
        i = matrix.names.index(src)
        same[src] = frozenset(
            n for j, n in enumerate(matrix.names) if np.isfinite(matrix.errors[i, j]) and matrix.errors[i, j] <= FLOAT32
        )
    rows = []
    done: set[str] = set()
    for src in shown:  # sources with the same pixels as each other share one row
        if src in done:
            continue
        alike = [o for o in shown if o not in done and same[o] == same[src]]
        done.update(alike)
        twins = [get_backend(n).label for n in matrix.names if n in same[src] and n not in alike]
        r = recipes.get(src)
        recipe = "—" if r is None else (", ".join(f"{k}={v!r}" for k, v in r.kwargs.items()) if r.matched else "none")
        rows.append(["; ".join(get_backend(o).label for o in alike), "; ".join(twins) or "none", recipe])
    return Table(["op", "same pixels (≤ 1e-4) in", "pixelviz.resize"], rows)


def groups_table(matrix: EquivalenceMatrix, probes: Mapping[str, ProbeResult | None]) -> Table:
    """One row per group of interchangeable ops: its grid, its members, the largest error inside it."""
    if not isinstance(matrix, EquivalenceMatrix):
        raise TypeError(f"matrix must be an EquivalenceMatrix (from equivalence_matrix); got {type(matrix).__name__}")
    probes = _check_probes(probes)
    rows = []
    for group in matrix.groups:
        r = probes.get(group[0])
        rows.append(
            [
                "—" if r is None else r.verdict,
                len(group),
                "; ".join(get_backend(n).label + f" ({_library(n)})" for n in group),
                f"{matrix.group_diameter(group):.1g}",
            ]
        )
    return Table(["measured", "ops", "interchangeable ops", "max error inside"], rows)
