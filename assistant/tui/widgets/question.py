"""The question box: Enter asks, up and down walk through earlier questions."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class QuestionInput(Input):
    """An ``Input`` with shell-like history on up/down (the draft is kept while browsing)."""

    BINDINGS = [
        Binding("up", "history_previous", "Previous question", show=False),
        Binding("down", "history_next", "Next question", show=False),
    ]

    def __init__(self, history: list[str] | None = None, **kwargs) -> None:
        kwargs.setdefault(
            "placeholder", "Ask a question about the docs (Enter to ask, ↑/↓ for earlier ones)"
        )
        # Keys typed elsewhere are forwarded here; a selection would make the next one replace
        # them.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(**kwargs)
        self.history: list[str] = history if history is not None else []
        """Questions asked, oldest first."""
        self._position = len(self.history)
        self._draft = ""

    def remember(self, question: str) -> None:
        """Add ``question`` to the history (a repeat of the last one is kept once)."""
        question = question.strip()
        if question and (not self.history or self.history[-1] != question):
            self.history.append(question)
        self._position = len(self.history)
        self._draft = ""

    def action_history_previous(self) -> None:
        """Show the question asked before the one shown."""
        if self._position == 0:
            return
        if self._position == len(self.history):
            self._draft = self.value
        self._position -= 1
        self._show(self.history[self._position])

    def action_history_next(self) -> None:
        """Show the question asked after the one shown (then the draft)."""
        if self._position >= len(self.history):
            return
        self._position += 1
        at_end = self._position == len(self.history)
        self._show(self._draft if at_end else self.history[self._position])

    def _show(self, value: str) -> None:
        self.value = value
        self.cursor_position = len(value)


__all__ = ["QuestionInput"]
