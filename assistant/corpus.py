"""Finding docs on disk and reading them as text, whatever their bytes.

Reading never loses a doc: bytes that are not UTF-8 are read as Windows-1252 when that decodes
the whole file, else replaced (with a warning naming the line either way), a UTF-8 BOM is
dropped and CRLF/CR line ends become LF (line numbers are unchanged by both). Only files that
hold no text at all (binary, or empty) are refused, with a clear message.

Only regular files are ever opened: a FIFO named ``x.md`` would block a reader until some
writer came along, so FIFOs, sockets and devices are skipped with a report.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import CorpusError, ParseError
from .model import Diagnostic
from .printable import printable

DOC_SUFFIXES = (".md", ".markdown")
DEFAULT_MAX_DOC_BYTES = 4 * 1024 * 1024
"""How much of a doc is indexed (and read back to check a citation) unless the settings say
otherwise (``max-doc-size``): 30x the largest doc of the real corpora."""
# How much of a file to sniff for NUL bytes before calling it binary (git uses the same idea).
_BINARY_SNIFF_BYTES = 8192
# O_NONBLOCK makes opening a FIFO return at once (no writer needed), so it can be refused;
# it changes nothing for a regular file. O_BINARY (Windows only) keeps CRLF bytes as they are.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text, ready to parse, with what reading it had to work around."""

    path: str
    """The path as given."""
    text: str
    """Decoded text with LF line ends and no BOM."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Warnings from decoding (read as Windows-1252, or replacement characters)."""


@dataclass(frozen=True, slots=True)
class DocRef:
    """A doc found under a corpus root."""

    root: str
    """The corpus root as given by the user."""
    relpath: str
    """Path relative to the root, with forward slashes."""

    @property
    def path(self) -> str:
        """The path as the user would open it: the root joined with the relative path."""
        return os.path.join(self.root, self.relpath)


def decode(data: bytes, path: str) -> SourceText:
    """Decode file bytes to text, refusing binary and empty content with a ParseError."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ParseError(path, "empty file: nothing to parse")
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise ParseError(path, "binary file (contains NUL bytes): not a markdown doc")
    diagnostics: list[Diagnostic] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        legacy = _windows_1252(data)
        if legacy is not None:
            text = legacy
            diagnostics.append(Diagnostic(
                path, bad_line, "read-as-windows-1252",
                "not UTF-8; read as Windows-1252 (cp1252); save the file as UTF-8"))
        else:
            text = data.decode("utf-8-sig", errors="replace")
            diagnostics.append(Diagnostic(
                path, bad_line, "undecodable-bytes",
                "bytes that are not UTF-8 were replaced with U+FFFD; save the file as UTF-8"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text, tuple(diagnostics))


def _windows_1252(data: bytes) -> str | None:
    """The text when every byte decodes as Windows-1252, else None.

    Legacy docs saved on Windows are the common non-UTF-8 case, and there the bytes decode
    exactly. A UTF-8 BOM says the file meant to be UTF-8: keep the replacement then.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character
        return None


def _special_kind(mode: int) -> str | None:
    """What a file that is neither regular nor a folder is ("a FIFO"...); None otherwise."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "a special file")


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """A regular file's bytes (at most its first ``limit``, when given), without ever
    blocking.

    Raises :class:`CorpusError` for a FIFO, socket or device (reading a FIFO would wait for a
    writer forever), ``IsADirectoryError`` for a folder and ``OSError`` as ``open`` does.
    """
    name = os.fspath(path)
    fd = os.open(name, _OPEN_FLAGS)
    with open(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        kind = _special_kind(mode)
        if kind is not None:
            raise CorpusError(f"{name}: not a regular file ({kind}): cannot read it as a doc")
        return handle.read() if limit is None or limit <= 0 else handle.read(limit)


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one doc from disk (see :func:`read_bytes` and :func:`decode`)."""
    name = os.fspath(path)
    try:
        data = read_bytes(name)
    except FileNotFoundError as exc:
        raise CorpusError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise CorpusError(f"{name}: is a folder, not a doc") from exc
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read: {exc.strerror}") from exc
    return decode(data, name)


def corpus_not_found(root: str, origin: str = "") -> str:
    """The message for a corpus root that is not there: the folder looked for (absolute),
    where that came from (``origin``, e.g. "set in pyproject.toml"), and how to point
    elsewhere."""
    where = f" ({origin})" if origin else ""
    return (f"corpus folder not found: {os.path.abspath(root)}{where}; point at your docs with "
            f"--corpus DIR, or set corpus = [\"DIR\"] under [tool.assistant] in pyproject.toml "
            f"(or in .assistant.toml)")


def content_hash(data: bytes) -> str:
    """A stable fingerprint of a file's bytes (what "changed" means for incremental builds)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _not_regular(path: str) -> str | None:
    """What ``path`` is when it is a FIFO, socket or device (without opening it); else None.

    A path that cannot be stat'ed counts as regular: reading it reports the real error.
    """
    try:
        return _special_kind(os.stat(path).st_mode)
    except OSError:
        return None


def _skip(path: str, kind: str, skipped: list[Diagnostic] | None) -> None:
    diagnostic = Diagnostic(path, 1, "not-regular-file", f"not a regular file ({kind}): skipped")
    if skipped is not None:
        skipped.append(diagnostic)
    else:  # a caller with nowhere to put it: still tell the user (stderr when unconfigured)
        _log.warning("%s", printable(f"{path}:1: warning: {diagnostic.message}"))


def _entries(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path prefix below the root, entry) of every file with a doc's name under ``folder``,
    sorted per folder, a folder's files before its subfolders (as ``os.walk`` goes); no
    dot-folders."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if not entry.name.startswith("."):
                folders.append(entry)
        elif entry.name.lower().endswith(DOC_SUFFIXES):
            yield prefix, entry
    for entry in folders:
        yield from _entries(entry.path, f"{prefix}{entry.name}/")


def find_docs(roots: list[str] | tuple[str, ...],
              skipped: list[Diagnostic] | None = None) -> list[DocRef]:
    """Every markdown doc under the given roots (a root may also be a single file).

    Dot-folders (``.git``, ``.github``) are skipped. The order is stable (sorted per root).
    FIFOs, sockets and devices with a doc's name are left out (opening one could block): each
    is appended to ``skipped`` as a diagnostic, or logged as a warning when it is None.
    """
    found: list[DocRef] = []
    for root in roots:
        kind = _not_regular(root)
        if kind is not None:
            _skip(root, kind, skipped)
            continue
        if os.path.isfile(root):
            found.append(DocRef(os.path.dirname(root) or ".", os.path.basename(root)))
            continue
        if not os.path.isdir(root):
            raise CorpusError(corpus_not_found(root))
        for prefix, entry in _entries(root, ""):
            ref = DocRef(root, prefix + entry.name)
            # A directory entry knows a regular file's type without a stat of its own.
            if entry.is_file():
                found.append(ref)
            else:
                _skip(ref.path, _not_regular(entry.path) or "a special file", skipped)
    return found
