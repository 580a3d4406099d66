"""Markdown docs -> :class:`assistant.model.Document`.

>>> doc = parse_file("corpus/customer-service-insights/data-location.md")
>>> doc.tables[0].rows[0]
('Europe', 'West Europe (Netherlands)')
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from ..corpus import decode, read_source
from ..errors import AssistantError
from ..model import Document
from .document import build_document

# Includes nest rarely and never deeply; the bound stops include cycles.
_MAX_INCLUDE_DEPTH = 4


class _IncludeCache:
    """Parses each include file once per process (a footer include is used by thousands)."""

    def __init__(self, root: str | None) -> None:
        self.root = root
        self.docs: dict[str, Document | None] = {}
        self.active: list[str] = []

    def load(self, path: str) -> Document | None:
        key = os.path.abspath(path)
        if key in self.docs:
            return self.docs[key]
        if key in self.active or len(self.active) >= _MAX_INCLUDE_DEPTH:
            return None  # a cycle or a runaway chain: keep the token, skip the text
        self.active.append(key)
        try:
            source = read_source(path)
            doc = build_document(path, source.text, source.diagnostics, self.load, self.root)
        except AssistantError:
            doc = None
        finally:
            self.active.pop()
        self.docs[key] = doc
        return doc


_caches: dict[str | None, _IncludeCache] = {}


def _cache_for(root: str | None) -> _IncludeCache:
    cache = _caches.get(root)
    if cache is None:
        cache = _caches[root] = _IncludeCache(root)
    return cache


@functools.cache
def model_fingerprint() -> str:
    """A hash of the code that turns docs into models, passages and the names stored with
    them (``doc_names.py``, on the words of ``words.py``).

    Stored models built by other code are stale even when the docs are unchanged, so the
    index records this and an incremental build starts afresh when it differs.
    """
    package = Path(__file__).resolve().parent
    sources = sorted(package.glob("*.py")) + [package.parent / name for name in (
        "passages.py", "model.py", "doc_names.py", "words.py")]
    digest = hashlib.blake2b(digest_size=8)
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def clear_include_cache() -> None:
    """Forget parsed includes (call when include files may have changed on disk)."""
    _caches.clear()


def parse_file(path: str | os.PathLike[str], root: str | None = None) -> Document:
    """Read and parse one doc. ``root`` bounds the search for ``~/`` include targets.

    Raises :class:`assistant.errors.ParseError` for binary or empty files and
    :class:`assistant.errors.CorpusError` for unreadable ones; every other problem becomes a
    diagnostic on the returned Document.
    """
    source = read_source(path)
    cache = _cache_for(root)
    return build_document(source.path, source.text, source.diagnostics, cache.load, root)


def parse_bytes(data: bytes, path: str, root: str | None = None) -> Document:
    """Parse a doc's bytes as if read from ``path`` (includes resolve against ``path``)."""
    source = decode(data, path)
    cache = _cache_for(root)
    return build_document(path, source.text, source.diagnostics, cache.load, root)


def parse_text(text: str, path: str = "<text>") -> Document:
    """Parse markdown text that is already decoded (no include resolution)."""
    return build_document(path, text.replace("\r\n", "\n").replace("\r", "\n"))


__all__ = ["clear_include_cache", "model_fingerprint", "parse_bytes", "parse_file", "parse_text"]
