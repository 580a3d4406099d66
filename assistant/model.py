"""The shared data model: plain, frozen dataclasses that every stage reads.

Docs flow one way: corpus -> parse -> *model* -> search index -> answer -> CLI / TUI, and the
writers' checks read the same model. Every node carries the file and the 1-based file lines it
came from (front matter counted), because every answer and every finding must cite them.

Everything here serialises to JSON with :func:`to_json_data` (``dataclasses.asdict`` plus
tuples as lists), so ``assistant parse --json`` is a plain dump of a :class:`Document`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Verdict = Literal["yes", "no", "answer", "unknown"]
Tier = Literal["sure", "quoted", "none"]
"""How sure an answer is: ``sure``, the docs settle the question (a yes/no, or the fact asked
for); ``quoted``, the docs speak to it without settling it in so many words, and the answer
quotes what they say; ``none``, no passage is about the question ("unknown")."""
TIER_NOTES: dict[str, str] = {
    "sure": "settled by the docs",
    "quoted": "what the docs say; they do not settle it in so many words",
    "none": "no passage of the docs is about this",
}
"""How each tier is told to the reader beside the verdict (the CLI and the app alike)."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something wrong with a doc that the parser worked around (nothing is lost)."""

    path: str
    """The file the problem is in."""
    line: int
    """1-based file line (1 when the problem is the whole file)."""
    code: str
    """Stable kebab-case code: ``invalid-front-matter``, ``undecodable-bytes``, ``empty-file``..."""
    message: str
    """What is wrong, in words a writer can act on."""
    severity: Severity = "warning"
    """``error`` when content could not be read as intended, else ``warning``."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the lines it governs."""

    title: str
    """Heading text as plain text."""
    level: int
    """1 for ``#``, 2 for ``##``...; bare-line headings (a short line standing alone) get
    the level below the enclosing heading."""
    line: int
    """Line of the heading itself."""
    end_line: int
    """Last line before the next heading of the same or a higher level (or end of file)."""
    anchor: str
    """The URL fragment Learn generates for this heading (``#data-locations``)."""
    trail: tuple[str, ...] = ()
    """Titles of the enclosing headings, outermost first (the breadcrumb), excluding this one."""


@dataclass(frozen=True, slots=True)
class Link:
    """A markdown link as written."""

    text: str
    """The link text, plain."""
    url: str
    """The target exactly as written (relative path, anchor or absolute URL)."""
    line: int
    """Line the link starts on."""
    col: int = 1
    """1-based column of the link on that line (1 when it could not be located)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of running text: paragraph, list item, callout, heading or code block."""

    kind: Literal["paragraph", "list_item", "callout", "heading", "code"]
    """What the text is."""
    text: str
    """Plain text: inline markup removed, link text kept, whitespace collapsed (a list item
    whose paragraphs are parted by other content joins them with `` … ``)."""
    line: int
    """First file line."""
    end_line: int
    """Last file line (inclusive)."""
    section: str
    """Title of the heading the block sits under (empty before the first heading)."""
    path: str
    """File the text is written in: the doc itself, or the include file it came from."""
    depth: int = 0
    """Nesting depth for list items (0 = top level) and callouts inside lists."""
    callout: str = ""
    """For callouts: the type as written, upper-cased (``NOTE``, ``IMPORTANT``...)."""
    lead: str = ""
    """For list items: the text of the paragraph that introduces the list, if any."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote marker in a table (``<sup>1</sup>``) tied to its footnote text."""

    marker: str
    """The marker as written (``1``, ``*``)."""
    text: str | None
    """The footnote text with the marker removed; None when no footnote text was found."""
    line: int | None
    """Line of the footnote text; None when it was not found."""
    refs: tuple[tuple[int, int], ...] = ()
    """(row, column) of every cell carrying the marker; row -1 is the header."""


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table with its *logical* rows."""

    line: int
    """Line of the header row."""
    end_line: int
    """Last line of the table."""
    section: str
    """Title of the heading the table sits under."""
    path: str
    """File the table is written in (the doc, or an include)."""
    header: tuple[str, ...]
    """Header cells as plain text."""
    rows: tuple[tuple[str, ...], ...]
    """Logical rows: all-empty separator rows dropped, continuation rows completed from the
    row above; every row exactly as wide as the header."""
    row_lines: tuple[int, ...]
    """The line each logical row is written on."""
    cell_lines: tuple[tuple[int, ...], ...]
    """For every cell, the line its value was written on (earlier than the row's own line for
    cells carried down into a continuation row)."""
    source_widths: tuple[int, ...]
    """How many cells each logical row has *as written* (markdown drops extra cells silently,
    so a ragged row can only be seen here)."""
    header_width: int
    """How many cells the header row has as written."""
    footnotes: tuple[Footnote, ...] = ()
    """Footnote markers found in cells, each tied to its footnote text."""
    caption: str = ""
    """The paragraph right before the table when it introduces it (ends with a colon) or
    labels it (ten words at most), else empty."""


@dataclass(frozen=True, slots=True)
class ExceptionItem:
    """One carve-out of an exception list, with its nested items."""

    text: str
    """The item's own text (without nested items), plain."""
    line: int
    """First line of the item."""
    end_line: int
    """Last line of the item's own text (nested items have their own lines)."""
    label: str = ""
    """Bold or colon lead-in (``Machine Learning Cognitive Services``), else empty."""
    links: tuple[Link, ...] = ()
    """Links written in the item's own text."""
    items: tuple[ExceptionItem, ...] = ()
    """Nested items, as written."""


