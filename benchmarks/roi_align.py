"""Benchmark: torchvision.ops.roi_align vs RoIAlign written as grid_sample + avg_pool2d.

The article says the grid_sample version is about 10-50 % slower than the
RoIAlign CUDA kernel. This script times both with ``torch.utils.benchmark``
(:func:`benchmark_roi_align` below, each count timed by
:func:`pixelviz.backends.torchvision_ops.time_roi_align`) for several box counts on the
device ``pixelviz.torch_device()`` picks (cuda when available) and writes a
JSON file with the device name, the library versions, the settings and the
timings, so a run on a GPU machine can be committed and shown by the book.

Usage::

    .venv/bin/python benchmarks/roi_align.py [--boxes 100 1000 10000] [--min-run-time 0.5] [--out PATH]

Default output: ``benchmarks/results/roi_align_<device type>.json``.
Numbers depend on the machine and its load (the CI machines are shared).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import platform
from pathlib import Path
from typing import Any


def random_rois(
    num_boxes: int, image_size: int = 800, num_images: int = 1, *, seed: int = 0, device: Any = "cpu"
) -> Any:
    """``(K, 5)`` float32 tensor of :func:`pixelviz.roi.random_boxes` on ``device``."""
    import torch

    from pixelviz.roi import random_boxes

    boxes = random_boxes(num_boxes, image_size, num_images=num_images, seed=seed)
    return torch.as_tensor(boxes, dtype=torch.float32, device=device)


def benchmark_roi_align(
    box_counts=(100, 1000, 10000),
    *,
    channels: int = 16,
    image_size: int = 800,
    stride: int = 16,
    output_size: int = 7,
    sampling_ratio: int = 2,
    min_run_time: float = 0.2,
    device: Any = None,
) -> list[dict]:
    """Time ``torchvision.ops.roi_align`` and ``roi_align_grid_sample`` for each box count.

    One image of ``channels x (image_size / stride)^2`` features; for each
    box count, random boxes (:func:`random_rois`), ``aligned=True``.

    Raises
    ------
    TypeError, ValueError
        For a bad count, size or time, or a feature map under 1 x 1
        (``image_size < stride``), which torchvision's kernel cannot read.

    Returns
    -------
    list of dict
        One per box count: ``boxes``, ``torchvision_s`` and ``grid_sample_s``
        (median seconds per call), ``ratio`` (grid_sample / torchvision) and
        ``max_abs_diff`` between the two outputs.
    """
    import torch

    from pixelviz._validate import check_finite_float, check_int, check_size
    from pixelviz.backends.torch_ops import torch_device
    from pixelviz.backends.torchvision_ops import time_roi_align

    counts = [check_int(f"box_counts[{k}]", c, minimum=1, maximum=1_000_000) for k, c in enumerate(box_counts)]
    size, step = check_size("image_size", image_size), check_size("stride", stride)
    side = size // step
    if side < 1:
        raise ValueError(
            f"image_size // stride must be >= 1 (a feature map of at least 1 x 1); got image_size={size}, stride={step}"
        )
    if not math.isfinite(check_finite_float("min_run_time", min_run_time, positive=True)):
        raise ValueError(f"min_run_time must be finite; got {min_run_time!r}")
    device = torch_device() if device is None else device
    feats = torch.randn(1, check_size("channels", channels), side, side, generator=torch.Generator().manual_seed(0)).to(
        device
    )
    return [
        {
            "boxes": count,
            **time_roi_align(
                feats,
                random_rois(count, size, device=device),
                output_size,
                1.0 / step,
                sampling_ratio,
                min_run_time=min_run_time,
            ),
        }
        for count in counts
    ]


def device_name(device) -> str:
    import torch

    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"CPU ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boxes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--channels", type=int, default=256)
    parser.add_argument("--image-size", type=int, default=800)
    parser.add_argument("--stride", type=int, default=16)
    parser.add_argument("--output-size", type=int, default=7)
    parser.add_argument("--sampling-ratio", type=int, default=2)
    parser.add_argument("--min-run-time", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    import torch
    import torchvision

    import pixelviz

    device = pixelviz.torch_device()
    settings = {
        "channels": args.channels,
        "image_size": args.image_size,
        "stride": args.stride,
        "output_size": args.output_size,
        "sampling_ratio": args.sampling_ratio,
        "aligned": True,
        "min_run_time": args.min_run_time,
    }
    rows = benchmark_roi_align(
        args.boxes,
        channels=args.channels,
        image_size=args.image_size,
        stride=args.stride,
        output_size=args.output_size,
        sampling_ratio=args.sampling_ratio,
        min_run_time=args.min_run_time,
        device=device,
    )
    record = {
        "benchmark": "roi_align: torchvision.ops.roi_align vs pixelviz.backends.torch_ops.roi_align_grid_sample",
        "device_type": device.type,
        "device": device_name(device),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "versions": {
            "torch": torch.__version__,
            "torchvision": torchvision.__version__,
            "cuda": torch.version.cuda if device.type == "cuda" else None,
            "python": platform.python_version(),
            "pixelviz": pixelviz.__version__,
        },
        "host": platform.node(),
        "settings": settings,
        "timer": "torch.utils.benchmark.Timer.blocked_autorange, median seconds per call",
        "results": rows,
    }
    out = args.out or Path(__file__).resolve().parent / "results" / f"roi_align_{device.type}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n")
    for r in rows:
        print(
            f"{r['boxes']:>6} boxes: torchvision {r['torchvision_s'] * 1e3:8.3f} ms, "
            f"grid_sample {r['grid_sample_s'] * 1e3:8.3f} ms, ratio {r['ratio']:.2f}"
        )
    print(f"device: {record['device']}; wrote {out}")


if __name__ == "__main__":
    main()
