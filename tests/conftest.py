"""Shared pytest setup: headless matplotlib for unit tests; browser helpers importable."""

import matplotlib

# Unit tests draw off-screen; the book and nbmake keep the inline backend.
matplotlib.use("Agg")

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
