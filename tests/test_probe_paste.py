"""probe_paste: Detectron2's paste tiles the box; shifted wrappers; legacy/thresholded and random are inconclusive."""

from __future__ import annotations

import numpy as np
import pytest

from pixelviz.probe.paste import PasteOrigin, PasteProbeResult, probe_paste
from pixelviz.roi import paste_mask, paste_mask_legacy


def test_paste_mask_tiles_the_box():
    r = probe_paste(paste_mask)
    assert r.origin is PasteOrigin.MASK_ON_BOX
    # first box x 5.3 ... 15.9 into 6 cells: 10.6 / 6 px each, starting on 5.3
    f = r.fits[0]
    assert (f.mask_start, f.cell_size) == pytest.approx((5.3, 10.6 / 6), abs=1e-9)


@pytest.mark.parametrize("d", [0.5, -0.5, 0.25])
def test_paste_shifted_box_is_named_with_its_offset(d):
    # pasting into the box moved by d puts mask coordinate 0 at x0 + d on both axes
    r = probe_paste(lambda m, b, s: paste_mask(m, np.array(b) + d, s))
    assert r.origin is PasteOrigin.SHIFTED
    assert r.offset == pytest.approx(d, abs=1e-9)


def test_paste_stretched_is_other():
    # a box 1 px wider on the right: cells (w + 1) / M wide
    r = probe_paste(lambda m, b, s: paste_mask(m, np.array(b) + [0, 0, 1, 1], s))
    assert r.origin is PasteOrigin.OTHER


@pytest.mark.parametrize(
    ("fn", "reason"),
    [
        (lambda m, b, s: paste_mask_legacy(m, b, s), "not linear"),
        (lambda m, b, s: np.random.default_rng().normal(size=s), "not linear"),
        (lambda m, b, s: np.full(s, np.nan), "NaN"),
    ],
)
def test_paste_adversarial(fn, reason):
    r = probe_paste(fn)
    assert r.origin is PasteOrigin.INCONCLUSIVE and reason in r.reason


def test_paste_errors_and_round_trip():
    with pytest.raises(ValueError, match="fn raised"):
        probe_paste(lambda m, b, s: 1 / 0)
    with pytest.raises(ValueError, match="fn must return shape"):
        probe_paste(lambda m, b, s: np.zeros((3, 3)))
    with pytest.raises(ValueError, match="mask_size"):
        probe_paste(paste_mask, mask_size=(2, 6))
    with pytest.raises(TypeError, match="fn"):
        probe_paste("paste")
    r = probe_paste(paste_mask)
    assert PasteProbeResult.from_dict(r.to_dict()) == r


def test_torch_paste_masks_tiles_the_box():
    pytest.importorskip("torch")
    from pixelviz import backends

    (rep,) = backends.probe_origin_backends([backends.get_sampler("torch.paste_masks")])
    assert rep.status == "ok" and rep.result.origin is PasteOrigin.MASK_ON_BOX
    assert backends.origin_rows([rep])[0][3:] == [
        "mask_on_box",
        "mask starts +0.000 px",
        "mask_on_box",
        "none (the mask tiles the box)",
    ]
