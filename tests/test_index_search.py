"""Querying: the fast ranker agrees with whoosh's own BM25F, filters, odd input, threads."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from assistant.search import Index, build_index
from assistant.search.whoosh.schema import query_terms
from paths import SEED_CORPUS

WORDS = ["region", "geo", "europe", "data", "storage", "customer", "encrypted", "transfer",
         "power", "platform", "tenant", "backup", "restore", "environment", "capacity",
         "license", "sandbox", "copilot", "policy", "connector"]


def synthetic(root: Path, count: int, salt: int = 0) -> None:
    for n in range(count):
        words = [WORDS[(n * 7 + i * (salt + 3)) % len(WORDS)] for i in range(5 + n % 9)]
        path = root / f"area{n % 3}" / f"doc{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Doc {n} {words[0]}\n---\n\n# Doc {n}\n\n{' '.join(words)}.\n\n"
            f"## More\n\n- {words[1]} {words[2]} {words[1]}\n- {' '.join(words[::2])}\n\n"
            f"| Geo | Region |\n|---|---|\n| {words[3]} | {words[4]} {n} |\n",
            encoding="utf-8")


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One index per shape: one segment; several segments; segments with deleted docs."""
    base = tmp_path_factory.mktemp("search")
    root = base / "docs"
    shutil.copytree(SEED_CORPUS, root / "seeds")
    synthetic(root, 90)
    out = {}
    out["single"] = str(base / "single")
    build_index([str(root)], out["single"], jobs=1)
    out["parallel"] = str(base / "parallel")
    build_index([str(root)], out["parallel"], jobs=2)
    out["deletions"] = str(base / "deletions")
    build_index([str(root)], out["deletions"], jobs=2)
    synthetic(root, 60, salt=5)          # changes 60 docs: their old passages are deleted
    build_index([str(root)], out["deletions"], jobs=1)
    return out


QUERIES = ["can Power BI move customer data outside the geo", "europe region", "data",
           "backup restore sandbox", "copilot license tenant policy", "connector", "zzzz"]


@pytest.mark.parametrize("shape", ["single", "parallel", "deletions"])
@pytest.mark.parametrize("text", QUERIES)
def test_fast_ranking_equals_whoosh_bm25f(indexes: dict[str, str], shape: str,
                                          text: str) -> None:
    with Index.open(indexes[shape]) as ix:
        for limit, kinds, paths in [(10, None, None), (3, None, None), (25, {"table_row"}, None),
                                    (10, {"paragraph", "list_item"}, None)]:
            fast = ix.search(text, limit, kinds=kinds, paths=paths)
            reference = ix._whoosh_search(query_terms(text), limit, kinds, paths)
            assert [round(h.score, 9) for h in fast] == [round(h.score, 9) for h in reference]
            # The same passages, except where a tie at the cut-off lets either in.
            assert above_cut(fast) == above_cut(reference)
        some_doc = ix.documents()[5].path
        fast = ix.search(text, 50, paths=[some_doc])
        reference = ix._whoosh_search(query_terms(text), 50, None, [some_doc])
        assert sorted(round(h.score, 9) for h in fast) == sorted(
            round(h.score, 9) for h in reference)
        assert all(h.passage.doc_path == some_doc for h in fast)


@pytest.mark.parametrize("shape", ["single", "parallel", "deletions"])
def test_scoring_a_term_at_once_equals_scoring_posting_by_posting(
        indexes: dict[str, str], shape: str) -> None:
    # The vectorised ranking makes the same floats as the posting-by-posting one (so the
    # same order), and the index searches with it, not with whoosh's fallback.
    with Index.open(indexes[shape]) as ix:
        ix.search("data", 1)
        ranker = ix._get_ranker()
        assert ranker is not None
        for text in QUERIES:
            for limit, kinds, paths in [(10, None, None), (40, None, None),
                                        (25, {"table_row"}, None)]:
                terms = query_terms(text)
                boosts = {terms[0]: 0.35} if terms else None
                fast = ranker.top(terms, limit, kinds, paths, boosts)
                slow = ranker.top_by_posting(terms, limit, kinds, paths, boosts)
                assert [score for _, score in fast] == [score for _, score in slow]
                assert above_cut_pairs(fast) == above_cut_pairs(slow)


def above_cut_pairs(pairs: list[tuple[int, float]]) -> set:
    cut = pairs[-1][1] if pairs else 0
    return {pair for pair in pairs if pair[1] > cut}


def above_cut(hits: list) -> set:
    cut = hits[-1].score + 1e-9 if hits else 0
    return {(h.passage.path, h.passage.line_start, round(h.score, 9)) for h in hits
            if h.score > cut}


def test_deleted_passages_never_come_back(indexes: dict[str, str]) -> None:
    with Index.open(indexes["deletions"]) as ix:
        for text in QUERIES:
            for hit in ix.search(text, 200):
                assert hit.passage in ix.passages(hit.passage.doc_path)


def test_question_words_are_not_searched_unless_alone() -> None:
    assert query_terms("What does which mean for my data?") == ["mean", "data"]
    assert query_terms("how do I") == ["how", "do"]
    assert query_terms("") == [] and query_terms("?!") == []


def test_searches_from_several_threads(indexes: dict[str, str]) -> None:
    with Index.open(indexes["parallel"]) as ix:
        expected = {q: [(h.passage.path, h.score) for h in ix.search(q)] for q in QUERIES}
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                for _ in range(5):
                    for q in QUERIES:
                        assert [(h.passage.path, h.score) for h in ix.search(q)] == expected[q]
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors


def test_term_statistics(indexes: dict[str, str]) -> None:
    with Index.open(indexes["single"]) as ix:
        assert ix.passage_count > 0
        regions = ix.doc_frequency("regions")
        assert 0 < regions == ix.doc_frequency("region") <= ix.passage_count
        assert ix.doc_frequency("zzzzqqq") == 0 and ix.doc_frequency("the") == 0
        assert ix.doc_frequency("region zzzzqqq") == regions


def _whoosh_postings(text: str) -> list:
    from assistant.search.whoosh._whoosh import StemmingAnalyzer, fields

    return sorted(fields.TEXT(analyzer=StemmingAnalyzer(), phrase=False).index(text))


TRICKY = ["İstanbul ǅemal ﬁne Straße 1.2.3 a.b _x_ 日本語テキスト naïve café", "", "...",
          "U.S.A. e.g. v1.0.2 the THE The", "Customers who connect Power BI may send data",
          "x" * 300, "a\u0307b \u00df\u1e9e ΣΑΣ σας"]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_analysis_indexes_what_whoosh_would(text: str) -> None:
    from assistant.search.whoosh.schema import make_schema

    assert sorted(make_schema()["text"].index(text)) == _whoosh_postings(text)


def test_fast_analysis_on_random_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from assistant.search.whoosh.schema import make_schema

    field = make_schema()["text"]

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.from_regex(
        r"[A-Za-z .,'-]{0,60}", fullmatch=True))
    def check(text: str) -> None:
        assert sorted(field.index(text)) == _whoosh_postings(text)

    check()


def test_fast_analysis_on_the_seed_passages() -> None:
    from assistant.parse import parse_file
    from assistant.passages import passages_of
    from assistant.search.whoosh.schema import make_schema

    field = make_schema()["text"]
    for path in sorted(SEED_CORPUS.rglob("*.md")):
        for passage in passages_of(parse_file(path)):
            assert sorted(field.index(passage.text)) == _whoosh_postings(passage.text)
