"""The app's one door to the library: index state and builds, answers, tables, sources, checks.

Every method does its work in the library and hands back model objects; the screens only show
them. Methods that touch the index or the disk may take a while, so the app calls them from
worker threads, never from the event loop; a lock keeps two workers off the index at once.
The library is imported on first use, so the first screen paints before whoosh is loaded.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Answer, Citation, Finding, Section, Table

if TYPE_CHECKING:
    from ..answer import Answerer
    from ..search import BuildProgress, BuildSummary, IndexStatus, SearchIndex


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A file as the source viewer shows it."""

    path: str
    """The file path as the user would open it."""
    title: str
    """Title of the doc (the file name when it has none)."""
    lines: tuple[str, ...]
    """The file's lines as decoded, without line ends."""
    front_matter_end: int
    """Last line of the front matter (0 when there is none)."""
    sections: tuple[Section, ...]
    """Every heading of the file."""

    def breadcrumb(self, line: int) -> tuple[str, ...]:
        """The headings ``line`` sits under, outermost first."""
        inside = [s for s in self.sections if s.line <= line <= s.end_line]
        if not inside:
            return ()
        section = max(inside, key=lambda s: s.line)
        return (*section.trail, section.title)


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One extracted table with the doc it belongs to."""

    doc_path: str
    """The doc the table was found in."""
    title: str
    """Title of that doc."""
    table: Table
    """The table itself (its ``path`` is the file that holds it: the doc or an include)."""


class Library:
    """The index, the answerer and the checks for one app session."""

    def __init__(
        self,
        index_dir: str,
        roots: Sequence[str],
        config: Config | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.index_dir = index_dir
        """Where the index lives."""
        self._given_roots = tuple(roots)
        self._roots: tuple[str, ...] | None = None
        self.config = config or Config(corpus=self._given_roots, index=index_dir)
        """Settings (citation URLs, check rules)."""
        self.today = today
        """The date the checks judge staleness against (None: today)."""
        self._lock = threading.RLock()
        self._index: SearchIndex | None = None
        self._answerer: Answerer | None = None
        self._damage_told: str | None = None
        self.on_damage: Callable[[str], None] | None = None
        """Called, from the thread that asked, when answering met damage in the index (one
        line naming the file and the command that mends it): the answer went on without
        what the file held. Told once per damage."""

    # -- the index ------------------------------------------------------------------------

    @property
    def roots(self) -> tuple[str, ...]:
        """Corpus roots the index is built from. An index knows its corpus: its roots, not
        the configured ones, are rebuilt (ctrl+r) and checked (F4); the given roots build an
        index that does not exist yet. (Read on first use: the search package is not
        imported before the app paints.)"""
        if self._roots is None:
            from ..search import stored_roots

            self._roots = tuple(stored_roots(self.index_dir)) or self._given_roots
        return self._roots

    def status(self, *, staleness: bool = True) -> IndexStatus:
        """Whether the index exists, its counts and (unless ``staleness=False``, which skips
        a walk of the corpus) how stale it is."""
        from ..search import index_status

        return index_status(self.index_dir, self.roots, staleness=staleness)

    def build(
        self, progress: Callable[[BuildProgress], None], *, full: bool = False
    ) -> BuildSummary:
        """Build or refresh the index from the corpus roots (each doc up to the configured
        size limit). ``BuildSummary.mended`` says what damage the build mended."""
        from ..search import build_index

        _start_resource_tracker()
        summary = build_index(self.roots, self.index_dir, full=full, progress=progress,
                              max_doc_bytes=self.config.max_doc_bytes)
        self._roots = None  # (a first build records the roots it was given)
        return summary

    def open(self) -> str | None:
        """Open (or re-open, after a build) the index and the answerer over it. Returns the
        index's note: one line when its current build is damaged and the previous one
        answers instead (with the command that mends it), else None."""
        from ..answer import Answerer
        from ..search import Index

        index = Index.open(self.index_dir)
        answerer = Answerer(index, config=self.config)
        with self._lock:
            old, self._index, self._answerer = self._index, index, answerer
            self._damage_told = None
        if old is not None:
            old.close()
        return index.note

    def warm_up(self) -> None:
        """Load what the first answer would otherwise wait for (``Answerer.warm_up``)."""
        with self._lock:
            answerer = self._answerer
        if answerer is not None:
            answerer.warm_up()

    @property
    def is_open(self) -> bool:
        """Whether questions can be asked."""
        return self._answerer is not None

    def is_current(self) -> bool:
        """False when a newer index has been published since the open one was opened."""
        with self._lock:
            return self._index is None or self._index.is_current()

    def close(self) -> None:
        """Release the index."""
        with self._lock:
            old, self._index, self._answerer = self._index, None, None
        if old is not None:
            old.close()

    # -- what the screens show ------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """The answer to ``question``, with its citations."""
        with self._lock:
            if self._answerer is None or self._index is None:
                from ..errors import SearchIndexError

                raise SearchIndexError("the index is not open yet")
            answer = self._answerer.ask(question)
            damage = self._index.damage
            told, self._damage_told = self._damage_told, damage
        if damage and damage != told and self.on_damage is not None:
            self.on_damage(damage)
        return answer

    def tables(self) -> list[TableEntry]:
        """Every table in the index, in doc order."""
        with self._lock:
            if self._index is None:
                return []
            pairs = self._index.tables()
        return [TableEntry(info.path, info.title, table) for info, table in pairs]

    def source(self, path: str) -> SourceDoc:
        """The file at ``path`` as it is on disk now, with its headings."""
        from ..corpus import read_source
        from ..errors import AssistantError
        from ..parse import parse_text

        text = read_source(path).text
        try:
            doc = parse_text(text, path)
            title, sections, body_line = doc.title, doc.sections, doc.body_line
        except AssistantError:
            title, sections, body_line = path, (), 1
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the final line end does not start another line
        return SourceDoc(path, title, tuple(lines), max(0, body_line - 1), tuple(sections))

    def quote_holds(self, citation: Citation) -> bool:
        """Whether the citation's quote is still on its lines (False once the file changed)."""
        from ..answer import quote_holds

        return quote_holds(citation)

    def checks(self) -> list[Finding]:
        """The writers' checks over the corpus roots, sorted by path and line."""
        from ..check import run_checks

        _start_resource_tracker()
        return run_checks(list(self.roots), self.config, today=self.today)


def _start_resource_tracker() -> None:
    # Parallel builds and checks start multiprocessing's resource tracker, which hands the
    # file descriptor of sys.stderr to its process. While the app runs, Textual's stand-in for
    # sys.stderr answers fileno() with -1 and the start fails ("bad value(s) in fds_to_keep"),
    # so start the tracker here, with the real stderr, before the build needs it.
    from multiprocessing import resource_tracker

    if sys.__stderr__ is None:
        return
    saved, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


__all__ = ["Library", "SourceDoc", "TableEntry"]
