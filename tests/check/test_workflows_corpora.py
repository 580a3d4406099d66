"""The docs team's workflow on a copy of a real docset (d365-ai-2019, 305 docs): baseline,
new findings only, --fix and --diff (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.check import check_paths
from assistant.check.registry import Edit
from assistant.cli import main
from assistant.config import Config
from assistant.model import Finding

pytestmark = [pytest.mark.corpora, pytest.mark.slow]
DOCSET = "d365-ai-2019"
INSERTED = "This paragraph was put here by a test, above the findings below it.\n\n"


@pytest.fixture
def docset(corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(corpora / DOCSET, tmp_path / DOCSET)
    monkeypatch.chdir(tmp_path)
    return tmp_path / DOCSET


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_baseline_then_lines_inserted_above_and_one_new_todo(
        docset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([DOCSET, "--write-baseline", "baseline.json"], capsys)
    recorded = int(re.match(r"Recorded (\d+) findings", out).group(1))  # type: ignore[union-attr]
    assert code == 0 and recorded > 400
    code, out, _ = run([DOCSET, "--baseline", "baseline.json"], capsys)
    assert code == 0
    assert out.startswith("No new findings in 305 files.")

    # Lines inserted right after the front matter of every doc that has it move every
    # finding below down; one new TODO is written in one doc.
    moved = 0
    for doc in sorted(docset.rglob("*.md")):
        text = doc.read_text(encoding="utf-8")
        match = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
        if match:
            doc.write_text(text[:match.end()] + INSERTED + text[match.end():], encoding="utf-8")
            moved += 1
    assert moved > 150
    target = docset / "ai-docs" / "customer-service-insights" / "data-location.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nTODO: review the regions.\n",
                      encoding="utf-8")
    code, out, _ = run([DOCSET, "--baseline", "baseline.json"], capsys)
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 2, out
    assert re.fullmatch(r".*/data-location\.md:\d+:1: error: DOC102 TODO marker: unfinished text",
                        lines[0])
    assert lines[1] == (f"1 finding (1 error) in 1 of 305 files. Not shown: {recorded} in the "
                        f"baseline.")


def apply_by_hand(text: str, edits: list[Edit]) -> str:
    """The edits applied line by line, right to left (what --fix must have done)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, -e.col)):
        line = lines[edit.line - 1]
        start = edit.col - 1
        assert line[start:start + len(edit.old)] == edit.old
        lines[edit.line - 1] = line[:start] + edit.new + line[start + len(edit.old):]
    return "\n".join(lines)


def test_fix_mends_only_what_it_says_and_twice_is_a_no_op(
        docset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(docset)
    planned = check_paths([DOCSET], Config(), fixing=True)
    edits: dict[str, list[Edit]] = {}
    mended: set[Finding] = set()
    for finding, edit in planned.edits:
        edits.setdefault(Path(finding.path).relative_to(DOCSET).as_posix(), []).append(edit)
        mended.add(finding)
    codes = {f.code for f in mended}
    assert codes == {"TRM501", "LNK404", "LNK405", "FM306"}

    code, diff, err = run([DOCSET, "--diff"], capsys)
    assert code == 1
    assert f"{len(mended)} findings would be mended in {len(edits)} files." in err
    assert snapshot(docset) == before  # --diff changes nothing
    assert set(re.findall(r"^\+\+\+ (.*)$", diff, re.MULTILINE)) == {
        f"{DOCSET}/{path}" for path in edits}

    run([DOCSET, "--fix"], capsys)
    after = snapshot(docset)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == set(edits)
    for path in changed:  # every byte that changed is one of the planned edits
        assert after[path].decode("utf-8") == apply_by_hand(before[path].decode("utf-8"),
                                                            edits[path])

    left = check_paths([DOCSET], Config(), fixing=True)
    assert left.edits == ()
    assert not set(left.findings) & mended
    # What had no mechanical fix is still reported (a compound product name, for one).
    unfixed = [f for f in planned.findings if f.code in codes and f not in mended]
    assert unfixed and all(f.code in {g.code for g in left.findings} for f in unfixed)

    code, _, err = run([DOCSET, "--fix"], capsys)
    assert "Mended 0 findings in 0 files." in err
    assert snapshot(docset) == after
