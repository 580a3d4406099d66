"""A build big enough to run in parallel works inside the running app (a fresh process).

Textual replaces sys.stderr while the app runs, and multiprocessing's resource tracker needs
a real stderr file descriptor when it starts; in the test process it is usually running
already, so this runs in a new interpreter where nothing has been started yet.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys, time
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
            print(screen_text(app))

    asyncio.run(main())
    """
)


def test_a_parallel_build_inside_the_app_finishes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(48):  # above the builder's threshold for worker processes
        (corpus / f"doc{n:02}.md").write_text(
            f"---\ntitle: Doc {n}\n---\n\n# Doc {n}\n\nRegion {n} keeps data in geo {n}.\n",
            encoding="utf-8",
        )
    script = SCRIPT.format(tests=str(Path(__file__).parent))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[0] == "ready 48", result.stdout
