"""Does a piece of doc text mention a question's term? The one comparison every stage uses.

A question term is a single word (matched by stem, allowing a short ending: ``expire`` meets
``expiry``) or a name with several spellings (matched as a run of words, with or without the
spaces between them: ``PowerApps`` meets ``Power Apps``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .polarity import NEGATIVE_STEMS
from .text import STOP_WORDS, related, stem, words


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a question asks about."""

    text: str
    """As written in the question (after spelling repair)."""
    stems: tuple[str, ...] = ()
    """Single-word spellings, stemmed."""
    runs: tuple[str, ...] = ()
    """Multi-word spellings as keys (``powerbi``), raw and stemmed."""
    weight: float = 1.0
    """How much the term tells (rare words and names tell more)."""
    name: bool = False
    """True for a product or place name (a concept from the lexicon or the corpus)."""
    current: str = ""
    """For a renamed product: the current name."""
    former: tuple[str, ...] = ()
    """For a renamed product: the names it had."""
    spellings: tuple[str, ...] = field(default=())
    """Every spelling of a name (for messages: which spelling the doc uses)."""
    raw: tuple[str, ...] = ()
    """Single-word spellings as written (5+ letters), for words the stemmer cuts unevenly."""
    exact: tuple[str, ...] = ()
    """Spellings that are also common words ("US", "CAN"): found only as written, in
    capitals."""
    compound: bool = True
    """Whether runs of words must be looked for (names and several-word spellings)."""
    asked: str = ""
    """The words as the question wrote them (when ``text`` is a canonical name)."""
    scene: bool = False
    """True for a word of the scene around the question (a title, the story before it), not
    of what it asks."""
    loose: tuple[str, ...] = ()
    """Stems that may also meet a word of the same family with another ending ("store" meets
    "storage"): those of the word as asked, not those of its synonyms (a synonym of a
    synonym's relative is too far: "keep" is "store", not "storage"). Empty: all stems."""


class TextView:
    """A text prepared for term lookups."""

    __slots__ = ("text", "stems", "by_prefix", "raw5", "_squashed", "_bounds")

    def __init__(self, text: str) -> None:
        ws = words(text)
        stems = [stem(w) for w in ws]
        # "unavailable" speaks of availability too (its polarity is judged elsewhere).
        extra = [NEGATIVE_STEMS[s] for s in stems if s in NEGATIVE_STEMS]
        self.text = text
        self.stems = frozenset(stems + extra)
        # (Dicts of tuples of strings, which the garbage collector stops tracking: the sets
        # of 16,384 cached views were half the objects every full collection walked.)
        self.by_prefix = _grouped((s for s in self.stems if len(s) >= 4), 4)
        self.raw5 = _grouped((w for w in ws if len(w) >= 5 and w.isalpha()), 5)
        # Runs of words are found in the words written without spaces, at word boundaries
        # ("powerapps" in "Power Apps", "power bi" in "PowerBI"), raw and stemmed.
        self._squashed = ("".join(ws), "".join(stems))
        self._bounds = (_offsets(ws), _offsets(stems))

    def _run(self, key: str) -> bool:
        for squashed, bounds in zip(self._squashed, self._bounds, strict=True):
            start = squashed.find(key)
            while start != -1:
                if start in bounds and start + len(key) in bounds:
                    return True
                start = squashed.find(key, start + 1)
        return False

    def has(self, term: Term) -> bool:
        """True when the text mentions the term."""
        for spelling in term.exact:
            if re.search(rf"(?<![\w.]){re.escape(spelling)}(?![\w])", self.text):
                return True
        for s in term.stems:
            if s in self.stems:
                return True
            if len(s) >= 4 and (not term.loose or s in term.loose):
                for other in self.by_prefix.get(s[:4], ()):
                    if related(s, other):
                        return True
        if term.compound:
            # Names may be written with or without spaces ("PowerApps", "Power Apps"); a plain
            # one-word term was settled by its stem above.
            for run in term.runs:
                if self._run(run):
                    return True
        for w in term.raw:
            # The stemmer cuts "embed" to "emb" but "embedded" to "embed": compare the words.
            for other in self.raw5.get(w[:5], ()):
                # An ending, not another word: "embedded" is "embed", "PowerShell" is not
                # "Power".
                if (other.startswith(w) or w.startswith(other)) and abs(
                        len(other) - len(w)) <= 3:
                    return True
        return False

    def spelling_of(self, term: Term) -> str | None:
        """Which of the term's spellings the text uses (for "the doc says Flow")."""
        for spelling in term.spellings:
            ws = words(spelling)
            if self._run("".join(ws)) or self._run("".join(stem(w) for w in ws)):
                return spelling
        return None


def _grouped(items: Iterable[str], size: int) -> dict[str, tuple[str, ...]]:
    """The distinct items by their first ``size`` characters."""
    groups: dict[str, dict[str, None]] = {}
    for item in items:
        groups.setdefault(item[:size], {})[item] = None
    return {start: tuple(group) for start, group in groups.items()}


def _offsets(seq: list[str]) -> frozenset[int]:
    out = [0]
    for item in seq:
        out.append(out[-1] + len(item))
    return frozenset(out)


@lru_cache(maxsize=16384)
def view(text: str) -> TextView:
    """The (cached) view of a text."""
    return TextView(text)


def term_for(text: str, spellings: tuple[str, ...] = (), *, weight: float = 1.0,
             name: bool = False, current: str = "", former: tuple[str, ...] = (),
             asked: str = "") -> Term:
    """A term from its spellings (``text`` alone when none are given)."""
    spellings = spellings or (text,)
    stems: list[str] = []
    runs: list[str] = []
    exact: list[str] = []
    for spelling in spellings:
        ws = words(spelling)
        if not ws:
            continue
        if len(ws) == 1 and ws[0] in STOP_WORDS:
            exact.append(spelling.upper() if len(spelling) <= 4 else spelling)
            continue
        if len(ws) == 1:
            stems.append(stem(ws[0]))
            runs.append(ws[0])
        else:
            runs.append("".join(ws))
            runs.append("".join(stem(w) for w in ws))
    raw = tuple(r for r in runs if len(r) >= 5 and r.isalpha() and " " not in r
                and r in {w for s in spellings for w in words(s)})
    # Synonyms of the word as asked are matched by their own stems only.
    loose = tuple(stem(w) for w in words(asked)) if asked and len(spellings) > 1 else ()
    return Term(text=text, stems=tuple(dict.fromkeys(stems)), runs=tuple(dict.fromkeys(runs)),
                weight=weight, name=name, current=current, former=former,
                spellings=tuple(spellings), raw=raw, exact=tuple(dict.fromkeys(exact)),
                compound=name or bool(former) or len(spellings) > 1
                or any(len(words(sp)) > 1 for sp in spellings), asked=asked or text,
                loose=loose)
