"""Parallel indexing: each worker process parses docs *and* writes its own whoosh segment.

whoosh allows one writer per index, and its writer does the costly part (analysis, posting
sorting, segment encoding) in one process. So, like whoosh's own ``MpWriter`` with
``multisegment=True``, each worker owns an unlocked sub-writer that produces one new segment,
and the builder's single locked writer commits them all in one table of contents. Unlike
``MpWriter``, the docs are never pickled to the workers (they read the files themselves), and
each sub-writer gets its own temporary folder: whoosh names it after the index, so writers in
one folder would otherwise delete each other's temporary files when they finish.

The workers send back only what the doc store needs (small rows and compressed models).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Iterator

from ..errors import SearchIndexError
from . import schema, worker
from ._whoosh import FileStorage, SegmentWriter

# Docs per task (amortises queue overhead) and tasks queued per worker (bounds memory).
CHUNK = 8
_QUEUED_PER_WORKER = 4
# Posting memory of each sub-writer before whoosh spills a sorted run to disk.
WORKER_LIMIT_MB = 128


class _OwnTempStorage(FileStorage):
    """A generation folder whose temporary files go to a folder private to this process."""

    def temp_storage(self, name: str | None = None) -> FileStorage:  # noqa: ARG002
        return super().temp_storage(f"worker-{os.getpid()}.tmp")


def serve(generation: str, tasks, results) -> None:  # noqa: ANN001 - multiprocessing queues
    """Worker process: index every chunk of jobs from ``tasks`` until ``None``, then send the
    new segment (or None) to ``results``."""
    try:
        ix = _OwnTempStorage(generation).open_index()
        writer = SegmentWriter(ix, _lk=False, limitmb=WORKER_LIMIT_MB, codec=schema.codec())
        while (chunk := tasks.get()) is not None:
            done = []
            for job in chunk:
                parsed = worker.run(job)
                if not parsed.skipped:
                    worker.add_to(writer, parsed)
                done.append(parsed)
            results.put(("docs", done))
        if writer._added:  # noqa: SLF001 - whoosh's sub-writer protocol (see MpWriter)
            segment = writer._finalize_segment()  # noqa: SLF001
        else:
            writer._close_segment()  # noqa: SLF001
            segment = None
        writer._finish()  # noqa: SLF001 - removes this process's temporary folder
        results.put(("segment", segment))
    except BaseException:  # noqa: BLE001 - report, never hang the builder
        results.put(("error", traceback.format_exc()))


class WorkerPool:
    """``n`` worker processes writing segments into ``generation``."""

    def __init__(self, generation: str, n: int) -> None:
        context = multiprocessing.get_context("forkserver")
        # Workers then fork from a server that has already imported the parser and whoosh.
        context.set_forkserver_preload(["assistant.search.segments"])
        self.tasks = context.Queue(n * _QUEUED_PER_WORKER)
        self.results = context.Queue()
        self.processes = [context.Process(target=serve, args=(generation, self.tasks,
                                                              self.results), daemon=True)
                          for _ in range(n)]
        self.segments: list = []
        self._stop = threading.Event()
        for process in self.processes:
            process.start()

    def run(self, jobs: list[worker.Job]) -> Iterator[worker.Parsed]:
        """Index ``jobs``; yields each doc as it is done. ``segments`` holds the result."""
        feeder = threading.Thread(target=self._feed, args=(jobs,), daemon=True)
        feeder.start()
        finished = 0
        while finished < len(self.processes):
            try:
                kind, payload = self.results.get(timeout=0.5)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in self.processes):
                    raise SearchIndexError(
                        "a parser process died while indexing (out of memory?); the previous "
                        "index is untouched; try again with --jobs 1") from None
                continue
            if kind == "docs":
                yield from payload
            elif kind == "segment":
                finished += 1
                if payload is not None:
                    self.segments.append(payload)
            else:
                raise SearchIndexError(f"a parser process failed:\n{payload}")
        feeder.join()

    def _feed(self, jobs: list[worker.Job]) -> None:
        chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
        for item in [*chunks, *[None] * len(self.processes)]:
            while not self._stop.is_set():
                try:
                    self.tasks.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue

    def close(self) -> None:
        """Stop the workers (at once, if indexing did not finish)."""
        self._stop.set()
        for process in self.processes:
            process.join(timeout=5 if process.exitcode is None else 0)
            if process.is_alive():
                process.kill()
                process.join()
        for q in (self.tasks, self.results):
            q.cancel_join_thread()
            with contextlib.suppress(Exception):
                q.close()
