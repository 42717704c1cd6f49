"""The table behind tests/test_bad_input_generated.py: every public callable, one valid call of each, and
the bad values generated for each of its parameters.

A public callable is everything in the ``__all__`` of a public module of ``pixelviz`` or ``widgets``
(modules whose names start with ``_`` are reached through the public modules that re-export them).
Each one needs an entry in :data:`EXAMPLES` (a valid call, by keyword) or in :data:`NOT_CALLED` (with
the reason), or the test fails: a function is covered the day it is added.

From the example value of each parameter the generator picks a category (``int``, ``float``,
``bool``, ``choice``, ``array``, ``pair``, ...) and, per category, values that are wrong for every
parameter of that category: a float for an int, the string ``"False"`` for a bool, ``None`` where
``None`` is not allowed, complex / NaN / boolean / ragged arrays, ``(4, 4, 4)`` for a pair, a size
past pixelviz's limit. Every such call must raise ``TypeError`` or ``ValueError`` naming the
parameter.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

import pixelviz
import widgets

# ---------------------------------------------------------------- the public callables
PACKAGES = (pixelviz, widgets)


def public_modules() -> list[str]:
    names = []
    for pkg in PACKAGES:
        names.append(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if not any(part.startswith("_") and part != "__main__" for part in info.name.split(".")[1:]):
                names.append(info.name)
    return names


def public_callables() -> dict[str, Any]:
    """``{"module.qualname": object}`` for every callable in a public module's ``__all__`` (one entry each)."""
    out: dict[str, Any] = {}
    for name in public_modules():
        mod = importlib.import_module(name)
        for attr in getattr(mod, "__all__", ()):
            obj = getattr(mod, attr)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            out.setdefault(f"{obj.__module__}.{getattr(obj, '__qualname__', attr)}", obj)
    return out


# ---------------------------------------------------------------- example values that must be fresh per call
@dataclass(frozen=True)
class Fresh:
    """An example value built anew for every call (an Axes, a tensor, a probe result ...)."""

    make: Callable[[], Any]


def _axes() -> Any:
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


AX = Fresh(_axes)


def _figure() -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.set_title("t")
    return fig


FIG = Fresh(_figure)


def _tensor(a: Any) -> Fresh:
    def make() -> Any:
        import torch

        return torch.as_tensor(np.asarray(a, dtype=np.float32))

    return Fresh(make)


def _linear_half_pixel(x: np.ndarray, size: int) -> np.ndarray:
    return np.interp(pixelviz.source_coords(len(x), size, "half_pixel"), np.arange(len(x)), x)


_CACHE: dict[str, Any] = {}


def _cached(key: str, make: Callable[[], Any]) -> Fresh:
    def get() -> Any:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]

    return Fresh(get)


def _linear_half_pixel_uint8(x: np.ndarray, size: int) -> np.ndarray:
    return np.floor(_linear_half_pixel(np.asarray(x, dtype=np.float64), size) + 0.5).astype(np.uint8)


RESULT = _cached("result", lambda: pixelviz.probe_resize(_linear_half_pixel))
PAIR = _cached("pair", lambda: pixelviz.probe_resize(_linear_half_pixel).pairs[2])


def _report() -> Any:
    from pixelviz import backends

    return backends.probe_backends([backends.get_backend("scipy.zoom.linear")])


REPORTS = _cached("reports", _report)
DOWNSCALES = _cached(
    "downscales",
    lambda: pixelviz.backends.measure_downscalers(libraries=["opencv"], size=64, factors=(4,), isolate=False),
)


def _origin_reports() -> Any:
    from pixelviz import backends

    return backends.probe_origin_backends([backends.get_sampler("scipy.map_coordinates.linear")])


