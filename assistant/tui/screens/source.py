"""The source viewer: a doc's lines, scrolled to the cited ones, which are highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...paths import shortened, shown_place
from ..library import SourceDoc
from ..literal import literal
from ..widgets.fitted import Fitted
from ..widgets.source_view import SourceView


def span_text(path: str, line_start: int, line_end: int) -> str:
    """``path:line`` or ``path:first-last``."""
    return shown_place(path, line_start, line_end)


def location_text(place: str, line_count: int, width: int) -> Text:
    """``path:lines  ·  N lines`` in ``width`` cells: the place shortened in the middle when
    it must be (its file name and lines whole), the count left out before that."""
    count = f"  ·  {line_count} lines"
    if len(place) + len(count) <= width:
        return Text.assemble(literal(place, "bold"), (count, "dim"))
    return literal(shortened(place, width), "bold")


class Breadcrumb(Static):
    """The headings a line sits under; when they do not fit, the outer ones give way."""

    def __init__(self, crumbs: tuple[str, ...], **kwargs) -> None:
        super().__init__(**kwargs)
        self.crumbs = crumbs
        """Headings, outermost first."""

    def on_resize(self) -> None:
        width = max(10, self.content_region.width)
        crumbs = list(self.crumbs)
        shown = self._join(crumbs, False)
        while shown.cell_len > width and len(crumbs) > 1:
            crumbs.pop(0)
            shown = self._join(crumbs, True)
        shown.truncate(width, overflow="ellipsis")
        self.update(shown)

    @staticmethod
    def _join(crumbs: list[str], cut: bool) -> Text:
        parts = [Text("…")] if cut else []
        parts.extend(literal(c) for c in crumbs)
        return Text("§ ", style="dim") + Text(" › ", style="dim").join(parts)


class SourceScreen(Screen[None]):
    """Shows ``source`` with lines ``line_start..line_end`` highlighted."""

    BINDINGS = [Binding("escape,q", "close", "Back")]

    def __init__(
        self,
        source: SourceDoc,
        line_start: int,
        line_end: int | None = None,
        warning: str | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        """The file shown."""
        self.warning = warning
        """Said above the lines when they may not be what was cited."""
        last = max(1, len(source.lines))
        self.line_start = min(max(1, line_start), last)
        """First cited line."""
        self.line_end = min(max(self.line_start, line_end or line_start), last)
        """Last cited line."""

    def compose(self) -> ComposeResult:
        trail = [c for c in self.source.breadcrumb(self.line_start) if c]
        if trail and trail[0] == self.source.title:
            trail.pop(0)  # the H1 usually repeats the title
        yield Static(literal(self.source.title, "bold"), id="doc-title")
        yield Breadcrumb(tuple(trail), id="breadcrumb")
        place = span_text(self.source.path, self.line_start, self.line_end)
        yield Fitted(lambda width: location_text(place, len(self.source.lines), width),
                     id="location")
        if self.warning:
            yield Static(literal(self.warning), id="source-warning")
        yield SourceView(
            self.source.lines,
            (self.line_start, self.line_end),
            front_matter_end=self.source.front_matter_end,
            id="source",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SourceView).focus()

    def action_close(self) -> None:
        """Back to where the source was opened from."""
        self.dismiss()


__all__ = ["SourceScreen", "location_text", "span_text"]
