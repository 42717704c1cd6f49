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
* ``_recipe`` — the :class:`Recipe` record;
* ``_outputs`` — :func:`library_outputs`: one library's ops on the shared
  inputs, in a process of its own for TensorFlow and JAX;
* ``_equivalent`` — :func:`equivalent_ops` (one function against every
  installed op) and :func:`equivalence_matrix` (all against all, and the
  groups of interchangeable ops);
* ``_porting`` — the tables of the book: groups, and for each op the call
  in every other library that gives its pixels;
* ``_uint8`` — :func:`uint8_behaviour`: how an op's uint8 path rounds its
  float output (half away from zero, to even, floor, none), :func:`uint8_table`.
"""

from __future__ import annotations

from ._compare import FLOAT32, IDENTICAL, Difference, classify_error
from ._equivalent import Equivalence, EquivalenceMatrix, all_outputs, equivalence_matrix, equivalent_ops
from ._inputs import ALL_PAIRS, FIT_PAIRS, PROBE_PAIRS, VERIFY_PAIRS, outputs_from_probe, shared_signals
from ._outputs import ISOLATED_LIBRARIES, library_outputs
from ._porting import convention_bands, groups_table, order_by_convention, porting_summary, porting_table
from ._recipe import Recipe
from ._search import reproduce_from_outputs, reproduce_resize
from ._space import Candidate
from ._uint8 import UINT8_PAIRS, Uint8Behaviour, uint8_behaviour, uint8_table

__all__ = [
    "reproduce_resize",
    "reproduce_from_outputs",
    "equivalent_ops",
    "order_by_convention",
    "convention_bands",
    "porting_table",
    "porting_summary",
    "groups_table",
    "equivalence_matrix",
    "all_outputs",
    "library_outputs",
    "Recipe",
    "Equivalence",
    "EquivalenceMatrix",
    "ISOLATED_LIBRARIES",
    "ALL_PAIRS",
    "PROBE_PAIRS",
    "outputs_from_probe",
    "Candidate",
    "Difference",
    "classify_error",
    "IDENTICAL",
    "FLOAT32",
    "FIT_PAIRS",
    "VERIFY_PAIRS",
    "shared_signals",
    "uint8_behaviour",
    "uint8_table",
    "Uint8Behaviour",
    "UINT8_PAIRS",
]
