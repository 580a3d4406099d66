"""``assistant tui``: the terminal app (also what ``assistant`` with no command opens)."""

from __future__ import annotations

import sys

import click

from ..config import load_config


@click.command()
@click.option(
    "--index",
    "index_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Index folder (default: the configured one, index/).",
)
@click.option(
    "--corpus",
    "corpus",
    metavar="DIR",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Corpus root to build the index from; repeat for several (default: corpus/).",
)
def tui(index_dir: str | None, corpus: tuple[str, ...]) -> None:
    """Open the terminal app: ask, read the answer, open the cited lines.

    Builds the index first when it is missing (with a progress bar) and offers a rebuild
    when docs changed since it was built. F2 asks, F3 browses tables, F4 shows the writers'
    checks, ctrl+p lists every command.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError(
            "the terminal app needs a terminal; for scripts use "
            "'assistant ask \"QUESTION\"' or 'assistant search QUERY'"
        )
    config = load_config()
    from ..tui.app import AssistantApp
    from ..tui.library import Library

    library = Library(index_dir or config.index, corpus or config.corpus, config)
    AssistantApp(library).run()
