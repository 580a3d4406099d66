"""Asking: the verdict badge, the answer, numbered citations that open at their lines, copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.model import Answer, Citation
from assistant.paths import shown_path
from assistant.tui.app import AssistantApp
from assistant.tui.screens.source import SourceScreen
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.source_view import SourceView

CSI = "corpus/customer-service-insights/data-location.md"
QUESTION = "can Power BI move my data out of geo?"


async def answered(pilot: Pilot, question: str, *, type_it: bool = False) -> AnswerView:
    """Ask ``question`` and wait until its answer is on screen."""
    await ask(pilot, question, type_it=type_it)
    view = pilot.app.screen.query_one(AnswerView)
    await wait_for(pilot, lambda: view.answer is not None and view.answer.question == question)
    return view


async def open_source(pilot: Pilot, view: AnswerView, citation: Citation) -> SourceView:
    """Move to ``citation`` in the sources list with the keyboard and open it with Enter."""
    await pilot.press("tab")
    assert pilot.app.focused is not None and pilot.app.focused.id == "sources"
    for _ in range(view.sources.index(citation)):
        await pilot.press("down")
    await pilot.press("enter")
    app: AssistantApp = pilot.app  # type: ignore[assignment]
    await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
    source = app.screen.query_one(SourceView)
    await wait_for(pilot, lambda: citation.line_start in source.visible_lines())
    return source


@pytest.mark.parametrize("size", [(80, 24), (132, 43)])
def test_yes_cites_the_csi_doc_and_the_citation_opens_highlighted(in_seed: Path, size) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            view = await answered(pilot, QUESTION, type_it=True)
            assert view.answer.verdict == "yes"
            csi = [c for c in view.answer.citations if shown_path(c.path) == CSI]
            assert csi, view.answer.citations
            text = screen_text(app)
            below_question = text.split(f"› {QUESTION}", 1)[1]
            assert below_question.split()[0] == "Yes"  # the badge comes first
            assert "1. " in text and f"{CSI}:{csi[0].line_start}" in text
            source = await open_source(pilot, view, csi[0])
            assert source.cited == (csi[0].line_start, csi[0].line_end)
            assert source.is_cited(74)  # the Power BI exception
            assert not source.is_cited(csi[0].line_start - 1)
            assert f"{CSI}:{csi[0].line_start}" in screen_text(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, SourceScreen))
            assert view.answer is not None  # the answer is still there when coming back

    run(scenario())


def test_copy_puts_the_answer_and_its_citations_on_the_clipboard(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+y")
            assert app.clipboard == ""  # nothing asked yet: nothing copied
            view = await answered(pilot, QUESTION)
            await pilot.press("ctrl+y")
            copied = app.clipboard
            answer = view.answer
            assert f"**Question:** {QUESTION}" in copied
            assert "**Verdict:** Yes" in copied
            assert answer.answer in copied
            for number, citation in enumerate(answer.citations, 1):
                assert f"{number}. " in copied
                assert f"`{shown_path(citation.path)}:{citation.line_start}" in copied
                assert citation.quote.splitlines()[0] in copied

    run(scenario())


def test_command_palette_copies_the_answer(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await answered(pilot, QUESTION)
            await pilot.press("ctrl+p")
            await pilot.pause(0.2)
            await pilot.press(*"copy")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: "**Verdict:** Yes" in app.clipboard)

    run(scenario())


def test_a_question_the_docs_do_not_settle_is_unknown(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            question = "how many pancakes does the support team eat on fridays?"
            view = await answered(pilot, question)
            assert view.answer.verdict == "unknown"
            assert not view.answer.citations
            text = screen_text(app)
            assert text.split(f"› {question}", 1)[1].split()[0] == "Unknown"
            if view.answer.related:
                assert "Nearest passages" in text

    run(scenario())


def test_copy_never_puts_control_characters_on_the_clipboard(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await answered(pilot, QUESTION)
            cite = Citation(path=CSI, title="T", section="S", line_start=1, line_end=1,
                            quote="ring \x07 and \u202eoverride")
            app.answer = Answer(QUESTION, "answer", "clear \x1b[2J screen", (cite,))
            await pilot.press("ctrl+y")
            copied = app.clipboard
            assert not any(c in copied for c in "\x1b\x07\u202e")
            assert "\\x1b[2J" in copied and "\\x07" in copied and "\\u202e" in copied

    run(scenario())