@dataclass(frozen=True, slots=True)
class ExceptionList:
    """A rule sentence that carves out exceptions, and the list of exceptions."""

    line: int
    """Line of the rule sentence."""
    end_line: int
    """Last line of the list."""
    section: str
    """Title of the heading the list sits under."""
    path: str
    """File the list is written in."""
    rule: str
    """The rule sentence as plain text ("Microsoft will not transfer ... except when:")."""
    rule_end_line: int
    """Last line of the rule sentence."""
    trigger: str
    """The words that mark the carve-out (``except``, ``unless``, ``exclusions``...)."""
    items: tuple[ExceptionItem, ...] = ()
    """Top-level exception items."""


@dataclass(frozen=True, slots=True)
class Include:
    """A ``[!INCLUDE[...](target)]`` token."""

    target: str
    """The path as written in the token."""
    line: int
    """Line of the token."""
    resolved: str | None
    """Path of the included file when it exists in the corpus, else None."""
    inline: bool = False
    """True when the token sits inside a sentence (its text is spliced into that sentence)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed doc."""

    path: str
    """The file path as the user would open it."""
    title: str
    """Front matter ``title``, else the first H1, else the file name."""
    date: str | None
    """``ms.date`` as ISO ``YYYY-MM-DD``; None when missing or unreadable."""
    description: str
    """Front matter ``description`` (empty when absent)."""
    front_matter: dict[str, Any]
    """The raw front matter mapping, values as in the file (lists stay lists, empty is None)."""
    front_matter_lines: dict[str, int]
    """The line each top-level front matter key is written on."""
    body_line: int
    """First line after the front matter (1 when there is none)."""
    line_count: int
    """Number of lines in the file."""
    sections: tuple[Section, ...] = ()
    """Every heading, in order."""
    blocks: tuple[Block, ...] = ()
    """Running text in reading order (includes spliced in, with their own path and lines)."""
    tables: tuple[Table, ...] = ()
    """Every pipe table outside code."""
    exception_lists: tuple[ExceptionList, ...] = ()
    """Every rule-with-exceptions list."""
    links: tuple[Link, ...] = ()
    """Every link written in the doc itself."""
    includes: tuple[Include, ...] = ()
    """Every include token in the doc itself."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Problems the parser worked around."""


PassageKind = Literal[
    "paragraph", "list_item", "exception", "table_row", "callout", "summary", "code"
]


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of search and citation: one quotable piece of a doc, with its context."""

    path: str
    """File that holds the quote (the doc, or an include it pulls in)."""
    doc_path: str
    """The doc the passage belongs to (differs from ``path`` for included text)."""
    title: str
    """Title of the doc."""
    date: str | None
    """The doc's ``ms.date`` (ISO)."""
    section: str
    """Heading the passage sits under."""
    trail: tuple[str, ...]
    """Enclosing headings, outermost first, ending with ``section`` (the breadcrumb)."""
    kind: PassageKind
    """What the passage is."""
    line_start: int
    """First line holding the quote."""
    line_end: int
    """Last line holding the quote."""
    quote: str
    """Verbatim source text with markup stripped (cells joined by `` | ``)."""
    text: str
    """What ranking sees: the quote plus its context (table header, exception rule and label,
    the sentence that introduces a list)."""
    entities: tuple[str, ...] = ()
    """Names found in structure: table cells, labels, headings (products, regions, geos)."""
    docset: str = ""
    """The corpus root the doc was found under."""


@dataclass(frozen=True, slots=True)
class Citation:
    """Evidence for an answer: a verbatim quote and the lines that hold it."""

    path: str
    """File that holds the quote."""
    title: str
    """Title of the doc."""
    section: str
    """Heading the quote sits under."""
    line_start: int
    """First line holding the quote."""
    line_end: int
    """Last line holding the quote."""
    quote: str
    """Source text with markup stripped; pieces from separate places are joined by `` … ``
    and table cells by `` | ``."""
    url: str | None = None
    """The public page (with the section anchor) when the docset's base URL is known."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the assistant says to a question."""

    question: str
    """The question as asked."""
    verdict: Verdict
    """``yes``/``no`` for a settled yes/no question, ``answer`` for a factual one, else
    ``unknown``."""
    answer: str
    """The answer in plain words, with its conditions."""
    citations: tuple[Citation, ...] = ()
    """Evidence, strongest first."""
    related: tuple[Citation, ...] = ()
    """Nearest passages when the docs do not settle the question."""
    tier: Tier = "sure"
    """How sure the answer is (``none`` with "unknown")."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a writers' check found."""

    code: str
    """Stable rule code (``DOC101``)."""
    name: str
    """Kebab-case rule name (``placeholder-text``)."""
    severity: Severity
    """How bad it is."""
    path: str
    """File the problem is in."""
    line: int
    """1-based line."""
    col: int
    """1-based column."""
    message: str
    """What is wrong."""
    fix: str | None = None
    """What to write instead, where there is one answer."""


def to_json_data(obj: Any) -> Any:
    """Turn model objects into plain JSON-ready data (dicts, lists, str, int, None)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_json_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json_data(v) for v in obj]
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    # Front matter may hold YAML dates or other scalars: keep them readable.
    return str(obj)


__all__ = [
    "Answer",
    "Block",
    "Citation",
    "Diagnostic",
    "Document",
    "ExceptionItem",
    "ExceptionList",
    "Finding",
    "Footnote",
    "Include",
    "Link",
    "Passage",
    "Section",
    "TIER_NOTES",
    "Table",
    "Tier",
    "Verdict",
    "to_json_data",
]
