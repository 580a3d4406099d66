"""A word of the question said in other words: enough to quote a sentence, never to settle a
yes or no."""

from __future__ import annotations

import pytest
from hand_made import candidate

from assistant.answer.decide import decide, key_terms, keys_said
from assistant.answer.evidence import cover
from assistant.answer.match import term_for, view
from assistant.answer.names import NameTable
from assistant.answer.near_words import NearWords
from assistant.answer.question import analyse
from assistant.answer.readers import RankedDoc, ReadContext
from assistant.answer.readers import sentences as sentence_reader
from assistant.answer.tables import TableCache
from assistant.answer.weights import DEFAULT_WEIGHTS
from assistant.lexicon import load_lexicon
from assistant.parse import parse_text
from assistant.passages import passages_of


@pytest.fixture(scope="module")
def near() -> NearWords:
    return NearWords(DEFAULT_WEIGHTS.near_similarity)


@pytest.fixture(scope="module")
def names() -> NameTable:
    return NameTable(load_lexicon())


def test_the_embeddings_ship_with_the_package(near: NearWords) -> None:
    assert near.available


@pytest.mark.parametrize("word, text, said", [
    ("stay", "Duration to keep the website error logs in blob storage.", True),
    ("purchase", "You can buy more capacity.", True),
    ("maximum", "The limit is 500 rows per request.", True),
    ("restored", "You can delete the bot from the Settings menu.", False),
    ("German", "Receipts in French and English are read.", False),
    ("algorithm", "Data is encrypted at rest.", False),
])
def test_a_word_is_said_by_a_near_synonym_only(near: NearWords, word: str, text: str,
                                               said: bool) -> None:
    assert near.says(term_for(word), text) is said


def test_a_word_the_text_has_itself_is_not_a_synonym_of_it(near: NearWords) -> None:
    # (The stemmer finds the word; a synonym is another word.)
    assert not near.says(term_for("kept"), "Logs are kept.")


def test_a_word_said_otherwise_counts_part_of_its_weight_and_is_not_missing(
        names: NameTable, near: NearWords) -> None:
    q = analyse("How long do portal error logs stay in the container?", names)
    sentence = view("Duration to keep the portal error logs in the container.")
    plain = cover(q, sentence)
    otherwise = cover(q, sentence, near=near.says)
    stay = next(t for t in q.terms if t.text == "stay")
    assert stay in plain.missing and stay not in otherwise.missing
    assert otherwise.near == (stay,)
    credit = DEFAULT_WEIGHTS.near_credit * stay.weight / q.total_weight
    assert otherwise.score == pytest.approx(plain.score + credit)


def test_names_and_the_scene_are_never_said_otherwise(names: NameTable) -> None:
    q = analyse("Contoso Cloud question: can Fabrikam Reports export data?", names)

    def anything(term, text) -> bool:
        return True

    coverage = cover(q, view("Nothing here."), near=anything)
    assert all(t.name or t.scene for t in coverage.missing)
    assert not any(t.name or t.scene for t in coverage.near)


def test_a_quote_may_say_a_key_word_otherwise(names: NameTable, near: NearWords) -> None:
    q = analyse("how long do the error logs stay?", names)
    keys = key_terms(q, DEFAULT_WEIGHTS)
    assert {t.text for t in keys} >= {"stay"}
    c = candidate("answer", 0.6, q=q, missing=("stay",),
                  quote="You choose how long to keep the error logs: up to 180 days.")
    assert not keys_said(c, keys, DEFAULT_WEIGHTS)
    assert keys_said(c, keys, DEFAULT_WEIGHTS, near.says)
    other = candidate("answer", 0.6, q=q, missing=("stay",),
                      quote="Error logs are written to a blob container.")
    assert not keys_said(other, keys, DEFAULT_WEIGHTS, near.says)


DOC = """---
title: Environment backups
---

# Environment backups

## Sandboxes

You can recover a sandbox environment from a backup.
"""


def test_a_yes_or_no_is_never_settled_by_a_word_said_otherwise(
        names: NameTable, near: NearWords) -> None:
    # "recover" is near "restore" (and opposites are near each other too): the sentence may
    # be quoted as what the docs say, but it does not say yes to "restore".
    doc = parse_text(DOC, "backups.md")
    q = analyse("Can a sandbox environment be restored from a backup?", names)
    context = ReadContext(q, tuple(passages_of(doc)), (RankedDoc(0, doc),), {},
                          DEFAULT_WEIGHTS, TableCache(), near=near.says)
    candidates = sentence_reader.read(context)
    assert candidates
    decision = decide(q, candidates, DEFAULT_WEIGHTS, lambda path: None, near=near.says)
    assert decision.tier != "sure"


def test_the_caches_are_bounded_and_survive_being_emptied(monkeypatch) -> None:
    from assistant.answer import near_words

    monkeypatch.setattr(near_words, "_CACHED", 4)
    near = NearWords(DEFAULT_WEIGHTS.near_similarity)
    texts = ["You can buy more capacity.", "The limit is 500 rows.", "Logs are kept a week.",
             "Admins configure the policy.", "Data is encrypted at rest."]
    for _ in range(3):
        for text in texts:
            near.says(term_for("purchase"), text)
            near.says(term_for("maximum"), text)
    assert near.says(term_for("purchase"), texts[0])
    assert len(near._vectors) <= 4 + 12 and len(near._texts) <= 4 and len(near._said) <= 4
