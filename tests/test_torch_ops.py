"""grid_sample versions of RoIAlign, paste-mask and point sampling vs torchvision and the numpy references."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import pixelviz as pv  # noqa: E402
from pixelviz import roi as R  # noqa: E402
from pixelviz.backends import torch_ops as T  # noqa: E402

DEVICE = pv.torch_device()


def _t(a):
    return torch.as_tensor(np.asarray(a, dtype=np.float32), device=DEVICE)


def test_roi_align_grid_sample_detectron2_unittest_values():
    # same derivation as tests/test_roi.py: box [1,1,3,3] on a 5x5 arange, one sample per bin
    # at 1.25 .. 2.75; aligned reads index x - 1/2, legacy reads x; value = 5 * iy + ix
    x = _t(np.arange(25.0).reshape(1, 1, 5, 5))
    box = _t([[0, 1, 1, 3, 3]])
    aligned = [[4.5, 5, 5.5, 6], [7, 7.5, 8, 8.5], [9.5, 10, 10.5, 11], [12, 12.5, 13, 13.5]]
    legacy = [[7.5, 8, 8.5, 9], [10, 10.5, 11, 11.5], [12.5, 13, 13.5, 14], [15, 15.5, 16, 16.5]]
    out_a = T.roi_align_grid_sample(x, box, 4, sampling_ratio=1, aligned=True)[0, 0].cpu().numpy()
    out_l = T.roi_align_grid_sample(x, box, 4, sampling_ratio=1, aligned=False)[0, 0].cpu().numpy()
    np.testing.assert_allclose(out_a, aligned, atol=1e-5)
    np.testing.assert_allclose(out_l, legacy, atol=1e-5)


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("sampling_ratio", [1, 2, 3, -1])
def test_roi_align_grid_sample_matches_torchvision(aligned, sampling_ratio):
    tv = pytest.importorskip("torchvision.ops")
    rng = np.random.default_rng(10 * abs(sampling_ratio) + aligned + (100 if sampling_ratio < 0 else 0))
    # 8 x 35 = 280 random cases, boxes partly outside and empty ones included; -1 is torchvision's
    # adaptive ratio ceil(box / output) per box and axis, so one batch mixes several ratios
    for case in range(35):
        n, c, h, w = rng.integers(1, 3), rng.integers(1, 4), rng.integers(1, 20), rng.integers(1, 20)
        scale = [1.0, 1 / 16, 0.5][case % 3]
        k = rng.integers(1, 8)
        xy = rng.uniform(-4, max(h, w) + 4, (k, 2)) / scale
        wh = rng.uniform(0, 12, (k, 2)) / scale
        if case % 5 == 0:
            wh[0] = 0
        feats = _t(rng.standard_normal((n, c, h, w)))
        boxes = _t(np.concatenate([rng.integers(0, n, (k, 1)), xy, xy + wh], axis=1))
        out = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        ours = T.roi_align_grid_sample(feats, boxes, out, scale, sampling_ratio, aligned)
        ref = tv.roi_align(feats, boxes, out, scale, sampling_ratio, aligned)
        torch.testing.assert_close(ours, ref, atol=1e-5, rtol=0, msg=f"case {case}")


def test_roi_align_grid_sample_matches_numpy_with_k4_boxes():
    rng = np.random.default_rng(3)
    feats = rng.standard_normal((1, 2, 12, 10)).astype(np.float32)
    boxes = np.array([[1.3, 2.2, 8.8, 9.1], [0, 0, 10, 12]], dtype=np.float32)
    ours = T.roi_align_grid_sample(_t(feats), _t(boxes), (3, 2), sampling_ratio=2).cpu().numpy()
    np.testing.assert_allclose(ours, R.roi_align(feats, boxes, (3, 2), sampling_ratio=2), atol=1e-5)


def test_roi_align_grid_sample_rejects_bad_input():
    x = _t(np.zeros((1, 1, 5, 5)))
    for bad in (0, -2):
        with pytest.raises(ValueError, match=r"sampling_ratio must be > 0, or -1 for the adaptive ratio; got"):
            T.roi_align_grid_sample(x, _t([[0, 0, 2, 2]]), 2, sampling_ratio=bad)
    with pytest.raises(ValueError, match=r"features must have shape \(N, C, H, W\); got shape \(5, 5\)"):
        T.roi_align_grid_sample(_t(np.zeros((5, 5))), _t([[0, 0, 2, 2]]), 2)
    with pytest.raises(ValueError, match=r"boxes must have shape \(K, 4\) or \(K, 5\); got shape \(1, 3\)"):
        T.roi_align_grid_sample(x, _t([[0, 0, 2]]), 2)
    with pytest.raises(ValueError, match="boxes must contain only finite numbers"):
        T.roi_align_grid_sample(x, _t([[0, 0, float("nan"), 2]]), 2)
    with pytest.raises(ValueError, match="output_size must be >= 1; got -1"):
        T.roi_align_grid_sample(x, _t([[0, 0, 2, 2]]), -1)
    with pytest.raises(TypeError, match="features must be a torch.Tensor"):
        T.roi_align_grid_sample(np.zeros((1, 1, 5, 5)), _t([[0, 0, 2, 2]]), 2)


def test_paste_masks_matches_numpy_reference():
    rng = np.random.default_rng(4)
    masks = rng.random((3, 7, 5)).astype(np.float32)
    boxes = np.array([[1.3, 2.1, 9.7, 8.2], [0, 0, 12, 10], [-3, 4, 5, 15]], dtype=np.float32)
    ours = T.paste_masks(_t(masks), _t(boxes), (11, 13)).cpu().numpy()
    for k in range(3):
        np.testing.assert_allclose(ours[k], R.paste_mask(masks[k], boxes[k], (11, 13)), atol=1e-5)


def test_paste_masks_rejects_bad_input():
    with pytest.raises(ValueError, match=r"boxes must have shape \(1, 4\)"):
        T.paste_masks(_t(np.ones((1, 2, 2))), _t([[0, 0, 1, 1], [0, 0, 1, 1]]), (4, 4))
    with pytest.raises(ValueError, match="boxes must have x1 > x0 and y1 > y0"):
        T.paste_masks(_t(np.ones((1, 2, 2))), _t([[0, 0, 0, 1]]), (4, 4))


def test_point_sample_matches_numpy_reference():
    rng = np.random.default_rng(5)
    feats = rng.standard_normal((2, 3, 6, 9)).astype(np.float32)
    pts = rng.uniform(-0.2, 1.2, (2, 50, 2)).astype(np.float32)
    ours = T.point_sample(_t(feats), _t(pts)).cpu().numpy()
    np.testing.assert_allclose(ours, R.point_sample(feats, pts), atol=1e-5)


def test_point_sample_hand_example_and_rejects_bad_input():
    f = _t(np.arange(4.0).reshape(1, 1, 1, 4))
    # x = 0.5 on W = 4 -> coordinate 2 -> index 1.5 -> halfway between 1 and 2
    assert T.point_sample(f, _t([[[0.5, 0.5]]])).item() == pytest.approx(1.5)
    with pytest.raises(ValueError, match=r"points must have shape \(1, P, 2\)"):
        T.point_sample(f, _t(np.zeros((1, 3, 3))))


def test_time_roi_align_prints_no_cuda_home_line():
    # Chapter 6 times RoIAlign; importing torch.utils.benchmark on a machine without a GPU logged
    # "No CUDA runtime is found, using CUDA_HOME=..." into the page (issue 12). A fresh process, since
    # the line is logged once per process, at the first import.
    import subprocess
    import sys

    pytest.importorskip("torchvision")
    code = (
        "import torch; from pixelviz.backends import torchvision_ops; "
        "f = torch.zeros(1, 1, 8, 8); b = torch.tensor([[0, 1.0, 1.0, 5.0, 5.0]]); "
        "print(torchvision_ops.time_roi_align(f, b, 2, 1.0, 1, min_run_time=0.01)['ratio'] > 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
    assert "CUDA_HOME" not in out.stderr and "No CUDA runtime" not in out.stderr, out.stderr
