"""What a build starts from: the current generation when it is intact, else the previous one,
else nothing (a build from scratch), and what must be re-indexed because of damage.

A plain build never trusts a generation it has not checked: its manifest (a stat per file,
see :mod:`..integrity`), its doc store, its whoosh table of contents and its packs' lengths.
Damage confined to packs (the docs' stored models) costs only the docs stored in them; any
other damage makes the build start from the previous generation when that one is intact, or
from scratch. ``Base.note`` says in one line what was found and what the build does about it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...parse import model_fingerprint
from .. import generations, integrity
from ..integrity import Damage
from ..store import PACK_PREFIX, DocRecord, Store
from . import SCHEMA_VERSION
from ._whoosh import index


@dataclass(slots=True)
class Base:
    """The generation a build starts from, open, with what it knows."""

    folder: str | None = None
    """The generation (None: build from scratch)."""
    store: Store | None = None
    """Its doc store, open for reading."""
    records: list[DocRecord] = field(default_factory=list)
    """Every doc it indexed or skipped."""
    roots: list[str] = field(default_factory=list)
    """The roots it was built from."""
    max_doc_bytes: int | None = None
    """The per-doc limit it was built with (None: before limits were recorded)."""
    entries: Mapping[str, integrity.Entry] | None = None
    """Its manifest, to reuse the checksums of the files shared with the new generation."""
    reindex: list[str] = field(default_factory=list)
    """Docs to index again although unchanged on disk: their stored models are damaged."""
    up_to_date: bool = False
    """True when it is the current generation, intact and as recorded: a build with nothing
    to change may leave it as it is."""
    keep_previous: str | None = None
    """The generation to keep as the one to fall back on after publishing (None: leave the
    PREVIOUS pointer alone)."""
    note: str | None = None
    """What damage was found and what this build does about it."""

    def close(self) -> None:
        """Close the store."""
        if self.store is not None:
            self.store.close()
            self.store = None


class _Outdated(Exception):  # noqa: N818 - a reason, not an error
    """Built by another version: rebuilt from scratch, not damaged."""


def choose(index_dir: str) -> Base:
    """Check the current generation (then the previous one) and open what a build starts
    from."""
    current_name = generations.current_name(index_dir)
    current = generations.generation_dir(index_dir, current_name) if current_name else None
    previous = generations.previous_dir(index_dir)
    if current_name is None and previous is None:
        return Base()
    damage: list[Damage] = []
    if current_name is not None:
        if current is None:
            damage.append(Damage(os.path.join(index_dir, generations.POINTER),
                                 generations.pointer_problem(current_name)))
        else:
            try:
                base, damage = _open(current)
            except _Outdated:
                return Base()
            if not damage:
                assert base is not None
                base.keep_previous = current
                return base
            packs = [d for d in damage if os.path.basename(d.path).startswith(PACK_PREFIX)]
            if base is not None and len(packs) == len(damage):
                base.reindex = base.store.docs_in(  # type: ignore[union-attr]
                    [os.path.basename(d.path) for d in packs])
                base.note = (f"{_listed(damage)}: re-indexing the "
                             f"{len(base.reindex)} docs stored in it")
                base.keep_previous = previous
                return base
            if base is not None:
                base.close()
    else:
        damage.append(Damage(os.path.join(index_dir, generations.POINTER), "missing"))
    if previous is not None and previous != current:
        try:
            base, more = _open(previous)
        except _Outdated:
            base, more = None, [Damage(previous, "built by another version")]
        if base is not None and not more:
            base.up_to_date = False  # (the current one must be replaced, changes or not)
            base.note = (f"{_listed(damage)}: building from the previous build "
                         f"({os.path.basename(previous)})")
            base.keep_previous = previous
            return base
        if base is not None:
            base.close()
    return Base(note=f"{_listed(damage)}: rebuilding the whole index")


def _listed(damage: list[Damage]) -> str:
    first = str(damage[0])
    return first if len(damage) == 1 else f"{first} (and {len(damage) - 1} more files)"


def _open(folder: str) -> tuple[Base | None, list[Damage]]:
    """The generation in ``folder`` opened as a base, and what is damaged in it."""
    report = integrity.check(folder)
    damage = list(report.damage)
    path = os.path.join(folder, generations.STORE)
    if any(d.path in (path, os.path.join(folder, integrity.MANIFEST)) for d in damage):
        return None, damage
    if not os.path.isfile(path):
        return None, [*damage, Damage(path, "missing")]
    try:
        store = Store(path, readonly=True)
    except (sqlite3.Error, OSError) as exc:
        return None, [*damage, Damage(path, f"unreadable: {exc}")]
    base = Base(folder, store, entries=report.entries)
    try:
        if store.get_meta("schema_version") != str(SCHEMA_VERSION):
            raise _Outdated
        if store.get_meta("model_fingerprint") != model_fingerprint():
            raise _Outdated  # stored models made by another parser
        if report.entries is None and store.get_meta(integrity.META_KEY):
            damage.append(Damage(os.path.join(folder, integrity.MANIFEST), "missing"))
        base.records = list(store.records())
        base.roots = json.loads(store.get_meta("roots", "[]") or "[]")
        base.max_doc_bytes = store.max_doc_bytes()
        for pack, end in store.pack_extents().items():
            pack_path = os.path.join(folder, pack)
            size = os.path.getsize(pack_path) if os.path.isfile(pack_path) else -1
            if size < end and not any(d.path == pack_path for d in damage):
                damage.append(Damage(pack_path, "missing" if size < 0 else
                                     f"truncated: {size:,} bytes, {end:,} written"))
    except _Outdated:
        base.close()
        raise
    except (sqlite3.Error, ValueError, TypeError) as exc:
        base.close()
        return None, [*damage, Damage(path, f"unreadable: {exc}")]
    if damage:  # (whoosh would only stumble over it)
        return base, damage
    try:
        index.open_dir(folder).close()
    except Exception as exc:  # noqa: BLE001 - whatever whoosh makes of damaged files
        base.close()
        return None, [Damage(folder, f"its search index cannot be opened: {exc}")]
    # A copied index (same bytes, new times) or one without a manifest is intact, but only a
    # new generation records what its files are now.
    base.up_to_date = not damage and report.entries is not None and not report.retimed
    return base, damage
