"""The names and words a doc offers the answerer, derived once, when the doc is indexed.

Table cells (and the names listed in them), exception labels, header cells, exception texts
and titles are what a question's multi-word names and misspellings are matched against. Working
them out from every table of a large corpus took seconds at every start; the index stores each
doc's :class:`DocNames` when it indexes the doc (so a rebuild redoes only the changed docs), and
an answerer reads them all in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Document, ExceptionItem
from .words import STOP_WORDS, key, stem, words

# A cell or label longer than this is prose, not a name.
_MAX_CELL_WORDS = 6
# A cell of more words than this that ends a sentence is prose, not a list of names.
_PROSE_WORDS = 12
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*")
_CODE = re.compile(r"^\s*[-$@/\\]|[_=<>{}\[\]|`$]|\(\)|::|^[a-z]+[A-Z]")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*;\s*|\s*/\s*")




@dataclass(frozen=True, slots=True)
class DocNames:
    """What one doc (or a whole corpus) offers for names."""

    names: tuple[str, ...] = ()
    """Names from table cells, each worth matching as a unit."""
    labels: tuple[str, ...] = ()
    """Names from exception labels (after every table's: a table's spelling wins)."""
    words: tuple[str, ...] = ()
    """Words the doc uses (for mending misspellings), without making names of them."""
    about: tuple[str, ...] = ()
    """Stems of its title and description (which docs are *about* a product)."""
    keys: tuple[str, ...] = ()
    """The spelling-insensitive key of each name, then of each label (worked out once)."""

    def to_json(self) -> dict[str, list[str]]:
        """Compact JSON data (the index stores it per doc)."""
        return {"n": list(self.names), "l": list(self.labels), "w": list(self.words),
                "a": list(self.about), "k": list(self.keys)}

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> DocNames:
        """The record back from :meth:`to_json` data."""
        return cls(tuple(data.get("n", ())), tuple(data.get("l", ())),
                   tuple(data.get("w", ())), tuple(data.get("a", ())),
                   tuple(data.get("k", ())))

    def keyed(self) -> list[tuple[str, str]]:
        """(key, name) of every name, then every label."""
        names = (*self.names, *self.labels)
        keys = self.keys if len(self.keys) == len(names) else tuple(key(n) for n in names)
        return list(zip(keys, names, strict=True))


def names_of(doc: Document) -> DocNames:
    """The names, words and about-stems of one doc."""
    names: dict[str, None] = {}
    labels: dict[str, None] = {}
    vocabulary: dict[str, None] = {}

    def use_words(text: str) -> None:
        vocabulary.update(dict.fromkeys(w for w in words(text) if w.isalpha()))

    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                for name in split_names(cell):
                    if is_name(name):
                        names.setdefault(name, None)
                        use_words(name)
        for cell in table.header:
            use_words(cell)

    def walk(items: tuple[ExceptionItem, ...]) -> None:
        for item in items:
            if item.label:
                for name in label_names(item.label):
                    if is_name(name):
                        labels.setdefault(name, None)
                        use_words(name)
            use_words(item.text)
            walk(item.items)

    for exc in doc.exception_lists:
        use_words(exc.rule)
        walk(exc.items)
    use_words(doc.title)
    about = about_stems(doc.title, doc.description)
    keys = tuple(key(n) for n in (*names, *labels))
    return DocNames(tuple(names), tuple(labels), tuple(vocabulary), about, keys)


def about_stems(title: str, description: str) -> tuple[str, ...]:
    """The stems of a doc's title and description, each once (which docs are *about* a
    product the question names)."""
    return tuple(dict.fromkeys(stem(w) for w in words(f"{title} {description}")
                               if w not in STOP_WORDS))


def merge(records: Iterable[DocNames]) -> DocNames:
    """Many docs' records as one (names in first-seen order, each once; about-stems are per
    doc and are not merged)."""
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    vocabulary: set[str] = set()
    for record in records:
        pairs = record.keyed()
        for k, name in pairs[:len(record.names)]:
            names.setdefault(name, k)
        for k, name in pairs[len(record.names):]:
            labels.setdefault(name, k)
        vocabulary.update(record.words)
    return DocNames(tuple(names), tuple(labels), tuple(sorted(vocabulary)),
                    keys=(*names.values(), *labels.values()))


def is_name(name: str) -> bool:
    """A cell's text that can name something a user asks about: not a number, not code (a
    command-line option, a variable, a path), not function words only."""
    k = key(name)
    if len(k) < 3 or k.isdigit() or _CODE.search(name):
        return False
    tokens = words(name)
    return bool(tokens) and not all(t in STOP_WORDS for t in tokens)


def split_names(cell: str) -> list[str]:
    """The names in a cell or label: list items split, parentheticals apart
    (``"West US (Quincy, WA), East US"`` -> ``West US``, ``Quincy, WA``, ``East US``). A cell
    of prose (sentences: a description) names nothing, though its clauses are short."""
    if is_prose(cell):
        return []
    out: list[str] = []
    for item in split_items(cell):
        inner = _PARENTHETICAL.findall(item)
        base = _PARENTHETICAL.sub(" ", item).strip()
        for part in (base, *inner):
            part = part.strip(" .:")
            if part and len(part.split()) <= _MAX_CELL_WORDS:
                out.append(part)
    return out


def is_prose(cell: str) -> bool:
    """A cell of sentences (a description), not of names."""
    text = cell.strip()
    return len(text.split()) > _PROSE_WORDS and (text.endswith(".") or ". " in text)


def split_items(cell: str) -> list[str]:
    """A cell split at commas that are not inside parentheses (``"A (x, y), B"`` -> A, B)."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in cell:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    out = []
    for item in items:
        item = re.sub(r"^\s*(?:and|or)\s+", "", item.strip())
        if item:
            out.append(item)
    return out


def label_names(label: str) -> list[str]:
    """Names in an exception label (``"Microsoft Power BI, Microsoft PowerApps, and Microsoft
    Flow"``), each with and without a leading ``Microsoft``."""
    out = []
    for part in _LIST_SPLIT.split(label):
        part = part.strip(" .:")
        if not part or len(part.split()) > _MAX_CELL_WORDS:
            continue
        out.append(part)
        if part.lower().startswith("microsoft ") and len(part.split()) > 1:
            out.append(part.split(" ", 1)[1])
    return out
