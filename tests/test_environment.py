"""What the book installs: pyproject's ranges for users, exact pins for this machine, a light Colab line."""

import json
import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]
LOCK = ROOT / "constraints" / "test-machine.txt"


def _name(req: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", req).group(0)).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints line is not an exact pin: {line!r}"
            pins[_name(name)] = version
    return pins


def test_frameworks_extra_names_tensorflow_jax_kornia_with_ranges():
    names = {_name(r) for r in EXTRAS["frameworks"]}
    assert {"tensorflow-cpu", "jax", "kornia"} <= names
    for req in EXTRAS["frameworks"]:
        spec = req.split(";")[0]
        assert ">=" in spec and "<" in spec.replace("<=", ""), f"{req!r} needs a lower and an upper bound"
    assert any(r.startswith("jax[cpu]") for r in EXTRAS["frameworks"])


def test_the_book_installs_the_frameworks():
    # make install installs .[test], which pulls .[book], which pulls the frameworks
    assert "pixelviz[book]" in EXTRAS["test"]
    assert any(r.startswith("pixelviz[") and "frameworks" in r for r in EXTRAS["book"])
    assert "'.[test]'" in (ROOT / "Makefile").read_text()


def test_this_machine_pins_the_frameworks_exactly():
    pins = _pins()
    for name in ("tensorflow-cpu", "jax", "jaxlib", "kornia", "torch", "torchvision"):
        assert name in pins, f"{name} is not pinned in {LOCK.name}"


def test_colab_install_lines_stay_light():
    # Colab preinstalls TensorFlow and JAX: the first cell installs pixelviz with ops and widgets only.
    for nb in sorted((ROOT / "book").glob("*.ipynb")):
        source = "".join(json.loads(nb.read_text())["cells"][0]["source"])
        if "google.colab" not in source:
            continue
        assert "frameworks" not in source and "tensorflow" not in source, nb.name
