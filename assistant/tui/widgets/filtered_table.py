"""A filter box over a DataTable: typing narrows the rows, Enter on a row picks it.

Used by the tables browser and the checks view. Rows arrive ready to show (cells are ``Text``,
so doc text is never read as markup); the widget only filters and reports the picked key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

# Rebuilding a big DataTable on every key press would lag; wait for a pause in typing.
_FILTER_DELAY = 0.12


@dataclass(frozen=True, slots=True)
class Column:
    """A column and its share of the width."""

    label: str
    """Header text (our own words, never doc text)."""
    share: int = 0
    """Share of the free width; 0 means a fixed ``width``."""
    width: int = 0
    """Fixed width in cells (when ``share`` is 0)."""
    keep_end: bool = False
    """Cut a long cell at its start, not its end (paths: the file name and line matter)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row as shown, with the words the filter matches."""

    key: str
    """Identifies the row when it is picked."""
    cells: tuple[Text, ...]
    """The cells, as shown."""
    haystack: str
    """Lower-case text the filter searches (may hold more than the cells show)."""


def _keep_end(text: Text, width: int) -> Text:
    if text.cell_len <= width or width < 2:
        return text
    return Text("…") + text[len(text) - (width - 1) :]


class FilterInput(Input):
    """The filter box; Down or Enter move into the rows."""

    BINDINGS = [Binding("down", "rows", "Rows", show=False)]

    def action_rows(self) -> None:
        """Move into the rows."""
        self.screen.query_one("#rows", DataTable).focus()


class FilteredTable(Vertical):
    """Filter box, rows, and a count line."""

    class Picked(Message):
        """The user chose a row (Enter or click)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key
            """The row's key."""

    class Moved(Message):
        """The cursor moved to a row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key
            """The row's key."""

    DEFAULT_CSS = """
    FilteredTable { height: 1fr; }
    FilteredTable #filter { margin: 0 0; }
    FilteredTable #rows { height: 1fr; }
    FilteredTable #count { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        noun: str,
        placeholder: str,
        limit: int = 2000,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.noun = noun
        self.placeholder = placeholder
        self.limit = limit
        """Most rows shown at once (typing narrows the rest)."""
        self.rows: list[Row] = []
        """Every row, before filtering."""
        self.shown: list[Row] = []
        """The rows shown, in order."""
        self._timer: Timer | None = None
        self._width = -1
        self._status: str | None = None

    def compose(self) -> ComposeResult:
        # No select-all on focus: keys typed in the rows are forwarded here one by one.
        yield FilterInput(placeholder=self.placeholder, id="filter", select_on_focus=False)
        table: DataTable[Text] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="count")

    def set_rows(self, rows: Sequence[Row], status: str | None = None) -> None:
        """Replace every row (the filter stays as typed); ``status`` replaces the count line
        until the next rows arrive ("Checking…", "Waiting for the index…")."""
        self.rows = list(rows)
        self._status = status
        self._apply()

    @property
    def query_text(self) -> str:
        """The filter as typed."""
        return self.query_one("#filter", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(_FILTER_DELAY, self._apply)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply()
        self.query_one("#rows", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._apply()

    def on_key(self, event: events.Key) -> None:
        # Typing anywhere in the rows goes to the filter, so "filter by typing" just works.
        rows = self.query_one("#rows", DataTable)
        if rows.has_focus and event.is_printable and event.character:
            box = self.query_one("#filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def _apply(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        words = self.query_text.lower().split()
        matches = [row for row in self.rows if all(w in row.haystack for w in words)]
        self.shown = matches[: self.limit]
        table = self.query_one("#rows", DataTable)
        table.clear(columns=True)
        widths = self._widths()
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(Text(column.label), width=width)
        cut = [i for i, column in enumerate(self.columns) if column.keep_end]
        for row in self.shown:
            cells = list(row.cells)
            for i in cut:
                cells[i] = _keep_end(cells[i], widths[i])
            table.add_row(*cells, key=row.key)
        status = self._status if self._status is not None else self._count_text(len(matches))
        self.query_one("#count", Static).update(Text(status))
        if self.shown:
            self.post_message(self.Moved(self.shown[0].key))

    def _count_text(self, matched: int) -> str:
        total = len(self.rows)
        if matched > len(self.shown):
            return f"{len(self.shown):,} of {matched:,} matching {self.noun} shown; type to narrow"
        if self.query_text.strip():
            return f"{matched:,} of {total:,} {self.noun} match · Enter opens the source"
        return f"{total:,} {self.noun} · type to filter · Enter opens the source"

    def _widths(self) -> list[int]:
        # Cell padding is 1 on each side of every column; the scrollbar takes 2.
        free = max(10, (self.size.width or 80) - 2 - 2 * len(self.columns))
        fixed = sum(c.width for c in self.columns if not c.share)
        shares = sum(c.share for c in self.columns) or 1
        spare = max(len(self.columns), free - fixed)
        return [c.width if not c.share else max(4, spare * c.share // shares) for c in self.columns]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Picked(event.row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Moved(event.row_key.value))


__all__ = ["Column", "FilteredTable", "Row"]
