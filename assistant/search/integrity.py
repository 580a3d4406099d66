"""Is a generation still what its build wrote? A manifest of its files, checked cheaply.

A build ends by writing ``MANIFEST.json`` into the new generation: every index file with its
size, modification time and CRC-32. Nothing published is ever written again, so a file whose
size and modification time are as recorded is taken as intact without reading it (a stat per
file: cheap enough for every reader's open). Truncation, deletion and any ordinary write show
up there; only a file whose size *and* time are as recorded is read whole, to tell a copy
(``cp`` without ``-p``: same bytes, new time) from damage. Damage that keeps both (a bad disk
block) is caught later, by whoever reads the bytes: see :class:`~.whoosh.reader.Index`.

Files shared by hard links between generations have one modification time, so damage to a
shared file is seen from every generation that holds it.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

MANIFEST = "MANIFEST.json"
# The doc store's meta key saying a manifest was written (so a missing one is damage, not an
# index built before manifests existed).
META_KEY = "manifest"
_FORMAT = 1
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Entry:
    """What the manifest records of one file."""

    size: int
    """Bytes."""
    mtime_ns: int
    """Modification time when the build recorded it."""
    crc: int
    """CRC-32 of the bytes."""


@dataclass(frozen=True, slots=True)
class Damage:
    """One index file that is not what its build wrote."""

    path: str
    """The file."""
    problem: str
    """What is wrong: missing, truncated, changed, unreadable."""

    def __str__(self) -> str:
        return f"{self.path} is damaged ({self.problem})"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of checking one generation."""

    damage: tuple[Damage, ...] = ()
    """Files that are not what the build wrote."""
    entries: Mapping[str, Entry] | None = None
    """The manifest (None when there is none: an index built before manifests)."""
    retimed: bool = False
    """Some file has the recorded bytes but not the recorded time (a copied index): intact,
    but every open pays for reading it until a build records the new times."""

    @property
    def ok(self) -> bool:
        """True when nothing is damaged."""
        return not self.damage


def mend_command(index_dir: str, *, full: bool = False) -> str:
    """The command that rebuilds the index in ``index_dir``."""
    return f"`assistant index build{' --full' if full else ''} --index {index_dir}`"


def index_files(folder: str) -> list[str]:
    """The names of the files a generation is made of (not locks, not the manifest)."""
    out = []
    for entry in os.scandir(folder):
        name = entry.name
        if (name == MANIFEST or name.endswith((".lock", ".tmp")) or "WRITELOCK" in name
                or not entry.is_file(follow_symlinks=False)):
            continue
        out.append(name)
    return sorted(out)


def checksum(path: str) -> int:
    """CRC-32 of a file's bytes."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def record(folder: str, known: Mapping[str, Entry] | None = None) -> dict[str, Entry]:
    """Write the manifest of ``folder`` and return it.

    ``known``: entries of a checked generation this one was cloned from. A file with the same
    name, size and time is the same (hard-linked) file: its checksum is reused, so a one-doc
    rebuild reads only the files it wrote. Every other file is read back, which also proves
    that what was written can be read.
    """
    entries: dict[str, Entry] = {}
    for name in index_files(folder):
        stat = os.stat(os.path.join(folder, name))
        old = (known or {}).get(name)
        if old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            entries[name] = old
        else:
            entries[name] = Entry(stat.st_size, stat.st_mtime_ns,
                                  checksum(os.path.join(folder, name)))
    data = {"format": _FORMAT,
            "files": {name: [e.size, e.mtime_ns, e.crc] for name, e in entries.items()}}
    tmp = os.path.join(folder, f".{MANIFEST}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, os.path.join(folder, MANIFEST))
    return entries


def read(folder: str) -> dict[str, Entry] | None:
    """The manifest of ``folder``; None when it has none. ValueError when it is unreadable."""
    try:
        with open(os.path.join(folder, MANIFEST), "rb") as handle:
            data = json.loads(handle.read())
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable: {exc}") from exc
    try:
        files = data["files"]
        return {str(name): Entry(int(size), int(mtime), int(crc))
                for name, (size, mtime, crc) in files.items()}
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ValueError("not a manifest") from exc


def check(folder: str, *, thorough: bool = False) -> Report:
    """Check a generation against its manifest: a stat per file (``thorough``: every file's
    checksum too, for damage that kept the file's size and time)."""
    try:
        entries = read(folder)
    except ValueError as exc:
        return Report((Damage(os.path.join(folder, MANIFEST), str(exc)),))
    if entries is None:
        return Report()
    damage: list[Damage] = []
    retimed = False
    for name, entry in entries.items():
        path = os.path.join(folder, name)
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            damage.append(Damage(path, "missing"))
            continue
        except OSError as exc:
            damage.append(Damage(path, f"unreadable: {exc.strerror}"))
            continue
        if stat.st_size != entry.size:
            what = "truncated" if stat.st_size < entry.size else "grown"
            damage.append(Damage(path, f"{what}: {stat.st_size:,} bytes, {entry.size:,} "
                                       f"written"))
            continue
        if stat.st_mtime_ns == entry.mtime_ns and not thorough:
            continue
        try:
            same = checksum(path) == entry.crc
        except OSError as exc:
            damage.append(Damage(path, f"unreadable: {exc.strerror}"))
            continue
        if not same:
            damage.append(Damage(path, "its bytes changed since it was written"))
        elif stat.st_mtime_ns != entry.mtime_ns:
            retimed = True
    return Report(tuple(damage), entries, retimed)


def find_damage(folder: str) -> list[Damage]:
    """Every damaged file of a generation, reading them all (when a read has failed)."""
    return list(check(folder, thorough=True).damage)
