"""What the rest of the product needs of a search index, as a typed interface.

``answer/`` and ``tui/`` are typed against :class:`SearchIndex`, never against an engine:
the whoosh index (``reader.Index``) is one implementation, and another engine (tantivy for
large corpora, a server engine where one machine is not enough) can sit beside it by
providing these methods. mypy checks that ``Index`` satisfies it (``tests/test_types.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Protocol

from ..model import Document, ExceptionList, Passage, Table
from .results import DocInfo, Hit

if TYPE_CHECKING:  # (the stemmer it loads is not needed to search)
    from ..doc_names import DocNames


class SearchIndex(Protocol):
    """A built index, open for reading."""

    note: str | None
    """One line when the index answers from an older build because the current one is
    damaged (with the command that mends it), else None."""
    damage: str | None
    """The damage met while reading, if any (one line, with the command that mends it)."""

    def search(self, text: str, limit: int = 10, *, kinds: Collection[str] | None = None,
               paths: Collection[str] | None = None,
               boosts: Mapping[str, float] | None = None) -> list[Hit]:
        """Passages ranked for ``text``, best first (``boosts``: weights of its words)."""
        ...

    def doc_frequency(self, word: str) -> int:
        """How many passages use ``word`` (as the engine analyses it)."""
        ...

    @property
    def max_doc_bytes(self) -> int | None:
        """The size up to which each doc was indexed (0: all of it; None: not known)."""
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

    def document_info(self, path: str) -> DocInfo | None:
        """What the index knows of one doc (None: not indexed)."""
        ...

    def corpus_names(self) -> DocNames:
        """The names every doc offers, merged when the index was built (``LookupError`` when
        the index does not keep them)."""
        ...

    def docs_about(self, stem: str) -> set[int]:
        """The numbers of the docs whose title or description has a word of ``stem``, as the
        index keeps them (a doc's number: its place among all docs by path, as
        :meth:`documents` lists them; ``LookupError`` when the index does not keep them)."""
        ...

    def numbered_docs(self, numbers: Collection[int]) -> dict[int, DocInfo]:
        """What the index knows of the docs with these numbers (see :meth:`docs_about`)."""
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
