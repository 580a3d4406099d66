"""HTML tables written as HTML blocks become tables with one passage per row, like pipe tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.answer.quotes import SourceLines
from assistant.answer.tables import read_table
from assistant.answer.text import words
from assistant.errors import ParseError
from assistant.lexicon import load_lexicon
from assistant.model import Document, Table
from assistant.parse import parse_file, parse_text
from assistant.passages import passages_of

ENVIRONMENTS = """\
## Types of environments

<table style="width:100%">
<tr>
<th>Type</th>
<th>Description</th>
</tr>
<tr>
<td> Developer</td>
<td>  Developer environments are created by users who have the Developer Plan license.
They are intended only for use by the owner.</td>
</tr>
<tr>
<td> Sandbox</td>
<td>These are non-production environments, which offer features like copy and reset.</td>
</tr>
</table>
"""


def only_table(doc: Document) -> Table:
    [table] = doc.tables
    return table


def rows_held(doc: Document, path: Path) -> list[str]:
    """The row passages whose quote is not on their lines (empty when all hold)."""
    lines = SourceLines()
    return [f"{p.line_start}-{p.line_end}: {p.quote}" for p in passages_of(doc)
            if p.kind == "table_row"
            and not lines.holds(str(path), p.line_start, p.line_end, p.quote)]


def write(tmp_path: Path, text: str) -> tuple[Document, Path]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return parse_file(path), path


# -- the shape of the table -------------------------------------------------------------------

def test_each_row_is_its_own_passage_and_no_paragraph_repeats_the_table() -> None:
    doc = parse_text(ENVIRONMENTS, "env.md")
    table = only_table(doc)
    assert table.header == ("Type", "Description")
    assert table.rows == (
        ("Developer", "Developer environments are created by users who have the Developer "
                      "Plan license. They are intended only for use by the owner."),
        ("Sandbox", "These are non-production environments, which offer features like copy "
                    "and reset."),
    )
    assert table.section == "Types of environments"
    assert table.footnotes == ()
    assert [b.kind for b in doc.blocks] == ["heading"]
    rows = [p for p in passages_of(doc) if p.kind == "table_row"]
    assert len(rows) == 2
    developer = next(p for p in rows if p.quote.startswith("Developer"))
    # The Sandbox row's "reset" is no longer the Developer row's neighbour.
    assert "reset" not in developer.text
    assert "Type: Developer" in developer.text


def test_lines_are_file_lines_with_front_matter_counted(tmp_path: Path) -> None:
    doc, path = write(tmp_path, "---\ntitle: Envs\n---\n\n" + ENVIRONMENTS)
    table = only_table(doc)
    assert table.line == 8  # the header row's <tr>
    assert table.end_line == 21
    assert table.row_lines == (13, 18)
    # Every cell's line holds the start of its text; a cell running over two lines puts its
    # end in the span (its row is cited 13-15).
    assert table.cell_lines == ((13, 15), (18, 19))
    lines = path.read_text().split("\n")
    assert "Developer" in lines[13 - 1] and "owner" in lines[15 - 1]
    assert rows_held(doc, path) == []


def test_a_cell_on_many_lines_is_held_whole_by_its_row(tmp_path: Path) -> None:
    doc, path = write(tmp_path, (
        "<table>\n<tr><th>Name</th><th>Note</th><th>Limit</th></tr>\n"
        "<tr>\n<td>\nAlpha\nBeta\n</td>\n<td></td>\n<td>one\ntwo\nthree</td>\n</tr>\n"
        "<tr><td>Solo\ntext\nhere</td></tr>\n</table>\n"))
    table = only_table(doc)
    assert table.rows == (("Alpha Beta", "", "one two three"), ("Solo text here", "", ""))
    first, second = table.cell_lines
    assert min(first) == 5 and max(first) == 11
    assert (min(second), max(second)) == (13, 15)  # a padding cell keeps the first line
    assert rows_held(doc, path) == []


def test_header_from_th_cells_and_rows_as_wide_as_the_header() -> None:
    table = only_table(parse_text(
        "<table>\n<tr><th>A</th><th>B</th><th>C</th></tr>\n"
        "<tr><td>1</td></tr>\n<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>\n</table>\n"))
    # An HTML row wider than the header shows its extra cells: the header is widened, so
    # no text is dropped; widths as written are kept for the checks.
    assert table.header == ("A", "B", "C", "")
    assert table.rows == (("1", "", "", ""), ("1", "2", "3", "4"))
    assert table.header_width == 3
    assert table.source_widths == (1, 4)


def test_thead_rows_with_spans_make_one_header() -> None:
    table = only_table(parse_text(
        "<table>\n<thead>\n"
        '<tr><th rowspan="2">Event</th><th colspan="2">Billable project</th></tr>\n'
        "<tr><th>Time and materials</th><th>Fixed price</th></tr>\n"
        "</thead>\n<tbody>\n"
        '<tr><td>A time entry is created.</td><td colspan="2">No activity</td></tr>\n'
        "</tbody>\n</table>\n"))
    assert table.header == ("Event", "Billable project Time and materials",
                            "Billable project Fixed price")
    assert table.header_width == 3
    # A colspan cell stands in its first column; the columns it covers count as written.
    assert table.rows == (("A time entry is created.", "No activity", ""),)
    assert table.source_widths == (3,)


def test_rowspan_carries_the_cell_down_with_the_line_it_was_written_on(tmp_path: Path) -> None:
    doc, path = write(tmp_path, (
        "<table>\n<tr><th>Activity</th><th>Dimension</th></tr>\n"
        "<tr>\n<td rowspan=2>Created environment</td>\n<td>ApplicationVersion</td>\n</tr>\n"
        "<tr>\n<td>CountryCode</td>\n</tr>\n</table>\n"))
    table = only_table(doc)
    assert table.rows == (("Created environment", "ApplicationVersion"),
                          ("Created environment", "CountryCode"))
    assert table.cell_lines == ((4, 5), (4, 8))
    assert table.row_lines == (4, 8)
    assert table.source_widths == (2, 2)  # the carried cell fills its slot: not ragged
    assert rows_held(doc, path) == []


def test_a_table_without_header_cells_has_an_empty_header() -> None:
    table = only_table(parse_text(
        "<table>\n<tr><td>Submit</td><td>Verify</td></tr>\n"
        "<tr><td>Approve</td><td>Done</td></tr>\n</table>\n"))
    assert table.header == ("", "")
    assert table.rows == (("Submit", "Verify"), ("Approve", "Done"))
    assert table.line == 1


def test_a_first_row_of_bold_cells_is_the_header() -> None:
    table = only_table(parse_text(
        "<table>\n<tr><td><p><strong>Scenario</strong></p></td><td><b>Actuals</b></td></tr>\n"
        "<tr><td>Invoicing an advance</td><td>A billed sales actual</td></tr>\n</table>\n"))
    assert table.header == ("Scenario", "Actuals")
    assert table.rows == (("Invoicing an advance", "A billed sales actual"),)


def test_a_caption_names_the_table_else_the_sentence_above_it() -> None:
    written = only_table(parse_text(
        "Limits:\n\n<table><caption>API <b>limits</b></caption>\n"
        "<tr><th>API</th></tr><tr><td>GET</td></tr></table>\n"))
    assert written.caption == "API limits"
    above = only_table(parse_text(
        "The limits are these:\n\n<table>\n<tr><th>API</th></tr><tr><td>GET</td></tr>\n"
        "</table>\n"))
    assert above.caption == "The limits are these:"


def test_the_table_reader_answers_from_the_right_row() -> None:
    doc = parse_text(
        "## Types of environments\n\n<table>\n<tr><th>Type</th><th>Security</th></tr>\n"
        "<tr><td>Sandbox</td><td>Full control.</td></tr>\n"
        "<tr><td>Trial</td><td>Limited control.</td></tr>\n</table>\n", "env.md")
    question = analyse("What security does a Trial environment have?", NameTable(load_lexicon()))
    reading = read_table(question, words(question.text), doc, only_table(doc))
    assert reading is not None
    assert (reading.verdict, reading.rows) == ("answer", (1,))
    assert reading.values == ("Limited control.",)


# -- cell text --------------------------------------------------------------------------------

def test_cell_text_decodes_entities_and_renders_markdown() -> None:
    table = only_table(parse_text(
        "<table>\n<tr><th>Name &amp; kind</th><th>Value</th></tr>\n"
        "<tr><td>1&nbsp;GB &lt;max&gt; &#42;</td>"
        "<td>**Ready** state, see [the docs](x.md) and `code`<br>next&#8202;line</td></tr>\n"
        "<tr><td><code>*.aspx</code> files</td><td><i>[Portal URI]</i>/_api</td></tr>\n"
        "</table>\n"))
    assert table.header == ("Name & kind", "Value")
    assert table.rows == (
        ("1 GB <max> *", "Ready state, see the docs and code next line"),
        ("*.aspx files", "[Portal URI]/_api"),
    )


def test_a_nested_table_is_flattened_into_its_cell() -> None:
    table = only_table(parse_text(
        "<table>\n<tr><th>Outer</th><th>Inner</th></tr>\n"
        "<tr><td>One</td><td><table><tr><td>a</td><td>b</td></tr></table> after</td></tr>\n"
        "<tr><td>Two</td><td>plain</td></tr>\n</table>\n"))
    assert table.rows == (("One", "a b after"), ("Two", "plain"))


# -- the text around the table and broken HTML -----------------------------------------------

def test_text_before_and_after_the_table_stays_paragraphs_on_their_lines() -> None:
    doc = parse_text(
        "<div>\n<p>Before the table.</p>\n<table>\n<tr><th>K</th></tr><tr><td>v</td></tr>\n"
        "</table>\n<p>After it.</p>\n</div>\n")
    assert only_table(doc).rows == (("v",),)
    assert [(b.kind, b.text, b.line, b.end_line) for b in doc.blocks] == [
        ("paragraph", "Before the table.", 1, 2),
        ("paragraph", "After it.", 6, 7),
    ]


def test_html_without_readable_rows_stays_one_paragraph_as_before() -> None:
    for html in ("<table>\n</table>\n", "<table class=x>\n<tr></tr>\n<tr><td> </td></tr>\n",
                 "<table>\n<caption>Only a caption</caption>\n</table>\n",
                 "<div>text <table> more</div>\n"):
        doc = parse_text(html + "\nNext.\n")
        assert doc.tables == ()
        expected = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
        got = [b.text for b in doc.blocks if b.line == 1]
        assert got == ([expected] if expected else []), html


def test_malformed_html_is_read_as_far_as_it_goes() -> None:
    # Unclosed cells and rows, a cell outside any row, stray text, no </table>.
    doc = parse_text(
        "<table>\n<tr><th>Cmdlet<th>Description\n<tr><td>Get<td>Gets it\n</tr>\n"
        "stray words\n<td>New</td><td>Creates one</td></tr>\n<tr><td>Last\n")
    table = only_table(doc)
    assert table.header == ("Cmdlet", "Description")
    assert table.rows == (("Get", "Gets it"), ("New", "Creates one"), ("Last", ""))
    assert table.end_line == 7
    assert [(b.text, b.line) for b in doc.blocks] == [("stray words", 5)]


def test_a_table_cut_by_blank_lines_is_read_whole(tmp_path: Path) -> None:
    doc, path = write(tmp_path, (
        "<table>\n\n<tr class=row1>\n\n<td class=col1>\n\nChild **Page** 1\n\n</td>\n\n"
        "<td class=col2>\n\nChild Page 2\n\n</td>\n\n</tr>\n\n</table>\n\nAfter.\n"))
    table = only_table(doc)
    assert table.rows == (("Child Page 1", "Child Page 2"),)
    assert table.cell_lines == ((7, 13),)
    assert [b.text for b in doc.blocks] == ["After."]
    assert rows_held(doc, path) == []


def test_an_include_between_the_blocks_of_a_table_stays_an_include() -> None:
    doc = parse_text("<table>\n\n<tr><td>\n\n[!INCLUDE[note](note.md)]\n\n</td></tr>\n\n"
                     "</table>\n")
    assert [(i.target, i.line) for i in doc.includes] == [("note.md", 5)]
    assert doc.tables == ()


def test_rows_cut_off_from_their_table_tag_are_a_table() -> None:
    # A list item's indentation ends the block after "<table>": the rows follow on their own.
    doc = parse_text(
        "1. Set the fields:\n\n    <table>\n  <tr>\n    <th>Field</th><th>Description</th>\n"
        "  </tr>\n  <tr><td>Version</td><td>Specifies the version.</td></tr>\n</table>\n")
    table = only_table(doc)
    assert table.header == ("Field", "Description")
    assert table.rows == (("Version", "Specifies the version."),)


def test_a_table_inside_a_pipe_table_cell_is_left_to_the_pipe_table() -> None:
    doc = parse_text(
        "| Setting | Values |\n|---|---|\n"
        "| mode | <table><tr><td>on</td><td>off</td></tr></table> |\n")
    table = only_table(doc)
    assert table.header == ("Setting", "Values")
    assert len(table.rows) == 1 and table.rows[0][0] == "mode"


def test_a_table_in_a_fenced_code_block_is_code() -> None:
    doc = parse_text("```html\n<table>\n<tr><td>x</td></tr>\n</table>\n```\n")
    assert doc.tables == ()
    assert [b.kind for b in doc.blocks] == ["code"]


# -- properties -----------------------------------------------------------------------------

def assert_sane(doc: Document) -> None:
    """Every line inside the file, every table row as wide as its header."""
    count = max(doc.line_count, 1)
    blocks = [line for b in doc.blocks for line in (b.line, b.end_line)]
    assert all(1 <= line <= count for line in blocks), (blocks, count)
    for table in doc.tables:
        assert 1 <= table.line <= table.end_line <= count
        assert len(table.row_lines) == len(table.rows) == len(table.cell_lines)
        assert len(table.source_widths) == len(table.rows)
        assert all(len(row) == len(table.header) for row in table.rows)
        assert all(len(lines) == len(table.header) for lines in table.cell_lines)
        assert all(1 <= line <= count for lines in table.cell_lines for line in lines)
        assert all(1 <= line <= count for line in table.row_lines)


_HTML_PIECES = st.sampled_from([
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>", "<thead>",
    "</thead>", "<tbody>", '<td colspan="3">', "<td rowspan=0>", '<th rowspan="99">',
    "<td colspan=x>", '<td colspan="100000">', "<caption>", "</caption>", "<br>", "<br/>",
    "<p>", "<b>", "</strong>", "<code>", "</code>", "<!--", "-->", "<![if x]>", "<!x[",
    "<![CDATA[", "<script>", "&amp;", "&nbsp", "&#42;", "&#xZZ;", "**", "[a](b)", "`", "|",
    "<", ">", "\n", "\n\n", "  ", "text", "Sandbox", "\u00a0",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_HTML_PIECES, st.text(max_size=8)), max_size=60))
def test_any_html_in_an_html_block_parses(pieces: list[str]) -> None:
    assert_sane(parse_text("# Title\n\n<table>" + "".join(pieces) + "\n\nAfter.\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' \n&;#!-[]tabledrhcospn0123")),
               max_size=120))
def test_html_like_noise_parses(text: str) -> None:
    assert_sane(parse_text("<table>" + text))


# -- the real corpora -------------------------------------------------------------------------

_TABLE_LINE = re.compile(r"^\s*<table", re.MULTILINE)


@pytest.mark.corpora
def test_every_html_table_row_in_the_corpora_is_held_by_its_lines(corpora: Path) -> None:
    docs = [path for path in sorted(corpora.rglob("*.md"))
            if _TABLE_LINE.search(path.read_text(encoding="utf-8", errors="replace"))]
    assert len(docs) >= 25
    lines = SourceLines(capacity=256)
    broken: list[str] = []
    with_html_tables = checked = 0
    for path in docs:
        try:
            doc = parse_file(path)
        except ParseError:
            continue
        html = [t for t in doc.tables
                if (lines.lines(t.path) or [""])[t.line - 1].lstrip().startswith("<")]
        with_html_tables += bool(html)
        for passage in passages_of(doc):
            if passage.kind == "table_row" and any(
                    t.path == passage.path and t.line <= passage.line_start
                    and passage.line_end <= t.end_line for t in html):
                checked += 1
                if not lines.holds(passage.path, passage.line_start, passage.line_end,
                                   passage.quote):
                    broken.append(f"{passage.path}:{passage.line_start}-{passage.line_end}: "
                                  f"{passage.quote[:80]}")
    assert with_html_tables >= 20
    assert checked >= 500
    assert broken == []


def test_a_clause_of_a_description_cell_is_not_the_row_asked_about() -> None:
    # A reference table of attributes: the question names one attribute; another row's
    # description happens to hold a clause made of the question's words ("FastCGI process
    # request"), which is no name, so it must not pick that row nor narrow the named one.
    doc = parse_text(
        "## Attributes\n\n| Attribute | Description |\n| --- | --- |\n"
        "| `instanceMaxRequests` | Optional uint attribute.<br><br>Specifies the maximum "
        "number of requests each FastCGI worker process can process before it is recycled."
        "<br><br>The default value is `200`. |\n"
        "| `requestTimeout` | Optional uint attribute.<br><br>Specifies the maximum time, in "
        "seconds, that a FastCGI process request can take.<br><br>The default value is "
        "`90`. |\n", "fastcgi.md")
    question = analyse("What is the default instanceMaxRequests of a FastCGI process request?",
                       NameTable(load_lexicon()))
    reading = read_table(question, words(question.text), doc, only_table(doc))
    assert reading is not None
    assert reading.rows == (0,)
    assert "200" in reading.values[0]
