"""Errors a user can act on. The CLI turns each into a clean message and an exit code."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error this package raises on purpose; ``str()`` is the user message."""

    exit_code = 2


class CorpusError(AssistantError):
    """A corpus root or file cannot be found or read."""


class ParseError(AssistantError):
    """A file cannot be parsed at all (binary, empty); names the file."""

    exit_code = 1

    def __init__(self, path: str, message: str, line: int = 1) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


class SearchIndexError(AssistantError):
    """The search index is missing, locked, unreadable or cannot be written."""


class ConfigError(AssistantError):
    """The configuration (pyproject.toml / .assistant.toml / the lexicon) is invalid."""


__all__ = [
    "AssistantError",
    "ConfigError",
    "CorpusError",
    "ParseError",
    "SearchIndexError",
]
