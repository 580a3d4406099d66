"""Index folder layout: complete generations beside each other, a pointer, and a build lock.

```
index/
  CURRENT          the name of the generation readers open (replaced atomically)
  PREVIOUS         the generation before it (kept for readers that just opened it)
  .lock            held (flock) by the one running builder
  gen-<ns>-<pid>/  one complete index: whoosh files + docs.sqlite
```

A builder writes a new generation folder, then switches ``CURRENT`` with ``os.replace``; a
reader resolves ``CURRENT`` once and keeps that generation's files open. whoosh's own files are
not crash-safe (whoosh-community#323), so nothing published is ever written to again: a build
killed at any moment leaves ``CURRENT`` naming a complete generation, and the next build deletes
the half-written folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator

from ..errors import SearchIndexError

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK = ".lock"
PREFIX = "gen-"
STORE = "docs.sqlite"


def current_name(index_dir: str) -> str | None:
    """The name of the current generation, or None when nothing was ever published."""
    try:
        with open(os.path.join(index_dir, POINTER), encoding="utf-8") as handle:
            name = handle.read().strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SearchIndexError(f"{index_dir}: cannot read the index pointer: {exc}") from exc
    return name or None


def current_dir(index_dir: str) -> str | None:
    """The folder of the current generation, or None when there is none."""
    name = current_name(index_dir)
    return os.path.join(index_dir, name) if name else None


def new_generation(index_dir: str) -> str:
    """Create and return an empty folder for a new generation."""
    path = os.path.join(index_dir, f"{PREFIX}{time.time_ns()}-{os.getpid()}")
    os.mkdir(path)
    return path


def clone_generation(source: str, target: str, write_once: tuple[str, ...] = ()) -> None:
    """Fill ``target`` with the files of ``source``: hard links for the files whose names end
    in one of ``write_once`` (the engine and the doc store never rewrite them), copies of the
    rest."""
    for name in os.listdir(source):
        src, dst = os.path.join(source, name), os.path.join(target, name)
        if not os.path.isfile(src) or name.endswith(".lock") or name.startswith("MAIN_WRITELOCK"):
            continue
        if write_once and name.endswith(write_once):
            try:
                os.link(src, dst)
                continue
            except OSError:
                pass  # another file system, or no hard links: copy instead
        shutil.copyfile(src, dst)


def publish(index_dir: str, generation: str) -> None:
    """Make ``generation`` the one readers open, atomically."""
    name = os.path.basename(generation)
    old = current_name(index_dir)
    _sync_tree(generation)
    tmp = os.path.join(index_dir, f".{POINTER}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, os.path.join(index_dir, POINTER))
    if old and old != name:
        _write_small(os.path.join(index_dir, PREVIOUS), old)
    _sync_dir(index_dir)


def clean(index_dir: str) -> None:
    """Delete every generation except the current and the previous one (call under the lock).

    A reader that has its generation open keeps working after the folder is deleted (POSIX
    keeps open files alive), so only a reader *opening* right now could be hurt, and it only
    ever opens the current generation (or, if it read the pointer a moment ago, the previous).
    """
    keep = {current_name(index_dir), _read_small(os.path.join(index_dir, PREVIOUS))}
    for name in os.listdir(index_dir):
        if name.startswith(PREFIX) and name not in keep:
            shutil.rmtree(os.path.join(index_dir, name), ignore_errors=True)
    for name in os.listdir(index_dir):
        if name.startswith(f".{POINTER}.") and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.remove(os.path.join(index_dir, name))


@contextlib.contextmanager
def build_lock(index_dir: str, wait: float) -> Iterator[None]:
    """Hold the index's build lock; wait up to ``wait`` seconds for another builder.

    ``flock`` is released by the kernel when its holder dies, so a killed build never leaves
    a stale lock behind.
    """
    path = os.path.join(index_dir, LOCK)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise SearchIndexError(
                        f"{index_dir}: another build is running ({holder}); wait for it to "
                        f"finish, then run the command again"
                    ) from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the descriptor releases the lock


def _write_small(path: str, text: str) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, path)


def _read_small(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip() or None
    except OSError:
        return None


def _sync_tree(folder: str) -> None:
    # The pointer must never name a generation whose files are still only in the page cache.
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _sync_dir(folder)


def _sync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
