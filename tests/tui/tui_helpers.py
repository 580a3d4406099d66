"""Helpers for driving the app in tests."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Sequence

from textual.pilot import Pilot

from assistant.tui.app import AssistantApp
from assistant.tui.library import Library

# Checks judge doc dates against "today"; tests fix it so what they show never drifts.
TODAY = dt.date(2026, 1, 15)
# The seed docs again, as deep in folders and with names as long as real docsets have them
# (power-platform-admin: power-platform/admin/backup-restore-environments.md), to see how
# the app shows long paths (the long_paths_workdir fixture).
LONG_CSI = ("docs/learn-microsoft-com/dynamics-365-ai-2019/customer-service-insights/admin/"
            "data-locations-for-customer-service-insights-by-geo.md")
LONG_STORAGE = ("docs/learn-microsoft-com/power-platform-admin/power-platform/admin/"
                "data-storage-capacity-and-environments.md")


def make_app(index: str = "index", roots: Sequence[str] = ("corpus",)) -> AssistantApp:
    """The app as ``assistant tui --index INDEX --corpus ROOT...`` would start it."""
    return AssistantApp(Library(index, roots, today=TODAY))


def screen_text(app: AssistantApp) -> str:
    """What the terminal shows now, as plain text (one line per row)."""
    # The compositor is what Textual itself draws from; reading it is the closest a test can
    # get to reading the terminal.
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (workers finish in their own threads)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)
    await pilot.pause()


async def ask(pilot: Pilot, question: str, *, type_it: bool = False) -> None:
    """Put ``question`` in the question box (typed key by key with ``type_it``), press Enter."""
    if type_it:
        await pilot.press(*question)
    else:
        from assistant.tui.widgets.question import QuestionInput

        box = pilot.app.screen.query_one(QuestionInput)
        assert pilot.app.focused is box
        box.insert_text_at_cursor(question)
    await pilot.press("enter")


def run(coroutine):  # noqa: ANN001, ANN201 - any awaitable scenario
    """Run an async test scenario to the end; return what it returns."""
    return asyncio.run(coroutine)
