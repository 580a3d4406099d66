"""Questions asked in the app, kept between sessions (as a shell keeps its history file).

Support staff ask the same questions week after week; ↑ in the question box walks back
through them, today's and earlier sessions'. The file holds one question per line, newest
last, at ``$XDG_STATE_HOME/docs-assistant/questions`` (``~/.local/state/...`` by default).
``ASSISTANT_HISTORY`` names another file; set it empty to keep no history.

History is a convenience: a file that cannot be read or written (a read-only home) never
stops a question from being answered, so every OS error here is swallowed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

HISTORY_ENV = "ASSISTANT_HISTORY"
KEEP = 500
"""How many questions are kept (older ones are dropped when the file is compacted)."""


def default_history_path() -> Path | None:
    """Where the history lives, or None when ``ASSISTANT_HISTORY`` is set empty."""
    chosen = os.environ.get(HISTORY_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    state = os.environ.get("XDG_STATE_HOME") or os.path.join("~", ".local", "state")
    return Path(state).expanduser() / "docs-assistant" / "questions"


class QuestionHistory:
    """The history file: read once when the app opens, appended to after each question."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        """The file, or None to keep nothing."""
        self._lines = 0

    def load(self) -> list[str]:
        """The questions kept, oldest first (at most :data:`KEEP`; repeats in a row once)."""
        if self.path is None:
            return []
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        lines = text.splitlines()
        questions: list[str] = []
        for line in lines:
            line = line.strip()
            if line and (not questions or questions[-1] != line):
                questions.append(line)
        self._lines = len(lines)
        return questions[-KEEP:]

    def add(self, question: str) -> None:
        """Append ``question``; compact the file when it has grown to twice :data:`KEEP`."""
        question = " ".join(question.split())
        if self.path is None or not question:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(question + "\n")
            self._lines += 1
            if self._lines >= 2 * KEEP:
                self._compact()

    def _compact(self) -> None:
        assert self.path is not None
        kept = self.load()
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text("".join(q + "\n" for q in kept), encoding="utf-8")
        os.replace(partial, self.path)  # a reader never sees half a file
        self._lines = len(kept)


__all__ = ["HISTORY_ENV", "QuestionHistory", "default_history_path"]
