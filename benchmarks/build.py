"""Time the book build: clean (every notebook executed), cached rebuild, per notebook, and the nbmake run.

Usage:  .venv/bin/python benchmarks/build.py [--out benchmarks/results/build.json] [--skip-nbmake]
(or `make bench-build`). Builds into a private temporary folder, so it never
touches _build/. Targets on a 2-core machine: clean <= 180 s, cached <= 30 s,
each notebook <= 20 s. Timings on a shared machine are noisy: run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {"clean_s": 180.0, "cached_s": 30.0, "notebook_s": 20.0}


def _run(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-4000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return seconds


def build_times(out_dir: Path) -> dict:
    env = dict(os.environ, PIXELVIZ_STATIC_WIDGETS="1")
    env.pop("MPLBACKEND", None)  # figures must stay (see NOTES.md)
    cmd = [str(BIN / "jupyter-book"), "build", ".", "--path-output", str(out_dir), "--all", "-W", "-n", "--keep-going"]
    clean = _run(cmd, env)
    cached = _run(cmd, env)
    from jupyter_cache import get_cache

    per_notebook = {}
    for record in get_cache(str(out_dir / "_build" / ".jupyter_cache")).list_cache_records():
        name = Path(record.uri).relative_to(ROOT).as_posix()
        per_notebook[name] = round(float(record.data.get("execution_seconds", float("nan"))), 2)
    return {"clean_s": round(clean, 1), "cached_s": round(cached, 1), "notebook_execution_s": per_notebook}


def nbmake_times(workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "nbmake.xml"
        cmd = [
            str(BIN / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbmake",
            "--nbmake-timeout=300",
            f"--junitxml={xml}",
            "book",
        ]
        if workers > 1:
            cmd[3:3] = ["-n", str(workers)]
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)
        total = _run(cmd, env)
        per = {
            case.get("name"): round(float(case.get("time", "nan")), 2)
            for case in ET.parse(xml).getroot().iter("testcase")
        }
    return {"workers": workers, "total_s": round(total, 1), "per_notebook_s": per}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "build.json")
    parser.add_argument("--skip-nbmake", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pixelviz-bench-") as tmp:
        result = {"build": build_times(Path(tmp))}
    if not args.skip_nbmake:
        result["nbmake"] = nbmake_times(args.workers)
    slow = {k: v for k, v in result["build"]["notebook_execution_s"].items() if v > TARGETS["notebook_s"]}
    result["targets"] = TARGETS
    result["meets_targets"] = {
        "clean": result["build"]["clean_s"] <= TARGETS["clean_s"],
        "cached": result["build"]["cached_s"] <= TARGETS["cached_s"],
        "every_notebook": not slow,
    }
    result["slow_notebooks"] = slow
    result["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "note": "shared machine; timings are noisy",
    }
    result["date"] = time.strftime("%Y-%m-%d %H:%M:%S")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
