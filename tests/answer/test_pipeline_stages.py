"""Each stage of the answer pipeline alone, on small in-memory models: no index.

Readers get a :class:`ReadContext` built from docs parsed from a string; the decision gets
hand-made candidates.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields, replace

import pytest
from hand_made import candidate

from assistant.answer import weights as weights_module
from assistant.answer.decide import decide, key_terms
from assistant.answer.evidence import Candidate
from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.answer.readers import READERS, RankedDoc, ReadContext, read_all
from assistant.answer.readers import exceptions as exception_reader
from assistant.answer.readers import sentences as sentence_reader
from assistant.answer.readers import tables as table_reader
from assistant.answer.tables import TableCache
from assistant.answer.weights import DEFAULT_WEIGHTS, Weights
from assistant.doc_names import split_names
from assistant.lexicon import load_lexicon
from assistant.parse import parse_text
from assistant.passages import passages_of
from assistant.words import words

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
    assert [entry.name for entry in READERS] == ["sentences", "exception lists", "tables"]
    assert [entry.name for entry in READERS if entry.graded] == ["sentences"]
    context = _context("Can Fabrikam Reports move data out of the geo?", names)
    pooled = read_all(context)
    assert [c.kind for c in pooled] == sorted(
        (c.kind for c in pooled),
        key=lambda k: {"statement": 0, "contrast": 0, "exception": 1, "rule": 1, "table": 2}[k])
    assert read_all(context, READERS[:1]) == sentence_reader.read(context)


def _docs(_path: str):
    return None


def test_the_decision_takes_the_strongest_settlingcandidate(names: NameTable) -> None:
    q = analyse("Is data in memory encrypted?", names)
    weak = candidate("yes", 0.9, 0.9, line=1, q=q)
    strong = candidate("no", 0.95, 1.0, line=2, q=q)
    decision = decide(q, [weak, strong], DEFAULT_WEIGHTS, _docs)
    assert decision.tier == "sure"
    assert decision.best is strong
    assert decision.others == (weak,)


def test_the_decision_says_none_below_the_settling_bar(names: NameTable) -> None:
    q = analyse("Is data in memory encrypted?", names)
    low = candidate("yes", DEFAULT_WEIGHTS.settle - 0.01, q=q)
    decision = decide(q, [low], DEFAULT_WEIGHTS, _docs)
    # Below the bar a yes/no candidate about the question is quoted, not said yes to.
    assert decision.tier == "quoted" and decision.best is not None
    assert decision.best.verdict == "answer" and decision.best.said == low.said
    # The bar is a weight: lowered, the same candidate settles.
    lowered = Weights(settle=0.5)
    assert decide(q, [low], lowered, _docs).best is low
    # Below the "about" bar (of what is asked) too, nothing is said.
    far = candidate("yes", 0.2, q=q, missing=tuple(t.text for t in q.terms[:-1]))
    forgiving = Weights(key_words_unsaid=9, key_words_said=0)  # (the key words aside)
    assert decide(q, [far], forgiving, _docs).tier == "none"
    near = candidate("yes", 0.2, q=q, missing=tuple(t.text for t in q.terms[:1]))
    assert decide(q, [near], forgiving, _docs).tier == "quoted"


def test_an_only_inference_yields_to_explicit_evidence(names: NameTable) -> None:
    q = analyse("Can production environments be reset?", names)
    inference = candidate("no", 0.9, 1.2, kind="contrast", line=1, q=q)
    explicit = candidate("yes", 0.85, 0.9, kind="table", line=2, q=q)
    assert decide(q, [inference, explicit], DEFAULT_WEIGHTS, _docs).best is explicit
    far = candidate("yes", 0.7, 0.7, kind="table", line=3, q=q)
    assert decide(q, [inference, far], DEFAULT_WEIGHTS, _docs).best is inference


def test_a_rule_read_with_its_exceptions_replaces_the_same_rule_read_flat(
        names: NameTable) -> None:
    q = analyse("Will Contoso transfer data outside the geo?", names)
    flat = candidate("no", 0.9, 1.0, kind="statement", line=17, q=q)
    rule = candidate("no", 0.9, 0.95, kind="rule", line=17, q=q)
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


def test_a_yes_or_no_needs_the_key_words_said_not_merely_near(names: NameTable) -> None:
    q = analyse("Can a developer environment be deleted?", names)
    keys = {t.asked for t in key_terms(q, DEFAULT_WEIGHTS)}
    assert "deleted" in keys
    # A sentence that leaves the key word out is not a yes, however much else it covers.
    vague = candidate("yes", 0.9, 1.0, q=q, missing=("deleted",))
    decision = decide(q, [vague], DEFAULT_WEIGHTS, _docs)
    assert decision.tier != "sure"


def test_a_sentence_gives_way_to_its_neighbour_that_says_the_word(names: NameTable) -> None:
    q = analyse("Does Contoso encrypt data in memory?", names)
    borrows = candidate("yes", 0.95, 1.10, line=64, q=q, nearby=("encrypt",))
    says_it = candidate("no", 0.94, 1.08, line=64, q=q)
    assert decide(q, [borrows, says_it], DEFAULT_WEIGHTS, _docs).best is says_it
    # (With no neighbour that says it, the sentence stands: a paraphrase of the verb.)
    assert decide(q, [borrows], DEFAULT_WEIGHTS, _docs).best is borrows


def test_two_neighbours_that_borrow_from_each_other_leave_the_stronger(
        names: NameTable) -> None:
    # "You can't extend system backups." borrows "retention" from the next sentence, which
    # borrows "extend" back ("To keep data beyond the standard retention, copy it"): neither
    # says the question alone, and the stronger answers.
    q = analyse("Can I extend the retention of system backups?", names)
    cannot = candidate("no", 0.83, 0.95, line=175, q=q, nearby=("retention",))
    keep = candidate("yes", 0.87, 0.92, line=175, q=q, nearby=("extend",))
    assert decide(q, [cannot, keep], DEFAULT_WEIGHTS, _docs).best is cannot


def test_a_quote_must_hold_the_kind_of_value_asked_for(names: NameTable) -> None:
    q = analyse("How many bots can one environment hold?", names)
    no_number = replace(candidate("answer", 0.6, 0.6, q=q), fits=False)
    assert decide(q, [no_number], DEFAULT_WEIGHTS, _docs).tier == "none"
    label = candidate("answer", 0.6, 0.6, q=q, quote="Weekly digests")
    assert decide(q, [label], DEFAULT_WEIGHTS, _docs).tier == "none"


def test_the_same_region_says_no_to_a_different_region(names: NameTable) -> None:
    doc = DOC.replace("Backups are kept for 7 days.",
                      "You must restore a backup to the same region it was taken in.")
    context = _context("Can I restore a backup to a different region?", names, doc)
    best = _best(sentence_reader.read(context))
    assert best.verdict == "no" and "same region" in best.said


def test_irregular_verbs_meet_their_synonyms(names: NameTable) -> None:
    doc = DOC.replace("Backups are kept for 7 days.", "Backups are retained for 7 days.")
    best = _best(sentence_reader.read(_context("How long are backups kept?", names, doc)))
    assert "retained for 7 days" in best.said


def test_a_quoted_answer_may_leave_out_one_telling_word_never_a_name(
        names: NameTable) -> None:
    # (A product's name: one the lexicon or the corpus knows, several words, an abbreviation;
    # not any capitalised word, see the next test.)
    q = analyse("Does Power Apps reject TLS 1.1 connections from old clients?", names)
    keys = key_terms(q, DEFAULT_WEIGHTS)
    words = sorted((t for t in keys if not t.name), key=lambda t: -t.weight)
    named = [t for t in keys if t.name]
    assert len(keys) - 1 >= DEFAULT_WEIGHTS.key_words_said and words and named
    # One telling word said otherwise ("requests" for "connections"): quoted.
    one_word = candidate("yes", 0.6, q=q, missing=(words[-1].text,))
    assert decide(q, [one_word], DEFAULT_WEIGHTS, _docs).tier == "quoted"
    # A name left out, or two telling words: not about the question.
    no_name = candidate("yes", 0.6, q=q, missing=(named[0].text,))
    assert decide(q, [no_name], DEFAULT_WEIGHTS, _docs).tier == "none"
    if len(words) >= 2:
        two = candidate("yes", 0.6, q=q, missing=tuple(t.text for t in words[:2]))
        assert decide(q, [two], DEFAULT_WEIGHTS, _docs).tier == "none"


def test_a_capitalised_word_is_not_a_name_a_quote_must_say(names: NameTable) -> None:
    # "Object(Principal) ID" capitalises words that name no product: a quote that says the
    # others ("client ID, object ID, or resource ID") may leave one out, as any telling word.
    q = analyse("Do I provide the Client ID or the Object (Principal) ID to sign in?", names)
    principal = next(t for t in q.terms if t.text == "Principal")
    assert principal.name and principal in key_terms(q, DEFAULT_WEIGHTS)
    quote = candidate("yes", 0.6, q=q, missing=("Principal",))
    assert decide(q, [quote], DEFAULT_WEIGHTS, _docs).tier == "quoted"


ENVIRONMENT_TYPES = """---
title: Environment types
---

