"""The top line: the app's views (with their keys), the current one marked, and the index."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..literal import literal

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
            line.append_text(Text.assemble(" ", (key, "dim"), " ", (f"{label}", style), " "))
        info = getattr(self.app, "index_info", None)
        index_dir = getattr(getattr(self.app, "library", None), "index_dir", "")
        summary = f"{index_dir}"
        if info is not None:
            summary += f": {info.docs:,} docs, {info.passages:,} passages" if info.exists else ""
        line.append("  ")
        line.append_text(literal(summary, "dim"))
        line.truncate(max(1, self.size.width - 2 if self.size.width else 200), overflow="ellipsis")
        self.update(line)

    def on_resize(self) -> None:
        self._refresh_line()


__all__ = ["VIEWS", "StatusLine"]
