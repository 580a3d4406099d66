"""The cyclic garbage collector, set for a process that keeps large caches.

An answerer keeps what it has read for the next question (parsed docs, folded tables, text
views, word vectors): some 200,000 long-lived objects. CPython's default (a young
collection every 700 new container objects) then runs a full collection, which walks all
of them, every 15-20 questions: a pause of 0.2-0.4 s in the middle of one answer (12 in 219
questions on the all-corpora index). Collecting the young generation every 10,000 new
objects instead leaves one full collection in those 219 questions and spends less time in
young ones; memory grows by at most the garbage 10,000 objects can hold in cycles (the
answer pipeline makes almost none: its objects are freed by reference counting).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
"""New container objects between young collections (CPython's default: 700)."""


def tune() -> None:
    """Collect less often (never more often than the process already does)."""
    young, middle, old = gc.get_threshold()
    if young:  # (0: collection is off; leave it so)
        gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, old)


__all__ = ["YOUNG_THRESHOLD", "tune"]
