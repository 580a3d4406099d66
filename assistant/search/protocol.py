"""What the rest of the product needs of a search index, as a typed interface.

``answer/`` and ``tui/`` are typed against :class:`SearchIndex`, never against an engine:
the whoosh index (``reader.Index``) is one implementation, and another engine (tantivy for
large corpora, a server engine where one machine is not enough) can sit beside it by
providing these methods. mypy checks that ``Index`` satisfies it (``tests/test_types.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from ..doc_names import DocNames
from ..model import Document, ExceptionList, Passage, Table
from .results import DocInfo, Hit


class SearchIndex(Protocol):
    """A built index, open for reading."""

    def search(self, text: str, limit: int = 10, *, kinds: Collection[str] | None = None,
               paths: Collection[str] | None = None,
               boosts: Mapping[str, float] | None = None) -> list[Hit]:
        """Passages ranked for ``text``, best first (``boosts``: weights of its words)."""
        ...

    def doc_frequency(self, word: str) -> int:
        """How many passages use ``word`` (as the engine analyses it)."""
        ...

    @property
    def passage_count(self) -> int:
        """How many passages the index holds."""
        ...

    def passages(self, path: str) -> list[Passage]:
        """Every passage of one doc, in order."""
        ...

    def documents(self) -> list[DocInfo]:
        """What the index knows of every doc, without their models."""
        ...

    def document(self, path: str) -> Document:
        """One doc's model (``IndexError``-free: raises ``AssistantError`` when unreadable)."""
        ...

    def tables(self) -> list[tuple[DocInfo, Table]]:
        """Every table, with the doc it is in."""
        ...

    def exception_lists(self) -> list[tuple[DocInfo, ExceptionList]]:
        """Every exception list, with the doc it is in."""
        ...

    def corpus_names(self) -> tuple[DocNames, dict[str, tuple[str, ...]]]:
        """The names every doc offers, merged when the index was built, and each doc's
        about-stems by path (``LookupError`` when the index does not keep them)."""
        ...

    def is_current(self) -> bool:
        """Whether this is still the index folder's current generation."""
        ...

    def refresh(self) -> bool:
        """Switch to the current generation; True when it changed."""
        ...

    def close(self) -> None:
        """Release files and handles."""
        ...


__all__ = ["SearchIndex"]
