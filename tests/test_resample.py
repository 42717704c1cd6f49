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
        (0.5, 0.5),  # center of pixel (0, 0) -> 0
        (2.5, 1.5),  # center of pixel (1, 2) -> 12
        (1.0, 0.5),  # halfway between (0,0) and (0,1) -> 0.5
        (1.5, 1.0),  # halfway between (0,1) and (1,1) -> 6
        (1.0, 1.0),  # middle of the 2x2 block (0,0),(0,1),(1,0),(1,1) -> (0+1+10+11)/4 = 5.5
        (0.0, 0.0),  # top-left corner: u=v=-0.5, clamps to pixel (0,0) -> 0
        (3.0, 2.0),  # bottom-right corner: clamps to pixel (1,2) -> 12
    ]
    np.testing.assert_allclose(sample_bilinear(img, pts), [0, 12, 0.5, 6, 5.5, 0, 12], atol=1e-12)


def test_sample_bilinear_hand_example_centers_origin():
    # Integer centers: the center of pixel (r, c) is (c, r). (1, 0) is pixel (0,1) -> 1.
    img = np.array([[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]])
    np.testing.assert_allclose(sample_bilinear(img, [(1.0, 0.0), (0.5, 0.5)], origin="centers"), [1.0, 5.5], atol=1e-12)


def test_sample_bilinear_zeros_border_hand_example():
    # 1x2 image [[4, 8]]. Point (0, 0.5): u=-0.5, v=0 -> half of pixel -1 (0) + half of pixel 0 (4) = 2.
    # Point (-1, 0.5): u=-1.5 -> both neighbours outside -> 0. Point (1, 0): v=-0.5 -> half of row -1 (0)
    # plus half of row 0 at u=0.5 (6) -> 3.
    img = np.array([[4.0, 8.0]])
    np.testing.assert_allclose(
        sample_bilinear(img, [(0.0, 0.5), (-1.0, 0.5), (1.0, 0.0)], border="zeros"), [2.0, 0.0, 3.0], atol=1e-12
    )
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
        ref = F.grid_sample(t_img, t_grid, mode="bilinear", padding_mode=padding_mode, align_corners=False)[
            0, :, 0
        ].T.numpy()
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


# ================================================================ resize: hand examples
def test_resize_linear_half_pixel_hand_example():
    # N=4 -> M=8 under ②: x = (i + 1/2)/2 - 1/2 = -0.25, 0.25, ..., 3.25. Input [0, 1, 2, 3] is a ramp,
    # so the output is x itself, clamped to [0, 3] at the borders.
    np.testing.assert_allclose(resize(np.arange(4.0), 8), [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3], atol=1e-12)


def test_resize_linear_align_corners_hand_example():
    # N=3 -> M=5 under ①: x = i * 2/4 = 0, 0.5, 1, 1.5, 2; on the input [0, 10, 40] -> 0, 5, 10, 25, 40.
    np.testing.assert_allclose(resize([0.0, 10.0, 40.0], 5, convention="①"), [0, 5, 10, 25, 40], atol=1e-12)


def test_resize_nearest_hand_example_roundings():
    # N=4 -> M=2 under ②: x = (i + 1/2)*2 - 1/2 = 0.5, 2.5 -- both exact ties.
    sig = np.array([10.0, 11.0, 12.0, 13.0])
    assert resize(sig, 2, "nearest", rounding="round_prefer_floor").tolist() == [10, 12]  # 0.5->0, 2.5->2
    assert resize(sig, 2, "nearest", rounding="round_prefer_ceil").tolist() == [11, 13]  # 0.5->1, 2.5->3
    # ③: x = 2i = 0, 2 -> no rounding needed.
    assert resize(sig, 2, "nearest", "asymmetric", rounding="ceil").tolist() == [10, 12]


def test_resize_cubic_hand_example_weights():
    # Keys kernel with a=-0.75 at t=1/2: distances 1.5, 0.5, 0.5, 1.5 ->
    # W(0.5) = (a+2)/8 - (a+3)/4 + 1 = 0.15625 - 0.5625 + 1 = 0.59375,
    # W(1.5) = a(3.375 - 11.25 + 12 - 4) = a * 0.125 = -0.09375.
    t = resize_weights(4, 3, "cubic", "align_corners")  # x = 0, 1.5, 3
    np.testing.assert_allclose(t.weight[1], [-0.09375, 0.59375, 0.59375, -0.09375], atol=1e-12)
    assert t.index[1].tolist() == [0, 1, 2, 3]


