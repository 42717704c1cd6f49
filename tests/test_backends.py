"""The probe on every real backend that is installed, against what each library documents.

Expectations come from the libraries' documentation and issue threads (cited
per row), never from a previous run of the probe. Libraries that are not
installed are skipped (TensorFlow and JAX are optional).
"""

import functools
import importlib.util

import numpy as np
import pytest

from pixelviz import backends
from pixelviz.probe import ROUND_TIES_VARY, probe_resize

HALF = "half_pixel"
FILTER = "antialias/filter"
# "round half up" computed in floating point: either exactly round_prefer_ceil,
# or ties that float rounding of N/M sends either way.
ROUND_UP = ("round_prefer_ceil", ROUND_TIES_VARY)

# name -> (convention, rounding or None). Sources:
EXPECTED = {
    # OpenCV docs (InterpolationFlags): INTER_NEAREST_EXACT "will produce same results as the nearest
    # neighbor method in PIL, scikit-image or Matlab"; INTER_NEAREST picks floor(i * N / M):
    # opencv/opencv#9096 (arange(5) -> 3 gives [0, 1, 3]). INTER_LINEAR/CUBIC use the pixel-center
    # formula (i + 0.5) * N / M - 0.5 (article's table, ②). INTER_AREA averages over pixel areas.
    "opencv.resize.nearest": ("asymmetric", ("floor",)),
    "opencv.resize.nearest_exact": (HALF, ROUND_UP),
    "opencv.resize.linear": (HALF, None),
    "opencv.resize.cubic": (HALF, None),
    "opencv.resize.area": (FILTER, None),
    # Pillow docs (Image.resize / "Filters"): since Pillow 2.7 the resampling filters are
    # convolutions whose support grows with the downscaling factor; NEAREST picks the pixel whose
    # center is nearest the output pixel center.
    "pillow.resize.nearest": (HALF, ROUND_UP),
    "pillow.resize.bilinear": (FILTER, None),
    "pillow.resize.bicubic": (FILTER, None),
    "pillow.resize.box": (FILTER, None),
    # scikit-image docs (transform.resize): "ndi.zoom with grid_mode=True"; anti_aliasing applies a
    # Gaussian of sigma (factor - 1) / 2 before downsampling.
    "skimage.resize.nearest": (HALF, ROUND_UP),
    "skimage.resize.linear": (HALF, None),
    "skimage.resize.cubic": (HALF, None),
    "skimage.resize.linear_aa": (FILTER, None),
    "skimage.resize.cubic_aa": (FILTER, None),
    # PyTorch docs (F.interpolate): align_corners=True aligns the centers of the corner pixels (①),
    # False the corner points (②); "nearest-exact ... matches Scikit-Image and PIL nearest
    # neighbours ... and fixes known issues with mode='nearest'" (pytorch#34808, PR #64501:
    # nearest = floor(i * scale), nearest-exact = floor((i + 0.5) * scale)); antialias=True
    # "similar to PIL" (a filter).
    "torch.interpolate.linear": (HALF, None),
    "torch.interpolate.linear_ac": ("align_corners", None),
    "torch.interpolate.bicubic": (HALF, None),
    "torch.interpolate.bicubic_ac": ("align_corners", None),
    "torch.interpolate.nearest": ("asymmetric", ("floor",)),
    "torch.interpolate.nearest_exact": (HALF, ROUND_UP),
    "torch.interpolate.bilinear_aa": (FILTER, None),
    "torch.interpolate.area": (FILTER, None),
    # F.grid_sample docs: align_corners=False: -1 and 1 are the corner points (②, pytorch#20785).
    "torch.grid_sample.bilinear": (HALF, None),
    # align_corners=True: -1 and 1 are the centers of the corner pixels (①); an identity affine_grid
    # with one output pixel puts it at 0, the middle, which tf_crop_and_resize also reads there: the
    # plain name wins (issue 12).
    "torch.grid_sample.bilinear_ac": ("align_corners", None),
    # torchvision v2 resize: NEAREST is F.interpolate's nearest, NEAREST_EXACT its nearest-exact,
    # BILINEAR with antialias=True is the PIL-like filter.
    "torchvision.resize.bilinear": (HALF, None),
    "torchvision.resize.bilinear_aa": (FILTER, None),
    "torchvision.resize.nearest": ("asymmetric", ("floor",)),
    "torchvision.resize.nearest_exact": (HALF, ROUND_UP),
    # TF docs: tf.image.resize (v2) uses half-pixel centers; tf.compat.v1 resize_* with
    # align_corners=False and half_pixel_centers=False is the asymmetric map (tensorflow#6720),
    # align_corners=True ①, and nearest rounds with floor (③) or round (①, "align_corners ...
    # round"); half_pixel_centers=True follows ②.
    "tensorflow.resize.bilinear": (HALF, None),
    "tensorflow.resize.nearest": (HALF, ROUND_UP),
    "tensorflow.resize.bilinear_aa": (FILTER, None),
    "tensorflow.v1.bilinear": ("asymmetric", None),
    "tensorflow.v1.bilinear_ac": ("align_corners", None),
    "tensorflow.v1.bilinear_hpc": (HALF, None),
    "tensorflow.v1.nearest": ("asymmetric", ("floor",)),
    "tensorflow.v1.nearest_ac": ("align_corners", ROUND_UP),
    "tensorflow.v1.nearest_hpc": (HALF, ROUND_UP),
    # SciPy docs (ndimage.zoom): grid_mode=False zooms the distance between pixel centers (①),
    # grid_mode=True the full extent of the pixels (②).
    "scipy.zoom.linear": ("align_corners", None),
    "scipy.zoom.linear_grid": (HALF, None),
    "scipy.zoom.cubic": ("align_corners", None),
    "scipy.zoom.cubic_grid": (HALF, None),
    # JAX docs (jax.image.resize): "half-pixel centers"; antialias when downsampling.
    "jax.resize.linear": (HALF, None),
    "jax.resize.linear_aa": (FILTER, None),
    # Kornia docs (geometry.transform.resize): align_corners=None "follows torch.nn.functional.interpolate",
    # so bilinear is ② and align_corners=True ①, nearest is F.interpolate's floor of ③; antialias=True
    # "filtered with Gaussian before downscaling".
    "kornia.resize.bilinear": (HALF, None),
    "kornia.resize.bilinear_ac": ("align_corners", None),
    "kornia.resize.bilinear_aa": (FILTER, None),
    "kornia.resize.nearest": ("asymmetric", ("floor",)),
    "kornia.resize.nearest_exact": (HALF, ROUND_UP),
}


