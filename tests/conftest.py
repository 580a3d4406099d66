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
