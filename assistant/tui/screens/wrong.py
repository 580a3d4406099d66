"""The prompt after ctrl+g marks an answer wrong: an optional word of why, for the writers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

PROMPT = (
    "Marked wrong: the question and this answer go to the gaps log for the writers. "
    "Why is it wrong? (optional)"
)


class ReasonInput(Input):
    """The reason box; Enter saves (named in the footer, unlike a plain Input's Enter)."""

    BINDINGS = [Binding("enter", "submit", "Save")]


class WrongReasonScreen(ModalScreen[str]):
    """Asks why the answer is wrong; dismissed with the reason ("" when none is given)."""

    BINDINGS = [Binding("escape", "skip", "No reason")]

    def compose(self) -> ComposeResult:
        with Vertical(id="wrong-box"):
            yield Static(Text(PROMPT), id="wrong-title")
            yield ReasonInput(
                placeholder="e.g. the price is per user, not per month",
                id="wrong-reason",
                select_on_focus=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReasonInput).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()))

    def action_skip(self) -> None:
        """Keep the mark, without a reason."""
        self.dismiss("")


__all__ = ["PROMPT", "WrongReasonScreen"]
