"""Parallel indexing: each worker process parses docs *and* writes its own whoosh segment.

whoosh allows one writer per index, and its writer does the costly part (analysis, posting
sorting, segment encoding) in one process. So, like whoosh's own ``MpWriter`` with
``multisegment=True``, each worker owns an unlocked sub-writer that produces one new segment,
and the builder's single locked writer commits them all in one table of contents. Unlike
``MpWriter``, the docs are never pickled to the workers (they read the files themselves), and
each sub-writer gets its own temporary folder: whoosh names it after the index, so writers in
one folder would otherwise delete each other's temporary files when they finish.

The workers send back only what the doc store needs (small rows and compressed models), over
a pipe each: a worker whose builder was killed sees its pipe close and exits.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Iterator
from multiprocessing import connection as mp_connection
from typing import cast

from ...errors import SearchIndexError
from . import schema, worker
from ._whoosh import FileStorage, SegmentWriter

# Docs per task (amortises pipe overhead) and tasks outstanding per worker (bounds memory).
CHUNK = 8
_QUEUED_PER_WORKER = 2
# Posting memory of each sub-writer before whoosh spills a sorted run to disk.
WORKER_LIMIT_MB = 128


class _OwnTempStorage(FileStorage):
    """A generation folder whose temporary files go to a folder private to this process."""

    def temp_storage(self, name: str | None = None) -> FileStorage:  # noqa: ARG002
        return super().temp_storage(f"worker-{os.getpid()}.tmp")


def serve(generation: str, conn, builder_end, max_doc_bytes: int = 0) -> None:  # noqa: ANN001
    """Worker process: index each chunk of jobs received on ``conn`` until ``None``, sending
    back each chunk's docs, then the new segment (or None).

    Once this process closes its inherited copy of ``builder_end``, the builder holds the only
    other end of ``conn``: if it dies (kill -9), ``recv`` raises EOFError or ``send``
    BrokenPipeError, and this process ends instead of waiting forever.
    """
    builder_end.close()
    try:
        ix = _OwnTempStorage(generation).open_index()
        writer = SegmentWriter(ix, _lk=False, limitmb=WORKER_LIMIT_MB, codec=schema.codec())
        while (chunk := conn.recv()) is not None:
            done = []
            for job in chunk:
                parsed = worker.run(job, max_doc_bytes)
                if not parsed.skipped:
                    worker.add_to(writer, parsed)
                done.append(parsed)
            conn.send(("docs", done))
        if writer._added:  # noqa: SLF001 - whoosh's sub-writer protocol (see MpWriter)
            segment = writer._finalize_segment()  # noqa: SLF001
        else:
            writer._close_segment()  # noqa: SLF001
            segment = None
        writer._finish()  # noqa: SLF001 - removes this process's temporary folder
        conn.send(("segment", segment))
    except (EOFError, BrokenPipeError):
        os._exit(1)  # the builder is gone: nobody wants this work
    except OSError as exc:  # a full disk, mostly: the builder says so in one line
        with contextlib.suppress(OSError):
            conn.send(("oserror", (exc.errno, exc.strerror or str(exc), exc.filename)))
    except BaseException as exc:  # noqa: BLE001 - report, never hang the builder
        with contextlib.suppress(OSError):
            conn.send(("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))


def _keep_traceback(details: str) -> str | None:
    """Save a worker's traceback for a bug report (a user sees one line); its path."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile("w", prefix="assistant-worker-", suffix=".txt",
                                         delete=False, encoding="utf-8") as handle:
            handle.write(details)
    except OSError:
        return None
    return handle.name


def _context():  # noqa: ANN202
    """How to start workers: ``fork`` when this process runs a single thread (fast, and never
    re-runs the caller's ``__main__``, so a script without a main guard works), else
    ``forkserver`` (forking a threaded process, such as the TUI, can deadlock the child)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    # Workers then fork from a server that has already imported the parser and whoosh.
    context.set_forkserver_preload(["assistant.search.whoosh.segments"])
    return context


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """Starting the fork server also starts multiprocessing's resource tracker, which hands it
    ``sys.stderr.fileno()``; under a TUI (Textual) that stand-in answers -1 and the start fails,
    so lend it the process's real stderr for the moment."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    saved, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


class WorkerPool:
    """``n`` worker processes writing segments into ``generation``.

    Work is pulled: each worker has at most ``_QUEUED_PER_WORKER`` chunks outstanding, so a
    slow builder bounds the memory of fast workers and vice versa.
    """

    def __init__(self, generation: str, n: int, max_doc_bytes: int = 0) -> None:
        context = _context()
        self.segments: list = []
        self.processes = []
        self.conns = []
        for _ in range(n):
            mine, theirs = context.Pipe(duplex=True)
            process = context.Process(target=serve,
                                      args=(generation, theirs, mine, max_doc_bytes),
                                      daemon=True)
            with _real_stderr():
                process.start()
            theirs.close()  # only the worker may hold its end, or its death goes unnoticed
            self.processes.append(process)
            self.conns.append(mine)

    def run(self, jobs: list[worker.Job]) -> Iterator[worker.Parsed]:
        """Index ``jobs``; yields each doc as it is done. ``segments`` holds the result."""
        chunks = iter([jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)])
        finished: set = set()

        def feed(conn) -> None:  # noqa: ANN001
            if conn not in finished:
                chunk = next(chunks, None)
                try:
                    conn.send(chunk)
                except BrokenPipeError:
                    # The worker stopped (a full disk, a bug): why is still in the pipe, and
                    # is what the builder reports, not its own broken pipe.
                    finished.add(conn)
                    return
                if chunk is None:
                    finished.add(conn)

        for conn in self.conns:
            for _ in range(_QUEUED_PER_WORKER):
                feed(conn)
        active = list(self.conns)
        while active:
            # wait() returns some of the connections it was given; typeshed widens them to
            # any waitable (socket, fd).
            for conn in cast("list[mp_connection.Connection]", mp_connection.wait(active)):
                try:
                    kind, payload = conn.recv()
                except EOFError:
                    raise SearchIndexError(
                        "a parser process died while indexing (out of memory?); the previous "
                        "index is untouched; try again with --jobs 1") from None
                if kind == "docs":
                    feed(conn)
                    yield from payload
                elif kind == "segment":
                    active.remove(conn)
                    if payload is not None:
                        self.segments.append(payload)
                elif kind == "oserror":
                    # (Raised as the OSError it was: the builder reports it like its own.)
                    number, message, filename = payload
                    raise OSError(number, message, filename)
                else:
                    summary, details = payload
                    log = _keep_traceback(details)
                    raise SearchIndexError(
                        f"a parser process failed ({summary}); the previous index is "
                        f"untouched; the details are in {log}" if log else
                        f"a parser process failed ({summary}); the previous index is "
                        f"untouched")

    def close(self) -> None:
        """Stop the workers (at once, if indexing did not finish)."""
        for conn in self.conns:
            conn.close()  # a worker still waiting for work sees EOF and exits
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
