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


def test_cli_not_installed_rows(capsys, monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    # pretend JAX is missing (it may be installed here): find_spec is how a backend decides
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jax" else real_find_spec(name, *a)
    )
    assert main(["probe", "--library", "jax"]) == 0
    out = capsys.readouterr().out
    assert out.count("| not installed |") == 6
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


# ---------------------------------------------------------------- origin probes and user functions
USER_MODULE = '''
import numpy as np


def my_sampler(image, points):
    """Bilinear, pixel j's centre at j + 1/2 in x and at j in y (a half-converted sampler)."""
    h, w = image.shape
    u, v = points[:, 0] - 0.5, points[:, 1]
    c0, r0 = np.floor(u).astype(int), np.floor(v).astype(int)
    fc, fr = u - c0, v - r0

    def at(r, c):
        ok = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        return np.where(ok, image[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)], 0.0)

    return (at(r0, c0) * (1 - fc) * (1 - fr) + at(r0, c0 + 1) * fc * (1 - fr)
            + at(r0 + 1, c0) * (1 - fc) * fr + at(r0 + 1, c0 + 1) * fc * fr)


NOT_CALLABLE = 3
'''


@pytest.fixture
def user_module(tmp_path, monkeypatch):
    (tmp_path / "my_user_ops.py").write_text(USER_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_cli_probe_points_on_a_users_function(user_module, capsys):
    assert main(["probe", "--points", "my_user_ops:my_sampler"]) == 0
    out = capsys.readouterr().out
    # x reads index x - 1/2 (centre of pixel 0 at 0.5), y reads index y (centre at 0): "offset"
    assert "my_user_ops:my_sampler: offset (pixel 0 centre at x=0.500, y=0.000)" in out
    assert "with integer-corner points: pass (x, y − 0.5)" in out


def test_cli_probe_points_json_subprocess(user_module):
    proc = subprocess.run(
        [sys.executable, "-m", "pixelviz", "probe", "--points", "--json", "my_user_ops:my_sampler"],
        capture_output=True,
        text=True,
        cwd=user_module,
        timeout=120,
        check=True,
    )
    data = json.loads(proc.stdout)
    assert data["origin"] == "offset"
    assert data["x"]["offset"] == pytest.approx(-0.5) and data["y"]["offset"] == pytest.approx(0.0, abs=1e-9)


def test_cli_target_errors(user_module, capsys):
    for spec, message in [
        ("my_user_ops:nope", "has no attribute 'nope'"),
        ("no_such_module_xyz:f", "is not importable"),
        ("my_user_ops", "must be 'module:function'"),
        ("my_user_ops:NOT_CALLABLE", "not callable"),
    ]:
        with pytest.raises(SystemExit) as exc:
            main(["probe", "--points", spec])
        assert exc.value.code == 2
        assert message in capsys.readouterr().err


def test_cli_probe_points_table(capsys):
    pytest.importorskip("scipy")
    assert main(["probe", "--points", "--library", "scipy"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| library | op | options | measured |")
    assert "| ndimage.map_coordinates | order=1, points as (x, y) | integer_centers, (row, col), linear" in out


def test_cli_probe_crops_table(capsys):
    pytest.importorskip("torchvision")
    assert main(["probe", "--crops", "--library", "torchvision"]) == 0
    out = capsys.readouterr().out
    assert "| ops.roi_align | aligned=True, sampling_ratio=2 | bin_centers, ratio 2 |" in out
    assert "| ops.roi_align | aligned=False, sampling_ratio=2 | half_shifted, ratio 2 |" in out


def test_cli_points_and_crops_exclusive(capsys):
    with pytest.raises(SystemExit):
        main(["probe", "--points", "--crops"])


def test_cli_probe_paste_on_a_users_function(tmp_path, monkeypatch, capsys):
    # pixelviz's paste moved by +1/2: the mask starts half a pixel past the box edge
    (tmp_path / "my_paste_ops.py").write_text(
        "import numpy as np\nfrom pixelviz.roi import paste_mask\n\n\n"
        "def shifted(mask, box, shape):\n    return paste_mask(mask, np.asarray(box) + 0.5, shape)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert main(["probe", "--paste", "my_paste_ops:shifted"]) == 0
    assert "my_paste_ops:shifted: shifted: mask starts +0.500 px from the box edge" in capsys.readouterr().out
    assert main(["probe", "--paste", "--library", "pixelviz"]) == 0
    out = capsys.readouterr().out
    assert "| pixelviz.roi.paste_mask |  | mask_on_box | mask starts +0.000 px |" in out
