"""--fix and --diff: the mechanical rules are mended in place, nothing else is touched, a
second run changes nothing, and what cannot be mended is still reported."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.check import check_paths
from assistant.check.fix import FileFix, fix, plan_fixes
from assistant.config import Config
from assistant.errors import CorpusError
from check_run import run_check as run

TODAY = dt.date(2025, 6, 1)
FRONT = ("---\ntitle: T\ndescription: D\nms.date: 05/01/2025\nms.topic: article\n"
         "author: w\n---\n")
FIXABLE = ["TRM501", "LNK404", "LNK405", "FM306"]


def mended(tmp_path: Path, body: str, front: str = FRONT, name: str = "doc.md") -> str:
    """The doc's body after --fix (library call, the fixable rules only)."""
    doc = tmp_path / name
    doc.write_text(front + body, encoding="utf-8")
    fix(lambda: check_paths([str(tmp_path)], Config(), select=FIXABLE, today=TODAY, jobs=1,
                            fixing=True), write=True)
    return doc.read_text(encoding="utf-8").removeprefix(front)


@pytest.mark.parametrize(("before", "after"), [
    ("Sign in with Azure AD.\n", "Sign in with Microsoft Entra ID.\n"),
    ("Create an Azure AD tenant.\n", "Create a Microsoft Entra ID tenant.\n"),
    ("An AAD tenant holds them.\n", "A Microsoft Entra ID tenant holds them.\n"),
    ("Open a VSTS project.\n", "Open an Azure DevOps project.\n"),
    ("Store it in the Common Data Service.\n", "Store it in the Dataverse.\n"),
    ("## Open the Office 365 Admin Center\n", "## Open the Microsoft 365 Admin Center\n"),
    ("Use the Microsoft Office 365 admin center.\n", "Use the Microsoft 365 admin center.\n"),
    ("Microsoft Flow and PowerApps, or PowerApps.\n", "Power Automate and Power Apps, or "
                                                      "Power Apps.\n"),
])
def test_renamed_products(tmp_path: Path, before: str, after: str) -> None:
    assert mended(tmp_path, before) == after


def test_a_compound_name_is_reported_not_mended(tmp_path: Path) -> None:
    assert mended(tmp_path, "Run Azure AD Connect.\n") == "Run Azure AD Connect.\n"
    findings = check_paths([str(tmp_path)], Config(), select=FIXABLE, today=TODAY,
                           jobs=1).findings
    assert [(f.code, f.col) for f in findings] == [("TRM501", 5)]


@pytest.mark.parametrize(("before", "after"), [
    ("[Regions](https://docs.microsoft.com/en-us/power-platform/admin/regions-overview).\n",
     "[Regions](/power-platform/admin/regions-overview).\n"),
    ("See https://docs.microsoft.com/en-us/azure/x?view=y#z for more.\n",
     "See https://learn.microsoft.com/azure/x?view=y#z for more.\n"),
    ("See <https://docs.microsoft.com/azure/x>.\n", "See <https://learn.microsoft.com/azure/x>.\n"),
    ('<a href="https://docs.microsoft.com/de-de/azure/x">x</a>\n', '<a href="/azure/x">x</a>\n'),
    ("[1]: https://docs.microsoft.com/en-us/azure/x\n", "[1]: /azure/x\n"),
    ("[SDL](https://www.microsoft.com/en-us/securityengineering/sdl).\n",
     "[SDL](https://www.microsoft.com/securityengineering/sdl).\n"),
    ("Two: https://azure.microsoft.com/en-us/a and https://azure.microsoft.com/fr-fr/b.\n",
     "Two: https://azure.microsoft.com/a and https://azure.microsoft.com/b.\n"),
])
def test_old_host_and_locale_in_urls(tmp_path: Path, before: str, after: str) -> None:
    assert mended(tmp_path, before) == after


@pytest.mark.parametrize(("written", "fixed"), [
    ("ms.date: 2021-12-08", "ms.date: 12/08/2021"),
    ("ms.date: 4/4/2019", "ms.date: 04/04/2019"),
    ("ms.date: '4/24/2019'   # reviewed", "ms.date: '04/24/2019'   # reviewed"),
    ("ms.date: 05/01/2025", "ms.date: 05/01/2025"),
    ("ms.date: 2021-12-08T10:00:00", "ms.date: 2021-12-08T10:00:00"),
])
def test_ms_date_format(tmp_path: Path, written: str, fixed: str) -> None:
    front = FRONT.replace("ms.date: 05/01/2025", written)
    doc = tmp_path / "doc.md"
    mended(tmp_path, "Text.\n", front=front)
    assert doc.read_text(encoding="utf-8").splitlines()[3] == fixed


def test_never_inside_code_comments_or_front_matter(tmp_path: Path) -> None:
    front = FRONT.replace("title: T", "title: Azure AD and https://docs.microsoft.com/en-us/x")
    body = ("```\nConnect with Azure AD: https://docs.microsoft.com/en-us/x\n```\n\n"
            "    Indented code: Azure AD\n\n"
            "Inline `Azure AD` and `https://docs.microsoft.com/en-us/x`.\n"
            "<!-- Azure AD in a comment -->\n"
            "Azure AD: (formerly Azure AD) explains the rename.\n")
    assert mended(tmp_path, body, front=front) == body
    assert (tmp_path / "doc.md").read_text(encoding="utf-8").startswith(front)


