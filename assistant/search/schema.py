"""The whoosh schema: one index entry per passage, and how a passage becomes field values.

Ranking reads the stemmed ``text`` field (BM25F). Everything a reader needs to rebuild the
:class:`Passage` (path, title, section, lines, verbatim quote...) is stored as one tuple, so a
hit never touches the doc store or the file.

Analysis is the costly part of indexing, and whoosh does it in the single writer process. The
``text`` and ``entities`` fields accept *pre-analysed* postings as well (see
:class:`PreAnalysed`), so the parser processes can analyse while the writer only writes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Passage
from ._whoosh import StemmingAnalyzer, fields

# Bump when the schema or the stored layout changes: an incremental build then starts afresh.
SCHEMA_VERSION = 1

# (term bytes, frequency, weight, encoded value) as whoosh's Field.index() yields them.
Posting = tuple[bytes, int, float, bytes]


class PreAnalysed:
    """Postings computed elsewhere with this very field's analyser (bypasses analysis)."""

    __slots__ = ("postings",)

    def __init__(self, postings: list[Posting]) -> None:
        self.postings = postings


class PassageText(fields.TEXT):
    """Stemmed text that also accepts :class:`PreAnalysed` postings."""

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - whoosh's signature
        if isinstance(value, PreAnalysed):
            return value.postings
        return super().index(value, **kwargs)


class EntityKeywords(fields.KEYWORD):
    """Lower-cased entity names (one term per name) that also accept pre-analysed postings."""

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - whoosh's signature
        if isinstance(value, PreAnalysed):
            return value.postings
        return super().index(value, **kwargs)


def make_schema() -> fields.Schema:
    """A fresh schema (whoosh pickles it into the index, so the classes above must stay put)."""
    return fields.Schema(
        doc_path=fields.ID(),
        path=fields.ID(),
        kind=fields.ID(),
        docset=fields.ID(),
        date=fields.ID(),
        # No positions: queries are bags of words, and positions double the postings.
        text=PassageText(analyzer=StemmingAnalyzer(), phrase=False),
        entities=EntityKeywords(lowercase=True, commas=True, scorable=True),
        p=fields.STORED(),
    )


_SCHEMA = make_schema()
_TEXT_FIELD = _SCHEMA["text"]
_ENTITY_FIELD = _SCHEMA["entities"]

# The stored tuple's layout: Passage fields in this order (tuples kept as lists by pickle-free
# callers are turned back into tuples on the way out).
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


def entity_value(passage: Passage) -> str:
    """The entities as whoosh's comma-separated keyword value."""
    return ",".join(e.replace(",", " ") for e in passage.entities if e.strip())


def analyse(passage: Passage) -> tuple[list[Posting], list[Posting]]:
    """Postings of the ``text`` and ``entities`` fields (run in parser processes)."""
    text = list(fields.TEXT.index(_TEXT_FIELD, passage.text))
    entities = entity_value(passage)
    keyword = list(fields.KEYWORD.index(_ENTITY_FIELD, entities)) if entities else []
    return text, keyword


def entry(passage: Passage, postings: tuple[list[Posting], list[Posting]] | None = None
          ) -> dict:
    """The keyword arguments of ``writer.add_document`` for one passage."""
    if postings is None:
        text: object = passage.text
        entities: object = entity_value(passage) or None
    else:
        text = PreAnalysed(postings[0])
        entities = PreAnalysed(postings[1]) if postings[1] else None
    values = {
        "doc_path": passage.doc_path,
        "path": passage.path,
        "kind": passage.kind,
        "docset": passage.docset or None,
        "date": passage.date,
        "text": text,
        "entities": entities,
        "p": stored_value(passage),
    }
    return {k: v for k, v in values.items() if v is not None}


def query_terms(text: str) -> list[str]:
    """The distinct index terms of a free-text query, in order (never raises)."""
    seen: dict[str, None] = {}
    for token in _TEXT_FIELD.analyzer(text, mode="query"):
        seen.setdefault(token.text, None)
    return list(seen)
