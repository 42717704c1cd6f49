"""Time pixelviz.resize against cv2.resize and F.interpolate on a 1024x1024 float32 image.

Run: ``.venv/bin/python benchmarks/resize.py``. Writes ``benchmarks/results/resize.json`` and prints
the ratio pixelviz / OpenCV per mode. The numbers are noisy on a shared machine; the best of
several repeats is reported. The target: linear no more than 20x slower than OpenCV.
"""

from __future__ import annotations

import json
import pathlib
import platform
import time

import numpy as np

import pixelviz as pv

SIZE_IN = (1024, 1024)
SIZES_OUT = {"up": (1536, 1536), "down": (600, 600)}


def best_time(fn, repeats: int = 5) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> dict:
    import cv2
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    img = np.random.default_rng(0).standard_normal(SIZE_IN).astype(np.float32)
    t_img = torch.from_numpy(img)[None, None]
    modes = {
        "nearest": (
            cv2.INTER_NEAREST,
            dict(mode="nearest"),
            dict(mode="nearest", convention="asymmetric", rounding="floor"),
        ),
        "linear": (cv2.INTER_LINEAR, dict(mode="bilinear", align_corners=False), dict(mode="linear")),
        "cubic": (cv2.INTER_CUBIC, dict(mode="bicubic", align_corners=False), dict(mode="cubic")),
    }
    results = []
    for direction, (h, w) in SIZES_OUT.items():
        for name, (flag, tkw, pkw) in modes.items():
            row = {
                "mode": name,
                "direction": direction,
                "in": list(SIZE_IN),
                "out": [h, w],
                "pixelviz_s": best_time(lambda h=h, w=w, pkw=pkw: pv.resize(img, (h, w), **pkw)),
                "opencv_s": best_time(lambda h=h, w=w, flag=flag: cv2.resize(img, (w, h), interpolation=flag)),
                "torch_s": best_time(lambda h=h, w=w, tkw=tkw: F.interpolate(t_img, size=(h, w), **tkw)),
            }
            row["ratio_vs_opencv"] = row["pixelviz_s"] / row["opencv_s"]
            row["ratio_vs_torch"] = row["pixelviz_s"] / row["torch_s"]
            results.append(row)
            print(
                f"{name:8s} {direction:4s} 1024->{h}: pixelviz {row['pixelviz_s'] * 1e3:7.1f} ms  "
                f"opencv {row['opencv_s'] * 1e3:6.2f} ms  torch {row['torch_s'] * 1e3:6.2f} ms  "
                f"ratio vs opencv {row['ratio_vs_opencv']:5.1f}x  vs torch {row['ratio_vs_torch']:5.1f}x"
            )
    report = {
        "machine": platform.processor() or platform.machine(),
        "threads": 1,
        "note": "best of 5; shared 2-core machine, noisy",
        "results": results,
    }
    out = pathlib.Path(__file__).parent / "results" / "resize.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    worst = max(r["ratio_vs_opencv"] for r in results if r["mode"] == "linear")
    print(f"linear: pixelviz is at most {worst:.1f}x OpenCV (target <= 20x)")
    return report


if __name__ == "__main__":
    main()
