"""Fixtures for the app's tests: a working folder holding the seed corpus and its index.

Paths on screen are relative to that folder (``corpus/...``, ``index``), so the screens do
not depend on where pytest keeps its temporary files (snapshots stay byte-stable).
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from tui_helpers import LONG_CSI, LONG_STORAGE

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


@pytest.fixture(scope="session")
def long_paths_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the seed docs at :data:`LONG_CSI` and :data:`LONG_STORAGE`, and
    ``index/`` built from ``docs``."""
    work = tmp_path_factory.mktemp("long") / "work"
    for source, target in ((REPO / "corpus/customer-service-insights/data-location.md",
                            LONG_CSI),
                           (REPO / "corpus/power-platform/data-storage.md", LONG_STORAGE)):
        (work / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, work / target)
    with contextlib.chdir(work):
        build_index(["docs"], "index")
    return work


@pytest.fixture()
def in_long_paths(long_paths_workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside :func:`long_paths_workdir` (its index must not be changed)."""
    monkeypatch.chdir(long_paths_workdir)
    return long_paths_workdir


LIMITS_DOC = """---
title: Service limits
ms.date: 2025-11-01
---

# Service limits

## Storage

| Area | Limit |
| --- | --- |
| Database per environment | 4 TB |
| File attachments | 128 MB |

## Plans

| Plan | Price per month |
| --- | --- |
| Pro | 10 USD |
| Premium | 20 USD |
"""


@pytest.fixture(scope="session")
def tables_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed working folder plus a doc with two more tables (three in all), indexed."""
    work = tmp_path_factory.mktemp("tables") / "work"
    shutil.copytree(REPO / "corpus", work / "corpus")
    (work / "corpus" / "limits").mkdir()
    (work / "corpus" / "limits" / "service-limits.md").write_text(LIMITS_DOC, encoding="utf-8")
    with contextlib.chdir(work):
        build_index(["corpus"], "index")
    return work


@pytest.fixture()
def in_tables(tables_workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside :func:`tables_workdir` (its index must not be changed)."""
    monkeypatch.chdir(tables_workdir)
    return tables_workdir


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
def private_gaps(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test logs its gaps to a file of its own, never the user's."""
    path = tmp_path_factory.mktemp("gaps") / "gaps.jsonl"
    monkeypatch.setenv("ASSISTANT_GAPS", str(path))
    return path


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its question history in a file of its own, never the user's."""
    path = tmp_path_factory.mktemp("history") / "questions"
    monkeypatch.setenv("ASSISTANT_HISTORY", str(path))
    return path
