"""Caches belong to the object that owns their data: a rebuilt index read by a new Answerer
in the same process (the app after ctrl+r) answers from the new text."""

from __future__ import annotations

from pathlib import Path

from assistant.answer import Answerer
from assistant.config import Config
from assistant.search import Index, build_index

DOC = """---
title: Contoso regions
---

# Contoso regions

## Where each region is

| Region | Geo |
| --- | --- |
| Contoso North | Europe |
| Contoso East | Asia |
"""


def test_a_table_edited_and_rebuilt_is_read_anew_in_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    doc = corpus / "regions.md"
    doc.write_text(DOC, encoding="utf-8")
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    with Index.open(index_dir) as index:
        before = Answerer(index, config=Config()).ask("Which geo is Contoso North in?")
    assert before.verdict == "answer" and "Europe" in before.answer

    doc.write_text(DOC.replace("Contoso North", "Wingtip West"), encoding="utf-8")
    build_index([str(corpus)], index_dir, jobs=1)
    with Index.open(index_dir) as index:
        after = Answerer(index, config=Config()).ask("Which geo is Wingtip West in?")
    assert after.verdict == "answer", after
    assert "Europe" in after.answer
    assert after.citations[0].line_start == 11  # the renamed row
