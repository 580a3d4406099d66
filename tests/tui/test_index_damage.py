"""A damaged index in the app (issue 12): the previous build answers and the banner says so;
damage met while answering is shown; a rebuild says what it mended; and a build made by the
app keeps to the configured size limit."""

from __future__ import annotations

import os
from pathlib import Path

from tui_helpers import TODAY, ask, make_app, run, screen_text, wait_for

from assistant.config import Config
from assistant.search import build_index, generations
from assistant.search.store import Store
from assistant.tui.app import AssistantApp
from assistant.tui.library import Library
from assistant.tui.widgets.answer import AnswerView
from assistant.tui.widgets.index_banner import IndexBanner

QUESTION = "can Power BI move my data out of geo?"


def _two_builds() -> tuple[str, str]:
    """(previous, current) generation folders, both built in full from the corpus."""
    first = build_index(["corpus"], "index")
    second = build_index(["corpus"], "index", full=True)
    assert first.generation and second.generation
    return os.path.join("index", first.generation), os.path.join("index", second.generation)


def test_a_damaged_build_gives_way_to_the_previous_one_and_the_banner_says_so(
    fresh_corpus: Path,
) -> None:
    previous, current = _two_builds()
    Path(current, generations.STORE).write_bytes(b"not a database" * 100)

    async def scenario() -> None:
        app = make_app()
        notified: list[str] = []
        real_notify = app.notify

        def notify(message: str, **options: object) -> None:
            notified.append(message)
            real_notify(message, **options)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "stale")
            text = " ".join(screen_text(app).split())
            assert "is damaged" in text and os.path.basename(previous) in text
            assert "answering from the previous build" in text and "ctrl+r" in text
            await ask(pilot, QUESTION)
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            assert view.answer.verdict == "yes"
            await pilot.press("ctrl+r")  # a plain build mends it, and says what it found
            await wait_for(pilot, lambda: app.index_state.phase == "ready", timeout=60)
            assert "-hidden" in app.screen.query_one(IndexBanner).classes
            assert any("is damaged" in message for message in notified)

    run(scenario())


def test_damage_met_while_answering_is_shown_and_answers_go_on(fresh_corpus: Path) -> None:
    _, current = _two_builds()
    # A bad disk block: the models look intact until they are read.
    for name in os.listdir(current):
        if name.startswith("pack-"):
            pack = Path(current, name)
            stat = pack.stat()
            with open(pack, "r+b") as handle:
                handle.write(b"\0" * 64)
            os.utime(pack, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.index_state.phase == "ready")
            await ask(pilot, QUESTION)
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            await wait_for(pilot, lambda: app.index_state.phase == "error")
            assert app.index_state.can_answer
            text = " ".join(screen_text(app).split())
            assert "is damaged" in text and "ctrl+r rebuilds the index" in text

    run(scenario())


def test_a_build_by_the_app_keeps_to_the_configured_size_limit(fresh_corpus: Path) -> None:
    library = Library("index", ["corpus"], Config(corpus=("corpus",), max_doc_bytes=2048),
                      today=TODAY)
    summary = library.build(lambda _: None)
    assert summary.docs == 2 and any(p.code == "doc-too-large" for p in summary.problems)
    store = Store(os.path.join(generations.current_dir("index") or "", generations.STORE),
                  readonly=True)
    try:
        assert store.get_meta("max_doc_bytes") == "2048"
    finally:
        store.close()


def test_the_app_answers_as_soon_as_the_index_is_open(in_seed: Path) -> None:
    async def scenario() -> None:
        app = AssistantApp(Library("index", ["corpus"], today=TODAY))
        async with app.run_test(size=(100, 30)) as pilot:
            await ask(pilot, QUESTION)  # before the index is open
            view = app.screen.query_one(AnswerView)
            await wait_for(pilot, lambda: view.answer is not None)
            assert view.answer.verdict == "yes"

    run(scenario())
