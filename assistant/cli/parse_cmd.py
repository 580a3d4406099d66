"""``assistant parse FILE``: print the model of one doc."""

from __future__ import annotations

import json

import click

from ..model import Document, ExceptionItem, to_json_data
from ..parse import parse_file


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON.")
def parse(file: str, as_json: bool) -> None:
    """Print the structured model of one doc: front matter, sections, tables, exception lists.

    Example: assistant parse corpus/customer-service-insights/data-location.md --json
    """
    doc = parse_file(file)
    for diagnostic in doc.diagnostics:
        click.echo(f"{diagnostic.path}:{diagnostic.line}: {diagnostic.severity}: "
                   f"{diagnostic.message}", err=True)
    if as_json:
        click.echo(json.dumps(to_json_data(doc), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(doc))


def render_text(doc: Document) -> str:
    """A readable outline of the model (doc text printed as-is, never as markup)."""
    out = [f"{doc.path}", f"  title: {doc.title}", f"  date: {doc.date or '-'}"]
    if doc.description:
        out.append(f"  description: {doc.description}")
    out.append(f"  lines: {doc.line_count} (body from line {doc.body_line})")
    out.append("sections:")
    for section in doc.sections:
        out.append(f"  {'  ' * (section.level - 1)}{section.title}  "
                   f"[lines {section.line}-{section.end_line}]")
    for number, table in enumerate(doc.tables, start=1):
        out.append(f"table {number} at {table.path}:{table.line} (section: {table.section or '-'}, "
                   f"{len(table.rows)} rows)")
        out.append("  " + " | ".join(table.header))
        for row, line in zip(table.rows, table.row_lines, strict=True):
            out.append(f"  {line:>5}: " + " | ".join(row))
        for note in table.footnotes:
            where = f"line {note.line}" if note.line else "no footnote text found"
            out.append(f"  footnote {note.marker} ({where}): {note.text or ''}")
    for number, exc in enumerate(doc.exception_lists, start=1):
        out.append(f"exception list {number} at {exc.path}:{exc.line} "
                   f"(section: {exc.section or '-'}, trigger: {exc.trigger})")
        out.append(f"  rule: {exc.rule}")
        out.extend(_items(exc.items, depth=1))
    if doc.includes:
        out.append("includes:")
        for inc in doc.includes:
            out.append(f"  line {inc.line}: {inc.target} -> {inc.resolved or 'not found'}")
    return "\n".join(out)


def _items(items: tuple[ExceptionItem, ...], depth: int) -> list[str]:
    lines = []
    for item in items:
        label = f"[{item.label}] " if item.label else ""
        lines.append(f"{'  ' * depth}- {item.line}: {label}{item.text}")
        lines.extend(_items(item.items, depth + 1))
    return lines
