"""Index folder layout: complete generations beside each other, a pointer, and a build lock.

```
index/
  CURRENT          the name of the generation readers open (replaced atomically)
  PREVIOUS         the generation before it (kept for readers that just opened it, and to
                   fall back on when the current one is damaged)
  .lock            held (flock) by the one running builder
  gen-<ns>-<pid>/  one complete index: whoosh files + docs.sqlite + packs + MANIFEST.json
```

A builder writes a new generation folder, then switches ``CURRENT`` with ``os.replace``; a
reader resolves ``CURRENT`` once and keeps that generation's files open. whoosh's own files are
not crash-safe (whoosh-community#323), so nothing published is ever written to again: a build
killed at any moment leaves ``CURRENT`` naming a complete generation, and the next build deletes
the half-written folder. Files that nothing writes in place (whoosh segments, doc packs) are
shared with the next generation by hard links; the files a build rewrites (the doc store,
whoosh's table of contents) are copied first (see :func:`clone_generation`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator

from ..errors import SearchIndexError
from .integrity import Damage

# How long a second builder waits for the first before giving up with a clear message.
DEFAULT_LOCK_WAIT = 5.0

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK = ".lock"
PREFIX = "gen-"
STORE = "docs.sqlite"


def current_name(index_dir: str) -> str | None:
    """The name of the current generation, or None when nothing was ever published (a
    damaged pointer gives what it holds: :func:`generation_dir` finds no folder for it)."""
    try:
        with open(os.path.join(index_dir, POINTER), "rb") as handle:
            name = handle.read(256).decode("utf-8", errors="replace").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SearchIndexError(f"{index_dir}: cannot read the index pointer: {exc}") from exc
    return name or None


def generation_dir(index_dir: str, name: str) -> str | None:
    """The folder of the generation called ``name``; None when the name is not one a build
    gives, or no such folder is there (a damaged pointer)."""
    if not name.startswith(PREFIX) or "/" in name or os.sep in name or not name.isprintable():
        return None
    path = os.path.join(index_dir, name)
    return path if os.path.isdir(path) else None


def pointer_problem(name: str) -> str:
    """What is wrong with a pointer that names no generation."""
    if name.startswith(PREFIX) and name.isprintable() and len(name) < 80:
        return f"names {name}, which is not there"
    return "holds no generation name"


def pointed(index_dir: str, name: str | None) -> str | Damage:
    """The folder of the generation the pointer names (``name``, as :func:`current_name`
    read it), or what is wrong with the pointer: missing, or naming no generation."""
    folder = generation_dir(index_dir, name) if name else None
    if folder is not None:
        return folder
    pointer = os.path.join(index_dir, POINTER)
    return Damage(pointer, "missing" if name is None else pointer_problem(name))


def current_dir(index_dir: str) -> str | None:
    """The folder of the current generation, or None when there is none."""
    name = current_name(index_dir)
    return generation_dir(index_dir, name) if name else None


def previous_dir(index_dir: str) -> str | None:
    """The folder of the generation published before the current one, when it is still
    there (None otherwise)."""
    name = _read_small(os.path.join(index_dir, PREVIOUS))
    return generation_dir(index_dir, name) if name else None


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


def publish(index_dir: str, generation: str, previous: str | None = None) -> None:
    """Make ``generation`` the one readers open, atomically; ``previous`` (default: the
    current one) becomes the generation to fall back on.

    ``PREVIOUS`` is written first: every write that can fail (a full disk) comes before the
    switch, which is a rename and cannot fail half-way.
    """
    name = os.path.basename(generation)
    old = os.path.basename(previous) if previous else current_name(index_dir)
    _sync_tree(generation)
    if old and old != name and os.path.isdir(os.path.join(index_dir, old)):
        _write_small(os.path.join(index_dir, PREVIOUS), old)
    tmp = os.path.join(index_dir, f".{POINTER}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, os.path.join(index_dir, POINTER))
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
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
        with contextlib.suppress(OSError):  # who holds it is only a courtesy (disk full)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}\n")
            handle.flush()
        yield
    finally:
        handle.close()  # closing the descriptor releases the lock


def _write_small(path: str, text: str) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _read_small(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(256).decode("utf-8", errors="replace").strip() or None
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
