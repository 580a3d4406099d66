"""``assistant index build`` and ``assistant index status``."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..config import load_config
from ..errors import AssistantError
from ..paths import shown_path
from ..printable import printable
from ..search import BuildProgress, BuildSummary, build_index, index_status, stored_roots
from ..search.whoosh.build import DEFAULT_LOCK_WAIT

if TYPE_CHECKING:  # rich is imported only when a bar is shown
    from rich.progress import Progress, TaskID


@click.group()
def index() -> None:
    """Build the search index from the corpus, or show its status."""


@index.command()
@click.option("--corpus", "corpus", multiple=True, metavar="DIR",
              help="Corpus root (repeatable). Default: the roots the index was built from, "
                   "or the configured corpus (corpus/) for a new index.")
@click.option("--index", "index_dir", metavar="DIR",
              help="Index folder. Default: the configured index (index/).")
@click.option("--full", is_flag=True, help="Re-index every doc, not only the changed ones.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Parser processes. Default: the number of cores.")
@click.option("--strict", is_flag=True, help="Exit 1 when any doc had a problem.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--wait", type=click.FloatRange(min=0), default=DEFAULT_LOCK_WAIT,
              show_default=True, metavar="SECONDS",
              help="How long to wait for another running build before giving up (exit 2).")
def build(corpus: tuple[str, ...], index_dir: str | None, full: bool, jobs: int | None,
          strict: bool, as_json: bool, wait: float) -> None:
    """Index new, changed and deleted docs (all of them with --full).

    Readers keep using the previous index until the new one is complete. Problems in docs are
    reported as file:line on stderr; the rest is indexed.

    Example: assistant index build --corpus corpus --jobs 2
    """
    with user_errors():
        config = load_config()
        target = index_dir or config.index
        # An index knows its corpus: changing its roots takes an explicit --corpus.
        roots = list(corpus) or stored_roots(target) or list(config.corpus)
        with progress_reporter() as report:
            summary = build_index(roots, target, full=full, jobs=jobs, progress=report,
                                  lock_wait=wait)
    for problem in summary.problems:
        click.echo(printable(f"{shown_path(problem.path)}:{problem.line}: {problem.severity}: "
                             f"{problem.message}"), err=True)
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_summary(summary))
    if strict and summary.problems:
        sys.exit(1)


@index.command()
@click.option("--index", "index_dir", metavar="DIR",
              help="Index folder. Default: the configured index (index/).")
@click.option("--corpus", "corpus", multiple=True, metavar="DIR",
              help="Compare with these roots instead of the ones the index was built from.")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(index_dir: str | None, corpus: tuple[str, ...], as_json: bool) -> None:
    """Show what the index holds, and how many docs changed on disk since it was built.

    Example: assistant index status --json
    """
    with user_errors():
        config = load_config()
        target = index_dir or config.index
        state = index_status(target, list(corpus) or None)
    if as_json:
        click.echo(json.dumps(state.to_json(), indent=2, ensure_ascii=False))
        if not state.exists:
            sys.exit(1)
        return
    if not state.exists:
        click.echo(f"no index in {target}: build it with `assistant index build`", err=True)
        sys.exit(1)
    click.echo(f"index: {target} (generation {state.generation})")
    click.echo(f"built at: {state.built_at}")
    click.echo(f"corpus: {', '.join(shown_path(r) for r in state.roots)}")
    click.echo(f"docs: {state.docs}  passages: {state.passages}  tables: {state.tables}  "
               f"exception lists: {state.exception_lists}  skipped: {state.skipped}")
    if state.stale:
        click.echo(f"stale: {state.stale} docs changed on disk since the build "
                   f"(run `assistant index build`)")
        for path in state.stale_paths[:20]:
            click.echo(printable(f"  {shown_path(path)}"))
        if state.stale > 20:
            click.echo(f"  ... and {state.stale - 20} more")
    else:
        click.echo("stale: 0 (up to date)")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into a message on stderr and their exit code (2: fatal)."""
    try:
        yield
    except AssistantError as exc:
        click.echo(printable(f"error: {exc}"), err=True)
        sys.exit(exc.exit_code)


def render_summary(summary: BuildSummary) -> str:
    """The human summary of a build."""
    kind = "full build" if summary.full else "build"
    return (f"{kind} of {summary.index_dir}: {summary.added} added, {summary.changed} changed, "
            f"{summary.removed} removed, {summary.skipped} skipped, "
            f"{summary.unchanged} unchanged; now {_n(summary.docs, 'doc')}, "
            f"{_n(summary.passages, 'passage')}, {_n(summary.tables, 'table')}, "
            f"{_n(summary.exception_lists, 'exception list')} ({summary.seconds:.1f} s)")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class progress_reporter:  # noqa: N801 - used as a context manager, reads like a function
    """Progress on stderr: a rich bar on a terminal, a few plain lines otherwise."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._last_line = 0.0

    def __enter__(self) -> Callable[[BuildProgress], None]:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True),
                                 transient=True)
            self._bar.start()
        return self.report

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def report(self, step: BuildProgress) -> None:
        """Show one progress step."""
        if self._bar is not None:
            if self._task is None and step.phase == "parse":
                self._task = self._bar.add_task("indexing", total=step.total)
            if self._task is not None:
                description = {"parse": "indexing", "commit": "writing"}.get(step.phase, "done")
                self._bar.update(self._task, completed=step.done, description=description)
            return
        # Not a terminal: a line at the start, every ~5 s, and when writing (quiet in logs).
        now = time.monotonic()
        if step.phase == "parse" and (step.done == 1 or now - self._last_line > 5):
            self._last_line = now
            click.echo(f"indexing {step.done}/{step.total} docs", err=True)
        elif step.phase == "commit" and step.total:
            click.echo(f"writing the index ({step.total} docs)", err=True)
