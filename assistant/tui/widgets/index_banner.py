"""A strip under the question box that says when the index is missing, building or stale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from ..literal import literal

Phase = Literal["opening", "building", "ready", "stale", "error"]


@dataclass(frozen=True, slots=True)
class IndexState:
    """Where the app's index stands."""

    phase: Phase = "opening"
    """``opening`` at start, ``building`` while a build runs, ``ready`` or ``stale`` once it can
    answer, ``error`` when it cannot be opened or built."""
    message: str = ""
    """What to tell the user."""
    answerable: bool = False
    """Whether an index is open meanwhile (an older one, during a rebuild) to answer from."""
    done: int = 0
    """Docs processed so far (while building)."""
    total: int | None = None
    """Docs to process (None until known)."""

    @property
    def can_answer(self) -> bool:
        """Whether questions can be answered now."""
        return self.answerable or self.phase in ("ready", "stale")


class IndexBanner(Vertical):
    """Hidden when the index is ready; otherwise a message and, while building, a progress bar."""

    DEFAULT_CSS = """
    IndexBanner {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    IndexBanner.-hidden { display: none; }
    IndexBanner #banner-text { height: auto; }
    IndexBanner ProgressBar { display: none; }
    IndexBanner.-building ProgressBar { display: block; }
    IndexBanner.-stale { background: $warning 20%; }
    IndexBanner.-error { background: $error 25%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="banner-text")
        yield ProgressBar(id="banner-progress", show_eta=False)

    def show(self, state: IndexState) -> None:
        """Reflect ``state``."""
        self.set_class(state.phase == "ready", "-hidden")
        for phase in ("opening", "building", "stale", "error"):
            self.set_class(state.phase == phase, f"-{phase}")
        self.query_one("#banner-text", Static).update(literal(state.message))
        bar = self.query_one(ProgressBar)
        if state.phase == "building":
            bar.update(total=state.total, progress=state.done)


__all__ = ["IndexBanner", "IndexState", "Phase"]
