"""``Index``: a read-only view of the current complete generation.

One whoosh searcher stays open for the life of the object (opening one per query would cost
more than the query). After a rebuild, :meth:`Index.refresh` opens the new generation *fresh*:
whoosh's own ``Searcher.refresh()`` was seen returning stale or duplicate documents after a
rebuild (NOTES), and a new generation is a new folder anyway.

Damage never shows as a traceback. Opening checks the generation's manifest (a stat per file);
a damaged current generation gives way to the previous one when that is intact
(:attr:`Index.note` says so), else opening fails with one line naming the file and the build
that mends it. Damage that kept a file's size and time shows when its bytes are read: the
failing read becomes a :class:`SearchIndexError` naming the file (:attr:`Index.damage` keeps
it, for callers whose answers went on without that read).
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import sqlite3
import struct
import threading
import zlib
from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, TypeVar

from ...doc_names import DocNames
from ...errors import SearchIndexError
from ...model import Document, ExceptionList, Passage, Table
from .. import generations, harvest, integrity
from ..integrity import Damage, mend_command
from ..protocol import SearchIndex
from ..results import DocInfo, Hit
from ..serialize import document_from_json, exception_list_from_json, table_from_json, unpack
from ..store import Store
from . import SCHEMA_VERSION, schema
from ._whoosh import FileStorage, query, scoring
from .rank import Ranker

_DOC_COLUMNS = ("path, docset, title, date, description, line_count, passages, tables, "
                "exception_lists, hash")
_DOC_COLUMNS_OF_D = ", ".join(f"d.{column}" for column in _DOC_COLUMNS.split(", "))

_T = TypeVar("_T")
# What reading a damaged file raises (an index without a manifest cannot tell which file).
_UNREADABLE = (sqlite3.DatabaseError, zlib.error, EOFError, OSError, struct.error,
               pickle.UnpicklingError)


def _reads(method: Callable[..., _T]) -> Callable[..., _T]:
    """A method that reads index files: a failure caused by a damaged file becomes one
    :class:`SearchIndexError` naming it; any other failure (a bug) goes on as it was."""

    @functools.wraps(method)
    def guarded(self: Index, *args: Any, **kwargs: Any) -> _T:
        try:
            return method(self, *args, **kwargs)
        except SearchIndexError:
            raise
        except Exception as exc:
            message = self._damage_message(exc)
            if message is None:
                raise
            self.damage = message
            raise SearchIndexError(message) from exc

    return guarded


class _Damaged(Exception):  # noqa: N818 - carries the damage found while opening
    def __init__(self, damage: Damage) -> None:
        super().__init__(str(damage))
        self.damage = damage


class Index:
    """The current generation of an index folder, open for searching."""

    note: str | None = None
    """Set when the current generation is damaged and this is the previous one: one line
    saying so, with the command that mends it."""
    damage: str | None = None
    """The damage met while reading (one line, with the command that mends it), if any."""

    def __init__(self, index_dir: str, generation_dir: str,
                 manifest: Mapping[str, integrity.Entry] | None = None) -> None:
        self.index_dir = index_dir
        self.generation = os.path.basename(generation_dir)
        self._folder = generation_dir
        self._fell_back_from: str | None = None
        store_path = os.path.join(generation_dir, generations.STORE)
        if not os.path.isfile(store_path):
            raise _Damaged(Damage(store_path, "missing"))
        self._store = Store(store_path, readonly=True)
        try:
            if self._store.get_meta("schema_version") != str(SCHEMA_VERSION):
                raise SearchIndexError(
                    f"{index_dir}: the index was built by another version of docs-assistant; "
                    f"rebuild it with `assistant index build`")
            if manifest is None and self._store.get_meta(integrity.META_KEY):
                raise _Damaged(Damage(os.path.join(generation_dir, integrity.MANIFEST),
                                      "missing"))
            # Read, not memory-mapped: mapping the segment files made every process as big as
            # the index (400 MB of 450 for all corpora) before its first question.
            self._ix = FileStorage(generation_dir, supports_mmap=False).open_index()
            try:
                self._searcher = self._ix.searcher(weighting=scoring.BM25F())
            except BaseException:
                self._ix.close()
                raise
        except BaseException:
            self._store.close()
            raise
        self._infos: dict[str, DocInfo] | None = None
        self._ranker: Ranker | None | Literal[False] = None  # False: use whoosh's own search
        # whoosh searchers and the reads below are not safe to share between threads.
        self._lock = threading.RLock()

    @classmethod
    def open(cls, index_dir: str) -> Index:
        """Open the current generation (the previous one when the current one is damaged);
        SearchIndexError when there is none, or none is intact."""
        for _ in range(3):  # the pointer may move while we open: follow it
            name = generations.current_name(index_dir)
            previous = generations.previous_dir(index_dir)
            if name is None and previous is None:
                raise SearchIndexError(f"no search index in {index_dir}: build it with "
                                       f"`assistant index build`")
            current = generations.pointed(index_dir, name)
            if isinstance(current, Damage):
                if name is not None and generations.current_name(index_dir) != name:
                    continue
                damage = current
            else:
                opened = cls._try(index_dir, current)
                if isinstance(opened, Index):
                    return opened
                if generations.current_name(index_dir) != name:
                    continue  # a build published meanwhile (and cleaned the old folder)
                damage = opened
            mend = mend_command(index_dir)
            fallback = cls._try(index_dir, previous) if previous else None
            if isinstance(fallback, Index):
                fallback.note = (f"{damage}; answering from the previous build "
                                 f"({fallback.generation}); mend it with {mend}")
                fallback._fell_back_from = name
                return fallback
            raise SearchIndexError(f"{damage}; mend it with {mend}")
        raise SearchIndexError(f"{index_dir}: the index changed while it was being opened "
                               f"(builds running?); try again")

    @classmethod
    def _try(cls, index_dir: str, folder: str) -> Index | Damage:
        """The generation in ``folder`` opened, or what is damaged in it."""
        if not os.path.isdir(folder):
            return Damage(folder, "missing")
        report = integrity.check(folder)
        if report.damage:
            return report.damage[0]
        try:
            return cls(index_dir, folder, report.entries)
        except _Damaged as exc:
            return exc.damage
        except SearchIndexError:
            raise
        except Exception as exc:  # noqa: BLE001 - an unreadable file; which one, if we can tell
            found = integrity.find_damage(folder)
            return found[0] if found else Damage(folder, f"cannot be read: {exc}")

    def _damage_message(self, error: Exception) -> str | None:
        """After a failed read: the damaged file and the mend, when a file is damaged."""
        if not os.path.isdir(self._folder):
            return None  # deleted by later builds: the files open here are still whole
        quick = integrity.check(self._folder)
        found = quick.damage or tuple(integrity.find_damage(self._folder))
        if found:
            # (Damage that kept the file's size and time is seen only by reading everything.)
            full = not quick.damage
            return f"{found[0]}; mend it with {mend_command(self.index_dir, full=full)}"
        if quick.entries is None and isinstance(error, _UNREADABLE):
            # Built before manifests: which file is damaged cannot be told.
            return (f"{self._folder}: the index cannot be read ({type(error).__name__}: "
                    f"{error}); mend it with {mend_command(self.index_dir, full=True)}")
        return None

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        """Release the searcher and the store."""
        self._searcher.close()
        self._ix.close()
        self._store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def is_current(self) -> bool:
        """False when a newer generation has been published since this one was opened (a
        damaged one this reader fell back from does not count)."""
        name = generations.current_name(self.index_dir)
        return name in (self.generation, self._fell_back_from)

    def refresh(self) -> bool:
        """Switch to the newest generation if there is one; True when it switched."""
        if self.is_current():
            return False
        fresh = Index.open(self.index_dir)
        with self._lock:
            self.close()
            self.generation, self._folder = fresh.generation, fresh._folder
            self._fell_back_from, self.note = fresh._fell_back_from, fresh.note
            self.damage = None
            self._ix, self._searcher, self._store = fresh._ix, fresh._searcher, fresh._store
            self._infos = None
            self._ranker = None
        return True

    @property
    @_reads
    def max_doc_bytes(self) -> int | None:
        """The size up to which each doc was indexed (0: all of it; None: an index built
        before it kept that)."""
        return self._store.max_doc_bytes()

    @property
    @_reads
    def built_at(self) -> str | None:
        """When the generation was built (ISO, UTC)."""
        return self._store.get_meta("built_at")

    @property
    @_reads
    def roots(self) -> tuple[str, ...]:
        """The corpus roots it was built from."""
        return tuple(json.loads(self._store.get_meta("roots", "[]") or "[]"))

    # -- search ---------------------------------------------------------------------------
    @_reads
    def search(self, text: str, limit: int = 10, *, kinds: Collection[str] | None = None,
               paths: Collection[str] | None = None,
               boosts: Mapping[str, float] | None = None) -> list[Hit]:
        """Passages ranked by BM25F over their text; any string is a valid query.

        ``kinds`` keeps only passages of those kinds; ``paths`` only passages of those docs
        (a doc path, or the path of an include file the passage is written in); ``boosts``
        weighs words of the query (as written) up or down, 1.0 by default.
        """
        terms = schema.query_terms(text)
        term_boosts = _term_boosts(boosts) if boosts else None
        if not terms or limit <= 0 or kinds is not None and not kinds or (
                paths is not None and not paths):
            return []
        with self._lock:
            ranker = self._get_ranker()
            if ranker is not None:
                try:
                    ranked = ranker.top(terms, limit, kinds, paths, term_boosts)
                except (LookupError, AttributeError, TypeError, ValueError, EOFError,
                        struct.error, zlib.error, pickle.UnpicklingError):
                    self._ranker = False  # not the codec it knows: whoosh's own search from now
                else:
                    stored = self._searcher.stored_fields
                    return [Hit(schema.passage_from_stored(stored(doc)["p"]), score)
                            for doc, score in ranked]
            return self._whoosh_search(terms, limit, kinds, paths, term_boosts)

    def _get_ranker(self) -> Ranker | None:
        if self._ranker is None:
            try:
                self._ranker = Ranker(self._searcher)
            except (LookupError, AttributeError, TypeError, ValueError):
                self._ranker = False
        return self._ranker or None

    def _whoosh_search(self, terms: list[str], limit: int, kinds: Collection[str] | None,
                       paths: Collection[str] | None,
                       boosts: Mapping[str, float] | None = None) -> list[Hit]:
        """The same ranking through whoosh's own matchers (slower; the reference)."""
        q = query.Or([query.Term("text", term, boost=(boosts or {}).get(term, 1.0))
                      for term in terms])
        filters = []
        if kinds is not None:
            filters.append(query.Or([query.Term("kind", k) for k in kinds]))
        if paths is not None:
            filters.append(query.Or([query.Term(field, p) for p in paths
                                     for field in ("doc_path", "path")]))
        restrict = query.And(filters) if len(filters) > 1 else (filters[0] if filters else None)
        results = self._searcher.search(q, limit=limit, filter=restrict)
        return [Hit(schema.passage_from_stored(hit["p"]), float(hit.score)) for hit in results]

    @property
    @_reads
    def passage_count(self) -> int:
        """Passages in the index."""
        with self._lock:
            return self._searcher.doc_count()

    @_reads
    def doc_frequency(self, word: str) -> int:
        """How many passages hold ``word`` (stemmed as queries are; for several words, the
        most frequent one; 0 when it is a stop word or absent)."""
        terms = schema.query_terms(word)
        with self._lock:
            return max((self._searcher.doc_frequency("text", t) for t in terms), default=0)

    @_reads
    def passages(self, path: str) -> list[Passage]:
        """Every passage of one doc, in reading order (as indexed)."""
        with self._lock:
            numbers = sorted(self._searcher.document_numbers(doc_path=path))
            return [schema.passage_from_stored(self._searcher.stored_fields(n)["p"])
                    for n in numbers]

    # -- structured facts -----------------------------------------------------------------
    def documents(self) -> list[DocInfo]:
        """Every indexed doc, by path."""
        return list(self._doc_infos().values())

    @_reads
    def document(self, path: str) -> Document:
        """The stored model of one doc (no re-parsing); SearchIndexError when not indexed."""
        with self._lock:
            row = self._store.db.execute("SELECT pack, doc_at, doc_len FROM docs WHERE path = ?",
                                         (path,)).fetchone()
            if row is None:
                raise SearchIndexError(f"{path}: not in the index {self.index_dir}")
            blob = self._store.blob(*row)
        return document_from_json(unpack(blob))

    @_reads
    def tables(self) -> list[tuple[DocInfo, Table]]:
        """Every table, with the doc it belongs to."""
        return [(info, table_from_json(t)) for info, facts in self._facts()
                for t in facts["tables"]]

    @_reads
    def exception_lists(self) -> list[tuple[DocInfo, ExceptionList]]:
        """Every exception list, with the doc it belongs to."""
        return [(info, exception_list_from_json(e)) for info, facts in self._facts()
                for e in facts["exception_lists"]]

    def corpus_names(self) -> DocNames:
        """The names every doc offers, merged when the index was built. Raises
        ``LookupError`` for an index built before they were kept."""
        names = self._corpus_names()
        if names is None:
            raise LookupError("this index keeps no names; rebuild it")
        return names

    @_reads
    def _corpus_names(self) -> DocNames | None:
        with self._lock:
            return harvest.read_names(self._store)

    @_reads
    def docs_about(self, stem: str) -> set[int]:
        """The numbers of the docs whose title or description has a word of ``stem`` (a doc's
        number: its place among all docs by path)."""
        with self._lock:
            row = self._store.db.execute("SELECT docs FROM about WHERE stem = ?",
                                         (stem,)).fetchone()
        # (Built by adding the numbers in order, as a set of them learnt doc by doc is.)
        return set(harvest.unpack(row[0])) if row else set()

    @_reads
    def numbered_docs(self, numbers: Collection[int]) -> dict[int, DocInfo]:
        """What the index knows of the docs with these numbers (see :meth:`docs_about`)."""
        wanted = sorted(set(numbers))
        out: dict[int, DocInfo] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                rows = self._store.db.execute(
                    f"SELECT o.number, {_DOC_COLUMNS_OF_D} FROM doc_order o "
                    f"JOIN docs d ON d.path = o.path "
                    f"WHERE o.number IN ({','.join('?' * len(chunk))})", chunk)
                out.update((row[0], DocInfo(*row[1:])) for row in rows)
        return out

    @_reads
    def document_info(self, path: str) -> DocInfo | None:
        """What the index knows of one doc (None: not indexed)."""
        with self._lock:
            if self._infos is not None:
                return self._infos.get(path)
            row = self._store.db.execute(f"SELECT {_DOC_COLUMNS} FROM docs WHERE path = ?",
                                         (path,)).fetchone()
        return DocInfo(*row) if row else None

    def _facts(self) -> list[tuple[DocInfo, dict[str, Any]]]:
        infos = self._doc_infos()
        with self._lock:
            rows = self._store.db.execute(
                "SELECT path, pack, facts_at, facts_len FROM docs WHERE facts_at IS NOT NULL "
                "ORDER BY path").fetchall()
            blobs = [(path, self._store.blob(pack, at, length)) for path, pack, at, length in rows]
        return [(infos[path], unpack(blob)) for path, blob in blobs]

    @_reads
    def _doc_infos(self) -> dict[str, DocInfo]:
        with self._lock:
            if self._infos is None:
                rows = self._store.db.execute(f"SELECT {_DOC_COLUMNS} FROM docs ORDER BY path")
                self._infos = {row[0]: DocInfo(*row) for row in rows}
            return self._infos


def _term_boosts(boosts: Mapping[str, float]) -> dict[str, float]:
    """Boosts of words as written, keyed by the index terms they analyse to (a term two
    words share takes the larger boost)."""
    out: dict[str, float] = {}
    for word, boost in boosts.items():
        for term in schema.query_terms(word):
            out[term] = max(boost, out.get(term, 0.0))
    return out


def as_search_index(index: Index) -> SearchIndex:
    """The whoosh index as the engine-free interface (mypy checks it provides every method
    of :class:`~assistant.search.SearchIndex`)."""
    return index
