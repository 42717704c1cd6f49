"""pixelviz.resample: resize and sample_bilinear.

Hand examples carry their derivation in a comment; the rest compares with the
real ops (PyTorch, OpenCV, ONNX Runtime, Pillow) on seeded random shapes.
"""

import numpy as np
import pytest

import pixelviz as pv
from pixelviz.resample import resize, resize_weights, sample_bilinear

RNG_SEED = 20210301


# ================================================================ sample_bilinear
def test_sample_bilinear_hand_example_corners():
    # 2x3 image, rows [0 1 2], [10 11 12]. Integer corners: pixel (r, c) center = (c + .5, r + .5).
    img = np.array([[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]])
    pts = [
        (0.5, 0.5),    # center of pixel (0, 0) -> 0
        (2.5, 1.5),    # center of pixel (1, 2) -> 12
        (1.0, 0.5),    # halfway between (0,0) and (0,1) -> 0.5
        (1.5, 1.0),    # halfway between (0,1) and (1,1) -> 6
        (1.0, 1.0),    # middle of the 2x2 block (0,0),(0,1),(1,0),(1,1) -> (0+1+10+11)/4 = 5.5
        (0.0, 0.0),    # top-left corner: u=v=-0.5, clamps to pixel (0,0) -> 0
        (3.0, 2.0),    # bottom-right corner: clamps to pixel (1,2) -> 12
    ]
    np.testing.assert_allclose(sample_bilinear(img, pts), [0, 12, 0.5, 6, 5.5, 0, 12], atol=1e-12)


def test_sample_bilinear_hand_example_centers_origin():
    # Integer centers: the center of pixel (r, c) is (c, r). (1, 0) is pixel (0,1) -> 1.
    img = np.array([[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]])
    np.testing.assert_allclose(sample_bilinear(img, [(1.0, 0.0), (0.5, 0.5)], origin="centers"),
                               [1.0, 5.5], atol=1e-12)


def test_sample_bilinear_zeros_border_hand_example():
    # 1x2 image [[4, 8]]. Point (0, 0.5): u=-0.5, v=0 -> half of pixel -1 (0) + half of pixel 0 (4) = 2.
    # Point (-1, 0.5): u=-1.5 -> both neighbours outside -> 0. Point (1, 0): v=-0.5 -> half of row -1 (0)
    # plus half of row 0 at u=0.5 (6) -> 3.
    img = np.array([[4.0, 8.0]])
    np.testing.assert_allclose(sample_bilinear(img, [(0.0, 0.5), (-1.0, 0.5), (1.0, 0.0)], border="zeros"),
                               [2.0, 0.0, 3.0], atol=1e-12)
    # The same points with clamping: 4, 4, 6.
    np.testing.assert_allclose(sample_bilinear(img, [(0.0, 0.5), (-1.0, 0.5), (1.0, 0.0)]), [4.0, 4.0, 6.0])


def test_sample_bilinear_channels_and_batch_shape():
    rng = np.random.default_rng(RNG_SEED)
    img = rng.standard_normal((5, 6, 3))
    pts = rng.uniform(-1, 7, size=(4, 7, 2))
    out = sample_bilinear(img, pts)
    assert out.shape == (4, 7, 3)
    for ch in range(3):  # channels are independent
        np.testing.assert_allclose(out[..., ch], sample_bilinear(img[..., ch], pts), atol=1e-12)


def test_sample_bilinear_reproduces_pixel_centers():
    rng = np.random.default_rng(RNG_SEED)
    img = rng.standard_normal((4, 7))
    r, c = np.meshgrid(np.arange(4), np.arange(7), indexing="ij")
    centers = np.stack([pv.index_to_coord(c), pv.index_to_coord(r)], axis=-1)  # (x, y) = (c+.5, r+.5)
    np.testing.assert_allclose(sample_bilinear(img, centers), img, atol=1e-12)
    np.testing.assert_allclose(sample_bilinear(img, centers, border="zeros"), img, atol=1e-12)


@pytest.mark.parametrize("border, padding_mode", [("clamp", "border"), ("zeros", "zeros")])
def test_sample_bilinear_matches_grid_sample(border, padding_mode):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(20):
        h, w = rng.integers(1, 9, size=2)
        img = rng.standard_normal((h, w, 2)).astype(np.float32)
        pts = np.stack([rng.uniform(-2, w + 2, 50), rng.uniform(-2, h + 2, 50)], axis=-1)
        # grid_sample(align_corners=False): -1 and +1 are the outer edges, i.e. corner coords 0 and W.
        grid = np.stack([pts[:, 0] / w * 2 - 1, pts[:, 1] / h * 2 - 1], axis=-1)
        t_img = torch.from_numpy(img).permute(2, 0, 1)[None]
        t_grid = torch.from_numpy(grid.astype(np.float32)).view(1, 1, -1, 2)
        ref = F.grid_sample(t_img, t_grid, mode="bilinear", padding_mode=padding_mode,
                            align_corners=False)[0, :, 0].T.numpy()
        np.testing.assert_allclose(sample_bilinear(img, pts, border=border), ref, atol=1e-5)


def test_sample_bilinear_rejects_bad_input():
    img = np.zeros((3, 4))
    with pytest.raises(ValueError, match=r"xy must have shape \(\.\.\., 2\)"):
        sample_bilinear(img, np.zeros((5, 3)))
    with pytest.raises(ValueError, match="image must have shape"):
        sample_bilinear(np.zeros(4), [(0.0, 0.0)])
    with pytest.raises(ValueError, match="border must be one of .*did you mean 'zeros'"):
        sample_bilinear(img, [(0.0, 0.0)], border="zero")
    with pytest.raises(ValueError, match="origin must be 'corners' or 'centers'"):
        sample_bilinear(img, [(0.0, 0.0)], origin="middle")
    with pytest.raises(ValueError, match="xy must contain only finite"):
        sample_bilinear(img, [(np.nan, 0.0)])
