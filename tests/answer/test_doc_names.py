"""The names a doc offers are worked out when it is indexed, and an answerer reads them back
instead of working them out from every table at start-up (the same names either way)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.answer.names import NameTable
from assistant.doc_names import DocNames, names_of
from assistant.lexicon import load_lexicon
from assistant.parse import parse_text
from assistant.search import Index, build_index, generations, integrity

REPO = Path(__file__).resolve().parents[2]

DOC = """---
title: Contoso regions
description: Where Contoso keeps data.
---

# Contoso regions

| Region | Geo |
| --- | --- |
| Contoso North (Oslo, Bergen) | Europe |
| `--region-flag` | 42 |

Contoso will not move data outside the geo, except when:

- **Fabrikam Reports**: reports may be sent to the United States.
"""


def test_a_doc_offers_its_cells_labels_words_and_about_stems() -> None:
    record = names_of(parse_text(DOC, "contoso.md"))
    assert {"Contoso North", "Oslo, Bergen", "Europe"} <= set(record.names)
    assert "--region-flag" not in record.names and "42" not in record.names  # code, numbers
    assert "Fabrikam Reports" in record.labels
    assert {"region", "geo", "contoso", "oslo"} <= set(record.words)
    assert {"contoso", "region", "keep"} <= set(record.about)
    assert DocNames.from_json(record.to_json()) == record


def _table_from(harvest) -> NameTable:
    table = NameTable(load_lexicon())
    harvest(table)
    return table


def test_stored_names_give_the_name_table_a_harvest_gives(tmp_path: Path) -> None:
    index_dir = str(tmp_path / "index")
    build_index([str(REPO / "corpus")], index_dir, jobs=1)
    with Index.open(index_dir) as index:
        names = index.corpus_names()
        stored = _table_from(lambda t: t.add_doc_names(names))
        infos = index.documents()  # (a doc's number: its place among them)
        assert index.numbered_docs(range(len(infos))) == dict(enumerate(infos))

        def harvest(t: NameTable) -> None:
            t.add_tables([table for _, table in index.tables()])
            t.add_exception_lists([exc for _, exc in index.exception_lists()])
            for info in index.documents():
                t.add_words(info.title)

        harvested = _table_from(harvest)
    # (Stored names become concepts when a question names them: compared by lookup.)
    for concept in harvested.concepts:
        for name in concept.names:
            found = stored.lookup(name)
            assert found is not None and found.names == concept.names, name
    assert len(stored.concepts) == len(harvested.concepts)
    assert stored.vocabulary == harvested.vocabulary


def test_an_index_that_keeps_no_names_says_so(tmp_path: Path) -> None:
    index_dir = str(tmp_path / "index")
    build_index([str(REPO / "corpus")], index_dir, jobs=1)
    store = Path(generations.current_dir(index_dir) or "", generations.STORE)
    with sqlite3.connect(store) as db:  # as an index built before names were kept
        db.execute("DELETE FROM meta WHERE key = 'corpus_names'")
    integrity.record(str(store.parent))  # as that build wrote it (else: a damaged store)
    with Index.open(index_dir) as index, pytest.raises(LookupError):
        index.corpus_names()
