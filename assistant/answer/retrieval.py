"""Stage 2, retrieval: the passages search ranks for a question, and the docs whose structure
is read; with the term statistics that weigh a question's words (rare words tell more).

A :class:`Retriever` belongs to one open index: its caches (term frequencies, parsed docs, the
docs' titles and descriptions) hold that index's data and go with it. What it knows of the
docs is read from the index as questions need it (:meth:`Retriever.read_docs_from`), or, from
an index that does not keep it, learnt of every doc at the start (:meth:`Retriever.learn_docs`).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator, Mapping

from ..doc_names import about_stems
from ..errors import AssistantError
from ..model import Document, Passage
from ..search import DocInfo, Hit, SearchIndex
from .question import Question
from .register import off_register
from .text import STOP_WORDS, stem, words
from .weights import Weights

# Parsed docs kept for the next question (a doc is read for structure, then again to cite).
_DOCS_CACHED = 128


class Retriever:
    """Ranked passages, docs and term weights from one index."""

    def __init__(self, index: SearchIndex, weights: Weights) -> None:
        self.index = index
        self.weights = weights
        self._df: dict[str, float] = {}
        self._docs: OrderedDict[str, Document | None] = OrderedDict()
        self.descriptions: Mapping[str, str] = {}
        """Front-matter descriptions by doc path."""
        self.about = AboutIndex()
        try:
            self.passages = index.passage_count
        except AssistantError:
            self.passages = 0

    # -- term statistics -----------------------------------------------------------------------
    def frequency(self, word: str) -> float:
        """How many passages use ``word`` (-1 when the index cannot tell)."""
        cached = self._df.get(word)
        if cached is None:
            try:
                cached = float(self.index.doc_frequency(word))
            except AssistantError:
                cached = -1.0
            self._df[word] = cached
        return cached

    def known(self, word: str) -> bool:
        """True when some passage uses ``word``."""
        return self.frequency(word) > 0

    def idf(self, word: str) -> float:
        """BM25's inverse document frequency of ``word``, at least ``idf_floor``."""
        df = self.frequency(word)
        if df < 0 or self.passages <= 0:
            return 1.0
        return max(self.weights.idf_floor,
                   math.log(1 + (self.passages - df + 0.5) / (df + 0.5)))

    def weigh(self, spellings: tuple[str, ...]) -> float:
        """A term is as rare as its commonest spelling, a spelling as its rarest word."""
        best: float | None = None
        for spelling in spellings:
            ws = [w for w in words(spelling) if w not in STOP_WORDS] or words(spelling)
            if not ws:
                continue
            idf = max(self.idf(w) for w in ws)
            best = idf if best is None else min(best, idf)
        return best if best is not None else 1.0

    def conversational(self, word: str) -> bool:
        """Whether ``word`` is of conversation, not of the docs ("feels", "truth": common in
        English, rare here; see ``register.off_register``)."""
        return off_register(word, self.frequency(word), self.passages, self.weights,
                            self.frequency)

    # -- passages ------------------------------------------------------------------------------
    def query(self, q: Question) -> tuple[str, dict[str, float]]:
        """The words to rank passages by, with their boosts: the question's own words, the
        other spellings of the products it names and the canonical word of a synonym group;
        the words that ask before those of the scene around them, rarest first, within a
        budget of postings. Words of the scene are boosted down."""
        boost: dict[str, float] = {}
        for term in q.terms:
            if term.name or term.former:
                parts = list(term.spellings or (term.text,))
            else:
                # The word as asked and the group's canonical word ("datacenter", "region").
                parts = list(dict.fromkeys(p for p in (term.asked, term.text, term.current)
                                           if p))
            # (A name in the scene, "ODATA limitation question: ...", says what the question
            # is about: it ranks in full.)
            factor = self.weights.context_weight if term.scene and not term.name else 1.0
            for word in (w for p in parts for w in words(p) if w not in STOP_WORDS):
                boost[word] = max(factor, boost.get(word, 0.0))
        chosen = self._within_budget(boost)
        return " ".join(chosen), {w: boost[w] for w in chosen if boost[w] != 1.0}

    def _within_budget(self, boost: Mapping[str, float]) -> list[str]:
        """The words to search by: the rarest first (those boosted down last), until the
        engine would walk more than a budget of postings; the three rarest always go in (a
        common word costs much and ranks little)."""
        frequency = {word: max(self.frequency(word), 0.0) for word in boost}
        budget = max(self.weights.postings_floor, self.passages * self.weights.postings_share)
        chosen: list[str] = []
        spent = 0.0
        for word in sorted(frequency, key=lambda w: (boost[w] < 1.0, frequency[w])):
            if len(chosen) >= 3 and spent + frequency[word] > budget:
                continue
            chosen.append(word)
            spent += frequency[word]
        return chosen

    def ranked(self, q: Question) -> list[Hit]:
        """Distinct passages for the question, best first."""
        text, boosts = self.query(q)
        return distinct(self.index.search(text, limit=self.weights.fetch, boosts=boosts or None),
                        self.weights.hits)

    def typed(self, text: str) -> list[Hit]:
        """Distinct passages for the question as typed: every word weighed by its rarity
        alone (no scene, no synonyms), within the same budget of postings."""
        chosen = self._within_budget(dict.fromkeys(
            (w for w in words(text) if w not in STOP_WORDS), 1.0))
        return distinct(self.index.search(" ".join(chosen), limit=self.weights.fetch),
                        self.weights.hits)

    # -- docs ----------------------------------------------------------------------------------
    def read_docs_from(self, index: SearchIndex) -> None:
        """Read the docs' titles, descriptions and about-stems from ``index`` as questions
        need them (an index that keeps them: see ``SearchIndex.docs_about``)."""
        self.descriptions = _Descriptions(index)
        self.about = AboutIndex(index)

    def learn_docs(self, infos: list[DocInfo]) -> None:
        """Learn every doc's title and description (which docs are *about* a product), from
        an index that keeps no about-stems."""
        descriptions: dict[str, str] = {}
        for info in infos:
            if info.description:
                descriptions[info.path] = info.description
            self.about.add(info.path, info.title, info.description, info.date)
        self.descriptions = descriptions

    def doc(self, path: str) -> Document | None:
        """One doc's model (None when the index cannot give it)."""
        if path in self._docs:
            self._docs.move_to_end(path)
            return self._docs[path]
        try:
            doc: Document | None = self.index.document(path)
        except (AssistantError, KeyError):
            doc = None
        self._docs[path] = doc
        if len(self._docs) > _DOCS_CACHED:
            self._docs.popitem(last=False)
        return doc

    def docs_to_read(self, q: Question, passages: list[Passage]) -> list[str]:
        """Paths of the docs whose structure is read: the best-ranked doc of each title
        (versions of one page must not crowd out the other docs), then docs about a product
        the question names."""
        order: list[str] = []
        titles: set[str] = set()
        for passage in passages:
            if passage.doc_path not in order and passage.title not in titles:
                order.append(passage.doc_path)
                titles.add(passage.title)
        chosen = order[:self.weights.structure_docs]
        title_of = {p.doc_path: p.title for p in passages}
        read_titles = {title_of[p] for p in chosen}
        for path, title in self.about.docs_about(q, self.weights.about_docs):
            if path not in chosen and title not in read_titles:
                chosen.append(path)
                read_titles.add(title)
        return chosen


