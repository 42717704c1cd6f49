"""probe_points: known samplers, shifted/swapped wrappers, adversarial functions, real libraries.

Every expectation is derived by hand from the wrapper's definition: a
sampler that reads index ``u = x`` puts pixel ``j``'s centre at ``x = j``
(integer centers); reading ``u = x - 1/2`` puts it at ``x = j + 1/2``
(integer corners); and so on.
"""

from __future__ import annotations

import numpy as np
import pytest

from pixelviz.probe.points import Border, Interpolation, PointOrigin, PointProbeResult, probe_points


def bilinear_at_index(image, u_col, u_row, border="zeros"):
    """Hand-written bilinear interpolation at index coordinates (pixel (r, c) at (c, r))."""
    h, w = image.shape
    c0, r0 = np.floor(u_col).astype(int), np.floor(u_row).astype(int)
    fc, fr = u_col - c0, u_row - r0

    def at(r, c):
        if border == "clamp":
            return image[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]
        if border == "wrap":
            return image[np.mod(r, h), np.mod(c, w)]
        ok = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        return np.where(ok, image[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)], 0.0)

    return (
        at(r0, c0) * (1 - fc) * (1 - fr)
        + at(r0, c0 + 1) * fc * (1 - fr)
        + at(r0 + 1, c0) * (1 - fc) * fr
        + at(r0 + 1, c0 + 1) * fc * fr
    )


def centers(image, points):
    """Reads index (x, y): pixel j's centre at x = j."""
    return bilinear_at_index(image, points[:, 0], points[:, 1])


def nearest_round(image, points):
    """Nearest with integer centers: pixel round(x)."""
    h, w = image.shape
    c, r = np.floor(points[:, 0] + 0.5).astype(int), np.floor(points[:, 1] + 0.5).astype(int)
    ok = (r >= 0) & (r < h) & (c >= 0) & (c < w)
    return np.where(ok, image[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)], 0.0)


def nearest_floor(image, points):
    """Nearest with integer corners: the pixel that contains x, floor(x) (centre at j + 1/2)."""
    return nearest_round(image, points - 0.5)


@pytest.mark.parametrize(
    ("fn", "origin", "pixel0"),
    [
        (centers, PointOrigin.INTEGER_CENTERS, (0.0, 0.0)),
        # reads index x - 1/2: pixel j's centre at x = j + 1/2
        (lambda im, p: centers(im, p - 0.5), PointOrigin.INTEGER_CORNERS, (0.5, 0.5)),
        # reads index x + 1/2: pixel j's centre at x = j - 1/2, neither name
        (lambda im, p: centers(im, p + 0.5), PointOrigin.OFFSET, (-0.5, -0.5)),
        # x corners, y centers: the axes disagree
        (lambda im, p: centers(im, p - [0.5, 0.0]), PointOrigin.OFFSET, (0.5, 0.0)),
        # reads index 2x: pixel j's centre at x = j / 2, pixel 0 at 0
        (lambda im, p: centers(im, 0.5 * p + 4), PointOrigin.SCALED, (-8.0, -8.0)),
    ],
)
def test_probe_points_names_shifted_wrappers(fn, origin, pixel0):
    r = probe_points(fn)
    assert r.origin is origin, r.verdict
    assert r.offset == pytest.approx(pixel0, abs=1e-6)
    assert r.swapped is False
    assert r.interpolation is Interpolation.LINEAR


def test_probe_points_scaled_fit():
    r = probe_points(lambda im, p: centers(im, 0.5 * p + 4))
    # u = 0.5 x + 4 on both axes
    assert (r.x.scale, r.x.offset, r.y.scale, r.y.offset) == pytest.approx((0.5, 4.0, 0.5, 4.0), abs=1e-6)


def test_probe_points_detects_swapped_axes():
    r = probe_points(lambda im, p: centers(im, p[:, ::-1]))
    assert r.swapped is True
    assert r.origin is PointOrigin.INTEGER_CENTERS
    assert (r.x.image_axis, r.y.image_axis) == ("row", "col")
    assert r.fix == "pass (y − 0.5, x − 0.5)"


def test_probe_points_fix_text():
    assert probe_points(centers).fix == "pass (x − 0.5, y − 0.5)"
    assert probe_points(lambda im, p: centers(im, p - 0.5)).fix == "none (already integer corners)"
    assert probe_points(lambda im, p: centers(im, p + 0.5)).fix == "pass (x − 1, y − 1)"