def _skip_unless_installed(backend):
    if not backend.available():
        pytest.skip(f"{backend.module} is not installed")


@functools.cache
def _isolated_reports(library: str) -> dict:
    """The library's documented backends probed in a worker process (TensorFlow segfaults beside torch)."""
    chosen = [backends.get_backend(n) for n in sorted(EXPECTED) if n.split(".")[0] == library]
    return {r.backend.name: r for r in backends.probe_backends(chosen, isolate=True)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_backend_verdict_matches_documentation(name):
    backend = backends.get_backend(name)
    _skip_unless_installed(backend)
    conv, rounding = EXPECTED[name]
    report = _isolated_reports(name.split(".")[0])[name]
    assert report.status == "ok", report.outcome
    res = report.result
    if conv == FILTER:
        assert res.convention == FILTER, res.reason
        assert res.center_candidates and res.center_candidates[0] == HALF, res.reason
        return
    assert res.convention == conv, res.reason
    if rounding is None:
        assert res.kind == "interpolation", res.reason
    else:
        assert res.kind == "nearest" and res.rounding in rounding, res.reason


# ONNX Resize spec (onnx/docs/Operators.md#Resize): each coordinate_transformation_mode is a
# formula, and nearest_mode the rounding; pytorch_half_pixel differs from half_pixel only for
# an output of length 1 (reads 0), tf_crop_and_resize from align_corners only there (reads the
# middle of the roi, here [0, 1]); half_pixel_symmetric equals half_pixel for a size input.
ONNX_CTMS = [
    "half_pixel",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "half_pixel_symmetric",
    "tf_crop_and_resize",
]
# tf_crop_and_resize over the whole input equals align_corners but for a single output; the probe
# names such a resize by the plain mode and lists the crop mode as equivalent.
ONNX_NAME = {"half_pixel_symmetric": "half_pixel", "tf_crop_and_resize": "align_corners"}


@pytest.mark.parametrize("ctm", ONNX_CTMS)
def test_onnxruntime_linear_every_mode(ctm):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from pixelviz.backends.onnxruntime_ops import make_resize

    res = probe_resize(make_resize("linear", ctm)())
    assert res.kind == "interpolation"
    assert res.convention == ONNX_NAME.get(ctm, ctm)
    assert ctm in res.candidates


@pytest.mark.parametrize("ctm", ["half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel"])
@pytest.mark.parametrize("nearest_mode", ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])
def test_onnxruntime_nearest_every_rounding(ctm, nearest_mode):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from pixelviz.backends.onnxruntime_ops import make_resize

    res = probe_resize(make_resize("nearest", ctm, nearest_mode)())
    assert res.kind == "nearest"
    assert (ctm, nearest_mode) in res.nearest_candidates


