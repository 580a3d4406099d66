"""``assistant check`` as a user runs it: formats, exit codes, usage errors, default paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.check import RULES
from assistant.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose corpus has one doc with an error (a TODO) and one warning (stale)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(
        "---\ntitle: A\ndescription: D\nms.date: 01/01/2020\nms.topic: article\n"
        "author: w\n---\n# A\n\nTODO: write this.\n", encoding="utf-8")
    (docs / "b.md").write_text(
        "---\ntitle: B\ndescription: D\nms.date: 01/01/2020\nms.topic: article\n"
        "author: w\n---\n# B\n\nDone.\n", encoding="utf-8")
    (tmp_path / ".assistant.toml").write_text('corpus = ["docs"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_is_one_line_per_finding_then_a_summary(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([], capsys)  # PATH defaults to the configured corpus
    lines = out.splitlines()
    assert lines[:3] == [
        "docs/a.md:4:1: warning: FM305 " + lines[0].split(" FM305 ", 1)[1],
        "docs/a.md:10:1: error: DOC102 TODO marker: unfinished text",
        "docs/b.md:4:1: warning: FM305 " + lines[2].split(" FM305 ", 1)[1],
    ]
    assert lines[3] == "3 findings (1 error, 2 warnings) in 2 of 2 files."
    assert code == 1


def test_fail_on_decides_the_exit_code(project: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--fail-on", "never"], capsys)[0] == 0
    assert run(["--ignore", "DOC"], capsys)[0] == 0  # warnings only: below "error"
    assert run(["--ignore", "DOC", "--fail-on", "warning"], capsys)[0] == 1
    assert run(["docs/b.md", "--select", "DOC"], capsys)[:2] == (0, "No findings in 1 file.\n")
    (project / ".assistant.toml").write_text('corpus = ["docs"]\n[check]\nfail-on = "warning"\n',
                                             encoding="utf-8")
    assert run(["--ignore", "DOC"], capsys)[0] == 1


@pytest.mark.parametrize("args", [
    ["--format", "yaml"], ["--select", "NOPE"], ["--ignore", "TBL9"], ["--fail-on", "always"],
    ["--explain", "NOPE1"], ["no/such/folder"], ["--jobs", "0"],
])
def test_usage_errors_exit_2(project: Path, args: list[str],
                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(args, capsys)
    assert code == 2
    assert err.strip()


def test_invalid_settings_exit_2_with_the_file_named(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".assistant.toml").write_text('[check]\nstale-days = -1\n', encoding="utf-8")
    code, _, err = run(["docs"], capsys)
    assert code == 2
    assert ".assistant.toml" in err and "stale-days" in err


def test_json_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert [list(d) for d in data] == [
        ["code", "name", "severity", "path", "line", "col", "message", "fix"]] * 3
    assert data[1] == {"code": "DOC102", "name": "todo-marker", "severity": "error",
                       "path": "docs/a.md", "line": 10, "col": 1,
                       "message": "TODO marker: unfinished text", "fix": None}


def test_sarif_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["--format", "sarif"], capsys)
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(RULES)
    results = run_["results"]
    assert len(results) == 3
    todo = results[1]
    assert rules[todo["ruleIndex"]]["id"] == todo["ruleId"] == "DOC102"
    assert todo["level"] == "error"
    location = todo["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "docs/a.md"},
                        "region": {"startLine": 10, "startColumn": 1}}
    assert results[0]["level"] == "warning"


def test_github_annotations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["--format", "github"], capsys)
    lines = out.splitlines()
    assert lines[1] == ("::error file=docs/a.md,line=10,col=1,title=DOC102 todo-marker::"
                        "TODO marker: unfinished text")
    assert lines[0].startswith("::warning file=docs/a.md,line=4,col=1,title=FM305 stale-date::")


def test_doc_text_is_never_terminal_control(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "evil.md"
    doc.write_text("# T\n\nIt is (?? \x1b[31mred\x1b[0m or \x07blue).\n", encoding="utf-8")
    for fmt in ("text", "github", "json", "sarif"):
        _, out, _ = run([str(doc), "--select", "DOC103", "--format", fmt], capsys)
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b[31mred" in out and "\\x07blue" in out
    # A path is printed as given, but never as control codes either.
    odd = tmp_path / "odd\x1b[2Jname.md"
    odd.write_text("# T\n\nTODO\n", encoding="utf-8")
    _, out, _ = run([str(odd), "--select", "DOC102"], capsys)
    assert "\x1b" not in out and "odd\\x1b[2Jname.md:3:1: error: DOC102" in out


def test_bad_files_become_findings_not_crashes(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "ok.md").write_text("# Fine\n", encoding="utf-8")
    code, out, _ = run([str(tmp_path), "--select", "FIL", "--format", "json"], capsys)
    found = {(Path(d["path"]).name, d["code"]) for d in json.loads(out)}
    assert found == {("empty.md", "FIL002"), ("binary.md", "FIL001")}
    assert code == 1


def test_fixture_tree_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(FIXTURES / "XD603" / "fail"), "--select", "XD603"], capsys)
    assert code == 0  # a warning does not reach the default --fail-on error
    assert "XD603 'Framce' in 'Framce South' looks like a misspelling of 'France'" in out
