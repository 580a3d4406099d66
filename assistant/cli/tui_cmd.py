"""``assistant tui``: the terminal app (also what ``assistant`` with no command opens)."""

from __future__ import annotations

import os
import sys

import click

from ..config import cache_index_dir, load_config


@click.command()
@click.option(
    "--index",
    "index_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Index folder (default: the configured one, index/; with --corpus, an index of its "
    "own in the cache folder).",
)
@click.option(
    "--corpus",
    "corpus",
    metavar="DIR",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Open the docs in DIR (repeatable), from any folder: their index is built on first "
    "use (default: the configured corpus, corpus/).",
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
    # (Without the search package where it can be helped: the first screen paints before
    # whoosh is loaded.)
    target, roots = index_dir or config.index, list(config.corpus)
    if corpus and index_dir is None:
        # An index of its own per corpus, in the cache folder.
        target, roots = cache_index_dir(corpus), [os.path.abspath(c) for c in corpus]
    elif corpus:
        from .index_cmd import pick_index, user_errors

        with user_errors():  # (--corpus with --index: that index must be of that corpus)
            target, roots, _ = pick_index(corpus, index_dir, config)
    from ..tui.app import AssistantApp
    from ..tui.library import Library

    library = Library(target, roots, config)
    AssistantApp(library).run()
