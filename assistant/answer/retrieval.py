"""Finding candidate evidence: ranked passages, distinct across page versions, and the docs
that are *about* the product a question names.

Term statistics (how many passages use a word) come from the index; they weigh question
terms (rare words tell more) and keep very common words out of the ranking query.
"""

from __future__ import annotations

from ..errors import AssistantError
from .question import Question
from .text import STOP_WORDS, stem, words


def passage_count(index) -> int:
    """N for idf: how many passages the index holds (0 when it cannot tell)."""
    count = getattr(index, "passage_count", None)
    try:
        return int(count() if callable(count) else count or 0)
    except AssistantError:
        return 0


def doc_frequency(index, word: str) -> float:
    """How many passages contain ``word`` (-1 when the index cannot tell)."""
    frequency = getattr(index, "doc_frequency", None)
    if not callable(frequency):
        return -1.0
    try:
        return float(frequency(word))
    except AssistantError:
        return -1.0


def distinct(hits, limit: int):
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
    """Which docs are *about* a product: its name in their title or description."""

    def __init__(self) -> None:
        self._docs: list[tuple[str, str, str, str | None]] = []
        self._by_stem: dict[str, set[int]] = {}

    def add(self, path: str, title: str, description: str, date: str | None) -> None:
        """Index one doc's title and description."""
        number = len(self._docs)
        self._docs.append((path, title, description, date))
        for w in set(words(f"{title} {description}")):
            if w not in STOP_WORDS:
                self._by_stem.setdefault(stem(w), set()).add(number)

    def docs_about(self, q: Question, limit: int) -> list[tuple[str, str]]:
        """(path, title) of the docs whose title or description names a product the question
        names, those that also carry more of the question's other words first (newest first
        among equals)."""
        candidates: set[int] = set()
        for term in q.names:
            for spelling in term.spellings or (term.text,):
                stems = [stem(w) for w in words(spelling) if w not in STOP_WORDS]
                if stems:
                    candidates |= set.intersection(*(self._by_stem.get(s, set())
                                                     for s in stems))
        if not candidates:
            return []
        scores = dict.fromkeys(candidates, 0.0)
        for term in q.terms:
            holders: set[int] = set()
            for spelling in term.spellings or (term.text,):
                stems = [stem(w) for w in words(spelling) if w not in STOP_WORDS]
                if stems:
                    holders |= set.intersection(*(self._by_stem.get(s, set()) for s in stems))
            for number in holders & candidates:
                scores[number] += term.weight
        best = sorted(candidates, key=lambda n: (-scores[n], -_year(self._docs[n][3])))
        return [(self._docs[n][0], self._docs[n][1]) for n in best[:limit]]


def _year(date: str | None) -> int:
    return int(date[:4]) if date and date[:4].isdigit() else 0
