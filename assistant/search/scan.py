"""What changed on disk since the last build: the plan of an incremental build.

"Changed" means a different content hash, of the doc itself or of any include file it pulled
in. A file whose size and modification time are as recorded (and were recorded well after its
last change) is not read again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..corpus import DocRef, content_hash, find_docs, read_bytes
from ..errors import CorpusError
from ..model import Diagnostic
from .store import Dep, DocRecord


@dataclass(slots=True)
class Plan:
    """The docs an incremental build must touch."""

    docs: list[DocRef]
    """Every doc found under the roots, in order."""
    added: list[str] = field(default_factory=list)
    """Paths new since the last build."""
    changed: list[str] = field(default_factory=list)
    """Paths whose bytes or includes changed."""
    removed: list[str] = field(default_factory=list)
    """Paths indexed last time and gone now (or no longer under the roots)."""
    unchanged: list[str] = field(default_factory=list)
    """Paths to keep as they are."""
    not_regular: list[Diagnostic] = field(default_factory=list)
    """Files with a doc's name that are no regular file (a FIFO...): skipped, reported."""

    @property
    def touched(self) -> int:
        """How many docs change in the index."""
        return len(self.added) + len(self.changed) + len(self.removed)


# A stat vouches for a file only if it was last modified well before its bytes were read
# (git's "racily clean" rule): a change in the same clock tick as the read keeps the mtime.
_RACY_NS = 2_000_000_000


def stat_vouches(mtime_ns: int, read_ns: int) -> bool:
    """Whether a file's size and modification time, recorded when its bytes were read at
    ``read_ns``, may later vouch for those bytes."""
    return mtime_ns < read_ns - _RACY_NS


class Hasher:
    """Content hashes of files, each read at most once; None for a file that cannot be read."""

    def __init__(self, trust_stat: bool = False) -> None:
        self.trust_stat = trust_stat
        self.cache: dict[str, str | None] = {}
        self._stats: dict[str, tuple[int, int] | None] = {}

    def matches(self, path: str, record: DocRecord) -> bool:
        """True when the file at ``path`` still has the recorded content.

        With ``trust_stat``, the same size and modification time as recorded answer yes
        without reading the file (as git and make do), unless the record is racy.
        """
        if self.trust_stat and stat_vouches(record.mtime_ns, record.hashed_ns):
            try:
                stat = os.stat(path)
            except OSError:
                return False
            if stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns:
                return True
        return self.hash(path) == record.hash

    def dep_matches(self, dep: Dep) -> bool:
        """True when an include file still has the recorded content (with ``trust_stat``, a
        recorded size and time as they are on disk answer yes without reading it)."""
        if self.trust_stat and len(dep) == 4:
            path = dep[0]
            if path not in self._stats:
                try:
                    stat = os.stat(path)
                    self._stats[path] = (stat.st_size, stat.st_mtime_ns)
                except OSError:
                    self._stats[path] = None
            if self._stats[path] == dep[2:]:
                return True
        return self.hash(dep[0]) == dep[1]

    def hash(self, path: str) -> str | None:
        """The file's content hash."""
        if path not in self.cache:
            try:
                self.cache[path] = content_hash(read_bytes(path))
            except (OSError, CorpusError):
                self.cache[path] = None
        return self.cache[path]


def normalise_roots(roots: Iterable[str]) -> list[str]:
    """Roots as absolute paths (an index answers from any folder), duplicates dropped."""
    out: list[str] = []
    for root in roots:
        norm = os.path.abspath(root)
        if norm not in out:
            out.append(norm)
    return out


def plan(roots: Sequence[str], records: Iterable[DocRecord], *, trust_stat: bool = False) -> Plan:
    """Compare the docs on disk with the recorded ones."""
    not_regular: list[Diagnostic] = []
    docs = find_docs(list(roots), not_regular)
    known = {r.path: r for r in records}
    hasher = Hasher(trust_stat)
    result = Plan(docs, not_regular=not_regular)
    seen: set[str] = set()
    # (A large corpus is mostly unchanged docs: the loop is kept lean for them.)
    added, changed, unchanged = result.added, result.changed, result.unchanged
    matches, dep_matches = hasher.matches, hasher.dep_matches
    for ref in docs:
        path = ref.path
        if path in seen:
            continue  # the same file under two roots: the first root wins
        seen.add(path)
        record = known.get(path)
        if record is None or record.docset != ref.root:
            added.append(path)
        elif not matches(path, record) or record.deps and not all(
                map(dep_matches, record.deps)):
            changed.append(path)
        else:
            unchanged.append(path)
    result.removed = sorted(set(known) - seen)
    # A doc that moved to another root is removed and added under its new docset.
    result.removed.extend(p for p in result.added if p in known)
    return result
