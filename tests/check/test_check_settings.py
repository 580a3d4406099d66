"""The [check] settings: validation, selection, severities and the tunable rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.check import load_settings, run_checks
from assistant.check.registry import enabled_codes
from assistant.config import Config, load_config
from assistant.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(("table", "message"), [
    ({"selct": ["DOC"]}, "unknown setting(s) selct"),
    ({"select": ["NOPE"]}, "unknown rule code or prefix 'NOPE'"),
    ({"ignore": 5}, "ignore must be a list of strings"),
    ({"stale-days": "a year"}, "stale-days must be a whole number"),
    ({"stale-days": 0}, "stale-days must be a whole number"),
    ({"fail-on": "sometimes"}, "fail-on must be one of error, warning, never"),
    ({"severity": {"TBL201": "fatal"}}, "must be one of error, warning, info"),
    ({"severity": ["TBL201"]}, "severity must be a table"),
    ({"placeholder-patterns": ["(unclosed"]}, "not a valid regular expression"),
    ({"required-fields": "title"}, None),  # a comma string is accepted
])
def test_settings_are_validated(table: dict, message: str | None) -> None:
    if message is None:
        load_settings(table, "pyproject.toml")
        return
    with pytest.raises(ConfigError, match="pyproject.toml") as info:
        load_settings(table, "pyproject.toml")
    assert message in str(info.value)


def test_select_and_ignore_follow_the_most_specific_pattern() -> None:
    assert enabled_codes(["TBL"], []) == {"TBL201", "TBL202", "TBL203"}
    assert enabled_codes(["TBL"], ["TBL2"]) == set()
    assert enabled_codes(["TBL201"], ["TBL"]) == {"TBL201"}  # the code is more specific
    assert enabled_codes(None, ["FM", "ragged-row"]) >= {"DOC101", "TBL202"}
    assert not enabled_codes(None, ["FM", "ragged-row"]) & {"FM301", "TBL201"}
    assert enabled_codes(["ALL"], ["XD6"]).isdisjoint({"XD601", "XD604"})
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'ZZ'"):
        enabled_codes(["ZZ"], [])


def test_configured_severity_applies() -> None:
    config = Config(check={"severity": {"FM305": "error"}})
    found = run_checks([str(FIXTURES / "FM305" / "fail")], config, select=["FM305"],
                       today=TODAY, jobs=1)
    assert [f.severity for f in found] == ["error"]


def test_configured_select_and_ignore_apply() -> None:
    base = str(FIXTURES / "DOC101" / "fail")
    assert run_checks([base], Config(check={"ignore": ["DOC"]}), today=TODAY, jobs=1) == []
    only = run_checks([base], Config(check={"select": ["DOC102"]}), today=TODAY, jobs=1)
    assert only == []  # the fixture has placeholders but no TODO marker
    # The API's select replaces the configured one; ignore adds to it.
    again = run_checks([base], Config(check={"select": ["DOC102"]}), select=["DOC101"],
                       today=TODAY, jobs=1)
    assert {f.code for f in again} == {"DOC101"}


def test_staleness_threshold_and_today(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("---\nms.date: 01/15/2025\n---\n# T\n\nText.\n", encoding="utf-8")
    at = dict(select=["FM305"], jobs=1)
    assert run_checks([str(tmp_path)], Config(), today=dt.date(2025, 6, 1), **at) == []
    assert len(run_checks([str(tmp_path)], Config(), today=dt.date(2026, 6, 1), **at)) == 1
    tight = Config(check={"stale-days": 30})
    assert len(run_checks([str(tmp_path)], tight, today=dt.date(2025, 6, 1), **at)) == 1


def test_required_fields_and_exempt_files(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("---\ntitle: T\n---\n# T\n", encoding="utf-8")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "bit.md").write_text("Shared text.\n", encoding="utf-8")
    config = Config(check={"required-fields": ["title", "ms.service"],
                           "front-matter-exempt": ["snippets"]})
    found = run_checks([str(tmp_path)], config, select=["FM302"], today=TODAY, jobs=1)
    assert [(Path(f.path).name, f.message) for f in found] == [
        ("doc.md", "required field 'ms.service' is missing from front matter")]


def test_extra_placeholder_patterns(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# T\n\nCall XXX-XXXX for help.\n", encoding="utf-8")
    config = Config(check={"placeholder_patterns": [r"\bX{3,}\b"]})
    found = run_checks([str(tmp_path)], config, select=["DOC101"], today=TODAY, jobs=1)
    assert [(f.line, f.col) for f in found] == [(3, 6), (3, 10)]


def test_settings_are_read_from_the_project_files(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.assistant]\ncorpus = ["docs"]\n[tool.assistant.check]\nignore = ["FM"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert load_settings(config.check, config.source).ignore == ("FM",)
    (tmp_path / ".assistant.toml").write_text('[check]\nstale-days = "x"\n', encoding="utf-8")
    config = load_config()
    with pytest.raises(ConfigError, match=r"\.assistant\.toml: \[check\] stale-days"):
        load_settings(config.check, config.source)


def test_empty_sections_that_may_stay_empty(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(
        "# T\n\n## Notes\n\n## See also\n\n## NOTES\n", encoding="utf-8")
    found = run_checks([str(tmp_path)], Config(), select=["DOC104"], today=TODAY, jobs=1)
    assert [f.line for f in found] == [3, 5]  # NOTES (upper case) is allowed by default
    config = Config(check={"empty-section-allowed": ["See *"]})
    found = run_checks([str(tmp_path)], config, select=["DOC104"], today=TODAY, jobs=1)
    assert [f.line for f in found] == [3, 7]
    with pytest.raises(ConfigError, match="empty-section-allowed must be a list of strings"):
        load_settings({"empty-section-allowed": 3}, "x.toml")
