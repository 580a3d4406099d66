"""The whoosh schema: one index entry per passage, and how a passage becomes field values.

Ranking reads the stemmed ``text`` field (BM25F). Everything a reader needs to rebuild the
:class:`Passage` (path, title, section, lines, verbatim quote...) is stored as one tuple, so a
hit never touches the doc store or the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Passage
from ._whoosh import StemmingAnalyzer, W3Codec, fields

# Bump when the schema or the stored layout changes: an incremental build then starts afresh.
SCHEMA_VERSION = 4


def make_schema() -> fields.Schema:
    """The schema of a new index.

    Every indexed field costs postings in the writer, so only what queries rank or filter on
    is indexed; the rest of the passage lives in the stored tuple ``p``.
    """
    return fields.Schema(
        doc_path=fields.ID(),
        # Only set when the passage is written in another file (an include): see entry().
        path=fields.ID(),
        kind=fields.ID(),
        # No positions: queries are bags of words, and positions double the postings.
        text=fields.TEXT(analyzer=StemmingAnalyzer(), phrase=False),
        entities=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        p=fields.STORED(),
    )


def codec() -> W3Codec:
    """whoosh's codec without zlib on posting blocks: queries then read blocks without
    inflating them, for a few megabytes more on disk."""
    return W3Codec(compression=0)


_TEXT_ANALYZER = make_schema()["text"].analyzer

# The stored tuple's layout: Passage fields in this order.
_STORED_FIELDS = ("path", "doc_path", "title", "date", "section", "trail", "kind", "line_start",
                  "line_end", "quote", "text", "entities", "docset")


def stored_value(passage: Passage) -> tuple:
    """The compact stored form of a passage."""
    return tuple(getattr(passage, name) for name in _STORED_FIELDS)


def passage_from_stored(value: Iterable) -> Passage:
    """Rebuild a passage from :func:`stored_value` output."""
    data = dict(zip(_STORED_FIELDS, value, strict=True))
    data["trail"] = tuple(data["trail"])
    data["entities"] = tuple(data["entities"])
    return Passage(**data)


def entry(passage: Passage) -> dict:
    """The keyword arguments of ``writer.add_document`` for one passage."""
    values = {"doc_path": passage.doc_path, "kind": passage.kind, "text": passage.text,
              "p": stored_value(passage)}
    if passage.path != passage.doc_path:
        values["path"] = passage.path
    entities = ",".join(e.replace(",", " ") for e in passage.entities if e.strip())
    if entities:
        values["entities"] = entities
    return values


def query_terms(text: str) -> list[str]:
    """The distinct index terms of a free-text query, in order (never raises)."""
    seen: dict[str, None] = {}
    for token in _TEXT_ANALYZER(text, mode="query"):
        seen.setdefault(token.text, None)
    return list(seen)
