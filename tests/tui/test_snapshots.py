"""Snapshots of the main screens at a fixed size (review changes with --snapshot-update).

The app runs in a working folder holding the seed corpus and its index, so every path on
screen is relative and the pictures do not depend on where the tests run.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import LONG_CSI, LONG_STORAGE, ask, make_app, wait_for

from assistant.gaps import GapsLog, gap_from_answer
from assistant.model import Answer, Citation
from assistant.tui.app import AssistantApp
from assistant.tui.screens.checks import ChecksScreen
from assistant.tui.screens.gaps import GapsScreen
from assistant.tui.screens.source import SourceScreen
from assistant.tui.screens.tables import TablesScreen
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.filtered_table import FilteredTable
from assistant.tui.widgets.source_view import SourceView

CSI = "corpus/customer-service-insights/data-location.md"
SIZE = (80, 24)


async def settle(pilot: Pilot) -> None:
    """Stop cursors blinking and let pending work finish, so the picture is the same each run."""
    app: AssistantApp = pilot.app  # type: ignore[assignment]
    await wait_for(pilot, lambda: app.index_state.phase not in ("opening", "building"))
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_source_viewer(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await wait_for(pilot, lambda: app.index_state.phase != "opening")
        app.open_source(CSI, 74, 74)
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        view = app.screen.query_one(SourceView)
        await wait_for(pilot, lambda: 74 in view.visible_lines())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_checks_view(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
        table = app.screen.query_one(FilteredTable)
        await wait_for(pilot, lambda: len(table.rows) > 0)
        await pilot.press(*"error")
        await wait_for(pilot, lambda: len(table.shown) < len(table.rows))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def asked(pilot: Pilot, question: str) -> None:
    app: AssistantApp = pilot.app  # type: ignore[assignment]
    await wait_for(pilot, lambda: app.index_state.can_answer)
    await ask(pilot, question)
    view = app.screen.query_one(AnswerView)
    await wait_for(pilot, lambda: view.answer is not None)
    await settle(pilot)


def test_ask_view_at_start(in_seed: Path, snap_compare) -> None:
    app = make_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_yes_answer(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await asked(pilot, "can Power BI move my data out of geo?")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_yes_answer_light_theme_larger_terminal(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        app.theme = "textual-light"
        await asked(pilot, "can Power BI move my data out of geo?")

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_unknown_answer(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await asked(pilot, "how many pancakes does the support team eat on fridays?")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_tables_browser(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
        table = app.screen.query_one(FilteredTable)
        await wait_for(pilot, lambda: len(table.rows) > 0)
        await pilot.press(*"geo")
        await wait_for(pilot, lambda: table.query_text == "geo" and len(table.shown) == 1)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_source_viewer_light_theme(in_seed: Path, snap_compare) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        app.theme = "textual-light"
        await wait_for(pilot, lambda: app.index_state.phase != "opening")
        app.open_source(CSI, 59, 59)
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        view = app.screen.query_one(SourceView)
        await wait_for(pilot, lambda: 59 in view.visible_lines())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


# -- long paths, at the smallest size the app is made for and at a large one ---------------
# The docs sit deep in folders with long names (see conftest.LONG_CSI): paths must shorten in
# the middle with an ellipsis, never wrap inside a file name, and keep `file.md:line` whole.

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def long_paths_app() -> AssistantApp:
    return make_app(roots=("docs",))


@pytest.mark.parametrize("size", SIZES)
def test_long_paths_ask(in_long_paths: Path, snap_compare, size: str) -> None:
    app = long_paths_app()

    async def run_before(pilot: Pilot) -> None:
        await asked(pilot, "can Power BI move my data out of geo?")

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_long_paths_viewer(in_long_paths: Path, snap_compare, size: str) -> None:
    app = long_paths_app()

    async def run_before(pilot: Pilot) -> None:
        await wait_for(pilot, lambda: app.index_state.phase != "opening")
        app.open_source(LONG_CSI, 74, 74)
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        view = app.screen.query_one(SourceView)
        await wait_for(pilot, lambda: 74 in view.visible_lines())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_long_paths_tables(in_long_paths: Path, snap_compare, size: str) -> None:
    app = long_paths_app()

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
        table = app.screen.query_one(FilteredTable)
        await wait_for(pilot, lambda: len(table.rows) > 0)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_long_paths_checks(in_long_paths: Path, snap_compare, size: str) -> None:
    app = long_paths_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecksScreen))
        table = app.screen.query_one(FilteredTable)
        await wait_for(pilot, lambda: len(table.rows) > 0)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def test_gaps_view(in_long_paths: Path, private_gaps: Path, snap_compare,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")  # times are shown in local time
    time.tzset()
    near = Citation(str(in_long_paths / LONG_STORAGE), "Data storage in Power Platform",
                    "Licences and capacity", 40, 41, "quote")
    log = GapsLog(private_gaps)
    logged = [
        ("how much does a Pro licence cost", "unknown", None, "2026-12-01T09:00"),
        ("Pro licence price per month", "wrong", "it quoted the storage price",
         "2026-12-02T10:30"),
        ("how much does a Pro licence cost", "unknown", None, "2026-12-03T11:00"),
        ("can I restore a deleted environment after 30 days", "unknown", None,
         "2026-12-02T15:00"),
    ]
    for question, kind, reason, when in logged:
        verdict = "unknown" if kind == "unknown" else "answer"
        answer = Answer(question, verdict, "…", related=(near,), tier="none")
        log.append(gap_from_answer(answer, kind, reason,
                                   now=dt.datetime.fromisoformat(when + "+00:00")))
    app = long_paths_app()

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, GapsScreen))
        table = app.screen.query_one(FilteredTable)
        await wait_for(pilot, lambda: len(table.rows) == 2)
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        monkeypatch.undo()
        time.tzset()
