"""Every rule is documented, and --explain prints it (as sqlite-utils' test_docs.py)."""

from __future__ import annotations

import re

import pytest

from assistant.check import RULES, TOPICS, explain
from assistant.check.suppress import FORMS
from assistant.cli import main
from assistant.errors import ConfigError
from paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


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
    fixable = ", --fix mends it" if RULES[code].fixable else ""
    assert out.startswith(f"{code} {RULES[code].name} ({RULES[code].severity}{fixable})")
    assert "Why it matters" in out
    assert out == explain(code)


def test_explain_accepts_names_and_lower_case() -> None:
    assert explain("ragged-row") == explain("TBL201") == explain("tbl201")


def test_explain_of_an_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--explain", "XX999"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'XX999'" in err and "or a topic: baseline" in err
    with pytest.raises(ConfigError):
        explain("nope")


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_explain_prints_each_topic(topic: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--explain", topic]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{topic}\n\n") and len(out) > 400


def test_every_new_option_and_comment_form_is_explained_and_in_the_readme() -> None:
    explained = "\n".join(explain(topic) for topic in TOPICS)
    for option in ("--baseline", "--write-baseline", "--fix", "--diff", "--changed-since"):
        assert option in explained, option
        assert option in README, option
    for form in FORMS:
        assert f"assistant-{form}" in explain("suppressions"), form
        assert f"assistant-{form}" in README, form
    assert explain("diff") == explain("fix") and explain("--baseline") == explain("baseline")


def test_fixable_rules_say_how_they_are_mended() -> None:
    fixable = sorted(code for code, rule in RULES.items() if rule.fixable)
    assert fixable == ["FM306", "LNK404", "LNK405", "TRM501"]
    for code in fixable:
        assert "--fix" in RULES[code].doc, code
        assert code in explain("fix"), code
