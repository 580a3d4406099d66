"""The index behind the app: built when missing (with progress), rebuilt on request when stale."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import ProgressBar
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.search import build_index, index_status
from assistant.tui import app as app_module
from assistant.tui.app import AssistantApp
from assistant.tui.library import Library
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.index_banner import IndexBanner

CSI = "corpus/customer-service-insights/data-location.md"


def test_a_missing_index_is_built_with_progress_then_the_question_is_answered(
    fresh_corpus: Path,
) -> None:
    assert not index_status("index").exists

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            phases: list[str] = []
            app.watch(app, "index_state", lambda state: phases.append(state.phase))
            # The user types at once; the question waits for the index.
            await ask(pilot, "can Power BI move my data out of geo?")
            view = app.screen.query_one(AnswerView)
            if not app.index_state.can_answer:
                assert "Waiting for the index" in screen_text(app)
            await wait_for(pilot, lambda: view.answer is not None)
            assert "building" in phases
            assert view.answer.verdict == "yes"
            assert app.index_info is not None and app.index_info.docs == 2
            assert "-hidden" in app.screen.query_one(IndexBanner).classes

    run(scenario())
    assert index_status("index", ["corpus"]).exists


class SlowLibrary(Library):
    """The real library, with a pause at each progress report so a test can watch the bar."""

    lead = 0.0
    """Seconds to wait before building (a long build, seen from the app)."""

    def build(self, progress, *, full=False):  # noqa: ANN001, ANN201
        time.sleep(self.lead)

        def slow(report) -> None:  # noqa: ANN001
            progress(report)
            time.sleep(0.15)

        return super().build(slow, full=full)


def test_the_progress_bar_shows_while_building(fresh_corpus: Path) -> None:
    async def scenario() -> None:
        app = AssistantApp(SlowLibrary("index", ["corpus"]))
        async with app.run_test(size=(80, 24)) as pilot:
            seen: list[str] = []

            def visible_bar() -> bool:
                bar = app.screen.query_one(ProgressBar)
                if app.index_state.phase == "building" and bar.display and bar.size.width:
                    seen.append(screen_text(app))
                return app.index_state.can_answer

            await wait_for(pilot, visible_bar)
            assert seen, "the progress bar never showed"
            assert any("building it from corpus" in text for text in seen)
            assert any("%" in text for text in seen)  # the bar's percentage

    run(scenario())


def test_a_stale_index_says_so_and_ctrl_r_rebuilds_it(fresh_corpus: Path) -> None:
    build_index(["corpus"], "index")
    doc = fresh_corpus / CSI
    doc.write_text(doc.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "stale")
            text = screen_text(app)
            assert "1 doc has changed since the index was built" in text
            assert "ctrl+r" in text
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: app.index_state.phase == "ready")
            assert "-hidden" in app.screen.query_one(IndexBanner).classes
            assert "changed since" not in screen_text(app)

    run(scenario())
    assert index_status("index", ["corpus"]).stale == 0


def test_questions_are_answered_from_the_open_index_during_a_rebuild(fresh_corpus: Path) -> None:
    build_index(["corpus"], "index")

    async def scenario() -> None:
        library = SlowLibrary("index", ["corpus"])
        library.lead = 2.0
        app = AssistantApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "ready")
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: app.index_state.phase == "building")
            assert "Answers come from the current index" in screen_text(app)
            await ask(pilot, "can Power BI move my data out of geo?")
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            assert app.index_state.phase == "building"  # answered before the rebuild ended
            assert view.answer.verdict == "yes"
            await wait_for(pilot, lambda: app.index_state.phase == "ready")

    run(scenario())


def test_an_index_rebuilt_by_someone_else_is_picked_up(
    fresh_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "_GENERATION_CHECK", 0.2)
    build_index(["corpus"], "index")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "ready")
            assert app.index_info.docs == 2
            extra = fresh_corpus / "corpus" / "extra.md"
            extra.write_text("---\ntitle: Extra\n---\n\n# Extra\n\nMore text.\n", encoding="utf-8")
            build_index(["corpus"], "index")  # a batch job, outside the app
            await wait_for(pilot, lambda: app.index_info.docs == 3)
            assert "3 docs" in screen_text(app)

    run(scenario())


def test_an_unreadable_index_is_said_plainly_and_ctrl_r_rebuilds_it(fresh_corpus: Path) -> None:
    build_index(["corpus"], "index")
    current = (fresh_corpus / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    (fresh_corpus / "index" / current / "docs.sqlite").write_bytes(b"not a database" * 100)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "error")
            assert "ctrl+r tries again" in " ".join(screen_text(app).split())
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: app.index_state.phase == "ready", timeout=60)
            await ask(pilot, "can Power BI move my data out of geo?")
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            assert view.answer.verdict == "yes"

    run(scenario())
