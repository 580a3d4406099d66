"""The size guard (issue 12, item 6): one huge doc (a single long line) is indexed up to the
limit with a warning naming it and what was cut, and no question pays for the rest of it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.answer import Answerer, quote_holds
from assistant.answer.quotes import SourceLines
from assistant.cli import cli
from assistant.config import human_size, load_config, parse_size
from assistant.search import Index, build_index, index_status
from assistant.search.limits import MAX_PASSAGE_CHARS, PIECE_CHARS, bounded, cut, pieces
from paths import SEED_CORPUS

WORDS = ["tenant", "region", "backup", "sandbox", "licence", "connector", "gateway", "policy",
         "storage", "capacity", "environment", "retention", "quota", "audit", "export"]


def one_long_line(size: int) -> str:
    """``size`` bytes of words on one line, no sentence ends (the worst case)."""
    words, total, n = [], 0, 0
    while total < size:
        word = f"{WORDS[n % len(WORDS)]}{n % 97}"
        words.append(word)
        total += len(word) + 1
        n += 1
    return " ".join(words)[:size]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    (tmp_path / ".assistant.toml").write_text('corpus = ["corpus"]\nindex = "index"\n'
                                              'max-doc-size = "256 KB"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_doc_over_the_limit_is_cut_with_a_warning_naming_what_was_cut(project: Path) -> None:
    huge = project / "corpus" / "huge.md"
    huge.write_text("# Huge\n\n" + one_long_line(3 * 1024 * 1024) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["index", "build", "--strict"])
    assert result.exit_code == 1  # (a warning, so --strict fails)
    warning = [line for line in result.stderr.splitlines() if "huge.md" in line]
    assert warning == [
        "corpus/huge.md:3: warning: doc of 3 MB, over the limit of 256 KB per doc: only its "
        "first 256 KB are indexed, up to the middle of line 3, its last; the other 2.8 MB "
        "are not; raise max-doc-size (settings or --max-doc-size) to index it all"]
    with Index.open("index") as ix:
        doc = ix.document(str(huge.resolve()))
        assert sum(len(b.text) for b in doc.blocks) <= 256 * 1024
        passages = ix.passages(str(huge.resolve()))
        assert len(passages) > 200 and max(len(p.quote) for p in passages) <= PIECE_CHARS
        assert all(p.line_start == 3 for p in passages if p.kind == "paragraph")
    # The settings' limit is the index's now; a larger one on the command line indexes more.
    again = CliRunner().invoke(cli, ["index", "build", "--max-doc-size", "1MB"])
    assert again.exit_code == 0 and "1 changed" in again.stdout
    assert "over the limit of 1 MB per doc" in again.stderr
    none = CliRunner().invoke(cli, ["index", "build", "--max-doc-size", "0"])
    assert none.exit_code == 0 and "1 changed" in none.stdout and "huge.md" not in none.stderr
    bad = CliRunner().invoke(cli, ["index", "build", "--max-doc-size", "lots"])
    assert bad.exit_code == 2 and "--max-doc-size" in bad.stderr


def test_an_index_keeps_its_limit_unless_told_otherwise(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "big.md").write_text("# Big\n\n" + "A line of text.\n" * 20_000, encoding="utf-8")
    (root / "small.md").write_text("# Small\n\nText.\n", encoding="utf-8")
    index_dir = str(tmp_path / "index")
    first = build_index([str(root)], index_dir, max_doc_bytes=64 * 1024)
    assert [d.code for d in first.problems] == ["doc-too-large"]
    assert first.problems[0].message.startswith("doc of 312.5 KB, over the limit of 64 KB per "
                                                "doc: lines 1-4,")
    same = build_index([str(root)], index_dir)  # (None: the index's own limit)
    assert same.unchanged == 2 and same.generation == first.generation
    wider = build_index([str(root)], index_dir, max_doc_bytes=0)
    assert wider.changed == 1 and wider.unchanged == 1 and not wider.problems


def test_cutting_keeps_whole_lines_words_and_characters() -> None:
    assert cut(b"abc\ndef\nghi", 0) == b"abc\ndef\nghi"
    assert cut(b"abc\ndef\nghi", 9) == b"abc\ndef\n"
    assert cut(b"a" * 10 + b" " + b"b" * 10, 16) == b"a" * 10
    text = "é" * 10  # two bytes each: never cut inside one
    kept = cut(text.encode(), 7)
    assert kept.decode() == "ééé"
    assert list(pieces("One. Two three. " * 100, 100))[0].endswith(".")
    assert max(len(p) for p in pieces("x" * 10_000, 1_000)) == 1_000


def test_long_passages_become_pieces_and_others_stay(project: Path) -> None:
    from assistant.parse import parse_text
    from assistant.passages import passages_of

    doc = parse_text("# T\n\nShort.\n\n" + one_long_line(MAX_PASSAGE_CHARS + 10) + "\n", "t.md")
    out = list(bounded(passages_of(doc)))
    assert [p.quote for p in out[:2]] == ["T", "Short."] or out[0].quote == "Short."
    long = [p for p in out if p.quote not in ("T", "Short.")]
    assert len(long) > 30 and all(len(p.quote) <= PIECE_CHARS for p in long)
    joined = " ".join(p.quote for p in long)
    assert joined.split() == one_long_line(MAX_PASSAGE_CHARS + 10).split()


@pytest.mark.slow
def test_one_huge_doc_costs_no_question_its_size(project: Path) -> None:
    """A 24 MB one-line doc (the limit at its default): questions about other docs get the
    same answers as without it, and no question reads past the limit."""
    (project / ".assistant.toml").write_text('corpus = ["corpus"]\nindex = "index"\n')
    questions = ["Can Power BI move my data out of geo?", "Which regions are in the Europe "
                 "geo?", "Is data in processing encrypted?"]
    before = [CliRunner().invoke(cli, ["ask", q, "--json"]).stdout for q in questions]
    huge = project / "corpus" / "huge.md"
    huge.write_text(one_long_line(24 * 1024 * 1024) + "\n", encoding="utf-8")
    built = CliRunner().invoke(cli, ["index", "build"])
    assert built.exit_code == 0 and "huge.md:1: warning: doc of 24 MB" in built.stderr
    assert index_status("index").docs == 3
    started = time.perf_counter()
    after = [CliRunner().invoke(cli, ["ask", q, "--json"]).stdout for q in questions]
    seconds = time.perf_counter() - started
    assert after == before
    assert seconds < 10  # (it was minutes per question before the guard)
    # Checking a citation of the huge doc reads no further than the limit.
    lines = SourceLines()
    assert lines.lines(str(huge)) is not None
    assert sum(len(line) + 1 for line in lines.lines(str(huge)) or []) <= 4 * 1024 * 1024 + 1


@pytest.mark.parametrize("n", [0, 7, 1023, 1024, 1536, 4 << 20, 3 << 30])
def test_sizes_are_written_as_they_are_read(n: int) -> None:
    # One table of units both ways: what a message says, the settings accept.
    assert parse_size(human_size(n)) == n


def test_the_limit_in_the_settings(project: Path) -> None:
    assert load_config().max_doc_bytes == 256 * 1024
    assert parse_size("4 MB") == 4 * 1024 * 1024 and parse_size(0) == 0
    (project / ".assistant.toml").write_text('max-doc-size = "big"\n')
    result = CliRunner().invoke(cli, ["index", "build"])
    assert result.exit_code == 2 and "'max-doc-size': not a size" in result.stderr


def test_an_index_built_before_limits_has_its_huge_docs_cut_by_the_next_build(
        tmp_path: Path) -> None:
    import sqlite3

    from assistant.search import generations, integrity

    root = tmp_path / "docs"
    root.mkdir()
    (root / "big.md").write_text("# Big\n\n" + one_long_line(200_000) + "\n", encoding="utf-8")
    (root / "small.md").write_text("# Small\n\nText.\n", encoding="utf-8")
    index_dir = str(tmp_path / "index")
    build_index([str(root)], index_dir, max_doc_bytes=0)
    current = generations.current_dir(index_dir)
    assert current is not None
    with sqlite3.connect(Path(current, generations.STORE)) as db:  # as older builds left it
        db.execute("DELETE FROM meta WHERE key = 'max_doc_bytes'")
    integrity.record(current)
    summary = build_index([str(root)], index_dir, max_doc_bytes=64 * 1024)
    assert summary.changed == 1 and summary.unchanged == 1
    assert [d.code for d in summary.problems] == ["doc-too-large"]


def test_citations_are_read_up_to_the_limit_the_index_was_built_with(project: Path) -> None:
    # The settings say 256 KB; this index was built with no limit, so a fact past 256 KB is
    # indexed, and its citation must be read back from there, not cut at the settings' size.
    doc = project / "corpus" / "quotas.md"
    doc.write_text("# Quotas\n\n" + one_long_line(300 * 1024) + "\n\n"
                   "The quokka export quota is 42 widgets per day.\n", encoding="utf-8")
    build_index(["corpus"], "index", max_doc_bytes=0)
    with Index.open("index") as ix:
        assert ix.max_doc_bytes == 0
        answer = Answerer(ix, config=load_config()).ask("What is the quokka export quota?")
    assert "42 widgets" in answer.answer and answer.citations
    assert answer.citations[0].line_start == 5 and quote_holds(answer.citations[0])
