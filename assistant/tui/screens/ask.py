"""The main view: a question box, the index's state, and the answer with its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from ...errors import AssistantError
from ...model import Answer
from ..widgets.answer import AnswerView
from ..widgets.index_banner import IndexBanner, IndexState
from ..widgets.question import QuestionInput
from ..widgets.status_line import StatusLine
from .wrong import WrongReasonScreen

if TYPE_CHECKING:
    from ..app import AssistantApp

# How long an answer may take before the pane says it is looking (seconds).
_PENDING_DELAY = 0.15


class AskScreen(Screen[None]):
    """Ask, read the answer, open a source."""

    BINDINGS = [
        Binding("ctrl+o", "open_source", "Open source"),
        # (Letters go to the question box wherever the focus is, so marking takes a ctrl key.)
        Binding("ctrl+g", "mark_wrong", "Mark wrong"),
        Binding("escape", "focus_question", "Question", show=False),
    ]

    app: AssistantApp

    def __init__(self) -> None:
        super().__init__()
        self._waiting: str | None = None
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine("ask")
        yield QuestionInput(self.app.history.load(), id="question")
        yield IndexBanner(id="banner")
        yield AnswerView(id="answer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(QuestionInput).focus()
        self.watch(self.app, "index_state", self._index_changed)

    # -- asking ---------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        question = event.value.strip()
        if not question:
            return
        box = self.query_one(QuestionInput)
        box.remember(question)
        self.app.history.add(question)
        box.value = ""
        self.ask(question)

    def ask(self, question: str) -> None:
        """Answer ``question`` now, or as soon as the index can answer."""
        view = self.query_one(AnswerView)
        state: IndexState = self.app.index_state
        if state.can_answer:
            self._waiting = None
            # Most answers take a few dozen milliseconds: drawing "Looking it up…" first would
            # only compete with the answerer for the CPU, so it shows only if the answer is slow.
            self._stop_pending()
            self._pending = self.set_timer(
                _PENDING_DELAY, lambda: view.show_pending(question, "Looking it up…")
            )
            self._answer(question)
        elif state.phase == "error":
            view.show_error(question, f"Cannot answer: {state.message}")
        else:
            self._waiting = question
            view.show_pending(question, "Waiting for the index (see above); the answer follows.")

    @work(thread=True, exclusive=True, group="answer")
    def _answer(self, question: str) -> None:
        worker = get_current_worker()
        try:
            answer = self.app.library.ask(question)
        except AssistantError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_error, question, str(exc))
            return
        except Exception as exc:  # a bug must not take the user's session down with it
            if not worker.is_cancelled:
                self.app.call_from_thread(
                    self._show_error, question, f"internal error: {type(exc).__name__}: {exc}"
                )
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_answer, answer)

    def _stop_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    def _show_answer(self, answer: Answer) -> None:
        self._stop_pending()
        self.app.answer = answer
        # What the docs do not answer is a gap for the writers.
        logged = answer.verdict == "unknown" and self.app.log_gap(answer, "unknown")
        self.query_one(AnswerView).show_answer(answer, logged=logged)
        self.refresh_bindings()

    def _show_error(self, question: str, message: str) -> None:
        self._stop_pending()
        self.query_one(AnswerView).show_error(question, message)
        self.refresh_bindings()

    # -- marking an answer wrong ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark_wrong":
            # Offered for an answer on screen; "unknown" ones are logged as gaps already.
            view = self.query_one(AnswerView)
            answer = view.answer
            return answer is not None and answer.verdict != "unknown" and not view.marked_wrong
        return True

    def action_mark_wrong(self) -> None:
        """Mark the answer shown as wrong: it goes to the gaps log, with a word of why."""
        view = self.query_one(AnswerView)
        answer = view.answer
        if answer is None or view.marked_wrong:
            return
        if self.app.gaps.path is None:
            self.notify("Gaps are not kept: ASSISTANT_GAPS (or ASSISTANT_HISTORY) is set empty.",
                        severity="warning")
            return

        def marked(reason: str | None) -> None:
            logged = self.app.log_gap(answer, "wrong", reason or None)
            if view.answer is answer:  # (a slow answer to the next question may be shown now)
                view.show_marked_wrong(logged)
            self.refresh_bindings()

        self.app.push_screen(WrongReasonScreen(), marked)

    def _index_changed(self, state: IndexState) -> None:
        self.query_one(IndexBanner).show(state)
        if state.can_answer and self._waiting:
            self.ask(self._waiting)
        elif state.phase == "error" and self._waiting:
            question, self._waiting = self._waiting, None
            self.query_one(AnswerView).show_error(question, f"Cannot answer: {state.message}")

    # -- sources --------------------------------------------------------------------------

    def on_answer_view_source_chosen(self, event: AnswerView.SourceChosen) -> None:
        self.app.open_citation(event.citation)

    def action_open_source(self) -> None:
        """Open the highlighted source (the first one if none is highlighted)."""
        citation = self.query_one(AnswerView).highlighted_source()
        if citation is None:
            self.notify("No source to open: ask a question first.", severity="warning")
            return
        self.app.open_citation(citation)

    def on_key(self, event: events.Key) -> None:
        # Typing while the sources have focus starts the next question.
        box = self.query_one(QuestionInput)
        if self.focused is not box and event.is_printable and event.character:
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def action_focus_question(self) -> None:
        """Back to the question box."""
        self.query_one(QuestionInput).focus()


__all__ = ["AskScreen"]
