"""pixelviz.aliasing: the Nyquist split, the ideal downscale and the aliasing measure, checked by hand."""

import numpy as np
import pytest

from pixelviz.aliasing import ideal_downscale, measure_aliasing, nyquist_split, window
from pixelviz.signals import zone_plate


def _cos(cycles: float, n: int, offset: float = 0.5) -> np.ndarray:
    """cos(2 pi cycles (j + offset) / n) for j = 0..n-1 (offset 1/2: pixel centers)."""
    return np.cos(2 * np.pi * cycles * (np.arange(n) + offset) / n)


def test_ideal_downscale_hand_example():
    # 3 cycles across 32 columns and 2 down 16 rows; an 8 x 8 grid holds |k| < 4 on both axes, so the
    # ideal downscale is the same pattern sampled at the centers of the 8 x 8 pixels.
    image = np.outer(_cos(2, 16), _cos(3, 32))
    np.testing.assert_allclose(ideal_downscale(image, (8, 8)), np.outer(_cos(2, 8), _cos(3, 8)), atol=1e-12)


def test_ideal_downscale_drops_what_the_grid_cannot_hold():
    image = np.outer(np.ones(16), _cos(5, 32))  # 5 cycles; 8 columns hold |k| < 4
    np.testing.assert_allclose(ideal_downscale(image, (8, 8)), 0, atol=1e-12)
    low, high = nyquist_split(image, (8, 8))
    np.testing.assert_allclose(low, 0, atol=1e-12)
    np.testing.assert_allclose(high, image, atol=1e-12)


def test_frequency_at_the_new_nyquist_limit_goes_to_high():
    image = np.outer(np.ones(8), _cos(4, 32))  # exactly 4 cycles: the limit of 8 columns
    low, _ = nyquist_split(image, (8, 8))
    np.testing.assert_allclose(low, 0, atol=1e-12)


def test_split_adds_up_and_low_is_band_limited():
    image = zone_plate(64)
    low, high = nyquist_split(image, (16, 16))
    np.testing.assert_allclose(low + high, image, atol=1e-12)
    spec = np.abs(np.fft.fft2(low))
    k = np.abs(np.fft.fftfreq(64, 1 / 64))
    outside = (k[:, None] >= 8) | (k[None, :] >= 8)
    assert spec[outside].max() < 1e-9 and spec[~outside].max() > 1


def test_ideal_op_has_no_aliasing_and_no_passband_error():
    m = measure_aliasing(ideal_downscale, zone_plate(64), (16, 16))
    assert m.aliased < 1e-20 and m.passband_error < 1e-20


def test_subsampling_hand_example():
    # Row: 1.0 * (2 cycles, pixel centers) + 0.5 * (20 cycles) over 64 samples; keep every 4th (x[::4]).
    # The 20-cycle part lands on 16 samples as 20 - 16 = 4 cycles at full amplitude: aliased energy
    # 0.5**2 * 16/2 over the ideal's 1**2 * 16/2 = 0.25. The 2-cycle part is read at x = 4n instead of
    # the ideal 4n + 1.5: a phase error d = 2 pi 2 1.5 / 64, passband error 2 - 2 cos(d).
    row = _cos(2, 64) + 0.5 * _cos(20, 64, offset=0.0)
    image = np.tile(row, (4, 1))
    m = measure_aliasing(lambda x, shape: x[:, ::4], image, (4, 16), margin=0)
    assert m.aliased == pytest.approx(0.25, abs=1e-9)
    assert m.passband_error == pytest.approx(2 - 2 * np.cos(2 * np.pi * 2 * 1.5 / 64), abs=1e-9)


def test_measure_aliasing_rejects_bad_calls():
    plate = zone_plate(32)
    with pytest.raises(ValueError, match="fn must return shape"):
        measure_aliasing(lambda x, shape: x, plate, (8, 8))
    with pytest.raises(ValueError, match="fn must return finite values"):
        measure_aliasing(lambda x, shape: np.full(shape, np.nan), plate, (8, 8))
    with pytest.raises(ValueError, match="margin must leave pixels"):
        measure_aliasing(ideal_downscale, plate, (8, 8), margin=4)
    with pytest.raises(ValueError, match="out_shape must not exceed"):
        measure_aliasing(ideal_downscale, plate, (64, 8))
    with pytest.raises(TypeError, match="fn must be a callable"):
        measure_aliasing(None, plate, (8, 8))


def test_window_hand_example_and_bad_crop():
    img = np.arange(64.0).reshape(8, 8)
    np.testing.assert_array_equal(window(img, (0.5, 1.0, 0.0, 0.25)), img[4:8, 0:2])
    with pytest.raises(ValueError, match="crop must keep at least one pixel"):
        window(img, (0.5, 0.5, 0.0, 1.0))
    with pytest.raises(TypeError, match="crop must be"):
        window(img, (0, 1))
