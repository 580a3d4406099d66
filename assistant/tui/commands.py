"""Command palette entries (ctrl+p): rebuild the index, copy the answer, switch view, theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import AssistantApp


class AssistantCommands(Provider):
    """The app's own commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: AssistantApp = self.app  # type: ignore[assignment]
        return [
            ("Rebuild index", "Re-index the docs that changed on disk", app.action_rebuild),
            (
                "Copy answer as Markdown",
                "The answer and its sources, ready to paste into a ticket",
                app.action_copy_answer,
            ),
            ("Switch view: Ask", "Ask a question (F2)", partial(app.action_switch_view, "ask")),
            (
                "Switch view: Tables",
                "Browse every table in the docs (F3)",
                partial(app.action_switch_view, "tables"),
            ),
            (
                "Switch view: Checks",
                "Writers' findings over the corpus (F4)",
                partial(app.action_switch_view, "checks"),
            ),
            (
                "Switch view: Gaps",
                "What was asked that the docs do not answer, for the writers (F6)",
                partial(app.action_switch_view, "gaps"),
            ),
            ("Toggle light/dark theme", "Switch between the light and dark theme",
             app.action_toggle_dark),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


__all__ = ["AssistantCommands"]
