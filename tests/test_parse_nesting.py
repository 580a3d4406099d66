"""Deeply nested blocks never cost the rest of the doc (markdown-it stops silently at its
nesting limit and drops every block after it)."""

from __future__ import annotations

from assistant.parse import parse_text


def _nested_list(levels: int) -> list[str]:
    return ["  " * level + f"- level {level + 1}" for level in range(levels)]


def _later_section(doc_lines: list[str]) -> tuple[list[str], int]:
    heading = len(doc_lines) + 2
    return [*doc_lines, "", "## Later", "", "Later paragraph.", ""], heading


def test_twelve_level_list_keeps_the_sections_after_it() -> None:
    lines, heading = _later_section(["# Title", "", *_nested_list(12)])
    doc = parse_text("\n".join(lines), "deep.md")
    assert [(s.title, s.line) for s in doc.sections] == [("Title", 1), ("Later", heading)]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == [f"level {n}" for n in range(1, 13)]
    assert (items[-1].line, items[-1].depth) == (14, 11)
    last = doc.blocks[-1]
    assert (last.kind, last.text, last.line, last.section) == (
        "paragraph", "Later paragraph.", heading + 2, "Later")
    assert doc.diagnostics == ()


def test_nesting_past_the_cap_is_reported_and_the_rest_kept() -> None:
    lines, heading = _later_section(["# Title", "", *_nested_list(300)])
    doc = parse_text("\n".join(lines), "deeper.md")
    assert [(s.title, s.line) for s in doc.sections] == [("Title", 1), ("Later", heading)]
    assert doc.blocks[-1].text == "Later paragraph." and doc.blocks[-1].line == heading + 2
    [warning] = doc.diagnostics
    assert warning.path == "deeper.md" and warning.code == "nesting-too-deep"
    cut = warning.line
    assert 3 < cut < heading
    # Nothing is lost: the text below the cut is kept as plain paragraphs.
    text = " ".join(b.text for b in doc.blocks)
    assert "level 300" in text and f"level {cut - 2}" in text


def test_absurd_nesting_neither_crashes_nor_drops_later_text() -> None:
    for body in ("> " * 5000 + "quoted", "[" * 5000 + "x", "*" * 5000 + "x"):
        doc = parse_text(f"# T\n\n{body}\n\n## After\n\nEnd.\n", "absurd.md")
        assert [s.title for s in doc.sections] == ["T", "After"]
        assert doc.blocks[-1].text == "End."
