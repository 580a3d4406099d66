"""A line or two of text laid out for the width it has, again whenever that width changes.

Paths are shortened in the middle (``corpora/…/admin/backup.md:75``) rather than wrapped
inside a file name or cut at the end, and that depends on the width, which is known only once
the widget is laid out, and changes with the terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static

Layout = Callable[[int], Text]
"""Given the width in cells, the text to show."""


class Fitted(Static):
    """Shows ``layout(width)``; call :meth:`show` with a new layout to change what it says."""

    def __init__(self, layout: Layout | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._layout = layout

    def show(self, layout: Layout | None) -> None:
        """Lay out and show ``layout`` (None: show nothing)."""
        self._layout = layout
        self._refit()

    def on_resize(self) -> None:
        self._refit()

    def _refit(self) -> None:
        width = self.content_region.width
        if self._layout is None or width <= 0:
            self.update("")
            return
        self.update(self._layout(width))


def ended(text: Text, width: int) -> Text:
    """``text`` on one line of ``width`` cells, ending in ``…`` when it is longer."""
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted


__all__ = ["Fitted", "Layout", "ended"]
