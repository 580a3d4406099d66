"""Finding candidate evidence: ranked passages, distinct across page versions, and the docs
that are *about* the product a question names.

Term statistics (how many passages use a word) come from the index; they weigh question
terms (rare words tell more) and keep very common words out of the ranking query.
"""

from __future__ import annotations

from ..errors import AssistantError
from .match import view
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
        names, best covered first (newest first among equals)."""
        candidates: set[int] = set()
        for term in q.names:
            for spelling in term.spellings or (term.text,):
                stems = [stem(w) for w in words(spelling) if w not in STOP_WORDS]
                if not stems:
                    continue
                found = set.intersection(*(self._by_stem.get(s, set()) for s in stems))
                candidates |= found
        if not candidates or len(candidates) > 400:
            return []  # a name too common to single out a doc
        scored = []
        for number in candidates:
            path, title, description, date = self._docs[number]
            v = view(f"{title} {description}")
            score = sum(t.weight for t in q.terms if v.has(t))
            scored.append((-score, -(int(date[:4]) if date and date[:4].isdigit() else 0),
                           path, title))
        scored.sort()
        return [(path, title) for _, _, path, title in scored[:limit]]
