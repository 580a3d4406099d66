"""One passing and one failing fixture per rule (ruff's one fixture per code).

``fixtures/<CODE>/pass/`` must give no finding of that code; ``fixtures/<CODE>/fail/`` must
give exactly the findings listed in its ``expected.txt``, one per line as the text report
writes them (``file:line:col: CODE message``, in report order), so a change to the line,
column or wording of a finding fails here. ``file`` is relative to the ``fail`` folder; a
message that names another file there writes that folder as ``<fixture>``. A rule that
judges other rules' findings (SUP701 judges suppressions) names the codes that must run
beside it in ``fixtures/<CODE>/select.txt``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from assistant.check import RULES, run_checks
from assistant.config import Config

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2025, 6, 1)


def findings_for(code: str, side: str) -> list[str]:
    """The findings of ``code`` in one fixture, as ``file:line:col: CODE message`` lines."""
    base = FIXTURES / code / side
    found = [f for f in run_checks([str(base)], Config(), select=[code, *also_selected(code)],
                                   today=TODAY, jobs=1) if f.code == code]
    return [f"{Path(os.path.relpath(f.path, base)).as_posix()}:{f.line}:{f.col}: "
            f"{f.code} {f.message.replace(str(base), '<fixture>')}" for f in found]


def also_selected(code: str) -> list[str]:
    """The codes ``fixtures/<CODE>/select.txt`` says must run beside ``code``."""
    listed = FIXTURES / code / "select.txt"
    return listed.read_text(encoding="utf-8").split() if listed.is_file() else []


def test_every_rule_has_both_fixtures() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULES)
    for code in RULES:
        assert (FIXTURES / code / "pass").is_dir(), code
        assert (FIXTURES / code / "fail" / "expected.txt").is_file(), code


@pytest.mark.parametrize("code", sorted(RULES))
def test_passing_fixture_has_no_finding(code: str) -> None:
    assert findings_for(code, "pass") == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_failing_fixture_has_the_expected_findings(code: str) -> None:
    text = (FIXTURES / code / "fail" / "expected.txt").read_text(encoding="utf-8")
    expected = [line for line in text.splitlines() if line.strip()]
    assert expected, f"{code}: a failing fixture must expect at least one finding"
    assert findings_for(code, "fail") == expected


def test_findings_point_at_lines_that_exist() -> None:
    for code in RULES:
        base = FIXTURES / code / "fail"
        for finding in run_checks([str(base)], Config(), select=[code, *also_selected(code)],
                                  today=TODAY, jobs=1):
            data = Path(finding.path).read_bytes()
            assert 1 <= finding.line <= max(1, data.count(b"\n") + 1), finding
            assert finding.col >= 1


def test_messages_name_the_other_place_for_cross_doc_rules() -> None:
    for code in ("XD601", "XD602", "XD603", "XD604"):
        for finding in run_checks([str(FIXTURES / code / "fail")], Config(), select=[code],
                                  today=TODAY, jobs=1):
            assert ".md:" in finding.message, finding  # path:line of the other place


def test_what_the_messages_say() -> None:
    def messages(code: str) -> list[str]:
        return [f.message for f in run_checks([str(FIXTURES / code / "fail")], Config(),
                                              select=[code], today=TODAY, jobs=1)]

    assert any("'Framce' in 'Framce South'" in m and "'France'" in m for m in messages("XD603"))
    assert any("'Texas'" in m and "'Des Moines, IA'" in m for m in messages("XD601"))
    assert any("'Azure Active Directory' was renamed 'Microsoft Entra ID' in 2023" in m
               for m in messages("TRM501"))
    assert any("the extra text 'Paris' is not shown" in m for m in messages("TBL201"))
    fixes = {f.fix for f in run_checks([str(FIXTURES / "LNK404" / "fail")], Config(),
                                       select=["LNK404"], today=TODAY, jobs=1)}
    assert "/power-platform/admin/regions-overview" in fixes


def test_old_host_links_are_not_reported_twice() -> None:
    base = str(FIXTURES / "LNK404" / "fail")
    both = run_checks([base], Config(), select=["LNK"], today=TODAY, jobs=1)
    assert {f.code for f in both if "docs.microsoft.com" in f.message} == {"LNK404"}
    assert not any(f.code == "LNK405" for f in both)
    alone = run_checks([base], Config(), select=["LNK405"], today=TODAY, jobs=1)
    assert [f.line for f in alone] == [10, 12]  # only the URLs with a locale


def test_findings_are_sorted_by_path_and_line() -> None:
    found = run_checks([str(FIXTURES)], Config(), today=TODAY, jobs=1)
    keys = [(f.path, f.line, f.col) for f in found]
    assert keys == sorted(keys)
    assert len({f.path for f in found}) > 20


def test_parallel_runs_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.check import runner

    serial = run_checks([str(FIXTURES)], Config(), today=TODAY, jobs=1)
    monkeypatch.setattr(runner, "_PARALLEL_MIN_DOCS", 1)
    assert run_checks([str(FIXTURES)], Config(), today=TODAY, jobs=2) == serial  # fork
    # With a thread running (as in the TUI) workers start as fresh interpreters instead.
    results: list[list] = []
    thread = threading.Thread(target=lambda: results.append(
        run_checks([str(FIXTURES)], Config(), today=TODAY, jobs=2)))
    thread.start()
    thread.join()
    assert results == [serial]


def test_renamed_product_fix_only_for_a_standalone_name(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(
        "# T\n\nUse Azure AD Connect to sync with Azure AD.\n", encoding="utf-8")
    found = run_checks([str(tmp_path)], Config(), select=["TRM501"], today=TODAY, jobs=1)
    assert [(f.col, f.fix) for f in found] == [(5, None), (35, "Microsoft Entra ID")]
