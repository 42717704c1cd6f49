"""Benchmark: how long one control change takes in each explorer's live UI.

Drives the ipywidgets controls programmatically (as a reader's click does:
set ``widget.value``, the observer re-renders the figure in place and puts
new PNG bytes into the one ``Image`` widget) and reports the median and 90th
percentile time per update. Targets: median <= 50 ms for 1D explorers,
<= 100 ms for 2D ones. Not a test: the numbers depend on the machine and its
load.

Also reports, per explorer, its static HTML: bytes, states, stored deltas,
the largest colour error of the encoded frames against the rendered ones
(0..255; 0 = lossless), the smallest text in CSS px and the build time.

Usage::

    .venv/bin/python benchmarks/widgets.py [--repeats 5] [--no-static]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import matplotlib

# This file is named widgets.py: make ``import widgets`` find the package, not this script.
sys.path[0] = str(Path(__file__).resolve().parents[1])

matplotlib.use("Agg")  # a script, not a notebook: draw off-screen


def _explorers():
    import widgets

    out = [("GridExplorer", widgets.GridExplorer, {}, "1D")]
    for name, kwargs, dim in [
        ("ResizeExplorer", {"dim": "1D"}, "1D"),
        ("ResizeExplorer", {"dim": "2D"}, "2D"),
        ("RoIAlignExplorer", {}, "2D"),
        ("OriginFlipExplorer", {}, "2D"),
    ]:
        cls = getattr(widgets, name, None)
        if cls is not None:
            if "dim" in kwargs and "dim" not in {c.name for c in cls.controls}:
                continue
            out.append((name, cls, kwargs, dim))
    return out


def bench_live(cls, kwargs, repeats: int) -> list[float]:
    """Seconds per control change, cycling every value of every control (except a fixed ``dim``)."""
    ex = cls(**kwargs)
    ui = ex.widget()
    assert ui is not None
    times = []
    for _ in range(repeats):
        for control in ex.controls:
            if control.name in kwargs:
                continue
            widget = ex._live.inputs[control.name]
            start_value = widget.value
            for value in list(control.values) + [start_value]:
                if value == widget.value:
                    continue
                before = ex._live.image.value
                t0 = time.perf_counter()
                widget.value = value
                times.append(time.perf_counter() - t0)
                assert ex._live.image.value is not before
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-static", action="store_true", help="skip the static HTML sizes")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (others may be using it)")
    print(
        f"{'explorer':<32} {'dim':<3} {'updates':>7} {'median ms':>9} {'p90 ms':>7} {'target':>6}"
        f" {'static KB':>9} {'states':>6} {'deltas':>6} {'error':>5} {'text px':>7} {'build s':>7}"
    )
    seen: set = set()
    for name, cls, kwargs, dim in _explorers():
        times = sorted(bench_live(cls, kwargs, args.repeats))
        median = statistics.median(times) * 1e3
        p90 = times[int(0.9 * (len(times) - 1))] * 1e3
        target = 50 if dim == "1D" else 100
        label = name + ("" if not kwargs else f"({', '.join(f'{k}={v}' for k, v in kwargs.items())})")
        static = "   (same static page as above)" if cls in seen else ""
        if not args.no_static and cls not in seen:
            seen.add(cls)
            ex = cls(**kwargs)
            from widgets._static import static_html

            report: dict = {}
            t0 = time.perf_counter()
            static_html(ex, report)
            build = time.perf_counter() - t0
            static = (
                f" {report['bytes'] / 1024:9.0f} {report['states']:6d} {report['frames']:6d}"
                f" {report['largest_error']:5d} {report['min_points'] * 100 / 72:7.1f} {build:7.1f}"
            )
        ok = "ok" if median <= target else "SLOW"
        print(f"{label:<32} {dim:<3} {len(times):7d} {median:9.1f} {p90:7.1f} {target:4d}{ok:>3}{static}")


if __name__ == "__main__":
    main()
