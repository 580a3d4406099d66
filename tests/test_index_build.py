"""Building the index: contents, incremental add / change / delete, includes, bad docs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.errors import CorpusError, SearchIndexError
from assistant.model import to_json_data
from assistant.parse import parse_file
from assistant.passages import passages_of
from assistant.search import Index, build_index, document_from_json, index_status
from paths import SEED_CORPUS

CSI = "customer-service-insights/data-location.md"


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def doc(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nms.date: 01/15/2024\n---\n\n# {title}\n\n{body}\n"


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, root)
    return root


def test_full_build_indexes_the_seed_corpus(seeds: Path, tmp_path: Path) -> None:
    summary = build_index([str(seeds)], str(tmp_path / "index"))
    assert (summary.added, summary.changed, summary.removed, summary.skipped) == (2, 0, 0, 0)
    assert summary.docs == 2 and summary.tables == 1 and summary.exception_lists == 1
    with Index.open(str(tmp_path / "index")) as ix:
        hits = ix.search("can Power BI send customer data outside the geo", limit=3)
        top = hits[0].passage
        assert top.path == str(seeds / CSI)
        assert top.line_start == 74 and top.kind == "exception"
        assert top.quote.startswith("Microsoft Power BI, Microsoft PowerApps")
        assert hits[0].score >= hits[-1].score > 0
        # The quote really is on the cited line of the file.
        line = (seeds / CSI).read_text(encoding="utf-8").splitlines()[top.line_start - 1]
        assert "Microsoft Power BI" in line


def test_stored_model_equals_a_fresh_parse(seeds: Path, tmp_path: Path) -> None:
    build_index([str(seeds)], str(tmp_path / "index"))
    path = str(seeds / CSI)
    fresh = parse_file(path, root=str(seeds))
    with Index.open(str(tmp_path / "index")) as ix:
        stored = ix.document(path)
        assert stored == fresh
        assert ix.passages(path) == passages_of(fresh, str(seeds))
        (info, table), = ix.tables()
        assert info.path == path and table.rows[0] == ("Europe", "West Europe (Netherlands)")
        assert table == fresh.tables[0]
        (info, exc), = ix.exception_lists()
        assert info.path == path and exc == fresh.exception_lists[0]
        assert {d.path for d in ix.documents()} == {path, str(seeds / "power-platform" /
                                                               "data-storage.md")}
        with pytest.raises(SearchIndexError):
            ix.document(str(seeds / "nope.md"))


def test_document_json_round_trip(seeds: Path) -> None:
    for path in sorted(seeds.rglob("*.md")):
        parsed = parse_file(path)
        assert document_from_json(to_json_data(parsed)) == parsed


@pytest.mark.parametrize("text", ['"unclosed', "title: x AND (y OR", "[[[", ":::", "é ü 日本",
                                  "", "   ", "AND OR NOT", "*?~^", "\x00\x1b[31m", "a" * 5000])
def test_any_query_string_is_accepted(seeds: Path, tmp_path: Path, text: str) -> None:
    build_index([str(seeds)], str(tmp_path / "index"))
    with Index.open(str(tmp_path / "index")) as ix:
        assert isinstance(ix.search(text), list)


def test_filters_by_kind_and_path(seeds: Path, tmp_path: Path) -> None:
    build_index([str(seeds)], str(tmp_path / "index"))
    with Index.open(str(tmp_path / "index")) as ix:
        rows = ix.search("Europe Ireland", kinds={"table_row"})
        assert rows and {h.passage.kind for h in rows} == {"table_row"}
        storage = str(seeds / "power-platform" / "data-storage.md")
        only = ix.search("data", limit=50, paths=[storage])
        assert only and {h.passage.doc_path for h in only} == {storage}
        assert ix.search("data", kinds=[]) == []


def test_incremental_add_change_delete(tmp_path: Path) -> None:
    root, index_dir = tmp_path / "docs", str(tmp_path / "index")
    for n in range(5):
        write(root / f"d{n}.md", doc(f"Doc {n}", f"Paragraph about topic{n} and zebras."))
    first = build_index([str(root)], index_dir)
    assert (first.added, first.docs) == (5, 5)

    write(root / "d5.md", doc("Doc 5", "A new paragraph about okapis."))          # add
    write(root / "d1.md", doc("Doc 1", "Changed paragraph about giraffes."))      # change
    (root / "d2.md").unlink()                                                     # delete
    assert index_status(index_dir).stale == 3
    second = build_index([str(root)], index_dir)
    assert (second.added, second.changed, second.removed, second.unchanged) == (1, 1, 1, 3)
    assert second.docs == 5
    with Index.open(index_dir) as ix:
        assert [h.passage.doc_path for h in ix.search("okapis")] == [str(root / "d5.md")]
        assert [h.passage.doc_path for h in ix.search("giraffes")] == [str(root / "d1.md")]
        assert ix.search("topic1") == []   # the old text of the changed doc is gone
        assert ix.search("topic2") == []   # the deleted doc is gone
        assert len(ix.search("zebras", limit=50)) == 3
        assert sorted(d.path for d in ix.documents()) == sorted(
            str(root / f"d{n}.md") for n in (0, 1, 3, 4, 5))

    third = build_index([str(root)], index_dir)     # nothing to do: no new generation
    assert third.generation == second.generation
    assert (third.added, third.changed, third.removed, third.unchanged) == (0, 0, 0, 5)
    assert index_status(index_dir).stale == 0


def test_changed_include_reindexes_the_docs_that_use_it(tmp_path: Path) -> None:
    root, index_dir = tmp_path / "docs", str(tmp_path / "index")
    write(root / "includes" / "footer.md", "Support is provided by Contoso.\n")
    write(root / "a.md", doc("A", "Body of A.\n\n[!INCLUDE[footer](includes/footer.md)]"))
    write(root / "b.md", doc("B", "Body of B without includes."))
    build_index([str(root)], index_dir)
    write(root / "includes" / "footer.md", "Support is provided by Fabrikam.\n")
    status = index_status(index_dir)
    assert set(status.stale_paths) == {str(root / "a.md"), str(root / "includes/footer.md")}
    summary = build_index([str(root)], index_dir)
    assert summary.changed == 2 and summary.unchanged == 1
    with Index.open(index_dir) as ix:
        docs = {h.passage.doc_path for h in ix.search("Fabrikam")}
        assert str(root / "a.md") in docs
        assert ix.search("Contoso") == []


def test_bad_docs_are_reported_and_the_rest_is_indexed(tmp_path: Path) -> None:
    root, index_dir = tmp_path / "docs", str(tmp_path / "index")
    write(root / "good.md", doc("Good", "Healthy text about lemurs."))
    write(root / "yaml.md", "---\ntitle: [unclosed\nms.date: 1/1/2020\n---\n\n# Yaml\n\n"
                            "Body text about capybaras.\n")
    write(root / "latin1.md", "# Latin\n\nCaf\xe9 text about tapirs.\n".encode("latin-1"))
    write(root / "binary.md", b"\x00\x01\x02binary\x00")
    write(root / "empty.md", "")
    summary = build_index([str(root)], index_dir)
    assert summary.docs == 3 and summary.skipped == 2
    reported = {(os.path.basename(p.path), p.line) for p in summary.problems}
    assert ("binary.md", 1) in reported and ("empty.md", 1) in reported
    assert any(name == "yaml.md" for name, _ in reported)
    assert ("latin1.md", 3) in reported
    with Index.open(index_dir) as ix:
        for word in ("lemurs", "capybaras", "tapirs"):
            assert ix.search(word), word
    # Skipped files are reported again by the next build, without a new generation.
    again = build_index([str(root)], index_dir)
    assert again.generation == summary.generation and again.skipped == 2
    assert {os.path.basename(p.path) for p in again.problems} == {"binary.md", "empty.md"}


def test_fatal_errors_leave_the_old_index_untouched(seeds: Path, tmp_path: Path) -> None:
    index_dir = str(tmp_path / "index")
    first = build_index([str(seeds)], index_dir)
    with pytest.raises(CorpusError, match="not found"):
        build_index([str(tmp_path / "missing")], index_dir)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no markdown docs"):
        build_index([str(tmp_path / "empty")], index_dir)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SearchIndexError):
        build_index([str(seeds)], str(blocker / "index"))
    status = index_status(index_dir)
    assert status.exists and status.generation == first.generation and status.docs == 2


def test_parallel_and_serial_builds_agree(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    for n in range(80):
        write(root / f"area{n % 4}" / f"d{n}.md",
              doc(f"Doc {n}", f"| Geo | Region |\n|---|---|\n| Geo{n} | Region{n} |\n\n"
                              f"Text number {n} about data residency."))
    serial = build_index([str(root)], str(tmp_path / "serial"), jobs=1)
    parallel = build_index([str(root)], str(tmp_path / "parallel"), jobs=2)
    assert (serial.docs, serial.passages, serial.tables) == (
        parallel.docs, parallel.passages, parallel.tables) == (80, serial.passages, 80)
    with Index.open(str(tmp_path / "serial")) as a, Index.open(str(tmp_path / "parallel")) as b:
        for q in ("Region17", "data residency", "Geo3 Region3"):
            assert sorted((h.passage.path, h.passage.line_start, round(h.score, 6))
                          for h in a.search(q, limit=100)) == sorted(
                (h.passage.path, h.passage.line_start, round(h.score, 6))
                for h in b.search(q, limit=100))


def test_index_open_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="assistant index build"):
        Index.open(str(tmp_path / "nothing"))
    assert not index_status(str(tmp_path / "nothing")).exists


def test_parallel_build_from_a_threaded_process(tmp_path: Path) -> None:
    """With other threads running (as in the TUI), workers start from a fork server."""
    import threading

    root = tmp_path / "docs"
    for n in range(40):
        write(root / f"d{n}.md", doc(f"Doc {n}", f"Paragraph {n} about pangolins."))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        summary = build_index([str(root)], str(tmp_path / "index"), jobs=2)
    finally:
        stop.set()
        other.join()
    assert summary.docs == 40
    with Index.open(str(tmp_path / "index")) as ix:
        assert len(ix.search("pangolins", limit=100)) == 40


def test_an_index_from_another_version_names_the_build_that_mends_it(seeds: Path,
                                                                   tmp_path: Path) -> None:
    import sqlite3

    from assistant.search import generations, integrity

    index_dir = str(tmp_path / "index")
    build_index([str(seeds)], index_dir)
    store = os.path.join(generations.current_dir(index_dir), generations.STORE)
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    integrity.record(os.path.dirname(store))  # as that version wrote it: not damage
    with pytest.raises(SearchIndexError, match="rebuild it with `assistant index build`"):
        Index.open(index_dir)
    summary = build_index([str(seeds)], index_dir)   # a plain build starts afresh by itself
    assert summary.docs == 2
    with Index.open(index_dir) as ix:
        assert ix.search("Power BI")


def test_paths_with_spaces_and_url_characters(seeds: Path, tmp_path: Path) -> None:
    odd = tmp_path / "my docs #1 ?x=%20"
    shutil.copytree(seeds, odd / "corpus")
    index_dir = str(odd / "the index")
    build_index([str(odd / "corpus")], index_dir)
    with Index.open(index_dir) as ix:
        hit = ix.search("Power BI geo")[0]
        assert hit.passage.path.startswith(str(odd / "corpus"))
        assert ix.document(hit.passage.doc_path).title
    assert index_status(index_dir).stale == 0


def test_parallel_build_while_stderr_is_replaced(tmp_path: Path) -> None:
    """As under Textual: threads running, and a sys.stderr whose fileno() is -1."""
    import subprocess
    import sys
    import textwrap

    root = tmp_path / "docs"
    for n in range(40):
        write(root / f"d{n}.md", doc(f"Doc {n}", f"Paragraph {n} about quokkas."))
    script = textwrap.dedent("""
        import io, sys, threading
        from assistant.search import build_index

        class StandIn(io.StringIO):
            def fileno(self):
                return -1

        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        sys.stderr = StandIn()
        summary = build_index([sys.argv[1]], sys.argv[2], jobs=2)
        stop.set()
        print(summary.docs)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(root), str(tmp_path / "index")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "40"


