"""A lean block tree over markdown-it's token stream.

markdown-it-py's ``SyntaxTreeNode`` makes an object for every token, inline ones included,
which cost about an eighth of parse time on real corpora. Here only block tokens become nodes;
an ``inline`` node keeps markdown-it's flat list of inline tokens as its children (each with
``type``, ``content`` and ``attrs``), which :func:`assistant.parse.inline.plain` reads directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token


@dataclass(slots=True)
class Node:
    """A block of the document (or an ``inline`` leaf holding flat inline tokens)."""

    type: str
    """markdown-it's type without ``_open`` (``paragraph``, ``bullet_list``, ``inline``...)."""
    tag: str
    """HTML tag (``h2`` for a level-2 heading)."""
    map: tuple[int, int] | None
    """0-based ``[start, end)`` source lines, as markdown-it gives them (None for cells)."""
    content: str = ""
    """Raw content for leaves (inline source, code, HTML)."""
    children: list[Any] = field(default_factory=list)
    """Child Nodes; for ``inline`` nodes, markdown-it's inline Tokens."""

    @property
    def span(self) -> tuple[int, int]:
        """``map`` of a node that always has one: every block and every ``inline`` leaf
        (markdown-it-py keeps the lines of table-cell inlines too); only cells lack it."""
        assert self.map is not None, f"a {self.type} node has no source lines"
        return self.map


def build_tree(tokens: list[Token]) -> list[Node]:
    """Nest the flat block token stream into Nodes; returns the top-level blocks."""
    root = Node("root", "", None)
    stack = [root]
    for token in tokens:
        if token.nesting == 1:
            node = Node(token.type[:-5], token.tag, _span(token))
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].children.append(
                Node(token.type, token.tag, _span(token), token.content, token.children or [])
            )
    return root.children


def _span(token: Token) -> tuple[int, int] | None:
    return (token.map[0], token.map[1]) if token.map else None