def test_suppressed_findings_are_not_mended(tmp_path: Path) -> None:
    body = ("<!-- assistant-disable-next-line TRM501 -->\n"
            "Sign in with Azure AD.\n"
            "Sign in with Azure AD.\n")
    assert mended(tmp_path, body) == ("<!-- assistant-disable-next-line TRM501 -->\n"
                                      "Sign in with Azure AD.\n"
                                      "Sign in with Microsoft Entra ID.\n")


def test_line_ends_bom_and_trailing_spaces_are_kept(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_bytes(b"\xef\xbb\xbf# T\r\n\r\nUse PowerApps.  \r\nOld\rmac line: PowerApps")
    fix(lambda: check_paths([str(tmp_path)], Config(), select=["TRM501"], today=TODAY, jobs=1,
                            fixing=True), write=True)
    assert doc.read_bytes() == (b"\xef\xbb\xbf# T\r\n\r\nUse Power Apps.  \r\nOld\rmac line: "
                                b"Power Apps")


def test_a_file_that_is_not_utf8_is_reported_not_rewritten(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    data = "# S\u00e3o Paulo\n\nUse PowerApps.\n".encode("cp1252")
    doc.write_bytes(data)
    outcome = fix(lambda: check_paths([str(tmp_path)], Config(), select=["TRM501"],
                                      today=TODAY, jobs=1, fixing=True), write=True)
    assert doc.read_bytes() == data
    assert [f.code for f in outcome.report.findings] == ["TRM501"]


def test_an_edit_is_made_only_where_the_text_still_is(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# T\n\nUse PowerApps.\n", encoding="utf-8")
    report = check_paths([str(tmp_path)], Config(), select=["TRM501"], today=TODAY, jobs=1,
                         fixing=True)
    doc.write_text("# T\n\nUse Power Apps now.\n", encoding="utf-8")  # edited meanwhile
    assert plan_fixes(report) == []


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(
        FRONT.replace("05/01/2025", "2025-05-01") + "# A\n\nTODO: sign in with Azure AD.\n\n"
        "```\nAzure AD\n```\n", encoding="utf-8")
    (folder / "b.md").write_text(FRONT + "# B\n\nNothing to mend.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_diff_shows_the_mends_and_changes_nothing(docs: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = (docs / "a.md").read_bytes()
    code, out, err = run(["docs", "--diff"], capsys)
    assert code == 1
    assert out == ("--- docs/a.md\n+++ docs/a.md\n"
                   "@@ -1,13 +1,13 @@\n"
                   " ---\n title: T\n description: D\n"
                   "-ms.date: 2025-05-01\n+ms.date: 05/01/2025\n"
                   " ms.topic: article\n author: w\n ---\n"
                   " # A\n \n-TODO: sign in with Azure AD.\n"
                   "+TODO: sign in with Microsoft Entra ID.\n"
                   " \n ```\n Azure AD\n")
    assert "2 findings would be mended in 1 file." in err
    assert (docs / "a.md").read_bytes() == before
    assert run(["docs/b.md", "--diff"], capsys)[:2] == (0, "")


def test_diff_applies_with_patch(docs: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    _, out, _ = run(["docs", "--diff"], capsys)
    subprocess.run(["patch", "-p0", "--quiet"], input=out, text=True, check=True, cwd=tmp_path)
    assert run(["docs", "--diff"], capsys)[:2] == (0, "")


def test_fix_then_report_what_is_left_and_a_second_fix_changes_nothing(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["docs", "--fix"], capsys)
    assert code == 1  # the TODO cannot be mended
    assert [line.split(": ", 2)[1:] for line in out.splitlines()[:-1]] == [
        ["error", "DOC102 TODO marker: unfinished text"]]
    assert "Mended 2 findings in 1 file." in err
    after = {p.name: p.read_bytes() for p in docs.iterdir()}
    code, out, err = run(["docs", "--fix"], capsys)
    assert "Mended 0 findings in 0 files." in err
    assert {p.name: p.read_bytes() for p in docs.iterdir()} == after


@pytest.mark.parametrize("args", [["--fix", "--diff"], ["--diff", "--write-baseline", "b.json"]])
def test_fix_options_that_exclude_each_other(docs: Path, args: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["docs", *args], capsys)
    assert code == 2 and "cannot be used together" in err


def test_a_doc_that_cannot_be_written_is_a_corpus_error(tmp_path: Path) -> None:
    # A folder in the doc's place stands for any write failure (running as root, permissions
    # would not stop the write).
    blocked = FileFix(str(tmp_path), "Use PowerApps.\n", "Use Power Apps.\n", ())
    with pytest.raises(CorpusError, match=r": cannot write the mended doc: Is a directory$"):
        blocked.write()
