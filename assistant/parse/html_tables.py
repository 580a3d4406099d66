"""HTML tables written as HTML blocks -> the same :class:`Table` pipe tables give.

markdown-it hands an HTML block over whole and unparsed, so a ``<table>`` in one used to be a
single paragraph, and sentences of different rows read as neighbours. Here the block is read
with the standard library's forgiving ``HTMLParser`` and laid out on a grid the way browsers
do it (``colspan`` fills columns to the right, ``rowspan`` carries a cell down):

- header: the rows of a ``<thead>``, else the leading rows made only of ``<th>`` cells, else a
  first row whose every cell is bold (``<td><strong>Scenario</strong></td>``); several header
  rows become one, each column naming its cells top-down. A table with none has empty header
  cells, as the table reader expects of a headerless table;
- a cell carried down by ``rowspan`` keeps the line it was written on (as a continuation row
  of a pipe table does); a ``colspan`` cell's text stands in its first column;
- cell text: tags removed, entities decoded, markdown rendered to plain text as elsewhere;
  a table nested in a cell is flattened into that cell's text;
- text around a table (in the same block) stays paragraph text, with its own lines; rows
  whose ``<table>`` tag sits in another block (indentation ended a list item) still read
  as a table; ``<sup>`` footnote markers are not looked for (``footnotes`` is empty);
- what cannot be read as rows of cells (no ``<tr>``/``<td>``, only empty cells) is left to the
  caller, which keeps the block a paragraph as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ..model import Table
from .inline import collapse, plain

# What markdown-it's inline rules need to render a cell (no block rules: cell text is inline).
_INLINE = MarkdownIt("commonmark")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_FRAGMENT = re.compile(r"\s*<(?:tr|td|th|thead|tbody)\b", re.IGNORECASE)
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Tags that separate words when rendered; other tags (b, a, code, span...) sit inside words.
_WORD_BREAK = frozenset({
    "br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "img", "section", "article", "header", "footer", "nav", "figure",
})
_LITERAL = frozenset({"code", "pre", "kbd", "samp"})  # markdown inside is not markdown
_BOLD = frozenset({"b", "strong"})
_HIDDEN = frozenset({"script", "style"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# Bounds that keep a broken span ("colspan=5000") from blowing a table up.
_MAX_COLSPAN = 64


@dataclass(frozen=True, slots=True)
class TextRun:
    """Text of an HTML block outside its tables, with the lines it is written on."""

    text: str
    """Plain text (tags removed, whitespace collapsed), as an HTML block paragraph is."""
    line: int
    """First line."""
    end_line: int
    """Last line."""


def has_table(text: str) -> bool:
    """Cheap test: might this HTML hold a table (or be the rows of one, cut off from its
    ``<table>`` tag by a change of indentation)?"""
    return _TABLE_OPEN.search(text) is not None or is_fragment(text)


def is_fragment(text: str) -> bool:
    """HTML that starts inside a table: with a row, a cell or a row group."""
    return _FRAGMENT.match(text) is not None


def open_tables(text: str) -> int:
    """How many ``<table>`` tags the HTML opens and does not close (comments ignored)."""
    text = _HTML_COMMENT.sub(" ", text)
    return len(_TABLE_OPEN.findall(text)) - len(_TABLE_CLOSE.findall(text))


def paragraph_text(html: str) -> str:
    """An HTML block read as one paragraph: comments and tags gone, whitespace collapsed."""
    return collapse(_TAG.sub(" ", _HTML_COMMENT.sub(" ", html)))


@dataclass(slots=True)
class _Cell:
    header: bool
    """Written as ``<th>``."""
    line: int
    """Line of the cell's tag (where an empty cell is)."""
    colspan: int = 1
    rowspan: int = 1
    source: list[str] = field(default_factory=list)
    """Cell text as markdown source: tags dropped (word breaks as spaces), entities raw."""
    start: int = 0
    """Line where the text starts (0 until some text is seen)."""
    end: int = 0
    """Line where the text ends."""
    bold: bool = True
    """Every word of it is inside ``<b>``/``<strong>`` (only meaningful with text)."""
    text: str = ""
    """Rendered plain text (set when the table is finished)."""


