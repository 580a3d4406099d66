"""Reading what a user wrote: the part that asks, the scene around it, a claim to check."""

from __future__ import annotations

import pytest

from assistant.answer.asking import asked_parts, segments
from assistant.answer.names import NameTable
from assistant.answer.question import analyse
from assistant.lexicon import load_lexicon


def _asked(text: str) -> list[tuple[str, bool]]:
    return [(s.text, s.claim) for s in segments(text) if s.asking]


@pytest.mark.parametrize("text, asked", [
    ("Trial question: we use a sandbox. Can it be reset?", [("Can it be reset?", False)]),
    ("Am I right that backups are kept 7 days?", [("backups are kept 7 days?", True)]),
    ("Our DPO is asking - when receipts are sent, how long are they kept?",
     [("when receipts are sent, how long are they kept?", False)]),
    ("I think the filter only works for managed environments, is that right?",
     [("the filter only works for managed environments", True)]),
    ("Docs say demo providers only work in trial environments - is that right? we hoped",
     [("demo providers only work in trial environments", True)]),
    ("WARNING: Sandbox backups are ONLY 7 days. Not like listed on this page. It bit us!",
     [("Sandbox backups are ONLY 7 days.", True)]),
    ("How to terminate a trial?: The documentation is missing on this.",
     [("How to terminate a trial?", False)]),
    ("Reset: The docs say \"You can only reset sandboxes.\", however a developer one can be "
     "reset.", [("a developer one can be reset.", True)]),
    ("Could you clarify what the production environment is here?",
     [("what the production environment is here?", False)]),
])
def test_the_part_that_asks(text: str, asked: list[tuple[str, bool]]) -> None:
    assert _asked(text) == asked


@pytest.fixture(scope="module")
def names() -> NameTable:
    return NameTable(load_lexicon())


def test_words_of_the_scene_weigh_less_than_the_question(names: NameTable) -> None:
    q = analyse("We migrated our tenant last week. Can sandbox backups be restored?", names)
    weight = {t.text: t.weight for t in q.terms}
    scene = {t.text for t in q.terms if t.scene}
    assert {"migrated", "tenant", "week"} <= scene | {"transfer"}
    assert not {"sandbox", "backups", "restored"} & scene
    assert q.yes_no and weight["sandbox"] > 0


def test_chatter_names_nothing_and_sentence_openings_are_not_names(names: NameTable) -> None:
    q = analyse("Thanks team. Pen test flagged it. Does anyone know if CSP is supported?",
                names)
    texts = {t.text for t in q.terms}
    assert not {"thanks", "team", "anyone"} & {t.lower() for t in texts}
    assert not any(t.name for t in q.terms if t.text in ("Pen", "Thanks"))
    assert any(t.text == "CSP" and t.name for t in q.terms)


def test_a_claim_is_a_yes_no_question_and_a_choice_is_not(names: NameTable) -> None:
    assert analyse("Sandbox backups are only kept 7 days.", names).yes_no
    q = analyse("Must the key be in the same tenant? Or can it be in another tenant?", names)
    assert not q.yes_no and q.wh == "which"


def test_is_there_a_limit_asks_for_the_limit(names: NameTable) -> None:
    q = analyse("Is there a size limit for template files?", names)
    assert not q.yes_no and q.answer_kind == "number"


def test_shouted_words_are_not_abbreviations(names: NameTable) -> None:
    q = analyse("Are sandbox backups ONLY kept 7 days?", names)
    assert not any(t.name for t in q.terms if t.text.lower() == "only")


@pytest.mark.parametrize("text, parts", [
    # Two questions in one sentence: "and" before a wh-word, ", and" before an asking word.
    ("Pen test flagged it. Does Power Platform support CSP at all, and which directives can "
     "we set?", ["Does Power Platform support CSP at all", "which directives can we set?"]),
    ("Can we migrate it to another tenant? Should we submit a support ticket for this?",
     ["Can we migrate it to another tenant?", "Should we submit a support ticket for this?"]),
    ("How long are backups kept and how do I restore one?",
     ["How long are backups kept", "how do I restore one?"]),
    # A choice is one question; so is a claim, and "and" inside a question.
    ("Must it be in the same tenant? Or can it be in another one?",
     ["Must it be in the same tenant?"]),
    ("Can I copy and paste tables?", ["Can I copy and paste tables?"]),
])
def test_a_text_that_asks_two_questions_is_two_parts(text: str, parts: list[str]) -> None:
    pieces = segments(text)
    assert [pieces[i].text for i in asked_parts(pieces)] == parts


def test_a_part_asked_alone_sets_the_others_as_scene(names: NameTable) -> None:
    text = "Does Power Platform support CSP at all, and which directives can we set?"
    second = asked_parts(segments(text))[1]
    q = analyse(text, names, asked_part=second)
    assert not q.yes_no and q.wh == "which"
    scene = {t.text.lower() for t in q.terms if t.scene}
    assert "csp" in scene and "directives" not in scene


def test_a_phrasal_verb_is_the_closed_compound_the_docs_use(names: NameTable) -> None:
    # "backed up" is what the docs call a "backup" (when they use the word at all).
    used = {"backup", "environments"}
    q = analyse("Are environments backed up automatically?", names,
                known=lambda word: word in used)
    backup = next(t for t in q.terms if t.text == "backup")
    assert backup.asked == "backed up" and "backup" in backup.spellings
    q = analyse("Are environments backed up automatically?", names, known=lambda word: False)
    assert not any(t.text == "backup" for t in q.terms)


def test_a_compound_the_docs_hardly_use_is_not_what_the_verb_means(names: NameTable) -> None:
    # "turnon" in two code samples is rarer than "turned": "turned on" stays the verb.
    rarity = {"turnon": 12.0, "turned": 3.0}
    q = analyse("Is encryption turned on by default?", names,
                weigh=lambda spellings: rarity.get(spellings[0], 1.0),
                known=lambda word: True)
    assert not any(t.text == "turnon" for t in q.terms)