def test_opencv_nearest_reproduces_issue_9096():
    # opencv/opencv#9096: resize of [0, 1, 2, 3, 4] to 3 samples with INTER_NEAREST gives [0, 1, 3]
    # where Pillow (and ②) give [0, 2, 4].
    pytest.importorskip("cv2")
    out = backends.get_backend("opencv.resize.nearest")(np.arange(5.0), 3)
    assert out.tolist() == [0, 1, 3]
    exact = backends.get_backend("opencv.resize.nearest_exact")(np.arange(5.0), 3)
    assert exact.tolist() == [0, 2, 4]


def test_backend_matches_numpy_reference_opencv_linear():
    # cv2.resize(INTER_LINEAR) == linear interpolation at ② coordinates (NOTES.md: 2e-6 vs torch).
    pytest.importorskip("cv2")
    import pixelviz as pv

    x = np.random.default_rng(0).random(13)
    out = backends.get_backend("opencv.resize.linear")(x, 21)
    np.testing.assert_allclose(out, pv.resize(x, 21, "linear", "half_pixel"), atol=1e-5)


def test_every_backend_returns_the_requested_length():
    for b in backends.list_backends():
        if b.available() and b.library not in ("TensorFlow", "JAX"):
            assert b(np.arange(6.0), 4).shape == (4,), b.name


def test_missing_library_reports_not_installed(monkeypatch):
    fake = backends.Backend("fake.op.x", "Fake", "pixelviz_no_such_module", "fake.op", "x", lambda: lambda x, m: x)
    assert fake.available() is False and fake.status == "not installed" and fake.version() is None
    with pytest.raises(backends.NotInstalledError, match="needs 'pixelviz_no_such_module'"):
        fake(np.zeros(3), 2)
    (report,) = backends.probe_backends([fake])
    assert report.status == "not installed" and report.result is None


def test_tensorflow_and_jax_rows_exist_whether_or_not_installed():
    names = {b.name for b in backends.list_backends()}
    assert {
        "tensorflow.v1.bilinear",
        "tensorflow.crop_and_resize.full",
        "jax.resize.linear",
        "kornia.resize.bilinear",
    } <= names
    for lib, module in [("tensorflow", "tensorflow"), ("jax", "jax"), ("kornia", "kornia")]:
        installed = importlib.util.find_spec(module) is not None
        assert all(b.status == ("ok" if installed else "not installed") for b in backends.list_backends(lib))


def test_list_backends_rejects_unknown_library():
    with pytest.raises(ValueError, match="library must be one of .*did you mean 'opencv'"):
        backends.list_backends("opencvv")


def test_get_backend_rejects_unknown_name():
    with pytest.raises(ValueError, match="name must be one of"):
        backends.get_backend("cv2.resize")


def test_register_rejects_duplicate_names():
    b = backends.get_backend("opencv.resize.linear")
    with pytest.raises(ValueError, match="backend name must be unique"):
        backends.register(b)


# ---------------------------------------------------------------- article comparison
def test_compare_with_article():
    from pixelviz.probe import ProbeResult

    def result(conv, kind="interpolation", rounding=None, centers=()):
        cands = () if conv in ("none", "antialias/filter") else (conv,)
        return ProbeResult(conv, kind, cands, rounding, (), tuple(centers), "", ())

    cmp = backends.compare_with_article
    assert cmp("②", result("half_pixel"))[0] == "yes"
    assert cmp("①", result("tf_crop_and_resize"))[0] == "yes"
    assert cmp("③", result("half_pixel"))[0] == "no"
    assert cmp("②", result("antialias/filter", "filter", centers=("half_pixel",)))[0] == "partly"
    verdict, note = cmp("buggy", result("asymmetric", "nearest", "floor"))
    assert verdict == "no" and "③ with floor" in note
    assert cmp("none", result("none"))[0] == "yes"
    assert cmp(None, result("half_pixel")) == ("—", "")


def test_report_table_is_deterministic():
    chosen = [b for b in backends.list_backends() if b.module in ("cv2", "PIL", "scipy") and b.available()]
    if not chosen:
        pytest.skip("none of OpenCV, Pillow, SciPy installed")
    first = backends.report_table(backends.probe_backends(chosen)).to_markdown()
    second = backends.report_table(backends.probe_backends(chosen)).to_markdown()
    assert first == second