@dataclass(slots=True)
class _Row:
    line: int
    group: int
    """Which row group (``<thead>``, ``<tbody>``...) it is in: spans stop at its end."""
    head: bool
    """Inside ``<thead>``."""
    cells: list[_Cell] = field(default_factory=list)


@dataclass(slots=True)
class _RawTable:
    line: int
    start: int
    """Offset of ``<table`` in the block."""
    end: int = -1
    """Offset just past ``</table>`` (-1 while open)."""
    end_line: int = 0
    rows: list[_Row] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    stray: list[tuple[str, int, int]] = field(default_factory=list)
    """Text between rows, outside every cell: (raw text, first line, last line)."""


class _Reader(HTMLParser):
    """Collects the outermost tables of an HTML block: rows, cells, text and lines."""

    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.first_line = first_line
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tables: list[_RawTable] = []
        self.depth = 0  # tables open (nested ones inside a cell count too)
        self.row: _Row | None = None
        self.cell: _Cell | None = None
        self.group = 0
        self.in_head = False
        self.in_caption = False
        self.literal = 0
        self.bold = 0
        self.hidden = 0
        if is_fragment(text):  # the rows of a table whose <table> tag is elsewhere
            self.depth = 1
            self.tables.append(_RawTable(first_line, 0))

    # -- positions ------------------------------------------------------------------------
    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def char_offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else len(
            self.text)

    @property
    def table(self) -> _RawTable | None:
        return self.tables[-1] if self.tables and self.tables[-1].end < 0 else None

    # -- structure ------------------------------------------------------------------------
    def close_cell(self) -> None:
        self.cell = None
        self.bold = self.literal = 0

    def close_row(self) -> None:
        self.close_cell()
        self.row = None
        self.in_caption = False  # a row or a row group ends a caption left open

    def open_row(self) -> _Row:
        table = self.table
        assert table is not None
        self.close_row()
        self.row = _Row(self.line(), self.group, self.in_head)
        table.rows.append(self.row)
        return self.row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(_RawTable(self.line(), self.char_offset()))
                self.group, self.in_head, self.row, self.cell = 0, False, None, None
                return
        if self.depth != 1:
            self.word_break(tag)
            return
        if tag in _ROW_GROUPS:
            self.close_row()
            self.group += 1
            self.in_head = tag == "thead"
        elif tag == "tr":
            self.open_row()
        elif tag in ("td", "th"):
            row = self.row if self.row is not None else self.open_row()
            self.close_cell()
            spans = dict(attrs)
            self.cell = _Cell(tag == "th", self.line(),
                              colspan=min(_span(spans.get("colspan")), _MAX_COLSPAN),
                              rowspan=_span(spans.get("rowspan"), zero=True))
            row.cells.append(self.cell)
        elif tag == "caption":
            self.close_row()
            self.in_caption = True
        else:
            self.word_break(tag)
            self.literal += tag in _LITERAL
            self.bold += tag in _BOLD
            self.hidden += tag in _HIDDEN

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                table = self.table
                assert table is not None
                self.close_row()
                table.end_line = self.line()
                found = self.text.find(">", self.char_offset())
                table.end = found + 1 if found >= 0 else len(self.text)
                return
        if self.depth != 1:
            self.word_break(tag)
            return
        if tag in ("td", "th"):
            self.close_cell()
        elif tag == "tr" or tag in _ROW_GROUPS:
            self.close_row()
            self.in_head = self.in_head and tag == "tr"
        elif tag == "caption":
            self.in_caption = False
        else:
            self.word_break(tag)
            self.literal -= tag in _LITERAL and self.literal > 0
            self.bold -= tag in _BOLD and self.bold > 0
            self.hidden -= tag in _HIDDEN and self.hidden > 0

    def word_break(self, tag: str) -> None:
        if tag in _WORD_BREAK and self.cell is not None:
            self.cell.source.append(" ")
        elif tag in _WORD_BREAK and self.in_caption and self.table is not None:
            self.table.caption.append(" ")

    # -- text -----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.hidden or self.depth == 0:
            return
        if self.literal:
            data = _ASCII_PUNCTUATION.sub(r"\\\1", data)
        self.add(data)

    def handle_entityref(self, name: str) -> None:
        self.add(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.add(f"&#{name};")

    def add(self, source: str) -> None:
        table = self.table
        if self.hidden or table is None:
            return
        stripped = source.strip()
        if self.in_caption and self.depth == 1:
            table.caption.append(source)
            return
        cell = self.cell
        if cell is None:
            if stripped:
                first, last = self.text_lines(source)
                table.stray.append((source, first, last))
            return
        cell.source.append(source)
        if not stripped:
            return
        first, last = self.text_lines(source)
        cell.start = cell.start or first
        cell.end = max(cell.end, last)
        cell.bold = cell.bold and self.bold > 0

    def text_lines(self, source: str) -> tuple[int, int]:
        """File lines of the first and last non-space characters of ``source``."""
        line = self.line()
        lead = len(source) - len(source.lstrip())
        tail = len(source.rstrip())
        return line + source.count("\n", 0, lead), line + source.count("\n", 0, tail)


def _span(value: str | None, zero: bool = False) -> int:
    """A ``colspan``/``rowspan`` value; 0 (``rowspan=0``: to the end of the group) stays 0."""
    digits = re.match(r"\s*(\d+)", value or "")
    number = int(digits.group(1)) if digits else 1
    return number if number > 0 or (zero and digits) else 1


def _render(source: list[str]) -> str:
    raw = "".join(source)
    if not raw.strip():
        return ""
    tokens = _INLINE.parseInline(raw)
    return plain(tokens[0].children if tokens and tokens[0].children else None).text


@dataclass(slots=True)
class _Slot:
    cell: _Cell
    origin: bool
    """The row and column the cell is written in (not a span's copy)."""
    first_column: bool
    """The cell's first column (a colspan's others are empty)."""


def _grid(rows: list[_Row]) -> list[dict[int, _Slot]]:
    """Lay the cells out as browsers do: each row's slots by column."""
    grid: list[dict[int, _Slot]] = [{} for _ in rows]
    group_ends = list(range(len(rows)))  # the last row of each row's group
    for r in range(len(rows) - 2, -1, -1):
        if rows[r + 1].group == rows[r].group:
            group_ends[r] = group_ends[r + 1]
    for r, row in enumerate(rows):
        group_end = group_ends[r]
        col = 0
        for cell in row.cells:
            while col in grid[r]:
                col += 1
            last_row = group_end if cell.rowspan == 0 else min(group_end, r + cell.rowspan - 1)
            for down in range(r, last_row + 1):
                for across in range(col, col + cell.colspan):
                    grid[down].setdefault(across, _Slot(cell, down == r, across == col))
            col += cell.colspan
    return grid


def _header_rows(rows: list[_Row]) -> int:
    """How many leading rows are the header."""
    count = 0
    while count < len(rows) and rows[count].cells and (
            rows[count].head or all(c.header for c in rows[count].cells)):
        count += 1
    if count == len(rows):
        count = min(count, 1)  # all header cells: the first row heads the others
    if count == 0 and len(rows) > 1:
        with_text = [c for c in rows[0].cells if c.text]
        if with_text and all(c.bold for c in with_text):
            count = 1  # a header written as bold data cells
    return count


def _build_table(raw: _RawTable, path: str, section: str, caption: str) -> Table | None:
    """The :class:`Table` of one raw table; None when it has no row with text."""
    rows = [row for row in raw.rows if row.cells]
    for row in rows:
        for cell in row.cells:
            cell.text = _render(cell.source)
    heads = _header_rows(rows)
    grid = _grid(rows)
    width = max((max(slots) + 1 for slots in grid if slots), default=0)
    if width == 0:
        return None

    header = [""] * width
    for col in range(width):
        pieces: list[str] = []
        for slots in grid[:heads]:
            slot = slots.get(col)
            if slot is not None and slot.cell.text and slot.cell.text not in pieces:
                pieces.append(slot.cell.text)
        header[col] = " ".join(pieces)
    header_width = max((len(slots) for slots in grid[:heads]), default=width)

    body: list[tuple[str, ...]] = []
    row_lines: list[int] = []
    cell_lines: list[tuple[int, ...]] = []
    widths: list[int] = []
    for slots in grid[heads:]:
        own = [s.cell for s in slots.values() if s.origin]
        if not any(c.text for c in own):
            continue  # a row of empty cells: a visual separator
        line = min(c.start or c.line for c in own)
        texts, lines, ends = [], [], []
        for col in range(width):
            slot = slots.get(col)
            if slot is None:
                texts.append("")
                lines.append(line)
                ends.append(line)
                continue
            cell = slot.cell
            shown = cell.text if slot.first_column else ""
            texts.append(shown)
            lines.append(cell.start or cell.line)
            ends.append(cell.end if shown else cell.start or cell.line)
        _hold_whole_text(texts, lines, ends)
        body.append(tuple(texts))
        row_lines.append(line)
        cell_lines.append(tuple(lines))
        widths.append(len(slots))
    if not body:
        return None
    head_line = rows[0].line if heads else raw.line
    written_caption = collapse(_render(raw.caption))
    return Table(
        line=head_line,
        end_line=max(raw.end_line, *(max(lines) for lines in cell_lines)),
        section=section,
        path=path,
        header=tuple(header),
        rows=tuple(body),
        row_lines=tuple(row_lines),
        cell_lines=tuple(cell_lines),
        source_widths=tuple(widths),
        header_width=header_width,
        footnotes=(),
        caption=written_caption or caption,
    )


def _hold_whole_text(texts: list[str], lines: list[int], ends: list[int]) -> None:
    """Make ``min(lines)..max(lines)`` hold every cell's text whole.

    Cell lines are where each text starts; a row is cited from the first to the last of them,
    so a cell whose text runs on past the last start would be cut. That cell's line becomes
    the line its text ends on, and if it was also the only cell on the first line, an empty
    cell (which has no text to point at) takes the first line instead.
    """
    last = max(ends)
    if last <= max(lines):
        return
    col = max(c for c in range(len(texts)) if texts[c] and ends[c] == last)
    first = min(lines)
    if lines[col] == first and lines.count(first) == 1:
        empty = next((c for c in range(len(texts)) if not texts[c]), None)
        if empty is None:
            return  # one cell, on several lines: its first line it is
        lines[empty] = first
    lines[col] = last


def read_html_block(
    html: str, first_line: int, path: str, section: str, caption: str
) -> list[TextRun | Table] | None:
    """The tables of an HTML block and the text around them, in order.

    ``first_line`` is the file line of the block's first line. None when no table in it can
    be read as rows of cells: the block then stays one paragraph, as it was.
    """
    reader = _Reader(html, first_line)
    try:
        reader.feed(html)
        reader.close()
    except AssertionError:  # HTMLParser's reaction to some broken declarations ("<![x[")
        return None
    raws = reader.tables
    for raw in raws:
        if raw.end < 0:  # never closed: the table runs to the end of the block
            raw.end = len(html)
            raw.end_line = first_line + html.rstrip("\n").count("\n")
    built = [(raw, _build_table(raw, path, section, caption)) for raw in raws]
    if not any(table is not None for _, table in built):
        return None
    out: list[TextRun | Table] = []
    done = 0
    for raw, table in built:
        out += _text_runs(html, done, raw.start, first_line)
        if table is None:
            out += _text_runs(html, raw.start, raw.end, first_line)
        else:
            out.append(table)
            stray = [source for source, _, _ in raw.stray]
            text = paragraph_text("".join(stray))
            if text:
                out.append(TextRun(text, raw.stray[0][1], raw.stray[-1][2]))
        done = raw.end
    out += _text_runs(html, done, len(html), first_line)
    return out


def _text_runs(html: str, start: int, end: int, first_line: int) -> list[TextRun]:
    """The paragraph of ``html[start:end]`` (if it has any text), with its lines."""
    piece = html[start:end]
    text = paragraph_text(piece)
    if not text:
        return []
    lead = len(piece) - len(piece.lstrip())
    tail = len(piece.rstrip())
    return [TextRun(text, first_line + html.count("\n", 0, start + lead),
                    first_line + html.count("\n", 0, start + tail - 1))]
