"""One doc as the rules see it: the parsed model plus its raw lines, prepared once.

Most rules read the model (tables, sections, links). Some need the text as written, with a
column: placeholders, TODOs, URLs, product names. For those, :attr:`DocContext.text_lines`
holds each line with code (fenced, indented and inline) blanked out and front matter dropped,
and :attr:`DocContext.prose_lines` further blanks HTML comments, URLs and include tokens, so
"PowerApps" in a link target or a code sample is never reported. Blanking keeps every column
where it was.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Document
from .settings import CheckSettings

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
# Where a URL is written: a link target, an autolink, an HTML attribute, or bare.
_URL_SPANS = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"          # ](target "title")
    r"|<(?:https?|mailto|ftp):[^>\s]*>"          # <https://...>
    r"|\b(?:href|src)\s*=\s*(?:\"[^\"]*\"|'[^']*')"  # href="..."
    r"|\bhttps?://[^\s)\]>\"'<]+"                # bare
    r"|^\s*\[[^\]]+\]:\s*\S+",                   # [label]: target (reference definition)
    re.IGNORECASE,
)
_INCLUDE = re.compile(r"\[!include\s*\[[^\]]*\]\s*\([^)]*\)\s*\]", re.IGNORECASE)


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (columns unchanged)."""
    return text[:start] + " " * (end - start) + text[end:]


def blank_matches(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces."""
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: " " * (m.end() - m.start()), text)


@dataclass
class DocContext:
    """A parsed doc, its raw lines and the run's settings."""

    doc: Document
    """The parsed model."""
    lines: list[str]
    """The file's lines (LF stripped), index 0 is line 1."""
    settings: CheckSettings
    """The run's settings."""
    today: dt.date
    """The date staleness is measured against."""
    enabled: frozenset[str] = frozenset()
    """Codes of the rules in force (a rule may leave a case to a more precise one)."""
    root: str | None = None
    """The corpus root the doc was found under."""

    @property
    def path(self) -> str:
        """The doc's path as the user gave it."""
        return self.doc.path

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside code blocks written in this file (fences included)."""
        lines: set[int] = set()
        for block in self.doc.blocks:
            if block.kind == "code" and block.path == self.path:
                lines.update(range(block.line, block.end_line + 1))
        return frozenset(lines)

    @cached_property
    def text_lines(self) -> list[str | None]:
        """Each line with code blanked; None for front matter and code block lines."""
        out: list[str | None] = []
        code = self.code_lines
        for number, line in enumerate(self.lines, start=1):
            if number < self.doc.body_line or number in code:
                out.append(None)
            elif "`" in line:
                out.append(blank_matches(line, _INLINE_CODE))
            else:
                out.append(line)
        return out

    @cached_property
    def visible_lines(self) -> list[str | None]:
        """:attr:`text_lines` with HTML comments blanked: what a reader can see."""
        out: list[str | None] = []
        in_comment = False
        for line in self.text_lines:
            if line is not None and (in_comment or _COMMENT_OPEN in line):
                line, in_comment = _blank_comments(line, in_comment)
            out.append(line)
        return out

    @cached_property
    def prose_lines(self) -> list[str | None]:
        """:attr:`visible_lines` with URLs and include tokens blanked as well."""
        out: list[str | None] = []
        for line in self.visible_lines:
            if line is None:
                out.append(None)
                continue
            if "[!" in line:
                line = blank_matches(line, _INCLUDE)
            if ":" in line or "](" in line:
                line = blank_matches(line, _URL_SPANS)
            out.append(line)
        return out

    def numbered(self, lines: list[str | None]) -> list[tuple[int, str]]:
        """(line number, text) for the lines that are not None."""
        return [(n, text) for n, text in enumerate(lines, start=1) if text is not None]

    @cached_property
    def front_matter_exempt(self) -> bool:
        """True when this file needs no front matter (an include, a TOC...)."""
        parts = [p.lower() for p in os.path.abspath(self.path).split(os.sep) if p]
        posix = "/".join(parts)
        for pattern in self.settings.front_matter_exempt:
            if "/" in pattern:
                if fnmatch.fnmatchcase(posix, "*" + pattern.lstrip("*")):
                    return True
            elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
                return True
        return False

    def find(self, needle: str, first: int, last: int) -> tuple[int, int]:
        """The (line, col) where ``needle`` is written between lines first..last.

        Falls back to (first, 1) when the text is not found verbatim (markup in between).
        """
        for number in range(max(first, 1), min(last, len(self.lines)) + 1):
            col = self.lines[number - 1].find(needle)
            if col >= 0:
                return number, col + 1
        return first, 1

    def find_words(self, words: str, first: int, last: int) -> tuple[int, int]:
        """Like :meth:`find`, letting any run of whitespace stand between the words."""
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()))
        for number in range(max(first, 1), min(last, len(self.lines)) + 1):
            match = pattern.search(self.lines[number - 1])
            if match:
                return number, match.start() + 1
        return first, 1


def _blank_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """Blank the parts of ``line`` inside HTML comments; returns the line and the state."""
    pos = 0
    while True:
        if in_comment:
            end = line.find(_COMMENT_CLOSE, pos)
            if end < 0:
                return blank(line, pos, len(line)), True
            line = blank(line, pos, end + len(_COMMENT_CLOSE))
            pos = end + len(_COMMENT_CLOSE)
            in_comment = False
        start = line.find(_COMMENT_OPEN, pos)
        if start < 0:
            return line, False
        pos = start
        in_comment = True
