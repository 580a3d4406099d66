"""``assistant search QUERY``: ranked passages, for users who want plain keyword search."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import click

from ..config import load_config
from ..model import to_json_data
from ..paths import shown_place
from ..printable import printable
from ..search import Hit, Index, ensure_built, index_status
from .index_cmd import progress_reporter, user_errors


@click.command()
@click.argument("query")
@click.option("--index", "index_dir", metavar="DIR",
              help="Index folder. Default: the configured index (index/).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON array.")
def search(query: str, index_dir: str | None, limit: int, as_json: bool) -> None:
    """Show the passages that best match QUERY, with file and lines.

    Builds the index first when there is none; says so when docs changed since it was built.

    Example: assistant search "power bi outside geo" --limit 5
    """
    with user_errors():
        config = load_config()
        target = index_dir or config.index
        with progress_reporter() as report:
            ensure_built(config.corpus, target, progress=report)
        # The staleness check (a walk of the corpus) runs beside the search.
        with ThreadPoolExecutor(max_workers=1) as pool, Index.open(target) as ix:
            staleness = pool.submit(index_status, target)
            hits = ix.search(query, limit=limit)
            state = staleness.result()
        if state.stale:
            click.echo(f"note: {state.stale} docs changed since the index was built; "
                       f"run `assistant index build` to update it", err=True)
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
