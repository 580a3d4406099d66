"""``assistant index build`` and ``assistant index status``."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..config import Config, load_config, parse_size
from ..errors import AssistantError
from ..paths import shown_path
from ..printable import printable
from ..search import index_status, stored_roots
from ..search.generations import DEFAULT_LOCK_WAIT

if TYPE_CHECKING:  # rich is imported only when a bar is shown, the builder when it builds
    from rich.progress import Progress, TaskID

    from ..search import BuildProgress, BuildSummary


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
@click.option("--max-doc-size", "max_doc_size", metavar="SIZE",
              help="Index each doc up to SIZE (4 MB, 512 KB; 0: no limit) and warn about "
                   "larger ones. Default: max-doc-size in the settings, else the limit the "
                   "index was built with (4 MB for a new one).")
def build(corpus: tuple[str, ...], index_dir: str | None, full: bool, jobs: int | None,
          strict: bool, as_json: bool, wait: float, max_doc_size: str | None) -> None:
    """Index new, changed and deleted docs (all of them with --full).

    Readers keep using the previous index until the new one is complete. Problems in docs are
    reported as file:line on stderr; the rest is indexed. A damaged index is mended: what
    its damage costs is indexed again.

    Example: assistant index build --corpus corpus --jobs 2
    """
    limit = None
    if max_doc_size is not None:
        try:
            limit = parse_size(max_doc_size)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--max-doc-size") from None
    with user_errors():
        config = load_config()
        target = index_dir or config.index
        # An index knows its corpus: changing its roots takes an explicit --corpus.
        stored = [] if corpus else stored_roots(target)
        roots = list(corpus) or stored or list(config.corpus)
        origin = ("given with --corpus" if corpus else
                  f"the index {target} was built from it" if stored else corpus_origin(config))
        from ..search import build_index

        with progress_reporter() as report:
            summary = build_index(roots, target, full=full, jobs=jobs, progress=report,
                                  lock_wait=wait, origin=origin,
                                  max_doc_bytes=limit if limit is not None else
                                  config.max_doc_bytes)
    if summary.mended:
        click.echo(printable(f"note: {summary.mended}"), err=True)
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
    if state.damage:
        click.echo(printable(f"error: {state.damage}"), err=True)
    if as_json:
        click.echo(json.dumps(state.to_json(), indent=2, ensure_ascii=False))
        if not state.exists or state.damage:
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
    if state.damage:
        sys.exit(1)


def corpus_origin(config: Config) -> str:
    """Where the configured corpus roots come from, for a "not found" message."""
    if config.source:
        return f"the corpus set in {shown_path(config.source)}"
    return ("the default corpus folder, corpus/ in the working folder: no [tool.assistant] "
            "settings were found here or above")


def pick_index(corpus: tuple[str, ...], index_dir: str | None,
               config: Config) -> tuple[str, list[str], str]:
    """The index a reading command (ask, search, the app) opens, the roots to build it from
    when it is missing, and where those come from.

    ``--corpus`` without ``--index``: an index of its own in the user's cache folder (one per
    set of roots). ``--corpus`` with ``--index``: that index, which must be of those roots
    (changing an index's corpus is a job for ``assistant index build --corpus``).
    """
    if not corpus:
        return index_dir or config.index, list(config.corpus), corpus_origin(config)
    from ..config import cache_index_dir
    from ..search.scan import normalise_roots

    roots = normalise_roots(corpus)
    if index_dir is None:
        return cache_index_dir(roots), roots, "given with --corpus"
    built_from = stored_roots(index_dir)
    if built_from and sorted(built_from) != sorted(roots):
        from ..errors import SearchIndexError

        raise SearchIndexError(
            f"{index_dir} is the index of {', '.join(shown_path(r) for r in built_from)}, not "
            f"of {', '.join(shown_path(r) for r in roots)}: leave out --index (an index of "
            f"its own is kept in the cache folder), or change its corpus with `assistant "
            f"index build --corpus DIR --index {index_dir}`")
    return index_dir, roots, "given with --corpus"


def prepare_index(target: str, roots: list[str], origin: str, config: Config, *,
                  update: bool) -> None:
    """Build the index a reading command needs when it is missing (or of another version),
    with a progress bar; ``update``: also bring it up to date with ``roots`` (``--corpus``),
    saying on stderr what a build did."""
    from ..search import ensure_built

    with progress_reporter() as report:
        if not update:
            ensure_built(roots, target, progress=report, origin=origin,
                         max_doc_bytes=config.max_doc_bytes)
            return
        from ..search import build_index  # (the builder and the parser: only to build)

        summary = build_index(roots, target, progress=report, origin=origin,
                              max_doc_bytes=config.max_doc_bytes)
    if summary.mended:
        click.echo(printable(f"note: {summary.mended}"), err=True)
    if summary.added or summary.changed or summary.removed or summary.mended:
        click.echo(printable(f"{render_summary(summary)}"), err=True)


def stale_note(stale: int, update: str, what: str) -> str:
    """The note that ``stale`` docs changed since the index was built (``what``: the
    answers, the results), and the command that updates it."""
    docs = "doc has" if stale == 1 else "docs have"
    return (f"note: {stale:,} {docs} changed since the index was built, so {what} may be "
            f"out of date. Run `{update}` to update it.")


def build_command(target: str, config: Config) -> str:
    """The command that updates the index in ``target``."""
    if target == config.index:
        return "assistant index build"
    return f"assistant index build --index {target}"


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