def test_resize_antialias_hand_example_box_of_two():
    # 4 -> 2 with antialias: the triangle widens to radius 2; output 0 is centred at x = 0.5, so inputs
    # 0, 1, 2 (and -1, dropped) get weights 1 - |j - 0.5|/2 = 0.75, 0.75, 0.25 -> normalized 3/7, 3/7, 1/7.
    t = resize_weights(4, 2, "linear", antialias=True)
    nz = t.weight[0] > 0
    assert t.index[0][nz].tolist() == [0, 1, 2]
    np.testing.assert_allclose(t.weight[0][nz], [3 / 7, 3 / 7, 1 / 7], atol=1e-12)


def test_resize_tf_crop_and_resize_extrapolation_value():
    # roi (-0.5, 1.5) on N=3: x = -1 + i*(4/2) = -1, 1, 3 -> outputs 0 and 2 lie outside [0, 2].
    out = resize([1.0, 2.0, 3.0], 3, convention="tf_crop_and_resize", roi=(-0.5, 1.5), extrapolation_value=-7)
    np.testing.assert_allclose(out, [-7, 2, -7])


# ================================================================ resize: properties
@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic"])
def test_resize_identity_when_sizes_match(mode):
    rng = np.random.default_rng(RNG_SEED)
    img = rng.standard_normal((5, 7, 3))
    for conv in ["half_pixel", "align_corners", "asymmetric", "pytorch_half_pixel", "half_pixel_symmetric"]:
        np.testing.assert_allclose(resize(img, (5, 7), mode, conv), img, atol=1e-12)


def test_resize_2d_is_separable_and_channels_independent():
    rng = np.random.default_rng(RNG_SEED)
    img = rng.standard_normal((6, 9, 2))
    out = resize(img, (4, 13), "cubic")
    rows_first = np.stack([resize(img[:, c, 0], 4, "cubic") for c in range(9)], axis=1)
    both = np.stack([resize(rows_first[r], 13, "cubic") for r in range(4)], axis=0)
    np.testing.assert_allclose(out[..., 0], both, atol=1e-12)
    np.testing.assert_allclose(out[..., 1], resize(img[..., 1], (4, 13), "cubic"), atol=1e-12)


def test_resize_half_pixel_commutes_with_flip_asymmetric_does_not():
    rng = np.random.default_rng(RNG_SEED)
    sig = rng.standard_normal(7)
    np.testing.assert_allclose(resize(sig[::-1], 12), resize(sig, 12)[::-1], atol=1e-12)
    assert not np.allclose(resize(sig[::-1], 12, convention="③"), resize(sig, 12, convention="③")[::-1])


def test_resize_keeps_float32_and_promotes_ints():
    assert resize(np.zeros((3, 3), np.float32), (5, 5)).dtype == np.float32
    assert resize(np.zeros(3, np.uint8), 5).dtype == np.float64


def test_resize_weights_rows_sum_to_one():
    for mode, aa in [("linear", False), ("cubic", False), ("linear", True), ("cubic", True)]:
        for n, m in [(7, 3), (5, 12), (321, 161), (1, 4), (4, 1)]:
            t = resize_weights(n, m, mode, antialias=aa)
            np.testing.assert_allclose(t.weight.sum(axis=1), 1.0, atol=1e-12)
            assert t.index.min() >= 0 and t.index.max() <= n - 1


def test_source_coords_exact_at_ties():
    # 9 * 14/18 = 7 exactly; i / (18/14) in float64 gives 6.999..., and floor would pick 6.
    assert pv.source_coords(14, 18, "asymmetric")[9] == 7.0
    # (2*1 + 1) * 10/12 - 1/2 = 2 exactly.
    assert pv.source_coords(10, 6, "half_pixel")[1] == 2.0


# ================================================================ resize: degenerate legal sizes
def test_resize_align_corners_output_one_reads_first_sample():
    # ① with M = 1: PyTorch and ONNX Runtime both read x = 0.
    assert resize([3.0, 5.0, 9.0], 1, convention="align_corners").tolist() == [3.0]


