"""pixelviz.targets and the CLI commands `pixelviz probe TARGET` and `pixelviz match TARGET`."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from pixelviz.__main__ import main
from pixelviz.targets import load_callable, load_target

USER_FILE = textwrap.dedent(
    """
    import numpy as np


    def half_pixel_linear(x, size):
        # my own resize: x_i = (i + 1/2) N / M - 1/2, border samples repeated
        n = len(x)
        return np.interp((np.arange(size) + 0.5) * n / size - 0.5, np.arange(n), x)


    def cv2_linear(x, size):
        import cv2

        return cv2.resize(np.asarray(x, np.float32)[None, :], (size, 1), interpolation=cv2.INTER_LINEAR)[0]


    def noisy(x, size):
        return half_pixel_linear(x, size) + np.random.default_rng().normal(0, 0.01, size)


    def broken(x, size):
        raise RuntimeError("nope")


    def wrong_shape(x, size):
        return np.zeros(size + 2)


    NOT_A_FUNCTION = 3
    """
)


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "my_resize.py"
    path.write_text(USER_FILE)
    return str(path)


def test_load_callable_module_and_file(user_file):
    import pixelviz.resample

    assert load_callable("pixelviz.resample:resize") is pixelviz.resample.resize
    fn = load_callable(f"{user_file}:half_pixel_linear")
    np.testing.assert_allclose(fn(np.array([0.0, 1.0]), 4), [0.0, 0.25, 0.75, 1.0])


def test_load_callable_errors(user_file):
    with pytest.raises(ValueError, match="spec must be 'module:function'"):
        load_callable("pixelviz.resample.resize")
    with pytest.raises(ValueError, match="not importable"):
        load_callable("no_such_module_xyz:fn")
    with pytest.raises(ValueError, match="has no attribute 'nope'"):
        load_callable(f"{user_file}:nope")
    with pytest.raises(TypeError, match="not callable"):
        load_callable(f"{user_file}:NOT_A_FUNCTION")
    with pytest.raises(ValueError, match="does not exist"):
        load_callable("/no/such/file.py:fn")
    with pytest.raises(TypeError, match="spec must be a str"):
        load_callable(None)


def test_load_target_registered_ops():
    assert load_target("opencv:INTER_LINEAR")[0] == "opencv.resize.linear"
    assert load_target("torch:nearest-exact")[0] == "torch.interpolate.nearest_exact"
    assert load_target("opencv.resize.cubic")[0] == "opencv.resize.cubic"
    with pytest.raises(ValueError, match="has no op with options"):
        load_target("opencv:INTER_BOGUS")


def test_cli_probe_user_function_same_table_as_builtins(user_file, capsys):
    assert main(["probe", f"{user_file}:half_pixel_linear"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| library | version | op |")
    assert "② half_pixel" in out and "x = 0.6667·i − 0.1667" in out


def test_cli_probe_registered_op_json(capsys):
    pytest.importorskip("scipy")
    assert main(["probe", "scipy:order=1, grid_mode=False", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name"] == "scipy.zoom.linear" and rows[0]["result"]["convention"] == "align_corners"


def test_cli_match_user_cv2_wrapper_gets_the_cv2_recipe(user_file, capsys):
    pytest.importorskip("cv2")
    assert main(["match", f"{user_file}:cv2_linear", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recipe"]["matched"] is True
    assert data["recipe"]["kwargs"] == {"mode": "linear", "convention": "half_pixel"}
    kinds = {e["name"]: e["kind"] for e in data["equivalent_ops"]}
    assert kinds["opencv.resize.linear"] == "identical"
    assert kinds["opencv.resize.cubic"] == "different"


def test_cli_match_registered_op_markdown(capsys):
    pytest.importorskip("cv2")
    assert main(["match", "opencv:INTER_NEAREST"]) == 0
    out = capsys.readouterr().out
    assert "reproduced by `pixelviz.resize(x, size, mode='nearest', convention='asymmetric', rounding='floor')`" in out
    assert "| opencv.resize.nearest |" not in out  # the target itself is not listed among its equivalents


def test_cli_match_noise_gets_no_confident_recipe(user_file, capsys):
    assert main(["match", f"{user_file}:noisy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recipe"]["matched"] is False
    assert all(e["kind"] == "different" for e in data["equivalent_ops"])


@pytest.mark.parametrize(
    "name, message",
    [
        ("broken", "fn raised RuntimeError: nope"),
        ("wrong_shape", "must return shape"),
        ("NOT_A_FUNCTION", "not callable"),
        ("missing", "has no attribute"),
    ],
)
def test_cli_match_clear_errors(user_file, capsys, name, message):
    assert main(["match", f"{user_file}:{name}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pixelviz: error:") and message in err


def test_cli_probe_not_importable(capsys):
    assert main(["probe", "no_such_module_xyz:fn"]) == 2
    assert "not importable" in capsys.readouterr().err


def test_cli_match_help():
    out = subprocess.run(
        [sys.executable, "-m", "pixelviz", "match", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "TARGET" in out and "module:function" in out and "--json" in out
