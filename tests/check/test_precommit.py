"""The pre-commit hook, as a docs repo uses it: ``pre-commit try-repo`` against this project
fails on a planted defect and passes once it is fixed.

try-repo installs the project into a fresh environment with pip each time (about 15 s
here), hence the slow mark. The project is copied as it is in the work tree (committed or
not) into a repository of its own, because try-repo reads hooks from a commit.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paths import REPO

pytestmark = pytest.mark.slow
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com",
       "-c", "commit.gpgsign=false"]
DOC = ("---\ntitle: Guide\ndescription: How to start.\nms.date: {date}\nms.topic: article\n"
       "author: writer\n---\n# Guide\n\n{body}\n")


def pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit, or '.[test]')")
    return [found]


def project_copy(target: Path) -> Path:
    """The work tree's files (tracked, and new ones not ignored) committed in a new repo."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True, check=True)
    for name in listed.stdout.decode("utf-8").split("\0"):
        source = REPO / name
        if name and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run([*GIT, "init", "-q"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the project as tested"], cwd=target, check=True)
    return target


def test_try_repo_fails_on_a_planted_defect_and_passes_once_fixed(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and the project's own git repository")
    command = pre_commit()
    project = project_copy(tmp_path / "project")
    docs = tmp_path / "docs"
    docs.mkdir()
    subprocess.run([*GIT, "init", "-q"], cwd=docs, check=True)
    guide = docs / "guide.md"
    today = dt.date.today().strftime("%m/%d/%Y")  # a fresh date: no stale-date warning

    def try_repo() -> subprocess.CompletedProcess[str]:
        subprocess.run([*GIT, "add", "-A"], cwd=docs, check=True)
        return subprocess.run([*command, "try-repo", str(project), "assistant-check",
                               "--all-files"], cwd=docs, capture_output=True, text=True,
                              timeout=600, check=False)

    guide.write_text(DOC.format(date=today, body="TODO: write the steps."), encoding="utf-8")
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "assistant check" in failed.stdout and "Failed" in failed.stdout
    assert "guide.md:10:1: error: DOC102 TODO marker: unfinished text" in failed.stdout

    guide.write_text(DOC.format(date=today, body="Open the admin center and pick a region."),
                     encoding="utf-8")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
