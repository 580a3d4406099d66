"""``Index``: a read-only view of the current complete generation.

One whoosh searcher stays open for the life of the object (opening one per query would cost
more than the query). After a rebuild, :meth:`Index.refresh` opens the new generation *fresh*:
whoosh's own ``Searcher.refresh()`` was seen returning stale or duplicate documents after a
rebuild (NOTES), and a new generation is a new folder anyway.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Collection, Mapping
from typing import Any, Literal

from ...doc_names import DocNames, from_corpus_record
from ...errors import SearchIndexError
from ...model import Document, ExceptionList, Passage, Table
from .. import generations
from ..protocol import SearchIndex
from ..results import DocInfo, Hit
from ..serialize import document_from_json, exception_list_from_json, table_from_json, unpack
from ..store import Store
from . import schema
from ._whoosh import EmptyIndexError, FileStorage, query, scoring
from .rank import Ranker

_DOC_COLUMNS = ("path, docset, title, date, description, line_count, passages, tables, "
                "exception_lists, hash")


class Index:
    """The current generation of an index folder, open for searching."""

    def __init__(self, index_dir: str, generation_dir: str) -> None:
        self.index_dir = index_dir
        self.generation = os.path.basename(generation_dir)
        store_path = os.path.join(generation_dir, generations.STORE)
        if not os.path.isfile(store_path):
            raise FileNotFoundError(store_path)
        self._store = Store(store_path, readonly=True)
        try:
            if self._store.get_meta("schema_version") != str(schema.SCHEMA_VERSION):
                raise SearchIndexError(
                    f"{index_dir}: the index was built by another version of docs-assistant; "
                    f"rebuild it with `assistant index build`")
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
        """Open the current generation; SearchIndexError when it is missing or unreadable."""
        last_error: Exception | None = None
        for _ in range(3):  # the pointer may move while we open: follow it
            generation_dir = generations.current_dir(index_dir)
            if generation_dir is None:
                raise SearchIndexError(f"no search index in {index_dir}: build it with "
                                       f"`assistant index build`")
            try:
                return cls(index_dir, generation_dir)
            except SearchIndexError:
                raise
            except (OSError, EmptyIndexError, Exception) as exc:  # noqa: BLE001
                last_error = exc
                if generations.current_dir(index_dir) == generation_dir:
                    break
        raise SearchIndexError(f"{index_dir}: the search index cannot be read ({last_error}); "
                               f"rebuild it with `assistant index build`")

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
        """False when a newer generation has been published since this one was opened."""
        return generations.current_name(self.index_dir) == self.generation

    def refresh(self) -> bool:
        """Switch to the newest generation if there is one; True when it switched."""
        if self.is_current():
            return False
        fresh = Index.open(self.index_dir)
        with self._lock:
            self.close()
            self.generation = fresh.generation
            self._ix, self._searcher, self._store = fresh._ix, fresh._searcher, fresh._store
            self._infos = None
            self._ranker = None
        return True

    @property
    def built_at(self) -> str | None:
        """When the generation was built (ISO, UTC)."""
        return self._store.get_meta("built_at")

    @property
    def roots(self) -> tuple[str, ...]:
        """The corpus roots it was built from."""
        return tuple(json.loads(self._store.get_meta("roots", "[]") or "[]"))

    # -- search ---------------------------------------------------------------------------
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
                except (LookupError, AttributeError, TypeError, ValueError):
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
    def passage_count(self) -> int:
        """Passages in the index."""
        with self._lock:
            return self._searcher.doc_count()

    def doc_frequency(self, word: str) -> int:
        """How many passages hold ``word`` (stemmed as queries are; for several words, the
        most frequent one; 0 when it is a stop word or absent)."""
        terms = schema.query_terms(word)
        with self._lock:
            return max((self._searcher.doc_frequency("text", t) for t in terms), default=0)

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

    def document(self, path: str) -> Document:
        """The stored model of one doc (no re-parsing); SearchIndexError when not indexed."""
        with self._lock:
            row = self._store.db.execute("SELECT pack, doc_at, doc_len FROM docs WHERE path = ?",
                                         (path,)).fetchone()
            if row is None:
                raise SearchIndexError(f"{path}: not in the index {self.index_dir}")
            blob = self._store.blob(*row)
        return document_from_json(unpack(blob))

    def tables(self) -> list[tuple[DocInfo, Table]]:
        """Every table, with the doc it belongs to."""
        return [(info, table_from_json(t)) for info, facts in self._facts()
                for t in facts["tables"]]

    def exception_lists(self) -> list[tuple[DocInfo, ExceptionList]]:
        """Every exception list, with the doc it belongs to."""
        return [(info, exception_list_from_json(e)) for info, facts in self._facts()
                for e in facts["exception_lists"]]

    def corpus_names(self) -> tuple[DocNames, dict[str, tuple[str, ...]]]:
        """The names and words every doc offers, merged when the index was built, and each
        doc's about-stems by path. Raises ``LookupError`` for an index built before they
        were kept."""
        with self._lock:
            data = self._store.get_meta("corpus_names")
        if data is None:
            raise LookupError("this index keeps no names; rebuild it")
        return from_corpus_record(json.loads(data))

    def _facts(self) -> list[tuple[DocInfo, dict[str, Any]]]:
        infos = self._doc_infos()
        with self._lock:
            rows = self._store.db.execute(
                "SELECT path, pack, facts_at, facts_len FROM docs WHERE facts_at IS NOT NULL "
                "ORDER BY path").fetchall()
            blobs = [(path, self._store.blob(pack, at, length)) for path, pack, at, length in rows]
        return [(infos[path], unpack(blob)) for path, blob in blobs]

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
