"""--changed-since REF: only the docs git says changed (and those they affect) are reported,
still compared with every doc by the across-docs rules."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.check import run_checks
from assistant.check.changes import changed_since
from assistant.cli import main
from assistant.config import Config

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
TODAY = dt.date(2025, 6, 1)
FRONT = ("---\ntitle: T\ndescription: D\nms.date: 05/01/2025\nms.topic: article\n"
         "author: w\n---\n")
TABLE = ("| Azure geographic areas (geos) | Azure datacenters (regions) |\n"
         "| --- | --- |\n"
         "| United States | South Central US (Texas) |\n"
         "| United States | East US (Virginia) |\n")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    (docs / "a.md").write_text(FRONT + "# A\n\nTODO: old in a.\n", encoding="utf-8")
    (docs / "b.md").write_text(FRONT + "# B\n\nTODO: old in b.\n", encoding="utf-8")
    (docs / "page.md").write_text(FRONT + "# P\n\n[!INCLUDE [n](includes/note.md)]\n\n"
                                  "TODO: old in page.\n", encoding="utf-8")
    (docs / "includes" / "note.md").write_text("A note.\n", encoding="utf-8")
    (docs / "linker.md").write_text(FRONT + "# L\n\nSee [B](b.md).\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "docs")
    return tmp_path


def reported(repo: Path, select: list[str], ref: str = "HEAD") -> list[tuple[str, str]]:
    docs = repo / "docs"
    findings = run_checks([str(docs)], Config(), select=select, today=TODAY, jobs=1,
                          changed=changed_since(ref, [str(docs)]))
    return [(Path(f.path).relative_to(docs).as_posix(), f.code) for f in findings]


def test_nothing_changed_nothing_reported(repo: Path) -> None:
    assert reported(repo, ["ALL"]) == []


def test_only_changed_and_new_docs_are_reported(repo: Path) -> None:
    a = repo / "docs" / "a.md"
    a.write_text(a.read_text(encoding="utf-8") + "\nTODO: new in a.\n", encoding="utf-8")
    (repo / "docs" / "new.md").write_text(FRONT + "# N\n\nTBD\n", encoding="utf-8")
    assert reported(repo, ["DOC102"]) == [("a.md", "DOC102"), ("a.md", "DOC102"),
                                          ("new.md", "DOC102")]
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more")
    assert reported(repo, ["DOC102"]) == []
    assert len(reported(repo, ["DOC102"], ref="HEAD~1")) == 3


def test_a_changed_include_brings_in_the_pages_that_include_it(repo: Path) -> None:
    (repo / "docs" / "includes" / "note.md").write_text("A changed note.\n", encoding="utf-8")
    assert ("page.md", "DOC102") in reported(repo, ["DOC102"])


def test_a_deleted_doc_brings_in_the_docs_that_link_to_it(repo: Path) -> None:
    (repo / "docs" / "b.md").unlink()
    assert reported(repo, ["LNK401", "DOC102"]) == [("linker.md", "LNK401")]


def test_a_changed_docfx_json_brings_in_its_docs(repo: Path) -> None:
    (repo / "docs" / "docfx.json").write_text('{"build": {}}', encoding="utf-8")
    assert {path for path, _ in reported(repo, ["DOC102"])} == {"a.md", "b.md", "page.md"}


def test_across_docs_rules_compare_a_changed_doc_with_the_others(repo: Path) -> None:
    docs = repo / "docs"
    (docs / "t1.md").write_text(FRONT + TABLE, encoding="utf-8")
    (docs / "t2.md").write_text(FRONT + TABLE, encoding="utf-8")
    (docs / "old-footnote.md").write_text(
        FRONT + "Backups stay in East US (Ohio).\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "tables")
    # A new doc that contradicts the unchanged tables: reported at the new doc.
    (docs / "new.md").write_text(FRONT + "Data lives in South Central US (Iowa).\n",
                                 encoding="utf-8")
    assert reported(repo, ["XD601"]) == [("new.md", "XD601")]
    # The unchanged footnote that contradicts the unchanged tables is not this change's.
    (docs / "new.md").unlink()
    assert reported(repo, ["XD601"]) == []
    # A changed table that the old footnote now contradicts: reported at the footnote.
    (docs / "t1.md").write_text(FRONT + TABLE + "| United States | Central US (Iowa) |\n",
                                encoding="utf-8")
    assert reported(repo, ["XD601"]) == [("old-footnote.md", "XD601")]


def test_usage_errors_are_one_line(repo: Path, tmp_path_factory: pytest.TempPathFactory,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(repo / "docs"), "--changed-since", "no-such-ref"]) == 2
    assert "git knows no commit 'no-such-ref'" in capsys.readouterr().err
    outside = tmp_path_factory.mktemp("not-a-repo")
    (outside / "a.md").write_text("# A\n", encoding="utf-8")
    assert main(["check", str(outside), "--changed-since", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert "needs a git repository" in err and "Traceback" not in err


def test_through_the_cli(repo: Path, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "docs" / "b.md").write_text(FRONT + "# B\n\nDone.\n", encoding="utf-8")
    assert main(["check", "docs", "--changed-since", "HEAD", "--ignore", "FM305"]) == 0
    assert capsys.readouterr().out == "No findings in 1 file.\n"
