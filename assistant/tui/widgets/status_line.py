"""The top line: the app's views (with their keys), the current one marked, and the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ...paths import shortened, shown_path
from ..literal import literal

if TYPE_CHECKING:
    from ...search import IndexStatus

VIEWS = (
    ("ask", "F2", "Ask"),
    ("tables", "F3", "Tables"),
    ("checks", "F4", "Checks"),
    ("gaps", "F6", "Gaps"),
)
NAME = "docs-assistant"


class StatusLine(Static):
    """``docs-assistant  F2 Ask  F3 Tables  F4 Checks  F6 Gaps   391 docs, … in index``.

    When the line is too narrow, parts give way in this order: the index folder (first
    shortened in the middle, then left out), the app's name, then the counts. The views and
    their keys always stay: they are how a new user finds their way.
    """

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, view: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view = view
        """The view this line sits on."""

    def on_mount(self) -> None:
        self.watch(self.app, "index_info", self._refresh_line)

    def _refresh_line(self, _info: object = None) -> None:
        info: IndexStatus | None = getattr(self.app, "index_info", None)
        library = getattr(self.app, "library", None)
        index_dir = getattr(library, "index_dir", "")
        counts = f"{info.docs:,} docs, {info.passages:,} passages" if info and info.exists else ""
        self.update(status_text(self.view, counts, shown_path(str(index_dir)),
                                self.content_region.width or 200))

    def on_resize(self) -> None:
        self._refresh_line()


def status_text(view: str, counts: str, where: str, width: int) -> Text:
    """The status line for ``view`` in ``width`` cells (see :class:`StatusLine`)."""
    views = Text()
    for mode, key, label in VIEWS:
        style = "reverse bold" if mode == view else ""
        views.append_text(Text.assemble(" ", (key, "dim"), " ", (label, style), " "))
    name = Text.assemble((NAME, "bold"), " ")
    gap = "   "
    for show_name, show_counts in ((True, True), (False, True), (False, False)):
        line = (name.copy() if show_name else Text()) + views
        if show_counts and counts:
            line.append(gap)
            line.append_text(literal(counts, "dim"))
        if line.cell_len > width:
            continue
        if where:
            joint = " in " if show_counts and counts else gap
            room = width - line.cell_len - len(joint)
            folder = shortened(where, room)
            if len(folder) <= room:
                line.append_text(literal(joint + folder, "dim"))
        return line
    return views  # narrower than the views themselves: the terminal crops the end


__all__ = ["NAME", "VIEWS", "StatusLine", "status_text"]
