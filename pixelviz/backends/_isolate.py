"""The parent side of the library workers: run a task in a fresh Python process, several at a time.

Each request starts ``python -m pixelviz.backends.worker`` (see
:mod:`pixelviz.backends.worker` for the protocol), writes one JSON request to
its stdin and reads one JSON line per item from its stdout. A worker that dies
on a signal, runs past its time limit or raises is reported as such, with the
items it sent before; the other workers are not affected.

An optional on-disk cache keeps the items of workers that finished cleanly:
set ``PIXELVIZ_PROBE_CACHE`` to a folder. Entries are keyed on the request,
the installed distributions and their versions, and the source of pixelviz
(and of any extra module the request imports), so any change re-measures.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["WorkerRequest", "WorkerResult", "run_worker", "run_workers", "CACHE_ENV"]

#: Environment variable naming the folder of the worker-result cache (unset: no cache).
CACHE_ENV = "PIXELVIZ_PROBE_CACHE"
_PIXELVIZ_DIR = Path(__file__).resolve().parents[1]


@dataclasses.dataclass(frozen=True)
class WorkerRequest:
    """One task to run in a fresh process.

    Attributes
    ----------
    label : str
        What the progress line calls it, e.g. ``"tensorflow"``.
    task : str
        ``"module:function"``; the function takes ``kwargs`` and returns an iterable of JSON-ready items.
    kwargs : dict
        JSON-ready keyword arguments.
    imports : tuple of str
        Extra modules the worker imports first (e.g. ones that register backends).
    """

    label: str
    task: str
    kwargs: dict[str, Any] = dataclasses.field(default_factory=dict)
    imports: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class WorkerResult:
    """What came back from one worker.

    Attributes
    ----------
    request : WorkerRequest
    status : str
        ``"ok"``, ``"crashed"`` (killed by a signal or exited without finishing), ``"timed out"`` or
        ``"error"`` (the task raised).
    items : list
        The items the worker sent (all of them when ``status == "ok"``, those sent before the end otherwise).
    error : str
        ``""`` when ok, else what to print: ``"crashed: signal 11 (SIGSEGV)"``, ``"timed out after 60 s"``,
        or the task's ``"Type: message"``.
    seconds : float
        Wall time of the worker (0 when read from the cache).
    cached : bool
        True when the items came from the cache.
    stderr : str
        The last lines the worker wrote on stderr (for diagnosing a crash).
    """

    request: WorkerRequest
    status: str
    items: list[Any]
    error: str = ""
    seconds: float = 0.0
    cached: bool = False
    stderr: str = ""


def _module_root(module: str) -> str | None:
    """The sys.path entry ``module`` was imported from (None if unknown)."""
    mod = sys.modules.get(module)
    file = getattr(mod, "__file__", None)
    if file is None:
        return None
    path = Path(file).resolve()
    depth = module.count(".") + (1 if path.name == "__init__.py" else 0)
    return str(path.parents[depth])


@lru_cache(maxsize=1)
def _environment_key() -> str:
    """Installed distributions and versions, and pixelviz's source: what a cached result depends on."""
    from importlib import metadata

    h = hashlib.sha1(sys.version.encode())
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    h.update("\n".join(dists).encode())
    for path in sorted(_PIXELVIZ_DIR.rglob("*.py")):
        h.update(str(path.relative_to(_PIXELVIZ_DIR)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _cache_path(request: WorkerRequest) -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    h = hashlib.sha1(_environment_key().encode())
    h.update(json.dumps([request.task, request.kwargs, list(request.imports)], sort_keys=True).encode())
    for module in request.imports:
        file = getattr(sys.modules.get(module), "__file__", None)
        if file:
            h.update(Path(file).read_bytes())
    return Path(folder) / f"{request.label}-{h.hexdigest()[:20]}.json"


def _signal_text(code: int) -> str:
    try:
        return f"signal {code} ({signal.Signals(code).name})"
    except ValueError:
        return f"signal {code}"


def run_worker(request: WorkerRequest, *, timeout: float = 300.0) -> WorkerResult:
    """Run one request in a fresh ``python -m pixelviz.backends.worker`` process.

    Parameters
    ----------
    request : WorkerRequest
    timeout : float
        Seconds before the worker is killed (its result then says ``"timed out after N s"``).

    Returns
    -------
    WorkerResult
        Never raises for what happens inside the worker: a crash, a time-out or an exception there is
        its ``status``.
    """
    cache = _cache_path(request)
    if cache is None:
        return _run(request, timeout, None)
    cache.parent.mkdir(parents=True, exist_ok=True)
    # One process measures, the others wait for its result: two notebooks executed side by side
    # (make book runs them two at a time) ask for the same libraries.
    with _locked(cache.with_suffix(".lock")):
        hit = _read_cache(request, cache)
        return hit if hit is not None else _run(request, timeout, cache)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` across processes (POSIX ``flock``; none where there is no fcntl)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, at worst a library is measured twice
        yield
        return
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_cache(request: WorkerRequest, cache: Path) -> WorkerResult | None:
    if not cache.is_file():
        return None
    try:
        return WorkerResult(request, "ok", json.loads(cache.read_text())["items"], cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _run(request: WorkerRequest, timeout: float, cache: Path | None) -> WorkerResult:
    path = [p for p in (_module_root(m) for m in request.imports) if p]
    path.append(str(_PIXELVIZ_DIR.parent))
    payload = json.dumps(
        {"task": request.task, "kwargs": request.kwargs, "imports": list(request.imports), "path": path}
    )
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's C++ start-up chatter
    env.pop(CACHE_ENV, None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pixelviz.backends.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    timed_out = False
    try:
        out, err = proc.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        timed_out = True
    seconds = time.perf_counter() - start
    items: list[Any] = []
    done, error = False, ""
    for line in (out or "").splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if isinstance(msg, dict):
            if "item" in msg:
                items.append(msg["item"])
            elif msg.get("done"):
                done = True
            elif "error" in msg:
                error = str(msg["error"])
    tail = (err or "")[-2000:]
    if timed_out:
        return WorkerResult(request, "timed out", items, f"timed out after {timeout:g} s", seconds, stderr=tail)
    if proc.returncode < 0:
        return WorkerResult(
            request, "crashed", items, f"crashed: {_signal_text(-proc.returncode)}", seconds, stderr=tail
        )
    if error:
        return WorkerResult(request, "error", items, error, seconds, stderr=tail)
    if proc.returncode != 0 or not done:
        return WorkerResult(request, "crashed", items, f"crashed: exit status {proc.returncode}", seconds, stderr=tail)
    if cache is not None:
        try:
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"label": request.label, "items": items}))
            tmp.replace(cache)
        except OSError:
            pass
    return WorkerResult(request, "ok", items, "", seconds, stderr=tail)


def run_workers(
    requests: Sequence[WorkerRequest],
    *,
    timeout: float = 300.0,
    jobs: int = 2,
    progress: Callable[[WorkerResult], None] | None = None,
) -> list[WorkerResult]:
    """Run requests in worker processes, ``jobs`` at a time; results in the order of ``requests``.

    ``progress(result)`` is called as each worker finishes (from a helper thread).
    """
    requests = list(requests)

    def one(req: WorkerRequest) -> WorkerResult:
        res = run_worker(req, timeout=timeout)
        if progress is not None:
            progress(res)
        return res

    if jobs <= 1 or len(requests) <= 1:
        return [one(r) for r in requests]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, requests))
