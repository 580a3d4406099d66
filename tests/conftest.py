"""Shared fixtures: the repo's own corpus, and the real corpora beside the repo (optional)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
SEED_CSI = SEED_CORPUS / "customer-service-insights" / "data-location.md"
SEED_STORAGE = SEED_CORPUS / "power-platform" / "data-storage.md"
# CI and developers keep the real corpora in ../shared/corpora; ASSISTANT_CORPORA overrides.
CORPORA = Path(os.environ.get("ASSISTANT_CORPORA", REPO.parent / "shared" / "corpora"))


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The real public corpora folder; tests using it are skipped when it is absent."""
    if not CORPORA.is_dir():
        pytest.skip(f"real corpora not found at {CORPORA}")
    return CORPORA


def corpora_path(*parts: str) -> Path:
    """A path inside the corpora, skipping the calling test when it is missing."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus path not found: {path}")
    return path
