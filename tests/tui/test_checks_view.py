"""The checks view: the writers' findings over the corpus, each opening its source line."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import DataTable
from tui_helpers import TODAY, make_app, run, screen_text, wait_for

from assistant.tui.app import AssistantApp
from assistant.tui.library import Library
from assistant.tui.screens.checks import ChecksScreen
from assistant.tui.screens.source import SourceScreen
from assistant.tui.widgets.filtered_table import FilteredTable
from assistant.tui.widgets.source_view import SourceView


def test_findings_are_listed_filtered_by_typing_and_open_their_line(fresh_corpus: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f4")
            await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) > 0)
            assert "FM305" in screen_text(app)
            assert "data-location.md:5" in screen_text(app)  # paths keep their end
            await pilot.press(*"placeholder")
            await wait_for(pilot, lambda: len(table.shown) == 1)
            text = screen_text(app)
            assert "corpus/power-platform/data-storage.md:84" in text
            assert "[Add related articles]" in text  # the detail shows the message in full
            assert app.focused is app.screen.query_one("#filter")
            await pilot.press("enter")  # in the filter: opens the first match's line
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            view = app.screen.query_one(SourceView)
            await wait_for(pilot, lambda: 84 in view.visible_lines())
            assert view.is_cited(84) and not view.is_cited(83)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
            await pilot.press("down", "enter")  # from the rows, Enter opens the line too
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            assert app.screen.query_one(SourceView).is_cited(84)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
            assert app.focused is app.screen.query_one("#rows", DataTable)
            await pilot.press("f2")
            await wait_for(pilot, lambda: not isinstance(app.screen, ChecksScreen))

    run(scenario())


def test_the_checking_message_stays_while_the_checks_run(fresh_corpus: Path) -> None:
    release = threading.Event()

    class SlowChecks(Library):
        def checks(self):  # noqa: ANN202
            release.wait(10)
            return super().checks()

    async def scenario() -> None:
        app = AssistantApp(SlowChecks("index", ["corpus"], today=TODAY))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f4")
            await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
            await pilot.press(*"todo")  # typing and resizing while the checks run
            await pilot.resize_terminal(90, 28)
            await pilot.pause(0.3)
            assert "Checking corpus…" in screen_text(app)
            release.set()
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) > 0)
            await wait_for(pilot, lambda: len(table.shown) == 1)  # the filter typed meanwhile
            assert "DOC102" in screen_text(app)

    run(scenario())