def test_resize_input_one_is_copied_everywhere():
    for conv in ["align_corners", "half_pixel", "asymmetric"]:
        for mode in ["nearest", "linear", "cubic"]:
            np.testing.assert_allclose(resize([4.0], 5, mode, conv), [4.0] * 5, atol=1e-12)


def test_resize_degenerate_matches_torch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    x = np.array([3.0, 5.0, 9.0, 2.0], np.float32)
    for n_out in [1, 4]:
        for sig in [x, x[:1]]:
            for mode, tmode in [("linear", "linear"), ("cubic", "bicubic")]:
                t = torch.from_numpy(np.ascontiguousarray(sig))
                if tmode == "bicubic":
                    ref = F.interpolate(t.view(1, 1, 1, -1), size=(1, n_out), mode=tmode, align_corners=True)
                else:
                    ref = F.interpolate(t.view(1, 1, -1), size=n_out, mode=tmode, align_corners=True)
                np.testing.assert_allclose(resize(sig, n_out, mode, "align_corners"), ref.flatten().numpy(), atol=1e-5)


# ================================================================ resize: bad input
def test_resize_rejects_bad_input():
    img = np.zeros((4, 5))
    with pytest.raises(ValueError, match=r"size\[0\] must be >= 1; got 0"):
        resize(img, (0, 3))
    with pytest.raises(ValueError, match="size must be >= 1; got -2"):
        resize(np.zeros(4), -2)
    with pytest.raises(TypeError, match=r"size\[1\] must be an int; got the float 2.5"):
        resize(img, (3, 2.5))
    with pytest.raises(TypeError, match=r"size must be an \(h, w\) pair"):
        resize(img, 3)
    with pytest.raises(ValueError, match=r"image must have shape \(N,\), \(H, W\) or \(H, W, C\)"):
        resize(np.zeros((2, 2, 2, 2)), (3, 3))
    with pytest.raises(ValueError, match="scale must be finite; got nan"):
        resize(np.zeros(4), 3, scale=float("nan"))
    with pytest.raises(ValueError, match="mode must be one of .*did you mean 'linear'"):
        resize(img, (3, 3), mode="linaer")
    with pytest.raises(ValueError, match="convention must be one of"):
        resize(img, (3, 3), convention="center")
    with pytest.raises(ValueError, match="rounding must be one of .*did you mean 'floor'"):
        resize(img, (3, 3), "nearest", rounding="flor")
    with pytest.raises(ValueError, match="antialias must be False for mode='nearest'"):
        resize(img, (2, 2), "nearest", antialias=True)
    with pytest.raises(TypeError, match="image must be an array of numbers"):
        resize(np.array(["a", "b"]), 3)


# ================================================================ resize vs the real ops
# Named edge cases (odd, prime, non-integer ratios, DeepLab's 321 -> 161) plus seeded random pairs.
NAMED_PAIRS = [(7, 3), (5, 12), (321, 161), (1, 4), (4, 1), (13, 13), (2, 7), (161, 81)]
N_RANDOM = 200


def _shape_pairs(seed, n=N_RANDOM, max_size=24):
    """(H, W, h, w) tuples: every named pair on one axis, then seeded random pairs."""
    rng = np.random.default_rng(seed)
    pairs = [(a, 5, b, 6) for a, b in NAMED_PAIRS] + [(3, a, 4, b) for a, b in NAMED_PAIRS]
    pairs += [tuple(int(v) for v in rng.integers(1, max_size, 4)) for _ in range(n)]
    return pairs


def _image(rng, h, w):
    """Noise for small images; a smooth random image when a side exceeds 64.

    The libraries compute coordinates in float32: at x ~ 300 the error is ~2e-5 of a pixel, which
    times the slope of pure noise (~3 per pixel) exceeds the 1e-5 tolerance. A smooth image keeps
    the comparison about the convention, not about float32 coordinate rounding.
    """
    if max(h, w) <= 64:
        return rng.standard_normal((h, w)).astype(np.float32)
    r, c = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    k = rng.uniform(0.005, 0.02, 2)
    return (np.sin(k[0] * r + 1.0) * np.cos(k[1] * c + 0.5)).astype(np.float32)


def _pv_valid(n, m, convention, roi):
    return resize_weights(n, m, "nearest", convention, roi=roi).valid


