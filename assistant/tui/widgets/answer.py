"""The answer pane: the question, a coloured verdict badge, the answer and its numbered sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import TIER_NOTES, Answer, Citation
from ...paths import shown_place
from ..literal import literal

VERDICT_LABELS = {"yes": "Yes", "no": "No", "answer": "Answer", "unknown": "Unknown"}
# How much of a quote the list shows under each source (the viewer shows it all).
_QUOTE_CHARS = 240

HINT = (
    "Type a question and press Enter. ↑/↓ bring back earlier questions; Tab moves to the "
    "sources, Enter opens one at its cited lines."
)


def location(citation: Citation) -> str:
    """``path:line`` or ``path:first-last``."""
    return shown_place(citation.path, citation.line_start, citation.line_end)


def citation_text(number: int, citation: Citation) -> Text:
    """``n. title › section — file:line`` and, below it, the start of the quote."""
    head = Text.assemble(
        (f"{number}. ", "bold"),
        literal(citation.title, "bold"),
        *((" › ", "dim"), literal(citation.section)) if citation.section else (),
        (" — ", "dim"),
        literal(location(citation), "underline"),
    )
    quote = citation.quote
    if len(quote) > _QUOTE_CHARS:
        quote = quote[: _QUOTE_CHARS - 1].rstrip() + "…"
    return Text.assemble(head, "\n", literal(f"“{quote}”", "italic dim"))


class _AnswerScroll(VerticalScroll, can_focus=False):
    """Scrolls a long answer with the mouse; Tab goes straight from the question to the sources."""


class AnswerView(Vertical):
    """Shows one answer; picking a source posts :class:`AnswerView.SourceChosen`."""

    class SourceChosen(Message):
        """The user picked a citation (or a related passage) to open."""

        def __init__(self, citation: Citation) -> None:
            super().__init__()
            self.citation = citation
            """The citation picked."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.answer: Answer | None = None
        """The answer shown, if any."""
        self.sources: list[Citation] = []
        """The citations listed, in the order shown (citations, then related passages)."""

    def compose(self) -> ComposeResult:
        yield Static(id="asked")
        with _AnswerScroll(id="answer-scroll"), Horizontal(id="verdict-row"):
            yield Static(id="badge")
            yield Static(literal(HINT), id="answer-text")
        yield Static(id="sources-title")
        yield OptionList(id="sources", classes="-empty")

    # -- states ---------------------------------------------------------------------------

    def show_pending(self, question: str, message: str) -> None:
        """The question is being answered (or waits for the index)."""
        self._set(question, None, literal(message, "italic"), "", [])
        self.answer = None

    def show_error(self, question: str, message: str) -> None:
        """The question could not be answered."""
        self._set(question, "error", literal(message), "", [])
        self.answer = None

    def show_answer(self, answer: Answer) -> None:
        """Show ``answer`` with its citations (or its related passages when unknown)."""
        self.answer = answer
        if answer.citations:
            title, sources = "Sources", list(answer.citations)
        elif answer.related:
            title, sources = "Nearest passages (they do not settle it)", list(answer.related)
        else:
            title, sources = "", []
        text = Text.assemble(literal(answer.answer), "\n",
                             (TIER_NOTES.get(answer.tier, answer.tier).capitalize() + ".",
                              "italic dim"))
        self._set(answer.question, answer.verdict, text, title, sources)

    def _set(
        self, question: str, verdict: str | None, text: Text, title: str, sources: list[Citation]
    ) -> None:
        self.query_one("#asked", Static).update(literal(f"› {question}") if question else "")
        badge = self.query_one("#badge", Static)
        badge.remove_class("-yes", "-no", "-answer", "-unknown", "-error")
        if verdict is not None:  # the badge shows only with one of these classes
            badge.add_class(f"-{verdict}")
            badge.update(Text(VERDICT_LABELS.get(verdict, "Error")))
        self.query_one("#answer-text", Static).update(text)
        self.query_one("#sources-title", Static).update(Text(title))
        self.sources = sources
        options = self.query_one("#sources", OptionList)
        options.clear_options()
        items: list[Option | None] = []
        for number, citation in enumerate(sources, 1):
            if items:
                items.append(None)  # a rule between sources
            items.append(Option(citation_text(number, citation), id=str(number)))
        options.add_options(items)
        options.set_class(not sources, "-empty")
        options.highlighted = 0 if sources else None
        self.query_one("#answer-scroll").scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SourceChosen(self.sources[int(event.option.id) - 1]))

    def highlighted_source(self) -> Citation | None:
        """The source the cursor is on (the first one when the list was never entered)."""
        options = self.query_one("#sources", OptionList)
        option = options.highlighted_option
        if option is None or option.id is None:
            return self.sources[0] if self.sources else None
        return self.sources[int(option.id) - 1]


__all__ = ["VERDICT_LABELS", "AnswerView", "citation_text", "location"]
