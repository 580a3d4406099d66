"""``assistant gaps``: what support asked that the docs did not answer, for writers."""

from __future__ import annotations

import datetime as dt

import click

from ..config import load_config
from ..gaps import (
    GapGroup,
    GapsLog,
    gaps_path,
    group_gaps,
    json_text,
    local_time,
    parse_since,
)
from ..model import to_json_data
from ..paths import shown_path, shown_place
from ..printable import printable
from .index_cmd import user_errors


class _Since(click.ParamType):
    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            return parse_since(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM)", param, ctx)


@click.command()
@click.option("--since", type=_Since(), default=None,
              help="Only gaps logged from this date (YYYY-MM-DD, local time) or time on.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the groups as one JSON object.")
def gaps(since: dt.datetime | None, as_json: bool) -> None:
    """List what support asked that the docs do not answer: a to-do list for writers.

    The app logs each question answered "unknown" and each answer marked wrong (ctrl+g) to
    the gaps log (ASSISTANT_GAPS, or `gaps` in the settings, or
    ~/.local/state/docs-assistant/gaps.jsonl). Similar questions are grouped, most asked
    first, each with the docs nearest to it.

    \b
    Examples:
      assistant gaps
      assistant gaps --since 2026-12-01 --json
    """
    with user_errors():
        path = gaps_path(load_config())
    if path is None:
        click.echo("No gaps are kept: ASSISTANT_GAPS (or ASSISTANT_HISTORY) is set empty.",
                   err=True)
        return
    try:
        read = GapsLog(path).read(since)
    except OSError as exc:
        raise click.ClickException(f"cannot read the gaps log {path}: {exc.strerror}") from exc
    groups = group_gaps(read.gaps)
    if read.unreadable:
        click.echo(f"note: skipped {read.unreadable} line(s) of {path} that are not gaps",
                   err=True)
    if as_json:
        data = {
            "log": str(path),
            "since": since.isoformat() if since else None,
            "logged": len(read.gaps),
            "groups": to_json_data(groups),
        }
        click.echo(json_text(data, indent=2))
        return
    where = printable(shown_path(str(path)))
    after = f" since {since:%Y-%m-%d %H:%M}" if since else ""
    if not groups:
        click.echo(f"No gaps logged{after} (log: {where}).")
        return
    click.echo(f"{_n(len(read.gaps), 'question')} logged{after}, in "
               f"{_n(len(groups), 'group')}, most asked first (log: {where})")
    for group in groups:
        click.echo("")
        click.echo("\n".join(printable(line) for line in render_group(group)))


def render_group(group: GapGroup) -> list[str]:
    """One group as lines of text: the question, other wordings, why, and the nearest docs."""
    count = f"{group.count}×"
    indent = " " * (len(count) + 1)
    lines = [f"{count} {group.question}"]
    for wording in group.wordings[1:]:
        lines.append(f"{indent}also: “{wording.question}” ({wording.count}×)")
    kinds = []
    if group.unknown:
        kinds.append(f"{group.unknown} unknown")
    if group.wrong:
        kinds.append(f"{group.wrong} marked wrong")
    lines.append(f"{indent}{', '.join(kinds)} · last {local_time(group.last)}")
    lines.extend(f"{indent}why wrong: “{reason}”" for reason in group.reasons)
    for number, near in enumerate(group.nearest):
        label = "nearest: " if number == 0 else " " * len("nearest: ")
        name = near.title + (f" › {near.section}" if near.section else "")
        lines.append(f"{indent}{label}{name} — {shown_place(near.path, near.line, near.line)}")
    if not group.nearest:
        lines.append(f"{indent}nearest: nothing in the docs came near")
    return lines


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