# Environment types

<table>
<tr><th>Type</th><th>Description</th></tr>
<tr><td>Production</td><td>For permanent work. It can be backed up and restored.</td></tr>
<tr><td>Sandbox</td><td>These are non-production environments, which offer features like
copy and reset. Sandbox environments are separate from production.</td></tr>
</table>
"""


def test_non_x_is_the_opposite_of_x_not_a_mention_of_it(names: NameTable) -> None:
    context = _context("Can production environments be reset?", names, ENVIRONMENT_TYPES)
    found = [c for c in sentence_reader.read(context) if "non-production" in c.said]
    assert found and all(c.verdict == "no" for c in found)


def test_a_cell_of_prose_names_nothing() -> None:
    assert split_names("West US (Quincy, WA), East US") == ["West US", "Quincy, WA", "East US"]
    assert split_names("Supported for the default environment, the developer environment, "
                       "and any production environment. It costs nothing.") == []
    assert words("non-production and Non-Microsoft") == ["nonproduction", "and",
                                                          "nonmicrosoft"]


def test_a_quote_that_says_every_telling_word_comes_first(names: NameTable) -> None:
    q = analyse("Does Contoso Cloud reject TLS 1.1 connections from old clients?", names)
    words_asked = [t for t in key_terms(q, DEFAULT_WEIGHTS) if not t.name]
    partial = candidate("yes", 0.6, 0.8, q=q, line=1, missing=(words_asked[0].text,))
    complete = candidate("yes", 0.5, 0.6, q=q, line=2)
    decision = decide(q, [partial, complete], DEFAULT_WEIGHTS, _docs)
    assert decision.tier == "quoted" and decision.best is not None
    assert decision.best.sources == complete.sources


def test_a_story_around_a_short_question_does_not_hide_the_evidence(names: NameTable) -> None:
    q = analyse("Our auditors came back last week with a long list of findings and a deadline. "
                "Is data in memory encrypted?", names)
    scene = tuple(t.text for t in q.terms if t.scene)
    assert scene
    # The evidence says every word asked and none of the story's: little of the whole text,
    # all of the question.
    evidence = candidate("no", 0.25, q=q, missing=scene)
    assert evidence.coverage < DEFAULT_WEIGHTS.about
    decision = decide(q, [evidence], DEFAULT_WEIGHTS, _docs)
    assert decision.tier == "quoted" and decision.best is not None
    # Leaving out what is asked is not about the question, however short the story.
    asked = [t.text for t in q.terms if not t.scene]
    off = candidate("no", 0.25, q=q, missing=(*scene, *asked[:-1]))
    assert decide(q, [off], DEFAULT_WEIGHTS, _docs).tier == "none"


def test_a_positive_sentence_says_no_to_a_negative_question_only_by_saying_what_can_be_done(
        names: NameTable) -> None:
    # "Can admins block exports?" counts one negation ("block"); a sentence without one
    # reads as "no". Only one that says what can be done ("can", "allowed", "supported")
    # says it at full strength: a description of exports ("are written to a store")
    # merely lacks the negation.
    asked = "Can admins block widget exports from the admin center?"
    describes = DOC + "\nWidget exports from the admin center go to a store admins manage.\n"
    allows = DOC + "\nAdmins can allow widget exports from the admin center.\n"
    plain = Weights(unasserted_factor=1.0)

    def best(text: str, weights: Weights = DEFAULT_WEIGHTS) -> Candidate:
        return _best(sentence_reader.read(_context(asked, names, text, weights)))

    assert best(describes).verdict == best(allows).verdict == "no"
    assert best(describes).coverage == pytest.approx(
        best(describes, plain).coverage * DEFAULT_WEIGHTS.unasserted_factor)
    assert best(allows).coverage == pytest.approx(best(allows, plain).coverage)


def test_a_sentence_that_sends_the_reader_elsewhere_says_no_yes_or_no(
        names: NameTable) -> None:
    asked = "Can admins allow widget exports from the admin center?"
    pointer = "For an example of how to allow widget exports, see Admin center exports."
    quotes = [c.sources[0].quote for c in
              sentence_reader.read(_context(asked, names, DOC + f"\n{pointer}\n"))]
    assert pointer not in quotes
    # (What it points to may still be asked for.)
    where = sentence_reader.read(_context("Where is an example of allowing widget exports?",
                                          names, DOC + f"\n{pointer}\n"))
    assert pointer in [c.sources[0].quote for c in where]


def test_rank_fusion_puts_what_both_rankings_find_first() -> None:
    from assistant.answer.retrieval import fused

    doc = parse_text(DOC, "contoso.md")
    a, b, c, d = list(passages_of(doc))[:4]
    # c is third in one ranking and first in the other: 1/12 + 1/10 beats a's 1/10; b and d
    # tie at 1/11, in the first ranking's order.
    assert fused([[a, b, c], [c, d]], 10.0) == [c, a, b, d]
    assert fused([[a, b], []], 10.0) == [a, b]
