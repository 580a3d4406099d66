"""The doc store beside the whoosh index: one SQLite file per generation.

It records what each doc was built from (content hash, stat, include dependencies), its
counts, its problems, and its whole parsed model (compressed JSON), so that incremental
builds know what changed and answers never re-parse a file. A published generation is never
written again, so readers open it ``immutable`` (no locks, no journal).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.request import pathname2url

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
    deps TEXT NOT NULL,
    passages INTEGER NOT NULL,
    tables INTEGER NOT NULL,
    exception_lists INTEGER NOT NULL,
    diagnostics TEXT NOT NULL,
    doc BLOB NOT NULL,
    facts BLOB
);
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT PRIMARY KEY,
    docset TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    diagnostics TEXT NOT NULL
);
"""


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
    deps: tuple[tuple[str, str], ...]
    """(path, content hash) of every include file it pulled in, transitively."""
    skipped: bool = False
    """True for a file that could not be indexed (binary, empty)."""


class Store:
    """A connection to one generation's doc store."""

    def __init__(self, path: str, *, readonly: bool) -> None:
        self.path = path
        if readonly:
            # A URI, so the path is quoted: folders may hold spaces, "?" or "#".
            uri = f"file:{pathname2url(os.path.abspath(path))}?mode=ro&immutable=1"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.db = sqlite3.connect(path)
            # The file is not published until the build is complete, so durability of each
            # write is wasted work: the generation switch is the only commit that counts.
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """One meta value."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Set one meta value."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- build side -----------------------------------------------------------------------
    def records(self) -> Iterator[DocRecord]:
        """Every indexed and skipped doc."""
        for path, docset, hash_, size, mtime, deps in self.db.execute(
                "SELECT path, docset, hash, size, mtime_ns, deps FROM docs"):
            yield DocRecord(path, docset, hash_, size, mtime,
                            tuple(tuple(d) for d in json.loads(deps)))
        for path, docset, hash_, size, mtime in self.db.execute(
                "SELECT path, docset, hash, size, mtime_ns FROM skipped"):
            yield DocRecord(path, docset, hash_, size, mtime, (), skipped=True)

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
        """Insert a doc row (see ``_SCHEMA`` for the column order)."""
        self.db.execute(f"INSERT OR REPLACE INTO docs VALUES ({','.join('?' * 16)})", row)

    def put_skipped(self, row: tuple) -> None:
        """Insert a skipped file row."""
        self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?, ?)", row)

    def totals(self) -> tuple[int, int, int, int]:
        """(docs, passages, tables, exception lists) in this store."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(SUM(passages), 0), "
                              "COALESCE(SUM(tables), 0), COALESCE(SUM(exception_lists), 0) "
                              "FROM docs").fetchone()
        return int(row[0]), int(row[1]), int(row[2]), int(row[3])

    def commit(self) -> None:
        """Flush writes."""
        self.db.commit()
