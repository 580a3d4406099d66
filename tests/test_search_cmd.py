"""``assistant index build|status`` and ``assistant search`` through click's runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from paths import SEED_CORPUS


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the seed corpus and default settings, as the working folder."""
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    (tmp_path / ".assistant.toml").write_text('corpus = ["corpus"]\nindex = "index"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


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
    assert "1 docs changed" in result.stderr
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
