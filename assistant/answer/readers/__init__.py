"""Evidence readers: each reads one kind of evidence and proposes candidate answers.

The pipeline (``answerer.py``) hands every reader the same :class:`ReadContext` (the analysed
question, the passages search ranked, the docs whose structure is read) and pools what they
propose for the decision (``decide.py``). Readers are registered in one ordered list, as
markdown-it-py registers its rules: a new kind of evidence is one new module here and one line
in :data:`READERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...model import Document, Passage
from ..evidence import Candidate
from ..question import Question
from ..tables import TableCache
from ..weights import Weights


@dataclass(frozen=True, slots=True)
class RankedDoc:
    """A doc whose structure is read, with its place in the ranking."""

    rank: int
    """0 for the doc of the best passage."""
    doc: Document
    """The parsed doc (tables, exception lists, blocks)."""


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What every reader is given."""

    question: Question
    """The analysed question."""
    passages: tuple[Passage, ...]
    """Distinct passages, best-ranked first."""
    docs: tuple[RankedDoc, ...]
    """Docs whose structure is read: the best-ranked doc of each title, then docs about a
    product the question names."""
    descriptions: Mapping[str, str]
    """Front-matter descriptions by doc path (they say what a doc is about)."""
    weights: Weights
    """Every number the readers use."""
    tables: TableCache
    """Folded cells, owned by the answerer (one index generation)."""


Reader = Callable[[ReadContext], list[Candidate]]
"""Reads a context, proposes candidates (none when its kind of evidence says nothing)."""


def _registered() -> tuple[tuple[str, Reader], ...]:
    from . import exceptions, sentences, tables

    return (
        ("sentences", sentences.read),
        ("exception lists", exceptions.read),
        ("tables", tables.read),
    )


READERS: tuple[tuple[str, Reader], ...] = _registered()
"""The readers in the order their candidates are pooled (on equal strength, the earlier
reader's candidate wins)."""


def read_all(context: ReadContext, readers: tuple[tuple[str, Reader], ...] = READERS
             ) -> list[Candidate]:
    """Every reader's candidates, pooled in registry order."""
    out: list[Candidate] = []
    for _, reader in readers:
        out.extend(reader(context))
    return out


__all__ = ["READERS", "RankedDoc", "ReadContext", "Reader", "read_all"]
