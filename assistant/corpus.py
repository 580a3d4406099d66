"""Finding docs on disk and reading them as text, whatever their bytes.

Reading never loses a doc: undecodable bytes are replaced (with a warning naming the line), a
UTF-8 BOM is dropped and CRLF/CR line ends become LF (line numbers are unchanged by both).
Only files that hold no text at all (binary, or empty) are refused, with a clear message.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError, ParseError
from .model import Diagnostic

DOC_SUFFIXES = (".md", ".markdown")
# How much of a file to sniff for NUL bytes before calling it binary (git uses the same idea).
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text, ready to parse, with what reading it had to work around."""

    path: str
    """The path as given."""
    text: str
    """Decoded text with LF line ends and no BOM."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Warnings from decoding (replacement characters)."""


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
        text = data.decode("utf-8-sig", errors="replace")
        diagnostics.append(
            Diagnostic(
                path,
                bad_line,
                "undecodable-bytes",
                "bytes that are not UTF-8 were replaced with U+FFFD; save the file as UTF-8",
            )
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text, tuple(diagnostics))


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one doc from disk (see :func:`decode`)."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise CorpusError(f"{name}: is a folder, not a doc") from exc
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read: {exc.strerror}") from exc
    return decode(data, name)


def content_hash(data: bytes) -> str:
    """A stable fingerprint of a file's bytes (what "changed" means for incremental builds)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def find_docs(roots: list[str] | tuple[str, ...]) -> list[DocRef]:
    """Every markdown doc under the given roots (a root may also be a single file).

    Dot-folders (``.git``, ``.github``) are skipped. The order is stable (sorted per root).
    """
    found: list[DocRef] = []
    for root in roots:
        if os.path.isfile(root):
            found.append(DocRef(os.path.dirname(root) or ".", os.path.basename(root)))
            continue
        if not os.path.isdir(root):
            raise CorpusError(f"{root}: corpus folder not found")
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            # One relpath per folder, not per file: it is the main cost of a no-op rebuild.
            rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if rel_folder == "." else rel_folder + "/"
            found.extend(
                DocRef(root, prefix + name)
                for name in sorted(files)
                if name.lower().endswith(DOC_SUFFIXES)
            )
    return found
