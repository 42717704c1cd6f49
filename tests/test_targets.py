"""pixelviz.targets.load_callable: module:function specs."""

import math

import pytest

from pixelviz.targets import load_callable


def test_load_callable_finds_functions_and_dotted_attributes():
    assert load_callable("math:sqrt") is math.sqrt
    assert load_callable(" os.path:join ")("a", "b") in ("a/b", "a\\b")
    assert load_callable("pathlib:Path.cwd")() is not None


@pytest.mark.parametrize(
    ("spec", "exc", "match"),
    [
        ("math", ValueError, "module:function"),
        (":sqrt", ValueError, "module:function"),
        ("math:", ValueError, "module:function"),
        ("a:b:c", ValueError, "module:function"),
        ("no_such_module_for_sure:f", ValueError, "not importable"),
        ("math:nope", ValueError, "no attribute 'nope'"),
        ("math:pi", TypeError, "not callable"),
        (None, TypeError, "spec must be a str"),
        (3, TypeError, "spec must be a str"),
    ],
)
def test_load_callable_errors(spec, exc, match):
    with pytest.raises(exc, match=match):
        load_callable(spec)
