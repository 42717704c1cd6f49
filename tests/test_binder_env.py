"""Binder's environment (binder/requirements.txt) names the package set the tests use: pyproject's ops + widgets."""

import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LINES = [line.split("#", 1)[0].strip() for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
LINES = [line for line in LINES if line]


def _name(req: str) -> str:
    """Normalised distribution name of a requirement string (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", req).group(0)).lower()


def _spec(req: str) -> str:
    return re.sub(r"\s+", "", req[len(re.match(r"[A-Za-z0-9_.-]+(\[[^]]*\])?", req).group(0)) :])


def _expected() -> dict[str, str]:
    reqs = (
        PYPROJECT["dependencies"]
        + PYPROJECT["optional-dependencies"]["ops"]
        + PYPROJECT["optional-dependencies"]["widgets"]
    )
    return {_name(r): _spec(r) for r in reqs}


def _binder() -> dict[str, str]:
    return {_name(line): _spec(line) for line in LINES if not line.startswith(("-", ".", "/"))}


def test_binder_pins_the_same_packages_and_ranges_as_pyproject():
    assert _binder() == _expected()


def test_binder_installs_the_package_with_its_extras():
    assert ".[ops,widgets]" in LINES or "-e .[ops,widgets]" in LINES


def test_binder_takes_torch_from_the_cpu_index():
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in LINES


def test_binder_uses_headless_opencv():
    assert "opencv-python" not in _binder() and "opencv-python-headless" in _binder()
