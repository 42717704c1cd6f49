"""The `pixelviz probe` command line."""

import json
import subprocess
import sys

import pytest

from pixelviz.__main__ import main


def test_cli_probe_prints_markdown_table_with_versions(capsys):
    pytest.importorskip("cv2")
    import cv2

    assert main(["probe", "--library", "opencv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| library | version | op |")
    assert f"| OpenCV | {cv2.__version__} | cv2.resize | INTER_LINEAR |" in out
    # Documented by opencv#9096: INTER_NEAREST picks floor(i * N / M), i.e. ③ rounded down.
    assert "INTER_NEAREST | ③ asymmetric, floor" in out


def test_cli_probe_json(capsys):
    pytest.importorskip("PIL")
    assert main(["probe", "--library", "pillow", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["name"] for r in rows} >= {"pillow.resize.nearest", "pillow.resize.bilinear"}
    assert all(r["status"] == "ok" and r["version"] for r in rows)
    bilinear = next(r for r in rows if r["name"] == "pillow.resize.bilinear")
    assert bilinear["result"]["convention"] == "antialias/filter"


def test_cli_not_installed_rows(capsys):
    import importlib.util

    if importlib.util.find_spec("jax") is not None:
        pytest.skip("jax is installed here")
    assert main(["probe", "--library", "jax"]) == 0
    assert "not installed" in capsys.readouterr().out
    assert main(["probe", "--library", "jax", "--installed-only", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_cli_rejects_unknown_library(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["probe", "--library", "opencvv"])
    assert exc.value.code == 2
    assert "did you mean 'opencv'" in capsys.readouterr().err


def test_cli_requires_a_command(capsys):
    with pytest.raises(SystemExit):
        main([])
    assert "probe" in capsys.readouterr().err


def test_python_dash_m_entry_point():
    out = subprocess.run(
        [sys.executable, "-m", "pixelviz", "probe", "--library", "scipy", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    # SciPy docs (ndimage.zoom): grid_mode=False zooms the distance between pixel centers (①).
    linear = next(r for r in rows if r["name"] == "scipy.zoom.linear")
    assert linear["status"] == "not installed" or linear["result"]["convention"] == "align_corners"


def test_cli_progress_line_per_library_on_stderr(capsys):
    pytest.importorskip("scipy")
    import scipy

    assert main(["probe", "--library", "scipy"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("| library | version |")
    assert f"probed scipy {scipy.__version__}: 6 ops, " in captured.err
    assert main(["probe", "--library", "scipy", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
