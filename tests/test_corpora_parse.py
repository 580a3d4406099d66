"""Every doc in ../shared/corpora parses: no exception, sane lines, rows as wide as headers."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assistant.corpus import find_docs, read_source
from assistant.errors import ParseError
from assistant.parse import parse_file


def problems_in(path: str, root: str) -> list[str]:
    """What is wrong with the model of one doc (empty when it is sane)."""
    try:
        doc = parse_file(path, root=root)
    except ParseError as exc:
        # Only empty/binary files may be refused, and the message must name the file.
        ok = path in str(exc) and ("empty file" in str(exc) or "binary" in str(exc))
        return [] if ok else [f"{path}: unexpected refusal: {exc}"]
    except Exception as exc:  # noqa: BLE001 - the point is to report any crash
        return [f"{path}: crashed: {type(exc).__name__}: {exc}"]
    found = []
    counts = {path: doc.line_count}

    def within(line: int | None, what: str, file: str = path) -> None:
        # Text spliced in from an include carries the include file's own lines.
        if file not in counts:
            counts[file] = len(read_source(file).text.rstrip("\n").split("\n"))
        if line is None or not 1 <= line <= counts[file]:
            found.append(f"{file}: {what} line {line} outside 1..{counts[file]} (in {path})")

    for section in doc.sections:
        within(section.line, "section")
        within(section.end_line, "section end")
    for block in doc.blocks:
        within(block.line, f"{block.kind}", block.path)
        within(block.end_line, f"{block.kind} end", block.path)
    for table in doc.tables:
        within(table.line, "table", table.path)
        for row, line in zip(table.rows, table.row_lines, strict=True):
            within(line, "table row", table.path)
            if len(row) != len(table.header):
                found.append(f"{path}:{line}: row of {len(row)} cells under a "
                             f"{len(table.header)}-cell header")
    for exc in doc.exception_lists:
        within(exc.line, "exception list", exc.path)
    for link in doc.links:
        within(link.line, "link")
    for diagnostic in doc.diagnostics:
        within(diagnostic.line, f"diagnostic {diagnostic.code}", diagnostic.path)
    return found


def _check_chunk(chunk: list[tuple[str, str]]) -> list[str]:
    return [p for path, root in chunk for p in problems_in(path, root)]


def test_every_corpus_doc_parses_sanely(corpora: Path) -> None:
    roots = [str(p) for p in sorted(corpora.iterdir()) if p.is_dir()]
    # scale/ holds one folder per repository: each is its own docset root for "~/" includes.
    docsets = []
    for root in roots:
        if os.path.basename(root) == "scale":
            docsets += [str(p) for p in sorted(Path(root).iterdir()) if p.is_dir()]
        else:
            docsets.append(root)
    refs = [(ref.path, ref.root) for ref in find_docs(docsets)]
    assert len(refs) > 19_000
    chunks = [refs[i:i + 200] for i in range(0, len(refs), 200)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for found in pool.map(_check_chunk, chunks) for p in found]
    assert problems == []
