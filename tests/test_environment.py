"""What the book installs: pyproject's ranges for users, exact pins for this machine, a light Colab line."""

import json
import re
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]
LOCK = ROOT / "constraints" / "test-machine.txt"
SEED = ROOT / "constraints" / "seed.txt"


def _name(req: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", req).group(0)).lower()


def _pins(path: Path = LOCK) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
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


def test_lock_pins_every_requirement_within_pyproject_ranges():
    pins = _pins()
    assert len(pins) > 100, "the lock should pin the whole resolved set, not a few packages"
    reqs = PROJECT["dependencies"] + [r for extra in EXTRAS.values() for r in extra]
    for text in reqs:
        req = Requirement(text)
        if req.name == "pixelviz" or (req.marker and not req.marker.evaluate({"sys_platform": "linux"})):
            continue
        name = _name(req.name)
        assert name in pins, f"{name} ({text}) is not pinned in {LOCK.name}"
        assert Version(pins[name]) in req.specifier, f"{name}=={pins[name]} is outside pyproject's {text!r}"


def test_lock_keeps_the_seed_and_says_how_to_regenerate():
    pins = _pins()
    for name, version in _pins(SEED).items():
        assert pins.get(name) == version, f"seed {name}=={version}, lock {pins.get(name)}"
    header = LOCK.read_text().split("\n", 5)
    assert any("make lock" in line for line in header)
    assert "\nlock:\n\t$(PYTHON) constraints/lock.py" in (ROOT / "Makefile").read_text()
