"""The checker on the real corpora: no crash, and the real problems a writer would want
flagged are flagged (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from assistant.check import check_paths, run_checks
from assistant.config import Config
from assistant.model import Finding
from paths import corpora_path

pytestmark = pytest.mark.corpora
TODAY = dt.date(2026, 11, 1)
SMALL = ("d365-ai-2019", "d365-ai-versions", "power-platform-admin")


@pytest.fixture(scope="module")
def small_corpora(corpora: Path) -> list[Finding]:
    report = check_paths([str(corpora / name) for name in SMALL], Config(), today=TODAY, jobs=2)
    assert report.files >= 430
    return list(report.findings)


def test_small_corpora_are_checked_without_crashing(small_corpora: list[Finding]) -> None:
    crashes = [f for f in small_corpora if "internal error" in f.message]
    assert crashes == []
    counts = Counter(f.code for f in small_corpora)
    # Every family finds something real in these corpora.
    for code in ("DOC101", "DOC102", "DOC103", "FM305", "LNK401", "LNK404", "TRM501",
                 "XD601", "XD603", "XD604"):
        assert counts[code] > 0, code
    for f in small_corpora:
        assert Path(f.path).is_file()
        lines = Path(f.path).read_bytes().count(b"\n") + 1
        assert 1 <= f.line <= lines, f


def test_misspelt_region_is_flagged() -> None:
    doc = corpora_path("d365-ai-2019", "ai-docs", "customer-service-insights",
                       "data-location.md")
    found = run_checks([str(doc.parent.parent.parent)], Config(), select=["XD603"],
                       today=TODAY, jobs=1)
    assert [(Path(f.path), f.line, f.fix) for f in found] == [(doc, 56, "France South")]
    assert "'Framce' in 'Framce South' looks like a misspelling of 'France'" in found[0].message


def test_misspelt_region_is_flagged_in_every_version() -> None:
    folder = corpora_path("d365-ai-versions")
    found = run_checks([str(folder)], Config(), select=["XD603"], today=TODAY, jobs=1)
    with_typo = sorted(p for p in folder.glob("*.md") if "Framce" in p.read_text("utf-8"))
    assert sorted({Path(f.path) for f in found}) == with_typo
    assert all("Framce" in Path(f.path).read_text("utf-8").splitlines()[f.line - 1]
               for f in found)


def test_south_central_us_city_differs_between_table_and_footnote() -> None:
    doc = corpora_path("d365-ai-2019", "ai-docs", "customer-service-insights",
                       "data-location.md")
    found = run_checks([str(doc.parent.parent.parent)], Config(), select=["XD601"],
                       today=TODAY, jobs=1)
    assert [(Path(f.path), f.line) for f in found] == [(doc, 58)]
    message = found[0].message
    assert "South Central US is placed in 'Texas' here but in 'Des Moines, IA'" in message
    assert f"{doc}:32" in message  # the table row, named as the other place


def test_the_city_conflict_is_flagged_in_the_versions_too() -> None:
    folder = corpora_path("d365-ai-versions")
    found = run_checks([str(folder)], Config(), select=["XD601"], today=TODAY, jobs=1)
    with_footnote = sorted(p for p in folder.glob("*.md")
                           if "South Central US (Texas)" in p.read_text("utf-8"))
    assert with_footnote
    assert sorted(Path(f.path) for f in found) == with_footnote


def test_placeholders_in_the_data_storage_draft_are_flagged() -> None:
    folder = corpora_path("power-platform-admin", "data-storage-versions")
    found = run_checks([str(folder)], Config(), select=["DOC"], today=TODAY, jobs=1)
    draft = folder / "id5311878684_data-storage.md"
    assert [(Path(f.path), f.line, f.code) for f in found] == [
        (draft, 24, "DOC102"),   # TODO: Quick intro
        (draft, 60, "DOC103"),   # (?? What specific algorithm is being used?)
        (draft, 84, "DOC101"),   # [Add related articles]
    ]
