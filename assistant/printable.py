"""Doc text is data in every output: it can never drive the terminal or reorder what is shown.

One definition for the CLI, the writers' check reports and the app (its views and its
clipboard copy): C0/C1 control characters (ESC, BEL, CR...), DEL and the bidirectional
overrides and isolates (U+202A-U+202E, U+2066-U+2069, which can make text read in another
order than it is written) are written as visible escapes such as ``\\x1b`` or ``\\u202e``.
Tabs and line ends are text and stay.

>>> printable("a\\x1b[31mred\\x07 \\u202eevil")
'a\\\\x1b[31mred\\\\x07 \\\\u202eevil'
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that are never printed as they are (tab and line feed are not among them)."""


def escape(char: str) -> str:
    """The visible escape of one character (``\\x1b``, ``\\u202e``)."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character and bidi override written as an escape."""
    return CONTROL.sub(lambda m: escape(m.group()), text)


__all__ = ["CONTROL", "escape", "printable"]
