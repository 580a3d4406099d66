"""Shared fixtures: the real corpora beside the repo (optional)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paths import CORPORA, SEED_CORPUS


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The real public corpora folder; tests using it are skipped when it is absent."""
    if not CORPORA.is_dir():
        pytest.skip(f"real corpora not found at {CORPORA}")
    return CORPORA


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the ``corpora`` fixture (directly or through another fixture)
    ``corpora``, so ``-m "not corpora"`` leaves them all out."""
    for item in items:
        if "corpora" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpora)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the seed corpus and default settings, as the working folder
    (a test module may define its own ``project`` with other settings)."""
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    (tmp_path / ".assistant.toml").write_text('corpus = ["corpus"]\nindex = "index"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path
