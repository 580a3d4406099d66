"""The search index: build it (incremental, atomic, parallel), check it, and query it.

Every whoosh import lives in ``search/whoosh/``, so the engine can be swapped without touching
the rest of the product. The reader (whoosh) and the builder (and the parser it runs) are
imported on first use: a question or a search on a built index never pays for the builder,
and its staleness check starts before whoosh is loaded.

>>> build_index(["corpus"], "index")                          # doctest: +SKIP
>>> with Index.open("index") as ix:                           # doctest: +SKIP
...     ix.search("power bi outside geo", limit=3)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .protocol import SearchIndex
from .results import DocInfo, Hit
from .serialize import document_from_json
from .status import (
    IndexStatus,
    StatusLater,
    ensure_built,
    ensure_index,
    index_status,
    stored_roots,
)

if TYPE_CHECKING:
    from .whoosh.build import BuildProgress, BuildSummary, build_index
    from .whoosh.reader import Index

_BUILDER = ("BuildProgress", "BuildSummary", "build_index")


def __getattr__(name: str) -> Any:
    """The reader's and the builder's names, imported when first asked for."""
    if name == "Index":
        from .whoosh.reader import Index

        return Index
    if name in _BUILDER:
        from .whoosh import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BuildProgress",
    "BuildSummary",
    "DocInfo",
    "Hit",
    "Index",
    "IndexStatus",
    "SearchIndex",
    "StatusLater",
    "build_index",
    "document_from_json",
    "ensure_built",
    "ensure_index",
    "index_status",
    "stored_roots",
]
