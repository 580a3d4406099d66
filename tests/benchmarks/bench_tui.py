"""Benchmark the terminal app (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_tui.py [--index DIR] [--corpus DIR ...]
                                                   [--questions N] [--starts N]

Two figures, on an index of the whole ``../shared/corpora`` by default:

* startup to first paint: ``assistant tui`` is started in a pseudo-terminal (100x30) and the
  clock runs from the spawn until the first screen (the status line and the question box)
  has been written to the terminal; also until the index is open and the status line shows
  its counts. Repeated ``--starts`` times; target < 1 s to first paint.
* question to answer shown: in the app (headless, Textual's Pilot), from the Enter key to the
  first screen refresh that shows the answer; the answerer's own time is given beside it.
  Questions come from ``tests/questions/questions.jsonl``. Target < 300 ms.

Without ``--index``, the index lives in ``$TMPDIR/docs-assistant-bench/corpora-index`` and is
built there once (minutes on 2 cores); later runs reuse it. ``--index`` takes any built index.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
QUESTIONS = REPO / "tests" / "questions" / "questions.jsonl"
DEFAULT_INDEX = Path(tempfile.gettempdir()) / "docs-assistant-bench" / "corpora-index"
ASSISTANT = Path(sys.executable).with_name("assistant")
SIZE = (100, 30)


def ensure_index(index: Path, roots: list[str]) -> None:
    """Build the index once if it is missing (never rebuilds an existing one)."""
    from assistant.search import build_index, index_status

    if index_status(str(index)).exists:
        return
    print(f"building {index} from {', '.join(roots)} (once; reused on later runs)…", flush=True)
    started = time.perf_counter()
    summary = build_index(roots, str(index))
    print(f"  built {summary.docs:,} docs in {time.perf_counter() - started:.0f} s", flush=True)


# -- startup, in a real pseudo-terminal ---------------------------------------------------


def quit_app(process: subprocess.Popen, master: int, seen: bytearray) -> None:
    """Press ctrl+q and keep the pty drained while the app exits (at most 5 s)."""
    os.write(master, b"\x11")
    deadline = time.perf_counter() + 5
    while process.poll() is None and time.perf_counter() < deadline:
        read_until(master, [], time.perf_counter() + 0.05, seen)


def reap(process: subprocess.Popen, master: int) -> None:
    """Wait for the app to end (killing its session after 5 s) and close the pty."""
    if process.poll() is None:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    os.close(master)


def read_until(fd: int, wanted: list[bytes], deadline: float, seen: bytearray) -> bool:
    """Read the pty into ``seen`` until every ``wanted`` is in it (False at the deadline or
    when the app is gone)."""
    while time.perf_counter() < deadline:
        if wanted and all(w in seen for w in wanted):
            return True
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            seen.extend(chunk)
    return all(w in seen for w in wanted)


def start_once(index: str, roots: list[str]) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and to the index being open (counts shown)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    args = [str(ASSISTANT), "tui", "--index", index]
    for root in roots:
        args += ["--corpus", root]
    started = time.perf_counter()
    process = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        cwd=REPO,
    )
    os.close(slave)
    seen = bytearray()
    try:
        deadline = started + 60
        # The cursor sits on the placeholder's first letter, so match from its second.
        first_frame = [b"docs-assistant", b"sk a question", b"Open source"]
        if not read_until(master, first_frame, deadline, seen):
            raise RuntimeError(f"no first paint; the terminal got:\n{seen[-2000:]!r}")
        painted = time.perf_counter() - started
        if not read_until(master, [b" passages"], deadline, seen):
            raise RuntimeError(f"the index never opened; the terminal got:\n{seen[-2000:]!r}")
        opened = time.perf_counter() - started
        quit_app(process, master, seen)
        return painted, opened
    finally:
        reap(process, master)


# -- answers, in the app ------------------------------------------------------------------


def load_questions(limit: int) -> list[str]:
    """Questions from the public question set (the seed ones repeated if it is missing)."""
    questions: list[str] = []
    if QUESTIONS.is_file():
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(json.loads(line)["question"])
    if not questions:
        questions = ["Can Power BI move my data out of geo?", "Which regions are in Europe?"]
    return (questions * (limit // len(questions) + 1))[:limit]


async def answer_times(index: str, roots: list[str], questions: list[str]) -> dict:
    from assistant.gaps import GapsLog
    from assistant.tui.app import AssistantApp
    from assistant.tui.history import QuestionHistory
    from assistant.tui.library import Library
    from assistant.tui.widgets.answer import AnswerView
    from assistant.tui.widgets.question import QuestionInput

    library = Library(index, roots)
    ask_seconds: list[float] = []
    plain_ask = library.ask

    def timed_ask(question: str):  # noqa: ANN202 - an Answer
        started = time.perf_counter()
        try:
            return plain_ask(question)
        finally:
            ask_seconds.append(time.perf_counter() - started)

    library.ask = timed_ask  # type: ignore[method-assign]
    # Benchmark questions stay out of the history and the gaps log.
    app = AssistantApp(library, QuestionHistory(None), GapsLog(None))
    shown_seconds: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.perf_counter() + 600
        while not app.index_state.can_answer:
            if app.index_state.phase == "error" or time.perf_counter() > deadline:
                raise RuntimeError(app.index_state.message)
            await pilot.pause(0.05)
        view = app.screen.query_one(AnswerView)
        box = app.screen.query_one(QuestionInput)
        painted = asyncio.Event()
        painted_at = [0.0]
        show = view.show_answer

        def mark() -> None:
            # The clock stops here, in the app, right after the screen update that shows the
            # answer (the benchmark's own coroutine may wake up later than that).
            painted_at[0] = time.perf_counter()
            painted.set()

        def show_and_mark(answer, **shown) -> None:  # noqa: ANN001, ANN003
            show(answer, **shown)
            app.call_after_refresh(mark)

        view.show_answer = show_and_mark  # type: ignore[method-assign]
        for question in questions:
            box.value = question
            painted.clear()
            started = time.perf_counter()
            await pilot.press("enter")
            await asyncio.wait_for(painted.wait(), timeout=30)
            shown_seconds.append(painted_at[0] - started)
    return {"shown": shown_seconds, "ask": ask_seconds}


def describe(label: str, seconds: list[float], target: float | None = None) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    text = (f"{label}: n={len(ms)}  median {statistics.median(ms):.0f} ms  p95 {p95:.0f} ms  "
            f"max {ms[-1]:.0f} ms")
    if target is not None:
        text += f"  (target < {target * 1000:.0f} ms: {'met' if p95 < target * 1000 else 'MISSED'})"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", help="an index to use (default: built once in the cache)")
    parser.add_argument("--corpus", action="append", help="corpus root(s) the index is of")
    parser.add_argument("--questions", type=int, default=60, help="questions to time")
    parser.add_argument("--starts", type=int, default=5, help="app starts to time")
    options = parser.parse_args()
    roots = options.corpus or [str(CORPORA)]
    for root in roots:
        if not Path(root).is_dir():
            print(f"corpus not found: {root}", file=sys.stderr)
            return 2
    index = Path(options.index) if options.index else DEFAULT_INDEX
    if not options.index:
        index.parent.mkdir(parents=True, exist_ok=True)
        ensure_index(index, roots)

    from assistant.search import index_status

    status = index_status(str(index), roots)
    print(f"index {index}: {status.docs:,} docs, {status.passages:,} passages, "
          f"{status.tables:,} tables (stale: {status.stale})")

    paints, opens = [], []
    for _ in range(options.starts):
        painted, opened = start_once(str(index), roots)
        paints.append(painted)
        opens.append(opened)
    print(describe("startup to first paint", paints, 1.0))
    print(describe("startup to index open (answers possible)", opens))

    times = asyncio.run(answer_times(str(index), roots, load_questions(options.questions)))
    print(describe("Enter to answer shown", times["shown"], 0.3))
    print(describe("  of which the answerer", times["ask"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
