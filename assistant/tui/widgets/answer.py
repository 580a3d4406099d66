"""The answer pane: the question, the verdict badge with how sure it is, the answer, and its
numbered sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import TIER_NOTES, Answer, Citation
from ...paths import shortened, shown_place
from ..literal import literal

VERDICT_LABELS = {"yes": "Yes", "no": "No", "answer": "Answer", "unknown": "Unknown"}
# How sure an answer is, beside its verdict: a settled one stands out, a quoted one reads as a
# quotation, "nothing about it" recedes.
TIER_STYLES = {"sure": "bold", "quoted": "italic", "none": "italic dim"}
# How much of a quote the list shows under each source (the viewer shows it all).
_QUOTE_CHARS = 240

HINT = (
    "Type a question and press Enter. ↑/↓ bring back earlier questions; Tab moves to the "
    "sources, Enter opens one at its cited lines."
)


def location(citation: Citation) -> str:
    """``path:line`` or ``path:first-last``."""
    return shown_place(citation.path, citation.line_start, citation.line_end)


def tier_note(answer: Answer) -> str:
    """How sure ``answer`` is, in words (``Settled by the docs``)."""
    note = TIER_NOTES.get(answer.tier, answer.tier)
    return note[:1].upper() + note[1:]


def citation_text(number: int, citation: Citation, width: int) -> Text:
    """``n. title › section — file:line`` and, below it, the start of the quote.

    When that does not fit in ``width`` cells, the place goes on a line of its own, shortened
    in the middle if it must be, so a file name is never broken; titles wrap as words do.
    """
    label = f"{number}. "
    names = Text.assemble(
        literal(citation.title, "bold"),
        *((" › ", "dim"), literal(citation.section)) if citation.section else (),
    )
    place = location(citation)
    head = Text.assemble((label, "bold"), names, (" — ", "dim"), literal(place, "underline"))
    if head.cell_len > width:
        indent = " " * len(label)
        head = Text.assemble(
            (label, "bold"), names, "\n",
            indent, literal(shortened(place, width - len(indent)), "underline"),
        )
    quote = citation.quote
    if len(quote) > _QUOTE_CHARS:
        quote = quote[: _QUOTE_CHARS - 1].rstrip() + "…"
    return Text.assemble(head, "\n", literal(f"“{quote}”", "italic dim"))


class _AnswerScroll(VerticalScroll, can_focus=False):
    """Scrolls a long answer with the mouse; Tab goes straight from the question to the sources."""


class SourceList(OptionList):
    """The numbered sources, laid out again when the width changes (paths depend on it)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.citations: list[Citation] = []
        """The citations listed, in order."""
        self._laid_out_for = -1

    def show(self, citations: list[Citation]) -> None:
        """List ``citations``, the first one highlighted."""
        self.citations = citations
        self._lay_out()
        self.highlighted = 0 if citations else None

    def on_resize(self, event: Resize) -> None:
        if self._prompt_width() != self._laid_out_for and self.citations:
            highlighted = self.highlighted
            self._lay_out()
            self.highlighted = highlighted

    def _prompt_width(self) -> int:
        # Leave room for the scrollbar even before it shows: a long list brings it in
        # without a resize.
        scrollbar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
        return max(20, self.scrollable_content_region.width - scrollbar)

    def _lay_out(self) -> None:
        width = self._prompt_width()
        self._laid_out_for = width
        self.clear_options()
        items: list[Option | None] = []
        for number, citation in enumerate(self.citations, 1):
            if items:
                items.append(None)  # a rule between sources
            items.append(Option(citation_text(number, citation, width), id=str(number)))
        self.add_options(items)


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
        self.marked_wrong = False
        """Whether the user marked the answer shown as wrong."""
        self.logged = False
        """Whether the answer shown went to the gaps log (unknown, or marked wrong)."""

    def compose(self) -> ComposeResult:
        yield Static(id="asked")
        with _AnswerScroll(id="answer-scroll"):
            with Horizontal(id="verdict-row"):
                yield Static(id="badge")
                yield Static(id="tier")
            yield Static(literal(HINT), id="answer-text")
        yield Static(id="sources-title")
        yield SourceList(id="sources", classes="-empty")

    # -- states ---------------------------------------------------------------------------

    def show_pending(self, question: str, message: str) -> None:
        """The question is being answered (or waits for the index)."""
        self._set(question, None, literal(message, "italic"), "", [])
        self.answer = None

    def show_error(self, question: str, message: str) -> None:
        """The question could not be answered."""
        self._set(question, "error", literal(message), "", [])
        self.answer = None

    def show_answer(self, answer: Answer, *, logged: bool = False) -> None:
        """Show ``answer`` with its citations (or its related passages when unknown);
        ``logged``: it went to the gaps log."""
        self.answer = answer
        if answer.citations:
            title, sources = "Sources", list(answer.citations)
        elif answer.related:
            title, sources = "Nearest passages (they do not settle it)", list(answer.related)
        else:
            title, sources = "", []
        self._set(answer.question, answer.verdict, literal(answer.answer), title, sources)
        self.logged = logged
        self._show_tier()

    def show_marked_wrong(self, logged: bool) -> None:
        """Say that the user marked the answer wrong (and whether it was logged)."""
        self.marked_wrong = True
        self.logged = logged
        self._show_tier()

    def _show_tier(self) -> None:
        answer = self.answer
        if answer is None:
            return
        line = literal(tier_note(answer), TIER_STYLES.get(answer.tier, ""))
        if self.marked_wrong:
            line.append(" · marked wrong", "bold")
        if self.logged:
            line.append(" · logged for the writers (F6)", "dim")
        self.query_one("#tier", Static).update(line)

    def _set(
        self, question: str, verdict: str | None, text: Text, title: str, sources: list[Citation]
    ) -> None:
        self.marked_wrong = False
        self.logged = False
        self.query_one("#asked", Static).update(literal(f"› {question}") if question else "")
        badge = self.query_one("#badge", Static)
        badge.remove_class("-yes", "-no", "-answer", "-unknown", "-error")
        if verdict is not None:  # the badge shows only with one of these classes
            badge.add_class(f"-{verdict}")
            badge.update(Text(VERDICT_LABELS.get(verdict, "Error")))
        self.query_one("#tier", Static).update("")
        self.query_one("#answer-text", Static).update(text)
        self.query_one("#sources-title", Static).update(Text(title))
        self.sources = sources
        options = self.query_one("#sources", SourceList)
        options.show(sources)
        options.set_class(not sources, "-empty")
        self.query_one("#answer-scroll").scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SourceChosen(self.sources[int(event.option.id) - 1]))

    def highlighted_source(self) -> Citation | None:
        """The source the cursor is on (the first one when the list was never entered)."""
        options = self.query_one("#sources", SourceList)
        option = options.highlighted_option
        if option is None or option.id is None:
            return self.sources[0] if self.sources else None
        return self.sources[int(option.id) - 1]


__all__ = ["TIER_STYLES", "VERDICT_LABELS", "AnswerView", "SourceList", "citation_text",
           "location", "tier_note"]
