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


def test_enum_and_constant_summaries_are_not_read_as_types():
    """napoleon reads an attribute docstring "text: more" as "type: description"; the book's Sphinx extension
    blanks the first line first, so summaries such as Convention.ALIGN_CORNERS's stay prose (issue 12)."""
    import importlib.util

    from sphinx.ext.napoleon import Config
    from sphinx.ext.napoleon.docstring import NumpyDocstring

    spec = importlib.util.spec_from_file_location("pixelviz_sphinx", ROOT / "book" / "_ext" / "pixelviz_sphinx.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    config = Config(napoleon_use_ivar=False)
    from sphinx.pycode import ModuleAnalyzer

    # attribute docstrings as autodoc reads them (the string after an enum member or constant)
    attr_docs = ModuleAnalyzer.for_module("pixelviz.conventions").find_attr_docs()
    docs = {".".join(k): "\n".join(v) for k, v in attr_docs.items() if v and ":" in v[0]}
    assert docs, "expected enum members whose summary holds a colon (the case napoleon misreads)"
    misread = {
        name
        for name, doc in docs.items()
        if any(
            line.startswith(":type:")
            for line in str(NumpyDocstring(doc, config, what="attribute", name=name)).splitlines()
        )
    }
    # "① First and last samples on the ends of the signal: [0, L] ..." became "Type: ① First and last ..."
    assert "Convention.ALIGN_CORNERS" in misread, "napoleon no longer misreads summaries: the hook can go"
    for name, doc in docs.items():
        lines = doc.splitlines()
        ext._no_inline_attribute_type(None, "attribute", name, None, {}, lines)
        fixed = str(NumpyDocstring(lines, config, what="attribute", name=name)).splitlines()
        assert not any(line.startswith(":type:") for line in fixed), (name, fixed)
        assert doc.split(":")[0].strip() in " ".join(fixed), (name, fixed)
