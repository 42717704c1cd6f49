"""How much a downscale aliases: the output's energy that came from above the new Nyquist frequency.

A downscale from ``(H, W)`` to ``(h, w)`` pixels samples the image on a grid that can represent
frequencies only below ``h / 2`` cycles per image height (``w / 2`` per width): the new Nyquist
limit. The *ideal* downscale keeps every frequency below the limit untouched, drops every one above
it (a brick-wall low-pass filter), and samples the result on grid ② of the small image. A real one
lets some of the dropped frequencies through, folded to false low frequencies: aliasing.

Because every downscale studied here is linear, its output splits exactly into the part that
came from below the limit and the part that came from above it: split the input
``x = x_low + x_high`` (:func:`nyquist_split`), resize each part with the same op. The part from
above is aliasing; the ideal op maps it to zero. Numpy only.

Coordinates: pixel ``j`` of a row of ``N`` sits at ``x = j`` (input-index units, grid ②, as in
:func:`~pixelviz.conventions.source_coords`); the small image's pixel ``n`` at
``x = (n + 1/2) N / n_out - 1/2``. Spectra are those of the periodic extension of the image
(``numpy.fft``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._validate import check_callable, check_finite_float, check_image, check_int, check_size_pair

__all__ = ["nyquist_split", "ideal_downscale", "AliasingMeasurement", "measure_aliasing", "window", "DEFAULT_WINDOW"]

#: ``(row0, row1, col0, col1)`` as fractions of an image: the top half, middle columns, which on a
#: zone plate runs from the finest rings (the edge) to the coarse center.
DEFAULT_WINDOW: tuple[float, float, float, float] = (0.0, 0.5, 0.25, 0.75)


def _passband(n: int, n_out: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Integer frequencies ``k`` of an ``n``-sample axis (fft order) and the mask ``|k| < n_out / 2``."""
    k = np.fft.fftfreq(n, d=1.0 / n).round().astype(np.int64)
    return k, np.abs(k) * 2 < n_out


def _check_shapes(image: Any, out_shape: Any) -> tuple[NDArray[np.float64], tuple[int, int]]:
    img = check_image("image", image)
    h, w = check_size_pair("out_shape", out_shape)
    if h > img.shape[0] or w > img.shape[1]:
        raise ValueError(f"out_shape must not exceed the image's shape {img.shape} (a downscale); got {(h, w)}")
    return img, (h, w)


