"""The F3 and F4 filters edit the same way wherever the focus is; Enter opens the first match."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input
from tui_helpers import make_app, run, wait_for

from assistant.tui.screens.checks import ChecksScreen
from assistant.tui.screens.source import SourceScreen
from assistant.tui.screens.tables import TablesScreen
from assistant.tui.widgets.filtered_table import FilteredTable
from assistant.tui.widgets.source_view import SourceView


@pytest.mark.parametrize(("key", "screen", "word"), [
    ("f3", TablesScreen, "geo"),
    ("f4", ChecksScreen, "fm305"),
])
def test_typing_backspace_and_clearing_edit_the_filter_from_the_rows(
        in_tables: Path, key: str, screen: type, word: str) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, screen))
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) > 1)
            await pilot.press(*word)
            await wait_for(pilot, lambda: 0 < len(table.shown) < len(table.rows))
            matches = len(table.shown)
            rows = app.screen.query_one("#rows", DataTable)
            await pilot.press("down")  # into the rows
            assert app.focused is rows
            await pilot.press(*"geogeoZ")  # a slip of the fingers, typed in the rows
            await wait_for(pilot, lambda: table.query_text == word + "geogeoZ")
            await wait_for(pilot, lambda: not table.shown)
            for _ in "geogeoZ":
                await pilot.press("backspace")  # mended from the rows
            await wait_for(pilot, lambda: table.query_text == word)
            await wait_for(pilot, lambda: len(table.shown) == matches)
            assert app.focused is rows  # the cursor stays where it was
            await pilot.press("ctrl+u")  # clears the filter, from the rows too
            await wait_for(pilot, lambda: len(table.shown) == len(table.rows))
            assert table.query_text == ""
            await pilot.press("up")  # from the first row back to the filter box
            assert app.focused is app.screen.query_one("#filter", Input)

    run(scenario())


def test_enter_in_the_filter_opens_the_first_table(in_tables: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
            screen = app.screen
            table = screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) > 1)
            # Typed and Enter at once, faster than the filter's pause: the rows catch up.
            await pilot.press(*"service limits", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            assert table.query_text == "service limits" and len(table.shown) == 2
            first = screen.entries[table.shown[0].key].table
            assert first.header == ("Area", "Limit")  # the first of the two, in doc order
            view = app.screen.query_one(SourceView)
            assert view.cited == (first.line, first.end_line)

    run(scenario())
