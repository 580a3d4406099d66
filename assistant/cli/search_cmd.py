"""``assistant search QUERY``: ranked passages, for users who want plain keyword search."""

from __future__ import annotations

import json
from contextlib import nullcontext

import click

from ..config import load_config
from ..errors import SearchIndexError
from ..model import to_json_data
from ..paths import shown_place
from ..printable import printable
from ..search import Hit, StatusLater
from .index_cmd import build_command, pick_index, prepare_index, stale_note, user_errors


@click.command()
@click.argument("query")
@click.option("--index", "index_dir", metavar="DIR",
              help="Index folder. Default: the configured index (index/); with --corpus, an "
                   "index of its own in the cache folder.")
@click.option("--corpus", "corpus", multiple=True, metavar="DIR",
              help="Search the docs in DIR (repeatable), from any folder: their index is "
                   "built on first use and brought up to date before searching.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON array.")
def search(query: str, index_dir: str | None, corpus: tuple[str, ...], limit: int,
           as_json: bool) -> None:
    """Show the passages that best match QUERY, with file and lines.

    Builds the index first when there is none; says so when docs changed since it was built.

    Example: assistant search "power bi outside geo" --limit 5
    """
    with user_errors():
        config = load_config()
        target, roots, origin = pick_index(corpus, index_dir, config)
        prepare_index(target, roots, origin, config, update=bool(corpus))
        # The staleness check (a walk of the corpus) runs beside loading the search engine
        # and searching.
        with StatusLater(target) if not corpus else nullcontext() as staleness:
            from ..search import Index

            with Index.open(target) as ix:
                if ix.note:
                    click.echo(printable(f"warning: {ix.note}"), err=True)
                hits = ix.search(query, limit=limit)
                state = staleness.result() if staleness is not None else None
                if ix.damage:  # (a search that fails on damage raises; belt and braces)
                    raise SearchIndexError(ix.damage)
        if state is not None and state.stale:
            click.echo(stale_note(state.stale, build_command(target, config), "results"),
                       err=True)
    if as_json:
        click.echo(json.dumps([hit_json(h) for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo("no matching passages")
    for number, hit in enumerate(hits, start=1):
        p = hit.passage
        where = shown_place(p.path, p.line_start, p.line_end)
        click.echo(printable(f"{number}. {where}  [{p.kind}, score {hit.score:.2f}]"))
        click.echo(printable(f"   {p.title}" + (f" > {p.section}" if p.section else "")))
        click.echo(printable(f"   {p.quote}"))


def hit_json(hit: Hit) -> dict:
    """One hit as JSON: the passage's citation fields and the score."""
    p = hit.passage
    data = {key: value for key, value in to_json_data(p).items()
            if key in ("path", "doc_path", "title", "section", "kind", "line_start", "line_end",
                       "quote", "date", "docset")}
    data["score"] = round(hit.score, 4)
    return data
