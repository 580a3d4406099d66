"""``assistant ask`` through click's runner: text, JSON, batches, a missing or stale index."""

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
    (tmp_path / ".assistant.toml").write_text(
        'corpus = ["corpus"]\nindex = "index"\n[urls]\n'
        '"corpus/customer-service-insights" = "https://learn.example.com/csi"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_missing_index_is_built_then_the_question_answered(project: Path) -> None:
    result = run("ask", "Can Power BI move my data out of geo?")
    assert result.exit_code == 0, result.output
    assert (project / "index").is_dir()
    assert result.stderr  # build progress went to stderr, not into the answer
    out = result.stdout.splitlines()
    assert out[0] == "YES (settled by the docs)" and out[1].startswith("Yes.")
    assert "[1] corpus/customer-service-insights/data-location.md:74" in result.stdout
    assert "[2] corpus/customer-service-insights/data-location.md:59" in result.stdout
    assert "https://learn.example.com/csi/data-location#customer-data-at-rest-in-geo" in (
        result.stdout)


def test_json_answer(project: Path) -> None:
    data = json.loads(run("ask", "where is brazil suoth", "--json").stdout)
    assert set(data) == {"question", "verdict", "answer", "citations", "related", "tier"}
    assert data["verdict"] == "answer" and "São Paulo" in data["answer"]
    assert data["tier"] == "sure"
    cite = data["citations"][0]
    assert set(cite) == {"path", "title", "section", "line_start", "line_end", "quote", "url"}
    assert cite["line_start"] == 44


def test_batch_json_is_one_object_per_line_in_order(project: Path) -> None:
    questions = ["Is data in processing encrypted?", "", "What is the price of Customer "
                 "Service Insights?", "Which regions are in the Europe geo?"]
    (project / "q.txt").write_text("\n".join(questions) + "\n")
    result = run("ask", "--batch", "q.txt", "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # one per input line, the blank one too: they line up
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == questions
    assert [a["verdict"] for a in answers] == ["no", "unknown", "unknown", "answer"]
    assert answers[1]["tier"] == "none" and not answers[1]["related"]
    assert answers[2]["related"] and not answers[2]["citations"]


def test_batch_text_from_stdin(project: Path) -> None:
    result = run("ask", "--batch", "-", stdin="Is data in processing encrypted?\n"
                                               "Will requests that use TLS 1.1 be rejected?\n")
    assert result.exit_code == 0
    assert "Q: Is data in processing encrypted?" in result.stdout
    assert "\nNO (settled by the docs)\n" in result.stdout
    assert "\nYES (settled by the docs)\n" in result.stdout


def test_unknown_text_lists_related(project: Path) -> None:
    result = run("ask", "What is the price of Customer Service Insights?")
    assert result.stdout.startswith("UNKNOWN")
    assert "Related passages:" in result.stdout


def test_stale_index_is_reported(project: Path) -> None:
    assert run("index", "build").exit_code == 0
    doc = project / "corpus" / "power-platform" / "data-storage.md"
    doc.write_text(doc.read_text() + "\nOne more line.\n")
    result = run("ask", "Is data in processing encrypted?")
    assert result.exit_code == 0
    assert ("1 doc has changed since the index was built, so answers may be out of date. "
            "Run `assistant index build` to update it.") in result.stderr
    assert result.stdout.startswith("NO")


def test_usage_errors(project: Path) -> None:
    assert run("ask").exit_code == 2
    (project / "q.txt").write_text("x\n")
    assert run("ask", "question", "--batch", "q.txt").exit_code == 2


def test_doc_text_is_printed_literally(project: Path) -> None:
    doc = project / "corpus" / "odd.md"
    doc.write_text("# Odd\n\nThe [bold red]widget[/] is \x1b[31mnot encrypted\x1b[0m at rest.\n")
    result = run("ask", "Is the widget encrypted at rest?")
    assert "\x1b" not in result.stdout  # shown as the four characters \x1b instead
    assert "[bold red]widget[/]" in result.stdout and "\\x1b[31m" in result.stdout
    assert result.stdout.startswith("NO")  # escape codes do not hide the "not"


def test_an_index_built_elsewhere_is_compared_with_its_own_corpus(project: Path) -> None:
    """``--index X`` (ask, index build, index status) uses the roots X was built from, not
    the configured corpus; changing them takes an explicit --corpus."""
    other = project / "other-docs"
    shutil.copytree(SEED_CORPUS / "power-platform", other / "power-platform")
    built = run("index", "build", "--corpus", str(other), "--index", "ix-other")
    assert built.exit_code == 0, built.output
    asked = run("ask", "Is data in transit encrypted?", "--index", "ix-other")
    assert asked.exit_code == 0 and "changed since" not in asked.stderr
    assert "other-docs/power-platform/data-storage.md:68" in asked.stdout
    # A plain build of that index keeps its corpus (the configured one has 2 docs; it has 1).
    again = run("index", "build", "--index", "ix-other", "--json")
    data = json.loads(again.stdout)
    assert data["removed"] == 0 and data["added"] == 0 and data["docs"] == 1


def test_status_without_an_index_exits_nonzero(project: Path) -> None:
    result = run("index", "status", "--index", "nowhere")
    assert result.exit_code == 1
    assert "no index in nowhere" in result.stderr


def test_an_index_built_with_relative_roots_answers_from_another_folder(
        project: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    built = run("index", "build", "--corpus", "corpus", "--index", "ix")
    assert built.exit_code == 0, built.output
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    asked = run("ask", "Can Power BI move my data out of geo?", "--index",
                str(project / "ix"))
    assert asked.exit_code == 0, asked.output
    assert "changed since" not in asked.stderr
    assert asked.stdout.startswith("YES")
    # Outside the corpus's folder, paths are shown whole.
    assert f"{project.resolve()}/corpus/customer-service-insights/data-location.md:74" in (
        asked.stdout)
    status = run("index", "status", "--index", str(project / "ix"))
    assert "stale: 0" in status.stdout


def test_an_index_of_another_version_is_rebuilt_before_answering(project: Path) -> None:
    import sqlite3

    from assistant.search import generations

    assert run("index", "build").exit_code == 0
    store = Path(generations.current_dir("index") or "", generations.STORE)
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    result = run("ask", "Can Power BI move my data out of geo?")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("YES")
