"""The search index: build it (incremental, atomic, parallel), check it, and query it.

Every whoosh import lives in this package (``_whoosh``), so the engine can be swapped without
touching the rest of the product.

>>> build_index(["corpus"], "index")                          # doctest: +SKIP
>>> with Index.open("index") as ix:                           # doctest: +SKIP
...     ix.search("power bi outside geo", limit=3)
"""

from __future__ import annotations

from .protocol import SearchIndex
from .results import DocInfo, Hit
from .serialize import document_from_json
from .status import IndexStatus, ensure_built, ensure_index, index_status, stored_roots
from .whoosh.build import BuildProgress, BuildSummary, build_index
from .whoosh.reader import Index

__all__ = [
    "BuildProgress",
    "BuildSummary",
    "DocInfo",
    "Hit",
    "Index",
    "IndexStatus",
    "SearchIndex",
    "build_index",
    "document_from_json",
    "ensure_built",
    "ensure_index",
    "index_status",
    "stored_roots",
]
