"""Suppression comments: each form hides exactly what it names, where it says, and a comment
that hides nothing (or cannot work) is itself reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.check import check_paths, run_checks
from assistant.config import Config

TODAY = dt.date(2025, 6, 1)
FRONT = ("---\ntitle: T\ndescription: D\nms.date: 05/01/2025\nms.topic: article\n"
         "author: w\n---\n")
BODY_LINE = FRONT.count("\n") + 1  # the line the body starts on


def found(tmp_path: Path, body: str, select: list[str] | None = None,
          name: str = "doc.md") -> list[tuple[int, str]]:
    (tmp_path / name).write_text(FRONT + body, encoding="utf-8")
    return [(f.line - BODY_LINE + 1, f.code)
            for f in run_checks([str(tmp_path)], Config(), select=select, today=TODAY, jobs=1)]


def test_next_line_hides_exactly_the_line_below(tmp_path: Path) -> None:
    body = ("TODO one\n"
            "<!-- assistant-disable-next-line DOC102 -->\n"
            "TODO two\n"
            "TODO three\n")
    assert found(tmp_path, body, ["DOC102", "SUP"]) == [(1, "DOC102"), (4, "DOC102")]


def test_the_codes_named_are_the_codes_hidden(tmp_path: Path) -> None:
    body = ("<!-- assistant-disable-next-line DOC102 -->\n"
            "TODO: sign in with Azure AD.\n"
            "<!-- assistant-disable-next-line todo-marker, TRM -->\n"
            "TODO: sign in with Azure AD.\n"
            "<!-- assistant-disable-next-line -->\n"
            "TODO: sign in with Azure AD.\n")
    assert found(tmp_path, body, ["DOC102", "TRM501", "SUP"]) == [(2, "TRM501")]


def test_same_line_form(tmp_path: Path) -> None:
    body = ("TODO hidden <!-- assistant-disable-line DOC102 -->\n"
            "TODO shown\n")
    assert found(tmp_path, body, ["DOC102", "SUP"]) == [(2, "DOC102")]


def test_disable_and_enable_bound_a_range(tmp_path: Path) -> None:
    body = ("TODO before\n"
            "<!-- assistant-disable DOC102 -->\n"
            "TODO inside\n"
            "TBD inside\n"
            "<!-- assistant-enable DOC102 -->\n"
            "TODO after\n"
            "<!-- assistant-disable DOC -->\n"
            "TODO to the end of the file\n")
    assert found(tmp_path, body, ["DOC102", "SUP"]) == [(1, "DOC102"), (6, "DOC102")]


def test_a_bare_enable_ends_every_open_disable(tmp_path: Path) -> None:
    body = ("<!-- assistant-disable DOC102 -->\n"
            "<!-- assistant-disable TRM501 -->\n"
            "TODO: Azure AD\n"
            "<!-- assistant-enable -->\n"
            "TODO: Azure AD\n")
    assert found(tmp_path, body, ["DOC102", "TRM501", "SUP"]) == [(5, "DOC102"),
                                                                    (5, "TRM501")]


def test_disable_file_reaches_the_front_matter(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# No front matter\n\n<!-- assistant-disable-file FM302 "
                                     "-->\n", encoding="utf-8")
    report = check_paths([str(tmp_path)], Config(), select=["FM302", "SUP"], today=TODAY,
                         jobs=1)
    assert report.findings == ()
    assert report.suppressed == 5  # title, description, ms.date, ms.topic, author


def test_across_docs_findings_are_suppressed_where_they_are_reported(tmp_path: Path) -> None:
    table = ("| Azure geographic areas (geos) | Azure datacenters (regions) |\n"
             "| --- | --- |\n"
             "| United States | South Central US (Des Moines, IA) |\n"
             "| United States | East US (Virginia) |\n")
    (tmp_path / "a.md").write_text(FRONT + table, encoding="utf-8")
    (tmp_path / "b.md").write_text(FRONT + table, encoding="utf-8")
    footnote = "The backup lives in South Central US (Texas).\n"
    (tmp_path / "c.md").write_text(FRONT + footnote, encoding="utf-8")
    assert [f.code for f in run_checks([str(tmp_path)], Config(), select=["XD601", "SUP"],
                                       today=TODAY, jobs=1)] == ["XD601"]
    (tmp_path / "c.md").write_text(
        FRONT + "<!-- assistant-disable-next-line XD601 -->\n" + footnote, encoding="utf-8")
    assert run_checks([str(tmp_path)], Config(), select=["XD601", "SUP"], today=TODAY,
                      jobs=1) == []


def test_comments_in_code_are_text(tmp_path: Path) -> None:
    body = ("```md\n"
            "<!-- assistant-disable-next-line DOC102 -->\n"
            "```\n"
            "TODO shown\n"
            "`<!-- assistant-disable-next-line DOC102 -->`\n"
            "TODO shown too\n")
    assert found(tmp_path, body, ["DOC102", "SUP"]) == [(4, "DOC102"), (6, "DOC102")]


def test_an_unused_suppression_is_reported_at_the_comment(tmp_path: Path) -> None:
    body = ("Intro.\n"
            "<!-- assistant-disable-next-line DOC102,TRM501 -->\n"
            "TODO: sign in.\n")
    assert found(tmp_path, body, ["DOC102", "TRM501", "SUP"]) == [(2, "SUP701")]
    message = run_checks([str(tmp_path)], Config(), select=["ALL"], today=TODAY,
                         jobs=1)[0].message
    assert message == "'assistant-disable-next-line TRM501' suppresses nothing here; remove it"


def test_a_suppression_is_judged_only_against_rules_that_ran(tmp_path: Path) -> None:
    body = ("<!-- assistant-disable-next-line TRM501 -->\n"
            "Nothing to hide.\n")
    assert found(tmp_path, body, ["DOC", "SUP"]) == []
    assert found(tmp_path, body, ["TRM", "SUP"]) == [(1, "SUP701")]
    assert found(tmp_path, body, ["TRM"]) == []  # SUP701 itself not selected


@pytest.mark.parametrize(("comment", "message"), [
    ("<!-- assistant-disable-next-line TRM51 -->",
     "unknown rule code or prefix 'TRM51' in 'assistant-disable-next-line'"),
    ("<!-- assistant-disable-nextline TRM501 -->",
     "unknown suppression comment 'assistant-disable-nextline'"),
    ("<!-- assistant-enable DOC102 -->",
     "'assistant-enable DOC102' ends no 'assistant-disable' of those codes above it"),
])
def test_a_comment_that_cannot_work_is_reported(tmp_path: Path, comment: str,
                                                message: str) -> None:
    (tmp_path / "doc.md").write_text(FRONT + comment + "\nText.\n", encoding="utf-8")
    findings = run_checks([str(tmp_path)], Config(), today=TODAY, jobs=1)
    assert [(f.code, f.line) for f in findings] == [("SUP702", BODY_LINE)]
    assert findings[0].message.startswith(message)


def test_suppression_findings_cannot_be_suppressed(tmp_path: Path) -> None:
    body = ("<!-- assistant-disable-file -->\n"
            "<!-- assistant-disable-next-line DOC102 -->\n"
            "Nothing to hide.\n")
    # The bare disable-file hides nothing either, and the SUP701 about the other comment is
    # not hidden by it.
    assert found(tmp_path, body, ["DOC102", "SUP"]) == [(1, "SUP701"), (2, "SUP701")]
