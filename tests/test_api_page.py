"""The API reference page (book/api.md) documents every public module of pixelviz and widgets."""

import pkgutil
import re
from pathlib import Path

import pixelviz

ROOT = Path(__file__).resolve().parents[1]
API = (ROOT / "book" / "api.md").read_text()
DOCUMENTED = set(re.findall(r"^\.\. automodule:: ([\w.]+)", API, flags=re.M))


def public_modules(package):
    """Public modules directly under ``package``; a subpackage counts once (its __init__ re-exports)."""
    names = {package.__name__}
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            names.add(f"{package.__name__}.{info.name}")
    return names


def test_api_page_documents_every_public_pixelviz_module():
    expected = public_modules(pixelviz)
    # widgets' explorers are documented through the package's __all__
    missing = sorted(expected - DOCUMENTED)
    assert missing == [], f"add `.. automodule::` for {missing} to book/api.md"


def test_api_page_documents_widgets_package():
    assert "widgets" in DOCUMENTED


def test_api_page_names_only_importable_modules():
    import importlib

    for name in sorted(DOCUMENTED):
        importlib.import_module(name)


def test_api_page_is_in_the_toc():
    assert re.search(r"^\s*- file: book/api\s*$", (ROOT / "_toc.yml").read_text(), flags=re.M)
