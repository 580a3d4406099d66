"""Fixtures for the app's tests: a working folder holding the seed corpus and its index.

Paths on screen are relative to that folder (``corpus/...``, ``index``), so the screens do
not depend on where pytest keeps its temporary files (snapshots stay byte-stable).
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from assistant.search import build_index

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``corpus/`` (the seed docs) and ``index/`` built from it by the library."""
    work = tmp_path_factory.mktemp("seed") / "work"
    shutil.copytree(REPO / "corpus", work / "corpus")
    with contextlib.chdir(work):
        build_index(["corpus"], "index")
    return work


@pytest.fixture()
def in_seed(seed_workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside the seed working folder (the shared index must not be changed)."""
    monkeypatch.chdir(seed_workdir)
    return seed_workdir


@pytest.fixture()
def fresh_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private working folder with a copy of the seed corpus and no index yet."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its question history in a file of its own, never the user's."""
    path = tmp_path_factory.mktemp("history") / "questions"
    monkeypatch.setenv("ASSISTANT_HISTORY", str(path))
    return path
