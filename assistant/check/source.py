"""One doc as the rules see it: the parsed model plus its raw lines, prepared once.

Most rules read the model (tables, sections, links). Some need the text as written, with a
column: placeholders, TODOs, URLs, product names. For those there are three views of the file,
each as one string (a regex scans a whole doc in one call, far faster than line by line) and
as lines:

- *text*: code (fenced, indented and inline) blanked, front matter and code block lines empty;
- *visible*: text with HTML comments blanked too (what a reader sees);
- *prose*: visible with URLs and include tokens blanked too, so "PowerApps" in a link target,
  a comment or a code sample is never reported.

Blanking replaces characters with spaces, so every line keeps its length and every column
where it was, and :meth:`DocContext.position` turns an offset in any view into (line, col).
"""

from __future__ import annotations

import bisect
import datetime as dt
import fnmatch
import functools
import itertools
import os
import re
import string
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Document
from .docset import Docset, docset_for
from .settings import CheckSettings

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1)[^\n])+?\1")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Where a URL is written: a link target, an autolink, an HTML attribute, bare, or a reference
# definition ("[1]: https://..."). One pattern each, every one starting with a literal: the
# regex engine then skips ahead to candidates instead of trying every position.
_URL_SPANS = tuple(re.compile(p) for p in (
    r"\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)",
    r"<(?:https?|mailto|ftp):[^>\s]*>",
    r"href[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*')",
    r"src[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*')",
    r"https?://[^\s)\]>\"'<]+",
    r"\]:[ \t]*\S+",
))
_INCLUDE = re.compile(r"\[![iI][nN][cC][lL][uU][dD][eE][ \t]*\[[^\]\n]*\][ \t]*\([^)\n]*\)[ \t]*\]")


@functools.cache
def _exempt_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """One regex for the name patterns and one for the path patterns (``a/b.md``)."""
    names = [fnmatch.translate(p) for p in patterns if "/" not in p] or ["(?!)"]
    paths = [fnmatch.translate("*" + p.lstrip("*")) for p in patterns if "/" in p]
    return re.compile("|".join(names)), re.compile("|".join(paths)) if paths else None


@functools.lru_cache(maxsize=4096)
def _folder_exempt(folder: str, names: re.Pattern[str]) -> bool:
    """True when a folder on the path (``includes``) matches a name pattern (cached: many
    docs share a folder)."""
    return any(names.match(part.lower()) for part in folder.split(os.sep) if part)


def _spaces(match: re.Match[str]) -> str:
    """A match blanked: spaces, but line breaks kept (comments span lines)."""
    text = match.group(0)
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def blank_matches(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (line breaks kept)."""
    return pattern.sub(_spaces, text)


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
    memo: dict[str, object] = field(default_factory=dict, repr=False)
    """Work shared by the rules of one family (links resolved once for two rules...)."""

    @property
    def path(self) -> str:
        """The doc's path as the user gave it."""
        return self.doc.path

    @cached_property
    def folder(self) -> str:
        """The absolute folder of the doc (relative links start here)."""
        return os.path.dirname(os.path.abspath(self.path))

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside code blocks written in this file (fences included)."""
        lines: set[int] = set()
        for block in self.doc.blocks:
            if block.kind == "code" and block.path == self.path:
                lines.update(range(block.line, block.end_line + 1))
        return frozenset(lines)

    @cached_property
    def text(self) -> str:
        """The file with front matter and code lines emptied and inline code blanked."""
        skip = self.code_lines
        first = self.doc.body_line
        if skip or first > 1:
            kept = ["" if n < first or n in skip else line
                    for n, line in enumerate(self.lines, start=1)]
        else:
            kept = self.lines
        text = "\n".join(kept)
        return blank_matches(text, _INLINE_CODE) if "`" in text else text

    @cached_property
    def visible(self) -> str:
        """:attr:`text` with HTML comments blanked."""
        return blank_matches(self.text, _COMMENT) if "<!--" in self.text else self.text

    @cached_property
    def prose(self) -> str:
        """:attr:`visible` with URLs and include tokens blanked."""
        text = self.visible
        if "[!" in text:
            text = blank_matches(text, _INCLUDE)
        for pattern in _URL_SPANS:
            text = blank_matches(text, pattern)
        return text

    @cached_property
    def _starts(self) -> list[int]:
        """Offset of the start of each line in the views."""
        # From the text view, not the raw lines: front matter and code lines are empty there.
        lines = self.text.split("\n")
        return list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, col), both 1-based, of an offset in :attr:`text`, :attr:`visible` or
        :attr:`prose`."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int, col0: int) -> int:
        """The offset in the views of 0-based column ``col0`` on 1-based ``line``."""
        return self._starts[line - 1] + col0

    def line_of(self, view: str, line: int) -> str:
        """Line ``line`` (1-based) of a view."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(view)
        return view[start:end]

    @cached_property
    def lowered_prose(self) -> str:
        """:attr:`prose` in lower case with the same offsets, for case-blind literal searches
        (``str.lower`` makes a few letters longer, "İ"; then only ASCII letters are lowered)."""
        lowered = self.prose.lower()
        return lowered if len(lowered) == len(self.prose) else self.prose.translate(_ASCII_LOWER)

    @property
    def is_redirect(self) -> bool:
        """True for a redirect stub (``redirect_url`` in the front matter): it has no page."""
        return "redirect_url" in self.doc.front_matter

    @cached_property
    def docset(self) -> Docset | None:
        """The ``docfx.json`` settings that govern this doc, if any."""
        return docset_for(self.path)

    @cached_property
    def front_matter_exempt(self) -> bool:
        """True when this file needs no front matter (an include, a TOC, a redirect stub)."""
        if self.is_redirect:
            return True
        folder, name = os.path.split(os.path.abspath(self.path))
        names, paths = _exempt_patterns(self.settings.front_matter_exempt)
        if names.match(name.lower()) or _folder_exempt(folder, names):
            return True
        return bool(paths is not None and paths.match(
            os.path.abspath(self.path).lower().replace(os.sep, "/")))

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

