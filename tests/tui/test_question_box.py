"""The question box: focused at start, Enter asks, up/down walk the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.question import QuestionInput


def test_focused_at_start_with_history_on_up_and_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no corpus here: the index cannot be built

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            box = app.screen.query_one(QuestionInput)
            assert app.focused is box
            await ask(pilot, "first question", type_it=True)
            await ask(pilot, "second question")
            assert box.value == ""
            await pilot.press(*"draft")
            await pilot.press("up")
            assert box.value == "second question"
            await pilot.press("up")
            assert box.value == "first question"
            await pilot.press("up")
            assert box.value == "first question"
            await pilot.press("down")
            assert box.value == "second question"
            await pilot.press("down")
            assert box.value == "draft"
            assert box.cursor_position == len("draft")

    run(scenario())


def test_a_missing_corpus_is_said_plainly_and_questions_are_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        app = make_app(roots=("nowhere",))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "error")
            text = screen_text(app)
            assert "nowhere" in text  # the message names the missing corpus
            await ask(pilot, "is anything indexed?")
            await pilot.pause()
            text = screen_text(app)
            assert "› is anything indexed?" in text
            assert "Cannot answer" in text

    run(scenario())


def test_typing_while_the_sources_have_focus_starts_the_next_question(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.can_answer)
            await ask(pilot, "can Power BI move my data out of geo?")
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            await pilot.press("tab")
            assert app.focused is app.screen.query_one("#sources")
            await pilot.press(*"where")
            box = app.screen.query_one(QuestionInput)
            assert app.focused is box and box.value == "where"

    run(scenario())


def test_questions_asked_in_an_earlier_session_come_back_on_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_history: Path
) -> None:
    monkeypatch.chdir(tmp_path)

    async def session(asked: list[str]) -> list[str]:
        """Ask ``asked``, then walk back with up as far as the history goes."""
        app = make_app()
        seen: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            for question in asked:
                await ask(pilot, question)
            box = app.screen.query_one(QuestionInput)
            for _ in range(4):
                await pilot.press("up")
                seen.append(box.value)
        return seen

    assert run(session(["which regions are in europe", "is data encrypted"])) == [
        "is data encrypted", "which regions are in europe", "which regions are in europe",
        "which regions are in europe"]
    assert run(session([])) == [
        "is data encrypted", "which regions are in europe", "which regions are in europe",
        "which regions are in europe"]
    assert private_history.read_text(encoding="utf-8").splitlines() == [
        "which regions are in europe", "is data encrypted"]