def fused(rankings: list[list[Passage]], damping: float) -> list[Passage]:
    """Reciprocal rank fusion: a passage scores the sum of 1 / (``damping`` + its rank) over
    the rankings that hold it (the scores of different queries do not compare; ranks do).
    On equal scores the first ranking's order stands."""
    score: dict[tuple[str, int, str], float] = {}
    first: dict[tuple[str, int, str], Passage] = {}
    for ranking in rankings:
        for rank, passage in enumerate(ranking):
            key = (passage.path, passage.line_start, passage.quote)
            score[key] = score.get(key, 0.0) + 1.0 / (damping + rank)
            first.setdefault(key, passage)
    return [first[k] for k in sorted(score, key=lambda k: -score[k])]


def distinct(hits: list[Hit], limit: int) -> list[Hit]:
    """The first ``limit`` hits whose (title, section, quote) differ: the same passage in many
    versions of one page counts once (the best-ranked copy stays)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for hit in hits:
        p = hit.passage
        key = (p.title, p.section, p.quote)
        if key in seen:
            continue
        seen.add(key)
        out.append(hit)
        if len(out) >= limit:
            break
    return out


class AboutIndex:
    """Which docs are *about* a product: its name in their title or description.

    Learnt doc by doc (:meth:`add`), or read from an index that keeps it, a stem and a doc at
    a time (``index``). Either way a doc's number is its place among all docs by path, and
    the docs of a stem form a set built in that order (ties are ranked in the set's order).
    """

    def __init__(self, index: SearchIndex | None = None) -> None:
        self._index = index
        self._docs: dict[int, tuple[str, str, str | None]] = {}  # (path, title, date)
        self._by_stem: dict[str, set[int]] = {}

    def add(self, path: str, title: str, description: str, date: str | None) -> None:
        """Index one doc's title and description (the next number)."""
        number = len(self._docs)
        self._docs[number] = (path, title, date)
        for s in about_stems(title, description):
            self._by_stem.setdefault(s, set()).add(number)

    def docs_about(self, q: Question, limit: int) -> list[tuple[str, str]]:
        """(path, title) of the docs whose title or description names a product the question
        names, those that also carry more of the question's other words first (newest first
        among equals)."""
        candidates: set[int] = set()
        for term in q.names:
            candidates |= self._holders(term.spellings or (term.text,))
        if not candidates:
            return []
        scores = dict.fromkeys(candidates, 0.0)
        for term in q.terms:
            for number in self._holders(term.spellings or (term.text,)) & candidates:
                scores[number] += term.weight
        docs = self._numbered(candidates)
        best = sorted(candidates, key=lambda n: (-scores[n], -_year(docs[n][2])))
        return [(docs[n][0], docs[n][1]) for n in best if docs[n][0]][:limit]

    def _holders(self, spellings: tuple[str, ...]) -> set[int]:
        """Docs whose title or description has every word of some spelling."""
        holders: set[int] = set()
        for spelling in spellings:
            stems = [stem(w) for w in words(spelling) if w not in STOP_WORDS]
            if stems:
                holders |= set.intersection(*(self._stem(s) for s in stems))
        return holders

    def _stem(self, s: str) -> set[int]:
        found = self._by_stem.get(s)
        if found is None:
            if self._index is None:
                return set()
            try:
                found = self._index.docs_about(s)
            except (AssistantError, LookupError):
                found = set()  # (answered as if no doc were about it)
            self._by_stem[s] = found
        return found

    def _numbered(self, numbers: set[int]) -> dict[int, tuple[str, str, str | None]]:
        missing = [n for n in numbers if n not in self._docs]
        if missing and self._index is not None:
            try:
                infos = self._index.numbered_docs(missing)
            except AssistantError:
                infos = {}
            for number, info in infos.items():
                self._docs[number] = (info.path, info.title, info.date)
        for number in missing:  # (a doc the index cannot give ranks last, unnamed)
            self._docs.setdefault(number, ("", "", None))
        return self._docs


class _Descriptions(Mapping[str, str]):
    """Front-matter descriptions by doc path, read from the index one doc at a time."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._known: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        description = self._known.get(path)
        if description is None:
            try:
                info = self._index.document_info(path)
            except AssistantError:
                info = None
            description = self._known[path] = info.description if info is not None else ""
        if not description:
            raise KeyError(path)
        return description

    def _all(self) -> dict[str, str]:
        try:
            return {i.path: i.description for i in self._index.documents() if i.description}
        except AssistantError:
            return {}

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _year(date: str | None) -> int:
    return int(date[:4]) if date and date[:4].isdigit() else 0
