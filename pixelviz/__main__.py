"""Command line: ``pixelviz probe`` and ``pixelviz match`` (or ``python -m pixelviz ...``).

``probe`` measures which sampling-grid convention each installed resize op
uses (or one TARGET: a registered op or a function of your own), and with
``--points`` / ``--crops`` / ``--paste`` where coordinate-taking ops put pixel
centres (integer corners or integer centers);
``match`` gives the ``pixelviz.resize`` call and the installed ops that give
the same pixels as TARGET::

    pixelviz probe                         # every installed library, a Markdown table
    pixelviz probe --library opencv        # one library
    pixelviz probe my_module:my_resize     # your own fn(x, size), same table
    pixelviz probe --points                # the origin of every point sampler (map_coordinates, remap ...)
    pixelviz probe --crops                 # where every crop op samples its box (roi_align, crop_and_resize ...)
    pixelviz probe --paste                 # where every paste-mask puts the mask in the box
    pixelviz probe --points mymod:fn       # a point sampler of your own, by import path
    pixelviz match opencv:INTER_LINEAR     # recipe + equivalent ops
    pixelviz match ./my_resize.py:fn --json

Each library is probed in a fresh worker process of its own (TensorFlow and
PyTorch crash when they share one), two at a time; a line per library on
stderr says what was measured and how long it took.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["main", "build_parser"]

_TARGET_HELP = (
    "a registered op (opencv:INTER_LINEAR, torch:nearest-exact, opencv.resize.linear) or a function "
    "fn(x, size) -> y of your own as module:function or path/to/file.py:function"
)


def build_parser() -> argparse.ArgumentParser:
    """The ``pixelviz`` argument parser (sub-commands ``probe`` and ``match``)."""
    parser = argparse.ArgumentParser(prog="pixelviz", description="Where are pixels? Measure resize conventions.")
    sub = parser.add_subparsers(dest="command", required=True)
    probe = sub.add_parser(
        "probe",
        help="measure the grid convention of every installed resize op (or of one TARGET)",
        description="Run pixelviz.probe_resize on each backend, or on TARGET, and print the verdicts.",
    )
    probe.add_argument("target", nargs="?", default=None, metavar="TARGET", help=_TARGET_HELP)
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
    match = sub.add_parser(
        "match",
        help="the pixelviz.resize call and the installed ops that give the same pixels as TARGET",
        description=(
            "Run pixelviz.reproduce_resize and pixelviz.equivalent_ops on TARGET: the recipe with its largest "
            "error on size pairs it was not chosen on, then every installed op classed identical (<= 1e-6), "
            "float32 (<= 1e-4) or different (with where it differs)."
        ),
    )
    match.add_argument("target", metavar="TARGET", help=_TARGET_HELP)
    match.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    return parser


def _fail(message: str) -> int:
    print(f"pixelviz: error: {message}", file=sys.stderr)
    return 2


def _probe_target(args: argparse.Namespace) -> int:
    from . import backends, probe_resize
    from .backends._registry import Backend
    from .targets import load_target

    try:
        name, fn = load_target(args.target)
    except (TypeError, ValueError) as exc:
        return _fail(str(exc))
    if isinstance(fn, Backend):
        reports = backends.probe_backends([fn])
    else:
        wrapped = Backend(name, "(yours)", "pixelviz", name, "", lambda: fn)
        try:
            result = probe_resize(fn)
        except (TypeError, ValueError) as exc:
            return _fail(f"{name}: {exc}")
        reports = [backends.BackendReport(wrapped, "ok", None, result)]
    _print_reports(reports, args.json)
    return 1 if any(r.status == "error" for r in reports) else 0


def _print_reports(reports: Sequence[Any], as_json: bool) -> None:
    from . import backends

    if as_json:
        json.dump([r.to_dict() for r in reports], sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(backends.report_table(list(reports)).to_markdown())


def _match(args: argparse.Namespace) -> int:
    from .reproduce import equivalent_ops, reproduce_resize
    from .tables import Table
    from .targets import load_target

    try:
        name, fn = load_target(args.target)
        recipe = reproduce_resize(fn)
        ops = [e for e in equivalent_ops(fn) if e.name != name]
    except (TypeError, ValueError) as exc:
        return _fail(f"{args.target}: {exc}")
    if args.json:
        data = {
            "target": name,
            "recipe": recipe.to_dict(),
            "equivalent_ops": [
                {
                    "name": e.name,
                    "op": e.label,
                    "kind": e.kind,
                    "max_error": e.max_error if e.max_error == e.max_error else None,
                    "where": e.difference.where,
                    "image_error": e.image_error if e.image_error == e.image_error else None,
                }
                for e in ops
            ],
        }
        json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"**{name}** — probe: {recipe.probe}\n")
    if recipe.matched:
        print(f"reproduced by `{recipe.call}`: {recipe.kind}, max error {recipe.max_error:.2g}\n")
    else:
        differs = recipe.reason or recipe.verify.text
        print(f"no pixelviz.resize setting reproduces it; closest `{recipe.call}`: {differs}\n")
    rows = [[e.name, e.label, e.kind, e.max_error, "" if e.kind != "different" else e.difference.where] for e in ops]
    print(Table(["backend", "op", "same pixels?", "max error", "where it differs"], rows, digits=7).to_markdown())
    return 0


def _probe_origin_target(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``pixelviz probe --points|--crops|--paste module:function``: one user function."""
    from .targets import load_callable

    try:
        fn = load_callable(args.target)
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))
    from .probe.crops import probe_crop
    from .probe.paste import probe_paste
    from .probe.points import probe_points

    probe = probe_points if args.points else probe_crop if args.crops else probe_paste
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
    if args.command == "match":
        return _match(args)
    origins = args.points or args.crops or args.paste
    if args.target is not None:
        if args.library is not None:
            parser.error("give either TARGET or --library, not both")
        return _probe_origin_target(args, parser) if origins else _probe_target(args)
    if origins:
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
    _print_reports(reports, args.json)
    return 1 if any(r.status in ("error", "crashed", "timed out") for r in reports) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
