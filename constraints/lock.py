"""Regenerate constraints/test-machine.txt: every package `make install` puts in .venv, pinned exactly.

Run ``make lock`` (or ``python constraints/lock.py``) on the build machine. pip resolves
``.[test]`` (which includes the book and its frameworks) from nothing, starting from the pins in
constraints/seed.txt, without installing anything (``pip install --dry-run --ignore-installed
--report``): the same set a fresh virtual environment would get on this Python and platform. The
result is written as ``name==version`` lines under a header that says how it was made. Ranges for
users stay in pyproject.toml; this file only makes this machine's builds repeatable.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "constraints" / "seed.txt"
LOCK = ROOT / "constraints" / "test-machine.txt"
#: Never pinned: the project itself and the installer (the Makefile upgrades pip first).
SKIP = {"pixelviz", "pip"}


def resolve(python: str = sys.executable) -> dict[str, str]:
    """``{name: version}`` of everything ``pip install -c seed.txt .[test]`` would install from nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--ignore-installed",
                "--quiet",
                "--report",
                str(report),
                "-c",
                str(SEED),
                f"{ROOT}[test]",
            ],
            check=True,
        )
        data = json.loads(report.read_text())
    pins = {}
    for item in data["install"]:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if name.lower() not in SKIP:
            pins[name] = version
    return dict(sorted(pins.items(), key=lambda kv: kv[0].lower()))


def main() -> int:
    pins = resolve()
    header = [
        "# Every package of `make install` (.[test]: the book, its frameworks and the test tools), pinned",
        "# exactly for our build machines. Do not edit: regenerate with `make lock` (constraints/lock.py),",
        "# which resolves .[test] from nothing, starting from constraints/seed.txt, on",
        f"# Python {platform.python_version()} ({sys.platform}, {platform.machine()}): {len(pins)} pins.",
        "# Users elsewhere can drop this file (make book CONSTRAINTS=): pyproject.toml's ranges are what",
        "# the package needs.",
    ]
    LOCK.write_text("\n".join(header + [f"{n}=={v}" for n, v in pins.items()]) + "\n")
    print(f"wrote {LOCK.relative_to(ROOT)}: {len(pins)} pins", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
