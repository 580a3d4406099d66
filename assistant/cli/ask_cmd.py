"""``assistant ask``: a verdict, the answer in plain words, and the cited lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import TYPE_CHECKING, TextIO

import click

from ..config import load_config
from ..model import TIER_NOTES, Answer, Citation, to_json_data
from ..paths import shown_place
from ..printable import printable
from .index_cmd import build_command, pick_index, prepare_index, stale_note, user_errors

if TYPE_CHECKING:
    from ..answer import Answerer
    from ..search import SearchIndex, StatusLater

_BADGES = {"yes": "YES", "no": "NO", "answer": "ANSWER", "unknown": "UNKNOWN"}


@click.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Answer every line of FILE (one question per line; - reads stdin).")
@click.option("--index", "index_dir", metavar="DIR",
              help="Index folder. Default: the configured index (index/); with --corpus, an "
                   "index of its own in the cache folder.")
@click.option("--corpus", "corpus", multiple=True, metavar="DIR",
              help="Answer from the docs in DIR (repeatable), from any folder: their index is "
                   "built on first use and brought up to date before answering.")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: one object per question (one per line with --batch).")
def ask(question: str | None, batch: TextIO | None, index_dir: str | None,
        corpus: tuple[str, ...], as_json: bool) -> None:
    """Answer QUESTION from the docs: yes / no / answer / unknown, with citations.

    Every citation names the file and the lines that hold its quote. When the docs do not
    settle a question the verdict is "unknown" and the nearest passages are listed.
    Builds the index first when there is none; says so when docs changed since it was built.

    Examples:

      assistant ask "Can Power BI move my data out of geo?"

      assistant ask --batch questions.txt --json

      assistant ask --corpus ~/docs/power-platform "Is data encrypted at rest?"
    """
    if (question is None) == (batch is None):
        raise click.UsageError("give one QUESTION or --batch FILE")
    if question is not None:
        questions = [question]
    else:
        assert batch is not None  # exactly one of the two was given (checked above)
        questions = list(_lines(batch))
    with user_errors():
        from ..errors import SearchIndexError
        from ..search import StatusLater

        config = load_config()
        target, roots, origin = pick_index(corpus, index_dir, config)
        # (--corpus: brought up to date here, so there is no staleness to check after.)
        prepare_index(target, roots, origin, config, update=bool(corpus))
        # The staleness check (a walk of the corpus) runs once, beside loading the search
        # engine and the answerer and answering.
        with StatusLater(target) if not corpus else nullcontext() as staleness:
            from ..answer import Answerer
            from ..search import Index

            with Index.open(target) as index:
                _answer_all(questions, index, Answerer(index, config=config), staleness,
                            build_command(target, config), as_json=as_json,
                            batch=batch is not None)
                # Damage met while answering (the answers went on without what it held).
                if index.damage:
                    raise SearchIndexError(index.damage)


def _answer_all(questions: list[str], index: SearchIndex, answerer: Answerer,
                staleness: StatusLater | None, update: str, *, as_json: bool,
                batch: bool) -> None:
    """Print the index's note and the staleness note (stderr), then every answer."""
    if index.note:
        click.echo(printable(f"warning: {index.note}"), err=True)
    # The first answer is worked out while the staleness check goes on; the note comes first.
    first = [answerer.ask(questions[0])] if questions else []
    state = staleness.result() if staleness is not None else None
    if state is not None and state.stale:
        click.echo(stale_note(state.stale, update, "answers"), err=True)
    for number, text in enumerate(questions):
        answer = first.pop() if first else answerer.ask(text)
        if as_json:
            data = to_json_data(answer)
            click.echo(json.dumps(data, ensure_ascii=False, indent=None if batch else 2))
        else:
            if number:
                click.echo("")
            click.echo(render_answer(answer, show_question=batch))


def _lines(handle: TextIO) -> Iterator[str]:
    """Every line of a batch, blank ones included: the output lines up with the input."""
    for line in handle:
        yield line.strip()


def render_answer(answer: Answer, *, show_question: bool = False) -> str:
    """The readable form of an answer (doc text printed as plain text, never as markup)."""
    out: list[str] = []
    if show_question:
        out.append(f"Q: {answer.question}")
    out.append(f"{_BADGES.get(answer.verdict, answer.verdict.upper())} "
               f"({TIER_NOTES.get(answer.tier, answer.tier)})")
    out.append(answer.answer)
    if answer.citations:
        out.append("")
        out.append("Citations:")
        out.extend(_citations(answer.citations))
    if answer.related:
        out.append("")
        out.append("Related passages:")
        out.extend(_citations(answer.related))
    return "\n".join(printable(line) for line in out)


def _citations(citations: Iterable[Citation]) -> Iterator[str]:
    for number, c in enumerate(citations, start=1):
        where = f"  [{number}] {shown_place(c.path, c.line_start, c.line_end)}"
        if c.section:
            where += f"  ({c.section})"
        yield where
        yield f"      “{c.quote}”"
        if c.url:
            yield f"      {c.url}"
