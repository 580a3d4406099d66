"""The Textual app: opens (or builds) the index in a worker, and hosts the four views.

Views are Textual *modes*, each with its own screen stack: ``ask`` (the main view), ``tables``,
``checks`` and ``gaps``; the source viewer is pushed on top of whichever view opened it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.timer import Timer

from ..errors import AssistantError
from ..gaps import GapsLog, Kind, gap_from_answer, gaps_path
from ..model import Answer, Citation
from ..paths import shown_path
from ..printable import printable
from .commands import AssistantCommands
from .history import QuestionHistory, default_history_path
from .library import Library
from .markdown import answer_markdown
from .screens.ask import AskScreen
from .screens.checks import ChecksScreen
from .screens.gaps import GapsScreen
from .screens.source import SourceScreen
from .screens.tables import TablesScreen
from .widgets.index_banner import IndexState

if TYPE_CHECKING:
    from ..search import BuildProgress, IndexStatus

# How often the progress bar reads the build's progress (the builder never waits for the UI).
_PROGRESS_INTERVAL = 0.1
# How often the app looks for a newer index published by someone else (reads one small file).
_GENERATION_CHECK = 10.0


class AssistantApp(App[None]):
    """Ask the docs, read the answer, open the cited lines."""

    CSS_PATH = "app.tcss"
    TITLE = "docs-assistant"
    COMMANDS = App.COMMANDS | {AssistantCommands}
    MODES = {"ask": AskScreen, "tables": TablesScreen, "checks": ChecksScreen,
             "gaps": GapsScreen}
    DEFAULT_MODE = "ask"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),  # shown: a new user looks for it
        # The views' keys are on the top line of every view, so the footer leaves them out.
        Binding("f2", "switch_view('ask')", "Ask", show=False),
        Binding("f3", "switch_view('tables')", "Tables", show=False),
        Binding("f4", "switch_view('checks')", "Checks", show=False),
        # (F5 re-runs the checks and reloads the gaps, as it refreshes a page in a browser.)
        Binding("f6", "switch_view('gaps')", "Gaps", show=False),
        # ("Copy" beside the answer says enough, and keeps the footer whole at 80 columns.)
        Binding("ctrl+y", "copy_answer", "Copy"),
        Binding("ctrl+r", "rebuild", "Rebuild index"),
    ]

    index_state: reactive[IndexState] = reactive(IndexState, always_update=True)
    """Where the index stands (the ask view's banner shows it)."""
    index_info: reactive[IndexStatus | None] = reactive(None, always_update=True)
    """Counts of the open index."""
    index_generation: reactive[int] = reactive(0)
    """Bumped each time a (re)built index is opened, so views reload what they list."""
    gaps_logged: reactive[int] = reactive(0)
    """Bumped each time a gap is written to the log, so the gaps view reloads."""

    def __init__(self, library: Library, history: QuestionHistory | None = None,
                 gaps: GapsLog | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.library = library
        """The app's door to the index, the answerer and the checks."""
        self.history = history if history is not None else QuestionHistory(
            default_history_path())
        """Questions asked in earlier sessions (↑ in the question box)."""
        self.gaps = gaps if gaps is not None else GapsLog(gaps_path(library.config))
        """Where unknown and wrong answers are logged for the writers."""
        self.answer: Answer | None = None
        """The last answer shown (what "copy answer" copies)."""
        self._progress: BuildProgress | None = None
        self._progress_timer: Timer | None = None
        self._building_message = ""
        self._answerable = False
        self._generation_timer: Timer | None = None
        library.on_damage = self._damage_met

    def on_mount(self) -> None:
        # After the first frame: the worker's imports would otherwise compete with it for the GIL.
        self.call_after_refresh(self.prepare_index)

    def on_unmount(self) -> None:
        self.library.close()

    # -- the index ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def prepare_index(self, rebuild: bool = False, full: bool = False) -> None:
        """Open the index; build it first when it is missing (or when asked to; ``full``
        rebuilds from scratch).

        While an index is already open (a rebuild, or a newer generation published by a batch
        job), questions go on being answered from it until the new one is open.
        """
        library = self.library
        answerable = library.is_open
        try:
            if not answerable:
                message = f"Opening the index at {library.index_dir}…"
                self._set_state(IndexState("opening", message))
            if rebuild:
                where = ", ".join(shown_path(r) for r in library.roots)
                self._build(f"Rebuilding the index from {where}…", answerable, full)
            elif not library.status(staleness=False).exists:
                where = ", ".join(shown_path(r) for r in library.roots)
                message = (
                    f"No index in {library.index_dir} yet: building it from {where}; "
                    "answers follow as soon as it is ready."
                )
                self._build(message, answerable, full)
            # (A damaged current build: the previous one answers, and the note says so.)
            note = library.open()
            # Questions are answered from here on; the walk of the corpus that tells whether
            # docs changed since the build comes after (a large corpus takes a moment).
            opened = IndexState("stale", f"{note} (or press ctrl+r)") if note else IndexState(
                "ready")
            self.call_from_thread(self._opened, opened, library.status(staleness=False))
            library.warm_up()  # (while the user types the first question)
            info = library.status()
        except Exception as exc:  # shown, never the end of the user's session
            self._stop_progress()
            reason = str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
            self._set_state(IndexState("error", f"{reason}  (ctrl+r tries again)", answerable))
            return
        if info.stale:
            docs = "doc has" if info.stale == 1 else "docs have"
            message = (f"{info.stale:,} {docs} changed since the index was built, so answers "
                       "may be out of date. Press ctrl+r to rebuild.")
            state = IndexState("stale", f"{note}. {message}" if note else message)
            self.call_from_thread(self._staleness_known, state, info)

    def _build(self, message: str, answerable: bool, full: bool) -> None:
        if answerable:
            message += " Answers come from the current index meanwhile."
        self._building_message = message
        self._answerable = answerable
        self._progress = None
        self._set_state(IndexState("building", message, answerable))
        self.call_from_thread(self._start_progress)
        try:
            summary = self.library.build(self._note_progress, full=full)
        finally:
            self._stop_progress()
        if summary.mended:  # (damage the build found in the index, and what it did)
            self.call_from_thread(self.notify, summary.mended, title="The index was mended",
                                  markup=False)

    def _note_progress(self, progress: BuildProgress) -> None:
        # Runs in the builder's thread: only store, the timer shows it.
        self._progress = progress

    def _start_progress(self) -> None:
        if self._progress_timer is None:
            self._progress_timer = self.set_interval(_PROGRESS_INTERVAL, self._show_progress)

    def _stop_progress(self) -> None:
        def stop() -> None:
            if self._progress_timer is not None:
                self._progress_timer.stop()
                self._progress_timer = None

        self.call_from_thread(stop)

    def _show_progress(self) -> None:
        progress = self._progress
        message = self._building_message
        if progress is not None:
            message = f"{message} {progress_words(progress)}"
        done, total = progress_numbers(progress)
        self.index_state = IndexState("building", message, self._answerable, done, total)

    def _set_state(self, state: IndexState) -> None:
        self.call_from_thread(setattr, self, "index_state", state)

    def _staleness_known(self, state: IndexState, info: IndexStatus) -> None:
        self.index_info = info
        self.index_state = state

    def _damage_met(self, damage: str) -> None:
        # Called in the answering worker: the answer went on without the damaged file.
        state = IndexState("error", f"{damage}. Answers leave out what it held; ctrl+r "
                                    "rebuilds the index.", answerable=True)
        self._set_state(state)

    def _opened(self, state: IndexState, info: IndexStatus) -> None:
        self.index_info = info
        self.index_state = state
        self.index_generation += 1
        if self._generation_timer is None:
            self._generation_timer = self.set_interval(_GENERATION_CHECK, self._check_generation)

    def _check_generation(self) -> None:
        # A batch job may have rebuilt the index: open the new one (the old keeps answering).
        # (Damage met while answering: a new build mends it.)
        state = self.index_state
        if (state.phase in ("ready", "stale") or state.phase == "error" and state.answerable) and (
                not self.library.is_current()):
            self.prepare_index()

    def action_rebuild(self) -> None:
        """Bring the index up to date with the docs on disk (from scratch after an error:
        the index may be damaged or written by another version)."""
        if self.index_state.phase in ("opening", "building"):
            self.notify("The index is already being built or opened.", severity="warning")
            return
        self.prepare_index(rebuild=True, full=self.index_state.phase == "error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The answer is copied from the view that shows it (the palette copies it anywhere).
        if action == "copy_answer":
            return self.current_mode == "ask"
        return True

    # -- views and sources ----------------------------------------------------------------

    def action_switch_view(self, view: str) -> None:
        """Show the ``ask``, ``tables`` or ``checks`` view."""
        self.switch_mode(view)

    def open_source(self, path: str, line_start: int, line_end: int | None = None) -> None:
        """Open the source viewer on ``path``, at the given lines."""
        try:
            source = self.library.source(path)
        except AssistantError as exc:
            self.notify(str(exc), title="Cannot open the source", severity="error", markup=False)
            return
        self.push_screen(SourceScreen(source, line_start, line_end))

    def open_citation(self, citation: Citation) -> None:
        """Open the source viewer at a citation's lines, warning when they no longer hold it."""
        try:
            source = self.library.source(citation.path)
            holds = self.library.quote_holds(citation)
        except AssistantError as exc:
            self.notify(str(exc), title="Cannot open the source", severity="error", markup=False)
            return
        warning = None if holds else (
            "This file changed since the index was built: the quoted text is no longer on "
            "these lines. Rebuild the index (ctrl+r) and ask again."
        )
        self.push_screen(SourceScreen(source, citation.line_start, citation.line_end, warning))

    # -- gaps for the writers -------------------------------------------------------------

    def log_gap(self, answer: Answer, kind: Kind, reason: str | None = None) -> bool:
        """Append ``answer`` to the gaps log (in a worker: the log may be a shared file on a
        slow disk); False when no log is kept."""
        if self.gaps.path is None:
            return False
        self._append_gap(answer, kind, reason)
        return True

    @work(thread=True, group="gaps")
    def _append_gap(self, answer: Answer, kind: Kind, reason: str | None) -> None:
        try:
            self.gaps.append(gap_from_answer(answer, kind, reason))
        except OSError as exc:
            message = f"Could not write the gaps log {self.gaps.path}: {exc.strerror or exc}"
            self.call_from_thread(self.notify, message, title="Gap not logged",
                                  severity="error", markup=False)
            return
        self.call_from_thread(self._gap_written)

    def _gap_written(self) -> None:
        self.gaps_logged += 1

    # -- copying --------------------------------------------------------------------------

    def action_copy_answer(self) -> None:
        """Copy the answer and its sources as Markdown (for a ticket)."""
        if self.answer is None:
            self.notify("Nothing to copy yet: ask a question first.", severity="warning")
            return
        # (Doc text is data on the clipboard too: no escape sequence rides along.)
        self.copy_to_clipboard(printable(answer_markdown(self.answer)))
        count = len(self.answer.citations or self.answer.related)
        self.notify(f"Copied the answer and {count} source(s) as Markdown.", markup=False)


def progress_numbers(progress: BuildProgress | None) -> tuple[int, int | None]:
    """(docs done, docs in all) of the build's current phase (None: not known yet)."""
    if progress is None or progress.phase == "commit":
        return 0, None  # an indeterminate bar while whoosh writes
    return progress.done, progress.total or None


def progress_words(progress: BuildProgress) -> str:
    """The build's phase in words."""
    if progress.phase == "scan":
        return "Looking for changed docs…"
    if progress.phase == "parse":
        return f"Indexing {progress.done:,} of {progress.total:,} docs…"
    if progress.phase == "commit":
        return "Writing the index…"
    return "Done."


__all__ = ["AssistantApp", "progress_numbers", "progress_words"]
