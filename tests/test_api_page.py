"""The API reference page (book/api.md) documents every public module of pixelviz and widgets."""

import pkgutil
import re
from pathlib import Path

import pixelviz

ROOT = Path(__file__).resolve().parents[1]
# book/api.md is the index; each module has its own page under book/api/
API_PAGES = sorted((ROOT / "book" / "api").glob("*.md"))
API = "\n".join(p.read_text() for p in [ROOT / "book" / "api.md", *API_PAGES])
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


def test_api_reference_is_one_page_per_module():
    toc = (ROOT / "_toc.yml").read_text()
    for page in API_PAGES:
        modules = re.findall(r"^\.\. automodule:: ([\w.]+)", page.read_text(), flags=re.M)
        assert len(modules) == 1, f"{page.name} documents {modules}: one module per page"
        assert f"- file: book/api/{page.stem}" in toc, f"{page.name} is not in _toc.yml"
