"""Where the tests find their docs: the repo's own corpus and the real corpora beside the repo.

A module of its own rather than conftest.py: tests import these names, and ``tests/tui`` has
a conftest.py of its own, so ``from conftest import`` could reach the wrong one.
"""

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


def corpora_path(*parts: str) -> Path:
    """A path inside the corpora, skipping the calling test when it is missing."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus path not found: {path}")
    return path
