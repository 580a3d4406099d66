"""The terminal app: ask, read the answer, open the cited lines; browse tables and findings.

A thin layer over the library: every answer, table and finding comes from
:mod:`assistant.search`, :mod:`assistant.answer` and :mod:`assistant.check` through
:class:`assistant.tui.library.Library`; widgets only show what they are given.
"""

from __future__ import annotations

__all__ = ["AssistantApp"]


def __getattr__(name: str):  # Lazy, so importing the package does not import Textual.
    if name == "AssistantApp":
        from .app import AssistantApp

        return AssistantApp
    raise AttributeError(name)
