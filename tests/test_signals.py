"""pixelviz.signals: deterministic synthetic test signals."""

import numpy as np
import pytest

from pixelviz.signals import chirp, smooth_blobs, zone_plate


def test_chirp_hand_example():
    # f0=1, f1=3, L=1: phi(t) = t + t^2; phi(0.5) = 0.75 -> cos(1.5 pi) = 0; phi(1) = 2 -> cos(4 pi) = 1.
    np.testing.assert_allclose(chirp([0.0, 0.5, 1.0], f0=1, f1=3), [1.0, 0.0, 1.0], atol=1e-12)


def test_chirp_constant_frequency_is_a_cosine():
    t = np.linspace(0, 2, 9)
    np.testing.assert_allclose(chirp(t, f0=2, f1=2, length=2), np.cos(2 * np.pi * 2 * t), atol=1e-12)


def test_zone_plate_center_and_symmetry():
    img = zone_plate(8)
    # pixel centers closest to (4, 4) are at distance sqrt(0.5): r^2 = 0.5, k = 1/8 -> cos(pi/16)
    np.testing.assert_allclose(img[3, 3], np.cos(np.pi / 16), atol=1e-12)
    np.testing.assert_allclose(img, img[::-1], atol=1e-12)  # symmetric about the middle row
    np.testing.assert_allclose(img, img[:, ::-1], atol=1e-12)
    np.testing.assert_allclose(img, img.T, atol=1e-12)


def test_zone_plate_supersample_averages_subsamples():
    # A coarse pixel is 2 fine pixels wide, so r_fine = 2 r_coarse and cos(pi k_f r_f^2) = cos(pi 4 k_f r_c^2):
    # k_c = 4 k_f, i.e. 2 m_c / 4 = 4 * 2 m_f / 8 -> m_c = 2 m_f. The 2x2 sub-samples of coarse pixel c sit at
    # c + 1/4, c + 3/4 = fine centers 2c + 1/2, 2c + 3/2, so the coarse image is the fine one block-averaged.
    fine = zone_plate(8, max_freq=0.5)
    coarse = zone_plate(4, max_freq=1.0, supersample=2)
    np.testing.assert_allclose(coarse, fine.reshape(4, 2, 4, 2).mean(axis=(1, 3)), atol=1e-12)


def test_smooth_blobs_seeded_and_bounded():
    a, b, c = smooth_blobs(20, 30, seed=1), smooth_blobs(20, 30, seed=1), smooth_blobs(20, 30, seed=2)
    assert a.shape == (20, 30)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert a.min() == 0.0 and a.max() == 1.0


def test_signals_reject_bad_input():
    with pytest.raises(ValueError, match="h must be >= 1; got 0"):
        zone_plate(0)
    with pytest.raises(ValueError, match="supersample must be >= 1; got 0"):
        zone_plate(4, supersample=0)
    with pytest.raises(ValueError, match="max_freq must be > 0"):
        zone_plate(4, max_freq=0)
    with pytest.raises(ValueError, match="length must be > 0"):
        chirp([0.0], length=-1)
    with pytest.raises(TypeError, match="seed must be an int"):
        smooth_blobs(4, seed=1.5)
