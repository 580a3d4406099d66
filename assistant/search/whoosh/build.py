"""``build_index``: scan, parse in parallel, write with one whoosh writer, publish atomically.

The stages, in order (``mkdocs build(dirty=...)`` is the model):

1. check: the current generation must be intact (else the previous one, else none: see
   :mod:`.base`); docs whose stored models are damaged count as changed;
2. plan: compare the docs on disk with that generation's store (content hashes, includes
   included), unless ``full``;
3. clone: a new generation folder starts as a copy of it (hard links for the files nothing
   writes in place: whoosh's segments, the doc packs), or empty for a full build;
4. delete the passages of changed and removed docs, then parse and index the new and changed
   docs: in worker processes that each write a segment (see :mod:`.segments`), or here;
5. commit every segment with the one locked writer, check what was written and record it in
   the manifest (see :mod:`..integrity`), then switch the ``CURRENT`` pointer (see
   :mod:`..generations`).

Nothing outside the new folder is written until the pointer switch, so a failure (a full disk
included) or a kill at any moment leaves the previous index as it was.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ...corpus import corpus_not_found
from ...errors import CorpusError, SearchIndexError
from ...model import Diagnostic, to_json_data
from ...parse import clear_include_cache, model_fingerprint
from .. import generations, harvest, integrity
from ..generations import DEFAULT_LOCK_WAIT
from ..limits import DEFAULT_MAX_DOC_BYTES
from ..scan import Plan, normalise_roots, plan
from ..store import PACK_SUFFIX, Store
from . import SCHEMA_VERSION, base, schema, segments, worker
from ._whoosh import FileStorage, index
from .segments import WorkerPool

# whoosh's segment files and the doc store's packs are written once and never changed; they
# are shared by hard links between generations. Anything else (whoosh's table of contents,
# the doc store's SQLite file) is copied.
WRITE_ONCE = (".seg", ".trm", ".pst", ".vps", ".col", PACK_SUFFIX)
# The builder's own writer: whole serial builds, or merging small old segments.
_WRITER_LIMIT_MB = 128
# Below this many docs, starting worker processes costs more than it saves.
_POOL_MIN_DOCS = 32


@dataclass(frozen=True, slots=True)
class BuildProgress:
    """Where a build is, for progress bars."""

    phase: Literal["scan", "parse", "commit", "done"]
    """``scan`` (finding changes), ``parse`` (per doc), ``commit`` (writing), ``done``."""
    done: int
    """Docs processed so far in this phase."""
    total: int
    """Docs to process in this phase."""
    path: str = ""
    """The doc just processed (``parse`` phase)."""


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build did."""

    index_dir: str
    """The index folder."""
    generation: str | None
    """The generation readers now open (unchanged when there was nothing to do)."""
    full: bool
    """True when everything was re-indexed."""
    roots: tuple[str, ...]
    """The corpus roots."""
    added: int
    """Docs new since the last build."""
    changed: int
    """Docs whose bytes or includes changed."""
    removed: int
    """Docs gone from disk (or from the roots)."""
    unchanged: int
    """Docs left as they were (re-indexed anyway by a full build)."""
    skipped: int
    """Files that could not be indexed at all (binary, empty, unreadable)."""
    docs: int
    """Docs in the index now."""
    passages: int
    """Passages in the index now."""
    tables: int
    """Tables in the index now."""
    exception_lists: int
    """Exception lists in the index now."""
    seconds: float
    """Wall time of the build."""
    problems: tuple[Diagnostic, ...] = field(default=())
    """Everything reported: problems in the docs parsed by this build, and files skipped."""
    mended: str | None = None
    """Damage found in the index this build started from, and what it did about it."""

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON data (``assistant index build --json``)."""
        data = to_json_data(self)
        data["seconds"] = round(self.seconds, 3)
        return data


ProgressCallback = Callable[[BuildProgress], None]


def build_index(roots: Sequence[str], index_dir: str, *, full: bool = False,
                jobs: int | None = None, progress: ProgressCallback | None = None,
                lock_wait: float = DEFAULT_LOCK_WAIT, max_doc_bytes: int | None = None,
                origin: str = "") -> BuildSummary:
    """Bring the index in ``index_dir`` up to date with the docs under ``roots``.

    ``max_doc_bytes``: index each doc up to this size (0: no limit; None: the limit the index
    was built with, or the default for a new one). Damage found in the index is mended
    (``BuildSummary.mended`` says how). Raises CorpusError when a root is missing (the
    message says where the roots came from: ``origin``) or holds no docs, and
    SearchIndexError when the index cannot be written (a full disk) or another build holds
    the lock; the old index is untouched then.
    """
    started = time.perf_counter()
    roots = normalise_roots(roots)
    notify = progress or (lambda _: None)
    _check_roots(roots, origin)
    try:
        os.makedirs(index_dir, exist_ok=True)
    except OSError as exc:
        raise SearchIndexError(f"{index_dir}: cannot create the index folder: "
                               f"{_reason(exc)}") from exc
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise SearchIndexError(f"{index_dir}: the index folder is not writable")
    with generations.build_lock(index_dir, lock_wait):
        generations.clean(index_dir)  # leftovers of killed builds
        clear_include_cache()
        worker.reset()
        return _Build(roots, index_dir, full, jobs, notify, started, max_doc_bytes).run()


def _check_roots(roots: list[str], origin: str) -> None:
    if not roots:
        raise CorpusError("no corpus folder given: point at your docs with --corpus DIR, or "
                          "set corpus = [\"DIR\"] under [tool.assistant] in pyproject.toml "
                          "(or in .assistant.toml)")
    for root in roots:
        if not os.path.exists(root):
            raise CorpusError(corpus_not_found(root, origin))


def _reason(exc: BaseException) -> str:
    """An OS or SQLite error in a few words ("no space left on device")."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "no space left on device"
        text = exc.strerror or str(exc)
        return text[:1].lower() + text[1:]
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class _Build:
    def __init__(self, roots: list[str], index_dir: str, full: bool, jobs: int | None,
                 notify: ProgressCallback, started: float, max_doc_bytes: int | None) -> None:
        self.roots = roots
        self.index_dir = index_dir
        self.full = full
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.notify = notify
        self.started = started
        self.max_doc_bytes = max_doc_bytes
        self.problems: list[Diagnostic] = []
        self.skipped = 0
        self.mended: str | None = None

    def run(self) -> BuildSummary:
        self.notify(BuildProgress("scan", 0, 0))
        old = base.choose(self.index_dir)
        try:
            if self.max_doc_bytes is None:
                self.max_doc_bytes = (old.max_doc_bytes if old.max_doc_bytes is not None
                                      else DEFAULT_MAX_DOC_BYTES)
            the_plan = self._plan(old)
            incremental = old.folder is not None and not self.full
            if (incremental and old.up_to_date and the_plan.touched == 0
                    and old.roots == self.roots and old.max_doc_bytes == self.max_doc_bytes):
                assert old.store is not None and old.folder is not None
                self.notify(BuildProgress("done", 0, 0))
                return self._summary(old.store, os.path.basename(old.folder), the_plan)
        finally:
            old.close()
        try:
            gen = generations.new_generation(self.index_dir)
        except OSError as exc:
            raise SearchIndexError(f"{self.index_dir}: cannot write the index: "
                                   f"{_reason(exc)}; the previous index is untouched") from exc
        try:
            summary = self._write(gen, old if incremental else None, the_plan)
            generations.publish(self.index_dir, gen, old.keep_previous)
        except (OSError, sqlite3.Error) as exc:
            shutil.rmtree(gen, ignore_errors=True)
            raise SearchIndexError(f"{self.index_dir}: cannot write the index: "
                                   f"{_reason(exc)}; the previous index is untouched") from exc
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        generations.clean(self.index_dir)
        self.notify(BuildProgress("done", summary.docs, summary.docs))
        return summary

    def _plan(self, old: base.Base) -> Plan:
        """What to index: the docs changed on disk, and those the base cannot vouch for."""
        self.mended = old.note
        # A full build re-reads everything anyway; otherwise an unchanged stat may vouch.
        the_plan = plan(self.roots, old.records, trust_stat=not self.full)
        self.problems.extend(the_plan.not_regular)  # a FIFO named x.md, skipped
        if not the_plan.docs:
            raise CorpusError(f"no markdown docs found under {', '.join(self.roots)}")
        # Docs whose stored models are damaged, and (when the limit changed) docs that were
        # or would now be cut: index them again.
        again = set(old.reindex)
        # (An index that recorded no limit was built before limits: it indexed everything.)
        old_limit = old.max_doc_bytes or 0
        if old.folder is not None and old_limit != self.max_doc_bytes:
            limits = [n for n in (old_limit, self.max_doc_bytes) if n]
            smallest = min(limits) if limits else 0
            again.update(r.path for r in old.records if smallest and r.size > smallest)
        if again:
            the_plan.changed.extend(p for p in the_plan.unchanged if p in again)
            the_plan.unchanged = [p for p in the_plan.unchanged if p not in again]
        if old.folder is not None and not self.full:
            # Files skipped last time and unchanged since are still skipped: say so again
            # (a full build reads them again, and says so itself).
            skipped_before = {r.path for r in old.records if r.skipped}
            assert old.store is not None
            for path in the_plan.unchanged:
                if path in skipped_before:
                    self.skipped += 1
                    self.problems.extend(
                        Diagnostic(**d) for d in old.store.skipped_diagnostics(path))
        return the_plan

    def _write(self, gen: str, old: base.Base | None, the_plan: Plan) -> BuildSummary:
        if old is not None:
            assert old.folder is not None
            generations.clone_generation(old.folder, gen, WRITE_ONCE)
            # No mmap: whoosh copies each memory-mapped posting file into a BytesIO when
            # it opens a reader (to find the passages to delete), which is all cost and
            # no use to a writer.
            ix = FileStorage(gen, supports_mmap=False).open_index()
        else:
            ix = index.create_in(gen, schema.make_schema())
        store = Store(os.path.join(gen, generations.STORE), readonly=False)
        writer = ix.writer(limitmb=_WRITER_LIMIT_MB, codec=schema.codec())
        pool = None
        limit = self.max_doc_bytes or 0
        try:
            # The names of the docs about to change, as they were (when none are added or
            # removed): if the build leaves them as they were, so is what was gathered.
            before = (harvest.names_of_docs(store, the_plan.changed) if old is not None
                      and not the_plan.added and not the_plan.removed else None)
            if old is not None:
                for path in [*the_plan.changed, *the_plan.removed]:
                    writer.delete_by_term("doc_path", path)
                    store.remove(path)
                todo = [*the_plan.added, *the_plan.changed]
            else:
                todo = [*the_plan.added, *the_plan.changed, *the_plan.unchanged]
            roots_of = {ref.path: ref.root for ref in the_plan.docs}
            jobs = [worker.Job(roots_of[p], p) for p in todo]
            if self.jobs > 1 and len(jobs) >= _POOL_MIN_DOCS:
                pool = WorkerPool(gen, min(self.jobs, len(jobs) // segments.CHUNK + 1), limit)
                results = pool.run(jobs)
            else:
                results = self._serial(writer, jobs, limit)
            for done, parsed in enumerate(results, start=1):
                self._record(store, parsed)
                self.notify(BuildProgress("parse", done, len(jobs), parsed.path))
            self.notify(BuildProgress("commit", len(jobs), len(jobs)))
            _commit(writer, pool.segments if pool else [])
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            store.close()
            raise
        finally:
            if pool is not None:
                pool.close()
        try:
            store.finish_packs()
            store.set_meta("schema_version", str(SCHEMA_VERSION))
            store.set_meta("model_fingerprint", model_fingerprint())
            store.set_meta("built_at", datetime.now(UTC).isoformat(timespec="seconds"))
            store.set_meta("roots", json.dumps(self.roots))
            store.set_meta("max_doc_bytes", str(limit))
            store.set_meta(integrity.META_KEY, integrity.MANIFEST)
            # What an answerer needs of every doc, gathered here so it starts with little.
            harvest.gather(store, before)
            store.commit()
            summary = self._summary(store, os.path.basename(gen), the_plan)
        finally:
            store.close()
        _check_written(gen, summary.passages)
        integrity.record(gen, old.entries if old is not None else None)
        return summary

    @staticmethod
    def _serial(writer, jobs: list[worker.Job], limit: int) -> Iterator[worker.Parsed]:
        for job in jobs:
            parsed = worker.run(job, limit)
            if not parsed.skipped:
                worker.add_to(writer, parsed)
            yield parsed

    def _record(self, store: Store, parsed: worker.Parsed) -> None:
        self.problems.extend(parsed.diagnostics)
        if parsed.skipped:
            self.skipped += 1
            store.remove(parsed.path)
            store.put_skipped((parsed.path, parsed.docset, parsed.hash, parsed.size,
                               parsed.mtime_ns, parsed.hashed_ns,
                               json.dumps([to_json_data(d) for d in parsed.diagnostics])))
        else:
            assert parsed.doc_row is not None  # skipped means exactly "no doc row"
            store.put_doc(parsed.doc_row)

    def _summary(self, store: Store, generation: str, the_plan: Plan) -> BuildSummary:
        docs, passages, tables, exception_lists = store.totals()
        return BuildSummary(
            index_dir=self.index_dir, generation=generation, full=self.full,
            roots=tuple(self.roots), added=len(the_plan.added), changed=len(the_plan.changed),
            removed=len(the_plan.removed), unchanged=len(the_plan.unchanged),
            skipped=self.skipped, docs=docs, passages=passages, tables=tables,
            exception_lists=exception_lists, seconds=time.perf_counter() - self.started,
            problems=tuple(sorted(self.problems, key=lambda d: (d.path, d.line))),
            mended=self.mended,
        )


def _check_written(gen: str, passages: int) -> None:
    """Read back what this build wrote before anyone may open it: every stored model lies
    within its pack, and whoosh holds exactly the passages the doc store counts."""
    store = Store(os.path.join(gen, generations.STORE), readonly=True)
    try:
        for pack, end in store.pack_extents().items():
            size = os.path.getsize(os.path.join(gen, pack))
            if size < end:
                raise SearchIndexError(f"{gen}: {pack} was written short ({size:,} bytes of "
                                       f"{end:,}); the previous index is untouched")
    finally:
        store.close()
    ix = FileStorage(gen, supports_mmap=False).open_index()
    try:
        found = ix.doc_count()
    finally:
        ix.close()
    if found != passages:
        raise SearchIndexError(f"{gen}: the search index holds {found} passages, the doc store "
                               f"{passages}; the previous index is untouched")


def _commit(writer, new_segments: list) -> None:
    """Commit the builder's writer together with the segments the workers wrote.

    This is ``SegmentWriter.commit`` with the workers' segments added to the table of contents
    (as whoosh's ``MpWriter`` does with ``multisegment=True``): small old segments are merged,
    deletions applied, and one new TOC names every segment.
    """
    final = writer._merge_segments(None, None, None)  # noqa: SLF001 - MERGE_SMALL by default
    final.extend(new_segments)
    if writer._added:  # noqa: SLF001
        final.append(writer._finalize_segment())  # noqa: SLF001
    else:
        writer._close_segment()  # noqa: SLF001
    writer._commit_toc(final)  # noqa: SLF001
    writer._finish()  # noqa: SLF001
