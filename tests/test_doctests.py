"""Every Examples section in pixelviz's docstrings runs and prints what it says."""

import doctest
import importlib
import pkgutil

import pytest

import pixelviz

MODULES = sorted(m.name for m in pkgutil.walk_packages(pixelviz.__path__, "pixelviz.") if m.name != "pixelviz.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctest examples failed in {name}"
