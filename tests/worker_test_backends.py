"""Backends that misbehave on purpose, for tests/test_isolate.py (imported by the test and by its workers).

``crashlib`` has three ops, in order: one that works (linear interpolation on grid ②, written here with
numpy), one that kills its own process with SIGSEGV, as TensorFlow does when torch shares its process,
and one after it that the crash keeps from running. ``hanglib`` has one op that never returns in time.
The libraries are "installed" because their ``module`` is one that always is (``os``).
"""

import os
import signal
import time

import numpy as np

from pixelviz.backends import Backend, get_backend, register


def _fine():
    def fn(x, size):
        n = len(x)
        coords = (np.arange(size) + 0.5) * n / size - 0.5  # ② by hand: x = (i + 1/2) N/M - 1/2
        return np.interp(coords, np.arange(n), x)

    return fn


def _segfault():
    def fn(x, size):
        os.kill(os.getpid(), signal.SIGSEGV)

    return fn


def _hang():
    def fn(x, size):
        time.sleep(600)

    return fn


NAMES = ["crashlib.resize.fine", "crashlib.resize.segfault", "crashlib.resize.after", "hanglib.resize.sleep"]

try:
    get_backend(NAMES[0])
except ValueError:
    register(
        Backend(NAMES[0], "CrashLib", "os", "crash.resize", "works", _fine),
        Backend(NAMES[1], "CrashLib", "os", "crash.resize", "segfaults", _segfault),
        Backend(NAMES[2], "CrashLib", "os", "crash.resize", "after the crash", _fine),
        Backend(NAMES[3], "HangLib", "os", "hang.resize", "sleeps", _hang),
    )
