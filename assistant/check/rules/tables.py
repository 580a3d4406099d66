"""TBL2xx: pipe tables that render differently from how they are written."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..registry import Hit, doc_rule
from ..source import DocContext

_SEPARATOR = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[tuple[int, str]]:
    """(0-based column, text) of every cell written on a table row line."""
    stripped = line.rstrip()
    start = len(stripped) - len(stripped.lstrip())
    end = len(stripped)
    seps = [m.start() for m in _SEPARATOR.finditer(stripped)]
    if seps and seps[0] == start:
        start, seps = start + 1, seps[1:]
    if seps and seps[-1] == end - 1:
        end, seps = end - 1, seps[:-1]
    bounds = [start - 1, *seps, end]
    return [(a + 1, stripped[a + 1:b].strip()) for a, b in zip(bounds, bounds[1:], strict=False)]


@doc_rule("TBL201", "ragged-row", "error")
def ragged_row(ctx: DocContext) -> Iterator[Hit]:
    """A table row with more or fewer cells than the header row.

    Why it matters: markdown renderers silently drop the extra cells of a long row, so the
    text in them never reaches the reader; a short row is padded with empty cells, which
    shifts or hides what the writer meant.

    Example (the region lands in a third column that does not exist)::

        | Geo    | Region                  |
        |--------|-------------------------|
        | France | France Central | (Paris) |

    Instead: give every row exactly as many cells as the header (escape a literal pipe as
    ``\\|``)::

        | France | France Central (Paris) |
    """
    for table in ctx.doc.tables:
        if table.path != ctx.path:
            continue
        for line, width in zip(table.row_lines, table.source_widths, strict=True):
            if width == table.header_width:
                continue
            cells = _cells(ctx.lines[line - 1]) if 0 < line <= len(ctx.lines) else []
            if width > table.header_width:
                extra = [text for _, text in cells[table.header_width:] if text]
                col = cells[table.header_width][0] if len(cells) > table.header_width else 1
                lost = f": the extra text {' | '.join(extra)!r} is not shown" if extra else ""
                yield Hit(line, col, f"row has {width} cells but the header has "
                                     f"{table.header_width}{lost}")
            else:
                yield Hit(line, 1, f"row has {width} cell{'s' if width != 1 else ''} but the "
                                   f"header has {table.header_width}; the row is padded with "
                                   f"empty cells")


# A footnote written anywhere after the table: a "<sup>1</sup> text" line, or a legend table
# whose rows start with the marker ("| <sup>1</sup> **M engine** | The engine that ... |").
# The marker may be bold ("<sup>**1**</sup>") or inside an anchor ('<a name="x"><sup>*</sup>').
_DEFINITION = re.compile(
    r"^[ \t|>]*(?:<a\b[^>]*>\s*)?<sup>\s*(?:\*\*|__)?"
    r"(?P<marker>\d{1,2}|\*{1,3}|†|‡)(?:\*\*|__)?\s*(?:</sup>|\s)",
    re.IGNORECASE)


def _definitions_after(lines: list[str], end_line: int) -> dict[str, int]:
    """Markers defined anywhere after a table (pages often gather footnotes at the end):
    marker -> first line."""
    found: dict[str, int] = {}
    for number in range(end_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if "<sup" not in line and "<SUP" not in line:
            continue
        match = _DEFINITION.match(line)
        if match:
            found.setdefault(match.group("marker"), number)
    return found


def _is_definition_row(line: str, marker: str) -> bool:
    """A row of a legend table: it starts with the marker it explains."""
    match = _DEFINITION.match(line)
    return match is not None and match.group("marker") == marker


@doc_rule("TBL202", "footnote-without-text", "error")
def footnote_without_text(ctx: DocContext) -> Iterator[Hit]:
    """A footnote marker in a table cell (``<sup>1</sup>``) with no footnote text after it.

    Why it matters: the reader is told there is a condition and never learns what it is.

    Footnote text may follow as ``<sup>1</sup> text`` lines (right after the table or at the
    end of the page), or as a legend table whose rows start with the marker.

    Example::

        | Brazil | Brazil South (São Paulo State)<sup>1</sup> |

        (no "<sup>1</sup> ..." line after the table)

    Instead: write the footnote right after the table, or remove the marker::

        <sup>1</sup> Customer data in Brazil South may be replicated to South Central US.
    """
    for table in ctx.doc.tables:
        if table.path != ctx.path:
            continue
        defined: dict[str, int] | None = None
        for note in table.footnotes:
            if note.text is not None or not note.refs:
                continue
            if defined is None:
                defined = _definitions_after(ctx.lines, table.end_line)
            if note.marker in defined:
                continue
            for row, _ in note.refs[:1]:
                line = table.line if row < 0 else table.row_lines[row]
                if _is_definition_row(ctx.lines[line - 1], note.marker):
                    continue  # the legend itself, not a reference
                found_line, col = ctx.find(f"<sup>{note.marker}", line, line)
                yield Hit(found_line, col, f"footnote marker {note.marker!r} has no footnote "
                                           f"text after the table")


@doc_rule("TBL203", "footnote-without-marker", "warning")
def footnote_without_marker(ctx: DocContext) -> Iterator[Hit]:
    """Footnote text after a table whose marker appears in no cell of the table.

    Why it matters: the condition is stated but tied to nothing, so readers cannot tell which
    rows it limits; it often means the marker was lost when a row was edited.

    A footnote whose marker is used elsewhere in the doc (in another table, or written as a
    link such as ``<sup>[\\[1\\]](#1)</sup>``) is not reported.

    Example::

        | Brazil | Brazil South (São Paulo State) |

        <sup>1</sup> Customer data in Brazil South may be replicated to South Central US.

    Instead: put the marker back in the cell it qualifies, or turn the footnote into a plain
    sentence::

        | Brazil | Brazil South (São Paulo State)<sup>1</sup> |
    """
    raw: str | None = None
    for table in ctx.doc.tables:
        if table.path != ctx.path:
            continue
        marked = {n.marker for n in table.footnotes if n.refs}
        for note in table.footnotes:
            if note.refs or note.line is None:
                continue
            written = _DEFINITION.match(ctx.lines[note.line - 1])
            if written and written.group("marker") in marked:
                continue  # "<sup>**1**</sup>": read as marker "**" by the table reader
            raw = "\n".join(ctx.lines) if raw is None else raw
            if _marked_elsewhere(raw, note.marker):
                continue
            yield Hit(note.line, 1, f"footnote {note.marker!r} is not marked in any cell of the "
                                    f"table at line {table.line}")


def _marked_elsewhere(text: str, marker: str) -> bool:
    """True when the marker is used besides its footnote: in another table above, or written
    as a link (``<sup>[\\[3\\]](#3)</sup>``) that the table reader does not see as a marker."""
    mark = re.escape(marker)
    uses = re.findall(rf"<sup>[^<]{{0,40}}?(?<![\w#]){mark}(?![\w])", text, re.IGNORECASE)
    return len(uses) > 1 or re.search(rf"\(#{mark}\)", text) is not None
