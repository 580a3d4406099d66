"""The gaps log: where it lives, appends that survive concurrent writers, reading, grouping,
and ``assistant gaps``."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import load_config
from assistant.gaps import (
    GapsLog,
    gap_from_answer,
    gaps_path,
    group_gaps,
    question_stems,
)
from assistant.model import Answer, Citation
from paths import REPO

PRO_COST = "how much does a Pro licence cost"
PRO_PRICE = "Pro licence price per month"

LICENSING = Citation("/docs/licensing/pricing.md", "Licensing", "Pro plans", 12, 14, "q")
STORAGE = Citation("/docs/admin/storage.md", "Storage", "Capacity", 40, 40, "q")


def unknown(question: str, *related: Citation) -> Answer:
    return Answer(question, "unknown", "The docs do not settle this.", related=related,
                  tier="none")


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=dt.UTC)


@pytest.fixture()
def log(tmp_path: Path) -> GapsLog:
    return GapsLog(tmp_path / "team" / "gaps.jsonl")


# -- where the log lives ----------------------------------------------------------------


def test_the_environment_then_the_history_opt_out_then_the_settings_then_the_default(
        tmp_path: Path) -> None:
    state = {"XDG_STATE_HOME": str(tmp_path / "state")}
    assert gaps_path(None, state) == tmp_path / "state" / "docs-assistant" / "gaps.jsonl"
    (tmp_path / ".assistant.toml").write_text('gaps = "shared/gaps.jsonl"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert Path(config.gaps or "").resolve() == (tmp_path / "shared" / "gaps.jsonl").resolve()
    assert gaps_path(config, state) == Path(config.gaps or "")
    # Keeping no question history keeps no gaps either: both hold what people asked...
    assert gaps_path(config, {**state, "ASSISTANT_HISTORY": ""}) is None
    # ...unless a gaps log is named outright.
    named = {**state, "ASSISTANT_HISTORY": "", "ASSISTANT_GAPS": str(tmp_path / "mine")}
    assert gaps_path(config, named) == tmp_path / "mine"
    assert gaps_path(config, {**state, "ASSISTANT_GAPS": " "}) is None


# -- writing and reading ----------------------------------------------------------------


def test_a_gap_keeps_question_verdict_nearest_docs_time_and_reason(log: GapsLog) -> None:
    answer = Answer("can Pro users export?", "yes", "Yes, they can.", (LICENSING, LICENSING),
                    (STORAGE,), "sure")
    log.append(gap_from_answer(answer, "wrong", "  only  admins can ", now=at(3)))
    log.append(gap_from_answer(unknown(PRO_COST, STORAGE), "unknown", now=at(4)))
    read = log.read()
    assert read.unreadable == 0
    wrong, missing = read.gaps
    assert (wrong.kind, wrong.question, wrong.verdict, wrong.tier, wrong.reason) == (
        "wrong", "can Pro users export?", "yes", "sure", "only admins can")
    assert wrong.time == "2026-12-03T09:00:00+00:00"
    # Each doc and section once, citations before related passages.
    assert [(n.path, n.section, n.line) for n in wrong.nearest] == [
        (LICENSING.path, "Pro plans", 12), (STORAGE.path, "Capacity", 40)]
    assert (missing.kind, missing.verdict, missing.reason) == ("unknown", "unknown", None)
    assert [g.question for g in log.read(since=at(4)).gaps] == [PRO_COST]


def test_control_characters_are_escaped_in_the_file(log: GapsLog) -> None:
    log.append(gap_from_answer(unknown("ring \x07 and \x1b[2J \u202eflip São"), "unknown"))
    assert log.path is not None
    text = log.path.read_text(encoding="utf-8")
    assert not any(c in text for c in "\x07\x1b\u202e")
    assert "\\u0007" in text and "\\u001b[2J" in text and "\\u202e" in text and "São" in text
    assert log.read().gaps[0].question == "ring \x07 and \x1b[2J \u202eflip São"


def test_lines_that_are_not_gaps_are_skipped_and_counted(log: GapsLog) -> None:
    log.append(gap_from_answer(unknown(PRO_COST), "unknown"))
    assert log.path is not None
    with log.path.open("a", encoding="utf-8") as handle:
        handle.write('{"time": "2026-12-0\n')  # cut short by a crash
        handle.write('{"kind": "unknown"}\n\n')  # no question, no time
        handle.write('{"time": "yesterday", "kind": "unknown", "question": "q"}\n')
    log.append(gap_from_answer(unknown(PRO_PRICE), "unknown"))
    read = log.read()
    assert [g.question for g in read.gaps] == [PRO_COST, PRO_PRICE]
    assert read.unreadable == 3


def test_no_log_kept_writes_nothing_and_reads_nothing(tmp_path: Path) -> None:
    off = GapsLog(None)
    assert off.append(gap_from_answer(unknown(PRO_COST), "unknown")) is False
    assert off.read().gaps == ()
    assert list(tmp_path.iterdir()) == []
    assert GapsLog(tmp_path / "never-written.jsonl").read().gaps == ()


APPENDER = """
import sys, time
from pathlib import Path
from assistant.gaps import GapsLog, gap_from_answer
from assistant.model import Answer, Citation
path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
# Lines longer than a pipe's atomic write (4 KiB), so only one write() per line keeps them whole.
near = tuple(Citation("/docs/" + "deep/" * 90 + f"{n}.md", "T" * 190, "S" * 190, n, n, "q")
             for n in range(5))
