"""Gaps for the writers, from the app: unknown answers and answers marked wrong are logged,
the gaps view lists them, and the question history's opt-out keeps the log empty too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.gaps import GapsLog
from assistant.tui.app import AssistantApp
from assistant.tui.screens.gaps import GapsScreen
from assistant.tui.screens.wrong import WrongReasonScreen
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.filtered_table import FilteredTable

YES = "can Power BI move my data out of geo?"
UNKNOWN = "how many pancakes does the support team eat on fridays?"


def logged(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def answered(pilot: Pilot, question: str) -> AnswerView:
    app: AssistantApp = pilot.app  # type: ignore[assignment]
    await wait_for(pilot, lambda: app.index_state.can_answer)
    await ask(pilot, question)
    view = app.screen.query_one(AnswerView)
    await wait_for(pilot, lambda: view.answer is not None and view.answer.question == question)
    return view


def test_the_tier_is_shown_beside_the_verdict(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await answered(pilot, YES)
            row = screen_text(app).split(f"› {YES}", 1)[1].strip().splitlines()[0]
            assert row.split() == ["Yes", "Settled", "by", "the", "docs"]
            await answered(pilot, UNKNOWN)
            row = screen_text(app).split(f"› {UNKNOWN}", 1)[1].strip().splitlines()[0]
            assert row.startswith("Unknown  No passage of the docs is about this")

    run(scenario())


def test_unknown_answers_are_logged_and_listed_in_the_gaps_view(
        in_seed: Path, private_gaps: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            view = await answered(pilot, UNKNOWN)
            unknown = view.answer
            assert unknown is not None and unknown.related  # the nearest go in the log
            await wait_for(pilot, lambda: len(logged(private_gaps)) == 1)
            assert "logged for the writers (F6)" in screen_text(app)
            await answered(pilot, YES)  # answered: not a gap
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            [gap] = logged(private_gaps)
            assert gap["kind"] == "unknown" and gap["question"] == UNKNOWN
            assert gap["verdict"] == "unknown" and gap["tier"] == "none"
            nearest = [(n["path"], n["section"], n["line"]) for n in gap["nearest"]]
            assert nearest[0] == (unknown.related[0].path, unknown.related[0].section,
                                  unknown.related[0].line_start)
            assert len(nearest) == len({(c.path, c.section) for c in unknown.related})
            await pilot.press("f6")
            await wait_for(pilot, lambda: isinstance(app.screen, GapsScreen))
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) == 1)
            assert "pancakes" in screen_text(app)

    run(scenario())


def test_ctrl_g_marks_an_answer_wrong_with_a_word_of_why(
        in_seed: Path, private_gaps: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            view = await answered(pilot, YES)
            await pilot.press("ctrl+g")
            await wait_for(pilot, lambda: isinstance(app.screen, WrongReasonScreen))
            await pilot.press(*"only for Power BI Pro", "enter")
            await wait_for(pilot, lambda: len(logged(private_gaps)) == 1)
            [gap] = logged(private_gaps)
            assert gap["kind"] == "wrong" and gap["question"] == YES
            assert gap["verdict"] == "yes" and gap["reason"] == "only for Power BI Pro"
            assert gap["answer"] == view.answer.answer
            cited = view.answer.citations[0]
            assert gap["nearest"][0] == {"path": cited.path, "title": cited.title,
                                         "section": cited.section, "line": cited.line_start}
            assert "marked wrong" in screen_text(app)
            await pilot.press("ctrl+g")  # once per answer
            await pilot.pause(0.2)
            assert not isinstance(app.screen, WrongReasonScreen)
            # Escape keeps the mark without a reason.
            await answered(pilot, "Which regions are in Europe?")
            await pilot.press("ctrl+g")
            await wait_for(pilot, lambda: isinstance(app.screen, WrongReasonScreen))
            await pilot.press("escape")
            await wait_for(pilot, lambda: len(logged(private_gaps)) == 2)
            assert logged(private_gaps)[1]["reason"] is None

    run(scenario())


@pytest.mark.parametrize("opt_out", ["ASSISTANT_GAPS", "ASSISTANT_HISTORY"])
def test_opting_out_writes_nothing(in_seed: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, opt_out: str) -> None:
    monkeypatch.delenv("ASSISTANT_GAPS")
    monkeypatch.setenv(opt_out, "")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # where the default is

    async def scenario() -> None:
        app = make_app()
        assert app.gaps.path is None
        async with app.run_test(size=(80, 24)) as pilot:
            await answered(pilot, UNKNOWN)
            assert "logged for the writers" not in screen_text(app)
            await answered(pilot, YES)
            await pilot.press("ctrl+g")
            await pilot.pause(0.2)
            assert not isinstance(app.screen, WrongReasonScreen)
            await app.workers.wait_for_complete()
            await pilot.press("f6")
            await wait_for(pilot, lambda: "No gaps are kept" in screen_text(app))

    run(scenario())
    assert not (tmp_path / "state").exists()
    assert GapsLog(None).read().gaps == ()