def _check_index_map(got, n, m, convention, rounding, roi=None, valid=None):
    """Assert a library's nearest index map equals pixelviz's except at exact ties, by one sample.

    Libraries evaluate the coordinate in floating point, so an exact tie (an integer x for
    floor/ceil, a half-integer for the round_* rules) may fall on either side.
    Returns True when the map has such a tie mismatch.
    """
    x = pv.source_coords(n, m, convention, roi=roi)
    exact = resize_weights(n, m, "nearest", convention, rounding=rounding, roi=roi).index[:, 0]
    # A tie up to float32 precision (a roi such as 0.1 is not exact in binary either).
    shifted = x if rounding in ("floor", "ceil") else x - 0.5
    tie = np.abs(shifted - np.round(shifted)) <= 1e-6 * np.maximum(1.0, np.abs(x))
    bad = (got != exact) & (True if valid is None else valid)
    assert np.all(tie[bad]) and np.all(np.abs(got[bad] - exact[bad]) == 1), (n, m, np.nonzero(bad)[0])
    return bool(bad.any())


def _torch_resize(img, size, **kw):
    torch = pytest.importorskip("torch")
    t = torch.from_numpy(img)[None, None].to(pv.torch_device())
    return torch.nn.functional.interpolate(t, size=size, **kw)[0, 0].cpu().numpy()


TORCH_CASES = {
    # id: (F.interpolate kwargs, pixelviz kwargs)
    "bilinear_ac_false": (dict(mode="bilinear", align_corners=False), dict(mode="linear", convention="half_pixel")),
    "bilinear_ac_true": (dict(mode="bilinear", align_corners=True), dict(mode="linear", convention="align_corners")),
    "bicubic_ac_false": (dict(mode="bicubic", align_corners=False), dict(mode="cubic", convention="half_pixel")),
    "bicubic_ac_true": (dict(mode="bicubic", align_corners=True), dict(mode="cubic", convention="align_corners")),
}


@pytest.mark.parametrize("case", list(TORCH_CASES))
def test_resize_matches_torch_interpolate(case):
    pytest.importorskip("torch")
    tkw, pkw = TORCH_CASES[case]
    rng = np.random.default_rng(RNG_SEED)
    for H, W, h, w in _shape_pairs(1):
        img = _image(rng, H, W)
        np.testing.assert_allclose(
            resize(img, (h, w), **pkw),
            _torch_resize(img, (h, w), **tkw),
            atol=1e-5,
            err_msg=f"{case} {(H, W)} -> {(h, w)}",
        )


@pytest.mark.parametrize(
    "tmode, convention, rounding",
    [
        # Finding: "nearest" is grid ③ with floor; "nearest-exact" is ② rounding halves up. Both evaluate
        # the coordinate in float32, so at exact ties they can pick the neighbour (e.g. 14 -> 23).
        ("nearest", "asymmetric", "floor"),
        ("nearest-exact", "half_pixel", "round_prefer_ceil"),
    ],
)
def test_resize_nearest_matches_torch(tmode, convention, rounding):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(RNG_SEED)
    for H, W, h, w in _shape_pairs(5):
        img = _image(rng, H, W)
        ref = _torch_resize(img, (h, w), mode=tmode)
        # index maps read off ramps along each axis
        rows = _torch_resize(np.tile(np.arange(H, dtype=np.float32)[:, None], (1, 2)), (h, 2), mode=tmode)[:, 0]
        cols = _torch_resize(np.tile(np.arange(W, dtype=np.float32), (2, 1)), (2, w), mode=tmode)[0]
        tie_r = _check_index_map(rows.astype(np.int64), H, h, convention, rounding)
        tie_c = _check_index_map(cols.astype(np.int64), W, w, convention, rounding)
        if not (tie_r or tie_c):
            np.testing.assert_array_equal(resize(img, (h, w), "nearest", convention, rounding=rounding), ref)
    del torch


def test_resize_matches_torch_interpolate_scale_factor():
    # With scale_factor= and recompute_scale_factor=False, PyTorch divides by the given factor.
    # Finding: an axis whose size does not change is copied, the factor ignored (2x3 at 1.3 stays a copy).
    pytest.importorskip("torch")
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(50):
        H, W = (int(v) for v in rng.integers(2, 20, 2))
        s = float(rng.uniform(0.4, 3.0))
        h, w = int(np.floor(H * s)), int(np.floor(W * s))
        if min(h, w) < 1:
            continue
        img = _image(rng, H, W)
        ref = _torch_resize(
            img, None, scale_factor=s, mode="bilinear", align_corners=False, recompute_scale_factor=False
        )
        scale = (None if h == H else s, None if w == W else s)
        np.testing.assert_allclose(resize(img, (h, w), scale=scale), ref, atol=1e-5)