@pytest.mark.parametrize(
    ("fn", "origin"),
    [(nearest_round, PointOrigin.INTEGER_CENTERS), (nearest_floor, PointOrigin.INTEGER_CORNERS)],
)
def test_probe_points_nearest(fn, origin):
    r = probe_points(fn)
    assert r.interpolation is Interpolation.NEAREST
    assert r.origin is origin, r.verdict


@pytest.mark.parametrize("border", ["clamp", "wrap", "zeros"])
def test_probe_points_border(border):
    r = probe_points(lambda im, p: bilinear_at_index(im, p[:, 0], p[:, 1], border))
    assert r.border is Border(border)


def test_probe_points_cubic_kernel():
    scipy = pytest.importorskip("scipy.ndimage")
    # SciPy's order-3 spline interpolates (1 at the centre, 0 at other centres) and has negative lobes
    r = probe_points(lambda im, p: scipy.map_coordinates(im, [p[:, 1], p[:, 0]], order=3, mode="nearest"))
    assert r.interpolation is Interpolation.CUBIC
    assert r.origin is PointOrigin.INTEGER_CENTERS
    assert r.border is Border.CLAMP


@pytest.mark.parametrize(
    ("fn", "reason"),
    [
        (lambda im, p: np.random.default_rng().normal(size=len(p)), "not linear"),
        (lambda im, p: np.ones(len(p)), "not linear"),
        (lambda im, p: np.zeros(len(p)), "constant image"),
        (lambda im, p: np.full(len(p), np.nan), "NaN"),
        (lambda im, p: centers(im, p) ** 2, "not linear"),
        (lambda im, p: 2 * centers(im, p), "constant image"),
        (lambda im, p: centers(im, p + 0.05 * (p - 12) ** 2), "not an affine"),
        (lambda im, p: centers(im, np.column_stack([p[:, 0] + p[:, 1], p[:, 1]]) / 2), "both"),
        (lambda im, p: np.full(len(p), im.mean()), "neither"),
    ],
)
def test_probe_points_adversarial_is_inconclusive(fn, reason):
    r = probe_points(fn)
    assert r.origin is PointOrigin.INCONCLUSIVE
    assert reason in r.reason
    assert r.verdict.startswith("inconclusive")
    assert r.fix == "—"


def test_probe_points_raising_and_wrong_shape():
    def boom(im, p):
        raise RuntimeError("no")

    with pytest.raises(ValueError, match="fn raised RuntimeError"):
        probe_points(boom)
    with pytest.raises(ValueError, match=r"fn must return shape \(24,\)"):
        probe_points(lambda im, p: np.zeros(3))
    with pytest.raises(TypeError, match="fn must return real numbers"):
        probe_points(lambda im, p: np.array(["a"] * len(p)))


def test_probe_points_rejects_bad_arguments():
    with pytest.raises(TypeError, match="fn"):
        probe_points(3)
    with pytest.raises(ValueError, match="shape"):
        probe_points(centers, shape=(8, 8))
    with pytest.raises(ValueError, match="seed"):
        probe_points(centers, seed=-1)


def test_probe_points_result_round_trips_json():
    import json

    r = probe_points(lambda im, p: centers(im, p[:, ::-1] - 0.5))
    back = PointProbeResult.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back == r
    with pytest.raises(TypeError, match="data"):
        PointProbeResult.from_dict([1])


# ---------------------------------------------------------------- real libraries, the article's claims
def _verdict(name):
    from pixelviz import backends

    b = backends.get_sampler(name)
    if not b.available():
        pytest.skip(f"{b.module} not installed")
    return probe_points(b.function())


def test_map_coordinates_is_integer_centers_and_takes_row_col():
    # the article: map_coordinates uses integer centers; it takes (row, col), so (x, y) come out swapped
    r = _verdict("scipy.map_coordinates.linear")
    assert (r.origin, r.swapped, r.interpolation) == (PointOrigin.INTEGER_CENTERS, True, Interpolation.LINEAR)
    assert r.offset == pytest.approx((0.0, 0.0), abs=1e-6)


