"""A filter box over a DataTable: typing narrows the rows, Enter opens the highlighted row.

Used by the tables browser, the checks view and the gaps view. Rows arrive ready to show
(cells are ``Text``, so doc text is never read as markup); the widget filters them, fits each
cell to its column (an ellipsis where text is cut; paths shortened in the middle, their file
name and line whole) and reports the picked key.

The filter edits the same way wherever the focus is: in the rows, typed letters, Backspace,
ctrl+w and ctrl+u change the filter too, while the cursor stays in the rows. Enter in the
filter opens the highlighted row, which is the first match until the cursor is moved.
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

from ...paths import ELLIPSIS, shortened

# Rebuilding a big DataTable on every key press would lag; wait for a pause in typing.
_FILTER_DELAY = 0.12
# Keys that edit the filter from the rows, and the filter box's action for each.
_EDIT_KEYS = {"backspace": "delete_left", "ctrl+w": "delete_left_word",
              "ctrl+u": "delete_left_all"}


@dataclass(frozen=True, slots=True)
class Column:
    """A column and its share of the width."""

    label: str
    """Header text (our own words, never doc text)."""
    share: int = 0
    """Share of the free width; 0 means a fixed ``width``."""
    width: int = 0
    """Fixed width in cells (when ``share`` is 0)."""
    path: bool = False
    """The cells are ``path:line`` places: shortened in the middle, and the column widens
    (up to half the free width) so the longest file name with its line fits whole."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row as shown, with the words the filter matches."""

    key: str
    """Identifies the row when it is picked."""
    cells: tuple[Text, ...]
    """The cells, as shown."""
    haystack: str
    """Lower-case text the filter searches (may hold more than the cells show)."""


