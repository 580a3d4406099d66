"""Names: what the lexicon says is the same thing, and what the corpus calls things.

A *concept* is a set of names meaning one thing (a synonym group merged with the renames that
share a name: Flow / Microsoft Flow / Power Automate). The corpus adds names of its own, read
from table cells, exception labels and titles, so that a question's multi-word names are seen
as one unit and its misspellings can be mended against words the docs really use.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..doc_names import DocNames, is_name, label_names, split_names
from ..lexicon import Lexicon
from ..model import ExceptionItem, ExceptionList, Table
from .text import NEGATIONS, STOP_WORDS, key, stem, words

# Longest name (in words) looked for in a question.
MAX_NAME_WORDS = 6
@dataclass(frozen=True, slots=True)
class Concept:
    """Names that mean one thing."""

    names: tuple[str, ...]
    """Every spelling, the preferred (current) one first."""
    current: str
    """The name to use in answers (the new name of a renamed product)."""
    former: tuple[str, ...] = ()
    """Former names, when the lexicon records a rename."""
    from_lexicon: bool = True
    """False for names found only in the corpus."""


def stem_string(text: str) -> str:
    """Every word of ``text`` stemmed, joined by single spaces, with spaces around."""
    return " " + " ".join(stem(w) for w in words(text)) + " "


class NameTable:
    """Lexicon concepts plus corpus names, looked up by spelling-insensitive key."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.concepts: list[Concept] = []
        self._by_key: dict[str, int] = {}
        # The lexicon's names of several words, by the stems of their words: "turned on" is
        # "turn on", "signed in" is "sign in".
        self._by_stems: dict[str, int] = {}
        self._corpus: dict[str, str] = {}
        """Names the index harvested, by key, made concepts when a question names them."""
        self.vocabulary: set[str] = set()
        self._buckets: dict[tuple[str, int], list[str]] | None = None
        self._stems: set[str] = set()
        self._add_lexicon(lexicon)

    # -- building -------------------------------------------------------------------------
    def _add_lexicon(self, lexicon: Lexicon) -> None:
        groups: list[tuple[list[str], str, list[str]]] = []  # (names, current, former)
        for group in lexicon.synonyms:
            groups.append((list(group), group[0], []))
        for rename in lexicon.renames:
            groups.append(([rename.new, *rename.old], rename.new, list(rename.old)))
        # Merge groups that share a name (case-insensitively), so a rename and its synonym
        # group become one concept. (Each merged group keeps its names' keys: a group is
        # compared with every one before it.)
        merged: list[tuple[list[str], str, list[str]]] = []
        merged_keys: list[set[str]] = []
        for names, current, former in groups:
            keys = {key(n) for n in names}
            hit = [i for i, known in enumerate(merged_keys) if keys & known]
            if not hit:
                merged.append((list(names), current, list(former)))
                merged_keys.append(keys)
                continue
            target, target_keys = merged[hit[0]], merged_keys[hit[0]]
            for i in hit[1:]:
                target[0].extend(merged[i][0])
                target[2].extend(merged[i][2])
                target_keys |= merged_keys[i]
            for i in reversed(hit[1:]):
                del merged[i], merged_keys[i]
            target[0].extend(names)
            target[2].extend(former)
            target_keys |= keys
            if former:  # the rename's new name is the one to speak of
                merged[hit[0]] = (target[0], current, target[2])
        for names, current, former in merged:
            seen: dict[str, str] = {}
            for n in [current, *names]:
                seen.setdefault(key(n), n)
            for n in list(seen.values()):
                # "Microsoft Copilot Studio" is asked of as "Copilot Studio" too.
                bare = n.split(" ", 1)[1] if n.startswith("Microsoft ") else ""
                if bare and not bare[0].isdigit():
                    seen.setdefault(key(bare), bare)
            self._add(Concept(tuple(seen.values()), current,
                              tuple(dict.fromkeys(f for f in former if key(f) != key(current)))))

    def _add(self, concept: Concept) -> int:
        index = len(self.concepts)
        self.concepts.append(concept)
        for name in concept.names:
            self._by_key.setdefault(key(name), index)
            self.vocabulary.update(words(name))
            if concept.from_lexicon and len(words(name)) > 1:
                self._by_stems.setdefault(stem_string(name), index)
        self._buckets = None
        return index

    def add_corpus_name(self, name: str) -> None:
        """A name seen in the corpus (a table cell, a label): a unit of its own (not code: a
        command-line option, a variable or a path names nothing a user asks about)."""
        if is_name(name) and self._index(key(name)) is None:
            self._add(Concept((name,), name, from_lexicon=False))

    def add_doc_names(self, record: DocNames) -> None:
        """Names and words the index derived from the corpus (already split and screened:
        only a name the table does not know yet is added)."""
        corpus = self._corpus
        for k, name in record.keyed():
            corpus.setdefault(k, name)  # (a name the table knows wins: ``_index``)
        # (A corpus name's words are corpus words: the record lists them among its words.)
        self.vocabulary.update(record.words)
        self._buckets = None

    def add_words(self, text: str) -> None:
        """Words the corpus uses (for mending misspellings), without making names of them."""
        before = len(self.vocabulary)
        self.vocabulary.update(w for w in words(text) if w.isalpha())
        if len(self.vocabulary) != before:
            self._buckets = None

    def add_tables(self, tables: Iterable[Table]) -> None:
        """Every short cell of every table (and its parts) becomes a corpus name (an index
        built before names were stored per doc; see :meth:`add_doc_names`)."""
        for table in tables:
            for row in table.rows:
                for cell in row:
                    for name in split_names(cell):
                        self.add_corpus_name(name)
            for cell in table.header:
                self.add_words(cell)

    def add_exception_lists(self, lists: Iterable[ExceptionList]) -> None:
        """Exception labels (and their parts) become corpus names."""
        def walk(items: tuple[ExceptionItem, ...]) -> None:
            for item in items:
                if item.label:
                    for name in label_names(item.label):
                        self.add_corpus_name(name)
                self.add_words(item.text)
                walk(item.items)

        for exc in lists:
            self.add_words(exc.rule)
            walk(exc.items)

    # -- lookups --------------------------------------------------------------------------
    def lookup(self, phrase: str) -> Concept | None:
        """The concept one of whose names is spelt like ``phrase``."""
        index = self._index(key(phrase))
        return None if index is None else self.concepts[index]

    def _index(self, k: str) -> int | None:
        """The number of the concept named by key ``k`` (a harvested corpus name becomes one
        the first time it is asked for: tens of thousands are known, a few are asked)."""
        index = self._by_key.get(k)
        if index is None and k in self._corpus:
            # (Its words are among the corpus words already: the vocabulary stays.)
            name = self._corpus.pop(k)
            index = self._by_key[k] = len(self.concepts)
            self.concepts.append(Concept((name,), name, from_lexicon=False))
        return index

    def find(self, tokens: list[str], cased: list[str]) -> list[tuple[int, int, Concept]]:
        """Concepts named in a token list: (start, end, concept), longest names first, not
        overlapping. ``cased`` are the same tokens as written (an abbreviation that is also a
        common word, such as ``US``, only counts when written in capitals)."""
        found: list[tuple[int, int, Concept]] = []
        taken = [False] * len(tokens)
        for size in range(min(MAX_NAME_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                end = start + size
                if any(taken[start:end]):
                    continue
                phrase = tokens[start:end]
                if size == 1 and (phrase[0] in NEGATIONS or (
                        phrase[0] in STOP_WORDS and cased[start] != cased[start].upper())):
                    continue
                index = self._index("".join(phrase))
                if index is None and size > 1:
                    index = self._by_stems.get(stem_string(" ".join(phrase)))
                if index is None:
                    continue
                if not self.concepts[index].from_lexicon and len(
                        words(self.concepts[index].names[0])) != size:
                    # Only the lexicon's names may be written with other spacing ("Power
                    # Apps" / "PowerApps"): a table cell "--environmentConfiguration" is not
                    # "environment's configuration".
                    continue
                if all(t in STOP_WORDS for t in phrase) and (
                        not self.concepts[index].from_lexicon if size > 1
                        else cased[start] != cased[start].upper() or len(phrase[0]) > 3):
                    continue
                found.append((start, end, self.concepts[index]))
                for i in range(start, end):
                    taken[i] = True
        return sorted(found, key=lambda f: f[0])

    def mend(self, word: str, *, first: bool = False) -> str | None:
        """The corpus word ``word`` is most likely a misspelling of, or None. Only the first
        word of a question may turn into a function word ("Wich regions ...")."""
        if (word in self.vocabulary or word in STOP_WORDS or not word.isalpha()
                or len(word) < 4):
            return None
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
            for w in self.vocabulary | STOP_WORDS:
                if w.isalpha() and len(w) >= 4:
                    buckets[(w[0], len(w))].append(w)
            self._buckets = buckets
            self._stems = {stem(w) for w in self.vocabulary}
        if stem(word) in self._stems:
            return None  # another form of a word the corpus uses
        candidates: list[str] = []
        for length in range(len(word) - 1, len(word) + 2):
            candidates.extend(self._buckets.get((word[0], length), ()))
        if not first:
            candidates = [c for c in candidates if c not in STOP_WORDS]
        # One slip (a swapped pair, "whne"; a letter off) first: short words score low on
        # similarity ratios for the commonest typo of all.
        slips = [c for c in candidates if _within_one_edit(word, c)
                 and (len(word) >= 5 or sorted(c) == sorted(word))]
        if slips:
            return difflib.get_close_matches(word, slips, n=1, cutoff=0.0)[0]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
        return close[0] if close else None


def fuzzy_equal(a: str, b: str) -> bool:
    """Two words the same but for one slip (an edit or a swap), for words of 5+ letters."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or not (a.isalpha() and b.isalpha()):
        return False
    return _within_one_edit(a, b)


def _within_one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
