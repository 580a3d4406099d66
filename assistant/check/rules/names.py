"""XD603: a name one or two edits away from a name the corpus uses more often.

Names are compared only with names of the same *role*, which keeps real differences ("Japan
East" and "Japan West", "Policy" and "Policies") apart from typos ("Framce" and "France"):

- region and geo cells of region tables share one role (a geo's name often starts its
  regions' names: "France", "France Central");
- every other table column is a role of its own, keyed by its header text.

A word (five letters or more) or a whole name is reported when a name of the same role is
one edit away (two for words of nine letters or more), is written at least twice as often,
and the difference is not a suffix ("Sale"/"Sales"), digits ("Windows 10"/"Windows 11") or
letter case. The odd word must also be rare in its role (in at most two distinct names):
a word used across many names is a word, not a slip.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ..registry import Hit, collector, corpus_rule
from ..source import DocContext
from .regions import _columns, region_names

_PLACE_ROLE = "region and geo cells"
_NAME = re.compile(r"^[^\W\d_][\w&+'’\- ]*$")
_MAX_NAME_WORDS = 6
_MIN_WORD = 5
_LONG_WORD = 9
_MIN_NAME = 6
_MAX_NAMES_WITH_WORD = 2
_MIN_RATIO = 2
_NAMED_THINGS = re.compile(
    r"\b(products?|services?|apps?|applications?|offerings?|countr(?:y|ies)|locations?|"
    r"clouds?|markets?|geos?|geograph\w*|regions?|datacent\w*|languages?)\b", re.IGNORECASE)
# Typos keep the first letter and happen inside a word; a difference in the last two
# letters is an inflection ("Required", "Requires").
_INFLECTION_TAIL = 2


def _header_role(header: str) -> str:
    """The role of a column: its header's words, when the header names things that have
    proper names (products, places); empty for other columns (field labels, descriptions),
    whose ordinary words differ by an edit all the time ("Requires", "Required")."""
    if not _NAMED_THINGS.search(header):
        return ""
    return " ".join(re.findall(r"[^\W_]+", header.lower()))


def _clean(cell: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", cell).split())


@collector("names")
def collect_names(ctx: DocContext) -> list[tuple[str, str, int, int]] | None:
    """(role, name, line, col) of every name-like table cell written in this doc."""
    found: list[tuple[str, str, int, int]] = []
    for table in ctx.doc.tables:
        if table.path != ctx.path:
            continue
        region_col, geo_col = _columns(table)
        roles = [_header_role(h) for h in table.header]
        for row, lines, row_line in zip(table.rows, table.cell_lines, table.row_lines,
                                        strict=True):
            for col, cell in enumerate(row):
                if lines[col] != row_line or not cell:
                    continue  # carried down from the row above: counted there
                if col == region_col:
                    role, names = _PLACE_ROLE, region_names(cell)
                elif col == geo_col:
                    role, names = _PLACE_ROLE, [_clean(cell)]
                elif roles[col]:
                    role, names = "column " + roles[col], [_clean(cell)]
                else:
                    continue
                raw = ctx.lines[row_line - 1] if 0 < row_line <= len(ctx.lines) else ""
                for name in names:
                    if _NAME.match(name) and len(name.split()) <= _MAX_NAME_WORDS:
                        # Most names are written as they read; else point at the first word.
                        at = raw.find(name)
                        at = raw.find(name.split()[0]) if at < 0 else at
                        found.append((role, name, row_line, at + 1 if at >= 0 else 1))
    return found or None


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _deletes(word: str, depth: int) -> set[str]:
    keys = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        keys |= frontier
    return keys


def _different_enough(a: str, b: str) -> bool:
    """False for pairs that differ in a legitimate way: case, a suffix or inflection, digits,
    or their first letter (typos keep it; "Notes" and "Votes" are two words)."""
    la, lb = a.lower(), b.lower()
    if la == lb or la.startswith(lb) or lb.startswith(la) or la[0] != lb[0]:
        return False
    first_difference = next(i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y)
    if first_difference >= min(len(la), len(lb)) - _INFLECTION_TAIL:
        return False
    if any(ch.isdigit() for ch in set(la) ^ set(lb)):
        return False
    return sum(ch.isdigit() for ch in la) == sum(ch.isdigit() for ch in lb)


def _similar(vocabulary: Counter[str], min_length: int, long_length: int | None
             ) -> dict[str, str]:
    """rare -> common for pairs of the vocabulary within the edit limit."""
    index: dict[str, set[str]] = defaultdict(set)
    keys_of: dict[str, set[str]] = {}
    for item in vocabulary:
        if len(item) < min_length:
            continue
        depth = 2 if long_length is not None and len(item) >= long_length else 1
        keys_of[item] = _deletes(item.lower(), depth)
        for key in keys_of[item]:
            index[key].add(item)
    pairs: dict[str, str] = {}
    for rare, keys in keys_of.items():
        count = vocabulary[rare]
        best: str | None = None
        for key in keys:
            for common in index[key]:
                if common == rare or vocabulary[common] < _MIN_RATIO * count:
                    continue
                limit = 2 if long_length and min(len(rare), len(common)) >= long_length else 1
                if (_different_enough(rare, common)
                        and _distance(rare.lower(), common.lower(), limit) <= limit
                        and (best is None or vocabulary[common] > vocabulary[best])):
                    best = common
        if best is not None:
            pairs[rare] = best
    return pairs


@corpus_rule("XD603", "near-duplicate-name", "warning", collector="names")
def near_duplicate_name(facts: list[tuple[str, Any]]) -> Iterator[Hit]:
    """A name one or two edits away from a name used more often in the same kind of cell.

    Why it matters: a misspelt region or product ("Framce South") is a wrong fact: it cannot
    be searched for, and readers cannot tell whether it is a different thing.

    Compared: region and geo names of region tables with each other, and the cells of every
    other table column with cells of columns of the same header elsewhere in the corpus. The
    common spelling must be written at least twice as often, and the odd word must appear in
    at most two distinct names (so "Japan East" and "Japan West" are never confused).

    Example::

        | France | France Central (Paris)   |
        |        | Framce South (Marseille) |

    Instead::

        |        | France South (Marseille) |
    """
    by_role: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for path, rows in facts:
        for role, name, line, col in rows:
            by_role[role].append((name, path, line, col))
    for role in sorted(by_role):
        yield from _role_findings(role, by_role[role])


def _role_findings(role: str, rows: list[tuple[str, str, int, int]]) -> Iterator[Hit]:
    names: Counter[str] = Counter(name for name, *_ in rows)
    words: Counter[str] = Counter()
    names_with: dict[str, set[str]] = defaultdict(set)
    for name, count in names.items():
        for word in name.split():
            # Proper names only: capitalised, not an acronym.
            if word.isalpha() and word[0].isupper() and not word.isupper():
                words[word] += count
                names_with[word].add(name)
    first_at: dict[str, tuple[str, int]] = {}
    for name, path, line, _ in sorted(rows, key=lambda r: (r[1], r[2])):
        first_at.setdefault(name, (path, line))
        for word in name.split():
            first_at.setdefault("\0" + word, (path, line))

    word_pairs = {
        rare: common for rare, common in _similar(words, _MIN_WORD, _LONG_WORD).items()
        if len(names_with[rare]) <= _MAX_NAMES_WITH_WORD
    }
    name_pairs = {
        rare: common for rare, common in _similar(names, _MIN_NAME, None).items()
        if any(len(names_with.get(w, ())) <= _MAX_NAMES_WITH_WORD
               for w in set(rare.split()) - set(common.split()))
    }
    for name, path, line, col in rows:
        odd = next((w for w in name.split() if w in word_pairs), None)
        if odd is not None:
            common = word_pairs[odd]
            where = first_at["\0" + common]
            fixed = " ".join(common if w == odd else w for w in name.split())
            yield Hit(line, col,
                      f"{odd!r} in {name!r} looks like a misspelling of {common!r} (written "
                      f"{words[common]} times in {role}, e.g. {where[0]}:{where[1]})",
                      fix=fixed, path=path, related=(where[0],))
        elif name in name_pairs:
            common = name_pairs[name]
            where = first_at[common]
            yield Hit(line, col,
                      f"{name!r} looks like a misspelling of {common!r} (written "
                      f"{names[common]} times in {role}, e.g. {where[0]}:{where[1]})",
                      fix=common, path=path, related=(where[0],))
