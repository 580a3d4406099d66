"""The tables browser: every extracted table with its doc and section, filtered by typing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from ...paths import shortened, shown_path
from ..library import TableEntry
from ..literal import literal
from ..widgets.filtered_table import Column, FilteredTable, Row
from ..widgets.fitted import Fitted, ended
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ..app import AssistantApp

COLUMNS = (
    Column("Doc", share=3),
    Column("Section", share=2),
    Column("Columns", share=3),
    Column("Rows", width=4),
)
# The preview shows the start of a table; the source viewer shows all of it.
_PREVIEW_ROWS = 200


def table_row(key: str, entry: TableEntry) -> Row:
    """How one table is listed, and the words that find it."""
    table = entry.table
    cells = (
        literal(entry.title),
        literal(table.section),
        literal(" | ".join(table.header)),
        Text(str(len(table.rows)), justify="right"),
    )
    words = [entry.title, entry.doc_path, table.path, table.section, table.caption, *table.header]
    words.extend(cell for row in table.rows for cell in row)
    return Row(key, cells, " ".join(words).lower())


def preview_title(entry: TableEntry, width: int) -> Text:
    """``path:line  title › section`` in one line of ``width``: the place whole or shortened
    in the middle (leaving the names a third of the line), then the names up to an
    ellipsis."""
    table = entry.table
    names = Text.assemble(
        ("  ", ""),
        literal(entry.title),
        *((" › ", "dim"), literal(table.section)) if table.section else (),
    )
    room = width - min(names.cell_len, width // 3)
    where = shortened(f"{shown_path(table.path)}:{table.line}", room)
    return ended(Text.assemble(literal(where, "bold"), names), width)


class TablesScreen(Screen[None]):
    """Every table in the index; Enter opens the highlighted one at its lines."""

    app: AssistantApp

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, TableEntry] = {}
        """Tables by row key."""

    def compose(self) -> ComposeResult:
        yield StatusLine("tables")
        yield FilteredTable(
            COLUMNS,
            noun="tables",
            placeholder="Filter tables: words from the doc, section, header or cells",
            opens="the table",
            id="tables",
        )
        yield Fitted(id="preview-title")
        preview: DataTable[Text] = DataTable(id="preview", cursor_type="none", zebra_stripes=True)
        yield preview
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").focus()
        self.watch(self.app, "index_generation", self._index_changed)

    def _index_changed(self, _generation: int) -> None:
        if self.app.library.is_open:
            self._load()
        else:
            self.query_one(FilteredTable).set_rows([], "Waiting for the index…")

    @work(thread=True, exclusive=True, group="tables")
    def _load(self) -> None:
        # Rows are made here, off the event loop: a big corpus has tens of thousands of tables.
        entries = {str(n): entry for n, entry in enumerate(self.app.library.tables())}
        rows = [table_row(key, entry) for key, entry in entries.items()]
        self.app.call_from_thread(self._show, entries, rows)

    def _show(self, entries: dict[str, TableEntry], rows: list[Row]) -> None:
        self.entries = entries
        status = None if rows else "No tables in the index."
        self.query_one(FilteredTable).set_rows(rows, status)
        if not rows:
            self.query_one("#preview", DataTable).clear(columns=True)
            self.query_one("#preview-title", Fitted).show(None)

    def on_filtered_table_moved(self, event: FilteredTable.Moved) -> None:
        entry = self.entries.get(event.key)
        preview = self.query_one("#preview", DataTable)
        preview.clear(columns=True)
        title = self.query_one("#preview-title", Fitted)
        if entry is None:
            title.show(None)
            return
        title.show(lambda width: preview_title(entry, width))
        header = [literal(label) for label in entry.table.header]
        rows = [[literal(cell) for cell in row] for row in entry.table.rows[:_PREVIEW_ROWS]]
        # Widths measured here rather than by the DataTable on idle: its own measure can come
        # after the first paint, which then shows every column as narrow as its header.
        for column, label in enumerate(header):
            width = max([label.cell_len, *(r[column].cell_len for r in rows if column < len(r))])
            preview.add_column(label, width=width)
        for row in rows:
            preview.add_row(*row)

    def on_filtered_table_picked(self, event: FilteredTable.Picked) -> None:
        entry = self.entries.get(event.key)
        if entry is not None:
            table = entry.table
            self.app.open_source(table.path, table.line, table.end_line)


__all__ = ["TablesScreen", "preview_title", "table_row"]
