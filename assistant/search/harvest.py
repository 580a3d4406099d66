"""What an answerer needs of the whole corpus, worked out when the index is built.

Each doc's names and about-stems are derived once, when the doc is indexed (``doc_names``),
and kept in its store row. At the end of a build they are gathered into what an answerer
reads at its start, so that a question on a large index pays only for what it looks up:

* ``meta.corpus_names``: every doc's names merged (first spelling of a name wins, as the
  answerer's name table takes them), one JSON record read in one go;
* ``about``: for each stem of a title or description, the numbers of the docs that have it
  (a doc's number is its place among all docs by path), read one stem at a time;
* ``doc_order``: the path of each number.

A build that changed only docs whose names and stems are as they were (the usual edit of a
doc's text) keeps all three as they are; any other build gathers them again from the rows
(a fraction of a second on a large corpus).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Mapping

from ..doc_names import DocNames, merge
from .store import Store

# Doc numbers are stored as little-endian unsigned 32-bit integers.
_NUMBER = "I"
_SWAP = sys.byteorder != "little"


def names_of_docs(store: Store, paths: list[str]) -> dict[str, str | None]:
    """The stored names record (JSON) of each of ``paths`` (None: not indexed)."""
    out: dict[str, str | None] = dict.fromkeys(paths)
    for start in range(0, len(paths), 500):
        chunk = paths[start:start + 500]
        marks = ",".join("?" * len(chunk))
        out.update(store.db.execute(f"SELECT path, names FROM docs WHERE path IN ({marks})",
                                    chunk))
    return out


def gather(store: Store, before: Mapping[str, str | None] | None = None) -> None:
    """Store what the answerer reads, from the doc rows. ``before``: the names records of the
    docs a build re-indexed, as they were before it (None: a full build, or docs added or
    removed): when each is as it was, what is stored already holds."""
    if before is not None and (not before or names_of_docs(store, list(before)) == before):
        return
    rows = store.db.execute("SELECT path, names FROM docs ORDER BY path").fetchall()
    records: list[tuple[str, DocNames]] = []
    postings: dict[str, array] = {}
    for number, (path, names) in enumerate(rows):
        if names is None:
            continue
        record = DocNames.from_json(json.loads(names))
        records.append((path, record))
        for stem in record.about:
            if stem:
                postings.setdefault(stem, array(_NUMBER)).append(number)
    merged = _first_spellings(merge(record for _, record in records).to_json())
    store.set_meta("corpus_names", json.dumps(merged, ensure_ascii=False))
    store.db.execute("DELETE FROM about")
    store.db.execute("DELETE FROM doc_order")
    store.db.executemany("INSERT INTO about VALUES (?, ?)",
                         ((stem, _pack(numbers)) for stem, numbers in postings.items()))
    store.db.executemany("INSERT INTO doc_order VALUES (?, ?)",
                         ((number, path) for number, (path, _) in enumerate(rows)))


def _first_spellings(record: dict[str, list[str]]) -> dict[str, list[str]]:
    """The merged record with only the first name of each key (the answerer's name table
    keeps the first spelling it meets of a name: the others would only be read)."""
    names, labels, keys = record["n"], record["l"], record["k"]
    seen: set[str] = set()
    kept_names: list[str] = []
    kept_labels: list[str] = []
    kept_keys: list[str] = []
    for position, (key, name) in enumerate(zip(keys, [*names, *labels], strict=True)):
        if key in seen:
            continue
        seen.add(key)
        (kept_names if position < len(names) else kept_labels).append(name)
        kept_keys.append(key)
    return {"n": kept_names, "l": kept_labels, "w": record["w"], "k": kept_keys}


def _pack(numbers: array) -> bytes:
    if _SWAP:
        numbers.byteswap()
    return numbers.tobytes()


def unpack(blob: bytes) -> array:
    """Doc numbers back from the ``about`` table, ascending."""
    numbers = array(_NUMBER)
    numbers.frombytes(blob)
    if _SWAP:
        numbers.byteswap()
    return numbers


def read_names(store: Store) -> DocNames | None:
    """The merged names (None: the index keeps none)."""
    data = store.get_meta("corpus_names")
    return None if data is None else DocNames.from_json(json.loads(data))