def test_warp_affine_is_integer_centers():
    # the article: cv2.warpAffine uses integer centers (opencv#11784)
    r = _verdict("opencv.warpAffine.linear")
    assert r.origin is PointOrigin.INTEGER_CENTERS
    assert r.offset == pytest.approx((0.0, 0.0), abs=1 / 64)  # OpenCV's weights are multiples of 1/32


def test_grid_sample_normalizations():
    # align_corners=False reads index ((u + 1) W - 1) / 2; with u = 2x/W - 1 that is x - 1/2: corners.
    assert _verdict("torch.grid_sample.bilinear.noac.2x/W-1").origin is PointOrigin.INTEGER_CORNERS
    assert _verdict("torch.grid_sample.bilinear.noac.(2x+1)/W-1").origin is PointOrigin.INTEGER_CENTERS
    # align_corners=True reads index (u + 1)(W - 1) / 2; with u = 2x/(W-1) - 1 that is x: centers.
    assert _verdict("torch.grid_sample.bilinear.ac.2x/(W-1)-1").origin is PointOrigin.INTEGER_CENTERS
    # the mismatch: index x W/(W-1) - 1/2, scale 28/27 on the default 24 x 28 probe image (x), 24/23 (y)
    r = _verdict("torch.grid_sample.bilinear.noac.2x/(W-1)-1")
    assert r.origin is PointOrigin.SCALED
    assert (r.x.scale, r.x.offset, r.y.scale) == pytest.approx((28 / 27, -0.5, 24 / 23), abs=1e-4)


def test_pixelviz_point_sample_is_integer_corners():
    assert _verdict("pixelviz.point_sample").origin is PointOrigin.INTEGER_CORNERS


def test_origin_rows_and_rules_for_map_coordinates():
    pytest.importorskip("scipy")
    from pixelviz import backends

    reports = backends.probe_origin_backends([backends.get_sampler("scipy.map_coordinates.linear")])
    (row,) = backends.origin_rows(reports)
    assert row[1:4] == [
        "ndimage.map_coordinates",
        "order=1, points as (x, y)",
        "integer_centers, (row, col), linear, border zeros",
    ]
    # integer centers and (row, col): an integer-corner point (x, y) is passed as (y − ½, x − ½)
    assert row[4:] == ["(0.000, 0.000)", "integer_centers", "pass (y − 0.5, x − 0.5)"]
    assert backends.origin_rules(reports) == [
        ["SciPy ndimage.map_coordinates", "integer_centers", "pass (y − 0.5, x − 0.5)"]
    ]
    with pytest.raises(TypeError, match="reports"):
        backends.origin_rows("abc")


def test_probe_origin_backends_not_installed_row():
    from pixelviz.backends import OriginReport, SamplerBackend, probe_origin_backends

    missing = SamplerBackend("x.y", "X", "no_such_module_xyz", "x.y", "", "points", lambda: None)
    (rep,) = probe_origin_backends([missing])
    assert isinstance(rep, OriginReport) and rep.status == "not installed" and rep.result is None


def keys_cubic_x(image, points, a=-0.75):
    """Keys cubic (a = −¾, OpenCV's and PyTorch's) along x at index x, linear along y: integer centers."""
    h, w = image.shape
    x, y = points[:, 0], points[:, 1]
    x0 = np.floor(x).astype(int)
    out = np.zeros(len(points))
    for k in range(-1, 3):
        t = np.abs(x - (x0 + k))
        wk = np.where(
            t <= 1, (a + 2) * t**3 - (a + 3) * t**2 + 1, np.where(t < 2, a * (t**3 - 5 * t**2 + 8 * t - 4), 0)
        )
        col = x0 + k
        ok = (col >= 0) & (col < w)
        vals = np.array([np.interp(yy, np.arange(h), image[:, c]) for yy, c in zip(y, np.clip(col, 0, w - 1))])
        out += np.where(ok, vals, 0.0) * wk
    return out


def test_probe_points_keys_cubic_ripple_does_not_bias_the_offset():
    # Keys' a = −¾ does not reproduce a ramp (a ripple of period 1 px); the fit must still find offset 0 in x
    r = probe_points(keys_cubic_x)
    assert r.x.offset == pytest.approx(0.0, abs=1e-3) and r.x.scale == pytest.approx(1.0, abs=1e-4)
    assert r.origin is PointOrigin.INTEGER_CENTERS
