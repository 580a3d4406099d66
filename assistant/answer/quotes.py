"""Checking that a quote is really on the lines a citation names, and finding those lines.

Source lines are stripped of markup the way the parser strips it (links keep their text, images,
HTML tags and emphasis marks go, table pipes separate cells, entities are decoded) and then
compared with all whitespace removed, because the parser collapses whitespace and joins or
splits cells at tags (``<br>``, ``</br>``) in ways a line-based check cannot replay exactly.
"""

from __future__ import annotations

import html
import os
import re
from collections import OrderedDict

from ..corpus import DEFAULT_MAX_DOC_BYTES, decode, read_bytes
from ..errors import CorpusError, ParseError
from ..model import Citation

# Pieces of one quote taken from separate places, or table cells.
_PIECE_SEPARATORS = re.compile(r" … | \| ")
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)")
_INCLUDE = re.compile(r"\[!include\s*\[([^\]]*)\]\([^)]*\)\]", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*(\n|\Z)", re.DOTALL)
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.IGNORECASE)
# A whole comment goes (the parser drops comments), then any tag or stray comment fence.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--|-->")
# Block markers at the start of a line: blockquote/callout ">", list bullets and numbers.
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+)?",
                          re.MULTILINE)
_MARKS = re.compile(r"[*_`|\\#>\s]")
# Longer than any list of links to other pages.
_LINK_LIST_CHARS = 20_000
# Spans longer than this (a runaway line) are compared once per file version, not per check.
_KEEP_KEYS_OVER = 65_536


