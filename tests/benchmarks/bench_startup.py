"""One question from the shell, and the app's first answer: whole processes (a script).

    .venv/bin/python tests/benchmarks/bench_startup.py --index DIR [--seed-index DIR]
        [--old CHECKOUT --old-index DIR [--old-seed-index DIR]] [--runs N] [--no-app]

Runs ``assistant ask QUESTION --index DIR`` and ``assistant search QUERY --index DIR`` as
fresh processes ``--runs`` times each, as a support engineer would, and prints the median
wall time and the largest peak resident memory (from ``wait4``'s rusage). ``--seed-index``
times the same question on a small index for comparison (the target: the large index at most
3x that, under 300 MB; search under 0.5 s).

Then the app (``assistant tui --index DIR`` in a pseudo-terminal, 100x30): the question is
typed and Enter pressed as soon as the first screen is painted, and the clock runs until the
answer is on the terminal (target: under 1 s after Enter); first paint and the answer are
also timed from the spawn.

``--old CHECKOUT`` runs an older checkout of the code the same way, on ``--old-index`` (and
``--old-seed-index``): indexes that code built, as the store format may differ. Old and new
take turns run by run, so both see the same load.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench_tui import quit_app, read_until, reap  # the same handling of the app in a pty

REPO = Path(__file__).resolve().parents[2]
QUESTION = "How long are sandbox backups kept?"
# What the answer to QUESTION says (on the terminal once the app shows it).
ANSWER_MARK = b"retained for up to 7 days"
QUERY = "sandbox backups retained"
SIZE = (100, 30)
_LAUNCH = "import sys; from assistant.cli import main; sys.exit(main())"


@dataclass
class Side:
    """One checkout of the code and the indexes it reads."""

    name: str
    code: Path
    index: str
    seed_index: str | None
    figures: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def run(self, label: str, measure: Callable[[], tuple[float, float]]) -> None:
        self.figures.setdefault(label, []).append(measure())


def run_once(code: Path, args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one ``assistant`` process run from ``code``."""
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _LAUNCH, *args], env=env, cwd=code,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed (code {code})")
    return wall, usage.ru_maxrss / 1024  # KB on Linux


# -- the app, in a real pseudo-terminal ---------------------------------------------------


def app_once(code: Path, index: str) -> dict[str, float]:
    """Seconds from spawn to first paint, to the answer shown, and from Enter to the answer
    (the question typed and sent as soon as the first screen is painted)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "PYTHONPATH": str(code), "ASSISTANT_HISTORY": "", "ASSISTANT_GAPS": ""}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _LAUNCH, "tui", "--index", index],
                               stdin=slave, stdout=slave, stderr=slave, env=env, cwd=code,
                               start_new_session=True)
    os.close(slave)
    seen = bytearray()
    try:
        deadline = started + 60
        # The cursor sits on the placeholder's first letter, so match from its second.
        if not read_until(master, [b"docs-assistant", b"sk a question"], deadline, seen):
            raise RuntimeError(f"no first paint; the terminal got:\n{seen[-2000:]!r}")
        painted = time.perf_counter()
        seen.clear()
        os.write(master, QUESTION.encode() + b"\r")
        entered = time.perf_counter()
        if not read_until(master, [ANSWER_MARK], deadline, seen):
            raise RuntimeError(f"no answer; the terminal got:\n{seen[-2000:]!r}")
        answered = time.perf_counter()
        quit_app(process, master, seen)
        return {"paint": painted - started, "enter to answer": answered - entered,
                "answer": answered - started}
    finally:
        reap(process, master)


def machine_speed() -> float:
    """Seconds a fixed pure-Python loop takes (the best of three): figures from runs at other
    times compare only as this does (a shared machine's speed drifts by a third)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def report(side: Side) -> None:
    print(f"{side.name} ({side.code}):")
    medians: dict[str, float] = {}
    for label, results in side.figures.items():
        walls = [w for w, _ in results]
        peaks = [m for _, m in results if m]
        median = medians[label] = statistics.median(walls)
        peak = f"   peak {max(peaks):6.0f} MB" if peaks else ""
        print(f"  {label:<34} median {median:6.2f} s (min {min(walls):.2f}, "
              f"max {max(walls):.2f}){peak}")
    if "ask, small index" in medians:
        ratio = medians["ask, large index"] / medians["ask, small index"]
        print(f"  ask large/small: {ratio:.1f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="a large index (e.g. all corpora)")
    parser.add_argument("--seed-index", help="a small index, for the 3x comparison")
    parser.add_argument("--old", type=Path, help="an older checkout of the code")
    parser.add_argument("--old-index", help="the large index that older code built")
    parser.add_argument("--old-seed-index", help="the small index that older code built")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-app", action="store_true", help="leave out the app")
    args = parser.parse_args(argv)
    sides = [Side("new", REPO, args.index, args.seed_index)]
    if args.old is not None:
        sides.insert(0, Side("old", args.old.resolve(), args.old_index or args.index,
                             args.old_seed_index or args.seed_index))
    print(f"load average at start: {os.getloadavg()[0]:.2f}; "
          f"a fixed Python loop: {machine_speed():.3f} s")
    for _ in range(args.runs):
        for side in sides:  # (taking turns: a burst of load hits both)
            code = side.code
            if side.seed_index:
                side.run("ask, small index", lambda c=code, s=side: run_once(
                    c, ["ask", QUESTION, "--index", s.seed_index]))
            side.run("ask, large index", lambda c=code, s=side: run_once(
                c, ["ask", QUESTION, "--index", s.index]))
            side.run("search, large index", lambda c=code, s=side: run_once(
                c, ["search", QUERY, "--index", s.index]))
            if not args.no_app:
                app = app_once(code, side.index)
                for label, seconds in app.items():
                    side.figures.setdefault(f"app: {label}", []).append((seconds, 0.0))
    print(f"load average at end: {os.getloadavg()[0]:.2f}; "
          f"a fixed Python loop: {machine_speed():.3f} s")
    for side in sides:
        report(side)
    return 0


if __name__ == "__main__":
    sys.exit(main())
