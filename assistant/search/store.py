"""The doc store beside the whoosh index: a small SQLite file plus write-once pack files.

It records what each doc was built from (content hash, stat, include dependencies), its
counts, its problems, and its whole parsed model (compressed JSON), so that incremental
builds know what changed and answers never re-parse a file.

The models are the bulk (tens of megabytes on a large corpus), so they live in *pack* files
that are written once, by the build that parsed those docs, and then shared by hard links
between generations, like whoosh's segments. A one-doc rebuild then copies only the SQLite
rows, not every model. A published generation is never written again, so readers open it
``immutable`` (no locks, no journal).
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote

PACK_PREFIX = "pack-"
PACK_SUFFIX = ".bin"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    path TEXT PRIMARY KEY,
    docset TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    description TEXT NOT NULL,
    line_count INTEGER NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hashed_ns INTEGER NOT NULL,
    deps TEXT NOT NULL,
    passages INTEGER NOT NULL,
    tables INTEGER NOT NULL,
    exception_lists INTEGER NOT NULL,
    diagnostics TEXT NOT NULL,
    pack TEXT NOT NULL,
    doc_at INTEGER NOT NULL,
    doc_len INTEGER NOT NULL,
    facts_at INTEGER,
    facts_len INTEGER,
    names TEXT
);
CREATE TABLE IF NOT EXISTS about (stem TEXT PRIMARY KEY, docs BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_order (number INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT PRIMARY KEY,
    docset TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hashed_ns INTEGER NOT NULL,
    diagnostics TEXT NOT NULL
);
"""
# Rewrite the packs when more than this share of their bytes belongs to replaced docs.
_MAX_DEAD_SHARE = 0.5
_MIN_PACK_BYTES_TO_COMPACT = 8 << 20


# An include file a doc pulled in: (path, content hash), and its size and modification time
# when those may vouch for its bytes (see ``scan.stat_vouches``).
Dep = tuple[str, str] | tuple[str, str, int, int]


@dataclass(frozen=True, slots=True)
class DocRecord:
    """What the store knows about one indexed (or skipped) doc, without its model."""

    path: str
    """The doc's path as the user would open it."""
    docset: str
    """The corpus root it was found under."""
    hash: str
    """Content hash of the bytes it was built from."""
    size: int
    """File size then."""
    mtime_ns: int
    """Modification time then."""
    hashed_ns: int
    """When those bytes were read (a stat can only vouch for a file older than that)."""
    deps: tuple[Dep, ...]
    """Every include file it pulled in, transitively."""
    skipped: bool = False
    """True for a file that could not be indexed (binary, empty)."""