def plain_key(text: str, include=None) -> str:
    """``text`` with markup and every whitespace removed: the form quotes are compared in.

    ``include(target)`` returns the text an include token stands for (the parser splices it
    in); without it, or when it returns None, the token's own label is kept.
    """
    text = _LINE_PREFIX.sub("", text)
    text = _IMAGE.sub("", text)
    text = _INCLUDE.sub(lambda m: _included(m, include), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    for _ in range(2):  # links inside link text
        text = _LINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", _COMMENT.sub("", text))
    text = html.unescape(text)
    return _MARKS.sub("", text)


def _included(match: re.Match[str], include) -> str:
    if include is not None:
        target = re.search(r"\(([^)]*)\)", match.group(0))
        text = include(target.group(1)) if target else None
        if text is not None:
            return text
    return match.group(1)


def quote_pieces(quote: str) -> list[str]:
    """The separately checked pieces of a quote (`` … `` and `` | `` joins)."""
    return [p for p in _PIECE_SEPARATORS.split(quote) if plain_key(p)]


def _link_syntax(lines: list[str], start: int, end: int) -> bool:
    """Whether lines ``start..end`` hold a link, inline, by reference or in angle brackets."""
    return any("](" in line or "][" in line or "<http" in line or "<mailto" in line
               for line in lines[start - 1:end])


class SourceLines:
    """Reads files once and answers "which lines hold this text" (a small LRU cache)."""

    def __init__(self, capacity: int = 64, limit: int = DEFAULT_MAX_DOC_BYTES) -> None:
        self._cache: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()
        self._capacity = capacity
        # Size guard (issue 12): a doc is indexed only up to the size limit, so no citation
        # lies past it; reading no further, and comparing each span once, keeps a huge doc
        # (a 60 MB line) from costing every question that cites it (0: read everything).
        self._limit = limit
        self._keys: OrderedDict[tuple[str, int, int], tuple[list[str], str]] = OrderedDict()

    def lines(self, path: str) -> list[str] | None:
        """The file's lines (1-based access via ``lines[n - 1]``), None when unreadable."""
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return None
        cached = self._cache.get(path)
        if cached is not None and cached[0] == mtime:
            self._cache.move_to_end(path)
            return cached[1]
        try:
            data = read_bytes(path, limit=self._limit)
        except (OSError, CorpusError):
            return None
        try:
            lines = decode(data, path).text.split("\n")
        except ParseError:
            return None  # empty or binary: no quote can be on its lines
        self._cache[path] = (mtime, lines)
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return lines

    def links_only(self, path: str, start: int, end: int, quote: str) -> bool:
        """True when the lines within ``start..end`` that hold ``quote`` hold nothing but
        links (list items, a callout's "see these topics" list): link text names another
        page, it says nothing itself."""
        lines = self.lines(path)
        if lines is None or sum(len(line) for line in lines[start - 1:end]) > _LINK_LIST_CHARS:
            return False  # (a list of links is short; a runaway line is not worth reading)
        if not _link_syntax(lines, start, end):
            return False  # (no link at all: most passages, found without finding the quote)
        span = self.narrow(path, start, end, quote)
        if span is None:
            return False
        start, end = span
        text = _LINE_PREFIX.sub("", "\n".join(lines[start - 1:end]))
        if not _LINK.search(text) and not _AUTOLINK.search(text):
            return False
        # (Line breaks written as HTML, "[A](a.md) <br />", are layout, not words.)
        rest = _TAG.sub("", _AUTOLINK.sub("", _LINK.sub("", text)))
        return not any(c.isalnum() for c in rest)

    def has_links(self, path: str, start: int, end: int) -> bool:
        """True when lines ``start..end`` are written with link syntax at all (only then can
        a quote of them be nothing but links: ``links_only``)."""
        lines = self.lines(path)
        return lines is not None and _link_syntax(lines, start, end)

    def span_key(self, path: str, start: int, end: int) -> str | None:
        """The compared form of lines ``start..end`` (None when the file or lines are gone)."""
        lines = self.lines(path)
        if lines is None or start < 1 or end < start or end > len(lines):
            return None
        return self._span(path, lines, start, end)

    def _span(self, path: str, lines: list[str], start: int, end: int) -> str:
        """The compared form of lines ``start..end`` of ``lines`` (a long one is kept for the
        next check)."""
        text = "\n".join(lines[start - 1:end])
        if len(text) < _KEEP_KEYS_OVER:
            return plain_key(text, self._resolver(path))
        key = (path, start, end)
        kept = self._keys.get(key)
        if kept is None or kept[0] is not lines:  # (a re-read file has a new list)
            kept = (lines, plain_key(text, self._resolver(path)))
            self._keys[key] = kept
            if len(self._keys) > self._capacity:
                self._keys.popitem(last=False)
        return kept[1]

    def _resolver(self, path: str):
        folder = os.path.dirname(path)

        def include(target: str) -> str | None:
            if not target or target.startswith(("~", "/", "http:", "https:")):
                return None
            lines = self.lines(os.path.normpath(os.path.join(folder, target)))
            if lines is None:
                return None
            return _FRONT_MATTER.sub("", "\n".join(lines))

        return include

    def holds(self, path: str, start: int, end: int, quote: str) -> bool:
        """True when every piece of ``quote`` is found on lines ``start..end`` of ``path``."""
        span = self.span_key(path, start, end)
        if span is None:
            return False
        pieces = quote_pieces(quote)
        return bool(pieces) and all(plain_key(p) in span for p in pieces)

    def narrow(self, path: str, start: int, end: int, text: str) -> tuple[int, int] | None:
        """The shortest run of lines within ``start..end`` that holds ``text``; None when the
        lines do not hold it at all (the file changed since it was indexed)."""
        lines = self.lines(path)
        if lines is None or start < 1 or end > len(lines) or end < start:
            return None
        wanted = [plain_key(p) for p in quote_pieces(text)]
        if not wanted:
            return None
        span = self._span(path, lines, start, end)
        if not all(w in span for w in wanted):
            return None
        keys = [self._span(path, lines, n, n) for n in range(start, end + 1)]
        best: tuple[int, int] | None = None
        for first in range(len(keys)):
            joined = ""
            for last in range(first, len(keys)):
                joined += keys[last]
                if all(w in joined for w in wanted):
                    if best is None or last - first < best[1] - best[0]:
                        best = (first, last)
                    break
        if best is None:  # only found across a construct the per-line keys split: keep all
            return start, end
        return start + best[0], start + best[1]


_DEFAULT_LINES = SourceLines()


def quote_holds(citation: Citation) -> bool:
    """True when the citation's quote is on lines ``line_start..line_end`` of its file.

    Markup is stripped as the parser strips it; quotes made of several pieces (joined by
    `` … `` or `` | ``) are checked piece by piece within the span.
    """
    return _DEFAULT_LINES.holds(citation.path, citation.line_start, citation.line_end,
                                citation.quote)
