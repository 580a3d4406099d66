"""The kind of value a question asks for, and whether a sentence can hold it."""

from __future__ import annotations

import pytest

from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.answer.readers.sentences import _counts_focus
from assistant.answer.statements import fits_answer_kind
from assistant.lexicon import load_lexicon


@pytest.fixture(scope="module")
def names() -> NameTable:
    return NameTable(load_lexicon())


@pytest.mark.parametrize("text, bound", [
    ("What's the max number of DLP policies that can apply to one environment?", "upper"),
    ("how many trigger phrases can a single topic have at most", "upper"),
    ("What is the longest retention period for audit logs?", "upper"),
    ("What is the minimum storage I must keep free?", "lower"),
    ("How much does Dataverse storage cost per gigabyte?", "price"),
    ("How many bots can I create in one environment?", ""),
    ("Is the maximum file size enforced?", ""),  # yes/no: no value asked
])
def test_a_question_asks_for_a_bound_of_a_value(names: NameTable, text: str,
                                                bound: str) -> None:
    assert analyse(text, names).bound == bound


@pytest.mark.parametrize("question, sentence, fits", [
    ("how many trigger phrases can a topic have at most",
     "You can specify more than one trigger phrase for a topic.", False),
    ("how many trigger phrases can a topic have at most",
     "A topic can have up to 1,000 trigger phrases.", True),
    ("What's the max number of DLP policies per environment?",
     "For this environment we have two choices.", False),
    ("What is the minimum storage you must keep free?",
     "You should have at least 1GB of unused storage capacity.", True),
    ("How much does Dataverse storage cost per gigabyte?",
     "You should have at least 1GB of unused storage capacity.", False),
    ("How much does Dataverse storage cost per gigabyte?",
     "Additional capacity costs $40 per GB per month.", True),
    # No bound asked: any number the question does not give itself.
    ("How many bots can I create in one environment?",
     "You can create 50 bots in an environment.", True),
])
def test_a_bound_is_answered_by_a_sentence_that_states_one(
        names: NameTable, question: str, sentence: str, fits: bool) -> None:
    assert fits_answer_kind(analyse(question, names), sentence) is fits


def test_a_table_states_the_bound_in_its_header(names: NameTable) -> None:
    q = analyse("What is the maximum number of tasks in a project?", names)
    assert not fits_answer_kind(q, "500")
    assert fits_answer_kind(q, "500", around="Maximum | Tasks per project")


@pytest.mark.parametrize("sentence, fits", [
    ("The score refreshes every 24 hours.", True),
    ("The report is generated daily.", True),
    ("Backups are taken once a week.", True),
    ("The job runs three times per day.", True),
    ("The data is synchronized in near real-time.", True),
    ("Insights are recalculated whenever a lead changes.", True),
    ("Scores are recomputed at 30-minute intervals.", True),
    # The "once" of "once the data is refreshed" says when, not how often; a count of
    # things is no frequency.
    ("Train the model once the data is refreshed in your organization.", False),
    ("Once a lead is qualified, its score is kept.", False),
    ("A model needs at least 100 qualified leads.", False),
])
def test_how_often_is_answered_by_a_frequency(names: NameTable, sentence: str,
                                              fits: bool) -> None:
    q = analyse("how often is the predictive lead score refreshed", names)
    assert q.answer_kind == "frequency"
    assert fits_answer_kind(q, sentence) is fits


def test_how_many_counts_the_noun_after_it(names: NameTable) -> None:
    q = analyse("Is there a cap on how many open OperationSets a user can have?", names)
    assert q.counted == ("open", "operationset")
    licenses = analyse("How many Power BI Pro licenses do we need?", names).counted
    assert licenses[-1] == "licens"
    assert analyse("How long are backups kept?", names).counted == ()


@pytest.mark.parametrize("sentence, counts", [
    ("Each OperationSet can only have up to 200 operations.", True),
    ("You can run five concurrent operations.", True),
    ("Only 200 operations fit in one set.", True),
    # A number of something else, or a number that belongs to a name, counts nothing asked.
    ("For a single-record operation, the OperationSet contains one request.", False),
    ("This article covers Dynamics 365 Operations.", False),
])
def test_a_sentence_that_counts_what_how_many_asks_for(names: NameTable, sentence: str,
                                                      counts: bool) -> None:
    q = analyse("how many operations can a single OperationSet hold?", names)
    assert _counts_focus(q, sentence) is counts


def test_a_single_thing_is_one_thing_not_a_telling_word(names: NameTable) -> None:
    weigh = {"single": 4.8, "operationset": 8.5}.get

    def weight(spellings: tuple[str, ...]) -> float:
        return max((weigh(s.lower()) or 1.0) for s in spellings)

    asked = analyse("how many operations can a single OperationSet hold?", names, weight)
    alone = analyse("Does it support a single sign-on?", names, weight)
    single = {t.text: t.weight for t in asked.terms}["single"]
    assert single < {t.text: t.weight for t in alone.terms}["single"]
