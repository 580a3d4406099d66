"""``assistant index build|status`` and ``assistant search`` through click's runner."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from paths import SEED_CORPUS


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_build_then_status_with_defaults(project: Path) -> None:
    result = run("index", "build")
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout and "58 passages" not in result.stderr
    assert "1 table," in result.stdout and "2 docs" in result.stdout
    status = run("index", "status", "--json")
    data = json.loads(status.stdout)
    assert data["exists"] and data["docs"] == 2 and data["stale"] == 0
    # The index records its corpus absolutely: it is compared with it from any folder.
    assert data["roots"] == [str(project.resolve() / "corpus")]
    text = run("index", "status").stdout
    assert "docs: 2" in text and "up to date" in text


def test_build_json_summary(project: Path, tmp_path: Path) -> None:
    result = run("index", "build", "--corpus", "corpus", "--index", "elsewhere", "--json",
                 "--jobs", "1")
    data = json.loads(result.stdout)
    assert data["added"] == 2 and data["docs"] == 2 and data["exception_lists"] == 1
    assert {"changed", "removed", "skipped", "passages", "tables", "seconds"} <= set(data)
    again = json.loads(run("index", "build", "--index", "elsewhere", "--json").stdout)
    assert again["unchanged"] == 2 and again["added"] == 0
    full = json.loads(run("index", "build", "--index", "elsewhere", "--json", "--full").stdout)
    assert full["full"] and full["docs"] == 2


def test_bad_docs_are_named_and_strict_fails(project: Path) -> None:
    (project / "corpus" / "empty.md").write_text("")
    (project / "corpus" / "bad.md").write_text("---\ntitle: [oops\n---\n\n# Bad\n\nText.\n")
    result = run("index", "build")
    assert result.exit_code == 0
    assert "corpus/empty.md:1:" in result.stderr and "corpus/bad.md:" in result.stderr
    assert "1 skipped" in result.stdout
    strict = run("index", "build", "--strict", "--full")
    assert strict.exit_code == 1


def test_fatal_errors_exit_2(project: Path) -> None:
    result = run("index", "build", "--corpus", "no-such-folder")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr and "Traceback" not in result.output
    (project / "blocker").write_text("a file")
    result = run("index", "build", "--index", "blocker/index")
    assert result.exit_code == 2 and "index" in result.stderr


def test_search_builds_a_missing_index_first(project: Path) -> None:
    result = run("search", "Power BI outside the geo", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "indexing" in result.stderr or "writing" in result.stderr
    assert "corpus/customer-service-insights/data-location.md:74" in result.stdout
    assert (project / "index" / "CURRENT").is_file()


def test_search_json_and_stale_note(project: Path) -> None:
    run("index", "build")
    hits = json.loads(run("search", "North Europe Ireland", "--json", "--limit", "3").stdout)
    assert 1 <= len(hits) <= 3
    first = hits[0]
    assert {"path", "title", "section", "line_start", "line_end", "quote", "score"} <= set(first)
    lines = (project / first["path"]).read_text(encoding="utf-8").splitlines()
    assert "North Europe" in "\n".join(lines[first["line_start"] - 1:first["line_end"]])

    (project / "corpus" / "new.md").write_text("# New\n\nFresh text.\n")
    result = run("search", "Ireland")
    assert "note: 1 doc has changed since the index was built, so results" in result.stderr
    assert result.exit_code == 0


def test_search_prints_doc_text_literally(project: Path) -> None:
    (project / "corpus" / "evil.md").write_text(
        "# Evil\n\nThe word marmoset [bold red]X[/] and \x1b[31mred\x1b[0m.\n")
    result = run("search", "marmoset")
    assert "[bold red]X[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout


def test_search_with_no_match_and_odd_query(project: Path) -> None:
    run("index", "build")
    result = run("search", 'AND "(unclosed: [x')
    assert result.exit_code == 0
    assert run("search", "zzzzqqq").stdout.strip() == "no matching passages"
    assert json.loads(run("search", "zzzzqqq", "--json").stdout) == []


@pytest.fixture()
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A docs folder, a working folder with no settings anywhere above it, and a cache."""
    shutil.copytree(SEED_CORPUS, tmp_path / "docs")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_ask_and_search_take_any_docs_folder_with_corpus(elsewhere: Path) -> None:
    docs = str(elsewhere / "docs")
    asked = run("ask", "Can Power BI move my data out of geo?", "--corpus", docs)
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.startswith("YES")
    # Built on first use, in a cache folder of its own, and said so on stderr.
    (folder,) = (elsewhere / "cache" / "docs-assistant").iterdir()
    assert (folder / "CURRENT").is_file() and not (elsewhere / "work" / "index").exists()
    assert f"build of {folder}: 2 added" in asked.stderr
    again = run("search", "North Europe Ireland", "--corpus", docs, "--limit", "1")
    assert again.exit_code == 0 and again.stderr == ""  # nothing to build the second time
    assert f"{docs}/customer-service-insights/data-location.md" in again.stdout
    # Changed docs are indexed before the next answer (no stale answers from a cache).
    (elsewhere / "docs" / "new.md").write_text("# New\n\nMarmosets live in the new geo.\n")
    fresh = run("search", "marmosets", "--corpus", docs)
    assert "1 added" in fresh.stderr and "new.md:3" in fresh.stdout
    status = run("index", "status", "--index", str(folder))
    assert status.exit_code == 0 and "stale: 0" in status.stdout


def test_corpus_with_an_index_of_other_docs_is_refused(elsewhere: Path) -> None:
    docs = str(elsewhere / "docs")
    shutil.copytree(SEED_CORPUS, elsewhere / "other")
    assert run("index", "build", "--corpus", str(elsewhere / "other"), "--index",
               "ix").exit_code == 0
    result = run("ask", "Is data encrypted?", "--corpus", docs, "--index", "ix")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "ix is the index of" in result.stderr and "leave out --index" in result.stderr
    # The same docs: that index is used (and built when missing).
    assert run("ask", "Is data encrypted?", "--corpus", docs, "--index", "ix2").exit_code == 0
    assert (elsewhere / "work" / "ix2" / "CURRENT").is_file()


def test_a_missing_corpus_says_what_was_looked_for_and_how_to_point_elsewhere(
        elsewhere: Path) -> None:
    result = run("ask", "Is data encrypted?")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    line = result.stderr
    assert f"corpus folder not found: {elsewhere / 'work' / 'corpus'}" in line
    assert "the default corpus folder" in line and "no [tool.assistant] settings" in line
    assert "--corpus DIR" in line and "[tool.assistant]" in line
    (elsewhere / "work" / ".assistant.toml").write_text('corpus = ["manuals"]\n')
    configured = run("search", "encrypted")
    assert f"corpus folder not found: {elsewhere / 'work' / 'manuals'}" in configured.stderr
    assert "(the corpus set in .assistant.toml)" in configured.stderr
    given = run("ask", "Is data encrypted?", "--corpus", "nowhere")
    assert "nowhere (given with --corpus)" in given.stderr and given.exit_code == 2


def test_the_app_takes_corpus_too(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli.tui_cmd import tui
    from assistant.config import cache_index_dir
    from assistant.tui import app

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    opened = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(app.AssistantApp, "run", lambda self: opened.append(self.library))
    docs = str(elsewhere / "docs")
    assert tui.callback is not None
    tui.callback(index_dir=None, corpus=(docs,))
    (library,) = opened
    assert library.index_dir == cache_index_dir([docs]) and library.roots == (docs,)