def nyquist_split(image: Any, out_shape: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Split an image into what a grid of ``out_shape`` can represent and what it cannot.

    Parameters
    ----------
    image : (H, W) array_like of float
    out_shape : (int, int)
        ``(h, w)`` of the downscaled grid, ``h <= H`` and ``w <= W``.

    Returns
    -------
    low, high : ndarray of float64, shape (H, W)
        ``low`` keeps the frequencies ``|k_y| < h / 2`` and ``|k_x| < w / 2`` (cycles per image) of
        ``image``'s 2D DFT, ``high`` is the rest; ``low + high == image`` up to rounding. A frequency
        exactly at the new Nyquist limit goes to ``high`` (a grid cannot tell its phase).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.cos(2 * np.pi * 6 * (np.arange(16) + 0.5) / 16) * np.ones((4, 1))  # 6 cycles per image
    >>> low, high = nyquist_split(x, (4, 8))  # 8 columns represent |k| < 4 only
    >>> bool(np.allclose(low, 0) and np.allclose(high, x))
    True
    """
    img, (h, w) = _check_shapes(image, out_shape)
    _, keep_y = _passband(img.shape[0], h)
    _, keep_x = _passband(img.shape[1], w)
    spectrum = np.fft.fft2(img)
    low = np.fft.ifft2(spectrum * (keep_y[:, None] & keep_x[None, :])).real  # [H, W]
    return low, img - low


def ideal_downscale(image: Any, out_shape: Any) -> NDArray[np.float64]:
    """The ideal downscale: brick-wall low-pass at the new Nyquist limit, then sampling on grid ②.

    Parameters
    ----------
    image : (H, W) array_like of float
    out_shape : (int, int)
        ``(h, w)``, at most ``(H, W)``; any ratio.

    Returns
    -------
    ndarray of float64, shape (h, w)
        Output pixel ``(m, n)`` is the band-limited image (``low`` of :func:`nyquist_split`)
        evaluated exactly at ``(y, x) = ((m + 1/2) H / h - 1/2, (n + 1/2) W / w - 1/2)``.

    Notes
    -----
    **Convention.** With ``c_k`` the DFT coefficients, the band-limited row is
    ``sum_{|k| < w/2} c_k exp(2 pi i k x / W)``; at ``x = (n + 1/2) s - 1/2`` (``s = W / w``) this is
    a small inverse DFT of ``c_k exp(pi i k (s - 1) / W)``. Worked number: a cosine with 1 cycle per
    image sampled at the centers of 8 pixels, shrunk to 4 (which hold ``|k| < 2``), is the same cosine
    at the centers of 4, ``cos(2 pi (n + 1/2) / 4)``; with 2 cycles or more it would be dropped.

    Examples
    --------
    >>> import numpy as np
    >>> row = np.cos(2 * np.pi * 1 * (np.arange(8) + 0.5) / 8)[None, :]
    >>> ideal_downscale(row, (1, 4)).round(4).tolist()  # cos(2 pi (n + 1/2) / 4)
    [[0.7071, -0.7071, -0.7071, 0.7071]]
    """
    img, (h, w) = _check_shapes(image, out_shape)
    big_h, big_w = img.shape
    ky, keep_y = _passband(big_h, h)
    kx, keep_x = _passband(big_w, w)
    spectrum = np.fft.fft2(img)[np.ix_(keep_y, keep_x)]  # [h', w'] passband coefficients
    ky, kx = ky[keep_y], kx[keep_x]
    phase_y = np.exp(1j * np.pi * ky * (big_h / h - 1) / big_h)
    phase_x = np.exp(1j * np.pi * kx * (big_w / w - 1) / big_w)
    small = np.zeros((h, w), dtype=complex)
    small[np.ix_(ky % h, kx % w)] = spectrum * phase_y[:, None] * phase_x[None, :]
    return np.fft.ifft2(small).real * (h * w) / (big_h * big_w)


@dataclasses.dataclass(frozen=True)
class AliasingMeasurement:
    """How one downscale treats one image (see :func:`measure_aliasing`).

    Attributes
    ----------
    aliased : float
        Energy of the output that came from above the new Nyquist limit, over the energy of the
        ideal output (0 for an ideal downscale).
    passband_error : float
        Energy of the error on the frequencies below the limit (blur, ringing, border handling),
        over the energy of the ideal output.
    output : ndarray of float64, shape (h, w)
        The op's output for the whole image.
    reference : ndarray of float64, shape (h, w)
        The ideal output (:func:`ideal_downscale`).
    """

    aliased: float
    passband_error: float
    output: NDArray[np.float64] = dataclasses.field(repr=False)
    reference: NDArray[np.float64] = dataclasses.field(repr=False)


def measure_aliasing(
    fn: Callable[[NDArray[np.float64], tuple[int, int]], Any],
    image: Any,
    out_shape: Any,
    *,
    margin: int = 2,
) -> AliasingMeasurement:
    """Measure the aliasing of a linear downscale ``fn(image, (h, w)) -> (h, w)`` on one image.

    Parameters
    ----------
    fn : callable
        ``fn(x, (h, w))``: ``x`` float64 of shape ``(H, W)``; returns ``h x w`` numbers. Called three
        times: on ``image``, on its part below the new Nyquist limit and on its part above.
    image : (H, W) array_like of float
    out_shape : (int, int)
        ``(h, w)``, at most ``(H, W)``.
    margin : int
        Output pixels this close to the border are left out of both sums (``0 <= 2 margin < min(h, w)``):
        libraries extend the border (clamp, reflect) where the DFT wraps around, a difference that
        is not aliasing.

    Returns
    -------
    AliasingMeasurement
        With ``R = ideal_downscale(image, out_shape)`` and ``low, high = nyquist_split(image, out_shape)``,
        sums over the output pixels at least ``margin`` from the border:

        * ``aliased = sum fn(high)**2 / sum R**2``;
        * ``passband_error = sum (fn(low) - R)**2 / sum R**2``.

        For a linear ``fn``, ``fn(image) - R = (fn(low) - R) + fn(high)``: the error splits into a
        passband part and the aliased part.

    Raises
    ------
    TypeError, ValueError
        For bad arguments, or when ``fn`` returns the wrong shape or non-finite values.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.cos(2 * np.pi * 2 * (np.arange(64) + 0.5) / 64) + 0.5 * np.cos(2 * np.pi * 20 * np.arange(64) / 64)
    >>> m = measure_aliasing(lambda im, shape: im[:, ::4], np.tile(x, (4, 1)), (4, 16), margin=0)
    >>> round(m.aliased, 6)  # the 20-cycle part folds to 4 cycles at full amplitude: 0.5**2 / 1**2
    0.25
    """
    check_callable("fn", fn, "a callable fn(image, (h, w)) -> array")
    img, (h, w) = _check_shapes(image, out_shape)
    margin = check_int("margin", margin, minimum=0)
    if 2 * margin >= min(h, w):
        raise ValueError(f"margin must leave pixels inside the {h}x{w} output (2 margin < {min(h, w)}); got {margin}")

    def call(x: NDArray[np.float64], what: str) -> NDArray[np.float64]:
        out = np.asarray(fn(x, (h, w)), dtype=np.float64)
        if out.shape != (h, w):
            raise ValueError(f"fn must return shape {(h, w)} for {what}; got {out.shape}")
        if not np.all(np.isfinite(out)):
            raise ValueError(f"fn must return finite values for {what}")
        return out

    reference = ideal_downscale(img, (h, w))
    low, high = nyquist_split(img, (h, w))
    output = call(img, "the image")
    inner = (slice(margin, h - margin), slice(margin, w - margin))
    energy = float(np.sum(reference[inner] ** 2))
    if energy == 0:
        raise ValueError("image must have energy below the new Nyquist limit (its ideal downscale is all zeros)")
    aliased = float(np.sum(call(high, "the part above the limit")[inner] ** 2)) / energy
    passband = float(np.sum((call(low, "the part below the limit") - reference)[inner] ** 2)) / energy
    return AliasingMeasurement(aliased, passband, output, reference)


def window(image: Any, crop: Any = DEFAULT_WINDOW) -> NDArray[np.float64]:
    """The part of ``image`` inside ``crop = (row0, row1, col0, col1)``, given as fractions of its shape.

    Bounds are rounded to whole pixels: ``image[round(row0 H):round(row1 H), round(col0 W):round(col1 W)]``.

    Examples
    --------
    >>> import numpy as np
    >>> window(np.arange(16.0).reshape(4, 4), (0, 0.5, 0.25, 0.75)).tolist()
    [[1.0, 2.0], [5.0, 6.0]]
    """
    img = check_image("image", image)
    if isinstance(crop, (str, bytes)) or not isinstance(crop, (list, tuple)) or len(crop) != 4:
        raise TypeError(f"crop must be (row0, row1, col0, col1) fractions; got {crop!r}")
    box = [check_finite_float(f"crop[{k}]", c, minimum=0.0, maximum=1.0) for k, c in enumerate(crop)]
    h, w = img.shape
    r0, r1, c0, c1 = round(box[0] * h), round(box[1] * h), round(box[2] * w), round(box[3] * w)
    if not (r0 < r1 and c0 < c1):
        raise ValueError(f"crop must keep at least one pixel of the {h}x{w} image; got {crop!r}")
    return img[r0:r1, c0:c1]
