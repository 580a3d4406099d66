"""Size guards: no single doc, and no single passage, may make every question slow.

One 60 MB doc written as a single line once became one 60 MB passage: every question read
it (minutes, gigabytes), and since it held every word it was "the answer" to questions about
anything. So a build indexes a doc only up to ``max_doc_bytes`` (warning with what was cut),
and cuts any passage longer than any real doc has (a runaway line) into pieces of ordinary
paragraph size, each ranked and read on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ..config import human_size
from ..corpus import DEFAULT_MAX_DOC_BYTES
from ..model import Diagnostic, Passage

MAX_PASSAGE_CHARS = 32_000
"""A passage longer than this is cut into pieces (the longest passage of the real corpora, a
code block, is 21,537 characters; 99.99% of them are under 9,000)."""

PIECE_CHARS = 1_000
"""The size of those pieces: about a paragraph. (Pieces of 4,000 characters of a 4 MB
one-line doc of random words still held every word of many questions, and answered 3 of 30
unrelated questions on power-platform-admin; at 1,000, none.)"""


__all__ = ["DEFAULT_MAX_DOC_BYTES", "MAX_PASSAGE_CHARS", "PIECE_CHARS", "bounded", "cut",
           "cut_diagnostic", "human_size", "pieces"]


def cut(data: bytes, limit: int) -> bytes:
    """At most the first ``limit`` bytes of ``data`` (all of it when ``limit`` is 0).

    The cut falls at a line end when one keeps at least half the limit, else at a space or
    tab, else between two characters (never inside a UTF-8 sequence).
    """
    if limit <= 0 or len(data) <= limit:
        return data
    head = data[:limit]
    end = head.rfind(b"\n")
    if end >= limit // 2:
        return head[:end + 1]
    end = max(head.rfind(b" "), head.rfind(b"\t"))
    if end >= limit // 2:
        return head[:end]
    end = limit
    while end > limit - 3 and data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte
        end -= 1
    return data[:end]


def _lines(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


def cut_diagnostic(path: str, data: bytes, kept: bytes, limit: int) -> Diagnostic:
    """The warning that names a doc cut at the limit, and what of it was not indexed."""
    total, whole = _lines(data), kept.count(b"\n")
    rest = human_size(len(data) - len(kept))
    if kept.endswith(b"\n"):
        what = (f"lines 1-{whole:,} ({human_size(len(kept))}) are indexed, lines "
                f"{whole + 1:,}-{total:,} ({rest}) are not")
    elif total == whole + 1:
        what = (f"only its first {human_size(len(kept))} are indexed, up to the middle of "
                f"line {total:,}, its last; the other {rest} are not")
    else:
        what = (f"only its first {human_size(len(kept))} are indexed, up to the middle of "
                f"line {whole + 1:,}; the other {rest} (to line {total:,}) are not")
    return Diagnostic(
        path, whole + 1, "doc-too-large",
        f"doc of {human_size(len(data))}, over the limit of {human_size(limit)} per doc: "
        f"{what}; raise max-doc-size (settings or --max-doc-size) to index it all")


def bounded(passages: Iterable[Passage]) -> Iterator[Passage]:
    """The passages, each one longer than :data:`MAX_PASSAGE_CHARS` cut into pieces."""
    for passage in passages:
        if len(passage.quote) <= MAX_PASSAGE_CHARS:
            if len(passage.text) > MAX_PASSAGE_CHARS:  # (a summary of a TOC: every heading)
                passage = dataclasses.replace(passage, text=passage.text[:MAX_PASSAGE_CHARS])
            yield passage
            continue
        quote, text = passage.quote, passage.text
        # The ranking text is the quote after its context (section, the sentence that leads
        # into a list): keep a bounded context before each piece.
        context = text[:-len(quote)] if quote and text.endswith(quote) else ""
        context = context[-PIECE_CHARS:]
        entities = tuple(e for e in passage.entities if len(e) <= PIECE_CHARS)
        for piece in pieces(quote, PIECE_CHARS):
            yield dataclasses.replace(passage, quote=piece, text=context + piece,
                                      entities=entities)


def pieces(text: str, size: int) -> Iterator[str]:
    """``text`` in pieces of at most ``size`` characters, ending at a sentence end or a space
    when there is one in the last quarter of the piece."""
    start = 0
    while len(text) - start > size:
        end = start + size
        window = text[end - size // 4:end]
        stop = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if stop >= 0:
            end = end - size // 4 + stop + 1
        else:
            space = window.rfind(" ")
            if space >= 0:
                end = end - size // 4 + space
        piece = text[start:end].strip()
        if piece:
            yield piece
        start = end
    piece = text[start:].strip()
    if piece:
        yield piece
