"""tools/system-deps.sh: nothing when present; apt-get when missing and root; the exact command otherwise.

The script is run with a PATH of stubs only (``id``, ``apt-get``, and optionally ``chromium`` / ``node``),
so what is "installed" and who runs it are decided here, whatever the machine has.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "system-deps.sh"
BASH = "/bin/bash"


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)


def _run(tmp_path: Path, *, uid: int, have: tuple[str, ...], args: tuple[str, ...] = ()):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    _stub(bin_dir, "id", f'[ "$1" = "-u" ] && echo {uid}')
    _stub(bin_dir, "apt-get", f'echo "$@" >> {log}')
    for tool in have:
        _stub(bin_dir, tool, "exit 0")
    out = subprocess.run(
        [BASH, str(SCRIPT), *args], env={"PATH": str(bin_dir)}, capture_output=True, text=True, timeout=30
    )
    return out, (log.read_text().splitlines() if log.exists() else [])


def test_nothing_to_do_when_present(tmp_path):
    out, apt = _run(tmp_path, uid=0, have=("chromium", "node"))
    assert out.returncode == 0 and apt == [] and out.stderr == ""


def test_root_installs_what_is_missing(tmp_path):
    out, apt = _run(tmp_path, uid=0, have=("node",))
    assert out.returncode == 0, out.stderr
    assert apt == ["update -qq", "install -y -qq chromium"]


def test_not_root_stops_with_the_exact_command(tmp_path):
    out, apt = _run(tmp_path, uid=1000, have=())
    assert out.returncode == 1 and apt == []
    assert "sudo apt-get update && sudo apt-get install -y chromium nodejs" in out.stderr


def test_only_the_named_tools_are_checked(tmp_path):
    out, apt = _run(tmp_path, uid=1000, have=("node",), args=("node",))
    assert out.returncode == 0 and apt == []


def test_unknown_tool_is_refused(tmp_path):
    out, _ = _run(tmp_path, uid=0, have=(), args=("firefox",))
    assert out.returncode == 2 and "unknown tool 'firefox'" in out.stderr


def test_make_test_runs_it_first_and_ci_only_calls_make_test():
    makefile = (ROOT / "Makefile").read_text()
    assert "\ntest: system-deps " in makefile
    assert "tools/system-deps.sh chromium node" in makefile
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci[-1] == "time make test"
    assert not any("apt-get" in line for line in ci)


@pytest.mark.skipif(not os.path.exists(BASH), reason="needs bash")
def test_script_is_executable():
    assert os.access(SCRIPT, os.X_OK)
