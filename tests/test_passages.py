"""Passages are what answers cite: every quote must be found on the passage's own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import quote_holds
from assistant.corpus import find_docs
from assistant.errors import ParseError
from assistant.model import Citation, Passage
from assistant.parse import parse_file, parse_text
from assistant.passages import passages_of
from paths import SEED_CORPUS, SEED_CSI, corpora_path


def as_citation(passage: Passage) -> Citation:
    return Citation(passage.path, passage.title, passage.section, passage.line_start,
                    passage.line_end, passage.quote)


def broken_quotes(root: Path) -> list[str]:
    broken = []
    for ref in find_docs([str(root)]):
        try:
            doc = parse_file(ref.path, root=str(root))
        except ParseError:
            continue
        for passage in passages_of(doc, str(root)):
            if passage.kind != "code" and not quote_holds(as_citation(passage)):
                broken.append(f"{passage.path}:{passage.line_start}-{passage.line_end} "
                              f"{passage.kind}: {passage.quote[:80]}")
    return broken


def test_table_rows_carry_their_header_and_span_the_carried_cells() -> None:
    rows = [p for p in passages_of(parse_file(SEED_CSI)) if p.kind == "table_row"]
    north = next(p for p in rows if "North Europe" in p.quote)
    assert north.quote == "Europe | North Europe (Ireland)"
    assert (north.line_start, north.line_end) == (28, 29)
    assert "Azure geographic areas (geos): Europe" in north.text
    assert north.trail[-1] == "Data locations"


def test_exception_items_carry_their_rule_and_label() -> None:
    passages = passages_of(parse_file(SEED_CSI))
    power_bi = next(p for p in passages if p.kind == "exception" and p.line_start == 74)
    assert power_bi.text.startswith("Microsoft will not transfer customer data")
    assert power_bi.entities == ("Microsoft Power BI, Microsoft PowerApps, and Microsoft Flow",)
    # Listed once, as an exception, not again as a plain list item.
    assert sum(1 for p in passages if p.line_start == 74) == 1


def test_seed_quotes_hold_on_their_lines() -> None:
    assert broken_quotes(SEED_CORPUS) == []


@pytest.mark.corpora
@pytest.mark.parametrize("folder", ["d365-ai-2019", "power-platform-admin", "d365-ai-versions"])
def test_real_corpus_quotes_hold_on_their_lines(folder: str) -> None:
    assert broken_quotes(corpora_path(folder)) == []


def test_passages_under_headings_of_the_same_name_get_their_own_breadcrumb() -> None:
    doc = parse_text(
        "# Guide\n\n## Power Apps\n\n### Limits\n\nApps allow 500 rows.\n\n"
        "| Item | Limit |\n| --- | --- |\n| Rows | 500 |\n\n"
        "## Power Automate\n\n### Limits\n\nFlows allow 10 steps.\n\n"
        "| Item | Limit |\n| --- | --- |\n| Steps | 10 |\n",
        "guide.md",
    )
    trails = {(p.kind, p.quote): p.trail for p in passages_of(doc)}
    assert trails[("paragraph", "Apps allow 500 rows.")] == ("Guide", "Power Apps", "Limits")
    assert trails[("table_row", "Rows | 500")] == ("Guide", "Power Apps", "Limits")
    assert trails[("paragraph", "Flows allow 10 steps.")] == (
        "Guide", "Power Automate", "Limits")
    assert trails[("table_row", "Steps | 10")] == ("Guide", "Power Automate", "Limits")
