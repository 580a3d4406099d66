"""The source viewer: the doc's own lines, scrolled to and highlighting the cited ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from tui_helpers import ask, make_app, run, screen_text, wait_for

from assistant.paths import shown_path
from assistant.search import build_index
from assistant.tui.screens.source import SourceScreen
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.source_view import SourceView

CSI = "corpus/customer-service-insights/data-location.md"


def row_backgrounds(view: SourceView, number: int) -> set:
    """Background colours of the text (not the gutter) of line ``number``'s first row."""
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        if strip.text[1:].lstrip().startswith(f"{number} "):
            segments = list(Segment.filter_control(strip))
            return {seg.style.bgcolor for seg in segments[1:] if seg.style and seg.text.strip()}
    raise AssertionError(f"line {number} is not on screen")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_opens_scrolled_to_the_cited_lines_which_are_highlighted(in_seed: Path, size) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            app.open_source(CSI, 74, 74)
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            view = app.screen.query_one(SourceView)
            await wait_for(pilot, lambda: 74 in view.visible_lines())
            assert view.is_cited(74) and not view.is_cited(73) and not view.is_cited(75)
            assert view.visible_lines()[0] > 1  # scrolled: line 74 is far below the top
            text = screen_text(app)
            assert f"{CSI}:74" in text
            assert "Customer data at rest in geo" in text  # the section breadcrumb
            assert "Microsoft Power BI, Microsoft PowerApps" in text
            cited, plain = row_backgrounds(view, 74), row_backgrounds(view, 73)
            assert cited and plain and cited.isdisjoint(plain)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, SourceScreen))

    run(scenario())


def test_a_range_is_highlighted_whole_and_line_numbers_are_file_lines(in_seed: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            app.open_source(CSI, 26, 53)
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            view = app.screen.query_one(SourceView)
            await wait_for(pilot, lambda: 26 in view.visible_lines())
            assert [n for n in range(20, 60) if view.is_cited(n)] == list(range(26, 54))
            lines = (in_seed / CSI).read_text(encoding="utf-8").splitlines()
            # Every row that starts a line shows that file line's own text after its number.
            for y in range(view.scrollable_content_region.height):
                row = view.row_text(y)
                head = row[1:].split(maxsplit=1)
                if head and head[0].isdigit():
                    number = int(head[0])
                    shown = row[len(str(view.line_count)) + 2 :].rstrip()
                    assert lines[number - 1].rstrip().startswith(shown.rstrip()[:20].rstrip())
            assert "Data locations" in screen_text(app)

    run(scenario())


def test_doc_text_with_markup_and_escape_sequences_stays_literal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "corpus" / "odd" / "markup.md"
    doc.parent.mkdir(parents=True)
    doc.write_text(
        "---\ntitle: Odd [bold red]title[/]\n---\n\n# Odd doc\n\n"
        "Intro line.\n\n"
        "The price is [bold red]X[/] and \x1b[31mred\x1b[0m text with a bell\x07.\n",
        encoding="utf-8",
    )
    build_index(["corpus"], "index")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_source("corpus/odd/markup.md", 9, 9)
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            await pilot.pause()
            text = screen_text(app)
            assert "The price is [bold red]X[/] and \\x1b[31mred\\x1b[0m" in text
            assert "bell\\x07." in text
            assert "Odd [bold red]title[/]" in text  # the breadcrumb shows the title as written
            assert "\x1b" not in text and "\x07" not in text

    run(scenario())


def test_a_citation_whose_file_changed_after_the_answer_is_flagged(fresh_corpus: Path) -> None:
    build_index(["corpus"], "index")
    doc = fresh_corpus / CSI

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "ready")
            await ask(pilot, "can Power BI move my data out of geo?")
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            assert shown_path(view.answer.citations[0].path) == CSI
            lines = doc.read_text(encoding="utf-8").splitlines(keepends=True)
            doc.write_text("".join(lines[:10] + ["\n"] * 5 + lines[10:]), encoding="utf-8")
            await pilot.press("ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
            shown = " ".join(screen_text(app).split())  # the warning wraps at 80 columns
            assert "the quoted text is no longer on these lines" in shown

    run(scenario())
