"""The exercise machinery: a registry, a checker and the result it displays.

An :class:`Exercise` pairs a reference answer (computed by the pixelviz
function that owns the formula) with test inputs and a list of
:class:`Alternative` answers: the plausible wrong answers a reader may give
(another grid convention, the index flip instead of the coordinate flip, the
legacy ``+1`` width ...). :func:`check` runs the reader's answer on every
input, and when it disagrees with the reference it looks for the alternative
that reproduces the reader's answer, so the hint can say *which* convention
the answer follows instead of a bare "wrong".
"""

from __future__ import annotations

import copy
import enum
import html
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .._validate import check_choice

__all__ = ["Alternative", "Exercise", "Result", "register", "get_exercise", "exercise_names", "check"]

#: Absolute and relative tolerance when comparing numbers (float32 answers pass).
ATOL = RTOL = 1e-6


@dataclass(frozen=True)
class Alternative:
    """A plausible wrong answer, recognized so the hint can name it.

    Parameters
    ----------
    label : str
        What the answer is, e.g. ``"③ asymmetric: x = i·N/M"``.
    fn : callable
        Same signature as the exercise's reference; computes this answer.
        It may raise for inputs where the alternative is undefined: those
        inputs are skipped when matching.
    hint : str
        What to change, e.g. ``"② samples sit at cell centers: add ½ to i"``.
    """

    label: str
    fn: Callable[..., Any]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: what is asked, the reference, the inputs and the known slips.

    Parameters
    ----------
    name : str
        Registry key used by :func:`check`, ``"<chapter>.<short name>"``.
    title : str
        Short title shown in results.
    reference : callable
        Computes the right answer for one input (``reference(*case)``); for a
        value exercise it takes no argument.
    cases : sequence of tuple
        Argument tuples passed to the reader's function, edge cases included.
        A value exercise has the single case ``()``.
    arg_names : sequence of str
        Names of the arguments, to describe a failing case.
    alternatives : sequence of Alternative
        Known wrong answers, tried in order; the first one that reproduces
        the reader's answer on every input names it in the hint.
    kind : {"function", "value"}
        Whether the reader hands in a function or a value.
    normalize : callable
        Turns an answer (the reader's, the reference's or an alternative's)
        into a canonical form for comparison; raising ``TypeError`` or
        ``ValueError`` means "this answer cannot be read".
    expects : str
        What the answer should look like, quoted when it cannot be read.
    show_arg : callable, optional
        ``show_arg(name, value) -> str`` to print an argument (e.g. a
        function argument by its name); defaults to ``repr``.
    fallback : str
        Advice when the answer is wrong in a way no alternative explains.
    """

    name: str
    title: str
    reference: Callable[..., Any]
    cases: tuple[tuple, ...]
    arg_names: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    kind: str = "function"
    normalize: Callable[[Any], Any] = field(default=None)  # type: ignore[assignment]
    expects: str = "a number or an array of numbers"
    show_arg: Callable[[str, Any], str] | None = None
    fallback: str = "Compare your formula with the chapter's table on the input shown."

    def describe(self, case: tuple) -> str:
        """The input ``case`` as ``"i=0, N=4, M=8"``."""
        show = self.show_arg or (lambda _n, v: _short(v))
        names = self.arg_names or tuple(f"arg{k}" for k in range(len(case)))
        return ", ".join(f"{n}={show(n, v)}" for n, v in zip(names, case))


_REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (its name must be new) and return it."""
    if exercise.name in _REGISTRY:
        raise ValueError(f"exercise name must be unique; got {exercise.name!r} twice")
    if exercise.kind not in ("function", "value"):
        raise ValueError(f"kind must be 'function' or 'value'; got {exercise.kind!r}")
    if exercise.kind == "value" and exercise.cases != ((),):
        raise ValueError(f"a value exercise must have cases=((),); got {exercise.cases!r}")
    _REGISTRY[exercise.name] = exercise
    return exercise


def exercise_names() -> list[str]:
    """Names of every registered exercise, in registration (book) order."""
    return list(_REGISTRY)


def get_exercise(name: str) -> Exercise:
    """The registered exercise called ``name``, with a did-you-mean hint if unknown."""
    if not isinstance(name, str):
        raise TypeError(f"name must be an exercise name (str); got {name!r}")
    return _REGISTRY[check_choice("name", name, list(_REGISTRY))]


# ----------------------------------------------------------------- comparing
def as_float_array(value: Any) -> np.ndarray:
    """Default normalizer: a float64 array (scalars become 0-d arrays)."""
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise TypeError(f"expected numbers; got {value!r}")
    arr = np.asarray(value, dtype=np.float64)
    return arr


def same(a: Any, b: Any) -> bool:
    """Whether two normalized answers agree (numbers within ``ATOL``/``RTOL``)."""
    if isinstance(a, (numbers.Number, np.generic)) and isinstance(b, (numbers.Number, np.generic)):
        a, b = np.asarray(a), np.asarray(b)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fiub" and b.dtype.kind in "fiub":
            return bool(np.allclose(a, b, atol=ATOL, rtol=RTOL, equal_nan=False))
        return bool(np.array_equal(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _short(value: Any, limit: int = 80) -> str:
    """A compact, readable rendering of an answer or an argument."""
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            value = value.item()
        else:
            value = value.tolist()
    if isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{_short(k)}: {_short(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(_short(v) for v in value)
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------- results
# Plain symbols from fonts every browser has (emoji such as ✅ render as boxes without an emoji font).
_ICON = {"passed": "✓", "failed": "✗", "not attempted": "✏", "error": "⚠"}
_COLOR = {"passed": "#2e7d32", "failed": "#c62828", "not attempted": "#757575", "error": "#ef6c00"}


@dataclass
class Result:
    """What :func:`check` found; displays as a short Markdown note in Jupyter.

    Attributes
    ----------
    name, title : str
        The exercise.
    status : {"passed", "failed", "not attempted", "error"}
        ``"error"``: the answer raised (other than ``NotImplementedError``) or
        could not be read.
    hint : str
        One or two sentences saying what was found and what to change.
    case : str or None
        The first input on which the answer disagrees, e.g. ``"i=0, N=4, M=8"``.
    expected, got : Any
        The reference's and the reader's answers on that input.
    matches : str or None
        Label of the known alternative the answer reproduces, if any.
    n_cases : int
        How many inputs were tried.
    """

    name: str
    title: str
    status: str
    hint: str
    case: str | None = None
    expected: Any = None
    got: Any = None
    matches: str | None = None
    n_cases: int = 0

    @property
    def passed(self) -> bool:
        """True when the answer agreed with the reference on every input."""
        return self.status == "passed"

    @property
    def attempted(self) -> bool:
        """False while the answer is still the stub (or ``None`` / ``...``)."""
        return self.status != "not attempted"

    def _lines(self) -> list[tuple[str, str]]:
        rows = []
        if self.case is not None:
            rows.append(("input", self.case))
        if self.status == "failed":
            rows += [("expected", _short(self.expected)), ("got", _short(self.got))]
        if self.matches:
            rows.append(("your answer matches", self.matches))
        return rows

    def __str__(self) -> str:
        head = f"{_ICON[self.status]} {self.title} [{self.name}]: {self.status}"
        body = [f"    {k}: {v}" for k, v in self._lines()]
        return "\n".join([head, *body, f"    {self.hint}"])

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        head = f"**{_ICON[self.status]} {self.title}** — {self.status}"
        body = [f"- {k}: `{v}`" if k in ("input", "expected", "got") else f"- {k}: {v}" for k, v in self._lines()]
        return "\n".join([head, "", *body, "" if body else "", self.hint])

    def _repr_html_(self) -> str:
        rows = "".join(f"<li>{html.escape(k)}: <code>{html.escape(v)}</code></li>" for k, v in self._lines())
        style = f"border-left:4px solid {_COLOR[self.status]};padding:0.3em 0.8em;margin:0.3em 0"
        return (
            f'<div class="pixelviz-check pixelviz-check-{self.status.replace(" ", "-")}" style="{style}">'
            f"<strong>{_ICON[self.status]} {html.escape(self.title)}</strong> — {html.escape(self.status)}"
            f"{'<ul>' + rows + '</ul>' if rows else '<br>'}{html.escape(self.hint)}</div>"
        )


# ----------------------------------------------------------------- checking
_STUB_HINT = (
    "The exercise cell still holds its stub. Replace its body with your code, run it, "
    "then run this cell again (on the website: launch this page in Colab or Binder first)."
)


def _is_stub_value(value: Any) -> bool:
    return value is None or value is Ellipsis or value is NotImplemented


def _call(fn: Callable[..., Any], case: tuple) -> Any:
    # A copy, so an answer that modifies its input in place cannot spoil later checks.
    return fn(*copy.deepcopy(case))


def _normalize(ex: Exercise, value: Any) -> Any:
    norm = as_float_array if ex.normalize is None else ex.normalize
    return norm(value)


def _alternative_answers(ex: Exercise, alt: Alternative) -> list[Any]:
    """The alternative's normalized answer per case (``None`` where it is undefined)."""
    out = []
    for case in ex.cases:
        try:
            out.append(_normalize(ex, alt.fn(*case)))
        except Exception:  # an alternative undefined on this input is skipped
            out.append(None)
    return out


def _find_alternative(ex: Exercise, got: list[Any], wrong: list[int]) -> Alternative | None:
    """The first alternative that reproduces the reader's answer on every input it defines."""
    for alt in ex.alternatives:
        answers = _alternative_answers(ex, alt)
        if not any(answers[k] is not None for k in wrong):  # must explain a failing input
            continue
        if all(a is None or g is None or same(a, g) for a, g in zip(answers, got)):
            return alt
    return None


def check(name: str, answer: Any) -> Result:
    """Check a reader's answer to exercise ``name`` against the reference.

    Parameters
    ----------
    name : str
        The exercise, e.g. ``"grid.source_coord"`` (see :func:`exercise_names`).
    answer : callable or value
        The reader's function (function exercises) or number/array/name
        (value exercises). A function that raises ``NotImplementedError``,
        or ``None`` / ``...``, counts as "not attempted yet".

    Returns
    -------
    Result
        ``.passed``, ``.status``, ``.hint``; displays itself in Jupyter.
        Never raises because of the answer: a crashing answer gives
        ``status == "error"`` with the exception in the hint.

    Raises
    ------
    ValueError, TypeError
        Only for an unknown exercise ``name``.
    """
    ex = get_exercise(name)
    n = len(ex.cases)
    result = lambda status, hint, **kw: Result(ex.name, ex.title, status, hint, n_cases=n, **kw)  # noqa: E731

    if _is_stub_value(answer):
        return result("not attempted", _STUB_HINT)
    if ex.kind == "function" and not callable(answer):
        return result(
            "error",
            f"this exercise wants a function; got {_short(answer)} of type "
            f"{type(answer).__name__}. Pass the function itself, without calling it.",
        )

    got_all: list[Any] = []
    wrong: list[int] = []
    crash: tuple[str | None, str] | None = None  # (input, message) of the first exception
    for k, case in enumerate(ex.cases):
        where = ex.describe(case) if case else None
        try:
            raw = _call(answer, case) if ex.kind == "function" else answer
        except NotImplementedError:
            return result("not attempted", _STUB_HINT)
        except Exception as exc:  # the reader's code crashed: report it, never raise
            crash = crash or (where, f"your function raised {type(exc).__name__}: {exc}")
            got_all.append(None)  # a wildcard when matching alternatives
            continue
        if _is_stub_value(raw):
            return result("not attempted", "Your function returned None — did you forget `return`?", case=where)
        try:
            got = _normalize(ex, raw)
        except (TypeError, ValueError) as exc:
            return result("error", f"could not read your answer {_short(raw)} as {ex.expects} ({exc}).", case=where)
        got_all.append(got)
        if not same(got, _normalize(ex, ex.reference(*case))):
            wrong.append(k)

    if not wrong and crash is not None:
        return result("error", crash[1] + " (it agrees with the reference on every other input).", case=crash[0])
    if not wrong:
        tried = "the answer" if ex.kind == "value" else f"all {n} inputs, edge cases included"
        return result("passed", f"Correct: agrees with the reference on {tried}.")

    first = wrong[0]
    case = ex.cases[first]
    where = ex.describe(case) if case else None
    expected = _normalize(ex, ex.reference(*case))
    alt = _find_alternative(ex, got_all, wrong)
    scope = "" if ex.kind == "value" else f" on {len(wrong)} of {n} inputs"
    also = "" if crash is None else f" Also, on {crash[0]}, {crash[1]}."
    if alt is not None:
        hint = f"Not yet{scope}. {alt.hint}{also}"
        return result("failed", hint, case=where, expected=expected, got=got_all[first], matches=alt.label)
    hint = f"Not yet{scope}; your answer matches none of the usual slips this checker knows. {ex.fallback}{also}"
    return result("failed", hint, case=where, expected=expected, got=got_all[first])