def fit_cell(cell: Text, width: int, *, path: bool = False) -> Text:
    """``cell`` in ``width`` cells: a path shortened in the middle, other text cut with an
    ellipsis.

    A file name wider than the whole column (the column is already as wide as it may be) is
    the one case where a name is cut: in its middle, so its start and its ``.md:line`` end
    both show (``data-loca…-by-geo.md:65``); the detail line below shows it whole.
    """
    if cell.cell_len <= width:
        return cell
    if path:
        short = shortened(cell.plain, width)
        if len(short) > width:
            name = short.rsplit("/", 1)[-1]
            start = max(0, (width - 1) // 3)
            short = name[:start] + ELLIPSIS + name[len(name) - (width - 1 - start):]
        return Text(short, style=cell.style)
    fitted = cell.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted


class FilterInput(Input):
    """The filter box; Down moves into the rows, Enter opens the highlighted row."""

    BINDINGS = [
        Binding("down", "rows", "Rows", show=False),
        Binding("enter", "submit", "Open"),
    ]

    def action_rows(self) -> None:
        """Move into the rows."""
        self.screen.query_one("#rows", DataTable).focus()


class RowsTable(DataTable[Text]):
    """The rows; Up on the first row goes back to the filter box."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.screen.query_one("#filter", Input).focus()
            return
        super().action_cursor_up()


class FilteredTable(Vertical):
    """Filter box, rows, and a count line."""

    class Picked(Message):
        """The user chose a row (Enter or click)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key
            """The row's key."""

    class Moved(Message):
        """The cursor moved to a row (or no row is shown)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key
            """The row's key ("" when no row is shown)."""

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
        opens: str = "the source",
        limit: int = 2000,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.noun = noun
        self.placeholder = placeholder
        self.opens = opens
        """What Enter opens, in the count line's words ("the table", "the line")."""
        self.limit = limit
        """Most rows shown at once (typing narrows the rest)."""
        self.rows: list[Row] = []
        """Every row, before filtering."""
        self.shown: list[Row] = []
        """The rows shown, in order."""
        self._timer: Timer | None = None
        self._width = -1
        self._status: str | None = None
        self._applied: str | None = None
        self._names: list[int] = [0] * len(self.columns)

    def compose(self) -> ComposeResult:
        # No select-all on focus: keys typed in the rows are forwarded here one by one.
        yield FilterInput(placeholder=self.placeholder, id="filter", select_on_focus=False)
        yield RowsTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield Static(id="count")

    def set_rows(self, rows: Sequence[Row], status: str | None = None) -> None:
        """Replace every row (the filter stays as typed); ``status`` replaces the count line
        until the next rows arrive ("Checking…", "Waiting for the index…")."""
        self.rows = list(rows)
        self._status = status
        # The widest file name with its line, per path column (what "…/" must leave whole).
        self._names = [
            max((len(ELLIPSIS) + 1 + len(row.cells[i].plain.rsplit("/", 1)[-1])
                 for row in self.rows), default=0) if column.path else 0
            for i, column in enumerate(self.columns)
        ]
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
        if self._applied != self.query_text or self._timer is not None:
            self._apply()  # typed faster than the filter's pause: the rows catch up first
        table = self.query_one("#rows", DataTable)
        if not self.shown:
            self.notify(f"No {self.noun} match the filter.", severity="warning")
            return
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        self.post_message(self.Picked(self.shown[row].key))

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._apply()

    def on_key(self, event: events.Key) -> None:
        # In the rows, the keys that edit text edit the filter, so it reads the same anywhere.
        rows = self.query_one("#rows", DataTable)
        if not rows.has_focus:
            return
        box = self.query_one("#filter", Input)
        if event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)
        elif event.key in _EDIT_KEYS:
            getattr(box, f"action_{_EDIT_KEYS[event.key]}")()
        else:
            return
        event.stop()
        event.prevent_default()

    def _apply(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._applied = self.query_text
        words = self.query_text.lower().split()
        matches = [row for row in self.rows if all(w in row.haystack for w in words)]
        self.shown = matches[: self.limit]
        table = self.query_one("#rows", DataTable)
        table.clear(columns=True)
        widths = self._widths()
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(Text(column.label), width=width)
        for row in self.shown:
            cells = [fit_cell(cell, width, path=column.path)
                     for cell, column, width in zip(row.cells, self.columns, widths, strict=True)]
            table.add_row(*cells, key=row.key)
        status = self._status if self._status is not None else self._count_text(len(matches))
        self.query_one("#count", Static).update(Text(status))
        # (No row: an empty key, so the detail below says nothing of a row no longer shown.)
        self.post_message(self.Moved(self.shown[0].key if self.shown else ""))

    def _count_text(self, matched: int) -> str:
        total = len(self.rows)
        if matched > len(self.shown):
            return f"{len(self.shown):,} of {matched:,} matching {self.noun} shown; type to narrow"
        if self.query_text.strip():
            return f"{matched:,} of {total:,} {self.noun} match · Enter opens {self.opens}"
        noun = self.noun.removesuffix("s") if total == 1 else self.noun
        return f"{total:,} {noun} · type to filter · Enter opens {self.opens}"

    def _widths(self) -> list[int]:
        # Cell padding is 1 on each side of every column; the scrollbar takes 2.
        free = max(10, (self.size.width or 80) - 2 - 2 * len(self.columns))
        fixed = sum(c.width for c in self.columns if not c.share)
        spare = max(len(self.columns), free - fixed)
        shares = sum(c.share for c in self.columns) or 1
        widths = [c.width if not c.share else max(4, spare * c.share // shares)
                  for c in self.columns]
        # A path column takes what its longest file name needs (at most half the room); the
        # other shared columns split what is left.
        widened = {i: max(widths[i], min(self._names[i], spare // 2))
                   for i, c in enumerate(self.columns) if c.path and c.share}
        rest = spare - sum(widened.values())
        rest_shares = sum(c.share for i, c in enumerate(self.columns) if i not in widened) or 1
        for i, column in enumerate(self.columns):
            if i in widened:
                widths[i] = widened[i]
            elif column.share and widened:
                widths[i] = max(4, rest * column.share // rest_shares)
        return widths

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Picked(event.row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Moved(event.row_key.value))


__all__ = ["Column", "FilteredTable", "Row", "fit_cell"]
