"""FIL0xx: files that cannot be read as docs at all, or only partly."""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import Hit, doc_rule, file_rule
from ..source import DocContext


@file_rule("FIL001", "unreadable-file", "error")
def unreadable_file(path: str, reason: str) -> Hit:
    """A file that cannot be read as a doc: binary content, a read error, or a special file.

    Why it matters: the build either fails on it or publishes garbage, and nothing in it can
    be checked or answered from. A FIFO, socket or device with a doc's name is skipped, never
    opened: reading a FIFO would wait for a writer forever.

    Example: an image saved with a ``.md`` name, a file written as UTF-16 (NUL bytes), or a
    named pipe ``x.md`` left by a script.

    Instead: save the doc as UTF-8 text, or remove the file if it is not a doc.
    """
    return Hit(1, 1, reason)


@file_rule("FIL002", "empty-file", "warning")
def empty_file(path: str, reason: str) -> Hit:
    """A doc with no content at all (empty, or only blank lines).

    Why it matters: an empty include inserts nothing where readers expect text; an empty
    article is a published blank page.

    Example: ``includes/preview-note.md`` saved with zero bytes.

    Instead: write the content, or delete the file and the tokens or links that point at it.
    """
    return Hit(1, 1, reason)


@doc_rule("FIL003", "undecodable-bytes", "warning")
def undecodable_bytes(ctx: DocContext) -> Iterator[Hit]:
    """Bytes that are not valid UTF-8 (reported at the first line that has them).

    Why it matters: other tools show them as replacement characters (�) on the page, often
    inside names ("S�o Paulo"), and search cannot match the word. A file that decodes as
    Windows-1252 is read that way here, with this warning; other bad bytes become U+FFFD.

    Example: a doc saved as Windows-1252, where "São" is the byte ``0xE3``.

    Instead: save the file as UTF-8 (without changing the text).
    """
    for diagnostic in ctx.doc.diagnostics:
        if diagnostic.code in ("undecodable-bytes", "read-as-windows-1252"):
            yield Hit(diagnostic.line, 1, diagnostic.message)
