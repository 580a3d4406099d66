"""DOC1xx: unfinished text that must not be published."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator

from ..registry import Hit, doc_rule
from ..source import DocContext

# An instruction to the writer in brackets: "[Add related articles]", "[TBD]". The first word
# must be an imperative a writer leaves for later (or a marker such as TBD), so option lists
# ("[Optional]"), keys ("[Enter]"), syntax ("[add|remove]") and AL attributes never match.
_PLACEHOLDER_VERBS = (
    "Add|Insert|Include|Link|Describe|Update|Write|Fill|Provide|Replace|Explain|Need|Needs|"
    "Placeholder|Screenshot|Diagram|Citation"
)
_PLACEHOLDER_MARKERS = "TBD|TBA|TODO|TK|WIP|PLACEHOLDER|FIXME"
# The look-behind comes after the "[" so the pattern starts with a literal (much faster).
_BRACKETED = re.compile(
    r"\[(?<![\]\\!\w]\[)"
    rf"(?P<text>(?:{_PLACEHOLDER_VERBS})[ \t][^\[\]|\n]{{1,80}}"
    rf"|(?:{_PLACEHOLDER_MARKERS})[^\[\]|\n]{{0,80}})"
    r"\](?![ \t]*[(\[:])"
)
# A line that holds nothing but a stand-in phrase ("- To be updated"). Searched in the
# lower-cased text with a line break in front, so the pattern starts with a literal.
_PHRASE_LINE = re.compile(
    r"\n[ \t>*+\-#|\d.)_]*(?P<text>to be (?:updated|added|written|completed|determined|"
    r"confirmed|provided|documented|announced)|content to come|text to come|"
    r"(?:your |more )?(?:content|text) goes here|placeholder(?: text)?)[ \t.!*_|]*(?=\n)"
)
_LOREM = re.compile(r"lorem ipsum")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*\S", re.MULTILINE)
_TODO_MARKERS = tuple(re.compile(m) for m in ("TODO", "TBD", "TBA", "FIXME"))
# Not part of a word, path or identifier; "[TBD]" is a placeholder, left to DOC101.
_TODO_BEFORE = re.compile(r"[\w/.\-\[]")
_TODO_AFTER = re.compile(r"[\w/\-]|\.\w")
_OPEN_QUESTION = re.compile(r"[(\[]\s*\?{2,}[^)\]\n]*[)\]]?|(?<![?\w])\?{3,}(?!\?)")


@doc_rule("DOC101", "placeholder-text", "error")
def placeholder_text(ctx: DocContext) -> Iterator[Hit]:
    """Placeholder text left for later: "[Add related articles]", "- To be updated", lorem ipsum.

    Why it matters: readers see the instruction meant for the writer, and the content it stands
    for is missing. The parser shows bracketed text literally when it is not a link, so
    "[Add related articles]" is published as is.

    Matches: bracketed text that starts with an instruction verb (Add, Insert, Link, Describe,
    Update, Write, Provide, Replace...) or a marker (TBD, TODO, PLACEHOLDER); a line holding
    only a stand-in phrase ("To be updated", "Content to come"); "lorem ipsum"; and every
    regular expression in the ``placeholder-patterns`` setting. Links (``[text](url)``),
    reference links, ``[!NOTE]`` and ``[!INCLUDE]`` tokens and code are never matched.

    Example::

        ### See also

        [Add related articles]

    Instead: write the content, or remove the placeholder (and its heading if nothing is left)::

        ### See also

        - [Regions overview](regions-overview.md)
    """
    references = {
        m.group(1).strip().lower() for m in _REFERENCE_DEFINITION.finditer(ctx.text)
    } if "]:" in ctx.text else set()
    text = ctx.prose
    seen: set[int] = set()
    for match in _BRACKETED.finditer(text):
        if match.group("text").strip().lower() in references:
            continue  # a shortcut reference link, not a placeholder
        seen.add(match.start())
        yield Hit(*ctx.position(match.start()),
                  f"placeholder text {match.group(0)!r} is published as is; write the content "
                  f"or remove it")
    lowered = ctx.lowered_prose
    for match in _PHRASE_LINE.finditer(f"\n{lowered}\n"):
        start = match.start("text") - 1  # the "\n" put in front
        seen.add(start)
        yield Hit(*ctx.position(start),
                  f"placeholder text {text[start:match.end('text') - 1]!r} stands in for "
                  f"missing content")
    for match in _LOREM.finditer(lowered):
        seen.add(match.start())
        yield Hit(*ctx.position(match.start()),
                  f"placeholder text {text[match.start():match.end()]!r} is published as is")
    for pattern in ctx.settings.placeholder_patterns:
        for match in pattern.finditer(text):
            if match.start() in seen or match.end() == match.start():
                continue
            seen.add(match.start())
            yield Hit(*ctx.position(match.start()),
                      f"placeholder text {match.group(0)!r} is published as is")


@doc_rule("DOC102", "todo-marker", "error")
def todo_marker(ctx: DocContext) -> Iterator[Hit]:
    """A TODO, TBD, TBA or FIXME marker in the text (HTML comments included).

    Why it matters: the marker says the writer meant to come back; a reader gets a gap (TBD
    in a table cell) or, in a comment, the doc ships with work nobody tracks.

    Matches the upper-case words as whole words outside code; "todo" in a sentence or
    ``TODO`` in a code sample is not reported.

    Example::

        TODO: Quick intro

    Instead: write the missing text, or track the work in an issue and delete the marker::

        Power Platform stores customer data in the Azure geography of your tenant.
    """
    text = ctx.text
    hits = []
    for pattern in _TODO_MARKERS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start and _TODO_BEFORE.match(text, start - 1):
                continue
            if _TODO_AFTER.match(text, end):
                continue
            hits.append((start, match.group(0)))
    for start, marker in sorted(hits):
        yield Hit(*ctx.position(start), f"{marker} marker: unfinished text")


@doc_rule("DOC103", "open-question", "error")
def open_question(ctx: DocContext) -> Iterator[Hit]:
    """An open question left in the text, such as "(?? What algorithm is used?)".

    Why it matters: it is a note between writers and reviewers; readers see a doubt instead
    of a fact, which undermines the whole page.

    Matches ``(??`` or ``[??`` and runs of three or more question marks, outside code.

    Example::

        Customer data in Azure Blob storage is encrypted. (?? What specific algorithm?)

    Instead: find the answer and state it, or remove the question::

        Customer data in Azure Blob storage is encrypted with 256-bit AES.
    """
    if "??" not in ctx.prose:
        return
    for match in _OPEN_QUESTION.finditer(ctx.prose):
        yield Hit(*ctx.position(match.start()),
                  f"open question {match.group(0).strip()!r} left in the text")


@doc_rule("DOC104", "empty-section", "warning")
def empty_section(ctx: DocContext) -> Iterator[Hit]:
    """A heading with nothing under it (not even a subheading) before the next heading.

    Why it matters: an empty section is a promise the page does not keep; it usually marks
    text that was never written or was moved away, and it clutters the page's outline.

    Only comments and blank lines count as nothing: an include token, an image or a code block
    is content. Tables of contents (``TOC.md``), whose headings are entries, are not checked,
    nor are headings named in the ``empty-section-allowed`` setting and the headings below
    them (by default the upper-case INPUTS, OUTPUTS, NOTES and RELATED LINKS sections that
    PowerShell reference pages keep even when empty).

    Example::

        ## Data in processing

        ## Data in transit

    Instead: write the section, or remove its heading.
    """
    if os.path.basename(ctx.path).lower() == "toc.md" or ctx.is_redirect:
        return
    allowed = ctx.settings.empty_section_allowed
    for section in ctx.doc.sections:
        if any(fnmatch.fnmatchcase(title, pattern)
               for title in (*section.trail, section.title) for pattern in allowed):
            continue
        if not _has_content(ctx.lines, section.line + 1, section.end_line):
            title = section.title or "(untitled)"
            yield Hit(section.line, 1, f"section {title!r} is empty")


def _has_content(lines: list[str], first: int, last: int) -> bool:
    in_comment = False
    for number in range(first, min(last, len(lines)) + 1):
        text = lines[number - 1]
        while text:
            if in_comment:
                end = text.find("-->")
                if end < 0:
                    text = ""
                    break
                text = text[end + 3:]
                in_comment = False
            start = text.find("<!--")
            if start < 0:
                break
            if text[:start].strip():
                return True
            text = text[start + 4:]
            in_comment = True
        if text.strip() and not in_comment:
            return True
    return False
