"""``index_status`` and ``ensure_index``: what the index holds, and how stale it is."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import AssistantError, SearchIndexError
from ..model import to_json_data
from . import generations, integrity
from .integrity import Damage, mend_command
from .scan import normalise_roots, plan
from .store import Store
from .whoosh import SCHEMA_VERSION

if TYPE_CHECKING:
    from .whoosh.build import ProgressCallback


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """The state of an index folder compared with the docs on disk."""

    index_dir: str
    """The index folder."""
    exists: bool
    """False when no complete index was ever published there."""
    docs: int = 0
    """Docs indexed."""
    passages: int = 0
    """Passages indexed."""
    tables: int = 0
    """Tables stored."""
    exception_lists: int = 0
    """Exception lists stored."""
    skipped: int = 0
    """Files found by the last build that could not be indexed."""
    built_at: str | None = None
    """When the current generation was built (ISO, UTC)."""
    roots: tuple[str, ...] = ()
    """The corpus roots it was built from."""
    stale: int = 0
    """Docs added, changed or removed on disk since the build."""
    stale_paths: tuple[str, ...] = ()
    """Those docs' paths."""
    generation: str | None = None
    """The folder name of the generation described (the current one, unless damaged)."""
    damage: str | None = None
    """When the current generation is damaged: one line naming the file, saying that the
    previous generation is described (and answers) instead, and the command that mends it."""

    def to_json(self) -> dict[str, Any]:
        """The status as JSON data."""
        return to_json_data(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexStatus:
        """The status back from :meth:`to_json` data."""
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                  for k, v in data.items()}
        return cls(**values)


def index_status(index_dir: str, roots: Sequence[str] | None = None, *,
                 staleness: bool = True) -> IndexStatus:
    """Describe the index; ``roots`` default to the ones it was built from.

    Staleness is judged quickly: a doc whose size and modification time are as recorded
    counts as unchanged; otherwise its content hash decides. ``staleness=False`` skips that
    walk of the corpus (the counts alone; ``stale`` is 0).
    """
    path, damage = _usable_store(index_dir)
    if path is None:
        return IndexStatus(index_dir, exists=False)
    try:
        store = Store(path, readonly=True)
        try:
            docs, passages, tables, exception_lists = store.totals()
            skipped = store.skipped_count()
            stored_roots = tuple(json.loads(store.get_meta("roots", "[]") or "[]"))
            # (Every doc's record is read only to compare with the disk.)
            records = list(store.records()) if staleness else []
            built_at = store.get_meta("built_at")
        finally:
            store.close()
    except (sqlite3.Error, OSError, ValueError) as exc:
        # It passed the cheap check: damage that kept the file's size and time.
        raise SearchIndexError(f"{path} is damaged ({exc}); mend it with "
                               f"{mend_command(index_dir, full=True)}") from exc
    stale_paths: list[str] = []
    if staleness:
        wanted = normalise_roots(roots) if roots is not None else list(stored_roots)
        present = [r for r in wanted if os.path.exists(r)]
        the_plan = plan(present, records, trust_stat=True)
        stale_paths = sorted({*the_plan.added, *the_plan.changed, *the_plan.removed})
    return IndexStatus(
        index_dir=index_dir, exists=True, docs=docs, passages=passages, tables=tables,
        exception_lists=exception_lists, skipped=skipped, built_at=built_at,
        roots=stored_roots, stale=len(stale_paths), stale_paths=tuple(stale_paths),
        generation=os.path.basename(os.path.dirname(path)), damage=damage,
    )


class StatusLater:
    """:func:`index_status` (its walk of the corpus included) beside the caller's work;
    :meth:`result` waits for it. Use it as a context manager.

    The walk is mostly ``stat`` calls, and each one gives up the GIL: a thread doing it beside
    a busy main thread gets the GIL back only once per switch interval, so it hardly moves
    until the main thread is done (measured on all corpora: the walk's 0.25 s came after the
    answer, not beside it). So on Linux, in a process with no other thread, it runs in a
    forked child, on another core; otherwise it runs when :meth:`result` is first called.
    """

    def __init__(self, index_dir: str) -> None:
        self.index_dir = index_dir
        self._pid = 0
        self._pipe = -1
        self._result: IndexStatus | None = None
        if sys.platform.startswith("linux") and threading.active_count() == 1:
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # (no process to spare: the walk runs when asked for)
                os.close(read)
                os.close(write)
                return
            if pid == 0:  # the child: the walk, its outcome as JSON, and out
                try:
                    os.close(read)
                    _send(write, index_dir)
                finally:
                    os._exit(0)
            os.close(write)
            self._pid, self._pipe = pid, read

    def result(self) -> IndexStatus:
        """The index's status (raises what :func:`index_status` raises)."""
        if self._result is None:
            sent = self._receive()
            if sent is None:  # no child, or it failed: the walk here
                self._result = index_status(self.index_dir)
            elif "error" in sent:
                raise SearchIndexError(sent["error"])
            else:
                self._result = IndexStatus.from_json(sent)
        return self._result

    def _receive(self) -> dict[str, Any] | None:
        if not self._pid:
            return None
        chunks = []
        while chunk := os.read(self._pipe, 1 << 16):
            chunks.append(chunk)
        self.close()
        try:
            data = json.loads(b"".join(chunks))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def close(self) -> None:
        """Reap the child, if there is one."""
        if self._pid:
            os.close(self._pipe)
            os.waitpid(self._pid, 0)
            self._pid, self._pipe = 0, -1

    def __enter__(self) -> StatusLater:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _send(pipe: int, index_dir: str) -> None:
    """In the forked child: the status (or the error) as JSON into ``pipe``."""
    try:
        data: dict[str, Any] = index_status(index_dir).to_json()
    except AssistantError as exc:
        data = {"error": str(exc)}
    except Exception:  # noqa: BLE001 - a bug: the parent runs the walk itself, and meets it
        return
    payload = json.dumps(data).encode("utf-8")
    while payload:
        payload = payload[os.write(pipe, payload):]


