"""Reproduce any resize: the exact ``pixelviz.resize`` call, and every installed op, that give the same pixels.

The probe (:mod:`pixelviz.probe`) names a convention; this package answers
the next question, "what call gives the same pixels?". One module per job:

* ``_inputs`` — the shared size pairs and seeded signals every op runs on
  (:func:`shared_signals`, :data:`FIT_PAIRS`, :data:`VERIFY_PAIRS`);
* ``_space`` — the settings of ``pixelviz.resize`` tried (a :class:`Candidate`
  each), pruned by the probe's verdict;
* ``_search`` — :func:`reproduce_resize`: the candidates on the fit pairs, the
  best verified on new pairs, a :class:`Recipe` with the largest error;
* ``_compare`` — identical / float32 / different (:func:`classify_error`),
  and where two ops differ (:class:`Difference`);
* ``_recipe`` — the :class:`Recipe` record.
"""

from __future__ import annotations

from ._compare import FLOAT32, IDENTICAL, Difference, classify_error
from ._inputs import FIT_PAIRS, VERIFY_PAIRS, shared_signals
from ._recipe import Recipe
from ._search import reproduce_resize
from ._space import Candidate

__all__ = [
    "reproduce_resize",
    "Recipe",
    "Candidate",
    "Difference",
    "classify_error",
    "IDENTICAL",
    "FLOAT32",
    "FIT_PAIRS",
    "VERIFY_PAIRS",
    "shared_signals",
]
