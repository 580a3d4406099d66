"""The stored form of a Document: ``to_json_data`` JSON, compressed, and back again.

Answers read tables and exception lists from here instead of re-parsing the file.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from typing import Any

from ..model import (
    Block,
    Diagnostic,
    Document,
    ExceptionItem,
    ExceptionList,
    Footnote,
    Include,
    Link,
    Section,
    Table,
    to_json_data,
)

# Fast compression: the store is read far more than it is written, and level 1 already
# shrinks this JSON about fivefold.
_LEVEL = 1


def pack(data: Any) -> bytes:
    """Model objects or JSON-ready data -> compressed JSON bytes (as ``to_json_data`` would
    make them: dataclasses as objects, tuples as lists, other scalars as strings)."""
    try:
        # The C encoder walks lists, dicts and strings itself and calls back only for model
        # objects: several times faster than building the dicts first.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)
    except (TypeError, ValueError):  # e.g. a front matter key that is a YAML date
        text = json.dumps(to_json_data(data), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    return str(obj)


def unpack(blob: bytes) -> Any:
    """Compressed bytes -> JSON data."""
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def document_from_json(data: dict[str, Any]) -> Document:
    """Rebuild the frozen Document from its JSON data."""
    return Document(
        path=data["path"],
        title=data["title"],
        date=data["date"],
        description=data["description"],
        front_matter=data["front_matter"],
        front_matter_lines=data["front_matter_lines"],
        body_line=data["body_line"],
        line_count=data["line_count"],
        sections=tuple(_section(s) for s in data["sections"]),
        blocks=tuple(Block(**b) for b in data["blocks"]),
        tables=tuple(table_from_json(t) for t in data["tables"]),
        exception_lists=tuple(exception_list_from_json(e) for e in data["exception_lists"]),
        links=tuple(Link(**link) for link in data["links"]),
        includes=tuple(Include(**i) for i in data["includes"]),
        diagnostics=tuple(Diagnostic(**d) for d in data["diagnostics"]),
    )


def _section(data: dict[str, Any]) -> Section:
    return Section(**{**data, "trail": tuple(data["trail"])})


def table_from_json(data: dict[str, Any]) -> Table:
    """Rebuild a Table from its JSON data."""
    return Table(
        line=data["line"],
        end_line=data["end_line"],
        section=data["section"],
        path=data["path"],
        header=tuple(data["header"]),
        rows=tuple(tuple(row) for row in data["rows"]),
        row_lines=tuple(data["row_lines"]),
        cell_lines=tuple(tuple(lines) for lines in data["cell_lines"]),
        source_widths=tuple(data["source_widths"]),
        header_width=data["header_width"],
        footnotes=tuple(
            Footnote(marker=f["marker"], text=f["text"], line=f["line"],
                     refs=tuple(tuple(ref) for ref in f["refs"]))
            for f in data["footnotes"]
        ),
        caption=data["caption"],
    )


def exception_list_from_json(data: dict[str, Any]) -> ExceptionList:
    """Rebuild an ExceptionList from its JSON data."""
    return ExceptionList(**{**data, "items": tuple(_item(i) for i in data["items"])})


def _item(data: dict[str, Any]) -> ExceptionItem:
    return ExceptionItem(
        text=data["text"],
        line=data["line"],
        end_line=data["end_line"],
        label=data["label"],
        links=tuple(Link(**link) for link in data["links"]),
        items=tuple(_item(i) for i in data["items"]),
    )
