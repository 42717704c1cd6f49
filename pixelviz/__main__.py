"""Command line: ``pixelviz probe`` (or ``python -m pixelviz probe``).

Probes every resize op of the libraries installed here and prints which
sampling-grid convention each one uses, with the library versions::

    pixelviz probe                      # a Markdown table
    pixelviz probe --library opencv     # one library
    pixelviz probe --json               # machine-readable

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
    return parser


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
