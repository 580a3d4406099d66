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
from ..near_words import NearCheck
from ..question import Question
from ..statements import LinksOnly
from ..tables import TableCache
from ..weights import Weights


def _says_something(passage: Passage, sentence: str) -> bool:
    return False


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
    floor: float = 0.0
    """Coverage below which a sentence is not read (first the bar of what could settle the
    question; when nothing does, the lower bar of what is about it at all)."""
    links_only: LinksOnly = _says_something
    """True for a sentence of a passage whose lines hold nothing but links."""
    near: NearCheck | None = None
    """Whether a sentence says a word of the question in other words (None: words count
    only as written, through the stemmer and the lexicon)."""


Reader = Callable[[ReadContext], list[Candidate]]
"""Reads a context, proposes candidates (none when its kind of evidence says nothing)."""


@dataclass(frozen=True, slots=True)
class Registered:
    """A reader in the registry."""

    name: str
    """What it reads."""
    read: Reader
    """The reader."""
    graded: bool = False
    """True when it reads more at a lower ``ReadContext.floor`` (a second, wider pass is
    worth running only for such readers)."""


def _registered() -> tuple[Registered, ...]:
    from . import exceptions, sentences, tables

    return (
        Registered("sentences", sentences.read, graded=True),
        Registered("exception lists", exceptions.read),
        Registered("tables", tables.read),
    )


READERS: tuple[Registered, ...] = _registered()
"""The readers in the order their candidates are pooled (on equal strength, the earlier
reader's candidate wins)."""


def read_all(context: ReadContext, readers: tuple[Registered, ...] = READERS, *,
             graded_only: bool = False) -> list[Candidate]:
    """Every reader's candidates, pooled in registry order (``graded_only``: only the
    readers that read more at a lower floor)."""
    out: list[Candidate] = []
    for entry in readers:
        if entry.graded or not graded_only:
            out.extend(entry.read(context))
    return out


__all__ = ["READERS", "RankedDoc", "ReadContext", "Reader", "Registered", "read_all"]
