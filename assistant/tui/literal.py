"""Doc text is data: turn it into Rich ``Text`` that shows every character as written.

Strings handed to Textual widgets are often parsed as content markup, and control characters
reach the terminal as they are. A doc holding ``[bold red]X[/]`` or an ESC sequence must show
those characters, not obey them, so every piece of doc text goes through :func:`literal`:
markup stays literal because a ``Text`` is never parsed, and each control character (and each
bidi override that could reorder what is shown) becomes a visible, highlighted escape such
as ``\\x1b``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ..printable import CONTROL, escape
from ..printable import printable as _printable

_TAB_SIZE = 4
# Reverse video sets an escape apart from the same characters typed by a writer, in any theme.
ESCAPE_STYLE = Style(reverse=True)


def _flatten(text: str, multiline: bool) -> str:
    if multiline:
        return text.expandtabs(_TAB_SIZE)
    return text.replace("\t", " ").replace("\n", " ")


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``).

    One-line text (the default) gets a space for a tab or line end; ``multiline`` text keeps its
    line ends and has its tabs expanded, as an editor shows them.
    """
    return _printable(_flatten(text, multiline))


def literal(text: str, style: str | Style = "", *, multiline: bool = False) -> Text:
    """A ``Text`` that shows ``text`` exactly as written (never as markup or control codes)."""
    text = _flatten(text, multiline)
    if not CONTROL.search(text):
        return Text(text, style=style)
    out = Text(style=style)
    position = 0
    for match in CONTROL.finditer(text):
        out.append(text[position : match.start()])
        out.append(escape(match.group()), style=ESCAPE_STYLE)
        position = match.end()
    out.append(text[position:])
    return out


__all__ = ["ESCAPE_STYLE", "literal", "printable"]