@pytest.mark.parametrize("tmode, mode, a", [("bilinear", "linear", -0.75), ("bicubic", "cubic", -0.5)])
def test_resize_antialias_matches_torch(tmode, mode, a):
    # PyTorch's antialias=True is Pillow's algorithm (its bicubic then uses a = -0.5).
    # Finding (torch 2.14.1, CPU): with an output WIDTH of 1 and a changed height, the result is wrong
    # (e.g. all zeros); every mismatch must be of that kind.
    pytest.importorskip("torch")
    rng = np.random.default_rng(RNG_SEED)
    odd = []
    for H, W, h, w in _shape_pairs(2):
        img = _image(rng, H, W)
        ref = _torch_resize(img, (h, w), mode=tmode, align_corners=False, antialias=True)
        ours = resize(img, (h, w), mode, antialias=True, cubic_coeff=a)
        if not np.allclose(ours, ref, atol=1e-5):
            odd.append((H, W, h, w))
    assert all(w == 1 and H != h for H, W, h, w in odd), odd


def test_resize_antialias_align_corners_torch_uses_half_pixel_centres():
    # Finding: F.interpolate(antialias=True, align_corners=True) does not use grid ①. It centres the
    # filter like ② but with ①'s scale (N-1)/(M-1): pixelviz's half_pixel with scale=(M-1)/(N-1).
    pytest.importorskip("torch")
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(N_RANDOM):
        H, W, h, w = (int(v) for v in rng.integers(2, 24, 4))
        img = _image(rng, H, W)
        ref = _torch_resize(img, (h, w), mode="bilinear", align_corners=True, antialias=True)
        ours = resize(img, (h, w), "linear", "half_pixel", antialias=True, scale=((h - 1) / (H - 1), (w - 1) / (W - 1)))
        np.testing.assert_allclose(ours, ref, atol=1e-5)


CV2_CASES = {
    "INTER_LINEAR": dict(mode="linear", convention="half_pixel"),
    "INTER_CUBIC": dict(mode="cubic", convention="half_pixel"),
}


@pytest.mark.parametrize("flag", list(CV2_CASES))
def test_resize_matches_cv2(flag):
    cv2 = pytest.importorskip("cv2")
    rng = np.random.default_rng(RNG_SEED)
    for H, W, h, w in _shape_pairs(3):
        img = _image(rng, H, W)
        ref = cv2.resize(img, (w, h), interpolation=getattr(cv2, flag)).reshape(h, w)
        np.testing.assert_allclose(resize(img, (h, w), **CV2_CASES[flag]), ref, atol=1e-5, err_msg=f"{(H, W, h, w)}")


def _cv2_index_map(cv2, n, m, flag):
    """Which input column each output column copies, read off a ramp image."""
    ramp = np.tile(np.arange(n, dtype=np.float32), (2, 1))
    return cv2.resize(ramp, (m, 2), interpolation=flag)[0].astype(np.int64)


def test_resize_cv2_inter_nearest_is_asymmetric_floor_in_floating_point():
    # Finding: INTER_NEAREST is grid ③ with floor, but OpenCV evaluates floor(i * (1 / (M/N))) in double,
    # so an exact integer coordinate such as 9 * 14/18 = 7 can come out as 6.99.. and pick the sample before.
    # Every mismatch with the exact rule is such a tie, and exactly one sample lower.
    cv2 = pytest.importorskip("cv2")
    rng = np.random.default_rng(RNG_SEED)
    n_tie_mismatches = 0
    for n, m in NAMED_PAIRS + [(14, 18)] + [tuple(int(v) for v in rng.integers(1, 60, 2)) for _ in range(N_RANDOM)]:
        got = _cv2_index_map(cv2, n, m, cv2.INTER_NEAREST)
        exact = resize_weights(n, m, "nearest", "asymmetric", rounding="floor").index[:, 0]
        x = pv.source_coords(n, m, "asymmetric")
        bad = got != exact
        assert np.all(x[bad] == np.floor(x[bad])) and np.all(got[bad] == exact[bad] - 1), (n, m)
        n_tie_mismatches += int(bad.any())
    assert n_tie_mismatches >= 1  # 14 -> 18 is one


