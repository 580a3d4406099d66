"""Each stage of the answer pipeline alone, on small in-memory models: no index.

Readers get a :class:`ReadContext` built from docs parsed from a string; the decision gets
hand-made candidates.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields, replace

import pytest

from assistant.answer import weights as weights_module
from assistant.answer.decide import decide
from assistant.answer.evidence import Candidate, Source
from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.answer.readers import READERS, RankedDoc, ReadContext, read_all
from assistant.answer.readers import exceptions as exception_reader
from assistant.answer.readers import sentences as sentence_reader
from assistant.answer.readers import tables as table_reader
from assistant.answer.tables import TableCache
from assistant.answer.weights import DEFAULT_WEIGHTS, Weights
from assistant.lexicon import load_lexicon
from assistant.parse import parse_text
from assistant.passages import passages_of

DOC = """---
title: Data handling in Contoso Cloud
description: Where Contoso Cloud keeps data and how it protects it.
---

# Data handling in Contoso Cloud

## Encryption

Contoso Cloud loads actively processed data into the memory space. The processed data in
memory is not encrypted.

Backups are kept for 7 days.

## Data location

Contoso Cloud will not transfer customer data outside the selected geo, except when:

- Fabrikam Reports is used, which may transfer data to the United States.
- Support staff need it to resolve a case.

## Regions

