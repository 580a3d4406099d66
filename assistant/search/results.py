"""What an index gives back, whatever the engine: ranked hits and what it knows of a doc."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Passage


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked passage."""

    passage: Passage
    """The passage, with its verbatim quote and lines."""
    score: float
    """BM25F score (higher is better; comparable within one query only)."""


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the index knows about a doc, without its model."""

    path: str
    """The doc's path as the user would open it."""
    docset: str
    """The corpus root it was found under."""
    title: str
    """Its title."""
    date: str | None
    """Its ``ms.date`` (ISO)."""
    description: str
    """Its front matter description."""
    line_count: int
    """Lines in the file."""
    passages: int
    """Passages indexed."""
    tables: int
    """Tables found."""
    exception_lists: int
    """Exception lists found."""
    hash: str
    """Content hash of the bytes indexed."""