def test_resize_cv2_inter_nearest_exact_is_half_pixel_with_fixed_point_ties():
    # Finding: INTER_NEAREST_EXACT is grid ② rounded to nearest; at exact halves (x = k + 1/2) OpenCV's
    # 16.16 fixed-point arithmetic picks k or k+1 depending on the sizes. Elsewhere it is exact.
    cv2 = pytest.importorskip("cv2")
    rng = np.random.default_rng(RNG_SEED)
    for n, m in NAMED_PAIRS + [tuple(int(v) for v in rng.integers(1, 400, 2)) for _ in range(N_RANDOM)]:
        got = _cv2_index_map(cv2, n, m, cv2.INTER_NEAREST_EXACT)
        x = pv.source_coords(n, m, "half_pixel")
        tie = x - np.floor(x) == 0.5
        ceil_rule = resize_weights(n, m, "nearest", "half_pixel", rounding="round_prefer_ceil").index[:, 0]
        floor_rule = resize_weights(n, m, "nearest", "half_pixel", rounding="round_prefer_floor").index[:, 0]
        np.testing.assert_array_equal(got[~tie], ceil_rule[~tie])
        assert np.all((got[tie] == ceil_rule[tie]) | (got[tie] == floor_rule[tie])), (n, m)


@pytest.mark.parametrize("flt, mode, a", [("BILINEAR", "linear", -0.75), ("BICUBIC", "cubic", -0.5)])
def test_resize_antialias_matches_pillow(flt, mode, a):
    Image = pytest.importorskip("PIL.Image")
    rng = np.random.default_rng(RNG_SEED)
    for H, W, h, w in _shape_pairs(4, max_size=40):
        img = _image(rng, H, W)
        ref = np.asarray(Image.fromarray(img, mode="F").resize((w, h), getattr(Image.Resampling, flt)))
        np.testing.assert_allclose(
            resize(img, (h, w), mode, antialias=True, cubic_coeff=a), ref, atol=1e-5, err_msg=f"{(H, W, h, w)}"
        )


# ================================================================ resize vs ONNX Runtime
ONNX_MODES = [
    "half_pixel",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "tf_crop_and_resize",
    "half_pixel_symmetric",
]
ONNX_ROI = ((0.1, 0.8), (0.2, 0.9))


def _ort_session(mode, ctm, nearest_mode="round_prefer_floor", *, use_scales=False, exclude_outside=0):
    """One ONNX Resize (opset 19) with a dynamic input shape, so one session serves every shape."""
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["n", "c", "h", "w"])
    roi = helper.make_tensor_value_info("roi", TensorProto.FLOAT, [8])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["n", "c", "oh", "ow"])
    if use_scales:
        target, inputs = helper.make_tensor_value_info("scales", TensorProto.FLOAT, [4]), ["X", "roi", "scales"]
    else:
        target, inputs = helper.make_tensor_value_info("sizes", TensorProto.INT64, [4]), ["X", "roi", "", "sizes"]
    node = helper.make_node(
        "Resize",
        inputs,
        ["Y"],
        mode=mode,
        coordinate_transformation_mode=ctm,
        nearest_mode=nearest_mode,
        exclude_outside=exclude_outside,
        cubic_coeff_a=-0.75,
    )
    model = helper.make_model(
        helper.make_graph([node], "resize", [x, roi, target], [y]), opset_imports=[helper.make_opsetid("", 19)]
    )
    model.ir_version = 9
    onnx.checker.check_model(model)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])


def _ort_roi(ctm):
    if ctm != "tf_crop_and_resize":
        return np.zeros(8, np.float32)
    (y0, y1), (x0, x1) = ONNX_ROI
    return np.array([0, 0, y0, x0, 1, 1, y1, x1], np.float32)


def _pv_roi(ctm, H, W, h, w):
    # Finding: ONNX Runtime copies an axis whose output length equals its input length (its scale is 1),
    # ignoring the roi: that axis reads roi (0, 1), the identity.
    if ctm != "tf_crop_and_resize":
        return None
    return tuple(ONNX_ROI[ax] if n != m else (0.0, 1.0) for ax, (n, m) in enumerate([(H, h), (W, w)]))


