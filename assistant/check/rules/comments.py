"""SUP7xx: suppression comments that hide nothing or cannot work (see
:mod:`assistant.check.suppress`, which reads the comments and makes these findings)."""

from __future__ import annotations

from ..registry import Hit, comment_rule


@comment_rule("SUP701", "unused-suppression", "warning")
def unused_suppression(line: int, col: int, message: str) -> Hit:
    """A suppression comment that hides no finding of the rules it names.

    Why it matters: the finding it was written for is gone (the text was fixed or moved), and
    a stale suppression would silently hide the next real problem on that line.

    Judged only when the rules it names ran (see ``assistant check --explain suppressions``).

    Example (the line below no longer names a renamed product)::

        <!-- assistant-disable-next-line TRM501 -->
        Sign in with Microsoft Entra ID.

    Instead: remove the comment.
    """
    return Hit(line, col, message)


@comment_rule("SUP702", "invalid-suppression", "error")
def invalid_suppression(line: int, col: int, message: str) -> Hit:
    """A suppression comment that cannot work: an unknown rule code or form, or an
    ``assistant-enable`` with no ``assistant-disable`` to end.

    Why it matters: the writer meant to silence something and nothing is silenced, or a typo
    in the form leaves the finding reported with no hint why.

    Example::

        <!-- assistant-disable-next-line TRM51 -->
        <!-- assistant-disable-nextline TRM501 -->

    Instead::

        <!-- assistant-disable-next-line TRM501 -->
    """
    return Hit(line, col, message)