def _usable_store(index_dir: str) -> tuple[str | None, str | None]:
    """The doc store of the generation to describe, and the damage that made it the previous
    one (None, None: no index). SearchIndexError when no generation is intact."""
    name = generations.current_name(index_dir)
    previous = generations.previous_dir(index_dir)
    if name is None and previous is None:
        return None, None
    current = generations.pointed(index_dir, name)
    damage = current if isinstance(current, Damage) else _damage(current)
    if damage is None and isinstance(current, str):
        return os.path.join(current, generations.STORE), None
    mend = mend_command(index_dir)
    if previous is not None and _damage(previous) is None:
        return (os.path.join(previous, generations.STORE),
                f"{damage}; showing the previous build ({os.path.basename(previous)}); "
                f"mend it with {mend}")
    raise SearchIndexError(f"{damage}; mend it with {mend}")


def _damage(folder: str) -> Damage | None:
    """What is damaged in a generation, by the cheap check (None: nothing)."""
    if not os.path.isdir(folder):
        return Damage(folder, "missing")
    report = integrity.check(folder)
    if report.damage:
        return report.damage[0]
    store = os.path.join(folder, generations.STORE)
    if not os.path.isfile(store):
        return Damage(store, "missing")
    if report.entries is None and _meta(store, integrity.META_KEY):
        return Damage(os.path.join(folder, integrity.MANIFEST), "missing")
    return None


def ensure_index(roots: Sequence[str], index_dir: str,
                 progress: ProgressCallback | None = None) -> IndexStatus:
    """Build the index from ``roots`` when there is none; never rebuilds a stale one
    (callers decide). An index that exists is compared with the roots it was built from,
    not with ``roots``: the index knows its own corpus."""
    ensure_built(roots, index_dir, progress)
    return index_status(index_dir)


def ensure_built(roots: Sequence[str], index_dir: str,
                 progress: ProgressCallback | None = None, *, origin: str = "",
                 max_doc_bytes: int | None = None) -> None:
    """:func:`ensure_index` without the staleness check (a caller may run that meanwhile).
    ``origin`` says where ``roots`` came from (for a "corpus folder not found" message);
    ``max_doc_bytes`` is the per-doc limit of a new index."""
    if generations.current_name(index_dir) is None and (
            generations.previous_dir(index_dir) is None):
        from .whoosh.build import build_index  # (the builder and the parser: only to build)

        # (A lost pointer with a previous build is damage: readers fall back and say so.)
        build_index(roots, index_dir, progress=progress, origin=origin,
                    max_doc_bytes=max_doc_bytes)
    elif _outdated(index_dir):
        from .whoosh.build import build_index

        # Built by another version of the program: a build from its own roots starts afresh
        # (atomically: readers keep the old one until the new one is complete).
        own = stored_roots(index_dir)
        build_index(own or roots, index_dir, progress=progress,
                    origin=f"the index {index_dir} was built from it" if own else origin)


def _outdated(index_dir: str) -> bool:
    """True when the current generation was built in another index format."""
    version = _stored_meta(index_dir, "schema_version")
    return version is not None and version != str(SCHEMA_VERSION)


def stored_roots(index_dir: str) -> list[str]:
    """The roots an index was built from ([] when there is no index). Reads only the doc
    store's record of them (no walk of the corpus)."""
    try:
        return list(json.loads(_stored_meta(index_dir, "roots") or "[]"))
    except ValueError:
        return []


def _stored_meta(index_dir: str, key: str) -> str | None:
    """One meta value of the current generation's doc store (of the previous one when the
    current one cannot be read; None when neither can: whoever opens the index says so, with
    the mend)."""
    for folder in (generations.current_dir(index_dir), generations.previous_dir(index_dir)):
        if folder is not None:
            value = _meta(os.path.join(folder, generations.STORE), key)
            if value is not None:
                return value
    return None


def _meta(path: str, key: str) -> str | None:
    if not os.path.isfile(path):
        return None
    try:
        store = Store(path, readonly=True)
        try:
            return store.get_meta(key)
        finally:
            store.close()
    except (sqlite3.Error, OSError, AssistantError):
        return None
