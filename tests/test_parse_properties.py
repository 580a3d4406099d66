"""Property tests: any text parses without an exception and every line is inside the file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import ParseError
from assistant.model import Document
from assistant.parse import parse_bytes, parse_text

# Pieces that exercise the parser's structure (tables, lists, callouts, includes, front
# matter) mixed with arbitrary text, so examples hit the interesting paths often.
_PIECES = st.sampled_from([
    "---", "title: x", "ms.date: 4/24/2019", ": bad", "| a | b |", "|---|---|", "| | x |",
    "|  |  |", "- item", "  - nested", "\t-\ttab", "1. step", "> [!NOTE]", "> quote",
    "# Head", "## Sub", "Except when:", "unless:", "<sup>1</sup>", "<sup>1 note</sup>",
    "[!INCLUDE[a](b.md)]", "::: moniker-end", ":::image type=\"content\":::", "```", "",
    "[link](x.md#y)", "**Label:** text", "Short Title", "Sentence ends.", "\u00a0", "\r",
])
_LINES = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40)


def assert_sane(doc: Document) -> None:
    count = doc.line_count
    own = [
        *(s.line for s in doc.sections), *(s.end_line for s in doc.sections),
        *(b.line for b in doc.blocks), *(b.end_line for b in doc.blocks),
        *(t.line for t in doc.tables), *(line for t in doc.tables for line in t.row_lines),
        *(e.line for e in doc.exception_lists), *(link.line for link in doc.links),
        *(d.line for d in doc.diagnostics),
    ]
    assert all(1 <= line <= max(count, 1) for line in own), (own, count)
    for table in doc.tables:
        assert all(len(row) == len(table.header) for row in table.rows)
    for section in doc.sections:
        assert section.line <= section.end_line


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_structured_noise_parses(lines: list[str]) -> None:
    assert_sane(parse_text("\n".join(lines)))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses(text: str) -> None:
    assert_sane(parse_text(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_are_refused_clearly(data: bytes) -> None:
    try:
        doc = parse_bytes(data, "doc.md")
    except ParseError as exc:
        assert str(exc).startswith("doc.md:1: ")
    else:
        assert_sane(doc)
