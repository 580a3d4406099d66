"""Document -> passages: the quotable units that the index ranks and answers cite.

Each passage keeps a verbatim ``quote`` (what a citation shows, found on its lines) apart from
its ranking ``text`` (the quote plus the context a reader would need: a table row carries its
header, an exception carries its rule and label, a list item the sentence introducing it).
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Block, Document, ExceptionItem, ExceptionList, Passage, Section, Table

# Front matter fields worth a summary passage (what the doc is about, for whom).
_SUMMARY_FIELDS = ("title", "description", "keywords", "ms.service", "ms.subservice", "ms.topic")


def passages_of(doc: Document, docset: str = "") -> list[Passage]:
    """Every passage of ``doc``, in reading order (summary first)."""
    trails = _Trails(doc)
    summary = _summary(doc, docset)
    out = [summary] if summary is not None else []
    listed_in_exceptions = {
        (exc.path, item_line)
        for exc in doc.exception_lists
        for item_line in _item_lines(exc.items)
    }
    for block in doc.blocks:
        if block.kind == "heading":
            continue
        if block.kind == "list_item" and (block.path, block.line) in listed_in_exceptions:
            continue  # indexed below, with its rule and label
        out.append(_block_passage(doc, block, trails, docset))
    for table in doc.tables:
        out.extend(_table_passages(doc, table, trails, docset))
    for exc in doc.exception_lists:
        out.extend(_exception_passages(doc, exc, trails, docset))
    return out


class _Trails:
    """The breadcrumb of the section a passage sits in.

    Blocks name their section by title, and a doc may repeat a title ("Limits" under two
    products), so the title alone is ambiguous: then the section whose lines hold the
    passage decides. Text spliced in from an include has the include's lines, which say
    nothing about where it sits; it gets the first section of that title.
    """

    def __init__(self, doc: Document) -> None:
        self._path = doc.path
        self._by_title: dict[str, list[Section]] = {}
        for section in doc.sections:
            self._by_title.setdefault(section.title, []).append(section)

    def __call__(self, section: str, path: str, line: int) -> tuple[str, ...]:
        candidates = self._by_title.get(section)
        if not candidates:
            return (section,) if section else ()
        chosen = candidates[0]
        if len(candidates) > 1 and path == self._path:
            holding = [s for s in candidates if s.line <= line <= s.end_line]
            if holding:
                chosen = max(holding, key=lambda s: s.line)  # the innermost
        return (*chosen.trail, chosen.title)


def _make(doc: Document, docset: str, trails: _Trails, **fields) -> Passage:
    section = fields.pop("section")
    return Passage(
        doc_path=doc.path, title=doc.title, date=doc.date, section=section,
        trail=trails(section, fields["path"], fields["line_start"]), docset=docset, **fields,
    )


def _summary(doc: Document, docset: str) -> Passage | None:
    """What the doc is about: its title and description, where they are written."""
    fm = doc.front_matter
    parts = [doc.title, doc.description]
    for key in _SUMMARY_FIELDS[2:]:
        value = fm.get(key)
        if isinstance(value, list):
            parts.extend(str(v) for v in value if v is not None)
        elif value:
            parts.append(str(value))
    headings = [s.title for s in doc.sections]
    # Quote only what is written in the file: a title made from the file name is not.
    written: list[tuple[int, str]] = []
    if fm.get("title") and "title" in doc.front_matter_lines:
        written.append((doc.front_matter_lines["title"], doc.title))
    else:
        h1 = next((s for s in doc.sections if s.level == 1 and s.title == doc.title), None)
        if h1 is not None:
            written.append((h1.line, doc.title))
    if doc.description and "description" in doc.front_matter_lines:
        written.append((doc.front_matter_lines["description"], doc.description))
    if not written:
        return None
    written.sort()
    return Passage(
        path=doc.path, doc_path=doc.path, title=doc.title, date=doc.date, section="",
        trail=(), kind="summary", line_start=written[0][0], line_end=written[-1][0],
        quote=" … ".join(text for _, text in written), text=" ".join([*parts, *headings]),
        entities=tuple(headings), docset=docset,
    )


def _block_passage(doc: Document, block: Block, trails: _Trails, docset: str) -> Passage:
    context = [block.section]
    if block.lead:
        context.append(block.lead)
    return _make(
        doc, docset, trails, path=block.path, section=block.section,
        kind=block.kind if block.kind != "heading" else "paragraph",
        line_start=block.line, line_end=block.end_line, quote=block.text,
        text=" ".join([*context, block.text]),
    )


def _table_passages(doc: Document, table: Table, trails: _Trails, docset: str) -> Iterator[Passage]:
    notes = {(r, c): n for n in table.footnotes for r, c in n.refs if n.text}
    for index, (row, cell_lines) in enumerate(zip(table.rows, table.cell_lines, strict=True)):
        pairs = [f"{h}: {v}" for h, v in zip(table.header, row, strict=True) if v]
        extra = [notes[(index, c)].text or "" for c in range(len(row)) if (index, c) in notes]
        start, end = min(cell_lines), max(cell_lines)
        yield _make(
            doc, docset, trails, path=table.path, section=table.section, kind="table_row",
            line_start=start, line_end=end, quote=" | ".join(c for c in row if c),
            text="; ".join(p for p in (table.section, table.caption, *pairs, *extra) if p),
            entities=tuple(c for c in row if c),
        )


def _item_lines(items: tuple[ExceptionItem, ...]) -> Iterator[int]:
    for item in items:
        yield item.line
        yield from _item_lines(item.items)


def _exception_passages(doc: Document, exc: ExceptionList, trails: _Trails, docset: str
                        ) -> Iterator[Passage]:
    def walk(items: tuple[ExceptionItem, ...], parents: tuple[str, ...]) -> Iterator[Passage]:
        for item in items:
            yield _make(
                doc, docset, trails, path=exc.path, section=exc.section, kind="exception",
                line_start=item.line, line_end=item.end_line, quote=item.text,
                text=" ".join([exc.rule, *parents, item.text]),
                entities=(item.label,) if item.label else (),
            )
            yield from walk(item.items, (*parents, item.text))

    yield from walk(exc.items, ())
