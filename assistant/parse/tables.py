"""Pipe tables -> :class:`Table` with logical rows.

Real tables are messy. What markdown-it hides, the source lines still show:
- separator rows whose cells are all empty (``|   |   |``) group rows visually: dropped;
- continuation rows leave leading cells empty (a geo named once, its regions below): the
  empty leading cells take the value of the row above, and remember the line it came from;
- markdown-it pads short rows and silently drops extra cells: the width *as written* is
  counted from the source line, so checks can report ragged rows;
- ``<sup>1</sup>`` footnote markers are removed from cells and tied to the footnote text
  written after the table.
"""

from __future__ import annotations

import re

from ..model import Footnote, Table
from .inline import plain
from .tree import Node

_ESCAPED_PIPE = re.compile(r"\\\|")
# A footnote written after a table: "<sup>1</sup> text", "<sup>1 text</sup>", "<sup>*</sup>text".
_FOOTNOTE_LINE = re.compile(
    r"^\s*<sup>\s*\[?(?P<marker>\d{1,2}|\*{1,3}|†|‡)\]?\s*(?:</sup>)?\s*(?P<text>.*?)\s*"
    r"(?:</sup>)?\s*$",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
# Anchor tags wrapped around a footnote's number: "<sup><a name=1>1</a></sup>".
_ANCHOR_TAG = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s")


def count_cells(line: str) -> int:
    """How many cells a table row has as written in the source."""
    body = _ESCAPED_PIPE.sub("", line.strip())
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return body.count("|") + 1


def extract_table(
    node: Node, lines: list[str], path: str, section: str, caption: str
) -> Table:
    """Build a :class:`Table` from a markdown-it ``table`` node and the file's lines."""
    head_row = node.children[0].children[0]
    header_line = head_row.map[0] + 1 if head_row.map else node.span[0] + 1
    header: list[str] = []
    markers: dict[str, list[tuple[int, int]]] = {}
    for col, cell in enumerate(head_row.children):
        rendered = plain(cell.children[0] if cell.children else None, markers=True)
        header.append(rendered.text)
        for marker in rendered.markers:
            markers.setdefault(marker, []).append((-1, col))

    rows: list[tuple[str, ...]] = []
    row_lines: list[int] = []
    cell_lines: list[tuple[int, ...]] = []
    widths: list[int] = []
    body = node.children[1].children if len(node.children) > 1 else []
    for tr in body:
        line = tr.map[0] + 1 if tr.map else header_line
        cells: list[str] = []
        row_markers: list[list[str]] = []
        for cell in tr.children:
            rendered = plain(cell.children[0] if cell.children else None, markers=True)
            cells.append(rendered.text)
            row_markers.append(rendered.markers)
        if not any(cells):
            continue  # a visual separator row
        lines_of_cells = [line] * len(cells)
        if rows and not cells[0]:
            # A continuation row: carry the leading empty cells down from the row above.
            previous, previous_lines = rows[-1], cell_lines[-1]
            col = 0
            while col < len(cells) and not cells[col]:
                cells[col] = previous[col]
                lines_of_cells[col] = previous_lines[col]
                col += 1
        for col, found in enumerate(row_markers):
            for marker in found:
                markers.setdefault(marker, []).append((len(rows), col))
        rows.append(tuple(cells))
        row_lines.append(line)
        cell_lines.append(tuple(lines_of_cells))
        widths.append(count_cells(lines[line - 1]) if line - 1 < len(lines) else len(cells))

    end_line = node.map[1] if node.map else header_line
    return Table(
        line=header_line,
        end_line=end_line,
        section=section,
        path=path,
        header=tuple(header),
        rows=tuple(rows),
        row_lines=tuple(row_lines),
        cell_lines=tuple(cell_lines),
        source_widths=tuple(widths),
        header_width=count_cells(lines[header_line - 1]) if header_line - 1 < len(lines) else 0,
        footnotes=_tie_footnotes(markers, lines, end_line),
        caption=caption,
    )


def _tie_footnotes(
    markers: dict[str, list[tuple[int, int]]], lines: list[str], end_line: int
) -> tuple[Footnote, ...]:
    """Pair each marker with the first footnote text written after the table.

    Footnotes usually sit right under their table, but some pages gather them at the end, so
    a marker's text is looked for down to the end of the file. Footnote texts with no marker
    in the table are kept as well (a checker reports them), but only those right under it:
    before the next heading or table, which may own them.
    """
    texts: dict[str, tuple[str, int]] = {}
    orphans: list[str] = []
    unresolved = set(markers)
    right_under = True
    for index in range(end_line, len(lines)):
        line = lines[index]
        if right_under and (_HEADING_LINE.match(line) or line.lstrip().startswith("|")):
            right_under = False
        if not right_under and not unresolved:
            break  # nothing left that a later line could answer
        if "<" not in line:
            continue  # cheap test before the regex: a footnote line starts with <sup>
        match = _FOOTNOTE_LINE.match(_ANCHOR_TAG.sub("", line))
        if not match or match.group("marker") in texts:
            continue
        marker = match.group("marker")
        if marker in markers or right_under:
            texts[marker] = (" ".join(_TAG.sub(" ", match.group("text")).split()), index + 1)
            unresolved.discard(marker)
            if marker not in markers:
                orphans.append(marker)
    for marker in unresolved:
        # A marker written as a link ("[1](#1)") may point at an anchor defined anywhere,
        # even above the table (a note that explains the marks before they are used).
        found = _anchored_text(marker, lines)
        if found is not None:
            texts[marker] = found
    notes: list[Footnote] = []
    for marker, refs in markers.items():
        # (Unpacked by name: mypy cannot spread a union of tuples before a keyword.)
        note_text, note_line = texts.get(marker, (None, None))
        notes.append(Footnote(marker, note_text, note_line, refs=tuple(refs)))
    notes += [Footnote(marker, *texts[marker], refs=()) for marker in orphans]
    return tuple(notes)


def _anchored_text(marker: str, lines: list[str]) -> tuple[str, int] | None:
    """The text of the line holding ``<a name="marker">`` (or ``id=``), and its line."""
    anchor = re.compile(rf"<a\s[^>]*\b(?:name|id)\s*=\s*[\"']?{re.escape(marker)}[\"'\s>]",
                        re.IGNORECASE)
    for index, line in enumerate(lines):
        if "<a" in line and anchor.search(line):
            text = " ".join(_TAG.sub(" ", line).split()).lstrip("> ").strip()
            text = re.sub(rf"^{re.escape(marker)}\s*", "", text)
            return text, index + 1
    return None
