"""The libraries' downscale calls, measured for aliasing in worker processes, against hand-made equivalents."""

import importlib.util

import numpy as np
import pytest

from pixelviz import backends
from pixelviz.aliasing import measure_aliasing
from pixelviz.signals import zone_plate


def _by_name(reports):
    return {(r.downscaler.name, r.factor): r for r in reports}


def test_opencv_matches_block_averages_by_hand():
    pytest.importorskip("cv2")
    reports = _by_name(backends.measure_downscalers(libraries=["opencv"], size=64, factors=(4,)))
    plate = zone_plate(64)
    # INTER_LINEAR at 4x reads each new pixel center (grid ②) at 4n + 1.5, halfway between inputs 4n + 1 and
    # 4n + 2 on both axes: the mean of the middle 2 x 2 of each 4 x 4 block.
    middle = measure_aliasing(lambda x, s: x.reshape(16, 4, 16, 4)[:, 1:3, :, 1:3].mean(axis=(1, 3)), plate, (16, 16))
    # INTER_AREA with an integer factor is the mean of each whole 4 x 4 block (OpenCV docs: "resampling
    # using pixel area relation").
    block = measure_aliasing(lambda x, s: x.reshape(16, 4, 16, 4).mean(axis=(1, 3)), plate, (16, 16))
    lin, area = reports[("opencv.inter_linear", 4)], reports[("opencv.inter_area", 4)]
    assert lin.status == area.status == "ok"
    assert lin.aliased == pytest.approx(middle.aliased, rel=1e-4)
    assert lin.passband_error == pytest.approx(middle.passband_error, rel=1e-3, abs=1e-6)
    assert area.aliased == pytest.approx(block.aliased, rel=1e-4)
    assert area.crop.shape == (8, 8)  # the default window: top half, middle columns of 16 x 16


@pytest.mark.skipif(
    importlib.util.find_spec("tensorflow") is None or importlib.util.find_spec("torch") is None,
    reason="needs TensorFlow and PyTorch",
)
def test_tensorflow_and_torch_agree_in_their_own_processes():
    reports = _by_name(backends.measure_downscalers(libraries=["torch", "tensorflow"], size=128, factors=(4,)))
    for lib in ("torch", "tensorflow"):
        plain, aa = reports[(f"{lib}.bilinear", 4)], reports[(f"{lib}.bilinear_aa", 4)]
        assert plain.status == aa.status == "ok", (plain.error, aa.error)
        # without antialias, bilinear at 4x is the 2 x 2 middle average above: heavy aliasing; the
        # antialiasing filter (a triangle 4x wider) cuts it by more than 10x
        assert aa.aliased < plain.aliased / 10
    # Both libraries' bilinear resizes are on grid ②, so they give the same numbers.
    assert reports[("tensorflow.bilinear", 4)].aliased == pytest.approx(reports[("torch.bilinear", 4)].aliased, 1e-4)


def test_not_installed_rows_and_table():
    fake = backends.Downscaler("nolib.op", "NoLib", "pixelviz_no_such_module", "nolib.op()", lambda: None)
    backends.register_downscale(fake)
    try:
        reports = backends.measure_downscalers(libraries=["nolib"], size=64, factors=(4, 8))
        assert [r.status for r in reports] == ["not installed", "not installed"]
        table = backends.downscale_table(reports)
        assert table.headers[3:] == ["aliased ÷4", "aliased ÷8", "passband error ÷4", "passband error ÷8"]
        assert table.rows[0][:4] == ["NoLib", "—", "nolib.op()", "not installed"]
    finally:
        backends._downscale._DOWNSCALERS.pop("nolib.op")


def test_downscale_table_units():
    pytest.importorskip("cv2")
    reports = backends.measure_downscalers(libraries=["opencv"], size=64, factors=(4,), isolate=False)
    r = reports[0]
    pct = backends.downscale_table(reports).rows[0][3]
    db = backends.downscale_table(reports, unit="dB").rows[0][3]
    assert pct.endswith(" %") and float(pct[:-2]) == pytest.approx(100 * r.aliased, rel=0.01)
    assert db == f"{10 * np.log10(r.aliased):.1f} dB"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"size": 100, "factors": (8,)}, "size must be divisible by every factor"),
        ({"factors": ()}, "factors must be a non-empty list"),
        ({"factors": (1,)}, r"factors\[0\] must be"),
        ({"libraries": ["opencvv"]}, "did you mean 'opencv'"),
        ({"crop": (0.5, 0.5, 0, 1)}, "crop must keep at least one pixel"),
        ({"isolate": "no"}, "isolate must be"),
    ],
)
def test_measure_downscalers_rejects_bad_input(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        backends.measure_downscalers(**kwargs)


def test_register_downscale_rejects_duplicates_and_non_downscalers():
    first = backends.list_downscalers()[0]
    with pytest.raises(ValueError, match="must be unique"):
        backends.register_downscale(first)
    with pytest.raises(TypeError, match="must be Downscaler objects"):
        backends.register_downscale("opencv.inter_area")
