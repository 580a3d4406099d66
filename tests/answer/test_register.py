"""Words of conversation weigh less than the docs' own words."""

from __future__ import annotations

import pytest

from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.answer.register import english_share, off_register, other_spellings
from assistant.answer.retrieval import Retriever
from assistant.answer.weights import DEFAULT_WEIGHTS
from assistant.lexicon import load_lexicon

PASSAGES = 500_000  # a large docset: English would put a common word in many passages


def test_english_knows_common_words_and_not_product_codes() -> None:
    assert english_share("feels") > 1e-5
    assert english_share("win2022") == 0.0 and english_share("2022") == 0.0


def test_a_common_english_word_the_docs_hardly_use_is_of_conversation() -> None:
    w = DEFAULT_WEIGHTS
    assert off_register("feels", 3, PASSAGES, w)
    assert off_register("truth", 0, PASSAGES, w)
    # The docs' own words, however common in English, and words English does not use.
    assert not off_register("backup", 5000, PASSAGES, w)
    assert not off_register("pitr", 0, PASSAGES, w)
    # A small corpus says nothing of register.
    assert not off_register("feels", 0, 100, w)


def test_a_word_the_docs_spell_another_way_is_theirs() -> None:
    assert "behavior" in other_spellings("behaviour")
    assert "customize" in other_spellings("customise")
    used = {"behavior": 2000.0}
    assert off_register("behaviour", 2, PASSAGES, DEFAULT_WEIGHTS)
    assert not off_register("behaviour", 2, PASSAGES, DEFAULT_WEIGHTS,
                            lambda word: used.get(word, 0.0))


class _Counts:
    """Just enough of an index for term statistics."""

    passage_count = PASSAGES

    def doc_frequency(self, word: str) -> int:
        return {"feels": 3, "idempotent": 3}.get(word, 0)


def test_a_word_of_conversation_weighs_less_than_an_equally_rare_word_of_the_docs() -> None:
    retriever = Retriever(_Counts(), DEFAULT_WEIGHTS)  # type: ignore[arg-type]
    assert retriever.idf("feels") == retriever.idf("idempotent")
    assert retriever.conversational("feels") and not retriever.conversational("idempotent")
    names = NameTable(load_lexicon())
    q = analyse("It feels like idempotent calls are slow", names, retriever.weigh,
                chatty=retriever.conversational)
    weight = {t.text: t.weight for t in q.terms}
    assert weight["feels"] == pytest.approx(
        weight["idempotent"] * DEFAULT_WEIGHTS.off_register_factor)


def test_a_word_written_as_a_name_is_never_chat() -> None:
    # "Bitcoin" is a thing the docs may not know: the question hinges on it.
    retriever = Retriever(_Counts(), DEFAULT_WEIGHTS)  # type: ignore[arg-type]
    assert retriever.conversational("bitcoin")
    q = analyse("Can I pay for Power Apps with Bitcoin?", NameTable(load_lexicon()),
                retriever.weigh, chatty=retriever.conversational)
    bitcoin = next(t for t in q.terms if t.text == "Bitcoin")
    assert bitcoin.weight >= retriever.idf("bitcoin")
