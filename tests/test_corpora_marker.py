"""Tests that use the ``corpora`` fixture are marked ``corpora`` without saying so (conftest.py),
so ``-m "not corpora"`` leaves out every test that needs ../shared/corpora."""

from __future__ import annotations

import subprocess
import sys

from paths import REPO

# test_corpora_questions takes the fixture and has no marker of its own;
# test_every_corpus_doc_parses_sanely takes it and its module has no pytestmark;
# test_seed_questions does not take it.
FILES = ["tests/test_answer_questions.py", "tests/test_corpora_parse.py"]
USES_FIXTURE = {"tests/test_answer_questions.py::test_corpora_questions",
                "tests/test_corpora_parse.py::test_every_corpus_doc_parses_sanely"}
PLAIN = "tests/test_answer_questions.py::test_seed_questions"


def collected(marks: str) -> set[str]:
    """The ids of the tests in FILES that ``-m marks`` selects (collected, not run)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-m", marks, *FILES],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return {line.strip() for line in result.stdout.splitlines() if "::" in line}


def test_tests_using_the_corpora_fixture_are_marked_corpora() -> None:
    marked = collected("corpora")
    assert not USES_FIXTURE - marked
    assert PLAIN not in marked


def test_not_corpora_deselects_every_test_using_the_fixture() -> None:
    unmarked = collected("not corpora")
    assert not USES_FIXTURE & unmarked
    assert PLAIN in unmarked
