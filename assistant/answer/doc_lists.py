"""A sentence and the list it belongs to: the items a sentence introduces ("... one of the
following accounts:"), and the paragraph that introduces a short list item ("Japan (JPN)")."""

from __future__ import annotations

import re

from ..model import Document
from .evidence import Source
from .text import sentences

INTRODUCES = re.compile(r"(:\s*$|\bthe following\b)", re.IGNORECASE)
"""A sentence that introduces a list."""


def items_introduced(doc: Document, source: Source, limit: int) -> list[Source]:
    """The items of the list a sentence introduces, when the sentence ends its paragraph and
    the list follows it (at most ``limit``)."""
    if not INTRODUCES.search(source.quote):
        return []
    blocks = list(doc.blocks)
    at = next((i for i, b in enumerate(blocks) if b.path == source.path
               and b.line <= source.line_start <= b.end_line and b.kind != "list_item"), None)
    if at is None or not blocks[at].text.rstrip().endswith(source.quote.rstrip()):
        return []
    items: list[Source] = []
    for block in blocks[at + 1:]:
        if block.kind != "list_item" or block.depth != 0 or not block.lead:
            break
        items.append(Source(path=block.path, doc_path=source.doc_path, title=source.title,
                            section=block.section, line_start=block.line,
                            line_end=block.end_line, quote=block.text, date=source.date))
    return items[:limit]


def introducing_lead(doc: Document, source: Source) -> Source | None:
    """The sentence that leads into the list a list item belongs to (None when the source is
    not a list item, or nothing introduces its list)."""
    blocks = list(doc.blocks)
    at = next((i for i, b in enumerate(blocks) if b.kind == "list_item"
               and b.path == source.path and b.line == source.line_start), None)
    if at is None or not blocks[at].lead:
        return None
    for block in reversed(blocks[:at]):
        if block.kind == "list_item":
            continue
        if block.text != blocks[at].lead:
            return None
        # The sentence that leads into the list (not an FAQ question before it).
        leading = (sentences(block.text) or [block.text])[-1]
        return Source(path=block.path, doc_path=source.doc_path, title=source.title,
                      section=block.section, line_start=block.line,
                      line_end=block.end_line, quote=leading, date=source.date)
    return None
