"""Parser behaviour: golden files for the seeds, and the messy cases real docs have."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.errors import ParseError
from assistant.model import to_json_data
from assistant.parse import parse_bytes, parse_file, parse_text
from paths import REPO, SEED_CSI, SEED_STORAGE

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("seed", "golden"),
    [
        (SEED_CSI, "customer-service-insights-data-location.json"),
        (SEED_STORAGE, "power-platform-data-storage.json"),
    ],
)
def test_seed_matches_golden_file(seed: Path, golden: str, monkeypatch) -> None:
    # Paths in the golden files are relative to the repo, as a user in the repo types them.
    monkeypatch.chdir(REPO)
    actual = to_json_data(parse_file(os.path.relpath(seed, REPO)))
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    expected = json.loads((GOLDEN / golden).read_text(encoding="utf-8"))
    assert actual == expected


def test_csi_seed_facts_named_in_the_issue() -> None:
    doc = parse_file(SEED_CSI)
    assert doc.title == "Data locations for Dynamics 365 Customer Service Insights"
    assert doc.date == "2019-04-24"
    sections = {s.title: s for s in doc.sections}
    assert sections["Data locations"].line == 24
    table = doc.tables[0]
    assert table.line == 26
    assert table.section == "Data locations"
    # The seed has 18 regions in 9 geos; the 8 all-empty separator rows are dropped.
    assert len(table.rows) == 18
    assert table.rows[0] == ("Europe", "West Europe (Netherlands)")
    assert table.rows[1] == ("Europe", "North Europe (Ireland)")
    assert table.rows[-1] == ("Japan", "Japan West (Osaka)")
    # The carried-down geo remembers where it was written.
    assert table.row_lines[1] == 29
    assert table.cell_lines[1] == (28, 29)
    # Cell whitespace is collapsed.
    assert ("Australia", "Australia East (New South Wales)") in table.rows

    [exceptions] = doc.exception_lists
    assert exceptions.section == "Customer data at rest in geo"
    assert exceptions.line == 59
    assert exceptions.trigger == "except"
    assert [len(item.items) for item in exceptions.items] == [0, 8, 4]
    power_bi = exceptions.items[2].items[2]
    assert power_bi.line == 74
    assert power_bi.label == "Microsoft Power BI, Microsoft PowerApps, and Microsoft Flow"
    assert power_bi.links[0].text == "here"
    assert exceptions.items[2].items[0].label == "Machine Learning Cognitive Services"


def test_storage_seed_front_matter_lists_and_bare_heading() -> None:
    doc = parse_file(SEED_STORAGE)
    assert doc.front_matter["search.app"] == ["D365CE", "PowerApps", "Powerplatform", "Flow"]
    assert doc.front_matter["ms.custom"] == ["admin-security", "intro-internal"]
    assert doc.date == "2021-12-08"
    # "Multiple geographies (multi-geo)" is a heading written as a bare line (line 40).
    bare = next(s for s in doc.sections if s.title.startswith("Multiple geographies"))
    assert (bare.line, bare.level) == (40, 4)
    paragraph = next(b for b in doc.blocks if b.line == 39)
    assert paragraph.end_line == 39 and "Multiple" not in paragraph.text
    processing = next(
        b for b in doc.blocks if b.section == "Data in processing" and b.kind == "paragraph")
    assert processing.line == 64 and "is not encrypted" in processing.text


def lines_of(doc_text: str) -> list[str]:
    return doc_text.split("\n")


def test_continuation_rows_and_separator_rows() -> None:
    doc = parse_text(
        "| Geo | Region |\n|---|---|\n| Europe | West |\n| | North |\n| | |\n| Asia | East |\n"
    )
    table = doc.tables[0]
    assert table.rows == (("Europe", "West"), ("Europe", "North"), ("Asia", "East"))
    assert table.row_lines == (3, 4, 6)


def test_ragged_rows_keep_their_written_width() -> None:
    doc = parse_text("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n")
    table = doc.tables[0]
    assert table.header_width == 2
    assert table.source_widths == (3, 1)
    assert all(len(row) == len(table.header) for row in table.rows)


def test_footnote_markers_are_tied_to_their_text() -> None:
    text = (
        "| Geo | Region |\n|---|---|\n| Brazil | Brazil South<sup>1</sup> |\n\n"
        "<sup>1 Data may be replicated to South Central US (Texas).</sup>\n"
    )
    table = parse_text(text).tables[0]
    assert table.rows[0] == ("Brazil", "Brazil South")
    [note] = table.footnotes
    assert note.marker == "1"
    assert note.line == 5
    assert note.text == "Data may be replicated to South Central US (Texas)."
    assert note.refs == ((0, 1),)


def test_footnotes_gathered_at_the_end_and_link_markers() -> None:
    text = (
        "| A | B |\n|---|---|\n| x<sup>[\\[3\\]](#3)</sup> | y |\n\n## Later\n\n"
        "| C | D |\n|---|---|\n| z | w |\n\n## Notes\n\n<sup>3</sup> The third note.\n"
    )
    first, second = parse_text(text).tables
    [note] = first.footnotes
    assert (note.marker, note.text, note.line, note.refs) == ("3", "The third note.", 13, ((0, 0),))
    # A later table does not claim footnotes that are not right under it.
    assert second.footnotes == ()


def test_footnote_marker_without_text_is_kept_unresolved() -> None:
    table = parse_text("| A<sup>2</sup> | B |\n|---|---|\n| x | y |\n").tables[0]
    [note] = table.footnotes
    assert (note.marker, note.text, note.line, note.refs) == ("2", None, None, ((-1, 0),))


def test_pipe_less_table_with_tabs() -> None:
    text = "Geo | Regions\n ---|---\nUnited States | East US, West US\nIndia\t| Central India\n"
    table = parse_text(text).tables[0]
    assert table.header == ("Geo", "Regions")
    assert table.rows[1] == ("India", "Central India")


def test_moniker_end_after_table_is_not_a_row() -> None:
    text = "::: moniker range=\">= x\"\n| a | b |\n|---|---|\n| 1 | 2 |\n::: moniker-end\n"
    table = parse_text(text).tables[0]
    assert table.rows == (("1", "2"),)
    assert table.end_line == 4


def test_tables_in_code_fences_are_code() -> None:
    doc = parse_text("```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n")
    assert doc.tables == ()
    assert doc.blocks[0].kind == "code"


def test_br_and_inline_markup_in_cells_become_plain_text() -> None:
    text = "| a | b |\n|---|---|\n| **bold**<br>next | [link text](x.md) `code` |\n"
    table = parse_text(text).tables[0]
    assert table.rows[0] == ("bold next", "link text code")


def test_closing_br_tags_separate_words() -> None:
    table = parse_text("| a |\n|---|\n| **Ideas**</br>[Use it](x.md)<br><br>now |\n").tables[0]
    assert table.rows[0] == ("Ideas Use it now",)


def test_escaped_pipe_in_cell() -> None:
    table = parse_text("| a | b |\n|---|---|\n| x \\| y | z |\n").tables[0]
    assert table.rows[0] == ("x | y", "z")
    assert table.source_widths == (2,)


def test_callouts_are_blocks_with_their_type() -> None:
    text = "# T\n\n> [!NOTE]\n> Data is **not** encrypted.\n\n> [!div class=\"x\"]\n> plain\n"
    doc = parse_text(text)
    callout = next(b for b in doc.blocks if b.kind == "callout")
    assert (callout.callout, callout.text, callout.line, callout.end_line) == (
        "NOTE", "Data is not encrypted.", 3, 4)
    assert any(b.kind == "paragraph" and b.text.endswith("plain") for b in doc.blocks)


def test_exception_list_variants() -> None:
    text = (
        "# Rules\n\nData stays in the geo unless:\n\n- **Support:** we need it\n"
        "- Preview features: they run in the US\n\n## Exclusions\n\n- Copilot\n- Search\n"
    )
    doc = parse_text(text)
    unless, exclusions = doc.exception_lists
    assert unless.trigger == "unless" and unless.line == 3
    assert [i.label for i in unless.items] == ["Support", "Preview features"]
    assert exclusions.trigger == "exclusions" and exclusions.section == "Exclusions"
    assert [i.text for i in exclusions.items] == ["Copilot", "Search"]


def test_a_sentence_with_except_but_no_list_is_not_an_exception_list() -> None:
    doc = parse_text("Data is replicated, except as specified below.\n\nMore text.\n")
    assert doc.exception_lists == ()


def test_tab_indented_nested_lists() -> None:
    doc = parse_text("Everything except:\n\n-\tOne\n\t-\tNested\n-\tTwo\n")
    [exc] = doc.exception_lists
    assert [i.text for i in exc.items] == ["One", "Two"]
    assert exc.items[0].items[0].text == "Nested"


def test_invalid_yaml_is_reported_with_its_line_and_the_body_still_parsed() -> None:
    doc = parse_text("---\ntitle: ok\nbad: [unclosed\n---\n# Heading\n\nBody text.\n", "x.md")
    [diagnostic] = doc.diagnostics
    assert diagnostic.code == "invalid-front-matter"
    assert diagnostic.path == "x.md"
    assert diagnostic.line == 4  # where YAML notices the unclosed bracket
    assert doc.front_matter == {}
    assert doc.title == "Heading"
    assert doc.blocks[-1].text == "Body text." and doc.blocks[-1].line == 7


def test_unclosed_front_matter_is_reported() -> None:
    doc = parse_text("---\ntitle: x\n\n# Heading\n")
    assert [d.code for d in doc.diagnostics] == ["unclosed-front-matter"]


def test_non_utf8_bytes_are_replaced_with_a_warning() -> None:
    # 0x81 is neither UTF-8 nor Windows-1252 (which would read the file exactly).
    doc = parse_bytes(b"# Title\n\nCaf\x81 au lait\n", "latin.md")
    [warning] = doc.diagnostics
    assert warning.code == "undecodable-bytes" and warning.line == 3
    assert "Caf\ufffd au lait" in doc.blocks[-1].text


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file_gives_a_clear_error(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty.md:1: empty file"):
        parse_bytes(data, "empty.md")


def test_binary_file_gives_a_clear_error() -> None:
    with pytest.raises(ParseError, match="binary"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "image.md")


def test_bom_and_crlf_keep_line_numbers() -> None:
    data = "\ufeff---\r\ntitle: T\r\nms.date: 2021-12-08\r\n---\r\n# H\r\n\r\nText\r\n".encode()
    doc = parse_bytes(data, "crlf.md")
    assert doc.title == "T" and doc.date == "2021-12-08"
    assert doc.sections[0].line == 5
    assert doc.blocks[-1].line == 7


@pytest.mark.parametrize(
    ("written", "iso"),
    [("4/24/2019", "2019-04-24"), ("05/10/2019", "2019-05-10"), ("2021-12-08", "2021-12-08"),
     ("13/45/2020", None), ("soon", None)],
)
def test_ms_date_is_normalised(written: str, iso: str | None) -> None:
    assert parse_text(f"---\nms.date: {written}\n---\ntext\n").date == iso


def test_empty_front_matter_values_stay_null() -> None:
    doc = parse_text("---\nms.assetid:\nms.custom: \"\"\n---\ntext\n")
    assert doc.front_matter == {"ms.assetid": None, "ms.custom": ""}


def test_block_and_inline_includes(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "banner.md").write_text("Shared **banner** text.\n")
    (tmp_path / "includes" / "name.md").write_text("Contoso Cloud\n")
    doc_path = tmp_path / "doc.md"
    doc_path.write_text(
        "# Doc\n\n[!INCLUDE[banner](includes/banner.md)]\n\n"
        "Welcome to [!include [name](includes/name.md)] today.\n\n"
        "[!INCLUDE [missing](includes/missing.md)]\n"
    )
    doc = parse_file(doc_path)
    banner = next(b for b in doc.blocks if b.text == "Shared banner text.")
    assert banner.path.endswith("banner.md") and banner.line == 1
    assert banner.section == "Doc"
    assert any(b.text == "Welcome to Contoso Cloud today." for b in doc.blocks)
    targets = {(i.target, i.resolved is not None, i.inline) for i in doc.includes}
    assert targets == {
        ("includes/banner.md", True, False),
        ("includes/name.md", True, True),
        ("includes/missing.md", False, False),
    }


def test_include_tokens_inside_code_are_examples(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("Included\n")
    doc_path = tmp_path / "doc.md"
    doc_path.write_text(
        "Write `[!INCLUDE[x](x.md)]` to include.\n\n```md\n[!INCLUDE[x](x.md)]\n"
        "Text [!INCLUDE[x](x.md)] here\n```\n\nReal [!INCLUDE[x](x.md)] one.\n"
    )
    doc = parse_file(doc_path)
    assert [(i.line, i.inline) for i in doc.includes] == [(8, True)]
    assert doc.blocks[0].text == "Write [!INCLUDE[x](x.md)] to include."
    assert doc.blocks[-1].text == "Real Included one."


def test_include_cycles_terminate(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("A text\n\n[!INCLUDE[b](b.md)]\n")
    (tmp_path / "b.md").write_text("B text\n\n[!INCLUDE[a](a.md)]\n")
    doc = parse_file(tmp_path / "a.md")
    assert [b.text for b in doc.blocks][:2] == ["A text", "B text"]


@pytest.mark.parametrize(
    ("title", "anchor"),
    [("Data locations", "data-locations"), ("What's new?", "whats-new"),
     ("Exclusive duration &", "exclusive-duration-"), ("Step 1: Sign in", "step-1-sign-in")],
)
def test_section_anchors_follow_the_learn_build(title: str, anchor: str) -> None:
    assert parse_text(f"## {title}\n").sections[0].anchor == anchor


def test_links_know_their_line_and_column() -> None:
    doc = parse_text("# T\n\nSee [the docs](https://docs.microsoft.com/en-us/x) now.\n")
    [link] = doc.links
    assert (link.text, link.line, link.col) == ("the docs", 3, 5)


def test_docfx_directives_do_not_leak_into_text() -> None:
    text = (
        "# T\n\n:::image type=\"content\" source=\"a.png\" alt-text=\"A\":::\n\n"
        ":::row:::\n   :::column:::\nCell text\n   :::column-end:::\n:::row-end:::\n"
    )
    doc = parse_text(text)
    assert [b.text for b in doc.blocks if b.kind != "heading"] == ["Cell text"]


def test_markup_in_doc_text_stays_literal() -> None:
    doc = parse_text("# T\n\nA [bold red]warning[/] and \x1b[31mred\x1b[0m text.\n")
    assert "[bold red]warning[/]" in doc.blocks[-1].text
    assert "\x1b[31m" in doc.blocks[-1].text


def test_sup_in_prose_is_text_and_comments_are_dropped() -> None:
    doc = parse_text("Eight (2<sup>3</sup> = 8) groups<!-- hidden -->.\n\n<!-- a\nblock -->\n")
    assert [b.text for b in doc.blocks] == ["Eight (23 = 8) groups."]


def test_list_item_paragraphs_parted_by_a_callout_are_marked() -> None:
    doc = parse_text(
        "1. Select it.\n\n    > [!NOTE]\n    > A note.\n\n   ![pic](a.png)\n\n   Then save.\n"
        "2. Next.\n\n   Same item.\n"
    )
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["Select it. … Then save.", "Next. Same item."]


def test_include_line_glued_under_a_paragraph_is_a_block_include(tmp_path: Path) -> None:
    (tmp_path / "inc.md").write_text("Included text.\n")
    (tmp_path / "a.md").write_text("First line\nsecond line.\n[!INCLUDE[x](inc.md)]\nAfter.\n")
    doc = parse_file(tmp_path / "a.md")
    assert [(b.text, b.line, b.end_line, b.path.endswith("inc.md")) for b in doc.blocks] == [
        ("First line second line.", 1, 2, False),
        ("Included text.", 1, 1, True),
        ("After.", 4, 4, False),
    ]


def test_footnotes_defined_by_anchors_before_or_after_the_table() -> None:
    text = (
        "> Versions marked <a name=\"1\"><sup>1</sup></a> are not available yet.\n\n"
        "| V | W |\n|---|---|\n| 27.10<sup>[\\[1\\]](#1)</sup> | 28 |\n"
        "| 26<sup>[\\[2\\]](#2)</sup> | 27 |\n\n"
        "<sup><a name=2>2</a></sup>From version 0.6 on.\n"
    )
    [table] = parse_text(text).tables
    notes = {n.marker: (n.text, n.line) for n in table.footnotes}
    assert notes == {"1": ("Versions marked 1 are not available yet.", 1),
                     "2": ("From version 0.6 on.", 8)}
