"""Each library probed in a worker process of its own: a crash or a hang there costs only that library's rows."""

import importlib
import importlib.util
import io
import json
import signal
import sys

import pytest

from pixelviz.backends import _registry, get_backend, probe_backends, report_table
from pixelviz.backends.worker import main as worker_main
from pixelviz.backends.worker import resolve_task


@pytest.fixture
def misbehaving():
    """Registers tests/worker_test_backends.py's backends for one test, then restores the registry."""
    saved = dict(_registry._REGISTRY)
    sys.modules.pop("worker_test_backends", None)
    importlib.import_module("worker_test_backends")
    yield
    _registry._REGISTRY.clear()
    _registry._REGISTRY.update(saved)
    sys.modules.pop("worker_test_backends", None)


def _by_name(reports):
    return {r.backend.name: r for r in reports}


def test_a_segfaulting_library_does_not_hide_the_others(misbehaving):
    pytest.importorskip("scipy")
    names = ["crashlib.resize.fine", "crashlib.resize.segfault", "crashlib.resize.after", "scipy.zoom.linear"]
    lines = []
    reports = _by_name(probe_backends([get_backend(n) for n in names], isolate=True, progress=lines.append))
    # Measured before the crash: the op is ② by construction (x = (i + 1/2) N/M - 1/2 in the module).
    assert reports["crashlib.resize.fine"].status == "ok"
    assert reports["crashlib.resize.fine"].result.convention == "half_pixel"
    for name in ["crashlib.resize.segfault", "crashlib.resize.after"]:
        assert reports[name].status == "crashed"
        assert reports[name].outcome == f"crashed: signal {int(signal.SIGSEGV)} (SIGSEGV)"
    # Another library, in its own process, is still measured: SciPy's docs say zoom with
    # grid_mode=False maps the corner pixel centers onto each other, i.e. ①.
    assert reports["scipy.zoom.linear"].status == "ok"
    assert reports["scipy.zoom.linear"].result.convention == "align_corners"
    assert any("crashlib" in line and "crashed: signal 11 (SIGSEGV) (1 of 3 ops measured)" in line for line in lines)
    assert any(line.startswith("probed scipy ") and ": 1 op, " in line for line in lines), lines
    table = report_table(list(reports.values())).to_markdown()
    assert "crashed: signal 11 (SIGSEGV)" in table


def test_a_hanging_library_times_out_and_the_others_are_measured(misbehaving):
    pytest.importorskip("cv2")
    names = ["hanglib.resize.sleep", "opencv.resize.linear"]
    reports = _by_name(probe_backends([get_backend(n) for n in names], isolate=True, timeout=5.0))
    assert reports["hanglib.resize.sleep"].status == "timed out"
    assert reports["hanglib.resize.sleep"].outcome == "timed out after 5 s"
    # opencv#... INTER_LINEAR is ② (the article's table, row OpenCV)
    assert reports["opencv.resize.linear"].result.convention == "half_pixel"


def test_isolated_results_equal_in_process_ones():
    pytest.importorskip("PIL")
    chosen = [get_backend("pillow.resize.nearest"), get_backend("pillow.resize.bilinear")]
    here = probe_backends(chosen)
    there = probe_backends(chosen, isolate=True)
    for a, b in zip(here, there):
        assert b.status == "ok" and b.version == a.version
        assert b.result == a.result  # every measured weight, bit for bit, through JSON


@pytest.mark.skipif(
    importlib.util.find_spec("tensorflow") is None or importlib.util.find_spec("torch") is None,
    reason="needs TensorFlow and PyTorch installed",
)
def test_tensorflow_and_torch_in_one_call():
    """They segfault in one process; isolated, both are measured. Expectations: the article's table."""
    names = {
        "tensorflow.v1.bilinear": "asymmetric",  # TFv1 align_corners=False: ③
        "tensorflow.v1.bilinear_ac": "align_corners",  # TFv1 align_corners=True: ①
        "tensorflow.resize.bilinear": "half_pixel",  # TFv2: ②
        "torch.interpolate.linear": "half_pixel",  # align_corners=False: ②
        "torch.interpolate.linear_ac": "align_corners",  # align_corners=True: ①
    }
    reports = _by_name(probe_backends([get_backend(n) for n in names], isolate=True))
    for name, want in names.items():
        assert reports[name].status == "ok", (name, reports[name].outcome)
        assert reports[name].result.convention == want, name
    assert reports["tensorflow.v1.bilinear"].version.startswith("2.")


def test_cache_reuses_a_workers_results(tmp_path, monkeypatch):
    pytest.importorskip("scipy")
    monkeypatch.setenv("PIXELVIZ_PROBE_CACHE", str(tmp_path))
    chosen = [get_backend("scipy.zoom.linear")]
    first, second = [], []
    a = probe_backends(chosen, isolate=True, progress=first.append)
    b = probe_backends(chosen, isolate=True, progress=second.append)
    assert "cached" not in first[-1] and second[-1].endswith(": 1 op, cached")
    assert a[0].result == b[0].result
    assert len(list(tmp_path.glob("scipy-*.json"))) == 1


def test_main_defined_backends_are_probed_in_process():
    # A user's own backend defined in __main__ cannot be imported by a worker: it runs here instead.
    import numpy as np

    from pixelviz.backends import Backend

    def factory():
        return lambda x, size: np.interp((np.arange(size)) * len(x) / size, np.arange(len(x)), x)  # ③ by hand

    factory.__module__ = "__main__"
    b = Backend("mine.resize.asym", "Mine", "os", "mine", "", factory)
    [rep] = probe_backends([b], isolate=True)
    assert rep.status == "ok" and rep.result.convention == "asymmetric"


def test_worker_protocol_streams_items_then_done():
    req = {"task": "pixelviz.backends._report:_probe_task", "kwargs": {"names": ["scipy.zoom.linear"]}}
    out = io.StringIO()
    assert worker_main(io.StringIO(json.dumps(req)), out) == 0
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert lines[-1] == {"done": True}
    assert lines[0]["item"]["name"] == "scipy.zoom.linear"


def test_worker_reports_a_failing_task():
    out = io.StringIO()
    assert worker_main(io.StringIO(json.dumps({"task": "json:nope"})), out) == 1
    assert json.loads(out.getvalue()) == {
        "error": "ValueError: task must name a function; 'json' has no callable 'nope'"
    }


def test_resolve_task_rejects_bad_specs():
    with pytest.raises(ValueError, match="task must be 'module:function'; got 'json.loads'"):
        resolve_task("json.loads")
    assert resolve_task("json:loads") is json.loads


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"isolate": "yes"}, "isolate must be"),
        ({"timeout": 0.0}, "timeout must be"),
        ({"timeout": float("nan")}, "timeout must be finite"),
        ({"jobs": 0}, "jobs must be"),
        ({"progress": "print"}, "progress must be a callable"),
    ],
)
def test_probe_backends_rejects_bad_worker_options(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        probe_backends([], **kwargs)


def test_concurrent_identical_requests_measure_once(tmp_path, monkeypatch):
    # make book executes two notebooks at a time; both may ask for the same library
    pytest.importorskip("scipy")
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("PIXELVIZ_PROBE_CACHE", str(tmp_path))
    chosen = [get_backend("scipy.zoom.linear")]
    lines = []
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: probe_backends(chosen, isolate=True, progress=lines.append), range(2)))
    done = [line for line in lines if line.startswith("probed scipy")]
    assert len(done) == 2 and sum(line.endswith(", cached") for line in done) == 1, done
    assert results[0][0].result == results[1][0].result
