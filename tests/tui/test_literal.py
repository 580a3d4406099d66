"""Doc text is shown as written: markup stays literal, control characters become visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.search import build_index
from assistant.tui.literal import ESCAPE_STYLE, literal, printable
from assistant.tui.screens.tables import TablesScreen
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.filtered_table import FilteredTable


def rendered(text) -> str:  # noqa: ANN001
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    with console.capture() as capture:
        console.print(text, end="")
    return capture.get()


def test_markup_is_not_interpreted() -> None:
    text = literal("[bold red]X[/] and [link=http://evil]y[/link]")
    assert text.plain == "[bold red]X[/] and [link=http://evil]y[/link]"
    assert not text.spans


def test_escape_sequences_become_visible_and_never_reach_the_terminal() -> None:
    text = literal("a\x1b[31mRED\x1b[0m\x07b\x9bc\u202eevil")
    assert text.plain == "a\\x1b[31mRED\\x1b[0m\\x07b\\x9bc\\u202eevil"
    assert all(span.style == ESCAPE_STYLE for span in text.spans)
    assert len(text.spans) == 5
    # The only ESC bytes in the terminal output are Rich's own style codes (reverse video),
    # never the doc's "ESC [ 3 1 m".
    assert "\x1b[31m" not in rendered(text)
    assert "\x07" not in rendered(text)


def test_tabs_and_line_ends() -> None:
    assert printable("a\tb\nc") == "a b c"
    assert printable("\ta\tb", multiline=True) == "    a   b"
    assert literal("x\ny", multiline=True).plain == "x\ny"


def test_plain_text_is_untouched() -> None:
    sample = "Québec City — “regions” · 東京 · emoji 🙂"
    assert printable(sample) == sample
    assert literal(sample, "bold").plain == sample


ODD_DOC = (
    "---\ntitle: Zorblax [bold red]retention[/]\nms.date: 01/15/2024\n---\n\n"
    "# Zorblax retention\n\n"
    "The Zorblax log retention is [bold red]90 days[/] and \x1b[31mnever longer\x1b[0m.\n\n"
    "| Setting | Value |\n|---|---|\n| Zorblax retention | [b]90[/b] days \x1b[2J |\n"
)


def test_markup_and_escapes_in_a_doc_stay_literal_in_answers_and_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "corpus" / "odd.md"
    doc.parent.mkdir()
    doc.write_text(ODD_DOC, encoding="utf-8")
    build_index(["corpus"], "index")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_for(pilot, lambda: app.index_state.can_answer)
            await ask(pilot, "how long is the Zorblax log retention?")
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            text = screen_text(app)
            assert "[bold red]90 days[/] and \\x1b[31mnever longer\\x1b[0m" in text
            assert "Zorblax [bold red]retention[/]" in text  # the title in the citation
            assert "\x1b" not in text
            await pilot.press("f3")
            await wait_for(pilot, lambda: isinstance(app.screen, TablesScreen))
            table = app.screen.query_one(FilteredTable)
            await wait_for(pilot, lambda: len(table.rows) == 1)
            await pilot.pause()
            text = screen_text(app)
            assert "[b]90[/b] days \\x1b[2J" in text  # the preview shows the cells as written
            assert "\x1b" not in text

    run(scenario())