log = GapsLog(Path(path))
while not go.exists():  # both writers start together
    time.sleep(0.001)
for n in range(count):
    answer = Answer(f"{name} {n} " + "x" * 900, "unknown", "none", related=near, tier="none")
    log.append(gap_from_answer(answer, "unknown"))
"""


def test_two_processes_appending_at_once_lose_no_line(tmp_path: Path) -> None:
    path, go, count = tmp_path / "shared.jsonl", tmp_path / "go", 300
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(path), name, str(count), str(go)],
                         cwd=REPO)
        for name in ("first", "second")
    ]
    time.sleep(0.5)  # let both start up and wait
    go.touch()
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and min(len(line) for line in lines[:-1]) > 4096
    read = GapsLog(path).read()
    assert read.unreadable == 0
    for name in ("first", "second"):
        numbers = [int(g.question.split()[1]) for g in read.gaps if g.question.startswith(name)]
        assert sorted(numbers) == list(range(count))


# -- grouping ---------------------------------------------------------------------------


def test_how_much_a_pro_licence_costs_groups_with_its_price_per_month() -> None:
    gaps = [gap_from_answer(unknown(q), "unknown") for q in (PRO_COST, PRO_PRICE)]
    [group] = group_gaps(gaps)
    assert [w.question for w in group.wordings] == [PRO_COST, PRO_PRICE]


def test_groups_keep_apart_what_shares_only_common_words() -> None:
    asked = [
        (PRO_COST, 3), (PRO_PRICE, 1), ("how much does extra storage cost", 2),
        ("how much does a Premium licence cost", 1), ("can I restore a deleted environment", 1),
        ("restore a deleted environment after 30 days?", 1),
        ("Is Hindi supported in Customer Service Insights?", 1),
        ("Does Customer Service Insights support HIPAA?", 1),
        ("How often is Customer Service Insights data refreshed?", 1),
    ]
    gaps = [gap_from_answer(unknown(q, LICENSING if "licence" in q else STORAGE), "unknown",
                            now=at(1, n)) for q, times in asked for n in range(times)]
    groups = group_gaps(gaps)
    assert [[w.question for w in g.wordings] for g in groups] == [
        [PRO_COST, PRO_PRICE],
        ["how much does extra storage cost"],
        ["can I restore a deleted environment", "restore a deleted environment after 30 days?"],
        ["how much does a Premium licence cost"],
        ["Is Hindi supported in Customer Service Insights?"],
        ["Does Customer Service Insights support HIPAA?"],
        ["How often is Customer Service Insights data refreshed?"],
    ]
    assert [g.count for g in groups] == [4, 2, 2, 1, 1, 1, 1]  # most asked first
    assert groups[0].nearest[0].path == LICENSING.path


def test_a_group_counts_its_kinds_reasons_times_and_nearest_docs() -> None:
    gaps = [
        gap_from_answer(unknown(PRO_COST, STORAGE, LICENSING), "unknown", now=at(1)),
        gap_from_answer(unknown(PRO_COST.upper() + "?", LICENSING), "unknown", now=at(2)),
        gap_from_answer(Answer(PRO_PRICE, "answer", "10 USD", (LICENSING,), tier="quoted"),
                        "wrong", "it is per user", now=at(5)),
    ]
    [group] = group_gaps(gaps)
    assert (group.count, group.unknown, group.wrong) == (3, 2, 1)
    assert [(w.question, w.count) for w in group.wordings] == [(PRO_COST, 2), (PRO_PRICE, 1)]
    assert group.reasons == ("it is per user",)
    assert (group.first, group.last) == (at(1).isoformat(), at(5).isoformat())
    # Licensing was nearest (first) twice and second once; storage first once.
    assert [n.path for n in group.nearest] == [LICENSING.path, STORAGE.path]


def test_question_stems_drop_stop_words_and_the_quantity_of_how_much() -> None:
    assert question_stems(PRO_COST) == {"pro", "licenc", "cost"}
    assert question_stems("How many environments?") == {"environ"}
    assert question_stems("Is there much storage left") == {"much", "storag", "leav"}


# -- the command ------------------------------------------------------------------------


def gaps_cli(*args: str, log_path: Path | str):
    return CliRunner().invoke(cli, ["gaps", *args], env={"ASSISTANT_GAPS": str(log_path)})


def test_assistant_gaps_lists_groups_most_asked_first_with_their_nearest_docs(
        log: GapsLog) -> None:
    log.append(gap_from_answer(unknown("can I restore a deleted environment", STORAGE),
                               "unknown", now=at(1)))
    log.append(gap_from_answer(unknown(PRO_COST, LICENSING), "unknown", now=at(2)))
    log.append(gap_from_answer(unknown(PRO_PRICE, LICENSING), "wrong", "per user \x1b[31m",
                               now=at(3)))
    assert log.path is not None
    result = gaps_cli(log_path=log.path)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "3 questions logged, in 2 groups" in text
    first, second = text.split("\n\n")[1:]
    assert first.startswith(f"2× {PRO_COST}") and f"also: “{PRO_PRICE}” (1×)" in first
    assert "1 unknown, 1 marked wrong" in first and "why wrong: “per user \\x1b[31m”" in first
    assert "nearest: Licensing › Pro plans — /docs/licensing/pricing.md:12" in first
    assert second.startswith("1× can I restore a deleted environment")

    data = json.loads(gaps_cli("--json", log_path=log.path).stdout)
    assert data["logged"] == 3 and [g["count"] for g in data["groups"]] == [2, 1]
    assert data["groups"][0]["wordings"][1] == {"question": PRO_PRICE, "count": 1}
    assert data["groups"][0]["nearest"][0]["path"] == LICENSING.path

    since = json.loads(gaps_cli("--since", "2026-12-02T12:00+00:00", "--json",
                                log_path=log.path).stdout)
    assert since["logged"] == 1 and since["groups"][0]["question"] == PRO_PRICE
    bad = gaps_cli("--since", "last week", log_path=log.path)
    assert bad.exit_code == 2 and "is not a date" in bad.output


def test_assistant_gaps_with_nothing_logged_or_no_log(tmp_path: Path) -> None:
    empty = gaps_cli(log_path=tmp_path / "none.jsonl")
    assert empty.exit_code == 0 and "No gaps logged" in empty.stdout
    off = gaps_cli(log_path="")
    assert off.exit_code == 0 and "No gaps are kept" in off.stderr
