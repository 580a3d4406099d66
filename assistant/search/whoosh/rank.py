"""Fast BM25 top-k over the ``text`` field, reading whoosh's posting blocks directly.

whoosh scores posting by posting through a tree of Python matcher objects: about 10 µs a
posting, so a question with a few common words took 100-400 ms on 77k passages, and far more on
the whole corpus. This ranker computes the *same* score (whoosh's BM25F with B=0.75, K1=1.2,
its idf and its byte-quantised field lengths) term at a time:

- each posting block is decoded with C-speed primitives (``pickle``, ``itertools.accumulate``);
- MaxScore pruning: terms are taken rarest first; once the terms left could not lift a doc
  that has none of the terms seen so far into the top k, those terms only update the docs
  already found (a C-speed set intersection per block);
- filters (kinds, paths) become per-segment sets of allowed doc numbers.

It relies on whoosh 2.7.4's codec internals (pinned); if they are not what it expects, the
caller falls back to whoosh's own search (see :class:`.reader.Index`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import accumulate, chain, filterfalse
from operator import itemgetter

from ._whoosh import LENGTHS_COLUMN, byte_to_length

B = 0.75
K1 = 1.2
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
        self.deleted: frozenset[int] = frozenset(
            reader._segment.deleted_docs()) if reader.has_deletions() else frozenset()  # noqa: SLF001
        self._kinds: dict[str, frozenset[int]] | None = None

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


def _blocks(matcher) -> Iterator[tuple[tuple[int, ...], float | Sequence[float]]]:  # noqa: ANN001
    """(doc ids, weights) of each posting block; weights is a float or a sequence."""
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


class Ranker:
    """BM25 top-k for one open whoosh searcher."""

    def __init__(self, searcher) -> None:  # noqa: ANN001
        self.searcher = searcher
        self.doc_count = searcher.doc_count_all()
        avgfl = searcher.avg_field_length(_FIELD) or 1
        self.leaves = [_Leaf(sub.reader(), offset, avgfl)
                       for sub, offset in searcher.leaf_searchers()]

    def idf(self, term: str) -> float:
        """whoosh's idf: log(N / (df + 1)) + 1."""
        return math.log(self.doc_count / (self.searcher.doc_frequency(_FIELD, term) + 1)) + 1

    def top(self, terms: list[str], limit: int, kinds: Collection[str] | None = None,
            paths: Collection[str] | None = None, boosts: Mapping[str, float] | None = None
            ) -> list[tuple[int, float]]:
        """The best ``limit`` (global doc number, score) pairs, best first. ``boosts``
        multiplies a term's score (as whoosh's ``Term(boost=...)`` does)."""
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
        if not weighted:
            return []
        weighted.sort(reverse=True)
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