def test_stored_json_is_the_parse_json(seeds: Path) -> None:
    import dataclasses
    import datetime

    from assistant.search.serialize import pack, unpack

    for path in sorted(seeds.rglob("*.md")):
        parsed = parse_file(path)
        assert unpack(pack(parsed)) == to_json_data(parsed)
        # YAML may give dates as keys and values: the stored JSON holds them as strings.
        odd = dataclasses.replace(parsed, front_matter={
            datetime.date(2020, 1, 2): "key is a date", "when": datetime.date(2021, 3, 4)})
        assert unpack(pack(odd)) == to_json_data(odd)


def test_importing_the_engine_prints_no_warnings(tmp_path: Path) -> None:
    """whoosh 2.7.4 warns while its modules compile (invalid escapes): users never see it."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}  # compile afresh
    done = subprocess.run([sys.executable, "-W", "error", "-c",
                           "import assistant.search, assistant.search.whoosh.build, "
                           "assistant.search.whoosh.segments, assistant.search.whoosh.rank"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_same_size_change_within_the_same_clock_tick_is_seen(tmp_path: Path) -> None:
    """The stat shortcut never vouches for a file changed right around its last read."""
    root, index_dir = tmp_path / "docs", str(tmp_path / "index")
    write(root / "a.md", doc("A", "The word is walrus."))
    build_index([str(root)], index_dir)
    before = (root / "a.md").stat()
    write(root / "a.md", doc("A", "The word is narwal."))     # same size
    os.utime(root / "a.md", ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime too
    assert index_status(index_dir).stale == 1
    assert build_index([str(root)], index_dir).changed == 1
    with Index.open(index_dir) as ix:
        assert ix.search("narwal") and not ix.search("walrus")


def test_pack_files_are_shared_then_compacted(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.search import generations, store

    monkeypatch.setattr(store, "_MIN_PACK_BYTES_TO_COMPACT", 0)
    monkeypatch.setattr(store, "_MAX_DEAD_SHARE", 0.2)
    root, index_dir = tmp_path / "docs", str(tmp_path / "index")
    for n in range(10):
        write(root / f"d{n}.md", doc(f"Doc {n}", f"First text {n}."))
    build_index([str(root)], index_dir)

    def packs() -> list[Path]:
        return sorted(Path(generations.current_dir(index_dir)).glob("pack-*.bin"))

    (first,) = packs()
    write(root / "d0.md", doc("Doc 0", "Second text 0."))       # 1 doc of 10: 10% dead
    build_index([str(root)], index_dir)
    shared, new = packs()[0], packs()[1]
    assert first.name in {shared.name, new.name}
    assert (shared if shared.name == first.name else new).stat().st_ino == first.stat().st_ino
    for n in range(1, 5):                                      # now over 20% dead: compacted
        write(root / f"d{n}.md", doc(f"Doc {n}", f"Third text {n}."))
    build_index([str(root)], index_dir)
    assert len(packs()) == 1
    with Index.open(index_dir) as ix:
        for n in range(10):
            path = str(root / f"d{n}.md")
            assert ix.document(path) == parse_file(path, root=str(root))


def test_models_made_by_another_parser_are_rebuilt(seeds: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = str(tmp_path / "ix")
    build_index([str(seeds)], index_dir)
    assert build_index([str(seeds)], index_dir).unchanged == 2
    # Same docs, different parser code: the stored models are stale, so all are re-parsed.
    for module in ("build", "base"):  # (the builder writes it, the base check reads it)
        monkeypatch.setattr(f"assistant.search.whoosh.{module}.model_fingerprint",
                            lambda: "another-parser")
    summary = build_index([str(seeds)], index_dir)
    assert summary.unchanged == 0 and summary.docs == 2
    monkeypatch.undo()
    assert build_index([str(seeds)], index_dir).unchanged == 0  # and back again


def test_a_full_build_counts_a_skipped_file_once(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "good.md").write_text("# Good\n\nText.\n", encoding="utf-8")
    (corpus / "empty.md").write_bytes(b"")
    index_dir = str(tmp_path / "index")
    first = build_index([str(corpus)], index_dir)
    assert first.skipped == 1
    again = build_index([str(corpus)], index_dir)
    assert again.skipped == 1  # still skipped, said again
    full = build_index([str(corpus)], index_dir, full=True)
    assert full.skipped == 1
    assert sum(1 for d in full.problems if d.path.endswith("empty.md")) == 1
