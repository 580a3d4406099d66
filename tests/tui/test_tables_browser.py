"""The tables browser: every table with its doc and section, filtered by typing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_helpers import make_app, run, screen_text, wait_for

from assistant.tui.screens.source import SourceScreen
from assistant.tui.screens.tables import TablesScreen
from assistant.tui.widgets.filtered_table import FilteredTable
from assistant.tui.widgets.source_view import SourceView


def test_tables_are_listed_filtered_by_typing_and_open_their_source(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) >= 1)
            assert len(table.rows) == app.index_info.tables
            await pilot.press(*"osaka")
            await wait_for(pilot, lambda: len(table.shown) == 1)
            text = screen_text(app)
            assert "Data locations" in text  # the doc and section columns
            assert "corpus/customer-service-insights/data-location.md:26" in text  # preview
            await pilot.press("down")  # from the filter into the rows
            assert app.focused is app.screen.query_one("#rows", DataTable)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            view = app.screen.query_one(SourceView)
            await wait_for(pilot, lambda: 26 in view.visible_lines())
            assert view.is_cited(26) and view.is_cited(53) and not view.is_cited(54)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
            # Typing while the rows have focus goes on filtering.
            assert app.focused is app.screen.query_one("#rows", DataTable)
            await pilot.press(*"xy")
            await wait_for(pilot, lambda: table.query_text == "osakaxy" and not table.shown)
            assert "0 of" in screen_text(app)

    run(scenario())
