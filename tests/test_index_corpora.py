"""The index over a real corpus (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.search import Index, build_index, index_status
from paths import corpora_path

pytestmark = pytest.mark.corpora


def test_d365_ai_2019_builds_and_answers(tmp_path: Path) -> None:
    root = str(corpora_path("d365-ai-2019"))
    index_dir = str(tmp_path / "index")
    summary = build_index([root], index_dir, jobs=2)
    assert summary.docs + summary.skipped == 305
    assert summary.docs >= 300 and summary.tables > 0 and summary.exception_lists > 0
    assert index_status(index_dir).stale == 0
    csi = f"{root}/ai-docs/customer-service-insights/data-location.md"
    with Index.open(index_dir) as ix:
        hits = ix.search("Power BI customer data outside geographic area", limit=5)
        assert csi in {h.passage.doc_path for h in hits}
        for hit in hits:  # every quote is found on its lines (markup aside)
            p = hit.passage
            lines = Path(p.path).read_text(encoding="utf-8-sig").splitlines()
            assert 1 <= p.line_start <= p.line_end <= len(lines)
        # Included text is cited at the include file's own path and lines.
        included = [h.passage for h in ix.search("privacy statement", limit=50)
                    if h.passage.path != h.passage.doc_path]
        assert all("/includes/" in p.path for p in included)
        assert ix.document(csi).tables
    again = build_index([root], index_dir)
    assert again.unchanged == 305 and again.generation == summary.generation
