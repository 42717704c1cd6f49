"""Exercises with self-checks for the book's chapters.

Each chapter ends with a few exercises. The reader writes a small function (or
predicts a number) and runs ``check(name, answer)``, which compares it with a
reference computed by the pixelviz function that owns the formula, on several
inputs including edge cases, and answers with a specific hint: the input that
failed, expected vs got, and which known convention or slip the answer
reproduces (③ where ② was asked, ``W − 1 − x`` where ``W − x`` was asked, ...).

A stub that raises ``NotImplementedError`` (or an answer of ``None`` / ``...``)
is reported as "not attempted yet", never raised, so the notebooks run top to
bottom.

Examples
--------
>>> from pixelviz.exercises import check
>>> check("grid.source_coord", lambda i, N, M: i * N / M).matches
'③ asymmetric'
>>> def stub(i, N, M):
...     raise NotImplementedError
>>> check("grid.source_coord", stub).status
'not attempted'
"""

from __future__ import annotations

from . import detectron, grid, libraries, origin, resize2x
from ._core import Alternative, Exercise, Result, check, exercise_names, get_exercise, register

__all__ = [
    "check",
    "Result",
    "Exercise",
    "Alternative",
    "register",
    "get_exercise",
    "exercise_names",
    "grid",
    "origin",
    "resize2x",
    "libraries",
    "detectron",
]
