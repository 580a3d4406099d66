"""The question history file: kept between sessions, bounded, and never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.tui import history
from assistant.tui.history import QuestionHistory, default_history_path


def test_questions_are_kept_in_order_with_repeats_in_a_row_once(tmp_path: Path) -> None:
    kept = QuestionHistory(tmp_path / "state" / "questions")
    for question in ("a?", "b?", "b?", "  a?  ", "multi\nline question"):
        kept.add(question)
    assert QuestionHistory(kept.path).load() == ["a?", "b?", "a?", "multi line question"]


def test_the_file_is_compacted_to_the_newest_questions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "KEEP", 3)
    kept = QuestionHistory(tmp_path / "questions")
    for n in range(7):
        kept.add(f"question {n}")
    lines = (tmp_path / "questions").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 6  # compacted once it reached twice KEEP
    assert QuestionHistory(kept.path).load() == ["question 4", "question 5", "question 6"]


def test_an_unwritable_or_unreadable_history_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    kept = QuestionHistory(blocker / "questions")  # its folder cannot be made
    kept.add("still answered?")
    assert kept.load() == []
    undecodable = tmp_path / "bytes"
    undecodable.write_bytes(b"caf\xe9 question\n")
    assert QuestionHistory(undecodable).load() == ["caf\ufffd question"]


def test_where_the_history_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_HISTORY", "")
    assert default_history_path() is None
    assert QuestionHistory(None).load() == []
    monkeypatch.delenv("ASSISTANT_HISTORY")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_history_path() == tmp_path / "docs-assistant" / "questions"
