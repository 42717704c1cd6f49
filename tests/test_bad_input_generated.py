"""Every public callable of pixelviz and widgets, called with bad arguments as a careless user would.

The calls are generated (see ``bad_input_support``): for each parameter of each callable in a public
module's ``__all__``, values that are wrong for its category. Each bad call must raise ``TypeError`` or
``ValueError`` whose message names the parameter -- not another exception, not a warning-only cast, not
a result, and within a few seconds (no hang, no huge allocation).
"""

from __future__ import annotations

import inspect
import re
import signal
import warnings
from contextlib import contextmanager
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from bad_input_support import (
    EXAMPLES,
    KNOWN_GAPS,
    NOT_CALLED,
    bad_values,
    materialize,
    missing_requirements,
    public_callables,
)

PUBLIC = public_callables()
#: A bad call must be refused within this (a hang or a huge allocation is not); generous, the test
#: machines are shared. Imports are warmed up by a valid call first, outside the limit.
TIMEOUT_S = 60


class CallTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    def raise_timeout(signum, frame):
        raise CallTimeout(f"still running after {seconds} s")

    if not seconds:
        yield
        return
    old = signal.signal(signal.SIGALRM, raise_timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def parameters(qualname: str) -> list[inspect.Parameter]:
    """The named parameters of a callable; for ``**state`` explorers, the example's keywords."""
    obj = PUBLIC[qualname]
    params = [p for p in inspect.signature(obj).parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    named = {p.name for p in params}
    extra = [
        inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY)
        for k in EXAMPLES.get(qualname, {})
        if k not in named and k != "requires"
    ]
    return params + extra


def call(qualname: str, kwargs: dict[str, Any], *, limit: bool = True) -> Any:
    obj = PUBLIC[qualname]
    try:
        with time_limit(TIMEOUT_S if limit else 0), warnings.catch_warnings():
            warnings.simplefilter("error", category=__import__("numpy").exceptions.ComplexWarning)
            out = obj(**kwargs)
            if inspect.isgenerator(out) or hasattr(out, "__enter__"):  # context managers: enter and leave
                if hasattr(out, "__enter__"):
                    with out:
                        pass
            return out
    finally:
        plt.close("all")


def generated_calls(qualname: str) -> list[tuple[str, Any]]:
    example = EXAMPLES[qualname]
    calls = []
    for p in parameters(qualname):
        value = example[p.name] if p.name in example else p.default
        if value is inspect.Parameter.empty:
            continue
        for bad in bad_values(qualname, p, value):
            calls.append((p.name, bad))
    return calls


def names_param(message: str, param: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(param)}(?![\w])", message) is not None


def outcome(qualname: str, param: str, bad: Any) -> str:
    """``"clear"`` or a description of what went wrong."""
    kwargs = materialize(EXAMPLES[qualname])
    kwargs[param] = bad
    try:
        call(qualname, kwargs)
    except (TypeError, ValueError) as exc:
        if names_param(str(exc), param):
            return "clear"
        return f"{type(exc).__name__} not naming {param!r}: {str(exc)[:160]}"
    except Warning as exc:
        return f"warning {type(exc).__name__}: {exc}"
    except CallTimeout as exc:
        return f"hang: {exc}"
    except BaseException as exc:
        return f"{type(exc).__name__}: {str(exc)[:160]}"
    return "accepted"


def test_every_public_callable_is_covered():
    missing = sorted(set(PUBLIC) - set(EXAMPLES) - set(NOT_CALLED))
    assert not missing, f"add a valid example call (or a reason) for {missing} to tests/bad_input_support.py"
    stale = sorted((set(EXAMPLES) | set(NOT_CALLED)) - set(PUBLIC))
    assert not stale, f"no such public callable any more: {stale}"


@pytest.mark.parametrize("qualname", sorted(EXAMPLES))
def test_example_call_is_valid(qualname):
    if qualname not in PUBLIC:
        pytest.skip("stale entry (reported by test_every_public_callable_is_covered)")
    missing = missing_requirements(EXAMPLES[qualname])
    if missing:
        pytest.skip(f"needs {missing}")
    names = {p.name for p in parameters(qualname)}
    for p in parameters(qualname):
        assert p.default is not inspect.Parameter.empty or p.name in EXAMPLES[qualname], (
            f"the example must give the required parameter {p.name!r}"
        )
    assert set(EXAMPLES[qualname]) - {"requires"} <= names
    call(qualname, materialize(EXAMPLES[qualname]), limit=False)


@pytest.mark.parametrize("qualname", sorted(EXAMPLES))
def test_bad_calls_raise_clear_errors(qualname):
    if qualname not in PUBLIC:
        pytest.skip("stale entry (reported by test_every_public_callable_is_covered)")
    missing = missing_requirements(EXAMPLES[qualname])
    if missing:
        pytest.skip(f"needs {missing}")
    call(qualname, materialize(EXAMPLES[qualname]), limit=False)  # imports the libraries, outside the limit
    failures = []
    for param, bad in generated_calls(qualname):
        result = outcome(qualname, param, bad)
        if result != "clear":
            failures.append(f"{param}={bad!r}: {result}")
    if qualname in KNOWN_GAPS:
        assert failures, f"{qualname} now gives clear errors: remove it from KNOWN_GAPS"
        pytest.xfail(f"known gap ({len(failures)} unclear outcomes): {KNOWN_GAPS[qualname]}")
    assert not failures, f"{qualname}: {len(failures)} unclear outcomes:\n" + "\n".join(failures)


def test_generator_makes_many_calls():
    total = sum(len(generated_calls(q)) for q in EXAMPLES if q in PUBLIC)
    assert total > 1500, total
