"""Builds and checks big enough to run in parallel work inside the running app.

Textual replaces sys.stderr while the app runs, and multiprocessing's resource tracker needs
a real stderr file descriptor when it starts. In the test process it is usually running
already, so each case runs in a new interpreter where nothing has been started yet.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.search import build_index

# Above the thresholds at which the builder and the checker start worker processes.
DOCS = 320

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys, time
    sys.path.insert(0, {tests!r})
    from tui_helpers import make_app, screen_text

    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            deadline = time.monotonic() + 120
            while app.index_state.phase in ("opening", "building"):
                assert time.monotonic() < deadline, screen_text(app)
                await pilot.pause(0.1)
            print(app.index_state.phase, app.index_info and app.index_info.docs)
            if {checks!r}:
                await pilot.press("f4")
                while not getattr(app.screen, "findings", None):
                    assert time.monotonic() < deadline, screen_text(app)
                    assert "Cannot run the checks" not in screen_text(app), screen_text(app)
                    await pilot.pause(0.1)
                print("findings", len(app.screen.findings))

    asyncio.run(main())
    """
)


@pytest.fixture()
def many_docs(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(DOCS):
        (corpus / f"doc{n:03}.md").write_text(
            f"---\ntitle: Doc {n}\n---\n\n# Doc {n}\n\nRegion {n} keeps data in geo {n}.\n",
            encoding="utf-8",
        )
    return tmp_path


def run_app(cwd: Path, checks: bool) -> list[str]:
    script = SCRIPT.format(tests=str(Path(__file__).parent), checks=checks)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.splitlines()


def test_a_parallel_build_inside_the_app_finishes(many_docs: Path) -> None:
    assert run_app(many_docs, checks=False) == [f"ready {DOCS}"]


def test_parallel_checks_inside_the_app_finish(many_docs: Path) -> None:
    with contextlib.chdir(many_docs):
        build_index(["corpus"], "index")
    lines = run_app(many_docs, checks=True)
    assert lines[0] == f"ready {DOCS}"
    assert lines[1].startswith("findings ") and int(lines[1].split()[1]) >= DOCS  # no dates
