"""Command line: ``pixelviz probe`` (or ``python -m pixelviz probe``).

Probes every resize op of the libraries installed here and prints which
sampling-grid convention each one uses, with the library versions::

    pixelviz probe                      # a Markdown table
    pixelviz probe --library opencv     # one library
    pixelviz probe --json               # machine-readable
    pixelviz probe --points             # the origin of every point sampler (map_coordinates, remap ...)
    pixelviz probe --crops              # where every crop op samples its box (roi_align, crop_and_resize ...)
    pixelviz probe --paste              # where every paste-mask puts the mask in the box
    pixelviz probe --points mymod:fn    # a function of your own, by import path

Each library is probed in a fresh worker process of its own (TensorFlow and
PyTorch crash when they share one), two at a time; a line per library on
stderr says what was measured and how long it took.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The ``pixelviz`` argument parser (one sub-command, ``probe``)."""
    parser = argparse.ArgumentParser(prog="pixelviz", description="Where are pixels? Measure resize conventions.")
    sub = parser.add_subparsers(dest="command", required=True)
    probe = sub.add_parser(
        "probe",
        help="measure the grid convention of every installed resize op",
        description="Run pixelviz.probe_resize on each backend and print the verdicts.",
    )
    probe.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    probe.add_argument(
        "--library",
        metavar="NAME",
        default=None,
        help="only this library (opencv, pillow, skimage, torch, torchvision, tensorflow, onnxruntime, scipy, jax, "
        "kornia)",
    )
    probe.add_argument(
        "--jobs", type=int, default=2, metavar="N", help="library worker processes run at the same time (default 2)"
    )
    probe.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="seconds one library's worker may take before its rows say 'timed out' (default 300)",
    )
    probe.add_argument(
        "--in-process", action="store_true", help="probe every library in this process (no workers; TF + torch crash)"
    )
    probe.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    probe.add_argument("--installed-only", action="store_true", help="leave out libraries that are not installed")
    kind = probe.add_mutually_exclusive_group()
    kind.add_argument(
        "--points", action="store_true", help="probe point samplers fn(image, points): integer corners or centers"
    )
    kind.add_argument(
        "--crops",
        action="store_true",
        help="probe crop ops fn(image, box, out_size) (and paste-masks): where samples sit in the box",
    )
    kind.add_argument(
        "--paste", action="store_true", help="probe paste-mask ops fn(mask, box, image_shape): where the mask lands"
    )
    probe.add_argument(
        "target",
        nargs="?",
        default=None,
        metavar="MODULE:FUNCTION",
        help="probe this function instead of the libraries' (a resize fn(x, size), or with --points/--crops/--paste)",
    )
    return parser


def _probe_target(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``pixelviz probe [--points|--crops] module:function``: one user function."""
    from .targets import load_callable

    try:
        fn = load_callable(args.target)
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))
    from .probe import probe_resize
    from .probe.crops import probe_crop
    from .probe.paste import probe_paste
    from .probe.points import probe_points

    probe = probe_points if args.points else probe_crop if args.crops else probe_paste if args.paste else probe_resize
    try:
        result = probe(fn)
    except (TypeError, ValueError) as exc:
        print(f"{args.target}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"{args.target}: {result.verdict}")
        fix = getattr(result, "fix", None)
        if fix:
            print(f"with integer-corner points: {fix}")
    return 0


def _probe_origins(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``pixelviz probe --points`` / ``--crops`` / ``--paste``: every registered backend of that kind."""
    from . import backends
    from .tables import Table

    try:
        if args.points:
            chosen = backends.list_point_samplers(args.library)
        elif args.paste:
            chosen = backends.list_paste_ops(args.library)
        else:  # --crops: crop ops, then their inverse, the paste-masks (of the library, where it has any)
            chosen = backends.list_crop_ops(args.library)
            if args.library is None or args.library.strip().lower() in {
                b.name.split(".")[0] for b in backends.list_paste_ops()
            }:
                chosen += backends.list_paste_ops(args.library)
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))
    reports = backends.probe_origin_backends(chosen)
    if args.installed_only:
        reports = [r for r in reports if r.status != "not installed"]
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(Table(backends.ORIGIN_COLUMNS, backends.origin_rows(reports)).to_markdown())
    return 1 if any(r.status == "error" for r in reports) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pixelviz`` console script; returns the exit status."""
    if argv is not None and (
        isinstance(argv, (str, bytes))
        or not isinstance(argv, (list, tuple))
        or not all(isinstance(a, str) for a in argv)
    ):
        raise TypeError(f"argv must be a list of str (command-line words) or None; got {argv!r}")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.target is not None:
        return _probe_target(args, parser)
    if args.points or args.crops or args.paste:
        return _probe_origins(args, parser)
    from . import backends

    try:
        chosen = backends.list_backends(args.library)
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        reports = backends.probe_backends(
            chosen,
            isolate=not args.in_process,
            jobs=args.jobs,
            timeout=args.timeout,
            progress=None if args.quiet else progress,
        )
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))
    if args.installed_only:
        reports = [r for r in reports if r.status != "not installed"]
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(backends.report_table(reports).to_markdown())
    return 1 if any(r.status in ("error", "crashed", "timed out") for r in reports) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
