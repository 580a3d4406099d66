"""Fast BM25 top-k over the ``text`` field, reading whoosh's posting blocks directly.

whoosh scores posting by posting through a tree of Python matcher objects: about 10 µs a
posting, so a question with a few common words took 100-400 ms on 77k passages, and far more on
the whole corpus. This ranker computes the *same* score (whoosh's BM25F with B=0.75, K1=1.2,
its idf and its byte-quantised field lengths) term at a time:

- each posting list is decoded block by block with two reads a block (whoosh's matcher makes
  a dozen small ones) and C-speed primitives (``pickle``, ``itertools.accumulate``), into numpy
  arrays (doc numbers, tf, tf + length norm) that are kept for the next search while they fit
  (``POSTINGS_CACHED``);
- a term's postings are scored at once, with the posting-by-posting arithmetic in its order
  (so the very same floats), into one score per passage; the best are picked from the
  passages any term met, less those a filter (kinds, paths) leaves out and deleted ones.

:meth:`Ranker.top_by_posting` is the posting-by-posting ranking with MaxScore pruning that
came before, kept as the reference the tests hold :meth:`Ranker.top` to.

It relies on whoosh 2.7.4's codec internals (pinned); if they are not what it expects, the
caller falls back to whoosh's own search (see :class:`.reader.Index`).
"""

from __future__ import annotations

import heapq
import io
import math
import pickle
import struct
import zlib
from collections import OrderedDict
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import accumulate, chain, filterfalse
from operator import itemgetter

import numpy as np

from ._whoosh import LENGTHS_COLUMN, byte_to_length

B = 0.75
K1 = 1.2
POSTINGS_CACHED = 1_500_000
"""Decoded postings kept (24 bytes each: 36 MB at most)."""
_ENTRY_COST = 30
"""What a cached term costs besides its postings (its arrays and key, ~700 bytes), counted
in postings, so that many rare terms cannot outgrow the bound."""
_FIELD = "text"
_LENGTHS = "_text_len"  # whoosh3's column of per-doc field lengths (one byte a doc)


