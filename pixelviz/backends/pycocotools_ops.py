"""pycocotools: COCO's polygon → mask rasterization.

Every call of pycocotools in pixelviz is in this module, imported inside the function.
It registers no resize backend.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import check_size_pair
from ..geometry import as_polygon

__all__ = ["rasterize_polygon"]


def rasterize_polygon(polygon: ArrayLike, shape: tuple[int, int]) -> NDArray[np.bool_]:
    """Rasterize a polygon with ``pycocotools.mask.frPyObjects`` + ``decode``.

    Parameters
    ----------
    polygon : array_like, shape (K, 2) or (2K,)
        Vertices in integer corners (COCO's segmentation convention).
    shape : (int, int)
        ``(H, W)``.

    Returns
    -------
    ndarray of bool, shape (H, W)
    """
    from pycocotools import mask as mask_utils

    p = as_polygon(polygon)
    h, w = check_size_pair("shape", shape)
    rle = mask_utils.frPyObjects([p.ravel().tolist()], h, w)
    return mask_utils.decode(rle)[..., 0].astype(bool)