| Geo | Region |
| --- | --- |
| Europe | Contoso North |
| Asia | Contoso East |
"""


@pytest.fixture(scope="module")
def names() -> NameTable:
    table = NameTable(load_lexicon())
    doc = parse_text(DOC, "contoso.md")
    table.add_tables(list(doc.tables))
    table.add_exception_lists(list(doc.exception_lists))
    table.add_words(doc.title)
    return table


def _context(question: str, names: NameTable, text: str = DOC,
             weights: Weights = DEFAULT_WEIGHTS) -> ReadContext:
    doc = parse_text(text, "contoso.md")
    q = analyse(question, names, weights=weights)
    passages = tuple(passages_of(doc))
    return ReadContext(q, passages, (RankedDoc(0, doc),), {doc.path: doc.description},
                       weights, TableCache())


def _best(candidates: list[Candidate]) -> Candidate:
    assert candidates
    return max(candidates, key=lambda c: c.strength)


def test_the_sentence_reader_reads_polarity_where_the_sentence_speaks_of_the_question(
        names: NameTable) -> None:
    best = _best(sentence_reader.read(_context("Is data in memory encrypted?", names)))
    assert best.verdict == "no"
    assert "not encrypted" in best.said
    assert best.kind == "statement"
    assert not best.said.startswith(("Yes", "No")), "the lead is added when composing"


def test_the_sentence_reader_states_a_fact_for_a_wh_question(names: NameTable) -> None:
    best = _best(sentence_reader.read(_context("How long are backups kept?", names)))
    assert best.verdict == "answer"
    assert "7 days" in best.said


def test_the_exception_reader_answers_an_item_against_its_rule(names: NameTable) -> None:
    found = exception_reader.read(_context("Can Fabrikam Reports move data out of the geo?",
                                           names))
    best = _best(found)
    assert best.verdict == "yes"
    assert best.kind == "exception"
    assert "Fabrikam Reports" in best.said
    # The item and its rule are both cited.
    assert {s.line_start for s in best.sources} >= {17, 19}


def test_the_exception_reader_leaves_wh_questions_to_the_sentences(names: NameTable) -> None:
    assert exception_reader.read(_context("Where is customer data kept?", names)) == []


def test_the_table_reader_looks_up_a_named_row(names: NameTable) -> None:
    best = _best(table_reader.read(_context("Which geo is Contoso North in?", names)))
    assert best.verdict == "answer"
    assert "Europe" in best.said
    assert best.sources[0].line_start == 26  # the "Europe | Contoso North" row


def test_the_table_reader_reads_edited_cells_in_one_process(names: NameTable) -> None:
    cache = TableCache()
    first = _context("Which geo is Contoso North in?", names)
    first = replace(first, tables=cache)
    assert "Europe" in _best(table_reader.read(first)).said
    renamed = DOC.replace("Contoso North", "Wingtip West")
    names.add_tables(list(parse_text(renamed, "contoso.md").tables))
    second = replace(_context("Which geo is Wingtip West in?", names, renamed), tables=cache)
    assert "Europe" in _best(table_reader.read(second)).said


def test_readers_are_registered_in_one_ordered_list(names: NameTable) -> None:
    assert [name for name, _ in READERS] == ["sentences", "exception lists", "tables"]
    context = _context("Can Fabrikam Reports move data out of the geo?", names)
    pooled = read_all(context)
    assert [c.kind for c in pooled] == sorted(
        (c.kind for c in pooled),
        key=lambda k: {"statement": 0, "contrast": 0, "exception": 1, "rule": 1, "table": 2}[k])
    assert read_all(context, READERS[:1]) == sentence_reader.read(context)


def _candidate(verdict, coverage, strength=None, kind="statement", line=1, doc="a.md"):
    source = Source(path=doc, doc_path=doc, title="T", section="S", line_start=line,
                    line_end=line, quote=f"quote {line}")
    return Candidate(verdict, coverage if strength is None else strength, coverage, (source,),
                     f"said {line}", doc, kind)


def _docs(_path: str):
    return None


def test_the_decision_takes_the_strongest_settling_candidate(names: NameTable) -> None:
    q = analyse("Is data in memory encrypted?", names)
    weak = _candidate("yes", 0.9, 0.9, line=1)
    strong = _candidate("no", 0.95, 1.0, line=2)
    decision = decide(q, [weak, strong], DEFAULT_WEIGHTS, _docs)
    assert decision.tier == "sure"
    assert decision.best is strong
    assert decision.others == (weak,)


def test_the_decision_says_none_below_the_settling_bar(names: NameTable) -> None:
    q = analyse("Is data in memory encrypted?", names)
    low = _candidate("yes", DEFAULT_WEIGHTS.settle - 0.01)
    assert decide(q, [low], DEFAULT_WEIGHTS, _docs).best is None
    # The bar is a weight: lowered, the same candidate settles.
    lowered = Weights(settle=0.5)
    assert decide(q, [low], lowered, _docs).best is low


def test_an_only_inference_yields_to_explicit_evidence(names: NameTable) -> None:
    q = analyse("Can production environments be reset?", names)
    inference = _candidate("no", 0.9, 1.2, kind="contrast", line=1)
    explicit = _candidate("yes", 0.85, 0.9, kind="table", line=2)
    assert decide(q, [inference, explicit], DEFAULT_WEIGHTS, _docs).best is explicit
    far = _candidate("yes", 0.7, 0.7, kind="table", line=3)
    assert decide(q, [inference, far], DEFAULT_WEIGHTS, _docs).best is inference


def test_a_rule_read_with_its_exceptions_replaces_the_same_rule_read_flat(
        names: NameTable) -> None:
    q = analyse("Will Contoso transfer data outside the geo?", names)
    flat = _candidate("no", 0.9, 1.0, kind="statement", line=17)
    rule = _candidate("no", 0.9, 0.95, kind="rule", line=17)
    assert decide(q, [flat, rule], DEFAULT_WEIGHTS, _docs).best is rule


def test_every_weight_has_a_reason() -> None:
    """Each field of Weights is followed by its docstring (the reason for the number)."""
    tree = ast.parse(inspect.getsource(weights_module))
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef)
                and n.name == "Weights").body
    reasons = {}
    for here, after in zip(body, body[1:], strict=False):
        if isinstance(here, ast.AnnAssign) and isinstance(here.target, ast.Name):
            documented = (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                          and isinstance(after.value.value, str) and after.value.value.strip())
            reasons[here.target.id] = bool(documented)
    assert set(reasons) == {f.name for f in fields(Weights)}
    assert all(reasons.values()), [k for k, v in reasons.items() if not v]
