"""Synthetic test signals: deterministic, generated in code, nothing downloaded.

* :func:`chirp` — a 1D sinusoid whose frequency rises linearly, evaluated at
  any continuous points (so it can be "sampled" on any grid).
* :func:`zone_plate` — the classic 2D aliasing test: concentric rings whose
  spatial frequency grows linearly with the distance from the center.
* :func:`smooth_blobs` — a seeded sum of Gaussian blobs over a gentle ramp,
  a stand-in for a natural image with no fine detail.

All 2D images use integer-corner coordinates: pixel ``(r, c)`` is the
sample at the continuous point ``(c + 1/2, r + 1/2)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import check_elements, check_finite_array, check_finite_float, check_int, check_size
from .conventions import _subpixel_positions, index_to_coord

__all__ = ["chirp", "zone_plate", "smooth_blobs"]


def chirp(t: ArrayLike, f0: float = 1.0, f1: float = 20.0, length: float = 1.0) -> NDArray[np.float64]:
    """A linear chirp ``cos(2 pi phi(t))`` on ``[0, length]``, frequency ``f0 → f1``.

    Parameters
    ----------
    t : array_like of float
        Continuous positions (any shape), usually in ``[0, length]``.
    f0, f1 : float
        Instantaneous frequency in cycles per unit length at ``t = 0`` and
        ``t = length``.
    length : float
        Length ``L > 0`` of the signal.

    Returns
    -------
    ndarray of float64, same shape as ``t``

    Notes
    -----
    **Convention.** ``phi(t) = f0 t + (f1 - f0) t^2 / (2 L)``, so the
    frequency ``phi'(t)`` rises linearly. Sampled with stride ``d`` the chirp
    aliases where ``phi'(t) > 1 / (2 d)``: with ``f0=1, f1=20, L=1`` and 20
    samples (``d = 1/20``), from ``t = 9/19 ≈ 0.47`` on.

    Examples
    --------
    >>> chirp([0.0, 1.0], f0=1, f1=3).tolist()  # phi(1) = 1 + 1 = 2 cycles
    [1.0, 1.0]
    """
    f0 = check_finite_float("f0", f0)
    f1 = check_finite_float("f1", f1)
    length = check_finite_float("length", length, positive=True)
    t = check_finite_array("t", t)
    phase = f0 * t + (f1 - f0) * t * t / (2.0 * length)
    return np.cos(2.0 * np.pi * phase)


def zone_plate(h: int, w: int | None = None, *, max_freq: float = 0.5, supersample: int = 1) -> NDArray[np.float64]:
    """A zone plate: ``cos(pi k r^2)`` rings whose frequency grows with the radius.

    Parameters
    ----------
    h, w : int
        Image height and width in pixels (``w`` defaults to ``h``).
    max_freq : float
        Local frequency, in cycles per pixel, reached at the middle of the
        top edge (radius ``h/2``). 0.5 is the Nyquist limit of this grid: the
        image is alias-free up to there, and downsampling it by ``f`` without
        a low-pass filter aliases every ring beyond ``r = h / (2 f)``.
    supersample : int
        Average ``s x s`` sub-samples per pixel (a box pre-filter); 1 samples
        the continuous pattern at the pixel centers.

    Returns
    -------
    ndarray of float64, shape (h, w), values in [-1, 1]

    Notes
    -----
    **Convention.** Integer corners: pixel ``(r, c)`` samples the pattern at
    ``(c + 1/2, r + 1/2)``, and the rings are centred at ``(w/2, h/2)``. The
    local frequency at radius ``r`` is ``k r`` with ``k = 2 max_freq / h``.
    Example: ``h = 256``, ``max_freq = 0.5`` → ``k = 1/256``; at ``r = 64`` the
    rings have 0.25 cycles per pixel.

    Examples
    --------
    >>> img = zone_plate(8)
    >>> img.shape, float(img.max()) <= 1.0
    ((8, 8), True)
    """
    h = check_size("h", h)
    w = h if w is None else check_size("w", w)
    max_freq = check_finite_float("max_freq", max_freq, positive=True)
    s = check_size("supersample", supersample)
    check_elements("the supersampled image (h s x w s)", h * s * w * s, "samples")
    k = 2.0 * max_freq / h
    # the s x s sub-samples of each pixel, on the half-pixel grid inside it (s = 1: the pixel centers)
    ys = _subpixel_positions(h, s)  # [h*s]
    xs = _subpixel_positions(w, s)  # [w*s]
    r2 = (ys[:, None] - h / 2.0) ** 2 + (xs[None, :] - w / 2.0) ** 2  # [h*s, w*s]
    fine = np.cos(np.pi * k * r2)
    return fine.reshape(h, s, w, s).mean(axis=(1, 3))


def smooth_blobs(h: int, w: int | None = None, *, n_blobs: int = 6, seed: int = 0) -> NDArray[np.float64]:
    """A smooth seeded test image: Gaussian blobs over a gentle diagonal ramp.

    Parameters
    ----------
    h, w : int
        Image size (``w`` defaults to ``h``).
    n_blobs : int
        Number of Gaussian blobs (>= 0).
    seed : int
        Seed of ``numpy.random.default_rng``; same seed, same image.

    Returns
    -------
    ndarray of float64, shape (h, w), values in [0, 1]

    Notes
    -----
    **Convention.** Integer corners; blob centers are drawn uniformly in
    ``[0, w] x [0, h]`` and radii between 8% and 20% of ``min(h, w)``.

    Examples
    --------
    >>> a = smooth_blobs(16, seed=3); b = smooth_blobs(16, seed=3)
    >>> bool((a == b).all()), float(a.min()) >= 0.0, float(a.max()) <= 1.0
    (True, True, True)
    """
    h = check_size("h", h)
    w = h if w is None else check_size("w", w)
    check_elements("the image (h x w)", h * w, "pixels")
    n_blobs = check_int("n_blobs", n_blobs, minimum=0, maximum=1000)
    seed = check_int("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    y = index_to_coord(np.arange(h))[:, None]
    x = index_to_coord(np.arange(w))[None, :]
    img = 0.3 * (x / w + y / h)
    for _ in range(n_blobs):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        radius = rng.uniform(0.08, 0.2) * min(h, w)
        amp = rng.uniform(0.3, 1.0)
        img = img + amp * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius**2))
    lo, hi = img.min(), img.max()
    return (img - lo) / (hi - lo) if hi > lo else np.zeros_like(img)