@pytest.mark.parametrize("mode, exclude_outside", [("linear", 0), ("cubic", 0), ("cubic", 1)])
@pytest.mark.parametrize("ctm", ONNX_MODES)
def test_resize_matches_onnxruntime(ctm, mode, exclude_outside):
    sess = _ort_session(mode, ctm, exclude_outside=exclude_outside)
    rng = np.random.default_rng(RNG_SEED)
    for H, W, h, w in _shape_pairs(6, max_size=14):
        img = _image(rng, H, W)
        ref = sess.run(None, {"X": img[None, None], "roi": _ort_roi(ctm), "sizes": np.array([1, 1, h, w], np.int64)})[
            0
        ][0, 0]
        ours = resize(img, (h, w), mode, ctm, roi=_pv_roi(ctm, H, W, h, w), exclude_outside=bool(exclude_outside))
        # rtol too: ONNX Runtime's float32 coordinates times a steep cubic slope reach ~1e-5 relative.
        np.testing.assert_allclose(ours, ref, atol=1e-5, rtol=1e-5, err_msg=f"{ctm} {(H, W, h, w)}")


@pytest.mark.parametrize("rounding", ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])
@pytest.mark.parametrize("ctm", ONNX_MODES)
def test_resize_nearest_matches_onnxruntime(ctm, rounding):
    # ONNX Runtime evaluates coordinates in float32: at exact ties (e.g. half_pixel 10 -> 6, x = 2)
    # floor can pick the sample before. Those shapes are checked through their index maps only.
    sess = _ort_session("nearest", ctm, rounding)
    rng = np.random.default_rng(RNG_SEED)

    def run(img, h, w):
        return sess.run(None, {"X": img[None, None], "roi": _ort_roi(ctm), "sizes": np.array([1, 1, h, w], np.int64)})[
            0
        ][0, 0]

    for H, W, h, w in _shape_pairs(7, max_size=14):
        img = _image(rng, H, W)
        roi = _pv_roi(ctm, H, W, h, w)
        ours = resize(img, (h, w), "nearest", ctm, rounding=rounding, roi=roi)
        ref = run(img, h, w)
        if np.allclose(ours, ref, atol=1e-5):
            continue
        rows = run(np.tile(np.arange(H, dtype=np.float32)[:, None], (1, W)), h, w)
        cols = run(np.tile(np.arange(W, dtype=np.float32), (H, 1)), h, w)
        (r_roi, c_roi) = roi if roi is not None else (None, None)
        r_ok = _pv_valid(H, h, ctm, r_roi)
        c_ok = _pv_valid(W, w, ctm, c_roi)
        col, row = int(np.argmax(c_ok)), int(np.argmax(r_ok))  # a column / row inside the crop
        tie_r = _check_index_map(rows[:, col].astype(np.int64), H, h, ctm, rounding, r_roi, r_ok)
        tie_c = _check_index_map(cols[row].astype(np.int64), W, w, ctm, rounding, c_roi, c_ok)
        assert tie_r or tie_c, (H, W, h, w)


@pytest.mark.parametrize("ctm", ["half_pixel", "half_pixel_symmetric", "asymmetric", "pytorch_half_pixel"])
def test_resize_matches_onnxruntime_with_scales(ctm):
    # Given scales s, ONNX's output length is floor(N s) and the maps divide by s: half_pixel_symmetric
    # differs from half_pixel exactly when N s is not an integer.
    sess = _ort_session("linear", ctm, use_scales=True)
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(N_RANDOM):
        H, W = (int(v) for v in rng.integers(1, 14, 2))
        sy, sx = (float(v) for v in rng.uniform(0.3, 3.0, 2).astype(np.float32))
        h, w = int(np.floor(H * sy)), int(np.floor(W * sx))
        if min(h, w) < 1:
            continue
        img = _image(rng, H, W)
        ref = sess.run(
            None, {"X": img[None, None], "roi": np.zeros(8, np.float32), "scales": np.array([1, 1, sy, sx], np.float32)}
        )[0][0, 0]
        if (h, w) == (H, W):
            # Finding: when the output shape equals the input shape ONNX Runtime returns a copy,
            # whatever the scales (1.3 on a 1x3 image gives 1x3, unchanged).
            np.testing.assert_array_equal(ref, img)
            continue
        np.testing.assert_allclose(resize(img, (h, w), "linear", ctm, scale=(sy, sx)), ref, atol=1e-5)