def _corner_sampler(image: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Nearest, integer corners: the pixel containing each point (0 outside)."""
    h, w = image.shape
    c, r = np.floor(points[:, 0]).astype(int), np.floor(points[:, 1]).astype(int)
    ok = (r >= 0) & (r < h) & (c >= 0) & (c < w)
    return np.where(ok, image[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)], 0.0)


def _edges_crop(image: np.ndarray, box: tuple, out_size: tuple) -> np.ndarray:
    """Nearest crop, samples on the box edges (integer corners)."""
    xs = np.linspace(box[0], box[2], out_size[1])
    ys = np.linspace(box[1], box[3], out_size[0])
    return image[np.floor(ys).astype(int)][:, np.floor(xs).astype(int)]


ORIGIN_REPORTS = _cached("origin_reports", _origin_reports)
BACKEND = _cached("backend", lambda: pixelviz.backends.get_backend("scipy.zoom.linear"))
EXERCISE = _cached("exercise", lambda: pixelviz.exercises.get_exercise("grid.n_outside"))
PNG = _cached("png", lambda: pixelviz.backends.pillow_ops.encode_image(np.zeros((2, 3, 3), np.uint8)))


def _shared_outputs() -> list:
    from pixelviz.reproduce import ALL_PAIRS, shared_signals

    return [np.stack([_linear_half_pixel(r, m) for r in shared_signals(n)]) for n, m in ALL_PAIRS]


def _matrix() -> Any:
    from pixelviz.reproduce import all_outputs, equivalence_matrix

    outputs = {k: v for k, v in all_outputs(skip_isolated=True)[0].items() if k.startswith("scipy")}
    return equivalence_matrix(outputs)


MATRIX = _cached("matrix", _matrix)

IMG = np.arange(20.0).reshape(4, 5)
MASK = np.zeros((6, 7), bool)
MASK[1:4, 2:6] = True
POLY = np.array([[1.0, 1.0], [5.0, 1.5], [4.0, 5.0]])
FEATS = np.arange(50.0).reshape(1, 2, 5, 5)

# ---------------------------------------------------------------- one valid call per callable (by keyword)
# Each entry: keyword arguments, optionally with the modules the call needs ("requires").
EXAMPLES: dict[str, dict[str, Any]] = {
    # conventions
    "pixelviz.conventions.parse_convention": dict(
        convention="half_pixel", allowed=("half_pixel", "①"), name="convention"
    ),
    "pixelviz.conventions.parse_origin": dict(origin="corners", name="origin"),
    "pixelviz.conventions.parse_rounding": dict(rounding="floor", name="rounding"),
    "pixelviz.conventions.parse_coordinate_dtype": dict(coordinate_dtype="float32", name="coordinate_dtype"),
    "pixelviz.conventions.sample_positions": dict(n=4, convention="half_pixel", length=1.0),
    "pixelviz.conventions.subpixel_positions": dict(n=3, supersample=2),
    "pixelviz.conventions.source_coords": dict(
        in_size=4, out_size=8, convention="half_pixel", scale=2.0, coordinate_dtype="float32"
    ),
    "pixelviz.conventions.reads_outside": dict(in_size=4, out_size=8, convention="half_pixel"),
    "pixelviz.conventions.lands_on_samples": dict(in_size=4, out_size=7, convention="align_corners"),
    "pixelviz.conventions.scaled_size": dict(in_size=25, scale=1.16, library="torch"),
    "pixelviz.conventions.round_nearest": dict(x=[0.5, 1.5, 2.2], rounding="round_prefer_floor"),
    "pixelviz.conventions.index_to_coord": dict(index=[0, 3], origin="corners"),
    "pixelviz.conventions.coord_to_index": dict(coord=[0.0, 2.7], origin="corners"),
    "pixelviz.conventions.convert_origin": dict(coord=[3.0, 4.0], source="centers", target="corners"),
    "pixelviz.conventions.grid_sample_transform": dict(size=4, align_corners=False, origin="corners"),
    "pixelviz.conventions.roi_align_offset": dict(aligned=True),
    # resample
    "pixelviz.resample.parse_mode": dict(mode="bilinear", name="mode"),
    "pixelviz.resample.parse_antialias": dict(antialias="onnx", name="antialias"),
    "pixelviz.resample.resize_weights": dict(
        in_size=4,
        out_size=8,
        mode="linear",
        convention="half_pixel",
        rounding="floor",
        cubic_coeff=-0.75,
        antialias=False,
        scale=2.0,
        exclude_outside=False,
        coordinate_dtype="float32_torch",
    ),
    "pixelviz.resample.resize": dict(
        image=IMG,
        size=(6, 7),
        mode="linear",
        convention="half_pixel",
        rounding="floor",
        cubic_coeff=-0.5,
        antialias=False,
        scale=(1.5, 1.4),
        exclude_outside=False,
        extrapolation_value=0.0,
        coordinate_dtype="float32",
    ),
    "pixelviz.resample.sample_bilinear": dict(image=IMG, xy=[[1.0, 0.5]], origin="corners", border="zeros"),
    # reproduce
    "pixelviz.reproduce._search.reproduce_resize": dict(
        fn=_linear_half_pixel, probe=RESULT, seed=0, uint8_fn=_linear_half_pixel_uint8
    ),
    "pixelviz.reproduce._uint8.uint8_behaviour": dict(
        fn_uint8=_linear_half_pixel_uint8, fn_float=_linear_half_pixel, seed=0, size_pairs=[(4, 8), (8, 3)]
    ),
    "pixelviz.reproduce._uint8.uint8_table": dict(seed=0, isolated=False),
    "pixelviz.reproduce._compare.classify_error": dict(error=3e-7),
    "pixelviz.reproduce._search.reproduce_from_outputs": dict(
        outputs=_cached("outs", lambda: _shared_outputs()), probe=RESULT, seed=0, pairs="shared"
    ),
    "pixelviz.reproduce._porting.order_by_convention": dict(
        probes=Fresh(lambda: {"a": RESULT.make(), "b": None}), groups=[["a", "b"]]
    ),
    "pixelviz.reproduce._porting.convention_bands": dict(
        probes=Fresh(lambda: {"a": RESULT.make(), "b": None}), order=["b", "a"]
    ),
    "pixelviz.reproduce._porting.porting_table": dict(
        matrix=MATRIX, recipes={}, sources=["scipy.zoom.linear"], digits=1, requires="scipy"
    ),
    "pixelviz.reproduce._porting.porting_summary": dict(
        matrix=MATRIX, recipes={}, sources=["scipy.zoom.linear"], requires="scipy"
    ),
    "pixelviz.reproduce._porting.groups_table": dict(
        matrix=MATRIX, probes=Fresh(lambda: {"scipy.zoom.linear": RESULT.make()}), requires="scipy"
    ),
    "pixelviz.plot.equivalence.plot_equivalence_matrix": dict(
        errors=np.array([[0.0, 0.5], [0.5, 0.0]]), labels=["a", "b"], bands=["x", "x"], figsize=(3.0, 3.0), title="t"
    ),
    "pixelviz.reproduce._equivalent.equivalent_ops": dict(fn=_linear_half_pixel, seed=0, skip_isolated=True),
    "pixelviz.reproduce._equivalent.all_outputs": dict(seed=0, skip_isolated=True),
    "pixelviz.reproduce._equivalent.equivalence_matrix": dict(
        outputs={"a": [np.zeros((1, 3))], "b": [np.ones((1, 3))]}, order=["b", "a"], pairs=[(2, 3)]
    ),
    "pixelviz.reproduce._outputs.library_outputs": dict(
        library="scipy", inputs=[np.arange(4.0)[None, :]], size_pairs=[(4, 8)], isolate=False
    ),
    "pixelviz.reproduce._inputs.shared_signals": dict(n=8, seed=1),
    "pixelviz.reproduce._inputs.outputs_from_probe": dict(result=RESULT, seed=0),
    # signals
    "pixelviz.signals.chirp": dict(t=[0.0, 0.5], f0=1.0, f1=3.0, length=1.0),
    "pixelviz.signals.zone_plate": dict(h=8, w=6, max_freq=0.5, supersample=2),
    "pixelviz.signals.smooth_blobs": dict(h=8, w=6, n_blobs=2, seed=1),
    # geometry
    "pixelviz.geometry.as_points": dict(points=[[1.0, 2.0]], name="points"),
    "pixelviz.geometry.as_boxes": dict(boxes=[[0.0, 0.0, 2.0, 3.0]], name="boxes", allow_empty=True),
    "pixelviz.geometry.as_polygon": dict(polygon=POLY, name="polygon"),
    "pixelviz.geometry.as_index_boxes": dict(boxes=[[2, 3, 4, 3]], name="boxes"),
    "pixelviz.geometry.convert_points_origin": dict(points=[[3.0, 4.0]], source="centers", target="corners"),
    "pixelviz.geometry.convert_boxes_origin": dict(boxes=[[0.0, 0.0, 1.0, 1.0]], source="corners", target="centers"),
    "pixelviz.geometry.convert_polygon_origin": dict(polygon=POLY, source="centers", target="corners"),
    "pixelviz.geometry.index_boxes_to_coords": dict(boxes=[[2, 3, 4, 3]], origin="corners"),
    "pixelviz.geometry.coord_boxes_to_index": dict(boxes=[[2.0, 3.0, 5.0, 4.0]], origin="corners"),
    "pixelviz.geometry.polygon_area": dict(polygon=POLY),
    "pixelviz.geometry.polygon_perimeter": dict(polygon=POLY),
    "pixelviz.geometry.box_area": dict(boxes=[[0.0, 0.0, 2.0, 3.0]]),
    "pixelviz.geometry.affine_convert_origin": dict(
        matrix=[[2.0, 0, 0], [0, 2.0, 0]], source="corners", target="centers"
    ),
    "pixelviz.geometry.pixel_centers": dict(shape=(2, 3), origin="corners"),
    # masks, origin checks, survey
    "pixelviz.masks.polygon_mask": dict(polygon=POLY, shape=(6, 7), supersample=2, dilate=0.25),
    "pixelviz.masks.mask_iou": dict(mask=MASK, reference=MASK.astype(float)),
    "pixelviz.masks.polygon_vs_mask_pipeline": dict(
        polygon=POLY, image_shape=(6, 7), scale=1.5, crop=(0, 0, 8, 8), supersample=2
    ),
    "pixelviz.origin_checks.disk_mask": dict(shape=(8, 8), center=[4.0, 4.0], radius=2.5),
    "pixelviz.origin_checks.contour_measurements": dict(mask=MASK, requires="cv2"),
    "pixelviz.origin_checks.rasterization_stats": dict(polygon=POLY, mask=MASK),
    "pixelviz.rasterizer_survey.fatness_survey": dict(
        n_polygons=1, shape=(40, 40), vertices=5, integer_vertices=False, seed=0, requires=("cv2", "PIL", "pycocotools")
    ),
    # boxes
    "pixelviz.boxes.legacy_encode_1d": dict(x0=2.0, x1=5.0),
    "pixelviz.boxes.legacy_decode_1d": dict(center=4.0, w=4.0, fixed=True),
    "pixelviz.boxes.encode_1d": dict(x0=2.0, x1=6.0),
    "pixelviz.boxes.decode_1d": dict(center=4.0, w=4.0),
    "pixelviz.boxes.encode_boxes": dict(boxes=[[0.0, 0, 4, 2]], references=[[0.0, 0, 2, 2]], style="float"),
    "pixelviz.boxes.decode_boxes": dict(deltas=[[0.5, 0, 0.7, 0]], references=[[0.0, 0, 2, 2]], style="legacy"),
    "pixelviz.boxes.flip_index": dict(index=[3.0], width=10.0),
    "pixelviz.boxes.flip_coord": dict(coord=[3.5], width=10.0),
    "pixelviz.boxes.flip_points": dict(points=[[3.5, 1.0]], width=10.0, kind="coords"),
    "pixelviz.boxes.flip_boxes": dict(boxes=[[1.0, 0, 3, 2]], width=10.0, kind="indices"),
    "pixelviz.boxes.flip_polygon": dict(polygon=POLY, width=10.0, kind="coords"),
    # anchors
    "pixelviz.anchors.detectron_cell_anchors": dict(stride=16, sizes=[32.0], aspect_ratios=[0.5, 1.0]),
    "pixelviz.anchors.detectron2_cell_anchors": dict(sizes=[32.0], aspect_ratios=[0.5, 1.0]),
    "pixelviz.anchors.grid_anchors": dict(cell_anchors=[[-8.0, -8, 8, 8]], stride=16.0, grid_shape=(2, 3), offset=0.5),
    "pixelviz.anchors.anchor_areas": dict(anchors=[[0.0, 0, 3, 3]], inclusive=True),
    # roi
    "pixelviz.roi.roi_align": dict(
        features=FEATS, boxes=[[0, 1.0, 1, 3, 3]], output_size=(2, 2), spatial_scale=1.0, sampling_ratio=2, aligned=True
    ),
    "pixelviz.roi.roi_sample_points": dict(
        box=[1.0, 1, 3, 3], output_size=2, sampling_ratio=1, aligned=False, spatial_scale=1.0
    ),
    "pixelviz.roi.roi_bin_edges": dict(box=[1.0, 2, 3, 5], output_size=(2, 3)),
    "pixelviz.roi.bilinear_neighbors": dict(x=1.25, y=0.5, shape=(4, 5)),
    "pixelviz.roi.paste_mask": dict(mask=np.ones((2, 2)), box=[1.0, 1, 3, 3], image_shape=(4, 4)),
    "pixelviz.roi.paste_mask_legacy": dict(mask=np.ones((2, 2)), box=[1.0, 1, 3, 3], image_shape=(4, 4), threshold=0.5),
    "pixelviz.roi.paste_round_trip": dict(truth=MASK, box=[2.0, 1, 6, 4], mask_size=4, sampling_ratio=2),
    "pixelviz.roi.point_sample": dict(features=FEATS, points=[[[0.5, 0.5]]]),
    "pixelviz.roi.random_boxes": dict(num_boxes=3, image_size=100.0, num_images=2, seed=1),
    # probe
    "pixelviz.probe.probe_resize": dict(fn=_linear_half_pixel, pairs=[(8, 12), (12, 8)], tiny_pairs=[(5, 1)], seed=0),
    "pixelviz.probe.measure.measure_weights": dict(fn=_linear_half_pixel, in_size=4, out_size=6, seed=0),
    "pixelviz.probe.measure.measure_pair": dict(weights=[[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]),
    "pixelviz.probe.measure.check_pairs": dict(name="pairs", pairs=[(4, 8)]),
    "pixelviz.probe.classify.classify_measurements": dict(
        measured=Fresh(lambda: list(RESULT.make().pairs[:8])), tiny_measured=()
    ),
    "pixelviz.probe.classify.is_linear": dict(weights=np.eye(3), nonlinearity=1e-9),
    "pixelviz.probe.classify.not_linear": dict(pair=(4, 8), nonlinearity=0.5, measured=()),
    "pixelviz.probe.result.ProbeResult": dict(
        convention="half_pixel",
        kind="interpolation",
        candidates=("half_pixel",),
        rounding=None,
        nearest_candidates=(),
        center_candidates=(),
        reason="",
        pairs=(),
    ),
    # backends: registry and report
    "pixelviz.backends._registry.get_backend": dict(name="opencv.resize.linear"),
    "pixelviz.backends._registry.list_backends": dict(library="opencv"),
    "pixelviz.backends._registry.libraries": dict(),
    "pixelviz.backends._report.probe_backends": dict(
        backends=Fresh(lambda: [BACKEND.make()]),
        library=None,
        isolate=False,
        timeout=300.0,
        jobs=2,
        progress=print,
        requires="scipy",
    ),
    "pixelviz.backends.worker.resolve_task": dict(task="json:loads"),
    # aliasing: the measure (numpy) and the libraries' downscale calls
    "pixelviz.aliasing.nyquist_split": dict(image=IMG, out_shape=(2, 2)),
    "pixelviz.aliasing.ideal_downscale": dict(image=IMG, out_shape=(2, 2)),
    "pixelviz.aliasing.measure_aliasing": dict(
        fn=lambda x, shape: x[: shape[0], : shape[1]],
        image=np.outer(np.arange(8.0), np.ones(8)),
        out_shape=(4, 4),
        margin=1,
    ),
    "pixelviz.aliasing.window": dict(image=IMG, crop=(0.0, 0.5, 0.0, 0.5)),
    "pixelviz.backends._downscale.list_downscalers": dict(),
    "pixelviz.backends._downscale.measure_downscalers": dict(
        libraries=["opencv"],
        size=64,
        factors=(4,),
        crop=(0.0, 0.5, 0.25, 0.75),
        margin=2,
        isolate=False,
        timeout=300.0,
        jobs=2,
        requires="cv2",
    ),
    "pixelviz.backends._downscale.downscale_table": dict(reports=DOWNSCALES, unit="%", requires="cv2"),
    "pixelviz.backends.opencv_ops.make_downscale": dict(flag_name="INTER_AREA"),
    "pixelviz.backends.pillow_ops.make_downscale": dict(filter_name="BILINEAR"),
    "pixelviz.backends.skimage_ops.make_downscale": dict(),
    "pixelviz.backends.torch_ops.make_downscale": dict(antialias=False),
    "pixelviz.backends.tensorflow_ops.make_downscale": dict(antialias=False),
    "pixelviz.backends.jax_ops.make_downscale": dict(),
    "pixelviz.plot.aliasing.plot_crops": dict(
        images=[IMG, IMG], titles=["a", "b"], ncols=4, fontsize=9.0, vmin=-1.0, vmax=1.0
    ),
    "pixelviz.plot.aliasing.text_px": dict(
        fig=Fresh(lambda: __import__("matplotlib.pyplot").pyplot.figure()), fontsize=8.5, column_px=688
    ),
    "pixelviz.backends._report.article_rows": dict(reports=REPORTS, requires="scipy"),
    "pixelviz.backends._report.compare_with_article": dict(claim="②", result=RESULT),
    "pixelviz.backends._report.report_table": dict(
        reports=REPORTS,
        show_missing=True,
        library="SciPy",
        pair=(24, 36),
        extra={"reproduced by": {"scipy.zoom.linear": "x"}},
        requires="scipy",
    ),
    # backends: one module per library (resize-op factories, then the other wrapped calls)
    "pixelviz.backends.opencv_ops.make_resize": dict(flag_name="INTER_LINEAR", uint8=True),
    "pixelviz.backends.pillow_ops.make_resize": dict(filter_name="BILINEAR", uint8=True),
    "pixelviz.backends.skimage_ops.make_resize": dict(order=1, anti_aliasing=False, uint8=True),
    "pixelviz.backends.scipy_ops.make_zoom": dict(order=1, grid_mode=True),
    "pixelviz.backends.torch_ops.make_interpolate": dict(
        mode="linear", align_corners=True, antialias=False, uint8=True
    ),
    "pixelviz.backends.torch_ops.make_grid_sample": dict(mode="bilinear", align_corners=False),
    "pixelviz.backends.torchvision_ops.make_tv_resize": dict(interpolation="BILINEAR", antialias=True),
    "pixelviz.backends.tensorflow_ops.make_resize": dict(method="bilinear", antialias=False, uint8=True),
    "pixelviz.backends.tensorflow_ops.make_resize_v1": dict(
        op="resize_bilinear", align_corners=True, half_pixel_centers=False, uint8=True
    ),
    "pixelviz.backends.tensorflow_ops.make_crop_and_resize": dict(box=(0.0, 1.0)),
    "pixelviz.backends.jax_ops.make_resize": dict(method="linear", antialias=True, uint8=True),
    "pixelviz.backends.kornia_ops.make_resize": dict(interpolation="bilinear", align_corners=None, antialias=False),
    "pixelviz.backends.onnxruntime_ops.make_resize": dict(
        mode="linear", ctm="half_pixel", nearest_mode="floor", antialias=0
    ),
    "pixelviz.backends.onnxruntime_ops.resize_session": dict(
        mode="nearest", ctm="asymmetric", nearest_mode="floor", antialias=0, requires=("onnx", "onnxruntime")
    ),
    "pixelviz.backends.opencv_ops.find_contour": dict(mask=MASK, origin="corners", requires="cv2"),
    "pixelviz.backends.opencv_ops.contour_area": dict(polygon=POLY, requires="cv2"),
    "pixelviz.backends.opencv_ops.warp_affine": dict(
        image=IMG, matrix=[[2.0, 0, 0], [0, 2.0, 0]], dsize=(10, 8), origin="corners", requires="cv2"
    ),
    "pixelviz.backends.opencv_ops.remap": dict(image=IMG, points=[[2.0, 1.0]], origin="centers", requires="cv2"),
    "pixelviz.backends.opencv_ops.rasterize_polygon": dict(
        polygon=POLY, shape=(6, 7), origin="corners", shift=4, requires="cv2"
    ),
    "pixelviz.backends.pillow_ops.rasterize_polygon": dict(polygon=POLY, shape=(6, 7)),
    "pixelviz.backends.pillow_ops.encode_image": dict(pixels=np.zeros((2, 3, 4), np.uint8), fmt="webp", fast=False),
    "pixelviz.backends.pillow_ops.palette_png": dict(png=PNG, text={"k": "v"}, colors=64),
    "pixelviz.backends.pillow_ops.decode_image": dict(data=PNG),
    "pixelviz.backends.pycocotools_ops.rasterize_polygon": dict(polygon=POLY, shape=(6, 7), requires="pycocotools"),
    "pixelviz.backends.scipy_ops.map_coordinates": dict(
        image=IMG, points=[[2.0, 1.0]], origin="corners", requires="scipy"
    ),
    "pixelviz.backends.torch_ops.torch_device": dict(requires="torch"),
    # origin probes: point samplers and crop ops
    "pixelviz.probe.points.probe_points": dict(fn=_corner_sampler, shape=(16, 18), seed=1),
    "pixelviz.probe.crops.probe_crop": dict(
        fn=_edges_crop, boxes=[(2.5, 3.25, 9.0, 8.5)], out_size=(3, 4), shape=(12, 14)
    ),
    "pixelviz.roi.crop_and_resize_box": dict(box=[1.0, 0.5, 3.0, 2.5], image_shape=(4, 5), output_size=(2, 4)),
    "pixelviz.plot.crops.plot_crop_samples": dict(
        fits=Fresh(lambda: {"a": pixelviz.probe.crops.CropAxisFit(5.3, 10.6, 5, 6.36, 2.12, 0.0)}),
        figsize=(4.0, 2.0),
        title="t",
    ),
    "pixelviz.backends._samplers.get_sampler": dict(name="scipy.map_coordinates.linear"),
    "pixelviz.backends._samplers.list_point_samplers": dict(library="scipy"),
    "pixelviz.backends._samplers.list_crop_ops": dict(library="torchvision"),
    "pixelviz.backends._samplers.probe_origin_backends": dict(
        backends=Fresh(lambda: [pixelviz.backends.get_sampler("scipy.map_coordinates.linear")]), requires="scipy"
    ),
    "pixelviz.backends._samplers.origin_rows": dict(reports=ORIGIN_REPORTS, requires="scipy"),
    "pixelviz.backends._samplers.origin_rules": dict(reports=ORIGIN_REPORTS, requires="scipy"),
    "pixelviz.backends.scipy_ops.make_map_coordinates_points": dict(order=1),
    "pixelviz.backends.opencv_ops.make_point_sampler": dict(op="remap", interpolation="INTER_LINEAR"),
    "pixelviz.backends.pillow_ops.make_affine_points": dict(filter_name="BILINEAR"),
    "pixelviz.backends.skimage_ops.make_warp_points": dict(order=1),
    "pixelviz.backends.torch_ops.make_grid_sample_points": dict(
        mode="bilinear", align_corners=False, normalization="2x/W-1"
    ),
    "pixelviz.backends.torchvision_ops.make_roi_crop": dict(op="roi_align", aligned=True, sampling_ratio=2),
    "pixelviz.backends.tensorflow_ops.make_crop_box": dict(normalization="x/W"),
    "pixelviz.backends.kornia_ops.make_remap_points": dict(mode="bilinear", align_corners=True),
    "pixelviz.backends.kornia_ops.make_crop": dict(align_corners=True),
    "pixelviz.backends.pixelviz_ops.make_point_sample": dict(),
    "pixelviz.backends.pixelviz_ops.make_roi_align": dict(aligned=True, sampling_ratio=2),
    "pixelviz.backends.pixelviz_ops.make_paste": dict(legacy=False),
    "pixelviz.backends.torch_ops.make_paste_points": dict(),
    "pixelviz.backends._samplers.list_paste_ops": dict(library="pixelviz"),
    "pixelviz.probe.paste.probe_paste": dict(
        fn=Fresh(lambda: pixelviz.roi.paste_mask), boxes=[(2.5, 3.25, 9.0, 8.5)], mask_size=(3, 4), shape=(12, 14)
    ),
    "pixelviz.torch_device": dict(requires="torch"),
    "pixelviz.backends.torch_ops.roi_align_grid_sample": dict(
        features=_tensor(FEATS),
        boxes=_tensor([[0, 1.0, 1, 3, 3]]),
        output_size=(2, 2),
        spatial_scale=1.0,
        sampling_ratio=2,
        aligned=True,
        requires="torch",
    ),
    "pixelviz.backends.torch_ops.paste_masks": dict(
        masks=_tensor(np.ones((1, 2, 2))), boxes=_tensor([[1.0, 1, 3, 3]]), image_shape=(4, 4), requires="torch"
    ),
    "pixelviz.backends.torch_ops.point_sample": dict(
        features=_tensor(FEATS), points=_tensor([[[0.5, 0.5]]]), requires="torch"
    ),
    "pixelviz.backends.torchvision_ops.roi_align": dict(
        features=FEATS,
        boxes=[[0, 1.0, 1, 3, 3]],
        output_size=2,
        spatial_scale=1.0,
        sampling_ratio=2,
        aligned=False,
        requires="torchvision",
    ),
    "pixelviz.backends.torchvision_ops.roi_align_box": dict(
        image=IMG, box=[1.0, 1, 3, 3], output_size=2, sampling_ratio=1, aligned=True, requires="torchvision"
    ),
    "pixelviz.backends.torchvision_ops.time_roi_align": dict(
        features=_tensor(FEATS),
        boxes=[[0, 1.0, 1, 3, 3]],
        output_size=2,
        spatial_scale=1.0,
        sampling_ratio=2,
        min_run_time=0.001,
        requires="torchvision",
    ),
    # tables, CLI, exercises
    "pixelviz.tables.Table": dict(headers=["n", "x"], rows=[[1, 0.5]], digits=3),
    "pixelviz.__main__.build_parser": dict(),
    "pixelviz.targets.load_callable": dict(spec="pixelviz.resample:resize"),
    "pixelviz.targets.load_target": dict(spec="scipy:order=1, grid_mode=True"),
    "pixelviz.__main__.main": dict(argv=["probe", "--library", "scipy", "--installed-only"]),
    "pixelviz.exercises._core.check": dict(name="grid.n_outside", answer=2),
    "pixelviz.exercises._core.exercise_names": dict(),
    "pixelviz.exercises._core.get_exercise": dict(name="grid.n_outside"),
    "pixelviz.exercises.libraries.mystery_resize": dict(x=[0.0, 1.0, 2.0, 3.0], size=8),
    # plot
    "pixelviz.plot._style.convention_color": dict(convention="half_pixel"),
    "pixelviz.plot.style.book_style": dict(),
    "pixelviz.plot.style.use_book_style": dict(),
    "pixelviz.plot.style.smallest_font_pt": dict(fig=FIG),
    "pixelviz.plot.style.figure_png": dict(fig=FIG),
    "pixelviz.plot.grid1d.draw_grid_1d": dict(ax=AX, n=4, convention="half_pixel", length=1.0, y=0.0, annotate=False),
    "pixelviz.plot.grid1d.plot_grids_1d": dict(
        n=4, conventions=("half_pixel", "asymmetric"), length=1.0, figsize=(4.0, 2.0)
    ),
    "pixelviz.plot.grid2d.grid_points_2d": dict(h=2, w=3, convention="align_corners", extent=(3.0, 2.0)),
    "pixelviz.plot.grid2d.draw_grid_2d": dict(
        ax=AX, h=2, w=3, convention="half_pixel", extent=(3.0, 2.0), color="C1", cells=True, marker="o", markersize=4.0
    ),
    "pixelviz.plot.grid2d.plot_grid_2d": dict(
        h=2, w=3, convention="half_pixel", image=np.ones((2, 3)), ax=None, title="t"
    ),
    "pixelviz.plot.grid2d.show_image": dict(ax=AX, image=IMG, cmap="gray"),
    "pixelviz.plot.grid2d.plot_images": dict(
        images=[IMG, IMG], titles=["a", "b"], cmap="gray", vmin=0.0, vmax=20.0, size=1.5, suptitle="s"
    ),
    "pixelviz.plot.resize.plot_sampling_1d": dict(
        signal=lambda t: np.cos(t), n=6, length=1.0, supersample=2, dense=50, figsize=(4.0, 2.0)
    ),
    "pixelviz.plot.resize.draw_resize_1d": dict(
        ax=AX, n_in=4, n_out=8, convention="half_pixel", mode="linear", reads=[0, 3], y=0.0, label="x"
    ),
    "pixelviz.plot.resize.input_grid": dict(convention="pytorch_half_pixel"),
    "pixelviz.plot.resize.resize_positions": dict(n_in=4, n_out=8, convention="align_corners", scale=2.0),
    "pixelviz.plot.resize.draw_resize_values_1d": dict(
        ax=AX, signal=[1.0, 3.0, 2.0, 0.0], n_out=6, convention="half_pixel", mode="linear", scale=1.5
    ),
    "pixelviz.plot.resize.plot_resize_1d": dict(
        n_in=4, n_out=8, convention="half_pixel", mode="linear", reads=[1], figsize=(4.0, 2.0)
    ),
    "pixelviz.plot.resize.plot_resize_versions_1d": dict(n=4, mode="linear", figsize=(4.0, 3.0)),
    "pixelviz.plot.resize.plot_resize_2d": dict(
        in_shape=(3, 3), out_shape=(6, 6), convention="half_pixel", mode="linear", reads=[(0, 0)], ax=None
    ),
    "pixelviz.plot.roi.draw_roi_align": dict(
        ax=AX,
        image_shape=(6, 7),
        box=[1.3, 1.2, 5.1, 4.6],
        output_size=2,
        sampling_ratio=1,
        aligned=True,
        cell=(0, 1),
        image=np.ones((6, 7)),
    ),
    "pixelviz.plot.roi.plot_roi_align": dict(
        image_shape=(6, 7),
        box=[1.3, 1.2, 5.1, 4.6],
        output_size=2,
        sampling_ratio=1,
        cell=(1, 0),
        image=np.ones((6, 7)),
        figsize=(6.0, 3.0),
    ),
    "pixelviz.plot.roi.plot_masks": dict(
        masks={"a": MASK}, truth=MASK, polygon=POLY, box=[1.0, 1, 3, 3], figsize=(3.0, 3.0)
    ),
    "pixelviz.plot.origin.draw_pixels": dict(
        ax=AX, image=IMG, origin="centers", cmap="Greys", vmin=0.0, vmax=20.0, grid=True, alpha=0.5
    ),
    "pixelviz.plot.origin.draw_points": dict(
        ax=AX, points=[[1.0, 2.0]], source="centers", axes_origin="corners", color="C3", label="p"
    ),
    "pixelviz.plot.origin.draw_polygon": dict(
        ax=AX, polygon=POLY, source="corners", axes_origin="corners", color="C1", label="p", markers=True
    ),
    "pixelviz.plot.origin.plot_origins": dict(width=3, height=2, figsize=(6.0, 2.5)),
    "pixelviz.plot.origin.plot_points_on_pixels": dict(
        image=IMG, points={"p": ([[1.0, 2.0]], "corners")}, figsize=(3.0, 3.0)
    ),
    "pixelviz.plot.origin.plot_polygon_on_pixels": dict(
        mask=MASK, polygons={"p": (POLY, "corners")}, figsize=(3.0, 3.0), colors=["C2"]
    ),
    "pixelviz.plot.origin.plot_rasterizations": dict(polygon=POLY, masks={"a": MASK}, figsize=(3.0, 3.0)),
    "pixelviz.plot.probe.draw_probe_pair": dict(ax=AX, meas=PAIR, legend=False),
    "pixelviz.plot.probe.plot_probe": dict(result=RESULT, pairs=((24, 36),), title="t", figsize=(4.0, 2.0)),
    "pixelviz.plot.probe.plot_probes": dict(
        rows=Fresh(lambda: [("op", RESULT.make())]), pairs=((24, 36),), width=5.0, row_height=1.0, title="t"
    ),
    # widgets
    "widgets._explorer.Control": dict(name="n", values=(1, 2, 3), default=2, label="n", static_values=(1, 3)),
    "widgets._explorer.static_mode": dict(),
    "widgets.grid.GridExplorer": dict(n=4, convention="half_pixel"),
    "widgets.resize.ResizeExplorer": dict(
        dim="1D", n=4, scale=2.0, given="size", convention="half_pixel", mode="linear"
    ),
    "widgets.origin.OriginFlipExplorer": dict(shape="box", flip="W - x", origin="centers"),
    "widgets.roi.RoIAlignExplorer": dict(x0=1.25, y0=1.0, size=2.5, output_size=2, sampling_ratio=1, aligned=True),
    "widgets.roi.roi_align_values": dict(box=[1.0, 1, 3, 3], output_size=2, sampling_ratio=1, aligned=True),
}

#: Callables not called with bad arguments, with the reason.
NOT_CALLED: dict[str, str] = {
    **{
        name: "an enum: its members are looked up, and its parse_* function is the callable that takes user input"
        for name in (
            "pixelviz.conventions.Convention",
            "pixelviz.conventions.NearestRounding",
            "pixelviz.conventions.CoordinateDtype",
            "pixelviz.resample.Antialias",
            "pixelviz.conventions.Origin",
            "pixelviz.resample.ResizeMode",
            "pixelviz.resample.Border",
            "pixelviz.probe.result.ProbeKind",
            "pixelviz.probe.result.Unnamed",
            "pixelviz.probe.result.UnnamedRounding",
            "pixelviz.probe.points.PointOrigin",
            "pixelviz.probe.points.Interpolation",
            "pixelviz.probe.points.Border",
            "pixelviz.probe.crops.CropOrigin",
            "pixelviz.probe.paste.PasteOrigin",
        )
    },
    "pixelviz.backends._registry.NotInstalledError": "an exception class",
    "pixelviz.aliasing.AliasingMeasurement": "a result record that measure_aliasing builds",
    "pixelviz.backends._downscale.Downscaler": "a record built by the backend modules; register_downscale checks it",
    "pixelviz.backends._downscale.DownscaleReport": "a result record that measure_downscalers builds",
    "pixelviz.backends._downscale.register_downscale": "adds to the process-wide registry (bad calls tested by hand)",
    "pixelviz.backends.worker.main": "serves one JSON request from stdin in a worker process (tests/test_isolate.py)",
    "pixelviz.reproduce._recipe.Recipe": "a result record that reproduce_resize builds",
    "pixelviz.reproduce._compare.Difference": "a result record that the op comparisons build",
    "pixelviz.reproduce._equivalent.Equivalence": "a result record that equivalent_ops builds",
    "pixelviz.reproduce._equivalent.EquivalenceMatrix": "a result record that equivalence_matrix builds",
    "pixelviz.reproduce._space.Candidate": "a record of resize settings built by the recipe search",
    "pixelviz.reproduce._uint8.Uint8Behaviour": "a result record that uint8_behaviour builds",
    "pixelviz.resample.ResizeWeights": "a result record that resize_weights returns (four arrays)",
    "pixelviz.probe.result.PairMeasurement": "a result record that measure_pair builds from checked weights",
    "pixelviz.backends._report.BackendReport": "a result record that probe_backends builds",
    "pixelviz.backends._samplers.OriginReport": "a result record that probe_origin_backends builds",
    "pixelviz.backends._samplers.SamplerBackend": "a record built by pixelviz's backend modules; register checks it",
    "pixelviz.probe.points.AxisFit": "a result record that probe_points builds from its fits",
    "pixelviz.probe.points.PointProbeResult": "a result record that probe_points builds (from_dict checks its input)",
    "pixelviz.probe.crops.CropAxisFit": "a result record that probe_crop builds from its fits",
    "pixelviz.probe.crops.CropProbeResult": "a result record that probe_crop builds (from_dict checks its input)",
    "pixelviz.probe.paste.PasteAxisFit": "a result record that probe_paste builds from its fits",
    "pixelviz.probe.paste.PasteProbeResult": "a result record that probe_paste builds (from_dict checks its input)",
    "pixelviz.exercises._core.Result": "a result record that check builds",
    "pixelviz.exercises._core.Exercise": "a record built by pixelviz's own exercise modules; register checks it",
    "pixelviz.exercises._core.Alternative": "a record built by pixelviz's own exercise modules",
    "pixelviz.backends._registry.Backend": "a record built by pixelviz's backend modules; register checks it",
    "pixelviz.backends._registry.register": "adds to the process-wide registry (a bad call is tested by hand)",
    "pixelviz.exercises._core.register": "adds to the process-wide registry (a bad call is tested by hand)",
    "widgets._explorer.Explorer": "the abstract base of the explorers (its subclasses are called)",
}

#: Callables with bad calls still unclear, each with the reason: the test expects them to fail (xfail) and
#: fails once they pass, so the entry is removed.
KNOWN_GAPS: dict[str, str] = {}

#: Parameters whose values are not checked, with the reason (module.qualname.param).
UNCHECKED: dict[str, str] = {
    "pixelviz.exercises._core.check.answer": "the reader's answer: check never raises because of it, it reports",
    "pixelviz.probe.result.ProbeResult.reason": "free text",
}
#: Free-text parameters (any value prints): only a non-str is wrong, and None where allowed.
TEXT_PARAMS = {"label", "title", "suptitle", "titles", "text"}
#: Parameters naming the argument in messages: a non-str is wrong.
NAME_PARAMS = {"name"}
#: Category overrides (module.qualname.param -> category).
CATEGORY = {"pixelviz.tables.Table.rows": "sequence", "pixelviz.tables.Table.headers": "sequence"}
#: Parameters that take an int size: past MAX_LENGTH they must be refused.
SIZE_PARAMS = {
    "n",
    "in_size",
    "out_size",
    "h",
    "w",
    "size",
    "supersample",
    "mask_size",
    "n_in",
    "n_out",
    "dense",
    "width",
    "height",
    "stride",
}
#: Array parameters where booleans are a legitimate input (masks), or where NaN means "no value" (drawings).
BOOL_ARRAYS_OK = {"mask", "reference", "truth", "image", "masks", "pixels"}
NAN_OK = {
    "pixelviz.plot.grid2d.show_image.image",
    "pixelviz.plot.grid2d.plot_images.images",
    "pixelviz.plot.origin.draw_pixels.image",
    "pixelviz.plot.origin.plot_points_on_pixels.image",
    "pixelviz.plot.grid2d.plot_grid_2d.image",
    "pixelviz.plot.roi.draw_roi_align.image",
    "pixelviz.plot.roi.plot_roi_align.image",
}


def requirements(example: dict[str, Any]) -> tuple[str, ...]:
    req = example.get("requires", ())
    return (req,) if isinstance(req, str) else tuple(req)


def missing_requirements(example: dict[str, Any]) -> list[str]:
    return [m for m in requirements(example) if importlib.util.find_spec(m) is None]


def materialize(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.make() if isinstance(v, Fresh) else v) for k, v in kwargs.items() if k != "requires"}


# ---------------------------------------------------------------- bad values per category
class Opaque:
    """An object of no type pixelviz knows."""

    def __repr__(self) -> str:
        return "<Opaque>"


def _is_number_list(v: Any) -> bool:
    try:
        arr = np.asarray(v)
    except (TypeError, ValueError):
        return False
    return arr.dtype.kind in "biuf" and arr.ndim >= 1


def category(qualname: str, param: inspect.Parameter, value: Any) -> str:
    key = f"{qualname}.{param.name}"
    if key in UNCHECKED:
        return "skip"
    if isinstance(value, Fresh):
        value = value.make()
    name = param.name
    if key in CATEGORY:
        return CATEGORY[key]
    if name in TEXT_PARAMS:
        return "text"
    if name in NAME_PARAMS:
        return "name"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "size" if name in SIZE_PARAMS else "int"
    if isinstance(value, (float, np.floating)):
        return "float"
    if isinstance(value, str):
        return "choice"
    if isinstance(value, bytes):
        return "bytes"
    if type(value).__module__.startswith("torch"):
        return "tensor"
    if type(value).__module__.startswith("matplotlib"):
        return "axes"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return "pair"
    if isinstance(value, np.ndarray) or (isinstance(value, list) and _is_number_list(value)):
        return "array"
    if isinstance(value, (list, tuple)):
        return "sequence"
    if callable(value):
        return "callable"
    if value is None:
        return "skip"
    return "object"


def _allows_none(param: inspect.Parameter) -> bool:
    return param.default is None or "None" in str(param.annotation)


def bad_values(qualname: str, param: inspect.Parameter, value: Any) -> list[Any]:
    """Values that are wrong for ``param`` whatever the function (see the module docstring)."""
    cat = category(qualname, param, value)
    if isinstance(value, Fresh):
        value = value.make()
    none = [] if _allows_none(param) else [None]
    if cat == "skip":
        return []
    if cat == "text":  # display text: any value prints
        return []
    if cat == "name":
        return none + [Opaque(), 5]
    if cat == "bool":
        return none + ["False", 0, 1.0]
    if cat in ("int", "size"):
        return none + [1.5, "3", True, float("nan"), 2 + 0j] + ([10**6] if cat == "size" else [])
    if cat == "float":
        return none + ["1.0", True, float("nan"), float("inf"), 1j]
    if cat == "choice":
        return none + ["no_such_value", 7.5, b"bytes"]
    if cat == "bytes":
        return none + ["text", 5, b"not an image"]
    if cat == "pair":
        ints = all(isinstance(v, int) for v in value)
        return none + [(4, 4, 4), "ab", (float("nan"), 1), 5 + 1j] + ([(1.5, 2)] if ints else [])
    if cat == "array":
        arr = np.asarray(value)
        out: list[Any] = none + ["abc", {"a": 1}, Opaque(), arr.astype(complex) + 1j]
        if arr.dtype.kind == "f" and f"{qualname}.{param.name}" not in NAN_OK:
            nan, inf = arr.copy(), arr.copy()
            nan.flat[0], inf.flat[-1] = np.nan, np.inf
            out += [nan, inf]
        if arr.dtype.kind != "b" and param.name not in BOOL_ARRAYS_OK:
            out.append(arr.astype(bool))
        if arr.ndim >= 2:
            out.append([[1.0, 2.0], [3.0]])
        return out
    if cat == "tensor":
        import torch

        return none + [
            np.asarray(value.cpu()),
            value.to(torch.complex64),
            torch.full_like(value, float("nan")),
            value.to(torch.int64),
        ]
    if cat == "mapping":
        return none + [5, "ab", [1, 2], {"a": Opaque()}]
    if cat == "sequence":
        return none + [5, "ab", [Opaque()]]
    if cat == "callable":
        return none + [5, "fn"]
    if cat == "axes":
        return none + [5, "ax"]
    return none + [5, "x", Opaque()]
