"""Walk markdown-it's syntax tree once and build the :class:`Document` model.

The front matter lines are emptied (not removed) before markdown-it runs, so its 0-based
``map`` lines are file lines minus one everywhere, with no offset to carry around.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import PurePath

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import (
    Block,
    Diagnostic,
    Document,
    ExceptionItem,
    ExceptionList,
    Include,
    Link,
    Section,
    Table,
)
from . import docfx, exceptions, html_tables, nesting
from .frontmatter import iso_date, split_front_matter, text_value
from .inline import InlineText, collapse, plain
from .tables import extract_table
from .tree import Node, build_tree

# Joins the lines of a paragraph run rebuilt from its tokens.
_SOFTBREAK = Token("softbreak", "br", 0)

# Parses an include target into a Document (or None when it cannot be read).
IncludeLoader = Callable[[str], Document | None]

_MARKDOWN = nesting.guard(MarkdownIt("commonmark").enable("table"))
_ANCHOR_DROP = re.compile(r"[^\w\- ]", re.UNICODE)
# A bare-line heading: a short capitalised phrase with no sentence punctuation at its end.
_BARE_HEADING = re.compile(r"^[A-Z][^.:;!?,]*[^.:;!?,\s]$")
_BARE_HEADING_MAX_WORDS = 8
_CAPTION_MAX_WORDS = 10
_FENCE_LINE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_SENTENCE_END = re.compile(r"[.!?:)]\s*$")


def anchor_for(title: str) -> str:
    """The fragment DocFX generates for a heading: lower case, punctuation gone, dashes.

    Spaces next to dropped punctuation stay dashes ("Duration (days) -" ends in a dash), as
    the Learn build keeps them.
    """
    return _ANCHOR_DROP.sub("", title.strip().lower()).replace(" ", "-")


class _Builder:
    """Mutable state of one walk; produces a frozen Document at the end."""

    def __init__(self, path: str, lines: list[str], load_include: IncludeLoader | None,
                 root: str | None) -> None:
        self.path = path
        self.lines = lines
        self.load_include = load_include
        self.root = root
        self.sections: list[tuple[str, int, int, tuple[str, ...]]] = []
        self.trail: list[tuple[int, str]] = []
        self.section = ""
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.exception_lists: list[ExceptionList] = []
        self.links: list[Link] = []
        self.includes: list[Include] = []
        self.diagnostics: list[Diagnostic] = []

    # -- headings -------------------------------------------------------------------------
    def add_heading(self, title: str, level: int, line: int) -> None:
        while self.trail and self.trail[-1][0] >= level:
            self.trail.pop()
        self.sections.append((title, level, line, tuple(t for _, t in self.trail)))
        self.trail.append((level, title))
        self.section = title
        self.blocks.append(Block("heading", title, line, line, title, self.path))

    # -- links ----------------------------------------------------------------------------
    def record_links(self, rendered: InlineText, first: int, last: int) -> tuple[Link, ...]:
        found = []
        for text, url in rendered.links:
            line, col = self._locate(url, first, last)
            found.append(Link(text, url, line, col))
        self.links.extend(found)
        return tuple(found)

    def _locate(self, url: str, first: int, last: int) -> tuple[int, int]:
        """The line and column where ``url`` is written within lines first..last."""
        for number in range(first, min(last, len(self.lines)) + 1):
            col = self.lines[number - 1].find(url) if url else -1
            if col >= 0:
                bracket = self.lines[number - 1].rfind("[", 0, col)
                return number, (bracket if bracket >= 0 else col) + 1
        return first, 1

    # -- the walk -------------------------------------------------------------------------
    def walk(self, nodes: list[Node], depth: int, top: bool) -> None:
        previous: Node | None = None
        previous_text = ""
        skip_to = -1  # nodes up to this index were read as part of an HTML table
        for index, node in enumerate(nodes):
            if index <= skip_to:
                continue
            kind = node.type
            if kind == "heading":
                rendered = plain(node.children[0] if node.children else None)
                self.record_links(rendered, node.span[0] + 1, node.span[1])
                self.add_heading(rendered.text, int(node.tag[1]), node.span[0] + 1)
            elif kind == "paragraph":
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                previous_text = self.paragraph(node, depth, top, previous, following)
            elif kind in ("bullet_list", "ordered_list"):
                # previous_text is only ever the text of the paragraph right before this node.
                items = self.list_items(node, depth, previous_text)
                self.maybe_exception_list(node, items, previous, previous_text)
            elif kind == "blockquote":
                self.blockquote(node, depth, top)
            elif kind == "table":
                self.tables.append(extract_table(node, self.lines, self.path, self.section,
                                                 _caption(previous_text)))
            elif kind in ("fence", "code_block"):
                text = node.content.strip("\n")
                if text.strip():
                    self.blocks.append(Block("code", text, node.span[0] + 1, node.span[1],
                                             self.section, self.path, depth))
            elif kind == "html_block":
                last = self.html_block(nodes, index, depth, previous_text)
                if last > index:
                    skip_to, node = last, nodes[last]
            if kind != "paragraph":
                previous_text = ""
            previous = node

    def html_block(self, nodes: list[Node], index: int, depth: int, previous_text: str) -> int:
        """Read the HTML block ``nodes[index]``: its tables as tables, the rest as paragraphs.

        A table broken by blank lines comes as several HTML blocks with paragraphs between
        (``<table>``, blank, ``<tr><td>``, blank, ``text``, blank, ``</td></tr></table>``):
        they are read together, up to the block that closes the table. Returns the index of
        the last node read.
        """
        node = nodes[index]
        first_line = node.span[0] + 1
        if html_tables.has_table(node.content):
            last = (_table_run_end(nodes, index)
                    if html_tables.open_tables(node.content) > 0 else index)
            # The blocks read together, else (nothing readable in them) this block alone.
            for end in dict.fromkeys((last, index)):
                run = nodes[index:end + 1]
                html = node.content if end == index else _run_source(run)
                pieces = html_tables.read_html_block(html, first_line, self.path, self.section,
                                                     _caption(previous_text))
                if pieces is not None:
                    self.add_html_pieces(pieces, run, depth)
                    return end
        text = html_tables.paragraph_text(node.content)
        if text:
            self.blocks.append(Block("paragraph", text, first_line, node.span[1], self.section,
                                     self.path, depth))
        return index

    def add_html_pieces(self, pieces: list[Table | html_tables.TextRun], run: list[Node],
                        depth: int) -> None:
        """The tables and paragraphs read from the HTML blocks (and paragraphs) ``run``."""
        for piece in pieces:
            if isinstance(piece, Table):
                self.tables.append(piece)
            else:
                self.blocks.append(Block("paragraph", piece.text, piece.line, piece.end_line,
                                         self.section, self.path, depth))
        for inner in run:  # links written in markdown between the table's HTML blocks
            if inner.type == "paragraph" and inner.children:
                self.record_links(plain(inner.children[0]), inner.span[0] + 1, inner.span[1])

    def paragraph(self, node: Node, depth: int, top: bool,
                  previous: Node | None, following: Node | None) -> str:
        first, last = node.span[0] + 1, node.span[1]
        if first == last and docfx.is_block_include(self.lines[first - 1]):
            self.block_include(self.lines[first - 1], first)
            return ""
        inline = node.children[0] if node.children else None
        if inline is not None and first < last:
            includes = {n for n in range(first, last + 1)
                        if docfx.is_block_include(self.lines[n - 1])}
            if includes:
                return self.paragraph_with_includes(inline, first, last, depth, includes)
        if top and inline is not None:
            split = self.bare_heading_line(inline, first, last, previous, following)
            if split is not None:
                before, heading = split
                if before is not None:
                    self.add_paragraph(before, first, last - 1, depth)
                self.add_heading(heading, (self.trail[-1][0] + 1) if self.trail else 2, last)
                return ""
        return self.add_paragraph(plain(inline), first, last, depth)

    def paragraph_with_includes(self, inline: Node, first: int, last: int, depth: int,
                                includes: set[int]) -> str:
        """A paragraph with include lines glued to it (no blank line between): markdown
        reads them as one paragraph, the Learn build as text and includes."""
        lines: list[list] = [[]]
        for token in inline.children:
            if token.type in ("softbreak", "hardbreak"):
                lines.append([])
            else:
                lines[-1].append(token)
        if len(lines) != last - first + 1:  # a construct spans lines: keep it whole
            return self.add_paragraph(plain(inline), first, last, depth)
        run: list[Token] = []
        text, run_start = "", first
        for number, tokens in enumerate(lines, start=first):
            if number in includes:
                if run:
                    text = self.add_paragraph(plain(run), run_start, number - 1, depth)
                self.block_include(self.lines[number - 1], number)
                run, run_start = [], number + 1
            else:
                run += [*tokens, _SOFTBREAK] if run or tokens else []
        if run:
            text = self.add_paragraph(plain(run), run_start, last, depth)
        return text

    def add_paragraph(self, rendered: InlineText, first: int, last: int, depth: int) -> str:
        self.record_links(rendered, first, last)
        if rendered.text:
            self.blocks.append(Block("paragraph", rendered.text, first, last, self.section,
                                     self.path, depth))
        return rendered.text

    def bare_heading_line(
        self, inline: Node, first: int, last: int,
        previous: Node | None, following: Node | None,
    ) -> tuple[InlineText | None, str] | None:
        """Spot a heading written as a bare line (no ``#``), as drafts often have.

        It is the last line of a paragraph, short, capitalised, plain (no markup), with no
        sentence punctuation at its end, and running text surrounds it. Returns the paragraph
        text before it (None when the paragraph is just that line) and the heading title.
        """
        if not self.trail or following is None or following.type != "paragraph":
            return None
        children = inline.children
        breaks = [i for i, c in enumerate(children) if c.type == "softbreak"]
        tail = children[breaks[-1] + 1:] if breaks else children
        if len(tail) != 1 or tail[0].type != "text":
            return None
        candidate = tail[0].content.strip()
        if not _BARE_HEADING.match(candidate) or len(candidate.split()) > _BARE_HEADING_MAX_WORDS:
            return None
        if breaks:
            head = plain(children[: breaks[-1]])
            if not _SENTENCE_END.search(head.text):
                return None
            return head, candidate
        if previous is None or previous.type != "paragraph":
            return None
        return None, candidate

    def block_include(self, line_text: str, line: int) -> None:
        match = docfx.INCLUDE_TOKEN.search(line_text)
        assert match is not None
        target = match.group("target")
        resolved = docfx.resolve_include(self.path, target, self.root)
        self.includes.append(Include(target, line, resolved))
        if resolved is None or self.load_include is None:
            return
        included = self.load_include(resolved)
        if included is None:
            return
        section = self.section

        def here(item):  # noqa: ANN001, ANN202 - any model node with a section field
            return item if item.section else dataclasses.replace(item, section=section)

        self.blocks.extend(here(b) for b in included.blocks if b.kind != "heading")
        self.tables.extend(here(t) for t in included.tables)
        self.exception_lists.extend(here(e) for e in included.exception_lists)

    def blockquote(self, node: Node, depth: int, top: bool) -> None:
        first_child = node.children[0] if node.children else None
        first_inline = (first_child.children[0] if first_child is not None
                        and first_child.type == "paragraph" and first_child.children else None)
        marker = docfx.CALLOUT_MARKER.match(first_inline.content) if first_inline else None
        if marker and marker.group("kind").upper() in docfx.CALLOUT_KINDS:
            pieces = []
            for inline in iter_inlines(node):
                rendered = plain(inline)
                self.record_links(rendered, inline.map[0] + 1, inline.map[1])
                pieces.append(rendered.text)
            text = collapse(docfx.CALLOUT_MARKER.sub("", " ".join(pieces), count=1))
            if text:
                self.blocks.append(Block("callout", text, node.span[0] + 1, node.span[1],
                                         self.section, self.path, depth,
                                         callout=marker.group("kind").upper()))
            return
        self.walk(node.children, depth, top=False)

    def list_items(self, node: Node, depth: int, lead: str) -> list[ExceptionItem]:
        """Emit a block per list item and return the items as exception-item candidates."""
        items: list[ExceptionItem] = []
        for item in node.children:
            own = [c for c in item.children if c.type == "paragraph"]
            rendered = InlineText()
            if own:
                rendered = plain(own[0].children[0] if own[0].children else None)
                before = own[0]  # the last paragraph that gave the item text
                for extra in own[1:]:
                    more = plain(extra.children[0] if extra.children else None)
                    if not more.text:
                        continue  # a picture on its own: nothing to add
                    # Text between the paragraphs (a callout, a picture) is not part of the
                    # item's text: mark the gap so a quote never claims the pieces touch.
                    gap = any(line.strip() for line in self.lines[before.map[1]:extra.map[0]])
                    joiner = " … " if gap else " "
                    rendered.text = collapse(rendered.text + joiner + more.text)
                    before = extra
                    rendered.links += more.links
            first = own[0].map[0] + 1 if own else item.map[0] + 1
            last = own[-1].map[1] if own else first
            links = self.record_links(rendered, first, last)
            if rendered.text:
                self.blocks.append(Block("list_item", rendered.text, first, last,
                                         self.section, self.path, depth, lead=lead))
            children: list[ExceptionItem] = []
            rest = [c for c in item.children if c.type != "paragraph"]
            for child in rest:
                if child.type in ("bullet_list", "ordered_list"):
                    children += self.list_items(child, depth + 1, rendered.text)
                else:
                    self.walk([child], depth + 1, top=False)
            items.append(exceptions.make_item(rendered.text, first, last, rendered.strong_lead,
                                              links, tuple(children)))
        return items

    def maybe_exception_list(self, node: Node, items: list[ExceptionItem],
                             previous: Node | None, lead: str) -> None:
        if not items:
            return
        end_line = node.span[1]
        while end_line > node.span[0] + 1 and not self.lines[end_line - 1].strip():
            end_line -= 1
        trigger = exceptions.sentence_trigger(lead) if lead else None
        if trigger and previous is not None:
            self.exception_lists.append(ExceptionList(
                previous.span[0] + 1, end_line, self.section, self.path, lead,
                previous.span[1], trigger, tuple(items)))
            return
        heading = self.sections[-1] if self.sections else None
        if heading is None or heading[0] != self.section:
            return
        trigger = exceptions.heading_trigger(heading[0])
        already = any(e.section == self.section and e.path == self.path
                      for e in self.exception_lists)
        if trigger and not already:
            rule = f"{heading[0]}: {lead}" if lead else heading[0]
            line = heading[2]
            self.exception_lists.append(ExceptionList(
                line, end_line, self.section, self.path, rule,
                previous.span[1] if lead and previous is not None else line, trigger,
                tuple(items)))

    # -- result ---------------------------------------------------------------------------
    def sections_with_ends(self, line_count: int) -> tuple[Section, ...]:
        result = []
        for i, (title, level, line, trail) in enumerate(self.sections):
            end = line_count
            for _, later_level, later_line, _ in self.sections[i + 1:]:
                if later_level <= level:
                    end = later_line - 1
                    break
            result.append(Section(title, level, line, max(end, line), anchor_for(title), trail))
        return tuple(result)


def _caption(previous_text: str) -> str:
    """An introducing sentence ("...in these regions:") or a short label line
    ("**Policy A**") right above a table names it."""
    if previous_text.endswith(":") or len(previous_text.split()) <= _CAPTION_MAX_WORDS:
        return previous_text
    return ""


def _table_run_end(nodes: list[Node], index: int) -> int:
    """The last node of an HTML table that blank lines cut into blocks: the HTML block that
    closes it, with only HTML blocks and paragraphs before it; ``index`` when there is none
    (then the block is read alone, its table unclosed)."""
    still_open = 0
    for later in range(index, len(nodes)):
        node = nodes[later]
        if node.type == "html_block":
            still_open += html_tables.open_tables(node.content)
        elif node.type != "paragraph" or any(
                docfx.is_block_include(line) for line in _run_source([node]).split("\n")):
            return index  # a list, a heading, an include...: not table text
        if still_open <= 0:
            return later
    return index


def _run_source(run: list[Node]) -> str:
    """The source of consecutive HTML blocks and paragraphs, each on its own lines (blank
    lines between them kept, so line numbers stay right)."""
    start = run[0].span[0]
    lines = [""] * (run[-1].span[1] - start)
    for node in run:
        source = node.content if node.type == "html_block" else (
            node.children[0].content if node.children else "")
        for offset, line in enumerate(source.rstrip("\n").split("\n")):
            if node.span[0] - start + offset < len(lines):
                lines[node.span[0] - start + offset] = line
    return "\n".join(lines)


def iter_inlines(node: Node):  # noqa: ANN201 - generator of inline nodes
    """Every inline node below ``node``, in order."""
    if node.type == "inline":
        yield node
        return
    for child in node.children:
        yield from iter_inlines(child)


def build_document(
    path: str, text: str, diagnostics: tuple[Diagnostic, ...] = (),
    load_include: IncludeLoader | None = None, root: str | None = None,
) -> Document:
    """Parse decoded ``text`` (LF line ends) of the file at ``path`` into a Document."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    front = split_front_matter(lines, path)
    body_lines = [""] * (front.body_line - 1) + lines[front.body_line - 1:]
    body_lines = docfx.blank_directives(body_lines)
    builder = _Builder(path, lines, load_include, root)
    body_lines = _splice_inline_includes(body_lines, builder)
    env: dict = {}
    tree = build_tree(_MARKDOWN.parse("\n".join(body_lines), env))
    builder.walk(tree, depth=0, top=True)
    cut = nesting.cut_line(env)
    if cut is not None:
        builder.diagnostics.append(Diagnostic(
            path, cut, "nesting-too-deep",
            f"nesting too deep (more than {nesting.MAX_BLOCK_DEPTH} levels of lists, list items "
            "and quotes): from this line, deeper blocks are read as plain paragraphs"))

    data = front.data
    first_h1 = next((title for title, level, _, _ in builder.sections if level == 1), "")
    title = text_value(data.get("title")) or first_h1 or PurePath(path).stem
    return Document(
        path=path,
        title=title,
        date=iso_date(data.get("ms.date")),
        description=text_value(data.get("description")),
        front_matter=data,
        front_matter_lines=front.key_lines,
        body_line=front.body_line,
        line_count=len(lines),
        sections=builder.sections_with_ends(len(lines)),
        blocks=tuple(builder.blocks),
        tables=tuple(builder.tables),
        exception_lists=tuple(builder.exception_lists),
        links=tuple(builder.links),
        includes=tuple(builder.includes),
        diagnostics=tuple(diagnostics) + tuple(front.diagnostics) + tuple(builder.diagnostics),
    )


def _splice_inline_includes(lines: list[str], builder: _Builder) -> list[str]:
    """Replace include tokens that sit inside a sentence with the included text.

    Tokens inside code (fenced blocks, or backtick spans) are examples, not includes.
    """
    out = []
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opener = _FENCE_LINE.match(line)
        if opener and (fence is None or opener.group(1).startswith(fence)):
            fence = opener.group(1)[:3] if fence is None else None
            out.append(line)
            continue
        if fence is not None or "[!" not in line or docfx.is_block_include(line):
            out.append(line)
            continue

        def substitute(match: re.Match[str], number: int = number) -> str:
            target = match.group("target")
            resolved = docfx.resolve_include(builder.path, target, builder.root)
            builder.includes.append(Include(target, number, resolved, inline=True))
            included = builder.load_include(resolved) if resolved and builder.load_include else None
            if included is None:
                return match.group("label").replace("_", " ")
            return " ".join(b.text for b in included.blocks if b.kind == "paragraph")

        # Substitute only outside backtick code spans: split() gives the text between spans.
        pieces = _CODE_SPAN.split(line)
        spans = _CODE_SPAN.findall(line)
        rebuilt = [docfx.INCLUDE_TOKEN.sub(substitute, piece) for piece in pieces]
        out.append("".join(p + (spans[i] if i < len(spans) else "") for i, p in enumerate(rebuilt)))
    return out
