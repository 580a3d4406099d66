"""The public question set (questions.jsonl and the held-out batches beside it): the answerer
must get at least 95% of all of it fully right, questions marked ``known_failure`` included,
and every citation of every answer must hold (its quote on its lines). The seed part always
runs; the part over ../shared/corpora is skipped when the corpora are absent."""

from __future__ import annotations

import pytest
from questions.score import BLIND, CORPORA, DEV, build_indexes, load_questions, run

from assistant.answer import quote_holds

QUESTIONS = load_questions()
BAR = 0.95
# The blind batches are not tuned against, so they are held to what was measured, not to
# the tuned set's bar: a change that loses questions there shows here. (First scoring of
# blind/heldout_d.jsonl: 17/32; after the fixes it prompted: 20/32. blind/heldout_e.jsonl:
# 12/60 first, 19/60 after the answer-quality work, which never read it.
# blind/heldout_g.jsonl: 56 questions from 43 uncited docs, written by a helper and never read
# by the developer: 10/56 on first scoring and 10/56 after that session's answer work.
# blind/heldout_h.jsonl: 65 questions from 37 more uncited docs over 10 docsets, written by a
# helper and never read by the developer: 19/65 on first scoring.
# blind/heldout_i.jsonl: 60 questions from 43 more uncited docs over 13 corpora, written by a
# helper and never read by the developer: 17/60 on first scoring. After that session's work,
# which never read it: D 21/32, E 24/60, G 11/56, H 24/65, I 19/60.
# blind/heldout_j.jsonl: 60 questions from 42 more uncited docs over 12 corpora, written by a
# helper and never read by the developer: 15/60 on first scoring, 16/60 after that session's
# work, which never read it (D 22/32 then; E, G, H, I as before).) The
# dev batches are tuned against but not held to the public bar (dev/heldout_f: 6/48 on first
# scoring, 20/48 after the answer-quality work, 21/48 after the next session's, 22/48 after
# the one after).
BLIND_BAR = {"heldout_d.jsonl": 22 / 32, "heldout_e.jsonl": 24 / 60,
             "heldout_g.jsonl": 11 / 56, "heldout_h.jsonl": 24 / 65,
             "heldout_i.jsonl": 19 / 60, "heldout_j.jsonl": 16 / 60}
DEV_BAR = {"heldout_f.jsonl": 22 / 48}
# The real questions of public GitHub issues (../shared/questions/real-dev.jsonl, read and
# tuned against): 7/50 at the start of the session that added this test, 8/50 at its end.
REAL_DEV = CORPORA.parent / "questions" / "real-dev.jsonl"
REAL_DEV_BAR = 8 / 50
VERDICTS = {"yes", "no", "answer", "unknown"}


def _blind() -> list[dict]:
    return [q for folder in (BLIND, DEV) for path in sorted(folder.glob("*.jsonl"))
            for q in load_questions(path)]


def test_the_question_set_is_well_formed() -> None:
    ids = [q["id"] for q in QUESTIONS + _blind()]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    assert sorted(p.name for p in BLIND.glob("*.jsonl")) == sorted(BLIND_BAR)
    assert sorted(p.name for p in DEV.glob("*.jsonl")) == sorted(DEV_BAR)
    for q in QUESTIONS + _blind():
        assert q["verdict"] in VERDICTS, q["id"]
        assert q["question"].strip(), q["id"]
        assert isinstance(q.get("known_failure", False), bool), q["id"]
        assert set(q.get("also_ok", ())) <= VERDICTS - {q["verdict"]}, q["id"]
        if q["verdict"] == "unknown":
            assert not q["facts"] and not q["cite"], q["id"]
        else:
            # A yes/no may be settled without a fact to quote; a lookup names its fact.
            assert q["cite"] and (q["facts"] or q["verdict"] != "answer"), q["id"]
            assert all("path" in c and ("line" in c or "holds" in c) for c in q["cite"])
    kinds = {t for q in QUESTIONS for t in q["tags"]}
    assert {"unknown", "renamed", "table", "polarity", "exception", "misspelling",
            "lower-case", "paraphrase"} <= kinds


def _check(report, label: str, bar: float = BAR) -> None:
    print(f"\n{label}:\n" + "\n".join(report.lines()))
    broken = [(a.question, c) for a in report.answers for c in (*a.citations, *a.related)
              if not quote_holds(c)]
    assert not broken, broken[:3]
    assert report.share >= bar - 1e-9, "\n".join(report.lines())


@pytest.fixture(scope="module")
def corpus_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Indexes of the shared corpora, each built once for every question set of this module
    (several sets ask of the same docsets)."""
    return {}


def _corpora_indexes(questions: list[dict], factory: pytest.TempPathFactory,
                     built: dict[str, str]) -> dict[str, str]:
    """An index of each shared corpus the questions ask of (skip when one is missing)."""
    names = sorted({q["corpus"] for q in questions})
    missing = [n for n in names if not (CORPORA / n).is_dir()]
    if missing:
        pytest.skip(f"corpora missing: {missing}")
    new = [n for n in names if n not in built]
    if new:
        built.update(build_indexes(new, str(factory.mktemp("corpora"))))
    return {n: built[n] for n in names}


def test_seed_questions(tmp_path_factory: pytest.TempPathFactory) -> None:
    seed = [q for q in QUESTIONS if q["corpus"] == "seed"]
    assert len(seed) >= 30
    dirs = build_indexes(["seed"], str(tmp_path_factory.mktemp("seed")))
    _check(run(seed, dirs), "seed corpus")


def test_corpora_questions(corpora, tmp_path_factory: pytest.TempPathFactory,
                           corpus_indexes: dict[str, str]) -> None:
    questions = [q for q in QUESTIONS if q["corpus"] != "seed"]
    _check(run(questions, _corpora_indexes(questions, tmp_path_factory, corpus_indexes)),
           "shared corpora")


@pytest.mark.parametrize("folder, name", [*((BLIND, n) for n in sorted(BLIND_BAR)),
                                          *((DEV, n) for n in sorted(DEV_BAR))])
def test_held_out_batches_keep_their_measured_score(
        folder, name: str, corpora, tmp_path_factory: pytest.TempPathFactory,
        corpus_indexes: dict[str, str]) -> None:
    questions = load_questions(folder / name)
    report = run(questions, _corpora_indexes(questions, tmp_path_factory, corpus_indexes))
    _check(report, f"{folder.name}/{name}", {**BLIND_BAR, **DEV_BAR}[name])


def test_real_questions_keep_their_measured_score(
        corpora, tmp_path_factory: pytest.TempPathFactory,
        corpus_indexes: dict[str, str]) -> None:
    if not REAL_DEV.is_file():
        pytest.skip(f"{REAL_DEV} is missing")
    questions = load_questions(REAL_DEV)
    report = run(questions, _corpora_indexes(questions, tmp_path_factory, corpus_indexes))
    _check(report, "real-dev.jsonl", REAL_DEV_BAR)
    # The worst kind of miss, a yes or no the docs contradict, stays out.
    assert not [j.qid for j in report.judgements if j.miss == "wrong-yes-no"]
