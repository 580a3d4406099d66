"""Baselines: today's findings recorded, then only new ones reported; entries match by rule,
file and flagged text, not by line, and entries no finding matches are listed as fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from check_run import run_check as run

FRONT = ("---\ntitle: T\ndescription: D\nms.date: 05/01/2025\nms.topic: article\n"
         "author: w\n---\n")


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(
        FRONT + "# A\n\nTODO: write this.\n\nSign in with Azure AD.\n\n"
                "| A | B |\n| --- | --- |\n| 1 | 2 | 3 |\n", encoding="utf-8")
    (folder / "b.md").write_text("# B\n\nTODO one\n\nTODO one\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_baseline_written_then_read_gives_no_finding(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["docs", "--write-baseline", "baseline.json"], capsys)
    assert code == 0
    assert out == "Recorded 10 findings in baseline.json (10 entries in all).\n"
    code, out, _ = run(["docs", "--baseline", "baseline.json"], capsys)
    assert (code, out) == (0, "No new findings in 2 files. Not shown: 10 in the baseline.\n")


def test_the_file_is_readable_and_names_paths_from_its_own_folder(
        docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ci = docs.parent / "ci"
    ci.mkdir()
    run(["docs", "--write-baseline", "ci/baseline.json"], capsys)
    data = json.loads((ci / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    todo = next(e for e in data["findings"] if e["code"] == "DOC102" and "a.md" in e["path"])
    assert todo == {"code": "DOC102", "path": "../docs/a.md", "text": "TODO: write this.",
                    "message": "TODO marker: unfinished text", "line": 10}
    # The same baseline works from another folder, with the docs named another way.
    monkeypatch.chdir(ci)
    code, out, _ = run([str(docs), "--baseline", "baseline.json"], capsys)
    assert (code, out) == (0, "No new findings in 2 files. Not shown: 10 in the baseline.\n")


def test_lines_inserted_above_do_not_bring_findings_back_a_new_one_is_reported(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["docs", "--write-baseline", "baseline.json"], capsys)
    a = docs / "a.md"
    lines = a.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[8:8] = ["New paragraph.\n", "\n", "Another one.\n", "\n", "TODO: a new one.\n", "\n"]
    a.write_text("".join(lines), encoding="utf-8")
    code, out, _ = run(["docs", "--baseline", "baseline.json"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "docs/a.md:13:1: error: DOC102 TODO marker: unfinished text",
        "1 finding (1 error) in 1 of 2 files. Not shown: 10 in the baseline.",
    ]


def test_identical_findings_on_identical_lines_count(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["docs", "--write-baseline", "baseline.json"], capsys)
    b = docs / "b.md"
    b.write_text(b.read_text(encoding="utf-8") + "\nTODO one\n", encoding="utf-8")
    code, out, _ = run(["docs/b.md", "--baseline", "baseline.json", "--select", "DOC102"],
                       capsys)
    assert code == 1
    assert out.splitlines()[0] == "docs/b.md:7:1: error: DOC102 TODO marker: unfinished text"


def test_entries_no_finding_matches_are_listed_as_fixed(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["docs", "--write-baseline", "baseline.json"], capsys)
    a = docs / "a.md"
    a.write_text(a.read_text(encoding="utf-8").replace("TODO: write this.", "Written."),
                 encoding="utf-8")
    code, out, _ = run(["docs", "--baseline", "baseline.json"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "Fixed since the baseline (1 entry; write the baseline again to drop them):",
        "  docs/a.md (was line 10): DOC102 TODO marker: unfinished text",
        "No new findings in 2 files. Not shown: 9 in the baseline.",
    ]
    # Only files and rules that ran can tell: checking b.md alone lists nothing as fixed.
    assert "Fixed" not in run(["docs/b.md", "--baseline", "baseline.json"], capsys)[1]
    assert "Fixed" not in run(["docs", "--baseline", "baseline.json", "--select", "TRM"],
                              capsys)[1]
    # Machine formats keep stdout to their syntax; the fixed entries go to stderr.
    code, out, err = run(["docs", "--baseline", "baseline.json", "--format", "json"], capsys)
    assert json.loads(out) == [] and "(was line 10): DOC102" in err


def test_writing_keeps_the_entries_of_files_this_run_did_not_check(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["docs", "--write-baseline", "baseline.json"], capsys)
    b = docs / "b.md"
    b.write_text("# B\n\nDone.\n", encoding="utf-8")
    code, out, _ = run(["docs/b.md", "--write-baseline", "baseline.json"], capsys)
    assert out == "Recorded 5 findings in baseline.json (8 entries in all).\n"
    entries = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} == {"docs/a.md", "docs/b.md"}
    assert run(["docs", "--baseline", "baseline.json"], capsys)[0] == 0


@pytest.mark.parametrize(("content", "error"), [
    (None, "baseline.json: no such baseline file; record one with"),
    ('{"version": 1,\n "findings": [}', "baseline.json:2: the baseline is not valid JSON"),
    ('[1, 2]', "baseline.json: not a baseline written by 'assistant check --write-baseline'"),
    ('{"version": 1, "findings": [{"code": "DOC102"}]}',
     "baseline.json: baseline entry 1 needs code, path, text, message, line"),
    ('{"version": 1, "findings": [{"code": "DOC102", "path": 3, "text": "", "message": "",'
     ' "line": 1}]}', "baseline.json: baseline entry 1 needs code, path"),
])
def test_a_bad_baseline_is_one_line_naming_the_file(
        docs: Path, capsys: pytest.CaptureFixture[str], content: str | None, error: str) -> None:
    if content is not None:
        Path("baseline.json").write_text(content, encoding="utf-8")
    code, _, err = run(["docs", "--baseline", "baseline.json"], capsys)
    assert code == 2
    assert err.startswith(f"error: {error}")
    assert err.count("\n") == 1  # one line
    assert "Traceback" not in err


def test_baseline_and_write_baseline_exclude_each_other(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["docs", "--baseline", "b.json", "--write-baseline", "b.json"], capsys)
    assert code == 2 and "cannot be used together" in err
