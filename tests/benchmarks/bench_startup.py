"""One question from the shell: wall time and peak memory of whole processes (a script).

    .venv/bin/python tests/benchmarks/bench_startup.py --index DIR [--seed-index DIR]
        [--old CHECKOUT --old-index DIR] [--runs N]

Runs ``assistant ask QUESTION --index DIR`` and ``assistant search QUERY --index DIR`` as
fresh processes ``--runs`` times each, as a support engineer would, and prints the median
wall time and the largest peak resident memory (from ``wait4``'s rusage). ``--seed-index``
times the same question on a small index for comparison (the target: the large index at most
3x that, under 300 MB; search under 0.5 s). ``--old CHECKOUT`` runs an older checkout of the
code the same way, on ``--old-index`` (an index that code built: the store format may differ),
so old and new are measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QUESTION = "How long are sandbox backups kept?"
QUERY = "sandbox backups retained"


def run_once(code: Path, args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one ``assistant`` process run from ``code``."""
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from assistant.cli import main; sys.exit(main())",
         *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed (code {code})")
    return wall, usage.ru_maxrss / 1024  # KB on Linux


def measure(label: str, code: Path, args: list[str], runs: int) -> float:
    """Print the median wall time and the peak memory; return the median."""
    results = [run_once(code, args) for _ in range(runs)]
    walls = [w for w, _ in results]
    peak = max(m for _, m in results)
    median = statistics.median(walls)
    print(f"  {label:<34} median {median:6.2f} s (min {min(walls):.2f}, max {max(walls):.2f})"
          f"   peak {peak:6.0f} MB")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="a large index (e.g. all corpora)")
    parser.add_argument("--seed-index", help="a small index, for the 3x comparison")
    parser.add_argument("--old", type=Path, help="an older checkout of the code")
    parser.add_argument("--old-index", help="the large index that older code built")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    runs = args.runs
    sides = [("new", REPO, args.index)]
    if args.old is not None:
        sides.insert(0, ("old", args.old.resolve(), args.old_index or args.index))
    for name, code, index in sides:
        print(f"{name} ({code}):")
        if args.seed_index and name == "new":
            seed = measure("ask, small index", code, ["ask", QUESTION, "--index",
                                                      args.seed_index], runs)
        large = measure("ask, large index", code, ["ask", QUESTION, "--index", index], runs)
        measure("search, large index", code, ["search", QUERY, "--index", index], runs)
        if args.seed_index and name == "new":
            print(f"  large/small: {large / seed:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
