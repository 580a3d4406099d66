"""Inline markdown -> plain text: markup removed, link text kept, whitespace collapsed.

Also collects what the plain text loses but other stages need: the links, footnote markers
written as ``<sup>1</sup>``, and a bold lead-in (``**Data integration:** ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from .tree import Node

_SUP_OPEN = re.compile(r"^<sup\b[^>]*>$", re.IGNORECASE)
_SUP_CLOSE = re.compile(r"^</sup\s*>$", re.IGNORECASE)
# Tags that separate words when rendered (``</br>`` is invalid HTML that browsers still break on).
_WORD_BREAK_TAG = re.compile(r"^</?(br|p|li|ul|ol|div|tr|td|th)\b[^>]*>$", re.IGNORECASE)
# Markers as written inside <sup>: "1", "*", "†", or as a link "[3]" to the footnote's anchor.
FOOTNOTE_MARKER = re.compile(r"^\[?(\d{1,2}|\*{1,3}|†|‡)\]?$")


@dataclass(slots=True)
class InlineText:
    """Plain text of an inline run and what was found in it."""

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(link text, target) pairs in order."""
    markers: list[str] = field(default_factory=list)
    """Footnote markers (``<sup>1</sup>``), removed from ``text``."""
    strong_lead: str = ""
    """Text of a bold span that opens the run, if the run starts with one."""


def collapse(text: str) -> str:
    """Collapse runs of whitespace (tabs, newlines, NBSP) into single spaces."""
    return " ".join(text.split())


def plain(inline: Node | list[Token] | None, *, markers: bool = False) -> InlineText:
    """Render an ``inline`` node (or a run of its inline tokens) as plain text.

    With ``markers`` (table cells), ``<sup>1</sup>`` footnote markers are taken out of the
    text into ``InlineText.markers``; elsewhere a ``<sup>`` is text like any other
    ("2<sup>3</sup> = 8").
    """
    out = InlineText()
    if inline is None:
        return out
    tokens = inline if isinstance(inline, list) else inline.children
    parts: list[str] = []
    open_links: list[tuple[int, list[str]]] = []  # (index in out.links, text so far)
    sup: list[str] | None = None  # text of an open <sup>, which may be a footnote marker
    lead: list[str] | None = None  # text of a bold span that opens the run
    at_start = True
    for token in tokens:
        kind = token.type
        if at_start and not (kind == "text" and not token.content.strip()):
            at_start = False
            if kind == "strong_open":
                lead = []
                continue
        # Text goes to the innermost open link, else an open <sup>, else the sentence.
        target = open_links[-1][1] if open_links else (sup if sup is not None else parts)
        if kind in ("text", "code_inline"):
            target.append(token.content)
            if lead is not None:
                lead.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            target.append(" ")
        elif kind == "strong_close" and lead is not None:
            out.strong_lead = collapse("".join(lead))
            lead = None
        elif kind == "link_open":
            out.links.append(("", str(token.attrs.get("href", ""))))
            open_links.append((len(out.links) - 1, []))
        elif kind == "link_close" and open_links:
            index, words = open_links.pop()
            text = collapse("".join(words))
            out.links[index] = (text, out.links[index][1])
            (open_links[-1][1] if open_links else (sup if sup is not None else parts)).append(text)
        elif kind == "html_inline":
            tag = token.content.strip()
            if markers and _SUP_OPEN.match(tag):
                sup = []
            elif _SUP_CLOSE.match(tag) and sup is not None:
                content = collapse("".join(sup))
                marker = FOOTNOTE_MARKER.match(content)
                if marker:
                    out.markers.append(marker.group(1))
                else:
                    parts.append(" ".join(sup))
                sup = None
            elif _WORD_BREAK_TAG.match(tag):
                target.append(" ")
        # image: its alt text describes a picture, it is not part of the sentence.
    if sup is not None:
        parts.append("".join(sup))  # an unclosed <sup>: keep its text rather than lose it
    out.text = collapse("".join(parts))
    return out
