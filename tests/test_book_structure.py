"""Checks on the book sources: clean notebooks, a guarded Colab cell, a link to the article."""

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
ARTICLE = "https://ppwwyyxx.com/blog/2021/Where-are-Pixels/"


def toc_files():
    files = [TOC["root"]]
    stack = list(TOC.get("chapters", [])) + [c for p in TOC.get("parts", []) for c in p["chapters"]]
    while stack:
        entry = stack.pop(0)
        files.append(entry["file"])
        stack[:0] = entry.get("sections", [])
    return files


NOTEBOOKS = [ROOT / f"{f}.ipynb" for f in toc_files() if (ROOT / f"{f}.ipynb").exists()]


def test_every_toc_entry_exists():
    for f in toc_files():
        assert (ROOT / f"{f}.ipynb").exists() or (ROOT / f"{f}.md").exists(), f


def test_book_fails_on_cell_errors():
    assert CONFIG["execute"]["raise_on_error"] is True
    assert CONFIG["execute"]["execute_notebooks"] in ("force", "cache")


def test_every_notebook_in_repo_is_in_toc():
    in_toc = {p.resolve() for p in NOTEBOOKS}
    for nb in (ROOT / "book").glob("*.ipynb"):
        assert nb.resolve() in in_toc, f"{nb} is not in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_first_cell_installs_only_in_colab(path):
    first = json.loads(path.read_text())["cells"][0]
    source = "".join(first["source"])
    assert first["cell_type"] == "code"
    assert 'if "google.colab" in sys.modules:' in source
    assert "remove-cell" in first["metadata"].get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_links_the_original_article(path):
    text = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown")
    assert ARTICLE in text


def test_every_external_link_is_listed_on_the_links_page():
    import re

    listed = set(re.findall(r"\]\((https?://[^)\s]+)\)", (ROOT / "book" / "links.md").read_text()))
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text())["cells"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", text):
            assert url in listed, f"{path.name} links {url}, which book/links.md does not list"
