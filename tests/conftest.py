"""Shared pytest setup: headless matplotlib for unit tests; browser helpers importable."""

import matplotlib

# Unit tests draw off-screen; the book and nbmake keep the inline backend.
matplotlib.use("Agg")

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest


@pytest.fixture(autouse=True)
def _no_uncaught_page_errors(request):
    """Every browser test fails on any uncaught exception ("pageerror") of a page it opened."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    import browser_support

    browser_support.take_page_errors()
    yield
    errors = browser_support.take_page_errors()
    assert errors == [], f"uncaught exceptions on the pages this test opened: {errors}"
