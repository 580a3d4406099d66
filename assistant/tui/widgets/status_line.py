"""The top line: the app's views (with their keys), the current one marked, and the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ..literal import literal

if TYPE_CHECKING:
    from ...search import IndexStatus

VIEWS = (("ask", "F2", "Ask"), ("tables", "F3", "Tables"), ("checks", "F4", "Checks"))


class StatusLine(Static):
    """``docs-assistant  F2 Ask  F3 Tables  F4 Checks   index: …``; follows the app's index."""

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
        line = Text.assemble(("docs-assistant", "bold"), " ")
        for name, key, label in VIEWS:
            style = "reverse bold" if name == self.view else ""
            line.append_text(Text.assemble(" ", (key, "dim"), " ", (label, style), " "))
        line.append("  ")
        info: IndexStatus | None = getattr(self.app, "index_info", None)
        library = getattr(self.app, "library", None)
        where = str(getattr(library, "index_dir", ""))
        counts = f"{info.docs:,} docs, {info.passages:,} passages" if info and info.exists else ""
        width = (self.content_region.width or 200) - line.cell_len
        # The counts matter more than the folder: a long folder gives way from its start.
        room = width - len(counts) - (4 if counts else 0)  # " in "
        if len(where) > room:
            where = "…" + where[len(where) - max(0, room - 1) :] if room > 1 else ""
        summary = f"{counts} in {where}" if counts and where else counts or where
        line.append_text(literal(summary, "dim"))
        line.truncate(max(1, line.cell_len if not self.size.width else self.content_region.width),
                      overflow="ellipsis")
        self.update(line)

    def on_resize(self) -> None:
        self._refresh_line()


__all__ = ["VIEWS", "StatusLine"]
