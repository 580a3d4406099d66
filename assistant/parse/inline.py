"""Inline markdown -> plain text: markup removed, link text kept, whitespace collapsed.

Also collects what the plain text loses but other stages need: the links, footnote markers
written as ``<sup>1</sup>``, and a bold lead-in (``**Data integration:** ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.tree import SyntaxTreeNode

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


def plain(inline: SyntaxTreeNode | None) -> InlineText:
    """Render an ``inline`` node (or any node with inline children) as plain text."""
    out = InlineText()
    if inline is None:
        return out
    parts: list[str] = []
    _render(inline.children, parts, out, sup=None)
    out.text = collapse("".join(parts))
    first = next((c for c in inline.children if c.type != "text" or c.content.strip()), None)
    if first is not None and first.type == "strong":
        lead_parts: list[str] = []
        _render(first.children, lead_parts, InlineText(), sup=None)
        out.strong_lead = collapse("".join(lead_parts))
    return out


def _render(
    nodes: list[SyntaxTreeNode], parts: list[str], out: InlineText, sup: list[str] | None
) -> list[str] | None:
    """Append the plain text of ``nodes`` to ``parts``; returns the open ``<sup>`` buffer."""
    for node in nodes:
        kind = node.type
        if kind == "html_inline":
            tag = node.content.strip()
            if _SUP_OPEN.match(tag):
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
                (sup if sup is not None else parts).append(" ")
            continue
        target = sup if sup is not None else parts
        if kind in ("text", "code_inline"):
            target.append(node.content)
        elif kind in ("softbreak", "hardbreak"):
            target.append(" ")
        elif kind == "link":
            link_parts: list[str] = []
            _render(node.children, link_parts, out, sup=None)
            link_text = collapse("".join(link_parts))
            out.links.append((link_text, str(node.attrs.get("href", ""))))
            target.append(link_text)
        elif kind == "image":
            continue  # alt text describes a picture; it is not part of the sentence
        else:
            sup = _render(node.children, target if sup is None else sup, out, sup)
    if sup is not None and parts is not sup:
        # An unclosed <sup>: keep its text rather than lose it.
        parts.append("".join(sup))
        sup = None
    return sup