class _Leaf:
    """One segment: its reader, doc number offset, length norms and deletions."""

    def __init__(self, reader, offset: int, avgfl: float) -> None:  # noqa: ANN001
        self.reader = reader
        self.offset = offset
        perdoc = reader._perdoc  # noqa: SLF001 - whoosh codec internals (pinned 2.7.4)
        column = perdoc._cached_reader(_LENGTHS, _lengths_column())  # noqa: SLF001
        if column is None:
            raise LookupError("no field length column: not the whoosh codec this ranker knows")
        count = reader.doc_count_all()
        raw = column._dbfile.get(column._basepos, column._count)  # noqa: SLF001
        raw = bytes(raw) + bytes(count - len(raw))  # docs past the column's end have length 0
        # K1 * ((1 - B) + B * fl / avgfl) for each of the 256 length bytes.
        table = [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
        self.norms = raw
        self.norm_table = table
        self.count = count
        self.length_bytes = np.frombuffer(raw, dtype=np.uint8)
        self.norm_array = np.array(table, dtype=np.float64)
        self.deleted: frozenset[int] = frozenset(
            reader._segment.deleted_docs()) if reader.has_deletions() else frozenset()  # noqa: SLF001
        self.deleted_docs = np.fromiter(self.deleted, np.int64, len(self.deleted))
        self._kinds: dict[str, frozenset[int]] | None = None

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A term's (doc numbers, tf, tf + norm), the norm looked up by the passage's
        length byte (whoosh's BM25F: tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl)))."""
        ids: list[int] = []
        tfs: list[float] = []
        for block_ids, weights in _blocks(self.reader.postings(_FIELD, term)):
            ids.extend(block_ids)
            if isinstance(weights, float):
                tfs.extend([weights] * len(block_ids))
            else:
                tfs.extend(weights)
        docs = np.array(ids, dtype=np.int64)
        tf = np.array(tfs, dtype=np.float64)
        return docs, tf, tf + self.norm_array[self.length_bytes[docs]]

    def kind_docs(self, kinds: Collection[str]) -> set[int]:
        """Local doc numbers of passages of these kinds."""
        if self._kinds is None:
            self._kinds = {
                term.decode("utf-8") if isinstance(term, bytes) else term:
                    frozenset(self.reader.postings("kind", term).all_ids())
                for term in self.reader.lexicon("kind")
            }
        out: set[int] = set()
        for kind in kinds:
            out |= self._kinds.get(kind, frozenset())
        return out

    def docs_for(self, field: str, values: Collection[str]) -> set[int]:
        """Local doc numbers whose ``field`` is one of ``values``."""
        out: set[int] = set()
        for value in values:
            if (field, value) in self.reader:
                out.update(self.reader.postings(field, value).all_ids())
        return out


def _lengths_column():  # noqa: ANN202
    return LENGTHS_COLUMN


# whoosh 2.7.4's posting list (whoosh3 codec): a 4-byte tag, then blocks of a signed
# big-endian int (the block's length, negative for the last block), the pickled block info
# (length, max id, max weight, compression, min and max length bytes) and the pickled
# (id deltas, weights, values), zlib-compressed when the info says so.
_BLOCK_LENGTH = struct.Struct("!i")
_COMPRESSION = 3  # the info tuple's compression flag


def _blocks(matcher) -> Iterator[tuple[tuple[int, ...], float | Sequence[float]]]:  # noqa: ANN001
    """(doc ids, weights) of each posting block; weights is a float or a sequence."""
    if type(matcher).__name__ == "FilterMatcher":
        # A segment with deletions wraps its postings to skip deleted docs; the rankers
        # drop those themselves, so the postings are read as written.
        matcher = matcher.child
    if hasattr(matcher, "_baseoffset") and not getattr(matcher, "_byteids", True):
        yield from _read_blocks(matcher)
        return
    if not hasattr(matcher, "_read_data"):  # a short posting list inlined in the term info
        ids = tuple(matcher.all_ids())
        matcher.reset()
        tfs = []
        while matcher.is_active():
            tfs.append(matcher.weight())
            matcher.next()
        yield ids, tfs
        return
    while matcher.is_active():
        matcher._read_data()  # noqa: SLF001
        deltas, weights, _ = matcher._data  # noqa: SLF001
        ids = tuple(accumulate(deltas))
        if weights is None:
            weights = 1.0
        yield ids, weights
        matcher._next_block()  # noqa: SLF001


def _read_blocks(matcher) -> Iterator[tuple[tuple[int, ...], float | Sequence[float]]]:  # noqa: ANN001
    """The blocks of an on-disk posting list, each read with two reads (its length, then the
    rest), where the matcher reads a block's header with a dozen small seeks and reads: a
    third of the ranking time on the all-corpora index."""
    postfile = matcher._postfile  # noqa: SLF001 - whoosh codec internals (pinned 2.7.4)
    at = matcher._baseoffset  # noqa: SLF001
    while True:
        (length,) = _BLOCK_LENGTH.unpack(postfile.get(at, _BLOCK_LENGTH.size))
        at += _BLOCK_LENGTH.size
        block = io.BytesIO(postfile.get(at, abs(length)))
        info = pickle.load(block)
        data = block.read()
        if info[_COMPRESSION]:
            data = zlib.decompress(data)
        deltas, weights, _ = pickle.loads(data)
        yield tuple(accumulate(deltas)), 1.0 if weights is None else weights
        if length < 0:  # the last block
            return
        at += length


class Ranker:
    """BM25 top-k for one open whoosh searcher."""

    def __init__(self, searcher) -> None:  # noqa: ANN001
        self.searcher = searcher
        self.doc_count = searcher.doc_count_all()
        avgfl = searcher.avg_field_length(_FIELD) or 1
        self.leaves = [_Leaf(sub.reader(), offset, avgfl)
                       for sub, offset in searcher.leaf_searchers()]
        self._cache: OrderedDict[tuple[int, str], tuple[np.ndarray, np.ndarray, np.ndarray]] = (
            OrderedDict())
        self._cached = 0

    def _postings(self, leaf: int, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`_Leaf.postings`, decoded once and kept while they fit in
        ``POSTINGS_CACHED`` (common words come back question after question, and a question
        is often searched twice: as analysed and as typed)."""
        key = (leaf, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        found = self._cache[key] = self.leaves[leaf].postings(term)
        self._cached += len(found[0]) + _ENTRY_COST
        while self._cached > POSTINGS_CACHED and len(self._cache) > 1:
            _, (docs, _, _) = self._cache.popitem(last=False)
            self._cached -= len(docs) + _ENTRY_COST
        return found

    def idf(self, term: str) -> float:
        """whoosh's idf: log(N / (df + 1)) + 1."""
        return math.log(self.doc_count / (self.searcher.doc_frequency(_FIELD, term) + 1)) + 1

    def _weighted(self, terms: list[str], boosts: Mapping[str, float] | None
                  ) -> list[tuple[float, float, str]]:
        """(bound, idf, term) of the indexed terms, the one that can add most first."""
        weighted = []
        for term in terms:
            info = self.searcher.term_info(_FIELD, term) if self.searcher.doc_frequency(
                _FIELD, term) else None
            if info is not None:
                # The most a term can add to a doc: its largest tf in the shortest passage.
                idf = self.idf(term) * (boosts.get(term, 1.0) if boosts else 1.0)
                top_tf = info.max_weight()
                bound = idf * top_tf * (K1 + 1) / (top_tf + K1 * (1 - B))
                weighted.append((bound, idf, term))
        weighted.sort(reverse=True)
        return weighted

    def top(self, terms: list[str], limit: int, kinds: Collection[str] | None = None,
            paths: Collection[str] | None = None, boosts: Mapping[str, float] | None = None
            ) -> list[tuple[int, float]]:
        """The best ``limit`` (global doc number, score) pairs, best first. ``boosts``
        multiplies a term's score (as whoosh's ``Term(boost=...)`` does).

        Each term's postings are scored at once with numpy into one score per passage
        (the same arithmetic in the same order as posting by posting, so the same floats),
        then the best are picked; ties go to the lower doc number, as whoosh orders them."""
        weighted = self._weighted(terms, boosts)
        if not weighted or limit <= 0:
            return []
        best: list[tuple[int, float]] = []
        for number, leaf in enumerate(self.leaves):
            allow = self._allowed(leaf, kinds, paths)
            if allow is not None and not allow:
                continue
            scores = np.zeros(leaf.count)
            met = np.zeros(leaf.count, dtype=bool)  # passages some term of the query is in
            for _, idf, term in weighted:
                if (_FIELD, term) not in leaf.reader:
                    continue
                docs, tf, denominator = self._postings(number, term)
                # (scale * tf / denominator: the posting-by-posting arithmetic, in its order.)
                scores[docs] += idf * (K1 + 1) * tf / denominator
                met[docs] = True
            if allow is not None:
                allowed = np.zeros(leaf.count, dtype=bool)
                allowed[np.fromiter(allow, np.int64, len(allow))] = True
                met &= allowed
            met[leaf.deleted_docs] = False
            docs = np.flatnonzero(met)
            if not len(docs):
                continue
            got = scores[docs]
            if len(docs) > limit:
                # Everything at or above the limit-th best score (ties kept for the sort).
                cut = np.partition(got, len(got) - limit)[len(got) - limit]
                keep = got >= cut
                docs, got = docs[keep], got[keep]
            best.extend(zip((docs + leaf.offset).tolist(), got.tolist(), strict=True))
        return sorted(best, key=lambda pair: (-pair[1], pair[0]))[:limit]

    def top_by_posting(self, terms: list[str], limit: int,
                       kinds: Collection[str] | None = None,
                       paths: Collection[str] | None = None,
                       boosts: Mapping[str, float] | None = None) -> list[tuple[int, float]]:
        """:meth:`top` computed posting by posting with MaxScore pruning (the reference the
        tests hold :meth:`top` to)."""
        weighted = self._weighted(terms, boosts)
        if not weighted or limit <= 0:
            return []
        allowed = [self._allowed(leaf, kinds, paths) for leaf in self.leaves]
        scores: list[dict[int, float]] = [{} for _ in self.leaves]
        open_to_new = True
        for position, (_, idf, term) in enumerate(weighted):
            if open_to_new and position > 0:
                rest = sum(bound for bound, _, _ in weighted[position:])
                seen = sum(bound for bound, _, _ in weighted[:position])
                # Could a doc that none of the earlier terms matched still reach the top k?
                # (The k-th best score so far is at most ``seen``: skip computing it then.)
                if rest < seen:
                    kth = self._kth(scores, limit)
                    if rest < kth:
                        open_to_new = False
                        # Docs that cannot reach the k-th score even with every term left.
                        for acc in scores:
                            for doc in [d for d, score in acc.items() if score + rest < kth]:
                                del acc[doc]
            for leaf, acc, allow in zip(self.leaves, scores, allowed, strict=True):
                if allow is not None and not allow:
                    continue
                if (_FIELD, term) not in leaf.reader:
                    continue
                self._add_term(leaf, acc, allow, leaf.reader.postings(_FIELD, term), idf,
                               open_to_new)
        best = [(leaf.offset + doc, score)
                for leaf, acc in zip(self.leaves, scores, strict=True)
                for doc, score in heapq.nlargest(limit, acc.items(), key=itemgetter(1))]
        # Ties: the lower doc number first, as whoosh orders them.
        return sorted(best, key=lambda pair: (-pair[1], pair[0]))[:limit]

    @staticmethod
    def _add_term(leaf: _Leaf, acc: dict[int, float], allow: set[int] | None, matcher,  # noqa: ANN001
                  idf: float, open_to_new: bool) -> None:
        # idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl)); the second term is
        # looked up by length byte. (Inline arithmetic measured faster than per-tf score rows
        # or building a dict per block with map() over builtins.)
        norms, table, deleted = leaf.norms, leaf.norm_table, leaf.deleted
        scale = idf * (K1 + 1)
        get = acc.get
        every = open_to_new and allow is None and not deleted
        for ids, weights in _blocks(matcher):
            if every:  # the common case: score every posting
                if isinstance(weights, float):
                    for doc in ids:
                        acc[doc] = get(doc, 0.0) + scale * weights / (weights + table[norms[doc]])
                else:
                    for doc, tf in zip(ids, weights):  # noqa: B905 - same length by format
                        acc[doc] = get(doc, 0.0) + scale * tf / (tf + table[norms[doc]])
                continue
            # Only some docs count: those allowed by the filters, or those already found
            # (filter() over builtin membership tests measured fastest; no per-block sets).
            wanted = iter(ids) if open_to_new else filter(acc.__contains__, ids)
            if allow is not None:
                wanted = filter(allow.__contains__, wanted)
            if deleted:
                wanted = filterfalse(deleted.__contains__, wanted)
            docs = list(wanted)
            if not docs:
                continue
            if isinstance(weights, float):
                for doc in docs:
                    acc[doc] = get(doc, 0.0) + scale * weights / (weights + table[norms[doc]])
                continue
            tf_of = dict(zip(ids, weights))  # noqa: B905
            for doc in docs:
                tf = tf_of[doc]
                acc[doc] = get(doc, 0.0) + scale * tf / (tf + table[norms[doc]])

    @staticmethod
    def _kth(scores: list[dict[int, float]], limit: int) -> float:
        if sum(len(acc) for acc in scores) < limit:
            return 0.0
        return heapq.nlargest(limit, chain.from_iterable(acc.values() for acc in scores))[-1]

    @staticmethod
    def _allowed(leaf: _Leaf, kinds: Collection[str] | None,
                 paths: Collection[str] | None) -> set[int] | None:
        if kinds is None and paths is None:
            return None
        allowed: set[int] | None = None
        if paths is not None:
            allowed = leaf.docs_for("doc_path", paths) | leaf.docs_for("path", paths)
        if kinds is not None:
            of_kind = leaf.kind_docs(kinds)
            allowed = of_kind if allowed is None else allowed & of_kind
        return allowed