class Store:
    """A connection to one generation's doc store (``docs.sqlite`` and packs in ``folder``)."""

    def __init__(self, path: str, *, readonly: bool) -> None:
        self.path = path
        self.folder = os.path.dirname(path)
        self._packs: dict[str, int] = {}  # pack name -> open descriptor (reading)
        self._pack: tuple[str, BinaryIO] | None = None  # (name, file) being written
        if readonly:
            # A URI, so the path is quoted: folders may hold spaces, "?" or "#".
            # (POSIX paths: quote is pathname2url, without importing urllib.request.)
            uri = f"file:{quote(os.path.abspath(path))}?mode=ro&immutable=1"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # Open every pack now: once open, they outlive the generation folder, which a
            # later build may delete while this reader still answers from it.
            for name in self._pack_files():
                self._packs[name] = os.open(os.path.join(self.folder, name), os.O_RDONLY)
        else:
            self.db = sqlite3.connect(path)
            # The file is not published until the build is complete, so durability of each
            # write is wasted work: the generation switch is the only commit that counts.
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection and the pack files."""
        self.db.close()
        for fd in self._packs.values():
            os.close(fd)
        self._packs.clear()
        if self._pack is not None:
            self._pack[1].close()
            self._pack = None

    # -- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """One meta value."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Set one meta value."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def max_doc_bytes(self) -> int | None:
        """The size up to which the build indexed each doc (0: all of it; None: a build
        that did not record it)."""
        limit = self.get_meta("max_doc_bytes")
        return int(limit) if limit is not None else None

    # -- reading --------------------------------------------------------------------------
    def blob(self, pack: str, at: int, length: int) -> bytes:
        """Bytes of one stored model."""
        fd = self._packs.get(pack)
        if fd is None:
            fd = self._packs[pack] = os.open(os.path.join(self.folder, pack), os.O_RDONLY)
        return os.pread(fd, length, at)

    # -- build side -----------------------------------------------------------------------
    def records(self) -> Iterator[DocRecord]:
        """Every indexed and skipped doc."""
        # (Most docs include nothing, and the docs of a docset mostly include the same few
        # files: each different list is read once.)
        read: dict[str, tuple[Dep, ...]] = {"[]": ()}
        for path, docset, hash_, size, mtime, hashed, deps in self.db.execute(
                "SELECT path, docset, hash, size, mtime_ns, hashed_ns, deps FROM docs"):
            found = read.get(deps)
            if found is None:
                found = read[deps] = tuple(tuple(d) for d in json.loads(deps))
            yield DocRecord(path, docset, hash_, size, mtime, hashed, found)
        for path, docset, hash_, size, mtime, hashed in self.db.execute(
                "SELECT path, docset, hash, size, mtime_ns, hashed_ns FROM skipped"):
            yield DocRecord(path, docset, hash_, size, mtime, hashed, (), skipped=True)

    def skipped_diagnostics(self, path: str) -> list[dict]:
        """The stored problems of a skipped file."""
        row = self.db.execute("SELECT diagnostics FROM skipped WHERE path = ?",
                              (path,)).fetchone()
        return json.loads(row[0]) if row else []

    def remove(self, path: str) -> None:
        """Forget a doc (indexed or skipped)."""
        self.db.execute("DELETE FROM docs WHERE path = ?", (path,))
        self.db.execute("DELETE FROM skipped WHERE path = ?", (path,))

    def put_doc(self, row: tuple) -> None:
        """Insert a doc: its columns up to ``diagnostics``, then its model and facts blobs,
        then the names it offers (``doc_names.DocNames`` as JSON)."""
        *columns, doc_blob, facts_blob, names = row
        pack, doc_at = self._append(doc_blob)
        facts_at = self._append(facts_blob)[1] if facts_blob is not None else None
        self.db.execute(
            f"INSERT OR REPLACE INTO docs VALUES ({','.join('?' * 21)})",
            (*columns, pack, doc_at, len(doc_blob), facts_at,
             None if facts_blob is None else len(facts_blob), names))

    def put_skipped(self, row: tuple) -> None:
        """Insert a skipped file row."""
        self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def _append(self, blob: bytes) -> tuple[str, int]:
        if self._pack is None:
            name = f"{PACK_PREFIX}{uuid.uuid4().hex}{PACK_SUFFIX}"
            self._pack = (name, open(os.path.join(self.folder, name), "ab"))  # noqa: SIM115
        name, handle = self._pack
        at = handle.tell()
        handle.write(blob)
        return name, at

    def finish_packs(self) -> None:
        """Close the pack being written; compact the packs when replaced docs fill most of
        them; delete the packs (hard links) no doc needs any more."""
        if self._pack is not None:
            self._pack[1].close()
            self._pack = None
        live = dict(self.db.execute(
            "SELECT pack, SUM(doc_len + COALESCE(facts_len, 0)) FROM docs GROUP BY pack"))
        on_disk = {name: os.path.getsize(os.path.join(self.folder, name))
                   for name in self._pack_files()}
        total = sum(on_disk.values())
        if total > _MIN_PACK_BYTES_TO_COMPACT and sum(live.values()) < (
                1 - _MAX_DEAD_SHARE) * total:
            self._compact()
            live = dict(self.db.execute("SELECT pack, 1 FROM docs GROUP BY pack"))
        for name in self._pack_files():
            if name not in live:
                os.remove(os.path.join(self.folder, name))

    def _compact(self) -> None:
        rows = self.db.execute("SELECT path, pack, doc_at, doc_len, facts_at, facts_len "
                               "FROM docs").fetchall()
        for path, pack, doc_at, doc_len, facts_at, facts_len in rows:
            new_pack, new_doc_at = self._append(self.blob(pack, doc_at, doc_len))
            new_facts_at = None
            if facts_at is not None:
                new_facts_at = self._append(self.blob(pack, facts_at, facts_len))[1]
            self.db.execute("UPDATE docs SET pack = ?, doc_at = ?, facts_at = ? WHERE path = ?",
                            (new_pack, new_doc_at, new_facts_at, path))
        if self._pack is not None:
            self._pack[1].close()
            self._pack = None

    def _pack_files(self) -> list[str]:
        return [name for name in os.listdir(self.folder)
                if name.startswith(PACK_PREFIX) and name.endswith(PACK_SUFFIX)]

    def pack_extents(self) -> dict[str, int]:
        """Pack name -> the end of its last stored byte (a pack shorter than that is cut)."""
        return {pack: int(end) for pack, end in self.db.execute(
            "SELECT pack, MAX(MAX(doc_at + doc_len), "
            "COALESCE(MAX(facts_at + facts_len), 0)) FROM docs GROUP BY pack")}

    def docs_in(self, packs: list[str]) -> list[str]:
        """The paths of the docs whose models are stored in ``packs``."""
        marks = ",".join("?" * len(packs))
        return [row[0] for row in self.db.execute(
            f"SELECT path FROM docs WHERE pack IN ({marks})", packs)]

    def skipped_count(self) -> int:
        """Files the last build found but could not index."""
        return int(self.db.execute("SELECT COUNT(*) FROM skipped").fetchone()[0])

    def totals(self) -> tuple[int, int, int, int]:
        """(docs, passages, tables, exception lists) in this store."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(SUM(passages), 0), "
                              "COALESCE(SUM(tables), 0), COALESCE(SUM(exception_lists), 0) "
                              "FROM docs").fetchone()
        return int(row[0]), int(row[1]), int(row[2]), int(row[3])

    def commit(self) -> None:
        """Flush writes."""
        self.db.commit()
