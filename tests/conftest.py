"""Shared fixtures: the real corpora beside the repo (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import CORPORA


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
