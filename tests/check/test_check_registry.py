"""Every rule is documented, and --explain prints it (as sqlite-utils' test_docs.py)."""

from __future__ import annotations

import re

import pytest

from assistant.check import RULES, explain
from assistant.cli import main
from assistant.errors import ConfigError


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_code_name_severity_and_docs(code: str) -> None:
    rule = RULES[code]
    assert rule.code == code
    assert re.fullmatch(r"[A-Z]{2,3}\d{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info")
    doc = rule.doc
    assert rule.summary and len(rule.summary) < 100 and "\n" not in rule.summary
    assert "Why it matters" in doc, "why it matters"
    assert "Example" in doc, "an example"
    assert "Instead" in doc, "what to write instead"


def test_names_are_unique() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_works_for_every_code(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--explain", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{code} {RULES[code].name} ({RULES[code].severity})")
    assert "Why it matters" in out
    assert out == explain(code)


def test_explain_accepts_names_and_lower_case() -> None:
    assert explain("ragged-row") == explain("TBL201") == explain("tbl201")


def test_explain_of_an_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--explain", "XX999"]) == 2
    assert "unknown rule 'XX999'" in capsys.readouterr().err
    with pytest.raises(ConfigError):
        explain("nope")
