"""A doc's own lines, numbered and word-wrapped, with the cited lines highlighted.

The file is shown as written (front matter included), so the line numbers are the very numbers
citations and findings use; only control characters are made visible (see ``literal``).
Rows are rendered on demand (Textual's line API), so a long doc costs nothing to scroll.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..literal import literal


class SourceView(ScrollView, can_focus=True):
    """Numbered, wrapped source lines; lines ``cited[0]..cited[1]`` are highlighted."""

    BINDINGS = [Binding("c", "show_cited", "Cited lines")]

    COMPONENT_CLASSES = {
        "source-view--gutter",
        "source-view--cited",
        "source-view--cited-gutter",
        "source-view--heading",
        "source-view--front-matter",
    }

    DEFAULT_CSS = """
    SourceView {
        scrollbar-gutter: stable;
        background: $surface;
    }
    SourceView > .source-view--gutter { color: $text-muted; }
    SourceView > .source-view--cited { background: $warning 30%; }
    SourceView > .source-view--cited-gutter {
        background: $warning; color: $text; text-style: bold;
    }
    SourceView > .source-view--heading { color: $text-primary; text-style: bold; }
    SourceView > .source-view--front-matter { color: $text-muted; }
    """

    def __init__(
        self,
        lines: Sequence[str],
        cited: tuple[int, int] | None = None,
        *,
        front_matter_end: int = 0,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lines = [literal(line, multiline=True) for line in lines]
        self.cited = cited
        """First and last cited line (1-based, inclusive), or None."""
        self._front_matter_end = front_matter_end
        self._number_width = len(str(max(1, len(self._lines))))
        # One entry per screen row: (line number, or 0 on a continuation row; the row's text).
        self._rows: list[tuple[int, Text]] = []
        self._first_row: list[int] = []
        self._wrap_width = -1
        self._row_cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._scroll_to_cited_pending = cited is not None

    @property
    def line_count(self) -> int:
        """How many lines the file has."""
        return len(self._lines)

    def is_cited(self, number: int) -> bool:
        """Whether line ``number`` is one of the highlighted lines."""
        return self.cited is not None and self.cited[0] <= number <= self.cited[1]

    def visible_lines(self) -> list[int]:
        """Numbers of the source lines that have at least one row on screen."""
        start = round(self.scroll_offset.y)
        numbers: list[int] = []
        end = min(len(self._rows), start + self.scrollable_content_region.height)
        for index in range(start, end):
            number = self._line_of_row(index)
            if not numbers or numbers[-1] != number:
                numbers.append(number)
        return numbers

    def row_text(self, y: int) -> str:
        """The plain text of screen row ``y`` as shown (gutter included), for tests and tools."""
        return self.render_line(y).text

    def scroll_to_line(self, number: int, *, animate: bool = False) -> None:
        """Scroll so that line ``number`` sits near the top third of the view."""
        if not self._first_row:
            return
        row = self._first_row[min(max(number, 1), len(self._first_row)) - 1]
        lead = max(0, self.scrollable_content_region.height // 3)
        self.scroll_to(y=max(0, row - lead), animate=animate, immediate=not animate)

    def action_show_cited(self) -> None:
        """Scroll back to the cited lines."""
        if self.cited is not None:
            self.scroll_to_line(self.cited[0], animate=True)

    # -- layout ---------------------------------------------------------------------------

    def _gutter_width(self) -> int:
        return self._number_width + 2  # a marker column, the number, a space

    def _line_of_row(self, index: int) -> int:
        while index > 0 and self._rows[index][0] == 0:
            index -= 1
        return self._rows[index][0] if self._rows else 0

    def _rewrap(self) -> None:
        width = max(8, self.scrollable_content_region.width - self._gutter_width())
        if width == self._wrap_width:
            return
        anchor = None if self._wrap_width < 0 or not self._rows else self.visible_lines()[:1]
        self._wrap_width = width
        console = self.app.console
        rows: list[tuple[int, Text]] = []
        first_row: list[int] = []
        for number, line in enumerate(self._lines, 1):
            first_row.append(len(rows))
            # Wrapped rows hang under the line's own indent, so nested lists stay readable.
            body = line.plain.lstrip(" ")
            indent = min(len(line.plain) - len(body), width // 2)
            if not body:
                rows.append((number, Text()))
                continue
            pieces = line[len(line.plain) - len(body) :].wrap(
                console, width - indent, overflow="fold"
            )
            for position, piece in enumerate(pieces):
                rows.append((number if position == 0 else 0, Text(" " * indent) + piece))
        self._rows = rows
        self._first_row = first_row
        self._row_cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        if self._scroll_to_cited_pending and self.cited is not None:
            self._scroll_to_cited_pending = False
            self.call_after_refresh(self.scroll_to_line, self.cited[0])
        elif anchor:
            self.call_after_refresh(self.scroll_to_line, anchor[0])
        self.refresh()

    def _on_resize(self, event: Resize) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_cache.clear()

    # -- rendering ------------------------------------------------------------------------

    def _line_style(self, number: int, text: str) -> str:
        if number <= self._front_matter_end:
            return "source-view--front-matter"
        if text.lstrip().startswith("#"):
            return "source-view--heading"
        return ""

    def render_line(self, y: int) -> Strip:
        scroll_y = round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (index, width)
        cached = self._row_cache.get(key)
        if cached is None:
            cached = self._render_row(index, width)
            self._row_cache[key] = cached
        return cached

    def _render_row(self, index: int, width: int) -> Strip:
        number, piece = self._rows[index]
        line_number = self._line_of_row(index)
        cited = self.is_cited(line_number)
        base = self.rich_style
        gutter_style = self.get_component_rich_style(
            "source-view--cited-gutter" if cited else "source-view--gutter"
        )
        marker = "▌" if cited else " "
        label = str(number) if number else ""
        gutter = Text(f"{marker}{label:>{self._number_width}} ", style=gutter_style)
        body = piece.copy()
        line_class = self._line_style(line_number, self._lines[line_number - 1].plain)
        if line_class:
            body.stylize(self.get_component_rich_style(line_class))
        segments: list[Segment] = list(Text.assemble(gutter, body).render(self.app.console))
        strip = Strip(segments)
        row_style: Style = base
        if cited:
            row_style = base + self.get_component_rich_style("source-view--cited")
        return strip.crop_extend(0, width, row_style).apply_style(row_style)


__all__ = ["SourceView"]
